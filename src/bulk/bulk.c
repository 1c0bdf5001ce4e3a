/* bulk.c - bulk conversion (src/bulk): every job file of a tree,
 * in parallel worker processes, one result line per file, incremental.
 *
 *   walk inputs (sorted) -> output names (collisions resolved) -> the list
 *     on disk (filelist.c) -> shard -> largest first
 *     -> per file: manifest says unchanged? reuse its result
 *                  : sniff -> not a job export? skipped
 *                          : a worker (limits) -> converted | error
 *                                               | crashed | timeout | memory
 *
 * The supervisor never parses a job file: a crash, hang or runaway
 * allocation stays in its worker and becomes that file's result.  Results
 * stream to results.jsonl; docs/bulk.md describes the format, which `akko-
 * migrate report` reads.  Its memory does not grow with the estate: per
 * file it keeps 16 bytes of schedule; the rest is on disk.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "bulk/bulk.h"
#include "driver/driver.h"
#include "expr/dialect.h"
#include "parsers/detect.h"
#include "parsers/frontend.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

enum { SNIFF_BYTES = 64 * 1024 };
/* A file changed less than this before it was hashed may change again
 * within the same timestamp tick: its stat is not trusted next time. */
#define RACY_NS (100LL * 1000 * 1000)

/* A worker slot: a worker process converts the files the supervisor sends
 * it, one at a time, until it has served WORKER_FILES or its slot has no
 * more work; `f` is the file in flight. */
typedef struct Job {
	BulkFile *f;   /* NULL: idle; else &file */
	BulkFile file; /* the file in flight, its strings in store */
	Sbuf store;
	char sha256[65];
	pid_t pid;       /* the worker; 0: none */
	int fd;          /* its results */
	int cmd_fd;      /* its commands */
	unsigned served; /* files it finished before f */
	Sbuf msg;
	long long start_ms;
	bool timed_out;
} Job;

/* Files one worker converts before it is replaced: its heap is reused
 * (no fork and no fresh pages per file) while whatever a file leaves in
 * it stays bounded. */
enum { WORKER_FILES = 64 };

/* A file to convert: its size and its record in the list (whose order
 * the record offsets follow). */
typedef struct Sched {
	long long size;
	int64_t rec;
} Sched;

typedef struct Counts {
	size_t files, converted, reused, gate_fail, errors, skipped, crashed;
} Counts;

typedef struct Bulk {
	const ConvertOptions *o;
	const BulkOptions *b;
	Arena arena;   /* a few strings of the run */
	FileList list; /* every file found, on disk */
	Sched *sched;  /* the files to convert, largest first */
	dev_t out_dev; /* OUTDIR, never walked */
	ino_t out_ino;
	char options[65]; /* fingerprint of the options */
	Manifest manifest;
	int results_fd;
	const char *results_path;
	Counts c;
	int worst;
	size_t selected, done;
	long long t0_ms;
	bool tty;            /* progress bar on stderr */
	long long bar_ms;    /* last redraw */
	char made_dir[4096]; /* last output directory created */
	Sbuf line, json;     /* scratch */
	Sbuf old_json;       /* a result from the manifest */
	Sbuf name, key;      /* scratch of the walk */
} Bulk;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* I/O failures outrank input errors, which outrank gate failures. */
static int worse(int worst, int rc)
{
	if (rc == EXIT_INTERNAL || (rc == EXIT_IO && worst != EXIT_INTERNAL) ||
	    (rc == EXIT_INPUT && (worst == EXIT_OK || worst == EXIT_GATE)) ||
	    (rc == EXIT_GATE && worst == EXIT_OK))
		return rc;
	return worst;
}

/* ---- discovery ---------------------------------------------------------- */

/* A file found (filelist.c walks in the sorted order): its output name and
 * manifest key, its old manifest line, and its record on disk.  Nothing of
 * it stays in memory but its slot in the index of names taken. */
static void found_file(void *ud, BulkFile *f)
{
	Bulk *k = ud;
	const char *outdir = k->o->output;
	size_t dl = strlen(outdir);
	filelist_name(&k->list, f, outdir, dl && outdir[dl - 1] == '/' ? "" : "/", &k->name);
	f->output = k->name.buf;
	sbuf_reset(&k->key);
	sbuf_adds(&k->key, f->path);
	sbuf_addch(&k->key, '\0');
	sbuf_adds(&k->key, f->output);
	char hex[65];
	driver_sha256_hex(k->key.buf, k->key.len, hex);
	f->key = hex;
	f->old_line = manifest_find(&k->manifest, hex);
	int64_t rec = filelist_add(&k->list, f);
	filelist_take_name(&k->list, f, rec);
}

/* Largest first, then in list order: the long conversions start early
 * and the short ones fill the gaps (less time with one busy worker at the
 * end).  Results stream in this order; outputs do not depend on it. */
static int by_size_desc(const void *a, const void *b)
{
	const Sched *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* The files of this shard, from the list on disk, in their turns: 16
 * bytes each.  Read once the walk is done and the names' index is gone, so
 * that the two are never in memory together.  False when the list cannot
 * be read back. */
static bool schedule(Bulk *k)
{
	size_t n = k->list.n, i = 0, nn = k->b->shard_n, kk = k->b->shard_k;
	size_t want = !nn ? n : n >= kk ? (n - kk) / nn + 1 : 0;
	k->sched = xcalloc(want + 1, sizeof *k->sched);
	BulkFile f;
	Sbuf store = SBUF_INIT;
	int64_t pos = 0;
	for (; i < n && filelist_next(&k->list, &pos, &f, &store); i++)
		if ((!nn || i % nn == kk - 1) && k->selected < want)
			k->sched[k->selected++] = (Sched){f.st.size, f.rec};
	sbuf_release(&store);
	if (k->selected > 1)
		qsort(k->sched, k->selected, sizeof *k->sched, by_size_desc);
	return i == n;
}

/* ---- the options fingerprint --------------------------------------------- */

/* Everything that changes an output or a result: the version, the options,
 * SOURCE_DATE_EPOCH and the parameter files' contents.  False (reported)
 * when a parameter file cannot be read. */
static bool fingerprint(Bulk *k)
{
	const ConvertOptions *o = k->o;
	Sbuf s = SBUF_INIT;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	sbuf_addf(&s, "akko-migrate %s\ndialect=%s\nnull=%d\nmin_overall=%.17g\nmin_object=%.17g\n",
		  PACKAGE_VERSION, o->dialect ? o->dialect->name : "postgres", (int)o->null_compare,
		  o->min_overall, o->min_object);
	/* generated_at comes from SOURCE_DATE_EPOCH even without --timestamp */
	sbuf_addf(&s, "timestamp=%d\nsde=%s\nmax_errors=%u\n", o->timestamp, sde ? sde : "", o->max_errors);
	/* the LLM fallback changes outputs: whether it is on, and what answers */
	if (o->llm.enabled)
		sbuf_addf(&s, "llm=%s\nllm_url=%s\nllm_replay=%s\nllm_max_tokens=%u\n", o->llm.model,
			  o->llm.endpoint ? o->llm.endpoint : "", o->llm.replay_dir ? o->llm.replay_dir : "",
			  o->llm.max_tokens);
	/* -I: which macros a workflow expands (by path: a macro edited in place
	 * is not noticed; --force reconverts) */
	for (size_t i = 0; i < o->n_include_dirs; i++)
		sbuf_addf(&s, "include=%s\n", o->include_dirs[i]);
	bool ok = true;
	for (size_t i = 0; i < o->n_param_files; i++) {
		SrcFile pf;
		const char *err;
		if (!srcfile_read(&pf, o->param_files[i], &err)) {
			fprintf(stderr, "akko-migrate: error: cannot read parameter file '%s': %s [%s]\n",
				o->param_files[i], err, diag_code_str(E_PARAM_READ));
			ok = false;
			continue;
		}
		sbuf_addf(&s, "param=%s\n%zu\n", o->param_files[i], pf.len);
		sbuf_add(&s, pf.text, pf.len);
		srcfile_release(&pf);
	}
	driver_sha256_hex(s.buf, s.len, k->options);
	sbuf_release(&s);
	return ok;
}

/* ---- result lines ------------------------------------------------------- */

static void json_str_or_null(Sbuf *sb, const char *s)
{
	if (s)
		sbuf_add_json_string(sb, s, strlen(s));
	else
		sbuf_adds(sb, "null");
}

/* The results.jsonl line (no newline); summary and errors are JSON text or
 * NULL. */
static void result_json(Sbuf *sb, const BulkFile *f, const char *sha, const char *status,
			const char *reason_json, long long elapsed_ms, const char *output,
			const char *summary, const char *errors)
{
	sbuf_reset(sb);
	sbuf_adds(sb, "{\"v\":1,\"file\":");
	json_str_or_null(sb, f->path);
	sbuf_adds(sb, ",\"rel\":");
	json_str_or_null(sb, f->rel);
	sbuf_adds(sb, ",\"sha256\":");
	json_str_or_null(sb, sha && *sha ? sha : NULL);
	sbuf_addf(sb, ",\"status\":\"%s\",\"reason\":%s", status, reason_json ? reason_json : "null");
	sbuf_addf(sb, ",\"reused\":false,\"elapsed_ms\":%lld,\"output\":", elapsed_ms);
	json_str_or_null(sb, output);
	sbuf_adds(sb, ",\"summary\":");
	sbuf_adds(sb, summary ? summary : "null");
	if (errors && strcmp(errors, "null") != 0) {
		sbuf_adds(sb, ",\"errors\":");
		sbuf_adds(sb, errors);
	}
	sbuf_addch(sb, '}');
}

static void clear_bar(Bulk *k)
{
	if (k->tty && k->bar_ms)
		fputs("\r\033[K", stderr);
}

static void draw_bar(Bulk *k, bool force)
{
	long long now = now_ms();
	if (!k->tty || (!force && now - k->bar_ms < 100))
		return;
	k->bar_ms = now;
	double secs = (double)(now - k->t0_ms) / 1000.0;
	double rate = secs > 0 ? (double)k->done / secs : 0;
	size_t left = k->selected - k->done;
	fprintf(stderr, "\r\033[K[%zu/%zu] %3d%%  %.1f files/s", k->done, k->selected,
		k->selected ? (int)(100 * k->done / k->selected) : 100, rate);
	if (rate > 0 && left)
		fprintf(stderr, "  ETA %.0f s", (double)left / rate);
	fflush(stderr);
}

/* Stream one line to results.jsonl (and stdout with --format json). */
static void emit_line(Bulk *k, const Sbuf *json)
{
	Sbuf *l = &k->line;
	sbuf_reset(l);
	sbuf_add(l, json->buf, json->len);
	sbuf_addch(l, '\n');
	if (k->results_fd >= 0 && write(k->results_fd, l->buf, l->len) != (ssize_t)l->len) {
		fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n", k->results_path,
			strerror(errno), diag_code_str(E_IO_WRITE));
		close(k->results_fd);
		k->results_fd = -1;
		k->worst = worse(k->worst, EXIT_IO);
	}
	if (k->o->json) {
		fwrite(l->buf, 1, l->len, stdout);
		fflush(stdout);
	}
}

/* Count a finished file, print its line (unless -q) and redraw the bar. */
static void finish(Bulk *k, const BulkFile *f, const char *status, int rc, bool gate_fail, bool reused,
		   const char *reason, const char *note)
{
	Counts *c = &k->c;
	c->files++;
	if (strcmp(status, "converted") == 0) {
		c->converted++;
		c->reused += reused;
		c->gate_fail += gate_fail;
		if (gate_fail && k->o->gate)
			rc = worse(rc, EXIT_GATE);
	} else if (strcmp(status, "skipped") == 0) {
		c->skipped++;
	} else if (strcmp(status, "error") == 0) {
		c->errors++;
	} else {
		c->crashed++;
		rc = EXIT_INPUT;
	}
	k->worst = worse(k->worst, rc);
	k->done++;
	if (!k->o->quiet && !reused) {
		clear_bar(k);
		if (note && *note)
			fprintf(stderr, "%s\n", note);
		else
			fprintf(stderr, "%s: %s%s%s\n", f->path, status, reason ? ": " : "",
				reason ? reason : "");
	}
	draw_bar(k, false);
}

static void record(Bulk *k, const BulkFile *f, const char *sha, const char *status, int rc, bool gate_fail,
		   const char *json, size_t len)
{
	ManifestEntry e = {0};
	memcpy(e.sha256, sha, 65);
	memcpy(e.options, k->options, 65);
	e.st = f->st;
	e.rc = rc;
	e.gate_fail = gate_fail;
	snprintf(e.status, sizeof e.status, "%s", status);
	int64_t line = manifest_add(&k->manifest, f->key, &e, json, len);
	if (line >= 0)
		filelist_set_line(&k->list, f->rec, line);
}

/* ---- the supervisor's share of a file ------------------------------------ */

/* Can the manifest's result for f (e, its JSON in `json`) be reused: its
 * content and the options unchanged, and its output still there? */
static bool reusable(Bulk *k, const BulkFile *f, const char *sha, const ManifestEntry *e, const Sbuf *json)
{
	struct stat st;
	if (!e || strcmp(e->sha256, sha) != 0 || strcmp(e->options, k->options) != 0)
		return false;
	if (strcmp(e->status, "converted") == 0 && stat(f->output, &st) != 0)
		return false;
	return strstr(json->buf, ",\"reused\":false,") != NULL;
}

/* Reuse it: the result line again, with "reused":true. */
static void reuse(Bulk *k, BulkFile *f, const ManifestEntry *e, Sbuf *json)
{
	if (memcmp(&e->st, &f->st, sizeof f->st) != 0) {
		/* same content, new stat (touched, copied): remember the new one */
		ManifestEntry ne = *e;
		ne.st = f->st;
		int64_t line = manifest_add(&k->manifest, f->key, &ne, json->buf, json->len);
		if (line >= 0)
			filelist_set_line(&k->list, f->rec, line);
	}
	/* the same length: JSON allows the space */
	memcpy(strstr(json->buf, ",\"reused\":false,"), ",\"reused\":true ,", 16);
	emit_line(k, json);
	finish(k, f, e->status, e->rc, e->gate_fail, true, NULL, NULL);
}

/* The file's hash (from the manifest's entry e when its stat is unchanged)
 * and, when read, its first bytes; false (recorded as an error) when
 * unreadable. */
static bool hash_file(BulkFile *f, const ManifestEntry *e, char sha[65], char *prefix, size_t *plen,
		      bool *sniffed)
{
	*sniffed = false;
	if (e && e->st.size && memcmp(&e->st, &f->st, sizeof f->st) == 0) {
		memcpy(sha, e->sha256, 65);
		return true;
	}
	long long t = realtime_ns();
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !driver_hash_fd(fd, sha, prefix, SNIFF_BYTES, plen)) {
		f->err = errno;
		if (fd >= 0)
			close(fd);
		return false;
	}
	close(fd);
	*sniffed = true;
	/* Changed within a tick of the read: a later change could keep the same
	 * stat, so it is hashed again next time. */
	if (f->st.mtime_ns > t - RACY_NS || f->st.ctime_ns > t - RACY_NS)
		f->st = (FileStat){0};
	return true;
}

static bool sniff(BulkFile *f, char *prefix, size_t *plen)
{
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		f->err = errno;
		return false;
	}
	ssize_t n;
	*plen = 0;
	while (*plen < SNIFF_BYTES && (n = read(fd, prefix + *plen, SNIFF_BYTES - *plen)) > 0)
		*plen += (size_t)n;
	close(fd);
	return true;
}

/* A result the supervisor decides alone (no worker). */
static void settle(Bulk *k, BulkFile *f, const char *sha, const char *status, int rc, const char *reason,
		   long long t0, bool remember)
{
	Sbuf r = SBUF_INIT, errors = SBUF_INIT;
	json_str_or_null(&r, reason);
	sbuf_addf(&errors, "[%s]", r.buf);
	result_json(&k->json, f, sha, status, r.buf, now_ms() - t0, NULL, NULL,
		    strcmp(status, "error") == 0 ? errors.buf : NULL);
	sbuf_release(&r);
	sbuf_release(&errors);
	if (remember && sha)
		record(k, f, sha, status, rc, false, k->json.buf, k->json.len);
	emit_line(k, &k->json);
	finish(k, f, status, rc, false, false, reason, NULL);
}

/* What the supervisor decided for a file, ahead of its turn (so that its
 * reading and hashing overlap the workers' conversions), and carries out
 * when its turn comes (so that results keep the order of turns). */
typedef enum Verdict { V_CONVERT, V_REUSE, V_SETTLE } Verdict;

typedef struct Decision {
	BulkFile f;
	Sbuf store; /* f's strings */
	char sha[65];
	Verdict verdict;
	ManifestEntry old; /* V_REUSE: the entry, its JSON in json */
	Sbuf json;
	const char *status; /* V_SETTLE: the result */
	int rc;
	bool remember;
	char reason[512];
	long long ms; /* spent deciding */
} Decision;

/* Decide d->f without a worker when possible: reuse its result, skip it,
 * or record why it cannot be read; else it goes to a worker (d->sha set). */
static void decide(Bulk *k, Decision *d)
{
	static char prefix[SNIFF_BYTES];
	long long t0 = now_ms();
	BulkFile *f = &d->f;
	size_t plen = 0;
	bool sniffed = false;
	d->sha[0] = '\0';
	d->verdict = V_SETTLE;
	d->remember = false;
	d->rc = EXIT_OK;
	d->status = "skipped";
	if (f->kind == FK_DIRLINK || f->kind == FK_SPECIAL) {
		snprintf(d->reason, sizeof d->reason, "%s",
			 f->kind == FK_DIRLINK ? "a symbolic link to a directory (not followed)"
					       : "not a regular file");
		d->ms = now_ms() - t0;
		return;
	}
	/* the file's entry from an earlier run (--force: none) */
	const ManifestEntry *e =
	    !k->b->force && manifest_read(&k->manifest, f->old_line, &d->old, &d->json) ? &d->old : NULL;
	if (f->kind == FK_FILE && hash_file(f, e, d->sha, prefix, &plen, &sniffed)) {
		if (reusable(k, f, d->sha, e, &d->json)) {
			d->verdict = V_REUSE;
		} else if (sniffed || sniff(f, prefix, &plen)) {
			Detection det;
			detect_tool(prefix, plen, &det);
			/* a prefix of whitespace may hide a file: the converter decides */
			if (det.tool != TOOL_UNKNOWN || (det.empty && plen == SNIFF_BYTES))
				d->verdict = V_CONVERT;
			snprintf(d->reason, sizeof d->reason, "%s%s",
				 det.empty || det.binary ? "" : "not a job export: ", det.reason);
			d->remember = true;
		}
		if (d->verdict != V_SETTLE || d->remember) {
			d->ms = now_ms() - t0;
			return;
		}
	}
	snprintf(d->reason, sizeof d->reason, "cannot read '%s': %s", f->path, strerror(f->err));
	d->status = "error";
	d->rc = EXIT_IO;
	d->ms = now_ms() - t0;
}

/* Carry out d when its turn comes; true when a worker must convert it. */
static bool carry_out(Bulk *k, Decision *d)
{
	if (d->verdict == V_CONVERT)
		return true;
	if (d->verdict == V_REUSE)
		reuse(k, &d->f, &d->old, &d->json);
	else
		settle(k, &d->f, d->sha[0] ? d->sha : NULL, d->status, d->rc, d->reason, now_ms() - d->ms,
		       d->remember);
	return false;
}

/* ---- the supervisor's run loop -------------------------------------------- */

/* mkdir -p of the directory part of `file` below OUTDIR. */
static void make_parent(Bulk *k, const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file) : 0;
	if (!n || n >= sizeof k->made_dir || (strncmp(k->made_dir, file, n) == 0 && k->made_dir[n] == '\0'))
		return;
	char dir[sizeof k->made_dir];
	memcpy(dir, file, n);
	dir[n] = '\0';
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0777);
			*p = '/';
		}
	mkdir(dir, 0777);
	memcpy(k->made_dir, dir, n + 1);
}

/* A worker killed while writing leaves <output>.tmp.XXXXXX: remove it. */
static void remove_temporaries(const char *output)
{
	const char *slash = strrchr(output, '/');
	char *dir = slash ? xstrdup(output) : xstrdup(".");
	if (slash)
		dir[slash - output] = '\0';
	const char *base = slash ? slash + 1 : output;
	size_t bl = strlen(base);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, base, bl) == 0 && strncmp(de->d_name + bl, ".tmp.", 5) == 0) {
			char *p = xmalloc(strlen(dir) + strlen(de->d_name) + 2);
			sprintf(p, "%s/%s", dir, de->d_name);
			unlink(p);
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

/* A fresh worker for slot j; false (errno set) when it cannot start. */
static bool spawn_worker(Bulk *k, Job *j, Job *jobs, unsigned nj)
{
	int res[2], cmd[2];
	fflush(stdout);
	fflush(stderr);
	if (pipe(res) != 0)
		return false;
	if (pipe(cmd) != 0) {
		close(res[0]);
		close(res[1]);
		return false;
	}
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(res[0]);
		close(res[1]);
		close(cmd[0]);
		close(cmd[1]);
		errno = e;
		return false;
	}
	if (pid == 0) {
		close(res[0]);
		close(cmd[1]);
		for (unsigned i = 0; i < nj; i++)
			if (jobs[i].pid) {
				close(jobs[i].fd);
				close(jobs[i].cmd_fd);
			}
		bulk_worker_loop(k->o, k->b->file_timeout, k->b->file_memory_mb, cmd[0], res[1]);
	}
	close(res[1]);
	close(cmd[0]);
	fcntl(res[0], F_SETFL, O_NONBLOCK);
	fcntl(res[0], F_SETFD, FD_CLOEXEC);
	fcntl(cmd[1], F_SETFD, FD_CLOEXEC);
	j->pid = pid;
	j->fd = res[0];
	j->cmd_fd = cmd[1];
	j->served = 0;
	j->f = NULL;
	sbuf_reset(&j->msg);
	return true;
}

/* End slot j's worker: closing its commands ends an idle one; `kill_it`
 * for one that may be busy.  The exit status, for a worker that died. */
static int stop_worker(Job *j, bool kill_it)
{
	int ws = 0;
	if (!j->pid)
		return 0;
	if (kill_it)
		kill(j->pid, SIGKILL);
	close(j->cmd_fd);
	close(j->fd);
	while (waitpid(j->pid, &ws, 0) < 0 && errno == EINTR)
		;
	j->pid = 0;
	return ws;
}

/* Hand f to slot j's worker (a fresh one when the slot has none or `fresh`
 * is asked for); a file no worker can take is settled as an error. */
static void start_file(Bulk *k, Job *j, BulkFile *f, const char *sha, Job *jobs, unsigned nj, bool fresh)
{
	make_parent(k, f->output);
	if (fresh || (j->pid && j->served >= WORKER_FILES))
		stop_worker(j, false);
	Sbuf c = SBUF_INIT;
	size_t pl = strlen(f->path), ol = strlen(f->output);
	sbuf_addf(&c, "%zu %zu\n", pl, ol);
	sbuf_add(&c, f->path, pl);
	sbuf_add(&c, f->output, ol);
	sbuf_add(&c, sha, 64);
	bool sent = false;
	/* a worker that died idle (killed from outside) is replaced once */
	for (int attempt = 0; attempt < 2 && !sent; attempt++) {
		if (!j->pid && !spawn_worker(k, j, jobs, nj))
			break;
		sent = bulk_write_all(j->cmd_fd, c.buf, c.len);
		if (!sent)
			stop_worker(j, true);
	}
	sbuf_release(&c);
	if (!sent) {
		char reason[256];
		snprintf(reason, sizeof reason, "cannot start a worker: %s", strerror(errno ? errno : EPIPE));
		settle(k, f, sha, "error", EXIT_INTERNAL, reason, now_ms(), false);
		return;
	}
	j->f = f;
	memcpy(j->sha256, sha, 65);
	j->start_ms = now_ms();
	j->timed_out = false;
	sbuf_reset(&j->msg);
}

/* Split the worker's message into its 8 lines; false when incomplete. */
static bool parse_message(Sbuf *msg, char *line[8])
{
	char *p = msg->buf;
	if (msg->len < 2 || strcmp(msg->buf + msg->len - 2, ".\n") != 0)
		return false;
	for (int i = 0; i < 8; i++) {
		char *nl = strchr(p, '\n');
		if (!nl)
			return false;
		*nl = '\0';
		line[i] = p;
		p = nl + 1;
	}
	return strcmp(line[7], ".") == 0 && *p == '\0';
}

/* Is the message in msg whole (its 8 lines)?  Each line is one line of
 * text: JSON strings escape their newlines, text lines had them replaced. */
static bool message_complete(const Sbuf *msg)
{
	unsigned lines = 0;
	for (size_t i = 0; i < msg->len; i++)
		lines += msg->buf[i] == '\n';
	return lines >= 8;
}

/* f failed in a worker that had converted other files: convert it again,
 * alone in a fresh worker, whose outcome is f's result. */
static void retry_alone(Bulk *k, Job *j, BulkFile *f, Job *jobs, unsigned nj, const char *what)
{
	char sha[65];
	memcpy(sha, j->sha256, 65);
	if (!k->o->quiet) {
		clear_bar(k);
		fprintf(stderr,
			"akko-migrate: note: the worker converting '%s' %s after %u other file%s; the file "
			"is converted again in a fresh worker\n",
			f->path, what, j->served, j->served == 1 ? "" : "s");
	}
	start_file(k, j, f, sha, jobs, nj, true);
}

/* The worker of slot j died, or was killed, with j->f in flight. */
static void worker_died(Bulk *k, Job *j, Job *jobs, unsigned nj, int ws)
{
	BulkFile *f = j->f;
	long long elapsed = now_ms() - j->start_ms;
	j->f = NULL;
	remove_temporaries(f->output);
	/* a worker that converted other files first may have died of what they
	 * left (its heap): the file is converted again, alone in a fresh worker,
	 * and only what happens there is its result; a timeout is the file's
	 * own (its clock starts when it is sent), and is not retried */
	if (j->served > 0 && !j->timed_out) {
		char what[128];
		if (WIFSIGNALED(ws))
			snprintf(what, sizeof what, "was killed by signal %d (%s)", WTERMSIG(ws),
				 strsignal(WTERMSIG(ws)));
		else
			snprintf(what, sizeof what, "%s", "ended without a result");
		retry_alone(k, j, f, jobs, nj, what);
		return;
	}
	char reason[256];
	const char *status = "crashed";
	if (j->timed_out) {
		status = "timeout";
		snprintf(reason, sizeof reason,
			 "no result after %u s (--file-timeout): the worker was killed", k->b->file_timeout);
	} else if (WIFSIGNALED(ws)) {
		snprintf(reason, sizeof reason, "the worker was killed by signal %d (%s)%s", WTERMSIG(ws),
			 strsignal(WTERMSIG(ws)),
			 WTERMSIG(ws) == SIGKILL ? "; the system may have run out of memory" : "");
	} else {
		snprintf(reason, sizeof reason, "the worker exited with status %d without a result",
			 WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
	}
	Sbuf r = SBUF_INIT;
	json_str_or_null(&r, reason);
	result_json(&k->json, f, j->sha256, status, r.buf, elapsed, NULL, NULL, NULL);
	sbuf_release(&r);
	emit_line(k, &k->json);
	finish(k, f, status, EXIT_INPUT, false, false, reason, NULL);
}

/* A whole result from slot j's worker. */
static void file_done(Bulk *k, Job *j, Job *jobs, unsigned nj)
{
	BulkFile *f = j->f;
	long long elapsed = now_ms() - j->start_ms;
	char *l[8];
	if (!parse_message(&j->msg, l)) { /* not ours: the worker is not trusted further */
		worker_died(k, j, jobs, nj, stop_worker(j, true));
		return;
	}
	bool memory = strcmp(l[1], "memory") == 0;
	if (memory) /* the worker ends after an allocation failure */
		stop_worker(j, true);
	if (memory && j->served > 0) { /* the heap of earlier files may count: alone, afresh */
		j->f = NULL;
		retry_alone(k, j, f, jobs, nj, "ran out of memory (--file-memory)");
		return;
	}
	j->f = NULL;
	j->served++;
	int rc = EXIT_INTERNAL, gate_fail = 0;
	sscanf(l[0], "%d %d", &rc, &gate_fail);
	bool converted = strcmp(l[1], "converted") == 0;
	result_json(&k->json, f, j->sha256, l[1], l[2], elapsed, converted ? f->output : NULL,
		    strcmp(l[4], "null") ? l[4] : NULL, converted ? NULL : l[5]);
	if (converted || (strcmp(l[1], "error") == 0 && rc == EXIT_INPUT))
		record(k, f, j->sha256, l[1], rc, gate_fail, k->json.buf, k->json.len);
	emit_line(k, &k->json);
	finish(k, f, l[1], rc, gate_fail, false, converted ? NULL : l[3], l[6]);
	if (memory)
		remove_temporaries(f->output);
}

/* Read what a worker wrote: a whole result, or its end. */
static void drain(Bulk *k, Job *j, Job *jobs, unsigned nj)
{
	char buf[16384];
	for (;;) {
		ssize_t n = read(j->fd, buf, sizeof buf);
		if (n > 0) {
			sbuf_add(&j->msg, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (j->f && !j->timed_out && message_complete(&j->msg))
				file_done(k, j, jobs, nj);
			return;
		}
		/* end of file (or a read error): the worker is gone */
		if (j->f && !j->timed_out && message_complete(&j->msg))
			file_done(k, j, jobs, nj);
		if (j->pid) {
			int ws = stop_worker(j, false);
			if (j->f)
				worker_died(k, j, jobs, nj, ws);
		}
		return;
	}
}

/* Wait for the workers' pipes or the first deadline (not at all unless
 * `block`); handle what is ready. */
static void wait_workers(Bulk *k, Job *jobs, unsigned nj, struct pollfd *pfd, unsigned *idx, bool block)
{
	long long now = now_ms(), wait = !block ? 0 : k->tty ? 200 : 60000;
	unsigned np = 0;
	for (unsigned i = 0; i < nj; i++) {
		if (!jobs[i].pid || !jobs[i].f)
			continue;
		long long left = jobs[i].start_ms + 1000LL * k->b->file_timeout - now;
		if (k->b->file_timeout && !jobs[i].timed_out && left < wait)
			wait = left < 0 ? 0 : left;
		pfd[np] = (struct pollfd){jobs[i].fd, POLLIN, 0};
		idx[np++] = i;
	}
	int r = poll(pfd, np, (int)wait);
	for (unsigned p = 0; r > 0 && p < np; p++)
		if (pfd[p].revents && jobs[idx[p]].pid)
			drain(k, &jobs[idx[p]], jobs, nj);
	now = now_ms();
	for (unsigned i = 0; i < nj; i++) {
		Job *j = &jobs[i];
		if (j->pid && j->f && k->b->file_timeout && !j->timed_out &&
		    now - j->start_ms >= 1000LL * k->b->file_timeout) {
			kill(j->pid, SIGKILL);
			j->timed_out = true;
		}
	}
	draw_bar(k, false);
}

/* The list could not be read back: the files not handed out yet are not
 * converted, and the run fails. */
static void list_lost(Bulk *k)
{
	clear_bar(k);
	fprintf(stderr,
		"akko-migrate: error: cannot read the list of files found back from '%s': %s; %zu file%s "
		"not converted [%s]\n",
		k->o->output, strerror(errno ? errno : EIO), k->selected - k->done,
		k->selected - k->done == 1 ? "" : "s", diag_code_str(E_IO_READ));
	k->worst = worse(k->worst, EXIT_IO);
}

/* The next file of the schedule into d, decided; false when there is none
 * (or the list cannot be read back). */
static bool decide_next(Bulk *k, Decision *d, size_t *next)
{
	if (*next >= k->selected)
		return false;
	if (!filelist_load(&k->list, k->sched[(*next)++].rec, &d->f, &d->store)) {
		list_lost(k);
		*next = k->selected;
		return false;
	}
	decide(k, d);
	return true;
}

static void swap_file(Decision *d, Job *j)
{
	BulkFile f = d->f;
	Sbuf s = d->store;
	d->f = j->file;
	d->store = j->store;
	j->file = f;
	j->store = s;
}

/* Hand out the files, largest first, as workers become free.  While every
 * worker is busy, the next files (as many as there are workers) are
 * decided ahead: read, hashed and sniffed, so that a worker that finishes
 * gets its next file at once, and with -j1 the supervisor's reading runs
 * beside the conversion instead of between two. */
static void run(Bulk *k)
{
	unsigned nj = k->b->jobs;
	Job *jobs = xcalloc(nj, sizeof *jobs);
	Decision *ahead = xcalloc(nj, sizeof *ahead);
	struct pollfd *pfd = xcalloc(nj, sizeof *pfd);
	unsigned *idx = xcalloc(nj, sizeof *idx);
	for (unsigned s = 0; s < nj; s++) {
		jobs[s].msg = (Sbuf)SBUF_INIT;
		jobs[s].store = (Sbuf)SBUF_INIT;
		ahead[s].store = (Sbuf)SBUF_INIT;
		ahead[s].json = (Sbuf)SBUF_INIT;
	}
	/* a worker gone between files shows as a failed write, not a signal */
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	size_t next = 0, first = 0, n_ahead = 0; /* ahead[first..]: decided, in schedule order */
	for (;;) {
		unsigned running = 0;
		for (unsigned s = 0; s < nj; s++) {
			while (!jobs[s].f) {
				if (!n_ahead && !decide_next(k, &ahead[(first + n_ahead) % nj], &next))
					break;
				n_ahead += !n_ahead;
				Decision *d = &ahead[first];
				first = (first + 1) % nj;
				n_ahead--;
				if (carry_out(k, d)) {
					swap_file(d, &jobs[s]);
					start_file(k, &jobs[s], &jobs[s].file, d->sha, jobs, nj, false);
				}
			}
			running += jobs[s].f != NULL;
		}
		if (!running)
			break;
		if (n_ahead < nj && decide_next(k, &ahead[(first + n_ahead) % nj], &next)) {
			n_ahead++;
			wait_workers(k, jobs, nj, pfd, idx, false);
		} else {
			wait_workers(k, jobs, nj, pfd, idx, true);
		}
	}
	for (unsigned s = 0; s < nj; s++) {
		stop_worker(&jobs[s], false);
		sbuf_release(&jobs[s].msg);
		sbuf_release(&jobs[s].store);
		sbuf_release(&ahead[s].store);
		sbuf_release(&ahead[s].json);
	}
	signal(SIGPIPE, old_pipe);
	free(jobs);
	free(ahead);
	free(pfd);
	free(idx);
}

/* ---- the command ----------------------------------------------------------- */

static bool make_outdir(Bulk *k)
{
	const char *dir = k->o->output;
	struct stat st;
	char *copy = xstrdup(dir);
	for (char *p = copy + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(copy, 0777);
			*p = '/';
		}
	mkdir(copy, 0777);
	free(copy);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "akko-migrate: error: cannot create output directory '%s': %s [%s]\n", dir,
			strerror(errno ? errno : ENOTDIR), diag_code_str(E_IO_WRITE));
		return false;
	}
	k->out_dev = st.st_dev;
	k->out_ino = st.st_ino;
	return true;
}

static bool open_results(Bulk *k)
{
	const char *dir = k->o->output;
	size_t dl = strlen(dir);
	const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
	if (k->b->results)
		k->results_path = k->b->results;
	else if (k->b->shard_n)
		k->results_path = arena_sprintf(&k->arena, "%s%sresults.shard-%u-of-%u.jsonl", dir, sep,
						k->b->shard_k, k->b->shard_n);
	else
		k->results_path = arena_sprintf(&k->arena, "%s%sresults.jsonl", dir, sep);
	k->results_fd = open(k->results_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (k->results_fd < 0) {
		fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n", k->results_path,
			strerror(errno), diag_code_str(E_IO_WRITE));
		return false;
	}
	return true;
}

static void print_summary(Bulk *k)
{
	const Counts *c = &k->c;
	clear_bar(k);
	if (k->b->shard_n)
		fprintf(stderr, "shard %u/%u: ", k->b->shard_k, k->b->shard_n);
	fprintf(stderr,
		"%zu file%s: %zu converted (%zu reused), %zu gate fail, %zu error%s, %zu skipped, %zu "
		"crashed/timeout/memory; in %.1f s\n",
		c->files, c->files == 1 ? "" : "s", c->converted, c->reused, c->gate_fail, c->errors,
		c->errors == 1 ? "" : "s", c->skipped, c->crashed, (double)(now_ms() - k->t0_ms) / 1000.0);
	if (getenv("AKKO_BULK_STATS")) {
		struct rusage self, kids;
		getrusage(RUSAGE_SELF, &self);
		getrusage(RUSAGE_CHILDREN, &kids);
		fprintf(stderr, "peak RSS: supervisor %ld KB, largest worker %ld KB\n", self.ru_maxrss,
			kids.ru_maxrss);
	}
}

int bulk_convert(const ConvertOptions *conv, const BulkOptions *b, const char *const *inputs, size_t n)
{
	/* the LLM fallback: one request budget for every worker, and each
	 * file's requests end well before its worker is stopped */
	ConvertOptions opt = *conv;
	const ConvertOptions *o = &opt;
	if (opt.llm.enabled) {
		opt.llm_budget = llm_budget_new(opt.llm.budget, true);
		opt.llm_file_ms = b->file_timeout ? b->file_timeout * 750u : 0;
	}
	BulkOptions opts = *b;
	if (!opts.jobs) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		opts.jobs = cores > 0 ? (unsigned)cores : 1;
	}
	Bulk k = {.o = o,
		  .b = &opts,
		  .results_fd = -1,
		  .line = SBUF_INIT,
		  .json = SBUF_INIT,
		  .old_json = SBUF_INIT,
		  .name = SBUF_INIT,
		  .key = SBUF_INIT};
	k.t0_ms = now_ms();
	arena_init(&k.arena);
	frontend_global_init();
	int lock_fd = -1, rc = EXIT_IO;
	/* the lock comes before results or the manifest are opened: a refused
	 * run changes nothing */
	if (!make_outdir(&k) || (rc = bulk_lock_outdir(o->output, &lock_fd)) != EXIT_OK || !fingerprint(&k)) {
		bulk_unlock_outdir(lock_fd);
		arena_release(&k.arena);
		llm_budget_free(opt.llm_budget);
		return rc == EXIT_OK ? EXIT_IO : rc;
	}
	/* the files found go to the list on disk as the walk finds them */
	manifest_open(&k.manifest, o->output);
	const char *err = NULL;
	bool listed = filelist_open(&k.list, o->output, &err);
	if (listed) {
		filelist_walk(inputs, n, k.out_dev, k.out_ino, found_file, &k);
		listed = filelist_done(&k.list, &err);
	}
	manifest_drop_index(&k.manifest);
	if (listed && !schedule(&k)) {
		listed = false;
		err = strerror(errno ? errno : EIO);
	}
	if (!listed) {
		fprintf(
		    stderr,
		    "akko-migrate: error: cannot write the list of files found in '%s', or read it back: %s "
		    "[%s]\n",
		    o->output, err, diag_code_str(E_IO_WRITE));
		k.worst = EXIT_IO;
	} else if (open_results(&k)) {
		k.tty = isatty(2);
		run(&k);
		close(k.results_fd);
		print_summary(&k);
	} else {
		k.worst = EXIT_IO;
	}
	/* without the whole list, the manifest is left as it is */
	manifest_compact_close(&k.manifest, listed ? &k.list : NULL);
	filelist_close(&k.list);
	bulk_unlock_outdir(lock_fd);
	free(k.sched);
	sbuf_release(&k.line);
	sbuf_release(&k.json);
	sbuf_release(&k.old_json);
	sbuf_release(&k.name);
	sbuf_release(&k.key);
	arena_release(&k.arena);
	arena_trim_cache();
	llm_budget_free(opt.llm_budget);
	return k.worst;
}
