/* alteryx_alone.c - a macro converted on its own (src/parsers; after
 * alteryx_macro.c has expanded the macros it uses).
 *
 * Designer runs a macro opened by itself as a workflow: each Macro Input
 * reads its template rows ("Macro Input Tool",
 * https://help.alteryx.com/current/en/designer/tools/interface-tools/macro-input-tool.html:
 * "Input Data Template ... the template data is used when the macro runs
 * as a workflow, or when nothing is connected to the input") and each
 * Macro Output is where its rows leave ("Macro Output Tool",
 * https://help.alteryx.com/current/en/designer/tools/interface-tools/macro-output-tool.html).
 * So a macro converted alone is a pipeline whose Macro Inputs are sources
 * (the template's inline rows, or, with none, a placeholder of the fields
 * MetaInfo records) and whose Macro Outputs are sinks writing every
 * incoming field, like a Browse: every terminal branch is a sink, and the
 * pipeline composes.  The flow keeps its kind (a macro, FLOW_MAPPLET) and
 * carries the prop `runs_alone`, which the lowering reads.
 */
#include "parsers/alteryx.h"
#include "base/str.h"

#include <string.h>

/* <UseFileInput value="False"/> <Name>Rows</Name> <TextInput>
 * <Configuration><NumRows/><Fields/><Data/></Configuration></TextInput>:
 * the template rows, as a Text Input reads them (the step's table).  A
 * macro used by a workflow ignores them: the step stays the transparent
 * boundary of the expansion. */
void ayx_read_macro_input(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *ti = xml_child(cfg, "TextInput");
	const xmlNode *tc = ti ? xml_child(ti, "Configuration") : NULL;
	const char *file = ayx_child_value(cfg, "UseFileInput");
	if (tc && !(file && strcmp(file, "True") == 0))
		ayx_read_text_input(A, s, tc);
}

void ayx_macro_alone(Arena *a, AstDoc *doc)
{
	AstFolder *fo = doc->folders.len ? doc->folders.items[0] : NULL;
	AstFlow *f = fo && fo->flows.len ? fo->flows.items[0] : NULL;
	if (!f || f->kind != FLOW_MAPPLET)
		return;
	Ayx A = {.a = a, .doc = doc, .folder = fo, .flow = f};
	AstProp *p = ast_prop_new(doc, "runs_alone", "the macro converted on its own: Macro Inputs read their template, Macro Outputs are sinks");
	p->loc = f->loc;
	ast_push(doc, &f->props, p);
	for (uint32_t i = 0; i < f->steps.len; i++) {
		AstStep *s = f->steps.items[i];
		if (s->scope) /* a macro this one uses, expanded in place */
			continue;
		if (s->kind == STEP_FLOW_INPUT)
			s->kind = STEP_SOURCE;
		else if (s->kind == STEP_FLOW_OUTPUT) {
			const AstProp *n = ast_props_find_name(&s->props, "Name");
			s->kind = STEP_TARGET;
			ayx_sink_all(&A, s, arena_sprintf(a, "macro_output_%s", n && *n->value ? n->value : s->name), false);
		}
	}
}
