/* html.c - the report as one self-contained HTML page (src/report): inline
 * CSS, inline SVG charts (confidence histogram, effort by complexity,
 * conversion-source mix), no script, no external resource of any kind.
 * Every text that comes from an input is escaped.
 */
#include <string.h>

#include "report/model.h"

static void h(Sbuf *out, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_adds(out, "&amp;"); break;
		case '<': sbuf_adds(out, "&lt;"); break;
		case '>': sbuf_adds(out, "&gt;"); break;
		case '"': sbuf_adds(out, "&quot;"); break;
		case '\'': sbuf_adds(out, "&#39;"); break;
		default: sbuf_addch(out, *s); break;
		}
	}
}

static const char *const band_colour[BAND_COUNT] = {"#2e7d32", "#f9a825", "#ef6c00", "#c62828"};
static const char *const class_colour[CLASS_COUNT] = {"#90caf9", "#42a5f5", "#1e88e5", "#0d47a1"};
static const char *const source_colour[SRC_COUNT] = {"#2e7d32", "#6a1b9a", "#ef6c00", "#c62828", "#757575"};

static const char style[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1150px}"
    "h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;"
    "text-align:left;vertical-align:top}td.n,th.n{text-align:right}th{background:#f3f3f3}"
    ".charts{display:flex;flex-wrap:wrap;gap:16px}svg{border:1px solid #ddd;background:#fff}"
    "svg text{font:11px sans-serif;fill:#333}.muted{color:#666}";

/* A horizontal bar chart: one row per label. */
static void hbar_chart(Sbuf *out, const char *id, const char *title, const char *const *labels,
		       const double *values, const char *const *colours, int n, const char *unit)
{
	double max = 0;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	int height = 40 + 28 * n;
	sbuf_addf(out,
		  "<svg id=\"%s\" width=\"360\" height=\"%d\" viewBox=\"0 0 360 %d\" role=\"img\" "
		  "aria-label=\"",
		  id, height, height);
	h(out, title);
	sbuf_adds(out, "\"><title>");
	h(out, title);
	sbuf_addf(out, "</title><text x=\"10\" y=\"18\" font-weight=\"bold\">");
	h(out, title);
	sbuf_adds(out, "</text>\n");
	for (int i = 0; i < n; i++) {
		char b[32];
		double w = max > 0 ? values[i] / max * 180 : 0;
		int y = 32 + 28 * i;
		sbuf_addf(out, "<text x=\"10\" y=\"%d\">", y + 14);
		h(out, labels[i]);
		sbuf_addf(out,
			  "</text><rect x=\"120\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"><title>",
			  y, w, colours[i]);
		h(out, labels[i]);
		sbuf_addf(out, ": %s %s</title></rect>", fmt_num(b, values[i]), unit);
		sbuf_addf(out, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", 124 + w, y + 14,
			  fmt_num(b, values[i]));
	}
	sbuf_adds(out, "</svg>\n");
}

/* Converted files by overall confidence, in tenths, coloured by band. */
static void histogram(const Estate *e, Sbuf *out)
{
	uint32_t max = 0;
	for (int i = 0; i < 10; i++)
		if (e->hist[i] > max)
			max = e->hist[i];
	sbuf_adds(out, "<svg id=\"chart-confidence\" width=\"400\" height=\"240\" viewBox=\"0 0 400 240\" "
		       "role=\"img\" aria-label=\"Confidence histogram\"><title>Confidence histogram</title>"
		       "<text x=\"10\" y=\"18\" font-weight=\"bold\">Files by confidence</text>\n");
	for (int i = 0; i < 10; i++) {
		double bh = max ? (double)e->hist[i] / max * 160 : 0;
		Band b = effort_band(&e->cfg, i / 10.0);
		int x = 20 + 36 * i;
		sbuf_addf(
		    out,
		    "<rect x=\"%d\" y=\"%.1f\" width=\"30\" height=\"%.1f\" fill=\"%s\"><title>confidence "
		    "%.1f to %.1f: %u file%s</title></rect>",
		    x, 200 - bh, bh, band_colour[b], i / 10.0, (i + 1) / 10.0, e->hist[i],
		    e->hist[i] == 1 ? "" : "s");
		sbuf_addf(out, "<text x=\"%d\" y=\"%.1f\">%u</text>", x + 10, 196 - bh, e->hist[i]);
		sbuf_addf(out, "<text x=\"%d\" y=\"216\">.%d</text>\n", x + 8, i);
	}
	sbuf_adds(out, "<text x=\"150\" y=\"234\">overall confidence</text></svg>\n");
}

static void charts(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "<div class=\"charts\">\n");
	histogram(e, out);
	enum { MAX_BARS = 8 }; /* >= CLASS_COUNT and SRC_COUNT */
	const char *labels[MAX_BARS];
	double values[MAX_BARS];
	for (int i = 0; i < CLASS_COUNT; i++)
		labels[i] = class_label((JobClass)i), values[i] = e->class_hours[i];
	hbar_chart(out, "chart-complexity", "Effort by complexity (hours)", labels, values, class_colour,
		   CLASS_COUNT, "h");
	for (int i = 0; i < SRC_COUNT; i++)
		labels[i] = rsource_name((RSource)i), values[i] = e->by_source[i];
	hbar_chart(out, "chart-sources", "Objects by conversion source", labels, values, source_colour,
		   SRC_COUNT, "objects");
	sbuf_adds(out, "</div>\n");
}

static void row(Sbuf *out, const char *label, const char *value)
{
	sbuf_adds(out, "<tr><th>");
	h(out, label);
	sbuf_adds(out, "</th><td class=\"n\">");
	h(out, value);
	sbuf_adds(out, "</td></tr>\n");
}

static void summary(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "<h2>Estate</h2>\n<table>\n");
	estate_summary_rows(e, row, out);
	sbuf_adds(out, "</table>\n");
}

static void files(const Estate *e, Sbuf *out)
{
	char b[32];
	sbuf_adds(out, "<h2>Files, lowest confidence first</h2>\n<table>\n<tr><th>file</th><th>status</th>"
		       "<th class=\"n\">confidence</th><th>class</th><th class=\"n\">effort h</th>"
		       "<th class=\"n\">to review</th><th class=\"n\">cluster</th><th>reason</th></tr>\n");
	for (uint32_t i = 0; i < e->files.len; i++) {
		const RFile *f = e->files.items[i];
		sbuf_adds(out, "<tr><td>");
		h(out, f->key);
		sbuf_addf(out, "</td><td>%s</td><td class=\"n\">%s</td>", status_name(f->status),
			  f->rated ? fmt_num(b, f->overall) : "-");
		sbuf_addf(out, "<td>%s</td>", f->has_summary ? class_label(f->cls) : "-");
		sbuf_addf(out, "<td class=\"n\">%s</td>", f->estimated ? fmt_hours(b, f->hours) : "-");
		if (f->has_summary)
			sbuf_addf(out, "<td class=\"n\">%u</td>", f->review);
		else
			sbuf_adds(out, "<td class=\"n\">-</td>");
		if (f->cluster)
			sbuf_addf(out, "<td class=\"n\">%u</td><td>", f->cluster);
		else
			sbuf_adds(out, "<td class=\"n\">-</td><td>");
		h(out, f->has_summary ? f->gate_reason : f->reason);
		sbuf_adds(out, "</td></tr>\n");
	}
	sbuf_adds(out, "</table>\n");
}

static void lists(const Estate *e, Sbuf *out)
{
	char b[32], lim[32];
	sbuf_adds(out, "<h2>Not converted: what to build next</h2>\n");
	if (!e->unsupported.len)
		sbuf_adds(out, "<p>Nothing: every construct and function was converted.</p>\n");
	else
		sbuf_adds(out, "<table>\n<tr><th>what</th><th>name</th><th class=\"n\">count</th>"
			       "<th class=\"n\">files</th></tr>\n");
	for (uint32_t i = 0; i < e->unsupported.len; i++) {
		const RUnsup *u = e->unsupported.items[i];
		sbuf_adds(out, "<tr><td>");
		h(out, u->what);
		sbuf_adds(out, "</td><td>");
		h(out, u->name);
		sbuf_addf(out, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td></tr>\n", u->count,
			  u->files);
	}
	if (e->unsupported.len)
		sbuf_adds(out, "</table>\n");
	sbuf_adds(out, "<h2>Objects by kind</h2>\n");
	if (!e->kinds.len)
		sbuf_adds(out, "<p>No data-flow object.</p>\n");
	else
		sbuf_adds(out, "<table>\n<tr><th>kind</th><th class=\"n\">objects</th><th class=\"n\">to review</th>"
			       "<th class=\"n\">files</th></tr>\n");
	for (uint32_t i = 0; i < e->kinds.len; i++) {
		const RKind *k = e->kinds.items[i];
		sbuf_adds(out, "<tr><td>");
		h(out, k->kind);
		sbuf_addf(out, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">%u</td></tr>\n",
			  k->objects, k->review, k->files);
	}
	if (e->kinds.len)
		sbuf_adds(out, "</table>\n");
	sbuf_adds(out,
		  "<h2>Effort by confidence band</h2>\n<table>\n<tr><th>band</th><th class=\"n\">files</th>"
		  "<th class=\"n\">objects</th><th class=\"n\">effort h</th></tr>\n");
	for (int i = 0; i < BAND_COUNT; i++) {
		sbuf_addf(out, "<tr><td>%s (%s %s)</td>", band_label((Band)i),
			  i < BAND_COUNT - 1 ? "&gt;=" : "&lt;",
			  fmt_num(lim, e->cfg.band_min[i < BAND_COUNT - 1 ? i : i - 1]));
		sbuf_addf(out, "<td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">%s</td></tr>\n",
			  e->band_files[i], e->band_objects[i], fmt_hours(b, e->band_hours[i]));
	}
	sbuf_addf(
	    out,
	    "<tr><td>no confidence (no data-flow object)</td><td class=\"n\">%u</td><td class=\"n\">0</td>"
	    "<td class=\"n\">%s</td></tr>\n",
	    e->band_files[BAND_COUNT], fmt_hours(b, e->band_hours[BAND_COUNT]));
	sbuf_adds(out, "</table>\n<h2>Effort by complexity</h2>\n<table>\n<tr><th>class</th>"
		       "<th class=\"n\">files</th><th class=\"n\">effort h</th></tr>\n");
	for (int i = 0; i < CLASS_COUNT; i++)
		sbuf_addf(out, "<tr><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%s</td></tr>\n",
			  class_label((JobClass)i), e->class_files[i], fmt_hours(b, e->class_hours[i]));
	sbuf_adds(out, "</table>\n<h2>Near-duplicate clusters</h2>\n");
	if (!e->clusters.len)
		sbuf_adds(out, "<p>None: no two converted files share a structure.</p>\n");
	else
		sbuf_addf(out,
			  "<p>Review the first file of each cluster and apply its fixes to the others: "
			  "saves %s hours of review.</p>\n",
			  fmt_hours(b, e->saved));
	for (uint32_t i = 0; i < e->clusters.len; i++) {
		const RCluster *c = e->clusters.items[i];
		sbuf_addf(
		    out,
		    "<h3>Cluster %u: %u files, saves %s h <span class=\"muted\">(fingerprint %.12s)</span>"
		    "</h3>\n<ul>\n",
		    i + 1, c->members.len, fmt_hours(b, c->saved), c->fingerprint);
		for (uint32_t j = 0; j < c->members.len; j++) {
			sbuf_adds(out, "<li>");
			h(out, ((const RFile *)c->members.items[j])->key);
			sbuf_adds(out, j == 0 ? " (review this one)</li>\n" : "</li>\n");
		}
		sbuf_adds(out, "</ul>\n");
	}
}

void render_html(const Estate *e, Sbuf *out)
{
	sbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		       "style-src 'unsafe-inline'\">\n<title>Migration report</title>\n<style>");
	sbuf_adds(out, style);
	sbuf_adds(out, "</style></head>\n<body>\n<h1>Migration report</h1>\n<p class=\"muted\">Inputs:");
	for (uint32_t i = 0; i < e->inputs.len; i++) {
		const RInput *in = e->inputs.items[i];
		sbuf_adds(out, i ? ", " : " ");
		h(out, in->path);
		sbuf_addf(out, " (%u lines)", in->lines);
	}
	sbuf_adds(out, ". Effort model: docs/effort.md.</p>\n");
	charts(e, out);
	summary(e, out);
	files(e, out);
	lists(e, out);
	sbuf_adds(out, "</body></html>\n");
}
