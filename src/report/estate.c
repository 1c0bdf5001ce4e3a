/* estate.c - from file results to the estate: effort per file, bands,
 * classes, totals, the unsupported list and near-duplicate clusters
 * (src/report; docs/effort.md gives every rule used here).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/model.h"

const char *fmt_num(char buf[32], double x)
{
	if (!(x > -1e15 && x < 1e15))
		x = 0;
	snprintf(buf, 32, "%.3f", x);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

const char *fmt_hours(char buf[32], double x)
{
	snprintf(buf, 32, "%.2f", x > -1e15 && x < 1e15 ? x : 0);
	return strcmp(buf, "-0.00") == 0 ? strcpy(buf, "0.00") : buf;
}

void estate_summary_rows(const Estate *e, EstateRowFn row, Sbuf *out)
{
	char b[32], v[64];
	snprintf(v, sizeof v, "%u", e->files.len);
	row(out, "files", v);
	for (int s = 0; s < ST_COUNT; s++) {
		snprintf(v, sizeof v, "%u", e->by_status[s]);
		row(out, status_name((RStatus)s), v);
	}
	snprintf(v, sizeof v, "%u / %u", e->gate_pass, e->gate_fail);
	row(out, "gate pass / fail", v);
	row(out, "mean confidence", e->rated ? fmt_num(b, e->mean_conf) : "-");
	row(out, "lowest file confidence", e->rated ? fmt_num(b, e->min_conf) : "-");
	snprintf(v, sizeof v, "%u", e->flows);
	row(out, "data flows (jobs, mappings)", v);
	snprintf(v, sizeof v, "%u", e->controls);
	row(out, "control flows (workflows, sequences)", v);
	snprintf(v, sizeof v, "%u", e->tasks);
	row(out, "control-flow tasks (activities)", v);
	snprintf(v, sizeof v, "%u", e->objects);
	row(out, "objects", v);
	snprintf(v, sizeof v, "%u", e->review);
	row(out, "objects to review", v);
	snprintf(v, sizeof v, "%u", e->llm);
	row(out, "LLM-assisted objects", v);
	row(out, "effort (hours)", fmt_hours(b, e->hours));
	row(out, "effort, each cluster reviewed once (hours)", fmt_hours(b, e->hours - e->saved));
	snprintf(v, sizeof v, "%u", e->not_estimated);
	row(out, "files not estimated (not converted)", v);
	if (e->malformed || e->conflicts) {
		snprintf(v, sizeof v, "%u", e->malformed);
		row(out, "malformed input lines (left out)", v);
		snprintf(v, sizeof v, "%u", e->conflicts);
		row(out, "files with conflicting sha256", v);
	}
}

static void file_model(Estate *e, RFile *f)
{
	const EffortConfig *c = &e->cfg;
	if (f->has_summary) {
		f->band = f->rated ? effort_band(c, f->overall) : BAND_COUNT;
		f->cls = effort_class(c, f->counts);
		f->estimated = true;
		f->review_hours = effort_review_hours(c, f->review, f->llm);
		f->hours = effort_file_hours(c, f->pipelines, f->review, f->llm);
	} else if (f->status != ST_SKIPPED && f->status != ST_CONVERTED) {
		f->estimated = c->unconverted_file > 0;
		f->hours = c->unconverted_file;
	}
}

static void add_unsupported(Estate *e, const RFile *f, StrMap *seen)
{
	for (uint32_t i = 0; i < f->unsupported.len; i++) {
		const RUnsup *u = f->unsupported.items[i];
		const char *key = arena_sprintf(e->a, "%s\n%s", u->what, u->name);
		RUnsup *t = strmap_get(seen, key);
		if (!t) {
			t = ARENA_NEW(e->a, RUnsup);
			t->what = u->what, t->name = u->name;
			strmap_put(seen, key, t);
			ptrvec_push(e->a, &e->unsupported, t);
		}
		t->count += u->count;
		t->files++; /* a file lists each (what, name) once */
	}
}

/* The converted objects of `f` by kind (one file counted once per kind). */
static void add_kinds(Estate *e, const RFile *f, StrMap *kinds)
{
	for (uint32_t i = 0; i < f->objects.len; i++) {
		const RObject *o = f->objects.items[i];
		const char *k = o->kind ? o->kind : "(none)";
		RKind *r = strmap_get(kinds, k);
		if (!r) {
			r = ARENA_NEW(e->a, RKind);
			r->kind = k;
			strmap_put(kinds, k, r);
			ptrvec_push(e->a, &e->kinds, r);
		}
		if (r->files == 0 || ((const RFile *)r->last) != f)
			r->files++;
		r->last = f;
		r->objects++;
		r->review += o->review;
	}
}

static void add_converted(Estate *e, const RFile *f)
{
	e->converted++;
	f->gate_pass ? e->gate_pass++ : e->gate_fail++;
	if (f->rated) {
		e->rated++;
		e->mean_conf += f->overall;
		if (e->rated == 1 || f->overall < e->min_conf)
			e->min_conf = f->overall;
		int bin = (int)(f->overall * 10 + 1e-9);
		e->hist[bin > 9 ? 9 : bin < 0 ? 0 : bin]++;
	}
	e->objects += f->nodes;
	e->flows += f->flows;
	e->controls += f->controls;
	e->tasks += f->tasks;
	e->review += f->review;
	e->llm += f->llm;
	e->band_files[f->band]++;
	e->band_hours[f->band] += f->hours;
	e->class_files[f->cls]++;
	e->class_hours[f->cls] += f->hours;
	for (uint32_t i = 0; i < f->objects.len; i++) {
		const RObject *o = f->objects.items[i];
		e->band_objects[effort_band(&e->cfg, o->confidence)]++;
		e->by_source[o->source]++;
	}
}

static int cmp_key(const void *x, const void *y)
{
	const RFile *a = *(RFile *const *)x, *b = *(RFile *const *)y;
	return strcmp(a->key, b->key);
}

/* Lowest confidence first; files that were not converted before all,
 * converted files with no confidence after all. */
static double table_rank(const RFile *f)
{
	return f->rated ? f->overall : f->has_summary ? 2 : -1;
}

static int cmp_table(const void *x, const void *y)
{
	const RFile *a = *(RFile *const *)x, *b = *(RFile *const *)y;
	double ca = table_rank(a), cb = table_rank(b);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int cmp_unsup(const void *x, const void *y)
{
	const RUnsup *a = *(RUnsup *const *)x, *b = *(RUnsup *const *)y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->files != b->files)
		return a->files > b->files ? -1 : 1;
	int c = strcmp(a->what, b->what);
	return c ? c : strcmp(a->name, b->name);
}

static int cmp_cluster(const void *x, const void *y)
{
	const RCluster *a = *(RCluster *const *)x, *b = *(RCluster *const *)y;
	if (a->members.len != b->members.len)
		return a->members.len > b->members.len ? -1 : 1;
	return strcmp(((RFile *)a->members.items[0])->key, ((RFile *)b->members.items[0])->key);
}

static void sort(PtrVec *v, int (*cmp)(const void *, const void *))
{
	if (v->len > 1)
		qsort(v->items, v->len, sizeof *v->items, cmp);
}

/* Files with the same fingerprint, visited in key order: the first of
 * each is reviewed, the others save their review hours. */
static void clusters(Estate *e)
{
	StrMap by_fp;
	strmap_init(&by_fp, e->a, false);
	PtrVec all = {0};
	for (uint32_t i = 0; i < e->files.len; i++) {
		RFile *f = e->files.items[i];
		if (!f->has_summary || !f->fingerprint)
			continue;
		RCluster *c = strmap_get(&by_fp, f->fingerprint);
		if (!c) {
			c = ARENA_NEW(e->a, RCluster);
			c->fingerprint = f->fingerprint;
			strmap_put(&by_fp, f->fingerprint, c);
			ptrvec_push(e->a, &all, c);
		} else {
			c->saved += f->review_hours;
		}
		ptrvec_push(e->a, &c->members, f);
	}
	for (uint32_t i = 0; i < all.len; i++)
		if (((RCluster *)all.items[i])->members.len >= 2)
			ptrvec_push(e->a, &e->clusters, all.items[i]);
	sort(&e->clusters, cmp_cluster);
	for (uint32_t i = 0; i < e->clusters.len; i++) {
		RCluster *c = e->clusters.items[i];
		e->saved += c->saved;
		for (uint32_t j = 0; j < c->members.len; j++)
			((RFile *)c->members.items[j])->cluster = i + 1;
	}
}

static int cmp_kind(const void *x, const void *y)
{
	const RKind *a = *(RKind *const *)x, *b = *(RKind *const *)y;
	if (a->objects != b->objects)
		return a->objects > b->objects ? -1 : 1;
	return strcmp(a->kind, b->kind);
}

void estate_compute(Estate *e)
{
	sort(&e->files, cmp_key);
	StrMap seen, kinds;
	strmap_init(&seen, e->a, false);
	strmap_init(&kinds, e->a, false);
	for (uint32_t i = 0; i < e->files.len; i++) {
		RFile *f = e->files.items[i];
		file_model(e, f);
		e->by_status[f->status]++;
		if (f->has_summary) {
			add_converted(e, f);
			add_kinds(e, f, &kinds);
		}
		if (f->estimated)
			e->hours += f->hours;
		else if (f->status != ST_SKIPPED)
			e->not_estimated++;
		add_unsupported(e, f, &seen);
	}
	if (e->rated)
		e->mean_conf /= e->rated;
	sort(&e->unsupported, cmp_unsup);
	sort(&e->kinds, cmp_kind);
	clusters(e);
	sort(&e->files, cmp_table);
}
