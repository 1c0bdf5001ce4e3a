/* lower_steps.c - the row-wise and set rules (src/rules).
 *
 * One lowering per neutral step kind: expression, filter, sorter,
 * aggregate, rank, joiner, union, router and target.  Where a tool's
 * behaviour differs, the difference is a setting or a ToolSemantics column,
 * never a test of the tool.
 */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

/* The value a port passes through from its input `in` (read as t),
 * converted to the port's type where it enters; when nothing feeds it,
 * NULL (of `type`, when given). */
const char *lower_passed_value(Lower *L, LNode *ln, const AstPort *p, const ColRef *in, const char *type)
{
	if (!in->node)
		return type ? arena_sprintf(L->a, "CAST(NULL AS %s)", type) : "NULL";
	const ExprBinding *cv = lower_port_conversion(L, ln, p, in->node, in->col, "t");
	const char *e = cv ? lower_print_inline(L, cv) : NULL;
	return e ? e : arena_sprintf(L->a, "t.%s", lower_ident(L, in->col));
}

/* Does an output group of kind `k` carry every upstream column
 * (AstGroup.passes_all: SSIS synchronous outputs list none)? */
bool lower_passes_all(const AstStep *s, GroupKind k)
{
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == k && gr->passes_all)
			return true;
	}
	return false;
}

/* The columns of `d` (read as t) that `ln` does not output yet, under
 * their own names: an output that passes every upstream column. */
void lower_pass_all_columns(Lower *L, LNode *ln, LNode *d)
{
	for (uint32_t i = 0; i < d->n->columns.len; i++) {
		const IrColumn *c = d->n->columns.items[i];
		if (!lower_has_col(ln, c->name))
			lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, c->name)), c->name,
				       c->type);
	}
}

void lower_expression(Lower *L, StepInfo *si, LNode *ln, LNode *d, bool translate_ports)
{
	const AstStep *s = si->s;
	ln->carry = true;
	ln->input = d;
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	if (translate_ports) {
		const char *sorter = NULL, *order = lower_arrival_order(d, &sorter);
		L->cur_row_order = order ? order + strlen("ORDER BY ") : NULL;
		lower_previous_rows(L, si, ln, d);
	}
	if (translate_ports && !lower_analyse_variables(L, ln, false))
		return;
	if (translate_ports)
		lower_share_variables(L, ln);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || lower_is_variable(p))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e;
		if (translate_ports && p->expr && !((p->dir & PORT_IN) && lower_passthrough(p))) {
			e = lower_translate_port(L, ln, p, false, NULL);
			if (!e)
				return;
		} else {
			e = lower_passed_value(L, ln, p, &L->cur_in[i], type);
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	if (lower_passes_all(s, GROUP_OUTPUT))
		lower_pass_all_columns(L, ln, d);
	if (translate_ports)
		lower_var_updates(L, si, ln);
}

void lower_filter(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	lower_expression(L, si, ln, d, false);
	const AstProp *c = ast_props_find(&si->s->props, SET_FILTER_CONDITION);
	if (!c || !c->expr || !c->value || !*c->value)
		return;
	const char *w = lower_translate(L, ln, c->expr, "filter condition", true, false, NULL);
	if (w)
		ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, w);
}

void lower_sorter(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	/* an output-only port whose `ref` names an input port passes that input
	 * on (an SSIS Sort output column, SortColumnId) */
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || (p->dir & PORT_IN) || !p->ref || L->cur_in[i].node)
			continue;
		for (uint32_t k = 0; k < s->ports.len; k++)
			if ((((const AstPort *)s->ports.items[k])->dir & PORT_IN) && L->cur_in[k].node &&
			    ascii_ieq(((const AstPort *)s->ports.items[k])->name, p->ref)) {
				L->cur_in[i] = L->cur_in[k];
				break;
			}
	}
	lower_expression(L, si, ln, d, false);
	/* sort keys by position, then port order; NULL high is PostgreSQL's
	 * default in both directions (last ascending, first descending); a key
	 * the node does not output is ordered by its input (t.<column>) */
	SettingValue nulls = ast_props_value(&s->props, SET_NULL_ORDER, L->sem->null_order);
	Sbuf b = SBUF_INIT, on = SBUF_INIT;
	int nk = 0;
	for (int pos = 0; pos <= (int)s->ports.len; pos++)
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!p->sort_key || p->sort_pos != pos ||
			    (!si->cols[i] && !((p->dir & PORT_IN) && L->cur_in[i].node)))
				continue;
			const char *key = si->cols[i]
					      ? lower_ident(L, si->cols[i])
					      : arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col));
			sbuf_addf(&on, "%s%s", nk ? ", " : "", key);
			sbuf_addf(&b, "%s%s%s%s", nk++ ? ", " : "", key, p->sort_desc ? " DESC" : "",
				  nulls != VAL_NULLS_LOW ? ""
				  : p->sort_desc	 ? " NULLS LAST"
							 : " NULLS FIRST");
			for (uint32_t k = 0; k < s->ports.len; k++) /* the output that passes it on */
				if (k == i
					? si->cols[i] != NULL
					: si->cols[k] && ((const AstPort *)s->ports.items[k])->ref &&
					      ascii_ieq(((const AstPort *)s->ports.items[k])->ref, p->name)) {
					ptrvec_push(L->a, &ln->n->keys, (void *)si->cols[k]);
					break;
				}
		}
	if (nk)
		ln->tail = arena_sprintf(L->a, "%s\nORDER BY %s", ln->tail, b.buf);
	if (nk && lower_prop_yes(s, SET_DISTINCT_KEYS)) {
		ln->distinct_on = arena_strdup(L->a, on.buf);
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "of the rows with equal sort keys one is kept; which one (its other columns) is "
			   "not determined");
	}
	sbuf_release(&b);
	sbuf_release(&on);
	ln->distinct = lower_prop_yes(s, SET_DISTINCT);
	if (ln->distinct)
		ln->carry = false; /* a carried column would change what is distinct */
}

/* The input value named `name` as the node reads it (t.<col>): the
 * step's port of that name, else the column of the row a link-level edge
 * brings; NULL when nothing feeds it. */
static const char *named_value(Lower *L, const AstStep *s, const char *name)
{
	int k = name ? lower_port_named(s, name) : -1;
	for (uint32_t i = 0; name && i < s->ports.len; i++) { /* a fed input port of that name first */
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && L->cur_in[i].node && ascii_ieq(p->name, name)) {
			k = (int)i;
			break;
		}
	}
	if (k >= 0 && L->cur_in[k].node)
		return arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[k].col));
	const ExprBinding *b = name ? lower_row_column(L, name) : NULL;
	return b ? arena_sprintf(L->a, "t.%s", lower_ident(L, b->name)) : NULL;
}

/* A group-by port's value: what feeds it, else the input its `ref` names
 * (an output-only port of an SSIS Aggregate or Alteryx Summarize). */
static const char *group_value(Lower *L, const AstStep *s, uint32_t i)
{
	const AstPort *p = s->ports.items[i];
	if (L->cur_in[i].node)
		return arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col));
	return p->ref ? named_value(L, s, p->ref) : NULL;
}

/* A group-by port's key as the node reads it; NULL when its expression does
 * not translate (ln is then a placeholder).  *varies is false when the key
 * is the same on every row (a literal, an input port nothing feeds, read as
 * NULL or its default): grouping by a constant groups by nothing, and
 * PostgreSQL refuses a literal in GROUP BY (an integer would be a position). */
static const char *group_key(Lower *L, LNode *ln, const AstStep *s, uint32_t i, const char *type,
			     bool *varies)
{
	const AstPort *p = s->ports.items[i];
	const char *e = group_value(L, s, i);
	*varies = true;
	if (e)
		return e;
	const Expr *tree = NULL;
	if (lower_is_variable(p) && L->cur_vars && L->cur_vars[i]) {
		e = lower_print_inline(L, L->cur_vars[i]);
		tree = L->cur_vars[i]->var;
	} else if (!(p->dir & PORT_IN) && p->expr && !lower_passthrough(p)) {
		ExprResult r;
		e = lower_translate_port(L, ln, p, false, &r);
		if (!e)
			return NULL;
		tree = r.tree;
	} else if (p->dir & PORT_IN) {
		L->cur_node = ln; /* an unfed input port: W0606 on this node */
		const ExprBinding *b = lower_resolve(L, BIND_COLUMN, p->name);
		const char *v = b && b->var ? lower_print_inline(L, b) : NULL;
		e = v ? arena_sprintf(L->a, "CAST(%s AS %s)", v, type) : NULL;
		tree = v ? b->var : NULL;
	}
	*varies = e && tree && !expr_is_constant(tree);
	return e ? e : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
}

/* An aggregate given as a kind (AstPort.agg_kind) over the input its
 * `ref` names, cast to the port's type; FIRST and LAST need the order the
 * rows arrive in (a Sorter upstream).  NULL when it cannot be written. */
static const char *agg_value(Lower *L, const AstStep *s, const AstPort *p, const char *type)
{
	const char *v = p->agg_kind == AGG_COUNT_ROWS ? "*" : named_value(L, s, p->ref);
	if (!v)
		return NULL;
	const char *e = NULL;
	switch (p->agg_kind) {
	case AGG_SUM: e = arena_sprintf(L->a, "sum(%s)", v); break;
	case AGG_COUNT:
	case AGG_COUNT_ROWS: e = arena_sprintf(L->a, "count(%s)", v); break;
	case AGG_COUNT_DISTINCT: e = arena_sprintf(L->a, "count(DISTINCT %s)", v); break;
	case AGG_MIN: e = arena_sprintf(L->a, "min(%s)", v); break;
	case AGG_MAX: e = arena_sprintf(L->a, "max(%s)", v); break;
	case AGG_AVG: e = arena_sprintf(L->a, "avg(%s)", v); break;
	case AGG_MEDIAN: e = arena_sprintf(L->a, "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)", v); break;
	case AGG_STDDEV: e = arena_sprintf(L->a, "stddev_samp(%s)", v); break;
	case AGG_VARIANCE: e = arena_sprintf(L->a, "var_samp(%s)", v); break;
	case AGG_FIRST:
	case AGG_LAST:
		if (!L->cur_order)
			return NULL;
		e = arena_sprintf(
		    L->a, "(array_agg(%s ORDER BY %s) FILTER (WHERE %s IS NOT NULL))[1]", v,
		    p->agg_kind == AGG_LAST ? expr_order_reversed(L->a, L->cur_order) : L->cur_order, v);
		break;
	default: return NULL;
	}
	return arena_sprintf(L->a, "CAST(%s AS %s)", e, type);
}

/* Does port `p` belong to output group `group` (NULL: every port does)? */
static bool in_group(const AstPort *p, const char *group)
{
	return !group || !(p->dir & PORT_OUT) || (p->group && strcmp(p->group, group) == 0);
}

/* One GROUP BY node: the ports of output group `group` (NULL: all). */
static void aggregate_node(Lower *L, StepInfo *si, LNode *ln, LNode *d, const char *group)
{
	const AstStep *s = si->s;
	lower_add_dep(L, ln, d->n->id);
	/* FIRST and LAST follow the order a Sorter gives the rows */
	const char *sorter = NULL;
	const char *order = lower_arrival_order(d, &sorter);
	if (order) {
		L->cur_order = order + strlen("ORDER BY ");
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)arena_sprintf(L->a, "rows arrive in the order of Sorter '%s'", sorter));
	}
	if (!lower_analyse_variables(L, ln, true))
		return;
	/* GROUP BY the keys that vary; constant keys still output their value */
	Sbuf g = SBUF_INIT;
	int ng = 0;
	const char **key = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	bool *varies = ARENA_NEWN(L->a, bool, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->role != ROLE_GROUP_BY || !in_group(p, group))
			continue;
		key[i] = group_key(L, ln, s, i, pc_pg_type(L->a, &p->type), &varies[i]);
		if (!key[i]) {
			sbuf_release(&g);
			return;
		}
		if (varies[i])
			sbuf_addf(&g, "%s%s", ng++ ? ", " : "", key[i]);
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || lower_is_variable(p) || !in_group(p, group))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e;
		if (si->groups)
			si->groups[i] = ln;
		if (p->role == ROLE_GROUP_BY && (lower_passthrough(p) || !(p->dir & PORT_IN))) {
			e = key[i];
			if (varies[i])
				ptrvec_push(L->a, &ln->n->keys, (void *)name);
		} else if (p->agg_kind != AGG_NONE && !p->expr) {
			e = agg_value(L, s, p, type);
			if (!e) {
				sbuf_release(&g);
				lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
						  arena_sprintf(L->a,
								"the %s of port '%s' has no translation",
								agg_kind_name(p->agg_kind), p->name));
				return;
			}
		} else if (p->expr && !((p->dir & PORT_IN) && lower_passthrough(p))) {
			e = lower_translate_port(L, ln, p, true, NULL);
			if (!e) {
				sbuf_release(&g);
				return;
			}
		} else {
			/* a port neither grouped nor aggregated: PowerCenter gives the last row's
			 * value, which the Sorter's order defines */
			if (L->cur_in[i].node && L->cur_order) {
				e = arena_sprintf(L->a, "(array_agg(t.%s ORDER BY %s))[1]",
						  lower_ident(L, L->cur_in[i].col),
						  expr_order_reversed(L->a, L->cur_order));
				lower_add_item(L, ln, e, name, type);
				si->cols[i] = name;
				continue;
			}
			e = L->cur_in[i].node
				? arena_sprintf(L->a, "max(t.%s)", lower_ident(L, L->cur_in[i].col))
				: arena_sprintf(L->a, "CAST(NULL AS %s)", type);
			lower_warn(
			    L, ln, W_RULE_DIFFERENCE, s,
			    "port '%s' is neither grouped nor aggregated: PowerCenter returns the last row's "
			    "value, the SQL the largest",
			    p->name);
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	ln->tail =
	    arena_sprintf(L->a, "FROM %s AS t%s%s", d->n->id, ng ? "\nGROUP BY " : "", ng ? g.buf : "");
	sbuf_release(&g);
}

/* An aggregator with several output groups that declare their ports (SSIS
 * Aggregate: "supports multiple outputs", each with its own group-by
 * columns, https://learn.microsoft.com/sql/integration-services/data-flow/transformations/aggregate-transformation)
 * is one GROUP BY node per output, the first being the step's node. */
void lower_aggregator(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	PtrVec outs = {0};
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		for (uint32_t i = 0; gr->kind == GROUP_OUTPUT && i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if ((p->dir & PORT_OUT) && p->group && strcmp(p->group, gr->name) == 0) {
				ptrvec_push(L->a, &outs, (void *)gr->name);
				break;
			}
		}
	}
	if (outs.len < 2) {
		aggregate_node(L, si, ln, d, NULL);
		return;
	}
	si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++)
		si->groups[i] = ln;
	for (uint32_t k = 0; k < outs.len; k++) {
		const char *group = outs.items[k];
		LNode *gn = ln;
		if (k > 0)
			gn = lower_node_new(
			    L, NODE_GROUP_BY,
			    ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, group)), s,
			    lower_rule_for(STEP_AGGREGATE));
		aggregate_node(L, si, gn, d, group);
		lower_group_node_add(L, si, group, gn);
		if (k > 0)
			lower_node_add(L, gn);
		if (gn->n->type == NODE_PLACEHOLDER)
			return;
	}
}

void lower_rank(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_add_dep(L, ln, d->n->id);
	const char *by = NULL;
	Sbuf part = SBUF_INIT;
	int np = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->role == ROLE_RANK_BY && L->cur_in[i].node)
			by = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col));
		if (p->role == ROLE_GROUP_BY && L->cur_in[i].node) {
			sbuf_addf(&part, "%st.%s", np++ ? ", " : "", lower_ident(L, L->cur_in[i].col));
			ptrvec_push(L->a, &ln->n->keys, (void *)L->cur_in[i].col);
		}
	}
	if (!by) {
		sbuf_release(&part);
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the rank has no connected rank port");
		return;
	}
	bool bottom = ast_props_value(&s->props, SET_RANK_TOP_BOTTOM, VAL_TOP) == VAL_BOTTOM;
	const char *nv = lower_prop(s, SET_RANK_COUNT);
	long n = nv ? strtol(nv, NULL, 10) : 1;
	Sbuf inner = SBUF_INIT, outer = SBUF_INIT;
	sbuf_adds(&inner, "SELECT ");
	int ni = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e;
		if (p->role == ROLE_RANK_INDEX || ascii_ieq(p->name, "RANKINDEX"))
			e = arena_sprintf(L->a, "rank() OVER (%s%s%sORDER BY %s %s)",
					  np ? "PARTITION BY " : "", np ? part.buf : "", np ? " " : "", by,
					  bottom ? "ASC" : "DESC");
		else if (L->cur_in[i].node)
			e = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col));
		else
			e = arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		sbuf_addf(&inner, "%s%s AS %s", ni ? ", " : "", e, lower_ident(L, name));
		sbuf_addf(&outer, "%sr.%s", ni++ ? ", " : "", lower_ident(L, name));
		lower_add_col(L, ln, name, type);
		si->cols[i] = name;
	}
	/* the rank is computed even when no port outputs it */
	sbuf_addf(&inner, "%srank() OVER (%s%s%sORDER BY %s %s) AS akko_rank", ni ? ", " : "",
		  np ? "PARTITION BY " : "", np ? part.buf : "", np ? " " : "", by, bottom ? "ASC" : "DESC");
	ln->full = arena_sprintf(L->a, "SELECT %s\nFROM (%s FROM %s AS t) AS r\nWHERE r.akko_rank <= %ld",
				 outer.buf, inner.buf, d->n->id, n);
	sbuf_release(&part);
	sbuf_release(&inner);
	sbuf_release(&outer);
	lower_warn(
	    L, ln, W_RULE_DIFFERENCE, s,
	    "ties share a rank (rank()), so more than %ld rows per group can pass where PowerCenter keeps "
	    "%ld",
	    n, n);
}

/* The condition of a join whose keys are its inputs' sort keys (an SSIS
 * Merge Join: the columns at sort positions 1..NumKeyColumns of each side,
 * AstPort.sort_pos): detail key k equals master key k; with SET_NULLS_EQUAL
 * (TreatNullsAsEqual) a NULL key matches a NULL key.  NULL when the step
 * has no such keys. */
static const char *join_sort_keys(Lower *L, const AstStep *s, const ColRef *in)
{
	bool nulls_equal = lower_prop_yes(s, SET_NULLS_EQUAL);
	Sbuf b = SBUF_INIT;
	int n = 0;
	for (int32_t pos = 1; pos <= (int32_t)s->ports.len; pos++) {
		const AstPort *dk = NULL, *mk = NULL;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if ((p->dir & PORT_IN) && p->sort_key && p->sort_pos == pos && in[i].node)
				*((p->dir & PORT_MASTER) ? &mk : &dk) = p;
		}
		if (!dk || !mk)
			break;
		sbuf_addf(
		    &b, "%sd.%s %s m.%s", n++ ? " AND " : "", lower_ident(L, lower_colname(L, dk->name)),
		    nulls_equal ? "IS NOT DISTINCT FROM" : "=", lower_ident(L, lower_colname(L, mk->name)));
	}
	const char *r = n ? arena_strdup(L->a, b.buf) : NULL;
	sbuf_release(&b);
	return r;
}

/* An output-only port of a join copying the input port its `ref` names on
 * its side (PORT_MASTER or not): an SSIS Merge Join output column. */
static const char *join_copied_value(Lower *L, const AstStep *s, const AstPort *p, const ColRef *in,
				     const char *type)
{
	for (uint32_t i = 0; p->ref && !(p->dir & PORT_IN) && i < s->ports.len; i++) {
		const AstPort *q = s->ports.items[i];
		if ((q->dir & PORT_IN) && in[i].node && ascii_ieq(q->name, p->ref) &&
		    (q->dir & PORT_MASTER) == (p->dir & PORT_MASTER))
			return arena_sprintf(L->a, "%s.%s", (q->dir & PORT_MASTER) ? "m" : "d",
					     lower_ident(L, lower_colname(L, q->name)));
	}
	return arena_sprintf(L->a, "CAST(NULL AS %s)", type);
}

void lower_joiner(Lower *L, StepInfo *si, LNode *ln, ColRef *in)
{
	const AstStep *s = si->s;
	LNode *m = NULL, *dn = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!in[i].node)
			continue;
		LNode **side = (p->dir & PORT_MASTER) ? &m : &dn;
		if (!*side)
			*side = in[i].node;
		else if (*side != in[i].node) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  "one side of the join reads several nodes");
			return;
		}
	}
	if (!m || !dn) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the joiner lacks a master or a detail input");
		return;
	}
	lower_add_dep(L, ln, dn->n->id);
	lower_add_dep(L, ln, m->n->id);
	/* each side renamed to the joiner's port names */
	Sbuf ds = SBUF_INIT, ms = SBUF_INIT;
	int nd = 0, nm = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!in[i].node)
			continue;
		bool master = p->dir & PORT_MASTER;
		Sbuf *b = master ? &ms : &ds;
		int *n = master ? &nm : &nd;
		const ExprBinding *cv =
		    lower_port_conversion(L, ln, p, in[i].node, in[i].col, in[i].node->n->id);
		const char *v = cv ? lower_print_inline(L, cv) : NULL;
		if (!v)
			v = arena_sprintf(L->a, "%s.%s", in[i].node->n->id, lower_ident(L, in[i].col));
		sbuf_addf(b, "%s%s AS %s", (*n)++ ? ", " : "", v, lower_ident(L, lower_colname(L, p->name)));
	}
	SettingValue jt = ast_props_value(&s->props, SET_JOIN_TYPE, VAL_INNER);
	const char *join = jt == VAL_LEFT_OUTER    ? "LEFT JOIN"  /* every detail row, matching master rows */
			   : jt == VAL_RIGHT_OUTER ? "RIGHT JOIN" /* every master row */
			   : jt == VAL_FULL_OUTER  ? "FULL JOIN"
						   : "JOIN";
	const char *left = "d", *right = "m";
	const AstProp *c = ast_props_find(&s->props, SET_JOIN_CONDITION);
	const char *on = "true";
	const char *keys = join_sort_keys(L, s, in);
	if (keys) {
		on = keys;
	} else if (c && c->expr && c->value && *c->value) {
		/* the condition names the joiner's ports: the renamed columns */
		ColRef *saved = L->cur_in;
		L->cur_in = NULL;
		on = lower_translate(L, ln, c->expr, "join condition", true, false, NULL);
		L->cur_in = saved;
		if (!on) {
			sbuf_release(&ds);
			sbuf_release(&ms);
			return;
		}
	} else {
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "the joiner has no join condition: every pair of rows is joined");
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e = in[i].node ? arena_sprintf(L->a, "%s.%s", (p->dir & PORT_MASTER) ? "m" : "d",
							   lower_ident(L, lower_colname(L, p->name)))
					   : join_copied_value(L, s, p, in, type);
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	ln->tail = arena_sprintf(L->a, "FROM (SELECT %s FROM %s) AS %s\n%s (SELECT %s FROM %s) AS %s ON %s",
				 ds.buf, dn->n->id, left, join, ms.buf, m->n->id, right, on);
	sbuf_release(&ds);
	sbuf_release(&ms);
}

/* Union: one SELECT per input group, by port position. */
void lower_union(Lower *L, StepInfo *si, LNode *ln, ColRef *in)
{
	const AstStep *s = si->s;
	/* output ports: those in an output group (or plain out ports) */
	PtrVec outs = {0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_OUT) && !(p->dir & PORT_IN))
			ptrvec_push(L->a, &outs, (void *)p);
	}
	if (!outs.len) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the union has no output ports");
		return;
	}
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = outs.items[k];
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[lower_port_index(s, p)] = name;
	}
	Sbuf b = SBUF_INIT;
	int nb = 0;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_INPUT)
			continue;
		/* the group's ports, in order, matched to the outputs by position */
		PtrVec gp = {0};
		LNode *src = NULL;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!(p->dir & PORT_IN) || !p->group || strcmp(p->group, gr->name) != 0)
				continue;
			ptrvec_push(L->a, &gp, (void *)(uintptr_t)i);
			if (in[i].node && !src)
				src = in[i].node;
		}
		if (!src)
			continue;
		sbuf_addf(&b, "%sSELECT ", nb++ ? "\nUNION ALL\n" : "");
		for (uint32_t k = 0; k < outs.len; k++) {
			const IrColumn *oc = ln->n->columns.items[k];
			const char *e = "NULL";
			if (k < gp.len) {
				uint32_t i = (uint32_t)(uintptr_t)gp.items[k];
				if (in[i].node == src)
					e = arena_sprintf(L->a, "u.%s", lower_ident(L, in[i].col));
			}
			sbuf_addf(&b, "%sCAST(%s AS %s) AS %s", k ? ", " : "", e, oc->type,
				  lower_ident(L, oc->name));
		}
		sbuf_addf(&b, " FROM %s AS u", src->n->id);
		lower_add_dep(L, ln, src->n->id);
	}
	if (!nb) {
		sbuf_release(&b);
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no input group of the union is connected");
		return;
	}
	ln->full = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
}

/* The WHERE of a router group with condition `c`: the rows where it holds,
 * and with first-match routing (SET_ROUTING) only those no earlier group
 * took (`taken`: the earlier conditions, OR-ed, or "" when none). */
static const char *route_where(Lower *L, const char *c, const char *taken, bool first_match)
{
	if (first_match && *taken)
		return arena_sprintf(L->a, "(%s) IS TRUE AND NOT (%s)", c, taken);
	return arena_sprintf(L->a, "(%s) IS TRUE", c);
}

/* Router: a node per output group. */
void lower_router(Lower *L, StepInfo *si, LNode *d)
{
	const AstStep *s = si->s;
	bool first_match = ast_props_value(&s->props, SET_ROUTING, L->sem->routing) == VAL_FIRST_MATCH;
	si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
	si->cols = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	Sbuf conds = SBUF_INIT;
	int nc = 0;
	const RuleDef *r = lower_rule_for(STEP_ROUTER);
	LNode *first = NULL;
	for (int pass = 0; pass < 2; pass++) /* the default group last: it needs every condition */
		for (uint32_t g = 0; g < s->groups.len; g++) {
			const AstGroup *gr = s->groups.items[g];
			bool dflt = gr->kind == GROUP_DEFAULT;
			if ((gr->kind != GROUP_OUTPUT && !dflt) || dflt != (pass == 1))
				continue;
			LNode *ln = lower_node_new(
			    L, NODE_BRANCH,
			    ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s, r);
			ln->n->branch_of = s->name;
			ln->n->group = gr->name;
			ln->n->default_group = dflt;
			ln->carry = true;
			ln->input = d;
			lower_add_dep(L, ln, d->n->id);
			ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
			if (!first)
				first = ln;
			for (uint32_t i = 0; i < s->ports.len; i++) {
				const AstPort *p = s->ports.items[i];
				if (!p->group || strcmp(p->group, gr->name) != 0 || !(p->dir & PORT_OUT))
					continue;
				int src = p->ref ? lower_port_named(s, p->ref) : -1;
				const char *type;
				const char *name = lower_port_col(L, ln, p, &type);
				const char *e =
				    src >= 0 && L->cur_in[src].node
					? arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col))
					: arena_sprintf(L->a, "CAST(NULL AS %s)", type);
				lower_add_item(L, ln, e, name, type);
				si->cols[i] = name;
				si->groups[i] = ln;
			}
			if (gr->passes_all)
				lower_pass_all_columns(L, ln, d);
			lower_group_node_add(L, si, gr->name, ln);
			if (!dflt) {
				const char *c =
				    gr->cond && gr->cond->text && *gr->cond->text
					? lower_translate(L, ln, gr->cond,
							  arena_sprintf(L->a, "group '%s'", gr->name), true,
							  false, NULL)
					: "false";
				if (c) {
					ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail,
								 route_where(L, c, conds.buf, first_match));
					sbuf_addf(&conds, "%sCOALESCE((%s), false)", nc++ ? " OR " : "", c);
				} else {
					sbuf_addf(&conds, "%sfalse", nc++ ? " OR " : "");
				}
			} else if (nc) {
				ln->tail = arena_sprintf(L->a, "%s\nWHERE NOT (%s)", ln->tail, conds.buf);
			}
			lower_node_add(L, ln);
		}
	sbuf_release(&conds);
	si->node = first;
}

void lower_target(Lower *L, StepInfo *si, LNode *ln, LNode *d, ColRef *in)
{
	const AstStep *s = si->s;
	const AstTable *t = s->table;
	ln->n->type = t && t->is_file ? NODE_SINK_FILE : NODE_SINK_TABLE;
	IrTable *tb = ARENA_NEW(L->a, IrTable);
	const char *tname = lower_prop(s, SET_TABLE_NAME);
	tb->orig_name = tname ? tname : t ? t->name : s->name;
	tb->name = lower_colname(L, tb->orig_name);
	tb->schema = t ? t->owner : NULL;
	if (t && t->is_file)
		tb->file = lower_prop(s, SET_FILE_NAME) ? lower_prop(s, SET_FILE_NAME) : t->name;
	ln->n->table = tb;
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e = in[i].node ? arena_sprintf(L->a, "t.%s", lower_ident(L, in[i].col))
					   : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		lower_add_item(L, ln, e, name, type);
		if ((p->role == ROLE_KEY || p->role == ROLE_PRIMARY_FOREIGN_KEY) &&
		    ln->n->type == NODE_SINK_TABLE)
			ptrvec_push(L->a, &ln->n->keys, (void *)name);
	}
	/* an update strategy upstream: its operation column reaches the sink */
	LNode *up = NULL;
	for (LNode *x = d; x && !up; x = x->carry ? x->input : NULL)
		if (x->n->type == NODE_UPSERT)
			up = x;
	if (up) {
		const char *op = lower_carry_column(L, d, up, "akko_operation");
		if (op) {
			lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, op)),
				       lower_fresh_col(L, ln, "akko_operation"), "text");
			ln->n->load_mode = LOAD_UPSERT;
			ln->n->operation = "akko_operation";
			ln->n->base_confidence = ln->n->confidence = 0.90;
			if (!ln->n->keys.len)
				lower_warn(
				    L, ln, W_RULE_DIFFERENCE, s,
				    "the target declares no key: only the rows tagged insert can be applied");
		}
	} else if (lower_prop_yes(s, SET_TRUNCATE)) {
		ln->n->load_mode = LOAD_TRUNCATE_INSERT;
	} else {
		SettingValue rt = ast_props_value(&L->flow->props, SET_ROW_TREATMENT, VAL_INSERT);
		ln->n->load_mode = rt == VAL_DELETE ? LOAD_DELETE : LOAD_INSERT;
	}
	for (uint32_t i = 0; i < L->flow->load_order.len; i++) {
		const AstLoadOrder *lo = L->flow->load_order.items[i];
		if (lo->target && ascii_ieq(lo->target, s->name))
			ln->n->load_order = lo->order;
	}
	const char *pre = lower_prop(s, SET_PRE_SQL), *post = lower_prop(s, SET_POST_SQL);
	ln->n->pre_sql = pre;
	ln->n->post_sql = post;
}
