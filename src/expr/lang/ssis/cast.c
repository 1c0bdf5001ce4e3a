/* cast.c - SSIS casts (src/expr/lang/ssis): `(DT_I4)x`, `(DT_WSTR, 10)x`,
 * NULL(DT_x), and the implicit conversions, which follow the same rules.
 * "Cast (SSIS Expression)" and "Integration Services Data Types"
 * (EXPRESSIONS.md §2.4) are the source: a number to an integer rounds,
 * TRUE is -1 as a number, a string longer than the cast's length is a
 * truncation error (never cut silently), a string to a date is read in ISO
 * form.
 */
#include <string.h>

#include "expr/lang/ssis/ssis.h"

/* The range a DT_ integer type checks that the dialect's integer does not
 * (DT_I1, DT_I2, the unsigned types), or false. */
static bool int_range(const char *dt, const char **lo, const char **hi)
{
	static const struct {
		const char *name, *lo, *hi;
	} ranges[] = {
	    {"DT_I1", "-128", "127"}, {"DT_I2", "-32768", "32767"},  {"DT_UI1", "0", "255"},
	    {"DT_UI2", "0", "65535"}, {"DT_UI4", "0", "4294967295"}, {"DT_UI8", "0", "9223372036854775807"},
	};
	for (size_t i = 0; dt && i < ARRAY_LEN(ranges); i++)
		if (strcmp(dt, ranges[i].name) == 0) {
			*lo = ranges[i].lo;
			*hi = ranges[i].hi;
			return true;
		}
	return false;
}

static Sql typed(Gen *g, Sql x, const ExprCast *c)
{
	const char *type = g->d->type_name[c->to];
	if (c->precision > 0 && g->d->type_with_scale[c->to])
		type = arena_sprintf(g->a, g->d->type_with_scale[c->to], (int)c->precision,
				     (int)(c->scale > 0 ? c->scale : 0));
	Sql r = sql_prim(g, PRIM_CAST, c->to, type, 1, x);
	r.not_null = x.not_null;
	return r;
}

/* TRUE is -1, FALSE 0 */
static Sql bool_number(Gen *g, Sql x)
{
	Sql i = sql_cast(g, x, XT_INTEGER);
	Sql r = sql_mk(g, PREC_UNARY, XT_INTEGER, "-%s", sql_wrap(g, i, PREC_UNARY));
	r.not_null = x.not_null;
	return r;
}

static Sql to_number(Gen *g, const Expr *e, Sql x, const ExprCast *c)
{
	const char *dt = e->name;
	if (x.type == XT_BOOLEAN)
		x = bool_number(g, x);
	bool whole_target = c->to == XT_INTEGER || c->to == XT_BIGINT;
	if (whole_target && (x.type == XT_DOUBLE || x.type == XT_DECIMAL)) {
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "%s rounds a fraction; whether SSIS rounds .5 away from zero (as here) or to even "
			 "is unverified",
			 dt ? dt : "the conversion");
		x = sql_as_decimal(g, x); /* numeric rounds half away from zero */
	}
	if (dt && strcmp(dt, "DT_R4") == 0)
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "DT_R4 keeps about 7 significant digits; the SQL keeps a double's 15");
	if (dt && strcmp(dt, "DT_UI8") == 0)
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "DT_UI8 values above 9223372036854775807 overflow the SQL bigint");
	ExprCast cc = *c;
	if (dt && strcmp(dt, "DT_CY") == 0)
		cc.precision = 19, cc.scale = 4;
	if (dt && strcmp(dt, "DT_DECIMAL") == 0)
		cc.precision = 29;
	Sql r = typed(g, x, &cc);
	const char *lo, *hi;
	if (int_range(dt, &lo, &hi)) {
		const char *v = sql_wrap(g, r, PREC_CMP + 1);
		const char *bad = arena_sprintf(g->a, "%s < %s OR %s > %s", v, lo, v, hi);
		Sql err = ssis_row_error(g, arena_sprintf(g->a, "overflow converting to %s", dt), r, r.type);
		r = sql_mk(g, PREC_PRIMARY, c->to, "CASE WHEN %s THEN %s ELSE %s END", bad, err.s, r.s);
	}
	return r;
}

/* A value as SSIS writes it as a string. */
static Sql to_text(Gen *g, const Expr *e, Sql x)
{
	switch (x.type) {
	case XT_BOOLEAN:
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "a DT_BOOL as a string is taken to be \"True\" or \"False\"");
		return sql_mk(g, PREC_PRIMARY, XT_STRING,
			      "CASE %s WHEN TRUE THEN 'True' WHEN FALSE THEN 'False' END", x.s);
	case XT_DATE:
	case XT_TIME:
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "a date as a string is written yyyy-mm-dd hh:mi:ss with the fraction only when it "
			 "is not zero; SSIS's exact form for fractions is unverified");
		return sql_cast(g, x, XT_STRING);
	case XT_STRING:
	case XT_NULL:
	case XT_UNKNOWN: return x;
	default: return sql_cast(g, x, XT_STRING);
	}
}

static Sql to_string(Gen *g, const Expr *e, Sql x, const ExprCast *c)
{
	const char *dt = e->name;
	if (dt && (strcmp(dt, "DT_STR") == 0 || strcmp(dt, "DT_TEXT") == 0))
		sql_note(g, W_EXPR_IGNORED, e,
			 "the code page of %s is ignored: the SQL string is Unicode, where SSIS fails on a "
			 "character the code page lacks",
			 dt);
	if (dt && strcmp(dt, "DT_GUID") == 0)
		sql_note(g, W_EXPR_DIFFERENCE, e, "DT_GUID is kept as the text it converts from");
	Sql t = to_text(g, e, x);
	if (c->length <= 0)
		return t;
	/* a longer value is a truncation error, never cut */
	Sql len = sql_prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, t);
	Sql err = ssis_row_error(
	    g, arena_sprintf(g->a, "truncation converting to %s(%d)", dt ? dt : "a string", (int)c->length),
	    t, XT_STRING);
	Sql r = sql_mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s > %d THEN %s ELSE %s END",
		       sql_wrap(g, len, PREC_CMP + 1), (int)c->length, err.s, t.s);
	r.not_null = x.not_null;
	return r;
}

static Sql to_date(Gen *g, const Expr *e, Sql x, const ExprCast *c)
{
	const char *dt = e->name;
	if (expr_type_numeric(x.type) && x.type != XT_BOOLEAN) {
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "a number converted to a date (days since 1899-12-30) is not translated");
		return sql_lit(g, c->to, "NULL");
	}
	if (x.type == XT_BOOLEAN) {
		sql_note(g, W_EXPR_UNSUPPORTED, e, "SSIS cannot convert DT_BOOL to a date");
		return sql_lit(g, c->to, "NULL");
	}
	if (dt && strcmp(dt, "DT_DBTIMESTAMPOFFSET") == 0)
		sql_note(g, W_EXPR_DIFFERENCE, e, "the time zone offset of DT_DBTIMESTAMPOFFSET is dropped");
	Sql r = x.type == c->to ? x : sql_cast(g, x, c->to);
	if (dt && strcmp(dt, "DT_DBDATE") == 0)
		r = sql_prim(g, PRIM_DATE_TRUNC, XT_DATE, sql_unit_word(g, DU_DAY), 1, r);
	r.not_null = x.not_null;
	return r;
}

static Sql to_bool(Gen *g, const Expr *e, Sql x)
{
	if (x.type == XT_BOOLEAN)
		return x;
	if (expr_type_numeric(x.type)) {
		Sql r = sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s <> 0", sql_wrap(g, x, PREC_CMP + 1));
		r.not_null = x.not_null;
		return r;
	}
	if (x.type == XT_STRING)
		sql_note(g, W_EXPR_UNVERIFIED, e,
			 "a string to DT_BOOL accepts \"True\"/\"False\" in SSIS; the SQL also accepts t, "
			 "yes, 1...");
	return sql_cast(g, x, XT_BOOLEAN);
}

Sql ssis_cast(Gen *g, const Expr *e)
{
	const ExprCast *c = e->cast;
	const Expr *arg = e->args[0];
	if (sql_is_null_literal(arg)) /* NULL(DT_x) */
	{
		Sql n = sql_cast(g, sql_lit(g, XT_NULL, "NULL"), c->to);
		n.not_null = false;
		return n;
	}
	Sql x = sql_gen(g, arg);
	switch (c->to) {
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE:
		if (x.type == XT_DATE || x.type == XT_TIME) {
			sql_note(g, W_EXPR_UNSUPPORTED, e, "a date converted to a number is not translated");
			return sql_lit(g, c->to, "NULL");
		}
		return to_number(g, e, x, c);
	case XT_STRING: return to_string(g, e, x, c);
	case XT_DATE:
	case XT_TIME: return to_date(g, e, x, c);
	case XT_BOOLEAN: return to_bool(g, e, x);
	default:
		sql_note(g, W_EXPR_UNSUPPORTED, e, "conversions to %s (bytes) are not translated",
			 e->name ? e->name : "binary");
		return sql_lit(g, c->to, "NULL");
	}
}
