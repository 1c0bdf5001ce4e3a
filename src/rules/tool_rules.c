/* tool_rules.c - the per-tool hooks of lowering (src/rules; tool_rules.h). */
#include "rules/tool_rules.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/pc.h"
#include "rules/ssis_rules.h"

/* clang-format off */
static const ToolRules tool_rules_table[] = {
	{TOOL_UNKNOWN, false, NULL, NULL, NULL, NULL},
	{TOOL_POWERCENTER, true, pc_orchestration, pc_pipeline_params, job_resolve_param,
	 pc_pipeline_connections},
	{TOOL_SSIS, true, ssis_orchestration, ssis_pipeline_params, ssis_flow_resolve_param,
	 ssis_pipeline_connections},
	{TOOL_ALTERYX, true, NULL, NULL, NULL, NULL},
	{TOOL_DATASTAGE, true, NULL, NULL, NULL, NULL},
};
/* clang-format on */

const ToolRules *tool_rules(Tool tool)
{
	for (size_t i = 0; i < sizeof tool_rules_table / sizeof tool_rules_table[0]; i++)
		if (tool_rules_table[i].tool == tool)
			return &tool_rules_table[i];
	return &tool_rules_table[0];
}
