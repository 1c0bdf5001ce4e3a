/* lower.c - lowering hooks of the SSIS functions whose semantics need
 * more than one core operation (src/expr/lang/ssis): positions and
 * lengths that SSIS refuses when negative, delimiter sets, date parts and
 * boundary counting.  Written with the printer's primitives (sqlgen.h)
 * only, so another dialect stays a table.
 *
 * Where SSIS fails a row (a negative length, a position below 1, an empty
 * search string), a literal argument is an error here and a computed one
 * fails the statement at run time: ssis_row_error().
 */
#include <math.h>
#include <string.h>

#include "expr/lang/ssis/ssis.h"

/* A value that fails the statement with `msg` and the text of `shown` when
 * evaluated: SSIS's row error.  It depends on `shown`, so PostgreSQL
 * cannot fold it before the row reaches it. */
Sql ssis_row_error(Gen *g, const char *msg, Sql shown, ExprType type)
{
	Sql text =
	    sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2,
		     sql_lit(g, XT_STRING, sql_quote(g, arena_sprintf(g->a, "SSIS row error: %s: ", msg))),
		     sql_cast(g, shown, XT_STRING));
	/* text becomes a number to fail; a string result goes through one */
	if (type == XT_STRING || type == XT_UNKNOWN || type == XT_NULL)
		return sql_cast(g, sql_cast(g, text, XT_INTEGER), XT_STRING);
	return sql_cast(g, text, type);
}

/* x when `bad` (SQL text over x) is false, else the row error. */
static Sql guarded(Gen *g, Sql x, const char *bad, const char *msg)
{
	Sql err = ssis_row_error(g, msg, x, x.type);
	Sql r = sql_mk(g, PREC_PRIMARY, x.type, "CASE WHEN %s THEN %s ELSE %s END", bad, err.s, x.s);
	return r;
}

/* Argument i, a whole number that must be at least `min`: a literal below
 * is an error now, a computed one at run time. */
static Sql at_least(Gen *g, const Expr *e, uint32_t i, long min, const char *what)
{
	Sql x = sql_arg(g, e, i);
	double v;
	if (sql_literal_number(e->args[i], &v)) {
		if (v < (double)min)
			sql_error_at(g, E_EXPR_ARG, e->args[i]->off, e->args[i]->len ? e->args[i]->len : 1,
				     "%s's %s must be at least %ld", e->fn->name, what, min);
		return x;
	}
	const char *bad = arena_sprintf(g->a, "%s < %ld", sql_wrap(g, x, PREC_CMP + 1), min);
	return guarded(g, x, bad, arena_sprintf(g->a, "%s's %s is below %ld", e->fn->name, what, min));
}

/* Argument i, a string that must not be empty. */
static Sql not_empty(Gen *g, const Expr *e, uint32_t i, const char *what)
{
	Sql x = sql_arg(g, e, i);
	if (e->args[i]->kind == EX_STRING) {
		if (!e->args[i]->text[0])
			sql_error_at(g, E_EXPR_ARG, e->args[i]->off, e->args[i]->len ? e->args[i]->len : 1,
				     "%s's %s cannot be empty", e->fn->name, what);
		return x;
	}
	const char *bad = arena_sprintf(g->a, "%s = ''", sql_wrap(g, x, PREC_CMP + 1));
	return guarded(g, x, bad, arena_sprintf(g->a, "%s's %s is empty", e->fn->name, what));
}

static Sql int_lit(Gen *g, long v)
{
	return sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", v));
}

/* ---- strings ------------------------------------------------------------------------- */

/* FINDSTRING(s, t, n): the n-th occurrence, 1-based, 0 when absent. */
Sql ssis_lower_findstring(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = sql_arg(g, e, 1);
	double v;
	bool first = sql_literal_number(e->args[2], &v) && v == 1;
	Sql n = at_least(g, e, 2, 1, "occurrence");
	if (first)
		return sql_prim(g, PRIM_STRPOS, XT_INTEGER, NULL, 2, s, t);
	sql_note(g, W_EXPR_UNVERIFIED, e,
		 "FINDSTRING counts occurrences that do not overlap; SSIS's count of overlapping "
		 "occurrences is unverified");
	return sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s,
			sql_prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, t), int_lit(g, 1), n);
}

/* SUBSTRING(s, pos, len): 1-based; past the end is the rest. */
Sql ssis_lower_substring(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	Sql pos = at_least(g, e, 1, 1, "position");
	Sql len = at_least(g, e, 2, 0, "length");
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, sql_position_in(g, pos), len);
}

Sql ssis_lower_left(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = at_least(g, e, 1, 0, "length");
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, int_lit(g, 1), n);
}

/* RIGHT(s, n): the last n characters, the whole string when n is larger
 * (a NULL n gives NULL: greatest() alone would ignore it). */
Sql ssis_lower_right(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = at_least(g, e, 1, 0, "length");
	Sql len = sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s);
	Sql start = sql_mk(g, PREC_ADD, XT_INTEGER, "%s - %s + 1", len.s, sql_wrap(g, n, PREC_ADD + 1));
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s,
			sql_prim(g, PRIM_GREATEST, XT_INTEGER, NULL, 2, start, int_lit(g, 1)), n);
}

Sql ssis_lower_trim(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	return sql_prim(g, PRIM_LTRIM, XT_STRING, NULL, 1, sql_prim(g, PRIM_RTRIM, XT_STRING, NULL, 1, s));
}

Sql ssis_lower_replace(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = not_empty(g, e, 1, "search string"), r = sql_arg(g, e, 2);
	return sql_prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, s, t, r);
}

Sql ssis_lower_replicate(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = at_least(g, e, 1, 0, "count");
	return sql_prim(g, PRIM_REPEAT, XT_STRING, NULL, 2, s, n);
}

/* A delimiter set as the inside of a regex bracket expression: SQL that
 * escapes ] \ ^ - [ (a literal is escaped here). */
static Sql delimiter_class(Gen *g, const Expr *e, uint32_t i)
{
	Sql d = not_empty(g, e, i, "delimiter string");
	if (e->args[i]->kind != EX_STRING)
		return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, d,
				sql_lit(g, XT_STRING, sql_quote(g, "([]\\\\^[-])")),
				sql_lit(g, XT_STRING, sql_quote(g, "\\\\\\1")));
	Sbuf b = SBUF_INIT;
	for (const char *c = e->args[i]->text; *c; c++) {
		if (strchr("]\\^[-", *c))
			sbuf_addch(&b, '\\');
		sbuf_addch(&b, *c);
	}
	Sql r = sql_lit(g, XT_STRING, sql_quote(g, b.buf));
	sbuf_release(&b);
	return r;
}

/* Text pieces joined into one SQL string (literals stay one literal when
 * every piece is one). */
static Sql join_text(Gen *g, int n, const Sql *parts)
{
	Sql r = parts[0];
	for (int i = 1; i < n; i++)
		r = sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2, r, parts[i]);
	return r;
}

static Sql text_lit(Gen *g, const char *s)
{
	return sql_lit(g, XT_STRING, sql_quote(g, s));
}

/* TOKEN(s, delims, n): skip leading delimiters, then n - 1 tokens each
 * followed by a run of delimiters; the next run of non-delimiters is the
 * token.  No such token: NULL. */
Sql ssis_lower_token(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), d = delimiter_class(g, e, 1);
	Sql n = at_least(g, e, 2, 1, "occurrence");
	double v;
	Sql skip;
	if (sql_literal_number(e->args[2], &v)) {
		if (v > 256) {
			sql_note(g, W_EXPR_UNSUPPORTED, e->args[2],
				 "TOKEN beyond the 256th token is not translated (a regular expression "
				 "repeats at most 255 times)");
			return sql_lit(g, XT_STRING, "NULL");
		}
		skip = text_lit(g, arena_sprintf(g->a, "%.0f", v < 1 ? 0 : v - 1));
	} else {
		skip = sql_cast(g, sql_mk(g, PREC_ADD, XT_INTEGER, "%s - 1", sql_wrap(g, n, PREC_ADD)),
				XT_STRING);
	}
	bool lit = d.s[0] == '\'' && sql_literal_number(e->args[2], &v);
	Sql re;
	if (lit) {
		const char *c = d.s; /* a quoted literal: strip the quotes */
		const char *cls = arena_strndup(g->a, c + 1, strlen(c) - 2);
		re = sql_lit(g, XT_STRING,
			     arena_sprintf(g->a, "'^[%s]*(?:[^%s]+[%s]+){%s}([^%s]+)'", cls, cls, cls,
					   arena_strndup(g->a, skip.s + 1, strlen(skip.s) - 2), cls));
	} else {
		Sql parts[] = {text_lit(g, "^["),   d,    text_lit(g, "]*(?:[^"), d, text_lit(g, "]+["), d,
			       text_lit(g, "]+){"), skip, text_lit(g, "}([^"),    d, text_lit(g, "]+)")};
		re = join_text(g, (int)ARRAY_LEN(parts), parts);
	}
	return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, re, int_lit(g, 1));
}

/* TOKENCOUNT(s, delims): the runs of non-delimiters; 0 for NULL. */
Sql ssis_lower_tokencount(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), d = delimiter_class(g, e, 1);
	Sql re;
	if (d.s[0] == '\'') /* a plain literal (not E'...'): one pattern literal */
		re = sql_lit(g, XT_STRING,
			     arena_sprintf(g->a, "'[^%s]+'", arena_strndup(g->a, d.s + 1, strlen(d.s) - 2)));
	else {
		Sql parts[] = {text_lit(g, "[^"), d, text_lit(g, "]+")};
		re = join_text(g, 3, parts);
	}
	Sql n = sql_prim(g, PRIM_REGEX_COUNT, XT_INTEGER, NULL, 2, s, re);
	Sql r = sql_prim(g, PRIM_COALESCE, XT_INTEGER, NULL, 2, n, int_lit(g, 0));
	r.not_null = true;
	return r;
}

/* CODEPOINT(s): the first character's code; NULL for '' too. */
Sql ssis_lower_codepoint(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	Sql a = sql_prim(g, PRIM_ASCII, XT_INTEGER, NULL, 1, s);
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s <> '' THEN %s END",
		      sql_wrap(g, s, PREC_CMP + 1), a.s);
}

Sql ssis_lower_hex(Gen *g, const Expr *e)
{
	ExprType t = e->args[0]->type;
	if (t != XT_INTEGER && t != XT_BIGINT && t != XT_UNKNOWN && t != XT_NULL)
		sql_error_at(g, E_EXPR_TYPE, e->args[0]->off, e->args[0]->len ? e->args[0]->len : 1,
			     "HEX expects a whole number, not a %s", expr_type_name(t));
	return sql_prim(g, PRIM_TO_HEX, XT_STRING, NULL, 1, sql_arg(g, e, 0));
}

/* ---- numbers ------------------------------------------------------------------------- */

static Sql as_double(Gen *g, const Expr *e, uint32_t i)
{
	Sql x = sql_arg(g, e, i);
	return x.type == XT_DOUBLE ? x : sql_cast(g, x, XT_DOUBLE);
}

/* EXP, LN, POWER, SQRT: on doubles, returning a double. */
Sql ssis_lower_real(Gen *g, const Expr *e)
{
	SqlPrim p = e->fn->id == SF_EXP    ? PRIM_EXP
		    : e->fn->id == SF_LN   ? PRIM_LN
		    : e->fn->id == SF_SQRT ? PRIM_SQRT
					   : PRIM_POWER;
	if (p == PRIM_POWER)
		return sql_prim(g, p, XT_DOUBLE, NULL, 2, as_double(g, e, 0), as_double(g, e, 1));
	return sql_prim(g, p, XT_DOUBLE, NULL, 1, as_double(g, e, 0));
}

Sql ssis_lower_log(Gen *g, const Expr *e)
{
	Sql x = sql_prim(g, PRIM_LOG, XT_DECIMAL, NULL, 2, int_lit(g, 10), sql_arg(g, e, 0));
	return sql_cast(g, x, XT_DOUBLE);
}

Sql ssis_lower_square(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_POWER, XT_DOUBLE, NULL, 2, as_double(g, e, 0), int_lit(g, 2));
}

/* ROUND(n, len): half away from zero on the exact value; the type of n. */
Sql ssis_lower_round(Gen *g, const Expr *e)
{
	Sql n = sql_as_decimal(g, sql_arg(g, e, 0));
	Sql len = at_least(g, e, 1, 0, "length");
	Sql r = sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, n, len);
	return e->type == XT_DECIMAL || e->type == XT_UNKNOWN ? r : sql_cast(g, r, e->type);
}

/* ---- dates --------------------------------------------------------------------------- */

static int unit_of(Gen *g, const Expr *e)
{
	int u = DU_DAY;
	if (e->kind == EX_STRING)
		g->lang->date_unit(e->text, &u);
	return u;
}

static Sql extract(Gen *g, DateUnit u, Sql d)
{
	return sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, u), 1, d);
}

static Sql whole_int(Gen *g, Sql x)
{
	return sql_cast(g, x, XT_INTEGER);
}

/* DATEADD(part, n, d): n parts later; months clamp to the month's end. */
Sql ssis_lower_dateadd(Gen *g, const Expr *e)
{
	int u = unit_of(g, e->args[0]);
	Sql n = sql_arg(g, e, 1), d = sql_arg(g, e, 2);
	DateUnit by = (DateUnit)u;
	switch (u) {
	case DU_QUARTER:
		by = DU_MONTH;
		n = sql_mk(g, PREC_MUL, XT_INTEGER, "%s * 3", sql_wrap(g, n, PREC_MUL));
		break;
	case DU_WEEK:
		by = DU_DAY;
		n = sql_mk(g, PREC_MUL, XT_INTEGER, "%s * 7", sql_wrap(g, n, PREC_MUL));
		break;
	case DU_DAY_OF_YEAR:
	case DU_DAY_OF_WEEK: by = DU_DAY; break;
	case DU_MS:
		by = DU_SECOND;
		n = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 1000.0", sql_wrap(g, n, PREC_MUL));
		break;
	default: break;
	}
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, by), 2, d, n);
}

/* Days (or weeks, from a Sunday) from the epoch: differences count
 * boundaries. */
static Sql day_number(Gen *g, Sql d, int per)
{
	Sql day = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_DAY), 1, d);
	/* 1970-01-04 was a Sunday */
	Sql days =
	    sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, day,
		     sql_prim(g, PRIM_CAST, XT_DATE, g->d->type_name[XT_DATE], 1, text_lit(g, "1970-01-04")));
	Sql n = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %d", sql_wrap(g, days, PREC_MUL), 86400 * per);
	return per == 1 ? n : sql_prim(g, PRIM_FLOOR, XT_DECIMAL, NULL, 1, n);
}

static Sql diff(Gen *g, Sql a, Sql b)
{
	return sql_mk(g, PREC_ADD, XT_DECIMAL, "%s - %s", sql_wrap(g, a, PREC_ADD),
		      sql_wrap(g, b, PREC_ADD + 1));
}

/* year * k + part: the months or quarters since year 0. */
static Sql serial(Gen *g, Sql d, int k, DateUnit part)
{
	return sql_mk(g, PREC_ADD, XT_DECIMAL, "%s * %d + %s", sql_wrap(g, extract(g, DU_YEAR, d), PREC_MUL),
		      k, sql_wrap(g, extract(g, part, d), PREC_ADD));
}

/* DATEDIFF(part, start, end): the part's boundaries crossed from start to
 * end, negative when end is earlier. */
Sql ssis_lower_datediff(Gen *g, const Expr *e)
{
	int u = unit_of(g, e->args[0]);
	Sql s = sql_arg(g, e, 1), t = sql_arg(g, e, 2);
	Sql r;
	switch (u) {
	case DU_YEAR: r = diff(g, extract(g, DU_YEAR, t), extract(g, DU_YEAR, s)); break;
	case DU_QUARTER: r = diff(g, serial(g, t, 4, DU_QUARTER), serial(g, s, 4, DU_QUARTER)); break;
	case DU_MONTH: r = diff(g, serial(g, t, 12, DU_MONTH), serial(g, s, 12, DU_MONTH)); break;
	case DU_WEEK:
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "DATEDIFF(\"%s\") counts Sundays, as SQL Server does with its default DATEFIRST; "
			 "unverified for SSIS",
			 e->args[0]->text);
		r = diff(g, day_number(g, t, 7), day_number(g, s, 7));
		break;
	case DU_HOUR:
	case DU_MINUTE:
	case DU_SECOND:
	case DU_MS: {
		Sql a = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, (DateUnit)u), 1, t);
		Sql b = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, (DateUnit)u), 1, s);
		Sql secs = sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, a, b);
		const char *per = u == DU_HOUR     ? "/ 3600"
				  : u == DU_MINUTE ? "/ 60"
				  : u == DU_MS     ? "* 1000"
						   : "";
		r = *per ? sql_mk(g, PREC_MUL, XT_DECIMAL, "%s %s", sql_wrap(g, secs, PREC_MUL), per) : secs;
		break;
	}
	default: r = diff(g, day_number(g, t, 1), day_number(g, s, 1)); break;
	}
	return whole_int(g, r);
}

/* DATEPART(part, d) as a whole number. */
static Sql date_part(Gen *g, int u, Sql d)
{
	switch (u) {
	case DU_DAY_OF_WEEK:
		return sql_mk(g, PREC_ADD, XT_INTEGER, "%s + 1",
			      sql_wrap(g, whole_int(g, extract(g, DU_DAY_OF_WEEK, d)), PREC_ADD));
	case DU_SECOND:
		return whole_int(g, sql_prim(g, PRIM_FLOOR, XT_DECIMAL, NULL, 1, extract(g, DU_SECOND, d)));
	case DU_MS: {
		Sql ms = whole_int(g, sql_prim(g, PRIM_FLOOR, XT_DECIMAL, NULL, 1, extract(g, DU_MS, d)));
		return sql_prim(g, PRIM_MOD, XT_INTEGER, NULL, 2, ms, int_lit(g, 1000));
	}
	case DU_WEEK: {
		/* week 1 holds 1 January; weeks start on Sunday */
		Sql jan1 = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_YEAR), 1, d);
		Sql doy = whole_int(g, extract(g, DU_DAY_OF_YEAR, d));
		Sql dow = whole_int(g, extract(g, DU_DAY_OF_WEEK, jan1));
		return sql_mk(g, PREC_ADD, XT_INTEGER, "(%s + %s - 1) / 7 + 1", doy.s, dow.s);
	}
	default: return whole_int(g, extract(g, (DateUnit)u, d));
	}
}

Sql ssis_lower_datepart(Gen *g, const Expr *e)
{
	int u = unit_of(g, e->args[0]);
	if (u == DU_DAY_OF_WEEK || u == DU_WEEK)
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "DATEPART(\"%s\") assumes weeks start on Sunday (SQL Server's default DATEFIRST); "
			 "unverified for SSIS",
			 e->args[0]->text);
	return date_part(g, u, sql_arg(g, e, 1));
}

Sql ssis_lower_day(Gen *g, const Expr *e)
{
	return date_part(g, DU_DAY, sql_arg(g, e, 0));
}

Sql ssis_lower_month(Gen *g, const Expr *e)
{
	return date_part(g, DU_MONTH, sql_arg(g, e, 0));
}

Sql ssis_lower_year(Gen *g, const Expr *e)
{
	return date_part(g, DU_YEAR, sql_arg(g, e, 0));
}

/* ---- NULL ---------------------------------------------------------------------------- */

/* REPLACENULL(a, b): b converted to a's type. */
Sql ssis_lower_replacenull(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	ExprType ta = e->args[0]->type, tb = e->args[1]->type;
	if (ta != tb && ta != XT_UNKNOWN && ta != XT_NULL && tb != XT_NULL)
		b = sql_cast(g, b, ta);
	Sql r = sql_prim(g, PRIM_COALESCE, e->type, NULL, 2, a, b);
	r.not_null = b.not_null;
	return r;
}
