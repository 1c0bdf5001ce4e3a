/* dialect_pg.c - the PostgreSQL dialect: type names, one-to-one function
 * templates, and the primitives sqlgen.c writes the complex lowerings with
 * (src/expr).  Template syntax is in dialect.h.
 */
#include "base/str.h"
#include "expr/dialect.h"

/* clang-format off */
/* Words PostgreSQL reserves (reserved and type/function-name keywords),
 * sorted; columns with these names are quoted. */
static const char *const pg_reserved[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
    "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
    "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
    "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
    "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
    "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
    "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
    "where", "window", "with",
};

/* to_char/to_timestamp literals: quoted text in double quotes (a
 * backslash escapes), other characters as they are (a backslash or a
 * double quote escaped). */
static void pg_date_literal(Sbuf *out, const char *text, size_t n, bool quoted)
{
	if (quoted)
		sbuf_addch(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\\' || (!quoted && text[i] == '"'))
			sbuf_addch(out, '\\');
		sbuf_addch(out, text[i]);
	}
	if (quoted)
		sbuf_addch(out, '"');
}

#define MONTHS "(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
#define MONTH_NAMES                                                                      \
	"(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|" \
	"DECEMBER)"

#define T(text) {text, 0}
#define TP(text, prec) {text, prec}

const Dialect dialect_postgres = {
    .name = "postgres",
    .type_name =
	{
	    [XT_UNKNOWN] = "text",
	    [XT_NULL] = "text",
	    [XT_STRING] = "text",
	    [XT_INTEGER] = "integer",
	    [XT_BIGINT] = "bigint",
	    [XT_DECIMAL] = "numeric",
	    [XT_DOUBLE] = "double precision",
	    [XT_DATE] = "timestamp",
	    [XT_TIME] = "time",
	    [XT_BOOLEAN] = "boolean",
	    [XT_BINARY] = "bytea",
	},
    .type_with_length = {[XT_STRING] = "varchar(%d)"},
    .type_with_scale = {[XT_DECIMAL] = "numeric(%d,%d)"},
    .prim =
	{
	    [PRIM_CAST] = TP("{1!}::{u}", PREC_CAST),
	    [PRIM_CONCAT] = T("concat({*})"),
	    [PRIM_CONCAT_STRICT] = TP("{1<} || {2>}", PREC_OTHER),
	    [PRIM_STRPOS] = T("strpos({1}, {2})"),
	    [PRIM_SUBSTR] = T("substr({*})"),
	    [PRIM_REGEX_INSTR] = T("regexp_instr({1}, {2}, {3}, {4})"),
	    /* ARE's ***= director: the rest of the pattern is literal text */
	    [PRIM_LITERAL_RE] = TP("'***=' || {1!}", PREC_OTHER),
	    [PRIM_REVERSE] = T("reverse({1})"),
	    [PRIM_CHAR_LENGTH] = T("char_length({1})"),
	    [PRIM_TRANSLATE] = T("translate({1}, {2}, {3})"),
	    [PRIM_REPLACE] = T("replace({1}, {2}, {3})"),
	    [PRIM_REGEX_REPLACE] = T("regexp_replace({1}, {2}, {3}, '{u}')"),
	    [PRIM_REGEX_MATCHES] = TP("{1!} ~ {2!}", PREC_OTHER),
	    [PRIM_REGEX_GROUP] = T("(regexp_match({1}, {2}))[{3}]"),
	    /* digits may be grouped with commas: '5,000,000,000' is 5000000000 */
	    [PRIM_NUM_PREFIX] = T("substring({1} FROM '^\\s*([+-]?(?:[0-9][0-9,]*\\.?[0-9]*|\\.[0-9]+))')"),
	    [PRIM_NUM_PREFIX_EXP] =
		T("substring({1} FROM '^\\s*([+-]?(?:[0-9][0-9,]*\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)')"),
	    [PRIM_ROUND] = T("round({1}, {2})"),
	    [PRIM_TRUNC] = T("trunc({1}, {2})"),
	    [PRIM_MOD] = T("mod({1}, {2})"),
	    [PRIM_TO_TIMESTAMP] = TP("to_timestamp({1}, {2})::timestamp", PREC_CAST),
	    [PRIM_TO_CHAR_DATE] = T("to_char({1}, {2})"),
	    [PRIM_DATE_TRUNC] = T("date_trunc('{u}', {1})"),
	    [PRIM_ADD_INTERVAL] = TP("{1!} + make_interval({u} => {2})", PREC_ADD),
	    [PRIM_EPOCH_DIFF] = T("extract(epoch FROM {1!} - {2!})"),
	    [PRIM_WHOLE_MONTHS] = TP("(extract(year FROM age({1}, {2})) * 12 + extract(month FROM age({1}, {2})))::integer", PREC_CAST),
	    [PRIM_EXTRACT] = T("extract({u} FROM {1})"),
	    [PRIM_MAKE_TIMESTAMP] = T("make_timestamp({*})"),
	    [PRIM_NOW_ROW] = TP("clock_timestamp()::timestamp", PREC_CAST),
	    [PRIM_NOW_RUN] = T("LOCALTIMESTAMP"),
	    [PRIM_NOW_UTC_ROW] = T("(clock_timestamp() AT TIME ZONE 'UTC')"),
	    [PRIM_REPEAT] = T("repeat({1}, {2})"),
	    [PRIM_SPLIT_PART] = T("split_part({1}, {2}, {3})"),
	    [PRIM_FIELDS] = T("array_to_string((string_to_array({1}, {2}))[{3}:{4}], {2})"),
	    [PRIM_TO_HEX] = T("upper(to_hex({1}))"),
	    [PRIM_REGEX_COUNT] = T("regexp_count({1}, {2})"),
	    [PRIM_REGEX_SUBSTR] = T("regexp_substr({1}, {2}, 1, {3}, '', {4})"),
	    [PRIM_COALESCE] = T("COALESCE({*})"),
	    [PRIM_ARRAY_PICK] = T("(ARRAY[{r}])[{1}]"),
	    [PRIM_ORDERED_LT] = TP("{1<} < {2!} COLLATE \"C\"", PREC_CMP),
	    [PRIM_PARAM] = T("current_setting('akko.{u}')"),
	    [PRIM_BIT_AND] = TP("{1<} & {2>}", PREC_OTHER),
	    [PRIM_BIT_OR] = TP("{1<} | {2>}", PREC_OTHER),
	    [PRIM_BIT_XOR] = TP("{1<} # {2>}", PREC_OTHER),
	    [PRIM_BIT_NOT] = TP("~{1!}", PREC_UNARY),
	    [PRIM_ROW_BEFORE] = T("lag({1}, {2}) OVER (ORDER BY {u})"),
	    [PRIM_ROW_AFTER] = T("lead({1}, {2}) OVER (ORDER BY {u})"),
	    [PRIM_RUNNING_MAX] = T("max({1}) OVER ({u}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
	    [PRIM_RUNNING_MIN] = T("min({1}) OVER ({u}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
	    [PRIM_RUNNING_COUNT] = T("count(*) OVER ({u}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
	    [PRIM_ASCII] = T("ascii({1})"),
	    [PRIM_CHR] = T("chr({1})"),
	    [PRIM_INITCAP] = T("initcap({1})"),
	    [PRIM_LOWER] = T("lower({1})"),
	    [PRIM_UPPER] = T("upper({1})"),
	    [PRIM_LPAD] = T("lpad({*})"),
	    [PRIM_RPAD] = T("rpad({*})"),
	    [PRIM_LTRIM] = T("ltrim({*})"),
	    [PRIM_RTRIM] = T("rtrim({*})"),
	    [PRIM_GREATEST] = T("greatest({*})"),
	    [PRIM_LEAST] = T("least({*})"),
	    [PRIM_ABS] = T("abs({1})"),
	    [PRIM_CEIL] = T("ceil({1})"),
	    [PRIM_EXP] = T("exp({1})"),
	    [PRIM_FLOOR] = T("floor({1})"),
	    [PRIM_LN] = T("ln({1})"),
	    [PRIM_LOG] = T("log({1!}::numeric, {2!}::numeric)"),
	    [PRIM_POWER] = T("power({1}, {2})"),
	    [PRIM_RANDOM] = T("random()"),
	    [PRIM_SIGN] = T("sign({1})::integer"),
	    [PRIM_SQRT] = T("sqrt({1})"),
	    [PRIM_COS] = T("cos({1})"),
	    [PRIM_COSH] = T("cosh({1})"),
	    [PRIM_SIN] = T("sin({1})"),
	    [PRIM_SINH] = T("sinh({1})"),
	    [PRIM_TAN] = T("tan({1})"),
	    [PRIM_TANH] = T("tanh({1})"),
	    [PRIM_IS_NULL] = TP("{1!} IS NULL", PREC_IS),
	    [PRIM_IS_NUMBER] = TP("{1!} ~ '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$'",
				PREC_OTHER),
	    [PRIM_IS_SPACES] = TP("{1!} ~ '^[ \\t\\n\\r\\f\\v]+$'", PREC_OTHER),
	    [PRIM_BASE64_ENCODE] = T("translate(encode(convert_to({1}, 'UTF8'), 'base64'), E'\\n', '')"),
	    [PRIM_BASE64_DECODE] = T("convert_from(decode({1}, 'base64'), 'UTF8')"),
	    [PRIM_MD5] = T("md5({1})"),
	    [PRIM_AGG_AVG] = T("avg({1})"),
	    [PRIM_AGG_COUNT] = T("count({1})"),
	    [PRIM_AGG_MAX] = T("max({1})"),
	    [PRIM_AGG_MIN] = T("min({1})"),
	    [PRIM_AGG_MEDIAN] = T("percentile_cont(0.5) WITHIN GROUP (ORDER BY {1})"),
	    [PRIM_AGG_PERCENTILE] = T("percentile_cont({2}) WITHIN GROUP (ORDER BY {1})"),
	    [PRIM_AGG_STDDEV_SAMP] = T("stddev_samp({1})"),
	    [PRIM_AGG_SUM] = T("sum({1})"),
	    [PRIM_AGG_VAR_SAMP] = T("var_samp({1})"),
	},
    .unit_name = {"year", "month", "day", "hour", "minute", "second", "milliseconds", "microseconds",
		  "microseconds", "quarter", NULL, "doy", "dow"},
    .interval_unit = {"years", "months", "days", "hours", "mins", "secs", "secs", "secs", "secs"},
    .string_order_suffix = " COLLATE \"C\"",
    .date_tok =
	{
	    [DT_YEAR4] = {"YYYY", "([0-9]{4})", 0},
	    [DT_YEAR3] = {"YYY", "[0-9]{3}", DF_YY},
	    [DT_YEAR2] = {"YY", "([0-9]{2})", DF_YY2},
	    [DT_YEAR1] = {"Y", "[0-9]", DF_YY},
	    /* PostgreSQL has no RR; its YY picks the year nearest 2020 */
	    [DT_YEAR_RR] = {"YY", "([0-9]{2})", DF_RR},
	    [DT_MONTH_NAME] = {"FMMONTH", MONTH_NAMES, DF_NAMES},
	    [DT_MONTH_ABBR] = {"MON", MONTHS, DF_NAMES},
	    [DT_MONTH_NAME_TC] = {"FMMonth", MONTH_NAMES, DF_NAMES},
	    [DT_MONTH_ABBR_TC] = {"Mon", MONTHS, DF_NAMES},
	    [DT_MONTH] = {"MM", "([0-9]{1,2})", 0},
	    [DT_DAY_OF_YEAR] = {"DDD", "[0-9]{1,3}", 0},
	    [DT_DAY] = {"DD", "([0-9]{1,2})", 0},
	    [DT_DAY_NAME] = {"FMDAY", "[A-Z]+", DF_NAMES},
	    [DT_DAY_ABBR] = {"DY", "[A-Z]{3}", DF_NAMES},
	    [DT_DAY_NAME_TC] = {"FMDay", "[A-Za-z]+", DF_NAMES},
	    [DT_DAY_ABBR_TC] = {"Dy", "[A-Za-z]{3}", DF_NAMES},
	    [DT_DAY_OF_WEEK] = {"D", "[1-7]", 0},
	    [DT_HOUR24] = {"HH24", "([0-9]{1,2})", 0},
	    [DT_HOUR12] = {"HH12", "([0-9]{1,2})", 0},
	    [DT_MINUTE] = {"MI", "([0-9]{1,2})", 0},
	    [DT_MILLISECOND] = {"MS", "[0-9]{1,3}", 0},
	    [DT_MICROSECOND] = {"US", "[0-9]{1,6}", 0},
	    [DT_NANOSECOND] = {"US", "[0-9]{1,9}", DF_NS},
	    [DT_SECOND_OF_DAY] = {"SSSS", "[0-9]{1,5}", 0},
	    [DT_SECOND] = {"SS", "([0-9]{1,2})", 0},
	    [DT_AM_DOTS] = {"A.M.", "[AP]\\.M\\.", 0},
	    [DT_PM_DOTS] = {"P.M.", "[AP]\\.M\\.", 0},
	    [DT_AM] = {"AM", "[AP]M", 0},
	    [DT_PM] = {"PM", "[AP]M", 0},
	    [DT_JULIAN] = {"J", "[0-9]+", 0},
	    [DT_QUARTER] = {"Q", "[1-4]", 0},
	    [DT_WEEK_OF_YEAR] = {"WW", "[0-9]{1,2}", 0},
	    [DT_WEEK_OF_MONTH] = {"W", "[1-5]", 0},
	},
    .date_literal = pg_date_literal,
    .reserved = pg_reserved,
    .n_reserved = ARRAY_LEN(pg_reserved),
};

/* clang-format on */

const Dialect *dialect_find(const char *name)
{
	if (ascii_ieq(name, "postgres") || ascii_ieq(name, "postgresql"))
		return &dialect_postgres;
	return NULL;
}
