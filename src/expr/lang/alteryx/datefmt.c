/* datefmt.c - Alteryx date units, % format specifiers and type names
 * (src/expr/lang/alteryx).  The DateTime functions page
 * (help.alteryx.com/current/en/designer/functions/datetime-functions.html,
 * "Date/Time Units" and "Specifiers"; EXPRESSIONS.md §3.4-§3.5) lists the
 * units and the specifiers; the Data Types page the type names.
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang/alteryx/alteryx.h"

bool ayx_date_unit(const char *s, int *out)
{
	static const struct {
		const char *name;
		DateUnit u;
	} units[] = {
	    {"year", DU_YEAR},     {"years", DU_YEAR},     {"month", DU_MONTH},   {"months", DU_MONTH},
	    {"day", DU_DAY},       {"days", DU_DAY},       {"hour", DU_HOUR},     {"hours", DU_HOUR},
	    {"minute", DU_MINUTE}, {"minutes", DU_MINUTE}, {"second", DU_SECOND}, {"seconds", DU_SECOND},
	};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (ascii_ieq(s, units[i].name)) {
			*out = (int)units[i].u;
			return true;
		}
	return false;
}

/* %X specifiers, case-sensitive (%m month, %M minute); any other character
 * is itself. */
bool ayx_date_tokens(Arena *a, const char *fmt, DateTokens *t)
{
	static const struct {
		char c;
		DateTokKind kind;
	} specs[] = {
	    {'Y', DT_YEAR4},         {'y', DT_YEAR2},         {'m', DT_MONTH},  {'b', DT_MONTH_ABBR_TC},
	    {'h', DT_MONTH_ABBR_TC}, {'B', DT_MONTH_NAME_TC}, {'d', DT_DAY},    {'j', DT_DAY_OF_YEAR},
	    {'a', DT_DAY_ABBR_TC},   {'A', DT_DAY_NAME_TC},   {'H', DT_HOUR24}, {'I', DT_HOUR12},
	    {'M', DT_MINUTE},        {'S', DT_SECOND},        {'p', DT_AM},
	};
	memset(t, 0, sizeof *t);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			datefmt_push(a, t, DT_PUNCT, p, 1);
			continue;
		}
		if (p[1] == '%') {
			datefmt_push(a, t, DT_PUNCT, ++p, 1);
			continue;
		}
		size_t i = 0;
		while (i < ARRAY_LEN(specs) && specs[i].c != p[1])
			i++;
		if (i == ARRAY_LEN(specs) || !p[1]) {
			t->bad_off = (size_t)(p - fmt);
			t->bad = "unknown specifier";
			return false;
		}
		datefmt_push(a, t, specs[i].kind, p, 2);
		p++;
	}
	return true;
}

bool ayx_type_named(const char *name, ExprType *out)
{
	static const struct {
		const char *name;
		ExprType type;
	} types[] = {
	    {"String", XT_STRING},    {"WString", XT_STRING}, {"V_String", XT_STRING},
	    {"V_WString", XT_STRING}, {"Byte", XT_INTEGER},   {"Int16", XT_INTEGER},
	    {"Int32", XT_INTEGER},    {"Int64", XT_BIGINT},   {"FixedDecimal", XT_DECIMAL},
	    {"Float", XT_DOUBLE},     {"Double", XT_DOUBLE},  {"Date", XT_DATE},
	    {"DateTime", XT_DATE},    {"Time", XT_TIME},      {"Bool", XT_BOOLEAN},
	    {"Blob", XT_BINARY},
	};
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (ascii_ieq(name, types[i].name)) {
			*out = types[i].type;
			return true;
		}
	return false;
}
