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
	    {"Y", DU_YEAR},   {"YY", DU_YEAR},     {"YYY", DU_YEAR},  {"YYYY", DU_YEAR},
	    {"MM", DU_MONTH}, {"MON", DU_MONTH},   {"MONTH", DU_MONTH}, {"D", DU_DAY},
	    {"DD", DU_DAY},   {"DDD", DU_DAY},     {"DY", DU_DAY},    {"DAY", DU_DAY},
	    {"HH", DU_HOUR},  {"HH12", DU_HOUR},   {"HH24", DU_HOUR}, {"MI", DU_MINUTE},
	    {"SS", DU_SECOND}, {"MS", DU_MS},      {"US", DU_US},     {"NS", DU_NS},
	};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (ascii_ieq(s, units[i].name)) {
			*out = units[i].u;
			return true;
		}
	return false;
}

/* Tokens, longest first so that a prefix never wins. */
static const struct {
	const char *tok; /* PowerCenter, upper case */
	const char *pg;  /* PostgreSQL */
	const char *re;  /* shape of the text */
	unsigned flags;
} tokens[] = {
    {"YYYY", "YYYY", "[0-9]{4}", 0},
    {"YYY", "YYY", "[0-9]{3}", DF_YY},
    {"YY", "YY", "[0-9]{2}", DF_YY},
    {"Y", "Y", "[0-9]", DF_YY},
    {"RR", "RR", "[0-9]{2}", DF_RR},
    {"MONTH", "FMMONTH", "[A-Za-z]+", DF_NAMES},
    {"MON", "MON", "[A-Za-z]{3}", DF_NAMES},
    {"MM", "MM", "[0-9]{1,2}", 0},
    {"DDD", "DDD", "[0-9]{1,3}", 0},
    {"DD", "DD", "[0-9]{1,2}", 0},
    {"DAY", "FMDAY", "[A-Za-z]+", DF_NAMES},
    {"DY", "DY", "[A-Za-z]{3}", DF_NAMES},
    {"D", "D", "[1-7]", 0},
    {"HH24", "HH24", "[0-9]{1,2}", 0},
    {"HH12", "HH12", "[0-9]{1,2}", 0},
    {"HH", "HH12", "[0-9]{1,2}", 0},
    {"MI", "MI", "[0-9]{1,2}", 0},
    {"MS", "MS", "[0-9]{1,3}", 0},
    {"US", "US", "[0-9]{1,6}", 0},
    {"NS", "US", "[0-9]{1,9}", DF_NS},
    {"SSSSS", "SSSS", "[0-9]{1,5}", 0},
    {"SS", "SS", "[0-9]{1,2}", 0},
    {"A.M.", "A.M.", "[AaPp]\\.[Mm]\\.", 0},
    {"P.M.", "P.M.", "[AaPp]\\.[Mm]\\.", 0},
    {"AM", "AM", "[AaPp][Mm]", 0},
    {"PM", "PM", "[AaPp][Mm]", 0},
    {"J", "J", "[0-9]+", 0},
    {"Q", "Q", "[1-4]", 0},
    {"WW", "WW", "[0-9]{1,2}", 0},
    {"W", "W", "[1-5]", 0},
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
