/* bulk.h - bulk conversion: its entry point (for src/cli), and what the
 * bulk supervisor (bulk.c), its worker (worker.c) and its manifest
 * (manifest.c) share, private to src/bulk.
 *
 * The manifest, OUTDIR/.akko-manifest, remembers one result per input: a
 * line of space-separated fields and the result's JSON line (docs/bulk.md):
 *
 *   <key> <sha256> <options> <size> <mtime_ns> <ctime_ns> <ino> <rc> <gate_fail> <status> <result JSON>
 *
 * key is the SHA-256 of the input path and the output path; options the
 * fingerprint of everything that changes an output (the version included).
 * Lines are appended as files finish, so a killed run loses nothing it
 * finished; the next run rewrites the file with one line per input.
 */
#ifndef AKKO_BULK_H
#define AKKO_BULK_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/arena.h"
#include "base/sbuf.h"
#include "base/strmap.h"

/* ---- the entry point (bulk.c) ---- */

struct ConvertOptions;

typedef struct BulkOptions {
	unsigned jobs;    /* parallel workers; 0: online cores */
	unsigned shard_k; /* 1-based shard, with shard_n; 0: no sharding */
	unsigned shard_n;
	const char *results;     /* NULL: OUTDIR/results.jsonl (shards: results.shard-K-of-N.jsonl) */
	bool force;              /* ignore the manifest */
	unsigned file_timeout;   /* seconds of wall time per file */
	unsigned file_memory_mb; /* address space per worker, MB */
} BulkOptions;

/* Convert every job file found in `inputs` (directories walked, files
 * taken as they are) to o->output (a directory), in parallel workers;
 * returns the process exit code.  docs/bulk.md describes it. */
int bulk_convert(const struct ConvertOptions *o, const BulkOptions *b, const char *const *inputs, size_t n);

/* ---- one run per OUTDIR (lock.c) ---- */

/* Take OUTDIR/.akko-lock for this run.  Returns EXIT_OK (*fd set, or -1
 * with a warning on a file system without locks) or EXIT_BUSY when another
 * run holds it (reported as E0007, with the holder it recorded). */
int bulk_lock_outdir(const char *outdir, int *fd);
/* Empty the lock file and release it (fd -1: nothing to do). */
void bulk_unlock_outdir(int fd);

/* ---- the manifest (manifest.c) ---- */

/* What stat() said of an input; all zero when it must not be trusted. */
typedef struct FileStat {
	long long size, mtime_ns, ctime_ns, ino;
} FileStat;

typedef struct ManifestEntry {
	char sha256[65];
	char options[65];
	FileStat st;     /* the input when it was hashed, or zeros (racy) */
	int rc;          /* the file's exit code, EXIT_GATE never stored */
	bool gate_fail;  /* converted, but the gate fails */
	char status[12]; /* converted, error or skipped */
	off_t off;       /* the result JSON in the manifest file */
	size_t len;
} ManifestEntry;

typedef struct Manifest {
	char *path;
	int fd; /* open for appending and reading back; -1 when unusable */
	StrMap map;
	Arena arena;
} Manifest;

/* Open (creating) and read OUTDIR's manifest; an unreadable one is
 * reported and ignored (everything is converted again). */
void manifest_open(Manifest *m, const char *outdir);
ManifestEntry *manifest_get(Manifest *m, const char *key);
/* Append a result; `e` gives the fields, its off/len are set. */
void manifest_add(Manifest *m, const char *key, ManifestEntry *e, const char *json, size_t len);
/* The stored result JSON of e into out (without newline); false on a read error. */
bool manifest_read_json(Manifest *m, const ManifestEntry *e, Sbuf *out);
/* Rewrite the manifest with the entries of `keys` only (the inputs found
 * this run), atomically, and close it. */
void manifest_compact_close(Manifest *m, const char *const *keys, size_t n);

/* ---- the worker (worker.c) ---- */

/* In a forked child: convert the files the supervisor sends on cmd_fd,
 * one at a time, each under a wall-time alarm a little after timeout_s,
 * with an address-space limit of mb MB for the process (0: none; never in
 * sanitizer builds); write each file's result to fd; _exit at the end of
 * cmd_fd (or after an allocation failure).  A command is
 *   "<path length> <output length>\n" path output sha256 (64 hex digits)
 * and a result is 8 lines:
 *   <rc> <gate_fail> / status / reason (JSON) / reason (text) / summary
 *   (JSON or null) / errors (JSON or null) / summary line (text) / "."
 * Without the final ".", the worker died before it finished the file. */
/* write() all of p to fd (EINTR retried); false when it cannot. */
bool bulk_write_all(int fd, const char *p, size_t n);

NORETURN void bulk_worker_loop(const struct ConvertOptions *o, unsigned timeout_s, unsigned mb, int cmd_fd,
			       int fd);

#endif
