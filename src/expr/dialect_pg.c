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
	    [XT_BOOLEAN] = "boolean",
	    [XT_BINARY] = "bytea",
	},
    .fn =
	{
	    [FN_ASCII] = T("ascii({1})"),
	    [FN_CHR] = T("chr({1})"),
	    [FN_CHRCODE] = T("ascii({1})"),
	    [FN_INITCAP] = T("initcap({1})"),
	    [FN_LENGTH] = T("char_length({1})"),
	    [FN_LOWER] = T("lower({1})"),
	    [FN_UPPER] = T("upper({1})"),
	    [FN_LPAD] = T("lpad({*})"),
	    [FN_RPAD] = T("rpad({*})"),
	    [FN_LTRIM] = T("ltrim({*})"),
	    [FN_RTRIM] = T("rtrim({*})"),
	    [FN_REVERSE] = T("reverse({1})"),
	    [FN_GREATEST] = T("greatest({*})"),
	    [FN_LEAST] = T("least({*})"),
	    [FN_MAKE_DATE_TIME] = T("make_timestamp({*})"),
	    [FN_ABS] = T("abs({1})"),
	    [FN_CEIL] = T("ceil({1})"),
	    [FN_EXP] = T("exp({1})"),
	    [FN_FLOOR] = T("floor({1})"),
	    [FN_LN] = T("ln({1})"),
	    [FN_LOG] = T("log({1!}::numeric, {2!}::numeric)"),
	    [FN_POWER] = T("power({1}, {2})"),
	    [FN_RAND] = T("random()"),
	    [FN_SIGN] = T("sign({1})::integer"),
	    [FN_SQRT] = T("sqrt({1})"),
	    [FN_COS] = T("cos({1})"),
	    [FN_COSH] = T("cosh({1})"),
	    [FN_SIN] = T("sin({1})"),
	    [FN_SINH] = T("sinh({1})"),
	    [FN_TAN] = T("tan({1})"),
	    [FN_TANH] = T("tanh({1})"),
	    [FN_ISNULL] = TP("{1!} IS NULL", PREC_IS),
	    [FN_IS_NUMBER] = TP("{1!} ~ '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$'",
				PREC_OTHER),
	    [FN_IS_SPACES] = TP("{1!} ~ '^[ \\t\\n\\r\\f\\v]+$'", PREC_OTHER),
	    [FN_ENC_BASE64] = T("translate(encode(convert_to({1}, 'UTF8'), 'base64'), E'\\n', '')"),
	    [FN_DEC_BASE64] = T("convert_from(decode({1}, 'base64'), 'UTF8')"),
	    [FN_MD5] = T("md5({1})"),
	    [FN_AVG] = T("avg({1})"),
	    [FN_COUNT] = T("count({1})"),
	    [FN_MAX] = T("max({1})"),
	    [FN_MIN] = T("min({1})"),
	    [FN_MEDIAN] = T("percentile_cont(0.5) WITHIN GROUP (ORDER BY {1})"),
	    [FN_PERCENTILE] = T("percentile_cont({2}) WITHIN GROUP (ORDER BY {1})"),
	    [FN_STDDEV] = T("stddev_samp({1})"),
	    [FN_SUM] = T("sum({1})"),
	    [FN_VARIANCE] = T("var_samp({1})"),
	},
    .prim =
	{
	    [PRIM_CAST] = TP("{1!}::{u}", PREC_CAST),
	    [PRIM_CONCAT] = T("concat({*})"),
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
	    [PRIM_EXTRACT] = T("extract({u} FROM {1})"),
	    [PRIM_MAKE_TIMESTAMP] = T("make_timestamp({*})"),
	    [PRIM_NOW_ROW] = TP("clock_timestamp()::timestamp", PREC_CAST),
	    [PRIM_NOW_RUN] = T("LOCALTIMESTAMP"),
	    [PRIM_ARRAY_PICK] = T("(ARRAY[{r}])[{1}]"),
	    [PRIM_PARAM] = T("current_setting('akko.{u}')"),
	},
    .unit_name = {"year", "month", "day", "hour", "minute", "second", "milliseconds", "microseconds",
		  "microseconds"},
    .interval_unit = {"years", "months", "days", "hours", "mins", "secs", "secs", "secs", "secs"},
    .string_order_suffix = " COLLATE \"C\"",
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
