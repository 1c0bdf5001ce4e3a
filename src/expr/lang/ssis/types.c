/* types.c - the SSIS data types (src/expr/lang/ssis): each DT_ name, the
 * neutral type it is and the parameters its cast takes.  Microsoft's
 * "Integration Services Data Types" and "Cast (SSIS Expression)"
 * (EXPRESSIONS.md §2.4) are the source of the table.
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang/ssis/ssis.h"

/* clang-format off */
static const SsisType types[] = {
    {"DT_BOOL", XT_BOOLEAN, ""},
    {"DT_I1", XT_INTEGER, ""}, {"DT_I2", XT_INTEGER, ""}, {"DT_I4", XT_INTEGER, ""},
    {"DT_I8", XT_BIGINT, ""},
    {"DT_UI1", XT_INTEGER, ""}, {"DT_UI2", XT_INTEGER, ""}, {"DT_UI4", XT_BIGINT, ""},
    {"DT_UI8", XT_BIGINT, ""},
    {"DT_R4", XT_DOUBLE, ""}, {"DT_R8", XT_DOUBLE, ""},
    {"DT_NUMERIC", XT_DECIMAL, "ps"}, {"DT_DECIMAL", XT_DECIMAL, "s"}, {"DT_CY", XT_DECIMAL, ""},
    {"DT_STR", XT_STRING, "lc"}, {"DT_WSTR", XT_STRING, "l"},
    {"DT_TEXT", XT_STRING, "c"}, {"DT_NTEXT", XT_STRING, ""},
    {"DT_BYTES", XT_BINARY, "l"}, {"DT_IMAGE", XT_BINARY, ""},
    {"DT_DATE", XT_DATE, ""}, {"DT_DBDATE", XT_DATE, ""},
    {"DT_DBTIME", XT_TIME, ""}, {"DT_DBTIME2", XT_TIME, "s"},
    {"DT_DBTIMESTAMP", XT_DATE, ""}, {"DT_DBTIMESTAMP2", XT_DATE, "s"},
    {"DT_DBTIMESTAMPOFFSET", XT_DATE, "s"}, {"DT_FILETIME", XT_DATE, ""},
    {"DT_GUID", XT_STRING, ""},
};
/* clang-format on */

const SsisType *ssis_type_find(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (str_ieq_cstr(str_make(name, len), types[i].name))
			return &types[i];
	return NULL;
}

bool ssis_type_named(const char *name, ExprType *out)
{
	const SsisType *t = ssis_type_find(name, strlen(name));
	if (t)
		*out = t->type;
	return t != NULL;
}
