/* lower.c - the PowerCenter functions whose semantics need more than one
 * call of a core operation (src/expr/lang/powercenter).
 *
 * Each hook prints one checked call with the printer's primitives
 * (sqlgen.h), so another target dialect needs only its table.  The
 * semantics are the Transformation Language Reference's (EXPRESSIONS.md
 * section 1): IIF's typed default, DECODE's first match with NULL = NULL,
 * 1-based and negative positions, case flags, numeric prefixes of strings,
 * rounding half away from zero, date units and formats.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/lang/powercenter/pc.h"

/* IIF without a third argument: 0 for numbers, '' for strings, NULL for
 * dates. */
static const char *iif_default(Gen *g, const Expr *call)
{
	switch (call->type) {
	case XT_STRING: return "''";
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE: return "0";
	case XT_BOOLEAN: return "FALSE";
	case XT_DATE: return NULL;
	default:
		sql_note(g, W_EXPR_UNTYPED, call,
			 "IIF without a false value returns 0, '' or NULL by the type of its second "
			 "argument, which is unknown here; NULL is used");
		return NULL;
	}
}

static bool is_call(const Expr *e, FuncId id)
{
	return e->kind == EX_CALL && e->fn && e->fn->id == (int)id;
}

/* IIF(c1, a, IIF(c2, b, c)) prints as one CASE with two WHENs. */
Sql pc_lower_iif(Gen *g, const Expr *e)
{
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE");
	const Expr *cur = e;
	ExprType t = e->type;
	for (;;) {
		Sql c = sql_as_cond(g, sql_gen(g, cur->args[0]));
		sbuf_addf(&b, " WHEN %s THEN %s", c.s, sql_branch(g, cur->args[1], t).s);
		if (cur->nargs == 3 && is_call(cur->args[2], FN_IIF) && cur->args[2]->type == t) {
			cur = cur->args[2];
			continue;
		}
		const char *dflt = cur->nargs == 3 ? sql_branch(g, cur->args[2], t).s : iif_default(g, cur);
		if (dflt && strcmp(dflt, "NULL") != 0)
			sbuf_addf(&b, " ELSE %s", dflt);
		break;
	}
	sbuf_adds(&b, " END");
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, t, false};
	sbuf_release(&b);
	return r;
}

/* DECODE(value, s1, r1, ..., [default]): the first search value that
 * equals the value wins, and NULL matches NULL. */
Sql pc_lower_decode(Gen *g, const Expr *e)
{
	const Expr *v = e->args[0];
	bool on_true = v->kind == EX_NAME && v->constant && v->constant->kind == CK_TRUE;
	bool simple = !on_true && v->type != XT_BOOLEAN;
	uint32_t pairs = (e->nargs - 1) / 2;
	for (uint32_t i = 0; i < pairs && simple; i++) {
		const Expr *s = e->args[1 + 2 * i];
		simple = s->kind == EX_NUMBER || s->kind == EX_STRING ||
			 (s->kind == EX_UNARY && s->op == OP_NEG && s->args[0]->kind == EX_NUMBER);
	}
	Sql vs = sql_as_value(g, sql_gen(g, v));
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, simple ? arena_sprintf(g->a, "CASE %s", vs.s) : "CASE");
	for (uint32_t i = 0; i < pairs; i++) {
		const Expr *s = e->args[1 + 2 * i];
		Sql res = sql_branch(g, e->args[2 + 2 * i], e->type);
		if (simple) {
			sbuf_addf(&b, " WHEN %s THEN %s", sql_as_value(g, sql_gen(g, s)).s, res.s);
		} else if (on_true) {
			sbuf_addf(&b, " WHEN %s THEN %s", sql_as_cond(g, sql_gen(g, s)).s, res.s);
		} else if (sql_is_null_literal(s)) {
			sbuf_addf(&b, " WHEN %s IS NULL THEN %s", sql_wrap(g, vs, PREC_IS + 1), res.s);
		} else {
			Sql ss = sql_gen(g, s);
			if (v->type == XT_BOOLEAN)
				ss = sql_as_cond(g, ss);
			else
				ss = sql_as_value(g, ss);
			sbuf_addf(&b, " WHEN %s IS NOT DISTINCT FROM %s THEN %s",
				  sql_wrap(g, vs, PREC_IS + 1), sql_wrap(g, ss, PREC_IS + 1), res.s);
		}
	}
	if (e->nargs % 2 == 0)
		sbuf_addf(&b, " ELSE %s", sql_branch(g, e->args[e->nargs - 1], e->type).s);
	sbuf_adds(&b, " END");
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, e->type, false};
	sbuf_release(&b);
	return r;
}

/* IN(value, v1, v2, ..., [CaseFlag]): a trailing number literal after
 * string values is the case flag (0 = case-insensitive). */
Sql pc_lower_in(Gen *g, const Expr *e)
{
	uint32_t n = e->nargs;
	bool insensitive = false;
	double flag;
	if (n >= 3 && e->args[0]->type == XT_STRING && sql_literal_number(e->args[n - 1], &flag)) {
		insensitive = flag == 0;
		n--;
	}
	Sql v = sql_as_value(g, sql_gen(g, e->args[0]));
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, insensitive ? "lower(%s) IN (" : "%s IN (",
		  insensitive ? v.s : sql_wrap(g, v, PREC_IN + 1));
	for (uint32_t i = 1; i < n; i++) {
		Sql x = sql_as_value(g, sql_gen(g, e->args[i]));
		sbuf_addf(&b, insensitive ? "%slower(%s)" : "%s%s", i > 1 ? ", " : "", x.s);
	}
	sbuf_addch(&b, ')');
	Sql r = {arena_strdup(g->a, b.buf), PREC_IN, XT_BOOLEAN, false};
	sbuf_release(&b);
	return r;
}

/* ---- character functions --------------------------------------------------------- */

/* SUBSTR(s, start [, length]): start 0 is 1, a negative start counts from
 * the end, a length <= 0 gives ''. */
Sql pc_lower_substr(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	double v;
	Sql start;
	if (sql_literal_number(e->args[1], &v) && fabs(v) < 2e9) {
		long st = lround(v);
		if (st > 0)
			start = sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", st));
		else if (st == 0)
			start = sql_lit(g, XT_INTEGER, "1");
		else
			start = sql_mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s - %ld, 1)",
				       sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, -st - 1);
	} else {
		Sql st = sql_arg(g, e, 1);
		const char *x = sql_wrap(g, st, PREC_CMP + 1);
		start = sql_mk(
		    g, PREC_PRIMARY, XT_INTEGER,
		    "CASE WHEN %s > 0 THEN %s WHEN %s = 0 THEN 1 ELSE greatest(%s + %s + 1, 1) END", x, x, x,
		    sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, sql_wrap(g, st, PREC_ADD));
	}
	if (e->nargs == 2)
		return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 2, s, start);
	Sql len;
	if (sql_literal_number(e->args[2], &v) && fabs(v) < 2e9)
		len = sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", v > 0 ? lround(v) : 0L));
	else
		len = sql_mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s, 0)", sql_arg(g, e, 2).s);
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, start, len);
}

/* Whether a literal search string can overlap itself ("aa" in "aaa"):
 * then counting occurrences without overlap may differ. */
static bool self_overlaps(const char *t)
{
	size_t n = strlen(t);
	for (size_t k = 1; k < n; k++)
		if (strncmp(t, t + k, n - k) == 0)
			return true;
	return false;
}

/* INSTR(s, search [, start [, occurrence [, comparison_type]]]). */
Sql pc_lower_instr(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), t = sql_arg(g, e, 1);
	if (e->nargs == 5)
		sql_note(g, W_EXPR_IGNORED, e->args[4],
			 "INSTR's comparison_type is ignored: the search is always binary");
	double st = 1, occ = 1;
	bool st_lit = e->nargs < 3 || sql_literal_number(e->args[2], &st);
	bool occ_lit = e->nargs < 4 || sql_literal_number(e->args[3], &occ);
	st = round(st), occ = round(occ);
	if (st_lit && occ_lit && occ == 1 && st >= 0 && st <= 1)
		return sql_prim(g, PRIM_STRPOS, XT_INTEGER, NULL, 2, s, t);
	const Expr *te = e->args[1];
	if ((te->kind != EX_STRING || self_overlaps(te->text)) && !(occ_lit && occ == 1))
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "occurrences are counted without overlap; PowerCenter may count overlapping "
			 "ones (e.g. 'aa' in 'aaaa')");
	Sql occ_sql = e->nargs >= 4 ? sql_arg(g, e, 3) : sql_lit(g, XT_INTEGER, "1");
	Sql re = sql_prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, t);
	Sql rs = sql_prim(g, PRIM_REVERSE, XT_STRING, NULL, 1, s);
	Sql rre = sql_prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1,
			   sql_prim(g, PRIM_REVERSE, XT_STRING, NULL, 1, t));
	Sql m = te->kind == EX_STRING ? sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%zu", strlen(te->text)))
				      : sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, t);
	if (!st_lit) {
		/* the sign of the start decides the direction at run time */
		Sql stx = sql_arg(g, e, 2);
		const char *st_s = sql_wrap(g, stx, PREC_CMP + 1);
		Sql fwd = sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, re,
				   sql_mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s, 1)", stx.s), occ_sql);
		Sql from = sql_mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(1 - %s - %s, 1)",
				  sql_wrap(g, stx, PREC_ADD + 1), sql_wrap(g, m, PREC_ADD + 1));
		Sql pos = sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, rs, rre, from, occ_sql);
		return sql_mk(g, PREC_PRIMARY, XT_INTEGER,
			      "CASE WHEN %s >= 0 THEN %s WHEN %s = 0 THEN 0 ELSE %s - %s - %s + 2 END", st_s,
			      fwd.s, pos.s, sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, pos.s,
			      sql_wrap(g, m, PREC_ADD + 1));
	}
	if (st >= 0) {
		Sql stx = sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%.0f", st < 1 ? 1 : st));
		return sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, re, stx, occ_sql);
	}
	/* A negative start searches backwards from that position: search the
	 * reversed string, then count the position from the start again. */
	Sql from = te->kind == EX_STRING
		       ? sql_lit(g, XT_INTEGER,
				 arena_sprintf(g->a, "%.0f", fmax(1, -st + 1 - (double)strlen(te->text))))
		       : sql_mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%.0f - %s, 1)", -st + 1,
				sql_wrap(g, m, PREC_ADD + 1));
	Sql pos = sql_prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, rs, rre, from, occ_sql);
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s = 0 THEN 0 ELSE %s - %s - %s + 2 END", pos.s,
		      sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, pos.s,
		      sql_wrap(g, m, PREC_ADD + 1));
}

/* Characters of a UTF-8 string, deduplicated, with their other case when
 * `both_cases` (ASCII letters). */
static char *char_set(Arena *a, const char *set, bool both_cases, size_t *nchars)
{
	Sbuf b = SBUF_INIT;
	*nchars = 0;
	for (const char *p = set; *p;) {
		size_t n = 1;
		while (((unsigned char)p[n] & 0xC0) == 0x80)
			n++;
		for (int pass = 0; pass < (both_cases ? 2 : 1); pass++) {
			char ch[8];
			memcpy(ch, p, n < 8 ? n : 7);
			ch[n < 8 ? n : 7] = 0;
			if (pass == 1 && n == 1) {
				char c = ch[0];
				if (c >= 'a' && c <= 'z')
					ch[0] = (char)(c - 'a' + 'A');
				else if (c >= 'A' && c <= 'Z')
					ch[0] = (char)(c - 'A' + 'a');
			}
			if (!strstr(b.buf, ch)) {
				sbuf_adds(&b, ch);
				(*nchars)++;
			}
		}
		p += n;
	}
	char *r = arena_strdup(a, b.buf);
	sbuf_release(&b);
	return r;
}

/* REPLACECHR(CaseFlag, s, OldCharSet, NewChar). */
Sql pc_lower_replacechr(Gen *g, const Expr *e)
{
	double flag = 1;
	bool flag_lit = sql_literal_number(e->args[0], &flag);
	Sql s = sql_arg(g, e, 1);
	const Expr *set = e->args[2], *nc = e->args[3];
	bool set_lit = set->kind == EX_STRING || sql_is_null_literal(set);
	bool nc_lit = nc->kind == EX_STRING || sql_is_null_literal(nc);
	if (!flag_lit)
		sql_note(g, W_EXPR_DIFFERENCE, e->args[0],
			 "the case flag is not a literal; the replacement is case-sensitive");
	bool insensitive = flag_lit && flag == 0;
	if (set_lit && nc_lit) {
		if (sql_is_null_literal(set) || !*set->text)
			return s;
		size_t n;
		const char *from = char_set(g->a, set->text, insensitive, &n);
		Sbuf to = SBUF_INIT;
		if (!sql_is_null_literal(nc) && *nc->text) {
			size_t cl = 1;
			while (((unsigned char)nc->text[cl] & 0xC0) == 0x80)
				cl++;
			for (size_t i = 0; i < n; i++)
				sbuf_add(&to, nc->text, cl);
		}
		Sql r = sql_prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, s,
				 sql_lit(g, XT_STRING, sql_quote(g, from)),
				 sql_lit(g, XT_STRING, sql_quote(g, to.buf)));
		sbuf_release(&to);
		return r;
	}
	Sql setx = sql_mk(g, PREC_PRIMARY, XT_STRING, "coalesce(%s, '')", sql_arg(g, e, 2).s);
	if (insensitive)
		setx = sql_mk(g, PREC_OTHER, XT_STRING, "lower(%s) || upper(%s)", setx.s, setx.s);
	Sql first = sql_mk(g, PREC_PRIMARY, XT_STRING, "coalesce(left(%s, 1), '')", sql_arg(g, e, 3).s);
	Sql to = sql_mk(g, PREC_PRIMARY, XT_STRING, "repeat(%s, %s)", first.s,
			sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, setx).s);
	return sql_prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, s, setx, to);
}

/* REPLACESTR(CaseFlag, s, old1, ..., oldN, new): one left-to-right pass. */
Sql pc_lower_replacestr(Gen *g, const Expr *e)
{
	double flag = 1;
	bool flag_lit = sql_literal_number(e->args[0], &flag);
	if (!flag_lit)
		sql_note(g, W_EXPR_DIFFERENCE, e->args[0],
			 "the case flag is not a literal; the replacement is case-sensitive");
	bool insensitive = flag_lit && flag == 0;
	Sql s = sql_arg(g, e, 1);
	const Expr *ne = e->args[e->nargs - 1];
	uint32_t nold = e->nargs - 3;
	bool olds_lit = true;
	for (uint32_t i = 0; i < nold; i++)
		olds_lit &= e->args[2 + i]->kind == EX_STRING || sql_is_null_literal(e->args[2 + i]);
	Sql newx = sql_is_null_literal(ne) ? sql_lit(g, XT_STRING, "''")
		   : ne->kind == EX_STRING ? sql_lit(g, XT_STRING, sql_quote(g, ne->text))
					   : sql_mk(g, PREC_PRIMARY, XT_STRING, "coalesce(%s, '')",
						    sql_arg(g, e, e->nargs - 1).s);
	if (!olds_lit || (nold == 1 && !insensitive)) {
		if (!olds_lit && nold > 1)
			sql_note(
			    g, W_EXPR_DIFFERENCE, e,
			    "old strings that are not literals are replaced one after the other, so text "
			    "inserted by one replacement can be replaced again");
		if (!olds_lit && insensitive)
			sql_note(g, W_EXPR_DIFFERENCE, e, "the replacement is case-sensitive here");
		Sql cur = s;
		for (uint32_t i = 0; i < nold; i++) {
			Sql o = sql_arg(g, e, 2 + i);
			cur = sql_prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, cur, o, newx);
		}
		return cur;
	}
	/* literal old strings: one regular expression, alternatives in
	 * argument order */
	Sbuf re = SBUF_INIT;
	bool prefix_clash = false;
	uint32_t used = 0;
	for (uint32_t i = 0; i < nold; i++) {
		const Expr *o = e->args[2 + i];
		if (sql_is_null_literal(o) || !*o->text)
			continue;
		for (uint32_t j = 0; j < nold; j++) {
			const Expr *p = e->args[2 + j];
			if (j != i && p->kind == EX_STRING && *p->text && strlen(p->text) < strlen(o->text) &&
			    strncmp(p->text, o->text, strlen(p->text)) == 0)
				prefix_clash = true;
		}
		if (used++)
			sbuf_addch(&re, '|');
		for (const char *c = o->text; *c; c++) {
			if (strchr("\\.^$*+?()[]{}|", *c))
				sbuf_addch(&re, '\\');
			sbuf_addch(&re, *c);
		}
	}
	if (!used) {
		sbuf_release(&re);
		return s;
	}
	if (prefix_clash)
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "one old string is a prefix of another; where both match, PostgreSQL may "
			 "prefer the longer one");
	/* the replacement text: \ and & are special in regexp_replace */
	Sql rep = newx;
	if (ne->kind == EX_STRING) {
		Sbuf r = SBUF_INIT;
		for (const char *c = ne->text; *c; c++) {
			if (*c == '\\' || *c == '&')
				sbuf_addch(&r, '\\');
			sbuf_addch(&r, *c);
		}
		rep = sql_lit(g, XT_STRING, sql_quote(g, r.buf));
		sbuf_release(&r);
	} else if (!sql_is_null_literal(ne)) {
		rep = sql_mk(g, PREC_PRIMARY, XT_STRING, "replace(replace(%s, '\\', '\\\\'), '&', '\\&')",
			     newx.s);
	}
	Sql r = sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, insensitive ? "gi" : "g", 3, s,
			 sql_lit(g, XT_STRING, sql_quote(g, re.buf)), rep);
	sbuf_release(&re);
	return r;
}

/* ---- conversions ----------------------------------------------------------------- */

/* The number PowerCenter reads from a string: leading blanks, then the
 * longest numeric prefix; no number at all reads as 0. */
static Sql num_prefix(Gen *g, Sql s, bool exponent)
{
	Sql p = sql_prim(g, exponent ? PRIM_NUM_PREFIX_EXP : PRIM_NUM_PREFIX, XT_STRING, NULL, 1, s);
	return sql_mk(g, PREC_PRIMARY, XT_DECIMAL,
		      "CASE WHEN %s IS NULL THEN NULL ELSE coalesce(replace(%s, ',', ''), '0')::numeric END",
		      sql_wrap(g, s, PREC_IS + 1), p.s);
}

/* The number a conversion function starts from, by its argument's type. */
static Sql conv_source(Gen *g, const Expr *e, bool exponent)
{
	const Expr *a = e->args[0];
	Sql x = sql_gen(g, a);
	if (x.type == XT_STRING)
		return num_prefix(g, x, exponent);
	if (x.type == XT_DATE) {
		sql_note(g, W_EXPR_UNSUPPORTED, a, "%s does not convert dates", e->fn->name);
		return x;
	}
	return sql_as_value(g, x);
}

/* TO_INTEGER / TO_BIGINT (value [, truncate]). */
static Sql gen_to_integer(Gen *g, const Expr *e, ExprType t)
{
	Sql x = conv_source(g, e, false);
	if (x.type == XT_INTEGER && t == XT_INTEGER)
		return x;
	if ((x.type == XT_INTEGER || x.type == XT_BIGINT))
		return sql_cast(g, x, t);
	double flag = 0;
	bool flag_lit = e->nargs < 2 || sql_literal_number(e->args[1], &flag);
	Sql num = sql_as_decimal(g, x);
	Sql rounded =
	    sql_cast(g, sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, num, sql_lit(g, XT_INTEGER, "0")), t);
	Sql truncated =
	    sql_cast(g, sql_prim(g, PRIM_TRUNC, XT_DECIMAL, NULL, 2, num, sql_lit(g, XT_INTEGER, "0")), t);
	if (flag_lit)
		return flag != 0 ? truncated : rounded;
	return sql_mk(g, PREC_PRIMARY, t, "CASE WHEN %s THEN %s ELSE %s END", sql_arg(g, e, 1).s, truncated.s,
		      rounded.s);
}

Sql pc_lower_to_decimal(Gen *g, const Expr *e)
{
	Sql x = sql_as_decimal(g, conv_source(g, e, false));
	if (e->nargs == 1)
		return x;
	return sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, x, sql_arg(g, e, 1));
}

/* A date format argument translated, or NULL (with an issue) when it
 * cannot be. */
static const char *format_arg(Gen *g, const Expr *e, uint32_t i, bool parsing, bool *yy2)
{
	if (e->nargs <= i) {
		sql_note(g, W_EXPR_SETTING, e,
			 "without a format, %s uses the session's date format; '%s' is assumed", e->fn->name,
			 g->lang->sem.date_format);
		return sql_quote(g, sql_date_format(g, g->lang->sem.date_format));
	}
	const Expr *f = e->args[i];
	if (f->kind != EX_STRING) {
		sql_note(g, W_EXPR_DIFFERENCE, f,
			 "the format is not a literal, so it is passed to PostgreSQL untranslated");
		return sql_arg(g, e, i).s;
	}
	DateFmt d;
	if (!sql_datefmt(g, f->text, &d)) {
		sql_error_at(g, E_EXPR_ARG, f->off + 1 + (uint32_t)d.bad_off, 1, "%s in the date format '%s'",
			     d.bad, f->text);
		sbuf_release(&d.pg);
		sbuf_release(&d.re);
		return NULL;
	}
	if (parsing && (d.flags & DF_YY))
		sql_note(g, W_EXPR_DIFFERENCE, f,
			 "a year of 1 or 3 digits is read in the current century by PowerCenter and "
			 "nearest to 2020 by PostgreSQL");
	if (parsing && (d.flags & DF_YY2) && yy2)
		*yy2 = true;
	if (parsing && (d.flags & DF_RR))
		sql_note(g, W_EXPR_DIFFERENCE, f,
			 "RR years: PostgreSQL's window (nearest to 2020) differs from PowerCenter's at its "
			 "edges");
	if (d.flags & DF_NS)
		sql_note(g, W_EXPR_DIFFERENCE, f, "nanoseconds are cut to microseconds");
	const char *r = sql_quote(g, d.pg.buf);
	sbuf_release(&d.pg);
	sbuf_release(&d.re);
	return r;
}

Sql pc_lower_to_char(Gen *g, const Expr *e)
{
	Sql x = sql_gen(g, e->args[0]);
	if (x.type == XT_DATE) {
		const char *f = format_arg(g, e, 1, false, NULL);
		return sql_prim(g, PRIM_TO_CHAR_DATE, XT_STRING, NULL, 2, x,
				sql_lit(g, XT_STRING, f ? f : "''"));
	}
	if (e->nargs == 2)
		sql_note(g, W_EXPR_IGNORED, e->args[1], "TO_CHAR of a number takes no format; it is ignored");
	return sql_as_text(g, x, e->args[0]);
}

Sql pc_lower_to_date(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	bool yy2 = false;
	const char *f = format_arg(g, e, 1, true, &yy2);
	sql_note(g, W_EXPR_DIFFERENCE, e,
		 "PostgreSQL reads dates more leniently: text whose separators differ from the format "
		 "converts where PowerCenter rejects the row");
	Sql t = sql_prim(g, PRIM_TO_TIMESTAMP, XT_DATE, NULL, 2, s, sql_lit(g, XT_STRING, f ? f : "''"));
	if (!yy2)
		return t;
	/* YY is read in the current century; PostgreSQL picked the year
	 * nearest 2020 with the same two last digits: move it */
	Sql year =
	    sql_cast(g, sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_YEAR), 1, t), XT_INTEGER);
	Sql now = sql_cast(g,
			   sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_YEAR), 1,
				    sql_prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0)),
			   XT_INTEGER);
	Sql shift =
	    sql_mk(g, PREC_ADD, XT_INTEGER, "%s / 100 * 100 + %s %% 100 - %s", sql_wrap(g, now, PREC_MUL),
		   sql_wrap(g, year, PREC_MUL), sql_wrap(g, year, PREC_ADD + 1));
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_YEAR), 2, t, shift);
}

/* IS_DATE(s, fmt): the text has the format's shape and names a real
 * date and time.  The shape is a regular expression whose capture groups
 * hold the parts; the calendar check runs on them, guarded so that no
 * conversion can fail:
 *   CASE WHEN s IS NULL THEN NULL ELSE coalesce((SELECT CASE WHEN <month out
 *   of range> THEN false WHEN <day past the month's end> THEN false ... ELSE
 *   true END FROM (SELECT regexp_match(s, re, 'i') AS akko_m) AS akko_x WHERE
 *   akko_m IS NOT NULL), false) END */
Sql pc_lower_is_date(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0);
	const char *fmt = e->nargs == 2 && e->args[1]->kind == EX_STRING ? e->args[1]->text
			  : e->nargs == 1                                ? g->lang->sem.date_format
									 : NULL;
	if (!fmt) {
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[1],
			 "IS_DATE needs a literal format to be translated");
		return s;
	}
	DateFmt d;
	if (!sql_datefmt(g, fmt, &d)) {
		sql_error_at(g, E_EXPR_ARG, e->off, e->len, "%s in the date format '%s'", d.bad, fmt);
		sbuf_release(&d.pg);
		sbuf_release(&d.re);
		return s;
	}
	const int *gr = d.group;
	const char *month =
	    gr[DP_MONTH] ? arena_sprintf(g->a, "akko_m[%d]::integer", gr[DP_MONTH])
	    : gr[DP_MONTH_NAME]
		? arena_sprintf(g->a,
				"array_position(ARRAY['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', "
				"'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], upper(left(akko_m[%d], 3)))",
				gr[DP_MONTH_NAME])
		: "1";
	const char *year = gr[DP_YEAR] ? arena_sprintf(g->a, "akko_m[%d]::integer", gr[DP_YEAR])
			   : gr[DP_YY] ? arena_sprintf(g->a, "2000 + akko_m[%d]::integer", gr[DP_YY])
				       : "2000";
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "CASE WHEN %s IS NULL THEN NULL ELSE coalesce((SELECT CASE",
		  sql_wrap(g, s, PREC_IS + 1));
	sbuf_addf(&b, " WHEN %s < 1 THEN FALSE", year);
	if (gr[DP_MONTH])
		sbuf_addf(&b, " WHEN %s NOT BETWEEN 1 AND 12 THEN FALSE", month);
	if (gr[DP_DAY])
		sbuf_addf(
		    &b,
		    " WHEN akko_m[%d]::integer NOT BETWEEN 1 AND extract(day FROM make_date(%s, %s, 1) + "
		    "interval '1 month - 1 day') THEN FALSE",
		    gr[DP_DAY], year, month);
	static const struct {
		DatePart part;
		const char *range;
	} ranges[] = {{DP_HOUR24, "0 AND 23"},
		      {DP_HOUR12, "1 AND 12"},
		      {DP_MINUTE, "0 AND 59"},
		      {DP_SECOND, "0 AND 59"}};
	for (size_t i = 0; i < ARRAY_LEN(ranges); i++)
		if (gr[ranges[i].part])
			sbuf_addf(&b, " WHEN akko_m[%d]::integer NOT BETWEEN %s THEN FALSE",
				  gr[ranges[i].part], ranges[i].range);
	sbuf_addf(&b,
		  " ELSE TRUE END FROM (SELECT regexp_match(%s, %s, 'i') AS akko_m) AS akko_x WHERE akko_m "
		  "IS NOT NULL), "
		  "FALSE) END",
		  s.s, sql_quote(g, d.re.buf));
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, XT_BOOLEAN, false};
	sbuf_release(&b);
	sbuf_release(&d.pg);
	sbuf_release(&d.re);
	return r;
}

/* ---- dates ------------------------------------------------------------------------ */

static bool unit_of(Gen *g, const Expr *e, uint32_t i, DateUnit *u)
{
	if (e->nargs <= i) {
		*u = DU_DAY;
		return true;
	}
	const Expr *a = e->args[i];
	int unit;
	if (a->kind != EX_STRING || !pc_date_unit(a->text, &unit))
		return false; /* sema reported it */
	*u = (DateUnit)unit;
	if (*u == DU_NS)
		sql_note(g, W_EXPR_DIFFERENCE, a, "nanoseconds are cut to microseconds");
	return true;
}

/* Divisors from seconds to DU_MS, DU_US, DU_NS. */
static const char *const subsecond[] = {"1000.0", "1000000.0", "1000000000.0"};

Sql pc_lower_add_to_date(Gen *g, const Expr *e)
{
	Sql d = sql_arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql n = sql_as_value(g, sql_gen(g, e->args[2]));
	if (u >= DU_SECOND) {
		if (u > DU_SECOND)
			n = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", sql_wrap(g, n, PREC_MUL),
				   subsecond[u - DU_MS]);
		return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_SECOND), 2, d, n);
	}
	return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, u), 2, d,
			sql_as_int(g, n, e->args[2]));
}

/* Months between two dates with each month's fraction prorated by its
 * own length. */
static Sql month_diff(Gen *g, Sql a, Sql b)
{
	Sql part[2];
	for (int i = 0; i < 2; i++) {
		Sql d = i ? b : a;
		Sql start = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_MONTH), 1, d);
		Sql next = sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_MONTH), 2, start,
				    sql_lit(g, XT_INTEGER, "1"));
		part[i] =
		    sql_mk(g, PREC_ADD, XT_DECIMAL, "%s * 12 + %s + %s / %s",
			   sql_wrap(g, sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_YEAR), 1, d),
				    PREC_MUL),
			   sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_MONTH), 1, d).s,
			   sql_wrap(g, sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, d, start), PREC_MUL),
			   sql_wrap(g, sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, next, start),
				    PREC_MUL + 1));
	}
	return sql_mk(g, PREC_ADD, XT_DECIMAL, "%s - %s", part[0].s, sql_wrap(g, part[1], PREC_ADD + 1));
}

Sql pc_lower_date_diff(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	DateUnit u;
	if (!unit_of(g, e, 2, &u))
		return a;
	Sql x;
	if (u == DU_MONTH || u == DU_YEAR) {
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "month and year differences prorate each month's fraction by its length; "
			 "PowerCenter's exact formula is unverified");
		x = month_diff(g, a, b);
		if (u == DU_YEAR)
			x = sql_mk(g, PREC_MUL, XT_DECIMAL, "(%s) / 12", x.s);
	} else {
		static const char *const per[] = {"",  "",      "86400",    "3600",       "60",
						  "1", "0.001", "0.000001", "0.000000001"};
		x = sql_prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, a, b);
		if (u != DU_SECOND)
			x = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", sql_wrap(g, x, PREC_MUL), per[u]);
	}
	return sql_cast(g, x, XT_DOUBLE);
}

Sql pc_lower_get_date_part(Gen *g, const Expr *e)
{
	Sql d = sql_arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql x;
	switch (u) {
	case DU_SECOND:
		x = sql_mk(g, PREC_PRIMARY, XT_DECIMAL, "floor(%s)",
			   sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_SECOND), 1, d).s);
		break;
	case DU_MS:
	case DU_US:
	case DU_NS: {
		Sql us = sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, DU_US), 1, d);
		const char *f = u == DU_MS   ? "floor(%s / 1000) %% 1000"
				: u == DU_US ? "%s %% 1000000"
					     : "(%s %% 1000000) * 1000";
		x = sql_mk(g, PREC_MUL, XT_DECIMAL, f, sql_wrap(g, us, PREC_MUL));
		break;
	}
	default: x = sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, u), 1, d);
	}
	return sql_cast(g, x, XT_INTEGER);
}

/* TRUNC and ROUND of dates. */
static Sql gen_date_round(Gen *g, const Expr *e, bool round_up)
{
	Sql d = sql_arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	if (u == DU_NS || (u == DU_US && round_up))
		return d;
	Sql t = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, u), 1, d);
	if (!round_up)
		return t;
	switch (u) {
	case DU_YEAR:
	case DU_MONTH: { /* July or later / the 16th or later round up */
		Sql part = sql_prim(g, PRIM_EXTRACT, XT_DECIMAL,
				    sql_unit_word(g, u == DU_YEAR ? DU_MONTH : DU_DAY), 1, d);
		Sql up = sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, u), 2, t,
				  sql_lit(g, XT_INTEGER, "1"));
		return sql_mk(g, PREC_PRIMARY, XT_DATE, "CASE WHEN %s >= %s THEN %s ELSE %s END",
			      sql_wrap(g, part, PREC_CMP + 1), u == DU_YEAR ? "7" : "16", up.s, t.s);
	}
	default: { /* add half a unit, then truncate */
		static const struct {
			DateUnit unit;
			const char *amount;
		} half[] = {{DU_DAY, "12"},
			    {DU_HOUR, "30"},
			    {DU_MINUTE, "30"},
			    {DU_SECOND, "0.5"},
			    {DU_MS, "0.0005"}};
		for (size_t i = 0; i < ARRAY_LEN(half); i++)
			if (half[i].unit == u) {
				DateUnit by = u == DU_DAY ? DU_HOUR : u == DU_HOUR ? DU_MINUTE : DU_SECOND;
				Sql shifted =
				    sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, by), 2, d,
					     sql_lit(g, XT_DECIMAL, half[i].amount));
				return sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, u), 1, shifted);
			}
		return t;
	}
	}
}

Sql pc_lower_set_date_part(Gen *g, const Expr *e)
{
	Sql d = sql_arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql v = sql_arg(g, e, 2);
	if (u >= DU_MS) {
		Sql secs = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_SECOND), 1, d);
		return sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_SECOND), 2, secs,
				sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", sql_wrap(g, v, PREC_MUL),
				       subsecond[u - DU_MS]));
	}
	Sql parts[6];
	static const DateUnit order[] = {DU_YEAR, DU_MONTH, DU_DAY, DU_HOUR, DU_MINUTE, DU_SECOND};
	for (int i = 0; i < 6; i++) {
		if (order[i] == u)
			parts[i] = i == 5 ? sql_cast(g, v, XT_DOUBLE) : v;
		else
			parts[i] = sql_cast(
			    g, sql_prim(g, PRIM_EXTRACT, XT_DECIMAL, sql_unit_word(g, order[i]), 1, d),
			    i == 5 ? XT_DOUBLE : XT_INTEGER);
	}
	return sql_tmpl(g, g->d->prim[PRIM_MAKE_TIMESTAMP], XT_DATE, NULL, parts, 6);
}

Sql pc_lower_last_day(Gen *g, const Expr *e)
{
	Sql d = sql_arg(g, e, 0);
	sql_note(g, W_EXPR_UNVERIFIED, e, "LAST_DAY keeps the time of day; PowerCenter's rule is unverified");
	Sql start = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_MONTH), 1, d);
	Sql day = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_DAY), 1, d);
	Sql last = sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_DAY), 2,
			    sql_prim(g, PRIM_ADD_INTERVAL, XT_DATE, sql_interval_unit(g, DU_MONTH), 2, start,
				     sql_lit(g, XT_INTEGER, "1")),
			    sql_lit(g, XT_INTEGER, "-1"));
	return sql_mk(g, PREC_ADD, XT_DATE, "%s + (%s - %s)", sql_wrap(g, d, PREC_ADD), last.s,
		      sql_wrap(g, day, PREC_ADD + 1));
}

/* ---- numbers --------------------------------------------------------------------- */

static Sql gen_round_num(Gen *g, const Expr *e, bool trunc)
{
	Sql x = sql_as_value(g, sql_gen(g, e->args[0]));
	if (x.type == XT_INTEGER || x.type == XT_BIGINT) {
		double p;
		if (e->nargs == 1 || (sql_literal_number(e->args[1], &p) && round(p) >= 0))
			return x;
	}
	Sql p = e->nargs == 2 ? sql_arg(g, e, 1) : sql_lit(g, XT_INTEGER, "0");
	p = sql_as_int(g, p, e->nargs == 2 ? e->args[1] : e);
	Sql r = sql_prim(g, trunc ? PRIM_TRUNC : PRIM_ROUND, XT_DECIMAL, NULL, 2, sql_as_decimal(g, x), p);
	if (x.type == XT_DOUBLE)
		return sql_cast(g, r, XT_DOUBLE);
	if (x.type == XT_INTEGER || x.type == XT_BIGINT)
		return sql_cast(g, r, x.type);
	return r;
}

/* FIRST/LAST(x [, filter]): the first (last) non-NULL value in the order
 * the rows arrive, which a Sorter gave them: the first element of the
 * values aggregated in that order (reversed for LAST). */
Sql pc_lower_first(Gen *g, const Expr *e)
{
	Sql x = sql_arg(g, e, 0);
	const char *keys = g->env->arrival_order;
	if (e->fn->id == FN_LAST)
		keys = expr_order_reversed(g->a, keys);
	Sbuf w = SBUF_INIT;
	sbuf_addf(&w, "%s IS NOT NULL", sql_wrap(g, x, PREC_IS + 1));
	if (e->nargs > 1)
		sbuf_addf(&w, " AND (%s)", sql_as_cond(g, sql_arg(g, e, 1)).s);
	Sql r = sql_mk(g, PREC_PRIMARY, x.type, "(array_agg(%s ORDER BY %s) FILTER (WHERE %s))[1]", x.s, keys,
		       w.buf);
	sbuf_release(&w);
	return r;
}

Sql pc_lower_last(Gen *g, const Expr *e)
{
	return pc_lower_first(g, e); /* the order reverses for LAST */
}

/* ---- the rest of the catalogue's hooks ------------------------------------------------ */

Sql pc_lower_concat(Gen *g, const Expr *e)
{
	return sql_concat(g, e);
}

Sql pc_lower_to_integer(Gen *g, const Expr *e)
{
	return gen_to_integer(g, e, XT_INTEGER);
}

Sql pc_lower_to_bigint(Gen *g, const Expr *e)
{
	return gen_to_integer(g, e, XT_BIGINT);
}

Sql pc_lower_to_float(Gen *g, const Expr *e)
{
	Sql x = conv_source(g, e, true);
	return x.type == XT_DOUBLE ? x : sql_cast(g, x, XT_DOUBLE);
}

Sql pc_lower_date_compare(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	const char *x = sql_wrap(g, a, PREC_CMP + 1), *y = sql_wrap(g, b, PREC_CMP + 1);
	return sql_mk(g, PREC_PRIMARY, XT_INTEGER,
		      "CASE WHEN %s < %s THEN -1 WHEN %s > %s THEN 1 WHEN %s = %s THEN 0 END", x, y, x, y, x,
		      y);
}

Sql pc_lower_round(Gen *g, const Expr *e)
{
	if (e->args[0]->type == XT_DATE)
		return gen_date_round(g, e, true);
	return gen_round_num(g, e, false);
}

Sql pc_lower_trunc(Gen *g, const Expr *e)
{
	if (e->args[0]->type == XT_DATE)
		return gen_date_round(g, e, false);
	return gen_round_num(g, e, true);
}

Sql pc_lower_mod(Gen *g, const Expr *e)
{
	Sql a = sql_arg(g, e, 0), b = sql_arg(g, e, 1);
	if (a.type == XT_DOUBLE || b.type == XT_DOUBLE)
		a = sql_cast(g, a, XT_DECIMAL), b = sql_cast(g, b, XT_DECIMAL);
	return sql_prim(g, PRIM_MOD, e->type, NULL, 2, a, b);
}

Sql pc_lower_choose(Gen *g, const Expr *e)
{
	Sql *args = ARENA_NEWN(g->a, Sql, e->nargs);
	for (uint32_t i = 0; i < e->nargs; i++)
		args[i] = i ? sql_branch(g, e->args[i], e->type) : sql_arg(g, e, i);
	return sql_tmpl(g, g->d->prim[PRIM_ARRAY_PICK], e->type, NULL, args, (int)e->nargs);
}

Sql pc_lower_indexof(Gen *g, const Expr *e)
{
	Sql v = sql_as_value(g, sql_gen(g, e->args[0]));
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "CASE %s", v.s);
	for (uint32_t i = 1; i < e->nargs; i++)
		sbuf_addf(&b, " WHEN %s THEN %u", sql_as_value(g, sql_gen(g, e->args[i])).s, i);
	sbuf_adds(&b, " ELSE 0 END");
	sql_note(g, W_EXPR_UNVERIFIED, e, "INDEXOF: %s", e->fn->notes);
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, XT_INTEGER, false};
	sbuf_release(&b);
	return r;
}

Sql pc_lower_reg_match(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), p = sql_arg(g, e, 1);
	Sql anchored =
	    e->args[1]->kind == EX_STRING
		? sql_lit(g, XT_STRING, sql_quote(g, arena_sprintf(g->a, "^(?:%s)$", e->args[1]->text)))
		: sql_mk(g, PREC_OTHER, XT_STRING, "'^(?:' || %s || ')$'", sql_wrap(g, p, PREC_OTHER + 1));
	sql_note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
	return sql_prim(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, NULL, 2, s, anchored);
}

Sql pc_lower_reg_extract(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), p = sql_arg(g, e, 1);
	double n = 1;
	if (e->nargs == 3 && !sql_literal_number(e->args[2], &n))
		n = -1;
	sql_note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
	Sql whole = sql_mk(g, PREC_OTHER, XT_STRING, "'(' || %s || ')'", sql_wrap(g, p, PREC_OTHER + 1));
	Sql one = sql_lit(g, XT_INTEGER, "1");
	if (n == 0)
		return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, whole, one);
	if (n > 0)
		return sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, p,
				sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%.0f", n)));
	/* a group number from a port: 0 is the whole match */
	Sql idx = sql_arg(g, e, 2);
	return sql_mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s = 0 THEN %s ELSE %s END",
		      sql_wrap(g, idx, PREC_CMP + 1),
		      sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, whole, one).s,
		      sql_prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, p, idx).s);
}

Sql pc_lower_reg_replace(Gen *g, const Expr *e)
{
	Sql s = sql_arg(g, e, 0), p = sql_arg(g, e, 1), r = sql_arg(g, e, 2);
	double n = 0;
	if (e->nargs == 4 && (!sql_literal_number(e->args[3], &n) || n > 1)) {
		sql_note(g, W_EXPR_UNSUPPORTED, e->args[3],
			 "REG_REPLACE with a replacement count other than 1 is not translated");
		return s;
	}
	if (e->args[2]->kind == EX_STRING) { /* $1 back references become \1 */
		Sbuf b = SBUF_INIT;
		for (const char *c = e->args[2]->text; *c; c++)
			sbuf_addch(&b, *c == '$' && c[1] >= '0' && c[1] <= '9' ? '\\' : *c);
		r = sql_lit(g, XT_STRING, sql_quote(g, b.buf));
		sbuf_release(&b);
	}
	sql_note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
	return sql_prim(g, PRIM_REGEX_REPLACE, XT_STRING, n == 1 ? "" : "g", 3, s, p, r);
}

Sql pc_lower_systimestamp(Gen *g, const Expr *e)
{
	if (e->nargs)
		sql_note(g, W_EXPR_IGNORED, e->args[0], "the precision of SYSTIMESTAMP is ignored");
	return sql_prim(g, PRIM_NOW_ROW, XT_DATE, NULL, 0);
}

/* MAKE_DATE_TIME(y, mo, d, h, mi, s [, ns]): seconds as a double. */
Sql pc_lower_make_date_time(Gen *g, const Expr *e)
{
	if (e->nargs == 7)
		sql_note(g, W_EXPR_IGNORED, e->args[6], "nanoseconds are ignored");
	Sql args[6];
	for (uint32_t i = 0; i < 6; i++)
		args[i] = sql_arg(g, e, i);
	args[5] = sql_cast(g, args[5], XT_DOUBLE);
	return sql_tmpl(g, g->d->prim[PRIM_MAKE_TIMESTAMP], e->type, NULL, args, 6);
}

/* PERCENTILE(x, p [, filter]): p is a percentage; the core operation
 * takes a fraction. */
Sql pc_lower_percentile(Gen *g, const Expr *e)
{
	Sql v[2] = {sql_arg(g, e, 0), sql_arg(g, e, 1)};
	v[1] = sql_mk(g, PREC_MUL, XT_DECIMAL, "%s / 100.0", sql_wrap(g, v[1], PREC_MUL));
	return sql_aggregate(g, e, PRIM_AGG_PERCENTILE, v);
}

/* A value entering a port of another datatype (an implicit EX_CAST):
 * PowerCenter converts it as the TO_ function of the port's type does
 * ("Datatype Conversion" in the Transformation Guide): a string entering
 * a number port reads its leading number, a number or a date entering a
 * string port prints as TO_CHAR prints it, a string entering a date port
 * is read in the default date format; a decimal port keeps its scale. */
Sql pc_convert(Gen *g, const Expr *cast)
{
	const ExprCast *c = cast->cast;
	FuncId id;
	switch (c->to) {
	case XT_STRING: id = FN_TO_CHAR; break;
	case XT_INTEGER: id = FN_TO_INTEGER; break;
	case XT_BIGINT: id = FN_TO_BIGINT; break;
	case XT_DECIMAL: id = FN_TO_DECIMAL; break;
	case XT_DOUBLE: id = FN_TO_FLOAT; break;
	case XT_DATE: id = FN_TO_DATE; break;
	default: return sql_cast(g, sql_as_value(g, sql_gen(g, cast->args[0])), c->to);
	}
	Expr *call = ARENA_NEW(g->a, Expr);
	*call = *cast;
	call->kind = EX_CALL;
	call->fn = &pc_funcs[id];
	call->name = call->fn->name;
	call->cast = NULL;
	call->args = ARENA_NEWN(g->a, Expr *, 2);
	call->args[0] = cast->args[0];
	call->nargs = 1;
	if (id == FN_TO_DECIMAL && c->precision > 0 && c->scale >= 0) {
		Expr *s = ARENA_NEW(g->a, Expr);
		*s = (Expr){.kind = EX_NUMBER,
			    .text = arena_sprintf(g->a, "%d", (int)c->scale),
			    .type = XT_INTEGER,
			    .not_null = true,
			    .depth = 1};
		call->args[call->nargs++] = s;
	}
	return call->fn->lower(g, call);
}

/* ---- mapping-variable functions ---------------------------------------------------- */

/* The Transformation Language Reference (PowerCenter 10.4, "SETVARIABLE",
 * "SETMAXVARIABLE", "SETMINVARIABLE", "SETCOUNTVARIABLE"): each call sets
 * the variable's *current value*, which starts as its *start value* (the
 * value the run was given: akko.<name>, set by the runner from the value
 * the last run persisted) and is persisted at the end of a successful run.
 * SETVARIABLE returns the value it is given; SETMAXVARIABLE and
 * SETMINVARIABLE set the current value to the higher (lower) of the
 * current value and the value, and return the new current value (a NULL
 * value leaves it as it was: Informatica Cloud's copy of the page says so,
 * and greatest()/least()/max()/min() ignore NULLs the same way);
 * SETCOUNTVARIABLE adds one per row marked for insert (minus one per row
 * marked for delete) and returns the new count.  The current value after
 * a row is therefore a running aggregate over the rows so far, in the
 * order they arrive: a window from the first row to this one.  Every row
 * counts as an insert: the row type is the session's ("Treat source rows
 * as", insert by default) until an Update Strategy changes it.  What the
 * run persists at its end is the rule engine's (variable_updates,
 * docs/pipeline-yaml.md). */

/* Is the first argument a variable ($$NAME)?  W0510 when not. */
static bool var_named(Gen *g, const Expr *e)
{
	if (e->args[0]->kind == EX_PARAM)
		return true;
	sql_note(g, W_EXPR_UNSUPPORTED, e->args[0], "the first argument of %s must be a mapping variable ($$NAME)",
		 e->fn->name);
	return false;
}

/* The window of a running value ("ORDER BY keys " or ""): the rows so far
 * in the order they arrive.  A condition or an aggregating step has no
 * such row (W0510); without a Sorter the order is PostgreSQL's (W0511). */
static bool var_window(Gen *g, const Expr *e, const char **order)
{
	if (g->env->condition || g->env->grouped) {
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "%s is not translated in a %s: its value runs over the rows of a row-wise step",
			 e->fn->name, g->env->condition ? "condition" : "grouping step");
		return false;
	}
	if (g->env->row_order) {
		*order = arena_sprintf(g->a, "ORDER BY %s ", g->env->row_order);
		return true;
	}
	*order = "";
	sql_note(g, W_EXPR_DIFFERENCE, e,
		 "%s runs over the rows in the order they arrive; no Sorter orders them here, so the SQL "
		 "takes PostgreSQL's order",
		 e->fn->name);
	return true;
}

Sql pc_lower_setvariable(Gen *g, const Expr *e)
{
	if (!var_named(g, e))
		return sql_lit(g, e->type, "NULL");
	return sql_arg(g, e, 1); /* "Returns the specified value" */
}

/* SETMAXVARIABLE and SETMINVARIABLE: greatest(start, max(value) over the
 * rows so far); strings compare in byte order, as comparisons do. */
Sql pc_lower_setmaxvariable(Gen *g, const Expr *e)
{
	const char *order;
	if (!var_named(g, e) || !var_window(g, e, &order))
		return sql_lit(g, e->type, "NULL");
	bool max = (e->fn->flags & FF_VAR_MAX) != 0;
	Sql start = sql_gen(g, e->args[0]), v = sql_arg(g, e, 1);
	if (v.type != e->type)
		v = sql_cast(g, v, e->type);
	if (e->type == XT_STRING && g->d->string_order_suffix)
		v = sql_mk(g, PREC_PRIMARY, XT_STRING, "(%s%s)", sql_wrap(g, v, PREC_CAST), g->d->string_order_suffix);
	Sql run = sql_prim(g, max ? PRIM_RUNNING_MAX : PRIM_RUNNING_MIN, e->type, order, 1, v);
	return sql_prim(g, max ? PRIM_GREATEST : PRIM_LEAST, e->type, NULL, 2, start, run);
}

/* SETCOUNTVARIABLE: start + the rows so far. */
Sql pc_lower_setcountvariable(Gen *g, const Expr *e)
{
	const char *order;
	if (!var_named(g, e) || !var_window(g, e, &order))
		return sql_lit(g, XT_INTEGER, "NULL");
	Sql start = sql_gen(g, e->args[0]);
	if (start.type != XT_INTEGER && start.type != XT_BIGINT)
		start = sql_cast(g, start, XT_INTEGER);
	Sql n = sql_prim(g, PRIM_RUNNING_COUNT, XT_BIGINT, order, 0);
	Sql sum = sql_mk(g, PREC_ADD, XT_BIGINT, "%s + %s", sql_wrap(g, start, PREC_ADD), sql_wrap(g, n, PREC_ADD + 1));
	return sql_cast(g, sum, XT_INTEGER);
}
