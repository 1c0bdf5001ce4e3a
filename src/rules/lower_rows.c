/* lower_rows.c - rules for steps that work on whole rows by column name
 * (src/rules): rows written inline, a sink of every incoming column, a
 * field list (select with a wildcard), a union by name or position, a
 * join on key pairs with its unmatched outputs, first occurrences by key,
 * numbering, samples by position, and a step's own assertions.
 *
 * These are neutral: a tool whose connections carry rows rather than
 * column lineage (Alteryx) reaches them through settings and port shapes
 * (docs/rules.md, "Alteryx tools"); nothing here tests which tool wrote
 * the file.  Where the result depends on the order rows arrive in, the
 * order is the sort keys of a Sorter upstream, else PostgreSQL's (W1121).
 */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

/* ---- the order rows arrive in ------------------------------------------------------ */

/* "ORDER BY ..." text for a window over d's rows (read as t): a Sorter's
 * keys, else "" with W1121 on ln, saying `what` depends on it. */
static const char *arrival(Lower *L, LNode *ln, LNode *d, const AstStep *s, const char *what)
{
	const char *sorter = NULL, *o = lower_arrival_order(d, &sorter);
	if (o) {
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)arena_sprintf(L->a, "rows arrive in the order of Sort '%s'", sorter));
		return o;
	}
	lower_warn(L, ln, W_AYX_ORDER, s,
		   "%s follows the order rows arrive in, which no Sort upstream defines: PostgreSQL's order "
		   "is used",
		   what);
	return "";
}

/* ---- rows written inline ----------------------------------------------------------- */

bool lower_is_inline(const AstTable *t)
{
	return t && ast_props_find_name(&t->props, "inline") != NULL;
}

/* A table written in the job (Alteryx Text Input: "manually enter data ...
 * a small table", https://help.alteryx.com/current/en/designer/tools/in-out/text-input-tool.html):
 * SELECT CAST(v.c AS type) ... FROM (VALUES ...) AS v(c...), every value
 * a string literal cast to the column's declared type; an empty cell of a
 * column that is not a string is NULL. */
void lower_inline_source(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	const AstTable *t = s->table;
	LNode *ln = lower_step_node(L, si, NODE_SOURCE_INLINE, "src_");
	uint32_t nf = t->fields.len;
	const char **type = ARENA_NEWN(L->a, const char *, nf + 1);
	bool *str = ARENA_NEWN(L->a, bool, nf + 1);
	Sbuf cols = SBUF_INIT;
	for (uint32_t i = 0; i < nf; i++) {
		const AstPort *f = t->fields.items[i];
		/* the type of the step's port of that name (MetaInfo), else the field's */
		const AstPort *p = f;
		int k = lower_port_named(s, f->name);
		if (k >= 0 && ((const AstPort *)s->ports.items[k])->type.kind != TY_UNKNOWN)
			p = s->ports.items[k];
		TypeKind tk = p->type.kind == TY_UNKNOWN ? TY_STRING : p->type.kind;
		AstType ty = p->type;
		ty.kind = tk;
		type[i] = pc_pg_type(L->a, &ty);
		str[i] = tk == TY_STRING;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, f->name));
		lower_add_item(L, ln, arena_sprintf(L->a, "CAST(v.%s AS %s)", lower_ident(L, name), type[i]), name,
			       type[i]);
		sbuf_addf(&cols, "%s%s", i ? ", " : "", lower_ident(L, name));
		if (k >= 0)
			si->cols[k] = name;
		if (p == f && f->type.kind == TY_UNKNOWN)
			lower_warn(L, ln, W_AYX_NO_SCHEMA, s,
				   "field '%s' has no declared type: it is read as a string", f->name);
	}
	Sbuf b = SBUF_INIT;
	for (uint32_t r = 0; r < t->rows.len; r++) {
		const AstRow *row = t->rows.items[r];
		sbuf_addf(&b, "%s(", r ? ", " : "");
		for (uint32_t i = 0; i < nf; i++) {
			const char *v = i < row->values.len ? row->values.items[i] : NULL;
			const char *lit = v && (*v || str[i]) ? lower_sql_string(L, v) : "NULL";
			/* the first row types the VALUES list as text */
			sbuf_addf(&b, "%s%s%s", i ? ", " : "", lit, r == 0 ? "::text" : "");
		}
		sbuf_addch(&b, ')');
	}
	if (!nf) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the inline table declares no fields");
	} else if (!t->rows.len) { /* no rows: the columns, and nothing */
		Sbuf nulls = SBUF_INIT;
		for (uint32_t i = 0; i < nf; i++)
			sbuf_addf(&nulls, "%sNULL::text", i ? ", " : "");
		ln->tail = arena_sprintf(L->a, "FROM (VALUES (%s)) AS v(%s)\nWHERE false", nulls.buf, cols.buf);
		sbuf_release(&nulls);
	} else
		ln->tail = arena_sprintf(L->a, "FROM (VALUES %s) AS v(%s)", b.buf, cols.buf);
	ln->n->note = "rows written in the workflow: needs no database";
	sbuf_release(&b);
	sbuf_release(&cols);
	lower_node_add(L, ln);
}

/* ---- sinks and passing rows -------------------------------------------------------- */

/* A step whose input group passes every incoming column (a sink that
 * writes what it receives)? */
bool lower_input_passes_all(const AstStep *s)
{
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_INPUT && gr->passes_all)
			return true;
	}
	return false;
}

/* ---- a field list: select, rename, retype, deselect --------------------------------- */

/* The wildcard port "*" (every input column the list does not name), or -1. */
static int wildcard(const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if ((((const AstPort *)s->ports.items[i])->dir & PORT_PASS) &&
		    strcmp(((const AstPort *)s->ports.items[i])->name, "*") == 0)
			return (int)i;
	return -1;
}

bool lower_is_field_list(const AstStep *s)
{
	return wildcard(s) >= 0;
}

/* Does a port of s (other than the wildcard) name input column `col` by its `ref`? */
static bool listed(Lower *L, const AstStep *s, const char *col)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->ref && strcmp(lower_colname(L, p->ref), col) == 0)
			return true;
	}
	return false;
}

/* The ports in order: a listed column under its new name (cast when its
 * declared type differs from the column's), the wildcard's columns where
 * it stands; a port whose column the input lacks is left out (W1120). */
void lower_field_list(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	ln->carry = true;
	ln->input = d;
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		if ((p->dir & PORT_PASS) && strcmp(p->name, "*") == 0) {
			for (uint32_t c = 0; c < d->n->columns.len; c++) {
				const IrColumn *col = d->n->columns.items[c];
				if (!listed(L, s, col->name) && !lower_has_col(ln, col->name))
					lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, col->name)),
						       col->name, col->type);
			}
			continue;
		}
		const char *from = lower_colname(L, p->ref ? p->ref : p->name);
		if (!lower_has_col(d, from)) {
			if (d->n->columns.len)
				lower_warn(L, ln, W_AYX_NO_SCHEMA, s,
					   "field '%s' is not among the incoming fields: it is left out",
					   p->ref ? p->ref : p->name);
			continue;
		}
		const char *have = lower_col_type(d, from);
		const char *type = p->type.kind == TY_UNKNOWN ? have : pc_pg_type(L->a, &p->type);
		const char *e = arena_sprintf(L->a, "t.%s", lower_ident(L, from));
		if (strcmp(type, have) != 0)
			e = arena_sprintf(L->a, "CAST(%s AS %s)", e, type);
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
}

/* ---- union by name or by position ---------------------------------------------------- */

/* A union whose step declares no ports: its inputs' columns by name (one
 * output column per name, in first-seen order, NULL where an input lacks
 * it) or by position (the first input's names).  "Auto Config by Name",
 * "Auto Config by Position" ("Union Tool", help.alteryx.com).  The inputs
 * are taken in the order of the step's input edges (their anchors #1,
 * #2 ... as connected). */
void lower_union_columns(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	SettingValue mode = ast_props_value(&s->props, SET_UNION_MODE, VAL_BY_NAME);
	PtrVec ins = {0};
	for (uint32_t i = 0; i < si->in_edges.len; i++) {
		LNode *u = lower_edge_node(L, si->in_edges.items[i]);
		if (u)
			ptrvec_push(L->a, &ins, u);
	}
	if (!ins.len) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no input of the union is connected");
		return;
	}
	LNode *first = ins.items[0];
	if (mode == VAL_BY_POSITION) {
		for (uint32_t c = 0; c < first->n->columns.len; c++) {
			const IrColumn *col = first->n->columns.items[c];
			lower_add_col(L, ln, col->name, col->type);
		}
	} else
		for (uint32_t k = 0; k < ins.len; k++) {
			LNode *u = ins.items[k];
			for (uint32_t c = 0; c < u->n->columns.len; c++) {
				const IrColumn *col = u->n->columns.items[c];
				if (!lower_has_col(ln, col->name))
					lower_add_col(L, ln, col->name, col->type);
			}
		}
	Sbuf b = SBUF_INIT;
	for (uint32_t k = 0; k < ins.len; k++) {
		LNode *u = ins.items[k];
		sbuf_addf(&b, "%sSELECT ", k ? "\nUNION ALL\n" : "");
		for (uint32_t c = 0; c < ln->n->columns.len; c++) {
			const IrColumn *oc = ln->n->columns.items[c];
			const char *e = "NULL";
			if (mode == VAL_BY_POSITION) {
				if (c < u->n->columns.len)
					e = arena_sprintf(L->a, "u.%s",
							  lower_ident(L, ((IrColumn *)u->n->columns.items[c])->name));
			} else if (lower_has_col(u, oc->name))
				e = arena_sprintf(L->a, "u.%s", lower_ident(L, oc->name));
			sbuf_addf(&b, "%sCAST(%s AS %s) AS %s", c ? ", " : "", e, oc->type, lower_ident(L, oc->name));
		}
		sbuf_addf(&b, " FROM %s AS u", u->n->id);
		lower_add_dep(L, ln, u->n->id);
	}
	ln->full = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	if (ins.len > 1)
		lower_warn(L, ln, W_AYX_ORDER, s,
			   "the union's rows come input after input, as connected; PostgreSQL may interleave "
			   "them unless a Sort follows");
}

/* ---- join on key pairs, with the unmatched rows of each side ------------------------ */

/* The input node and key columns of one side (`group`: the input anchor
 * its edge arrives at and its key ports' group). */
static LNode *join_side(Lower *L, StepInfo *si, const char *group, PtrVec *keys)
{
	const AstStep *s = si->s;
	LNode *n = NULL;
	for (uint32_t i = 0; i < si->in_edges.len && !n; i++) {
		const AstEdge *e = si->in_edges.items[i];
		if (e->to_group && ascii_ieq(e->to_group, group))
			n = lower_edge_node(L, e);
	}
	for (int pos = 1; n && pos <= (int)s->ports.len; pos++)
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (p->sort_key && p->sort_pos == pos && p->group && ascii_ieq(p->group, group))
				ptrvec_push(L->a, keys, (void *)lower_colname(L, p->name));
		}
	return n;
}

/* A join of two link-level inputs on key pairs (the ports of input groups
 * `left` and `right` at sort positions 1..n): the matched pairs (left's
 * columns, then right's, a right column whose name left has taking
 * SET_DUPLICATE_PREFIX), and, for the unmatched output groups that are
 * read, the rows of each side that nothing matches (NOT EXISTS). */
void lower_key_join(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	/* the inputs: the step's two input groups, in order */
	const char *gn[2] = {NULL, NULL};
	for (uint32_t g = 0, k = 0; g < s->groups.len && k < 2; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == GROUP_INPUT)
			gn[k++] = ((const AstGroup *)s->groups.items[g])->name;
	PtrVec lk = {0}, rk = {0};
	LNode *l = gn[0] ? join_side(L, si, gn[0], &lk) : NULL, *r = gn[1] ? join_side(L, si, gn[1], &rk) : NULL;
	if (!l || !r) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the join lacks one of its two inputs");
		return;
	}
	const char *prefix = lower_prop(s, SET_DUPLICATE_PREFIX);
	Sbuf on = SBUF_INIT;
	for (uint32_t k = 0; k < lk.len && k < rk.len; k++) {
		const char *a = lk.items[k], *b = rk.items[k];
		if (!lower_has_col(l, a) || !lower_has_col(r, b)) {
			sbuf_release(&on);
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a, "join key '%s' or '%s' is not among the incoming fields",
							a, b));
			return;
		}
		sbuf_addf(&on, "%sl.%s = r.%s", k ? " AND " : "", lower_ident(L, a), lower_ident(L, b));
	}
	bool cross = !on.len;
	if (cross)
		lower_warn(L, ln, W_AYX_CROSS_JOIN, s,
			   "no key pairs: every left row is joined to every right row");
	/* each side's columns, the left's first; a pass-through port of the
	 * side's group naming a column (its ref) renames it, or drops it when
	 * it is not an output; a column no port names follows the wildcard
	 * port (dropped when it is not an output), a right column whose name
	 * the left has taking the duplicate prefix */
	int w = wildcard(s);
	bool rest = w < 0 || (((const AstPort *)s->ports.items[w])->dir & PORT_OUT);
	for (int side = 0; side < 2; side++) {
		LNode *x = side ? r : l;
		for (uint32_t c = 0; c < x->n->columns.len; c++) {
			const IrColumn *col = x->n->columns.items[c];
			const AstPort *named = NULL;
			for (uint32_t i = 0; i < s->ports.len && !named; i++) {
				const AstPort *p = s->ports.items[i];
				if ((p->dir & PORT_PASS) && p->ref && p->group && ascii_ieq(p->group, gn[side]) &&
				    strcmp(lower_colname(L, p->ref), col->name) == 0)
					named = p;
			}
			if (named ? !(named->dir & PORT_OUT) : !rest)
				continue;
			const char *name = named ? lower_colname(L, named->name) : col->name;
			if (!named && side && lower_has_col(ln, name) && prefix)
				name = lower_colname(L, arena_sprintf(L->a, "%s%s", prefix, name));
			name = lower_fresh_col(L, ln, name);
			lower_add_item(L, ln, arena_sprintf(L->a, "%s.%s", side ? "r" : "l", lower_ident(L, col->name)), name,
				       col->type);
		}
	}
	lower_add_dep(L, ln, l->n->id);
	lower_add_dep(L, ln, r->n->id);
	ln->tail = cross ? arena_sprintf(L->a, "FROM %s AS l\nCROSS JOIN %s AS r", l->n->id, r->n->id)
			 : arena_sprintf(L->a, "FROM %s AS l\nJOIN %s AS r ON %s", l->n->id, r->n->id, on.buf);
	for (uint32_t g = 0; g < s->groups.len; g++) { /* the joined output's own anchor name */
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_OUTPUT)
			lower_group_node_add(L, si, gr->name, ln);
	}
	for (uint32_t g = 0; !cross && g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_UNMATCHED || !lower_group_read(L, s, gr->name))
			continue;
		bool left = ascii_ieq(gr->of_input ? gr->of_input : gr->name, gn[0]);
		LNode *side = left ? l : r, *other = left ? r : l;
		LNode *un = lower_node_new(
		    L, NODE_WHERE, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s,
		    lower_rule_for(STEP_JOIN));
		un->n->group = gr->name;
		un->carry = true;
		un->input = side;
		lower_pass_all_columns(L, un, side);
		un->tail = arena_sprintf(L->a, "FROM %s AS %s\nWHERE NOT EXISTS (SELECT 1 FROM %s AS %s WHERE %s)",
					 side->n->id, left ? "l" : "r", other->n->id, left ? "r" : "l", on.buf);
		/* lower_pass_all_columns reads t: the side's alias is its own */
		for (uint32_t i = 0; i < un->items.len; i++) {
			const char *it = un->items.items[i];
			if (strncmp(it, "t.", 2) == 0)
				un->items.items[i] = (void *)arena_sprintf(L->a, "%s.%s", left ? "l" : "r", it + 2);
		}
		un->carry = false;
		lower_add_dep(L, un, side->n->id);
		lower_add_dep(L, un, other->n->id);
		ptrvec_push(L->a, &un->n->evidence,
			    (void *)arena_sprintf(L->a, "the %s rows no %s row matches", left ? "left" : "right",
						  left ? "right" : "left"));
		lower_group_node_add(L, si, gr->name, un);
		lower_node_add(L, un);
	}
	sbuf_release(&on);
}

/* ---- first occurrences by key --------------------------------------------------------- */

/* Rows numbered within their key in arrival order: `n` = 1 is the first
 * occurrence ("Unique Tool": "the first record of each unique value is
 * output to U, and all duplicates to D",
 * https://help.alteryx.com/current/en/designer/tools/preparation/unique-tool.html). */
static const char *numbered(Lower *L, LNode *ln, LNode *d, const AstStep *s, const char *part, const char *order)
{
	(void)ln;
	(void)s;
	return arena_sprintf(L->a, "FROM (SELECT t.*, row_number() OVER (%s%s%s) AS akko_n FROM %s AS t) AS t",
			     part && *part ? "PARTITION BY " : "", part ? part : "",
			     *order ? arena_sprintf(L->a, "%s%s", part && *part ? " " : "", order) : "", d->n->id);
}

/* The key columns of s (its ROLE_KEY or ROLE_GROUP_BY input ports, fed),
 * comma-separated as d reads them; "" when none. */
static const char *key_list(Lower *L, const AstStep *s, PortRole role)
{
	Sbuf b = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->role == role && (p->dir & PORT_IN) && L->cur_in[i].node)
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", lower_ident(L, L->cur_in[i].col));
	}
	const char *r = arena_strdup(L->a, b.buf ? b.buf : "");
	sbuf_release(&b);
	return r;
}

void lower_dedup(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *keys = key_list(L, s, ROLE_KEY);
	/* SET_KEEP last (DataStage Remove Duplicates, "Duplicate to retain:
	 * Last"): the last row of each key in arrival order is the one whose
	 * number is the key's count */
	bool last = ast_props_value(&s->props, SET_KEEP, VAL_FIRST) == VAL_LAST;
	const char *order = arrival(L, ln, d, s,
				    last ? "which row of a key is its last occurrence"
					 : "which row of a key is its first occurrence");
	const char *from = numbered(L, ln, d, s, keys, order);
	const char *kept = "t.akko_n = 1", *dropped = "t.akko_n > 1";
	if (last) {
		from = arena_sprintf(L->a,
				     "FROM (SELECT t.*, row_number() OVER (%s%s%s) AS akko_n, count(*) OVER (%s%s) "
				     "AS akko_c FROM %s AS t) AS t",
				     *keys ? "PARTITION BY " : "", keys, *order ? arena_sprintf(L->a, "%s%s", *keys ? " " : "", order) : "",
				     *keys ? "PARTITION BY " : "", keys, d->n->id);
		kept = "t.akko_n = t.akko_c";
		dropped = "t.akko_n < t.akko_c";
	}
	lower_add_dep(L, ln, d->n->id);
	lower_pass_all_columns(L, ln, d);
	ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", from, kept);
	for (uint32_t i = 0; i < s->ports.len; i++) { /* a declared output names the column it passes */
		const AstPort *p = s->ports.items[i];
		const char *c = lower_colname(L, p->ref ? p->ref : p->name);
		if ((p->dir & PORT_OUT) && !(p->dir & PORT_IN) && lower_has_col(ln, c))
			si->cols[i] = c;
	}
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_OUTPUT)
			lower_group_node_add(L, si, gr->name, ln);
		if (gr->kind != GROUP_DUPLICATE || !lower_group_read(L, s, gr->name))
			continue;
		LNode *dn = lower_node_new(
		    L, NODE_WHERE, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)), s,
		    lower_rule_for(STEP_DEDUP));
		dn->n->group = gr->name;
		lower_add_dep(L, dn, d->n->id);
		lower_pass_all_columns(L, dn, d);
		dn->tail = arena_sprintf(L->a, "%s\nWHERE %s", from, dropped);
		lower_group_node_add(L, si, gr->name, dn);
		lower_node_add(L, dn);
	}
}

/* ---- numbering ------------------------------------------------------------------------- */

/* A generated port numbering the rows that pass (Alteryx Record ID:
 * "creates a new column and assigns a unique identifier that increments
 * sequentially for each record", https://help.alteryx.com/current/en/designer/tools/preparation/record-id-tool.html):
 * start + row_number() - 1 in arrival order, before the passed columns. */
void lower_numbering(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *order = arrival(L, ln, d, s, "the number each row gets");
	const char *start = lower_prop(s, SET_SEQ_START);
	char *end = NULL;
	long v = start ? strtol(start, &end, 10) : 1;
	if (start && (!end || *end))
		v = 1;
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_GENERATED))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		lower_add_item(L, ln, arena_sprintf(L->a, "CAST(%ld + row_number() OVER (%s) - 1 AS %s)", v, order, type),
			       name, type);
		si->cols[i] = name;
	}
	lower_pass_all_columns(L, ln, d);
}

/* ---- samples by position ----------------------------------------------------------------- */

/* SET_SAMPLE_MODE first / last / skip / every_nth / random with N
 * (SET_SAMPLE_ROWS), per group of the ROLE_GROUP_BY input ports. */
void lower_sample_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	SettingValue mode = ast_props_value(&s->props, SET_SAMPLE_MODE, VAL_NONE);
	const char *nv = lower_prop(s, SET_SAMPLE_ROWS);
	char *end = NULL;
	long n = nv ? strtol(nv, &end, 10) : -1;
	if (!nv || !end || *end || n < 0 || mode == VAL_NONE) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  arena_sprintf(L->a, "the sample's mode '%s' or N '%s' is not converted",
						lower_prop(s, SET_SAMPLE_MODE) ? lower_prop(s, SET_SAMPLE_MODE) : "",
						nv ? nv : ""));
		return;
	}
	lower_add_dep(L, ln, d->n->id);
	lower_pass_all_columns(L, ln, d);
	if (mode == VAL_RANDOM) {
		ln->tail = arena_sprintf(L->a, "FROM %s AS t\nWHERE random() < 1.0 / %ld", d->n->id, n ? n : 1);
		lower_warn(L, ln, W_RULE_DIFFERENCE, s, "a random sample: which rows are kept differs from run to run");
		return;
	}
	const char *keys = key_list(L, s, ROLE_GROUP_BY);
	const char *order = arrival(L, ln, d, s, "which rows a sample keeps");
	const char *from = numbered(L, ln, d, s, keys, order);
	const char *w = mode == VAL_FIRST ? arena_sprintf(L->a, "t.akko_n <= %ld", n)
			: mode == VAL_SKIP ? arena_sprintf(L->a, "t.akko_n > %ld", n)
			: mode == VAL_EVERY_NTH ? arena_sprintf(L->a, "mod(t.akko_n - 1, %ld) = 0", n ? n : 1)
						: arena_sprintf(L->a, "t.akko_n > t.akko_count - %ld", n);
	if (mode == VAL_LAST) /* the count of the group too */
		from = arena_sprintf(
		    L->a,
		    "FROM (SELECT t.*, row_number() OVER (%s%s%s) AS akko_n, count(*) OVER (%s%s) AS akko_count "
		    "FROM %s AS t) AS t",
		    *keys ? "PARTITION BY " : "", keys, *order ? arena_sprintf(L->a, "%s%s", *keys ? " " : "", order) : "",
		    *keys ? "PARTITION BY " : "", keys, d->n->id);
	ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", from, w);
}

/* ---- ports evaluated in order ---------------------------------------------------------- */

/* Does the tree read the name `name` (a column, or a row reference to it)? */
static bool reads_name(const Expr *e, const char *name)
{
	if (!e)
		return false;
	if ((e->kind == EX_NAME || e->kind == EX_ROWREF) && e->name && ascii_ieq(e->name, name))
		return true;
	for (uint32_t i = 0; i < e->nargs; i++)
		if (reads_name(e->args[i], name))
			return true;
	return false;
}

/* One run of ports lowered into `ln` from `d`, as a step of those ports
 * alone (a copy: the AST stays as written). */
static void lower_run(Lower *L, StepInfo *si, const PtrVec *ports, LNode *ln, LNode *d)
{
	AstStep *c = ARENA_NEW(L->a, AstStep);
	*c = *si->s;
	c->ports = *ports;
	StepInfo *ci = ARENA_NEW(L->a, StepInfo);
	*ci = *si;
	ci->s = c;
	ci->d = ci->row_in = d;
	ci->cols = ARENA_NEWN(L->a, const char *, ports->len + 1);
	ci->in = ARENA_NEWN(L->a, ColRef, ports->len + 1);
	StepInfo *saved = L->cur;
	ColRef *saved_in = L->cur_in;
	L->cur = ci;
	L->cur_in = ci->in;
	lower_expression(L, ci, ln, d, true);
	L->cur = saved;
	L->cur_in = saved_in;
}

/* Alteryx Formula: "each expression can use the fields created or changed
 * by the expressions above it" ("Formula Tool", help.alteryx.com).  Ports
 * are taken in order; one that reads a port set in the current run starts
 * a new run, lowered into a node of its own that reads the previous one. */
void lower_ordered_expression(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	PtrVec runs = {0};
	PtrVec *cur = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const ExprParsed *ep = p->expr ? expr_parsed(p->expr) : NULL;
		bool reads = false;
		for (uint32_t k = 0; cur && k < cur->len && !reads; k++)
			reads = ep && reads_name(ep->tree, ((const AstPort *)cur->items[k])->name);
		if (!cur || reads) {
			cur = ARENA_NEW(L->a, PtrVec);
			ptrvec_push(L->a, &runs, cur);
		}
		ptrvec_push(L->a, cur, (void *)p);
	}
	if (runs.len < 2) {
		lower_expression(L, si, ln, d, true);
		return;
	}
	LNode *prev = d;
	for (uint32_t r = 0; r + 1 < runs.len; r++) {
		LNode *rn = lower_node_new(L, NODE_EXPRESSION,
					   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%u", ln->n->id, r + 1)),
					   s, lower_rule_for(STEP_EXPRESSION));
		rn->n->note = "the fields of the step that later fields read, computed first";
		lower_run(L, si, runs.items[r], rn, prev);
		lower_node_add(L, rn);
		if (rn->n->type == NODE_PLACEHOLDER) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, rn->n->note);
			return;
		}
		prev = rn;
	}
	lower_run(L, si, runs.items[runs.len - 1], ln, prev);
	si->d = prev;
}

/* ---- values of other rows ----------------------------------------------------------------- */

typedef struct RowRef {
	const char *name; /* the column */
	int32_t row;      /* rows away */
	const char *col;  /* the stage node's column holding it */
} RowRef;

static void collect_rowrefs(Lower *L, const Expr *e, PtrVec *refs)
{
	if (!e)
		return;
	if (e->kind == EX_ROWREF && e->row) {
		for (uint32_t i = 0; i < refs->len; i++) {
			const RowRef *r = refs->items[i];
			if (r->row == e->row && ascii_ieq(r->name, e->name))
				return;
		}
		RowRef *r = ARENA_NEW(L->a, RowRef);
		r->name = e->name;
		r->row = e->row;
		ptrvec_push(L->a, refs, r);
	}
	for (uint32_t i = 0; i < e->nargs; i++)
		collect_rowrefs(L, e->args[i], refs);
}

/* The tree with each row reference replaced by the stage column holding it. */
static void replace_rowrefs(Expr *e, const PtrVec *refs)
{
	if (!e)
		return;
	if (e->kind == EX_ROWREF && e->row)
		for (uint32_t i = 0; i < refs->len; i++) {
			const RowRef *r = refs->items[i];
			if (r->row == e->row && ascii_ieq(r->name, e->name)) {
				e->kind = EX_NAME;
				e->name = r->col;
				e->row = 0;
				break;
			}
		}
	for (uint32_t i = 0; i < e->nargs; i++)
		replace_rowrefs(e->args[i], refs);
}

bool lower_has_row_refs(const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const ExprParsed *ep = p->expr ? expr_parsed(p->expr) : NULL;
		PtrVec refs = {0};
		if (!ep || !ep->tree)
			continue;
		Arena *a = NULL;
		(void)a;
		/* any row reference away from the current row */
		const Expr *stack[64];
		uint32_t n = 0;
		stack[n++] = ep->tree;
		while (n) {
			const Expr *e = stack[--n];
			if (e->kind == EX_ROWREF && e->row)
				return true;
			for (uint32_t k = 0; k < e->nargs && n < 64; k++)
				stack[n++] = e->args[k];
		}
		(void)refs;
	}
	return false;
}

/* Values of other rows (Alteryx Multi-Row Formula: "[Row-1:Field] ... the
 * value of Field in the row above", https://help.alteryx.com/current/en/designer/tools/preparation/multi-row-formula-tool.html):
 * a node <step>_rows computes each reference once, lag(col, n) or
 * lead(col, n) over the arrival order, partitioned by the ROLE_GROUP_BY
 * input ports, with SET_OUTSIDE_ROWS empty giving 0 or '' past the edge
 * (NULL otherwise); the step's expressions then read those columns.  A
 * port that reads its own value on another row is a recurrence, which
 * goes to review. */
void lower_row_refs(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	PtrVec refs = {0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const ExprParsed *ep = (p->dir & PORT_OUT) && p->expr ? expr_parsed(p->expr) : NULL;
		if (ep)
			collect_rowrefs(L, ep->tree, &refs);
	}
	for (uint32_t k = 0; k < refs.len; k++) {
		const RowRef *r = refs.items[k];
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if ((p->dir & PORT_OUT) && p->expr && ascii_ieq(p->name, r->name)) {
				lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
						  arena_sprintf(L->a,
								"'%s' reads its own value %d row%s away: a recurrence "
								"over the rows, which no rule converts",
								p->name, r->row < 0 ? -r->row : r->row,
								r->row == 1 || r->row == -1 ? "" : "s"));
				return;
			}
		}
	}
	LNode *st = lower_node_new(L, NODE_EXPRESSION,
				   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_rows", ln->n->id)), s,
				   lower_rule_for(STEP_EXPRESSION));
	st->n->note = "the values of other rows the step reads, each computed once";
	const char *order = arrival(L, st, d, s, "which row is the row above or below");
	const char *keys = key_list(L, s, ROLE_GROUP_BY);
	const char *over = arena_sprintf(L->a, "%s%s%s%s", *keys ? "PARTITION BY " : "", keys,
					 *keys && *order ? " " : "", order);
	bool empty = ast_props_value(&s->props, SET_OUTSIDE_ROWS, VAL_NULL) == VAL_EMPTY;
	lower_add_dep(L, st, d->n->id);
	lower_pass_all_columns(L, st, d);
	st->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	st->carry = true;
	st->input = d;
	for (uint32_t k = 0; k < refs.len; k++) {
		RowRef *r = refs.items[k];
		const char *col = lower_colname(L, r->name);
		if (!lower_has_col(d, col)) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a, "field '%s' is not among the incoming fields", r->name));
			return;
		}
		const char *type = lower_col_type(d, col);
		char cls = lower_type_class(lower_expr_type_of(type));
		const char *dflt = !empty ? "" : cls == 'N' ? ", 0" : cls == 'S' ? ", ''" : "";
		r->col = lower_fresh_col(L, st, arena_sprintf(L->a, "akko_row_%s%d_%u", r->row < 0 ? "m" : "p",
							  r->row < 0 ? -r->row : r->row, k + 1));
		lower_add_item(L, st,
			       arena_sprintf(L->a, "%s(t.%s, %d%s) OVER (%s)", r->row < 0 ? "lag" : "lead",
					     lower_ident(L, col), r->row < 0 ? -r->row : r->row, dflt, over),
			       r->col, type);
	}
	lower_node_add(L, st);
	/* the step's ports, their trees reading the stage's columns */
	AstStep *c = ARENA_NEW(L->a, AstStep);
	*c = *s;
	c->ports = (PtrVec){0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const ExprParsed *ep = p->expr ? expr_parsed(p->expr) : NULL;
		if (!ep || !ep->tree || !(p->dir & PORT_OUT)) {
			ptrvec_push(L->a, &c->ports, (void *)p);
			continue;
		}
		AstPort *np = ARENA_NEW(L->a, AstPort);
		*np = *p;
		AstExpr *ne = ARENA_NEW(L->a, AstExpr);
		*ne = *p->expr;
		ExprParsed *pp = ARENA_NEW(L->a, ExprParsed);
		*pp = *ep;
		Expr *tree = expr_clone(L->a, ep->tree);
		replace_rowrefs(tree, &refs);
		pp->tree = tree;
		ne->parsed = pp;
		np->expr = ne;
		ptrvec_push(L->a, &c->ports, np);
	}
	StepInfo *ci = ARENA_NEW(L->a, StepInfo);
	*ci = *si;
	ci->s = c;
	ci->d = ci->row_in = st;
	StepInfo *saved = L->cur;
	L->cur = ci;
	lower_expression(L, ci, ln, st, true);
	L->cur = saved;
	si->d = st;
	/* the stage's columns stay behind */
	PtrVec items = {0}, cols = {0};
	for (uint32_t i = 0; i < ln->n->columns.len; i++) {
		IrColumn *col = ln->n->columns.items[i];
		if (strncmp(col->name, "akko_row_", 9) == 0)
			continue;
		ptrvec_push(L->a, &cols, col);
		if (i < ln->items.len)
			ptrvec_push(L->a, &items, ln->items.items[i]);
	}
	if (ln->items.len == ln->n->columns.len) {
		ln->items = items;
		ln->n->columns = cols;
	}
}

/* ---- running aggregates ---------------------------------------------------------------------- */

bool lower_has_running(const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_OUT) && p->agg_kind != AGG_NONE && !p->expr)
			return true;
	}
	return false;
}

/* A row-wise step whose output ports carry an aggregate kind computes it
 * over the rows so far (Alteryx Running Total): every incoming column,
 * then sum(x) OVER (PARTITION BY the group ports ORDER BY the arrival
 * order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW). */
void lower_running(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *order = arrival(L, ln, d, s, "a running total");
	const char *keys = key_list(L, s, ROLE_GROUP_BY);
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", d->n->id);
	ln->carry = true;
	ln->input = d;
	lower_pass_all_columns(L, ln, d);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || p->agg_kind == AGG_NONE || p->expr)
			continue;
		const char *col = p->ref ? lower_colname(L, p->ref) : "";
		if (p->agg_kind != AGG_SUM || !lower_has_col(d, col)) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a, "the running %s of '%s' is not converted",
							agg_kind_name(p->agg_kind), p->ref ? p->ref : ""));
			return;
		}
		const char *type = p->type.kind == TY_UNKNOWN ? (strcmp(lower_col_type(d, col), "integer") == 0 ||
								  strcmp(lower_col_type(d, col), "smallint") == 0
							      ? "bigint"
							      : lower_col_type(d, col))
							   : pc_pg_type(L->a, &p->type);
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln,
			       arena_sprintf(L->a,
					     "CAST(sum(t.%s) OVER (%s%s%s%s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS %s)",
					     lower_ident(L, col), *keys ? "PARTITION BY " : "", keys,
					     *keys && *order ? " " : "", order, type),
			       name, type);
		si->cols[i] = name;
	}
}

/* ---- columns to rows, rows to columns ------------------------------------------------------ */

/* Key columns stay, each data column becomes a row of Name and Value
 * ("Transpose Tool", help.alteryx.com): the data columns are the ports
 * carrying pivot_key_value, and with a wildcard "*" that is an input
 * every other column that is not a key.  Value keeps the columns' type
 * when they share one, else is text. */
void lower_transpose(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	int w = wildcard(s);
	bool rest = w >= 0 && (((const AstPort *)s->ports.items[w])->dir & PORT_IN);
	PtrVec data = {0};
	for (uint32_t c = 0; c < d->n->columns.len; c++) {
		const IrColumn *col = d->n->columns.items[c];
		bool key = false, listed_data = false;
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (strcmp(lower_colname(L, p->name), col->name) != 0)
				continue;
			key |= p->role == ROLE_KEY;
			listed_data |= ast_props_find(&p->props, SET_PIVOT_KEY_VALUE) != NULL;
		}
		if (key)
			lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, col->name)), col->name, col->type);
		else if (listed_data || (rest && !listed(L, s, col->name)))
			ptrvec_push(L->a, &data, (void *)col);
	}
	if (!data.len) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no data column of the transpose arrives");
		return;
	}
	const char *vt = ((const IrColumn *)data.items[0])->type;
	for (uint32_t k = 1; k < data.len; k++)
		if (strcmp(vt, ((const IrColumn *)data.items[k])->type) != 0)
			vt = "text";
	Sbuf b = SBUF_INIT;
	for (uint32_t k = 0; k < data.len; k++) {
		const IrColumn *col = data.items[k];
		sbuf_addf(&b, "%s(%s, CAST(t.%s AS %s))", k ? ", " : "", lower_sql_string(L, col->name),
			  lower_ident(L, col->name), vt);
	}
	/* the names as the tool writes them: its own output fields */
	lower_add_item(L, ln, "v.name", lower_fresh_col(L, ln, "name"), "text");
	lower_add_item(L, ln, "v.value", lower_fresh_col(L, ln, "value"), vt);
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t\nCROSS JOIN LATERAL (VALUES %s) AS v(name, value)", d->n->id, b.buf);
	sbuf_release(&b);
}

/* The port of s carrying setting `key`, or -1. */
static int port_with(const AstStep *s, Setting key)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (ast_props_find(&((const AstPort *)s->ports.items[i])->props, key))
			return (int)i;
	return -1;
}

bool lower_is_crosstab(const AstStep *s)
{
	int v = port_with(s, SET_PIVOT_VALUE);
	return v >= 0 && ((const AstPort *)s->ports.items[v])->agg_kind != AGG_NONE && port_with(s, SET_PIVOT_KEY) >= 0;
}

/* Rows to columns with an aggregate ("Cross Tab Tool", help.alteryx.com):
 * GROUP BY the ROLE_GROUP_BY ports; each new column, a declared output
 * field (a port of no direction, the export's schema) that is not a group
 * key, is the aggregate of the value over the rows whose key, its
 * characters other than letters, digits and '_' made '_' as the tool makes
 * them into field names, is that column's name. */
void lower_crosstab(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const AstPort *kp = s->ports.items[port_with(s, SET_PIVOT_KEY)];
	const AstPort *vp = s->ports.items[port_with(s, SET_PIVOT_VALUE)];
	const char *kc = lower_colname(L, kp->name), *vc = lower_colname(L, vp->name);
	if (!lower_has_col(d, kc) || !lower_has_col(d, vc)) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the header or data field does not arrive");
		return;
	}
	const char *keys = key_list(L, s, ROLE_GROUP_BY);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->role == ROLE_GROUP_BY && L->cur_in[i].node)
			lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[i].col)),
				       L->cur_in[i].col, lower_col_type(d, L->cur_in[i].col));
	}
	const char *order = vp->agg_kind == AGG_FIRST_ROW || vp->agg_kind == AGG_LAST_ROW || vp->agg_kind == AGG_CONCAT
				? arrival(L, ln, d, s, "which value comes first")
				: "";
	const AstProp *sep = ast_props_find_name(&vp->props, "separator");
	int n = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const char *name = lower_colname(L, p->name);
		if (p->dir || !p->group || lower_has_col(ln, name))
			continue;
		const char *f = arena_sprintf(L->a, "FILTER (WHERE regexp_replace(t.%s::text, '[^A-Za-z0-9_]', '_', 'g') = %s)",
					      lower_ident(L, kc), lower_sql_string(L, p->name));
		const char *v = arena_sprintf(L->a, "t.%s", lower_ident(L, vc));
		const char *e;
		switch (vp->agg_kind) {
		case AGG_SUM: e = arena_sprintf(L->a, "sum(%s) %s", v, f); break;
		case AGG_AVG: e = arena_sprintf(L->a, "avg(%s) %s", v, f); break;
		case AGG_MIN: e = arena_sprintf(L->a, "min(%s) %s", v, f); break;
		case AGG_MAX: e = arena_sprintf(L->a, "max(%s) %s", v, f); break;
		case AGG_COUNT: e = arena_sprintf(L->a, "count(%s) %s", v, f); break;
		case AGG_COUNT_ROWS: e = arena_sprintf(L->a, "count(*) %s", f); break;
		case AGG_CONCAT:
			e = arena_sprintf(L->a, "string_agg(%s::text, %s %s) %s", v, lower_sql_string(L, sep ? sep->value : ","),
					  order, f);
			break;
		case AGG_FIRST_ROW: e = arena_sprintf(L->a, "(array_agg(%s %s) %s)[1]", v, order, f); break;
		default: e = arena_sprintf(L->a, "(array_agg(%s %s) %s)[count(*) %s]", v, order, f, f); break;
		}
		const char *type = p->type.kind == TY_UNKNOWN ? "text" : pc_pg_type(L->a, &p->type);
		lower_add_item(L, ln, arena_sprintf(L->a, "CAST(%s AS %s)", e, type), name, type);
		n++;
	}
	if (!n) {
		lower_warn(L, ln, W_AYX_NO_SCHEMA, s,
			   "the new columns are the header field's values, which the workflow does not record "
			   "(no MetaInfo)");
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the cross tab's new columns are not known");
		return;
	}
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t%s%s", d->n->id, *keys ? "\nGROUP BY " : "", keys);
	ln->n->type = NODE_GROUP_BY;
}

/* ---- generating rows -------------------------------------------------------------------------- */

/* Does `e` name the column `name`? */
static bool is_name(const Expr *e, const char *name)
{
	return e && (e->kind == EX_NAME || (e->kind == EX_ROWREF && !e->row)) && e->name && ascii_ieq(e->name, name);
}

/* Generate Rows ("Generate Rows Tool", https://help.alteryx.com/current/en/designer/tools/preparation/generate-rows-tool.html:
 * "Initialization Expression ... Condition Expression: the loop runs while
 * it is true ... Loop Expression: the value of the next row"): the loop
 * written as a series, when the condition compares the field with a bound
 * (<=, <, >=, >) and the loop adds a number to it (field + k, field - k)
 * or DateTimeAdd(field, k, unit): each input row (or one row, without an
 * input) gives one row per value of generate_series(init, bound, step)
 * that the condition keeps.  Other loops go to review. */
void lower_generate(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	LNode *ln = lower_step_node(L, si, NODE_EXPRESSION, NULL);
	const AstProp *pi = ast_props_find(&s->props, SET_LOOP_INIT), *pc = ast_props_find(&s->props, SET_LOOP_CONDITION),
		      *pn = ast_props_find(&s->props, SET_LOOP_NEXT);
	const AstPort *fp = NULL;
	int fi = -1;
	for (uint32_t i = 0; i < s->ports.len && !fp; i++)
		if (((const AstPort *)s->ports.items[i])->dir & PORT_GENERATED)
			fp = s->ports.items[fi = (int)i];
	LNode *d = NULL;
	for (uint32_t i = 0; i < si->in_edges.len && !d; i++)
		d = lower_edge_node(L, si->in_edges.items[i]);
	const ExprParsed *ci = pi && pi->expr ? expr_parsed(pi->expr) : NULL;
	const ExprParsed *cc = pc && pc->expr ? expr_parsed(pc->expr) : NULL;
	const ExprParsed *cn = pn && pn->expr ? expr_parsed(pn->expr) : NULL;
	const char *why = NULL;
	const Expr *bound = NULL, *step = NULL;
	const char *cmp = NULL, *unit = NULL;
	bool neg = false;
	if (!fp || !ci || !cc || !cn || !ci->tree || !cc->tree || !cn->tree)
		why = "the field or one of its expressions is missing or does not parse";
	else {
		const Expr *c = cc->tree, *n = cn->tree;
		if (c->kind == EX_BINARY && c->nargs == 2 && is_name(c->args[0], fp->name))
			bound = c->args[1], cmp = expr_op_name(c->op);
		if (!bound || !(c->op == OP_LE || c->op == OP_LT || c->op == OP_GE || c->op == OP_GT))
			why = "the condition does not compare the field with a bound";
		else if (n->kind == EX_BINARY && (n->op == OP_ADD || n->op == OP_SUB) && n->nargs == 2 &&
			 is_name(n->args[0], fp->name) && n->args[1]->kind == EX_NUMBER)
			step = n->args[1], neg = n->op == OP_SUB;
		else if (n->kind == EX_CALL && n->name && ascii_ieq(n->name, "DateTimeAdd") && n->nargs == 3 &&
			 is_name(n->args[0], fp->name) && n->args[1]->kind == EX_NUMBER && n->args[2]->kind == EX_STRING)
			step = n->args[1], unit = n->args[2]->text;
		else
			why = "the loop does not add a number to the field";
	}
	if (!why && d) {
		ln->carry = true;
		ln->input = d;
		si->d = si->row_in = d;
	}
	StepInfo *saved = L->cur;
	ColRef *saved_in = L->cur_in;
	si->in = ARENA_NEWN(L->a, ColRef, s->ports.len + 1);
	L->cur = si;
	L->cur_in = si->in;
	L->row_alias = d ? "t" : NULL;
	ExprType ti = XT_UNKNOWN, tb = XT_UNKNOWN;
	const char *init = why ? NULL : lower_translate_part(L, ln, pi->expr, ci->tree, &ti);
	const char *lim = why || !init ? NULL : lower_translate_part(L, ln, pc->expr, bound, &tb);
	L->row_alias = NULL;
	L->cur = saved;
	L->cur_in = saved_in;
	if (!why && (!init || !lim))
		why = "the initial value or the bound does not translate";
	if (why) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, arena_sprintf(L->a, "Generate Rows: %s", why));
		if (d)
			lower_add_dep(L, ln, d->n->id);
		if (d)
			lower_pass_all_columns(L, ln, d);
		if (fp)
			lower_add_col(L, ln, lower_fresh_col(L, ln, lower_colname(L, fp->name)), pc_pg_type(L->a, &fp->type));
		lower_warn(L, ln, W_RULE_FALLBACK, s, "Generate Rows: %s: kept as a placeholder for manual review", why);
		lower_node_add(L, ln);
		return;
	}
	const char *type = pc_pg_type(L->a, &fp->type);
	const char *by = unit ? arena_sprintf(L->a, "make_interval(%s => %s%s)",
					      ascii_ieq(unit, "days") || ascii_ieq(unit, "day") ? "days"
					      : ascii_ieq(unit, "months") || ascii_ieq(unit, "month") ? "months"
					      : ascii_ieq(unit, "years") || ascii_ieq(unit, "year") ? "years"
					      : ascii_ieq(unit, "hours") || ascii_ieq(unit, "hour") ? "hours"
					      : ascii_ieq(unit, "minutes") || ascii_ieq(unit, "minute") ? "mins"
										: "secs",
					      neg ? "-" : "", step->text)
			      : arena_sprintf(L->a, "%s%s", neg ? "-" : "", step->text);
	const char *a0 = unit ? arena_sprintf(L->a, "CAST(%s AS timestamp)", init) : init;
	const char *a1 = unit ? arena_sprintf(L->a, "CAST(%s AS timestamp)", lim) : lim;
	if (d) {
		lower_add_dep(L, ln, d->n->id);
		lower_pass_all_columns(L, ln, d);
	}
	const char *name = lower_fresh_col(L, ln, lower_colname(L, fp->name));
	lower_add_item(L, ln, arena_sprintf(L->a, "CAST(g.v AS %s)", type), name, type);
	si->cols[fi] = name;
	ln->tail = arena_sprintf(L->a, "%s%sgenerate_series(%s, %s, %s) AS g(v)\nWHERE g.v %s %s",
				 d ? arena_sprintf(L->a, "FROM %s AS t\nCROSS JOIN LATERAL ", d->n->id) : "FROM ", "", a0,
				 a1, by, cmp, a1);
	ln->carry = false;
	ln->n->note = "the loop as a series of values";
	lower_node_add(L, ln);
}

/* ---- a step's own assertions --------------------------------------------------------------- */

/* The assertion groups of an observing step (a Test or Message tool):
 * each a quality check of type assertion over the node its input reads,
 * one SELECT of one boolean (docs/pipeline-yaml.md, "Quality checks"). */
void lower_assertions(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	uint32_t k = 0;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_ASSERTION)
			continue;
		k++;
		LNode *in = NULL;
		for (uint32_t i = 0; i < si->in_edges.len && !in; i++) {
			const AstEdge *e = si->in_edges.items[i];
			if (!gr->of_input || !e->to_group || ascii_ieq(e->to_group, gr->of_input) || si->in_edges.len == 1)
				in = lower_edge_node(L, e);
		}
		SettingValue what = ast_props_value(&gr->props, SET_ASSERTION, VAL_NONE);
		const char *why = NULL, *sql = NULL;
		LNode *tmp = lower_node_new(L, NODE_WHERE, "akko_assertion", s, NULL);
		if (!in || in->n->type == NODE_PLACEHOLDER)
			why = in ? "the node it reads is a placeholder" : "its input is not connected";
		else if (what == VAL_ROW_COUNT) {
			char *end = NULL;
			const char *v = gr->cond ? gr->cond->text : "";
			long n = strtol(v, &end, 10);
			if (!*v || !end || *str_trim(str_from(end)).ptr)
				why = arena_sprintf(L->a, "the expected count '%s' is not a number", v);
			else
				sql = arena_sprintf(L->a, "SELECT count(*) = %ld FROM %s", n, in->n->id);
		} else if (what == VAL_ALL_ROWS || what == VAL_NO_ROWS || what == VAL_FIRST_ROW) {
			StepInfo *saved = L->cur;
			ColRef *saved_in = L->cur_in;
			si->row_in = si->d = in;
			si->in = ARENA_NEWN(L->a, ColRef, s->ports.len + 1);
			L->cur = si;
			L->cur_in = si->in;
			L->row_alias = "t";
			const char *c = gr->cond ? lower_translate(L, tmp, gr->cond, "assertion", true, false, NULL) : NULL;
			L->row_alias = NULL;
			L->cur = saved;
			L->cur_in = saved_in;
			if (!c)
				why = "its expression does not translate";
			else if (what == VAL_ALL_ROWS) /* "true for all records": NULL is not true */
				sql = arena_sprintf(L->a, "SELECT count(*) FILTER (WHERE (%s) IS NOT TRUE) = 0 FROM %s AS t", c,
						    in->n->id);
			else if (what == VAL_NO_ROWS)
				sql = arena_sprintf(L->a, "SELECT count(*) FILTER (WHERE (%s) IS TRUE) = 0 FROM %s AS t", c,
						    in->n->id);
			else {
				const char *o = arrival(L, tmp, in, s, "the test's first record");
				sql = arena_sprintf(L->a, "SELECT coalesce((array_agg((%s) IS TRUE %s))[1], true) FROM %s AS t",
						    c, o, in->n->id);
			}
		} else
		{
			const AstProp *tp = ast_props_find(&gr->props, SET_ASSERTION);
			why = arena_sprintf(L->a, "a test of type '%s' is not converted",
					    tp && tp->value ? tp->value : "");
		}
		if (!sql) {
			lower_warn(L, NULL, W_AYX_TEST, s, "test '%s': %s", gr->name, why);
			continue;
		}
		IrCheck *c = ARENA_NEW(L->a, IrCheck);
		c->type = CHECK_ASSERTION;
		c->node = in->n->id;
		c->id = ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "test_%s_%u", s->name, k));
		c->sql = sql;
		c->message = gr->name;
		ptrvec_push(L->a, &L->p->checks, c);
	}
}
