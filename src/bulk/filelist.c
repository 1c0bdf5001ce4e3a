/* filelist.c - the files a bulk run found (src/bulk): the sorted walk of
 * the inputs, their output names, and the list itself, kept in a file.
 *
 * The supervisor keeps no per-file strings in memory, so that its memory
 * does not grow with the estate (docs/bulk.md): each file found becomes a
 * record in an unlinked temporary file in OUTDIR (the spool), written in
 * the sorted order, and is read back when its turn comes.  The walk holds
 * one directory's listing at a time (and its ancestors' remaining names);
 * the output names taken are found again through an index of 8-byte slots
 * (offindex.c).
 *
 * The order is the one docs/bulk.md defines: the inputs in command-line
 * order, each directory's files by their path relative to it, byte by
 * byte.  A walk sorting each directory's names yields that order when a
 * directory's name is compared with a '/' after it ("a.xml" < "a/x.xml",
 * since '.' < '/'), as its files' paths are.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulk/bulk.h"

/* A record: this head, then the path, the output and the key, each with
 * its NUL. */
typedef struct SpoolHead {
	FileStat st;
	int64_t old_line; /* the file's manifest line from before this run, or -1 */
	int64_t new_line; /* its line written by this run, or -1 */
	int32_t kind, err;
	uint32_t path_len, rel_at, out_len, name_at; /* name_at: the name below OUTDIR, in output */
} SpoolHead;

enum { SPOOL_BUFFER = 16 * 1024 };

/* ---- the spool ------------------------------------------------------------ */

static bool spool_flush(FileList *l)
{
	if (!l->wbuf.len)
		return l->ok;
	if (l->ok && pwrite(l->fd, l->wbuf.buf, l->wbuf.len, l->flushed) != (ssize_t)l->wbuf.len) {
		l->ok = false;
		l->err = errno ? errno : EIO;
	}
	l->flushed += (off_t)l->wbuf.len;
	sbuf_reset(&l->wbuf);
	return l->ok;
}

static bool spool_read(FileList *l, off_t off, void *p, size_t n)
{
	if ((off_t)(off + n) > l->flushed && !spool_flush(l))
		return false;
	return pread(l->fd, p, n, off) == (ssize_t)n;
}

bool filelist_open(FileList *l, const char *outdir, const char **err)
{
	memset(l, 0, sizeof *l);
	l->wbuf = (Sbuf)SBUF_INIT;
	size_t n = strlen(outdir);
	char *tmp = xmalloc(n + 32);
	snprintf(tmp, n + 32, "%s%s.akko-spool.XXXXXX", outdir, n && outdir[n - 1] == '/' ? "" : "/");
	l->fd = mkstemp(tmp);
	if (l->fd >= 0) {
		unlink(tmp); /* gone when the run ends, however it ends */
		fcntl(l->fd, F_SETFD, FD_CLOEXEC);
	}
	free(tmp);
	l->ok = l->fd >= 0;
	if (!l->ok)
		*err = strerror(errno);
	return l->ok;
}

void filelist_close(FileList *l)
{
	if (l->fd >= 0)
		close(l->fd);
	sbuf_release(&l->wbuf);
	offindex_free(&l->names);
	l->fd = -1;
}

int64_t filelist_add(FileList *l, const BulkFile *f)
{
	SpoolHead h = {f->st,
		       f->old_line,
		       -1,
		       (int32_t)f->kind,
		       f->err,
		       (uint32_t)strlen(f->path),
		       (uint32_t)(f->rel - f->path),
		       (uint32_t)strlen(f->output),
		       (uint32_t)f->name_at};
	int64_t at = (int64_t)(l->flushed + (off_t)l->wbuf.len);
	sbuf_add(&l->wbuf, &h, sizeof h);
	sbuf_add(&l->wbuf, f->path, h.path_len + 1);
	sbuf_add(&l->wbuf, f->output, h.out_len + 1);
	sbuf_add(&l->wbuf, f->key, 65);
	l->n++;
	if (l->wbuf.len >= SPOOL_BUFFER)
		spool_flush(l);
	return at;
}

bool filelist_done(FileList *l, const char **err)
{
	offindex_free(&l->names);
	if (!spool_flush(l))
		*err = strerror(l->err);
	return l->ok;
}

/* Record `rec` into f, its strings in store; the offset of the next one. */
static int64_t load(FileList *l, int64_t rec, BulkFile *f, Sbuf *store)
{
	SpoolHead h;
	if (!spool_read(l, rec, &h, sizeof h))
		return -1;
	size_t n = h.path_len + 1 + h.out_len + 1 + 65;
	sbuf_reset(store);
	sbuf_grow(store, n);
	if (!spool_read(l, rec + (int64_t)sizeof h, store->buf, n))
		return -1;
	store->len = n - 1;
	memset(f, 0, sizeof *f);
	f->path = store->buf;
	f->rel = f->path + h.rel_at;
	f->output = f->path + h.path_len + 1;
	f->name_at = h.name_at;
	f->key = f->output + h.out_len + 1;
	f->kind = (FileKind)h.kind;
	f->err = h.err;
	f->st = h.st;
	f->rec = rec;
	f->old_line = h.old_line;
	f->new_line = h.new_line;
	return rec + (int64_t)(sizeof h + n);
}

bool filelist_load(FileList *l, int64_t rec, BulkFile *f, Sbuf *store)
{
	return load(l, rec, f, store) >= 0;
}

bool filelist_next(FileList *l, int64_t *pos, BulkFile *f, Sbuf *store)
{
	if (*pos >= (int64_t)l->flushed)
		return false;
	int64_t next = load(l, *pos, f, store);
	if (next < 0)
		return false;
	*pos = next;
	return true;
}

void filelist_set_line(FileList *l, int64_t rec, int64_t line)
{
	off_t at = (off_t)rec + (off_t)offsetof(SpoolHead, new_line);
	if (rec + (int64_t)sizeof(SpoolHead) > (int64_t)l->flushed)
		spool_flush(l);
	if (pwrite(l->fd, &line, sizeof line, at) != (ssize_t)sizeof line && l->ok) {
		l->ok = false;
		l->err = errno ? errno : EIO;
	}
}

/* ---- output names ----------------------------------------------------------- */

typedef struct NameProbe {
	FileList *l;
	const char *name;
	Sbuf tmp;
} NameProbe;

/* The name below OUTDIR of the record at `rec` into p->tmp. */
static bool name_at(NameProbe *p, int64_t rec)
{
	BulkFile f;
	if (!filelist_load(p->l, rec, &f, &p->tmp))
		return false;
	size_t at = (size_t)(f.output - f.path) + f.name_at;
	memmove(p->tmp.buf, p->tmp.buf + at, strlen(p->tmp.buf + at) + 1);
	return true;
}

static bool name_eq(void *ud, int64_t rec)
{
	NameProbe *p = ud;
	return name_at(p, rec) && ascii_ieq(p->tmp.buf, p->name);
}

static uint64_t name_hash(void *ud, int64_t rec)
{
	NameProbe *p = ud;
	return name_at(p, rec) ? offindex_hash(p->tmp.buf, strlen(p->tmp.buf), true) : 0;
}

/* <rel without its extension>.yaml; when that is taken (a.xml after a.XML,
 * compared without case for case-insensitive file systems): <rel>.yaml,
 * then <rel>.2.yaml, ...  The name goes into out after OUTDIR and `sep`;
 * f->name_at is set. */
void filelist_name(FileList *l, BulkFile *f, const char *outdir, const char *sep, Sbuf *out)
{
	const char *base = strrchr(f->rel, '/');
	base = base ? base + 1 : f->rel;
	const char *dot = strrchr(base, '.');
	int stem = dot && dot != base ? (int)(dot - f->rel) : (int)strlen(f->rel);
	NameProbe p = {l, NULL, SBUF_INIT};
	sbuf_reset(out);
	sbuf_addf(out, "%s%s", outdir, sep);
	f->name_at = out->len;
	for (unsigned v = 0;; v++) {
		sbuf_setlen(out, f->name_at);
		if (v == 0)
			sbuf_addf(out, "%.*s.yaml", stem, f->rel);
		else if (v == 1)
			sbuf_addf(out, "%s.yaml", f->rel);
		else
			sbuf_addf(out, "%s.%u.yaml", f->rel, v);
		p.name = out->buf + f->name_at;
		if (offindex_find(&l->names, offindex_hash(p.name, out->len - f->name_at, true), name_eq,
				  &p) < 0)
			break;
	}
	sbuf_release(&p.tmp);
}

/* The name of f (filelist_name) is taken by its record, at `rec`. */
void filelist_take_name(FileList *l, const BulkFile *f, int64_t rec)
{
	NameProbe p = {l, f->output + f->name_at, SBUF_INIT};
	offindex_put(&l->names, offindex_hash(p.name, strlen(p.name), true), rec, name_eq, name_hash, &p);
	sbuf_release(&p.tmp);
}

/* ---- the walk ------------------------------------------------------------------ */

/* One name of a directory being walked, and what lstat() said of it. */
typedef struct Entry {
	char *name;
	FileKind kind;
	int err;
	bool walk; /* a directory to walk: sorted as "name/" */
	bool skip; /* OUTDIR: not walked, nothing recorded */
	FileStat st;
} Entry;

typedef struct Walker {
	dev_t out_dev; /* OUTDIR, never walked */
	ino_t out_ino;
	FileListEach each;
	void *ud;
} Walker;

static FileStat file_stat(const struct stat *st)
{
	return (FileStat){
	    (long long)st->st_size, (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec,
	    (long long)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec, (long long)st->st_ino};
}

static void found(Walker *w, const char *path, size_t rel_at, FileKind kind, int err, FileStat st)
{
	BulkFile f = {0};
	size_t n = strlen(path);
	f.path = path;
	f.rel = path + (rel_at < n ? rel_at : n);
	f.kind = kind;
	f.err = err;
	f.st = st;
	w->each(w->ud, &f);
}

/* What a path is: a file (or a link to one), a directory to walk, or
 * something recorded as it is. */
static Entry classify(Walker *w, const char *path)
{
	struct stat st;
	Entry e = {0};
	e.kind = FK_FILE;
	if (lstat(path, &st) != 0)
		return (Entry){NULL, FK_UNREADABLE, errno, false, false, {0}};
	if (S_ISDIR(st.st_mode)) {
		if (st.st_dev == w->out_dev && st.st_ino == w->out_ino)
			return (Entry){NULL, FK_SPECIAL, 0, false, true, {0}};
		DIR *d = opendir(path);
		if (!d)
			return (Entry){NULL, FK_UNREADABLE, errno, false, false, {0}};
		closedir(d);
		e.walk = true;
		return e;
	}
	if (S_ISLNK(st.st_mode)) {
		if (stat(path, &st) != 0)
			return (Entry){NULL, FK_UNREADABLE, errno, false, false, {0}};
		if (S_ISDIR(st.st_mode))
			return (Entry){NULL, FK_DIRLINK, 0, false, false, {0}};
	}
	e.kind = S_ISREG(st.st_mode) ? FK_FILE : FK_SPECIAL;
	e.st = file_stat(&st);
	return e;
}

static int by_sort_name(const void *a, const void *b)
{
	const Entry *x = a, *y = b;
	const unsigned char *p = (const unsigned char *)x->name, *q = (const unsigned char *)y->name;
	while (*p && *p == *q)
		p++, q++;
	int c = *p ? *p : x->walk ? '/' : 0;
	int d = *q ? *q : y->walk ? '/' : 0;
	return c - d;
}

static void walk_dir(Walker *w, Sbuf *path, size_t root_len);

static void visit(Walker *w, Sbuf *path, size_t root_len, const Entry *e)
{
	if (e->walk)
		walk_dir(w, path, root_len);
	else if (!e->skip)
		found(w, path->buf, root_len, e->kind, e->err, e->st);
}

/* A directory's names, sorted, each visited: the listing is read whole and
 * the directory closed first, so a deep tree holds one descriptor. */
static void walk_dir(Walker *w, Sbuf *path, size_t root_len)
{
	DIR *d = opendir(path->buf);
	if (!d) {
		found(w, path->buf, root_len, FK_UNREADABLE, errno, (FileStat){0});
		return;
	}
	Entry *es = NULL;
	size_t n = 0, cap = 0, len = path->len;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			es = xrealloc(es, size_mul(cap, sizeof *es));
		}
		es[n++].name = xstrdup(de->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		sbuf_setlen(path, len);
		if (len && path->buf[len - 1] != '/')
			sbuf_addch(path, '/');
		sbuf_adds(path, es[i].name);
		char *name = es[i].name;
		es[i] = classify(w, path->buf);
		es[i].name = name;
	}
	if (n > 1) /* an empty directory has no array at all */
		qsort(es, n, sizeof *es, by_sort_name);
	for (size_t i = 0; i < n; i++) {
		sbuf_setlen(path, len);
		if (len && path->buf[len - 1] != '/')
			sbuf_addch(path, '/');
		sbuf_adds(path, es[i].name);
		visit(w, path, root_len, &es[i]);
		free(es[i].name);
	}
	sbuf_setlen(path, len);
	free(es);
}

void filelist_walk(const char *const *inputs, size_t n, dev_t out_dev, ino_t out_ino, FileListEach each,
		   void *ud)
{
	Walker w = {out_dev, out_ino, each, ud};
	Sbuf path = SBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		sbuf_reset(&path);
		sbuf_adds(&path, inputs[i]);
		if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_dir(&w, &path, path.len + (path.len && path.buf[path.len - 1] != '/'));
		} else {
			const char *slash = strrchr(inputs[i], '/');
			size_t root_len = slash ? (size_t)(slash - inputs[i]) + 1 : 0;
			Entry e = classify(&w, path.buf);
			visit(&w, &path, root_len, &e);
		}
	}
	sbuf_release(&path);
}
