/* pc_fallback.c - what the fallback path is told about a PowerCenter step,
 * which placeholders it is told about, and what a draft becomes (src/rules;
 * docs/llm.md, "Which nodes are sent" and "What is sent").
 *
 * The step as written: its kind, its ports (name, direction, type,
 * expression) and the settings and user code its behaviour lives in (a
 * Java transformation's snippets, an HTTP transformation's URL).  Never a
 * description, a default row, a sensitive setting or any row data.
 * lower.c adds what lowering knows: the inputs and the columns.
 */
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/pc.h"

/* PowerCenter's bookkeeping attributes: nothing about behaviour. */
static const char *const noise[] = {"COMPONENTVERSION", "OBJECTVERSION", "TEMPLATEID", "Tracing Level",
				    "VERSIONNUMBER"};

static bool is_noise(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(noise); i++)
		if (ascii_ieq(name, noise[i]))
			return true;
	return false;
}

/* User code and its kin (custom, Java, HTTP, a stored procedure's name and
 * call): every setting says what it does.  Elsewhere only settings with a
 * neutral meaning or an expression. */
static bool opaque_kind(StepKind k)
{
	return k == STEP_SCRIPT || k == STEP_HTTP || k == STEP_CUSTOM || k == STEP_STORED_PROCEDURE ||
	       k == STEP_UNKNOWN;
}

static void add_setting(Arena *a, PtrVec *out, const char *name, const char *value)
{
	RulesFallbackSetting *st = ARENA_NEW(a, RulesFallbackSetting);
	st->name = name;
	st->value = value;
	ptrvec_push(a, out, st);
}

static void add_props(Arena *a, const AstStep *s, PtrVec *out)
{
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		if (p->sensitive || !p->name || !p->value || !*p->value || is_noise(p->name))
			continue;
		if (opaque_kind(s->kind) || s->review || p->key != SET_NONE || p->expr)
			add_setting(a, out, p->name, p->value);
	}
}

/* An element with its attributes, text and children, as XML-like text
 * (at most about 8 KB). */
static void elem_text(Sbuf *b, const AstElem *e, int depth)
{
	if (b->len > 8000 || depth > 32)
		return;
	sbuf_addf(b, "<%s", e->tag ? e->tag : "");
	for (uint32_t i = 0; i < e->attrs.len; i++) {
		const AstProp *p = e->attrs.items[i];
		sbuf_addf(b, " %s=\"%s\"", p->name ? p->name : "", p->value ? p->value : "");
	}
	if (!e->text && !e->children.len) {
		sbuf_adds(b, "/>");
		return;
	}
	sbuf_addch(b, '>');
	if (e->text)
		sbuf_adds(b, e->text);
	for (uint32_t i = 0; i < e->children.len; i++)
		elem_text(b, e->children.items[i], depth + 1);
	sbuf_addf(b, "</%s>", e->tag ? e->tag : "");
}

/* A step sent to review because its configuration is not converted (an
 * Alteryx RegEx, a Multi-Field Formula): its configuration as written. */
static void add_config(Arena *a, const AstStep *s, PtrVec *out)
{
	for (uint32_t i = 0; s->review && i < s->extras.len; i++) {
		const AstElem *e = s->extras.items[i];
		if (!e->tag || ascii_ieq(e->tag, "METADATAEXTENSION"))
			continue;
		Sbuf b = SBUF_INIT;
		elem_text(&b, e, 0);
		add_setting(a, out, e->tag, arena_strdup(a, b.buf ? b.buf : ""));
		sbuf_release(&b);
	}
}

static const char *elem_attr(const AstElem *e, const char *name)
{
	for (uint32_t i = 0; i < e->attrs.len; i++) {
		const AstProp *p = e->attrs.items[i];
		if (p->name && ascii_ieq(p->name, name))
			return p->value;
	}
	return NULL;
}

/* <METADATAEXTENSION NAME="OnInputRow_Method_Snippet" VALUE="SCORE = ...;"/>:
 * a Java transformation's code, one snippet per method. */
static void add_code(Arena *a, const AstStep *s, PtrVec *out)
{
	for (uint32_t i = 0; i < s->extras.len; i++) {
		const AstElem *e = s->extras.items[i];
		const char *name = elem_attr(e, "NAME"), *value = elem_attr(e, "VALUE");
		if (!e->tag || !ascii_ieq(e->tag, "METADATAEXTENSION") || !name || !value || !*value)
			continue;
		if (strstr(name, "Snippet") || strstr(name, "Expression"))
			add_setting(a, out, name, value);
	}
}

/* Sources and sinks carry tables and load modes no draft sets; a SQL
 * transformation's behaviour lives in the database.  A stored procedure's
 * does too, but it is sent: its name, arguments and the reason say so, and
 * the model answers with a low confidence when it cannot write the SELECT. */
const char *pc_fallback_refusal(const AstStep *s, const IrNode *n)
{
	if (!s || s->disabled)
		return "it lowers no enabled step";
	switch (s->kind) {
	case STEP_SOURCE:
	case STEP_SOURCE_QUERY:
	case STEP_XML_SOURCE: return "a source is not drafted";
	case STEP_TARGET: return "a target is not drafted (it carries the table and the load mode)";
	case STEP_SQL: return "what it does lives in the database, not in the export";
	default: break;
	}
	if (!n->depends_on.len)
		return "it reads no node";
	return n->columns.len ? NULL : "it outputs no column";
}

NodeType pc_fallback_type(NodeType rule_type, const IrNode *n)
{
	switch (rule_type) {
	case NODE_EXPRESSION:
	case NODE_LOOKUP:
	case NODE_GROUP_BY:
	case NODE_WHERE:
	case NODE_JOIN:
	case NODE_ORDER_BY:
	case NODE_UPSERT:
	case NODE_UNION:
	case NODE_RANK:
	case NODE_NORMALIZER: return rule_type;
	case NODE_BRANCH: return n->branch_of ? rule_type : NODE_EXPRESSION;
	default: return NODE_EXPRESSION;
	}
}

static void add_inputs(Arena *a, const IrPipeline *p, RulesFallbackRequest *req)
{
	const PtrVec *deps = &req->node->depends_on;
	const IrNode **inputs = ARENA_NEWN(a, const IrNode *, deps->len + 1);
	for (uint32_t i = 0; i < deps->len; i++)
		for (uint32_t k = 0; k < p->nodes.len; k++)
			if (strcmp(((const IrNode *)p->nodes.items[k])->id, deps->items[i]) == 0) {
				inputs[req->n_inputs++] = p->nodes.items[k];
				break;
			}
	req->inputs = inputs;
}

void pc_fallback_describe(Arena *a, const AstStep *s, const IrPipeline *pl, RulesFallbackRequest *req)
{
	req->kind = step_kind_name(s->kind);
	add_inputs(a, pl, req);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		RulesFallbackPort *fp = ARENA_NEW(a, RulesFallbackPort);
		char buf[64];
		fp->name = p->name;
		fp->dir = arena_strdup(a, port_dir_string(p->dir, buf));
		fp->type = pc_pg_type(a, &p->type);
		fp->expr = p->expr && p->expr->text && *p->expr->text ? p->expr->text : NULL;
		ptrvec_push(a, &req->ports, fp);
	}
	const AstStep *def = s->def && s->def != s ? s->def : NULL;
	add_props(a, s->props.len || !def ? s : def, &req->settings);
	add_code(a, s->extras.len || !def ? s : def, &req->settings);
	add_config(a, s, &req->settings);
}
