/* datefmt.c - DataStage date and time format tokens and type names
 * (src/expr/lang/datastage).  The tokens are those of the parallel job
 * reference's "Date and time formats" (%yyyy %yy %mm %m %mmm %mmmm %dd %d
 * %ddd %eee %eeee %e %hh %HH %nn %ss %ss.N %SSS %SSSSSS %aa), matched with
 * their letter case, and %NNNNyy (a two-digit year with a cutoff); the default formats are %yyyy-%mm-%dd (dates),
 * %hh:%nn:%ss (times) and %yyyy-%mm-%dd %hh:%nn:%ss (timestamps).  The
 * type names are those of the Columns grid (SQL types) and of the parallel
 * engine (EXPRESSIONS.md §4.1).
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang/datastage/datastage.h"

bool ds_date_tokens(Arena *a, const char *fmt, DateTokens *t)
{
	/* longer tokens before their prefixes; case-sensitive */
	static const struct {
		const char *tok;
		DateTokKind kind;
	} toks[] = {
	    {"%yyyy", DT_YEAR4},
	    {"%yy", DT_YEAR2},
	    {"%mmmm", DT_MONTH_NAME_TC},
	    {"%mmm", DT_MONTH_ABBR_TC},
	    {"%mm", DT_MONTH},
	    {"%m", DT_MONTH},
	    {"%ddd", DT_DAY_OF_YEAR},
	    {"%dd", DT_DAY},
	    {"%d", DT_DAY},
	    {"%eeee", DT_DAY_NAME_TC},
	    {"%eee", DT_DAY_ABBR_TC},
	    {"%e", DT_DAY_OF_WEEK},
	    {"%hh", DT_HOUR24},
	    {"%h", DT_HOUR24},
	    {"%HH", DT_HOUR12},
	    {"%H", DT_HOUR12},
	    {"%nn", DT_MINUTE},
	    {"%n", DT_MINUTE},
	    {"%SSSSSS", DT_MICROSECOND},
	    {"%SSS", DT_MILLISECOND},
	    {"%ss.6", DT_SECOND},
	    {"%ss.3", DT_SECOND},
	    {"%ss", DT_SECOND},
	    {"%s", DT_SECOND},
	    {"%aa", DT_AM},
	};
	memset(t, 0, sizeof *t);
	for (const char *p = fmt; *p;) {
		if (*p != '%') {
			datefmt_push(a, t, DT_PUNCT, p++, 1);
			continue;
		}
		if (p[1] == '%') {
			datefmt_push(a, t, DT_PUNCT, p + 1, 1);
			p += 2;
			continue;
		}
		if (strspn(p + 1, "0123456789") == 4 && strncmp(p + 5, "yy", 2) == 0) {
			/* %NNNNyy: a two-digit year read in the 100 years from NNNN */
			datefmt_push(a, t, DT_YEAR_RR, p, 7);
			p += 7;
			continue;
		}
		size_t i = 0, n = 0;
		while (i < ARRAY_LEN(toks) && strncmp(p, toks[i].tok, n = strlen(toks[i].tok)) != 0)
			i++;
		if (i == ARRAY_LEN(toks)) {
			t->bad_off = (size_t)(p - fmt);
			t->bad = "unknown format token";
			return false;
		}
		datefmt_push(a, t, toks[i].kind, p, n);
		if (strcmp(toks[i].tok, "%ss.6") == 0 || strcmp(toks[i].tok, "%ss.3") == 0) {
			datefmt_push(a, t, DT_PUNCT, ".", 1);
			datefmt_push(a, t, toks[i].tok[4] == '6' ? DT_MICROSECOND : DT_MILLISECOND, p + 3, 2);
		}
		p += n;
	}
	return true;
}

bool ds_type_named(const char *name, ExprType *out)
{
	static const struct {
		const char *name;
		ExprType type;
	} types[] = {
	    {"string", XT_STRING},      {"ustring", XT_STRING},      {"Char", XT_STRING},
	    {"VarChar", XT_STRING},     {"NChar", XT_STRING},        {"NVarChar", XT_STRING},
	    {"LongVarChar", XT_STRING}, {"LongNVarChar", XT_STRING}, {"int8", XT_INTEGER},
	    {"int16", XT_INTEGER},      {"int32", XT_INTEGER},       {"uint8", XT_INTEGER},
	    {"uint16", XT_INTEGER},     {"TinyInt", XT_INTEGER},     {"SmallInt", XT_INTEGER},
	    {"Integer", XT_INTEGER},    {"Bit", XT_INTEGER},         {"int64", XT_BIGINT},
	    {"uint32", XT_BIGINT},      {"uint64", XT_BIGINT},       {"BigInt", XT_BIGINT},
	    {"Decimal", XT_DECIMAL},    {"Numeric", XT_DECIMAL},     {"sfloat", XT_DOUBLE},
	    {"dfloat", XT_DOUBLE},      {"Float", XT_DOUBLE},        {"Double", XT_DOUBLE},
	    {"Real", XT_DOUBLE},        {"Date", XT_DATE},           {"Timestamp", XT_DATE},
	    {"Time", XT_TIME},          {"raw", XT_BINARY},          {"Binary", XT_BINARY},
	    {"VarBinary", XT_BINARY},
	};
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (ascii_ieq(name, types[i].name)) {
			*out = types[i].type;
			return true;
		}
	return false;
}
