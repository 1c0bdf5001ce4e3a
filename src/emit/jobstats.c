/* jobstats.c - complexity counts, the structural fingerprint and the list
 * of what was not converted, for the JSON summary line (src/emit).
 *
 * Counts and fingerprint read the workflow AST (each expression parsed in
 * its own language, to count calls and to take their shape); the
 * unsupported list reads the IR the rule engine built.
 */
#include <ctype.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emit/jobstats.h"
#include "ast/portidx.h"
#include "expr/lang.h"
#include "expr/expr.h"

/* ---- which flows count ---------------------------------------------------- */

/* Does a flow count: the data flows (PowerCenter mappings, SSIS data flows,
 * Alteryx workflows, DataStage jobs), or the mapplets of a file without any
 * (their steps are expanded into the flows that use them). */
static bool has_data_flows(const AstDoc *doc)
{
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->flows.len; j++)
			if (((AstFlow *)f->flows.items[j])->kind != FLOW_MAPPLET)
				return true;
	}
	return false;
}

/* A port whose expression is its own name: PowerCenter writes
 * EXPRESSION="NAME" for input/output ports that pass a value through. */
static bool passthrough(const AstPort *p)
{
	const char *t = p->expr->text;
	while (isspace((unsigned char)*t))
		t++;
	size_t n = strlen(p->name);
	if (strncasecmp(t, p->name, n) != 0)
		return false;
	for (t += n; *t; t++)
		if (!isspace((unsigned char)*t))
			return false;
	return true;
}

/* A user-written PowerCenter expression of a port, or NULL. */
static const AstExpr *port_expr(const AstPort *p)
{
	if (!p->expr || p->expr->synthesized || !expr_language(p->expr->lang))
		return NULL;
	if (!(p->dir & (PORT_OUT | PORT_VAR)) || passthrough(p))
		return NULL;
	return p->expr;
}

static const AstExpr *user_expr(const AstExpr *e)
{
	return e && !e->synthesized && expr_language(e->lang) ? e : NULL;
}

static uint32_t count_calls(const Expr *e)
{
	if (!e)
		return 0;
	uint32_t n = e->kind == EX_CALL || e->kind == EX_LKP || e->kind == EX_SP || e->kind == EX_UDF ||
		     e->kind == EX_MCR;
	for (uint32_t i = 0; i < e->nargs; i++)
		n += count_calls(e->args[i]);
	return n;
}

static void count_expr(Arena *scratch, const AstExpr *e, JobCounts *c)
{
	if (!e)
		return;
	const Expr *tree = expr_parsed(e)->tree;
	uint32_t calls = count_calls(tree);
	c->expressions++;
	c->function_calls += calls;
	c->complex_expressions += calls >= JOBSTATS_COMPLEX_CALLS;
}

static void count_step(Arena *scratch, const AstStep *s, JobCounts *c)
{
	switch (s->kind) {
	case STEP_SOURCE: c->sources++; break;
	case STEP_TARGET: c->targets++; break;
	case STEP_FLOW_INPUT:
	case STEP_FLOW_OUTPUT:
	case STEP_SUBFLOW: break;
	default:
		c->components++;
		c->joins += s->kind == STEP_JOIN;
		c->lookups += s->kind == STEP_LOOKUP;
		break;
	}
	for (uint32_t i = 0; i < s->ports.len; i++)
		count_expr(scratch, port_expr(s->ports.items[i]), c);
	for (uint32_t i = 0; i < s->groups.len; i++)
		count_expr(scratch, user_expr(((AstGroup *)s->groups.items[i])->cond), c);
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		if (p->expr && p->expr->lang == LANG_SQL && !p->expr->synthesized && p->value[0])
			c->sql_overrides++;
		count_expr(scratch, user_expr(p->expr), c);
	}
}

static void count_controls(const PtrVec *controls, JobCounts *c);

static void count_task_defs(const PtrVec *defs, JobCounts *c)
{
	for (uint32_t i = 0; i < defs->len; i++) {
		const AstTask *t = defs->items[i];
		c->sessions += t->kind == TASK_RUN_FLOW && t->session;
		if (t->sub) {
			c->workflows++;
			c->tasks += t->sub->tasks.len;
			count_task_defs(&t->sub->defs, c);
		}
	}
}

static void count_controls(const PtrVec *controls, JobCounts *c)
{
	for (uint32_t i = 0; i < controls->len; i++) {
		const AstControl *ctl = controls->items[i];
		c->workflows++;
		c->tasks += ctl->tasks.len;
		count_task_defs(&ctl->defs, c);
	}
}

/* Add doc's counts: its mapplets (`mapplets`) or its other flows, and its
 * tasks and controls. */
static void count_doc(const AstDoc *doc, bool mapplets, JobCounts *c)
{
	Arena scratch;
	arena_init(&scratch);
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->flows.len; j++) {
			const AstFlow *fl = f->flows.items[j];
			if ((fl->kind == FLOW_MAPPLET) != mapplets)
				continue;
			c->mappings++;
			for (uint32_t k = 0; k < fl->steps.len; k++)
				count_step(&scratch, fl->steps.items[k], c);
		}
		count_task_defs(&f->tasks, c);
		count_controls(&f->controls, c);
	}
	arena_release(&scratch);
}

void jobstats_count(const AstDoc *doc, JobCounts *c)
{
	memset(c, 0, sizeof *c);
	if (doc)
		count_doc(doc, !has_data_flows(doc), c);
}

/* ---- fingerprint ---------------------------------------------------------- */

/* An expression's shape: operators and function names kept, names and
 * literals replaced by one letter (N name, P parameter, S system variable,
 * L literal), called lookups and procedures by their kind only. */
static void expr_shape(const Expr *e, Sbuf *out)
{
	switch (e->kind) {
	case EX_NUMBER:
	case EX_STRING: sbuf_addch(out, 'L'); return;
	case EX_NAME: sbuf_addch(out, e->constant ? 'K' : 'N'); return;
	case EX_PARAM: sbuf_addch(out, 'P'); return;
	case EX_SYSVAR: sbuf_addch(out, 'S'); return;
	case EX_STAR: sbuf_addch(out, '*'); return;
	case EX_UNARY:
	case EX_BINARY: sbuf_addf(out, "(%s", expr_op_name(e->op)); break;
	case EX_CALL:
		sbuf_addch(out, '(');
		for (const char *c = e->name; *c; c++)
			sbuf_addch(out, (char)toupper((unsigned char)*c));
		break;
	default: sbuf_addf(out, "(:%s", expr_kind_name(e->kind)); break;
	}
	for (uint32_t i = 0; i < e->nargs; i++) {
		sbuf_addch(out, ' ');
		expr_shape(e->args[i], out);
	}
	sbuf_addch(out, ')');
}

static void shape_of(Arena *scratch, const AstExpr *e, Sbuf *out)
{
	if (!e) {
		sbuf_adds(out, " -");
		return;
	}
	if (!expr_language(e->lang)) {
		sbuf_addf(out, " <%s>", lang_name(e->lang)); /* SQL, commands: text left out */
		return;
	}
	const Expr *tree = expr_parsed(e)->tree;
	sbuf_addch(out, ' ');
	if (tree) {
		/* names are not bound here: sema would set `constant` */
		expr_shape(tree, out);
	} else {
		sbuf_adds(out, "?");
	}
}

/* Settings whose value is structure (a join type, a match policy), not a
 * name or a number: their value is part of the fingerprint. */
static bool enum_setting(Setting k)
{
	switch (k) {
	case SET_JOIN_TYPE:
	case SET_LOOKUP_POLICY:
	case SET_SELECT_DISTINCT:
	case SET_DISTINCT:
	case SET_RANK_TOP_BOTTOM:
	case SET_SCOPE:
	case SET_ROUTING:
	case SET_LOOKUP_NO_MATCH:
	case SET_ROW_ERROR:
	case SET_ROW_TREATMENT:
	case SET_SORTED_INPUT:
	case SET_LOOKUP_DYNAMIC:
	case SET_CASE_SENSITIVE: return true;
	default: return false;
	}
}

static void fp_step(Arena *scratch, const AstStep *s, Sbuf *out)
{
	sbuf_addf(out, "step %s \"%s\"\n", step_kind_name(s->kind), s->orig_kind ? s->orig_kind : "");
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		sbuf_addf(out, " port %u %s %s", p->dir, type_kind_name(p->type.kind),
			  port_role_name(p->role));
		if (p->agg)
			sbuf_addf(out, " agg=%s", p->agg);
		if (p->expr && (p->dir & (PORT_OUT | PORT_VAR)) && passthrough(p))
			sbuf_adds(out, " =");
		else
			shape_of(scratch, (p->dir & (PORT_OUT | PORT_VAR)) ? p->expr : NULL, out);
		sbuf_addch(out, '\n');
	}
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		sbuf_addf(out, " group %s", group_kind_name(g->kind));
		shape_of(scratch, g->cond, out);
		sbuf_addch(out, '\n');
	}
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		if (p->key == SET_NONE)
			continue;
		sbuf_addf(out, " setting %s", setting_name(p->key));
		if (enum_setting(p->key))
			sbuf_addf(out, " \"%s\"", p->value);
		else if (p->expr)
			shape_of(scratch, p->expr, out);
		sbuf_addch(out, '\n');
	}
}

static int32_t index_of(const PtrVec *v, const void *item)
{
	for (uint32_t i = 0; i < v->len; i++)
		if (v->items[i] == item)
			return (int32_t)i;
	return -1;
}

/* The position of step s in the flow (its map `steps`), or -1. */
static int32_t step_index(const PtrMap *steps, const AstStep *s)
{
	uint32_t i;
	return ptrmap_get(steps, s, &i) ? (int32_t)i : -1;
}

static void fp_flow(Arena *scratch, const AstFlow *f, Sbuf *out)
{
	sbuf_addf(out, "flow %s\n", flow_kind_name(f->kind));
	for (uint32_t i = 0; i < f->steps.len; i++)
		fp_step(scratch, f->steps.items[i], out);
	/* maps, not scans: a flow has an edge per port of its wide steps */
	PtrMap steps;
	PortIndex ports;
	ptrmap_index_vec(&steps, scratch, &f->steps);
	port_index_init(&ports, scratch);
	for (uint32_t i = 0; i < f->edges.len; i++) {
		const AstEdge *e = f->edges.items[i];
		int32_t from = step_index(&steps, e->from), to = step_index(&steps, e->to);
		int32_t fp = e->from && e->from_port ? port_index_of(&ports, e->from, e->from_port) : -1;
		int32_t tp = e->to && e->to_port ? port_index_of(&ports, e->to, e->to_port) : -1;
		sbuf_addf(out, "edge %d.%d %d.%d\n", from, fp, to, tp);
	}
}

/* A document, or a unit of one whose flows are numbered from `base`. */
typedef struct FpDoc {
	const AstDoc *doc;
	int32_t base;
} FpDoc;

static void fp_control(Arena *scratch, const FpDoc *doc, const AstControl *c, Sbuf *out);

static int32_t flow_index(const FpDoc *d, const AstFlow *f)
{
	int32_t n = d->base;
	for (uint32_t i = 0; i < d->doc->folders.len; i++) {
		const AstFolder *fo = d->doc->folders.items[i];
		for (uint32_t j = 0; j < fo->flows.len; j++, n++)
			if (fo->flows.items[j] == f)
				return n;
	}
	return -1;
}

static void fp_task(Arena *scratch, const FpDoc *doc, const AstTask *t, Sbuf *out)
{
	const AstTask *def = t->def ? t->def : t;
	sbuf_addf(out, "task %s \"%s\"", task_kind_name(t->kind), t->orig_kind ? t->orig_kind : "");
	if (def->session)
		sbuf_addf(out, " runs %d", flow_index(doc, def->session->mapping));
	sbuf_addch(out, '\n');
	if (def->sub)
		fp_control(scratch, doc, def->sub, out);
}

static void fp_control(Arena *scratch, const FpDoc *doc, const AstControl *c, Sbuf *out)
{
	sbuf_addf(out, "control %s\n", control_kind_name(c->kind));
	for (uint32_t i = 0; i < c->tasks.len; i++)
		fp_task(scratch, doc, c->tasks.items[i], out);
	for (uint32_t i = 0; i < c->links.len; i++) {
		const AstLink *l = c->links.items[i];
		sbuf_addf(out, "link %d %d %s", index_of(&c->tasks, l->from), index_of(&c->tasks, l->to),
			  link_on_name(l->on));
		shape_of(scratch, l->cond, out);
		sbuf_addch(out, '\n');
	}
	sbuf_adds(out, "end\n");
}

static void fp_header(const AstDoc *doc, Sbuf *out)
{
	sbuf_addf(out, "akko-fingerprint 1 %s\n", tool_name(doc->tool));
}

/* The text of doc's folders, its flows numbered from `base`. */
static void fp_body(const AstDoc *doc, int32_t base, Sbuf *out)
{
	Arena scratch;
	arena_init(&scratch);
	FpDoc d = {doc, base};
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->flows.len; j++)
			fp_flow(&scratch, f->flows.items[j], out);
		/* worklets are reached through the tasks that run them */
		for (uint32_t j = 0; j < f->controls.len; j++)
			if (((AstControl *)f->controls.items[j])->kind != CTRL_WORKLET)
				fp_control(&scratch, &d, f->controls.items[j], out);
	}
	arena_release(&scratch);
}

void jobstats_fingerprint_text(const AstDoc *doc, Sbuf *out)
{
	fp_header(doc, out);
	fp_body(doc, 0, out);
}

static const char *hex_of(Arena *a, struct sha256_ctx *ctx)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(ctx, sizeof digest, digest);
	char *hex = arena_alloc(a, 2 * SHA256_DIGEST_SIZE + 1);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return hex;
}

const char *jobstats_fingerprint(Arena *a, const AstDoc *doc)
{
	if (!doc)
		return NULL;
	Sbuf text = SBUF_INIT;
	jobstats_fingerprint_text(doc, &text);
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, text.len, (const uint8_t *)text.buf);
	sbuf_release(&text);
	return hex_of(a, &ctx);
}

/* ---- what was not converted ----------------------------------------------- */

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The identifier that ends just before s[end], if it starts a word. */
static const char *word_before(Arena *a, const char *s, size_t end)
{
	size_t b = end;
	while (b > 0 && ident_char(s[b - 1]))
		b--;
	if (b == end || (b > 0 && s[b - 1] != ' '))
		return NULL;
	return arena_strndup(a, s + b, end - b);
}

const char *jobstats_blamed_function(Arena *a, const char *msg)
{
	const char *p;
	if ((p = strstr(msg, "unknown function '"))) {
		p += strlen("unknown function '");
		const char *q = strchr(p, '\'');
		return q && q > p ? arena_strndup(a, p, (size_t)(q - p)) : NULL;
	}
	static const char *const kinds[] = {":SP.", ":UDF.", ":MCR.", ":LKP."};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if ((p = strstr(msg, kinds[i])) && (p == msg || p[-1] == ' '))
			return kinds[i];
	/* "NAME is not translated", "NAME has no postgres translation", "NAME
	 * does not convert dates", "NAME needs a literal format": a catalogue
	 * function followed by one of these */
	static const char *const tails[] = {" is not translated", " has no ", " does not ", " needs ",
					    " must be "};
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		for (p = strstr(msg, tails[i]); p; p = strstr(p + 1, tails[i])) {
			const char *w = word_before(a, msg, (size_t)(p - msg));
			if (w && expr_find_function_any(w))
				return expr_find_function_any(w)->name;
		}
	}
	if ((p = strstr(msg, "the unit of "))) {
		const char *w = p + strlen("the unit of ");
		size_t n = 0;
		while (ident_char(w[n]))
			n++;
		const char *name = arena_strndup(a, w, n);
		return expr_find_function_any(name) ? expr_find_function_any(name)->name : NULL;
	}
	return NULL;
}

typedef struct Tally {
	Arena *a;
	PtrVec *items;
} Tally;

static void tally(Tally *t, const char *what, const char *name)
{
	for (uint32_t i = 0; i < t->items->len; i++) {
		JobUnsupported *u = t->items->items[i];
		if (strcmp(u->what, what) == 0 && strcmp(u->name, name) == 0) {
			u->count++;
			return;
		}
	}
	JobUnsupported *u = ARENA_NEW(t->a, JobUnsupported);
	*u = (JobUnsupported){what, arena_strdup(t->a, name), 1};
	ptrvec_push(t->a, t->items, u);
}

static bool expr_code(const char *code)
{
	return strncmp(code, "E05", 3) == 0 || strcmp(code, "W0510") == 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* A message as a category: the "port 'X': " it starts with dropped, every
 * quoted name replaced by '...', cut at the first "; " or ": kept as", at
 * most 160 bytes; numbers become '#'.  "port 'A': unknown port 'B'" -> "unknown port '...'". */
const char *jobstats_reason_category(Arena *a, const char *msg)
{
	const char *colon = strstr(msg, "': ");
	const char *quote = strchr(msg, '\'');
	if (colon && quote && quote < colon)
		msg = colon + 3;
	Sbuf out = SBUF_INIT;
	for (const char *p = msg; *p && out.len < 160; p++) {
		if (strncmp(p, "; ", 2) == 0 || strncmp(p, ": kept as", 9) == 0)
			break;
		const char *q;
		if (*p == '\'' && (q = strchr(p + 1, '\''))) {
			sbuf_adds(&out, "'...'");
			p = q;
			continue;
		}
		if (isdigit((unsigned char)*p)) { /* counts and confidences vary */
			while (isdigit((unsigned char)p[1]) || (p[1] == '.' && isdigit((unsigned char)p[2])))
				p++;
			sbuf_addch(&out, '#');
			continue;
		}
		sbuf_addch(&out, *p);
	}
	const char *r = arena_strdup(a, out.buf);
	sbuf_release(&out);
	return r;
}

/* One node that was not converted: the functions its expressions blame;
 * else its kind, when no rule exists for it; else its kind and why its
 * rule could not lower it. */
static void tally_node(Tally *t, const IrNode *n)
{
	const char *kind = n->origin.kind ? n->origin.kind : node_type_name(n->type);
	const char *why = NULL;
	uint32_t blamed = 0;
	for (uint32_t i = 0; i < n->warnings.len; i++) {
		const IrWarning *w = n->warnings.items[i];
		if (!expr_code(w->code))
			continue;
		if (!why)
			why = w->message;
		const char *fn = jobstats_blamed_function(t->a, w->message);
		if (fn) {
			tally(t, "function", fn);
			blamed++;
		}
	}
	if (blamed)
		return;
	if (!why && (!n->rule || ends_with(n->rule, "/fallback"))) {
		tally(t, "construct", kind);
		return;
	}
	if (!why)
		why = n->note           ? n->note
		      : n->warnings.len ? ((const IrWarning *)n->warnings.items[0])->message
					: "not lowered";
	tally(t, "construct", arena_sprintf(t->a, "%s: %s", kind, jobstats_reason_category(t->a, why)));
}

static int cmp_unsupported(const void *x, const void *y)
{
	const JobUnsupported *a = *(JobUnsupported *const *)x, *b = *(JobUnsupported *const *)y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	int c = strcmp(a->what, b->what);
	return c ? c : strcmp(a->name, b->name);
}

void jobstats_unsupported(Arena *a, const IrDoc *d, PtrVec *out)
{
	jobstats_unsupported_add(a, d, out);
	jobstats_unsupported_sort(out);
}

void jobstats_unsupported_sort(PtrVec *out)
{
	if (out->len > 1)
		qsort(out->items, out->len, sizeof *out->items, cmp_unsupported);
}

void jobstats_unsupported_add(Arena *a, const IrDoc *d, PtrVec *out)
{
	Tally t = {a, out};
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		const IrPipeline *p = d->pipelines.items[i];
		for (uint32_t j = 0; j < p->nodes.len; j++) {
			const IrNode *n = p->nodes.items[j];
			if (n->source == CONV_LLM_UNAVAILABLE || n->source == CONV_UNSUPPORTED)
				tally_node(&t, n);
		}
	}
	/* orchestration tasks kept opaque for review (commands, unknown tasks) */
	for (uint32_t i = 0; i < d->workflows.len; i++) {
		const IrWorkflow *w = d->workflows.items[i];
		for (uint32_t j = 0; j < w->tasks.len; j++) {
			const IrTask *tk = w->tasks.items[j];
			if (!tk->review)
				continue;
			const char *kind = tk->origin.kind ? tk->origin.kind : task_type_name(tk->type);
			const IrWarning *tw = tk->warnings.len ? tk->warnings.items[0] : NULL;
			tally(&t, "construct",
			      tw ? arena_sprintf(a, "%s task: %s", kind,
						 jobstats_reason_category(a, tw->message))
				 : arena_sprintf(a, "%s task", kind));
		}
	}
}

/* ---- a document read unit by unit ------------------------------------------ */

void jobstats_init(JobStats *s, Arena *a, Tool tool)
{
	memset(s, 0, sizeof *s);
	s->a = a;
	sha256_init(&s->fp);
	Sbuf h = SBUF_INIT;
	AstDoc d = {.tool = tool};
	fp_header(&d, &h);
	sha256_update(&s->fp, h.len, (const uint8_t *)h.buf);
	sbuf_release(&h);
}

void jobstats_add(JobStats *s, const AstDoc *unit, const IrDoc *ir)
{
	s->data_flows |= has_data_flows(unit);
	count_doc(unit, false, &s->flows);
	count_doc(unit, true, &s->mapplets);
	Sbuf text = SBUF_INIT;
	fp_body(unit, s->flow_base, &text);
	sha256_update(&s->fp, text.len, (const uint8_t *)text.buf);
	sbuf_release(&text);
	for (uint32_t i = 0; i < unit->folders.len; i++)
		s->flow_base += (int32_t)((const AstFolder *)unit->folders.items[i])->flows.len;
	jobstats_unsupported_add(s->a, ir, &s->unsupported);
}

const char *jobstats_finish(JobStats *s, JobCounts *c)
{
	*c = s->data_flows ? s->flows : s->mapplets;
	jobstats_unsupported_sort(&s->unsupported);
	return hex_of(s->a, &s->fp);
}
