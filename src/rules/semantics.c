/* semantics.c - the per-tool semantics table (src/rules; semantics.h).
 * Each value is the tool's documented default: PowerCenter's Router sends
 * a row to every group whose condition holds and its Lookup returns NULL
 * when nothing matches; SSIS's Conditional Split sends a row to the first
 * group and its Lookup fails the component; DataStage's Transformer sends
 * a row down every link whose constraint holds and its Lookup stage fails
 * by default; Alteryx's Join redirects unmatched rows to its L/R outputs.
 * PowerCenter's Sorter treats NULL as the highest value unless "Null
 * Treated Low" is set (Transformation Guide, Sorter properties).
 */
#include "rules/semantics.h"

/* clang-format off */
static const ToolSemantics semantics_table[] = {
	{TOOL_UNKNOWN, "neutral", VAL_ALL_MATCHES, VAL_NULL, VAL_FIRST, VAL_FAIL, NULL, NULL, false, VAL_NONE, LANG_NONE, NULL},
	{TOOL_POWERCENTER, "powercenter", VAL_ALL_MATCHES, VAL_NULL, VAL_FIRST, VAL_SKIP, "0", "''", true, VAL_NULLS_HIGH, LANG_POWERCENTER, NULL},
	{TOOL_SSIS, "ssis", VAL_FIRST_MATCH, VAL_FAIL, VAL_ANY, VAL_FAIL, NULL, NULL, false, VAL_NONE, LANG_SSIS, NULL},
	{TOOL_ALTERYX, "alteryx", VAL_FIRST_MATCH, VAL_REDIRECT, VAL_ALL, VAL_FAIL, "0", "''", true, VAL_NONE, LANG_ALTERYX, NULL},
	{TOOL_DATASTAGE, "datastage", VAL_ALL_MATCHES, VAL_FAIL, VAL_FIRST, VAL_FAIL, "0", "''", true, VAL_NONE, LANG_DATASTAGE, "#"},
};
/* clang-format on */

const ToolSemantics *tool_semantics(Tool tool)
{
	for (size_t i = 0; i < sizeof semantics_table / sizeof semantics_table[0]; i++)
		if (semantics_table[i].tool == tool)
			return &semantics_table[i];
	return &semantics_table[0];
}
