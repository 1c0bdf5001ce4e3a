/* lower_lookup.c - lookups (src/rules).
 *
 * A connected lookup is a LEFT JOIN LATERAL over its relation (a table with
 * its filter, or a SQL override run at the source), with the multiple-match
 * and no-match policies (fail, redirect to a no-match node); an unconnected
 * one is only a relation its :LKP. calls read.
 */
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/lower.h"
#include "rules/pc.h"


/* A lookup whose no-match policy is "fail": the statement must fail on an
 * input row nothing matches.  SQL has no RAISE, so the WHERE evaluates, for
 * an unmatched row only, a cast of the message to boolean, which fails
 * with the message in the error.  The message is concatenated with a
 * column of the row (NULL there, so it adds nothing) so that PostgreSQL
 * cannot fold the cast into a constant and fail at planning time, when
 * every row may match. */
static const char *lookup_fail_check(Lower *L, const AstStep *s, const char *found)
{
	const char *msg = arena_sprintf(L->a, "akko: lookup '%s' found no match for an input row", s->name);
	return arena_sprintf(L->a, "CASE WHEN %s THEN true ELSE %s END", found,
			     lower_fail(L, msg, strcmp(found, "l.akko_found") == 0 ? "l.akko_found" : "NULL"));
}

/* The value of a port that passes an upstream column on unchanged
 * (PORT_PASS: a column an SSIS synchronous output does not declare): the
 * column of `d` (read as t) of that name. */
static const char *pass_value(Lower *L, LNode *d, const AstPort *p, const char *type)
{
	const char *c = lower_colname(L, p->name);
	return lower_has_col(d, c) ? arena_sprintf(L->a, "t.%s", lower_ident(L, c))
				   : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
}

/* The step's first output of kind `k` (GROUP_UNMATCHED, GROUP_ERROR), or NULL. */
static const AstGroup *unmatched_group(const AstStep *s, GroupKind k)
{
	for (uint32_t g = 0; g < s->groups.len; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == k)
			return s->groups.items[g];
	return NULL;
}

/* A lookup whose no-match policy is "redirect": the input rows nothing
 * matches go to a node of their own, `<lookup>_no_match`, the node of its
 * GROUP_UNMATCHED output (dropped when the step has none).  It carries the
 * input row: every column of `d`, and the group's declared ports by name
 * (their `ref`, or the input port of the same name). */
static void lookup_no_match_node(Lower *L, StepInfo *si, LNode *match, LNode *d, LNode *rel, const char *cond,
				 GroupKind kind)
{
	const AstStep *s = si->s;
	const AstGroup *gr = unmatched_group(s, kind);
	if (!gr) {
		ptrvec_push(
		    L->a, &match->n->evidence,
		    (void *)"rows no lookup row matches are dropped: the step has no no-match output");
		return;
	}
	LNode *ln = lower_node_new(L, NODE_WHERE,
				   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_no_match", s->name)), s,
				   lower_rule_for(STEP_LOOKUP));
	ln->carry = true;
	ln->input = d;
	lower_add_dep(L, ln, d->n->id);
	lower_add_dep(L, ln, rel->n->id);
	si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		si->groups[i] = match;
		if (!p->group || !ascii_ieq(p->group, gr->name) || !(p->dir & PORT_OUT))
			continue;
		int src = lower_port_named(s, p->ref ? p->ref : p->name);
		const char *type = pc_pg_type(L->a, &p->type);
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln,
			       (p->dir & PORT_PASS) ? pass_value(L, d, p, type)
			       : src >= 0	    ? lower_passed_value(L, ln, p, &L->cur_in[src], type)
						    : "NULL",
			       name, type);
		si->cols[i] = name;
		si->groups[i] = ln;
	}
	lower_pass_all_columns(L, ln, d);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t\nWHERE NOT EXISTS (SELECT 1 FROM %s AS r%s)", d->n->id,
				 rel->n->id, cond);
	lower_group_node_add(L, si, gr->name, ln);
	lower_node_add(L, ln);
}

/* The relation column an output port of a lookup copies: a lookup port's
 * own name, or the column an output-only port's `ref` names (SSIS
 * CopyFromReferenceColumn); NULL for a port that passes an input on. */
static const char *lookup_column(const AstPort *p)
{
	if (p->dir & PORT_LOOKUP)
		return p->name;
	if ((p->dir & PORT_OUT) && !(p->dir & (PORT_IN | PORT_PASS | PORT_GENERATED)) && p->ref)
		return p->ref;
	return NULL;
}

/* Connected lookup: LEFT JOIN LATERAL over the relation. */
void lower_lookup(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const AstStep *def = s->def ? s->def : s;
	LNode *rel = lower_lookup_relation(L, s);
	ln->carry = true;
	ln->input = d;
	lower_add_dep(L, ln, d->n->id);
	lower_add_dep(L, ln, rel->n->id);
	ExprLookup *lk = job_build_lookup(L->a, def, rel->n->id);
	SettingValue policy = ast_props_value(&def->props, SET_LOOKUP_POLICY, L->sem->lookup_multiple);
	SettingValue no_match =
	    ast_props_value(&s->props, SET_LOOKUP_NO_MATCH,
			    ast_props_value(&def->props, SET_LOOKUP_NO_MATCH, L->sem->lookup_no_match));
	Sbuf w = SBUF_INIT;
	int nt = 0;
	uint32_t k = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_IN) || (p->dir & PORT_LOOKUP))
			continue;
		const char *lc = k < lk->n_in ? lk->in_cols[k] : NULL;
		const char *op = k < lk->n_in && lk->in_ops[k] ? lk->in_ops[k] : "=";
		k++;
		if (!lc && p->ref) /* the lookup column the input equals (SSIS JoinToReferenceColumn) */
			lc = p->ref;
		if (!lc)
			continue;
		const char *v = lower_passed_value(L, ln, p, &L->cur_in[i], NULL);
		sbuf_addf(&w, "%sr.%s %s %s", nt++ ? " AND " : " WHERE ",
			  lower_ident(L, lower_colname(L, lc)), op, v);
	}
	if (!nt) {
		sbuf_release(&w);
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the lookup condition names no input port");
		return;
	}
	double base = 0.85;
	const char *order = "";
	Sbuf ob = SBUF_INIT;
	if (policy == VAL_FIRST || policy == VAL_LAST) {
		base = 0.75;
		for (uint32_t j = 0; j < lk->n_order; j++)
			sbuf_addf(&ob, "%sr.%s%s", j ? ", " : " ORDER BY ",
				  lower_ident(L, lower_colname(L, lk->order_cols[j])),
				  policy == VAL_LAST ? " DESC" : "");
		order = ob.buf;
		lower_warn(
		    L, ln, W_RULE_DIFFERENCE, s,
		    "'Use %s Value' picks by PowerCenter's cache order; the SQL orders by the condition "
		    "columns%s",
		    policy == VAL_LAST ? "Last" : "First", policy == VAL_LAST ? " descending" : "");
	}
	/* the tool's default, the file choosing nothing (SSIS: the first match the
	 * Lookup finds; a file's explicit "any" is the user's choice) */
	if (policy == VAL_ANY && !ast_props_find(&def->props, SET_LOOKUP_POLICY))
		lower_warn(
		    L, ln, W_RULE_DIFFERENCE, s,
		    "when several lookup rows match, the lookup returns the first one it finds and the "
		    "SQL any one (LIMIT 1 without ORDER BY): which one is not determined");
	/* as for a relational lookup's case sensitivity (docs/rules.md): said, not
	 * warned, since the SQL compares as the database does */
	if (lower_prop(s, SET_LOOKUP_CACHED) && !lower_prop_yes(s, SET_LOOKUP_CACHED))
		ptrvec_push(
		    L->a, &ln->n->evidence,
		    (void *)"the lookup is not fully cached: the reference database compares the keys "
			    "(its collation, its trailing blanks), the SQL as PostgreSQL does");
	if (rel->n->source_sql)
		base = base > 0.65 ? 0.65 : base;
	ln->n->base_confidence = base;
	if (ln->n->confidence > base)
		ln->n->confidence = base;
	/* outputs: input pass-throughs from t, lookup ports from the relation */
	bool error = policy == VAL_FAIL;
	Sbuf lat = SBUF_INIT;
	int nl = 0;
	const AstGroup *um =
	    unmatched_group(s, no_match == VAL_ERROR_OUTPUT ? GROUP_ERROR : GROUP_UNMATCHED);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p) || (um && p->group && strcmp(p->group, um->name) == 0))
			continue; /* the no-match output's columns: its own node */
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		const char *e;
		const char *col = lookup_column(p);
		if (col) {
			const char *rc = lower_ident(L, lower_colname(L, col));
			if (error)
				e = arena_sprintf(L->a, "(SELECT r.%s FROM %s AS r%s)", rc, rel->n->id,
						  w.buf);
			else {
				e = arena_sprintf(L->a, "l.%s", rc);
				sbuf_addf(&lat, "%sr.%s", nl++ ? ", " : "", rc);
			}
		} else if (p->dir & PORT_PASS) {
			e = pass_value(L, d, p, type);
		} else {
			e = lower_passed_value(L, ln, p, &L->cur_in[i], type);
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	if (lower_passes_all(s, GROUP_OUTPUT))
		lower_pass_all_columns(L, ln, d);
	/* did the row find a match (only asked when no match is not NULL outputs) */
	const char *found = NULL;
	if (no_match != VAL_NULL)
		found = error ? arena_sprintf(L->a, "EXISTS (SELECT 1 FROM %s AS r%s)", rel->n->id, w.buf)
			      : "l.akko_found";
	if (found && !error)
		sbuf_addf(&lat, "%strue AS akko_found", nl++ ? ", " : "");
	if (error) {
		ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
		lower_warn(
		    L, ln, W_RULE_DIFFERENCE, s,
		    "'Report Error' on several matches fails the statement, where PowerCenter rejects the "
		    "row");
	} else {
		ln->tail = arena_sprintf(
		    L->a, "FROM %s AS t\nLEFT JOIN LATERAL (SELECT %s FROM %s AS r%s%s%s) AS l ON true",
		    d->n->id, nl ? lat.buf : "1 AS akko_none", rel->n->id, w.buf, order,
		    policy == VAL_ALL ? "" : " LIMIT 1");
	}
	if (no_match == VAL_FAIL)
		ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, lookup_fail_check(L, s, found));
	else if (no_match == VAL_SKIP) { /* the unmatched rows are dropped (DataStage: Drop) */
		ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, found);
		ptrvec_push(L->a, &ln->n->evidence, (void *)"rows no lookup row matches are dropped");
	}
	else if (no_match == VAL_REDIRECT || no_match == VAL_ERROR_OUTPUT) {
		ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, found);
		lookup_no_match_node(L, si, ln, d, rel, w.buf,
				     no_match == VAL_ERROR_OUTPUT ? GROUP_ERROR : GROUP_UNMATCHED);
	}
	sbuf_release(&w);
	sbuf_release(&ob);
	sbuf_release(&lat);
}

/* A lookup whose lookup ports are the columns of an input link (a
 * reference link: DataStage's Lookup stage, docs/rules.md) reads its rows
 * from the node that link comes from: the link-level edge into the group
 * of its lookup ports.  NULL when no edge feeds them. */
static LNode *linked_relation(Lower *L, const AstStep *lkp)
{
	const char *group = NULL;
	for (uint32_t i = 0; i < lkp->ports.len && !group; i++) {
		const AstPort *p = lkp->ports.items[i];
		if ((p->dir & PORT_LOOKUP) && !(p->dir & PORT_IN) && p->group)
			group = p->group;
	}
	StepInfo *si = group ? lower_info_of(L, lkp) : NULL;
	for (uint32_t i = 0; si && i < si->in_edges.len; i++) {
		const AstEdge *e = si->in_edges.items[i];
		if (!e->from_port && e->to_group && ascii_ieq(e->to_group, group))
			return lower_edge_node(L, e);
		if (e->to_port && e->to_port->group && ascii_ieq(e->to_port->group, group))
			return lower_edge_node(L, e);
	}
	return NULL;
}

/* The relation a lookup reads: its table with the lookup source filter,
 * or its SQL override kept as written. */
LNode *lower_lookup_relation(Lower *L, const AstStep *lkp)
{
	const AstStep *def = lkp->def ? lkp->def : lkp;
	const char *key = arena_sprintf(L->a, "%p", (const void *)def); /* names repeat across mapplets */
	LNode *ln = strmap_get(&L->relnodes, key);
	if (ln)
		return ln;
	ln = linked_relation(L, lkp);
	if (ln) {
		strmap_put(&L->relnodes, key, ln);
		return ln;
	}
	const char *table = lower_prop(def, SET_LOOKUP_TABLE);
	if (!table)
		table = lower_prop(lkp, SET_LOOKUP_TABLE);
	const char *sql = lower_prop(lkp, SET_LOOKUP_SQL) ? lower_prop(lkp, SET_LOOKUP_SQL)
							  : lower_prop(def, SET_LOOKUP_SQL);
	const char *filter = lower_prop(lkp, SET_LOOKUP_FILTER) ? lower_prop(lkp, SET_LOOKUP_FILTER)
								: lower_prop(def, SET_LOOKUP_FILTER);
	const char *id = ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_source", def->name));
	ln = lower_node_new(L, NODE_SOURCE_TABLE, id, lkp, lower_rule_for(STEP_SOURCE));
	ln->n->rule = lower_rule_name(L, "powercenter/lookup_source");
	ln->n->origin.kind = "Lookup source";
	for (uint32_t i = 0; i < lkp->ports.len + def->ports.len;
	     i++) { /* the instance's, then the definition's */
		const AstPort *p =
		    i < lkp->ports.len ? lkp->ports.items[i] : def->ports.items[i - lkp->ports.len];
		if (!(p->dir & (PORT_LOOKUP | PORT_RETURN)))
			continue;
		const char *name = lower_colname(L, p->name);
		if (lower_has_col(ln, name))
			continue;
		if (sql)
			lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		else
			lower_add_item(L, ln, lower_ident(L, name), name, pc_pg_type(L->a, &p->type));
	}
	/* columns named only by a port's `ref`: the lookup column an input equals
	 * or an output copies, when no port declares it (typed like that port) */
	for (uint32_t i = 0; i < lkp->ports.len; i++) {
		const AstPort *p = lkp->ports.items[i];
		const char *col = (p->dir & PORT_IN) && !(p->dir & PORT_LOOKUP) ? p->ref
				  : lookup_column(p) != p->name                 ? lookup_column(p)
										: NULL;
		if (!col)
			continue;
		const char *name = lower_colname(L, col);
		if (lower_has_col(ln, name))
			continue;
		if (sql)
			lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		else
			lower_add_item(L, ln, lower_ident(L, name), name, pc_pg_type(L->a, &p->type));
	}
	if (sql) {
		lower_pushdown_override(L, ln, lkp, sql, 0.90);
	} else {
		IrTable *tb = ARENA_NEW(L->a, IrTable);
		tb->orig_name = table ? table : def->name;
		tb->name = lower_colname(L, tb->orig_name);
		ln->n->table = tb;
		ln->tail = arena_sprintf(L->a, "FROM %s", lower_ident(L, tb->name));
		if (!table)
			lower_warn(L, ln, W_RULE_DIFFERENCE, lkp,
				   "the lookup names no table; its own name '%s' is used", def->name);
		if (filter)
			ln->tail = arena_sprintf(L->a, "%s\nWHERE (%s)", ln->tail,
						 lower_sql_params(L, ln, lkp, filter));
	}
	lower_node_add(L, ln);
	strmap_put(&L->relnodes, key, ln);
	return ln;
}
