/* catalog.h - the Alteryx formula function catalogue as one table
 * (src/expr/lang/alteryx).
 *
 * Each row: enum id, name, arity range, argument signature (func.h),
 * result rule, status, flags (FF_*), lowering, and notes for the coverage
 * table (docs/functions.md, `akko-migrate help functions`).  The source of
 * every row is Alteryx's function reference (help.alteryx.com/current/en/
 * designer/functions/: conditional-functions, conversion-functions,
 * datetime-functions, math-functions, string-functions, test-functions,
 * file-functions, spatial-functions, finance-functions), summarised in
 * EXPRESSIONS.md §3.4.
 *
 * Lowering: P(X) is a one-to-one call of the dialect's core operation
 * PRIM_X; H(name) is the hook ayx_lower_<name> in lower.c; U(why) a
 * function that is diagnosed, never passed through.  IIF and Switch with
 * the right number of arguments never reach the catalogue: the parser
 * makes them EX_IF and EX_CASE.
 */
#ifndef AKKO_EXPR_LANG_ALTERYX_CATALOG_H
#define AKKO_EXPR_LANG_ALTERYX_CATALOG_H

#include "expr/func.h"

#define AYX_NO_SQL "no PostgreSQL equivalent is translated yet"

/* clang-format off */
/* X(id, name, min, max, signature, result, status, flags, lowering, notes) */
#define AYX_FUNC_LIST(X)                                                                  \
	/* conditional */                                                                  \
	X(AF_IIF, "IIF", 3, 3, "BAA", FR_BRANCHES, FS_EXACT, 0, H(misuse), "a NULL condition takes the else value") \
	X(AF_SWITCH, "Switch", 4, 255, "AAAA", FR_NONE, FS_EXACT, 0, H(misuse), "Switch(value, default, case1, result1, ...); strings compare ignoring case") \
	/* string */                                                                       \
	X(AF_CONTAINS, "Contains", 2, 3, "SSC", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(contains), "case-insensitive unless the third argument is 0; a NULL string is False") \
	X(AF_COUNTWORDS, "CountWords", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, H(countwords), "words are runs of characters separated by spaces") \
	X(AF_DECOMPOSE, "DecomposeUnicodeForMatch", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "needs unaccent (an extension)") \
	X(AF_ENDSWITH, "EndsWith", 2, 3, "SSC", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(startsends), "case-insensitive unless the third argument is 0") \
	X(AF_FINDNTH, "FindNth", 3, 3, "SSI", FR_INTEGER, FS_EXACT, 0, H(findnth), "0-based, -1 when absent") \
	X(AF_FINDSTRING, "FindString", 2, 2, "SS", FR_INTEGER, FS_EXACT, 0, H(findstring), "0-based, -1 when absent; case-sensitive") \
	X(AF_GETLEFTPART, "GetLeftPart", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_GETPART, "GetPart", 3, 3, "SSI", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_GETRIGHTPART, "GetRightPart", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_GETWORD, "GetWord", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(getword), "0-based; words separated by spaces") \
	X(AF_LEFT, "Left", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(leftright), "a length past the end is the whole string") \
	X(AF_LENGTH, "Length", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(CHAR_LENGTH), "characters") \
	X(AF_LOWERCASE, "LowerCase", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(LOWER), "") \
	X(AF_MD5_ASCII, "MD5_ASCII", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(MD5), "the same as MD5_UTF8 for ASCII text") \
	X(AF_MD5_UNICODE, "MD5_UNICODE", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "hashes UTF-16 bytes, which PostgreSQL text cannot hold") \
	X(AF_MD5_UTF8, "MD5_UTF8", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(MD5), "lower-case hexadecimal") \
	X(AF_PADLEFT, "PadLeft", 3, 3, "SIS", FR_STRING, FS_EXACT, 0, H(pad), "a longer string is kept whole") \
	X(AF_PADRIGHT, "PadRight", 3, 3, "SIS", FR_STRING, FS_EXACT, 0, H(pad), "a longer string is kept whole") \
	X(AF_REGEX_COUNTMATCHES, "REGEX_CountMatches", 2, 3, "SSC", FR_INTEGER, FS_APPROX, 0, H(regex_count), "PostgreSQL's regular expressions, not Boost's") \
	X(AF_REGEX_MATCH, "REGEX_Match", 2, 3, "SSC", FR_BOOL, FS_APPROX, 0, H(regex_match), "the whole string must match; case-insensitive unless the third argument is 0") \
	X(AF_REGEX_REPLACE, "REGEX_Replace", 3, 4, "SSSC", FR_STRING, FS_APPROX, 0, H(regex_replace), "every match; $1 becomes \\1") \
	X(AF_AKKO_REGEXGROUP, "AKKO_RegexGroup", 3, 4, "SSIC", FR_STRING, FS_APPROX, 0, H(regex_group), "not an Alteryx function: the RegEx tool's Parse, marked group k of the first match") \
	X(AF_AKKO_REGEXTOKEN, "AKKO_RegexToken", 3, 4, "SSIC", FR_STRING, FS_APPROX, 0, H(regex_token), "not an Alteryx function: the RegEx tool's Tokenize, the n-th match (its first marked group)") \
	X(AF_AKKO_SPLITPIECE, "AKKO_SplitPiece", 3, 3, "SSI", FR_STRING, FS_EXACT, 0, H(split_piece), "not an Alteryx function: the Text To Columns tool's k-th piece, a pattern of its delimiters") \
	X(AF_REPLACE, "Replace", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, P(REPLACE), "literal, case-sensitive, every occurrence") \
	X(AF_REPLACECHAR, "ReplaceChar", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, H(replacechar), "each character of the set becomes the first character of the third argument") \
	X(AF_REPLACEFIRST, "ReplaceFirst", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, H(replacefirst), "the first occurrence only") \
	X(AF_RIGHT, "Right", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(leftright), "a length past the end is the whole string") \
	X(AF_REVERSESTRING, "ReverseString", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(REVERSE), "") \
	X(AF_STARTSWITH, "StartsWith", 2, 3, "SSC", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(startsends), "case-insensitive unless the third argument is 0") \
	X(AF_STRCSPN, "STRCSPN", 2, 2, "SS", FR_INTEGER, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_STRSPN, "STRSPN", 2, 2, "SS", FR_INTEGER, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_STRIPQUOTES, "StripQuotes", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_SUBSTRING, "Substring", 2, 3, "SII", FR_STRING, FS_EXACT, 0, H(substring), "0-based start; out-of-range parts are empty") \
	X(AF_TITLECASE, "TitleCase", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(INITCAP), "") \
	X(AF_TRIM, "Trim", 1, 2, "SS", FR_STRING, FS_EXACT, 0, H(trim), "white space, or the characters of the second argument") \
	X(AF_TRIMLEFT, "TrimLeft", 1, 2, "SS", FR_STRING, FS_EXACT, 0, H(trim), "") \
	X(AF_TRIMRIGHT, "TrimRight", 1, 2, "SS", FR_STRING, FS_EXACT, 0, H(trim), "") \
	X(AF_UPPERCASE, "UpperCase", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(UPPER), "") \
	X(AF_UUID, "UuidCreate", 0, 0, "", FR_STRING, FS_UNSUPPORTED, 0, U(), "a new value per row; gen_random_uuid() differs in form") \
	/* conversion */                                                                   \
	X(AF_BINTOINT, "BinToInt", 1, 1, "S", FR_BIGINT, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_CHARFROMINT, "CharFromInt", 1, 1, "I", FR_STRING, FS_EXACT, 0, P(CHR), "") \
	X(AF_CHARTOINT, "CharToInt", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(ASCII), "the first character's code point") \
	X(AF_CONVERTFROMCP, "ConvertFromCodePage", 2, 2, "SI", FR_STRING, FS_UNSUPPORTED, 0, U(), "code pages are not SQL text") \
	X(AF_CONVERTTOCP, "ConvertToCodePage", 2, 2, "SI", FR_STRING, FS_UNSUPPORTED, 0, U(), "code pages are not SQL text") \
	X(AF_HEXTONUMBER, "HexToNumber", 1, 1, "S", FR_BIGINT, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_INTTOBIN, "IntToBin", 1, 1, "I", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_INTTOHEX, "IntToHex", 1, 1, "I", FR_STRING, FS_EXACT, 0, P(TO_HEX), "upper case") \
	X(AF_TODEGREES, "ToDegrees", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(degrees), "x * 180 / pi") \
	X(AF_TORADIANS, "ToRadians", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(degrees), "x * pi / 180") \
	X(AF_TONUMBER, "ToNumber", 1, 4, "ACCS", FR_DOUBLE, FS_EXACT, 0, H(tonumber), "text that is not a number gives 0, or NULL when keepNulls is 1") \
	X(AF_TOSTRING, "ToString", 1, 4, "AISS", FR_STRING, FS_EXACT, 0, H(tostring), "numDecimals rounds; thousands separators are not translated") \
	/* date and time */                                                                \
	X(AF_DATETIMEADD, "DateTimeAdd", 3, 3, "XNS", FR_DATE, FS_EXACT, 0, H(datetimeadd), "months clamp to the end of the month; a fractional amount is truncated") \
	X(AF_DATETIMEDAY, "DateTimeDay", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_DATETIMEDIFF, "DateTimeDiff", 3, 3, "XXS", FR_BIGINT, FS_EXACT, 0, H(datetimediff), "whole units of the first minus the second, truncated") \
	X(AF_DATETIMEFIRSTOFMONTH, "DateTimeFirstOfMonth", 0, 0, "", FR_DATE, FS_EXACT, 0, H(firstofmonth), "the run's start") \
	X(AF_DATETIMEFORMAT, "DateTimeFormat", 2, 3, "XFS", FR_STRING, FS_EXACT, 0, H(datetimeformat), "% specifiers; English names only") \
	X(AF_DATETIMEHOUR, "DateTimeHour", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_DATETIMELASTOFMONTH, "DateTimeLastOfMonth", 0, 0, "", FR_DATE, FS_EXACT, 0, H(lastofmonth), "the last day at 23:59:59") \
	X(AF_DATETIMEMINUTES, "DateTimeMinutes", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_DATETIMEMONTH, "DateTimeMonth", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_DATETIMENOW, "DateTimeNow", 0, 0, "", FR_DATE, FS_EXACT, 0, P(NOW_RUN), "fixed when the run starts") \
	X(AF_DATETIMEPARSE, "DateTimeParse", 2, 3, "SFS", FR_DATE, FS_EXACT, 0, H(datetimeparse), "% specifiers; English names only") \
	X(AF_DATETIMEQUARTER, "DateTimeQuarter", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_DATETIMESECONDS, "DateTimeSeconds", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "whole seconds") \
	X(AF_DATETIMESTART, "DateTimeStart", 0, 0, "", FR_DATE, FS_EXACT, 0, P(NOW_RUN), "the run's start") \
	X(AF_DATETIMETODAY, "DateTimeToday", 0, 0, "", FR_DATE, FS_EXACT, 0, H(today), "midnight of the run's start") \
	X(AF_DATETIMETOLOCAL, "DateTimeToLocal", 1, 1, "X", FR_DATE, FS_UNSUPPORTED, 0, U(), "uses the machine's time zone") \
	X(AF_DATETIMETOUTC, "DateTimeToUTC", 1, 1, "X", FR_DATE, FS_UNSUPPORTED, 0, U(), "uses the machine's time zone") \
	X(AF_DATETIMETRIM, "DateTimeTrim", 2, 2, "XS", FR_DATE, FS_EXACT, 0, H(datetimetrim), "firstofmonth, lastofmonth, year, month, day, hour, minute") \
	X(AF_DATETIMEYEAR, "DateTimeYear", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datetimepart), "") \
	X(AF_TODATE, "ToDate", 1, 1, "X", FR_DATE, FS_EXACT, 0, H(todate), "the day at midnight") \
	X(AF_TODATETIME, "ToDateTime", 1, 1, "X", FR_DATE, FS_EXACT, 0, H(todatetime), "") \
	/* math */                                                                         \
	X(AF_ABS, "Abs", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(ABS), "") \
	X(AF_ACOS, "ACOS", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_ASIN, "ASIN", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_ATAN, "ATAN", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_ATAN2, "ATAN2", 2, 2, "NN", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_AVERAGE, "Average", 1, 255, "N", FR_DOUBLE, FS_EXACT, 0, H(average), "a NULL counts as 0") \
	X(AF_AVERAGENONNULL, "AverageNonNull", 1, 255, "N", FR_DOUBLE, FS_EXACT, 0, H(averagenonnull), "NULLs are left out") \
	X(AF_CEIL, "Ceil", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(CEIL), "") \
	X(AF_COS, "COS", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COS), "radians") \
	X(AF_COSH, "COSH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COSH), "") \
	X(AF_DISTANCE, "Distance", 4, 4, "NNNN", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "a spatial distance") \
	X(AF_EXP, "Exp", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(EXP), "") \
	X(AF_FLOOR, "Floor", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(FLOOR), "") \
	X(AF_LOG, "Log", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(LN), "natural logarithm") \
	X(AF_LOG10, "Log10", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(log10), "base 10") \
	X(AF_MAX, "Max", 1, 255, "N", FR_ARG1, FS_EXACT, 0, P(GREATEST), "NULLs are left out") \
	X(AF_MEDIAN, "Median", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_MIN, "Min", 1, 255, "N", FR_ARG1, FS_EXACT, 0, P(LEAST), "NULLs are left out") \
	X(AF_MOD, "Mod", 2, 2, "NN", FR_BIGINT, FS_EXACT, 0, H(mod), "whole numbers; the dividend's sign") \
	X(AF_PI, "PI", 0, 0, "", FR_DOUBLE, FS_EXACT, FF_NOT_NULL, H(pi), "") \
	X(AF_POW, "Pow", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, P(POWER), "") \
	X(AF_RAND, "Rand", 0, 0, "", FR_DOUBLE, FS_EXACT, FF_NOT_NULL, P(RANDOM), "0 to 1") \
	X(AF_RANDINT, "RandInt", 1, 1, "I", FR_INTEGER, FS_EXACT, 0, H(randint), "0 to the argument, both included") \
	X(AF_ROUND, "Round", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, H(round), "to the nearest multiple of the second argument") \
	X(AF_SIN, "SIN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SIN), "radians") \
	X(AF_SINH, "SINH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SINH), "") \
	X(AF_SMARTROUND, "SmartRound", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_SQRT, "Sqrt", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SQRT), "") \
	X(AF_TAN, "TAN", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TAN), "radians") \
	X(AF_TANH, "TANH", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TANH), "") \
	/* math: bitwise */                                                                \
	X(AF_BINARYAND, "BinaryAnd", 2, 2, "II", FR_ARG1, FS_EXACT, 0, P(BIT_AND), "whole numbers") \
	X(AF_BINARYNOT, "BinaryNot", 1, 1, "I", FR_ARG1, FS_UNSUPPORTED, 0, U(), "the width of Alteryx's complement is not documented") \
	X(AF_BINARYOR, "BinaryOr", 2, 2, "II", FR_ARG1, FS_EXACT, 0, P(BIT_OR), "whole numbers") \
	X(AF_BINARYXOR, "BinaryXOr", 2, 2, "II", FR_ARG1, FS_EXACT, 0, P(BIT_XOR), "whole numbers") \
	X(AF_SHIFTLEFT, "ShiftLeft", 2, 2, "II", FR_BIGINT, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_SHIFTRIGHT, "ShiftRight", 2, 2, "II", FR_BIGINT, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	/* test */                                                                         \
	X(AF_COMPAREDICTIONARY, "CompareDictionary", 2, 2, "SS", FR_INTEGER, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_COMPAREDIGITS, "CompareDigits", 3, 3, "NNI", FR_BOOL, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_COMPAREEPSILON, "CompareEpsilon", 2, 2, "NN", FR_BOOL, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_ISEMPTY, "IsEmpty", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isempty), "NULL or ''") \
	X(AF_ISINTEGER, "IsInteger", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(istype), "the field's type, known when translating") \
	X(AF_ISNULL, "IsNull", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, P(IS_NULL), "") \
	X(AF_ISNUMBER, "IsNumber", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(istype), "the field's type, known when translating") \
	X(AF_ISSPATIALOBJ, "IsSpatialObj", 1, 1, "A", FR_BOOL, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ISSTRING, "IsString", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(istype), "the field's type, known when translating") \
	X(AF_NULL, "Null", 0, 0, "", FR_NONE, FS_EXACT, 0, H(null), "NULL of the context's type") \
	/* specialized */                                                                  \
	X(AF_ESCAPEXML, "EscapeXMLMetacharacters", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_GETENV, "GetEnvironmentVariable", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "the machine's environment is not visible to SQL") \
	X(AF_GETVAL, "GetVal", 0, 0, "", FR_STRING, FS_UNSUPPORTED, 0, U(), "the engine's state is not visible to SQL") \
	X(AF_MESSAGE, "Message", 3, 3, "ISA", FR_ARG1, FS_UNSUPPORTED, 0, U(), "writes to the engine's messages") \
	/* file */                                                                         \
	X(AF_FILEADDPATHS, "FileAddPaths", 2, 2, "SS", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_FILEEXISTS, "FileExists", 1, 1, "S", FR_BOOL, FS_UNSUPPORTED, 0, U(), "the file system is not visible to SQL") \
	X(AF_FILEGETDIR, "FileGetDir", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_FILEGETEXT, "FileGetExt", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	X(AF_FILEGETFILENAME, "FileGetFileName", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), AYX_NO_SQL) \
	/* spatial and finance: no SQL here */                                             \
	X(AF_ST_AREA, "ST_Area", 1, 2, "AS", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_DISTANCE, "ST_Distance", 2, 3, "AAS", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_LENGTH, "ST_Length", 1, 2, "AS", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_BOUNDARY, "ST_Boundary", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_BOUNDINGRECTANGLE, "ST_BoundingRectangle", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CENTROID, "ST_Centroid", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CENTROIDX, "ST_CentroidX", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CENTROIDY, "ST_CentroidY", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_COMBINE, "ST_Combine", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CONTAINS, "ST_Contains", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CONVEXHULL, "ST_ConvexHull", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CREATELINE, "ST_CreateLine", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CREATEPOINT, "ST_CreatePoint", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CREATEPOLYGON, "ST_CreatePolygon", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_CUT, "ST_Cut", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_DIMENSION, "ST_Dimension", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_ENDPOINT, "ST_EndPoint", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_INTERSECTION, "ST_Intersection", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_INTERSECTS, "ST_Intersects", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_INVERSEINTERSECTION, "ST_InverseIntersection", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_MAXX, "ST_MaxX", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_MAXY, "ST_MaxY", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_MINX, "ST_MinX", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_MINY, "ST_MinY", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_NUMPARTS, "ST_NumParts", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_NUMPOINTS, "ST_NumPoints", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_POINTN, "ST_PointN", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_RELATE, "ST_Relate", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_REMOVEHOLES, "ST_RemoveHoles", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_STARTPOINT, "ST_StartPoint", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_TOUCHES, "ST_Touches", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_TOUCHESORINTERSECTS, "ST_TouchesOrIntersects", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_ST_WITHIN, "ST_Within", 1, 255, "A", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "spatial objects are not translated") \
	X(AF_FINANCECAGR, "FinanceCAGR", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEEFFECTIVERATE, "FinanceEffectiveRate", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEFV, "FinanceFV", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEFVSCHEDULE, "FinanceFVSchedule", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEIRR, "FinanceIRR", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEMIRR, "FinanceMIRR", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEMXIRR, "FinanceMXIRR", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCENOMINALRATE, "FinanceNominalRate", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCENPER, "FinanceNPER", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEPMT, "FinancePMT", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEPV, "FinancePV", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCERATE, "FinanceRate", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCEXNPV, "FinanceXNPV", 1, 255, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated") \
	X(AF_FINANCE_NPV, "FinanceNPV", 2, 255, "NN", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), "finance functions are not translated")
/* clang-format on */

enum {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) id,
	AYX_FUNC_LIST(X)
#undef X
	    AF_COUNT_
};

extern const FuncDef ayx_funcs[AF_COUNT_];

#endif
