/* language.c - the PowerCenter transformation language as data
 * (src/expr/lang/powercenter): its parser, catalogue, constants and
 * semantic flags.  The Transformation Language Reference (EXPRESSIONS.md
 * section 1) is the source of every value below.
 */
#include "expr/lang/powercenter/pc.h"

/* clang-format off */
static const LangConst pc_consts[] = {
    {"NULL", CK_NULL, XT_NULL, 0, NULL},
    {"TRUE", CK_TRUE, XT_BOOLEAN, 1, NULL},
    {"FALSE", CK_FALSE, XT_BOOLEAN, 0, NULL},
    {"SYSDATE", CK_NOW_ROW, XT_DATE, 0, NULL},
    {"SESSSTARTTIME", CK_NOW_RUN, XT_DATE, 0,
     "SESSSTARTTIME becomes the start time of the query's transaction"},
    {"SYSTIMESTAMP", CK_NOW_ROW, XT_DATE, 0, NULL},
    /* update strategy and transaction control constants */
    {"DD_INSERT", CK_INTEGER, XT_INTEGER, 0, NULL},
    {"DD_UPDATE", CK_INTEGER, XT_INTEGER, 1, NULL},
    {"DD_DELETE", CK_INTEGER, XT_INTEGER, 2, NULL},
    {"DD_REJECT", CK_INTEGER, XT_INTEGER, 3, NULL},
    {"TC_CONTINUE_TRANSACTION", CK_INTEGER, XT_INTEGER, 0, NULL},
    {"TC_COMMIT_BEFORE", CK_INTEGER, XT_INTEGER, 1, NULL},
    {"TC_COMMIT_AFTER", CK_INTEGER, XT_INTEGER, 2, NULL},
    {"TC_ROLLBACK_BEFORE", CK_INTEGER, XT_INTEGER, 3, NULL},
    {"TC_ROLLBACK_AFTER", CK_INTEGER, XT_INTEGER, 4, NULL},
    {"PROC_RESULT", CK_UNSUPPORTED, XT_UNKNOWN, 0, "PROC_RESULT belongs to :SP. calls, which are not translated"},
};
/* clang-format on */

const Language lang_powercenter = {
    .id = LANG_POWERCENTER,
    .name = "powercenter",
    .parse = pc_parse,
    .funcs = pc_funcs,
    .nfuncs = FN_COUNT_,
    .consts = pc_consts,
    .nconsts = ARRAY_LEN(pc_consts),
    .sem =
	{
	    .concat_skips_null = true, /* "||": NULL is '', all-NULL is NULL */
	    .params_in_strings = true, /* $$X is substituted before parsing */
	    .fold_identifiers = true,  /* port names are case-insensitive */
	    .bool_is_number = true,    /* TRUE is 1; non-zero numbers are true */
	    .string_condition_is_number = true,
	    .decimal_division = true,        /* integer literals are doubles: 10/4 is 2.5 */
	    .null_condition_is_null = false, /* IIF(NULL, a, b) is b */
	    .case_insensitive_compare = false,
	    .position_base = 1,                        /* SUBSTR, INSTR count from 1 */
	    .date_format = "MM/DD/YYYY HH24:MI:SS.US", /* the session default */
	    .double_to_text_note = "a double converted to a string: PowerCenter prints 15 significant "
				   "digits and switches to exponent notation, PostgreSQL prints the "
				   "shortest exact form",
	    .date_arith_note = "use ADD_TO_DATE or DATE_DIFF",
	    .qualified_names = false,
	    .qualified_name_note = "PowerCenter ports are referenced by their name alone",
	},
    .date_unit = pc_date_unit,
    .date_tokens = pc_date_tokens,
    .convert = pc_convert,
};
