/* lower.c - lowering hooks of the DataStage functions whose semantics need
 * more than one core operation (src/expr/lang/datastage): 1-based
 * positions clamped as DataStage clamps them, Field's first delimiter
 * character, Trim's options, % date formats, weekday numbering, the BASIC
 * conversion codes.  Written with the printer's primitives (sqlgen.h)
 * only, so another dialect stays a table.  Every hook keeps DataStage's
 * NULL rule (a NULL argument gives NULL): clamps are CASE expressions,
 * never GREATEST, which skips NULLs.  Each hook cites the page of IBM's
 * parallel transform function reference (catalog.h) or BASIC reference
 * it follows.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "base/str.h"
#include "expr/lang/datastage/datastage.h"

#define DS_DEFAULT_DATE      "%yyyy-%mm-%dd"
#define DS_DEFAULT_TIMESTAMP "%yyyy-%mm-%dd %hh:%nn:%ss"

static Sql int_lit(Gen *g, long v)
{
	Sql r = sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", v));
	r.not_null = true;
	return r;
}

static Sql text_lit(Gen *g, const char *s)
{
	Sql r = sql_lit(g, XT_STRING, sql_quote(g, s));
	r.not_null = true;
	return r;
}

static void arg_error(Gen *g, const Expr *a, const char *msg)
{
	sql_error_at(g, E_EXPR_ARG, a->off, a->len ? a->len : 1, "%s", msg);
}

static Sql prim1(Gen *g, SqlPrim p, ExprType t, Sql a)
{
	return sql_prim(g, p, t, NULL, 1, a);
}

static Sql prim2(Gen *g, SqlPrim p, ExprType t, Sql a, Sql b)
{
	return sql_prim(g, p, t, NULL, 2, a, b);
}

static Sql char_length(Gen *g, Sql s)
{
	return prim1(g, PRIM_CHAR_LENGTH, XT_INTEGER, s);
}

/* n, or `lo` where n is below it; NULL stays NULL (GREATEST would not). */
static Sql at_least(Gen *g, Sql n, long lo, const Expr *src)
{
	double v;
	if (src && sql_literal_number(src, &v) && fabs(v) < 2e9) { /* rounded, as sql_as_int does */
		long r = (long)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
		return int_lit(g, r < lo ? lo : r);
	}
	const char *p = sql_wrap(g, n, PREC_CMP + 1);
	return sql_mk(g, PREC_PRIMARY, n.type, "CASE WHEN %s < %ld THEN %ld ELSE %s END", p, lo, lo, n.s);
}

/* The literal text of argument i, or NULL when it is computed. */
static const char *lit_text(const Expr *e, uint32_t i)
{
	return i < e->nargs && e->args[i]->kind == EX_STRING ? e->args[i]->text : NULL;
}

/* A literal regular expression for text x (ARE's ***= director). */
static Sql literal_re(Gen *g, Sql x)
{
	return prim1(g, PRIM_LITERAL_RE, XT_STRING, x);
}

/* A character of a literal as a regular expression atom. */
static const char *re_char(Gen *g, char c)
{
	return isalnum((unsigned char)c) ? arena_sprintf(g->a, "%c", c) : arena_sprintf(g->a, "\\%c", c);
}

/* A character as regexp_replace replacement text. */
static const char *repl_char(Gen *g, char c)
{
	return c == '\\' ? "\\\\" : arena_sprintf(g->a, "%c", c);
}

/* ---- dates: arguments and formats ------------------------------------------------------- */

/* A date argument: a date, or text in the default format %yyyy-%mm-%dd
 * (%yyyy-%mm-%dd %hh:%nn:%ss for the timestamp functions): DataStage
 * converts a string where a date is expected; the examples of the date
 * functions pass "1958-08-18". */
static bool takes_timestamps(const Expr *e)
{
	switch (e->fn->id) {
	case DF_SECONDSSINCEFROMTIMESTAMP:
	case DF_SECONDSSINCEFROMTIMESTAMP2:
	case DF_TIMESTAMPFROMSECONDSSINCE:
	case DF_TIMESTAMPFROMSECONDSSINCE2:
	case DF_TIMESTAMPOFFSETBYCOMPONENTS:
	case DF_TIMESTAMPOFFSETBYSECONDS:
	case DF_TIMETFROMTIMESTAMP:
	case DF_TIMESTAMPTOSTRING:
	case DF_TIMESTAMPTODECIMAL:
	case DF_TIMESTAMPTODATE:
	case DF_TIMESTAMPTOTIME:
	case DF_TIMESTAMPFROMTIME2:
	case DF_ISVALIDTIMESTAMP: return true;
	default: return false;
	}
}

static Sql date_arg(Gen *g, const Expr *e, uint32_t i)
{
	Sql x = sql_gen(g, e->args[i]);
	if (x.type == XT_STRING) /* timestamps: %yyyy-%mm-%dd %hh:%nn:%ss */
		return prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, x,
			     text_lit(g, sql_date_format(g, takes_timestamps(e) ? DS_DEFAULT_TIMESTAMP
										: g->lang->sem.date_format)));
	if (x.type == XT_UNKNOWN)
		return sql_cast(g, x, XT_DATE);
	if (x.type != XT_DATE && x.type != XT_NULL)
		sql_arg_type_error(g, e, i, "a date", x.type);
	return x;
}

/* The format argument i as the dialect's format (its default `def` when
 * absent), or NULL after an error.  The caller releases it. */
static DateFmt *format_arg(Gen *g, const Expr *e, uint32_t i, const char *def)
{
	const char *f = def;
	uint32_t off = 0;
	if (i < e->nargs) {
		if (e->args[i]->kind != EX_STRING) {
			arg_error(g, e->args[i],
				  arena_sprintf(g->a, "the format of %s must be a literal", e->fn->name));
			return NULL;
		}
		f = e->args[i]->text;
		off = e->args[i]->off + 1;
	}
	DateFmt *d = ARENA_NEW(g->a, DateFmt);
	if (!sql_datefmt(g, f, d)) {
		sql_error_at(g, E_EXPR_ARG, i < e->nargs ? off + (uint32_t)d->bad_off : e->off, 2,
			     "%s in the format of %s", d->bad, e->fn->name);
		return NULL;
	}
	if (d->flags & (DF_YY2 | DF_RR))
		sql_note(
		    g, W_EXPR_DIFFERENCE, e,
		    "%s: a two-digit year is read by PostgreSQL in 1970-2069, by DataStage from its cutoff "
		    "(%%yy: 1900; %%NNNNyy: NNNN)",
		    e->fn->name);
	return d;
}

static Sql fmt_lit(Gen *g, DateFmt *f)
{
	Sql r = text_lit(g, f->pg.buf);
	sbuf_release(&f->pg);
	sbuf_release(&f->re);
	return r;
}

static Sql add_units(Gen *g, Sql d, Sql n, DateUnit u)
{
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, u), 2, d, n);
}

static Sql trunc_to(Gen *g, DateUnit u, Sql d)
{
	return sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, u), 1, d);
}

static Sql extract(Gen *g, DateUnit u, Sql d)
{
	return sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, u), 1, d);
}

static Sql as_int(Gen *g, Sql x)
{
	return sql_cast(g, x, XT_INTEGER);
}

static Sql timestamp_of(Gen *g, int y, int m, int d)
{
	return sql_prim(g, PRIM_MAKE_TIMESTAMP, XT_DATE, NULL, 6, int_lit(g, y), int_lit(g, m), int_lit(g, d),
			int_lit(g, 0), int_lit(g, 0), int_lit(g, 0));
}

static Sql time_text(Gen *g, Sql ts, const char *fmt);
static Sql time_arg(Gen *g, const Expr *e, uint32_t i);

/* ---- the substring operator and strings (r_deeref_String_Functions) ------------------ */

/* The last n characters of s (s[n]; Right): n past the length is the
 * whole string, n <= 0 is ''. */
static Sql last_chars(Gen *g, Sql s, Sql n, const Expr *nsrc)
{
	Sql k = at_least(g, n, 0, nsrc);
	Sql start =
	    sql_mk(g, PREC_ADD, XT_INTEGER, "%s - %s + 1", char_length(g, s).s, sql_wrap(g, k, PREC_ADD + 1));
	return prim2(g, PRIM_SUBSTR, XT_STRING, s, at_least(g, start, 1, NULL));
}

/* s[n] (the last n characters) and s[start, length]: 1-based; a start
 * below 1 counts as 1, a length below 0 as 0, past the end is ''
 * (DataStage BASIC "[ ] operator"; EXPRESSIONS.md §4.4). */
Sql ds_lower_substring(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	if (e->fn->id == DF_SUB_LEN)
		return last_chars(g, s, sql_arg(g, e, 1), e->args[1]);
	Sql start = at_least(g, sql_arg(g, e, 1), 1, e->args[1]);
	Sql len = at_least(g, sql_arg(g, e, 2), 0, e->args[2]);
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, start, len);
}

/* Left(s, n) and Right(s, n): n past the end is the whole string. */
Sql ds_lower_leftright(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = sql_arg(g, e, 1);
	if (e->fn->id == DF_RIGHT)
		return last_chars(g, s, n, e->args[1]);
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, int_lit(g, 1), at_least(g, n, 0, e->args[1]));
}

/* The first character of a delimiter argument. */
static Sql first_char(Gen *g, const Expr *e, uint32_t i)
{
	const char *d = lit_text(e, i);
	if (d)
		return text_lit(g, arena_strndup(g->a, d, d[0] ? 1 : 0));
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, sql_arg(g, e, i), int_lit(g, 1), int_lit(g, 1));
}

/* Field(s, delimiter, occurrence [, count]) and s[delimiter, occurrence,
 * count]: the occurrence-th field (blanks kept), count fields joined by the
 * delimiter; only the delimiter's first character counts; occurrence and
 * count below 1 are 1; no delimiter: the whole string for occurrence 1,
 * else '' (BASIC FIELD function; "Retrieving substrings"). */
Sql ds_lower_field(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), d = first_char(g, e, 1);
	Sql occ = at_least(g, sql_arg(g, e, 2), 1, e->args[2]);
	double n = 1;
	if (e->nargs < 4 || (sql_literal_number(e->args[3], &n) && n <= 1))
		return sql_prim(g, PRIM_SPLIT_PART, XT_STRING, NULL, 3, s, d, occ);
	Sql count = at_least(g, sql_arg(g, e, 3), 1, e->args[3]);
	Sql last = sql_mk(g, PREC_ADD, XT_INTEGER, "%s + %s - 1", sql_wrap(g, occ, PREC_ADD),
			  sql_wrap(g, count, PREC_ADD + 1));
	return sql_prim(g, PRIM_FIELDS, XT_STRING, NULL, 4, s, d, occ, last);
}

/* AlNum(s), Alpha(s): 1 when every character is alphanumeric / alphabetic. */
Sql ds_lower_charclass(Gen *g, const Expr *e)
{
	const char *re = e->fn->id == DF_ALNUM ? "^[[:alnum:]]*$" : "^[[:alpha:]]*$";
	return prim2(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, sql_arg(g, e, 0), text_lit(g, re));
}

/* Num(s): 1 when the string is a number. */
Sql ds_lower_num(Gen *g, const Expr *e)
{
	return prim1(g, PRIM_IS_NUMBER, XT_BOOLEAN, sql_arg(g, e, 0));
}

/* Change(s, substring, replacement [, occurrence [, begin]]) and Ereplace:
 * every occurrence is replaced; an empty substring leaves the string as it
 * is (Change) or puts the replacement in front (Ereplace: BASIC EREPLACE).
 * An occurrence <= 0 means all; other occurrences or a begin past the first
 * are diagnosed. */
Sql ds_lower_change(Gen *g, const Expr *e)
{
	double occ = 0, begin = 1;
	bool occ_ok = e->nargs < 4 || sql_literal_number(e->args[3], &occ);
	bool begin_ok = e->nargs < 5 || sql_literal_number(e->args[4], &begin);
	if (!occ_ok || !begin_ok || occ > 0 || begin > 1) {
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "%s with an occurrence or a start other than all occurrences from the first is not "
			 "translated",
			 e->fn->name);
		return sql_lit(g, XT_STRING, "NULL");
	}
	Sql s = sql_arg(g, e, 0), sub = sql_arg(g, e, 1), rep = sql_arg(g, e, 2);
	Sql all = sql_prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, s, sub, rep);
	Sql empty = e->fn->id == DF_EREPLACE ? prim2(g, PRIM_CONCAT_STRICT, XT_STRING, rep, s) : s;
	const char *lit = lit_text(e, 1);
	if (lit)
		return lit[0] ? all : empty;
	return sql_mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s = '' THEN %s ELSE %s END",
		      sql_wrap(g, sub, PREC_CMP + 1), empty.s, all.s);
}

/* CompactWhiteSpace(s): runs of white space become one space;
 * StripWhiteSpace(s): white space removed. */
Sql ds_lower_whitespace(Gen *g, const Expr *e)
{
	bool compact = e->fn->id == DF_COMPACTWHITESPACE;
	return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, sql_arg(g, e, 0),
			text_lit(g, compact ? "[[:space:]]+" : "[[:space:]]"),
			text_lit(g, compact ? " " : ""));
}

/* Compare(s1, s2 [, "L"|"R"]), CompareNoCase, CompareNum(s1, s2, n),
 * CompareNumNoCase: -1, 0 or 1 in byte order; "R" compares the strings
 * right-justified (padded on the left to the same length). */
Sql ds_lower_compare(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	int id = e->fn->id;
	if (id == DF_COMPARENOCASE || id == DF_COMPARENUMNOCASE) {
		a = prim1(g, PRIM_LOWER, XT_STRING, a);
		b = prim1(g, PRIM_LOWER, XT_STRING, b);
	}
	if (id == DF_COMPARENUM || id == DF_COMPARENUMNOCASE) {
		Sql n = at_least(g, sql_arg(g, e, 2), 0, e->args[2]);
		a = sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, a, int_lit(g, 1), n);
		b = sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, b, int_lit(g, 1), n);
	}
	if (id == DF_COMPARE && e->nargs == 3) {
		const char *j = lit_text(e, 2);
		if (!j || !(ascii_ieq(j, "L") || ascii_ieq(j, "R"))) {
			arg_error(g, e->args[2],
				  "Compare's justification must be the literal \"L\" or \"R\"");
			return sql_lit(g, XT_INTEGER, "NULL");
		}
		if (ascii_ieq(j, "R")) {
			const char *la = char_length(g, a).s, *lb = char_length(g, b).s;
			Sql w = sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s > %s THEN %s ELSE %s END",
				       la, lb, la, lb);
			a = sql_prim(g, PRIM_LPAD, XT_STRING, NULL, 3, a, w, text_lit(g, " "));
			b = sql_prim(g, PRIM_LPAD, XT_STRING, NULL, 3, b, w, text_lit(g, " "));
		}
	}
	Sql lt = prim2(g, PRIM_ORDERED_LT, XT_BOOLEAN, a, b),
	    gt = prim2(g, PRIM_ORDERED_LT, XT_BOOLEAN, b, a);
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER,
		      "CASE WHEN %s THEN -1 WHEN %s THEN 1 WHEN %s = %s THEN 0 END", lt.s, gt.s,
		      sql_wrap(g, a, PREC_CMP + 1), sql_wrap(g, b, PREC_CMP + 1));
}

/* Convert(from, to, s): each character of `from` becomes the one at the
 * same place in `to`, or is deleted (BASIC CONVERT); the string is last. */
Sql ds_lower_convert(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, sql_arg(g, e, 2), sql_arg(g, e, 0),
			sql_arg(g, e, 1));
}

/* The occurrences of `sub` in `s`, counted without overlap (COUNT('TTTT',
 * 'TT') is 2); an empty substring counts the characters (BASIC COUNT). */
static Sql count_of(Gen *g, const Expr *e, Sql s, Sql sub)
{
	Sql n = prim2(g, PRIM_REGEX_COUNT, XT_INTEGER, s, literal_re(g, sub));
	const char *lit = lit_text(e, 1);
	if (lit && lit[0])
		return n;
	if (lit)
		return char_length(g, s);
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s = '' THEN %s ELSE %s END",
		      sql_wrap(g, sub, PREC_CMP + 1), char_length(g, s).s, n.s);
}

/* Count(s, substring) (BASIC COUNT). */
Sql ds_lower_count(Gen *g, const Expr *e)
{
	return count_of(g, e, sql_arg(g, e, 0), sql_arg(g, e, 1));
}

/* Dcount(s, delimiter): the delimited fields, an empty one between two
 * delimiters included; "" has none; an empty delimiter gives the
 * characters plus one (BASIC DCOUNT). */
Sql ds_lower_dcount(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	Sql n = count_of(g, e, s, sql_arg(g, e, 1));
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s = '' THEN 0 ELSE %s + 1 END",
		      sql_wrap(g, s, PREC_CMP + 1), sql_wrap(g, n, PREC_ADD));
}

/* DQuote(s), SQuote(s): the string in double / single quotes. */
Sql ds_lower_quote(Gen *g, const Expr *e)
{
	Sql q = text_lit(g, e->fn->id == DF_DQUOTE ? "\"" : "'");
	return prim2(g, PRIM_CONCAT_STRICT, XT_STRING,
		     prim2(g, PRIM_CONCAT_STRICT, XT_STRING, q, sql_arg(g, e, 0)), q);
}

/* Index(s, substring, occurrence): the 1-based position of the
 * occurrence-th occurrence, counted without overlap, 0 when there is none,
 * 1 for an empty substring (BASIC INDEX: INDEX('P1234XXOO1299XX00P', 'XX',
 * 2) is 14); an occurrence below 1 is taken as 1. */
Sql ds_lower_index(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), sub = sql_arg(g, e, 1);
	Sql occ = at_least(g, sql_arg(g, e, 2), 1, e->args[2]);
	Sql at =
	    sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, literal_re(g, sub), int_lit(g, 1), occ);
	const char *lit = lit_text(e, 1);
	if (lit && lit[0])
		return at;
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER,
		      "CASE WHEN %s IS NULL THEN NULL WHEN %s = '' THEN 1 ELSE %s END",
		      sql_wrap(g, s, PREC_IS + 1), sql_wrap(g, sub, PREC_CMP + 1), at.s);
}

/* PadString(s, padchar, n): n pad characters appended. */
Sql ds_lower_padstring(Gen *g, const Expr *e)
{
	Sql pad = prim2(g, PRIM_REPEAT, XT_STRING, first_char(g, e, 1), sql_arg(g, e, 2));
	return prim2(g, PRIM_CONCAT_STRICT, XT_STRING, sql_arg(g, e, 0), pad);
}

/* Space(n): n blanks. */
Sql ds_lower_space(Gen *g, const Expr *e)
{
	return prim2(g, PRIM_REPEAT, XT_STRING, text_lit(g, " "), sql_arg(g, e, 0));
}

#define BLANKS " \t"

static Sql ltrim(Gen *g, Sql s, Sql chars)
{
	return prim2(g, PRIM_LTRIM, XT_STRING, s, chars);
}

static Sql rtrim(Gen *g, Sql s, Sql chars)
{
	return prim2(g, PRIM_RTRIM, XT_STRING, s, chars);
}

/* Both ends trimmed of `chars`, then every inner run of them reduced to
 * its first character (`re` matches one of them). */
static Sql trim_squeeze(Gen *g, Sql s, Sql chars, const char *re)
{
	Sql t = ltrim(g, rtrim(g, s, chars), chars);
	return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, t,
			text_lit(g, arena_sprintf(g->a, "(%s)%s+", re, re)), text_lit(g, "\\1"));
}

/* Trim(s [, character [, option]]) (BASIC TRIM function; "String
 * functions" Trim): without a character, blanks and tabs at both ends go
 * and inner runs become one; with one, the option says what goes: R
 * (default) both ends and inner runs reduced, A every occurrence, B both
 * ends, L leading, T trailing; D, E, F are R, T, L on blanks and tabs
 * whatever the character. */
Sql ds_lower_trim(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	char opt = 'R';
	if (e->nargs == 3 && !sql_is_null_literal(e->args[2])) {
		const char *o = lit_text(e, 2);
		if (!o || strlen(o) != 1 || !strchr("ABDEFLRT", toupper((unsigned char)o[0]))) {
			arg_error(g, e->args[2], "Trim's option must be a literal: one of A B D E F L R T");
			return sql_lit(g, XT_STRING, "NULL");
		}
		opt = (char)toupper((unsigned char)o[0]);
	}
	Sql blanks = text_lit(g, BLANKS);
	if (e->nargs == 1 || opt == 'D')
		return trim_squeeze(g, s, blanks, "[ \t]");
	if (opt == 'E')
		return rtrim(g, s, blanks);
	if (opt == 'F')
		return ltrim(g, s, blanks);
	const char *c = lit_text(e, 1);
	if (!c) {
		arg_error(g, e->args[1], "Trim's character must be a literal to be translated");
		return sql_lit(g, XT_STRING, "NULL");
	}
	if (!c[0])
		return s;
	Sql ch = text_lit(g, arena_strndup(g->a, c, 1));
	switch (opt) {
	case 'A': return sql_prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, s, ch, text_lit(g, ""));
	case 'B': return ltrim(g, rtrim(g, s, ch), ch);
	case 'L': return ltrim(g, s, ch);
	case 'T': return rtrim(g, s, ch);
	default: {
		Sql t = ltrim(g, rtrim(g, s, ch), ch);
		return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, t,
				text_lit(g, arena_sprintf(g->a, "%s+", re_char(g, c[0]))),
				text_lit(g, repl_char(g, c[0])));
	}
	}
}

/* TrimB(s), TrimF(s), TrimLeadingTrailing(s): blanks and tabs at the end,
 * the start, or both. */
Sql ds_lower_trimsides(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), blanks = text_lit(g, BLANKS);
	if (e->fn->id != DF_TRIMF)
		s = rtrim(g, s, blanks);
	if (e->fn->id != DF_TRIMB)
		s = ltrim(g, s, blanks);
	return s;
}

/* ---- date and time (r_deeref_Date_and_Time_Functions) ---------------------------------- */

/* CurrentDate(), CurrentTime(), CurrentTimestamp() and their MS forms: the
 * run's date and time ("the date that the job runs"). */
Sql ds_lower_current(Gen *g, const Expr *e)
{
	Sql now = sql_prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0);
	switch (e->fn->id) {
	case DF_CURRENTDATE: return trunc_to(g, DU_DAY, now);
	case DF_CURRENTTIMESTAMP: return trunc_to(g, DU_SECOND, now);
	case DF_CURRENTTIMESTAMPMS: return now;
	default:
		return prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, now,
			     text_lit(g, e->fn->id == DF_CURRENTTIME ? "HH24:MI:SS" : "HH24:MI:SS.US"));
	}
}

/* DateFromComponents(year, month, day). */
Sql ds_lower_datefromcomponents(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_MAKE_TIMESTAMP, XT_DATE, NULL, 6, sql_arg(g, e, 0), sql_arg(g, e, 1),
			sql_arg(g, e, 2), int_lit(g, 0), int_lit(g, 0), int_lit(g, 0));
}

/* DateFromDaysSince(n, baseline): the baseline date plus n days
 * (DateFromDaysSince(-1, "1958-08-18") is 1958-08-17). */
Sql ds_lower_datefromdayssince(Gen *g, const Expr *e)
{
	if (e->nargs < 2) {
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "DateFromDaysSince without a baseline date: its default baseline is not documented");
		return sql_lit(g, XT_DATE, "NULL");
	}
	return add_units(g, date_arg(g, e, 1), sql_arg(g, e, 0), DU_DAY);
}

/* DateFromJulianDay(n). */
Sql ds_lower_datefromjulian(Gen *g, const Expr *e)
{
	return prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, sql_cast(g, sql_arg(g, e, 0), XT_STRING),
		     text_lit(g, "J"));
}

/* DateOffsetByComponents(d, years, months, days), DateOffsetByDays(d, n),
 * TimestampOffsetByComponents(ts, y, m, d, h, n, s),
 * TimestampOffsetBySeconds(ts, s). */
Sql ds_lower_dateoffset(Gen *g, const Expr *e)
{
	static const DateUnit comps[] = {DU_YEAR, DU_MONTH, DU_DAY, DU_HOUR, DU_MINUTE, DU_SECOND};
	Sql d = date_arg(g, e, 0);
	if (e->fn->status == FS_APPROX)
		sql_note(g, W_EXPR_UNVERIFIED, e, "%s: %s", e->fn->name, e->fn->notes);
	if (e->fn->id == DF_DATEOFFSETBYDAYS)
		return add_units(g, d, sql_arg(g, e, 1), DU_DAY);
	if (e->fn->id == DF_TIMESTAMPOFFSETBYSECONDS)
		return add_units(g, d, sql_arg(g, e, 1), DU_SECOND);
	for (uint32_t i = 1; i < e->nargs; i++)
		d = add_units(g, d, sql_arg(g, e, i), comps[i - 1]);
	return d;
}

/* DaysInMonth(d), DaysInYear(d). */
Sql ds_lower_daysin(Gen *g, const Expr *e)
{
	bool month = e->fn->id == DF_DAYSINMONTH;
	Sql start = trunc_to(g, month ? DU_MONTH : DU_YEAR, date_arg(g, e, 0));
	Sql last = add_units(g, add_units(g, start, int_lit(g, 1), month ? DU_MONTH : DU_YEAR),
			     int_lit(g, -1), DU_DAY);
	return as_int(g, extract(g, month ? DU_DAY : DU_DAY_OF_YEAR, last));
}

/* DaysSinceFromDate(given, source): given minus source in days
 * (("2008-08-18", "1958-08-18") is 18263). */
Sql ds_lower_dayssince(Gen *g, const Expr *e)
{
	Sql a = trunc_to(g, DU_DAY, date_arg(g, e, 0)), b = trunc_to(g, DU_DAY, date_arg(g, e, 1));
	Sql secs = prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, a, b);
	return as_int(g, sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 86400", sql_wrap(g, secs, PREC_MUL)));
}

/* A time argument: a timestamp as it is, text in %hh:%nn:%ss on a day of
 * its own. */
static Sql time_arg(Gen *g, const Expr *e, uint32_t i)
{
	Sql x = sql_gen(g, e->args[i]);
	if (x.type == XT_DATE || x.type == XT_NULL)
		return x;
	if (x.type != XT_STRING && x.type != XT_TIME && x.type != XT_UNKNOWN)
		sql_arg_type_error(g, e, i, "a time", x.type);
	return prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, sql_cast(g, x, XT_STRING), text_lit(g, "HH24:MI:SS.US"));
}

/* HoursFromTime, MinutesFromTime, SecondsFromTime (with the fraction),
 * MicroSecondsFromTime (within the second), MidnightSecondsFromTime. */
Sql ds_lower_timepart(Gen *g, const Expr *e)
{
	Sql t = time_arg(g, e, 0);
	switch (e->fn->id) {
	case DF_HOURSFROMTIME: return as_int(g, extract(g, DU_HOUR, t));
	case DF_MINUTESFROMTIME: return as_int(g, extract(g, DU_MINUTE, t));
	case DF_SECONDSFROMTIME: return sql_cast(g, extract(g, DU_SECOND, t), XT_DOUBLE);
	case DF_MICROSECONDSFROMTIME:
		return as_int(g, prim2(g, PRIM_MOD, XT_DECIMAL, extract(g, DU_US, t), int_lit(g, 1000000)));
	default: return as_int(g, prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, t, trunc_to(g, DU_DAY, t)));
	}
}

/* MonthDayFromDate, MonthFromDate, YearFromDate, YeardayFromDate,
 * JulianDayFromDate ((2008-05-27) is 2454614). */
Sql ds_lower_datepart(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0);
	switch (e->fn->id) {
	case DF_MONTHDAYFROMDATE: return as_int(g, extract(g, DU_DAY, d));
	case DF_MONTHFROMDATE: return as_int(g, extract(g, DU_MONTH, d));
	case DF_YEARFROMDATE: return as_int(g, extract(g, DU_YEAR, d));
	case DF_YEARDAYFROMDATE: return as_int(g, extract(g, DU_DAY_OF_YEAR, d));
	default: return as_int(g, prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, d, text_lit(g, "J")));
	}
}

/* A day name argument ("sunday", "sun", case aside) as 0 (Sunday) to 6,
 * or -1 after an error. */
static int day_arg(Gen *g, const Expr *e, uint32_t i)
{
	static const char *const days[] = {"sunday",   "monday", "tuesday", "wednesday",
					   "thursday", "friday", "saturday"};
	const char *t = lit_text(e, i);
	for (int d = 0; t && d < 7; d++)
		if (ascii_ieq(t, days[d]) ||
		    (strlen(t) == 3 && ascii_ieq(t, arena_strndup(g->a, days[d], 3))))
			return d;
	arg_error(g, e->args[i],
		  arena_sprintf(g->a, "%s needs a day name such as \"monday\" or \"mon\" as a literal",
				e->fn->name));
	return -1;
}

static Sql dow(Gen *g, Sql d)
{
	return as_int(g, extract(g, DU_DAY_OF_WEEK, d));
}

/* WeekdayFromDate(d [, origin_day]): Sunday is 0 by default
 * (WeekdayFromDate(2008-08-18) is 1), else the origin day is 0. */
Sql ds_lower_weekday(Gen *g, const Expr *e)
{
	Sql w = dow(g, date_arg(g, e, 0));
	if (e->nargs < 2)
		return w;
	int o = day_arg(g, e, 1);
	if (o <= 0)
		return o < 0 ? sql_lit(g, XT_INTEGER, "NULL") : w;
	return prim2(g, PRIM_MOD, XT_INTEGER,
		     sql_mk(g, PREC_ADD, XT_INTEGER, "%s + %d", sql_wrap(g, w, PREC_ADD), 7 - o),
		     int_lit(g, 7));
}

/* NextWeekdayFromDate(d, day), PreviousWeekdayFromDate(d, day): the
 * nearest such day strictly after / before the date;
 * NthWeekdayFromDate(d, day, n): the n-th such day after it (before it
 * when n is negative). */
Sql ds_lower_nextprev(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0);
	int t = day_arg(g, e, 1);
	if (t < 0)
		return sql_lit(g, XT_DATE, "NULL");
	double nth = 1;
	if (e->fn->id == DF_NTHWEEKDAYFROMDATE &&
	    (!sql_literal_number(e->args[2], &nth) || nth == 0 || fabs(nth) > 10000)) {
		arg_error(g, e->args[2],
			  "NthWeekdayFromDate's count must be a literal whole number other than 0");
		return sql_lit(g, XT_DATE, "NULL");
	}
	bool next = e->fn->id == DF_NEXTWEEKDAYFROMDATE || (e->fn->id == DF_NTHWEEKDAYFROMDATE && nth > 0);
	const char *w = sql_wrap(g, dow(g, d), PREC_ADD);
	/* next: (t - dow + 6) % 7 + 1 days on; previous: (dow - t + 6) % 7 + 1 back */
	Sql k = next ? sql_mk(g, PREC_ADD, XT_INTEGER, "%d - %s", t + 6, w)
		     : sql_mk(g, PREC_ADD, XT_INTEGER, "%s + %d", w, 6 - t);
	Sql n = sql_mk(g, PREC_ADD, XT_INTEGER, "%s + 1", prim2(g, PRIM_MOD, XT_INTEGER, k, int_lit(g, 7)).s);
	long weeks = (long)fabs(nth) - 1; /* NthWeekdayFromDate: whole weeks more */
	if (weeks)
		n = sql_mk(g, PREC_ADD, XT_INTEGER, "%s + %ld", n.s, 7 * weeks);
	if (!next)
		n = sql_mk(g, PREC_UNARY, XT_INTEGER, "-(%s)", n.s);
	return add_units(g, d, n, DU_DAY);
}

static Sql epoch(Gen *g)
{
	return timestamp_of(g, 1970, 1, 1);
}

/* SecondsSinceFromTimestamp(ts, base): ts minus base in seconds;
 * TimetFromTimestamp(ts): seconds since 1970-01-01 00:00:00. */
Sql ds_lower_secondssince(Gen *g, const Expr *e)
{
	if (e->fn->id == DF_TIMETFROMTIMESTAMP)
		return sql_cast(g, prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, date_arg(g, e, 0), epoch(g)),
				XT_BIGINT);
	return sql_cast(g, prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, date_arg(g, e, 0), date_arg(g, e, 1)),
			XT_DOUBLE);
}

/* TimestampFromSecondsSince(n, base), TimestampFromTimet(n). */
Sql ds_lower_timestampfromseconds(Gen *g, const Expr *e)
{
	if (e->fn->id == DF_TIMESTAMPFROMTIMET)
		return add_units(g, epoch(g), sql_arg(g, e, 0), DU_SECOND);
	if (e->nargs < 2) {
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "TimestampFromSecondsSince without a base timestamp: its default is not documented");
		return sql_lit(g, XT_DATE, "NULL");
	}
	return add_units(g, date_arg(g, e, 1), sql_arg(g, e, 0), DU_SECOND);
}

/* ---- mathematical and number (r_deeref_Mathematical_Functions, r_deeref_Number_Functions) */

static Sql as_double(Gen *g, Sql x)
{
	return x.type == XT_DOUBLE ? x : sql_cast(g, sql_as_value(g, x), XT_DOUBLE);
}

/* Ceil(x), Floor(x): an int32 (Ceil(2355.66) is 2356). */
Sql ds_lower_ceilfloor(Gen *g, const Expr *e)
{
	return as_int(g,
		      prim1(g, e->fn->id == DF_CEIL ? PRIM_CEIL : PRIM_FLOOR, XT_DECIMAL, sql_arg(g, e, 0)));
}

/* Div(dividend, divisor): the whole part of the real quotient (BASIC DIV:
 * DIV(100, 25) is 4). */
Sql ds_lower_div(Gen *g, const Expr *e)
{
	Sql a = sql_as_decimal(g, sql_arg(g, e, 0)), b = sql_as_decimal(g, sql_arg(g, e, 1));
	Sql q = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", sql_wrap(g, a, PREC_MUL),
		       sql_wrap(g, b, PREC_MUL + 1));
	return as_double(g, prim2(g, PRIM_TRUNC, XT_DECIMAL, q, int_lit(g, 0)));
}

/* Fabs(x), AsDouble(x), AsFloat(x), DecimalToDFloat(x): a dfloat. */
Sql ds_lower_todouble(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0);
	if (e->fn->id == DF_FABS)
		x = prim1(g, PRIM_ABS, x.type, x);
	return as_double(g, x);
}

/* Ldexp(mantissa, exponent): mantissa * 2^exponent. */
Sql ds_lower_ldexp(Gen *g, const Expr *e)
{
	Sql p = prim2(g, PRIM_POWER, XT_DOUBLE, sql_lit(g, XT_DOUBLE, "2.0"), sql_arg(g, e, 1));
	return sql_mk(g, PREC_MUL, XT_DOUBLE, "%s * %s",
		      sql_wrap(g, as_double(g, sql_arg(g, e, 0)), PREC_MUL), sql_wrap(g, p, PREC_MUL + 1));
}

/* Llabs(x): the absolute value as an int64. */
Sql ds_lower_llabs(Gen *g, const Expr *e)
{
	return sql_cast(g, prim1(g, PRIM_ABS, XT_DECIMAL, sql_arg(g, e, 0)), XT_BIGINT);
}

Sql ds_lower_log10(Gen *g, const Expr *e)
{
	return as_double(g,
			 prim2(g, PRIM_LOG, XT_DECIMAL, int_lit(g, 10), sql_as_decimal(g, sql_arg(g, e, 0))));
}

/* Max(a, b), Min(a, b): NULL when either is (DataStage's NULL rule;
 * GREATEST and LEAST skip NULLs). */
Sql ds_lower_maxmin(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	Sql m = prim2(g, e->fn->id == DF_MAX ? PRIM_GREATEST : PRIM_LEAST, e->type, a, b);
	if ((a.not_null || e->args[0]->not_null) && (b.not_null || e->args[1]->not_null))
		return m;
	return sql_mk(g, PREC_PRIMARY, e->type, "CASE WHEN %s IS NULL OR %s IS NULL THEN NULL ELSE %s END",
		      sql_wrap(g, a, PREC_IS + 1), sql_wrap(g, b, PREC_IS + 1), m.s);
}

/* A whole number: fractions truncated toward zero, as DataStage converts
 * a dfloat to an integer (EXPRESSIONS.md D24). */
static Sql whole(Gen *g, Sql x)
{
	if (x.type == XT_INTEGER || x.type == XT_BIGINT)
		return x;
	return sql_cast(g, prim2(g, PRIM_TRUNC, XT_DECIMAL, sql_as_decimal(g, x), int_lit(g, 0)), XT_BIGINT);
}

/* Mod(dividend, divisor): int32 arguments; the remainder has the
 * dividend's sign. */
Sql ds_lower_mod(Gen *g, const Expr *e)
{
	return prim2(g, PRIM_MOD, XT_BIGINT, whole(g, sql_arg(g, e, 0)), whole(g, sql_arg(g, e, 1)));
}

Sql ds_lower_neg(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0);
	return sql_mk(g, PREC_UNARY, x.type, "-%s", sql_wrap(g, x, PREC_UNARY + 1));
}

/* Pwr(x, y), x ** y, x ^ y: a dfloat. */
Sql ds_lower_pwr(Gen *g, const Expr *e)
{
	return as_double(g, prim2(g, PRIM_POWER, XT_DECIMAL, sql_as_decimal(g, sql_arg(g, e, 0)),
				  sql_as_decimal(g, sql_arg(g, e, 1))));
}

/* Rand(): 0 to 2^32 - 1; Random(): 0 to 2^31 - 1. */
Sql ds_lower_rand(Gen *g, const Expr *e)
{
	Sql r = sql_prim(g, PRIM_RANDOM, XT_DOUBLE, NULL, 0);
	Sql x = sql_mk(g, PREC_MUL, XT_DOUBLE, "%s * %s", sql_wrap(g, r, PREC_MUL),
		       e->fn->id == DF_RAND ? "4294967296" : "2147483648");
	Sql f = sql_cast(g, prim1(g, PRIM_FLOOR, XT_DOUBLE, x), XT_BIGINT);
	f.not_null = true;
	return f;
}

/* AsInteger(x): rounded half away from zero (AsInteger(56/4.32) is 13). */
Sql ds_lower_asinteger(Gen *g, const Expr *e)
{
	return as_int(g,
		      prim2(g, PRIM_ROUND, XT_DECIMAL, sql_as_decimal(g, sql_arg(g, e, 0)), int_lit(g, 0)));
}

/* ---- null handling (r_deeref_Null_Handling_Functions) ----------------------------------- */

Sql ds_lower_isnotnull(Gen *g, const Expr *e)
{
	Sql r = sql_mk(g, PREC_IS, XT_BOOLEAN, "%s IS NOT NULL", sql_wrap(g, sql_arg(g, e, 0), PREC_IS + 1));
	r.not_null = true;
	return r;
}

/* MakeNull(x, value): NULL where x equals the value. */
Sql ds_lower_makenull(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0), v = sql_arg(g, e, 1);
	return sql_mk(g, PREC_PRIMARY, x.type, "CASE WHEN %s = %s THEN NULL ELSE %s END",
		      sql_wrap(g, x, PREC_CMP + 1), sql_wrap(g, v, PREC_CMP + 1), x.s);
}

/* NullToValue(x, v), NullToZero(x), NullToEmpty(x). */
Sql ds_lower_nullto(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0);
	Sql v = e->fn->id == DF_NULLTOVALUE  ? sql_branch(g, e->args[1], e->type)
		: e->fn->id == DF_NULLTOZERO ? int_lit(g, 0)
					     : text_lit(g, "");
	if (e->fn->id == DF_NULLTOVALUE)
		x = sql_branch(g, e->args[0], e->type);
	Sql r = prim2(g, PRIM_COALESCE, e->type, x, v);
	r.not_null = v.not_null;
	return r;
}

Sql ds_lower_setnull(Gen *g, const Expr *e)
{
	(void)e;
	return sql_lit(g, XT_NULL, "NULL");
}

/* ---- type conversion (r_deeref_Type_Conversion_Functions) -------------------------------- */

/* Char(code [, allow8bits]). */
Sql ds_lower_char(Gen *g, const Expr *e)
{
	return prim1(g, PRIM_CHR, XT_STRING, sql_arg(g, e, 0));
}

/* SeqAt(s, i): the code of the character at 1-based position i. */
Sql ds_lower_seqat(Gen *g, const Expr *e)
{
	Sql c =
	    sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, sql_arg(g, e, 0), sql_arg(g, e, 1), int_lit(g, 1));
	return prim1(g, PRIM_ASCII, XT_INTEGER, c);
}

/* DateToString(d [, format]), TimestampToString(ts [, format]). */
Sql ds_lower_datetostring(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0);
	DateFmt *f =
	    format_arg(g, e, 1, e->fn->id == DF_DATETOSTRING ? DS_DEFAULT_DATE : DS_DEFAULT_TIMESTAMP);
	if (!f)
		return sql_lit(g, XT_STRING, "NULL");
	return prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, d, fmt_lit(g, f));
}

/* StringToDate(s [, format]), StringToTimestamp(s [, format]): text not in
 * the format's shape is a row error in the SQL (DataStage warns; its value
 * then is not documented). */
Sql ds_lower_stringtodate(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	bool date = e->fn->id == DF_STRINGTODATE;
	DateFmt *f = format_arg(g, e, 1, date ? DS_DEFAULT_DATE : DS_DEFAULT_TIMESTAMP);
	if (!f)
		return sql_lit(g, XT_DATE, "NULL");
	Sql r = prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, s, fmt_lit(g, f));
	return date ? trunc_to(g, DU_DAY, r) : r;
}

/* DateToDecimal(d [, format]), TimestampToDecimal(ts [, format]): the
 * digits of the formatted date as a number (2009-08-25 is 20090825). */
Sql ds_lower_datetodecimal(Gen *g, const Expr *e)
{
	bool time = e->fn->id == DF_TIMETODECIMAL;
	Sql d = time ? time_arg(g, e, 0) : date_arg(g, e, 0);
	DateFmt *f = format_arg(g, e, 1,
				e->fn->id == DF_DATETODECIMAL ? "%yyyy%mm%dd"
				: time                        ? "%hh%nn%ss"
							      : "%yyyy%mm%dd%hh%nn%ss");
	if (!f)
		return sql_lit(g, XT_DECIMAL, "NULL");
	return sql_cast(g, prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, d, fmt_lit(g, f)), XT_DECIMAL);
}

/* Digits a numeric date format holds (%yyyy 4, %ddd 3, the others 2), or
 * 0 when it holds anything else. */
static int format_digits(Arena *a, const char *fmt)
{
	DateTokens t;
	int n = 0;
	if (!ds_date_tokens(a, fmt, &t))
		return 0;
	for (uint32_t i = 0; i < t.n; i++)
		switch (t.items[i].kind) {
		case DT_YEAR4: n += 4; break;
		case DT_DAY_OF_YEAR: n += 3; break;
		case DT_YEAR2:
		case DT_MONTH:
		case DT_DAY:
		case DT_HOUR24:
		case DT_MINUTE:
		case DT_SECOND: n += 2; break;
		default: return 0;
		}
	return n;
}

/* DecimalToDate(x [, format]), DecimalToTimestamp(x [, format]): the
 * digits of x (sign and fraction ignored) read with the format. */
Sql ds_lower_decimaltodate(Gen *g, const Expr *e)
{
	const char *def = e->fn->id == DF_DECIMALTODATE   ? "%yyyy%mm%dd"
			  : e->fn->id == DF_DECIMALTOTIME ? "%hh%nn%ss"
							  : "%yyyy%mm%dd%hh%nn%ss";
	const char *fs = lit_text(e, 1) ? lit_text(e, 1) : def;
	int width = format_digits(g->a, fs);
	DateFmt *f = format_arg(g, e, 1, def);
	if (!f)
		return sql_lit(g, XT_DATE, "NULL");
	if (!width) {
		arg_error(g, e->nargs > 1 ? e->args[1] : e, "the format of a decimal date holds digits only");
		return sql_lit(g, XT_DATE, "NULL");
	}
	Sql x = prim1(g, PRIM_ABS, XT_DECIMAL, sql_as_decimal(g, sql_arg(g, e, 0)));
	Sql digits = sql_cast(g, sql_cast(g, prim2(g, PRIM_TRUNC, XT_DECIMAL, x, int_lit(g, 0)), XT_BIGINT),
			      XT_STRING);
	digits = sql_prim(g, PRIM_LPAD, XT_STRING, NULL, 3, digits, int_lit(g, width), text_lit(g, "0"));
	Sql r = prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, digits, fmt_lit(g, f));
	return e->fn->id == DF_DECIMALTOTIME ? time_text(g, r, "HH24:MI:SS") : r;
}

/* The rounding type argument i, checked: ceil, floor, round_inf,
 * trunc_zero (the modify operator's decimal conversions). */
static void rtype_arg(Gen *g, const Expr *e, uint32_t i)
{
	static const char *const types[] = {"ceil", "floor", "round_inf", "trunc_zero"};
	if (i >= e->nargs)
		return;
	const char *t = lit_text(e, i);
	for (size_t k = 0; t && k < ARRAY_LEN(types); k++)
		if (ascii_ieq(t, types[k]))
			return;
	arg_error(g, e->args[i],
		  arena_sprintf(g->a,
				"%s's rounding type must be the literal ceil, floor, round_inf or trunc_zero",
				e->fn->name));
}

/* StringToDecimal(s [, rtype]), DecimalToDecimal(x [, rtype]),
 * DFloatToDecimal(x [, rtype]): the exact number; the target column's
 * scale, rounded by rtype (default trunc_zero), applies on assignment. */
Sql ds_lower_stringtodecimal(Gen *g, const Expr *e)
{
	rtype_arg(g, e, 1);
	sql_note(g, W_EXPR_UNVERIFIED, e, "%s: %s", e->fn->name, e->fn->notes);
	Sql x = sql_arg(g, e, 0);
	return sql_cast(g, x, XT_DECIMAL);
}

/* DecimalToString(x [, "fix_zero" | "suppress_zero"]): the number as text;
 * suppress_zero drops the fraction's trailing zeros. */
Sql ds_lower_decimaltostring(Gen *g, const Expr *e)
{
	const char *o = lit_text(e, 1);
	if (e->nargs > 1 && !(o && (ascii_ieq(o, "fix_zero") || ascii_ieq(o, "suppress_zero")))) {
		arg_error(g, e->args[1],
			  "DecimalToString's option must be the literal \"fix_zero\" or \"suppress_zero\"");
		return sql_lit(g, XT_STRING, "NULL");
	}
	sql_note(g, W_EXPR_UNVERIFIED, e, "%s: %s", e->fn->name, e->fn->notes);
	Sql t = sql_cast(g, sql_as_decimal(g, sql_arg(g, e, 0)), XT_STRING);
	if (!o || !ascii_ieq(o, "suppress_zero"))
		return t;
	Sql stripped = rtrim(g, rtrim(g, t, text_lit(g, "0")), text_lit(g, "."));
	return sql_mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s > 0 THEN %s ELSE %s END",
		      prim2(g, PRIM_STRPOS, XT_INTEGER, t, text_lit(g, ".")).s, stripped.s, t.s);
}

/* DfloatToStringNoExp(x, scale): fixed notation with `scale` decimals. */
Sql ds_lower_dfloattostring(Gen *g, const Expr *e)
{
	Sql r = prim2(g, PRIM_ROUND, XT_DECIMAL, sql_as_decimal(g, sql_arg(g, e, 0)), sql_arg(g, e, 1));
	return sql_cast(g, r, XT_STRING);
}

/* The days of February or any month m (1-12) of year y, in integer
 * arithmetic on SQL text `m` and `y` (NULL y: a leap year allowed). */
static const char *month_days(Gen *g, const char *y, const char *m)
{
	const char *leap =
	    y ? arena_sprintf(g->a, "(%s %% 4 = 0 AND %s %% 100 <> 0 OR %s %% 400 = 0)", y, y, y) : "TRUE";
	return arena_sprintf(
	    g->a, "CASE WHEN %s = 2 THEN CASE WHEN %s THEN 29 ELSE 28 END ELSE 30 + (%s + %s / 8) %% 2 END",
	    m, leap, m, m);
}

/* IsValid(type, s [, format]): 1 when s converts to the type without a
 * warning: whole numbers in the type's range, numbers, dates and
 * timestamps in the format (default %yyyy-%mm-%dd, %hh:%nn:%ss,
 * %yyyy-%mm-%dd %hh:%nn:%ss) that name a real day; strings always. */
Sql ds_lower_isvalid(Gen *g, const Expr *e)
{
	static const struct {
		const char *type;
		const char *lo, *hi;
	} ints[] = {
	    {"int8", "-128", "127"},
	    {"int16", "-32768", "32767"},
	    {"int32", "-2147483648", "2147483647"},
	    {"int64", "-9223372036854775808", "9223372036854775807"},
	    {"uint8", "0", "255"},
	    {"uint16", "0", "65535"},
	    {"uint32", "0", "4294967295"},
	    {"uint64", "0", "18446744073709551615"},
	};
	const char *type = lit_text(e, 0);
	Sql s = sql_arg(g, e, 1);
	Sql f = {"FALSE", PREC_PRIMARY, XT_BOOLEAN, true};
	if (!type) {
		arg_error(g, e->args[0], "IsValid's type must be a literal such as \"int32\" or \"date\"");
		return f;
	}
	for (size_t i = 0; i < ARRAY_LEN(ints); i++)
		if (ascii_ieq(type, ints[i].type)) {
			Sql ok = prim2(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, s,
				       text_lit(g, "^[ \t]*[+-]?[0-9]+[ \t]*$"));
			Sql r = sql_mk(g, PREC_PRIMARY, XT_BOOLEAN,
				       "CASE WHEN %s THEN %s BETWEEN %s AND %s ELSE FALSE END", ok.s,
				       sql_cast(g, s, XT_DECIMAL).s, ints[i].lo, ints[i].hi);
			r.not_null = true;
			return r;
		}
	if (ascii_ieq(type, "decimal") || ascii_ieq(type, "dfloat") || ascii_ieq(type, "sfloat")) {
		Sql r = prim2(g, PRIM_COALESCE, XT_BOOLEAN, prim1(g, PRIM_IS_NUMBER, XT_BOOLEAN, s), f);
		r.not_null = true;
		return r;
	}
	if (ascii_ieq(type, "string") || ascii_ieq(type, "ustring")) {
		Sql r = sql_mk(g, PREC_IS, XT_BOOLEAN, "%s IS NOT NULL", sql_wrap(g, s, PREC_IS + 1));
		r.not_null = true;
		return r;
	}
	const char *def = ascii_ieq(type, "date")        ? DS_DEFAULT_DATE
			  : ascii_ieq(type, "time")      ? "%hh:%nn:%ss"
			  : ascii_ieq(type, "timestamp") ? DS_DEFAULT_TIMESTAMP
							 : NULL;
	if (!def) {
		arg_error(g, e->args[0], arena_sprintf(g->a, "IsValid does not know the type \"%s\"", type));
		return f;
	}
	DateFmt *d = format_arg(g, e, 2, def);
	if (!d)
		return f;
	const char *re = arena_sprintf(g->a, "%s", d->re.buf);
	Sql shape = prim2(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, s, text_lit(g, re));
	/* the calendar: a month 1-12, a day that month has, hours, minutes
	 * and seconds in range, read from the shape's capture groups */
	Sbuf cond = SBUF_INIT;
	const char *y = NULL, *m = NULL;
	static const struct {
		DatePart part;
		int lo, hi;
	} ranges[] = {
	    {DP_MONTH, 1, 12}, {DP_DAY, 1, 31}, {DP_HOUR24, 0, 23}, {DP_MINUTE, 0, 59}, {DP_SECOND, 0, 59}};
	if (d->group[DP_YEAR])
		y = arena_sprintf(g->a, "%s::integer",
				  sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, text_lit(g, re),
					   int_lit(g, d->group[DP_YEAR]))
				      .s);
	for (size_t i = 0; i < ARRAY_LEN(ranges); i++) {
		int grp = d->group[ranges[i].part];
		if (!grp)
			continue;
		const char *v =
		    sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, text_lit(g, re), int_lit(g, grp)).s;
		v = arena_sprintf(g->a, "%s::integer", v);
		if (ranges[i].part == DP_MONTH)
			m = v;
		sbuf_addf(&cond, "%s%s BETWEEN %d AND %d", cond.len ? " AND " : "", v, ranges[i].lo,
			  ranges[i].hi);
		if (ranges[i].part == DP_DAY && m)
			sbuf_addf(&cond, " AND %s <= %s", v, month_days(g, y, m));
	}
	sbuf_release(&d->pg);
	sbuf_release(&d->re);
	Sql r = cond.len ? sql_mk(g, PREC_PRIMARY, XT_BOOLEAN, "CASE WHEN %s THEN %s ELSE FALSE END",
				  sql_wrap(g, prim2(g, PRIM_COALESCE, XT_BOOLEAN, shape, f), PREC_PRIMARY),
				  cond.buf)
			 : prim2(g, PRIM_COALESCE, XT_BOOLEAN, shape, f);
	sbuf_release(&cond);
	r.not_null = true;
	return r;
}

/* IsValidDate(d), IsValidDecimal(x), IsValidTime(t), IsValidTimestamp(ts):
 * a typed value is valid once it exists. */
Sql ds_lower_isvalidtyped(Gen *g, const Expr *e)
{
	return ds_lower_isnotnull(g, e);
}

/* StringToUstring(s), UstringToString(s): SQL text is Unicode already. */
Sql ds_lower_identity(Gen *g, const Expr *e)
{
	return sql_arg(g, e, 0);
}

/* TimestampToDate(ts): the day. */
Sql ds_lower_timestamptodate(Gen *g, const Expr *e)
{
	return trunc_to(g, DU_DAY, date_arg(g, e, 0));
}

/* ---- Iconv / Oconv / Conversion (BASIC ICONV and OCONV; "Conversion") --------------- */

/* A D conversion code: D[2|4][separator][order letters][E]; false when it
 * is not one of those.  The order is MDY unless letters or E say. */
static bool d_code(Gen *g, const char *code, Sbuf *pg)
{
	const char *p = code + 1;
	int ydigits = 4;
	if (*p == '2' || *p == '4')
		ydigits = *p++ - '0';
	char sep = 0;
	if (*p && !isalnum((unsigned char)*p))
		sep = *p++;
	const char *order = "MDY";
	if (*p == 'E' && !p[1]) {
		order = "DMY";
		p++;
	} else if (strlen(p) == 3 && strchr(p, 'Y') && strchr(p, 'M') && strchr(p, 'D')) {
		order = p;
		p += 3;
	}
	if (*p)
		return false;
	if (!sep) { /* the default external form: 31 DEC 1967 */
		sbuf_adds(pg, ydigits == 4 ? "DD MON YYYY" : "DD MON YY");
		return true;
	}
	for (int i = 0; i < 3; i++) {
		if (i)
			sbuf_addf(pg, "%s", sep == '"' ? "\\\"" : arena_sprintf(g->a, "%c", sep));
		sbuf_adds(pg, order[i] == 'Y'   ? (ydigits == 4 ? "YYYY" : "YY")
			      : order[i] == 'M' ? "MM"
						: "DD");
	}
	return true;
}

/* Iconv(s, code), Oconv(v, code), Conversion(s, code, "I"|"O"): the codes
 * MCU, MCL, MCT (upper case, lower case, initial capitals), MDn (a number
 * scaled by 10^n) and D (dates as internal day numbers, day 0 being
 * 1967-12-31). */
Sql ds_lower_conversion(Gen *g, const Expr *e)
{
	const char *code = lit_text(e, 1);
	bool in = e->fn->id == DF_ICONV;
	if (e->fn->id == DF_CONVERSION) {
		const char *m = lit_text(e, 2);
		if (!m || !(ascii_ieq(m, "I") || ascii_ieq(m, "O"))) {
			arg_error(g, e->args[2], "Conversion's mode must be the literal \"I\" or \"O\"");
			return sql_lit(g, XT_STRING, "NULL");
		}
		in = ascii_ieq(m, "I");
	}
	if (!code) {
		arg_error(g, e->args[1],
			  arena_sprintf(g->a, "the conversion code of %s must be a literal", e->fn->name));
		return sql_lit(g, XT_STRING, "NULL");
	}
	Sql x = sql_arg(g, e, 0);
	if (ascii_ieq(code, "MCU"))
		return prim1(g, PRIM_UPPER, XT_STRING, sql_as_text(g, x, e->args[0]));
	if (ascii_ieq(code, "MCL"))
		return prim1(g, PRIM_LOWER, XT_STRING, sql_as_text(g, x, e->args[0]));
	if (ascii_ieq(code, "MCT"))
		return prim1(g, PRIM_INITCAP, XT_STRING, sql_as_text(g, x, e->args[0]));
	if ((code[0] == 'M' || code[0] == 'm') && (code[1] == 'D' || code[1] == 'd') &&
	    isdigit((unsigned char)code[2]) && !code[3]) {
		int n = code[2] - '0';
		Sql v = sql_as_decimal(g, x);
		if (in)
			return sql_cast(g,
					as_int(g, prim2(g, PRIM_ROUND, XT_DECIMAL,
							sql_mk(g, PREC_MUL, XT_DECIMAL, "%s * 1%0*d",
							       sql_wrap(g, v, PREC_MUL), n, 0),
							int_lit(g, 0))),
					XT_STRING);
		Sql q = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 1%0*d", sql_wrap(g, v, PREC_MUL), n, 0);
		return sql_cast(g, prim2(g, PRIM_ROUND, XT_DECIMAL, q, int_lit(g, n)), XT_STRING);
	}
	Sbuf pg = SBUF_INIT;
	if ((code[0] == 'D' || code[0] == 'd') && d_code(g, code, &pg)) {
		Sql fmt = text_lit(g, pg.buf);
		sbuf_release(&pg);
		Sql day0 = timestamp_of(g, 1967, 12, 31);
		if (in) {
			Sql d = prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, sql_as_text(g, x, e->args[0]), fmt);
			Sql secs = prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, d, day0);
			return sql_cast(g,
					as_int(g, sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 86400",
							 sql_wrap(g, secs, PREC_MUL))),
					XT_STRING);
		}
		Sql d = add_units(g, day0, as_int(g, whole(g, sql_as_decimal(g, x))), DU_DAY);
		return prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, d, fmt);
	}
	sbuf_release(&pg);
	sql_note(g, W_EXPR_UNSUPPORTED, e->args[1],
		 "conversion code \"%s\" is not translated (MCU, MCL, MCT, MDn and D codes are)", code);
	return sql_lit(g, XT_STRING, "NULL");
}

/* ---- implicit conversions ---------------------------------------------------------------- */

/* A value entering a column of another type (an output column's
 * derivation, a stage variable), as the parallel engine converts it: a
 * fraction into a whole number is truncated toward zero (56 / 4.32 into an
 * int32 is 12, EXPRESSIONS.md D24), a number into a decimal(p, s) keeps s
 * digits truncated toward zero (the default rounding of the "Decimal field
 * conversions": StringToDecimal("19982.2276") into decimal(7,2) is
 * 19982.22, D22), text into a date is read in the default format
 * %yyyy-%mm-%dd, a date into text written in it. */
Sql ds_convert(Gen *g, const Expr *cast)
{
	const ExprCast *c = cast->cast;
	const Expr *src = cast->args[0];
	Sql x = sql_as_value(g, sql_gen(g, src));
	switch (c->to) {
	case XT_INTEGER:
	case XT_BIGINT:
		if (x.type == XT_INTEGER || x.type == XT_BIGINT || x.type == XT_NULL)
			return sql_cast(g, x, c->to);
		return sql_cast(g, prim2(g, PRIM_TRUNC, XT_DECIMAL, sql_as_decimal(g, x), int_lit(g, 0)),
				c->to);
	case XT_DECIMAL:
		if (c->precision > 0 && c->scale >= 0 && x.type != XT_NULL)
			return prim2(g, PRIM_TRUNC, XT_DECIMAL, sql_as_decimal(g, x), int_lit(g, c->scale));
		return sql_as_decimal(g, x);
	case XT_STRING: return sql_as_text(g, x, src);
	case XT_DATE:
		if (x.type == XT_STRING)
			return prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, x,
				     text_lit(g, sql_date_format(g, g->lang->sem.date_format)));
		return sql_cast(g, x, XT_DATE);
	default: return sql_cast(g, x, c->to);
	}
}

/* ---- times of day: text %hh:%nn:%ss ------------------------------------------------------ */

static Sql time_text(Gen *g, Sql ts, const char *fmt)
{
	return prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, ts, text_lit(g, fmt));
}

/* The time functions with a time result or argument: a time is text
 * %hh:%nn:%ss in the SQL ("Date and time functions": "For a time, the
 * format is %hh:%nn:%ss").  TimeDate() is the run's time and date as
 * hh:mm:ss dd mmm yyyy (BASIC TIMEDATE). */
Sql ds_lower_timetext(Gen *g, const Expr *e)
{
	switch (e->fn->id) {
	case DF_TIMEDATE:
		return time_text(g, sql_prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0), "HH24:MI:SS DD Mon YYYY");
	case DF_TIMEFROMCOMPONENTS: {
		Sql us = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 1000000.0",
				sql_wrap(g, sql_arg(g, e, 3), PREC_MUL));
		Sql secs = sql_mk(g, PREC_ADD, XT_DECIMAL, "%s + %s", sql_wrap(g, sql_arg(g, e, 2), PREC_ADD),
				  sql_wrap(g, us, PREC_ADD + 1));
		Sql t = sql_prim(g, PRIM_MAKE_TIMESTAMP, XT_DATE, NULL, 6, int_lit(g, 1970), int_lit(g, 1),
				 int_lit(g, 1), sql_arg(g, e, 0), sql_arg(g, e, 1), secs);
		return time_text(g, t, "HH24:MI:SS");
	}
	case DF_TIMEFROMMIDNIGHTSECONDS:
		return time_text(g, add_units(g, epoch(g), sql_arg(g, e, 0), DU_SECOND), "HH24:MI:SS");
	case DF_STRINGTOTIME: {
		Sql s = sql_arg(g, e, 0);
		DateFmt *f = format_arg(g, e, 1, "%hh:%nn:%ss");
		if (!f)
			return sql_lit(g, XT_STRING, "NULL");
		return time_text(g, prim2(g, PRIM_TO_TIMESTAMP, XT_DATE, s, fmt_lit(g, f)), "HH24:MI:SS");
	}
	case DF_TIMESTAMPTOTIME: return time_text(g, date_arg(g, e, 0), "HH24:MI:SS");
	case DF_TIMEOFFSETBYSECONDS:
		return time_text(g, add_units(g, time_arg(g, e, 0), sql_arg(g, e, 1), DU_SECOND),
				 "HH24:MI:SS");
	case DF_TIMEOFFSETBYCOMPONENTS: {
		Sql t = time_arg(g, e, 0);
		t = add_units(g, add_units(g, t, sql_arg(g, e, 1), DU_HOUR), sql_arg(g, e, 2), DU_MINUTE);
		return time_text(g, add_units(g, t, sql_arg(g, e, 3), DU_SECOND), "HH24:MI:SS");
	}
	default: { /* TimeToString(t [, format]) */
		Sql t = time_arg(g, e, 0);
		DateFmt *f = format_arg(g, e, 1, "%hh:%nn:%ss");
		if (!f)
			return sql_lit(g, XT_STRING, "NULL");
		return prim2(g, PRIM_TO_CHAR_DATE, XT_STRING, t, fmt_lit(g, f));
	}
	}
}

/* TimestampFromDateTime(date, time), TimestampFromTime2(time, timestamp):
 * the day at the time of day. */
Sql ds_lower_timestampfromdatetime(Gen *g, const Expr *e)
{
	bool time_first = e->fn->id == DF_TIMESTAMPFROMTIME2;
	Sql day = trunc_to(g, DU_DAY, date_arg(g, e, time_first ? 1 : 0)),
	    t = time_arg(g, e, time_first ? 0 : 1);
	Sql secs = prim2(g, PRIM_EPOCH_DIFF, XT_DECIMAL, t, trunc_to(g, DU_DAY, t));
	return add_units(g, day, secs, DU_SECOND);
}
