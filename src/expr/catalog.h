/* catalog.h - the PowerCenter function catalogue as one table (src/expr).
 *
 * Each row: enum id, name, arity range, argument signature, result rule,
 * status, and notes for the coverage table (docs/functions.md is generated
 * from this table and the dialect's lowering table: `akko-migrate help
 * functions`).  EXPRESSIONS.md §1.5 is the source of every row.
 *
 * Signature letters, one per argument, the last one repeating when the
 * function is variadic:
 *   S string (other types are converted as TO_CHAR would)  N number
 *   I whole number (positions, lengths, counts; rounded)   D date
 *   B condition (non-zero numbers are true)                A any
 *   U date unit literal ('DD', 'MM', ...)                  F format string
 *   C case flag (0 = case-insensitive)                     X any, checked by the lowering
 */
#ifndef AKKO_EXPR_CATALOG_H
#define AKKO_EXPR_CATALOG_H

#include "expr/expr.h"

typedef enum FuncResult {
	FR_STRING,
	FR_INTEGER,
	FR_BIGINT,
	FR_DECIMAL,
	FR_DOUBLE,
	FR_DATE,
	FR_BOOL,
	FR_ARG1,   /* the first argument's type (numbers: at least integer) */
	FR_ARG2,   /* IIF: the second argument's, else the third's */
	FR_DECODE, /* the results' common type */
	FR_CHOOSE, /* the choices' common type */
	FR_ROUND,  /* dates stay dates; numbers keep their type */
	FR_NONE,   /* no value (ERROR, ABORT): fits any branch */
} FuncResult;

/* clang-format off */
#define FUNC_STATUS_LIST(X)                                                              \
	X(FS_EXACT, "translated", "same result as PowerCenter on every input we know of")   \
	X(FS_APPROX, "approximate", "translated with a warning naming the difference")      \
	X(FS_AGGREGATE, "aggregate", "translated in Aggregator ports, as an aggregate")    \
	X(FS_UNSUPPORTED, "not supported", "diagnosed; the node goes to the fallback path")

/* X(id, name, min, max, signature, result, status, notes) */
#define FUNC_LIST(X)                                                                      \
	/* character */                                                                     \
	X(FN_ASCII, "ASCII", 1, 1, "S", FR_INTEGER, FS_EXACT, "code of the first character")  \
	X(FN_CHR, "CHR", 1, 1, "I", FR_STRING, FS_EXACT, "CHR(39) is the usual quote")       \
	X(FN_CHRCODE, "CHRCODE", 1, 1, "S", FR_INTEGER, FS_EXACT, "code point of the first character") \
	X(FN_CONCAT, "CONCAT", 2, 2, "SS", FR_STRING, FS_EXACT, "NULL counts as empty; two NULLs give NULL (as ||)") \
	X(FN_INITCAP, "INITCAP", 1, 1, "S", FR_STRING, FS_EXACT, "words split at every non-alphanumeric character") \
	X(FN_INSTR, "INSTR", 2, 5, "SSIIN", FR_INTEGER, FS_EXACT, "negative start searches backwards; comparison_type is ignored with a warning") \
	X(FN_LENGTH, "LENGTH", 1, 1, "S", FR_INTEGER, FS_EXACT, "trailing blanks count")      \
	X(FN_LOWER, "LOWER", 1, 1, "S", FR_STRING, FS_EXACT, "")                             \
	X(FN_UPPER, "UPPER", 1, 1, "S", FR_STRING, FS_EXACT, "")                             \
	X(FN_LPAD, "LPAD", 2, 3, "SIS", FR_STRING, FS_EXACT, "truncates to the length, like PostgreSQL") \
	X(FN_RPAD, "RPAD", 2, 3, "SIS", FR_STRING, FS_EXACT, "truncates to the length, like PostgreSQL") \
	X(FN_LTRIM, "LTRIM", 1, 2, "SS", FR_STRING, FS_EXACT, "the second argument is a set of characters") \
	X(FN_RTRIM, "RTRIM", 1, 2, "SS", FR_STRING, FS_EXACT, "the second argument is a set of characters") \
	X(FN_METAPHONE, "METAPHONE", 1, 2, "SI", FR_STRING, FS_UNSUPPORTED, "PostgreSQL has it only in the fuzzystrmatch extension, with another algorithm variant") \
	X(FN_REPLACECHR, "REPLACECHR", 4, 4, "CSSS", FR_STRING, FS_EXACT, "only the first character of NewChar is used; NULL or '' deletes") \
	X(FN_REPLACESTR, "REPLACESTR", 4, 255, "CSSS", FR_STRING, FS_EXACT, "one left-to-right pass; warns when old strings can match at the same place") \
	X(FN_REVERSE, "REVERSE", 1, 1, "S", FR_STRING, FS_EXACT, "")                         \
	X(FN_SOUNDEX, "SOUNDEX", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, "PostgreSQL has it only in the fuzzystrmatch extension") \
	X(FN_SUBSTR, "SUBSTR", 2, 3, "SII", FR_STRING, FS_EXACT, "start 0 is 1; a negative start counts from the end; length <= 0 gives ''") \
	X(FN_CHOOSE, "CHOOSE", 2, 255, "IA", FR_CHOOSE, FS_EXACT, "out of range gives NULL")  \
	X(FN_INDEXOF, "INDEXOF", 2, 255, "AA", FR_INTEGER, FS_APPROX, "a trailing case flag is not recognised: every argument after the first is a value") \
	X(FN_GREATEST, "GREATEST", 1, 255, "A", FR_ARG1, FS_APPROX, "PostgreSQL ignores NULL arguments; PowerCenter's NULL rule is unverified") \
	X(FN_LEAST, "LEAST", 1, 255, "A", FR_ARG1, FS_APPROX, "PostgreSQL ignores NULL arguments; PowerCenter's NULL rule is unverified") \
	/* conversion */                                                                    \
	X(FN_TO_BIGINT, "TO_BIGINT", 1, 2, "XB", FR_BIGINT, FS_EXACT, "rounds half away from zero unless the flag is true; strings are read up to the first non-numeric character (commas group digits)") \
	X(FN_TO_CHAR, "TO_CHAR", 1, 2, "XF", FR_STRING, FS_EXACT, "dates through the format; doubles print differently (warned)") \
	X(FN_TO_DATE, "TO_DATE", 1, 2, "SF", FR_DATE, FS_EXACT, "the format is translated token by token; PostgreSQL is more lenient about separators (warned)") \
	X(FN_TO_DECIMAL, "TO_DECIMAL", 1, 2, "XI", FR_DECIMAL, FS_EXACT, "strings are read up to the first non-numeric character; a scale rounds") \
	X(FN_TO_FLOAT, "TO_FLOAT", 1, 1, "X", FR_DOUBLE, FS_EXACT, "strings are read up to the first non-numeric character") \
	X(FN_TO_INTEGER, "TO_INTEGER", 1, 2, "XB", FR_INTEGER, FS_EXACT, "rounds half away from zero unless the flag is true; strings are read up to the first non-numeric character") \
	/* dates */                                                                         \
	X(FN_ADD_TO_DATE, "ADD_TO_DATE", 3, 3, "DUN", FR_DATE, FS_EXACT, "months clamp to the end of the month, like PostgreSQL intervals") \
	X(FN_DATE_COMPARE, "DATE_COMPARE", 2, 2, "DD", FR_INTEGER, FS_EXACT, "-1, 0 or 1")    \
	X(FN_DATE_DIFF, "DATE_DIFF", 3, 3, "DDU", FR_DOUBLE, FS_EXACT, "fractional; month and year fractions are prorated by month length (warned: unverified)") \
	X(FN_GET_DATE_PART, "GET_DATE_PART", 2, 2, "DU", FR_INTEGER, FS_EXACT, "every D spelling means the day of the month") \
	X(FN_LAST_DAY, "LAST_DAY", 1, 1, "D", FR_DATE, FS_APPROX, "the time of day is kept; unverified") \
	X(FN_MAKE_DATE_TIME, "MAKE_DATE_TIME", 6, 7, "IIIIINI", FR_DATE, FS_EXACT, "nanoseconds are cut to microseconds") \
	X(FN_SET_DATE_PART, "SET_DATE_PART", 3, 3, "DUI", FR_DATE, FS_EXACT, "an impossible date is a row error") \
	X(FN_SYSTIMESTAMP, "SYSTIMESTAMP", 0, 1, "S", FR_DATE, FS_EXACT, "read per row, like SYSDATE") \
	/* numbers */                                                                       \
	X(FN_ABS, "ABS", 1, 1, "N", FR_ARG1, FS_EXACT, "")                                   \
	X(FN_CEIL, "CEIL", 1, 1, "N", FR_ARG1, FS_EXACT, "")                                 \
	X(FN_CUME, "CUME", 1, 2, "NB", FR_ARG1, FS_UNSUPPORTED, "a running total in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_EXP, "EXP", 1, 1, "N", FR_DOUBLE, FS_EXACT, "")                                 \
	X(FN_FLOOR, "FLOOR", 1, 1, "N", FR_ARG1, FS_EXACT, "")                               \
	X(FN_LN, "LN", 1, 1, "N", FR_DOUBLE, FS_EXACT, "n <= 0 is an error in both")          \
	X(FN_LOG, "LOG", 2, 2, "NN", FR_DOUBLE, FS_EXACT, "LOG(base, x)")                     \
	X(FN_MOD, "MOD", 2, 2, "NN", FR_ARG1, FS_EXACT, "sign of the dividend; 0 divisor is an error in both") \
	X(FN_MOVINGAVG, "MOVINGAVG", 2, 3, "NIB", FR_DOUBLE, FS_UNSUPPORTED, "a window over rows in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_MOVINGSUM, "MOVINGSUM", 2, 3, "NIB", FR_ARG1, FS_UNSUPPORTED, "a window over rows in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_POWER, "POWER", 2, 2, "NN", FR_DOUBLE, FS_EXACT, "")                            \
	X(FN_RAND, "RAND", 0, 1, "I", FR_DOUBLE, FS_APPROX, "a seed is ignored; the random sequence differs") \
	X(FN_ROUND, "ROUND", 1, 2, "XX", FR_ROUND, FS_EXACT, "numbers: half away from zero, fractional precision rounded; dates: by unit") \
	X(FN_SIGN, "SIGN", 1, 1, "N", FR_INTEGER, FS_EXACT, "")                              \
	X(FN_SQRT, "SQRT", 1, 1, "N", FR_DOUBLE, FS_EXACT, "a negative input is an error")   \
	X(FN_TRUNC, "TRUNC", 1, 2, "XX", FR_ROUND, FS_EXACT, "numbers: toward zero; dates: by unit") \
	X(FN_COS, "COS", 1, 1, "N", FR_DOUBLE, FS_EXACT, "radians")                          \
	X(FN_COSH, "COSH", 1, 1, "N", FR_DOUBLE, FS_EXACT, "")                               \
	X(FN_SIN, "SIN", 1, 1, "N", FR_DOUBLE, FS_EXACT, "radians")                          \
	X(FN_SINH, "SINH", 1, 1, "N", FR_DOUBLE, FS_EXACT, "")                               \
	X(FN_TAN, "TAN", 1, 1, "N", FR_DOUBLE, FS_EXACT, "radians")                          \
	X(FN_TANH, "TANH", 1, 1, "N", FR_DOUBLE, FS_EXACT, "")                               \
	/* special, test, encoding, regular expressions */                                  \
	X(FN_ABORT, "ABORT", 1, 1, "S", FR_NONE, FS_UNSUPPORTED, "stops the session; the pipeline needs a guard step, written by hand") \
	X(FN_DECODE, "DECODE", 3, 255, "AAA", FR_DECODE, FS_EXACT, "first match wins; NULL matches NULL; DECODE(TRUE, ...) is a CASE") \
	X(FN_ERROR, "ERROR", 1, 1, "S", FR_NONE, FS_UNSUPPORTED, "skips the row into the reject file; the pipeline needs a reject path, written by hand") \
	X(FN_IIF, "IIF", 2, 3, "BAA", FR_ARG2, FS_EXACT, "without a third argument: 0, '' or NULL by the type of the second") \
	X(FN_IN, "IN", 2, 255, "AA", FR_BOOL, FS_EXACT, "a trailing 0 after string values means case-insensitive") \
	X(FN_LOOKUP, "LOOKUP", 3, 255, "A", FR_ARG1, FS_UNSUPPORTED, "the legacy LOOKUP function: use a Lookup transformation") \
	X(FN_ISNULL, "ISNULL", 1, 1, "A", FR_BOOL, FS_EXACT, "'' is not NULL")               \
	X(FN_IS_DATE, "IS_DATE", 1, 2, "SF", FR_BOOL, FS_EXACT, "the text's shape, then the calendar (02/29 only in leap years; hours, minutes, seconds in range)") \
	X(FN_IS_NUMBER, "IS_NUMBER", 1, 1, "S", FR_BOOL, FS_EXACT, "spaces, sign, digits, point, exponent") \
	X(FN_IS_SPACES, "IS_SPACES", 1, 1, "S", FR_BOOL, FS_EXACT, "'' is not spaces")        \
	X(FN_AES_ENCRYPT, "AES_ENCRYPT", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, "cipher mode and padding cannot be matched without pgcrypto") \
	X(FN_AES_DECRYPT, "AES_DECRYPT", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, "cipher mode and padding cannot be matched without pgcrypto") \
	X(FN_COMPRESS, "COMPRESS", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, "zlib compression has no SQL equivalent") \
	X(FN_DECOMPRESS, "DECOMPRESS", 1, 2, "SI", FR_STRING, FS_UNSUPPORTED, "zlib compression has no SQL equivalent") \
	X(FN_CRC32, "CRC32", 1, 1, "S", FR_INTEGER, FS_UNSUPPORTED, "PostgreSQL has no CRC32 function") \
	X(FN_ENC_BASE64, "ENC_BASE64", 1, 1, "S", FR_STRING, FS_EXACT, "UTF-8 bytes; line breaks removed") \
	X(FN_DEC_BASE64, "DEC_BASE64", 1, 1, "S", FR_STRING, FS_EXACT, "decoded as UTF-8")  \
	X(FN_MD5, "MD5", 1, 1, "S", FR_STRING, FS_APPROX, "lowercase hex of the UTF-8 bytes; letter case unverified") \
	X(FN_REG_EXTRACT, "REG_EXTRACT", 2, 3, "SSI", FR_STRING, FS_APPROX, "Perl regular expressions run as PostgreSQL ones") \
	X(FN_REG_MATCH, "REG_MATCH", 2, 2, "SS", FR_BOOL, FS_APPROX, "the whole subject must match; Perl regular expressions run as PostgreSQL ones") \
	X(FN_REG_REPLACE, "REG_REPLACE", 3, 4, "SSSI", FR_STRING, FS_APPROX, "$1 back references become \\1; Perl regular expressions run as PostgreSQL ones") \
	/* aggregates */                                                                    \
	X(FN_AVG, "AVG", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, "NULLs ignored; optional filter") \
	X(FN_COUNT, "COUNT", 1, 2, "AB", FR_INTEGER, FS_AGGREGATE, "COUNT(*) counts rows; an all-NULL group gives 0") \
	X(FN_FIRST, "FIRST", 1, 2, "AB", FR_ARG1, FS_UNSUPPORTED, "the first non-NULL value in arrival order: translated in an Aggregator whose rows a Sorter orders; otherwise SQL has no order to match") \
	X(FN_LAST, "LAST", 1, 2, "AB", FR_ARG1, FS_UNSUPPORTED, "the last non-NULL value in arrival order: translated in an Aggregator whose rows a Sorter orders; otherwise SQL has no order to match") \
	X(FN_MAX, "MAX", 1, 2, "AB", FR_ARG1, FS_AGGREGATE, "")                              \
	X(FN_MIN, "MIN", 1, 2, "AB", FR_ARG1, FS_AGGREGATE, "")                              \
	X(FN_MEDIAN, "MEDIAN", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, "percentile_cont(0.5)") \
	X(FN_PERCENTILE, "PERCENTILE", 2, 3, "NNB", FR_DOUBLE, FS_APPROX, "percentile_cont; PowerCenter's interpolation is unverified") \
	X(FN_STDDEV, "STDDEV", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, "sample standard deviation") \
	X(FN_SUM, "SUM", 1, 2, "NB", FR_ARG1, FS_AGGREGATE, "an all-NULL group gives NULL") \
	X(FN_VARIANCE, "VARIANCE", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, "sample variance")   \
	/* mapping variables */                                                             \
	X(FN_SETVARIABLE, "SETVARIABLE", 2, 2, "AA", FR_ARG2, FS_UNSUPPORTED, "changes a mapping variable: the orchestrator keeps it, not a SQL expression") \
	X(FN_SETMAXVARIABLE, "SETMAXVARIABLE", 2, 2, "AA", FR_ARG2, FS_UNSUPPORTED, "changes a mapping variable: the orchestrator keeps it, not a SQL expression") \
	X(FN_SETMINVARIABLE, "SETMINVARIABLE", 2, 2, "AA", FR_ARG2, FS_UNSUPPORTED, "changes a mapping variable: the orchestrator keeps it, not a SQL expression") \
	X(FN_SETCOUNTVARIABLE, "SETCOUNTVARIABLE", 1, 1, "A", FR_INTEGER, FS_UNSUPPORTED, "changes a mapping variable: the orchestrator keeps it, not a SQL expression")
/* clang-format on */

typedef enum FuncStatus {
#define X(id, str, doc) id,
	FUNC_STATUS_LIST(X)
#undef X
} FuncStatus;

typedef enum FuncId {
#define X(id, name, lo, hi, sig, res, st, notes) id,
	FUNC_LIST(X)
#undef X
	    FN_COUNT_
} FuncId;

typedef struct FuncDef {
	FuncId id;
	const char *name;
	uint8_t min_args, max_args;
	const char *sig;
	FuncResult result;
	FuncStatus status;
	const char *notes;
} FuncDef;

const FuncDef *catalog_find(const char *name); /* case-insensitive; NULL if unknown */
const FuncDef *catalog_at(FuncId id);
char catalog_sig(const FuncDef *f, uint32_t arg); /* signature letter of argument `arg` */
const char *func_status_name(FuncStatus s);
const char *func_status_doc(FuncStatus s);

#endif
