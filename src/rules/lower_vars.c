/* lower_vars.c - variable ports read before they are set (src/rules).
 *
 * A variable port keeps its value from one row to the next; the idioms that
 * read the previous row (a lag, a running counter, a held value) become
 * stage nodes of window functions over the rows in the order they arrive.
 */
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

/* The variable ports (indices into s->ports) an expression names. */
static void names_of(const AstStep *s, const Expr *e, char *refs)
{
	if (!e)
		return;
	if (e->kind == EX_NAME && e->name) {
		int j = lower_port_named(s, e->name);
		if (j >= 0 && lower_is_variable(s->ports.items[j]))
			refs[j] = 1;
	}
	for (uint32_t k = 0; k < e->nargs; k++)
		names_of(s, e->args[k], refs);
}

static bool names_port(Lower *L, const AstStep *s, const Expr *e, int j)
{
	char *refs = ARENA_NEWN(L->a, char, s->ports.len + 1);
	names_of(s, e, refs);
	return refs[j];
}

/* `e` is SELF + k or k + SELF with a number literal k. */
static const Expr *self_plus(const AstStep *s, const Expr *e, int self)
{
	if (!e || e->kind != EX_BINARY || e->op != OP_ADD || e->nargs != 2)
		return NULL;
	for (int side = 0; side < 2; side++) {
		const Expr *n = e->args[side], *k = e->args[1 - side];
		if (n->kind == EX_NAME && lower_port_named(s, n->name) == self && k->kind == EX_NUMBER)
			return k;
	}
	return NULL;
}

/* The order rows arrive in: the sort keys of the Sorter the rows come
 * from through passive nodes ("ORDER BY a, b DESC"), or NULL. */
const char *lower_arrival_order(LNode *d, const char **sorter)
{
	for (LNode *x = d; x; x = x->carry ? x->input : NULL) {
		if (x->n->type != NODE_ORDER_BY)
			continue;
		const char *o = x->tail ? strstr(x->tail, "\nORDER BY ") : NULL;
		if (!o || x->distinct)
			return NULL;
		for (uint32_t i = 0; i < x->n->keys.len; i++)
			if (!lower_has_col(d, x->n->keys.items[i]))
				return NULL;
		*sorter = x->n->origin.object;
		return o + 1;
	}
	return NULL;
}

/* A variable's value before it is first set: the initial value the
 * export declares for port `p` (AstPort.init: a DataStage stage variable's
 * InitialValue), translated in its language; else the tool's default for
 * a value of class `cls` (lower_type_class(), ToolSemantics); NULL for
 * NULL.  An initial value that does not translate (it may not read
 * columns) falls back to the default with a warning. */
static const char *var_init(Lower *L, LNode *ln, const AstPort *p, char cls)
{
	if (p->init && *str_trim(str_from(p->init->text)).ptr) {
		const Language *lang = expr_language(p->init->lang);
		ExprEnv env = {.lang = lang ? lang : L->lang, .dialect = L->dialect};
		ExprResult r;
		expr_translate_ast(L->a, &env, p->init, &r);
		if (r.sql)
			return r.sql;
		lower_warn(L, ln, W_RULE_DIFFERENCE, L->cur->s,
			   "the initial value of variable port '%s' does not translate; the tool's default "
			   "is used",
			   p->name);
	}
	return cls == 'N' ? L->sem->var_init_number : cls == 'S' ? L->sem->var_init_string : NULL;
}

static LNode *stage_node(Lower *L, LNode *ln, LNode *from, const char *suffix, const char *note)
{
	const RuleDef r = {"powercenter/previous_row",
			   STEP_EXPRESSION,
			   "",
			   NODE_EXPRESSION,
			   0.85,
			   "variable ports read before they are set: window functions over the rows in "
			   "the order they arrive"};
	LNode *w = lower_node_new(L, NODE_EXPRESSION,
				  ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", ln->n->id, suffix)),
				  ln->step, &r);
	for (uint32_t i = 0; i < from->n->columns.len; i++) {
		const IrColumn *c = from->n->columns.items[i];
		lower_add_item(L, w, arena_sprintf(L->a, "t.%s", lower_ident(L, c->name)), c->name, c->type);
		strmap_put(&w->carried, arena_sprintf(L->a, "%s.%s", from->n->id, c->name), (void *)c->name);
	}
	lower_add_dep(L, w, from->n->id);
	w->tail = arena_sprintf(L->a, "FROM %s AS t", from->n->id);
	w->carry = true;
	w->input = from;
	w->n->note = note;
	return w;
}

/* The relations node ln reads besides its input `d` (the :LKP. lookups
 * its expressions call), read by stage w too: a stage prints the same
 * expressions. */
static void add_relations(Lower *L, LNode *w, const LNode *ln, const LNode *d)
{
	for (uint32_t i = 0; i < ln->n->depends_on.len; i++)
		if (strcmp(ln->n->depends_on.items[i], d->n->id) != 0)
			lower_add_dep(L, w, ln->n->depends_on.items[i]);
}

static ExprBinding *column_binding(Lower *L, const AstPort *p, const char *col)
{
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->name = col;
	b->type = expr_type_from_ast(p->type.kind);
	return b;
}

/* Scope the analysed variable ports to those above port j, as
 * PowerCenter evaluates port j: the ports above hold this row's values,
 * the ports below still the previous row's.  Returns the full set, which
 * the caller puts back. */
static ExprBinding **vars_above(Lower *L, const AstStep *s, uint32_t j)
{
	ExprBinding **vars = L->cur_vars;
	L->cur_vars = ARENA_NEWN(L->a, ExprBinding *, s->ports.len + 1);
	memcpy(L->cur_vars, vars, j * sizeof *vars);
	return vars;
}

/* A part of variable port j's expression (a condition, a value) as SQL,
 * translated as at port j. */
static const char *part_at(Lower *L, LNode *ln, const AstStep *s, uint32_t j, const Expr *part,
			   const char *what, bool condition)
{
	const AstPort *p = s->ports.items[j];
	AstExpr ce = *p->expr;
	ce.text = arena_strndup(L->a, p->expr->text + part->off, part->len);
	ExprParsed *pp = ARENA_NEW(L->a, ExprParsed);
	pp->lang = L->lang;
	pp->tree = expr_clone_at(L->a, part, part->off);
	ce.parsed = pp;
	ExprBinding **vars = vars_above(L, s, j);
	const char *c = lower_translate(L, ln, &ce, arena_sprintf(L->a, "%s '%s'", what, p->name), condition,
					false, NULL);
	L->cur_vars = vars;
	return c;
}

/* Variable port j's whole expression, analysed as at port j. */
static ExprBinding *port_binding_at(Lower *L, LNode *ln, const AstStep *s, uint32_t j)
{
	ExprBinding **vars = vars_above(L, s, j);
	ExprBinding *b = lower_variable_binding(L, ln, s->ports.items[j], false, NULL);
	L->cur_vars = vars;
	return b;
}

/* A variable port keeps its value from one row to the next, so a port
 * that reads a variable port defined below it (or itself) reads the
 * previous row's value.  Two idioms have a SQL form over the rows in the
 * order they arrive (a Sorter's keys):
 *   V_PREV = X defined below its reader: lag(X) in a node <exp>_prev, with
 *     PowerCenter's initial value (0, '') on the first row;
 *   V = IIF(c, V + k, v0) (or IIF(c, v0, V + k), or V + k): a counter that
 *     restarts at v0 where the condition says so, computed in a node
 *     <exp>_run from the row number and the last restart;
 *   V = IIF(c, X, V) (or IIF(c, V, X)): a value held from the row that set
 *     it: <exp>_run numbers the groups of rows each set starts (a running
 *     count of the rows that set it), <exp>_hold takes the value of each
 *     group's first row, the initial value before the first set.
 * The conditions and values may read lags and the ports computed from
 * them, not a counter or a held value.  Anything else is left as it was:
 * the port cannot be translated. */
void lower_previous_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	uint32_t n = s->ports.len;
	Expr **tree = ARENA_NEWN(L->a, Expr *, n + 1);
	char *prev = ARENA_NEWN(L->a, char, n + 1);  /* read before it is set */
	char *dirty = ARENA_NEWN(L->a, char, n + 1); /* depends on an earlier row */
	char *self = ARENA_NEWN(L->a, char, n + 1);
	char *refs = ARENA_NEWN(L->a, char, n + 1);
	bool any = false;
	for (uint32_t i = 0; i < n; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_is_variable(p) || !p->expr || !p->expr->text)
			continue;
		const ExprParsed *parsed = expr_parsed(p->expr);
		if (!parsed || !parsed->tree)
			return;
		tree[i] = expr_clone(L->a, parsed->tree);
		memset(refs, 0, n + 1);
		names_of(s, tree[i], refs);
		for (uint32_t j = 0; j < n; j++) {
			if (!refs[j])
				continue;
			if (j >= i) {
				prev[j] = 1, dirty[i] = 1, any = true;
				if (j == i)
					self[i] = 1;
			} else if (dirty[j]) {
				dirty[i] = 1;
			}
		}
	}
	if (!any)
		return;
	/* the variable ports that depend on a counter or a held value (they
	 * are computed in the node itself, after the stages) */
	char *late = ARENA_NEWN(L->a, char, n + 1);
	for (uint32_t i = 0; i < n; i++) {
		if (!tree[i])
			continue;
		memset(refs, 0, n + 1);
		names_of(s, tree[i], refs);
		for (uint32_t j = 0; j < i; j++)
			late[i] |= refs[j] && (self[j] || late[j]);
	}
	/* each variable read before it is set must be one of the idioms */
	const Expr **step = ARENA_NEWN(L->a, const Expr *, n + 1);  /* counter: k */
	const Expr **start = ARENA_NEWN(L->a, const Expr *, n + 1); /* counter: v0 */
	const Expr **cond = ARENA_NEWN(L->a, const Expr *, n + 1);  /* counter, hold: c */
	const Expr **value = ARENA_NEWN(L->a, const Expr *, n + 1); /* hold: the value taken */
	char *reset_when = ARENA_NEWN(L->a, char, n + 1);           /* 't': c, 'f': NOT c */
	for (uint32_t j = 0; j < n; j++) {
		if (!prev[j])
			continue;
		if (!self[j]) {
			if (dirty[j])
				return;
			continue;
		}
		for (uint32_t i = 0; i < n; i++) /* only the port itself reads it early */
			if (i != j && i < j && tree[i] && names_port(L, s, tree[i], (int)j))
				return;
		const Expr *t = tree[j];
		bool iif = t->kind == EX_CALL && t->name && strcasecmp(t->name, "IIF") == 0 && t->nargs == 3;
		if ((step[j] = self_plus(s, t, (int)j)) != NULL) {
			reset_when[j] = 0;
		} else if (iif) {
			for (int a = 1; a <= 2 && !step[j] && !value[j]; a++) {
				const Expr *keep = t->args[a], *other = t->args[3 - a];
				if ((step[j] = self_plus(s, keep, (int)j)) != NULL) {
					start[j] = other; /* a counter */
				} else if (keep->kind == EX_NAME &&
					   lower_port_named(s, keep->name) == (int)j) {
					value[j] = other; /* a value held until the condition sets it */
				} else {
					continue;
				}
				reset_when[j] = a == 1 ? 'f' : 't';
			}
			if (!step[j] && !value[j])
				return;
			cond[j] = t->args[0];
			if (step[j] && start[j]->kind != EX_NUMBER)
				return;
			/* the stages compute the condition (and the value) from the
			 * current row, lags and the ports above: not from a counter,
			 * a held value or a port that reads one */
			memset(refs, 0, n + 1);
			names_of(s, cond[j], refs);
			if (value[j])
				names_of(s, value[j], refs);
			for (uint32_t k = 0; k < n; k++)
				if (refs[k] && (self[k] || late[k]))
					return;
		} else {
			return;
		}
		if (step[j] &&
		    lower_type_class(expr_type_from_ast(((AstPort *)s->ports.items[j])->type.kind)) != 'N')
			return;
	}
	const char *sorter = NULL;
	const char *order = lower_arrival_order(d, &sorter);
	const char *over = arena_sprintf(L->a, "OVER (%s)", order ? order : "");
	/* the variable ports that do not depend on an earlier row, analysed
	 * now (the lags read them) and kept for the node itself */
	L->cur_vars = ARENA_NEWN(L->a, ExprBinding *, n + 1);
	L->cur_pre = ARENA_NEWN(L->a, ExprBinding *, n + 1);
	L->cur_prev = ARENA_NEWN(L->a, ExprBinding *, n + 1);
	LNode *pn = stage_node(L, ln, d, "prev",
			       "numbers the rows in the order they arrive and carries the previous row's "
			       "values of variable ports");
	lower_add_item(L, pn, arena_sprintf(L->a, "row_number() %s", over), "akko_ord", "bigint");
	for (uint32_t i = 0; i < n; i++) {
		const AstPort *p = s->ports.items[i];
		if (!tree[i] || dirty[i])
			continue;
		ExprResult r;
		ExprBinding *b = lower_variable_binding(L, ln, p, false, &r);
		if (!b)
			return;
		L->cur_vars[i] = L->cur_pre[i] = b;
		if (!prev[i])
			continue;
		char cls = lower_type_class(b->type);
		const char *init = var_init(L, ln, p, cls);
		const char *col =
		    lower_fresh_col(L, pn, lower_colname(L, arena_sprintf(L->a, "akko_prev_%s", p->name)));
		const char *type = pc_pg_type(L->a, &p->type);
		lower_add_item(
		    L, pn,
		    init ? arena_sprintf(L->a, "CAST(lag(%s, 1, %s) %s AS %s)", r.sql, init, over, type)
			 : arena_sprintf(L->a, "CAST(lag(%s) %s AS %s)", r.sql, over, type),
		    col, type);
		L->cur_prev[i] = column_binding(L, p, col);
		if (!init)
			lower_warn(
			    L, ln, W_RULE_DIFFERENCE, s,
			    "variable port '%s' starts from PowerCenter's minimum date on the first row; "
			    "the SQL reads NULL there",
			    p->name);
	}
	add_relations(L, pn, ln, d);
	lower_node_add(L, pn);
	/* the ports that read a lag (not a counter or a held value), in port
	 * order: the conditions of the later stages may read them */
	for (uint32_t i = 0; i < n; i++) {
		if (!tree[i] || !dirty[i] || self[i] || late[i])
			continue;
		if (!(L->cur_vars[i] = port_binding_at(L, ln, s, i)))
			return;
	}
	LNode *last = pn;
	bool staged = false, holds = false;
	for (uint32_t j = 0; j < n; j++)
		staged |= prev[j] && self[j], holds |= prev[j] && self[j] && value[j];
	const char **grp = ARENA_NEWN(L->a, const char *, n + 1); /* hold: its group column */
	StrMap groups;                                            /* group expression -> column */
	strmap_init(&groups, L->a, false);
	Sbuf dates = SBUF_INIT; /* held dates: NULL before the first set */
	if (staged) {
		LNode *rn = stage_node(L, ln, pn, "run",
				       holds ? "running counters of variable ports, and the groups of rows "
					       "a held value spans"
					     : "running counters of variable ports");
		for (uint32_t j = 0; j < n; j++) {
			if (!(prev[j] && self[j]))
				continue;
			const AstPort *p = s->ports.items[j];
			const char *c = NULL;
			if (reset_when[j] &&
			    !(c = part_at(L, ln, s, j, cond[j], "condition of variable port", true)))
				return;
			if (value[j]) {
				/* rows up to here where the value was set: a group per
				 * set, one column per distinct condition */
				const char *e =
				    arena_sprintf(L->a,
						  "count(*) FILTER (WHERE (%s) IS %sTRUE) OVER "
						  "(ORDER BY t.akko_ord ROWS UNBOUNDED PRECEDING)",
						  c, reset_when[j] == 't' ? "" : "NOT ");
				if (!(grp[j] = strmap_get(&groups, e))) {
					grp[j] = lower_fresh_col(
					    L, rn,
					    lower_colname(L, arena_sprintf(L->a, "akko_grp_%s", p->name)));
					lower_add_item(L, rn, e, grp[j], "bigint");
					strmap_put(&groups, e, (void *)grp[j]);
				}
				continue;
			}
			const char *k = step[j]->text;
			const char *v;
			if (!reset_when[j]) {
				v = arena_sprintf(L->a, "%s * t.akko_ord", k);
			} else {
				const char *last_reset = arena_sprintf(
				    L->a,
				    "max(CASE WHEN (%s) IS TRUE THEN %s END) OVER (ORDER BY t.akko_ord ROWS "
				    "UNBOUNDED PRECEDING)",
				    c, reset_when[j] == 't' ? "t.akko_ord" : "NULL ELSE t.akko_ord");
				v = arena_sprintf(L->a,
						  "CASE WHEN %s IS NULL THEN %s * t.akko_ord ELSE %s + %s * "
						  "(t.akko_ord - %s) END",
						  last_reset, k, start[j]->text, k, last_reset);
			}
			const char *col = lower_fresh_col(
			    L, rn, lower_colname(L, arena_sprintf(L->a, "akko_run_%s", p->name)));
			lower_add_item(L, rn,
				       arena_sprintf(L->a, "CAST(%s AS %s)", v, pc_pg_type(L->a, &p->type)),
				       col, pc_pg_type(L->a, &p->type));
			L->cur_pre[j] = column_binding(L, p, col);
		}
		add_relations(L, rn, ln, d);
		lower_node_add(L, rn);
		last = rn;
	}
	if (holds) {
		LNode *hn =
		    stage_node(L, ln, last, "hold", "values variable ports hold from the row that set them");
		for (uint32_t j = 0; j < n; j++) {
			if (!(prev[j] && self[j] && value[j]))
				continue;
			const AstPort *p = s->ports.items[j];
			const char *v = part_at(L, ln, s, j, value[j], "value of variable port", false);
			if (!v)
				return;
			const char *type = pc_pg_type(L->a, &p->type);
			char cls = lower_type_class(expr_type_from_ast(p->type.kind));
			const char *init = var_init(L, ln, p, cls);
			init = init ? init : "NULL";
			if (cls != 'N' && cls != 'S')
				sbuf_addf(&dates, "%s'%s'", dates.len ? ", " : "", p->name);
			const char *col = lower_fresh_col(
			    L, hn, lower_colname(L, arena_sprintf(L->a, "akko_hold_%s", p->name)));
			/* the first row of a group set the value */
			lower_add_item(
			    L, hn,
			    arena_sprintf(L->a,
					  "CAST(CASE WHEN t.%s = 0 THEN %s ELSE first_value(%s) OVER "
					  "(PARTITION BY t.%s ORDER BY t.akko_ord) END AS %s)",
					  lower_ident(L, grp[j]), init, v, lower_ident(L, grp[j]), type),
			    col, type);
			L->cur_pre[j] = column_binding(L, p, col);
		}
		if (dates.len)
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "variable port%s %s start%s from PowerCenter's minimum date until a row "
				   "sets %s; the SQL reads NULL there",
				   strchr(dates.buf, ',') ? "s" : "", dates.buf,
				   strchr(dates.buf, ',') ? "" : "s", strchr(dates.buf, ',') ? "them" : "it");
		sbuf_release(&dates);
		add_relations(L, hn, ln, d);
		lower_node_add(L, hn);
		last = hn;
	}
	if (order)
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)arena_sprintf(L->a,
						  "variable ports read the previous row in the order of "
						  "Sorter '%s'",
						  sorter));
	else
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "variable ports read the previous row, but no Sorter orders the rows: the SQL "
			   "numbers them in the order PostgreSQL delivers them");
	/* the node reads the last stage (same columns, same names) instead
	 * of d, and still the relations its expressions read */
	PtrVec deps = ln->n->depends_on;
	ln->n->depends_on = (PtrVec){0};
	lower_add_dep(L, ln, last->n->id);
	for (uint32_t i = 0; i < deps.len; i++)
		if (strcmp(deps.items[i], d->n->id) != 0)
			lower_add_dep(L, ln, deps.items[i]);
	ln->input = last;
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", last->n->id);
}
