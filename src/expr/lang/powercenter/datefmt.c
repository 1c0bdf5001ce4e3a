/* datefmt.c - PowerCenter date units and format strings as canonical
 * tokens (src/expr/lang/powercenter).  The Transformation Language
 * Reference, "Dates" and "Date Format Strings" (EXPRESSIONS.md section
 * 1.6), is the source of both tables.
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang/powercenter/pc.h"

bool pc_date_unit(const char *s, int *out)
{
	static const struct {
		const char *name;
		DateUnit u;
	} units[] = {
	    {"Y", DU_YEAR},    {"YY", DU_YEAR},     {"YYY", DU_YEAR}, {"YYYY", DU_YEAR}, {"MM", DU_MONTH},
	    {"MON", DU_MONTH}, {"MONTH", DU_MONTH}, {"D", DU_DAY},    {"DD", DU_DAY},    {"DDD", DU_DAY},
	    {"DY", DU_DAY},    {"DAY", DU_DAY},     {"HH", DU_HOUR},  {"HH12", DU_HOUR}, {"HH24", DU_HOUR},
	    {"MI", DU_MINUTE}, {"SS", DU_SECOND},   {"MS", DU_MS},    {"US", DU_US},     {"NS", DU_NS},
	};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (ascii_ieq(s, units[i].name)) {
			*out = (int)units[i].u;
			return true;
		}
	return false;
}

/* Tokens, longest first so that a prefix never wins. */
static const DateTokName tokens[] = {
    {"YYYY", DT_YEAR4},     {"YYY", DT_YEAR3},       {"YY", DT_YEAR2},
    {"Y", DT_YEAR1},        {"RR", DT_YEAR_RR},      {"MONTH", DT_MONTH_NAME},
    {"MON", DT_MONTH_ABBR}, {"MM", DT_MONTH},        {"DDD", DT_DAY_OF_YEAR},
    {"DD", DT_DAY},         {"DAY", DT_DAY_NAME},    {"DY", DT_DAY_ABBR},
    {"D", DT_DAY_OF_WEEK},  {"HH24", DT_HOUR24},     {"HH12", DT_HOUR12},
    {"HH", DT_HOUR12},      {"MI", DT_MINUTE},       {"MS", DT_MILLISECOND},
    {"US", DT_MICROSECOND}, {"NS", DT_NANOSECOND},   {"SSSSS", DT_SECOND_OF_DAY},
    {"SS", DT_SECOND},      {"A.M.", DT_AM_DOTS},    {"P.M.", DT_PM_DOTS},
    {"AM", DT_AM},          {"PM", DT_PM},           {"J", DT_JULIAN},
    {"Q", DT_QUARTER},      {"WW", DT_WEEK_OF_YEAR}, {"W", DT_WEEK_OF_MONTH},
};

/* '"text"' is literal text; letters must be tokens; anything else
 * (punctuation, digits, blanks) is copied. */
bool pc_date_tokens(Arena *a, const char *fmt, DateTokens *t)
{
	memset(t, 0, sizeof *t);
	const char *p = fmt;
	while (*p) {
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q) {
				t->bad_off = (size_t)(p - fmt);
				t->bad = "unterminated quoted text";
				return false;
			}
			datefmt_push(a, t, DT_TEXT, p + 1, (size_t)(q - p - 1));
			p = q + 1;
			continue;
		}
		if (!datefmt_step(a, t, fmt, &p, tokens, ARRAY_LEN(tokens)))
			return false;
	}
	return true;
}
