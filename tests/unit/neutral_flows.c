/* neutral_flows.c - the proof that the rule engine's lowering is neutral:
 * data flows built by hand with the ast.c constructors, as an SSIS
 * frontend would build them (tool TOOL_SSIS, FLOW_DATA_FLOW, link-level
 * edges, outputs that pass every upstream column, no PowerCenter
 * spelling), lowered by rules_lower() and written as pipeline YAML.
 * tests/neutral.sh composes each sink, runs it in PostgreSQL and compares
 * the rows with tests/neutral/<case>/expected/.  Expressions are
 * PowerCenter-language text, the only expression language parsed today.
 *
 * Usage: neutral_flows OUTDIR: writes OUTDIR/<case>.yaml for every case.
 */
#include <stdio.h>
#include <string.h>

#include "emit/emit.h"
#include "expr/build.h"
#include "expr/lang.h"
#include "rules/rules.h"

typedef struct Flow {
	AstDoc *doc;
	AstFlow *f;
} Flow;

static AstPort *port(Flow *x, AstStep *s, const char *name, unsigned dir, TypeKind t)
{
	AstPort *p = ast_port_new(x->doc, name);
	p->dir = dir;
	p->type.kind = t;
	ast_push(x->doc, &s->ports, p);
	return p;
}

static AstStep *step(Flow *x, StepKind kind, const char *name)
{
	AstStep *s = ast_step_new(x->doc, kind, name);
	ast_push(x->doc, &x->f->steps, s);
	return s;
}

static AstGroup *group(Flow *x, AstStep *s, GroupKind kind, const char *name, const char *cond)
{
	AstGroup *g = ast_group_new(x->doc, kind, name);
	g->passes_all = true; /* a synchronous output: no column list */
	if (cond)
		g->cond = ast_expr_new(x->doc, LANG_POWERCENTER, cond, (SrcLoc){0});
	ast_push(x->doc, &s->groups, g);
	return g;
}

static void setting(Flow *x, AstStep *s, Setting key, const char *value, SettingValue norm, bool expr)
{
	AstProp *p = ast_prop_new(x->doc, setting_name(key), value);
	p->key = key;
	p->norm = norm;
	if (expr)
		p->expr = ast_expr_new(x->doc, LANG_POWERCENTER, value, (SrcLoc){0});
	ast_push(x->doc, &s->props, p);
}

/* A link-level edge: the whole row of `from` (its output `group`, or the
 * main one) into `to`. */
static void link(Flow *x, AstStep *from, const char *group, AstStep *to)
{
	AstEdge *e = ast_edge_new(x->doc);
	e->from = from;
	e->to = to;
	e->from_group = group;
	ast_push(x->doc, &x->f->edges, e);
}

/* A table source (columns as its output ports) or a target (columns as
 * its input ports). */
static AstStep *table_step(Flow *x, StepKind kind, const char *table, const char *const *cols,
			   const TypeKind *types)
{
	AstTable *t = ast_table_new(x->doc, kind == STEP_SOURCE ? TABLE_SOURCE : TABLE_TARGET, table);
	AstStep *s = step(x, kind, table);
	s->table = t;
	for (int i = 0; cols[i]; i++)
		port(x, s, cols[i], kind == STEP_SOURCE ? PORT_OUT : PORT_IN, types[i]);
	return s;
}

static Flow flow_new(Arena *a, const char *name)
{
	Flow x;
	x.doc = ast_doc_new(a, TOOL_SSIS, name);
	AstFolder *fo = ast_folder_new(x.doc, "neutral");
	ast_push(x.doc, &x.doc->folders, fo);
	x.f = ast_flow_new(x.doc, FLOW_DATA_FLOW, name);
	ast_push(x.doc, &fo->flows, x.f);
	return x;
}

/* orders -> derived column (passes all, adds amount2 from a column no port
 * declares) -> conditional split, first match (SSIS's default): big
 * (amount >= 100), mid (amount >= 50), default rest; each to a target. */
static void build_split(Flow *x)
{
	static const char *const oc[] = {"id", "amount", "region", NULL};
	static const TypeKind ot[] = {TY_INTEGER, TY_INTEGER, TY_STRING};
	static const char *const tc[] = {"id", "amount", "amount2", "region", NULL};
	static const TypeKind tt[] = {TY_INTEGER, TY_INTEGER, TY_INTEGER, TY_STRING};
	AstStep *src = table_step(x, STEP_SOURCE, "orders", oc, ot);
	AstStep *der = step(x, STEP_EXPRESSION, "derive");
	group(x, der, GROUP_OUTPUT, "Derived Column Output", NULL);
	AstPort *a2 = port(x, der, "amount2", PORT_OUT, TY_INTEGER);
	a2->expr = ast_expr_new(x->doc, LANG_POWERCENTER, "amount * 2", (SrcLoc){0});
	AstStep *split = step(x, STEP_ROUTER, "split");
	/* a NULL amount makes both conditions NULL: a row error, which SSIS
	 * fails on by default; here Ignore Failure (row_error skip) treats it
	 * as false, so row 4 reaches the default output (tests/e2e/
	 * ssis_split_null_fail has the failing run) */
	const char *outs[] = {"big", "mid", "rest"};
	for (int i = 0; i < 2; i++) {
		AstGroup *g = group(x, split, GROUP_OUTPUT, outs[i], i ? "amount >= 50" : "amount >= 100");
		AstProp *p = ast_prop_new(x->doc, "errorRowDisposition", "IgnoreFailure");
		p->key = SET_ROW_ERROR;
		p->norm = VAL_SKIP;
		ast_push(x->doc, &g->props, p);
	}
	group(x, split, GROUP_DEFAULT, "rest", NULL);
	link(x, src, NULL, der);
	link(x, der, NULL, split);
	for (int i = 0; i < 3; i++)
		link(x, split, outs[i], table_step(x, STEP_TARGET, outs[i], tc, tt));
}

/* input rows -> lookup of customers on cust_key = cust_id (name out) ->
 * target; no-match policy `nm` (VAL_NONE: the tool's default, SSIS's
 * fail); with redirect, the no-match output goes to its own target. */
static void build_lookup(Flow *x, SettingValue nm)
{
	static const char *const ic[] = {"id", "cust_id", NULL};
	static const TypeKind it[] = {TY_INTEGER, TY_INTEGER};
	static const char *const mc[] = {"id", "cust_id", "name", NULL};
	static const TypeKind mt[] = {TY_INTEGER, TY_INTEGER, TY_STRING};
	AstStep *src = table_step(x, STEP_SOURCE, "orders", ic, it);
	AstStep *lkp = step(x, STEP_LOOKUP, "lkp_customer");
	group(x, lkp, GROUP_OUTPUT, "Lookup Match Output", NULL);
	group(x, lkp, GROUP_UNMATCHED, "Lookup No Match Output", NULL);
	port(x, lkp, "cust_id", PORT_IN, TY_INTEGER);
	port(x, lkp, "cust_key", PORT_LOOKUP, TY_INTEGER);
	port(x, lkp, "name", PORT_LOOKUP | PORT_OUT, TY_STRING);
	setting(x, lkp, SET_LOOKUP_TABLE, "customers", VAL_NONE, false);
	setting(x, lkp, SET_LOOKUP_CONDITION, "cust_key = cust_id", VAL_NONE, true);
	if (nm != VAL_NONE)
		setting(x, lkp, SET_LOOKUP_NO_MATCH, setting_value_name(nm), nm, false);
	link(x, src, NULL, lkp);
	link(x, lkp, NULL, table_step(x, STEP_TARGET, "matched", mc, mt));
	if (nm == VAL_REDIRECT)
		link(x, lkp, "Lookup No Match Output", table_step(x, STEP_TARGET, "unmatched", ic, it));
}

static AstPort *agg_port(Flow *x, AstStep *s, const char *name, TypeKind t, AggKind k, const char *ref)
{
	AstPort *p = port(x, s, name, PORT_OUT, t);
	p->agg_kind = k;
	p->agg = agg_kind_name(k);
	p->ref = ref;
	return p;
}

/* sales -> aggregate by region (sum, count of rows, max, count distinct,
 * avg given as AstPort.agg_kind over `ref`, no expressions) -> target. */
static void build_agg(Flow *x)
{
	static const char *const sc[] = {"region", "amount", "customer", NULL};
	static const TypeKind st[] = {TY_STRING, TY_INTEGER, TY_STRING};
	static const char *const tc[] = {"region", "total", "n", "largest", "customers", "mean", NULL};
	static const TypeKind tt[] = {TY_STRING, TY_BIGINT, TY_INTEGER, TY_INTEGER, TY_INTEGER, TY_DOUBLE};
	AstStep *src = table_step(x, STEP_SOURCE, "sales", sc, st);
	AstStep *agg = step(x, STEP_AGGREGATE, "summarize");
	group(x, agg, GROUP_OUTPUT, "Aggregate Output 1", NULL)->passes_all = false;
	AstPort *g = port(x, agg, "region", PORT_OUT, TY_STRING);
	g->role = ROLE_GROUP_BY;
	g->ref = "region";
	agg_port(x, agg, "total", TY_BIGINT, AGG_SUM, "amount");
	agg_port(x, agg, "n", TY_INTEGER, AGG_COUNT_ROWS, NULL);
	agg_port(x, agg, "largest", TY_INTEGER, AGG_MAX, "amount");
	agg_port(x, agg, "customers", TY_INTEGER, AGG_COUNT_DISTINCT, "customer");
	agg_port(x, agg, "mean", TY_DOUBLE, AGG_AVG, "amount");
	link(x, src, NULL, agg);
	link(x, agg, NULL, table_step(x, STEP_TARGET, "totals", tc, tt));
}

/* A derivation language with qualified names, as DataStage's: "IN1.amount"
 * is the column amount of the input that arrives over link IN1.  No such
 * parser exists yet, so the test builds the language (PowerCenter's
 * catalogue and flags, plus qualified names) and the tree by hand, as a
 * frontend's parse would leave it on AstExpr.parsed. */
static Language qualified_lang;

static AstExpr *qualified_expr(Flow *x, const char *link, const char *col, const char *times)
{
	Arena *a = x->doc->arena;
	PtrVec *issues = ARENA_NEW(a, PtrVec);
	ExprBuilder b = {a, issues, false};
	ExprSpan at = {0, (uint32_t)(strlen(link) + 1 + strlen(col))};
	Expr *q = expr_build_node(&b, EX_QNAME, at);
	q->text = link;
	q->name = col;
	Expr *n =
	    expr_build_node(&b, EX_NUMBER, (ExprSpan){at.end + 3, at.end + 3 + (uint32_t)strlen(times)});
	n->text = times;
	Expr *mul = expr_build_binary(&b, OP_MUL, q, n, (ExprSpan){0, n->off + n->len});
	AstExpr *e = ast_expr_new(x->doc, LANG_DATASTAGE, arena_sprintf(a, "%s.%s * %s", link, col, times),
				  (SrcLoc){0});
	ExprParsed *p = ARENA_NEW(a, ExprParsed);
	p->lang = &qualified_lang;
	p->tree = mul;
	e->parsed = p;
	return e;
}

/* orders --link IN1--> transformer (passes all, doubled = IN1.amount * 2)
 * -> target; the tool is DataStage. */
static void build_qualified(Flow *x, SettingValue v)
{
	(void)v;
	static const char *const oc[] = {"id", "amount", NULL};
	static const TypeKind ot[] = {TY_INTEGER, TY_INTEGER};
	static const char *const tc[] = {"id", "doubled", NULL};
	static const TypeKind tt[] = {TY_INTEGER, TY_INTEGER};
	x->doc->tool = TOOL_DATASTAGE;
	qualified_lang = *expr_language(LANG_POWERCENTER);
	qualified_lang.name = "qualified";
	qualified_lang.sem.qualified_names = true;
	AstStep *src = table_step(x, STEP_SOURCE, "orders", oc, ot);
	AstStep *xfm = step(x, STEP_EXPRESSION, "xfm");
	group(x, xfm, GROUP_OUTPUT, "OUT1", NULL);
	port(x, xfm, "doubled", PORT_OUT, TY_INTEGER)->expr = qualified_expr(x, "IN1", "amount", "2");
	link(x, src, NULL, xfm);
	((AstEdge *)x->f->edges.items[x->f->edges.len - 1])->name = "IN1";
	link(x, xfm, NULL, table_step(x, STEP_TARGET, "doubled_out", tc, tt));
}

/* orders -> sorter (by id) -> transformer with stage variables evaluated
 * in order, as DataStage does: v_prev = v_last reads v_last before this
 * row sets it (the previous row's value), v_last = amount with the
 * declared initial value -1 (AstPort.init: the first row's v_prev), and
 * prev_amount = v_prev -> target.  The tool is DataStage. */
static void build_recurrence(Flow *x, SettingValue v)
{
	(void)v;
	static const char *const oc[] = {"id", "amount", NULL};
	static const TypeKind ot[] = {TY_INTEGER, TY_INTEGER};
	static const char *const tc[] = {"id", "prev_amount", NULL};
	static const TypeKind tt[] = {TY_INTEGER, TY_INTEGER};
	x->doc->tool = TOOL_DATASTAGE;
	AstStep *src = table_step(x, STEP_SOURCE, "orders", oc, ot);
	AstStep *srt = step(x, STEP_SORT, "sort_id");
	group(x, srt, GROUP_OUTPUT, "OUT", NULL);
	AstPort *key = port(x, srt, "id", PORT_IN | PORT_OUT, TY_INTEGER);
	key->sort_key = true;
	port(x, srt, "amount", PORT_IN | PORT_OUT, TY_INTEGER);
	AstStep *xfm = step(x, STEP_EXPRESSION, "xfm");
	group(x, xfm, GROUP_OUTPUT, "OUT1", NULL);
	AstPort *prev = port(x, xfm, "v_prev", PORT_VAR, TY_INTEGER);
	prev->expr = ast_expr_new(x->doc, LANG_POWERCENTER, "v_last", (SrcLoc){0});
	AstPort *last = port(x, xfm, "v_last", PORT_VAR, TY_INTEGER);
	last->expr = ast_expr_new(x->doc, LANG_POWERCENTER, "amount", (SrcLoc){0});
	last->init = ast_expr_new(x->doc, LANG_POWERCENTER, "-1", (SrcLoc){0});
	port(x, xfm, "prev_amount", PORT_OUT, TY_INTEGER)->expr =
	    ast_expr_new(x->doc, LANG_POWERCENTER, "v_prev", (SrcLoc){0});
	link(x, src, NULL, srt);
	link(x, srt, NULL, xfm);
	link(x, xfm, NULL, table_step(x, STEP_TARGET, "prev_out", tc, tt));
}

static int write_case(const char *dir, const char *name, void (*build)(Flow *, SettingValue), SettingValue v)
{
	Arena a = {0};
	Flow x = flow_new(&a, name);
	build(&x, v);
	IrDoc *d = ARENA_NEW(&a, IrDoc);
	d->tool = tool_name(x.doc->tool);
	d->file = name;
	d->sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	d->dialect = "postgres";
	d->generated_by = "neutral_flows";
	DiagSink sink;
	diag_init(&sink, stderr);
	RulesOptions ro = {0};
	rules_lower(&a, x.doc, &ro, d, &sink);
	ir_rollup(d);
	Sbuf y = SBUF_INIT;
	const char *err = NULL;
	int rc = 0;
	if (!emit_yaml(d, &y, &err)) {
		fprintf(stderr, "neutral_flows: %s: %s\n", name, err ? err : "YAML emitter failed");
		rc = 1;
	} else {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
		FILE *f = fopen(path, "w");
		if (!f || fputs(y.buf, f) < 0 || fclose(f) != 0) {
			perror(path);
			rc = 1;
		}
	}
	sbuf_release(&y);
	arena_release(&a);
	return rc;
}

static void split_case(Flow *x, SettingValue v)
{
	(void)v;
	build_split(x);
}

static void agg_case(Flow *x, SettingValue v)
{
	(void)v;
	build_agg(x);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: neutral_flows OUTDIR\n");
		return 2;
	}
	int rc = 0;
	rc |= write_case(argv[1], "link_split_first_match", split_case, VAL_NONE);
	rc |= write_case(argv[1], "lookup_no_match_fail", build_lookup, VAL_NONE);
	rc |= write_case(argv[1], "lookup_no_match_redirect", build_lookup, VAL_REDIRECT);
	rc |= write_case(argv[1], "aggregate_by_kind", agg_case, VAL_NONE);
	rc |= write_case(argv[1], "qualified_column", build_qualified, VAL_NONE);
	rc |= write_case(argv[1], "recurrence_initial_value", build_recurrence, VAL_NONE);
	return rc;
}
