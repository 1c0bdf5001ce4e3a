/* catalog.h - the PowerCenter function catalogue as one table
 * (src/expr/lang/powercenter).
 *
 * Each row: enum id, name, arity range, argument signature (func.h), result
 * rule, status, flags (FF_*), lowering, and notes for the coverage table
 * (docs/functions.md is generated from this table and the dialect's core
 * operations: `akko-migrate help functions`).  EXPRESSIONS.md section 1.5
 * is the source of every row; the PowerCenter Transformation Language
 * Reference ("Functions") the specification.
 *
 * Lowering: P(PRIM_X) is a one-to-one call of the dialect's core operation
 * PRIM_X; H(name) is the hook pc_lower_<name> in lower.c, for semantics
 * that need more than one call; NONE is not translated.
 *
 * The flag argument C of INSTR, REPLACECHR, REPLACESTR and IN is
 * PowerCenter's case flag: 0 means case-insensitive.
 */
#ifndef AKKO_EXPR_LANG_POWERCENTER_CATALOG_H
#define AKKO_EXPR_LANG_POWERCENTER_CATALOG_H

#include "expr/func.h"

/* clang-format off */
/* X(id, name, min, max, signature, result, status, flags, lowering, notes) */
#define FUNC_LIST(X)                                                                      \
	/* character */                                                                     \
	X(FN_ASCII, "ASCII", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(ASCII), "code of the first character")  \
	X(FN_CHR, "CHR", 1, 1, "I", FR_STRING, FS_EXACT, 0, P(CHR), "CHR(39) is the usual quote")       \
	X(FN_CHRCODE, "CHRCODE", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(ASCII), "code point of the first character") \
	X(FN_CONCAT, "CONCAT", 2, 2, "SS", FR_STRING, FS_EXACT, FF_CONCAT, H(concat), "NULL counts as empty; two NULLs give NULL (as ||)") \
	X(FN_INITCAP, "INITCAP", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(INITCAP), "words split at every non-alphanumeric character") \
	X(FN_INSTR, "INSTR", 2, 5, "SSIIN", FR_INTEGER, FS_EXACT, 0, H(instr), "negative start searches backwards; comparison_type is ignored with a warning") \
	X(FN_LENGTH, "LENGTH", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(CHAR_LENGTH), "trailing blanks count")      \
	X(FN_LOWER, "LOWER", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(LOWER), "")                             \
	X(FN_UPPER, "UPPER", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(UPPER), "")                             \
	X(FN_LPAD, "LPAD", 2, 3, "SIS", FR_STRING, FS_EXACT, 0, P(LPAD), "truncates to the length, like PostgreSQL") \
	X(FN_RPAD, "RPAD", 2, 3, "SIS", FR_STRING, FS_EXACT, 0, P(RPAD), "truncates to the length, like PostgreSQL") \
	X(FN_LTRIM, "LTRIM", 1, 2, "SS", FR_STRING, FS_EXACT, 0, P(LTRIM), "the second argument is a set of characters") \
	X(FN_RTRIM, "RTRIM", 1, 2, "SS", FR_STRING, FS_EXACT, 0, P(RTRIM), "the second argument is a set of characters") \
	X(FN_METAPHONE, "METAPHONE", 1, 2, "SI", FR_STRING, FS_UNSUPPORTED, 0, NONE, "PostgreSQL has it only in the fuzzystrmatch extension, with another algorithm variant") \
	X(FN_REPLACECHR, "REPLACECHR", 4, 4, "CSSS", FR_STRING, FS_EXACT, 0, H(replacechr), "only the first character of NewChar is used; NULL or '' deletes") \
	X(FN_REPLACESTR, "REPLACESTR", 4, 255, "CSSS", FR_STRING, FS_EXACT, 0, H(replacestr), "one left-to-right pass; warns when old strings can match at the same place") \
	X(FN_REVERSE, "REVERSE", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(REVERSE), "")                         \
	X(FN_SOUNDEX, "SOUNDEX", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, NONE, "PostgreSQL has it only in the fuzzystrmatch extension") \
	X(FN_SUBSTR, "SUBSTR", 2, 3, "SII", FR_STRING, FS_EXACT, 0, H(substr), "start 0 is 1; a negative start counts from the end; length <= 0 gives ''") \
	X(FN_CHOOSE, "CHOOSE", 2, 255, "IA", FR_CHOOSE, FS_EXACT, 0, H(choose), "out of range gives NULL")  \
	X(FN_INDEXOF, "INDEXOF", 2, 255, "AA", FR_INTEGER, FS_APPROX, 0, H(indexof), "a trailing case flag is not recognised: every argument after the first is a value") \
	X(FN_GREATEST, "GREATEST", 1, 255, "A", FR_ARG1, FS_APPROX, 0, P(GREATEST), "PostgreSQL ignores NULL arguments; PowerCenter's NULL rule is unverified") \
	X(FN_LEAST, "LEAST", 1, 255, "A", FR_ARG1, FS_APPROX, 0, P(LEAST), "PostgreSQL ignores NULL arguments; PowerCenter's NULL rule is unverified") \
	/* conversion */                                                                    \
	X(FN_TO_BIGINT, "TO_BIGINT", 1, 2, "XB", FR_BIGINT, FS_EXACT, 0, H(to_bigint), "rounds half away from zero unless the flag is true; strings are read up to the first non-numeric character (commas group digits)") \
	X(FN_TO_CHAR, "TO_CHAR", 1, 2, "XF", FR_STRING, FS_EXACT, 0, H(to_char), "dates through the format; doubles print differently (warned)") \
	X(FN_TO_DATE, "TO_DATE", 1, 2, "SF", FR_DATE, FS_EXACT, 0, H(to_date), "the format is translated token by token; PostgreSQL is more lenient about separators (warned)") \
	X(FN_TO_DECIMAL, "TO_DECIMAL", 1, 2, "XI", FR_DECIMAL, FS_EXACT, 0, H(to_decimal), "strings are read up to the first non-numeric character; a scale rounds") \
	X(FN_TO_FLOAT, "TO_FLOAT", 1, 1, "X", FR_DOUBLE, FS_EXACT, 0, H(to_float), "strings are read up to the first non-numeric character") \
	X(FN_TO_INTEGER, "TO_INTEGER", 1, 2, "XB", FR_INTEGER, FS_EXACT, 0, H(to_integer), "rounds half away from zero unless the flag is true; strings are read up to the first non-numeric character") \
	/* dates */                                                                         \
	X(FN_ADD_TO_DATE, "ADD_TO_DATE", 3, 3, "DUN", FR_DATE, FS_EXACT, 0, H(add_to_date), "months clamp to the end of the month, like PostgreSQL intervals") \
	X(FN_DATE_COMPARE, "DATE_COMPARE", 2, 2, "DD", FR_INTEGER, FS_EXACT, 0, H(date_compare), "-1, 0 or 1")    \
	X(FN_DATE_DIFF, "DATE_DIFF", 3, 3, "DDU", FR_DOUBLE, FS_EXACT, 0, H(date_diff), "fractional; month and year fractions are prorated by month length (warned: unverified)") \
	X(FN_GET_DATE_PART, "GET_DATE_PART", 2, 2, "DU", FR_INTEGER, FS_EXACT, 0, H(get_date_part), "every D spelling means the day of the month") \
	X(FN_LAST_DAY, "LAST_DAY", 1, 1, "D", FR_DATE, FS_APPROX, 0, H(last_day), "the time of day is kept; unverified") \
	X(FN_MAKE_DATE_TIME, "MAKE_DATE_TIME", 6, 7, "IIIIINI", FR_DATE, FS_EXACT, 0, H(make_date_time), "nanoseconds are cut to microseconds") \
	X(FN_SET_DATE_PART, "SET_DATE_PART", 3, 3, "DUI", FR_DATE, FS_EXACT, 0, H(set_date_part), "an impossible date is a row error") \
	X(FN_SYSTIMESTAMP, "SYSTIMESTAMP", 0, 1, "S", FR_DATE, FS_EXACT, 0, H(systimestamp), "read per row, like SYSDATE") \
	/* numbers */                                                                       \
	X(FN_ABS, "ABS", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(ABS), "")                                   \
	X(FN_CEIL, "CEIL", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(CEIL), "")                                 \
	X(FN_CUME, "CUME", 1, 2, "NB", FR_ARG1, FS_UNSUPPORTED, 0, NONE, "a running total in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_EXP, "EXP", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(EXP), "")                                 \
	X(FN_FLOOR, "FLOOR", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(FLOOR), "")                               \
	X(FN_LN, "LN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(LN), "n <= 0 is an error in both")          \
	X(FN_LOG, "LOG", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, P(LOG), "LOG(base, x)")                     \
	X(FN_MOD, "MOD", 2, 2, "NN", FR_ARG1, FS_EXACT, 0, H(mod), "sign of the dividend; 0 divisor is an error in both") \
	X(FN_MOVINGAVG, "MOVINGAVG", 2, 3, "NIB", FR_DOUBLE, FS_UNSUPPORTED, 0, NONE, "a window over rows in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_MOVINGSUM, "MOVINGSUM", 2, 3, "NIB", FR_ARG1, FS_UNSUPPORTED, 0, NONE, "a window over rows in arrival order; SQL needs an ordering column the mapping does not have") \
	X(FN_POWER, "POWER", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, P(POWER), "")                            \
	X(FN_RAND, "RAND", 0, 1, "I", FR_DOUBLE, FS_APPROX, 0, P(RANDOM), "a seed is ignored; the random sequence differs") \
	X(FN_ROUND, "ROUND", 1, 2, "XX", FR_ROUND, FS_EXACT, 0, H(round), "numbers: half away from zero, fractional precision rounded; dates: by unit") \
	X(FN_SIGN, "SIGN", 1, 1, "N", FR_INTEGER, FS_EXACT, 0, P(SIGN), "")                              \
	X(FN_SQRT, "SQRT", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SQRT), "a negative input is an error")   \
	X(FN_TRUNC, "TRUNC", 1, 2, "XX", FR_ROUND, FS_EXACT, 0, H(trunc), "numbers: toward zero; dates: by unit") \
	X(FN_COS, "COS", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COS), "radians")                          \
	X(FN_COSH, "COSH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COSH), "")                               \
	X(FN_SIN, "SIN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SIN), "radians")                          \
	X(FN_SINH, "SINH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SINH), "")                               \
	X(FN_TAN, "TAN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TAN), "radians")                          \
	X(FN_TANH, "TANH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TANH), "")                               \
	/* special, test, encoding, regular expressions */                                  \
	X(FN_ABORT, "ABORT", 1, 1, "S", FR_NONE, FS_UNSUPPORTED, 0, NONE, "stops the session; the pipeline needs a guard step, written by hand") \
	X(FN_DECODE, "DECODE", 3, 255, "AAA", FR_DECODE, FS_EXACT, FF_PAIRS, H(decode), "first match wins; NULL matches NULL; DECODE(TRUE, ...) is a CASE") \
	X(FN_ERROR, "ERROR", 1, 1, "S", FR_NONE, FS_UNSUPPORTED, 0, NONE, "skips the row into the reject file; the pipeline needs a reject path, written by hand") \
	X(FN_IIF, "IIF", 2, 3, "BAA", FR_BRANCHES, FS_EXACT, 0, H(iif), "without a third argument: 0, '' or NULL by the type of the second") \
	X(FN_IN, "IN", 2, 255, "AA", FR_BOOL, FS_EXACT, 0, H(in), "a trailing 0 after string values means case-insensitive") \
	X(FN_LOOKUP, "LOOKUP", 3, 255, "A", FR_ARG1, FS_UNSUPPORTED, 0, NONE, "the legacy LOOKUP function: use a Lookup transformation") \
	X(FN_ISNULL, "ISNULL", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, P(IS_NULL), "'' is not NULL")               \
	X(FN_IS_DATE, "IS_DATE", 1, 2, "SF", FR_BOOL, FS_EXACT, 0, H(is_date), "the text's shape, then the calendar (02/29 only in leap years; hours, minutes, seconds in range)") \
	X(FN_IS_NUMBER, "IS_NUMBER", 1, 1, "S", FR_BOOL, FS_EXACT, 0, P(IS_NUMBER), "spaces, sign, digits, point, exponent") \
	X(FN_IS_SPACES, "IS_SPACES", 1, 1, "S", FR_BOOL, FS_EXACT, 0, P(IS_SPACES), "'' is not spaces")        \
	X(FN_AES_ENCRYPT, "AES_ENCRYPT", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, 0, NONE, "cipher mode and padding cannot be matched without pgcrypto") \
	X(FN_AES_DECRYPT, "AES_DECRYPT", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, 0, NONE, "cipher mode and padding cannot be matched without pgcrypto") \
	X(FN_COMPRESS, "COMPRESS", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, NONE, "zlib compression has no SQL equivalent") \
	X(FN_DECOMPRESS, "DECOMPRESS", 1, 2, "SI", FR_STRING, FS_UNSUPPORTED, 0, NONE, "zlib compression has no SQL equivalent") \
	X(FN_CRC32, "CRC32", 1, 1, "S", FR_INTEGER, FS_UNSUPPORTED, 0, NONE, "PostgreSQL has no CRC32 function") \
	X(FN_ENC_BASE64, "ENC_BASE64", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(BASE64_ENCODE), "UTF-8 bytes; line breaks removed") \
	X(FN_DEC_BASE64, "DEC_BASE64", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(BASE64_DECODE), "decoded as UTF-8")  \
	X(FN_MD5, "MD5", 1, 1, "S", FR_STRING, FS_APPROX, 0, P(MD5), "lowercase hex of the UTF-8 bytes; letter case unverified") \
	X(FN_REG_EXTRACT, "REG_EXTRACT", 2, 3, "SSI", FR_STRING, FS_APPROX, 0, H(reg_extract), "Perl regular expressions run as PostgreSQL ones") \
	X(FN_REG_MATCH, "REG_MATCH", 2, 2, "SS", FR_BOOL, FS_APPROX, 0, H(reg_match), "the whole subject must match; Perl regular expressions run as PostgreSQL ones") \
	X(FN_REG_REPLACE, "REG_REPLACE", 3, 4, "SSSI", FR_STRING, FS_APPROX, 0, H(reg_replace), "$1 back references become \\1; Perl regular expressions run as PostgreSQL ones") \
	/* aggregates */                                                                    \
	X(FN_AVG, "AVG", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, FF_AGGREGATE, P(AGG_AVG), "NULLs ignored; optional filter") \
	X(FN_COUNT, "COUNT", 1, 2, "AB", FR_INTEGER, FS_AGGREGATE, FF_AGGREGATE | FF_STAR | FF_NOT_NULL, P(AGG_COUNT), "COUNT(*) counts rows; an all-NULL group gives 0") \
	X(FN_FIRST, "FIRST", 1, 2, "AB", FR_ARG1, FS_UNSUPPORTED, FF_AGGREGATE | FF_ORDERED, H(first), "the first non-NULL value in arrival order: translated in an Aggregator whose rows a Sorter orders; otherwise SQL has no order to match") \
	X(FN_LAST, "LAST", 1, 2, "AB", FR_ARG1, FS_UNSUPPORTED, FF_AGGREGATE | FF_ORDERED, H(last), "the last non-NULL value in arrival order: translated in an Aggregator whose rows a Sorter orders; otherwise SQL has no order to match") \
	X(FN_MAX, "MAX", 1, 2, "AB", FR_ARG1, FS_AGGREGATE, FF_AGGREGATE, P(AGG_MAX), "")                              \
	X(FN_MIN, "MIN", 1, 2, "AB", FR_ARG1, FS_AGGREGATE, FF_AGGREGATE, P(AGG_MIN), "")                              \
	X(FN_MEDIAN, "MEDIAN", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, FF_AGGREGATE, P(AGG_MEDIAN), "percentile_cont(0.5)") \
	X(FN_PERCENTILE, "PERCENTILE", 2, 3, "NNB", FR_DOUBLE, FS_APPROX, FF_AGGREGATE, H(percentile), "percentile_cont; PowerCenter's interpolation is unverified") \
	X(FN_STDDEV, "STDDEV", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, FF_AGGREGATE, P(AGG_STDDEV_SAMP), "sample standard deviation") \
	X(FN_SUM, "SUM", 1, 2, "NB", FR_ARG1, FS_AGGREGATE, FF_AGGREGATE, P(AGG_SUM), "an all-NULL group gives NULL") \
	X(FN_VARIANCE, "VARIANCE", 1, 2, "NB", FR_DOUBLE, FS_AGGREGATE, FF_AGGREGATE, P(AGG_VAR_SAMP), "sample variance")   \
	/* mapping variables */                                                             \
	X(FN_SETVARIABLE, "SETVARIABLE", 2, 2, "AA", FR_ARG2, FS_EXACT, FF_VAR_LAST, H(setvariable), "the value argument; the run keeps the last row's value, saved by the variable's aggregation type") \
	X(FN_SETMAXVARIABLE, "SETMAXVARIABLE", 2, 2, "AA", FR_ARG1, FS_APPROX, FF_VAR_MAX, H(setmaxvariable), "the greater of the start value and every value so far: a window over the rows in the order they arrive (a Sorter's, else PostgreSQL's, warned)") \
	X(FN_SETMINVARIABLE, "SETMINVARIABLE", 2, 2, "AA", FR_ARG1, FS_APPROX, FF_VAR_MIN, H(setmaxvariable), "the lesser of the start value and every value so far, as SETMAXVARIABLE") \
	X(FN_SETCOUNTVARIABLE, "SETCOUNTVARIABLE", 1, 1, "A", FR_INTEGER, FS_APPROX, FF_VAR_COUNT, H(setcountvariable), "the start value plus the rows so far (every row counted as an insert)")
/* clang-format on */

typedef enum FuncId {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) id,
	FUNC_LIST(X)
#undef X
	    FN_COUNT_
} FuncId;

extern const FuncDef pc_funcs[FN_COUNT_];

#endif
