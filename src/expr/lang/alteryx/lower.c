/* lower.c - lowering hooks of the Alteryx functions whose semantics need
 * more than one core operation (src/expr/lang/alteryx): 0-based positions,
 * case-insensitive searches by default, Round to a multiple, ToNumber's 0,
 * DateTime units and % formats.  Written with the printer's primitives
 * (sqlgen.h) only, so another dialect stays a table.  Each hook cites the
 * function page of help.alteryx.com/current/en/designer/functions/ it
 * follows (EXPRESSIONS.md §3.4).
 */
#include <math.h>
#include <string.h>

#include "expr/lang/alteryx/alteryx.h"

static Sql int_lit(Gen *g, long v)
{
	return sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", v));
}

static Sql text_lit(Gen *g, const char *s)
{
	return sql_lit(g, XT_STRING, sql_quote(g, s));
}

static Sql bool_lit(Gen *g, bool v)
{
	Sql r = sql_lit(g, XT_BOOLEAN, v ? "TRUE" : "FALSE");
	r.not_null = true;
	return r;
}

static Sql lower_case(Gen *g, Sql x)
{
	return sql_prim(g, PRIM_LOWER, XT_STRING, NULL, 1, x);
}

static void arg_error(Gen *g, const Expr *a, const char *msg)
{
	sql_error_at(g, E_EXPR_ARG, a->off, a->len ? a->len : 1, "%s", msg);
}

/* The value of optional flag argument i (a literal number), `def` when it
 * is absent; -1 when it is computed. */
static int flag_arg(const Expr *e, uint32_t i, int def)
{
	double v;
	if (i >= e->nargs)
		return def;
	if (!sql_literal_number(e->args[i], &v))
		return -1;
	return v != 0;
}

/* `cs` (a case-sensitive test) or `ci` (the same on folded text) as the
 * flag argument i says, case-insensitive by default; a computed flag is
 * tested in SQL.  NULL is False (Contains(Null(), "x") is False). */
static Sql by_case(Gen *g, const Expr *e, uint32_t i, Sql cs, Sql ci)
{
	int f = flag_arg(e, i, 1);
	Sql x = f == 0 ? cs : ci;
	if (f == -1)
		x = sql_mk(g, PREC_PRIMARY, XT_BOOLEAN, "CASE WHEN %s <> 0 THEN %s ELSE %s END",
			   sql_wrap(g, sql_arg(g, e, i), PREC_CMP + 1), ci.s, cs.s);
	Sql r = sql_prim(g, PRIM_COALESCE, XT_BOOLEAN, NULL, 2, x, bool_lit(g, false));
	r.not_null = true;
	return r;
}

/* A date argument: Alteryx dates are ISO strings, so text is converted. */
static Sql date_arg(Gen *g, const Expr *e, uint32_t i)
{
	Sql x = sql_gen(g, e->args[i]);
	if (x.type == XT_STRING || x.type == XT_UNKNOWN)
		return sql_cast(g, x, XT_DATE);
	if (x.type != XT_DATE && x.type != XT_NULL)
		sql_arg_type_error(g, e, i, "a date", x.type);
	return x;
}

/* ---- conditionals --------------------------------------------------------------------- */

/* IIF and Switch with the right arguments are EX_IF and EX_CASE (the
 * parser); a Switch that reaches here has an odd number of arguments. */
Sql ayx_lower_misuse(Gen *g, const Expr *e)
{
	sql_error_at(g, E_EXPR_ARITY, e->off, e->len ? e->len : 1,
		     "%s takes a value, a default, then case/result pairs", e->fn->name);
	return sql_lit(g, e->type, "NULL");
}

/* ---- strings (string-functions.html) --------------------------------------------------- */

static Sql strpos(Gen *g, Sql s, Sql t)
{
	return sql_prim(g, PRIM_STRPOS, XT_INTEGER, NULL, 2, s, t);
}

/* Contains(String, Target, CaseInsensitive=1) */
Sql ayx_lower_contains(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = sql_arg(g, e, 1);
	Sql cs = sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s > 0", strpos(g, s, t).s);
	Sql ci = sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s > 0", strpos(g, lower_case(g, s), lower_case(g, t)).s);
	return by_case(g, e, 2, cs, ci);
}

static Sql starts_with(Gen *g, Sql s, Sql t)
{
	Sql head = sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, int_lit(g, 1),
			    sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, t));
	return sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s = %s", head.s, sql_wrap(g, t, PREC_CMP + 1));
}

static Sql ends_with(Gen *g, Sql s, Sql t)
{
	Sql start = sql_mk(g, PREC_ADD, XT_INTEGER, "%s - %s + 1",
			   sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s,
			   sql_wrap(g, sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, t), PREC_ADD + 1));
	Sql tail = sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 2, s,
			    sql_prim(g, PRIM_GREATEST, XT_INTEGER, NULL, 2, start, int_lit(g, 1)));
	return sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s = %s", tail.s, sql_wrap(g, t, PREC_CMP + 1));
}

/* StartsWith and EndsWith(String, Target, CaseInsensitive=1) */
Sql ayx_lower_startsends(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = sql_arg(g, e, 1);
	Sql (*test)(Gen *, Sql, Sql) = e->fn->id == AF_ENDSWITH ? ends_with : starts_with;
	return by_case(g, e, 2, test(g, s, t), test(g, lower_case(g, s), lower_case(g, t)));
}

/* FindString(String, Target): 0-based, -1 when absent. */
Sql ayx_lower_findstring(Gen *g, const Expr *e)
{
	return sql_position_out(g, strpos(g, sql_arg(g, e, 0), sql_arg(g, e, 1)), "-1");
}

/* FindNth(String, Target, n): the n-th occurrence, 0-based, -1 when none. */
Sql ayx_lower_findnth(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = sql_arg(g, e, 1), n = sql_arg(g, e, 2);
	Sql re = sql_prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, t);
	return sql_position_out(
	    g, sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, re, int_lit(g, 1), n), "-1");
}

/* CountWords(String): words are characters separated by a space. */
Sql ayx_lower_countwords(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_REGEX_COUNT, XT_INTEGER, NULL, 2, sql_arg(g, e, 0), text_lit(g, "[^ ]+"));
}

/* GetWord(String, n): the n-th word, 0-based. */
Sql ayx_lower_getword(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = sql_arg(g, e, 1);
	double v;
	Sql re;
	if (sql_literal_number(e->args[1], &v)) {
		if (v < 0 || v > 255) {
			arg_error(g, e->args[1], "GetWord's word number must be between 0 and 255");
			return sql_lit(g, XT_STRING, "NULL");
		}
		re = text_lit(g, arena_sprintf(g->a, "^ *(?:[^ ]+ +){%.0f}([^ ]+)", v));
	} else {
		Sql count = sql_cast(g, n, XT_STRING);
		re = sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2,
			      sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2,
				       text_lit(g, "^ *(?:[^ ]+ +){"), count),
			      text_lit(g, "}([^ ]+)"));
	}
	return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, re, int_lit(g, 1));
}

static Sql at_least_zero(Gen *g, Sql n)
{
	return sql_prim(g, PRIM_GREATEST, XT_INTEGER, NULL, 2, n, int_lit(g, 0));
}

/* Left(String, len) and Right(String, len): a longer length is the whole string. */
Sql ayx_lower_leftright(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = at_least_zero(g, sql_arg(g, e, 1));
	if (e->fn->id == AF_LEFT)
		return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, int_lit(g, 1), n);
	Sql len = sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s);
	Sql start = sql_mk(g, PREC_ADD, XT_INTEGER, "%s - %s + 1", len.s, sql_wrap(g, n, PREC_ADD + 1));
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s,
			sql_prim(g, PRIM_GREATEST, XT_INTEGER, NULL, 2, start, int_lit(g, 1)), n);
}

/* PadLeft/PadRight(String, len, char): a string already as long is unchanged. */
Sql ayx_lower_pad(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), n = sql_arg(g, e, 1), c = sql_arg(g, e, 2);
	Sql pad = sql_prim(g, e->fn->id == AF_PADLEFT ? PRIM_LPAD : PRIM_RPAD, XT_STRING, NULL, 3, s, n, c);
	Sql len = sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s);
	return sql_mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s >= %s THEN %s ELSE %s END", len.s,
		      sql_wrap(g, n, PREC_CMP + 1), s.s, pad.s);
}

/* A pattern with (?i) in front when flag argument i says to ignore case
 * (the default), anchored when `whole`.  A literal pattern is rewritten
 * from Boost's Perl syntax to an ARE (regex.c); one that uses a construct
 * the ARE has not is an argument error, one that may match differently a
 * note (W1140).  *groups: the literal's marked groups (-1 when computed). */
static Sql pattern_groups(Gen *g, const Expr *e, uint32_t i, bool whole, int *groups)
{
	int f = flag_arg(e, i, 1);
	if (f == -1) {
		arg_error(g, e->args[i], "the case flag of a regular expression function must be a literal");
		f = 1;
	}
	const char *pre = f ? (whole ? "(?i)^(?:" : "(?i)") : (whole ? "^(?:" : "");
	const char *post = whole ? ")$" : "";
	if (groups)
		*groups = -1;
	/* even a pattern of shared constructs may match otherwise: an ARE
	 * takes the longest of alternatives, Perl the first that matches */
	sql_note(g, W_EXPR_UNVERIFIED, e, "%s: PostgreSQL's regular expressions, not Boost's (Perl syntax)",
		 e->fn->name);
	if (e->args[1]->kind == EX_STRING) {
		const char *why, *differs;
		const char *are = ayx_regex_to_are(g->a, e->args[1]->text, &why, &differs, groups);
		if (!are) {
			sql_error_at(g, E_EXPR_ARG, e->args[1]->off, e->args[1]->len ? e->args[1]->len : 1,
				     "the regular expression uses %s, which PostgreSQL's regular expressions have not",
				     why);
			are = e->args[1]->text;
		} else if (differs)
			sql_note(g, W_AYX_REGEX, e, "%s: %s", e->fn->name, differs);
		if (*pre && strncmp(are, "(?", 2) == 0 && are[2] != ':' && are[2] != '=' && are[2] != '!' &&
		    are[2] != '<' && are[2] != '#') { /* the pattern's own options first */
			const char *close = strchr(are, ')');
			return text_lit(g, arena_sprintf(g->a, "%.*s%s%s%s%s", (int)(close - are), are, f ? "i)" : ")",
							 pre + (f ? 4 : 0), close + 1, post));
		}
		return text_lit(g, arena_sprintf(g->a, "%s%s%s", pre, are, post));
	}
	Sql p = sql_arg(g, e, 1);
	if (*pre)
		p = sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2, text_lit(g, pre), p);
	if (*post)
		p = sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2, p, text_lit(g, post));
	return p;
}

static Sql pattern(Gen *g, const Expr *e, uint32_t i, bool whole)
{
	return pattern_groups(g, e, i, whole, NULL);
}

/* REGEX_Match(String, pattern, icase): the whole string must match. */
Sql ayx_lower_regex_match(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	return sql_prim(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, NULL, 2, s, pattern(g, e, 2, true));
}

Sql ayx_lower_regex_count(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	return sql_prim(g, PRIM_REGEX_COUNT, XT_INTEGER, NULL, 2, s, pattern(g, e, 2, false));
}

/* A replacement text for regexp_replace: backslashes doubled, and with
 * `dollars` Alteryx's $1 written \1. */
static Sql replacement(Gen *g, const Expr *e, uint32_t i, bool dollars)
{
	if (e->args[i]->kind != EX_STRING) {
		Sql r = sql_prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, sql_arg(g, e, i), text_lit(g, "\\"),
				 text_lit(g, "\\\\"));
		if (dollars)
			r = sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, r, text_lit(g, "\\$([0-9])"),
				     text_lit(g, "\\\\\\1"));
		return r;
	}
	Sbuf b = SBUF_INIT;
	for (const char *c = e->args[i]->text; *c; c++) {
		if (*c == '\\')
			sbuf_addch(&b, '\\');
		if (dollars && *c == '$' && c[1] >= '0' && c[1] <= '9') {
			sbuf_addch(&b, '\\');
			continue;
		}
		sbuf_addch(&b, *c);
	}
	Sql r = text_lit(g, b.buf);
	sbuf_release(&b);
	return r;
}

/* REGEX_Replace(String, pattern, replace, icase): every match. */
Sql ayx_lower_regex_replace(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), p = pattern(g, e, 3, false);
	return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "g", 3, s, p, replacement(g, e, 2, true));
}

/* AKKO_RegexGroup(String, pattern, k, icase): marked group k of the first
 * match, NULL when the pattern does not match (the RegEx tool's Parse:
 * "each marked group a new column"; written by the frontend, not an
 * Alteryx function). */
Sql ayx_lower_regex_group(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), p = pattern(g, e, 3, false);
	return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, p, sql_arg(g, e, 2));
}

/* AKKO_SplitPiece(String, pattern, k): group k of the first match of a
 * pattern the frontend wrote from the Text To Columns tool's delimiters
 * (bracket expressions, * + {n} and groups only: the same in Perl and an
 * ARE), NULL when it does not match; written by the frontend. */
Sql ayx_lower_split_piece(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, sql_arg(g, e, 0), sql_arg(g, e, 1), sql_arg(g, e, 2));
}

/* AKKO_RegexToken(String, pattern, n, icase): the n-th match, or its
 * first marked group when the pattern has one (the RegEx tool's Tokenize:
 * "if there are marked groups, only that part is returned"), NULL when
 * there are fewer matches; written by the frontend. */
Sql ayx_lower_regex_token(Gen *g, const Expr *e)
{
	int groups = 0;
	Sql s = sql_arg(g, e, 0), p = pattern_groups(g, e, 3, false, &groups);
	return sql_prim(g, PRIM_REGEX_SUBSTR, XT_STRING, NULL, 4, s, p, sql_arg(g, e, 2),
			int_lit(g, groups > 0 ? 1 : 0));
}

/* ReplaceFirst(String, target, replacement): the first occurrence only. */
Sql ayx_lower_replacefirst(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	Sql re = sql_prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, sql_arg(g, e, 1));
	return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, "", 3, s, re, replacement(g, e, 2, false));
}

/* ReplaceChar(String, y, z): each character of y becomes z's first one
 * (none when z is empty). */
Sql ayx_lower_replacechar(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), y = sql_arg(g, e, 1), z = sql_arg(g, e, 2);
	Sql first = sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, z, int_lit(g, 1), int_lit(g, 1));
	Sql to = sql_prim(g, PRIM_REPEAT, XT_STRING, NULL, 2, first,
			  sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, y));
	return sql_prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, s, y, to);
}

/* Substring(String, start, length): 0-based; outside the string is ''. */
Sql ayx_lower_substring(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), start = sql_position_in(g, sql_arg(g, e, 1));
	if (e->nargs == 2)
		return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 2, s, start);
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, start, at_least_zero(g, sql_arg(g, e, 2)));
}

/* Trim(String, y), TrimLeft, TrimRight: white space, or the characters of
 * y, from both ends or one. */
static Sql trim_sides(Gen *g, const Expr *e, bool left, bool right)
{
	Sql s = sql_arg(g, e, 0);
	Sql chars = e->nargs > 1 ? sql_arg(g, e, 1) : text_lit(g, " \t\r\n");
	if (right)
		s = sql_prim(g, PRIM_RTRIM, XT_STRING, NULL, 2, s, chars);
	if (left)
		s = sql_prim(g, PRIM_LTRIM, XT_STRING, NULL, 2, s, chars);
	return s;
}

Sql ayx_lower_trim(Gen *g, const Expr *e)
{
	return trim_sides(g, e, e->fn->id != AF_TRIMRIGHT, e->fn->id != AF_TRIMLEFT);
}

static Sql as_double(Gen *g, Sql x)
{
	return x.type == XT_DOUBLE ? x : sql_cast(g, sql_as_value(g, x), XT_DOUBLE);
}

/* ---- conversion (conversion-functions.html) -------------------------------------------- */

/* Text that PRIM_IS_NUMBER accepts: blanks, a sign, digits with one
 * point, an exponent, blanks. */
static bool is_number_text(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '+' || *s == '-')
		s++;
	size_t digits = strspn(s, "0123456789");
	s += digits;
	if (*s == '.') {
		size_t frac = strspn(s + 1, "0123456789");
		if (!digits && !frac)
			return false;
		s += 1 + frac;
	} else if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		const char *p = s + 1 + (s[1] == '+' || s[1] == '-');
		size_t n = strspn(p, "0123456789");
		if (!n)
			return false;
		s = p + n;
	}
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == 0;
}

/* ToNumber(x, bIgnoreErrors, keepNulls, decimalSeparator): text that is not
 * a number is 0, or NULL with keepNulls. */
Sql ayx_lower_tonumber(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0);
	if (x.type != XT_STRING && x.type != XT_UNKNOWN && x.type != XT_NULL)
		return sql_cast(g, sql_as_value(g, x), XT_DOUBLE);
	int keep = flag_arg(e, 2, 0);
	if (keep == -1) {
		arg_error(g, e->args[2], "ToNumber's keepNulls must be a literal 0 or 1");
		keep = 0;
	}
	if (e->nargs > 3 && !(e->args[3]->kind == EX_STRING && strcmp(e->args[3]->text, ".") == 0))
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[3],
			 "ToNumber's decimal separator other than '.' is not translated");
	if (e->args[0]->kind == EX_STRING &&
	    !is_number_text(e->args[0]->text)) /* PostgreSQL would fold the cast */
		return sql_lit(g, XT_DOUBLE, keep ? "NULL" : "0");
	Sql ok = sql_prim(g, PRIM_IS_NUMBER, XT_BOOLEAN, NULL, 1, x);
	return sql_mk(g, PREC_PRIMARY, XT_DOUBLE, "CASE WHEN %s THEN %s ELSE %s END", ok.s,
		      sql_cast(g, x, XT_DOUBLE).s, keep ? "NULL" : "0");
}

/* ToString(x, numDecimals, addThousandsSeparator, decimalSeparator) */
Sql ayx_lower_tostring(Gen *g, const Expr *e)
{
	Sql x = sql_gen(g, e->args[0]);
	if (e->nargs > 2 && flag_arg(e, 2, 0) != 0 &&
	    !(e->args[2]->kind == EX_STRING && !e->args[2]->text[0]))
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[2],
			 "ToString's thousands separator is not translated");
	if (e->nargs > 3 && !(e->args[3]->kind == EX_STRING && strcmp(e->args[3]->text, ".") == 0))
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[3],
			 "ToString's decimal separator other than '.' is not translated");
	if (e->nargs > 1 && expr_type_numeric(x.type)) {
		Sql r = sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, sql_as_decimal(g, x), sql_arg(g, e, 1));
		return sql_cast(g, r, XT_STRING);
	}
	return sql_as_text(g, x, e->args[0]);
}

/* ToDegrees(x): x * 180 / pi; ToRadians(x): x * pi / 180. */
Sql ayx_lower_degrees(Gen *g, const Expr *e)
{
	Sql x = as_double(g, sql_arg(g, e, 0));
	const char *fmt =
	    e->fn->id == AF_TODEGREES ? "%s * 180 / 3.141592653589793" : "%s * 3.141592653589793 / 180";
	return sql_mk(g, PREC_MUL, XT_DOUBLE, fmt, sql_wrap(g, x, PREC_MUL));
}

/* ---- dates (datetime-functions.html) --------------------------------------------------- */

/* The unit argument i, a literal; DU_COUNT after an error. */
static int unit_arg(Gen *g, const Expr *e, uint32_t i)
{
	int u = DU_COUNT;
	const Expr *a = e->args[i];
	if (a->kind != EX_STRING)
		arg_error(
		    g, a,
		    arena_sprintf(g->a, "the unit of %s must be a literal such as \"days\"", e->fn->name));
	else if (!ayx_date_unit(a->text, &u))
		arg_error(g, a, arena_sprintf(g->a, "unknown date unit '%s'", a->text));
	return u;
}

/* DateTimeAdd(dt, i, u): months clamp to the month's end; the amount is
 * truncated to a whole number. */
Sql ayx_lower_datetimeadd(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0), n = sql_arg(g, e, 1);
	int u = unit_arg(g, e, 2);
	if (u == DU_COUNT)
		return sql_lit(g, XT_DATE, "NULL");
	double v;
	if (sql_literal_number(e->args[1], &v) && fabs(v) < 2e9)
		n = int_lit(g, (long)trunc(v));
	else if (n.type != XT_INTEGER)
		n = sql_cast(
		    g, sql_prim(g, PRIM_TRUNC, XT_DECIMAL, NULL, 2, sql_as_decimal(g, n), int_lit(g, 0)),
		    XT_INTEGER);
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, u), 2, d, n);
}

/* DateTimeDiff(dt1, dt2, u): dt1 - dt2 in whole units, truncated. */
Sql ayx_lower_datetimediff(Gen *g, const Expr *e)
{
	Sql a = date_arg(g, e, 0), b = date_arg(g, e, 1);
	int u = unit_arg(g, e, 2);
	static const long secs[DU_COUNT] = {
	    [DU_DAY] = 86400, [DU_HOUR] = 3600, [DU_MINUTE] = 60, [DU_SECOND] = 1};
	if (u == DU_COUNT)
		return sql_lit(g, XT_BIGINT, "NULL");
	if (u == DU_MONTH || u == DU_YEAR) {
		Sql m = sql_prim(g, PRIM_WHOLE_MONTHS, XT_INTEGER, NULL, 2, a, b);
		if (u == DU_YEAR)
			m = sql_mk(g, PREC_MUL, XT_INTEGER, "%s / 12", sql_wrap(g, m, PREC_MUL));
		return sql_cast(g, m, XT_BIGINT);
	}
	if (!secs[u]) {
		arg_error(g, e->args[2],
			  "DateTimeDiff's unit must be years, months, days, hours, minutes or seconds");
		return sql_lit(g, XT_BIGINT, "NULL");
	}
	Sql diff = sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, a, b);
	Sql per = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %ld", sql_wrap(g, diff, PREC_MUL), secs[u]);
	return sql_cast(g, sql_prim(g, PRIM_TRUNC, XT_DECIMAL, NULL, 2, per, int_lit(g, 0)), XT_BIGINT);
}

static Sql trunc_to(Gen *g, int u, Sql d)
{
	return sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, u), 1, d);
}

/* The last second of d's month. */
static Sql month_end(Gen *g, Sql d)
{
	Sql next = sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_MONTH), 2,
			    trunc_to(g, DU_MONTH, d), int_lit(g, 1));
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_SECOND), 2, next,
			int_lit(g, -1));
}

static Sql run_start(Gen *g)
{
	return sql_prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0);
}

Sql ayx_lower_firstofmonth(Gen *g, const Expr *e)
{
	(void)e;
	return trunc_to(g, DU_MONTH, run_start(g));
}

Sql ayx_lower_lastofmonth(Gen *g, const Expr *e)
{
	(void)e;
	return month_end(g, run_start(g));
}

Sql ayx_lower_today(Gen *g, const Expr *e)
{
	(void)e;
	return trunc_to(g, DU_DAY, run_start(g));
}

Sql ayx_lower_todate(Gen *g, const Expr *e)
{
	return trunc_to(g, DU_DAY, date_arg(g, e, 0));
}

Sql ayx_lower_todatetime(Gen *g, const Expr *e)
{
	return date_arg(g, e, 0);
}

/* DateTimeTrim(dt, t): firstofmonth, lastofmonth, or the unit to keep. */
Sql ayx_lower_datetimetrim(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0);
	const Expr *t = e->args[1];
	if (t->kind == EX_STRING && ascii_ieq(t->text, "firstofmonth"))
		return trunc_to(g, DU_MONTH, d);
	if (t->kind == EX_STRING && ascii_ieq(t->text, "lastofmonth"))
		return month_end(g, d);
	int u = unit_arg(g, e, 1);
	if (u > DU_SECOND) {
		if (u != DU_COUNT)
			arg_error(g, t,
				  "DateTimeTrim trims to firstofmonth, lastofmonth, year, month, day, hour, "
				  "minute or second");
		return sql_lit(g, XT_DATE, "NULL");
	}
	return trunc_to(g, u, d);
}

static Sql part(Gen *g, const Expr *e, int u)
{
	Sql x = sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, u), 1, date_arg(g, e, 0));
	if (u == DU_SECOND)
		x = sql_prim(g, PRIM_FLOOR, XT_DECIMAL, NULL, 1, x);
	return sql_cast(g, x, XT_INTEGER);
}

/* DateTimeYear, DateTimeMonth, DateTimeDay, DateTimeHour, DateTimeMinutes,
 * DateTimeSeconds, DateTimeQuarter: that part as a whole number. */
Sql ayx_lower_datetimepart(Gen *g, const Expr *e)
{
	switch (e->fn->id) {
	case AF_DATETIMEYEAR: return part(g, e, DU_YEAR);
	case AF_DATETIMEMONTH: return part(g, e, DU_MONTH);
	case AF_DATETIMEDAY: return part(g, e, DU_DAY);
	case AF_DATETIMEHOUR: return part(g, e, DU_HOUR);
	case AF_DATETIMEMINUTES: return part(g, e, DU_MINUTE);
	case AF_DATETIMESECONDS: return part(g, e, DU_SECOND);
	default: return part(g, e, DU_QUARTER);
	}
}

/* The format argument i as the dialect's format, or NULL after an error. */
static DateFmt *format_arg(Gen *g, const Expr *e, uint32_t i)
{
	const Expr *f = e->args[i];
	if (e->nargs > i + 1 &&
	    !(e->args[i + 1]->kind == EX_STRING && ascii_ieq(e->args[i + 1]->text, "English")))
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[i + 1], "%s: month and day names are English only",
			 e->fn->name);
	if (f->kind != EX_STRING) {
		arg_error(g, f, arena_sprintf(g->a, "the format of %s must be a literal", e->fn->name));
		return NULL;
	}
	DateFmt *d = ARENA_NEW(g->a, DateFmt);
	if (!sql_datefmt(g, f->text, d)) {
		sql_error_at(g, E_EXPR_ARG, f->off + 1 + (uint32_t)d->bad_off, 2, "%s in the format of %s",
			     d->bad, e->fn->name);
		return NULL;
	}
	return d;
}

/* DateTimeFormat(dt, f, language) */
Sql ayx_lower_datetimeformat(Gen *g, const Expr *e)
{
	Sql d = date_arg(g, e, 0);
	DateFmt *f = format_arg(g, e, 1);
	if (!f)
		return sql_lit(g, XT_STRING, "NULL");
	Sql r = sql_prim(g, PRIM_TO_CHAR_DATE, XT_STRING, NULL, 2, d, text_lit(g, f->pg.buf));
	sbuf_release(&f->pg);
	sbuf_release(&f->re);
	return r;
}

/* DateTimeParse(dt, f, language): text not in the format's shape is NULL
 * (Alteryx warns and gives NULL; PostgreSQL would fail). */
Sql ayx_lower_datetimeparse(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	DateFmt *f = format_arg(g, e, 1);
	if (!f)
		return sql_lit(g, XT_DATE, "NULL");
	Sql p = sql_prim(g, PRIM_TO_TIMESTAMP, XT_DATE, NULL, 2, s, text_lit(g, f->pg.buf));
	Sql ok = sql_prim(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, NULL, 2, s,
			  text_lit(g, arena_sprintf(g->a, "(?i)%s", f->re.buf)));
	sbuf_release(&f->pg);
	sbuf_release(&f->re);
	return sql_mk(g, PREC_PRIMARY, XT_DATE, "CASE WHEN %s THEN %s END", ok.s, p.s);
}

/* ---- math (math-functions.html) --------------------------------------------------------- */

/* Average(v...): a NULL counts as 0; AverageNonNull leaves NULLs out. */
static Sql average(Gen *g, const Expr *e, bool skip_null)
{
	Sbuf sum = SBUF_INIT, count = SBUF_INIT;
	for (uint32_t i = 0; i < e->nargs; i++) {
		Sql x = sql_arg(g, e, i);
		Sql z = sql_prim(g, PRIM_COALESCE, x.type, NULL, 2, x, int_lit(g, 0));
		sbuf_addf(&sum, "%s%s", i ? " + " : "", z.s);
		sbuf_addf(&count, "%sCASE WHEN %s IS NULL THEN 0 ELSE 1 END", i ? " + " : "",
			  sql_wrap(g, x, PREC_IS + 1));
	}
	Sql s = as_double(g, sql_mk(g, PREC_ADD, XT_DECIMAL, "%s", sum.buf));
	const char *n =
	    skip_null ? arena_sprintf(g->a, "NULLIF(%s, 0)", count.buf) : arena_sprintf(g->a, "%u", e->nargs);
	sbuf_release(&sum);
	sbuf_release(&count);
	return sql_mk(g, PREC_MUL, XT_DOUBLE, "%s / %s", sql_wrap(g, s, PREC_MUL), n);
}

Sql ayx_lower_average(Gen *g, const Expr *e)
{
	return average(g, e, false);
}

Sql ayx_lower_averagenonnull(Gen *g, const Expr *e)
{
	return average(g, e, true);
}

Sql ayx_lower_log10(Gen *g, const Expr *e)
{
	return as_double(g, sql_prim(g, PRIM_LOG, XT_DECIMAL, NULL, 2, int_lit(g, 10), sql_arg(g, e, 0)));
}

static Sql whole(Gen *g, Sql x)
{
	if (x.type == XT_INTEGER || x.type == XT_BIGINT)
		return x;
	return sql_cast(g, sql_prim(g, PRIM_TRUNC, XT_DECIMAL, NULL, 2, sql_as_decimal(g, x), int_lit(g, 0)),
			XT_BIGINT);
}

/* Mod(n, d): whole numbers; the remainder has the dividend's sign. */
Sql ayx_lower_mod(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_MOD, XT_BIGINT, NULL, 2, whole(g, sql_arg(g, e, 0)),
			whole(g, sql_arg(g, e, 1)));
}

Sql ayx_lower_pi(Gen *g, const Expr *e)
{
	(void)e;
	Sql r = sql_lit(g, XT_DOUBLE, "3.141592653589793");
	r.not_null = true;
	return r;
}

/* RandInt(n): a whole number from 0 to n. */
Sql ayx_lower_randint(Gen *g, const Expr *e)
{
	Sql n = sql_arg(g, e, 0);
	Sql r = sql_mk(g, PREC_MUL, XT_DOUBLE, "%s * (%s + 1)",
		       sql_prim(g, PRIM_RANDOM, XT_DOUBLE, NULL, 0).s, sql_wrap(g, n, PREC_ADD));
	return sql_cast(g, sql_prim(g, PRIM_FLOOR, XT_DOUBLE, NULL, 1, r), XT_INTEGER);
}

/* Round(x, mult): the nearest multiple of mult, halves away from zero. */
Sql ayx_lower_round(Gen *g, const Expr *e)
{
	Sql x = sql_as_decimal(g, sql_arg(g, e, 0)), m = sql_as_decimal(g, sql_arg(g, e, 1));
	Sql q = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", sql_wrap(g, x, PREC_MUL),
		       sql_wrap(g, m, PREC_MUL + 1));
	Sql r = sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, q, int_lit(g, 0));
	return as_double(g, sql_mk(g, PREC_MUL, XT_DECIMAL, "%s * %s", r.s, sql_wrap(g, m, PREC_MUL + 1)));
}

/* ---- tests (test-functions.html) -------------------------------------------------------- */

/* IsEmpty(v): NULL or "". */
Sql ayx_lower_isempty(Gen *g, const Expr *e)
{
	Sql x = sql_gen(g, e->args[0]);
	Sql r;
	if (x.type == XT_STRING || x.type == XT_UNKNOWN || x.type == XT_NULL)
		r = sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s = ''",
			   sql_prim(g, PRIM_COALESCE, XT_STRING, NULL, 2, x, text_lit(g, "")).s);
	else
		r = sql_prim(g, PRIM_IS_NULL, XT_BOOLEAN, NULL, 1, x);
	r.not_null = true;
	return r;
}

/* IsInteger, IsNumber, IsString: the field's type, known here. */
static Sql type_test(Gen *g, const Expr *e, bool (*is)(ExprType))
{
	ExprType t = e->args[0]->type;
	if (t == XT_UNKNOWN) {
		sql_error_at(g, E_EXPR_TYPE, e->args[0]->off, e->args[0]->len ? e->args[0]->len : 1,
			     "%s tests the field's type, which is not known here", e->fn->name);
		return sql_lit(g, XT_BOOLEAN, "NULL");
	}
	return bool_lit(g, is(t));
}

static bool is_integer(ExprType t)
{
	return t == XT_INTEGER || t == XT_BIGINT;
}

static bool is_string(ExprType t)
{
	return t == XT_STRING;
}

Sql ayx_lower_istype(Gen *g, const Expr *e)
{
	return type_test(g, e,
			 e->fn->id == AF_ISINTEGER  ? is_integer
			 : e->fn->id == AF_ISSTRING ? is_string
						    : expr_type_numeric);
}

Sql ayx_lower_null(Gen *g, const Expr *e)
{
	(void)e;
	return sql_lit(g, XT_NULL, "NULL");
}
