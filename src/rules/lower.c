/* pc_rules.c - PowerCenter data flows to pipeline nodes (src/rules).
 *
 * One mapping becomes one IrPipeline.  Steps are lowered in dependency
 * order; each rule builds a node whose SQL reads the nodes of its inputs
 * under the alias `t` (or `d`/`m` for a Joiner's detail and master), so
 * the nodes compose into WITH ... SELECT per sink (docs/pipeline-yaml.md).
 *
 * A SQL node is kept as parts (select items, the rest) until the whole
 * mapping is lowered, because a later step may need an earlier passive
 * node to carry a column through (a Source Qualifier column read after a
 * connected Lookup): lower_carry_column() appends it, and finish() prints the
 * SQL at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "expr/lang.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/lower.h"
#include "rules/pc.h"
#include "rules/rules.h"
#include "rules/semantics.h"

/* clang-format off */
static const RuleDef rule_table[] = {
	{"powercenter/source", STEP_SOURCE, "Source Definition", NODE_SOURCE_TABLE, 1.00,
	 "a relational source: SELECT of its columns; a flat file is a source_file the runner loads"},
	{"powercenter/source_qualifier", STEP_SOURCE_QUERY, "Source Qualifier", NODE_SOURCE_PUSHDOWN, 0.95,
	 "generated query: sources joined by the user-defined join or their keys, source filter, "
	 "select distinct, sorted ports; 0.90 with a SQL override, kept in the source dialect"},
	{"powercenter/expression", STEP_EXPRESSION, "Expression", NODE_EXPRESSION, 0.85,
	 "output ports translated by the expression translator, variable ports inlined"},
	{"powercenter/lookup", STEP_LOOKUP, "Lookup Procedure", NODE_LOOKUP, 0.85,
	 "LEFT JOIN LATERAL over the lookup's relation; 0.75 for first/last (cache order), "
	 "0.65 with a lookup SQL override; unconnected lookups are relations for :LKP. calls"},
	{"powercenter/aggregator", STEP_AGGREGATE, "Aggregator", NODE_GROUP_BY, 0.95,
	 "GROUP BY the group-by ports; aggregate expressions translated"},
	{"powercenter/filter", STEP_FILTER, "Filter", NODE_WHERE, 0.98,
	 "WHERE the condition (NULL drops the row, as in PowerCenter)"},
	{"powercenter/joiner", STEP_JOIN, "Joiner", NODE_JOIN, 0.90,
	 "normal: JOIN; master outer: detail LEFT JOIN master; detail outer: master LEFT JOIN "
	 "detail; full outer: FULL JOIN"},
	{"powercenter/sorter", STEP_SORT, "Sorter", NODE_ORDER_BY, 0.98,
	 "ORDER BY the sort keys; DISTINCT when the sorter is distinct"},
	{"powercenter/router", STEP_ROUTER, "Router", NODE_BRANCH, 0.85,
	 "one node per output group: WHERE (cond) IS TRUE; the default group takes the rows no "
	 "group took, NULL conditions included"},
	{"powercenter/sequence", STEP_SEQUENCE, "Sequence", NODE_SEQUENCE, 0.90,
	 "start + (row_number() - 1) * increment over the consumer's rows (arrival order)"},
	{"powercenter/update_strategy", STEP_UPDATE_STRATEGY, "Update Strategy", NODE_UPSERT, 0.80,
	 "akko_operation from DD_INSERT/DD_UPDATE/DD_DELETE/DD_REJECT; the sink becomes an upsert"},
	{"powercenter/union", STEP_UNION, "Union Transformation", NODE_UNION, 0.95,
	 "UNION ALL of the input groups, by port position"},
	{"powercenter/rank", STEP_RANK, "Rank", NODE_RANK, 0.85,
	 "rank() OVER (PARTITION BY group ports ORDER BY rank port) <= N"},
	{"powercenter/normalizer", STEP_NORMALIZER, "Normalizer", NODE_NORMALIZER, 0.70,
	 "one SELECT per occurrence, UNION ALL, with the occurrence number (GCID)"},
	{"powercenter/target", STEP_TARGET, "Target Definition", NODE_SINK_TABLE, 0.95,
	 "columns in target order, unconnected ones NULL; load mode from the update strategy, "
	 "truncate option and row treatment"},
	{"powercenter/transaction_control", STEP_TRANSACTION_CONTROL, "Transaction Control",
	 NODE_EXPRESSION, 0.80, "rows pass through; commit and rollback points are not represented"},
	{"powercenter/mapplet", STEP_FLOW_INPUT, "Input Transformation", NODE_EXPRESSION, 1.00,
	 "mapplets are expanded in place; their Input and Output transformations only rename"},
	{"powercenter/sql_query", STEP_SQL, "SQL Transformation (query mode)", NODE_JOIN, 0.80,
	 "a static query runs at the source, kept in its dialect (a source_sql node); each input row "
	 "is joined to its rows, at most Max Output Row Count; with pass-through ports a row that "
	 "gets none is kept with NULLs; SQLError is NULL; script mode, ports bound into the query and "
	 "dynamic connections take the fallback path"},
	{"powercenter/fallback", STEP_CUSTOM, "Custom Transformation, Stored Procedure, XML Source "
	 "Qualifier, Java, HTTP, SQL", NODE_PLACEHOLDER, 0.00,
	 "no rule: fallback path (llm_unavailable until an LLM is configured), manual review"},
};
/* clang-format on */

const RuleDef *rules_table(size_t *n)
{
	*n = ARRAY_LEN(rule_table);
	return rule_table;
}

const RuleDef *lower_rule_for(StepKind k)
{
	for (size_t i = 0; i < ARRAY_LEN(rule_table); i++)
		if (rule_table[i].kind == k)
			return &rule_table[i];
	return &rule_table[ARRAY_LEN(rule_table) - 1];
}

/* ---- state and nodes ------------------------------------------------------------- */

const char *lower_ident(Lower *L, const char *name)
{
	return sqlgen_ident(L->a, L->dialect, name);
}

/* Column names are the lower-case identifiers SQL sees (unquoted form). */
const char *lower_colname(Lower *L, const char *name)
{
	char *s = arena_strdup(L->a, name);
	for (char *c = s; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

StepInfo *lower_info_of(Lower *L, const AstStep *s)
{
	return strmap_get(&L->by_step, s->name);
}

static uint32_t line_of(const AstStep *s)
{
	return s->loc.line;
}

const char *lower_prop(const AstStep *s, Setting key)
{
	const AstProp *p = ast_props_find(&s->props, key);
	return p && p->value && *p->value ? p->value : NULL;
}

bool lower_prop_yes(const AstStep *s, Setting key)
{
	const char *v = lower_prop(s, key);
	return v && (ascii_ieq(v, "YES") || ascii_ieq(v, "1") || ascii_ieq(v, "TRUE") || ascii_ieq(v, "ON"));
}

void lower_warn(Lower *L, LNode *ln, DiagCode code, const AstStep *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = expr_vformat(L->a, fmt, ap);
	va_end(ap);
	ir_warn(L->a, &ln->n->warnings, diag_code_str(code), s ? line_of(s) : 0, "%s", msg);
	if (code == W_RULE_DIFFERENCE)
		ln->differences++;
	Diag d = {.code = code, .loc = s ? s->loc : (SrcLoc){0}};
	d.context = s ? arena_sprintf(L->a, "in %s '%s' of mapping '%s'",
				      s->orig_kind ? s->orig_kind : "step", s->name, L->flow->name)
		      : NULL;
	diag_emit(L->sink, &d, "%s", msg);
}

/* A rule's name for the document's tool: the table's "powercenter/x"
 * becomes "<prefix>/x" (the same string for PowerCenter). */
const char *lower_rule_name(Lower *L, const char *name)
{
	const char *slash = strchr(name, '/');
	const char *pre = L->sem->rule_prefix;
	if (!slash || (strlen(pre) == (size_t)(slash - name) && strncmp(name, pre, strlen(pre)) == 0))
		return name;
	return arena_sprintf(L->a, "%s%s", pre, slash);
}

LNode *lower_node_new(Lower *L, NodeType type, const char *id, const AstStep *s, const RuleDef *r)
{
	LNode *ln = ARENA_NEW(L->a, LNode);
	ln->n = ir_node_new(L->a, NULL, type, id);
	strmap_init(&ln->carried, L->a, false);
	ln->expr_factor = 1.0;
	if (s) {
		ln->step = s;
		ln->loc = s->loc;
		ln->n->origin.object = s->name;
		ln->n->origin.kind = s->orig_kind ? s->orig_kind : step_kind_name(s->kind);
		ln->n->origin.line = line_of(s);
	}
	if (r) {
		ln->n->rule = lower_rule_name(L, r->name);
		ln->n->base_confidence = r->base;
		ln->n->confidence = r->base;
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)arena_sprintf(L->a, "rule %s: base %.2f", ln->n->rule, r->base));
	}
	return ln;
}

/* Add the node to the pipeline: after its inputs, so nodes stay in
 * dependency order. */
void lower_node_add(Lower *L, LNode *ln)
{
	ptrvec_push(L->a, &L->p->nodes, ln->n);
	ptrvec_push(L->a, &L->all, ln);
}

void lower_add_dep(Lower *L, LNode *ln, const char *id)
{
	for (uint32_t i = 0; i < ln->n->depends_on.len; i++)
		if (strcmp(ln->n->depends_on.items[i], id) == 0)
			return;
	ptrvec_push(L->a, &ln->n->depends_on, (void *)id);
}

void lower_add_col(Lower *L, LNode *ln, const char *name, const char *type)
{
	IrColumn *c = ARENA_NEW(L->a, IrColumn);
	c->name = name;
	c->type = type;
	ptrvec_push(L->a, &ln->n->columns, c);
}

bool lower_has_col(const LNode *ln, const char *name)
{
	for (uint32_t i = 0; i < ln->n->columns.len; i++)
		if (strcmp(((IrColumn *)ln->n->columns.items[i])->name, name) == 0)
			return true;
	return false;
}

const char *lower_col_type(const LNode *ln, const char *name)
{
	for (uint32_t i = 0; i < ln->n->columns.len; i++) {
		IrColumn *c = ln->n->columns.items[i];
		if (strcmp(c->name, name) == 0)
			return c->type;
	}
	return "text";
}

/* A column name not yet used in the node. */
const char *lower_fresh_col(Lower *L, LNode *ln, const char *name)
{
	const char *n = name;
	for (int k = 2; lower_has_col(ln, n); k++)
		n = arena_sprintf(L->a, "%.55s_%d", name, k);
	return n;
}

void lower_add_item(Lower *L, LNode *ln, const char *expr, const char *alias, const char *type)
{
	ptrvec_push(L->a, &ln->items, (void *)arena_sprintf(L->a, "%s AS %s", expr, lower_ident(L, alias)));
	lower_add_col(L, ln, alias, type);
}

/* Turn a node into a placeholder: no SQL, manual review. */
void lower_placeholder(Lower *L, LNode *ln, ConvSource src, const char *why)
{
	ln->n->type = NODE_PLACEHOLDER;
	ln->n->source = src;
	ln->n->confidence = 0;
	ln->n->review = true;
	ln->n->note = why;
	ln->n->table = NULL; /* a placeholder has no payload */
	ln->n->keys = (PtrVec){0};
	ln->n->load_order = 0;
	ln->n->operation = NULL;
	ln->n->pre_sql = ln->n->post_sql = NULL;
	ln->tail = NULL;
	ln->full = NULL;
	ln->carry = false;
	ptrvec_push(L->a, &ln->n->evidence, (void *)arena_sprintf(L->a, "fallback: %s", why));
}

/* ---- carrying columns through passive nodes ---------------------------------------- */

/* The name under which `ln` outputs column `col` of node `from`, carrying
 * it through the nodes between; NULL when `from` is not upstream of `ln`
 * along the carry chain. */
const char *lower_carry_column(Lower *L, LNode *ln, LNode *from, const char *col)
{
	if (ln == from)
		return col;
	if (!ln->carry || !ln->input || ln->n->type == NODE_PLACEHOLDER)
		return NULL;
	const char *key = arena_sprintf(L->a, "%s.%s", from->n->id, col);
	const char *have = strmap_get(&ln->carried, key);
	if (have)
		return have;
	const char *below = lower_carry_column(L, ln->input, from, col);
	if (!below)
		return NULL;
	char buf[64];
	snprintf(buf, sizeof buf, "%.30s__%.30s", col, from->n->id);
	const char *name = lower_fresh_col(L, ln, arena_strdup(L->a, buf));
	lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, below)), name,
		       lower_col_type(ln->input, below));
	strmap_put(&ln->carried, key, (void *)name);
	return name;
}

/* ---- ports and inputs ------------------------------------------------------------------ */

bool lower_is_variable(const AstPort *p)
{
	return (p->dir & PORT_VAR) && !(p->dir & PORT_IN);
}

int lower_port_index(const AstStep *s, const AstPort *p)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (s->ports.items[i] == p)
			return (int)i;
	return -1;
}

int lower_port_named(const AstStep *s, const char *name)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (ascii_ieq(((AstPort *)s->ports.items[i])->name, name))
			return (int)i;
	return -1;
}

bool lower_transparent(const AstStep *s)
{
	return s->kind == STEP_FLOW_INPUT || s->kind == STEP_FLOW_OUTPUT || s->kind == STEP_SUBFLOW;
}

/* What an edge's source port carries. */
static ColRef out_ref(Lower *L, const AstStep *s, const AstPort *p, int depth)
{
	ColRef r = {0};
	StepInfo *si = lower_info_of(L, s);
	if (!si || !p || depth > 64)
		return r;
	if (lower_transparent(s)) { /* follow the edge into the same port */
		for (uint32_t i = 0; i < si->in_edges.len; i++) {
			const AstEdge *e = si->in_edges.items[i];
			if (e->to_port == p || (e->to_port && ascii_ieq(e->to_port->name, p->name)))
				return out_ref(L, e->from, e->from_port, depth + 1);
		}
		return r;
	}
	if (s->kind == STEP_SEQUENCE) {
		r.seq = s;
		r.seq_port = p;
		return r;
	}
	if (!si->done)
		lower_step(L, si);
	int i = lower_port_index(s, p);
	if (i < 0)
		return r;
	r.node = si->groups ? si->groups[i] : si->node;
	r.col = si->cols ? si->cols[i] : NULL;
	if (!r.col)
		r.node = NULL;
	return r;
}

void lower_group_node_add(Lower *L, StepInfo *si, const char *group, LNode *ln)
{
	GroupNode *g = ARENA_NEW(L->a, GroupNode);
	g->group = group;
	g->node = ln;
	ptrvec_push(L->a, &si->outs, g);
}

/* The node a link-level edge from output `group` of `s` reads: the
 * group's own node, else the step's main node (NULL: not lowered). */
static LNode *group_node(Lower *L, const AstStep *s, const char *group)
{
	StepInfo *si = lower_info_of(L, s);
	if (!si || lower_transparent(s) || s->kind == STEP_SEQUENCE)
		return NULL;
	if (!si->done)
		lower_step(L, si);
	for (uint32_t i = 0; group && i < si->outs.len; i++) {
		const GroupNode *g = si->outs.items[i];
		if (ascii_ieq(g->group, group))
			return g->node;
	}
	return si->node;
}

/* A link-level edge (no ports: the whole row): each input port of the
 * step (of its `to_group`, when named) not fed yet reads the upstream
 * column of the same name. */
static void link_inputs(Lower *L, StepInfo *si, const AstEdge *e, ColRef *in)
{
	const AstStep *s = si->s;
	LNode *up = group_node(L, e->from, e->from_group);
	if (!up)
		return;
	if (!si->row_in)
		si->row_in = up;
	for (uint32_t k = 0; k < s->ports.len; k++) {
		const AstPort *p = s->ports.items[k];
		if (!(p->dir & PORT_IN) || in[k].node ||
		    (e->to_group && p->group && !ascii_ieq(p->group, e->to_group)))
			continue;
		const char *col = lower_colname(L, p->name);
		if (lower_has_col(up, col))
			in[k] = (ColRef){.node = up, .col = col};
	}
}

/* Resolve every input port of `si` (ColRef per port; unconnected: zero):
 * port-level edges first, then link-level ones. */
ColRef *lower_inputs(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	ColRef *in = ARENA_NEWN(L->a, ColRef, s->ports.len + 1);
	for (uint32_t i = 0; i < si->in_edges.len; i++) {
		const AstEdge *e = si->in_edges.items[i];
		int k = lower_port_index(s, e->to_port);
		if (k >= 0)
			in[k] = out_ref(L, e->from, e->from_port, 0);
	}
	for (uint32_t i = 0; i < si->in_edges.len; i++) {
		const AstEdge *e = si->in_edges.items[i];
		if (!e->from_port && !e->to_port)
			link_inputs(L, si, e, in);
	}
	return in;
}

/* Is x on the carry chain of c (c itself included)? */
static bool on_chain(LNode *c, LNode *x)
{
	for (; c; c = c->carry ? c->input : NULL)
		if (c == x)
			return true;
	return false;
}

/* Insert `ln` into the pipeline right after `after` (nodes stay in
 * dependency order). */
static void lnode_add_after(Lower *L, LNode *after, LNode *ln)
{
	lower_node_add(L, ln);
	PtrVec *vs[2] = {&L->p->nodes, &L->all};
	void *olds[2] = {after->n, after};
	void *news[2] = {ln->n, ln};
	for (int v = 0; v < 2; v++) {
		PtrVec *pv = vs[v];
		uint32_t at = pv->len - 1;
		while (at > 0 && pv->items[at - 1] != olds[v]) {
			pv->items[at] = pv->items[at - 1];
			at--;
		}
		pv->items[at] = news[v];
	}
}

/* Rebase a carrying node that reads `from` as t onto `to`, which outputs
 * every column of `from` under the same name. */
static bool rebase_input(Lower *L, LNode *x, LNode *from, LNode *to)
{
	const char *head = arena_sprintf(L->a, "FROM %s AS t", from->n->id);
	size_t hl = strlen(head);
	if (x->full || !x->tail || strncmp(x->tail, head, hl) != 0 ||
	    (x->tail[hl] && x->tail[hl] != '\n' && x->tail[hl] != ' '))
		return false;
	x->tail = arena_sprintf(L->a, "FROM %s AS t%s", to->n->id, x->tail + hl);
	for (uint32_t i = 0; i < x->n->depends_on.len; i++)
		if (strcmp(x->n->depends_on.items[i], from->n->id) == 0)
			x->n->depends_on.items[i] = (void *)to->n->id;
	x->input = to;
	return true;
}

/* Number the rows of `root` in a node of its own, for a root that cannot
 * take the column itself (a query run at the source, a union, DISTINCT),
 * and rebase the branches that read root directly onto it.  Every column
 * of root passes through under its own name, so nothing else changes. */
static LNode *number_rows(Lower *L, LNode *root, LNode **cand, uint32_t nc, const char **why)
{
	LNode *w = root->numbered;
	if (!w) {
		const RuleDef r = {"powercenter/row_number",
				   root->step ? root->step->kind : STEP_EXPRESSION,
				   "",
				   NODE_EXPRESSION,
				   0.95,
				   "numbers the rows of a node that cannot number them itself"};
		w = lower_node_new(L, NODE_EXPRESSION,
				   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_rows", root->n->id)),
				   root->step, &r);
		for (uint32_t i = 0; i < root->n->columns.len; i++) {
			const IrColumn *c = root->n->columns.items[i];
			lower_add_item(L, w, arena_sprintf(L->a, "t.%s", lower_ident(L, c->name)), c->name,
				       c->type);
			strmap_put(&w->carried, arena_sprintf(L->a, "%s.%s", root->n->id, c->name),
				   (void *)c->name);
		}
		lower_add_item(L, w, "row_number() OVER ()", "akko_row", "bigint");
		lower_add_dep(L, w, root->n->id);
		w->tail = arena_sprintf(L->a, "FROM %s AS t", root->n->id);
		w->carry = true;
		w->input = root;
		w->n->note = "numbers the rows once, so parallel branches can be joined back on the number";
		root->numbered = w;
		lnode_add_after(L, root, w);
	}
	for (uint32_t k = 0; k < nc; k++)
		for (LNode *x = cand[k]; x != root && x != w && x->carry && x->input; x = x->input)
			if (x->input == root) {
				if (!rebase_input(L, x, root, w)) {
					*why =
					    arena_sprintf(L->a, "'%s' cannot read the numbered rows of '%s'",
							  x->n->id, root->n->id);
					return NULL;
				}
				break;
			}
	return w;
}

/* Inputs from parallel passive branches of one row stream (two lookups
 * after one source qualifier): their common ancestor numbers its rows once,
 * each branch carries the number, and a merge node joins the branches on
 * it.  A CTE read more than once is computed once, so the numbers agree. */
static LNode *merge_inputs(Lower *L, const AstStep *s, ColRef *in, uint32_t n, LNode **cand, uint32_t nc,
			   const char **why)
{
	LNode *root = NULL;
	for (LNode *x = cand[0]; x && !root; x = x->carry ? x->input : NULL) {
		bool all = true;
		for (uint32_t k = 1; k < nc && all; k++)
			all = on_chain(cand[k], x);
		if (all)
			root = x;
	}
	if (!root || root->n->type == NODE_PLACEHOLDER) {
		*why = arena_sprintf(L->a,
				     "its inputs come from parallel branches ('%s' and '%s') with no common "
				     "ancestor whose rows can be numbered",
				     cand[0]->n->id, cand[1]->n->id);
		return NULL;
	}
	if (root->full || !root->tail || root->distinct || root->n->source_sql || root->alt_source_sql) {
		/* root cannot take the column itself: a node of its own numbers the rows */
		LNode *w = number_rows(L, root, cand, nc, why);
		if (!w)
			return NULL;
		for (uint32_t i = 0; i < n; i++)
			if (in[i].node == root)
				in[i].node = w;
		for (uint32_t k = 0; k < nc; k++)
			if (cand[k] == root)
				cand[k] = w;
		root = w;
	}
	if (!lower_has_col(root, "akko_row"))
		lower_add_item(L, root, "row_number() OVER ()", "akko_row", "bigint");
	const char *rows[64];
	for (uint32_t k = 0; k < nc; k++) {
		rows[k] = lower_carry_column(L, cand[k], root, "akko_row");
		if (!rows[k]) {
			*why = "its parallel input branches cannot carry a row number";
			return NULL;
		}
	}
	const RuleDef r = {"powercenter/row_merge",
			   s->kind,
			   "",
			   NODE_JOIN,
			   0.90,
			   "parallel passive branches joined on the row number of their common ancestor"};
	LNode *m = lower_node_new(
	    L, NODE_JOIN, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_inputs", s->name)), s, &r);
	m->n->rule = lower_rule_name(L, "powercenter/row_merge");
	Sbuf b = SBUF_INIT;
	for (uint32_t k = 0; k < nc; k++) {
		lower_add_dep(L, m, cand[k]->n->id);
		if (k == 0)
			sbuf_addf(&b, "FROM %s AS t", cand[0]->n->id);
		else
			sbuf_addf(&b, "\nJOIN %s AS i%u ON i%u.%s = t.%s", cand[k]->n->id, k + 1, k + 1,
				  lower_ident(L, rows[k]), lower_ident(L, rows[0]));
	}
	m->tail = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	m->carry = true; /* columns of the first branch's line can be carried through */
	m->input = cand[0];
	StrMap seen;
	strmap_init(&seen, L->a, false);
	for (uint32_t i = 0; i < n; i++) {
		if (!in[i].node)
			continue;
		uint32_t k = 0;
		while (k < nc && cand[k] != in[i].node)
			k++;
		const char *key = arena_sprintf(L->a, "%u.%s", k, in[i].col);
		const char *have = strmap_get(&seen, key);
		if (!have) {
			have = lower_fresh_col(L, m, in[i].col);
			lower_add_item(L, m,
				       k ? arena_sprintf(L->a, "i%u.%s", k + 1, lower_ident(L, in[i].col))
					 : arena_sprintf(L->a, "t.%s", lower_ident(L, in[i].col)),
				       have, lower_col_type(cand[k], in[i].col));
			strmap_put(&seen, key, (void *)have);
		}
		in[i].node = m;
		in[i].col = have;
	}
	lower_warn(
	    L, m, W_RULE_DIFFERENCE, s,
	    "inputs from the parallel branches %s and %s are rejoined on a row number of '%s', computed once",
	    cand[0]->n->id, cand[1]->n->id, root->n->id);
	lower_node_add(L, m);
	return m;
}

/* The single relation a one-input step reads: the input node that every
 * other input node is carried from.  Ports from other nodes are rewritten
 * to the carried columns.  NULL when the inputs cannot be aligned. */
static LNode *align_inputs(Lower *L, const AstStep *s, ColRef *in, uint32_t n, const char **why)
{
	LNode *cand[64];
	uint32_t nc = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (!in[i].node)
			continue;
		bool seen = false;
		for (uint32_t k = 0; k < nc; k++)
			seen |= cand[k] == in[i].node;
		if (!seen && nc < 64)
			cand[nc++] = in[i].node;
	}
	if (nc == 0) {
		*why = "no input is connected";
		return NULL;
	}
	for (uint32_t c = 0; c < nc; c++) {
		LNode *d = cand[c];
		bool ok = true;
		for (uint32_t i = 0; i < n && ok; i++)
			if (in[i].node && in[i].node != d) {
				/* dry run: is in[i].node on d's chain? */
				LNode *x = d;
				while (x && x != in[i].node)
					x = x->carry ? x->input : NULL;
				ok = x != NULL;
			}
		if (!ok)
			continue;
		for (uint32_t i = 0; i < n; i++)
			if (in[i].node && in[i].node != d) {
				in[i].col = lower_carry_column(L, d, in[i].node, in[i].col);
				in[i].node = d;
			}
		return d;
	}
	return merge_inputs(L, s, in, n, cand, nc, why);
}

/* A sequence node numbering the rows of `input` for a consumer. */
static LNode *sequence_node(Lower *L, const AstStep *seq, LNode *input)
{
	const char *key = arena_sprintf(L->a, "%s|%s", seq->name, input->n->id);
	LNode *ln = strmap_get(&L->seqnodes, key);
	if (ln)
		return ln;
	const AstStep *def = seq->def ? seq->def : seq;
	const RuleDef *r = lower_rule_for(STEP_SEQUENCE);
	ln = lower_node_new(L, NODE_SEQUENCE, ir_make_id(L->a, &L->ids, seq->name), seq, r);
	const char *sv = lower_prop(def, SET_SEQ_START), *iv = lower_prop(def, SET_SEQ_INCREMENT);
	if (!sv)
		sv = lower_prop(seq, SET_SEQ_START);
	if (!iv)
		iv = lower_prop(seq, SET_SEQ_INCREMENT);
	ln->n->seq_start = sv ? strtoll(sv, NULL, 10) : 1;
	ln->n->seq_increment = iv ? strtoll(iv, NULL, 10) : 1;
	if (ln->n->seq_increment == 0)
		ln->n->seq_increment = 1;
	lower_add_dep(L, ln, input->n->id);
	ln->carry = true;
	ln->input = input;
	for (uint32_t i = 0; i < input->n->columns.len; i++) {
		IrColumn *c = input->n->columns.items[i];
		lower_add_item(L, ln, arena_sprintf(L->a, "t.%s", lower_ident(L, c->name)), c->name, c->type);
	}
	for (uint32_t i = 0; i < seq->ports.len; i++) {
		const AstPort *p = seq->ports.items[i];
		const char *name = lower_colname(L, p->name);
		if (ascii_ieq(p->name, "NEXTVAL"))
			lower_add_item(L, ln,
				       arena_sprintf(L->a, "%lld + (row_number() OVER () - 1) * %lld",
						     (long long)ln->n->seq_start,
						     (long long)ln->n->seq_increment),
				       lower_fresh_col(L, ln, name), "bigint");
		else if (ascii_ieq(p->name, "CURRVAL"))
			lower_add_item(L, ln,
				       arena_sprintf(L->a, "%lld + row_number() OVER () * %lld",
						     (long long)ln->n->seq_start,
						     (long long)ln->n->seq_increment),
				       lower_fresh_col(L, ln, name), "bigint");
	}
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", input->n->id);
	lower_warn(L, ln, W_RULE_DIFFERENCE, seq,
		   "sequence values follow the order rows arrive in, which SQL does not define; the numbers "
		   "are the same set, possibly assigned to other rows");
	if (lower_prop_yes(def, SET_SEQ_CYCLE) || lower_prop(def, SET_SEQ_END))
		lower_warn(L, ln, W_RULE_DIFFERENCE, seq, "the end value and cycling are not applied");
	lower_node_add(L, ln);
	strmap_put(&L->seqnodes, key, ln);
	return ln;
}

/* Resolve the inputs of a one-relation step: the relation it reads (with
 * Sequence Generator ports folded in), or NULL with *why. */
LNode *lower_single_input(Lower *L, StepInfo *si, ColRef *in, const char **why)
{
	uint32_t n = si->s->ports.len;
	bool fed = false;
	for (uint32_t i = 0; i < n && !fed; i++)
		fed = in[i].node || in[i].seq;
	/* a whole row with no port fed by name (SSIS synchronous inputs) */
	LNode *d = !fed && si->row_in ? si->row_in : align_inputs(L, si->s, in, n, why);
	if (!d)
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		if (!in[i].seq)
			continue;
		LNode *sq = sequence_node(L, in[i].seq, d);
		d = sq;
		in[i].node = sq;
		in[i].col = lower_colname(L, in[i].seq_port->name);
		if (!lower_has_col(sq, in[i].col))
			in[i].node = NULL;
	}
	for (uint32_t i = 0; i < n; i++)
		if (in[i].node && in[i].node != d) {
			in[i].col = lower_carry_column(L, d, in[i].node, in[i].col);
			in[i].node = in[i].col ? d : NULL;
		}
	return d;
}

/* ---- expressions ------------------------------------------------------------------ */

/* An input port nothing feeds (not connected, or fed from a mapplet input
 * the mapping leaves open): PowerCenter passes NULL, which the port's
 * default value replaces when it has one.  NULL when the default raises an
 * error (every row would be rejected: left for review). */
static const ExprBinding *unfed_port(Lower *L, const AstStep *s, const AstPort *p)
{
	const char *dv = p->default_value && *p->default_value ? p->default_value : NULL;
	if (dv && (strncasecmp(dv, "ERROR", 5) == 0 || strncasecmp(dv, "ABORT", 5) == 0))
		return NULL;
	const char *text = dv ? dv : "NULL";
	ExprEnv env = {.lang = L->lang, .dialect = L->dialect, .null_compare = L->o->null_compare};
	ExprResult r = {0};
	expr_translate(L->a, &env, text, strlen(text), &r);
	if (!r.tree || !r.sql)
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE; /* inlined like a variable port */
	b->name = p->name;
	b->type = expr_type_from_ast(p->type.kind);
	b->var = r.tree;
	b->var_text = text;
	LNode *ln = L->cur_node;
	const char *msg = arena_sprintf(L->a, "input port '%s' is not fed by the mapping: it reads as %s",
					p->name, dv ? dv : "NULL");
	bool seen = false;
	for (uint32_t i = 0; ln && i < ln->n->warnings.len && !seen; i++)
		seen = strcmp(((IrWarning *)ln->n->warnings.items[i])->message, msg) == 0;
	if (ln && !seen)
		lower_warn(L, ln, W_RULE_UNFED, s, "%s", msg);
	return b;
}

/* ---- conversion at the port boundary ----------------------------------------------- */

/* The expression type a column of a node's SQL has. */
static ExprType pg_expr_type(const char *t)
{
	if (!t)
		return XT_UNKNOWN;
	if (strcmp(t, "text") == 0 || strncmp(t, "varchar", 7) == 0 || strncmp(t, "char", 4) == 0 ||
	    strncmp(t, "character", 9) == 0)
		return XT_STRING;
	if (strcmp(t, "integer") == 0 || strcmp(t, "smallint") == 0)
		return XT_INTEGER;
	if (strcmp(t, "bigint") == 0)
		return XT_BIGINT;
	if (strncmp(t, "numeric", 7) == 0)
		return XT_DECIMAL;
	if (strcmp(t, "double precision") == 0 || strcmp(t, "real") == 0)
		return XT_DOUBLE;
	if (strcmp(t, "date") == 0 || strncmp(t, "timestamp", 9) == 0 || strcmp(t, "time") == 0)
		return XT_DATE;
	return XT_UNKNOWN;
}

/* 'S'tring, 'N'umber or 'D'ate; 0 for the types PowerCenter does not
 * convert between ports. */
char lower_type_class(ExprType t)
{
	switch (t) {
	case XT_STRING: return 'S';
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE: return 'N';
	case XT_DATE: return 'D';
	default: return 0;
	}
}

static const ExprBinding *conversion_input(void *ud, BindKind what, const char *name)
{
	return what == BIND_COLUMN && strcmp(name, "akko_in") == 0 ? ud : NULL;
}

/* PowerCenter converts a value where it enters a port whose datatype
 * differs from the value's: a string entering a decimal port reads its
 * leading number, as TO_DECIMAL does; a number entering a string port
 * prints as TO_CHAR does; a string entering a date port is read in the
 * default date format, as TO_DATE does.  Numbers and dates do not convert
 * into each other.  Returns the value of type `up` (column `col`, or the
 * SQL `sql` when set) converted to port `p`'s type, as an expression to
 * inline, or NULL when the types agree or nothing converts them.  The node
 * gets one W0607 listing the ports converted: a note, not a deduction,
 * since the SQL does what PowerCenter does. */
static const ExprBinding *convert_value(Lower *L, LNode *ln, const AstPort *p, ExprType up, const char *col,
					const char *sql)
{
	ExprType want = expr_type_from_ast(p->type.kind);
	char cu = lower_type_class(up), cw = lower_type_class(want);
	if (!cu || !cw || cu == cw || (cu != 'S' && cw != 'S'))
		return NULL;
	const char *fn = want == XT_STRING    ? "TO_CHAR"
			 : want == XT_INTEGER ? "TO_INTEGER"
			 : want == XT_BIGINT  ? "TO_BIGINT"
			 : want == XT_DECIMAL ? "TO_DECIMAL"
			 : want == XT_DOUBLE  ? "TO_FLOAT"
					      : "TO_DATE";
	ExprBinding *in = ARENA_NEW(L->a, ExprBinding);
	in->kind = BIND_COLUMN;
	in->name = col;
	in->type = up;
	in->sql = sql;
	ExprEnv env = {.lang = L->lang,
		       .dialect = L->dialect,
		       .null_compare = L->o->null_compare,
		       .resolve = conversion_input,
		       .ud = in};
	/* an assignment coercion, converted as the language converts (a
	 * decimal port keeps its scale) */
	bool dec = want == XT_DECIMAL;
	Expr *coerce =
	    expr_new_coercion(L->a, "akko_in", want, dec ? p->type.precision : -1, dec ? p->type.scale : -1);
	ExprResult r;
	expr_translate_tree(L->a, &env, coerce, &r);
	if (!r.tree || !r.sql || r.errors || r.unsupported)
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE; /* inlined like a variable port */
	b->name = p->name;
	b->type = want;
	b->var = r.tree;
	b->var_text = arena_sprintf(L->a, "%s(%s)", fn, p->name);
	if (ln) {
		const char *what = arena_sprintf(L->a, "%s (%s -> %s, as %s)", p->name, expr_type_name(up),
						 expr_type_name(want), fn);
		bool seen = false;
		for (uint32_t i = 0; i < ln->conversions.len && !seen; i++)
			seen = strcmp(ln->conversions.items[i], what) == 0;
		if (!seen)
			ptrvec_push(L->a, &ln->conversions, (void *)what);
	}
	return b;
}

/* Column `col` of `from` entering port `p` (see convert_value); `qual`
 * qualifies the column in the SQL, or is NULL. */
const ExprBinding *lower_port_conversion(Lower *L, LNode *ln, const AstPort *p, const LNode *from,
					 const char *col, const char *qual)
{
	ExprType up = pg_expr_type(lower_col_type(from, col));
	return convert_value(L, ln, p, up, col,
			     qual ? arena_sprintf(L->a, "%s.%s", qual, lower_ident(L, col)) : NULL);
}

/* The SQL of a conversion, for a port whose value is passed through. */
const char *lower_print_inline(Lower *L, const ExprBinding *b)
{
	ExprEnv env = {.lang = L->lang, .dialect = L->dialect, .null_compare = L->o->null_compare};
	ExprResult r = {0};
	return expr_print_sql(L->a, &env, b->var, &r) ? r.sql : NULL;
}

/* The one warning for the ports a node converts. */
void lower_warn_conversions(Lower *L, LNode *ln, const AstStep *s)
{
	if (!ln->conversions.len)
		return;
	Sbuf b = SBUF_INIT;
	for (uint32_t i = 0; i < ln->conversions.len; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", (const char *)ln->conversions.items[i]);
	lower_warn(L, ln, W_RULE_CONVERT, s,
		   "port%s converted to the declared type where the value enters: %s",
		   ln->conversions.len == 1 ? "" : "s", b.buf);
	sbuf_release(&b);
	ln->conversions = (PtrVec){0};
}

/* A name the step does not declare: the column of that name in the row a
 * link-level edge brings (SSIS expressions read upstream columns that no
 * input port lists), carried to the node read as t; else NULL. */
const ExprBinding *lower_row_column(Lower *L, const char *name)
{
	StepInfo *si = L->cur;
	const char *col = lower_colname(L, name);
	if (!si->row_in || !si->d || !lower_has_col(si->row_in, col))
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->type = pg_expr_type(lower_col_type(si->row_in, col));
	b->name = lower_carry_column(L, si->d, si->row_in, col);
	return b->name ? b : NULL;
}

/* "Link.col" (DataStage reads every column through its input link): the
 * column `col` of the current step's input that arrives over the edge
 * named `Link`, or from the step named `Link`; NULL when no input has that
 * name. */
static const ExprBinding *qualified_column(Lower *L, const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || !L->cur)
		return NULL;
	const char *q = arena_strndup(L->a, name, (size_t)(dot - name));
	for (uint32_t i = 0; i < L->flow->edges.len; i++) {
		const AstEdge *e = L->flow->edges.items[i];
		if (e->to == L->cur->s && ((e->name && ascii_ieq(e->name, q)) || ascii_ieq(e->from->name, q)))
			return lower_resolve(L, BIND_COLUMN, dot + 1);
	}
	return NULL;
}

const ExprBinding *lower_resolve(void *ud, BindKind what, const char *name)
{
	Lower *L = ud;
	if (what == BIND_QUALIFIED)
		return qualified_column(L, name);
	if (what == BIND_PARAM)
		return job_resolve_param(L->a, L->doc, L->folder, L->flow, name);
	if (what == BIND_LOOKUP) {
		const AstStep *s = job_find_lookup(L->folder, L->flow, name);
		if (!s)
			return NULL;
		LNode *rel = lower_lookup_relation(L, s);
		if (L->cur_node)
			lower_add_dep(L, L->cur_node, rel->n->id);
		ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
		b->kind = BIND_LOOKUP;
		b->name = s->name;
		b->lookup = job_build_lookup(L->a, s, rel->n->id);
		return b;
	}
	if (!L->cur)
		return NULL;
	const AstStep *s = L->cur->s;
	int i = lower_port_named(s, name);
	if (i < 0)
		return lower_row_column(L, name);
	const AstPort *p = s->ports.items[i];
	if (lower_is_variable(p)) {
		if (L->cur_vars && L->cur_vars[i])
			return L->cur_vars[i];
		if (L->cur_prev && L->cur_prev[i]) /* the previous row's value */
			return L->cur_prev[i];
		ExprBinding *b = ARENA_NEW(L->a, ExprBinding); /* read before it is set */
		b->kind = BIND_VARIABLE;
		b->name = p->name;
		b->type = expr_type_from_ast(p->type.kind);
		return b;
	}
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->type = expr_type_from_ast(p->type.kind);
	if (L->cur_in && L->cur_in[i].node) {
		b->name = L->cur_in[i].col;
		const ExprBinding *cv =
		    lower_port_conversion(L, L->cur_node, p, L->cur_in[i].node, b->name, NULL);
		if (cv)
			return cv;
	} else if (L->cur_in && (p->dir & PORT_IN))
		return unfed_port(L, s, p);
	else
		b->name = lower_colname(L, p->name);
	return b;
}

/* Translate one expression of the current step; records its issues on
 * the node.  Returns the SQL, or NULL (the node then falls back). */
const char *lower_translate(Lower *L, LNode *ln, const AstExpr *src, const char *what, bool condition,
			    bool aggregates, ExprResult *out)
{
	const AstStep *s = L->cur->s;
	const Language *lang = expr_language(src->lang); /* read in its own language */
	ExprEnv env = {
	    .lang = lang ? lang : L->lang,
	    .dialect = L->dialect,
	    .null_compare = L->o->null_compare,
	    .condition = condition,
	    .aggregates = aggregates,
	    .resolve = lower_resolve,
	    .ud = L,
	    .row_alias = L->row_alias,
	    .arrival_order = L->cur_order,
	};
	L->cur_node = ln;
	ExprResult r = {0};
	expr_translate_ast(L->a, &env, src, &r);
	const char *ctx =
	    arena_sprintf(L->a, "in %s of %s '%s'", what, s->orig_kind ? s->orig_kind : "step", s->name);
	for (uint32_t i = 0; i < r.issues.len; i++) {
		const ExprIssue *is = r.issues.items[i];
		expr_issue_emit(L->sink, is, src->text, src->loc, ctx);
		ir_warn(L->a, &ln->n->warnings, diag_code_str(is->code), src->loc.line, "%s: %s", what,
			is->msg);
	}
	if (out)
		*out = r;
	if (!r.sql || r.unsupported || r.errors) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  arena_sprintf(L->a, "%s '%s' has no translation", what, src->text));
		return NULL;
	}
	if (r.confidence < ln->expr_factor) {
		ln->expr_factor = r.confidence;
		ptrvec_push(
		    L->a, &ln->n->evidence,
		    (void *)arena_sprintf(L->a, "%s: expression confidence %.3f", what, r.confidence));
	}
	return r.sql;
}

/* Translate an output port's expression; the value is converted to the
 * port's declared type as it enters the port. */
const char *lower_translate_port(Lower *L, LNode *ln, const AstPort *p, bool aggregates)
{
	ExprResult r;
	const char *e =
	    lower_translate(L, ln, p->expr, arena_sprintf(L->a, "port '%s'", p->name), false, aggregates, &r);
	if (!e)
		return NULL;
	const ExprBinding *cv = convert_value(L, ln, p, r.type, p->name, arena_sprintf(L->a, "(%s)", e));
	const char *ce = cv ? lower_print_inline(L, cv) : NULL;
	return ce ? ce : e;
}

/* A variable port's expression, analysed to be inlined where it is read;
 * NULL when it does not lower_translate (the node then falls back). */
ExprBinding *lower_variable_binding(Lower *L, LNode *ln, const AstPort *p, bool agg, ExprResult *out)
{
	ExprResult r;
	if (!lower_translate(L, ln, p->expr, arena_sprintf(L->a, "variable port '%s'", p->name), false, agg,
			     &r))
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE;
	b->name = p->name;
	b->type = expr_type_from_ast(p->type.kind);
	b->var_text = p->expr->text;
	b->var = r.tree;
	if (out)
		*out = r;
	return b;
}

/* Analyse the variable ports of the current step, in port order. */
bool lower_analyse_variables(Lower *L, LNode *ln, bool agg)
{
	const AstStep *s = L->cur->s;
	L->cur_vars = ARENA_NEWN(L->a, ExprBinding *, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_is_variable(p) || !p->expr)
			continue;
		if (L->cur_pre && L->cur_pre[i]) {
			L->cur_vars[i] = L->cur_pre[i];
			continue;
		}
		if (!(L->cur_vars[i] = lower_variable_binding(L, ln, p, agg, NULL)))
			return false;
	}
	return true;
}

/* ---- variable ports read before they are set --------------------------------------- */

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

/* A variable's value before it is first set, for a value of class `cls`
 * (lower_type_class()), as the tool gives it; NULL for NULL. */
static const char *var_init(const Lower *L, char cls)
{
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
		const char *init = var_init(L, cls);
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
			const char *init = var_init(L, cls) ? var_init(L, cls) : "NULL";
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
	/* the node reads the last stage: same columns, same names */
	ln->n->depends_on = (PtrVec){0};
	lower_add_dep(L, ln, last->n->id);
	ln->input = last;
	ln->tail = arena_sprintf(L->a, "FROM %s AS t", last->n->id);
}

/* Is the port's expression just its own name (a pass-through)? */
bool lower_passthrough(const AstPort *p)
{
	if (!p->expr || !p->expr->text)
		return true;
	const char *t = p->expr->text;
	while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
		t++;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r' || t[n - 1] == '\n'))
		n--;
	return n == strlen(p->name) && strncasecmp(t, p->name, n) == 0;
}

/* ---- the rules ---------------------------------------------------------------------- */

LNode *lower_step_node(Lower *L, StepInfo *si, NodeType type, const char *prefix)
{
	const AstStep *s = si->s;
	const char *id =
	    ir_make_id(L->a, &L->ids, prefix ? arena_sprintf(L->a, "%s%s", prefix, s->name) : s->name);
	LNode *ln = lower_node_new(L, type, id, s, lower_rule_for(s->kind));
	si->node = ln;
	si->cols = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	return ln;
}

/* What becomes of a placeholder (W0603). */
static const char *fallback_fate(const Lower *L)
{
	return L->o->fallback ? "a placeholder for manual review unless the LLM fallback converts it"
			      : "kept as a placeholder for manual review (no LLM configured)";
}

/* The placeholder for a step that cannot be lowered: its output ports
 * still exist, so downstream steps can be lowered and reviewed. */
void lower_fallback(Lower *L, StepInfo *si, ConvSource src, const char *why)
{
	LNode *ln = si->node ? si->node : lower_step_node(L, si, NODE_PLACEHOLDER, NULL);
	lower_placeholder(L, ln, src, why);
	for (uint32_t i = 0; si->in && i < si->s->ports.len; i++) /* what it reads, for review */
		if (si->in[i].node)
			lower_add_dep(L, ln, si->in[i].node->n->id);
	for (uint32_t i = 0; i < si->s->ports.len; i++) {
		const AstPort *p = si->s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	lower_warn(L, ln, W_RULE_FALLBACK, si->s, "%s: %s", why, fallback_fate(L));
}

void lower_source(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	const AstTable *t = s->table;
	LNode *ln = lower_step_node(L, si, t && t->is_file ? NODE_SOURCE_FILE : NODE_SOURCE_TABLE, "src_");
	IrTable *tb = ARENA_NEW(L->a, IrTable);
	tb->orig_name = t ? t->name : s->name;
	tb->name = lower_colname(L, tb->orig_name);
	tb->schema = t ? t->owner : NULL;
	ln->n->table = tb;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln, lower_ident(L, name), name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	ln->tail = arena_sprintf(L->a, "FROM %s", lower_ident(L, tb->name));
	if (t && t->is_file) {
		tb->file = lower_prop(s, SET_FILE_NAME) ? lower_prop(s, SET_FILE_NAME) : t->name;
		ln->n->confidence = ln->n->base_confidence = 0.95;
		ln->n->note = "a flat file: the runner loads it into table.name before the pipeline runs";
	}
	lower_node_add(L, ln);
}

/* $$PARAM inside SQL text (a source filter, a join): PowerCenter
 * substitutes the text; here it becomes the run-time setting. */
const char *lower_sql_params(Lower *L, LNode *ln, const AstStep *s, const char *sql)
{
	if (!strstr(sql, "$$"))
		return sql;
	Sbuf b = SBUF_INIT;
	for (const char *c = sql; *c;) {
		bool quoted = c[0] == '\'' && c[1] == '$' && c[2] == '$';
		const char *d = quoted ? c + 1 : c;
		if (d[0] == '$' && d[1] == '$') {
			const char *e = d + 2;
			while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') ||
			       (*e >= '0' && *e <= '9') || *e == '_')
				e++;
			if (quoted && *e != '\'') {
				sbuf_addch(&b, *c++);
				continue;
			}
			const char *name = arena_strndup(L->a, d, (size_t)(e - d));
			const ExprBinding *pb = job_resolve_param(L->a, L->doc, L->folder, L->flow, name);
			ExprType ty = quoted || !pb ? XT_STRING : pb->type;
			ExprEnv env = {
			    .lang = L->lang, .dialect = L->dialect, .resolve = lower_resolve, .ud = L};
			ExprResult r = {0};
			char text[128];
			snprintf(text, sizeof text, "%s", name);
			expr_translate(L->a, &env, text, strlen(text), &r);
			const char *v = r.sql ? r.sql : "NULL";
			if (quoted && ty == XT_STRING && pb && pb->type != XT_STRING &&
			    pb->type != XT_UNKNOWN)
				v = arena_sprintf(L->a, "current_setting('akko.%s')",
						  lower_colname(L, name + 2));
			sbuf_adds(&b, v);
			c = quoted ? e + 1 : e;
			lower_warn(L, ln, W_RULE_SQL_PARAM, s,
				   "parameter '%s' in SQL text is read at run time from the setting, not "
				   "substituted as text",
				   name);
			continue;
		}
		sbuf_addch(&b, *c++);
	}
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* A query kept as written, run at the source: the runner materialises
 * its rows under the node's id. */
void lower_pushdown_override(Lower *L, LNode *ln, const AstStep *s, const char *sql, double base)
{
	ln->n->type = NODE_SOURCE_PUSHDOWN;
	ln->n->base_confidence = base;
	ln->n->confidence = base;
	ln->n->depends_on = (PtrVec){0};
	ln->items = (PtrVec){0};
	ln->tail = NULL;
	ln->carry = false;
	ln->n->pre_sql = NULL;
	ln->n->note = "runs at the source connection; the runner materialises its rows under the node's id";
	/* kept as written, with line ends made uniform */
	Sbuf b = SBUF_INIT;
	for (const char *c = sql; *c; c++)
		if (!(c[0] == '\r' && c[1] == '\n'))
			sbuf_addch(&b, *c == '\r' ? '\n' : *c);
	ln->n->source_sql = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	lower_warn(
	    L, ln, W_RULE_OVERRIDE, s,
	    "the query is kept as written, in the source's dialect: it runs at the source and its rows "
	    "are read under the node's id");
}

void lower_source_query(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	LNode *ln = lower_step_node(L, si, NODE_SOURCE_PUSHDOWN, NULL);
	ColRef *in = lower_inputs(L, si);
	const char *override = lower_prop(s, SET_SQL_QUERY);
	if (override) {
		lower_pushdown_override(L, ln, s, override, 0.90);
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!(p->dir & PORT_OUT))
				continue;
			const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
			lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
			si->cols[i] = name;
		}
		lower_node_add(L, ln);
		return;
	}
	/* the sources it reads, each under its table's name */
	LNode *srcs[32];
	const char *alias[32];
	uint32_t ns = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		if (!in[i].node)
			continue;
		bool seen = false;
		for (uint32_t k = 0; k < ns; k++)
			seen |= srcs[k] == in[i].node;
		if (!seen && ns < 32) {
			srcs[ns] = in[i].node;
			const IrTable *tb = in[i].node->n->table;
			const char *al = tb ? tb->name : in[i].node->n->id;
			for (uint32_t k = 0; k < ns; k++)
				if (strcmp(alias[k], al) == 0)
					al = in[i].node->n->id;
			alias[ns++] = al;
		}
	}
	if (ns == 0) {
		lower_fallback(L, si, CONV_LLM_UNAVAILABLE, "the source qualifier reads no source");
		lower_node_add(L, ln);
		return;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "FROM ");
	for (uint32_t k = 0; k < ns; k++) {
		sbuf_addf(&b, "%s%s AS %s", k ? ", " : "", srcs[k]->n->id, lower_ident(L, alias[k]));
		lower_add_dep(L, ln, srcs[k]->n->id);
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		if (in[i].node) {
			uint32_t k = 0;
			while (k < ns && srcs[k] != in[i].node)
				k++;
			lower_add_item(
			    L, ln,
			    arena_sprintf(L->a, "%s.%s", lower_ident(L, alias[k]), lower_ident(L, in[i].col)),
			    name, type);
		} else {
			lower_add_item(L, ln, arena_sprintf(L->a, "CAST(NULL AS %s)", type), name, type);
		}
		si->cols[i] = name;
	}
	const char *udj = lower_prop(s, SET_USER_JOIN), *filter = lower_prop(s, SET_SOURCE_FILTER);
	int nw = 0;
	if (udj) {
		if (strchr(udj, '{')) {
			sbuf_release(&b);
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE,
				       "the user-defined join uses PowerCenter's {outer join} syntax");
			lower_node_add(L, ln);
			return;
		}
		sbuf_addf(&b, "\nWHERE (%s)", lower_sql_params(L, ln, s, udj));
		nw++;
	} else if (ns > 1) {
		/* PowerCenter joins the sources on their primary/foreign keys */
		int keys = 0;
		for (uint32_t k = 0; k < ns; k++) {
			const AstStep *src = srcs[k]->step;
			if (!src || !src->table)
				continue;
			for (uint32_t f = 0; f < src->table->fields.len; f++) {
				const AstPort *fld = src->table->fields.items[f];
				if (!fld->ref_table || !*fld->ref_table)
					continue;
				for (uint32_t m = 0; m < ns; m++)
					if (m != k && srcs[m]->n->table &&
					    ascii_ieq(srcs[m]->n->table->orig_name, fld->ref_table))
						sbuf_addf(&b, "%s%s.%s = %s.%s",
							  keys++ || nw ? " AND " : "\nWHERE ",
							  lower_ident(L, alias[k]),
							  lower_ident(L, lower_colname(L, fld->name)),
							  lower_ident(L, alias[m]),
							  lower_ident(L, lower_colname(L, fld->ref_field
											      ? fld->ref_field
											      : fld->name)));
			}
		}
		if (!keys) {
			sbuf_release(&b);
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE,
				       "several sources without a user-defined join or key relationship");
			lower_node_add(L, ln);
			return;
		}
		nw += keys;
	}
	if (filter)
		sbuf_addf(&b, "%s(%s)", nw ? " AND " : "\nWHERE ", lower_sql_params(L, ln, s, filter));
	const char *sorted = lower_prop(s, SET_SORTED_PORTS);
	int nsorted = sorted ? atoi(sorted) : 0;
	if (nsorted > 0) {
		sbuf_adds(&b, "\nORDER BY ");
		for (int k = 0; k < nsorted && k < (int)ln->n->columns.len; k++)
			sbuf_addf(&b, "%s%d", k ? ", " : "", k + 1);
	}
	ln->distinct = lower_prop_yes(s, SET_SELECT_DISTINCT);
	ln->tail = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	if (udj || filter) { /* the same query as PowerCenter would send it */
		Sbuf q = SBUF_INIT;
		sbuf_adds(&q, ln->distinct ? "SELECT DISTINCT " : "SELECT ");
		for (uint32_t i = 0, n = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!(p->dir & PORT_OUT))
				continue;
			uint32_t k = 0;
			while (in[i].node && k < ns && srcs[k] != in[i].node)
				k++;
			const IrTable *tb = in[i].node && k < ns ? srcs[k]->n->table : NULL;
			sbuf_addf(&q, "%s%s%s%s", n++ ? ", " : "", tb ? tb->orig_name : "",
				  tb ? "." : "NULL AS ", p->name);
		}
		sbuf_adds(&q, "\nFROM ");
		for (uint32_t k = 0; k < ns; k++) {
			const IrTable *tb = srcs[k]->n->table;
			sbuf_addf(&q, "%s%s%s%s", k ? ", " : "", tb && tb->schema ? tb->schema : "",
				  tb && tb->schema ? "." : "", tb ? tb->orig_name : srcs[k]->n->id);
		}
		if (udj)
			sbuf_addf(&q, "\nWHERE %s", udj);
		if (filter)
			sbuf_addf(&q, "%s%s", udj ? "\nAND " : "\nWHERE ", filter);
		ln->alt_source_sql = arena_strdup(L->a, q.buf);
		sbuf_release(&q);
	}
	if (udj || filter) {
		ln->n->base_confidence = 0.93;
		ln->n->confidence = 0.93;
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)"source filter or user-defined join in the source's SQL dialect: 0.93");
	}
	/* the filter and join are SQL of the source's dialect: when PostgreSQL
	 * refuses them, check_sql() runs the query at the source as written */
	lower_node_add(L, ln);
}

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
	if (translate_ports)
		lower_previous_rows(L, si, ln, d);
	if (translate_ports && !lower_analyse_variables(L, ln, false))
		return;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || lower_is_variable(p))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e;
		if (translate_ports && p->expr && !((p->dir & PORT_IN) && lower_passthrough(p))) {
			e = lower_translate_port(L, ln, p, false);
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

void pc_rule_update_strategy(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	lower_expression(L, si, ln, d, false);
	const AstProp *c = ast_props_find(&si->s->props, SET_UPDATE_STRATEGY);
	const char *v = "0";
	if (c && c->expr && c->value && *c->value) {
		v = lower_translate(L, ln, c->expr, "update strategy expression", false, false, NULL);
		if (!v)
			return;
	}
	lower_add_item(L, ln,
		       arena_sprintf(L->a,
				     "CASE %s WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' "
				     "WHEN 3 THEN 'reject' END",
				     v),
		       lower_fresh_col(L, ln, "akko_operation"), "text");
}

void lower_sorter(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	lower_expression(L, si, ln, d, false);
	/* sort keys by position, then port order */
	Sbuf b = SBUF_INIT;
	int nk = 0;
	for (int pos = 0; pos <= (int)s->ports.len; pos++)
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!p->sort_key || p->sort_pos != pos || !si->cols[i])
				continue;
			sbuf_addf(&b, "%s%s%s", nk++ ? ", " : "", lower_ident(L, si->cols[i]),
				  p->sort_desc ? " DESC" : "");
			ptrvec_push(L->a, &ln->n->keys, (void *)si->cols[i]);
		}
	if (nk)
		ln->tail = arena_sprintf(L->a, "%s\nORDER BY %s", ln->tail, b.buf);
	sbuf_release(&b);
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

void lower_aggregator(Lower *L, StepInfo *si, LNode *ln, LNode *d)
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
	Sbuf g = SBUF_INIT;
	int ng = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->role != ROLE_GROUP_BY)
			continue;
		const char *e = group_value(L, s, i);
		sbuf_addf(&g, "%s%s", ng++ ? ", " : "", e ? e : "NULL");
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || lower_is_variable(p))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e;
		if (p->role == ROLE_GROUP_BY && (lower_passthrough(p) || !(p->dir & PORT_IN))) {
			e = group_value(L, s, i);
			if (!e)
				e = arena_sprintf(L->a, "CAST(NULL AS %s)", type);
			if (p->role == ROLE_GROUP_BY)
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
			e = lower_translate_port(L, ln, p, true);
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
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
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

/* A SQL string literal of `text`. */
static const char *sql_string(Lower *L, const char *text)
{
	Sbuf b = SBUF_INIT;
	sbuf_addch(&b, '\'');
	for (const char *c = text; *c; c++)
		sbuf_adds(&b, *c == '\'' ? "''" : (char[]){*c, 0});
	sbuf_addch(&b, '\'');
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

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
	return arena_sprintf(L->a, "CASE WHEN %s THEN true ELSE CAST(concat(%s, %s) AS boolean) END", found,
			     sql_string(L, msg),
			     strcmp(found, "l.akko_found") == 0 ? "l.akko_found" : "NULL");
}

/* A lookup whose no-match policy is "redirect": the input rows nothing
 * matches go to a node of their own, `<lookup>_no_match`, the node of its
 * GROUP_UNMATCHED output (dropped when the step has none).  It carries the
 * input row: every column of `d`, and the group's declared ports by name
 * (their `ref`, or the input port of the same name). */
static void lookup_no_match_node(Lower *L, StepInfo *si, LNode *match, LNode *d, LNode *rel, const char *cond)
{
	const AstStep *s = si->s;
	const AstGroup *gr = NULL;
	for (uint32_t g = 0; g < s->groups.len && !gr; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == GROUP_UNMATCHED)
			gr = s->groups.items[g];
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
		lower_add_item(L, ln, src >= 0 ? lower_passed_value(L, ln, p, &L->cur_in[src], type) : "NULL",
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
	if (rel->n->source_sql)
		base = base > 0.65 ? 0.65 : base;
	ln->n->base_confidence = base;
	if (ln->n->confidence > base)
		ln->n->confidence = base;
	/* outputs: input pass-throughs from t, lookup ports from the relation */
	bool error = policy == VAL_FAIL;
	Sbuf lat = SBUF_INIT;
	int nl = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e;
		if (p->dir & PORT_LOOKUP) {
			const char *rc = lower_ident(L, lower_colname(L, p->name));
			if (error)
				e = arena_sprintf(L->a, "(SELECT r.%s FROM %s AS r%s)", rc, rel->n->id,
						  w.buf);
			else {
				e = arena_sprintf(L->a, "l.%s", rc);
				sbuf_addf(&lat, "%sr.%s", nl++ ? ", " : "", rc);
			}
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
	else if (no_match == VAL_REDIRECT) {
		ln->tail = arena_sprintf(L->a, "%s\nWHERE %s", ln->tail, found);
		lookup_no_match_node(L, si, ln, d, rel, w.buf);
	}
	sbuf_release(&w);
	sbuf_release(&ob);
	sbuf_release(&lat);
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
	if (c && c->expr && c->value && *c->value) {
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
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e = in[i].node ? arena_sprintf(L->a, "%s.%s", (p->dir & PORT_MASTER) ? "m" : "d",
							   lower_ident(L, lower_colname(L, p->name)))
					   : arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	ln->tail = arena_sprintf(L->a, "FROM (SELECT %s FROM %s) AS %s\n%s (SELECT %s FROM %s) AS %s ON %s",
				 ds.buf, dn->n->id, left, join, ms.buf, m->n->id, right, on);
	sbuf_release(&ds);
	sbuf_release(&ms);
}

/* ---- SQL Transformation ------------------------------------------------------------ */

/* A METADATAEXTENSION value of the step or of its definition. */
static const char *extension(const AstStep *s, const char *name)
{
	for (const AstStep *x = s; x; x = x->def != x ? x->def : NULL) {
		for (uint32_t i = 0; i < x->extras.len; i++) {
			const AstElem *e = x->extras.items[i];
			if (!e->tag || strcmp(e->tag, "METADATAEXTENSION") != 0)
				continue;
			const AstProp *n = ast_props_find_name(&e->attrs, "NAME");
			const AstProp *v = ast_props_find_name(&e->attrs, "VALUE");
			if (n && n->value && strcasecmp(n->value, name) == 0)
				return v ? v->value : NULL;
		}
	}
	return NULL;
}

/* How `sql` reads port `name`: '?' binds it as a parameter (?NAME?), '~'
 * substitutes its text (~NAME~); 0 when it does not. */
static char binds_port(const char *sql, const char *name)
{
	size_t n = strlen(name);
	for (const char *c = sql; *c; c++)
		if ((*c == '?' || *c == '~') && strncasecmp(c + 1, name, n) == 0 && c[n + 1] == *c)
			return *c;
	return 0;
}

/* Past the comment at c (-- to the line's end, or slash-star to
 * star-slash); c itself when none starts there. */
static const char *comment_end(const char *c)
{
	if (c[0] == '-' && c[1] == '-')
		return c + strcspn(c, "\n");
	if (c[0] == '/' && c[1] == '*') {
		const char *e = strstr(c + 2, "*/");
		return e ? e + 2 : c + strlen(c);
	}
	return c;
}

/* Past blanks, comments and opening parentheses. */
static const char *sql_skip(const char *c)
{
	for (;;) {
		while (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == '(')
			c++;
		const char *e = comment_end(c);
		if (e == c)
			return c;
		c = e;
	}
}

/* Why a query cannot run once and be read as rows: it is not one SELECT
 * (a DML statement returns no rows and changes the database; several
 * statements run in turn); NULL when it is one query. */
static const char *not_one_query(const char *sql)
{
	const char *c = sql_skip(sql);
	size_t n = strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	if (!((n == 6 && strncasecmp(c, "SELECT", 6) == 0) || (n == 4 && strncasecmp(c, "WITH", 4) == 0)))
		return "the query is not a SELECT: it changes the database, once per input row";
	char quote = 0;
	for (; *c; c++) {
		if (quote) {
			quote = *c == quote ? 0 : quote;
		} else if (*c == '\'' || *c == '"') {
			quote = *c;
		} else if (comment_end(c) != c) { /* a ';' in a comment ends nothing */
			c = comment_end(c) - 1;
		} else if (*c == ';' && *sql_skip(c + 1)) {
			return "the query holds several statements";
		}
	}
	return NULL;
}

/* The input port an SQL Transformation output port passes through: the
 * Designer names it "<input>_output" (or the port is input/output). */
static int passes_through(const AstStep *s, const AstPort *p)
{
	if ((p->dir & PORT_IN) && (p->dir & PORT_OUT))
		return lower_port_index(s, p);
	size_t n = strlen(p->name);
	if (n <= 7 || strcasecmp(p->name + n - 7, "_output") != 0)
		return -1;
	for (uint32_t j = 0; j < s->ports.len; j++) {
		const AstPort *q = s->ports.items[j];
		if ((q->dir & PORT_IN) && strlen(q->name) == n - 7 &&
		    strncasecmp(q->name, p->name, n - 7) == 0)
			return (int)j;
	}
	return -1;
}

/* SQL Transformation in query mode with a static query: the query does
 * not read the row, so it runs once at the source (its rows materialised
 * under `<step>_query`, as a SQL override is) and every input row is
 * joined to those rows.  PowerCenter keeps an input row whose query
 * returns nothing when the transformation has pass-through ports. */
void pc_rule_sql_transformation(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *mode = extension(s, "SQL_Mode");
	const char *conn = extension(s, "Connection_Type");
	const char *sql = extension(s, "SQL_Query");
	lower_add_dep(L, ln, d->n->id); /* a placeholder keeps it, for review */
	if (mode && strcmp(mode, "0") != 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "script mode: the SQL scripts it runs are named by an input port at run "
				  "time and are not in the export");
		return;
	}
	if (conn && strcmp(conn, "0") != 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "the database connection comes from input ports at run time");
		return;
	}
	if (!sql || !*sql) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the export holds no query");
		return;
	}
	const char *why = not_one_query(sql);
	if (why) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, why);
		return;
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		char how = (p->dir & PORT_IN) ? binds_port(sql, p->name) : 0;
		if (how) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a,
							"the query %s input port '%s' (%c%s%c): it runs "
							"once per row at the source",
							how == '?' ? "binds" : "substitutes the text of",
							p->name, how, p->name, how));
			return;
		}
		if ((p->dir & PORT_OUT) && strcasecmp(p->name, "NumRowsAffected") == 0) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  "the NumRowsAffected port counts statements the database runs");
			return;
		}
	}
	uint32_t filled = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		filled +=
		    (p->dir & PORT_OUT) && strcasecmp(p->name, "SQLError") != 0 && passes_through(s, p) < 0;
	}
	if (!filled) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the query fills no output port");
		return;
	}
	/* the query's rows, read by position into the output ports it fills */
	LNode *q =
	    lower_node_new(L, NODE_SOURCE_PUSHDOWN,
			   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_query", ln->n->id)), s, NULL);
	lower_pushdown_override(L, q, s, sql, 0.90);
	ptrvec_push(L->a, &q->n->evidence,
		    (void *)"the SQL Transformation's query; its columns are read by position, as "
			    "PowerCenter requires the output ports to match the SELECT list");
	bool keep = false;
	Sbuf cols = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		int j = passes_through(s, p);
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e;
		if (strcasecmp(p->name, "SQLError") == 0) {
			e = arena_sprintf(L->a, "CAST(NULL AS %s)", type); /* no error: NULL */
		} else if (j >= 0) {
			keep = true;
			e = lower_passed_value(L, ln, p, &L->cur_in[j], type);
		} else {
			const char *qc = lower_fresh_col(L, q, lower_colname(L, p->name));
			lower_add_col(L, q, qc, type);
			sbuf_addf(&cols, "%s%s", cols.len ? ", " : "", lower_ident(L, qc));
			e = arena_sprintf(L->a, "r.%s", lower_ident(L, qc));
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	lower_node_add(L, q);
	const char *max = extension(s, "Max_Out_Row_Count");
	long long limit = max ? strtoll(max, NULL, 10) : 0;
	lower_add_dep(L, ln, q->n->id);
	ln->tail =
	    arena_sprintf(L->a, "FROM %s AS t\n%s (SELECT %s FROM %s%s) AS r%s", d->n->id,
			  keep ? "LEFT JOIN" : "CROSS JOIN", cols.buf, q->n->id,
			  limit > 0 ? arena_sprintf(L->a, " LIMIT %lld", limit) : "", keep ? " ON true" : "");
	sbuf_release(&cols);
	ptrvec_push(L->a, &ln->n->evidence,
		    (void *)(keep ? "pass-through ports: an input row the query returns no row for is "
				    "kept once, its query ports NULL"
				  : "no pass-through ports: an input row the query returns no row for "
				    "gives no row"));
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "a database error stops the run; PowerCenter would put it in SQLError and go on");
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
				const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
				const char *type = pc_pg_type(L->a, &p->type);
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

void pc_rule_normalizer(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	/* output ports: a GCID_ port, a GK_ port, and the normalized columns;
	 * input ports NAME1..NAMEn (or NAME_in1..) feed NAME occurrence by occurrence */
	lower_add_dep(L, ln, d->n->id);
	PtrVec outs = {0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_OUT) && !(p->dir & PORT_IN))
			ptrvec_push(L->a, &outs, (void *)(uintptr_t)i);
	}
	int occurs = 0;
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		for (int n = 1; n < 100; n++) {
			char want[300];
			snprintf(want, sizeof want, "%s_in%d", p->name, n);
			int a = lower_port_named(s, want);
			snprintf(want, sizeof want, "%s%d", p->name, n);
			int b = lower_port_named(s, want);
			if (a < 0 && b < 0)
				break;
			if (n > occurs)
				occurs = n;
		}
	}
	if (!occurs) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "the normalizer's occurring input ports were not recognised");
		return;
	}
	for (uint32_t k = 0; k < outs.len; k++) {
		uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
		const AstPort *p = s->ports.items[i];
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	Sbuf b = SBUF_INIT;
	for (int n = 1; n <= occurs; n++) {
		sbuf_addf(&b, "%sSELECT ", n > 1 ? "\nUNION ALL\n" : "");
		for (uint32_t k = 0; k < outs.len; k++) {
			uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
			const AstPort *p = s->ports.items[i];
			const IrColumn *oc = ln->n->columns.items[k];
			char want[300];
			const char *e = "NULL";
			if (strncasecmp(p->name, "GCID_", 5) == 0)
				e = arena_sprintf(L->a, "%d", n);
			else if (strncasecmp(p->name, "GK_", 3) == 0)
				e = "NULL";
			else {
				snprintf(want, sizeof want, "%s_in%d", p->name, n);
				int src = lower_port_named(s, want);
				if (src < 0) {
					snprintf(want, sizeof want, "%s%d", p->name, n);
					src = lower_port_named(s, want);
				}
				if (src <
				    0) { /* a column that does not occur: the same input port every time */
					snprintf(want, sizeof want, "%s_in", p->name);
					src = lower_port_named(s, want);
					if (src < 0)
						src = lower_port_named(s, p->name);
				}
				if (src >= 0 && L->cur_in[src].node)
					e = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col));
			}
			sbuf_addf(&b, "%sCAST(%s AS %s) AS %s", k ? ", " : "", e, oc->type,
				  lower_ident(L, oc->name));
		}
		sbuf_addf(&b, " FROM %s AS t", d->n->id);
	}
	ln->full = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		if (strncasecmp(p->name, "GK_", 3) == 0)
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "the generated key '%s' is NULL: it needs a sequence the runner keeps",
				   p->name);
	}
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
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
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

/* ---- the walk ---------------------------------------------------------------------- */

void lower_step(Lower *L, StepInfo *si)
{
	if (si->done || si->busy)
		return;
	si->busy = true;
	const AstStep *s = si->s;
	if (s->kind == STEP_SOURCE) {
		lower_source(L, si);
		si->done = true;
		return;
	}
	if (s->kind == STEP_SOURCE_QUERY) {
		lower_source_query(L, si);
		si->done = true;
		return;
	}
	if (lower_transparent(s) || s->kind == STEP_SEQUENCE) {
		si->done = true;
		return;
	}
	if (s->kind == STEP_LOOKUP && si->in_edges.len == 0) { /* unconnected: :LKP. reads its relation */
		si->done = true;
		return;
	}
	ColRef *in = lower_inputs(L, si); /* lowers the inputs first */
	si->in = in;
	const RuleDef *r = lower_rule_for(s->kind);
	NodeType type = r->node;
	StepInfo *saved = L->cur;
	ColRef *saved_in = L->cur_in;
	ExprBinding **saved_vars = L->cur_vars, **saved_pre = L->cur_pre, **saved_prev = L->cur_prev;
	L->cur = si;
	L->cur_in = in;
	L->cur_vars = L->cur_pre = L->cur_prev = NULL;
	L->cur_order = NULL;
	const char *why = NULL;
	if (type == NODE_PLACEHOLDER || s->disabled) {
		lower_fallback(L, si, s->kind == STEP_SCRIPT ? CONV_UNSUPPORTED : CONV_LLM_UNAVAILABLE,
			       arena_sprintf(L->a, "no rule converts a %s",
					     s->orig_kind ? s->orig_kind : step_kind_name(s->kind)));
		lower_node_add(L, si->node);
	} else if (s->kind == STEP_ROUTER) {
		LNode *d = si->d = lower_single_input(L, si, in, &why);
		if (d)
			lower_router(L, si, d);
		else {
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
			lower_node_add(L, si->node);
		}
	} else {
		LNode *ln = lower_step_node(L, si, type, s->kind == STEP_TARGET ? "tgt_" : NULL);
		LNode *d = NULL;
		if (s->kind != STEP_JOIN && s->kind != STEP_UNION) {
			d = si->d = lower_single_input(L, si, in, &why);
			if (!d) {
				lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
				lower_node_add(L, ln);
				goto out;
			}
		}
		L->row_alias = "t";
		switch (s->kind) {
		case STEP_EXPRESSION: lower_expression(L, si, ln, d, true); break;
		case STEP_TRANSACTION_CONTROL:
			lower_expression(L, si, ln, d, false);
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "rows pass through unchanged; the commit and rollback points are not "
				   "represented");
			break;
		case STEP_FILTER: lower_filter(L, si, ln, d); break;
		case STEP_UPDATE_STRATEGY: pc_rule_update_strategy(L, si, ln, d); break;
		case STEP_SORT: lower_sorter(L, si, ln, d); break;
		case STEP_AGGREGATE: lower_aggregator(L, si, ln, d); break;
		case STEP_RANK: lower_rank(L, si, ln, d); break;
		case STEP_LOOKUP: lower_lookup(L, si, ln, d); break;
		case STEP_JOIN:
			L->row_alias = NULL;
			lower_joiner(L, si, ln, in);
			break;
		case STEP_UNION: lower_union(L, si, ln, in); break;
		case STEP_NORMALIZER: pc_rule_normalizer(L, si, ln, d); break;
		case STEP_SQL: pc_rule_sql_transformation(L, si, ln, d); break;
		case STEP_TARGET: lower_target(L, si, ln, d, in); break;
		default: lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no rule"); break;
		}
		L->row_alias = NULL;
		lower_warn_conversions(L, ln, s);
		if (ln->n->type == NODE_PLACEHOLDER) {
			/* keep the output ports so downstream steps still lower */
			for (uint32_t i = 0; i < s->ports.len; i++) {
				const AstPort *p = s->ports.items[i];
				if (!(p->dir & PORT_OUT) || si->cols[i])
					continue;
				const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
				lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
				si->cols[i] = name;
			}
			lower_warn(L, ln, W_RULE_FALLBACK, s, "%s: %s",
				   ln->n->note ? ln->n->note : "not converted", fallback_fate(L));
		}
		lower_node_add(L, ln);
	}
out:
	L->cur = saved;
	L->cur_in = saved_in;
	L->cur_vars = saved_vars;
	L->cur_pre = saved_pre;
	L->cur_prev = saved_prev;
	si->done = true;
}

/* Print the SQL of a node from its parts. */
static void finish(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	if (n->type != NODE_PLACEHOLDER) /* docs/pipeline-yaml.md, "Confidence" */
		n->confidence = n->base_confidence * ln->expr_factor - 0.05 * ln->differences;
	if (n->type == NODE_PLACEHOLDER || n->type == NODE_SOURCE_FILE || n->source_sql) {
		n->sql = NULL;
		return;
	}
	if (ln->full) {
		n->sql = ln->full;
		return;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, ln->distinct ? "SELECT DISTINCT\n" : "SELECT\n");
	for (uint32_t i = 0; i < ln->items.len; i++)
		sbuf_addf(&b, "  %s%s\n", (const char *)ln->items.items[i], i + 1 < ln->items.len ? "," : "");
	if (!ln->items.len)
		sbuf_adds(&b, "  1 AS akko_none\n");
	if (ln->tail)
		sbuf_adds(&b, ln->tail);
	n->sql = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
}

static void check_sql(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	const char *why = NULL;
	if (!n->sql || !L->o->sql_ok || L->o->sql_ok(L->o->sql_ok_ud, n->sql, &why))
		return;
	if (ln->alt_source_sql) { /* source-dialect SQL: the query runs at the source */
		const AstStep *s = ln->step;
		PtrVec kept = {0}; /* the parameter notes were about the PostgreSQL form */
		for (uint32_t i = 0; i < n->warnings.len; i++) {
			IrWarning *w = n->warnings.items[i];
			if (strcmp(w->code, diag_code_str(W_RULE_SQL_PARAM)) != 0)
				ptrvec_push(L->a, &kept, w);
		}
		n->warnings = kept;
		lower_pushdown_override(L, ln, s, ln->alt_source_sql, 0.90);
		n->sql = NULL;
		ptrvec_push(
		    L->a, &n->evidence,
		    (void *)arena_sprintf(L->a,
					  "PostgreSQL refuses the filter or join (%s): the query runs at "
					  "the source as PowerCenter would send it",
					  why));
		return;
	}
	lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
			  arena_sprintf(L->a, "the SQL fails the check: %s", why));
	n->sql = NULL;
	ir_warn(L->a, &n->warnings, diag_code_str(W_RULE_SQL_CHECK), n->origin.line,
		"the generated SQL fails the PostgreSQL check (%s); the node is kept for review", why);
	const IrWarning *w = n->warnings.items[n->warnings.len - 1];
	Diag d = {.code = W_RULE_SQL_CHECK, .loc = ln->loc};
	d.context = arena_sprintf(L->a, "in node '%s' of mapping '%s'", n->id, L->flow->name);
	diag_emit(L->sink, &d, "%s", w->message);
}

/* ---- the fallback path (docs/llm.md) ------------------------------------------------ */

/* Ask the fallback for a placeholder; a draft it returns (validated by
 * the caller) replaces the placeholder, columns unchanged. */
static void fallback_node(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	const char *refused = pc_fallback_refusal(ln->step, n);
	if (refused) {
		lower_warn(L, ln, W_LLM_NOT_ASKED, ln->step,
			   "not sent to the LLM: %s: kept as a placeholder for manual review", refused);
		return;
	}
	StepInfo *si = lower_info_of(L, ln->step);
	RulesFallbackRequest req = {.pipeline = L->flow->name, .node = n, .why = n->note};
	req.draft_sql = ln->draft_sql;
	pc_fallback_describe(L->a, ln->step, L->p, &req);
	bool mine = si && (si->node == ln || si->groups); /* not a node lowering added */
	for (uint32_t i = 0; mine && i < req.ports.len; i++) {
		RulesFallbackPort *fp = req.ports.items[i];
		if (si->cols && (!si->groups || si->groups[i] == ln))
			fp->column = si->cols[i];
		if (si->in && si->in[i].node && si->in[i].col)
			fp->from = arena_sprintf(L->a, "%s.%s", si->in[i].node->n->id, si->in[i].col);
	}
	RulesFallbackAnswer ans = {0};
	bool ok = L->o->fallback(L->o->fallback_ud, &req, &ans);
	for (uint32_t i = 0; i < ans.evidence.len; i++)
		ptrvec_push(L->a, &n->evidence, ans.evidence.items[i]);
	if (ok) {
		n->type = pc_fallback_type(lower_rule_for(ln->step->kind)->node, n);
		n->sql = ans.sql;
		n->source = CONV_LLM;
		n->confidence = ans.confidence;
		n->review = false; /* checking the draft is the LLM-assisted effort (docs/effort.md) */
		n->llm_model = ans.model;
		n->llm_key = ans.key;
		n->note = arena_sprintf(L->a, "drafted by an LLM: %s", n->note ? n->note : "no rule");
	} else {
		n->source = CONV_LLM_UNAVAILABLE;
	}
	lower_warn(L, ln, ans.code, ln->step, "%s", ans.message);
}

static void lower_flow(Lower *L, IrDoc *d, const AstFlow *f)
{
	L->flow = f;
	IrPipeline *p = ARENA_NEW(L->a, IrPipeline);
	p->name = f->name;
	p->origin.object = f->name;
	p->origin.kind = f->kind == FLOW_MAPPING ? "Mapping" : flow_kind_name(f->kind);
	p->origin.line = f->loc.line;
	L->p = p;
	/* the session that runs it gives parameters' values and connections */
	const AstSession *sess = NULL;
	const char *sess_name = NULL;
	for (uint32_t i = 0; i < L->folder->tasks.len && !sess; i++) {
		const AstTask *t = L->folder->tasks.items[i];
		if (t->session && t->session->mapping == f)
			sess = t->session, sess_name = t->name;
	}
	for (uint32_t c = 0; c < L->folder->controls.len && !sess; c++) {
		const AstControl *ctl = L->folder->controls.items[c];
		for (uint32_t i = 0; i < ctl->defs.len && !sess; i++) {
			const AstTask *t = ctl->defs.items[i];
			if (t->session && t->session->mapping == f)
				sess = t->session, sess_name = t->name;
		}
	}
	p->session = sess_name;
	pc_pipeline_params(L->a, L->doc, f, sess_name, &p->parameters);
	pc_pipeline_connections(L->a, L->doc, f, sess, &p->connections);
	strmap_init(&L->ids, L->a, false);
	strmap_init(&L->by_step, L->a, false);
	strmap_init(&L->relnodes, L->a, true);
	strmap_init(&L->seqnodes, L->a, false);
	/* node ids are relation names in SQL: never a word the dialect reserves */
	for (size_t i = 0; i < L->dialect->n_reserved; i++)
		strmap_put(&L->ids, L->dialect->reserved[i], (void *)"");
	/* the tables that node SQL reads are never node ids */
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		const char *t = s->kind == STEP_SOURCE && s->table ? s->table->name
				: s->kind == STEP_LOOKUP ? lower_prop(s->def ? s->def : s, SET_LOOKUP_TABLE)
							 : NULL;
		if (t)
			strmap_put(&L->ids, lower_colname(L, t), (void *)"");
	}
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		StepInfo *si = ARENA_NEW(L->a, StepInfo);
		si->s = s;
		strmap_put(&L->by_step, s->name, si);
	}
	for (uint32_t i = 0; i < f->edges.len; i++) {
		const AstEdge *e = f->edges.items[i];
		StepInfo *si = e->to ? lower_info_of(L, e->to) : NULL;
		if (si)
			ptrvec_push(L->a, &si->in_edges, (void *)e);
	}
	/* targets in load order drive the walk; then everything else */
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		if (s->kind == STEP_TARGET)
			lower_step(L, lower_info_of(L, s));
	}
	for (uint32_t i = 0; i < f->steps.len; i++)
		lower_step(L, lower_info_of(L, f->steps.items[i]));
	/* print, check, fall back */
	for (uint32_t i = 0; i < L->all.len; i++) {
		LNode *ln = L->all.items[i];
		finish(L, ln);
		ln->draft_sql = ln->n->sql;
		check_sql(L, ln);
		IrNode *n = ln->n;
		if (n->type != NODE_PLACEHOLDER && n->confidence < RULES_FALLBACK_THRESHOLD) {
			lower_placeholder(
			    L, ln, CONV_LLM_UNAVAILABLE,
			    arena_sprintf(L->a, "confidence %.2f is below the fallback threshold %.2f",
					  n->confidence, RULES_FALLBACK_THRESHOLD));
			n->sql = NULL;
		}
	}
	if (L->o->fallback)
		for (uint32_t i = 0; i < L->all.len; i++)
			if (((LNode *)L->all.items[i])->n->type == NODE_PLACEHOLDER)
				fallback_node(L, L->all.items[i]);
	/* a node reading a placeholder cannot run: say so where it matters */
	for (uint32_t i = 0; i < L->all.len; i++) {
		IrNode *n = ((LNode *)L->all.items[i])->n;
		for (uint32_t k = 0; k < n->depends_on.len; k++) {
			for (uint32_t j = 0; j < i; j++) {
				IrNode *up = ((LNode *)L->all.items[j])->n;
				if (strcmp(up->id, n->depends_on.items[k]) == 0 &&
				    up->type == NODE_PLACEHOLDER && n->type != NODE_PLACEHOLDER)
					ptrvec_push(L->a, &n->evidence,
						    (void *)arena_sprintf(
							L->a,
							"reads placeholder '%s': runs only after its review",
							up->id));
			}
		}
	}
	L->all = (PtrVec){0};
	ptrvec_push(L->a, &d->pipelines, p);
}

void rules_lower(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink)
{
	Lower L = {.a = a, .doc = doc, .o = o, .sink = sink, .sem = tool_semantics(doc->tool)};
	L.dialect = o->dialect ? o->dialect : &dialect_postgres;
	/* the language of the text the rules write (default values); until the
	 * tool's own language has a parser, the first registered one's */
	L.lang = expr_language(L.sem->expr_lang);
	if (!L.lang)
		L.lang = expr_languages()[0];
	/* every expression parsed once, kept on the AST (a cache: idempotent) */
	expr_parse_doc((AstDoc *)doc);
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		L.folder = doc->folders.items[i];
		for (uint32_t k = 0; k < L.folder->flows.len; k++) {
			const AstFlow *f = L.folder->flows.items[k];
			if (f->kind != FLOW_MAPPLET) /* mapplets are expanded where they are used */
				lower_flow(&L, d, f);
		}
	}
}

void rules_lower_powercenter(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink)
{
	rules_lower(a, doc, o, d, sink);
}
