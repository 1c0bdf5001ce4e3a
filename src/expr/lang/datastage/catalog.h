/* catalog.h - the DataStage parallel Transformer function catalogue as one
 * table (src/expr/lang/datastage).
 *
 * Each row: enum id, name, arity range, argument signature (func.h),
 * result rule, status, flags (FF_*), lowering, and notes for the coverage
 * table (docs/functions.md, `akko-migrate help functions`).  The source of
 * every row is IBM's "Parallel transform functions" reference
 * (InfoSphere DataStage 11.7, SSZJPZ_11.7.0 com.ibm.swg.im.iis.ds.parjob.
 * dev.doc topics r_deeref_*_Functions: Date and time, Logical,
 * Mathematical, Null handling, Number, Raw, String, Vector, Type
 * conversion, Utility; the same catalogue is in Cloud Pak for Data's
 * "DataStage functions" pages), summarised in EXPRESSIONS.md §4.4, and for
 * the BASIC forms the parallel functions inherit (Field, Index, Count,
 * Trim, Convert, Iconv/Oconv) the DataStage BASIC reference
 * (com.ibm.swg.im.iis.ds.basic.doc, r_dsbasic_*_function).
 *
 * Lowering: P(X) is a one-to-one call of the dialect's core operation
 * PRIM_X; H(name) is the hook ds_lower_<name> in lower.c; U() a function
 * that is diagnosed, never passed through (its notes say why).  The three
 * substring forms s[...] and '**' reach the catalogue as the rows
 * "[length]", "[start, length]", "[delimiter, occurrence, count]" and Pwr
 * (grammars/ds_parse.y).  Date arguments are 'X': the hooks take a date, or
 * text in the default date format (%yyyy-%mm-%dd), as DataStage converts.
 */
#ifndef AKKO_EXPR_LANG_DATASTAGE_CATALOG_H
#define AKKO_EXPR_LANG_DATASTAGE_CATALOG_H

#include "expr/func.h"

#define DS_NO_SQL "no PostgreSQL equivalent is translated yet"
#define DS_NO_RAW "raw (binary) values are not translated"
#define DS_LOOP   "belongs to transformer loops and saved input records, which SQL has no equivalent for"

/* clang-format off */
/* X(id, name, min, max, signature, result, status, flags, lowering, notes) */
#define DS_FUNC_LIST(X)                                                                  \
	/* the substring operator s[...] and ** (grammars/ds_parse.y) */                   \
	X(DF_SUB_LEN, "[length]", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(substring), "s[n]: the last n characters") \
	X(DF_SUB_START, "[start, length]", 3, 3, "SII", FR_STRING, FS_EXACT, 0, H(substring), "1-based; a start below 1 counts as 1; past the end is ''") \
	X(DF_SUB_FIELD, "[delimiter, occurrence, count]", 4, 4, "SSII", FR_STRING, FS_EXACT, 0, H(field), "s[d, occ, n] is Field(s, d, occ, n)") \
	/* string (r_deeref_String_Functions) */                                             \
	X(DF_ALNUM, "AlNum", 1, 1, "S", FR_BOOL, FS_EXACT, 0, H(charclass), "1 when every character is a letter or a digit") \
	X(DF_ALPHA, "Alpha", 1, 1, "S", FR_BOOL, FS_EXACT, 0, H(charclass), "1 when every character is a letter") \
	X(DF_ASCII, "Ascii", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "EBCDIC text is not SQL text") \
	X(DF_CHANGE, "Change", 3, 5, "SSSII", FR_STRING, FS_EXACT, 0, H(change), "every occurrence; an empty substring leaves the string as it is") \
	X(DF_COMPACTWHITESPACE, "CompactWhiteSpace", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(whitespace), "runs of white space become one space") \
	X(DF_COMPARE, "Compare", 2, 3, "SSS", FR_INTEGER, FS_EXACT, 0, H(compare), "-1, 0 or 1 in byte order; \"R\" compares right-justified") \
	X(DF_COMPARENOCASE, "CompareNoCase", 2, 2, "SS", FR_INTEGER, FS_EXACT, 0, H(compare), "letter case aside") \
	X(DF_COMPARENUM, "CompareNum", 3, 3, "SSI", FR_INTEGER, FS_EXACT, 0, H(compare), "the first n characters") \
	X(DF_COMPARENUMNOCASE, "CompareNumNoCase", 3, 3, "SSI", FR_INTEGER, FS_EXACT, 0, H(compare), "the first n characters, letter case aside") \
	X(DF_CONVERT, "Convert", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, H(convert), "Convert(from, to, string): the string is the last argument") \
	X(DF_COUNT, "Count", 2, 2, "SS", FR_INTEGER, FS_EXACT, 0, H(count), "occurrences, counted without overlap; an empty substring counts the characters") \
	X(DF_DCOUNT, "Dcount", 2, 2, "SS", FR_INTEGER, FS_EXACT, 0, H(dcount), "delimited fields; '' has none; an empty delimiter: the characters plus one") \
	X(DF_DOWNCASE, "DownCase", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(LOWER), "") \
	X(DF_DQUOTE, "DQuote", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(quote), "in double quotes") \
	X(DF_EBCDIC, "Ebcdic", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "EBCDIC text is not SQL text") \
	X(DF_EREPLACE, "Ereplace", 3, 5, "SSSII", FR_STRING, FS_EXACT, 0, H(change), "every occurrence; an empty substring puts the replacement in front") \
	X(DF_FIELD, "Field", 3, 4, "SSII", FR_STRING, FS_EXACT, 0, H(field), "the first character of the delimiter; occurrence < 1 is 1; blanks kept") \
	X(DF_INDEX, "Index", 3, 3, "SSI", FR_INTEGER, FS_EXACT, 0, H(index), "1-based position of the n-th occurrence, 0 when none, 1 for an empty substring") \
	X(DF_LEFT, "Left", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(leftright), "a length past the end is the whole string") \
	X(DF_LEN, "Len", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(CHAR_LENGTH), "characters, trailing blanks included") \
	X(DF_NUM, "Num", 1, 1, "S", FR_BOOL, FS_EXACT, 0, H(num), "1 when the string is a number") \
	X(DF_PADSTRING, "PadString", 3, 3, "SSI", FR_STRING, FS_EXACT, 0, H(padstring), "appends n pad characters (not padding to n)") \
	X(DF_RIGHT, "Right", 2, 2, "SI", FR_STRING, FS_EXACT, 0, H(leftright), "a length past the end is the whole string") \
	X(DF_SOUNDEX, "Soundex", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "soundex() needs the fuzzystrmatch extension") \
	X(DF_SPACE, "Space", 1, 1, "I", FR_STRING, FS_EXACT, 0, H(space), "n blanks") \
	X(DF_SQUOTE, "SQuote", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(quote), "in single quotes") \
	X(DF_STR, "Str", 2, 2, "SI", FR_STRING, FS_EXACT, 0, P(REPEAT), "the string repeated n times") \
	X(DF_STRIPWHITESPACE, "StripWhiteSpace", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(whitespace), "every white-space character removed") \
	X(DF_TRIM, "Trim", 1, 3, "SSS", FR_STRING, FS_EXACT, 0, H(trim), "options R (default), A, B, D, E, F, L, T; R also squeezes inner runs") \
	X(DF_TRIMB, "TrimB", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(trimsides), "trailing blanks and tabs") \
	X(DF_TRIMF, "TrimF", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(trimsides), "leading blanks and tabs") \
	X(DF_TRIMLEADINGTRAILING, "TrimLeadingTrailing", 1, 1, "S", FR_STRING, FS_EXACT, 0, H(trimsides), "blanks and tabs at both ends; inner ones kept") \
	X(DF_UPCASE, "UpCase", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(UPPER), "") \
	/* date and time (r_deeref_Date_and_Time_Functions) */                               \
	X(DF_CURRENTDATE, "CurrentDate", 0, 0, "", FR_DATE, FS_EXACT, 0, H(current), "the run's date") \
	X(DF_CURRENTTIME, "CurrentTime", 0, 0, "", FR_STRING, FS_EXACT, 0, H(current), "the run's time") \
	X(DF_CURRENTTIMEMS, "CurrentTimeMS", 0, 0, "", FR_STRING, FS_EXACT, 0, H(current), "the run's time with microseconds") \
	X(DF_CURRENTTIMESTAMP, "CurrentTimestamp", 0, 0, "", FR_DATE, FS_EXACT, 0, H(current), "the run's timestamp, whole seconds") \
	X(DF_CURRENTTIMESTAMPMS, "CurrentTimestampMS", 0, 0, "", FR_DATE, FS_EXACT, 0, H(current), "the run's timestamp with microseconds") \
	X(DF_DATEFROMCOMPONENTS, "DateFromComponents", 3, 3, "III", FR_DATE, FS_EXACT, 0, H(datefromcomponents), "year, month, day") \
	X(DF_DATEFROMDAYSSINCE, "DateFromDaysSince", 1, 2, "IX", FR_DATE, FS_EXACT, 0, H(datefromdayssince), "the base date plus n days; the base date must be given") \
	X(DF_DATEFROMDAYSSINCE2, "DateFromDaysSince2", 2, 2, "IX", FR_DATE, FS_EXACT, 0, H(datefromdayssince), "the baseline date plus n days") \
	X(DF_DATEFROMJULIANDAY, "DateFromJulianDay", 1, 1, "I", FR_DATE, FS_EXACT, 0, H(datefromjulian), "") \
	X(DF_DATEOFFSETBYCOMPONENTS, "DateOffsetByComponents", 4, 4, "XIII", FR_DATE, FS_APPROX, 0, H(dateoffset), "a month past the end of the month is not documented; PostgreSQL clamps it") \
	X(DF_DATEOFFSETBYDAYS, "DateOffsetByDays", 2, 2, "XI", FR_DATE, FS_EXACT, 0, H(dateoffset), "") \
	X(DF_DAYSINMONTH, "DaysInMonth", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(daysin), "") \
	X(DF_DAYSINYEAR, "DaysInYear", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(daysin), "") \
	X(DF_DAYSSINCEFROMDATE, "DaysSinceFromDate", 2, 2, "XX", FR_INTEGER, FS_EXACT, 0, H(dayssince), "the first date minus the second, in days") \
	X(DF_DAYSSINCEFROMDATE2, "DaysSinceFromDate2", 2, 2, "XX", FR_INTEGER, FS_EXACT, 0, H(dayssince), "the first date minus the second, in days") \
	X(DF_HOURSFROMTIME, "HoursFromTime", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(timepart), "") \
	X(DF_JULIANDAYFROMDATE, "JulianDayFromDate", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datepart), "") \
	X(DF_MICROSECONDSFROMTIME, "MicroSecondsFromTime", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(timepart), "the microseconds within the second") \
	X(DF_MIDNIGHTSECONDSFROMTIME, "MidnightSecondsFromTime", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(timepart), "seconds since midnight") \
	X(DF_MINUTESFROMTIME, "MinutesFromTime", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(timepart), "") \
	X(DF_MONTHDAYFROMDATE, "MonthDayFromDate", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datepart), "") \
	X(DF_MONTHFROMDATE, "MonthFromDate", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datepart), "") \
	X(DF_NEXTWEEKDAYFROMDATE, "NextWeekdayFromDate", 2, 2, "XS", FR_DATE, FS_EXACT, 0, H(nextprev), "the next such day after the date") \
	X(DF_NTHWEEKDAYFROMDATE, "NthWeekdayFromDate", 3, 3, "XSI", FR_DATE, FS_EXACT, 0, H(nextprev), "the n-th such day after the date (before it for n < 0)") \
	X(DF_PREVIOUSWEEKDAYFROMDATE, "PreviousWeekdayFromDate", 2, 2, "XS", FR_DATE, FS_EXACT, 0, H(nextprev), "the last such day before the date") \
	X(DF_SECONDSFROMTIME, "SecondsFromTime", 1, 1, "X", FR_DOUBLE, FS_EXACT, 0, H(timepart), "with the fraction") \
	X(DF_SECONDSSINCEFROMTIMESTAMP, "SecondsSinceFromTimestamp", 2, 2, "XX", FR_DOUBLE, FS_EXACT, 0, H(secondssince), "the first timestamp minus the second, in seconds") \
	X(DF_SECONDSSINCEFROMTIMESTAMP2, "SecondsSinceFromTimestamp2", 2, 2, "XX", FR_DOUBLE, FS_EXACT, 0, H(secondssince), "the first timestamp minus the second, in seconds") \
	X(DF_TIMEDATE, "TimeDate", 0, 0, "", FR_STRING, FS_EXACT, 0, H(timetext), "the run's time and date as hh:mm:ss dd mmm yyyy (BASIC TIMEDATE)") \
	X(DF_TIMEFROMCOMPONENTS, "TimeFromComponents", 4, 4, "IIIN", FR_STRING, FS_EXACT, 0, H(timetext), "hours, minutes, seconds, microseconds; a time is text %hh:%nn:%ss here") \
	X(DF_TIMEFROMMIDNIGHTSECONDS, "TimeFromMidnightSeconds", 1, 1, "N", FR_STRING, FS_EXACT, 0, H(timetext), "a time is text %hh:%nn:%ss here") \
	X(DF_TIMEOFFSETBYCOMPONENTS, "TimeOffsetByComponents", 4, 4, "XIIN", FR_STRING, FS_EXACT, 0, H(timetext), "hours, minutes, seconds on, within the day") \
	X(DF_TIMEOFFSETBYSECONDS, "TimeOffsetBySeconds", 2, 2, "XN", FR_STRING, FS_EXACT, 0, H(timetext), "seconds on, within the day") \
	X(DF_TIMESTAMPFROMDATETIME, "TimestampFromDateTime", 2, 2, "XX", FR_DATE, FS_EXACT, 0, H(timestampfromdatetime), "the date's day at the time's time of day") \
	X(DF_TIMESTAMPFROMSECONDSSINCE, "TimestampFromSecondsSince", 1, 2, "NX", FR_DATE, FS_EXACT, 0, H(timestampfromseconds), "the base timestamp plus n seconds; the base must be given") \
	X(DF_TIMESTAMPFROMSECONDSSINCE2, "TimestampFromSecondsSince2", 2, 2, "NX", FR_DATE, FS_EXACT, 0, H(timestampfromseconds), "the base timestamp plus n seconds") \
	X(DF_TIMESTAMPFROMTIME2, "TimestampFromTime2", 2, 2, "XX", FR_DATE, FS_EXACT, 0, H(timestampfromdatetime), "the timestamp's day at the time's time of day") \
	X(DF_TIMESTAMPFROMTIMET, "TimestampFromTimet", 1, 1, "N", FR_DATE, FS_EXACT, 0, H(timestampfromseconds), "seconds since 1970-01-01 00:00:00") \
	X(DF_TIMESTAMPOFFSETBYCOMPONENTS, "TimestampOffsetByComponents", 7, 7, "XIIIIIN", FR_DATE, FS_APPROX, 0, H(dateoffset), "a month past the end of the month is not documented; PostgreSQL clamps it") \
	X(DF_TIMESTAMPOFFSETBYSECONDS, "TimestampOffsetBySeconds", 2, 2, "XN", FR_DATE, FS_EXACT, 0, H(dateoffset), "") \
	X(DF_TIMETFROMTIMESTAMP, "TimetFromTimestamp", 1, 1, "X", FR_BIGINT, FS_EXACT, 0, H(secondssince), "seconds since 1970-01-01 00:00:00") \
	X(DF_WEEKDAYFROMDATE, "WeekdayFromDate", 1, 2, "XS", FR_INTEGER, FS_EXACT, 0, H(weekday), "Sunday is 0, or the origin day given") \
	X(DF_YEARDAYFROMDATE, "YeardayFromDate", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datepart), "") \
	X(DF_YEARFROMDATE, "YearFromDate", 1, 1, "X", FR_INTEGER, FS_EXACT, 0, H(datepart), "") \
	X(DF_YEARWEEKFROMDATE, "YearweekFromDate", 1, 1, "X", FR_INTEGER, FS_UNSUPPORTED, 0, U(), "its week numbering is not documented") \
	/* logical (r_deeref_Logical_Functions); Not is an operator (ds_parse.y) */        \
	X(DF_BITAND, "BitAnd", 2, 2, "II", FR_BIGINT, FS_EXACT, 0, P(BIT_AND), "") \
	X(DF_BITCOMPRESS, "BitCompress", 1, 1, "S", FR_BIGINT, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_BITEXPAND, "BitExpand", 1, 1, "I", FR_STRING, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_BITOR, "BitOr", 2, 2, "II", FR_BIGINT, FS_EXACT, 0, P(BIT_OR), "") \
	X(DF_BITXOR, "BitXOr", 2, 2, "II", FR_BIGINT, FS_EXACT, 0, P(BIT_XOR), "") \
	X(DF_SETBIT, "SetBit", 3, 3, "ISI", FR_BIGINT, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	/* mathematical (r_deeref_Mathematical_Functions) */                                 \
	X(DF_ABS, "Abs", 1, 1, "N", FR_ARG1, FS_EXACT, 0, P(ABS), "") \
	X(DF_ACOS, "Acos", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_ASIN, "Asin", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_ATAN, "Atan", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_ATAN2, "Atan2", 2, 2, "NN", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_CEIL, "Ceil", 1, 1, "N", FR_INTEGER, FS_EXACT, 0, H(ceilfloor), "an int32") \
	X(DF_COS, "Cos", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COS), "radians") \
	X(DF_COSH, "Cosh", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(COSH), "") \
	X(DF_DIV, "Div", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, H(div), "the whole part of the quotient") \
	X(DF_EXP, "Exp", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(EXP), "") \
	X(DF_FABS, "Fabs", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(todouble), "the absolute value as a dfloat") \
	X(DF_FLOOR, "Floor", 1, 1, "N", FR_INTEGER, FS_EXACT, 0, H(ceilfloor), "an int32") \
	X(DF_LDEXP, "Ldexp", 2, 2, "NI", FR_DOUBLE, FS_EXACT, 0, H(ldexp), "mantissa * 2^exponent") \
	X(DF_LLABS, "Llabs", 1, 1, "N", FR_BIGINT, FS_EXACT, 0, H(llabs), "the absolute value of a whole number") \
	X(DF_LN, "Ln", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(LN), "") \
	X(DF_LOG10, "Log10", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(log10), "") \
	X(DF_MAX, "Max", 2, 2, "NN", FR_ARG1, FS_EXACT, 0, H(maxmin), "NULL when either is NULL") \
	X(DF_MIN, "Min", 2, 2, "NN", FR_ARG1, FS_EXACT, 0, H(maxmin), "NULL when either is NULL") \
	X(DF_MOD, "Mod", 2, 2, "NN", FR_BIGINT, FS_EXACT, 0, H(mod), "the dividend's sign") \
	X(DF_NEG, "Neg", 1, 1, "N", FR_ARG1, FS_EXACT, 0, H(neg), "") \
	X(DF_PWR, "Pwr", 2, 2, "NN", FR_DOUBLE, FS_EXACT, 0, H(pwr), "also a ** b and a ^ b") \
	X(DF_RAND, "Rand", 0, 0, "", FR_BIGINT, FS_EXACT, FF_NOT_NULL, H(rand), "a whole number from 0 to 2^32 - 1") \
	X(DF_RANDOM, "Random", 0, 0, "", FR_BIGINT, FS_EXACT, FF_NOT_NULL, H(rand), "a whole number from 0 to 2^31 - 1") \
	X(DF_SIN, "Sin", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SIN), "radians") \
	X(DF_SINH, "Sinh", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SINH), "") \
	X(DF_SQRT, "Sqrt", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(SQRT), "") \
	X(DF_TAN, "Tan", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TAN), "radians") \
	X(DF_TANH, "Tanh", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, P(TANH), "") \
	/* null handling (r_deeref_Null_Handling_Functions) */                                \
	X(DF_ISNOTNULL, "IsNotNull", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isnotnull), "1 or 0") \
	X(DF_ISNULL, "IsNull", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, P(IS_NULL), "1 or 0") \
	X(DF_MAKENULL, "MakeNull", 2, 2, "AA", FR_ARG1, FS_EXACT, 0, H(makenull), "NULL where the value equals the second argument") \
	X(DF_NULLTOEMPTY, "NullToEmpty", 1, 1, "S", FR_STRING, FS_EXACT, FF_NOT_NULL, H(nullto), "NULL becomes ''") \
	X(DF_NULLTOVALUE, "NullToValue", 2, 2, "AA", FR_BRANCHES, FS_EXACT, 0, H(nullto), "NULL becomes the second argument") \
	X(DF_NULLTOZERO, "NullToZero", 1, 1, "N", FR_ARG1, FS_EXACT, FF_NOT_NULL, H(nullto), "NULL becomes 0") \
	X(DF_SETNULL, "SetNull", 0, 0, "", FR_NONE, FS_EXACT, 0, H(setnull), "NULL") \
	/* number (r_deeref_Number_Functions) */                                              \
	X(DF_ASDOUBLE, "AsDouble", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(todouble), "") \
	X(DF_ASFLOAT, "AsFloat", 1, 1, "N", FR_DOUBLE, FS_EXACT, 0, H(todouble), "") \
	X(DF_ASINTEGER, "AsInteger", 1, 1, "N", FR_INTEGER, FS_EXACT, 0, H(asinteger), "rounds half away from zero") \
	X(DF_MANTISSAFROMDECIMAL, "MantissaFromDecimal", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	X(DF_MANTISSAFROMDFLOAT, "MantissaFromDFloat", 1, 1, "N", FR_DOUBLE, FS_UNSUPPORTED, 0, U(), DS_NO_SQL) \
	/* raw and vector (r_deeref_Raw_Functions, r_deeref_Vector_Function) */             \
	X(DF_RAWLENGTH, "RawLength", 1, 1, "A", FR_INTEGER, FS_UNSUPPORTED, 0, U(), DS_NO_RAW) \
	X(DF_ELEMENTAT, "ElementAt", 2, 2, "AI", FR_NONE, FS_UNSUPPORTED, 0, U(), "vector columns are not translated") \
	/* type conversion (r_deeref_Type_Conversion_Functions) */                           \
	X(DF_BASE64TOSTRING, "Base64ToString", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(BASE64_DECODE), "") \
	X(DF_CHAR, "Char", 1, 2, "IA", FR_STRING, FS_EXACT, 0, H(char), "the character of a code") \
	X(DF_CONVERSION, "Conversion", 3, 3, "SSS", FR_STRING, FS_EXACT, 0, H(conversion), "codes MCU MCL MCT MD D; \"I\" (Iconv) or \"O\" (Oconv)") \
	X(DF_DATETODECIMAL, "DateToDecimal", 1, 2, "XF", FR_DECIMAL, FS_EXACT, 0, H(datetodecimal), "default %yyyy%mm%dd") \
	X(DF_DATETOSTRING, "DateToString", 1, 2, "XF", FR_STRING, FS_EXACT, 0, H(datetostring), "default %yyyy-%mm-%dd") \
	X(DF_DECIMALTODATE, "DecimalToDate", 1, 2, "NF", FR_DATE, FS_EXACT, 0, H(decimaltodate), "default %yyyy%mm%dd; sign and fraction ignored") \
	X(DF_DECIMALTODECIMAL, "DecimalToDecimal", 1, 2, "NS", FR_DECIMAL, FS_APPROX, 0, H(stringtodecimal), "the target column's scale and the rounding type apply on assignment") \
	X(DF_DECIMALTODFLOAT, "DecimalToDFloat", 1, 2, "NS", FR_DOUBLE, FS_EXACT, 0, H(todouble), "") \
	X(DF_DECIMALTOSTRING, "DecimalToString", 1, 2, "NS", FR_STRING, FS_APPROX, 0, H(decimaltostring), "the declared precision's leading zeros are not reproduced") \
	X(DF_DECIMALTOTIME, "DecimalToTime", 1, 2, "NF", FR_STRING, FS_EXACT, 0, H(decimaltodate), "default %hh%nn%ss; a time is text %hh:%nn:%ss here") \
	X(DF_DECIMALTOTIMESTAMP, "DecimalToTimestamp", 1, 2, "NF", FR_DATE, FS_EXACT, 0, H(decimaltodate), "default %yyyy%mm%dd%hh%nn%ss") \
	X(DF_DFLOATTODECIMAL, "DFloatToDecimal", 1, 2, "NS", FR_DECIMAL, FS_APPROX, 0, H(stringtodecimal), "the target column's scale and the rounding type apply on assignment") \
	X(DF_DFLOATTOSTRINGNOEXP, "DfloatToStringNoExp", 2, 2, "NI", FR_STRING, FS_EXACT, 0, H(dfloattostring), "fixed notation with n decimals") \
	X(DF_ISVALID, "IsValid", 2, 3, "SSF", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isvalid), "types int8..int64, uint8..uint64, decimal, dfloat, sfloat, string, date, time, timestamp") \
	X(DF_ISVALIDDATE, "IsValidDate", 1, 1, "X", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isvalidtyped), "a date value is valid") \
	X(DF_ISVALIDDECIMAL, "IsValidDecimal", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isvalidtyped), "a decimal value is valid") \
	X(DF_ISVALIDTIME, "IsValidTime", 1, 1, "A", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isvalidtyped), "a time value is valid") \
	X(DF_ISVALIDTIMESTAMP, "IsValidTimestamp", 1, 1, "X", FR_BOOL, FS_EXACT, FF_NOT_NULL, H(isvalidtyped), "a timestamp value is valid") \
	X(DF_RAWNUMAT, "RawNumAt", 2, 2, "AI", FR_INTEGER, FS_UNSUPPORTED, 0, U(), DS_NO_RAW) \
	X(DF_RAWTOSTRING, "RawToString", 1, 1, "A", FR_STRING, FS_UNSUPPORTED, 0, U(), DS_NO_RAW) \
	X(DF_SEQ, "Seq", 1, 1, "S", FR_INTEGER, FS_EXACT, 0, P(ASCII), "the code of the first character") \
	X(DF_SEQAT, "SeqAt", 2, 2, "SI", FR_INTEGER, FS_EXACT, 0, H(seqat), "the code of the character at a 1-based position") \
	X(DF_STRINGTOBASE64, "StringToBase64", 1, 1, "S", FR_STRING, FS_EXACT, 0, P(BASE64_ENCODE), "") \
	X(DF_STRINGTODATE, "StringToDate", 1, 2, "SF", FR_DATE, FS_EXACT, 0, H(stringtodate), "default %yyyy-%mm-%dd") \
	X(DF_STRINGTODECIMAL, "StringToDecimal", 1, 2, "SS", FR_DECIMAL, FS_APPROX, 0, H(stringtodecimal), "the target column's scale and the rounding type (default trunc_zero) apply on assignment") \
	X(DF_STRINGTORAW, "StringToRaw", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), DS_NO_RAW) \
	X(DF_STRINGTOTIME, "StringToTime", 1, 2, "SF", FR_STRING, FS_EXACT, 0, H(timetext), "default %hh:%nn:%ss; a time is text %hh:%nn:%ss here") \
	X(DF_STRINGTOTIMESTAMP, "StringToTimestamp", 1, 2, "SF", FR_DATE, FS_EXACT, 0, H(stringtodate), "default %yyyy-%mm-%dd %hh:%nn:%ss") \
	X(DF_STRINGTOUSTRING, "StringToUstring", 1, 2, "SS", FR_STRING, FS_EXACT, 0, H(identity), "SQL text is Unicode already") \
	X(DF_TIMESTAMPTODATE, "TimestampToDate", 1, 1, "X", FR_DATE, FS_EXACT, 0, H(timestamptodate), "the day") \
	X(DF_TIMESTAMPTODECIMAL, "TimestampToDecimal", 1, 2, "XF", FR_DECIMAL, FS_EXACT, 0, H(datetodecimal), "default %yyyy%mm%dd%hh%nn%ss") \
	X(DF_TIMESTAMPTOSTRING, "TimestampToString", 1, 2, "XF", FR_STRING, FS_EXACT, 0, H(datetostring), "default %yyyy-%mm-%dd %hh:%nn:%ss") \
	X(DF_TIMESTAMPTOTIME, "TimestampToTime", 1, 1, "X", FR_STRING, FS_EXACT, 0, H(timetext), "a time is text %hh:%nn:%ss here") \
	X(DF_TIMETODECIMAL, "TimeToDecimal", 1, 2, "XF", FR_DECIMAL, FS_EXACT, 0, H(datetodecimal), "default %hh%nn%ss") \
	X(DF_TIMETOSTRING, "TimeToString", 1, 2, "XF", FR_STRING, FS_EXACT, 0, H(timetext), "default %hh:%nn:%ss") \
	X(DF_USTRINGTOSTRING, "UstringToString", 1, 2, "SS", FR_STRING, FS_EXACT, 0, H(identity), "SQL text is Unicode already") \
	/* utility (r_deeref_Utility_Functions) */                                            \
	X(DF_CHECKSUM, "Checksum", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "its cyclic redundancy code is not in core PostgreSQL") \
	X(DF_CRC32, "CRC32", 1, 1, "S", FR_DECIMAL, FS_UNSUPPORTED, 0, U(), "CRC32 is not in core PostgreSQL") \
	X(DF_GETENVIRONMENT, "GetEnvironment", 1, 1, "S", FR_STRING, FS_UNSUPPORTED, 0, U(), "the engine's environment is not visible to SQL; use a job parameter") \
	X(DF_GETSAVEDINPUTRECORD, "GetSavedInputRecord", 0, 0, "", FR_INTEGER, FS_UNSUPPORTED, 0, U(), DS_LOOP) \
	X(DF_LASTROWINGROUP, "LastRowInGroup", 1, 255, "A", FR_BOOL, FS_UNSUPPORTED, 0, U(), DS_LOOP) \
	X(DF_NEXTSKCHAIN, "NextSKChain", 1, 1, "A", FR_BIGINT, FS_UNSUPPORTED, 0, U(), "a surrogate key state file or sequence; lowered with the Surrogate Key Generator") \
	X(DF_NEXTSURROGATEKEY, "NextSurrogateKey", 0, 0, "", FR_BIGINT, FS_UNSUPPORTED, 0, U(), "a surrogate key state file or sequence; lowered with the Surrogate Key Generator") \
	X(DF_SAVEINPUTRECORD, "SaveInputRecord", 0, 0, "", FR_INTEGER, FS_UNSUPPORTED, 0, U(), DS_LOOP) \
	/* BASIC conversions a parallel transformer accepts (r_dsbasic_ICONV/OCONV) */      \
	X(DF_ICONV, "Iconv", 2, 2, "SS", FR_STRING, FS_EXACT, 0, H(conversion), "codes MCU MCL MCT MD D to the internal form") \
	X(DF_OCONV, "Oconv", 2, 2, "AS", FR_STRING, FS_EXACT, 0, H(conversion), "codes MCU MCL MCT MD D to the external form")
/* clang-format on */

enum {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) id,
	DS_FUNC_LIST(X)
#undef X
	    DF_COUNT_
};

extern const FuncDef ds_funcs[DF_COUNT_];

#endif
