/* manifest.c - the incremental manifest of bulk runs (src/bulk):
 * which input, with which content and options, gave which result.
 *
 * Appends are one write() of a whole line to a file opened O_APPEND, so a
 * killed run leaves whole lines (a torn last line is ignored on reading).
 * One run at a time uses it: the run holds OUTDIR's lock (lock.c).  Nothing
 * of an entry stays in memory: reading the file builds an index of 8-byte
 * slots from a key to its latest line (offindex.c), which the supervisor
 * drops once each file found knows its line (filelist.c), and a line is
 * read back when its file's turn comes.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "bulk/bulk.h"

/* One line into e; false when it is not a whole, well-formed entry. */
static bool parse_line(const char *line, size_t len, char key[65], ManifestEntry *e, size_t *json_at)
{
	int n = -1, gate = 0;
	if (len < 2 || line[len - 1] != '\n')
		return false;
	if (sscanf(line, "%64s %64s %64s %lld %lld %lld %lld %d %d %11s %n", key, e->sha256, e->options,
		   &e->st.size, &e->st.mtime_ns, &e->st.ctime_ns, &e->st.ino, &e->rc, &gate, e->status,
		   &n) != 10 ||
	    n < 0)
		return false;
	if (strlen(key) != 64 || strlen(e->sha256) != 64 || line[n] != '{' || line[len - 2] != '}')
		return false;
	e->gate_fail = gate != 0;
	*json_at = (size_t)n;
	e->len = len - 1 - (size_t)n;
	return true;
}

/* The line at `off` (with its newline) into out; false at a read error or
 * when there is no whole line there. */
static bool read_line(Manifest *m, int64_t off, Sbuf *out)
{
	sbuf_reset(out);
	for (;;) {
		sbuf_grow(out, 4096);
		ssize_t r = pread(m->fd, out->buf + out->len, 4096, (off_t)(off + (int64_t)out->len));
		if (r <= 0)
			return false;
		char *nl = memchr(out->buf + out->len, '\n', (size_t)r);
		if (nl) {
			out->len = (size_t)(nl - out->buf) + 1;
			out->buf[out->len] = '\0';
			return true;
		}
		out->len += (size_t)r;
	}
}

/* The index compares keys by reading them back from the file. */
typedef struct KeyProbe {
	Manifest *m;
	const char *key;
} KeyProbe;

static bool key_eq(void *ud, int64_t off)
{
	KeyProbe *p = ud;
	char k[64];
	return pread(p->m->fd, k, 64, (off_t)off) == 64 && memcmp(k, p->key, 64) == 0;
}

static uint64_t key_hash(void *ud, int64_t off)
{
	KeyProbe *p = ud;
	char k[64];
	return pread(p->m->fd, k, 64, (off_t)off) == 64 ? offindex_hash(k, 64, false) : 0;
}

static void load(Manifest *m)
{
	FILE *fp = fdopen(dup(m->fd), "r");
	if (!fp)
		return;
	char *line = NULL, key[65];
	size_t cap = 0;
	ssize_t len;
	off_t off = 0;
	bool torn = false;
	while ((len = getline(&line, &cap, fp)) > 0) {
		ManifestEntry e = {0};
		size_t at;
		if (parse_line(line, (size_t)len, key, &e, &at)) {
			KeyProbe p = {m, key};
			offindex_put(&m->index, offindex_hash(key, 64, false), (int64_t)off, key_eq, key_hash,
				     &p);
		}
		torn = line[len - 1] != '\n';
		off += len;
	}
	free(line);
	fclose(fp);
	/* A run killed in the middle of a line: start the next one afresh. */
	if (torn && write(m->fd, "\n", 1) != 1)
		m->fd = -1;
}

void manifest_open(Manifest *m, const char *outdir)
{
	size_t n = strlen(outdir);
	memset(m, 0, sizeof *m);
	m->path = xmalloc(n + 32);
	snprintf(m->path, n + 32, "%s%s.akko-manifest", outdir, n && outdir[n - 1] == '/' ? "" : "/");
	m->fd = open(m->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (m->fd < 0) {
		fprintf(stderr, "akko-migrate: warning: cannot open '%s': %s; every file is converted\n",
			m->path, strerror(errno));
		return;
	}
	load(m);
}

int64_t manifest_find(Manifest *m, const char *key)
{
	KeyProbe p = {m, key};
	return m->fd < 0 ? -1 : offindex_find(&m->index, offindex_hash(key, 64, false), key_eq, &p);
}

void manifest_drop_index(Manifest *m)
{
	offindex_free(&m->index);
}

bool manifest_read(Manifest *m, int64_t line, ManifestEntry *e, Sbuf *json)
{
	char key[65];
	size_t at;
	memset(e, 0, sizeof *e);
	if (m->fd < 0 || line < 0 || !read_line(m, line, json) ||
	    !parse_line(json->buf, json->len, key, e, &at))
		return false;
	memmove(json->buf, json->buf + at, e->len);
	json->len = e->len;
	json->buf[e->len] = '\0';
	e->off = (off_t)line + (off_t)at;
	return true;
}

static void entry_prefix(Sbuf *sb, const char *key, const ManifestEntry *e)
{
	sbuf_addf(sb, "%s %s %s %lld %lld %lld %lld %d %d %s ", key, e->sha256, e->options, e->st.size,
		  e->st.mtime_ns, e->st.ctime_ns, e->st.ino, e->rc, e->gate_fail ? 1 : 0, e->status);
}

int64_t manifest_add(Manifest *m, const char *key, ManifestEntry *e, const char *json, size_t len)
{
	if (m->fd < 0)
		return -1;
	Sbuf line = SBUF_INIT;
	entry_prefix(&line, key, e);
	size_t at = line.len;
	sbuf_add(&line, json, len);
	sbuf_addch(&line, '\n');
	/* One write: with O_APPEND the line lands whole at the end. */
	ssize_t w = write(m->fd, line.buf, line.len);
	int64_t start = -1;
	if (w == (ssize_t)line.len) {
		off_t end = lseek(m->fd, 0, SEEK_CUR);
		start = (int64_t)(end - (off_t)line.len);
		e->off = end - (off_t)line.len + (off_t)at;
		e->len = len;
	}
	sbuf_release(&line);
	return start;
}

void manifest_compact_close(Manifest *m, FileList *files)
{
	if (m->fd >= 0 && files) {
		AtomicFile af;
		const char *err;
		Sbuf line = SBUF_INIT, json = SBUF_INIT, store = SBUF_INIT;
		if (afile_open(&af, m->path, &err)) {
			BulkFile f;
			int64_t pos = 0;
			while (filelist_next(files, &pos, &f, &store)) {
				ManifestEntry e;
				if (!manifest_read(m, f.new_line >= 0 ? f.new_line : f.old_line, &e, &json))
					continue;
				sbuf_reset(&line);
				entry_prefix(&line, f.key, &e);
				sbuf_add(&line, json.buf, json.len);
				sbuf_addch(&line, '\n');
				afile_write(&af, line.buf, line.len);
			}
			if (!afile_commit(&af, &err))
				fprintf(stderr, "akko-migrate: warning: cannot rewrite '%s': %s\n", m->path,
					err);
		}
		sbuf_release(&line);
		sbuf_release(&json);
		sbuf_release(&store);
	}
	if (m->fd >= 0)
		close(m->fd);
	free(m->path);
	offindex_free(&m->index);
}
