/* datefmt.c - SSIS date parts and the one date format SSIS uses
 * (src/expr/lang/ssis).  The DATEADD, DATEDIFF and DATEPART pages
 * (EXPRESSIONS.md §2.5) list the date parts; SSIS has no format strings,
 * and converts dates and strings in ISO form (yyyy-mm-dd hh:mi:ss).
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang/ssis/ssis.h"

bool ssis_date_unit(const char *s, int *out)
{
	static const struct {
		const char *name;
		DateUnit u;
	} units[] = {
	    {"year", DU_YEAR},
	    {"yy", DU_YEAR},
	    {"yyyy", DU_YEAR},
	    {"quarter", DU_QUARTER},
	    {"qq", DU_QUARTER},
	    {"q", DU_QUARTER},
	    {"month", DU_MONTH},
	    {"mm", DU_MONTH},
	    {"m", DU_MONTH},
	    {"dayofyear", DU_DAY_OF_YEAR},
	    {"dy", DU_DAY_OF_YEAR},
	    {"y", DU_DAY_OF_YEAR},
	    {"day", DU_DAY},
	    {"dd", DU_DAY},
	    {"d", DU_DAY},
	    {"week", DU_WEEK},
	    {"wk", DU_WEEK},
	    {"ww", DU_WEEK},
	    {"weekday", DU_DAY_OF_WEEK},
	    {"dw", DU_DAY_OF_WEEK},
	    {"w", DU_DAY_OF_WEEK},
	    {"hour", DU_HOUR},
	    {"hh", DU_HOUR},
	    {"minute", DU_MINUTE},
	    {"mi", DU_MINUTE},
	    {"n", DU_MINUTE},
	    {"second", DU_SECOND},
	    {"ss", DU_SECOND},
	    {"s", DU_SECOND},
	    {"millisecond", DU_MS},
	    {"ms", DU_MS},
	};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (ascii_ieq(s, units[i].name)) {
			*out = (int)units[i].u;
			return true;
		}
	return false;
}

/* The ISO format of SSIS's date <-> string conversions, "YYYY-MM-DD
 * HH:MI:SS" (the only format the language needs: date variables). */
bool ssis_date_tokens(Arena *a, const char *fmt, DateTokens *t)
{
	static const DateTokName tokens[] = {{"YYYY", DT_YEAR4}, {"MM", DT_MONTH},  {"DD", DT_DAY},
		      {"HH", DT_HOUR24},  {"MI", DT_MINUTE}, {"SS", DT_SECOND}};
	memset(t, 0, sizeof *t);
	for (const char *p = fmt; *p;) {
		if (!datefmt_step(a, t, fmt, &p, tokens, ARRAY_LEN(tokens)))
			return false;
	}
	return true;
}
