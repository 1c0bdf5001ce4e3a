/* language.c - the DataStage parallel Transformer derivation language as
 * data (src/expr/lang/datastage): its parser, catalogue, system variables
 * and semantic flags.  Sources: IBM's DataStage BASIC reference ("Logical
 * Operators": 0 and "" are false, NULL is neither and "takes the action of
 * false" in a condition; "Concatenation operator": NULL makes the result
 * NULL; "System variables"), the parallel job developer's guide
 * ("Transformer stage": system variables @INROWNUM, @OUTROWNUM,
 * @NUMPARTITIONS, @PARTITIONNUM, @ITERATION, @TRUE, @FALSE, per partition),
 * and the "Type conversion functions" page (default date format
 * %yyyy-%mm-%dd); summarised in EXPRESSIONS.md §4.1-§4.3.  The NULL
 * handling is that of InfoSphere DataStage 8.5 and later (11.x): a NULL
 * operand makes an operator or function NULL unless a null-handling
 * function is used; the legacy (pre-8.5) row-dropping mode is not
 * modelled.
 */
#include "expr/lang/datastage/datastage.h"

#define PER_PARTITION                                                                                        \
	"counts rows per partition of the parallel job; SQL has no partitions: give an ordering column and " \
	"a row number"

/* clang-format off */
static const LangConst ds_consts[] = {
    {"@TRUE", CK_INTEGER, XT_INTEGER, 1, NULL},
    {"@FALSE", CK_INTEGER, XT_INTEGER, 0, NULL},
    {"@NULL", CK_NULL, XT_NULL, 0, NULL},
    {"@DATE", CK_NOW_RUN, XT_DATE, 0, "@DATE becomes the start time of the query's transaction"},
    {"@TIME", CK_UNSUPPORTED, XT_STRING, 0, "@TIME is the run's time of day in the engine's internal form; use CurrentTime()"},
    {"@INROWNUM", CK_UNSUPPORTED, XT_INTEGER, 0, "@INROWNUM " PER_PARTITION},
    {"@OUTROWNUM", CK_UNSUPPORTED, XT_INTEGER, 0, "@OUTROWNUM " PER_PARTITION},
    {"@PARTITIONNUM", CK_UNSUPPORTED, XT_INTEGER, 0, "@PARTITIONNUM is the partition a row is processed in; SQL has no partitions"},
    {"@NUMPARTITIONS", CK_UNSUPPORTED, XT_INTEGER, 0, "@NUMPARTITIONS is the job's degree of parallelism; SQL has no partitions"},
    {"@ITERATION", CK_UNSUPPORTED, XT_INTEGER, 0, "@ITERATION belongs to transformer loops, which are not translated"},
    {"@NULL.STR", CK_UNSUPPORTED, XT_STRING, 0, "@NULL.STR is the engine's in-band null marker CHAR(128)"},
    {"@DAY", CK_UNSUPPORTED, XT_INTEGER, 0, "@DAY is a server-job (BASIC) variable"},
    {"@MONTH", CK_UNSUPPORTED, XT_INTEGER, 0, "@MONTH is a server-job (BASIC) variable"},
    {"@YEAR", CK_UNSUPPORTED, XT_INTEGER, 0, "@YEAR is a server-job (BASIC) variable"},
    {"@LOGNAME", CK_UNSUPPORTED, XT_STRING, 0, "@LOGNAME is the engine's user; give it as a parameter"},
    {"@PATH", CK_UNSUPPORTED, XT_STRING, 0, "@PATH is the engine's project path; give it as a parameter"},
    {"@WHO", CK_UNSUPPORTED, XT_STRING, 0, "@WHO is the engine's user; give it as a parameter"},
    /* the job macros a derivation may read ("Macros" of the parallel job guide) */
    {"DSHostName", CK_UNSUPPORTED, XT_STRING, 0, "DSHostName is the engine's host; give it as a parameter"},
    {"DSProjectName", CK_UNSUPPORTED, XT_STRING, 0, "DSProjectName is the engine's project; give it as a parameter"},
    {"DSJobName", CK_UNSUPPORTED, XT_STRING, 0, "DSJobName is the running job's name; give it as a parameter"},
    {"DSJobController", CK_UNSUPPORTED, XT_STRING, 0, "DSJobController is the sequence that runs the job; give it as a parameter"},
    {"DSJobInvocationId", CK_UNSUPPORTED, XT_STRING, 0, "DSJobInvocationId is the run's invocation id; give it as a parameter"},
    {"DSJobWaveNo", CK_UNSUPPORTED, XT_INTEGER, 0, "DSJobWaveNo is the run's wave number; give it as a parameter"},
    {"DSJobStartDate", CK_UNSUPPORTED, XT_STRING, 0, "DSJobStartDate is the run's start date as text; use CurrentDate()"},
    {"DSJobStartTime", CK_UNSUPPORTED, XT_STRING, 0, "DSJobStartTime is the run's start time as text; use CurrentTime()"},
    {"DSJobStartTimestamp", CK_UNSUPPORTED, XT_STRING, 0, "DSJobStartTimestamp is the run's start as text; use CurrentTimestamp()"},
};
/* clang-format on */

const Language lang_datastage = {
    .id = LANG_DATASTAGE,
    .name = "datastage",
    .parse = ds_parse,
    .funcs = ds_funcs,
    .nfuncs = DF_COUNT_,
    .consts = ds_consts,
    .nconsts = ARRAY_LEN(ds_consts),
    .sem =
	{
	    .concat_skips_null = false, /* "A" : @NULL is NULL */
	    .params_in_strings = false, /* #P# inside a string literal stays text */
	    .fold_identifiers = false,  /* column and stage variable names keep their case */
	    .bool_is_number = true,     /* IsNull() is 1 or 0; a non-zero number is true */
	    .string_condition_is_number = true,
	    .decimal_division = true,        /* '/' gives a dfloat: 7 / 2 is 3.5 */
	    .null_condition_is_null = false, /* NULL "takes the action of false": the Else branch */
	    .case_insensitive_compare = false,
	    .null_compare_two_valued = false, /* three-valued, as BASIC's tables */
	    .add_concatenates = false,        /* ':' concatenates, '+' adds */
	    .arith_reads_strings = true,      /* "2" + "2" is 4 ("Concatenating strings") */
	    .integer_modulo = false,          /* no '%': Mod() */
	    .strict_string_args = false,      /* Len(123): numbers become text */
	    .date_args_take_text = false,     /* the hooks convert text in the default format */
	    .position_base = 1,               /* [start, length], Index, Field count from 1 */
	    .date_format = "%yyyy-%mm-%dd",
	    .double_to_text_note = NULL,
	    .date_arith_note = "use DateOffsetByDays or DaysSinceFromDate",
	    .qualified_names = true, /* Link.Column */
	    .qualified_name_note = NULL,
	},
    .date_unit = NULL,
    .date_tokens = ds_date_tokens,
    .convert = ds_convert,
    .cast = NULL,
    .type_named = ds_type_named,
};
