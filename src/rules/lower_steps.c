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

/* An output-only port with no expression whose `ref` names an input port
 * passes that input on (an SSIS Sort output column, SortColumnId; a
 * DataStage stage's output column mapped from an input column). */
void lower_refs_to_inputs(Lower *L, const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || (p->dir & PORT_IN) || !p->ref || p->expr || L->cur_in[i].node)
			continue;
		for (uint32_t k = 0; k < s->ports.len; k++)
			if ((((const AstPort *)s->ports.items[k])->dir & PORT_IN) && L->cur_in[k].node &&
			    ascii_ieq(((const AstPort *)s->ports.items[k])->name, p->ref)) {
				L->cur_in[i] = L->cur_in[k];
				break;
			}
	}
}

void lower_expression(Lower *L, StepInfo *si, LNode *ln, LNode *d, bool translate_ports)
{
	const AstStep *s = si->s;
	lower_refs_to_inputs(L, s);
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
	/* SET_COLUMNS_IN_PLACE: the input's columns first, in order, a port of
	 * the same name taking its column's place; the other ports after */
	bool in_place = ast_props_find(&s->props, SET_COLUMNS_IN_PLACE) && lower_passes_all(s, GROUP_OUTPUT);
	const char **val = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	const char **typ = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p) || lower_is_variable(p))
			continue;
		const char *of = lower_port_type_of(L, p);
		typ[i] = of ? of : pc_pg_type(L->a, &p->type);
		if (translate_ports && p->expr && !((p->dir & PORT_IN) && lower_passthrough(p))) {
			val[i] = lower_translate_port(L, ln, p, false, NULL);
			if (!val[i])
				return;
		} else {
			val[i] = lower_passed_value(L, ln, p, &L->cur_in[i], typ[i]);
		}
	}
	for (uint32_t c = 0; in_place && c < d->n->columns.len; c++) {
		const IrColumn *col = d->n->columns.items[c];
		int k = -1;
		for (uint32_t i = 0; i < s->ports.len && k < 0; i++)
			if (val[i] && strcmp(lower_colname(L, ((const AstPort *)s->ports.items[i])->name), col->name) == 0)
				k = (int)i;
		if (k < 0) {
			lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, col->name)), col->name, col->type);
			continue;
		}
		const char *name = lower_fresh_col(L, ln, col->name);
		lower_add_item(L, ln, val[k], name, typ[k]);
		si->cols[k] = name;
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!val[i] || si->cols[i])
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln, val[i], name, typ[i]);
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
	lower_expression(L, si, ln, d, false);
	/* sort keys by position, then port order; NULL high is PostgreSQL's
	 * default in both directions (last ascending, first descending); a key
	 * the node does not output is ordered by its input (t.<column>) */
	SettingValue nulls = ast_props_value(&s->props, SET_NULL_ORDER, L->sem->null_order);
	Sbuf b = SBUF_INIT, on = SBUF_INIT, wo = SBUF_INIT, wp = SBUF_INIT, wc = SBUF_INIT;
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
			/* a key's own null position (DataStage "Nulls position": first or
			 * last whatever the direction), else the step's null order */
			SettingValue pn = ast_props_value(&p->props, SET_NULL_ORDER, VAL_NONE);
			const char *nl = pn == VAL_NULLS_FIRST ? " NULLS FIRST"
					 : pn == VAL_NULLS_LAST ? " NULLS LAST"
					 : nulls != VAL_NULLS_LOW ? ""
					 : p->sort_desc	   ? " NULLS LAST"
							   : " NULLS FIRST";
			sbuf_addf(&on, "%s%s", nk ? ", " : "", key);
			sbuf_addf(&b, "%s%s%s%s", nk++ ? ", " : "", key, p->sort_desc ? " DESC" : "", nl);
			if (L->cur_in[i].node) { /* the same key as the window of a key change column reads it */
				const char *in = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col));
				sbuf_addf(&wo, "%s%s%s%s", wo.len ? ", " : "", in, p->sort_desc ? " DESC" : "", nl);
				sbuf_addf(&wp, "%s%s", wp.len ? ", " : "", in);
				if (ast_props_find_name(&p->props, "clustered"))
					sbuf_addf(&wc, "%s%s", wc.len ? ", " : "", in);
			}
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
	/* a key change column (SET_KEY_CHANGE): 1 on the first row of each group
	 * of equal keys (all the keys, or the clustered ones), else 0 */
	for (uint32_t i = 0; wo.len && i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const AstProp *kc = ast_props_find(&p->props, SET_KEY_CHANGE);
		if (!kc)
			continue;
		bool cluster = kc->value && strcmp(kc->value, "cluster") == 0;
		const char *part = cluster ? wc.buf : wp.buf;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		lower_add_item(L, ln,
			       arena_sprintf(L->a,
					     "CAST(CASE WHEN row_number() OVER (%s%s ORDER BY %s) = 1 THEN 1 ELSE 0 END "
					     "AS %s)",
					     part && *part ? "PARTITION BY " : "", part ? part : "", wo.buf, type),
			       name, type);
		si->cols[i] = name;
	}
	sbuf_release(&wo);
	sbuf_release(&wp);
	sbuf_release(&wc);
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
	/* a sum or a mean of a field typed as a string (a source that does not
	 * declare its types reads every field as a string, W1120) reads it as
	 * a number, as the tool only sums numbers */
	bool numeric = p->agg_kind == AGG_SUM || p->agg_kind == AGG_AVG || p->agg_kind == AGG_MEDIAN ||
		       p->agg_kind == AGG_STDDEV || p->agg_kind == AGG_VARIANCE;
	const ExprBinding *in = numeric && p->ref ? lower_row_column(L, p->ref) : NULL;
	if (in && L->cur && L->cur->d && strcmp(lower_col_type(L->cur->d, in->name), "text") == 0)
		v = arena_sprintf(L->a, "CAST(%s AS numeric)", v);
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
	case AGG_COUNT_NULL: e = arena_sprintf(L->a, "count(*) - count(%s)", v); break;
	case AGG_COUNT_BLANK:
		e = arena_sprintf(L->a, "count(*) FILTER (WHERE %s IS NULL OR %s::text = '')", v, v);
		break;
	case AGG_COUNT_NONBLANK:
		e = arena_sprintf(L->a, "count(*) FILTER (WHERE %s::text <> '')", v);
		break;
	case AGG_MODE: e = arena_sprintf(L->a, "mode() WITHIN GROUP (ORDER BY %s)", v); break;
	case AGG_CONCAT: {
		/* the values in arrival order, joined by the separator, between the
		 * start and end texts (NULL values left out, as string_agg does) */
		const AstProp *st = ast_props_find_name(&p->props, "start");
		const AstProp *sep = ast_props_find_name(&p->props, "separator");
		const AstProp *en = ast_props_find_name(&p->props, "end");
		e = arena_sprintf(L->a, "concat(%s, string_agg(%s::text, %s%s%s), %s)",
				  lower_sql_string(L, st ? st->value : ""), v,
				  lower_sql_string(L, sep ? sep->value : ","), L->cur_order ? " ORDER BY " : "",
				  L->cur_order ? L->cur_order : "", lower_sql_string(L, en ? en->value : ""));
		break;
	}
	case AGG_FIRST_ROW:
	case AGG_LAST_ROW:
		/* the first (last) row's value, NULL included */
		e = arena_sprintf(L->a, "(array_agg(%s%s%s))[%s]", v, L->cur_order ? " ORDER BY " : "",
				  L->cur_order ? L->cur_order : "",
				  p->agg_kind == AGG_FIRST_ROW ? "1" : "count(*)");
		break;
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
	if (!type) /* an untyped port: the aggregate's own type */
		return e;
	return arena_sprintf(L->a, "CAST(%s AS %s)", e, type);
}

/* The SQL type of an aggregate port that declares none: counts are
 * bigint, sums and means numeric, a concatenation text, the others the
 * type of the column they read. */
static const char *agg_type(Lower *L, const AstStep *s, const AstPort *p)
{
	switch (p->agg_kind) {
	case AGG_COUNT:
	case AGG_COUNT_ROWS:
	case AGG_COUNT_DISTINCT:
	case AGG_COUNT_NULL:
	case AGG_COUNT_BLANK:
	case AGG_COUNT_NONBLANK: return "bigint";
	case AGG_SUM:
	case AGG_AVG:
	case AGG_STDDEV:
	case AGG_VARIANCE: return "numeric";
	case AGG_MEDIAN: return "double precision";
	case AGG_CONCAT: return "text";
	default: break;
	}
	(void)s;
	const ExprBinding *b = p->ref ? lower_row_column(L, p->ref) : NULL;
	return b && L->cur && L->cur->d ? lower_col_type(L->cur->d, b->name) : "text";
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
			if (p->type.kind == TY_UNKNOWN && !p->type.orig) { /* its type is what it computes */
				type = agg_type(L, s, p);
				e = agg_value(L, s, p, NULL);
				if (e) {
					lower_add_item(L, ln, e, name, type);
					si->cols[i] = name;
					continue;
				}
			} else
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
		    (q->dir & PORT_MASTER) == (p->dir & PORT_MASTER)) {
			const char *v = arena_sprintf(L->a, "%s.%s", (q->dir & PORT_MASTER) ? "m" : "d",
						      lower_ident(L, lower_colname(L, q->name)));
			/* an output column declared with another type than the input it
			 * copies (a DataStage output link's own metadata) is that type */
			const char *qt = pc_pg_type(L->a, &q->type);
			return q->type.kind == TY_UNKNOWN || p->type.kind == TY_UNKNOWN || strcmp(qt, type) == 0
				   ? v
				   : arena_sprintf(L->a, "CAST(%s AS %s)", v, type);
		}
	}
	return arena_sprintf(L->a, "CAST(NULL AS %s)", type);
}

/* Is p a port of one of the step's unmatched outputs (its own node)? */
static bool in_unmatched(const AstStep *s, const AstPort *p)
{
	for (uint32_t g = 0; p->group && g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_UNMATCHED && strcmp(gr->name, p->group) == 0)
			return true;
	}
	return false;
}

/* The unmatched outputs of a join that something reads (GROUP_UNMATCHED,
 * `of_input` naming the input group whose rows it carries: a DataStage
 * Merge's reject link per update link): the rows of that side no row of
 * the other side matches, each output port the side's input port of its
 * name (NULL when the side has none). */
static void join_unmatched(Lower *L, StepInfo *si, const char *dsel, LNode *dn, const char *msel, LNode *m,
			   const char *on)
{
	const AstStep *s = si->s;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_UNMATCHED || !gr->of_input || !lower_group_read(L, s, gr->name))
			continue;
		bool master = false;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if ((p->dir & PORT_IN) && p->group && ascii_ieq(p->group, gr->of_input))
				master = (p->dir & PORT_MASTER) != 0;
		}
		LNode *un = lower_node_new(
		    L, NODE_WHERE, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s,
		    lower_rule_for(STEP_JOIN));
		un->n->group = gr->name;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!(p->dir & PORT_OUT) || !p->group || !ascii_ieq(p->group, gr->name))
				continue;
			const char *type;
			const char *name = lower_port_col(L, un, p, &type);
			const char *col = lower_colname(L, p->ref ? p->ref : p->name);
			bool has = false;
			for (uint32_t k = 0; k < s->ports.len && !has; k++) {
				const AstPort *q = s->ports.items[k];
				has = (q->dir & PORT_IN) && q->group && ascii_ieq(q->group, gr->of_input) &&
				      strcmp(lower_colname(L, q->name), col) == 0;
			}
			lower_add_item(L, un,
				       has ? arena_sprintf(L->a, "%s.%s", master ? "m" : "d", lower_ident(L, col))
					   : arena_sprintf(L->a, "CAST(NULL AS %s)", type),
				       name, type);
			/* a port-level edge from this port reads the unmatched node */
			if (!si->groups) {
				si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
				for (uint32_t k = 0; k < s->ports.len; k++)
					si->groups[k] = si->node;
			}
			si->groups[i] = un;
			si->cols[i] = name;
		}
		un->tail = arena_sprintf(L->a, "FROM (SELECT %s FROM %s) AS %s\nWHERE NOT EXISTS (SELECT 1 FROM (SELECT %s FROM %s) AS %s WHERE %s)",
					 master ? msel : dsel, master ? m->n->id : dn->n->id, master ? "m" : "d",
					 master ? dsel : msel, master ? dn->n->id : m->n->id, master ? "d" : "m", on);
		lower_add_dep(L, un, dn->n->id);
		lower_add_dep(L, un, m->n->id);
		ptrvec_push(L->a, &un->n->evidence,
			    (void *)arena_sprintf(L->a, "the rows of input '%s' no row of the other input matches",
						  gr->of_input));
		lower_group_node_add(L, si, gr->name, un);
		lower_node_add(L, un);
	}
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
		if (!(p->dir & PORT_OUT) || in_unmatched(s, p))
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
	join_unmatched(L, si, ds.buf, dn, ms.buf, m, on);
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
		/* input ports that name their output column (SSIS Union All's
		 * OutputColumnLineageID) map by that name, the others by position */
		bool by_ref = false;
		for (uint32_t k = 0; k < gp.len && !by_ref; k++)
			by_ref = ((const AstPort *)s->ports.items[(uintptr_t)gp.items[k]])->ref != NULL;
		sbuf_addf(&b, "%sSELECT ", nb++ ? "\nUNION ALL\n" : "");
		for (uint32_t k = 0; k < outs.len; k++) {
			const IrColumn *oc = ln->n->columns.items[k];
			const char *e = "NULL";
			int at = -1;
			if (by_ref) {
				const AstPort *op = outs.items[k];
				for (uint32_t j = 0; j < gp.len && at < 0; j++) {
					const AstPort *q = s->ports.items[(uintptr_t)gp.items[j]];
					if (q->ref && ascii_ieq(q->ref, op->name))
						at = (int)(uintptr_t)gp.items[j];
				}
			} else if (k < gp.len)
				at = (int)(uintptr_t)gp.items[k];
			if (at >= 0) {
				uint32_t i = (uint32_t)at;
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

/* The WHERE of a router group with condition `c` under all-matches
 * routing: the rows where it holds (NULL is false). */
static const char *route_where(Lower *L, const char *c)
{
	return arena_sprintf(L->a, "(%s) IS TRUE", c);
}

/* The input port of s named `name` (any case), else any port of that
 * name, or -1: what a router group's port `ref` names. */
static int input_named(const AstStep *s, const char *name)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && ascii_ieq(p->name, name))
			return (int)i;
	}
	return lower_port_named(s, name);
}

/* Router groups in evaluation order (AstGroup.order, SSIS
 * EvaluationOrder; file order where equal), the default group last. */
static const AstGroup **route_groups(Lower *L, const AstStep *s, uint32_t *n)
{
	const AstGroup **v = ARENA_NEWN(L->a, const AstGroup *, s->groups.len + 1);
	uint32_t k = 0;
	for (int pass = 0; pass < 2; pass++) /* the default group last: it needs every condition */
		for (uint32_t g = 0; g < s->groups.len; g++) {
			const AstGroup *gr = s->groups.items[g];
			bool dflt = gr->kind == GROUP_DEFAULT;
			if ((gr->kind != GROUP_OUTPUT && !dflt) || dflt != (pass == 1))
				continue;
			uint32_t j = k++;
			while (!dflt && j > 0 && v[j - 1]->kind != GROUP_DEFAULT && v[j - 1]->order > gr->order) {
				v[j] = v[j - 1];
				j--;
			}
			v[j] = gr;
		}
	*n = k;
	return v;
}

/* First-match routing (SET_ROUTING first_match, SSIS Conditional Split:
 * "the transformation sends each row to the first output for which the
 * condition is true and disregards subsequent conditions for that row",
 * Microsoft Docs, "Conditional Split Transformation Editor").  A CASE
 * evaluates its conditions in order, so a later condition is never
 * evaluated for a row an earlier one took.  A condition that is NULL is
 * the group's row error (SET_ROW_ERROR on the group, else the tool's
 * default): fail makes the statement fail on that row ("A NULL expression
 * result is an error", DTS_E_TXSPLITEXPRESSIONEVALUATEDTONULL); skip
 * treats it as false (Ignore Failure); redirect sends the row to the
 * step's error output.  A failure fails the whole flow, whichever output
 * a sink reads, so every node of the step evaluates the whole chain. */
static const char *route_checked(Lower *L, const AstStep *s, const AstGroup *gr, const char *c,
				 SettingValue on_null)
{
	if (on_null != VAL_FAIL)
		return c;
	const char *msg = arena_sprintf(L->a, "akko: the condition of output '%s' of '%s' is NULL for a row",
					gr->name, s->name);
	/* concatenated with the (NULL) condition so that PostgreSQL cannot fold
	 * the failing cast at planning time */
	return arena_sprintf(L->a, "CASE WHEN (%s) IS NULL THEN %s ELSE (%s) END", c,
			     lower_fail(L, msg, arena_sprintf(L->a, "(%s)::text", c)), c);
}

/* The WHERE of node `ln` (output group `mine`, NULL for the error output)
 * under first-match routing: CASE over every condition in order, true for
 * the rows `mine` takes.  *redirect says whether some group redirects its
 * NULL rows to the error output. */
static const char *route_first_match(Lower *L, const AstStep *s, LNode *ln, const AstGroup **groups,
				     uint32_t ng, const AstGroup *mine, bool *redirect)
{
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE ");
	bool dflt = false;
	for (uint32_t g = 0; g < ng; g++) {
		const AstGroup *gr = groups[g];
		if (gr->kind == GROUP_DEFAULT) {
			dflt = gr == mine;
			continue;
		}
		const char *c = gr->cond && gr->cond->text && *gr->cond->text
				    ? lower_translate(L, ln, gr->cond, arena_sprintf(L->a, "group '%s'", gr->name),
						      true, false, NULL)
				    : "false";
		if (!c) {
			sbuf_release(&b);
			return NULL;
		}
		SettingValue on_null = ast_props_value(&gr->props, SET_ROW_ERROR, L->sem->row_error);
		if (on_null == VAL_REDIRECT) {
			sbuf_addf(&b, "WHEN (%s) IS NULL THEN %s ", c, mine ? "false" : "true");
			*redirect = true;
		}
		sbuf_addf(&b, "WHEN %s THEN %s ", route_checked(L, s, gr, c, on_null), gr == mine ? "true" : "false");
	}
	sbuf_addf(&b, "ELSE %s END", dflt ? "true" : "false");
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* The columns of error output `gr` in node `ln` (reading `d` as t): a
 * column the row carries (a pass-through port) from the input, ErrorCode,
 * ErrorColumn and the rest NULL. */
static void error_columns(Lower *L, StepInfo *si, LNode *ln, LNode *d, const AstGroup *gr)
{
	const AstStep *s = si->s;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!p->group || strcmp(p->group, gr->name) != 0 || !(p->dir & PORT_OUT))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *c = (p->dir & PORT_IN) && si->in && si->in[i].node
				    ? lower_carry_column(L, d, si->in[i].node, si->in[i].col)
				    : NULL;
		const char *e = c ? arena_sprintf(L->a, "t.%s", lower_ident(L, c))
				  : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
		si->groups[i] = ln;
	}
}

/* The rows of the router's error output: those whose first NULL
 * condition (in order, before any true one) has redirect. */
static void route_error_node(Lower *L, StepInfo *si, LNode *d, const AstGroup **groups, uint32_t ng)
{
	const AstStep *s = si->s;
	const AstGroup *gr = NULL;
	for (uint32_t g = 0; g < s->groups.len && !gr; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == GROUP_ERROR)
			gr = s->groups.items[g];
	if (!gr)
		return;
	LNode *ln = lower_node_new(L, NODE_BRANCH,
				   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s,
				   lower_rule_for(STEP_ROUTER));
	ln->n->branch_of = s->name;
	ln->n->group = gr->name;
	ln->carry = true;
	ln->input = d;
	lower_add_dep(L, ln, d->n->id);
	bool redirect = false;
	const char *w = route_first_match(L, s, ln, groups, ng, NULL, &redirect);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t\nWHERE %s", d->n->id, w ? w : "false");
	error_columns(L, si, ln, d, gr);
	lower_pass_all_columns(L, ln, d);
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "the error output's error code and column are NULL: the rows are those whose condition "
		   "is NULL");
	lower_group_node_add(L, si, gr->name, ln);
	lower_node_add(L, ln);
}

/* Router: a node per output group. */
void lower_router(Lower *L, StepInfo *si, LNode *d)
{
	const AstStep *s = si->s;
	SettingValue routing = ast_props_value(&s->props, SET_ROUTING, L->sem->routing);
	bool first_match = routing == VAL_FIRST_MATCH;
	si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
	si->cols = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	Sbuf conds = SBUF_INIT; /* all matches: the conditions, OR-ed */
	bool redirect = false;
	int nc = 0;
	const RuleDef *r = lower_rule_for(STEP_ROUTER);
	LNode *first = NULL;
	uint32_t ng;
	const AstGroup **groups = route_groups(L, s, &ng);
	for (uint32_t g = 0; g < ng; g++) {
		const AstGroup *gr = groups[g];
		bool dflt = gr->kind == GROUP_DEFAULT;
		LNode *ln = lower_node_new(
		    L, NODE_BRANCH, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)),
		    s, r);
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
			/* a group port reads the input port it names, or, fed
			 * itself (a pass-through port), its own input */
			int src = p->ref ? input_named(s, p->ref) : (p->dir & PORT_IN) ? (int)i : -1;
			const char *type;
			const char *name = lower_port_col(L, ln, p, &type);
			const char *e = src >= 0 && L->cur_in[src].node
					    ? arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col))
					    : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
			lower_add_item(L, ln, e, name, type);
			si->cols[i] = name;
			si->groups[i] = ln;
		}
		if (gr->passes_all)
			lower_pass_all_columns(L, ln, d);
		lower_group_node_add(L, si, gr->name, ln);
		if (routing == VAL_DISTRIBUTE) {
			/* each row to one output, by the first hex digit of an md5 of its
			 * columns: the same split in every statement that reads the step */
			ln->carry = false;
			Sbuf h = SBUF_INIT;
			for (uint32_t c = 0; c < d->n->columns.len; c++)
				sbuf_addf(&h, "%st.%s", c ? ", '|', " : "",
					  lower_ident(L, ((const IrColumn *)d->n->columns.items[c])->name));
			ln->tail = arena_sprintf(L->a, "%s\nWHERE mod(ascii(md5(concat(%s))), %u) = %u", ln->tail,
						 h.len ? h.buf : "''", ng, g);
			sbuf_release(&h);
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "output '%s' gets the rows whose hash falls to it; which rows an output gets "
				   "is not determined in the tool either",
				   gr->name);
		} else if (first_match) {
			const char *w = route_first_match(L, s, ln, groups, ng, gr, &redirect);
			if (w)
				ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, w);
		} else if (!dflt) {
			const char *c = gr->cond && gr->cond->text && *gr->cond->text
					    ? lower_translate(L, ln, gr->cond,
							      arena_sprintf(L->a, "group '%s'", gr->name), true,
							      false, NULL)
					    : "false";
			if (c) {
				ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, route_where(L, c));
				sbuf_addf(&conds, "%sCOALESCE((%s), false)", nc++ ? " OR " : "", c);
			} else {
				sbuf_addf(&conds, "%sfalse", nc++ ? " OR " : "");
			}
		} else if (nc) {
			ln->tail = arena_sprintf(L->a, "%s\nWHERE NOT (%s)", ln->tail, conds.buf);
		}
		lower_node_add(L, ln);
	}
	if (redirect)
		route_error_node(L, si, d, groups, ng);
	sbuf_release(&conds);
	si->node = first;
}

/* A target whose own row treatment (SET_ROW_TREATMENT on the step: a
 * DataStage connector's write mode) updates, upserts or replaces: every
 * row carries that operation in akko_operation and the sink merges by its
 * keys (docs/pipeline-yaml.md, "Update Strategy").  False otherwise. */
static bool sink_operation(Lower *L, LNode *ln, const AstStep *s)
{
	SettingValue rt = ast_props_value(&s->props, SET_ROW_TREATMENT, VAL_NONE);
	const char *op = rt == VAL_UPDATE ? "update" : rt == VAL_UPSERT ? "upsert" : rt == VAL_REPLACE ? "replace" : NULL;
	if (!op || ln->n->type != NODE_SINK_TABLE)
		return false;
	lower_add_item(L, ln, arena_sprintf(L->a, "'%s'", op), lower_fresh_col(L, ln, "akko_operation"), "text");
	ln->n->load_mode = LOAD_UPSERT;
	ln->n->operation = "akko_operation";
	if (!ln->n->keys.len)
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "target '%s' writes by key (%s) but its input declares no key column: no row can "
			   "be matched",
			   s->name, op);
	return true;
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
	if (lower_input_passes_all(s)) /* writes every column it receives, in order */
		lower_pass_all_columns(L, ln, d);
	for (uint32_t i = 0; !lower_input_passes_all(s) && i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		if (p->ref) /* the column it writes (SSIS external metadata column) */
			name = lower_fresh_col(L, ln, lower_colname(L, p->ref));
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
	} else if (sink_operation(L, ln, s)) {
		/* every row carries the target's write operation */
	} else if (lower_prop_yes(s, SET_TRUNCATE)) {
		ln->n->load_mode = LOAD_TRUNCATE_INSERT;
	} else if (ast_props_value(&s->props, SET_ROW_TREATMENT, VAL_NONE) == VAL_DELETE) {
		ln->n->load_mode = LOAD_DELETE;
	} else {
		SettingValue rt = ast_props_value(&L->flow->props, SET_ROW_TREATMENT, VAL_INSERT);
		ln->n->load_mode = rt == VAL_DELETE ? LOAD_DELETE : LOAD_INSERT;
	}
	for (uint32_t i = 0; i < L->flow->load_order.len; i++) {
		const AstLoadOrder *lo = L->flow->load_order.items[i];
		if (lo->target && ascii_ieq(lo->target, s->name))
			ln->n->load_order = lo->order;
	}
	if (ln->n->type == NODE_SINK_TABLE && lower_prop(s, SET_BULK_KEEP_NULLS)) {
		ln->n->bulk = true;
		ln->n->keep_nulls = lower_prop_yes(s, SET_BULK_KEEP_NULLS);
		ln->n->keep_identity = lower_prop_yes(s, SET_BULK_KEEP_IDENTITY);
		ln->n->check_constraints = lower_prop_yes(s, SET_BULK_CHECK_CONSTRAINTS);
		ln->n->fire_triggers = lower_prop_yes(s, SET_BULK_FIRE_TRIGGERS);
	}
	const char *pre = lower_prop(s, SET_PRE_SQL), *post = lower_prop(s, SET_POST_SQL);
	ln->n->pre_sql = lower_sql_text_params(L, ln, s, pre, false);
	ln->n->post_sql = lower_sql_text_params(L, ln, s, post, false);
}

/* A random sample: SSIS Percentage Sampling "creates a sample data set by
 * selecting a percentage of the transformation input rows" and Row
 * Sampling "randomly selects an exact number of rows" (Microsoft Docs,
 * "Percentage Sampling Transformation", "Row Sampling Transformation").
 * The first output gets the sample; the rows not selected (the other
 * output) cannot be computed apart from it in SQL, so that output is a
 * placeholder.  Either way the rows differ from run to run (W0602), as
 * they do in the tool without a fixed seed. */
void lower_sample(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_expression(L, si, ln, d, false);
	const char *pct = lower_prop(s, SET_SAMPLE_PERCENT), *rows = lower_prop(s, SET_SAMPLE_ROWS);
	char *end = NULL;
	double v = strtod(pct ? pct : rows ? rows : "", &end);
	if ((!pct && !rows) || !end || *end || v < 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the sample's size is not given");
		return;
	}
	ln->carry = false; /* a carried column would change which rows are drawn */
	if (pct)
		ln->tail = arena_sprintf(L->a, "%s\nWHERE random() < %g / 100.0", ln->tail, v);
	else
		ln->tail = arena_sprintf(L->a, "%s\nORDER BY random()\nLIMIT %ld", ln->tail, (long)v);
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "a random sample: which rows are kept differs from run to run");
	bool seen = false;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_OUTPUT)
			continue;
		if (!seen) {
			seen = true;
			continue;
		}
		if (!lower_group_read(L, s, gr->name))
			continue; /* nothing reads it: nothing to convert */
		LNode *un = lower_node_new(
		    L, NODE_PLACEHOLDER,
		    ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s, NULL);
		un->n->group = gr->name;
		lower_placeholder(L, un, CONV_UNSUPPORTED,
				  "the rows a random sample did not select cannot be computed apart from the "
				  "selected ones");
		lower_group_node_add(L, si, gr->name, un);
		lower_node_add(L, un);
	}
}

/* The error outputs (GROUP_ERROR) of `s` that something reads and that its
 * rule gave no node of their own: a node with the group's columns and no
 * rows.  Which rows a conversion, a truncation or a failed expression
 * would redirect cannot be told apart in SQL, where such a row fails the
 * statement instead; the difference is said (W0602).  Rules that do model
 * the failing rows (first-match routing's NULL conditions) add their own
 * node first. */
void lower_error_outputs(Lower *L, StepInfo *si, LNode *d)
{
	const AstStep *s = si->s;
	if (!d || d->n->type == NODE_PLACEHOLDER || !si->node || si->node->n->type == NODE_PLACEHOLDER)
		return; /* a step under review: its error rows are too */
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		bool have = false;
		for (uint32_t k = 0; k < si->outs.len && !have; k++)
			have = strcmp(((const GroupNode *)si->outs.items[k])->group, gr->name) == 0;
		if (gr->kind != GROUP_ERROR || have || !lower_group_read(L, s, gr->name))
			continue;
		LNode *ln = lower_node_new(
		    L, NODE_WHERE, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s,
		    lower_rule_for(s->kind));
		ln->n->group = gr->name;
		lower_add_dep(L, ln, d->n->id);
		ln->tail = arena_sprintf(L->a, "FROM %s AS t\nWHERE false", d->n->id);
		if (!si->groups) { /* per port, the node it is read from */
			si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
			for (uint32_t i = 0; i < s->ports.len; i++)
				si->groups[i] = si->node;
		}
		error_columns(L, si, ln, d, gr);
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "error output '%s' gets no rows: a row that would be redirected to it fails the "
			   "statement instead",
			   gr->name);
		lower_group_node_add(L, si, gr->name, ln);
		lower_node_add(L, ln);
	}
}

bool lower_is_unpivot(const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && ast_props_find(&p->props, SET_PIVOT_KEY_VALUE))
			return true;
	}
	return false;
}

/* An unpivot (SSIS Unpivot: "expanding values from multiple columns in a
 * single record into multiple records with the same values in a single
 * column", Microsoft Docs, "Unpivot Transformation").  Each distinct key
 * value of the input ports (SET_PIVOT_KEY_VALUE, in port order) gives one
 * row per input row: the key column (SET_PIVOT_KEY) holds the key, each
 * other output column the input port its `ref` names under that key, and
 * input ports without a key pass through to the output they name.  A row
 * whose values are all NULL is left out, except that an input row whose
 * values are NULL under every key still gives one row, the first key's:
 * the documentation keeps "only one row" for it, with NULL or zero
 * values (W0602: the SQL gives NULL). */
void lower_unpivot(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_add_dep(L, ln, d->n->id);
	const char *keys[64];
	int nk = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const AstProp *k = (p->dir & PORT_IN) ? ast_props_find(&p->props, SET_PIVOT_KEY_VALUE) : NULL;
		if (!k || !k->value || !*k->value)
			continue;
		int j = 0;
		while (j < nk && strcmp(keys[j], k->value) != 0)
			j++;
		if (j == nk && nk < 64)
			keys[nk++] = k->value;
	}
	/* the value of input port `i`, as t.<col>, or NULL */
#define IN_VALUE(i) (L->cur_in[i].node ? arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col)) : NULL)
	Sbuf vals = SBUF_INIT, names = SBUF_INIT, allnull = SBUF_INIT, anyval = SBUF_INIT;
	sbuf_adds(&names, "akko_ord, akko_key");
	int nv = 0;
	const char *keycol = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) { /* the output columns, in port order */
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p) || (p->dir & PORT_IN))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		si->cols[i] = name;
		if (ast_props_find(&p->props, SET_PIVOT_KEY)) {
			keycol = name;
			lower_add_item(L, ln, arena_sprintf(L->a, "CAST(v.akko_key AS %s)", type), name, type);
			continue;
		}
		/* passed through: an input port without a key naming it */
		int pass = -1;
		for (uint32_t k = 0; k < s->ports.len && pass < 0; k++) {
			const AstPort *q = s->ports.items[k];
			const AstProp *kv = ast_props_find(&q->props, SET_PIVOT_KEY_VALUE);
			if ((q->dir & PORT_IN) && q->ref && ascii_ieq(q->ref, p->name) && (!kv || !kv->value || !*kv->value))
				pass = (int)k;
		}
		if (pass >= 0) {
			const char *e = IN_VALUE(pass);
			lower_add_item(L, ln, e ? e : arena_sprintf(L->a, "CAST(NULL AS %s)", type), name, type);
			continue;
		}
		const char *vc = arena_sprintf(L->a, "akko_v%d", ++nv);
		sbuf_addf(&names, ", %s", vc);
		lower_add_item(L, ln, arena_sprintf(L->a, "v.%s", vc), name, type);
		sbuf_addf(&anyval, "%sv.%s IS NOT NULL", nv > 1 ? " OR " : "", vc);
	}
	if (!nk || !nv) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the unpivot's key values or value columns were not recognised");
		sbuf_release(&vals), sbuf_release(&names), sbuf_release(&allnull), sbuf_release(&anyval);
		return;
	}
	for (int k = 0; k < nk; k++) {
		sbuf_addf(&vals, "%s(%d, %s", k ? ", " : "", k + 1, lower_sql_string(L, keys[k]));
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!lower_port_out(s, p) || (p->dir & PORT_IN) || ast_props_find(&p->props, SET_PIVOT_KEY))
				continue;
			bool pass = false;
			for (uint32_t q = 0; q < s->ports.len && !pass; q++) {
				const AstPort *x = s->ports.items[q];
				const AstProp *kv = ast_props_find(&x->props, SET_PIVOT_KEY_VALUE);
				pass = (x->dir & PORT_IN) && x->ref && ascii_ieq(x->ref, p->name) && (!kv || !kv->value || !*kv->value);
			}
			if (pass)
				continue;
			const char *e = NULL;
			for (uint32_t q = 0; q < s->ports.len && !e; q++) {
				const AstPort *x = s->ports.items[q];
				const AstProp *kv = ast_props_find(&x->props, SET_PIVOT_KEY_VALUE);
				if ((x->dir & PORT_IN) && x->ref && ascii_ieq(x->ref, p->name) && kv && kv->value &&
				    strcmp(kv->value, keys[k]) == 0) {
					e = IN_VALUE(q);
					if (e)
						sbuf_addf(&allnull, "%s%s IS NULL", allnull.len ? " AND " : "", e);
				}
			}
			sbuf_addf(&vals, ", CAST(%s AS %s)", e ? e : "NULL", pc_pg_type(L->a, &p->type));
		}
		sbuf_addch(&vals, ')');
	}
#undef IN_VALUE
	/* SET_UNPIVOT_NULLS keep: every key gives its row, NULL values or not */
	const char *nulls = lower_prop(s, SET_UNPIVOT_NULLS);
	bool keep = nulls && strcmp(nulls, "keep") == 0;
	ln->tail = keep ? arena_sprintf(L->a, "FROM %s AS t\nCROSS JOIN LATERAL (VALUES %s) AS v(%s)", d->n->id,
					vals.buf, names.buf)
			: arena_sprintf(L->a,
					"FROM %s AS t\nCROSS JOIN LATERAL (VALUES %s) AS v(%s)\nWHERE %s OR (v.akko_ord = 1 AND %s)",
					d->n->id, vals.buf, names.buf, anyval.buf, allnull.len ? allnull.buf : "true");
	ln->carry = false;
	if (!keycol)
		ptrvec_push(L->a, &ln->n->evidence, (void *)"no output column receives the key value");
	if (!keep)
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "an input row whose unpivoted values are all NULL gives one row with NULL values (the "
			   "documentation says NULL or zero, by the column's type)");
	sbuf_release(&vals), sbuf_release(&names), sbuf_release(&allnull), sbuf_release(&anyval);
}

/* A pivot (SSIS Pivot: "compacts an input data flow by pivoting it on a
 * column value", Microsoft Docs, "Pivot Transformation").  The rows of one
 * set (the ROLE_GROUP_BY input ports) become one row: GROUP BY them; each
 * output port with a SET_PIVOT_KEY_VALUE receives the SET_PIVOT_VALUE input
 * of the set's row whose SET_PIVOT_KEY input equals that value (compared
 * as text); an output port naming an input port (`ref`) without a key
 * value passes it on.  SSIS pivots "each time data in the pivot column
 * changes", so unsorted input gives several rows per set there; the SQL
 * gives one (W0602).  Two rows of a set with the same key fail the
 * transformation ("duplicate rows will cause this transformation to
 * fail"); so does a key no output column takes, unless unmatched keys pass
 * (SET_ROW_ERROR skip: PassThroughUnmatchedPivotKeys): the HAVING casts a
 * message to boolean for such a set. */
void lower_pivot(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_add_dep(L, ln, d->n->id);
	int keyp = -1, valp = -1;
	Sbuf group = SBUF_INIT, dup = SBUF_INIT, keys = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_IN) || !L->cur_in[i].node)
			continue;
		if (ast_props_find(&p->props, SET_PIVOT_KEY))
			keyp = (int)i;
		else if (ast_props_find(&p->props, SET_PIVOT_VALUE))
			valp = (int)i;
		else if (p->role == ROLE_GROUP_BY)
			sbuf_addf(&group, "%st.%s", group.len ? ", " : "", lower_ident(L, L->cur_in[i].col));
	}
	if (keyp < 0 || valp < 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the pivot's key or value column was not recognised");
		sbuf_release(&group), sbuf_release(&dup), sbuf_release(&keys);
		return;
	}
	const char *k = arena_sprintf(L->a, "t.%s::text", lower_ident(L, L->cur_in[keyp].col));
	const char *v = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[valp].col));
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p) || (p->dir & PORT_IN))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const AstProp *kv = ast_props_find(&p->props, SET_PIVOT_KEY_VALUE);
		const char *e;
		if (kv && kv->value) {
			const char *lit = lower_sql_string(L, kv->value);
			e = arena_sprintf(L->a, "CAST((array_agg(%s) FILTER (WHERE %s = %s))[1] AS %s)", v, k, lit, type);
			sbuf_addf(&dup, "%scount(*) FILTER (WHERE %s = %s) > 1", dup.len ? " OR " : "", k, lit);
			sbuf_addf(&keys, "%s%s", keys.len ? ", " : "", lit);
		} else {
			int src = -1;
			for (uint32_t q = 0; p->ref && q < s->ports.len && src < 0; q++) {
				const AstPort *x = s->ports.items[q];
				if ((x->dir & PORT_IN) && ascii_ieq(x->name, p->ref))
					src = (int)q;
			}
			const AstPort *in = src >= 0 ? s->ports.items[src] : NULL;
			if (src >= 0 && L->cur_in[src].node && in->role == ROLE_GROUP_BY)
				e = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col));
			else if (src >= 0 && L->cur_in[src].node) {
				e = arena_sprintf(L->a, "(array_agg(t.%s))[1]", lower_ident(L, L->cur_in[src].col));
				lower_warn(L, ln, W_RULE_DIFFERENCE, s,
					   "'%s' passes one row's value of its set; which row is not determined",
					   p->name);
			} else
				e = arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	bool skip = ast_props_value(&s->props, SET_ROW_ERROR, L->sem->row_error) == VAL_SKIP;
	if (!skip && keys.len)
		sbuf_addf(&dup, "%scount(*) FILTER (WHERE %s IS NULL OR %s NOT IN (%s)) > 0", dup.len ? " OR " : "",
			  k, k, keys.buf);
	const char *msg =
	    arena_sprintf(L->a, "akko: pivot '%s': a set has two rows with one key, or a key no column takes: ",
			  s->name);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t%s%s%s%s", d->n->id, group.len ? "\nGROUP BY " : "", group.buf,
				 dup.len ? "\nHAVING " : "",
				 dup.len ? arena_sprintf(L->a, "CASE WHEN %s THEN %s ELSE true END", dup.buf,
							lower_fail(L, msg, "count(*)"))
					 : "");
	ln->carry = false;
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "one row per set: SSIS starts a new row each time the set key changes, so unsorted "
		   "input gives it several");
	sbuf_release(&group), sbuf_release(&dup), sbuf_release(&keys);
}
