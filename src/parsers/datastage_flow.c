/* datastage_flow.c - what a DataStage job's links carry, once its stages
 * and links are built (src/parsers; called at the end of each job by
 * datastage.c).
 *
 * A DataStage link has one column list ("Defining columns on a link",
 * Parallel Job Developer's Guide): Designer writes it on the link's output
 * pin (CTrxOutput, CCustomOutput), and often not again on the input pin
 * of the stage it enters.  The shared lowering reads a step's input ports
 * and port-to-port edges, so each link's columns become ports at both ends
 * here, and the link one edge per column:
 *
 *  - a link whose input end lists no columns gets the output end's
 *    columns as input ports of the stage it enters (and the reverse);
 *  - an output column of a stage that is not a Transformer names the
 *    input column it copies on its `Derivation`/`SourceColumn` ("the
 *    Mapping tab", e.g. DSLink34.productid): `ref` = that input port, the
 *    neutral "output-only port that passes an input on";
 *  - sources and targets get the relation they read or write: the
 *    connector's table (TableName), else the file of a file stage as a
 *    file table named after the stage (the file is its SET_FILE_NAME).
 */
#include "parsers/datastage.h"
#include "base/sbuf.h"
#include "base/str.h"

#include <string.h>

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The ports of step s in group `group` with any of the bits `dir`. */
static uint32_t ports_in(const AstStep *s, const char *group, unsigned dir, AstPort **out, uint32_t max)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if ((p->dir & dir) && same(p->group, group)) {
			if (out && n < max)
				out[n] = p;
			n++;
		}
	}
	return n;
}

/* A copy of link column c as a port of the other end of the link. */
static AstPort *link_port(AstDoc *d, const AstPort *c, unsigned dir, const char *group, SrcLoc loc)
{
	AstPort *p = ast_port_new(d, c->name);
	p->dir = dir;
	p->group = group;
	p->type = c->type;
	p->nullable = c->nullable;
	p->role = c->role;
	p->loc = loc;
	return p;
}

static AstEdge *port_edge(AstDoc *d, const AstEdge *link, AstPort *fp, AstPort *tp)
{
	AstEdge *e = ast_edge_new(d);
	e->from = link->from, e->from_port = fp, e->to = link->to, e->to_port = tp;
	e->from_group = link->from_group;
	e->to_group = link->to_group;
	e->name = link->name;
	e->scope = link->scope;
	e->props = link->props;
	e->loc = link->loc;
	return e;
}

/* A link-level edge (one end lists no columns): the other end's columns
 * become ports of this end, and the edge one edge per column, in the
 * column order.  Left link-level when neither end has columns (runtime
 * column propagation: the columns are not in the export). */
static void link_columns(AstDoc *d, const AstEdge *e, PtrVec *edges)
{
	AstStep *fs = e->from, *ts = e->to;
	uint32_t nout = ports_in(fs, e->from_group, PORT_OUT, NULL, 0);
	uint32_t nin = ports_in(ts, e->to_group, PORT_IN, NULL, 0);
	if ((nout && nin) || (!nout && !nin)) {
		ast_push(d, edges, (void *)e);
		return;
	}
	AstStep *have = nout ? fs : ts, *other = nout ? ts : fs;
	const char *hg = nout ? e->from_group : e->to_group, *og = nout ? e->to_group : e->from_group;
	for (uint32_t i = 0; i < have->ports.len; i++) {
		AstPort *c = have->ports.items[i];
		if (!(c->dir & (nout ? PORT_OUT : PORT_IN)) || !same(c->group, hg))
			continue;
		AstPort *p = link_port(d, c, nout ? PORT_IN : PORT_OUT, og, e->loc);
		ast_push(d, &other->ports, p);
		ast_push(d, edges, port_edge(d, e, nout ? c : p, nout ? p : c));
	}
}

/* Is `g` an input group (link) of s? */
static bool input_link(const AstStep *s, const char *g)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *gr = s->groups.items[i];
		if (gr->kind == GROUP_INPUT && strcmp(gr->name, g) == 0)
			return true;
	}
	return false;
}

/* The input port of s named `col` (of input link `link`, when given). */
static const AstPort *input_port(const AstStep *s, const char *link, const char *col)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && strcmp(p->name, col) == 0 && (!link || same(p->group, link)))
			return p;
	}
	return NULL;
}

/* An output column of a stage other than a Transformer copies the input
 * column its mapping names ("Link.col" in SourceColumn or Derivation), or
 * the input column of its own name. */
static void mapping_refs(AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if ((p->dir & (PORT_OUT | PORT_IN)) != PORT_OUT || p->expr || p->ref)
			continue;
		const AstProp *m = ast_props_find_name(&p->props, "SourceColumn");
		if (!m || !*m->value)
			m = ast_props_find_name(&p->props, "Derivation");
		const char *v = m ? m->value : NULL, *dot = v ? strrchr(v, '.') : NULL;
		const AstPort *src = NULL;
		if (dot) {
			char link[256];
			size_t n = (size_t)(dot - v);
			if (n < sizeof link) {
				memcpy(link, v, n);
				link[n] = '\0';
				if (input_link(s, link))
					src = input_port(s, link, dot + 1);
			}
		} else if (v && *v) {
			src = input_port(s, NULL, v);
		}
		if (!src)
			src = input_port(s, NULL, p->name);
		if (src)
			p->ref = src->name;
	}
}

/* The relation a source or target reads or writes. */
static void stage_table(AstDoc *d, AstFolder *f, AstStep *s)
{
	if (s->table || (s->kind != STEP_SOURCE && s->kind != STEP_TARGET))
		return;
	const AstProp *tn = ast_props_find(&s->props, SET_TABLE_NAME);
	const AstProp *fn = ast_props_find(&s->props, SET_FILE_NAME);
	if (!tn && !fn)
		return;
	/* a file has no table name: its rows are loaded into (or written
	 * from) a relation named after the stage, unique in the job */
	const char *name = tn ? tn->value : s->name;
	s->table = ast_table_new(d, s->kind == STEP_SOURCE ? TABLE_SOURCE : TABLE_TARGET, name);
	s->table->is_file = !tn;
	s->table->loc = (tn ? tn : fn)->loc;
	ast_push(d, &f->tables, s->table);
}

/* ---- the Transformer's output links ------------------------------------------------ */

/* A Transformer with constraints or several output links ("Transformer
 * stage", Parallel Job Developer's Guide; "Constraints window - parallel
 * job transformers", IBM Knowledge Center) is two steps:
 *
 *  - `<name>/derive` (STEP_EXPRESSION): the input link's columns, the stage
 *    variables in their order, every output column's derivation (as port
 *    `<link>__<column>`) and, per constrained link, `akko_c_<link>`: 1
 *    where the constraint holds, else 0 (false or NULL: "if the constraint
 *    expression evaluates to FALSE for an input row, the data row is not
 *    output on that link");
 *  - `<name>` (STEP_ROUTER, every match): one group per output link in
 *    link order, its columns copying the derived ones.  Constraints "on
 *    different links are independent": a row goes down every link whose
 *    constraint holds, and down every link with none.  The otherwise link
 *    (Reject 1, "Otherwise/Log": it "handles otherwise rows") takes the
 *    rows no link before it in the link order took: none when a link
 *    before it has no constraint.  The reject link (ErrorPin 1) keeps
 *    GROUP_ERROR: the rows whose derivation failed.
 *
 * Derivations are evaluated for every row, not only for the rows of
 * their link, which differs only for a derivation that fails. */
static AstExpr *cond_text(AstDoc *d, ExprLang lang, const char *text, SrcLoc loc)
{
	return ast_expr_new(d, lang, text, loc);
}

static bool is_transformer(const AstStep *s)
{
	const char *k = s->orig_kind ? s->orig_kind : "";
	return strcmp(k, "CTransformerStage") == 0 || strcmp(k, "TransformerStage") == 0;
}

static const char *unused_name(AstFlow *flow, Arena *a, const char *base)
{
	const char *n = base;
	for (int k = 2;; k++) {
		bool used = false;
		for (uint32_t i = 0; i < flow->steps.len && !used; i++)
			used = strcmp(((const AstStep *)flow->steps.items[i])->name, n) == 0;
		if (!used)
			return n;
		n = arena_sprintf(a, "%s@%d", base, k);
	}
}

/* A column the derive step computes: its port there, the router's input
 * port reading it, and the edge between. */
typedef struct Derived {
	AstDoc *d;
	AstStep *x, *s;
	PtrVec *keep, *edges;
} Derived;

static AstPort *derived(Derived *D, const char *name, AstType type, AstExpr *expr, SrcLoc loc)
{
	AstPort *xp = ast_port_new(D->d, name);
	xp->dir = PORT_OUT, xp->group = "derived", xp->type = type, xp->expr = expr, xp->loc = loc;
	ast_push(D->d, &D->x->ports, xp);
	AstPort *rp = ast_port_new(D->d, name);
	rp->dir = PORT_IN, rp->group = "derived", rp->type = type, rp->loc = loc;
	ast_push(D->d, D->keep, rp);
	AstEdge *e = ast_edge_new(D->d);
	e->from = D->x, e->from_port = xp, e->to = D->s, e->to_port = rp;
	e->from_group = e->to_group = "derived";
	e->loc = loc;
	ast_push(D->d, D->edges, e);
	return rp;
}

static void split_transformer(AstDoc *d, AstFlow *flow, AstStep *s, uint32_t at)
{
	Arena *a = d->arena;
	AstStep *x = ast_step_new(d, STEP_EXPRESSION, unused_name(flow, a, arena_sprintf(a, "%s/derive", s->name)));
	x->orig_kind = s->orig_kind;
	x->loc = s->loc;
	x->def_loc = s->def_loc;
	x->description = "the Transformer's stage variables, derivations and constraints (the step the "
			 "Transformer's links are routed from)";
	ExprLang lang = LANG_DATASTAGE;
	PtrVec keep = {0}, groups = {0};
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		ast_push(d, g->kind == GROUP_INPUT ? &x->groups : &groups, g);
	}
	AstGroup *dout = ast_group_new(d, GROUP_OUTPUT, "derived");
	dout->loc = s->loc;
	ast_push(d, &x->groups, dout);
	AstGroup *rin = ast_group_new(d, GROUP_INPUT, "derived");
	rin->loc = s->loc;
	ast_push(d, &groups, rin);
	PtrVec edges = {0};
	Derived D = {d, x, s, &keep, &edges};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if (p->expr)
			lang = p->expr->lang;
		if ((p->dir & (PORT_IN | PORT_VAR)) && !(p->dir & PORT_OUT)) {
			ast_push(d, &x->ports, p);
			continue;
		}
		if ((p->dir & PORT_OUT) && p->expr && p->group) {
			AstPort *rp = derived(&D, arena_sprintf(a, "%s__%s", p->group, p->name), p->type, p->expr, p->loc);
			p->ref = rp->name;
			p->expr = NULL;
		}
		ast_push(d, &keep, p);
	}
	/* the links' conditions, in link order */
	bool unconstrained_before = false;
	Sbuf none = SBUF_INIT; /* no link before took the row */
	for (int32_t o = 0;; o++) {
		AstGroup *g = NULL;
		for (uint32_t i = 0; i < groups.len && !g; i++) {
			AstGroup *c = groups.items[i];
			if ((c->kind == GROUP_OUTPUT || c->kind == GROUP_DEFAULT) && c != rin && c->order == o)
				g = c;
		}
		if (!g) {
			bool more = false;
			for (uint32_t i = 0; i < groups.len; i++) {
				const AstGroup *c = groups.items[i];
				more |= c != rin && (c->kind == GROUP_OUTPUT || c->kind == GROUP_DEFAULT) && c->order > o;
			}
			if (!more)
				break;
			continue;
		}
		const char *own = NULL;
		if (g->cond && g->cond->text && *g->cond->text) {
			if (g->cond->lang)
				lang = g->cond->lang;
			const char *cn = arena_sprintf(a, "akko_c_%s", g->name);
			AstExpr *ce = cond_text(d, g->cond->lang,
						arena_sprintf(a, "If (%s) Then 1 Else 0", g->cond->text), g->cond->loc);
			derived(&D, cn, (AstType){.kind = TY_INTEGER, .precision = -1, .scale = -1}, ce, g->loc);
			own = cn;
			ast_push(d, &g->props, ast_prop_new(d, "constraint", g->cond->text));
		}
		const char *text;
		if (g->kind == GROUP_DEFAULT) { /* the otherwise link */
			text = unconstrained_before ? "1 = 0" : none.len ? none.buf : "1 = 1";
			if (own)
				text = arena_sprintf(a, "(%s) And %s = 1", text, own);
			g->kind = GROUP_OUTPUT;
			ast_push(d, &g->props, ast_prop_new(d, "otherwise", "rows no link before it took"));
		} else {
			text = own ? arena_sprintf(a, "%s = 1", own) : "1 = 1";
		}
		g->cond = cond_text(d, lang, arena_strdup(a, text), g->loc);
		if (own)
			sbuf_addf(&none, "%s%s = 0", none.len ? " And " : "", own);
		else
			unconstrained_before = true;
	}
	sbuf_release(&none);
	s->ports = keep;
	s->groups = groups;
	AstProp *r = ast_prop_new(d, "routing", "every link whose constraint holds");
	r->key = SET_ROUTING;
	r->norm = VAL_ALL_MATCHES;
	r->loc = s->loc;
	ast_push(d, &s->props, r);
	/* the input link now enters x */
	for (uint32_t i = 0; i < flow->edges.len; i++) {
		AstEdge *e = flow->edges.items[i];
		if (e->to == s)
			e->to = x;
	}
	for (uint32_t i = 0; i < edges.len; i++)
		ast_push(d, &flow->edges, edges.items[i]);
	/* x before s, in the flow's step order */
	ast_push(d, &flow->steps, x);
	for (uint32_t i = flow->steps.len - 1; i > at; i--)
		flow->steps.items[i] = flow->steps.items[i - 1];
	flow->steps.items[at] = x;
}

static void inputs_first(AstDoc *d, AstStep *s);

/* ---- the Row Generator -------------------------------------------------------------- */

/* Row Generator ("Row Generator stage: Output tab": Number of records,
 * default 10; "Generator" in the column definitions, IBM Knowledge Center
 * ipct-generator): rows numbered n = 0, 1, ... N-1 by a generate step
 * `<name>/rows` (the loop n = 0; n < N; n + 1), and each column's default
 * algorithm as a derivation of n: a number cycles from its initial value
 * 0 by its increment 1 (n); a string of length L repeats one character of
 * "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", the
 * next for each row, wrapping after Z.  A column with generator properties
 * of its own, or of another type (dates, times, random values), sends the
 * stage to review (W1220). */
static const char *generated_value(Arena *a, const AstPort *p)
{
	const AstProp *g = ast_props_find_name(&p->props, "APTFieldProp");
	if (g && *g->value)
		return NULL;
	switch (p->type.kind) {
	case TY_SMALLINT:
	case TY_INTEGER:
	case TY_BIGINT:
	case TY_DOUBLE: return "akko_n";
	case TY_DECIMAL: /* at the column's scale: 0.00, 1.00... */
		if (p->type.scale <= 0)
			return "akko_n";
		return arena_sprintf(a, "akko_n + 0.%0*d", (int)p->type.scale, 0);
	case TY_STRING:
		if (p->type.precision <= 0)
			return NULL;
		return arena_sprintf(a,
				     "Str(\"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\"[Mod(akko_n, "
				     "62) + 1, 1], %d)",
				     (int)p->type.precision);
	default: return NULL;
	}
}

static void row_generator(AstDoc *d, DiagSink *sink, AstFlow *flow, AstStep *s, uint32_t at)
{
	Arena *a = d->arena;
	const char *n = "10";
	SrcLoc nloc = s->loc;
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		const char *dot = strrchr(p->name, '.');
		if (strcmp(dot ? dot + 1 : p->name, "records") == 0 && *p->value)
			n = p->value, nloc = p->loc;
	}
	size_t nl = strlen(n);
	if (nl > 2 && n[0] == '#' && n[nl - 1] == '#') /* a job parameter: read by its name */
		n = arena_strndup(a, n + 1, nl - 2);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *v = generated_value(a, p);
		if (!v) {
			diag_warning(sink, W_DS_STAGE_REVIEW, p->loc,
				     "Row Generator '%s': the values of column '%s' are not converted", s->name, p->name);
			s->review = arena_sprintf(a, "the Row Generator's values of column '%s' are not converted", p->name);
			return;
		}
		p->expr = ast_expr_new(d, LANG_DATASTAGE, v, p->loc);
		p->ref = NULL;
	}
	AstStep *g = ast_step_new(d, STEP_GENERATE, unused_name(flow, a, arena_sprintf(a, "%s/rows", s->name)));
	g->orig_kind = s->orig_kind;
	g->loc = g->def_loc = s->loc;
	g->description = "the Row Generator's rows, numbered from 0";
	AstGroup *go = ast_group_new(d, GROUP_OUTPUT, "rows");
	go->loc = s->loc;
	ast_push(d, &g->groups, go);
	AstPort *gp = ast_port_new(d, "akko_n");
	gp->dir = PORT_OUT | PORT_GENERATED;
	gp->group = "rows";
	gp->type = (AstType){.kind = TY_INTEGER, .precision = -1, .scale = -1};
	gp->loc = s->loc;
	ast_push(d, &g->ports, gp);
	static const struct {
		Setting key;
		const char *name, *fmt;
	} loop[] = {{SET_LOOP_INIT, "loop_init", "0"},
		    {SET_LOOP_CONDITION, "loop_condition", "akko_n < %s"},
		    {SET_LOOP_NEXT, "loop_next", "akko_n + 1"}};
	for (size_t k = 0; k < sizeof loop / sizeof *loop; k++) {
		AstProp *p = ast_prop_new(d, loop[k].name, arena_sprintf(a, loop[k].fmt, n));
		p->key = loop[k].key;
		p->loc = nloc;
		p->expr = ast_expr_new(d, LANG_DATASTAGE, p->value, nloc);
		ast_push(d, &g->props, p);
	}
	AstGroup *si = ast_group_new(d, GROUP_INPUT, "rows");
	si->loc = s->loc;
	ast_push(d, &s->groups, si);
	AstPort *sp = ast_port_new(d, "akko_n");
	sp->dir = PORT_IN;
	sp->group = "rows";
	sp->type = gp->type;
	sp->loc = s->loc;
	ast_push(d, &s->ports, sp);
	inputs_first(d, s);
	AstEdge *e = ast_edge_new(d);
	e->from = g, e->from_port = gp, e->to = s, e->to_port = sp;
	e->from_group = e->to_group = "rows";
	e->loc = s->loc;
	ast_push(d, &flow->edges, e);
	s->kind = STEP_EXPRESSION;
	ast_push(d, &flow->steps, g);
	for (uint32_t i = flow->steps.len - 1; i > at; i--)
		flow->steps.items[i] = flow->steps.items[i - 1];
	flow->steps.items[at] = g;
}

/* The input columns first, then the others in their order: a name an
 * expression reads is the input column of that name before an output
 * column of the same name (a link's columns copied onto the stage it
 * enters come after its own). */
static void inputs_first(AstDoc *d, AstStep *s)
{
	PtrVec v = {0};
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < s->ports.len; i++) {
			AstPort *p = s->ports.items[i];
			bool in = (p->dir & (PORT_IN | PORT_OUT)) == PORT_IN;
			if (in == (pass == 0))
				ast_push(d, &v, p);
		}
	s->ports = v;
}

void ds_complete_flow(AstDoc *d, DiagSink *sink, AstFolder *f, AstFlow *flow)
{
	PtrVec edges = {0};
	for (uint32_t i = 0; i < flow->edges.len; i++) {
		const AstEdge *e = flow->edges.items[i];
		if (e->from_port || e->to_port || !e->from_group || !e->to_group)
			ast_push(d, &edges, (void *)e);
		else
			link_columns(d, e, &edges);
	}
	flow->edges = edges;
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		AstStep *s = flow->steps.items[i];
		inputs_first(d, s);
		if (!is_transformer(s))
			mapping_refs(s);
		stage_table(d, f, s);
		ds_stage_settings(d, sink, s);
	}
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		AstStep *s = flow->steps.items[i];
		if (is_transformer(s) && s->kind == STEP_ROUTER) {
			split_transformer(d, flow, s, i);
			i++;
		} else if (s->kind == STEP_GENERATE && s->orig_kind && strcmp(s->orig_kind, "PxRowGenerator") == 0) {
			row_generator(d, sink, flow, s, i);
			i += s->kind == STEP_EXPRESSION;
		}
	}
}
