/* alteryx_stdmacro.c - the tools Designer implements as macros it ships
 * (RuntimeData/Macros: CountRecords.yxmc ...), read as the documented tools
 * (src/parsers; called from alteryx.c and alteryx_macro.c).
 *
 * A workflow names such a tool by its macro file (<EngineSettings
 * Macro="CountRecords.yxmc" />), which is not on the converting machine.
 * Its behaviour is the tool's page in the Designer Tool Reference, so the
 * instance is read as that tool, with its settings from the instance's
 * <Configuration><Value name="...">; alteryx_macro.c still looks the file
 * up, and a macro found there is expanded instead (docs/alteryx.md,
 * "Tools that are macros").  Data Cleansing (Cleanse.yxmc) has its own
 * reader in alteryx_tools.c.
 */
#include "parsers/alteryx.h"
#include "base/str.h"

#include <string.h>

/* Count Records: "returns a count of the number of records passing
 * through the tool ... It even returns a count of zero which a Summarize
 * tool does not do.  This tool does not need to be configured" ("Count
 * Records Tool", https://help.alteryx.com/2021.2/Macro-CountRecords.htm).
 * One output field; its name and type, Count Int64, are those Designer
 * records for the macro's output (MetaInfo connection="Output9" in the
 * corpus, e.g. alteryx/SimSampling's SimSampling.yxmc), its anchors Input8
 * and Output9 those the instances' connections name.  An aggregate with no
 * group: one row, also for no input rows. */
static void read_count_records(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	AstPort *p = ayx_port(A, s, "Output9", "Count", cfg);
	p->type = ayx_type(A, "Int64", NULL, NULL);
	p->agg = "Count";
	p->agg_kind = AGG_COUNT_ROWS;
}

/* clang-format off */
static const struct {
	const char *file; /* the macro's file name, as Designer installs it */
	AyxTool tool;
} stock[] = {
    {"CountRecords.yxmc", {NULL, "Count Records", STEP_AGGREGATE, read_count_records, {"Value"}}},
};
/* clang-format on */

const AyxTool *ayx_stdmacro_tool(const char *file)
{
	for (size_t i = 0; file && i < sizeof stock / sizeof *stock; i++)
		if (ascii_ieq(file, stock[i].file))
			return &stock[i].tool;
	return NULL;
}
