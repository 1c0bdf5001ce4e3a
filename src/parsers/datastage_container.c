/* datastage_container.c - DataStage shared containers expanded at their
 * instances, as PowerCenter mapplets are (src/parsers; docs/ast.md
 * section 1, "Sub-flows are expanded", and section 5).
 *
 * IBM, "Shared containers" (InfoSphere DataStage Designer Client Guide):
 * a shared container is a group of stages and links stored like a job;
 * "when you insert a shared container into a job, InfoSphere DataStage
 * places an instance of that container into the design.  When you compile
 * the job containing an instance of a shared container, the code for the
 * container is included in the compiled job."  Inside the container the
 * job's links are represented by the container's Input and Output stages
 * ("Using input and output stages"); on the instance's Inputs and Outputs
 * pages each job link is mapped to a container link ("Map to Container
 * Link"), and the columns of the two links are matched by name
 * ("Validate" checks that the job link's columns are those of the
 * container link).
 *
 * So, for an instance I of container C in flow F (datastage.c reads the
 * boundary stages as STEP_FLOW_INPUT / STEP_FLOW_OUTPUT, the instance as
 * STEP_SUBFLOW with `subflow` = C):
 *   - each step S of C becomes a step of F named "I/S" (scope I), each edge
 *     of C an edge of F between the copies, one AstExpansion for I (and
 *     C's own expansions, prefixed, for nested instances);
 *   - each input link of I is mapped to a container input link (an output
 *     link of an Input stage), each output link of I to a container output
 *     link (an input link of an Output stage): the link of the same name,
 *     else the first unmapped one in order (the mapping property of a real
 *     export is not confirmed: docs/ast.md section 5);
 *   - F's edges into I then end on the Input stage's copy, at the column of
 *     the same name; F's edges out of I start at the Output stage's copy;
 *     the boundary copies are transparent to the lowering;
 *   - C is expanded first when it holds instances itself (nested
 *     containers); a container that contains itself, directly or not, is
 *     refused (W1280) and its instance stays one step, for review, as does
 *     an instance whose links cannot be mapped (W1281).
 * Not done: the container's parameters (IBM, "Shared containers": "any
 * properties of the container that are likely to change between jobs can
 * be supplied by a parameter, and the actual value for that parameter
 * specified in the job design") are not bound to the values an instance
 * passes; the expanded stages read parameters of those names, and W1284
 * says so at each instance.
 */
#include "parsers/datastage.h"
#include "base/str.h"

#include <string.h>

typedef enum { X_NONE, X_RUNNING, X_DONE } XState;

typedef struct {
	AstDoc *doc;
	Arena *a;
	DiagSink *sink;
	StrMap state; /* flow pointer as key text -> XState cell */
} Cx;

/* One end of a container link: the copy of a boundary stage and the link
 * (group) on it. */
typedef struct {
	AstStep *step;
	const AstGroup *group;
	bool used;
} End;

static const char *key_of(Cx *X, const void *p)
{
	return arena_sprintf(X->a, "%p", p);
}

/* The expansion state of a flow (a map cell, as StrMap inserts only). */
static XState *state_cell(Cx *X, const AstFlow *f)
{
	const char *k = key_of(X, f);
	XState *c = strmap_get(&X->state, k);
	if (!c) {
		c = ARENA_NEW(X->a, XState);
		*c = X_NONE;
		strmap_put(&X->state, k, c);
	}
	return c;
}

static XState state_of(Cx *X, const AstFlow *f)
{
	return *state_cell(X, f);
}

static void set_state(Cx *X, const AstFlow *f, XState s)
{
	*state_cell(X, f) = s;
}

static const char *prefixed(Cx *X, const char *inst, const char *name)
{
	return name ? arena_sprintf(X->a, "%s/%s", inst, name) : NULL;
}

/* The container links on the boundary stages of kind `kind` (copies in
 * `copies`, in the container's step order): an Input stage's output
 * links, an Output stage's input links. */
static void boundary_ends(Cx *X, const AstFlow *c, AstStep **copies, StepKind kind, PtrVec *out)
{
	for (uint32_t i = 0; i < c->steps.len; i++) {
		const AstStep *s = c->steps.items[i];
		if (s->kind != kind)
			continue;
		for (uint32_t k = 0; k < s->groups.len; k++) {
			const AstGroup *g = s->groups.items[k];
			if ((g->kind == GROUP_INPUT) != (kind == STEP_FLOW_OUTPUT))
				continue;
			End *e = ARENA_NEW(X->a, End);
			e->step = copies[i];
			e->group = g;
			ptrvec_push(X->a, out, e);
		}
	}
}

/* Map the instance's links of one direction to container links: by name,
 * then in order.  Returns false (after W1281) when one has no partner. */
static bool map_links(Cx *X, const AstStep *inst, bool input, PtrVec *ends, StrMap *map)
{
	PtrVec pending = {0};
	for (uint32_t i = 0; i < inst->groups.len; i++) {
		const AstGroup *g = inst->groups.items[i];
		if ((g->kind == GROUP_INPUT) != input)
			continue;
		End *hit = NULL;
		for (uint32_t k = 0; !hit && k < ends->len; k++) {
			End *e = ends->items[k];
			if (!e->used && ascii_ieq(e->group->name, g->name))
				hit = e;
		}
		if (hit) {
			hit->used = true;
			strmap_put(map, g->name, hit);
		} else
			ptrvec_push(X->a, &pending, (void *)g);
	}
	for (uint32_t i = 0; i < pending.len; i++) {
		const AstGroup *g = pending.items[i];
		End *hit = NULL;
		for (uint32_t k = 0; !hit && k < ends->len; k++) {
			End *e = ends->items[k];
			if (!e->used)
				hit = e;
		}
		if (!hit) {
			diag_warning(X->sink, W_DS_CONTAINER_LINK, g->loc.file ? g->loc : inst->loc,
				     "%s link '%s' of shared container instance '%s' maps to no %s link of "
				     "container '%s'",
				     input ? "input" : "output", g->name, inst->name, input ? "input" : "output",
				     inst->subflow->name);
			return false;
		}
		hit->used = true;
		strmap_put(map, g->name, hit);
	}
	return true;
}

/* The column of the container link that a job link's column feeds or
 * reads: the port of the same name (case as written, then ignoring
 * case). */
static AstPort *link_port(const End *e, const char *name)
{
	const PtrVec *ports = &e->step->ports;
	AstPort *p = ast_ports_find_in(ports, e->group->name, name);
	for (uint32_t i = 0; !p && i < ports->len; i++) {
		AstPort *q = ports->items[i];
		if (q->group && strcmp(q->group, e->group->name) == 0 && ascii_ieq(q->name, name))
			p = q;
	}
	return p;
}

static void expand_flow(Cx *X, AstFlow *f);

/* Replace instance `s` of flow `f` by the steps of its container.  Returns
 * false, with `f` untouched, when the instance stays one step. */
static bool splice(Cx *X, AstFlow *f, AstStep *s, PtrVec *steps)
{
	AstFlow *c = s->subflow;
	if (state_of(X, c) == X_RUNNING) {
		diag_warning(X->sink, W_DS_CONTAINER_CYCLE, s->loc,
			     "stage '%s' is an instance of shared container '%s', which contains itself "
			     "(in '%s')",
			     s->name, c->name, f->name);
		s->review = "the shared container contains an instance of itself";
		return false;
	}
	if (state_of(X, c) != X_DONE)
		expand_flow(X, c);
	const char *inst = s->name;
	AstStep **copies = ARENA_NEWN(X->a, AstStep *, c->steps.len ? c->steps.len : 1);
	StrMap by_step;
	strmap_init(&by_step, X->a, false);
	for (uint32_t i = 0; i < c->steps.len; i++) {
		const AstStep *cs = c->steps.items[i];
		AstStep *cp = ARENA_NEW(X->a, AstStep);
		*cp = *cs;
		cp->name = prefixed(X, inst, cs->name);
		cp->scope = cs->scope ? prefixed(X, inst, cs->scope) : inst;
		cp->disabled = cs->disabled || s->disabled;
		copies[i] = cp;
		strmap_put(&by_step, key_of(X, cs), cp);
	}
	PtrVec ins = {0}, outs = {0};
	boundary_ends(X, c, copies, STEP_FLOW_INPUT, &ins);
	boundary_ends(X, c, copies, STEP_FLOW_OUTPUT, &outs);
	StrMap in_map, out_map;
	strmap_init(&in_map, X->a, false);
	strmap_init(&out_map, X->a, false);
	if (!map_links(X, s, true, &ins, &in_map) || !map_links(X, s, false, &outs, &out_map)) {
		s->review = "the links of the shared container instance do not map to the container's";
		return false;
	}
	/* the job's links, moved onto the boundary copies */
	PtrVec kept = {0};
	for (uint32_t i = 0; i < f->edges.len; i++) {
		AstEdge *e = f->edges.items[i];
		bool into = e->to == s, from = e->from == s;
		if (into || from) {
			const char *link = into ? e->to_group : e->from_group;
			const End *end = strmap_get(into ? &in_map : &out_map, link ? link : "");
			AstPort **port = into ? &e->to_port : &e->from_port;
			AstPort *p = NULL;
			if (!end)
				continue; /* a link of no group: nothing to move it to */
			if (*port) {
				p = link_port(end, (*port)->name);
				if (!p) {
					diag_warning(X->sink, W_DS_CONTAINER_COLUMN, e->loc,
						     "column '%s' of link '%s' is not a column of container link "
						     "'%s' of '%s': it is dropped at instance '%s'",
						     (*port)->name, e->name ? e->name : "", end->group->name, c->name,
						     inst);
					continue;
				}
			}
			if (into) {
				e->to = end->step;
				e->to_group = end->group->name;
			} else {
				e->from = end->step;
				e->from_group = end->group->name;
			}
			*port = p;
		}
		ast_push(X->doc, &kept, e);
	}
	f->edges = kept;
	for (uint32_t i = 0; i < c->edges.len; i++) {
		const AstEdge *ce = c->edges.items[i];
		AstEdge *e = ARENA_NEW(X->a, AstEdge);
		*e = *ce;
		e->from = strmap_get(&by_step, key_of(X, ce->from));
		e->to = strmap_get(&by_step, key_of(X, ce->to));
		e->scope = ce->scope ? prefixed(X, inst, ce->scope) : inst;
		if (e->from && e->to)
			ast_push(X->doc, &f->edges, e);
	}
	if (c->params.len) {
		const AstParam *p0 = c->params.items[0];
		diag_warning(X->sink, W_DS_CONTAINER_PARAMS, s->loc,
			     "shared container '%s' declares %u parameter%s (first: '%s'); the values instance "
			     "'%s' passes are not bound",
			     c->name, c->params.len, c->params.len == 1 ? "" : "s", p0->name, inst);
	}
	AstExpansion *x = ARENA_NEW(X->a, AstExpansion);
	x->instance = inst;
	x->scope = s->scope;
	x->mapplet = c;
	x->loc = s->loc;
	ast_push(X->doc, &f->expansions, x);
	for (uint32_t i = 0; i < c->expansions.len; i++) {
		const AstExpansion *nx = c->expansions.items[i];
		AstExpansion *cx = ARENA_NEW(X->a, AstExpansion);
		*cx = *nx;
		cx->instance = prefixed(X, inst, nx->instance);
		cx->scope = nx->scope ? prefixed(X, inst, nx->scope) : inst;
		ast_push(X->doc, &f->expansions, cx);
	}
	for (uint32_t i = 0; i < c->steps.len; i++)
		ast_push(X->doc, steps, copies[i]);
	return true;
}

/* An instance of a container the file holds, not refused before. */
static bool expandable(const AstStep *s)
{
	return s->kind == STEP_SUBFLOW && s->subflow && !s->review;
}

static void expand_flow(Cx *X, AstFlow *f)
{
	set_state(X, f, X_RUNNING);
	bool any = false;
	for (uint32_t i = 0; !any && i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		any = expandable(s);
	}
	if (any) {
		PtrVec steps = {0};
		for (uint32_t i = 0; i < f->steps.len; i++) {
			AstStep *s = f->steps.items[i];
			if (!(expandable(s) && splice(X, f, s, &steps)))
				ast_push(X->doc, &steps, s);
		}
		f->steps = steps;
	}
	set_state(X, f, X_DONE);
}

/* One flow (a job read on its own, its containers expanded already). */
void ds_expand_flow(AstDoc *d, Arena *a, DiagSink *sink, AstFlow *flow)
{
	Cx X = {.doc = d, .a = a, .sink = sink};
	strmap_init(&X.state, a, false);
	expand_flow(&X, flow);
}

void ds_expand_containers(AstDoc *d, Arena *a, DiagSink *sink)
{
	Cx X = {.doc = d, .a = a, .sink = sink};
	strmap_init(&X.state, a, false);
	/* the containers first, then the jobs: as reading unit by unit does
	 * (its first pass expands the containers), so that both say the same
	 * in the same order */
	for (int jobs = 0; jobs < 2; jobs++)
		for (uint32_t i = 0; i < d->folders.len; i++) {
			AstFolder *fo = d->folders.items[i];
			for (uint32_t k = 0; k < fo->flows.len; k++) {
				AstFlow *f = fo->flows.items[k];
				if ((f->kind == FLOW_MAPPLET) != !jobs)
					continue;
				if (state_of(&X, f) == X_NONE)
					expand_flow(&X, f);
			}
		}
}

/* ---- local containers ---------------------------------------------------------- */

/* IBM, "Local containers" (Designer Client Guide): a local container is
 * created within a job and is only accessible by that job; it is edited in
 * a tabbed page of the job's Diagram window, its links to the job's stages
 * represented inside it by Input and Output stages, as a shared
 * container's are ("Using input and output stages").  The export keeps
 * one job: every stage is a record of the job, and each diagram page is a
 * CContainerView record whose StageList names the stages drawn on it (the
 * top-level page, V0, names the job's own stages and the container stage).
 * So a view whose Name is the name of a container stage (CContainerStage)
 * not listed in it holds that local container: its stages and the links
 * between them become a sub-flow of the instance (`subflow`), which
 * ds_expand_containers then expands as it expands a shared container's.
 * (Not confirmed on a real export: docs/ast.md section 5.)  A link that
 * joins a stage of the container to one outside it other than through the
 * container stage is not what Designer draws: the container is left alone
 * and its instance is kept for review (W1283). */

typedef struct {
	AstStep *inst;
	AstFlow *sub;
	SrcLoc loc;
	bool refused; /* a link crosses its boundary */
} Local;

static AstStep *container_stage(const AstFlow *flow, const char *name)
{
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		AstStep *s = flow->steps.items[i];
		const char *written = s->orig_name ? s->orig_name : s->name;
		if (s->kind == STEP_SUBFLOW && !s->subflow && strcmp(written, name) == 0)
			return s;
	}
	return NULL;
}

void ds_local_containers(AstDoc *d, Arena *scratch, DiagSink *sink, const PtrVec *recs, const StrMap *stages,
			 AstFlow *flow)
{
	StrMap owner; /* step pointer -> Local */
	strmap_init(&owner, scratch, false);
	PtrVec locals = {0};
	for (uint32_t i = 0; i < recs->len; i++) {
		const DsRec *r = recs->items[i];
		const char *name = ds_get(r, "Name");
		if (strcmp(r->type, "CContainerView") != 0 || !name)
			continue;
		AstStep *inst = container_stage(flow, name);
		if (!inst)
			continue;
		PtrVec ids = {0};
		ds_split_bar(scratch, ds_get(r, "StageList"), &ids);
		Local *L = ARENA_NEW(scratch, Local);
		L->inst = inst;
		L->loc = r->loc;
		for (uint32_t k = 0; k < ids.len; k++) {
			AstStep *s = strmap_get(stages, ids.items[k]);
			if (s == inst) {
				L = NULL; /* the page that draws the container stage itself */
				break;
			}
		}
		if (!L)
			continue;
		for (uint32_t k = 0; k < ids.len; k++) {
			AstStep *s = strmap_get(stages, ids.items[k]);
			if (s)
				strmap_put(&owner, arena_sprintf(scratch, "%p", (void *)s), L);
		}
		ptrvec_push(scratch, &locals, L);
	}
	if (!locals.len)
		return;
	/* links that cross a container's boundary leave it alone */
	for (uint32_t i = 0; i < flow->edges.len; i++) {
		const AstEdge *e = flow->edges.items[i];
		Local *a = strmap_get(&owner, arena_sprintf(scratch, "%p", (void *)e->from));
		Local *b = strmap_get(&owner, arena_sprintf(scratch, "%p", (void *)e->to));
		if (a == b)
			continue;
		Local *ends[2] = {a, b};
		for (int k = 0; k < 2; k++) {
			Local *bad = ends[k];
			if (!bad || bad->refused)
				continue; /* told already */
			diag_warning(sink, W_DS_LOCAL_BOUNDARY, e->loc,
				     "link '%s' joins stage '%s' to stage '%s' across the boundary of local "
				     "container '%s'",
				     e->name ? e->name : "", e->from->name, e->to->name, bad->inst->name);
			bad->inst->review = "the links of the local container cross its boundary";
			bad->refused = true;
		}
	}
	for (uint32_t i = 0; i < locals.len; i++) {
		Local *L = locals.items[i];
		if (L->refused)
			continue;
		L->sub = ast_flow_new(d, FLOW_MAPPLET, L->inst->orig_name ? L->inst->orig_name : L->inst->name);
		L->sub->folder = flow->folder;
		L->sub->loc = L->loc;
		L->sub->valid = true;
		L->inst->subflow = L->sub;
	}
	PtrVec steps = {0}, edges = {0};
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		AstStep *s = flow->steps.items[i];
		Local *L = strmap_get(&owner, arena_sprintf(scratch, "%p", (void *)s));
		ast_push(d, L && !L->refused ? &L->sub->steps : &steps, s);
	}
	for (uint32_t i = 0; i < flow->edges.len; i++) {
		AstEdge *e = flow->edges.items[i];
		Local *L = strmap_get(&owner, arena_sprintf(scratch, "%p", (void *)e->from));
		ast_push(d, L && !L->refused ? &L->sub->edges : &edges, e);
	}
	flow->steps = steps;
	flow->edges = edges;
}
