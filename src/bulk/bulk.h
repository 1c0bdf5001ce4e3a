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
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/arena.h"
#include "base/sbuf.h"

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

/* ---- an index of records in a file (offindex.c) ---- */

/* Item offsets by hash, 8 bytes a slot; the items stay in their file and
 * the caller tells two of the same hash apart (eq) and gives an item's hash
 * again when the index grows (rehash). */
typedef struct OffIndex {
	uint64_t *slots; /* 16 bits of hash, offset + 1; 0: empty */
	size_t cap, len;
} OffIndex;
typedef bool (*OffIndexEq)(void *ud, int64_t off);
typedef uint64_t (*OffIndexHash)(void *ud, int64_t off);

uint64_t offindex_hash(const void *p, size_t n, bool fold_case); /* FNV-1a, 64-bit */
/* The offset of the item equal to the probe (eq) among those of hash h, or -1. */
int64_t offindex_find(const OffIndex *x, uint64_t h, OffIndexEq eq, void *ud);
/* Add the item at off, replacing an equal one. */
void offindex_put(OffIndex *x, uint64_t h, int64_t off, OffIndexEq eq, OffIndexHash rehash, void *ud);
void offindex_free(OffIndex *x);

/* ---- the files found (filelist.c) ---- */

/* What stat() said of an input; all zero when it must not be trusted. */
typedef struct FileStat {
	long long size, mtime_ns, ctime_ns, ino;
} FileStat;

typedef enum FileKind { FK_FILE, FK_UNREADABLE, FK_SPECIAL, FK_DIRLINK } FileKind;

/* One file found.  Its strings belong to whoever loaded it (a walk's
 * callback, or filelist_load's store). */
typedef struct BulkFile {
	const char *path;   /* as found: the input, or its root joined with rel */
	const char *rel;    /* relative to its input root */
	const char *output; /* OUTDIR/<rel with .yaml> */
	const char *key;    /* manifest key */
	size_t name_at;     /* the output's name below OUTDIR: output + name_at */
	FileKind kind;
	int err; /* errno, for FK_UNREADABLE */
	FileStat st;
	int64_t rec;      /* its record in the list */
	int64_t old_line; /* its manifest line from before this run, or -1 */
	int64_t new_line; /* its manifest line written by this run, or -1 */
} BulkFile;

/* The list, in an unlinked temporary file in OUTDIR, a record per file in
 * the sorted order; memory holds a write buffer and, while files are
 * named, the index of the names taken. */
typedef struct FileList {
	int fd;
	off_t flushed; /* bytes written to the file; the rest is in wbuf */
	Sbuf wbuf;
	OffIndex names; /* output names taken, by their records */
	size_t n;
	bool ok;
	int err; /* errno of the first failed write */
} FileList;

typedef void (*FileListEach)(void *ud, BulkFile *f);

bool filelist_open(FileList *l, const char *outdir, const char **err);
/* Walk the inputs (directories recursively, OUTDIR left out) and give each
 * file found to `each`, in the sorted order (docs/bulk.md); f has path,
 * rel, kind, err and st. */
void filelist_walk(const char *const *inputs, size_t n, dev_t out_dev, ino_t out_ino, FileListEach each,
		   void *ud);
/* f's output path into out (OUTDIR, sep, a name no earlier file took) and
 * f->name_at; then, once its record is added, filelist_take_name. */
void filelist_name(FileList *l, BulkFile *f, const char *outdir, const char *sep, Sbuf *out);
void filelist_take_name(FileList *l, const BulkFile *f, int64_t rec);
/* Append f's record; its offset. */
int64_t filelist_add(FileList *l, const BulkFile *f);
/* Every file is added: drop the names, write the rest; false (err) when
 * the list could not be written. */
bool filelist_done(FileList *l, const char **err);
/* The record at rec into f (strings in store); false on a read error. */
bool filelist_load(FileList *l, int64_t rec, BulkFile *f, Sbuf *store);
/* The record at *pos, and *pos moves past it; false at the end. */
bool filelist_next(FileList *l, int64_t *pos, BulkFile *f, Sbuf *store);
/* The manifest line written for the record at rec. */
void filelist_set_line(FileList *l, int64_t rec, int64_t line);
void filelist_close(FileList *l);

/* ---- the manifest (manifest.c) ---- */

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
	int fd;         /* open for appending and reading back; -1 when unusable */
	OffIndex index; /* key -> its latest line, until dropped */
} Manifest;

/* Open (creating) and index OUTDIR's manifest; an unreadable one is
 * reported and ignored (everything is converted again). */
void manifest_open(Manifest *m, const char *outdir);
/* The offset of key's latest line, or -1 (from the index). */
int64_t manifest_find(Manifest *m, const char *key);
/* Free the index (the lines stay where they are). */
void manifest_drop_index(Manifest *m);
/* The entry of the line at `line` into e, and its result JSON into json
 * (without newline); false when there is none or it cannot be read. */
bool manifest_read(Manifest *m, int64_t line, ManifestEntry *e, Sbuf *json);
/* Append a result; `e` gives the fields, its off/len are set.  The offset
 * of the line written, or -1. */
int64_t manifest_add(Manifest *m, const char *key, ManifestEntry *e, const char *json, size_t len);
/* Rewrite the manifest with one line per file of `files` (its latest),
 * atomically, and close it. */
void manifest_compact_close(Manifest *m, FileList *files);

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
