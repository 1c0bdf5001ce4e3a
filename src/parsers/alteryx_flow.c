/* alteryx_flow.c - what each Alteryx tool passes on, once the whole
 * workflow is read (src/parsers; called at the end of alteryx.c).
 *
 * Alteryx connections carry no column lineage: fields flow by name.  A
 * tool's output is its input's fields, changed as its configuration says
 * ("Tool Reference", help.alteryx.com), so the output groups of the tools
 * that pass their input on are marked `passes_all` and the shared
 * lowering takes the columns of the node it reads; the fields a tool adds
 * or changes are its ports (alteryx_tools.c).  Here too:
 *
 *  - a Formula's fields are evaluated in order, "each expression can read
 *    the fields the expressions above it create or change" ("Formula
 *    Tool", help.alteryx.com): SET_PORTS_IN_ORDER, and new fields come
 *    after the incoming ones, a changed field where it stands
 *    (SET_COLUMNS_IN_PLACE);
 *  - Output Data and Browse are sinks that write every incoming field:
 *    an Output Data writes its file or table, a Browse a table named
 *    browse_<ToolID> (the data Designer would show);
 *  - a Test or Message tool asserts over its inputs (assertion groups).
 */
#include "parsers/alteryx.h"
#include "base/str.h"

#include <string.h>

static AstGroup *group_of(Ayx *A, AstStep *s, GroupKind k, const char *name)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (strcmp(g->name, name) == 0)
			return g;
	}
	AstGroup *g = ast_group_new(A->doc, k, name);
	g->loc = s->loc;
	ast_push(A->doc, &s->groups, g);
	return g;
}

/* The output groups pass every incoming field; `main` is added when no
 * connection named it (a tool whose output nothing reads). */
static void pass_all(Ayx *A, AstStep *s, const char *main)
{
	if (main)
		group_of(A, s, GROUP_OUTPUT, main);
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->kind != GROUP_INPUT && g->kind != GROUP_ERROR && g->kind != GROUP_ASSERTION)
			g->passes_all = true;
	}
}

/* A Formula's fields are evaluated in order, each reading the fields set
 * above it ("Formula Tool", https://help.alteryx.com/current/en/designer/tools/preparation/formula-tool.html). */
static void in_order(Ayx *A, AstStep *s)
{
	AstProp *p = ast_prop_new(A->doc, "ports_in_order", "each field reads those above it");
	p->key = SET_PORTS_IN_ORDER;
	p->loc = s->loc;
	ast_push(A->doc, &s->props, p);
}

/* A tool that adds fields after its input's and changes fields where
 * they stand (Formula, Multi-Row Formula...). */
static void in_place(Ayx *A, AstStep *s)
{
	if (ast_props_find(&s->props, SET_COLUMNS_IN_PLACE))
		return;
	AstProp *p = ast_prop_new(A->doc, "columns_in_place", "new fields after the incoming ones");
	p->key = SET_COLUMNS_IN_PLACE;
	p->loc = s->loc;
	ast_push(A->doc, &s->props, p);
}

/* A sink writing every incoming field: the input group passes them all. */
void ayx_sink_all(Ayx *A, AstStep *s, const char *table, bool is_file)
{
	AstGroup *in = group_of(A, s, GROUP_INPUT, "Input");
	in->passes_all = true;
	if (!s->table) {
		s->table = ast_table_new(A->doc, TABLE_TARGET, ayx_str(A, table));
		s->table->is_file = is_file;
		s->table->loc = s->loc;
		ast_push(A->doc, &A->folder->tables, s->table);
	}
}

/* A tool the table knows but whose configuration no reader turns into
 * ports and settings: the rules would pass its rows on unchanged, which
 * is not what it does.  It goes to review (the fallback path, with its
 * configuration); Block Until Done passes its rows unchanged. */
static void unread_tool(Ayx *A, AstStep *s)
{
	const AstProp *e = ast_props_find_name(&s->props, "EngineDllEntryPoint");
	const AyxTool *t = e ? ayx_tool_by_entry(e->value) : NULL;
	if (!t || t->read || s->review || s->kind == STEP_ANNOTATION || s->kind == STEP_MULTICAST ||
	    s->kind == STEP_FLOW_INPUT || s->kind == STEP_FLOW_OUTPUT || strcmp(t->name, "Browse") == 0)
		return;
	s->review = arena_sprintf(A->a, "the %s tool's configuration is not converted", t->name);
}

/* A tool Designer ships as a macro (Data Cleansing, Count Records...):
 * its output anchor is its Macro Output's ("Output26" in Cleanse.yxmc,
 * "Output9" in CountRecords.yxmc), the anchor its connections name, which
 * the fields it computes (alteryx_tools.c, alteryx_stdmacro.c) are moved
 * to.  `dflt`: the anchor when no connection names one (NULL: the group
 * its reader gave its fields); `passes`: the output carries the input's
 * fields too. */
static void macro_anchor(Ayx *A, AstStep *s, const char *dflt, bool passes)
{
	const char *anchor = NULL;
	for (uint32_t i = 0; i < s->groups.len && !anchor; i++) {
		const AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_OUTPUT)
			anchor = g->name;
	}
	for (uint32_t i = 0; !dflt && i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->dir & PORT_OUT)
			dflt = p->group;
	}
	if (passes)
		pass_all(A, s, anchor ? NULL : dflt);
	else if (!anchor && dflt)
		group_of(A, s, GROUP_OUTPUT, dflt);
	for (uint32_t i = 0; anchor && i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		if (p->dir == PORT_OUT)
			p->group = anchor;
	}
}

/* An Input Data tool whose fields the workflow does not record (no
 * MetaInfo: it was never run and saved): its columns are not known, so
 * the tools after it cannot be lowered against them (W1120). */
static void no_schema(Ayx *A, AstStep *s)
{
	if (strcmp(s->orig_kind ? s->orig_kind : "", "Input Data") != 0 || s->disabled)
		return;
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (((const AstPort *)s->ports.items[i])->dir & PORT_OUT)
			return;
	Diag d = {.code = W_AYX_NO_SCHEMA, .loc = s->loc, .span = 5};
	diag_emit(A->sink, &d, "tool %s: the Input Data tool records no fields (no MetaInfo): the columns it reads are not known",
		  s->name);
}

void ayx_complete_flow(Ayx *A)
{
	for (uint32_t i = 0; i < A->flow->steps.len; i++) {
		AstStep *s = A->flow->steps.items[i];
		const char *k = s->orig_kind ? s->orig_kind : "";
		bool stock = ast_props_find_name(&s->props, "stock_macro") != NULL;
		unread_tool(A, s);
		switch (s->kind) {
		case STEP_EXPRESSION:
			if (strcmp(k, "Formula") == 0)
				in_order(A, s);
			in_place(A, s);
			if (strcmp(k, "Data Cleansing") == 0)
				macro_anchor(A, s, "Output26", true);
			else if (!stock)
				pass_all(A, s, "Output");
			break;
		case STEP_SELECT:
		case STEP_SORT:
		case STEP_SAMPLE:
		case STEP_SEQUENCE:
		case STEP_GENERATE: pass_all(A, s, stock ? NULL : "Output"); break;
		case STEP_DEDUP:
			group_of(A, s, GROUP_OUTPUT, "Unique");
			pass_all(A, s, NULL);
			break;
		case STEP_SOURCE:
		case STEP_SOURCE_QUERY: no_schema(A, s); break;
		case STEP_TARGET: {
			const AstProp *f = ast_props_find(&s->props, SET_FILE_NAME);
			const AstProp *t = ast_props_find(&s->props, SET_TABLE_NAME);
			ayx_sink_all(A, s, t ? t->value : f ? f->value : s->name, !t);
			break;
		}
		case STEP_OBSERVE:
			if (strcmp(k, "Browse") == 0) { /* a sink: the rows Designer would show */
				s->kind = STEP_TARGET;
				ayx_sink_all(A, s, arena_sprintf(A->a, "browse_%s", s->name), false);
			}
			break;
		default: break;
		}
		if (stock)
			macro_anchor(A, s, NULL, s->kind != STEP_AGGREGATE);
	}
}
