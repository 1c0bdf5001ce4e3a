/* datefmt.c - canonical date-format tokens printed for a target dialect
 * (src/expr).  The languages' tokenizers are in lang/<language>/.
 */
#include <string.h>
#include <strings.h>

#include "expr/datefmt.h"
#include "expr/dialect.h"

DatePart datefmt_part(DateTokKind k)
{
	switch (k) {
	case DT_YEAR4: return DP_YEAR;
	case DT_YEAR2:
	case DT_YEAR_RR: return DP_YY;
	case DT_MONTH_NAME:
	case DT_MONTH_ABBR:
	case DT_MONTH_NAME_TC:
	case DT_MONTH_ABBR_TC: return DP_MONTH_NAME;
	case DT_MONTH: return DP_MONTH;
	case DT_DAY: return DP_DAY;
	case DT_HOUR24: return DP_HOUR24;
	case DT_HOUR12: return DP_HOUR12;
	case DT_MINUTE: return DP_MINUTE;
	case DT_SECOND: return DP_SECOND;
	default: return DP_COUNT;
	}
}

void datefmt_push(Arena *a, DateTokens *t, DateTokKind k, const char *text, size_t len)
{
	/* grow by doubling: a format has a few dozen tokens at most */
	if ((t->n & (t->n - 1)) == 0) {
		DateTok *items = ARENA_NEWN(a, DateTok, t->n ? t->n * 2 : 8);
		if (t->n)
			memcpy(items, t->items, t->n * sizeof *items);
		t->items = items;
	}
	t->items[t->n++] = (DateTok){k, text, len};
}

bool datefmt_step(Arena *a, DateTokens *t, const char *fmt, const char **p, const DateTokName *names,
		  size_t n)
{
	const char *s = *p;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i].tok);
		if (strncasecmp(s, names[i].tok, len) == 0) {
			datefmt_push(a, t, names[i].kind, s, len);
			*p = s + len;
			return true;
		}
	}
	if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		t->bad_off = (size_t)(s - fmt);
		t->bad = "unknown token";
		return false;
	}
	datefmt_push(a, t, DT_PUNCT, s, 1);
	*p = s + 1;
	return true;
}

static void re_literal(Sbuf *re, char c)
{
	if (strchr("\\.^$*+?()[]{}|-", c))
		sbuf_addch(re, '\\');
	sbuf_addch(re, c);
}

bool datefmt_render(const Dialect *dl, const DateTokens *t, DateFmt *d)
{
	sbuf_init(&d->pg, 32);
	sbuf_init(&d->re, 64);
	d->flags = 0;
	d->bad = NULL;
	d->bad_off = 0;
	int groups = 0;
	for (int i = 0; i < DP_COUNT; i++)
		d->group[i] = 0;
	sbuf_addch(&d->re, '^');
	for (uint32_t i = 0; i < t->n; i++) {
		const DateTok *k = &t->items[i];
		if (k->kind == DT_TEXT || k->kind == DT_PUNCT) {
			dl->date_literal(&d->pg, k->text, k->len, k->kind == DT_TEXT);
			for (size_t c = 0; c < k->len; c++)
				re_literal(&d->re, k->text[c]);
			continue;
		}
		const DateTokSql *ts = &dl->date_tok[k->kind];
		if (!ts->fmt) {
			d->bad = "a date token the target has no equivalent of";
			return false;
		}
		sbuf_adds(&d->pg, ts->fmt);
		sbuf_adds(&d->re, ts->re);
		d->flags |= ts->flags;
		DatePart part = datefmt_part(k->kind);
		if (part != DP_COUNT) {
			groups++;
			if (!d->group[part])
				d->group[part] = groups;
		}
	}
	sbuf_addch(&d->re, '$');
	return true;
}
