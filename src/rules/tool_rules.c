/* tool_rules.c - the per-tool hooks of lowering (src/rules; tool_rules.h). */
#include "rules/tool_rules.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/pc.h"
#include "rules/ssis_rules.h"
#include "base/str.h"

/* A DataStage job parameter read by name (IBM, "Job parameters": a
 * derivation names it bare, SQL and properties as #NAME#): its binding,
 * typed as declared.  Minimal, for the stage rules; the parameter hooks of
 * ds_params.c take its place. */
static const ExprBinding *ds_flow_param(Arena *a, const AstDoc *doc, const AstFolder *folder,
					const AstFlow *flow, const char *name)
{
	(void)doc, (void)folder;
	for (uint32_t i = 0; flow && i < flow->params.len; i++) {
		const AstParam *p = flow->params.items[i];
		if (!ascii_ieq(p->name, name))
			continue;
		ExprBinding *b = ARENA_NEW(a, ExprBinding);
		b->kind = BIND_PARAM;
		b->name = p->name;
		b->type = p->type.kind == TY_UNKNOWN ? XT_STRING : expr_type_from_ast(p->type.kind);
		b->declared = true;
		return b;
	}
	return NULL;
}

/* A DataStage job's parameters (its Job Properties' Parameters page), each
 * read from setting akko.<name> (docs/pipeline-yaml.md), typed and with
 * its default as declared; encrypted ones without a default.  Minimal, as
 * ds_flow_param. */
static void ds_flow_params(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session, PtrVec *out)
{
	(void)doc, (void)session;
	for (uint32_t i = 0; i < flow->params.len; i++) {
		const AstParam *p = flow->params.items[i];
		IrParam *ip = ARENA_NEW(a, IrParam);
		ip->name = p->name;
		ip->setting = pc_param_setting(a, p->name);
		ip->kind = "parameter";
		ip->type = pc_pg_type(a, &p->type);
		ip->origin = "mapping";
		ip->line = p->loc.line;
		ip->sensitive = p->sensitive;
		ip->default_value = p->sensitive ? NULL : p->default_value;
		ptrvec_push(a, out, ip);
	}
}

/* clang-format off */
static const ToolRules tool_rules_table[] = {
	{TOOL_UNKNOWN, false, NULL, NULL, NULL, NULL},
	{TOOL_POWERCENTER, true, pc_orchestration, pc_pipeline_params, job_resolve_param,
	 pc_pipeline_connections},
	{TOOL_SSIS, true, ssis_orchestration, ssis_pipeline_params, ssis_flow_resolve_param,
	 ssis_pipeline_connections},
	{TOOL_ALTERYX, true, NULL, NULL, NULL, NULL},
	{TOOL_DATASTAGE, true, NULL, ds_flow_params, ds_flow_param, NULL},
};
/* clang-format on */

const ToolRules *tool_rules(Tool tool)
{
	for (size_t i = 0; i < sizeof tool_rules_table / sizeof tool_rules_table[0]; i++)
		if (tool_rules_table[i].tool == tool)
			return &tool_rules_table[i];
	return &tool_rules_table[0];
}
