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

/* The first two input groups of the step, in order (gn), the nodes their
 * connections read (NULL when not connected) and their keys (join_side). */
static void two_sides(Lower *L, StepInfo *si, const char *gn[2], LNode **l, LNode **r, PtrVec *lk, PtrVec *rk)
{
	const AstStep *s = si->s;
	for (uint32_t g = 0, k = 0; g < s->groups.len && k < 2; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == GROUP_INPUT)
			gn[k++] = ((const AstGroup *)s->groups.items[g])->name;
	*l = gn[0] ? join_side(L, si, gn[0], lk) : NULL;
	*r = gn[1] ? join_side(L, si, gn[1], rk) : NULL;
}

/* Each output group of the step reads node ln. */
static void outputs_read(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_OUTPUT)
			lower_group_node_add(L, si, gr->name, ln);
	}
}

/* `v` with every occurrence of the text `key` replaced by `by` (SQL
 * expressions), ignoring case with `ci`, only as a whole word with
 * `word`: the key's punctuation escaped into a pattern, the replacement's
 * backslashes doubled. */
static const char *any_replaced(Lower *L, const char *v, const char *key, const char *by, bool ci, bool word)
{
	const char *pat = arena_sprintf(L->a, "regexp_replace(%s::text, '([^[:alnum:]_[:space:]])', '\\\\\\1', 'g')", key);
	if (word)
		pat = arena_sprintf(L->a, "'\\y' || %s || '\\y'", pat);
	return arena_sprintf(L->a, "regexp_replace(%s::text, %s, replace(%s::text, '\\', '\\\\'), '%s')", v, pat, by,
			     ci ? "gi" : "g");
}

bool lower_is_text_lookup(const AstStep *s)
{
	return ast_props_find(&s->props, SET_TEXT_LOOKUP) != NULL;
}

/* A text lookup (SET_TEXT_LOOKUP; the Alteryx Find Replace tool,
 * src/parsers/alteryx_parse.c): each row of the first input (t) takes the
 * first row of the second (r, in arrival order) whose key text is its key
 * (find_whole), begins it (find_begin) or is in it (find_any), ignoring
 * case with `case_insensitive` (lower() of both), as a whole word with
 * `whole_word` (a regular expression of the key, its punctuation escaped,
 * between non-word characters or the ends); an empty key finds nothing.
 * A LEFT JOIN LATERAL ... LIMIT 1, so a row that finds nothing passes with
 * NULLs.  The `replace_with` port replaces the found text in the key
 * column by its column's value (the entire text, or its beginning); each
 * `append` port adds its column. */
void lower_text_lookup(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	const char *gn[2] = {NULL, NULL};
	PtrVec lk = {0}, rk = {0};
	LNode *l = NULL, *r = NULL;
	two_sides(L, si, gn, &l, &r, &lk, &rk);
	if (!l || !r || !lk.len || !rk.len) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the lookup lacks one of its two inputs or keys");
		return;
	}
	const char *f = lk.items[0], *k = rk.items[0];
	if (!lower_has_col(l, f) || !lower_has_col(r, k)) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  arena_sprintf(L->a, "the field '%s' or '%s' is not among the incoming fields", f, k));
		return;
	}
	const AstProp *tp = ast_props_find(&s->props, SET_TEXT_LOOKUP);
	bool ci = ast_props_find_name(&s->props, "case_insensitive") != NULL;
	bool word = ast_props_find_name(&s->props, "whole_word") != NULL;
	const char *tf = arena_sprintf(L->a, "t.%s", lower_ident(L, f)), *rk_ = arena_sprintf(L->a, "r.%s", lower_ident(L, k));
	const char *a = ci ? arena_sprintf(L->a, "lower(%s::text)", tf) : arena_sprintf(L->a, "%s::text", tf);
	const char *b = ci ? arena_sprintf(L->a, "lower(%s::text)", rk_) : arena_sprintf(L->a, "%s::text", rk_);
	const char *cond;
	if (word && tp->norm != VAL_FIND_WHOLE) {
		const char *quoted = arena_sprintf(L->a, "regexp_replace(%s::text, '([^[:alnum:]_[:space:]])', '\\\\\\1', 'g')", rk_);
		cond = arena_sprintf(L->a, "%s::text %s (%s || %s || '([^[:alnum:]_]|$)')", tf, ci ? "~*" : "~",
				     tp->norm == VAL_FIND_BEGIN ? "'^'" : "'(^|[^[:alnum:]_])'", quoted);
	} else if (tp->norm == VAL_FIND_WHOLE)
		cond = arena_sprintf(L->a, "%s = %s", a, b);
	else
		cond = arena_sprintf(L->a, "strpos(%s, %s) %s", a, b, tp->norm == VAL_FIND_BEGIN ? "= 1" : "> 0");
	if (tp->norm != VAL_FIND_WHOLE)
		cond = arena_sprintf(L->a, "%s <> '' AND %s", b, cond);
	const char *order = arrival(L, ln, r, s, "the lookup row a record takes when several match");
	Sbuf sel = SBUF_INIT;
	sbuf_addf(&sel, "true AS akko_found, %s AS akko_key", rk_);
	const AstPort *with = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!p->ref || !(p->dir & PORT_OUT))
			continue;
		const char *c = lower_colname(L, p->ref);
		if (!lower_has_col(r, c)) {
			sbuf_release(&sel);
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a, "the lookup table's field '%s' does not arrive", p->ref));
			return;
		}
		if (ast_props_find_name(&p->props, "replace_with"))
			with = p;
		sbuf_addf(&sel, ", r.%s AS akko_%u", lower_ident(L, c), i);
	}
	bool multiple = with && ast_props_find_name(&s->props, "multiple");
	for (uint32_t c = 0; c < l->n->columns.len; c++) {
		const IrColumn *col = l->n->columns.items[c];
		const char *v = arena_sprintf(L->a, "t.%s", lower_ident(L, col->name));
		if (with && strcmp(col->name, f) == 0) {
			uint32_t wi = 0;
			while (s->ports.items[wi] != with)
				wi++;
			v = multiple ? arena_sprintf(L->a, "CAST(x.akko_value AS %s)", col->type)
			    : tp->norm == VAL_FIND_ANY
				? arena_sprintf(L->a, "CASE WHEN x.akko_found THEN CAST(%s AS %s) ELSE %s END",
						any_replaced(L, v, "x.akko_key", arena_sprintf(L->a, "x.akko_%u", wi), ci, word),
						col->type, v)
			    : tp->norm == VAL_FIND_WHOLE
				? arena_sprintf(L->a, "CASE WHEN x.akko_found THEN CAST(x.akko_%u AS %s) ELSE %s END", wi,
						col->type, v)
				: arena_sprintf(L->a,
						"CASE WHEN x.akko_found THEN CAST(x.akko_%u::text || substr(%s::text, "
						"char_length(x.akko_key::text) + 1) AS %s) ELSE %s END",
						wi, v, col->type, v);
		}
		lower_add_item(L, ln, v, col->name, col->type);
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->ref && (p->dir & PORT_OUT) && ast_props_find_name(&p->props, "append"))
			lower_add_item(L, ln, arena_sprintf(L->a, "x.akko_%u", i),
				       lower_fresh_col(L, ln, lower_colname(L, p->name)),
				       lower_col_type(r, lower_colname(L, p->ref)));
	}
	lower_add_dep(L, ln, l->n->id);
	lower_add_dep(L, ln, r->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t\nLEFT JOIN LATERAL (SELECT %s FROM %s AS r WHERE %s%s%s LIMIT 1) AS x ON true",
				 l->n->id, sel.buf, r->n->id, cond, *order ? " " : "", order);
	if (multiple) {
		/* every term found, one after the other in the table's order: a
		 * recursive query over the table's rows numbered */
		ln->tail = arena_sprintf(
		    L->a,
		    "FROM %s AS t\nLEFT JOIN LATERAL (WITH RECURSIVE q AS (SELECT row_number() OVER (%s) AS n, %s::text AS k, "
		    "r.%s::text AS v FROM %s AS r), a(n, v) AS (SELECT 0::bigint, t.%s::text UNION ALL SELECT a.n + 1, "
		    "CASE WHEN q.k <> '' THEN %s ELSE a.v END FROM a JOIN q ON q.n = a.n + 1) SELECT a.v AS akko_value FROM a "
		    "ORDER BY a.n DESC LIMIT 1) AS x ON true",
		    l->n->id, order, rk_, lower_ident(L, lower_colname(L, with->ref)), r->n->id, lower_ident(L, f),
		    any_replaced(L, "a.v", "q.k", "q.v", ci, word));
	}
	sbuf_release(&sel);
	outputs_read(L, si, ln);
}

bool lower_is_multi_join(const AstStep *s)
{
	return ast_props_find_name(&s->props, "numbered_inputs") != NULL;
}

/* The number after '#' in an input group's name ("#2"), 0 when none. */
static long input_number(const char *name)
{
	const char *h = strchr(name, '#');
	return h ? strtol(h + 1, NULL, 10) : 0;
}

/* A join of any number of link-level inputs, numbered #1, #2... (the
 * prop `numbered_inputs` holds the prefix of their duplicate fields,
 * "Input_#"; Alteryx Join Multiple, src/parsers/alteryx_parse.c): on the
 * key ports of each input at sort positions 1..n, or with `by_position`
 * on the rows' positions in arrival order; a full outer join (each later
 * input compared with the first non-NULL key of those before it) unless
 * SET_JOIN_TYPE says inner.  Columns: each input's in order, a port of the
 * input's group naming a column renames or drops it, the rest follows the
 * wildcard port; a column whose name an earlier input has takes the
 * prefix and the input's number. */
void lower_multi_join(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	/* the inputs: the connections named #1, #2... (or reaching anchors
	 * of those names), by number */
	const char *gn[64];
	const AstEdge *ge[64];
	uint32_t n = 0;
	for (uint32_t i = 0; i < si->in_edges.len && n < 64; i++) {
		const AstEdge *e = si->in_edges.items[i];
		const char *name = e->name && input_number(e->name) > 0 ? e->name : e->to_group;
		if (name && input_number(name) > 0) {
			ge[n] = e;
			gn[n++] = name;
		}
	}
	for (uint32_t i = 1; i < n; i++) /* by input number */
		for (uint32_t j = i; j > 0 && input_number(gn[j - 1]) > input_number(gn[j]); j--) {
			const char *x = gn[j];
			const AstEdge *y = ge[j];
			gn[j] = gn[j - 1];
			ge[j] = ge[j - 1];
			gn[j - 1] = x;
			ge[j - 1] = y;
		}
	bool pos = ast_props_find_name(&s->props, "by_position") != NULL;
	bool inner = ast_props_value(&s->props, SET_JOIN_TYPE, VAL_FULL_OUTER) == VAL_INNER;
	const char *prefix = ast_props_find_name(&s->props, "numbered_inputs")->value;
	LNode *side[64];
	PtrVec keys[64];
	memset(keys, 0, sizeof keys);
	for (uint32_t k = 0; k < n; k++) {
		side[k] = lower_edge_node(L, ge[k]);
		for (int p = 1; p <= (int)s->ports.len; p++)
			for (uint32_t i = 0; i < s->ports.len; i++) {
				const AstPort *kp = s->ports.items[i];
				if (kp->sort_key && kp->sort_pos == p && kp->group && strcmp(kp->group, gn[k]) == 0)
					ptrvec_push(L->a, &keys[k], (void *)lower_colname(L, kp->name));
			}
		if (!side[k] || (!pos && (!keys[k].len || keys[k].len != keys[0].len))) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a, "input '%s' of the join is not connected or has no join fields", gn[k]));
			return;
		}
		for (uint32_t j = 0; j < keys[k].len; j++)
			if (!lower_has_col(side[k], keys[k].items[j])) {
				lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
						  arena_sprintf(L->a, "join key '%s' of input '%s' is not among its fields",
								(const char *)keys[k].items[j], gn[k]));
				return;
			}
	}
	if (n < 2) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the join has fewer than two inputs");
		return;
	}
	int w = wildcard(s);
	bool rest = w < 0 || (((const AstPort *)s->ports.items[w])->dir & PORT_OUT);
	Sbuf from = SBUF_INIT;
	for (uint32_t k = 0; k < n; k++) {
		const char *rel = pos ? arena_sprintf(L->a, "(SELECT t.*, row_number() OVER (%s) AS akko_n FROM %s AS t)",
						      arrival(L, ln, side[k], s, "a join by record position"), side[k]->n->id)
				      : side[k]->n->id;
		if (!k) {
			sbuf_addf(&from, "FROM %s AS i1", rel);
			continue;
		}
		sbuf_addf(&from, "\n%s JOIN %s AS i%u ON ", inner ? "" : "FULL", rel, k + 1);
		uint32_t nk = pos ? 1 : keys[0].len;
		for (uint32_t j = 0; j < nk; j++) {
			Sbuf before = SBUF_INIT;
			for (uint32_t b = 0; b < (inner ? 1 : k); b++)
				sbuf_addf(&before, "%si%u.%s", b ? ", " : "", b + 1,
					  lower_ident(L, pos ? "akko_n" : (const char *)keys[b].items[j]));
			sbuf_addf(&from, "%s%s%s%s = i%u.%s", j ? " AND " : "", k > 1 && !inner ? "coalesce(" : "", before.buf,
				  k > 1 && !inner ? ")" : "", k + 1, lower_ident(L, pos ? "akko_n" : (const char *)keys[k].items[j]));
			sbuf_release(&before);
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		LNode *x = side[k];
		for (uint32_t c = 0; c < x->n->columns.len; c++) {
			const IrColumn *col = x->n->columns.items[c];
			const AstPort *named = NULL;
			for (uint32_t i = 0; i < s->ports.len && !named; i++) {
				const AstPort *p = s->ports.items[i];
				if ((p->dir & PORT_PASS) && p->ref && p->group && strcmp(p->group, gn[k]) == 0 &&
				    strcmp(lower_colname(L, p->ref), col->name) == 0)
					named = p;
			}
			if (named ? !(named->dir & PORT_OUT) : !rest)
				continue;
			const char *name = named ? lower_colname(L, named->name) : col->name;
			bool own = !named || ast_props_find_name(&named->props, "default_name");
			if (own && k && lower_has_col(ln, name))
				name = lower_colname(L, arena_sprintf(L->a, "%s%ld_%s", prefix, input_number(gn[k]), name));
			lower_add_item(L, ln, arena_sprintf(L->a, "i%u.%s", k + 1, lower_ident(L, col->name)),
				       lower_fresh_col(L, ln, name), col->type);
		}
		lower_add_dep(L, ln, x->n->id);
	}
	ln->tail = arena_strdup(L->a, from.buf);
	sbuf_release(&from);
	outputs_read(L, si, ln);
}

/* A join of two link-level inputs on key pairs (the ports of input groups
 * `left` and `right` at sort positions 1..n): the matched pairs (left's
 * columns, then right's, a right column whose name left has taking
 * SET_DUPLICATE_PREFIX), and, for the unmatched output groups that are
 * read, the rows of each side that nothing matches (NOT EXISTS). */
void lower_key_join(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	const char *gn[2] = {NULL, NULL};
	PtrVec lk = {0}, rk = {0};
	LNode *l = NULL, *r = NULL;
	two_sides(L, si, gn, &l, &r, &lk, &rk);
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
			bool own = !named || ast_props_find_name(&named->props, "default_name");
			if (own && side && lower_has_col(ln, name) && prefix)
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
	outputs_read(L, si, ln); /* the joined output's own anchor name */
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

bool lower_is_tile(const AstStep *s)
{
	return ast_props_find(&s->props, SET_TILE) != NULL;
}

/* The output port of s carrying the prop named `what`, or NULL. */
static const AstPort *marked_port(const AstStep *s, const char *what)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (ast_props_find_name(&((const AstPort *)s->ports.items[i])->props, what))
			return s->ports.items[i];
	return NULL;
}

/* Rows numbered into tiles (SET_TILE; "Tile Tool", help.alteryx.com,
 * src/parsers/alteryx_parse.c): every incoming column, then the tile
 * (the port marked `tile`) and the row's place in it (`tile_sequence`, in
 * arrival order), per group of the ROLE_GROUP_BY ports.  The tile is
 * computed in a derived table over the rows numbered in arrival order
 * (akko_n): ntile for equal counts, dense_rank of the key ports for one
 * tile per value (or of the first row each value arrives on), a CASE of
 * the upper limits for cutoffs (NULL for a NULL value). */
void lower_tile(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const AstProp *tp = ast_props_find(&s->props, SET_TILE);
	const char *keys = key_list(L, s, ROLE_KEY), *groups = key_list(L, s, ROLE_GROUP_BY);
	const char *order = arrival(L, ln, d, s, "the Tile tool's numbering");
	const char *part = *groups ? arena_sprintf(L->a, "PARTITION BY %s ", groups) : "";
	const char *tile = NULL;
	if (tp->norm == VAL_EQUAL_ROWS) {
		char *end = NULL;
		long n = strtol(tp->value, &end, 10);
		if (n >= 1 && end && !*end)
			tile = arena_sprintf(L->a, "ntile(%ld) OVER (%sORDER BY t.akko_n)", n, part);
	} else if (tp->norm == VAL_BY_VALUE && *keys)
		tile = arena_sprintf(L->a, "dense_rank() OVER (%sORDER BY %s)", part, keys);
	else if (tp->norm == VAL_FIRST && *keys)
		tile = arena_sprintf(L->a, "dense_rank() OVER (%sORDER BY t.akko_first)", part);
	else if (tp->norm == VAL_CUTOFFS && *keys && !strchr(keys, ',')) {
		Sbuf b = SBUF_INIT;
		int k = 0;
		for (const char *c = tp->value; *c;) {
			size_t len = strcspn(c, "\r\n");
			Str v = str_trim((Str){c, len});
			char *end = NULL;
			const char *lit = v.len ? arena_strndup(L->a, v.ptr, v.len) : NULL;
			if (lit && (strtod(lit, &end), end && !*end))
				sbuf_addf(&b, " WHEN %s <= %s THEN %d", keys, lit, ++k);
			else if (lit)
				k = -1000;
			c += len;
			c += strspn(c, "\r\n");
		}
		if (k > 0)
			tile = arena_sprintf(L->a, "CASE WHEN %s IS NULL THEN NULL%s ELSE %d END", keys, b.buf, k + 1);
		sbuf_release(&b);
	}
	if (!tile) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the tile settings are incomplete (fields, count or cutoffs)");
		return;
	}
	const char *rows = arena_sprintf(L->a, "SELECT t.*, row_number() OVER (%s) AS akko_n FROM %s AS t", order, d->n->id);
	if (tp->norm == VAL_FIRST) /* the first row each value arrives on */
		rows = arena_sprintf(L->a, "SELECT t.*, min(t.akko_n) OVER (%sPARTITION BY %s) AS akko_first FROM (%s) AS t",
				     "", *groups ? arena_sprintf(L->a, "%s, %s", groups, keys) : keys, rows);
	lower_add_dep(L, ln, d->n->id);
	lower_pass_all_columns(L, ln, d);
	const AstPort *tn = marked_port(s, "tile"), *sq = marked_port(s, "tile_sequence");
	lower_add_item(L, ln, "t.akko_tile", lower_fresh_col(L, ln, lower_colname(L, tn ? tn->name : "Tile_Num")),
		       "integer");
	lower_add_item(L, ln,
		       arena_sprintf(L->a, "CAST(row_number() OVER (PARTITION BY %st.akko_tile ORDER BY t.akko_n) AS integer)",
				     *groups ? arena_sprintf(L->a, "%s, ", groups) : ""),
		       lower_fresh_col(L, ln, lower_colname(L, sq ? sq->name : "Tile_SequenceNum")), "integer");
	ln->tail = arena_sprintf(L->a, "FROM (SELECT t.*, CAST(%s AS integer) AS akko_tile FROM (%s) AS t) AS t", tile, rows);
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
	/* an output that lists its columns (a DataStage stage's output link:
	 * its Mapping tab names, for each column, the input column it takes,
	 * possibly under another name) carries those; one that passes its
	 * input on (AstGroup.passes_all), or lists none, every input column */
	bool listed = false;
	for (uint32_t i = 0; i < s->ports.len && !lower_passes_all(s, GROUP_OUTPUT); i++) {
		const AstPort *p = s->ports.items[i];
		listed |= (p->dir & PORT_OUT) && !(p->dir & (PORT_IN | PORT_GENERATED));
	}
	if (!listed) {
		lower_pass_all_columns(L, ln, d);
		return;
	}
	lower_refs_to_inputs(L, s);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || (p->dir & (PORT_IN | PORT_GENERATED)))
			continue;
		for (uint32_t k = 0; k < s->ports.len && !L->cur_in[i].node; k++) /* else the input of its name */
			if ((((const AstPort *)s->ports.items[k])->dir & PORT_IN) && L->cur_in[k].node &&
			    ascii_ieq(((const AstPort *)s->ports.items[k])->name, p->name))
				L->cur_in[i] = L->cur_in[k];
		if (!L->cur_in[i].node) {
			lower_placeholder(L, ln, CONV_UNSUPPORTED,
					  arena_sprintf(L->a, "output column '%s' takes no input column", p->name));
			return;
		}
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		lower_add_item(L, ln, lower_passed_value(L, ln, p, &L->cur_in[i], type), name, type);
		si->cols[i] = name;
	}
}

/* ---- samples by position ----------------------------------------------------------------- */

/* SET_SAMPLE_MODE split (Alteryx Create Samples): the rows numbered in
 * arrival order, then ordered by md5 of the seed and that number (a
 * pseudo-random order that every sink's query repeats, so the outputs
 * share the rows out without overlap), and cut at the cumulative shares of
 * the output groups' SET_SAMPLE_PERCENT: a group takes the rows ranked
 * above ceil(N * lower / 100) up to ceil(N * upper / 100) (so with 50/50
 * and an odd N the first has one more row), a group without a percentage
 * the rest.  The first output group is ln, each other one read a node
 * <id>_<group>. */
static void sample_split(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *seed = lower_prop(s, SET_RANDOM_SEED);
	const char *order = arrival(L, ln, d, s, "which rows each sample gets");
	const char *from = arena_sprintf(
	    L->a,
	    "FROM (SELECT t.*, row_number() OVER (ORDER BY md5(%s || t.akko_n::text), t.akko_n) AS akko_r, "
	    "count(*) OVER () AS akko_count\n"
	    "FROM (SELECT t.*, row_number() OVER (%s) AS akko_n FROM %s AS t) AS t) AS t",
	    lower_sql_string(L, arena_sprintf(L->a, "%s:", seed ? seed : "1")), order, d->n->id);
	double lo = 0;
	bool first = true;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_OUTPUT)
			continue;
		const AstProp *pp = ast_props_find(&gr->props, SET_SAMPLE_PERCENT);
		double hi = pp ? lo + strtod(pp->value, NULL) : -1;
		const char *w = lo > 0 ? arena_sprintf(L->a, "t.akko_r > ceil(t.akko_count * %g / 100.0)", lo) : NULL;
		if (pp)
			w = arena_sprintf(L->a, "%s%st.akko_r <= ceil(t.akko_count * %g / 100.0)", w ? w : "",
					  w ? " AND " : "", hi);
		LNode *n = ln;
		if (!first) {
			if (!lower_group_read(L, s, gr->name)) {
				lo = hi;
				continue;
			}
			n = lower_node_new(L, NODE_WHERE,
					   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)),
					   s, lower_rule_for(STEP_SAMPLE));
			n->n->group = gr->name;
			lower_add_dep(L, n, d->n->id);
			lower_pass_all_columns(L, n, d);
		}
		n->tail = arena_sprintf(L->a, "%s%s%s", from, w ? "\nWHERE " : "", w ? w : "");
		lower_group_node_add(L, si, gr->name, n);
		if (!first)
			lower_node_add(L, n);
		first = false;
		lo = hi;
	}
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "a random split: the counts follow the percentages, but which rows each sample gets differs "
		   "from Designer's draw (the SQL orders the rows by md5 of the seed and their arrival number)");
}

/* SET_SAMPLE_MODE oversample (Alteryx Oversample Field): every row where
 * the SET_FILTER_CONDITION holds, K of them, and of the others the first
 * floor(K * (100 - p) / p) in the seeded md5 order of sample_split, so that
 * those rows are p% (SET_SAMPLE_PERCENT) of the output. */
static void sample_oversample(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const AstProp *cp = ast_props_find(&s->props, SET_FILTER_CONDITION);
	const char *pct = lower_prop(s, SET_SAMPLE_PERCENT), *seed = lower_prop(s, SET_RANDOM_SEED);
	const char *c = cp && cp->expr ? lower_translate(L, ln, cp->expr, "the value to oversample", true, false, NULL)
				       : NULL;
	if (!c || !pct) {
		if (ln->n->type != NODE_PLACEHOLDER)
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the oversample's condition or percentage is not converted");
		return;
	}
	const char *order = arrival(L, ln, d, s, "which of the other rows the sample keeps");
	ln->tail = arena_sprintf(
	    L->a,
	    "FROM (SELECT t.*, (%s) IS TRUE AS akko_pos, row_number() OVER (PARTITION BY (%s) IS TRUE ORDER BY "
	    "md5(%s || t.akko_n::text), t.akko_n) AS akko_r, count(*) FILTER (WHERE (%s) IS TRUE) OVER () AS akko_k\n"
	    "FROM (SELECT t.*, row_number() OVER (%s) AS akko_n FROM %s AS t) AS t) AS t\n"
	    "WHERE t.akko_pos OR t.akko_r <= floor(t.akko_k * (100 - %s) / %s::numeric)",
	    c, c, lower_sql_string(L, arena_sprintf(L->a, "%s:", seed ? seed : "1")), c, order, d->n->id, pct, pct);
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "a random sample of the other rows: which of them are kept differs from Designer's draw, and "
		   "their number is rounded down (the documentation does not say how it rounds)");
}

/* SET_SAMPLE_MODE first / last / skip / every_nth / random with N
 * (SET_SAMPLE_ROWS), per group of the ROLE_GROUP_BY input ports; split
 * (sample_split); oversample (sample_oversample). */
void lower_sample_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	SettingValue mode = ast_props_value(&s->props, SET_SAMPLE_MODE, VAL_NONE);
	if (mode == VAL_SPLIT) {
		lower_add_dep(L, ln, d->n->id);
		lower_pass_all_columns(L, ln, d);
		sample_split(L, si, ln, d);
		return;
	}
	if (mode == VAL_OVERSAMPLE) {
		lower_add_dep(L, ln, d->n->id);
		lower_pass_all_columns(L, ln, d);
		sample_oversample(L, si, ln, d);
		return;
	}
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
static int port_with(const AstStep *s, Setting key);

bool lower_is_split_rows(const AstStep *s)
{
	return port_with(s, SET_SPLIT_ROWS) >= 0;
}

/* A field split into rows ("Text To Columns Tool", "Split to rows: split a
 * single column of data at each instance of the specified delimiter into
 * multiple rows"; "RegEx Tool", Tokenize, "Split to rows"): each incoming
 * row repeated once per piece of the field, the field holding the piece,
 * the other fields unchanged, in their place.  The split port's
 * SET_SPLIT_ROWS prop holds the pattern in its language's syntax (its
 * expression, the field, gives the language), its norm says how:
 * VAL_PIECES the pieces between matches (regexp_split_to_table),
 * VAL_MATCHES each match or its first marked group (regexp_matches);
 * `skip_empty` leaves out empty pieces.  A NULL field gives no row. */
void lower_split_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const AstPort *p = s->ports.items[port_with(s, SET_SPLIT_ROWS)];
	const AstProp *sp = ast_props_find(&p->props, SET_SPLIT_ROWS);
	const char *col = lower_colname(L, p->ref ? p->ref : p->name);
	const Language *lang = p->expr ? expr_language(p->expr->lang) : NULL;
	if (!lower_has_col(d, col)) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  arena_sprintf(L->a, "the field '%s' to split does not arrive", p->ref ? p->ref : p->name));
		return;
	}
	const char *why = "the language has no regular expressions", *differs = NULL;
	int groups = 0;
	const char *re = lang && lang->regex ? lang->regex(L->a, sp->value, &why, &differs, &groups) : NULL;
	if (!re) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  arena_sprintf(L->a, "the pattern '%s' is not translated: %s", sp->value, why));
		return;
	}
	if (differs)
		lower_warn(L, ln, W_AYX_REGEX, s, "the pattern '%s': %s", sp->value, differs);
	bool icase = ast_props_find_name(&p->props, "case_insensitive") != NULL;
	bool skip = ast_props_find_name(&p->props, "skip_empty") != NULL;
	const char *lit = lower_sql_string(L, arena_sprintf(L->a, "%s%s", icase ? "(?i)" : "", re));
	const char *from = sp->norm == VAL_MATCHES
			       ? arena_sprintf(L->a, "CROSS JOIN LATERAL regexp_matches(t.%s, %s, 'g') AS x(m)",
					       lower_ident(L, col), lit)
			       : arena_sprintf(L->a, "CROSS JOIN LATERAL regexp_split_to_table(t.%s, %s) AS x(v)",
					       lower_ident(L, col), lit);
	const char *v = sp->norm == VAL_MATCHES ? "x.m[1]" : "x.v";
	for (uint32_t c = 0; c < d->n->columns.len; c++) {
		const IrColumn *ic = d->n->columns.items[c];
		bool it = strcmp(ic->name, col) == 0;
		lower_add_item(L, ln, it ? v : arena_sprintf(L->a, "t.%s", lower_ident(L, ic->name)), ic->name,
			       it ? "text" : ic->type);
	}
	lower_add_dep(L, ln, d->n->id);
	ln->tail = arena_sprintf(L->a, "FROM %s AS t\n%s%s", d->n->id, from,
				 skip ? arena_sprintf(L->a, "\nWHERE %s <> ''", v) : "");
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
