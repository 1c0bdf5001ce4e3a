/* jobexprs.c - translate every expression of a job export in its
 * transformation's context (src/expr/lang/powercenter).  See jobexprs.h for the order and
 * the name rules.
 */
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "expr/lang.h"
#include "expr/lang/powercenter/jobexprs.h"

typedef struct Walk {
	Arena *a;
	const JobExprOptions *o;
	const AstDoc *doc;
	const AstFolder *folder;
	const AstFlow *flow; /* NULL for reusable transformations */
	const AstStep *step;
	ExprBinding **vars; /* per port of `step`: analysed variable ports */
	PtrVec columns;     /* JobColumn: the step's non-variable ports, once */
	JobExpr *je;        /* the expression being translated */
	JobExprFn fn;
	void *ud;
} Walk;

static const Dialect *dialect(const Walk *w)
{
	return w->o->dialect ? w->o->dialect : &dialect_postgres;
}

static int port_index(const AstStep *s, const char *name)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (ascii_ieq(((AstPort *)s->ports.items[i])->name, name))
			return (int)i;
	return -1;
}

static bool is_variable(const AstPort *p)
{
	return (p->dir & PORT_VAR) && !(p->dir & PORT_IN);
}

/* ---- lookups for :LKP. ------------------------------------------------------------- */

static const AstStep *find_lookup_in(const PtrVec *v, const char *name)
{
	for (uint32_t i = 0; i < v->len; i++) {
		const AstStep *s = v->items[i];
		if (s->kind == STEP_LOOKUP && ascii_ieq(s->name, name))
			return s->def ? s->def : s;
	}
	return NULL;
}

const AstStep *job_find_lookup(const AstFolder *folder, const AstFlow *flow, const char *name)
{
	const AstStep *s = NULL;
	if (flow)
		s = find_lookup_in(&flow->defs, name);
	if (!s && flow)
		s = find_lookup_in(&flow->steps, name);
	if (!s)
		s = find_lookup_in(&folder->transforms, name);
	for (uint32_t i = 0; !s && i < folder->flows.len; i++)
		s = find_lookup_in(&((AstFlow *)folder->flows.items[i])->defs, name);
	return s;
}

/* The condition's terms, "LKP_COL op IN_PORT" joined by AND. */
static void condition_terms(Expr *e, Expr **out, uint32_t *n, uint32_t max)
{
	if (e->kind == EX_BINARY && e->op == OP_AND) {
		condition_terms(e->args[0], out, n, max);
		condition_terms(e->args[1], out, n, max);
	} else if (*n < max) {
		out[(*n)++] = e;
	}
}

const char *job_lookup_policy(const AstStep *s)
{
	/* the frontend normalised the value; "all" means nothing to a call
	 * that returns one value, and PowerCenter takes the first */
	switch (ast_props_value(&s->props, SET_LOOKUP_POLICY, VAL_FIRST)) {
	case VAL_LAST: return "last";
	case VAL_ANY: return "any";
	case VAL_FAIL: return "error";
	default: return "first";
	}
}

ExprLookup *job_build_lookup(Arena *a, const AstStep *s, const char *source_sql)
{
	ExprLookup *l = ARENA_NEW(a, ExprLookup);
	l->name = s->name;
	l->source_sql = source_sql;
	l->policy = job_lookup_policy(s);
	l->tool = "PowerCenter";
	uint32_t nin = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && !(p->dir & PORT_LOOKUP))
			nin++;
		if (p->dir & PORT_RETURN) {
			l->ret_col = p->name;
			l->ret_type = expr_type_from_ast(p->type.kind);
		}
	}
	if (!l->ret_col) { /* no port marked R: the only output port is the value */
		const AstPort *only = NULL;
		unsigned outs = 0;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (p->dir & PORT_OUT)
				outs++, only = p;
		}
		if (outs == 1) {
			l->ret_col = only->name;
			l->ret_type = expr_type_from_ast(only->type.kind);
			l->implicit_return = true;
		}
	}
	const char **cols = ARENA_NEWN(a, const char *, nin + 1);
	const char **ops = ARENA_NEWN(a, const char *, nin + 1);
	ExprType *types = ARENA_NEWN(a, ExprType, nin + 1);
	const AstProp *cp = ast_props_find(&s->props, SET_LOOKUP_CONDITION);
	Expr *terms[64];
	uint32_t nterms = 0;
	const ExprParsed *cond = cp && cp->expr ? expr_parsed(cp->expr) : NULL;
	if (cond && cond->tree)
		condition_terms(expr_clone(a, cond->tree), terms, &nterms, 64);
	uint32_t k = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_IN) || (p->dir & PORT_LOOKUP))
			continue;
		for (uint32_t t = 0; t < nterms; t++) {
			Expr *e = terms[t];
			if (e->kind != EX_BINARY || e->op < OP_LT || e->op > OP_NE ||
			    e->args[0]->kind != EX_NAME || e->args[1]->kind != EX_NAME)
				continue;
			if (ascii_ieq(e->args[1]->name, p->name)) {
				cols[k] = e->args[0]->name, ops[k] = expr_op_sql(e->op);
			} else if (ascii_ieq(e->args[0]->name, p->name)) {
				cols[k] = e->args[1]->name, ops[k] = expr_op_sql(expr_op_flip(e->op));
			}
		}
		const AstPort *col = cols[k] ? ast_ports_find(&s->ports, cols[k]) : NULL;
		types[k] = col ? expr_type_from_ast(col->type.kind) : XT_UNKNOWN;
		k++;
	}
	/* the cache order: condition columns, then the other lookup ports */
	const char **order = ARENA_NEWN(a, const char *, s->ports.len + nin + 1);
	uint32_t no = 0;
	for (uint32_t i = 0; i < nin; i++)
		if (cols[i])
			order[no++] = cols[i];
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_LOOKUP))
			continue;
		bool dup = false;
		for (uint32_t o = 0; o < no; o++)
			dup |= ascii_ieq(order[o], p->name);
		if (!dup)
			order[no++] = p->name;
	}
	l->order_cols = order;
	l->n_order = no;
	l->in_types = types;
	l->in_cols = cols;
	l->in_ops = ops;
	l->n_in = nin;
	return l;
}

/* The relation the lookup reads: its lookup and return ports. */
static void add_relation(Walk *w, const AstStep *s, const ExprLookup *l)
{
	for (uint32_t i = 0; i < w->je->relations.len; i++)
		if (strcmp(((JobRelation *)w->je->relations.items[i])->name, l->source_sql) == 0)
			return;
	JobRelation *r = ARENA_NEW(w->a, JobRelation);
	r->name = l->source_sql;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & (PORT_LOOKUP | PORT_RETURN)))
			continue;
		JobColumn *c = ARENA_NEW(w->a, JobColumn);
		c->name = sqlgen_ident(w->a, dialect(w), p->name);
		c->type = expr_type_from_ast(p->type.kind);
		ptrvec_push(w->a, &r->columns, c);
	}
	ptrvec_push(w->a, &w->je->relations, r);
}

/* ---- name resolution --------------------------------------------------------------- */

static const ExprBinding *param_binding(Arena *a, const char *name, ExprType type, bool declared)
{
	ExprBinding *b = ARENA_NEW(a, ExprBinding);
	b->kind = BIND_PARAM;
	b->name = name;
	b->type = type;
	b->declared = declared;
	return b;
}

const ExprBinding *job_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder,
				     const AstFlow *flow, const char *name)
{
	const PtrVec *lists[2] = {flow ? &flow->params : NULL, &doc->params};
	for (int k = 0; k < 2; k++)
		for (uint32_t i = 0; lists[k] && i < lists[k]->len; i++) {
			const AstParam *p = lists[k]->items[i];
			if (ascii_ieq(p->name, name)) /* parameter files give text */
				return param_binding(a, p->name,
						     k == 0 ? expr_type_from_ast(p->type.kind) : XT_STRING,
						     k == 0);
		}
	/* reusable transformations: any mapping of the folder may declare it;
	 * inside a mapping, a mapplet it expands may declare its own */
	for (uint32_t f = 0; folder && f < folder->flows.len; f++) {
		const AstFlow *fl = folder->flows.items[f];
		if (flow && fl->kind != FLOW_MAPPLET)
			continue;
		for (uint32_t i = 0; i < fl->params.len; i++) {
			const AstParam *p = fl->params.items[i];
			if (ascii_ieq(p->name, name))
				return param_binding(a, p->name, expr_type_from_ast(p->type.kind), true);
		}
	}
	if (name[0] == '$' && name[1] != '$') /* $PMSessionName and the like */
		return param_binding(a, name, XT_STRING, true);
	return NULL;
}

static const ExprBinding *resolve(void *ud, BindKind what, const char *name)
{
	Walk *w = ud;
	if (what == BIND_PARAM)
		return job_resolve_param(w->a, w->doc, w->folder, w->flow, name);
	if (what == BIND_LOOKUP) {
		const AstStep *s = job_find_lookup(w->folder, w->flow, name);
		if (!s)
			return NULL;
		ExprBinding *b = ARENA_NEW(w->a, ExprBinding);
		b->kind = BIND_LOOKUP;
		b->name = s->name;
		b->lookup = job_build_lookup(w->a, s, sqlgen_ident(w->a, dialect(w), s->name));
		add_relation(w, s, b->lookup);
		return b;
	}
	if (!w->step)
		return NULL;
	int i = port_index(w->step, name);
	if (i < 0)
		return NULL;
	const AstPort *p = w->step->ports.items[i];
	if (is_variable(p)) {
		if (w->vars[i])
			return w->vars[i];
		ExprBinding *b = ARENA_NEW(w->a, ExprBinding); /* read before it is set */
		b->kind = BIND_VARIABLE;
		b->name = p->name;
		b->type = expr_type_from_ast(p->type.kind);
		return b;
	}
	ExprBinding *b = ARENA_NEW(w->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->name = p->name;
	b->type = expr_type_from_ast(p->type.kind);
	return b;
}

/* ---- the walk ---------------------------------------------------------------------- */

/* The columns an expression of the step may read: its ports that are not
 * variables, each name once (computed once per step). */
static void step_columns(Walk *w, const AstStep *s)
{
	w->columns = (PtrVec){0};
	StrMap seen;
	strmap_init(&seen, w->a, false);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (is_variable(p))
			continue;
		const char *name = sqlgen_ident(w->a, dialect(w), p->name);
		if (strmap_get(&seen, name))
			continue;
		strmap_put(&seen, name, (void *)name);
		JobColumn *c = ARENA_NEW(w->a, JobColumn);
		c->name = name;
		c->type = expr_type_from_ast(p->type.kind);
		ptrvec_push(w->a, &w->columns, c);
	}
}

/* Translate one expression and report it. */
static JobExpr *translate(Walk *w, const AstExpr *src, const char *what, bool condition, bool aggregates)
{
	JobExpr *je = ARENA_NEW(w->a, JobExpr);
	je->flow = w->flow ? w->flow->name : NULL;
	je->step = w->step ? w->step->name : NULL;
	je->what = what;
	je->src = src;
	je->context = w->step ? arena_sprintf(w->a, "in %s of transformation '%s'", what, w->step->name)
			      : arena_sprintf(w->a, "in %s of mapping '%s'", what, je->flow ? je->flow : "?");
	w->je = je;
	ExprEnv env = {
	    .lang = expr_language(src->lang),
	    .dialect = dialect(w),
	    .null_compare = w->o->null_compare,
	    .condition = condition,
	    .aggregates = aggregates,
	    .grouped = aggregates,
	    .resolve = resolve,
	    .ud = w,
	    .row_alias = w->o->row_alias,
	};
	expr_translate_ast(w->a, &env, src, &je->res);
	if (w->step)
		je->columns = w->columns;
	w->fn(w->ud, je);
	w->je = NULL;
	return je;
}

static void walk_step(Walk *w, const AstStep *s)
{
	w->step = s;
	w->vars = ARENA_NEWN(w->a, ExprBinding *, s->ports.len + 1);
	step_columns(w, s);
	bool agg = s->kind == STEP_AGGREGATE;
	/* variable ports first, top to bottom, each inlined where read later */
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if (!is_variable(p) || !p->expr)
			continue;
		JobExpr *je =
		    translate(w, p->expr, arena_sprintf(w->a, "variable port '%s'", p->name), false, agg);
		ExprBinding *b = ARENA_NEW(w->a, ExprBinding);
		b->kind = BIND_VARIABLE;
		b->name = p->name;
		b->type = expr_type_from_ast(p->type.kind);
		b->var_text = p->expr->text;
		/* a variable that does not translate makes its readers fail too */
		if (je->res.sql)
			b->var = je->res.tree;
		w->vars[i] = b;
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if (!is_variable(p) && p->expr)
			translate(w, p->expr, arena_sprintf(w->a, "port '%s'", p->name), false, agg);
	}
	static const struct {
		Setting key;
		const char *what;
		bool condition;
	} conds[] = {
	    {SET_FILTER_CONDITION, "filter condition", true},
	    {SET_JOIN_CONDITION, "join condition", true},
	    {SET_LOOKUP_CONDITION, "lookup condition", true},
	    {SET_UPDATE_STRATEGY, "update strategy expression", false},
	    {SET_TRANSACTION_CONDITION, "transaction control condition", false},
	};
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		for (size_t k = 0; k < ARRAY_LEN(conds); k++)
			if (p->key == conds[k].key && p->expr && p->expr->lang == LANG_POWERCENTER)
				translate(w, p->expr, conds[k].what, conds[k].condition, false);
	}
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		if (g->cond && g->cond->lang == LANG_POWERCENTER)
			translate(w, g->cond, arena_sprintf(w->a, "group '%s'", g->name), true, false);
	}
	w->step = NULL;
	w->vars = NULL;
}

static void walk_flow(Walk *w, const AstFlow *f)
{
	w->flow = f;
	for (uint32_t i = 0; i < f->defs.len; i++)
		walk_step(w, f->defs.items[i]);
	for (uint32_t i = 0; i < f->params.len; i++) {
		const AstParam *p = f->params.items[i];
		if (p->expr && p->expr->lang == LANG_POWERCENTER)
			translate(w, p->expr, arena_sprintf(w->a, "mapping variable '%s'", p->name), false,
				  false);
	}
	w->flow = NULL;
}

void job_exprs(Arena *a, const AstDoc *doc, const JobExprOptions *o, JobExprFn fn, void *ud)
{
	/* every expression parsed once, kept on the AST (a cache: idempotent) */
	expr_parse_doc((AstDoc *)doc);
	Walk w = {.a = a, .o = o, .doc = doc, .fn = fn, .ud = ud};
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		w.folder = doc->folders.items[i];
		for (uint32_t k = 0; k < w.folder->transforms.len; k++)
			walk_step(&w, w.folder->transforms.items[k]);
		for (uint32_t k = 0; k < w.folder->flows.len; k++)
			walk_flow(&w, w.folder->flows.items[k]);
	}
}
