/* catalog.h - the SSIS expression function catalogue as one table
 * (src/expr/lang/ssis).
 *
 * Each row: enum id, name, arity range, argument signature (func.h),
 * result rule, status, flags (FF_*), lowering, and notes for the coverage
 * table (docs/functions.md, `akko-migrate help functions`).  Microsoft's
 * function pages (docs/integration-services/expressions/, one per function)
 * summarised in EXPRESSIONS.md §2.5 are the source of every row.
 *
 * Lowering: P(X) is a one-to-one call of the dialect's core operation
 * PRIM_X; H(name) is the hook ssis_lower_<name> in lower.c.  NULL(DT_x)
 * is not a row: the lexer reads it as a typed NULL (an EX_CAST).
 */
#ifndef AKKO_EXPR_LANG_SSIS_CATALOG_H
#define AKKO_EXPR_LANG_SSIS_CATALOG_H

#include "expr/func.h"

/* clang-format off */
/* X(id, name, min, max, signature, result, status, flags, lowering, notes) */
#define SSIS_FUNC_LIST(X)                                                                \
	/* string */                                                                      \
	X(SF_CODEPOINT, "CODEPOINT", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, H(codepoint), "NULL for an empty string") \
	X(SF_FINDSTRING, "FINDSTRING", 3, 3, "SSI", FR_INTEGER, FS_EXACT, 0, H(findstring), "1-based, 0 when absent; an occurrence below 1 is an error") \
	X(SF_HEX, "HEX", 1, 1, "N", FR_STRING, FS_EXACT, 0, H(hex), "upper case, no 0x; whole numbers only") \
	X(SF_LEFT, "LEFT", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(left), "a negative length is an error") \
	X(SF_LEN, "LEN", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(CHAR_LENGTH), "trailing blanks count") \
	X(SF_LOWER, "LOWER", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(LOWER), "") \
	X(SF_LTRIM, "LTRIM", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(LTRIM), "spaces (U+0020) only") \
	X(SF_REPLACE, "REPLACE", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, H(replace), "every occurrence, case-sensitive; an empty search string is an error") \
	X(SF_REPLICATE, "REPLICATE", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(replicate), "a negative count is an error") \
	X(SF_REVERSE, "REVERSE", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(REVERSE), "") \
	X(SF_RIGHT, "RIGHT", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(right), "a negative length is an error") \
	X(SF_RTRIM, "RTRIM", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(RTRIM), "spaces (U+0020) only") \
	X(SF_SUBSTRING, "SUBSTRING", 3, 3, "SII", FR_STRING, FS_EXACT, 0, H(substring), "1-based; a position below 1 or a negative length is an error") \
	X(SF_TOKEN, "TOKEN", 3, 3, "SSI", FR_STRING, FS_EXACT, 0, H(token), "every character of the second argument delimits; runs of delimiters count as one; past the last token NULL") \
	X(SF_TOKENCOUNT, "TOKENCOUNT", 2, 2, "SS", FR_INTEGER, FS_EXACT, FF_NOT_NULL, H(tokencount), "0 for a NULL string") \
	X(SF_TRIM, "TRIM", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(trim), "spaces (U+0020) only") \
	X(SF_UPPER, "UPPER", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(UPPER), "") \
	/* mathematical */                                                                \
	X(SF_ABS, "ABS", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(ABS), "") \
	X(SF_CEILING, "CEILING", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(CEIL), "") \
	X(SF_EXP, "EXP", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(real), "a double") \
	X(SF_FLOOR, "FLOOR", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(FLOOR), "") \
	X(SF_LN, "LN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(real), "a double") \
	X(SF_LOG, "LOG", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(log), "base 10") \
	X(SF_POWER, "POWER", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, H(real), "a double") \
	X(SF_ROUND, "ROUND", 2, 2, "NI", FR_ARG1, FS_EXACT, 0, H(round), "half away from zero; a negative length is an error") \
	X(SF_SIGN, "SIGN", 1, 1, "N", FR_INTEGER, FS_EXACT, 0, P(SIGN), "-1, 0 or 1") \
	X(SF_SQRT, "SQRT", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(real), "a double") \
	X(SF_SQUARE, "SQUARE", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(square), "a double") \
	/* date and time */                                                               \
	X(SF_DATEADD, "DATEADD", 3, 3, "UID", FR_DATE, FS_EXACT, 0, H(dateadd), "months clamp to the end of the month") \
	X(SF_DATEDIFF, "DATEDIFF", 3, 3, "UDD", FR_INTEGER, FS_EXACT, 0, H(datediff), "counts the boundaries crossed; weeks start on Sunday") \
	X(SF_DATEPART, "DATEPART", 2, 2, "UD", FR_INTEGER, FS_EXACT, 0, H(datepart), "weekday 1 is Sunday; week 1 holds 1 January") \
	X(SF_DAY, "DAY", 1, 1, "D", FR_INTEGER, FS_EXACT, 0, H(day), "") \
	X(SF_GETDATE, "GETDATE", 0, 0, "", FR_DATE, FS_EXACT, 0, P(NOW_ROW), "read per row") \
	X(SF_GETUTCDATE, "GETUTCDATE", 0, 0, "", FR_DATE, FS_EXACT, 0, P(NOW_UTC_ROW), "read per row") \
	X(SF_MONTH, "MONTH", 1, 1, "D", FR_INTEGER, FS_EXACT, 0, H(month), "") \
	X(SF_YEAR, "YEAR", 1, 1, "D", FR_INTEGER, FS_EXACT, 0, H(year), "") \
	/* NULL */                                                                        \
	X(SF_ISNULL, "ISNULL", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, P(IS_NULL), "never NULL") \
	X(SF_REPLACENULL, "REPLACENULL", 2, 2, "AA", FR_ARG1, FS_EXACT, 0, H(replacenull), "the second argument is converted to the first's type")
/* clang-format on */

enum {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) id,
	SSIS_FUNC_LIST(X)
#undef X
	    SF_COUNT_
};

extern const FuncDef ssis_funcs[SF_COUNT_];

#endif
