/* summary.c - one line of JSON per job file for `--format json` (src/emit):
 * what a CI job or a bulk run reads instead of parsing the YAML, and what
 * `akko-migrate report` reads back from results.jsonl (docs/report.md).
 */
#include <string.h>

#include "emit/emit.h"
#include "emit/jobstats.h"

static void json_str(Sbuf *out, const char *s)
{
	if (s)
		sbuf_add_json_string(out, s, strlen(s));
	else
		sbuf_adds(out, "null");
}

static void json_num(Sbuf *out, double x)
{
	char buf[EMIT_NUMBER_MAX];
	emit_number(buf, x);
	sbuf_adds(out, buf);
}

static void counts_json(const JobCounts *c, Sbuf *out)
{
	sbuf_addf(out,
		  ",\"counts\":{\"mappings\":%u,\"sources\":%u,\"targets\":%u,\"joins\":%u,"
		  "\"lookups\":%u,\"components\":%u,\"expressions\":%u,\"complex_expressions\":%u,"
		  "\"function_calls\":%u,\"sql_overrides\":%u,\"workflows\":%u,\"sessions\":%u,"
		  "\"tasks\":%u}",
		  c->mappings, c->sources, c->targets, c->joins, c->lookups, c->components, c->expressions,
		  c->complex_expressions, c->function_calls, c->sql_overrides, c->workflows, c->sessions,
		  c->tasks);
}

/* d's "objects" items, comma separated, after `sep`. */
static void objects_add(const IrDoc *d, Sbuf *out, bool *sep)
{
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		const IrPipeline *p = d->pipelines.items[i];
		for (uint32_t j = 0; j < p->nodes.len; j++, *sep = true) {
			const IrNode *n = p->nodes.items[j];
			if (*sep)
				sbuf_addch(out, ',');
			sbuf_adds(out, "{\"pipeline\":");
			json_str(out, p->name);
			sbuf_adds(out, ",\"id\":");
			json_str(out, n->id);
			sbuf_addf(out, ",\"type\":\"%s\",\"kind\":", node_type_name(n->type));
			json_str(out, n->origin.kind);
			sbuf_addf(out, ",\"source\":\"%s\",\"confidence\":", conv_source_name(n->source));
			json_num(out, n->confidence);
			sbuf_addf(out, ",\"review\":%s}", n->review ? "true" : "false");
		}
	}
}

static void unsupported_json(const PtrVec *u, Sbuf *out)
{
	sbuf_adds(out, ",\"unsupported\":[");
	for (uint32_t i = 0; i < u->len; i++) {
		const JobUnsupported *x = u->items[i];
		sbuf_addf(out, "%s{\"what\":\"%s\",\"name\":", i ? "," : "", x->what);
		json_str(out, x->name);
		sbuf_addf(out, ",\"count\":%u}", x->count);
	}
	sbuf_addch(out, ']');
}

static uint32_t llm_assisted(const IrDoc *d)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		const IrPipeline *p = d->pipelines.items[i];
		for (uint32_t j = 0; j < p->nodes.len; j++)
			n += ((const IrNode *)p->nodes.items[j])->source == CONV_LLM;
	}
	return n;
}

void emit_summary_init(SummaryParts *s, Arena *a, Tool tool)
{
	memset(s, 0, sizeof *s);
	jobstats_init(&s->stats, a, tool);
	s->objects = (Sbuf)SBUF_INIT;
}

void emit_summary_add(SummaryParts *s, const IrDoc *unit_ir, const AstDoc *unit_ast)
{
	if (unit_ast)
		jobstats_add(&s->stats, unit_ast, unit_ir);
	else
		jobstats_unsupported_add(s->stats.a, unit_ir, &s->stats.unsupported);
	objects_add(unit_ir, &s->objects, &s->objects_sep);
	s->llm_assisted += llm_assisted(unit_ir);
}

void emit_summary_release(SummaryParts *s)
{
	sbuf_release(&s->objects);
}

void emit_summary_json_parts(const IrDoc *d, SummaryParts *s, bool have_ast, const char *output_path,
			     bool gate_passed, const char *gate_reason, Sbuf *out)
{
	JobCounts c;
	const char *fingerprint = jobstats_finish(&s->stats, &c);
	if (!have_ast) {
		memset(&c, 0, sizeof c);
		fingerprint = NULL;
	}
	sbuf_adds(out, "{\"file\":");
	json_str(out, d->file);
	sbuf_adds(out, ",\"output\":");
	json_str(out, output_path);
	sbuf_addf(out, ",\"pipelines\":%u,\"nodes\":%u",
		  d->pipelines.len ? d->pipelines.len : d->pipelines_count, d->nodes_count);
	sbuf_adds(out, ",\"overall_confidence\":");
	json_num(out, d->overall_confidence);
	sbuf_adds(out, ",\"min_confidence\":");
	json_num(out, d->min_confidence);
	sbuf_addf(out, ",\"warnings\":%u,\"review\":%u", d->warnings_count, d->review_count);
	sbuf_addf(out, ",\"gate\":\"%s\",\"reason\":", gate_passed ? "pass" : "fail");
	json_str(out, gate_reason);
	sbuf_adds(out, ",\"tool\":");
	json_str(out, d->tool);
	sbuf_adds(out, ",\"sha256\":");
	json_str(out, d->sha256);
	sbuf_addf(out, ",\"llm_assisted\":%u", s->llm_assisted);
	counts_json(&c, out);
	sbuf_adds(out, ",\"fingerprint\":");
	json_str(out, fingerprint);
	unsupported_json(&s->stats.unsupported, out);
	sbuf_adds(out, ",\"objects\":[");
	sbuf_add(out, s->objects.buf, s->objects.len);
	sbuf_adds(out, "]}\n");
}

void emit_summary_json(const IrDoc *d, const AstDoc *ast, const char *output_path, bool gate_passed,
		       const char *gate_reason, Sbuf *out)
{
	Arena a;
	arena_init(&a);
	SummaryParts s;
	emit_summary_init(&s, &a, ast ? ast->tool : TOOL_UNKNOWN);
	emit_summary_add(&s, d, ast);
	emit_summary_json_parts(d, &s, ast != NULL, output_path, gate_passed, gate_reason, out);
	emit_summary_release(&s);
	arena_release(&a);
}
