/* datefmt.c - PowerCenter date units and format strings, translated to
 * PostgreSQL's to_char/to_timestamp formats (src/expr).
 */
#include <string.h>

#include "base/str.h"
#include "expr/datefmt.h"

bool date_unit_parse(const char *s, DateUnit *out)
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
			*out = units[i].u;
			return true;
		}
	return false;
}

#define MONTHS "(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
#define MONTH_NAMES                                                                      \
	"(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|" \
	"DECEMBER)"

/* Tokens, longest first so that a prefix never wins.  `part` names the
 * capture group IS_DATE checks (DP_COUNT: none; the regex has no group). */
static const struct {
	const char *tok; /* PowerCenter, upper case */
	const char *pg;  /* PostgreSQL */
	const char *re;  /* shape of the text */
	unsigned flags;
	DatePart part;
} tokens[] = {
    {"YYYY", "YYYY", "([0-9]{4})", 0, DP_YEAR},
    {"YYY", "YYY", "[0-9]{3}", DF_YY, DP_COUNT},
    {"YY", "YY", "([0-9]{2})", DF_YY2, DP_YY},
    {"Y", "Y", "[0-9]", DF_YY, DP_COUNT},
    /* PostgreSQL has no RR; its YY picks the year nearest 2020 */
    {"RR", "YY", "([0-9]{2})", DF_RR, DP_YY},
    {"MONTH", "FMMONTH", MONTH_NAMES, DF_NAMES, DP_MONTH_NAME},
    {"MON", "MON", MONTHS, DF_NAMES, DP_MONTH_NAME},
    {"MM", "MM", "([0-9]{1,2})", 0, DP_MONTH},
    {"DDD", "DDD", "[0-9]{1,3}", 0, DP_COUNT},
    {"DD", "DD", "([0-9]{1,2})", 0, DP_DAY},
    {"DAY", "FMDAY", "[A-Z]+", DF_NAMES, DP_COUNT},
    {"DY", "DY", "[A-Z]{3}", DF_NAMES, DP_COUNT},
    {"D", "D", "[1-7]", 0, DP_COUNT},
    {"HH24", "HH24", "([0-9]{1,2})", 0, DP_HOUR24},
    {"HH12", "HH12", "([0-9]{1,2})", 0, DP_HOUR12},
    {"HH", "HH12", "([0-9]{1,2})", 0, DP_HOUR12},
    {"MI", "MI", "([0-9]{1,2})", 0, DP_MINUTE},
    {"MS", "MS", "[0-9]{1,3}", 0, DP_COUNT},
    {"US", "US", "[0-9]{1,6}", 0, DP_COUNT},
    {"NS", "US", "[0-9]{1,9}", DF_NS, DP_COUNT},
    {"SSSSS", "SSSS", "[0-9]{1,5}", 0, DP_COUNT},
    {"SS", "SS", "([0-9]{1,2})", 0, DP_SECOND},
    {"A.M.", "A.M.", "[AP]\\.M\\.", 0, DP_COUNT},
    {"P.M.", "P.M.", "[AP]\\.M\\.", 0, DP_COUNT},
    {"AM", "AM", "[AP]M", 0, DP_COUNT},
    {"PM", "PM", "[AP]M", 0, DP_COUNT},
    {"J", "J", "[0-9]+", 0, DP_COUNT},
    {"Q", "Q", "[1-4]", 0, DP_COUNT},
    {"WW", "WW", "[0-9]{1,2}", 0, DP_COUNT},
    {"W", "W", "[1-5]", 0, DP_COUNT},
};

static void re_literal(Sbuf *re, char c)
{
	if (strchr("\\.^$*+?()[]{}|-", c))
		sbuf_addch(re, '\\');
	sbuf_addch(re, c);
}

bool datefmt_translate(const char *fmt, DateFmt *d)
{
	sbuf_init(&d->pg, 32);
	sbuf_init(&d->re, 64);
	d->flags = 0;
	d->bad = NULL;
	int groups = 0;
	for (int i = 0; i < DP_COUNT; i++)
		d->group[i] = 0;
	sbuf_addch(&d->re, '^');
	const char *p = fmt;
	while (*p) {
		if (*p == '"') { /* quoted literal text */
			const char *q = strchr(p + 1, '"');
			if (!q) {
				d->bad_off = (size_t)(p - fmt);
				d->bad = "unterminated quoted text";
				return false;
			}
			sbuf_addch(&d->pg, '"');
			for (const char *c = p + 1; c < q; c++) {
				if (*c == '\\')
					sbuf_addch(&d->pg, '\\');
				sbuf_addch(&d->pg, *c);
				re_literal(&d->re, *c);
			}
			sbuf_addch(&d->pg, '"');
			p = q + 1;
			continue;
		}
		size_t i;
		for (i = 0; i < ARRAY_LEN(tokens); i++) {
			size_t n = strlen(tokens[i].tok);
			if (str_istarts_with(str_make(p, strlen(p)), tokens[i].tok)) {
				sbuf_adds(&d->pg, tokens[i].pg);
				sbuf_adds(&d->re, tokens[i].re);
				d->flags |= tokens[i].flags;
				if (tokens[i].part != DP_COUNT) {
					groups++;
					if (!d->group[tokens[i].part])
						d->group[tokens[i].part] = groups;
				}
				p += n;
				break;
			}
		}
		if (i < ARRAY_LEN(tokens))
			continue;
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			d->bad_off = (size_t)(p - fmt);
			d->bad = "unknown token";
			return false;
		}
		/* punctuation, digits, blanks: copied (quoted when PostgreSQL
		 * would read them as a pattern) */
		if (*p == '\\' || *p == '"') {
			sbuf_addch(&d->pg, '\\');
		}
		sbuf_addch(&d->pg, *p);
		re_literal(&d->re, *p);
		p++;
	}
	sbuf_addch(&d->re, '$');
	return true;
}
