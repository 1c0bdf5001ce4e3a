/* language.c - the SSIS expression language as data (src/expr/lang/ssis):
 * its parser, catalogue, constants and semantic flags.  Microsoft's SSIS
 * expression pages (EXPRESSIONS.md section 2) are the source of every
 * value below.
 */
#include "expr/lang/ssis/ssis.h"

/* clang-format off */
static const LangConst ssis_consts[] = {
    /* the value of NULL(DT_x): the lexer reads a bare NULL as an error */
    {"NULL", CK_NULL, XT_NULL, 0, NULL},
    {"TRUE", CK_TRUE, XT_BOOLEAN, 1, NULL},
    {"FALSE", CK_FALSE, XT_BOOLEAN, 0, NULL},
};
/* clang-format on */

const Language lang_ssis = {
    .id = LANG_SSIS,
    .name = "ssis",
    .parse = ssis_parse,
    .funcs = ssis_funcs,
    .nfuncs = SF_COUNT_,
    .consts = ssis_consts,
    .nconsts = ARRAY_LEN(ssis_consts),
    .sem =
	{
	    .concat_skips_null = false, /* "a" + NULL(DT_WSTR, 1) is NULL */
	    .params_in_strings = false, /* variables are @[User::X], never inside strings */
	    .fold_identifiers = false,  /* column names keep their case */
	    .bool_is_number = false,    /* DT_BOOL is a type of its own */
	    .string_condition_is_number = false,
	    .decimal_division = false,         /* 7 / 2 is 3 for whole numbers */
	    .null_condition_is_null = true,    /* NULL(DT_BOOL) ? a : b is NULL */
	    .case_insensitive_compare = false, /* "ABC" == "abc" is FALSE */
	    .add_concatenates = true,          /* "a" + "b"; "a" + 1 is an error */
	    .integer_modulo = true,            /* % takes whole numbers */
	    .strict_string_args = true,        /* LEN(123) is an error */
	    .date_args_take_text = true,       /* DATEPART("d", col) of text; a literal is cast */
	    .position_base = 1,                /* FINDSTRING, SUBSTRING count from 1 */
	    .date_format = "YYYY-MM-DD HH:MI:SS",
	    .double_to_text_note = NULL,
	    .date_arith_note = "use DATEADD or DATEDIFF",
	    .qualified_names = true, /* [Input].[Column] */
	    .qualified_name_note = NULL,
	},
    .date_unit = ssis_date_unit,
    .date_tokens = ssis_date_tokens,
    .convert = ssis_cast,
    .cast = ssis_cast,
    .type_named = ssis_type_named,
};
