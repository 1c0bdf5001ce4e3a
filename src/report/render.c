/* render.c - the report as Markdown, JSON and CSV (src/report).
 *
 * All three print the Estate in the order estate.c sorted it; none prints
 * a time, so the same inputs give the same bytes.
 */
#include <ctype.h>
#include <string.h>

#include "report/model.h"

/* ---- shared ----------------------------------------------------------------- */

static const char *class_of(const RFile *f)
{
	return f->has_summary ? class_label(f->cls) : "-";
}

/* The reason a file is shown with: the gate's for converted files, the
 * conversion's otherwise. */
static const char *reason_of(const RFile *f)
{
	return f->has_summary ? f->gate_reason : f->reason;
}

/* ---- Markdown ---------------------------------------------------------------- */

/* A table cell: '|' and '\\' escaped, line breaks as spaces, and '<' and '&'
 * as entities where they could open a tag or an entity, so that a viewer
 * that renders HTML in Markdown shows names as written. */
static void md_cell(Sbuf *out, const char *s)
{
	if (!s || !*s) {
		sbuf_adds(out, "-");
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '|': sbuf_adds(out, "\\|"); break;
		case '\n':
		case '\r': sbuf_addch(out, ' '); break;
		case '<': /* only where it could open a tag: "0.7 < 0.85" stays as is */
			sbuf_adds(out, isalpha((unsigned char)s[1]) || strchr("/!?", s[1] ? s[1] : ' ')
					   ? "&lt;"
					   : "<");
			break;
		case '&': /* only where it could start an entity */
			sbuf_adds(out, isalnum((unsigned char)s[1]) || s[1] == '#' ? "&amp;" : "&");
			break;
		case '\\': sbuf_adds(out, "\\\\"); break;
		default: sbuf_addch(out, *s); break;
		}
	}
}

static void md_row(Sbuf *out, const char *label, const char *value)
{
	sbuf_adds(out, "| ");
	sbuf_adds(out, label);
	sbuf_adds(out, " | ");
	sbuf_adds(out, value);
	sbuf_adds(out, " |\n");
}

static void md_summary(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "## Estate\n\n| | |\n|---|---:|\n");
	estate_summary_rows(e, md_row, out);
	sbuf_addch(out, '\n');
}

static void md_files(const Estate *e, Sbuf *out)
{
	char b[32];
	sbuf_adds(out, "## Files, lowest confidence first\n\n"
		       "| file | status | confidence | class | effort h | to review | cluster | reason |\n"
		       "|---|---|---:|---|---:|---:|---:|---|\n");
	for (uint32_t i = 0; i < e->files.len; i++) {
		const RFile *f = e->files.items[i];
		sbuf_adds(out, "| ");
		md_cell(out, f->key);
		sbuf_addf(out, " | %s | %s | %s | ", status_name(f->status),
			  f->rated ? fmt_num(b, f->overall) : "-", class_of(f));
		sbuf_adds(out, f->estimated ? fmt_hours(b, f->hours) : "-");
		if (f->has_summary)
			sbuf_addf(out, " | %u | ", f->review);
		else
			sbuf_adds(out, " | - | ");
		if (f->cluster)
			sbuf_addf(out, "%u", f->cluster);
		else
			sbuf_adds(out, "-");
		sbuf_adds(out, " | ");
		md_cell(out, reason_of(f));
		sbuf_adds(out, " |\n");
	}
	sbuf_addch(out, '\n');
}

static void md_unsupported(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "## Not converted: what to build next\n\n");
	if (!e->unsupported.len) {
		sbuf_adds(out, "Nothing: every construct and function was converted.\n\n");
		return;
	}
	sbuf_adds(out, "| what | name | count | files |\n|---|---|---:|---:|\n");
	for (uint32_t i = 0; i < e->unsupported.len; i++) {
		const RUnsup *u = e->unsupported.items[i];
		sbuf_addf(out, "| %s | ", u->what);
		md_cell(out, u->name);
		sbuf_addf(out, " | %u | %u |\n", u->count, u->files);
	}
	sbuf_addch(out, '\n');
}

/* The converted objects by the source tool's class (stage, transformation
 * or component type). */
static void md_kinds(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "## Objects by kind\n\n");
	if (!e->kinds.len) {
		sbuf_adds(out, "No data-flow object.\n\n");
		return;
	}
	sbuf_adds(out, "| kind | objects | to review | files |\n|---|---:|---:|---:|\n");
	for (uint32_t i = 0; i < e->kinds.len; i++) {
		const RKind *k = e->kinds.items[i];
		sbuf_adds(out, "| ");
		md_cell(out, k->kind);
		sbuf_addf(out, " | %u | %u | %u |\n", k->objects, k->review, k->files);
	}
	sbuf_addch(out, '\n');
}

static void md_bands(const Estate *e, Sbuf *out)
{
	char b[32], lim[32];
	sbuf_adds(out, "## Effort by confidence band\n\n"
		       "| band | files | objects | effort h |\n|---|---:|---:|---:|\n");
	for (int i = 0; i < BAND_COUNT; i++) {
		if (i < BAND_COUNT - 1)
			sbuf_addf(out, "| %s (>= %s) ", band_label((Band)i),
				  fmt_num(lim, e->cfg.band_min[i]));
		else
			sbuf_addf(out, "| %s (< %s) ", band_label((Band)i),
				  fmt_num(lim, e->cfg.band_min[i - 1]));
		sbuf_addf(out, "| %u | %u | %s |\n", e->band_files[i], e->band_objects[i],
			  fmt_hours(b, e->band_hours[i]));
	}
	sbuf_addf(out, "| no confidence (no data-flow object) | %u | 0 | %s |\n", e->band_files[BAND_COUNT],
		  fmt_hours(b, e->band_hours[BAND_COUNT]));
	sbuf_adds(out, "\n## Effort by complexity\n\n| class | files | effort h |\n|---|---:|---:|\n");
	for (int i = 0; i < CLASS_COUNT; i++)
		sbuf_addf(out, "| %s | %u | %s |\n", class_label((JobClass)i), e->class_files[i],
			  fmt_hours(b, e->class_hours[i]));
	sbuf_addch(out, '\n');
}

static void md_clusters(const Estate *e, Sbuf *out)
{
	char b[32];
	sbuf_adds(out, "## Near-duplicate clusters\n\n");
	if (!e->clusters.len) {
		sbuf_adds(out, "None: no two converted files share a structure.\n");
		return;
	}
	sbuf_addf(out,
		  "Files with the same structural fingerprint are copies up to names and literals; review "
		  "the first of each cluster and apply its fixes to the others.  Saves %s hours of "
		  "review.\n\n",
		  fmt_hours(b, e->saved));
	for (uint32_t i = 0; i < e->clusters.len; i++) {
		const RCluster *c = e->clusters.items[i];
		sbuf_addf(out, "### Cluster %u: %u files, fingerprint %.12s, saves %s h\n\n", i + 1,
			  c->members.len, c->fingerprint, fmt_hours(b, c->saved));
		for (uint32_t j = 0; j < c->members.len; j++) {
			sbuf_adds(out, "- ");
			md_cell(out, ((const RFile *)c->members.items[j])->key);
			sbuf_adds(out, j == 0 ? " (review this one)\n" : "\n");
		}
		sbuf_addch(out, '\n');
	}
}

void render_md(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "# Migration report\n\nInputs:");
	for (uint32_t i = 0; i < e->inputs.len; i++) {
		const RInput *in = e->inputs.items[i];
		sbuf_adds(out, i ? ", " : " ");
		md_cell(out, in->path);
		sbuf_addf(out, " (%u line%s", in->lines, in->lines == 1 ? "" : "s");
		if (in->malformed)
			sbuf_addf(out, ", %u malformed", in->malformed);
		sbuf_adds(out, ")");
	}
	sbuf_adds(out, ".  Effort model: docs/effort.md.\n\n");
	md_summary(e, out);
	md_files(e, out);
	md_unsupported(e, out);
	md_kinds(e, out);
	md_bands(e, out);
	md_clusters(e, out);
}

/* ---- JSON -------------------------------------------------------------------- */

static void js(Sbuf *out, const char *s)
{
	if (s)
		sbuf_add_json_string(out, s, strlen(s));
	else
		sbuf_adds(out, "null");
}

static void jnum(Sbuf *out, double x)
{
	char b[32];
	sbuf_adds(out, fmt_num(b, x));
}

static void json_estate(const Estate *e, Sbuf *out)
{
	sbuf_addf(out, "  \"estate\": {\"files\": %u, \"status\": {", e->files.len);
	for (int s = 0; s < ST_COUNT; s++)
		sbuf_addf(out, "%s\"%s\": %u", s ? ", " : "", status_name((RStatus)s), e->by_status[s]);
	sbuf_addf(out, "}, \"gate_pass\": %u, \"gate_fail\": %u, \"mean_confidence\": ", e->gate_pass,
		  e->gate_fail);
	e->rated ? jnum(out, e->mean_conf) : sbuf_adds(out, "null");
	sbuf_adds(out, ", \"min_confidence\": ");
	e->rated ? jnum(out, e->min_conf) : sbuf_adds(out, "null");
	sbuf_addf(out,
		  ", \"objects\": %u, \"review\": %u, \"llm_assisted\": %u, \"effort_hours\": ", e->objects,
		  e->review, e->llm);
	jnum(out, e->hours);
	sbuf_adds(out, ", \"cluster_savings_hours\": ");
	jnum(out, e->saved);
	sbuf_adds(out, ", \"effort_hours_clustered\": ");
	jnum(out, e->hours - e->saved);
	sbuf_addf(out, ", \"not_estimated\": %u, \"malformed_lines\": %u, \"conflicts\": %u",
		  e->not_estimated, e->malformed, e->conflicts);
	sbuf_addf(out, ", \"data_flows\": %u, \"control_flows\": %u, \"control_flow_tasks\": %u},\n", e->flows,
		  e->controls, e->tasks);
}

static void json_file(const RFile *f, Sbuf *out)
{
	sbuf_adds(out, "{\"file\": ");
	js(out, f->file);
	sbuf_adds(out, ", \"rel\": ");
	js(out, f->rel);
	sbuf_addf(out, ", \"status\": \"%s\", \"confidence\": ", status_name(f->status));
	f->rated ? jnum(out, f->overall) : sbuf_adds(out, "null");
	sbuf_adds(out, ", \"min_confidence\": ");
	f->rated ? jnum(out, f->min_conf) : sbuf_adds(out, "null");
	sbuf_adds(out, ", \"gate\": ");
	js(out, f->has_summary ? (f->gate_pass ? "pass" : "fail") : NULL);
	sbuf_adds(out, ", \"band\": ");
	js(out, f->rated ? band_key(f->band) : NULL);
	sbuf_adds(out, ", \"class\": ");
	js(out, f->has_summary ? class_key(f->cls) : NULL);
	sbuf_adds(out, ", \"effort_hours\": ");
	f->estimated ? jnum(out, f->hours) : sbuf_adds(out, "null");
	if (f->has_summary)
		sbuf_addf(out, ", \"objects\": %u, \"review\": %u, \"llm_assisted\": %u", f->nodes, f->review,
			  f->llm);
	else
		sbuf_adds(out, ", \"objects\": null, \"review\": null, \"llm_assisted\": null");
	sbuf_adds(out, ", \"cluster\": ");
	f->cluster ? sbuf_addf(out, "%u", f->cluster) : sbuf_adds(out, "null");
	sbuf_adds(out, ", \"reason\": ");
	js(out, reason_of(f));
	sbuf_adds(out, "}");
}

static void json_lists(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "  \"unsupported\": [");
	for (uint32_t i = 0; i < e->unsupported.len; i++) {
		const RUnsup *u = e->unsupported.items[i];
		sbuf_addf(out, "%s\n    {\"what\": ", i ? "," : "");
		js(out, u->what);
		sbuf_adds(out, ", \"name\": ");
		js(out, u->name);
		sbuf_addf(out, ", \"count\": %u, \"files\": %u}", u->count, u->files);
	}
	sbuf_adds(out, e->unsupported.len ? "\n  ],\n  \"kinds\": [" : "],\n  \"kinds\": [");
	for (uint32_t i = 0; i < e->kinds.len; i++) {
		const RKind *k = e->kinds.items[i];
		sbuf_addf(out, "%s\n    {\"kind\": ", i ? "," : "");
		js(out, k->kind);
		sbuf_addf(out, ", \"objects\": %u, \"review\": %u, \"files\": %u}", k->objects, k->review, k->files);
	}
	sbuf_adds(out, e->kinds.len ? "\n  ],\n  \"bands\": [" : "],\n  \"bands\": [");
	for (int i = 0; i < BAND_COUNT; i++) {
		sbuf_addf(out, "%s\n    {\"band\": \"%s\", \"min\": ", i ? "," : "", band_key((Band)i));
		i < BAND_COUNT - 1 ? jnum(out, e->cfg.band_min[i]) : sbuf_adds(out, "0");
		sbuf_addf(out, ", \"files\": %u, \"objects\": %u, \"effort_hours\": ", e->band_files[i],
			  e->band_objects[i]);
		jnum(out, e->band_hours[i]);
		sbuf_adds(out, "}");
	}
	sbuf_addf(out,
		  ",\n    {\"band\": null, \"min\": null, \"files\": %u, \"objects\": 0, \"effort_hours\": ",
		  e->band_files[BAND_COUNT]);
	jnum(out, e->band_hours[BAND_COUNT]);
	sbuf_adds(out, "}\n  ],\n  \"complexity\": [");
	for (int i = 0; i < CLASS_COUNT; i++) {
		sbuf_addf(out, "%s\n    {\"class\": \"%s\", \"files\": %u, \"effort_hours\": ", i ? "," : "",
			  class_key((JobClass)i), e->class_files[i]);
		jnum(out, e->class_hours[i]);
		sbuf_adds(out, "}");
	}
	sbuf_adds(out, "\n  ],\n  \"conversion_sources\": {");
	for (int i = 0; i < SRC_COUNT; i++)
		sbuf_addf(out, "%s\"%s\": %u", i ? ", " : "", rsource_name((RSource)i), e->by_source[i]);
	sbuf_adds(out, "},\n  \"clusters\": [");
	for (uint32_t i = 0; i < e->clusters.len; i++) {
		const RCluster *c = e->clusters.items[i];
		sbuf_addf(out, "%s\n    {\"cluster\": %u, \"fingerprint\": ", i ? "," : "", i + 1);
		js(out, c->fingerprint);
		sbuf_adds(out, ", \"savings_hours\": ");
		jnum(out, c->saved);
		sbuf_adds(out, ", \"members\": [");
		for (uint32_t j = 0; j < c->members.len; j++) {
			sbuf_adds(out, j ? ", " : "");
			js(out, ((const RFile *)c->members.items[j])->key);
		}
		sbuf_adds(out, "]}");
	}
	sbuf_adds(out, e->clusters.len ? "\n  ]\n" : "]\n");
}

static void json_config(const Estate *e, Sbuf *out)
{
	const EffortConfig *c = &e->cfg;
	sbuf_adds(out, "  \"config\": {\"effort\": {\"base_per_mapping\": ");
	jnum(out, c->base_per_mapping);
	sbuf_adds(out, ", \"review_per_object\": ");
	jnum(out, c->review_per_object);
	sbuf_adds(out, ", \"llm_per_object\": ");
	jnum(out, c->llm_per_object);
	sbuf_adds(out, ", \"testing_per_mapping\": ");
	jnum(out, c->testing_per_mapping);
	sbuf_adds(out, ", \"integration_per_file\": ");
	jnum(out, c->integration_per_file);
	sbuf_adds(out, ", \"unconverted_file\": ");
	jnum(out, c->unconverted_file);
	sbuf_adds(out, "}, \"bands\": {");
	for (int i = 0; i < BAND_COUNT - 1; i++) {
		sbuf_addf(out, "%s\"%s\": ", i ? ", " : "", band_key((Band)i));
		jnum(out, c->band_min[i]);
	}
	sbuf_adds(out, "}, \"complexity\": {");
	for (int m = 0; m < METRIC_COUNT; m++)
		sbuf_addf(out, "%s\"%s\": [%u, %u, %u]", m ? ", " : "", metric_key((Metric)m),
			  c->threshold[m][0], c->threshold[m][1], c->threshold[m][2]);
	sbuf_adds(out, "}},\n");
}

void render_json(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "{\n  \"version\": 1,\n  \"inputs\": [");
	for (uint32_t i = 0; i < e->inputs.len; i++) {
		const RInput *in = e->inputs.items[i];
		sbuf_adds(out, i ? ", {\"path\": " : "{\"path\": ");
		js(out, in->path);
		sbuf_addf(out, ", \"lines\": %u, \"used\": %u, \"malformed\": %u}", in->lines, in->used,
			  in->malformed);
	}
	sbuf_adds(out, "],\n");
	json_config(e, out);
	json_estate(e, out);
	sbuf_adds(out, "  \"files\": [");
	for (uint32_t i = 0; i < e->files.len; i++) {
		sbuf_adds(out, i ? ",\n    " : "\n    ");
		json_file(e->files.items[i], out);
	}
	sbuf_adds(out, e->files.len ? "\n  ],\n" : "],\n");
	json_lists(e, out);
	sbuf_adds(out, "}\n");
}

/* ---- CSV (RFC 4180: CRLF, fields with , " CR LF quoted, " doubled) ----------- */

static void csv_field(Sbuf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		sbuf_adds(out, s);
		return;
	}
	sbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addch(out, '"');
		sbuf_addch(out, *s);
	}
	sbuf_addch(out, '"');
}

void render_csv(const Estate *e, Sbuf *out)
{
	char b[32];
	sbuf_adds(out, "file,status,gate,confidence,min_confidence,band,class,effort_hours,objects,review,"
		       "llm_assisted,cluster,reason\r\n");
	for (uint32_t i = 0; i < e->files.len; i++) {
		const RFile *f = e->files.items[i];
		csv_field(out, f->key);
		sbuf_addf(out, ",%s,", status_name(f->status));
		if (f->has_summary) {
			sbuf_addf(out, "%s,", f->gate_pass ? "pass" : "fail");
			if (f->rated)
				sbuf_addf(out, "%s,", fmt_num(b, f->overall));
			else
				sbuf_adds(out, ",");
			if (f->rated)
				sbuf_addf(out, "%s,%s,", fmt_num(b, f->min_conf), band_key(f->band));
			else
				sbuf_adds(out, ",,");
			sbuf_addf(out, "%s,", class_key(f->cls));
		} else {
			sbuf_adds(out, ",,,,,");
		}
		if (f->estimated)
			sbuf_adds(out, fmt_hours(b, f->hours));
		if (f->has_summary)
			sbuf_addf(out, ",%u,%u,%u,", f->nodes, f->review, f->llm);
		else
			sbuf_adds(out, ",,,,");
		if (f->cluster)
			sbuf_addf(out, "%u", f->cluster);
		sbuf_addch(out, ',');
		csv_field(out, reason_of(f));
		sbuf_adds(out, "\r\n");
	}
}
