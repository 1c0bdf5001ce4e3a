/* lower_varupd.c - the values a run persists for the variables its steps
 * update (src/rules).
 *
 * A function that updates a run variable (a catalogue row flagged FF_VAR_*:
 * PowerCenter's SETVARIABLE, SETMAXVARIABLE, SETMINVARIABLE,
 * SETCOUNTVARIABLE) gives its row value in its node's SQL, which the
 * language lowers.  At the end of a successful run the tool persists the
 * variable's final value; here each call becomes an IrVarUpdate, one SELECT
 * over the rows of the node that combines the variable's start value with
 * them as the update and the variable's aggregation say
 * (docs/pipeline-yaml.md, "Variable updates").
 */
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

static const char *update_name(unsigned flags)
{
	return flags & FF_VAR_MAX     ? "max"
	       : flags & FF_VAR_MIN   ? "min"
	       : flags & FF_VAR_COUNT ? "count"
				      : "last";
}

static const char *agg_name(AggKind k)
{
	return k == AGG_MAX ? "max" : k == AGG_MIN ? "min" : k == AGG_COUNT ? "count" : "none";
}

/* The calls of tree e that update a run variable, in source order. */
static void find_calls(Lower *L, const Language *lang, const Expr *e, PtrVec *out)
{
	if (!e)
		return;
	if (e->kind == EX_CALL && e->name) {
		const FuncDef *f = lang_find_function(lang, e->name);
		if (f && (f->flags & FF_VAR_UPDATE) && e->nargs >= 1 && e->args[0]->kind == EX_PARAM)
			ptrvec_push(L->a, out, (void *)e);
	}
	for (uint32_t k = 0; k < e->nargs; k++)
		find_calls(L, lang, e->args[k], out);
}

static const IrParam *pipeline_param(Lower *L, const char *name)
{
	for (uint32_t i = 0; i < L->p->parameters.len; i++) {
		const IrParam *p = L->p->parameters.items[i];
		if (strcasecmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

static const AstParam *param_in(const PtrVec *params, const char *name)
{
	for (uint32_t i = 0; i < params->len; i++) {
		const AstParam *p = params->items[i];
		if (strcasecmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

/* The declaration of variable `name` for the current step: the flow's, else
 * that of the mapplet the step was expanded from (its scope). */
static const AstParam *flow_param(Lower *L, const char *name)
{
	const AstParam *p = param_in(&L->flow->params, name);
	const char *scope = L->cur ? L->cur->s->scope : NULL;
	for (uint32_t i = 0; !p && scope && i < L->flow->expansions.len; i++) {
		const AstExpansion *x = L->flow->expansions.items[i];
		if (strcmp(x->instance, scope) == 0 && x->mapplet)
			p = param_in(&x->mapplet->params, name);
	}
	return p;
}

/* A warning on the node and on the update, located at call c of port p. */
static void warn(Lower *L, LNode *ln, IrVarUpdate *u, const AstPort *p, const Expr *c, const char *msg)
{
	const AstStep *s = L->cur->s;
	ExprIssue is = {W_RULE_DIFFERENCE, c->off, c->len ? c->len : 1, msg};
	expr_issue_emit(L->sink, &is, p->expr->text, p->expr->loc,
			arena_sprintf(L->a, "in port '%s' of %s '%s' of %s '%s'", p->name,
				      s->orig_kind ? s->orig_kind : "step", s->name, lower_flow_word(L),
				      L->flow->name));
	ir_warn(L->a, &ln->n->warnings, diag_code_str(W_RULE_DIFFERENCE), p->expr->loc.line, "%s", msg);
	ln->differences++;
	ptrvec_push(L->a, &u->warnings, ln->n->warnings.items[ln->n->warnings.len - 1]);
}

/* The SELECT of the persisted value.  max/min: the greater (lesser) of the
 * start value and the values of the rows (TLR: "saves the final current
 * value", the running value after the last row); count: the start value
 * plus the rows; last (SETVARIABLE): the last row's value, which the tool
 * "compares [...] to the start value" and saves by the variable's
 * aggregation type (greater for max, lesser for min).  No rows leave the
 * start value: max()/min() of no rows are NULL, which greatest()/least()
 * ignore. */
static const char *update_sql(Lower *L, const IrVarUpdate *u, AggKind agg, const char *start, const char *val,
			      const char *ord)
{
	const char *key = lower_ident(L, lower_colname(L, u->setting + strlen("akko.")));
	bool text = strcmp(u->type, "text") == 0 || strncmp(u->type, "character", 9) == 0;
	const char *coll = text ? " COLLATE \"C\"" : ""; /* byte order, as comparisons */
	const char *from = arena_sprintf(L->a, "FROM %s AS t", u->node);
	const char *v = val ? arena_sprintf(L->a, "t.%s%s", lower_ident(L, val), coll) : NULL;
	if (strcmp(u->update, "count") == 0)
		return arena_sprintf(L->a, "SELECT CAST(%s + count(*) AS %s) AS %s %s", start, u->type, key,
				     from);
	if (strcmp(u->update, "max") == 0 || strcmp(u->update, "min") == 0) {
		bool max = strcmp(u->update, "max") == 0;
		return arena_sprintf(L->a, "SELECT %s(%s%s, %s(%s)) AS %s %s", max ? "greatest" : "least",
				     start, coll, max ? "max" : "min", v, key, from);
	}
	const char *last =
	    arena_sprintf(L->a, "(array_agg(%s ORDER BY t.%s DESC))[1]", v, lower_ident(L, ord));
	if (agg == AGG_MAX || agg == AGG_MIN)
		return arena_sprintf(L->a, "SELECT %s(%s%s, %s) AS %s %s",
				     agg == AGG_MAX ? "greatest" : "least", start, coll, last, key, from);
	return arena_sprintf(L->a, "SELECT coalesce(%s, %s%s) AS %s %s", last, start, coll, key, from);
}

/* One call c (in port p, whose whole expression is `root`) of the current
 * step: its update, and the hidden columns of ln it reads. */
static void var_update(Lower *L, LNode *ln, const AstPort *p, const Expr *root, const Expr *c)
{
	const AstStep *s = L->cur->s;
	const FuncDef *f = lang_find_function(expr_parsed(p->expr)->lang, c->name);
	const char *name = c->args[0]->name;
	const IrParam *prm = pipeline_param(L, name);
	const AstParam *ap = flow_param(L, name);
	IrVarUpdate *u = ARENA_NEW(L->a, IrVarUpdate);
	u->variable = prm ? prm->name : name;
	u->setting = prm ? prm->setting : pc_param_setting(L->a, name);
	u->type = prm ? prm->type : "text";
	u->default_value = prm ? prm->default_value : NULL;
	u->update = update_name(f->flags);
	AggKind agg = ap ? ap->agg : AGG_NONE;
	u->aggregation = agg_name(agg);
	u->node = ln->n->id;
	u->origin =
	    (IrOrigin){s->name, s->orig_kind ? s->orig_kind : step_kind_name(s->kind), p->expr->loc.line};
	ExprType st, vt;
	const char *start = lower_translate_part(L, ln, p->expr, c->args[0], &st);
	if (!start)
		return;
	const char *key = u->setting + strlen("akko.");
	const char *val = NULL, *ord = NULL;
	if (c->nargs > 1) {
		const char *v = lower_translate_part(L, ln, p->expr, c->args[1], &vt);
		if (!v)
			return;
		val = lower_fresh_col(L, ln, lower_colname(L, arena_sprintf(L->a, "akko_%s", key)));
		lower_add_item(L, ln, arena_sprintf(L->a, "CAST((%s) AS %s)", v, u->type), val, u->type);
	}
	if (strcmp(u->update, "last") == 0) {
		ord = lower_fresh_col(L, ln, lower_colname(L, arena_sprintf(L->a, "akko_%s_row", key)));
		lower_add_item(L, ln,
			       arena_sprintf(L->a, "row_number() OVER (%s%s)",
					     L->cur_row_order ? "ORDER BY " : "",
					     L->cur_row_order ? L->cur_row_order : ""),
			       ord, "bigint");
	}
	u->sql = update_sql(L, u, agg, start, val, ord);
	ptrvec_push(L->a, &L->p->var_updates, u);
	if (!ap)
		warn(L, ln, u, p, c,
		     arena_sprintf(L->a,
				   "%s updates '%s', which the mapping does not declare; its type is unknown",
				   f->name, name));
	else if (agg == AGG_NONE || (strcmp(u->update, "last") != 0 && strcmp(u->update, agg_name(agg)) != 0))
		warn(
		    L, ln, u, p, c,
		    arena_sprintf(L->a,
				  "%s updates '%s', whose aggregation type is %s; the value persisted is the "
				  "function's",
				  f->name, name, ap->aggregation ? ap->aggregation : "not declared"));
	if (c != root)
		warn(L, ln, u, p, c,
		     arena_sprintf(
			 L->a,
			 "the value persisted for '%s' counts every row, but its %s call is inside port "
			 "'%s''s expression, which may not evaluate it on every row",
			 name, f->name, p->name));
	if (ord && !L->cur_row_order)
		warn(L, ln, u, p, c,
		     arena_sprintf(
			 L->a,
			 "the value persisted for '%s' is the last row's, and no Sorter orders the rows: "
			 "the SQL takes PostgreSQL's order",
			 name));
	for (uint32_t i = 0; i + 1 < L->p->var_updates.len; i++)
		if (strcasecmp(((IrVarUpdate *)L->p->var_updates.items[i])->variable, u->variable) == 0) {
			warn(L, ln, u, p, c,
			     arena_sprintf(
				 L->a,
				 "'%s' is updated more than once; PowerCenter's order of the calls may "
				 "differ from run to run",
				 name));
			break;
		}
}

void lower_var_updates(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	for (uint32_t i = 0; i < s->ports.len && ln->n->type != NODE_PLACEHOLDER; i++) {
		const AstPort *p = s->ports.items[i];
		const ExprParsed *pe = p->expr ? expr_parsed(p->expr) : NULL;
		if (!pe || !pe->tree || !pe->lang)
			continue;
		PtrVec calls = {0};
		find_calls(L, pe->lang, pe->tree, &calls);
		for (uint32_t k = 0; k < calls.len; k++)
			var_update(L, ln, p, pe->tree, calls.items[k]);
	}
}

void lower_var_updates_check(Lower *L)
{
	PtrVec kept = {0};
	for (uint32_t i = 0; i < L->p->var_updates.len; i++) {
		IrVarUpdate *u = L->p->var_updates.items[i];
		IrNode *n = NULL;
		for (uint32_t j = 0; j < L->all.len && !n; j++) {
			IrNode *x = ((LNode *)L->all.items[j])->n;
			if (strcmp(x->id, u->node) == 0)
				n = x;
		}
		if (n && n->sql) {
			ptrvec_push(L->a, &kept, u);
			continue;
		}
		if (n)
			ir_warn(L->a, &n->warnings, diag_code_str(W_RULE_DIFFERENCE), u->origin.line,
				"the value a run persists for '%s' is not computed: node '%s' has no SQL",
				u->variable, u->node);
	}
	L->p->var_updates = kept;
}

/* A step that sets a variable to the number of rows that pass it (SSIS
 * Row Count: it "counts rows as they pass through a data flow and stores
 * the final count in a variable", Microsoft Docs, "Row Count
 * Transformation"): the rows pass unchanged, and the update, `rows`, sets
 * the variable to count(*) of the node, whatever its start value. */
void lower_row_count(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_expression(L, si, ln, d, false);
	const AstProp *v = ast_props_find(&s->props, SET_COUNT_VARIABLE);
	if (!v || !v->value || !*v->value) {
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "the row count is not kept: '%s' names no variable to receive it", s->name);
		return;
	}
	const char *name = v->value;
	const IrParam *prm = pipeline_param(L, name);
	IrVarUpdate *u = ARENA_NEW(L->a, IrVarUpdate);
	u->variable = prm ? prm->name : name;
	u->setting = prm ? prm->setting : pc_param_setting(L->a, name);
	u->type = prm && prm->type ? prm->type : "bigint";
	u->default_value = prm ? prm->default_value : NULL;
	u->update = "rows";
	u->aggregation = "none";
	u->node = ln->n->id;
	u->origin = (IrOrigin){s->name, s->orig_kind ? s->orig_kind : step_kind_name(s->kind), v->loc.line};
	const char *key = lower_ident(L, lower_colname(L, u->setting + strlen("akko.")));
	u->sql = arena_sprintf(L->a, "SELECT CAST(count(*) AS %s) AS %s FROM %s AS t", u->type, key, u->node);
	ptrvec_push(L->a, &L->p->var_updates, u);
}
