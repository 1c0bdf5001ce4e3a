/* datastage_flow.c - what a DataStage job's links carry, once its stages
 * and links are built (src/parsers; called at the end of each job by
 * datastage.c).
 *
 * A DataStage link has one column list ("Defining columns on a link",
 * Parallel Job Developer's Guide): Designer writes it on the link's output
 * pin (CTrxOutput, CCustomOutput), and often not again on the input pin
 * of the stage it enters.  The shared lowering reads a step's input ports
 * and port-to-port edges, so each link's columns become ports at both ends
 * here, and the link one edge per column:
 *
 *  - a link whose input end lists no columns gets the output end's
 *    columns as input ports of the stage it enters (and the reverse);
 *  - an output column of a stage that is not a Transformer names the
 *    input column it copies on its `Derivation`/`SourceColumn` ("the
 *    Mapping tab", e.g. DSLink34.productid): `ref` = that input port, the
 *    neutral "output-only port that passes an input on";
 *  - sources and targets get the relation they read or write: the
 *    connector's table (TableName), else the file of a file stage as a
 *    file table named after the stage (the file is its SET_FILE_NAME).
 */
#include "parsers/datastage.h"
#include "base/str.h"

#include <string.h>

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The ports of step s in group `group` with any of the bits `dir`. */
static uint32_t ports_in(const AstStep *s, const char *group, unsigned dir, AstPort **out, uint32_t max)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if ((p->dir & dir) && same(p->group, group)) {
			if (out && n < max)
				out[n] = p;
			n++;
		}
	}
	return n;
}

/* A copy of link column c as a port of the other end of the link. */
static AstPort *link_port(AstDoc *d, const AstPort *c, unsigned dir, const char *group, SrcLoc loc)
{
	AstPort *p = ast_port_new(d, c->name);
	p->dir = dir;
	p->group = group;
	p->type = c->type;
	p->nullable = c->nullable;
	p->role = c->role;
	p->loc = loc;
	return p;
}

static AstEdge *port_edge(AstDoc *d, const AstEdge *link, AstPort *fp, AstPort *tp)
{
	AstEdge *e = ast_edge_new(d);
	e->from = link->from, e->from_port = fp, e->to = link->to, e->to_port = tp;
	e->from_group = link->from_group;
	e->to_group = link->to_group;
	e->name = link->name;
	e->scope = link->scope;
	e->props = link->props;
	e->loc = link->loc;
	return e;
}

/* A link-level edge (one end lists no columns): the other end's columns
 * become ports of this end, and the edge one edge per column, in the
 * column order.  Left link-level when neither end has columns (runtime
 * column propagation: the columns are not in the export). */
static void link_columns(AstDoc *d, const AstEdge *e, PtrVec *edges)
{
	AstStep *fs = e->from, *ts = e->to;
	uint32_t nout = ports_in(fs, e->from_group, PORT_OUT, NULL, 0);
	uint32_t nin = ports_in(ts, e->to_group, PORT_IN, NULL, 0);
	if ((nout && nin) || (!nout && !nin)) {
		ast_push(d, edges, (void *)e);
		return;
	}
	AstStep *have = nout ? fs : ts, *other = nout ? ts : fs;
	const char *hg = nout ? e->from_group : e->to_group, *og = nout ? e->to_group : e->from_group;
	for (uint32_t i = 0; i < have->ports.len; i++) {
		AstPort *c = have->ports.items[i];
		if (!(c->dir & (nout ? PORT_OUT : PORT_IN)) || !same(c->group, hg))
			continue;
		AstPort *p = link_port(d, c, nout ? PORT_IN : PORT_OUT, og, e->loc);
		ast_push(d, &other->ports, p);
		ast_push(d, edges, port_edge(d, e, nout ? c : p, nout ? p : c));
	}
}

/* Is `g` an input group (link) of s? */
static bool input_link(const AstStep *s, const char *g)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *gr = s->groups.items[i];
		if (gr->kind == GROUP_INPUT && strcmp(gr->name, g) == 0)
			return true;
	}
	return false;
}

/* The input port of s named `col` (of input link `link`, when given). */
static const AstPort *input_port(const AstStep *s, const char *link, const char *col)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && strcmp(p->name, col) == 0 && (!link || same(p->group, link)))
			return p;
	}
	return NULL;
}

/* An output column of a stage other than a Transformer copies the input
 * column its mapping names ("Link.col" in SourceColumn or Derivation), or
 * the input column of its own name. */
static void mapping_refs(AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if ((p->dir & (PORT_OUT | PORT_IN)) != PORT_OUT || p->expr || p->ref)
			continue;
		const AstProp *m = ast_props_find_name(&p->props, "SourceColumn");
		if (!m || !*m->value)
			m = ast_props_find_name(&p->props, "Derivation");
		const char *v = m ? m->value : NULL, *dot = v ? strrchr(v, '.') : NULL;
		const AstPort *src = NULL;
		if (dot) {
			char link[256];
			size_t n = (size_t)(dot - v);
			if (n < sizeof link) {
				memcpy(link, v, n);
				link[n] = '\0';
				if (input_link(s, link))
					src = input_port(s, link, dot + 1);
			}
		} else if (v && *v) {
			src = input_port(s, NULL, v);
		}
		if (!src)
			src = input_port(s, NULL, p->name);
		if (src)
			p->ref = src->name;
	}
}

/* The relation a source or target reads or writes. */
static void stage_table(AstDoc *d, AstFolder *f, AstStep *s)
{
	if (s->table || (s->kind != STEP_SOURCE && s->kind != STEP_TARGET))
		return;
	const AstProp *tn = ast_props_find(&s->props, SET_TABLE_NAME);
	const AstProp *fn = ast_props_find(&s->props, SET_FILE_NAME);
	if (!tn && !fn)
		return;
	/* a file has no table name: its rows are loaded into (or written
	 * from) a relation named after the stage, unique in the job */
	const char *name = tn ? tn->value : s->name;
	s->table = ast_table_new(d, s->kind == STEP_SOURCE ? TABLE_SOURCE : TABLE_TARGET, name);
	s->table->is_file = !tn;
	s->table->loc = (tn ? tn : fn)->loc;
	ast_push(d, &f->tables, s->table);
}

void ds_complete_flow(AstDoc *d, AstFolder *f, AstFlow *flow)
{
	PtrVec edges = {0};
	for (uint32_t i = 0; i < flow->edges.len; i++) {
		const AstEdge *e = flow->edges.items[i];
		if (e->from_port || e->to_port || !e->from_group || !e->to_group)
			ast_push(d, &edges, (void *)e);
		else
			link_columns(d, e, &edges);
	}
	flow->edges = edges;
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		AstStep *s = flow->steps.items[i];
		const char *k = s->orig_kind ? s->orig_kind : "";
		if (strcmp(k, "CTransformerStage") != 0 && strcmp(k, "TransformerStage") != 0)
			mapping_refs(s);
		stage_table(d, f, s);
	}
}
