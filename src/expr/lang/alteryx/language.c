/* language.c - the Alteryx formula language as data
 * (src/expr/lang/alteryx): its parser, catalogue, constants and semantic
 * flags.  Alteryx's Operators page (help.alteryx.com/current/en/designer/
 * functions/operators.html) and the Null rules of its function pages
 * (EXPRESSIONS.md §3.2-§3.3) are the source of every value below.
 */
#include "expr/lang/alteryx/alteryx.h"

#define ENGINE_WHY "is a value of the Alteryx engine at run time; give it as a parameter"

/* clang-format off */
static const LangConst ayx_consts[] = {
    {"True", CK_TRUE, XT_BOOLEAN, 1, NULL},
    {"False", CK_FALSE, XT_BOOLEAN, 0, NULL},
    /* [Engine.X]: constants of the running engine (Workflow Configuration) */
    {"Engine.WorkflowDirectory", CK_UNSUPPORTED, XT_STRING, 0, "[Engine.WorkflowDirectory] " ENGINE_WHY},
    {"Engine.TempFilePath", CK_UNSUPPORTED, XT_STRING, 0, "[Engine.TempFilePath] " ENGINE_WHY},
    {"Engine.Version", CK_UNSUPPORTED, XT_STRING, 0, "[Engine.Version] " ENGINE_WHY},
    {"Engine.GuiInteraction", CK_UNSUPPORTED, XT_BOOLEAN, 0, "[Engine.GuiInteraction] " ENGINE_WHY},
    {"Engine.IterationNumber", CK_UNSUPPORTED, XT_INTEGER, 0, "[Engine.IterationNumber] " ENGINE_WHY},
    {"Engine.ModuleDirectory", CK_UNSUPPORTED, XT_STRING, 0, "[Engine.ModuleDirectory] " ENGINE_WHY},
};
/* clang-format on */

const Language lang_alteryx = {
    .id = LANG_ALTERYX,
    .name = "alteryx",
    .parse = ayx_parse,
    .funcs = ayx_funcs,
    .nfuncs = AF_COUNT_,
    .regex = ayx_regex_to_are,
    .consts = ayx_consts,
    .nconsts = ARRAY_LEN(ayx_consts),
    .sem =
	{
	    .concat_skips_null = true,  /* "ABC" + Null() is "ABC" */
	    .params_in_strings = false, /* constants are [User.X], never inside strings */
	    .fold_identifiers = false,  /* field names keep their case */
	    .bool_is_number = false,    /* Bool is a type of its own */
	    .string_condition_is_number = false,
	    .decimal_division = true,         /* 7 / 2 is 3.5: '/' gives a Double */
	    .null_condition_is_null = false,  /* IIF(Null(), 10, 20) is 20 */
	    .case_insensitive_compare = true, /* "abc" = "ABC" is True */
	    .null_compare_two_valued = true,  /* Null() = Null() True, 1 < Null() False */
	    .add_concatenates = true,         /* "a" + "b" */
	    .integer_modulo = true,           /* no '%': Mod() */
	    .strict_string_args = false,      /* Left([Date], 4): dates are text */
	    .date_args_take_text = false,     /* dates are ISO strings: the hooks convert */
	    .position_base = 0,               /* FindString, Substring, GetWord count from 0 */
	    .date_format = "%Y-%m-%d %H:%M:%S",
	    .double_to_text_note = NULL,
	    .date_arith_note = "use DateTimeAdd or DateTimeDiff",
	    .qualified_names = false,
	    .qualified_name_note = "Alteryx has no qualified names",
	},
    .date_unit = ayx_date_unit,
    .date_tokens = ayx_date_tokens,
    .convert = NULL,
    .cast = NULL,
    .type_named = ayx_type_named,
};
