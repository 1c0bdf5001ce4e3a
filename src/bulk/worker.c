/* worker.c - a bulk run's worker process (src/bulk): converts one
 * file under the limits the supervisor (bulk.c) asked for, and tells
 * it the result on a pipe.
 *
 * It runs in a child forked after global initialisation and ends with
 * _exit(): nothing is flushed or freed twice, and a crash here costs the
 * supervisor nothing but this file's result.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "bulk/bulk.h"
#include "driver/driver.h"

/* AddressSanitizer reserves terabytes of address space for its shadow, so
 * RLIMIT_AS would stop every worker: sanitizer builds do not set it. */
#if defined(__SANITIZE_ADDRESS__)
#define BULK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define BULK_SANITIZED 1
#endif
#endif
#ifndef BULK_SANITIZED
#define BULK_SANITIZED 0
#endif

enum { MAX_ERRORS_LISTED = 5 };

static int worker_fd = -1;
static unsigned worker_served; /* files this worker converted before the current one */
static char worker_oom_msg[512];
static size_t worker_oom_len;

bool bulk_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* xmalloc failed under the worker's RLIMIT_AS: the file needs too much. */
static void worker_oom(void)
{
	bulk_write_all(worker_fd, worker_oom_msg, worker_oom_len);
	_exit(0);
}

typedef struct Capture {
	Sbuf errors; /* JSON array of the first errors' first lines */
	Sbuf reason; /* the first error's message and code */
	Sbuf tmp;
	unsigned n;
	bool oom; /* libxml2 ran out of memory (its allocations bypass xmalloc) */
} Capture;

static void capture(void *ud, const Diag *d, const char *msg)
{
	Capture *c = ud;
	if (diag_code_severity(d->code) != DIAG_ERROR)
		return;
	if (strstr(msg, "emory allocation failed") || strstr(msg, "out of memory"))
		c->oom = true;
	if (!c->reason.len)
		sbuf_addf(&c->reason, "%s [%s]", msg, diag_code_str(d->code));
	if (c->n >= MAX_ERRORS_LISTED)
		return;
	sbuf_reset(&c->tmp);
	diag_format(&c->tmp, d, msg);
	sbuf_addch(&c->errors, c->n++ ? ',' : '[');
	sbuf_add_json_string(&c->errors, c->tmp.buf, strcspn(c->tmp.buf, "\n"));
}

/* Test-only (tests/bulk.sh): AKKO_TEST_WORKER_FAULT=KIND:SUBSTRING[,...]
 * makes the worker of each file whose path contains SUBSTRING crash
 * (SIGSEGV), hang, allocate without end (oom) or first sleep a second
 * (slow), to show the supervisor contains it; crash-reused and oom-reused
 * do so only in a worker that converted another file before (as if that
 * file had left its heap corrupt or full).  Only workers read it.
 * Without RLIMIT_AS (sanitizer builds) oom stops itself at the limit. */
static void test_fault(const char *path, unsigned limit_mb)
{
	const char *spec = getenv("AKKO_TEST_WORKER_FAULT");
	if (!spec)
		return;
	char *copy = xstrdup(spec), *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':');
		if (!colon || !strstr(path, colon + 1))
			continue;
		*colon = '\0';
		if (strcmp(item, "crash-reused") == 0 || strcmp(item, "oom-reused") == 0) {
			if (!worker_served)
				continue;
			item[strlen(item) - 7] = '\0'; /* the fault itself */
		}
		if (strcmp(item, "crash") == 0) {
			signal(SIGSEGV, SIG_DFL);
			raise(SIGSEGV);
		} else if (strcmp(item, "hang") == 0) {
			pid_t parent = getppid();
			while (getppid() == parent) /* ends with an orphaned test run */
				sleep(1);
			_exit(1);
		} else if (strcmp(item, "slow") == 0) {
			sleep(1);
		} else if (strcmp(item, "oom") == 0) {
			for (size_t mb = 0;; mb += 16) {
				char *p = xmalloc((size_t)16 << 20);
				memset(p, 1, (size_t)16 << 20);
				if (BULK_SANITIZED && mb > limit_mb)
					worker_oom();
			}
		}
	}
	free(copy);
}

static void add_text_line(Sbuf *m, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_addch(m, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	sbuf_addch(m, '\n');
}

/* The first line of a message, without "akko-migrate: error: ". */
static void first_line(Sbuf *out, const char *text)
{
	const char *p = text;
	if (strncmp(p, "akko-migrate: ", 14) == 0)
		p += 14;
	if (strncmp(p, "error: ", 7) == 0)
		p += 7;
	sbuf_add(out, p, strcspn(p, "\n"));
}

static void worker_oom_prepare(unsigned mb)
{
	Sbuf m = SBUF_INIT, r = SBUF_INIT;
	sbuf_addf(&r, "the file needs more than %u MB of memory (--file-memory)", mb);
	sbuf_addf(&m, "%d 0\nmemory\n", EXIT_INPUT);
	sbuf_add_json_string(&m, r.buf, r.len);
	sbuf_addf(&m, "\n%s\nnull\nnull\n\n.\n", r.buf);
	worker_oom_len = m.len < sizeof worker_oom_msg ? m.len : 0;
	memcpy(worker_oom_msg, m.buf, worker_oom_len);
	sbuf_release(&m);
	sbuf_release(&r);
}

/* Convert one file and write its result to worker_fd (bulk.h). */
static void convert_one(const ConvertOptions *o, unsigned timeout_s, unsigned mb, const char *path,
			const char *output, const char *sha)
{
	/* Outlive a killed supervisor by little: SIGALRM ends an orphan that
	 * would otherwise run (or hang) on with nobody to read its result. */
	if (timeout_s)
		alarm(timeout_s + 2);
	test_fault(path, mb);
	Capture c = {SBUF_INIT, SBUF_INIT, SBUF_INIT, 0, false};
	DiagSink sink;
	diag_init(&sink, NULL);
	sink.max_errors = o->max_errors;
	sink.on_emit = capture;
	sink.on_emit_ud = &c;
	ConvertOut co = CONVERT_OUT_INIT;
	int rc = driver_convert_file(o, path, output, sha, &sink, &co);
	bool converted = rc == EXIT_OK || rc == EXIT_GATE;
	Sbuf m = SBUF_INIT, reason = SBUF_INIT;
	if (!converted) {
		if (co.errors.len)
			first_line(&reason, co.errors.buf);
		else if (c.reason.len)
			sbuf_add(&reason, c.reason.buf, c.reason.len);
		else
			sbuf_adds(&reason, "the file has errors");
	}
	if (!converted && c.oom) {
		Sbuf why = SBUF_INIT;
		sbuf_addf(&why, "the file needs more than %u MB of memory (--file-memory): %s", mb,
			  reason.buf);
		sbuf_release(&reason);
		reason = why;
	}
	const char *status = converted ? "converted" : c.oom ? "memory" : "error";
	sbuf_addf(&m, "%d %d\n%s\n", converted ? EXIT_OK : rc, converted && !co.gate_pass, status);
	if (converted)
		sbuf_adds(&m, "null\n\n");
	else {
		sbuf_add_json_string(&m, reason.buf, reason.len);
		sbuf_addch(&m, '\n');
		add_text_line(&m, reason.buf, reason.len);
	}
	if (converted && co.summary.len)
		sbuf_add(&m, co.summary.buf, strcspn(co.summary.buf, "\n"));
	else
		sbuf_adds(&m, "null");
	sbuf_addch(&m, '\n');
	if (converted)
		sbuf_adds(&m, "null\n");
	else if (c.n)
		sbuf_addf(&m, "%s]\n", c.errors.buf);
	else {
		sbuf_addch(&m, '[');
		sbuf_add_json_string(&m, reason.buf, reason.len);
		sbuf_adds(&m, "]\n");
	}
	add_text_line(&m, co.line.buf, converted ? strcspn(co.line.buf, "\n") : 0);
	sbuf_adds(&m, ".\n");
	bulk_write_all(worker_fd, m.buf, m.len);
	if (timeout_s)
		alarm(0); /* idle: the supervisor closing the command pipe ends it */
	/* a libxml2 allocation failure leaves that library in doubt: no more
	 * files in this process */
	if (c.oom)
		_exit(0);
	sbuf_release(&m);
	sbuf_release(&reason);
	sbuf_release(&c.errors);
	sbuf_release(&c.reason);
	sbuf_release(&c.tmp);
	convert_out_release(&co);
}

/* Between files: memory a file freed but the worker still holds (glibc's
 * free lists, the arenas' chunk cache) is kept for the next file, which
 * saves it the page faults, unless the worker's resident memory has grown
 * more than WORKER_SLACK since it started or last gave memory back: then
 * it gives it back (malloc_trim), so that a worker is not left holding a
 * large file's peak for the files after it, where the heap's fragments
 * would add up (a worker's peak stays about that of its largest file).
 * On the PowerCenter corpus: once, after the largest file; peak RSS of the
 * largest worker over 10 copies of the corpus 39.7 MB, against 58 MB
 * without it and 39.5 MB over 1 copy.  No /proc: never given back. */
enum { WORKER_SLACK = 32 << 20 };

static size_t resident_bytes(void)
{
	char buf[128];
	unsigned long size = 0, resident = 0;
	int f = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	ssize_t n = f >= 0 ? read(f, buf, sizeof buf - 1) : -1;
	if (f >= 0)
		close(f);
	buf[n > 0 ? n : 0] = '\0';
	if (sscanf(buf, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* Page faults so far: resident memory grows by at most a page per fault. */
static long long faults(void)
{
	struct rusage r;
	getrusage(RUSAGE_SELF, &r);
	return (long long)r.ru_minflt + r.ru_majflt;
}

/* What the worker held when it last looked (resident bytes, faults). */
typedef struct Held {
	size_t base;  /* resident after starting or giving back */
	size_t seen;  /* resident when it last looked */
	long long at; /* faults then */
} Held;

static void held_init(Held *h)
{
	h->base = h->seen = resident_bytes();
	h->at = faults();
}

/* Give memory back when the resident memory grew more than WORKER_SLACK
 * since h->base.  /proc is read only when enough pages were touched for
 * that to be possible, which is after a few files, not after each. */
static void give_back(Held *h)
{
	long long now = faults();
	if (h->seen + (size_t)(now - h->at) * (size_t)sysconf(_SC_PAGESIZE) <= h->base + (size_t)WORKER_SLACK)
		return;
	h->seen = resident_bytes();
	h->at = now;
	if (h->seen > h->base + (size_t)WORKER_SLACK) {
		arena_trim_cache();
		malloc_trim(0);
		held_init(h); /* what it cannot give back (fragments) */
	}
}

/* Read exactly n bytes; false at end of file or on an error. */
static bool read_all(int fd, char *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* The command pipe, read a buffer at a time (a command is some 300 bytes,
 * which were 18 reads of its header byte by byte, then 3 more). */
typedef struct CmdReader {
	int fd;
	char buf[4096];
	size_t at, len;
} CmdReader;

/* The next byte, or -1 at the end. */
static int cmd_byte(CmdReader *r)
{
	if (r->at == r->len) {
		ssize_t n;
		while ((n = read(r->fd, r->buf, sizeof r->buf)) < 0 && errno == EINTR)
			;
		if (n <= 0)
			return -1;
		r->at = 0;
		r->len = (size_t)n;
	}
	return (unsigned char)r->buf[r->at++];
}

/* Exactly n bytes into p; false at the end. */
static bool cmd_read(CmdReader *r, char *p, size_t n)
{
	size_t have = r->len - r->at < n ? r->len - r->at : n;
	memcpy(p, r->buf + r->at, have);
	r->at += have;
	return have == n || read_all(r->fd, p + have, n - have);
}

void bulk_worker_loop(const ConvertOptions *o, unsigned timeout_s, unsigned mb, int cmd_fd, int fd)
{
	worker_fd = fd;
	worker_oom_prepare(mb);
	util_set_oom_handler(worker_oom);
	if (!BULK_SANITIZED && mb) {
		struct rlimit r = {(rlim_t)mb << 20, (rlim_t)mb << 20};
		setrlimit(RLIMIT_AS, &r);
	}
	Sbuf cmd = SBUF_INIT;
	CmdReader in = {.fd = cmd_fd};
	Held held;
	held_init(&held);
	for (;;) {
		/* a command: "<path length> <output length>\n", the path, the
		 * output, the 64 hex digits of the SHA-256 (bulk.c send_file) */
		char head[48];
		size_t hl = 0;
		int c;
		while (hl + 1 < sizeof head && (c = cmd_byte(&in)) >= 0 && c != '\n')
			head[hl++] = (char)c;
		head[hl] = '\0';
		size_t pl = 0, ol = 0;
		if (hl == 0 || sscanf(head, "%zu %zu", &pl, &ol) != 2 || pl > (1u << 20) || ol > (1u << 20))
			break; /* end of file: no more files */
		sbuf_reset(&cmd);
		sbuf_addchn(&cmd, '\0', pl + ol + 64 + 3);
		char *path = cmd.buf, *output = path + pl + 1, *sha = output + ol + 1;
		if (!cmd_read(&in, path, pl) || !cmd_read(&in, output, ol) || !cmd_read(&in, sha, 64))
			break;
		path[pl] = output[ol] = sha[64] = '\0';
		convert_one(o, timeout_s, mb, path, output, sha);
		worker_served++;
		give_back(&held);
	}
	_exit(0);
}
