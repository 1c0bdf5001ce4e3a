/* results.c - results.jsonl back into RFiles (src/report).
 *
 * One JSON object per line (docs/report.md, "Input"): {"v":1, "file",
 * "rel", "sha256", "status", "reason", "reused", "elapsed_ms", "output",
 * "summary"}, where summary is the line `akko-migrate -f json` prints.  A
 * line that is not such an object is reported with its position and left
 * out; the others still count.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/srcfile.h"
#include "report/model.h"

#define ST_STR(name, str) str,
static const char *const status_names[] = {STATUS_LIST(ST_STR)};
#undef ST_STR
#define SRC_STR(name, str) str,
static const char *const source_names[] = {SRC_LIST(SRC_STR)};
#undef SRC_STR

const char *status_name(RStatus s)
{
	return status_names[s];
}
const char *rsource_name(RSource s)
{
	return source_names[s];
}

/* Reading one line: the first problem found is kept in `why`. */
typedef struct Line {
	Arena *a;
	const char *why;
} Line;

static bool fail(Line *l, const char *why)
{
	if (!l->why)
		l->why = why;
	return false;
}

static const char *str_opt(Line *l, const cJSON *o, const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v || cJSON_IsNull(v)) {
		if (required)
			fail(l, arena_sprintf(l->a, "\"%s\" is missing", key));
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		fail(l, arena_sprintf(l->a, "\"%s\" is not a string", key));
		return NULL;
	}
	return arena_strdup(l->a, v->valuestring);
}

static double num_opt(Line *l, const cJSON *o, const char *key, double max)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0 || v->valuedouble > max) {
		fail(l, arena_sprintf(l->a, "\"%s\" is not a number from 0 to %g", key, max));
		return 0;
	}
	return v->valuedouble;
}

static uint32_t count_opt(Line *l, const cJSON *o, const char *key)
{
	return (uint32_t)num_opt(l, o, key, 4e9);
}

static void read_counts(Line *l, const cJSON *s, RFile *f)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(s, "counts");
	if (!c || cJSON_IsNull(c))
		return;
	if (!cJSON_IsObject(c)) {
		fail(l, "\"counts\" is not an object");
		return;
	}
	for (int m = 0; m < METRIC_COUNT; m++)
		f->counts[m] = count_opt(l, c, metric_key((Metric)m));
	f->flows = count_opt(l, c, "mappings");
	f->controls = count_opt(l, c, "workflows");
	f->tasks = count_opt(l, c, "tasks");
}

static RSource source_of(const char *s)
{
	for (int i = 0; i < SRC_OTHER; i++)
		if (s && strcmp(s, source_names[i]) == 0)
			return (RSource)i;
	return SRC_OTHER;
}

static void read_objects(Line *l, const cJSON *s, RFile *f)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(s, "objects");
	if (!arr || cJSON_IsNull(arr))
		return;
	if (!cJSON_IsArray(arr)) {
		fail(l, "\"objects\" is not an array");
		return;
	}
	const cJSON *o;
	cJSON_ArrayForEach(o, arr)
	{
		if (!cJSON_IsObject(o)) {
			fail(l, "an entry of \"objects\" is not an object");
			return;
		}
		RObject *r = ARENA_NEW(l->a, RObject);
		r->pipeline = str_opt(l, o, "pipeline", false);
		r->id = str_opt(l, o, "id", true);
		r->type = str_opt(l, o, "type", false);
		r->kind = str_opt(l, o, "kind", false);
		r->source = source_of(str_opt(l, o, "source", false));
		r->confidence = num_opt(l, o, "confidence", 1);
		r->review = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "review"));
		ptrvec_push(l->a, &f->objects, r);
	}
}

static void read_unsupported(Line *l, const cJSON *s, RFile *f)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(s, "unsupported");
	if (!arr || cJSON_IsNull(arr))
		return;
	if (!cJSON_IsArray(arr)) {
		fail(l, "\"unsupported\" is not an array");
		return;
	}
	const cJSON *o;
	cJSON_ArrayForEach(o, arr)
	{
		if (!cJSON_IsObject(o)) {
			fail(l, "an entry of \"unsupported\" is not an object");
			return;
		}
		RUnsup *u = ARENA_NEW(l->a, RUnsup);
		u->what = str_opt(l, o, "what", true);
		u->name = str_opt(l, o, "name", true);
		u->count = count_opt(l, o, "count");
		if (u->what && strcmp(u->what, "construct") != 0 && strcmp(u->what, "function") != 0)
			fail(l, "\"what\" of an unsupported entry is neither \"construct\" nor \"function\"");
		ptrvec_push(l->a, &f->unsupported, u);
	}
}

static void read_summary(Line *l, const cJSON *s, RFile *f)
{
	f->has_summary = true;
	f->overall = num_opt(l, s, "overall_confidence", 1);
	f->min_conf = num_opt(l, s, "min_confidence", 1);
	f->pipelines = count_opt(l, s, "pipelines");
	f->nodes = count_opt(l, s, "nodes");
	f->warnings = count_opt(l, s, "warnings");
	f->review = count_opt(l, s, "review");
	f->llm = count_opt(l, s, "llm_assisted");
	const char *gate = str_opt(l, s, "gate", true);
	if (gate && strcmp(gate, "pass") != 0 && strcmp(gate, "fail") != 0)
		fail(l, "\"gate\" is neither \"pass\" nor \"fail\"");
	f->gate_pass = gate && strcmp(gate, "pass") == 0;
	f->gate_reason = str_opt(l, s, "reason", false);
	f->fingerprint = str_opt(l, s, "fingerprint", false);
	read_counts(l, s, f);
	read_objects(l, s, f);
	read_unsupported(l, s, f);
}

/* One result record; false (with l->why) when it is not one. */
static bool read_record(Line *l, const cJSON *j, RFile *f)
{
	if (!cJSON_IsObject(j))
		return fail(l, "the line is not a JSON object");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "v");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1)
		return fail(l, "\"v\" is not 1 (this report reads results version 1)");
	f->file = str_opt(l, j, "file", true);
	f->rel = str_opt(l, j, "rel", false);
	f->sha256 = str_opt(l, j, "sha256", false);
	f->reason = str_opt(l, j, "reason", false);
	f->output = str_opt(l, j, "output", false);
	f->reused = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "reused"));
	f->elapsed_ms = num_opt(l, j, "elapsed_ms", 1e12);
	const char *st = str_opt(l, j, "status", true);
	int i = 0;
	while (st && i < ST_COUNT && strcmp(st, status_names[i]) != 0)
		i++;
	if (st && i == ST_COUNT)
		fail(l, arena_sprintf(l->a, "unknown status \"%s\"", st));
	f->status = (RStatus)i;
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "summary");
	if (s && cJSON_IsObject(s))
		read_summary(l, s, f);
	else if (s && !cJSON_IsNull(s))
		fail(l, "\"summary\" is neither an object nor null");
	else if (st && f->status == ST_CONVERTED)
		fail(l, "a converted file has no \"summary\"");
	f->key = f->rel ? f->rel : f->file;
	f->has_summary = f->has_summary && f->status == ST_CONVERTED; /* only converted files count */
	f->rated = f->has_summary && f->nodes > 0;
	return l->why == NULL;
}

/* Keep f; a file already read is replaced by the later record. */
static void keep(Estate *e, RFile *f, SrcLoc loc, DiagSink *sink)
{
	uintptr_t slot = (uintptr_t)strmap_get(&e->by_key, f->key);
	if (!slot) {
		ptrvec_push(e->a, &e->files, f);
		strmap_put(&e->by_key, f->key, (void *)(uintptr_t)e->files.len);
		return;
	}
	RFile *old = e->files.items[slot - 1];
	if (old->sha256 && f->sha256 && strcmp(old->sha256, f->sha256) != 0) {
		diag_warning(sink, W_REPORT_CONFLICT, loc,
			     "'%s' was read before (%s:%u) with a different sha256; this line is kept",
			     f->key, old->input, old->line);
		e->conflicts++;
	}
	e->files.items[slot - 1] = f;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static void read_line(Estate *e, RInput *in, SrcFile *src, uint32_t lineno, const char *s, size_t n,
		      DiagSink *sink)
{
	in->lines++;
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(s, n, &end, false);
	Line l = {e->a, NULL};
	uint32_t col = 1;
	RFile *f = ARENA_NEW(e->a, RFile);
	f->input = in->path;
	f->line = lineno;
	if (!j) {
		col = end && end >= s ? (uint32_t)(end - s) + 1 : 1;
		l.why = "the line is not valid JSON";
	} else if (!blank(end, n - (size_t)(end - s))) {
		col = (uint32_t)(end - s) + 1;
		l.why = "text follows the JSON object";
	} else {
		read_record(&l, j, f);
	}
	cJSON_Delete(j);
	SrcLoc loc = {src, lineno, col};
	if (l.why) {
		diag_error(sink, E_REPORT_LINE, loc, "%s", l.why);
		in->malformed++;
		e->malformed++;
		return;
	}
	in->used++;
	keep(e, f, loc, sink);
}

/* K and N of a file named results.shard-K-of-N.jsonl (in any directory). */
static bool shard_of(const char *path, unsigned *k, unsigned *n)
{
	const char *base = strrchr(path, '/');
	int end = 0;
	base = base ? base + 1 : path;
	*k = *n = 0;
	if (sscanf(base, "results.shard-%u-of-%u.jsonl%n", k, n, &end) == 2 && end > 0 && !base[end] &&
	    *k >= 1 && *k <= *n)
		return true;
	*k = *n = 0;
	return false;
}

static bool read_file(Estate *e, const char *path, DiagSink *sink)
{
	SrcFile *src = ARENA_NEW(e->a, SrcFile);
	const char *err;
	if (!srcfile_read(src, path, &err))
		return diag_error(sink, E_IO_READ, SRCLOC_NONE, "cannot read '%s': %s", path, err);
	RInput *in = ARENA_NEW(e->a, RInput);
	in->path = arena_strdup(e->a, path);
	shard_of(path, &in->shard_k, &in->shard_n);
	ptrvec_push(e->a, &e->inputs, in);
	const char *p = src->text, *end = src->text + src->len;
	for (uint32_t lineno = 1; p < end; lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!blank(p, n))
			read_line(e, in, src, lineno, p, n, sink);
		p += n + 1;
	}
	srcfile_release(src);
	return true;
}

/* ---- result trees ------------------------------------------------------------ */

typedef struct TreeFile {
	unsigned k, n; /* a shard's results; n 0 for results.jsonl */
	char *name;
} TreeFile;

static int by_shard(const void *a, const void *b)
{
	const TreeFile *x = a, *y = b;
	return x->n != y->n ? (x->n < y->n ? -1 : 1) : (x->k > y->k) - (x->k < y->k);
}

/* The results files of directory `dir`, sorted (results.jsonl first, then
 * shards by N and K); NULL when it cannot be read. */
static TreeFile *tree_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	TreeFile *files = NULL;
	size_t cap = 0;
	struct dirent *de;
	*n = 0;
	while ((de = readdir(d))) {
		TreeFile t = {0, 0, NULL};
		if (strcmp(de->d_name, "results.jsonl") != 0 && !shard_of(de->d_name, &t.k, &t.n))
			continue;
		if (*n == cap)
			files = xrealloc(files, size_mul(cap = cap ? 2 * cap : 8, sizeof *files));
		t.name = xstrdup(de->d_name);
		files[(*n)++] = t;
	}
	closedir(d);
	if (!files)
		return xcalloc(1, sizeof *files);
	qsort(files, *n, sizeof *files, by_shard);
	return files;
}

/* A result tree: its results.jsonl, or its shards of one N in K order;
 * anything else could mix runs, so it is refused. */
static bool read_tree(Estate *e, const char *dir, DiagSink *sink)
{
	size_t n = 0;
	TreeFile *files = tree_files(dir, &n);
	if (!files)
		return diag_error(sink, E_IO_READ, SRCLOC_NONE, "cannot read '%s': %s", dir, strerror(errno));
	SrcFile where = {.path = dir};
	bool ok = n > 0 && files[0].n == files[n - 1].n && (files[0].n || n == 1);
	if (!ok) {
		Sbuf names = SBUF_INIT;
		for (size_t i = 0; i < n; i++)
			sbuf_addf(&names, "%s'%s'", i ? ", " : "", files[i].name);
		if (n)
			diag_error(sink, E_REPORT_TREE, (SrcLoc){&where, 0, 0},
				   "the directory holds the results of more than one run: %s", names.buf);
		else
			diag_error(sink, E_REPORT_TREE, (SrcLoc){&where, 0, 0},
				   "the directory holds no results.jsonl or results.shard-K-of-N.jsonl");
		sbuf_release(&names);
	}
	size_t dl = strlen(dir);
	for (size_t i = 0; i < n; i++) {
		if (ok)
			ok = read_file(e,
				       arena_sprintf(e->a, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
						     files[i].name),
				       sink);
		free(files[i].name);
	}
	free(files);
	return ok;
}

bool results_read(Estate *e, const char *path, DiagSink *sink)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return read_tree(e, path, sink);
	return read_file(e, path, sink);
}

/* ---- shards left out ------------------------------------------------------ */

static int by_n_k(const void *a, const void *b)
{
	const RInput *x = *(const RInput *const *)a, *y = *(const RInput *const *)b;
	if (x->shard_n != y->shard_n)
		return x->shard_n < y->shard_n ? -1 : 1;
	return (x->shard_k > y->shard_k) - (x->shard_k < y->shard_k);
}

/* The shards of N missing from in[0..n) (sorted by K, all of N) into
 * `missing`, the first few; returns how many are missing. */
static unsigned missing_shards(const RInput *const *in, size_t n, unsigned of, Sbuf *missing)
{
	unsigned gone = 0;
	size_t j = 0;
	for (unsigned k = 1; k <= of; k++) {
		while (j < n && in[j]->shard_k < k)
			j++;
		if (j < n && in[j]->shard_k == k)
			continue;
		if (gone++ < 10)
			sbuf_addf(missing, "%s%u", gone > 1 ? ", " : "", k);
		else if (gone == 11)
			sbuf_adds(missing, ", ...");
	}
	return gone;
}

void results_check_shards(const Estate *e, DiagSink *sink)
{
	size_t n = e->inputs.len;
	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		if (!((const RInput *)e->inputs.items[i])->shard_n)
			return;
	const RInput **in = xcalloc(n + 1, sizeof *in);
	memcpy(in, e->inputs.items, n * sizeof *in);
	qsort(in, n, sizeof *in, by_n_k);
	for (size_t i = 0, j; i < n; i = j) {
		unsigned of = in[i]->shard_n;
		for (j = i; j < n && in[j]->shard_n == of; j++)
			;
		Sbuf missing = SBUF_INIT;
		unsigned gone = missing_shards(in + i, j - i, of, &missing);
		if (gone)
			diag_warning(sink, W_REPORT_SHARDS, SRCLOC_NONE,
				     "%u of %u shards read: missing shard%s %s", of - gone, of,
				     gone == 1 ? "" : "s", missing.buf);
		sbuf_release(&missing);
	}
	free(in);
}
