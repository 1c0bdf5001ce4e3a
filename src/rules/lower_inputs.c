/* lower_inputs.c - where a step's input ports read from (src/rules).
 *
 * Edges are followed through transparent steps to the node and column each
 * port reads; a one-input step's inputs are aligned onto one relation by
 * carrying columns through passive nodes, parallel branches are rejoined on
 * a row number, and Sequence Generator ports become a numbering node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"

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

/* A sub-flow's interface steps, and an instance of a sub-flow, move no data
 * of their own; an instance left for review (its sub-flow absent or
 * refused) is a placeholder, not a pass-through. */
bool lower_transparent(const AstStep *s)
{
	return s->kind == STEP_FLOW_INPUT || s->kind == STEP_FLOW_OUTPUT ||
	       (s->kind == STEP_SUBFLOW && !s->review && !s->unresolved);
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
	if (s->kind == STEP_SEQUENCE && !si->in_edges.len) { /* a generator of numbers alone */
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
	if (!r.col && r.node && (p->dir & PORT_OUT)) {
		/* a port its rule gave no column of its own: the column of its
		 * name the node passes on (a rule passing its input's columns
		 * by name, such as a numbering step's) */
		const char *c = lower_colname(L, p->name);
		r.col = lower_has_col(r.node, c) ? c : NULL;
	}
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
static LNode *group_node_at(Lower *L, const AstStep *s, const char *group, int depth);

static LNode *group_node(Lower *L, const AstStep *s, const char *group)
{
	return group_node_at(L, s, group, 0);
}

/* The node a link-level edge reads through a sub-flow's boundary step (an
 * expanded Alteryx macro's Macro Input or Output): what the boundary's own
 * link-level input reads. */
static LNode *boundary_node(Lower *L, const AstStep *s, int depth)
{
	StepInfo *si = lower_info_of(L, s);
	for (uint32_t i = 0; si && depth < 64 && i < si->in_edges.len; i++) {
		const AstEdge *e = si->in_edges.items[i];
		if (!e->from_port && !e->to_port)
			return group_node_at(L, e->from, e->from_group, depth + 1);
	}
	return NULL;
}

static LNode *group_node_at(Lower *L, const AstStep *s, const char *group, int depth)
{
	if (s->kind == STEP_FLOW_INPUT || s->kind == STEP_FLOW_OUTPUT)
		return boundary_node(L, s, depth);
	StepInfo *si = lower_info_of(L, s);
	if (!si || (lower_transparent(s) && !lower_link_level_out(L, s)) ||
	    (s->kind == STEP_SEQUENCE && !si->in_edges.len))
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

LNode *lower_edge_node(Lower *L, const AstEdge *e)
{
	return group_node(L, e->from, e->from_group);
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
		/* a lookup port fed by a link is a column of the lookup's relation
		 * (lower_lookup_relation), not an input of the row */
		if (k >= 0 && !((e->to_port->dir & PORT_LOOKUP) && !(e->to_port->dir & PORT_IN)))
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
	/* The first value is Current Value ("the value you want the Integration
	 * Service to use as the first value in the sequence", default 1); Start
	 * Value is where Cycle starts again (Transformation Guide, Sequence
	 * Generator properties). */
	const char *cv = lower_prop(def, SET_SEQ_CURRENT), *iv = lower_prop(def, SET_SEQ_INCREMENT);
	if (!cv)
		cv = lower_prop(seq, SET_SEQ_CURRENT);
	if (!iv)
		iv = lower_prop(seq, SET_SEQ_INCREMENT);
	ln->n->seq_start = cv ? strtoll(cv, NULL, 10) : 1;
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
	if (!lower_prop_yes(def, SET_SEQ_RESET) && !lower_prop_yes(seq, SET_SEQ_RESET))
		lower_warn(L, ln, W_RULE_DIFFERENCE, seq,
			   "without Reset, PowerCenter continues the sequence from the value it stored after "
			   "the last run; every run of the pipeline starts at Current Value (%lld, its value "
			   "when exported)",
			   (long long)ln->n->seq_start);
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
