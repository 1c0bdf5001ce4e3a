/* manifest.c - the incremental manifest of bulk runs (src/bulk):
 * which input, with which content and options, gave which result.
 *
 * Appends are one write() of a whole line to a file opened O_APPEND, so a
 * killed run leaves whole lines (a torn last line is ignored on reading).
 * One run at a time uses it: the run holds OUTDIR's lock (lock.c).  Reading keeps
 * only each entry's fields and the offset of its JSON, so memory grows by
 * about 200 bytes per input, not by the size of the results.
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

static void put(Manifest *m, const char *key, const ManifestEntry *e)
{
	ManifestEntry *old = strmap_get(&m->map, key);
	if (old) {
		*old = *e;
		return;
	}
	ManifestEntry *copy = ARENA_NEW(&m->arena, ManifestEntry);
	*copy = *e;
	strmap_put(&m->map, arena_strdup(&m->arena, key), copy);
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
			e.off = off + (off_t)at;
			put(m, key, &e);
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
	m->path = xmalloc(n + 32);
	snprintf(m->path, n + 32, "%s%s.akko-manifest", outdir, n && outdir[n - 1] == '/' ? "" : "/");
	arena_init(&m->arena);
	strmap_init(&m->map, &m->arena, false);
	m->fd = open(m->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (m->fd < 0) {
		fprintf(stderr, "akko-migrate: warning: cannot open '%s': %s; every file is converted\n",
			m->path, strerror(errno));
		return;
	}
	load(m);
}

ManifestEntry *manifest_get(Manifest *m, const char *key)
{
	return strmap_get(&m->map, key);
}

static void entry_prefix(Sbuf *sb, const char *key, const ManifestEntry *e)
{
	sbuf_addf(sb, "%s %s %s %lld %lld %lld %lld %d %d %s ", key, e->sha256, e->options, e->st.size,
		  e->st.mtime_ns, e->st.ctime_ns, e->st.ino, e->rc, e->gate_fail ? 1 : 0, e->status);
}

void manifest_add(Manifest *m, const char *key, ManifestEntry *e, const char *json, size_t len)
{
	if (m->fd < 0)
		return;
	Sbuf line = SBUF_INIT;
	entry_prefix(&line, key, e);
	size_t at = line.len;
	sbuf_add(&line, json, len);
	sbuf_addch(&line, '\n');
	/* One write: with O_APPEND the line lands whole at the end. */
	ssize_t w = write(m->fd, line.buf, line.len);
	if (w == (ssize_t)line.len) {
		off_t end = lseek(m->fd, 0, SEEK_CUR);
		e->off = end - (off_t)line.len + (off_t)at;
		e->len = len;
		put(m, key, e);
	}
	sbuf_release(&line);
}

bool manifest_read_json(Manifest *m, const ManifestEntry *e, Sbuf *out)
{
	sbuf_reset(out);
	sbuf_grow(out, e->len + 1);
	ssize_t r = pread(m->fd, out->buf, e->len, e->off);
	if (r != (ssize_t)e->len)
		return false;
	out->buf[e->len] = '\0';
	out->len = e->len;
	return out->buf[0] == '{' && out->buf[e->len - 1] == '}';
}

void manifest_compact_close(Manifest *m, const char *const *keys, size_t n)
{
	if (m->fd >= 0) {
		AtomicFile af;
		const char *err;
		Sbuf line = SBUF_INIT, json = SBUF_INIT;
		if (afile_open(&af, m->path, &err)) {
			for (size_t i = 0; i < n; i++) {
				ManifestEntry *e = strmap_get(&m->map, keys[i]);
				if (!e || !manifest_read_json(m, e, &json))
					continue;
				sbuf_reset(&line);
				entry_prefix(&line, keys[i], e);
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
		close(m->fd);
	}
	free(m->path);
	arena_release(&m->arena);
}
