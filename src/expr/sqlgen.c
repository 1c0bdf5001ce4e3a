/* sqlgen.c - print an analysed expression as SQL (src/expr).
 *
 * One printer for every source language.  What the languages share lives
 * here: operators, names, parameters, lookups, aggregates, and the calls
 * that map one to one onto a core operation of the dialect.  Where the
 * vendors differ, the printer reads the language's semantic flags
 * (LangSemantics, lang.h): NULL in concatenation, booleans as numbers,
 * division, identifier case...; it never tests which language it prints.
 * A function whose semantics need more than one call is lowered by its
 * language's hook (FuncDef.lower, lang/<language>/lower.c) with the
 * primitives of sqlgen.h.  Everything spelled differently per target
 * dialect comes from the Dialect's templates (dialect_<name>.c).
 *
 * Each node prints to an arena string with its precedence; a parent wraps
 * a child in parentheses only when the child binds less tightly.  Where
 * the SQL cannot match the source exactly the printer adds a warning that
 * names the difference (and the confidence drops); where it cannot
 * translate at all it records W0510 and the expression is unsupported.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "expr/datefmt.h"
#include "expr/sema.h"
#include "expr/sqlgen.h"

/* Some lowerings repeat an operand (NULL-ordering CASEs, DATE_COMPARE,
 * DECODE against columns), so nesting them can grow the SQL
 * exponentially; beyond this size the expression is not translated. */
#define SQL_MAX_BYTES (256 * 1024)

/* ---- small helpers -------------------------------------------------------- */

void sql_note(Gen *g, DiagCode code, const Expr *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *m = expr_vformat(g->a, fmt, ap);
	va_end(ap);
	if (g->via) {
		/* inside an inlined variable port: the offsets belong to its
		 * text, so the issue goes on the name that reads it */
		const char *msg = arena_sprintf(g->a, "through variable port '%s': %s", g->via->name, m);
		bool dup = false;
		for (uint32_t i = 0; i < g->r->issues.len && !dup; i++) {
			const ExprIssue *is = g->r->issues.items[i];
			dup = is->off == g->via->off && strcmp(is->msg, msg) == 0;
		}
		if (!dup)
			expr_issue_add(g->a, &g->r->issues, code, g->via->off, g->via->len, "%s", msg);
	} else {
		expr_issue_add(g->a, &g->r->issues, code, e->off, e->len ? e->len : 1, "%s", m);
	}
	if (code == W_EXPR_UNSUPPORTED)
		g->r->unsupported = true;
}

void sql_arg_type_error(Gen *g, const Expr *call, uint32_t i, const char *want, ExprType got)
{
	const Expr *a = call->args[i];
	sql_error_at(g, E_EXPR_TYPE, a->off, a->len ? a->len : 1, "%s expects %s as argument %u, not a %s",
		     call->fn->name, want, i + 1, expr_type_name(got));
}

Sql sql_mk(Gen *g, int prec, ExprType t, const char *fmt, ...)
{
	Sbuf b = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sbuf_vaddf(&b, fmt, ap);
	va_end(ap);
	Sql x = {arena_strdup(g->a, b.buf), prec, t, false};
	sbuf_release(&b);
	return x;
}

/* The text of x, in parentheses when it binds less tightly than `min`. */
const char *sql_wrap(Gen *g, Sql x, int min)
{
	if (x.prec >= min)
		return x.s;
	return arena_sprintf(g->a, "(%s)", x.s);
}

/* A quoted SQL string literal; one with line breaks is written E'..\n..'
 * so that the SQL stays on one line. */
const char *sql_quote(Gen *g, const char *s)
{
	Sbuf b = SBUF_INIT;
	if (strpbrk(s, "\n\r")) {
		sbuf_adds(&b, "E'");
		for (; *s; s++) {
			if (*s == '\n' || *s == '\r')
				sbuf_adds(&b, *s == '\n' ? "\\n" : "\\r");
			else if (*s == '\'' || *s == '\\')
				sbuf_addch(&b, '\\'), sbuf_addch(&b, *s);
			else
				sbuf_addch(&b, *s);
		}
		sbuf_addch(&b, '\'');
		const char *r = arena_strdup(g->a, b.buf);
		sbuf_release(&b);
		return r;
	}
	sbuf_addch(&b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sbuf_addch(&b, '\'');
		sbuf_addch(&b, *s);
	}
	sbuf_addch(&b, '\'');
	const char *r = arena_strdup(g->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* Expand a template with arguments (see dialect.h for the syntax). */
Sql sql_tmpl(Gen *g, SqlTmpl t, ExprType type, const char *extra, const Sql *args, int n)
{
	if (!t.t)
		die("dialect '%s' lacks a template the printer needs", g->d->name);
	Sbuf b = SBUF_INIT;
	for (const char *p = t.t; *p; p++) {
		if (*p != '{') {
			sbuf_addch(&b, *p);
			continue;
		}
		const char *close = strchr(p, '}');
		if (!close)
			die("bad template '%s'", t.t);
		if (p[1] == '*' || p[1] == 'r') {
			for (int i = p[1] == 'r'; i < n; i++)
				sbuf_addf(&b, "%s%s", i > (p[1] == 'r') ? ", " : "", args[i].s);
		} else if (p[1] == 'u') {
			sbuf_adds(&b, extra ? extra : "");
		} else {
			int i = p[1] - '1';
			if (i < 0 || i >= n)
				die("template '%s' needs argument %d", t.t, i + 1);
			int prec = t.prec ? t.prec : PREC_PRIMARY;
			sbuf_adds(&b, p[2] == '!'   ? sql_wrap(g, args[i], PREC_PRIMARY)
				      : p[2] == '<' ? sql_wrap(g, args[i], prec)
				      : p[2] == '>' ? sql_wrap(g, args[i], prec + 1)
						    : args[i].s);
		}
		p = close;
	}
	Sql x = {arena_strdup(g->a, b.buf), t.prec ? t.prec : PREC_PRIMARY, type, false};
	sbuf_release(&b);
	return x;
}

Sql sql_prim(Gen *g, SqlPrim p, ExprType type, const char *extra, int n, ...)
{
	Sql args[8];
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n && i < 8; i++)
		args[i] = va_arg(ap, Sql);
	va_end(ap);
	return sql_tmpl(g, g->d->prim[p], type, extra, args, n);
}

Sql sql_lit(Gen *g, ExprType t, const char *text)
{
	Sql x = {arena_strdup(g->a, text), PREC_PRIMARY, t, true};
	return x;
}

Sql sql_cast(Gen *g, Sql x, ExprType t)
{
	Sql r = sql_prim(g, PRIM_CAST, t, g->d->type_name[t], 1, x);
	r.not_null = x.not_null;
	return r;
}

bool sql_literal_number(const Expr *e, double *v)
{
	if (e->kind == EX_UNARY && e->op == OP_NEG && sql_literal_number(e->args[0], v)) {
		*v = -*v;
		return true;
	}
	if (e->kind == EX_NAME && e->constant &&
	    (e->constant->kind == CK_TRUE || e->constant->kind == CK_FALSE)) {
		*v = e->constant->kind == CK_TRUE;
		return true;
	}
	if (e->kind != EX_NUMBER)
		return false;
	*v = strtod(e->text, NULL);
	return true;
}

const char *sql_unit_word(Gen *g, int u)
{
	return g->d->unit_name[u];
}
const char *sql_interval_unit(Gen *g, int u)
{
	return g->d->interval_unit[u];
}

bool sql_is_null_literal(const Expr *e)
{
	return e->kind == EX_NAME && e->constant && e->constant->kind == CK_NULL;
}

void sql_error_at(Gen *g, DiagCode code, uint32_t off, uint32_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	expr_issue_vadd(g->a, &g->r->issues, code, off, len, fmt, ap);
	va_end(ap);
	g->r->errors++;
}

/* ---- date formats ------------------------------------------------------------------ */

bool sql_datefmt(Gen *g, const char *fmt, DateFmt *d)
{
	DateTokens t;
	if (!g->lang->date_tokens(g->a, fmt, &t)) {
		sbuf_init(&d->pg, 0);
		sbuf_init(&d->re, 0);
		d->bad = t.bad;
		d->bad_off = t.bad_off;
		d->flags = 0;
		return false;
	}
	return datefmt_render(g->d, &t, d);
}

const char *sql_date_format(Gen *g, const char *fmt)
{
	DateFmt d;
	const char *r = sql_datefmt(g, fmt, &d) ? arena_strdup(g->a, d.pg.buf) : fmt;
	sbuf_release(&d.pg);
	sbuf_release(&d.re);
	return r;
}

/* ---- positions ------------------------------------------------------------------------ */

Sql sql_position_in(Gen *g, Sql pos)
{
	int base = g->lang->sem.position_base;
	if (base == 1)
		return pos;
	Sql r = sql_mk(g, PREC_ADD, XT_INTEGER, "%s + %d", sql_wrap(g, pos, PREC_ADD), 1 - base);
	r.not_null = pos.not_null;
	return r;
}

Sql sql_position_out(Gen *g, Sql pos, const char *missing)
{
	int base = g->lang->sem.position_base;
	if (base == 1 && !missing)
		return pos;
	const char *p = sql_wrap(g, pos, PREC_CMP + 1);
	const char *v = base == 1 ? p : arena_sprintf(g->a, "%s - %d", sql_wrap(g, pos, PREC_ADD), 1 - base);
	Sql r = sql_mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s = 0 THEN %s ELSE %s END", p,
		       missing ? missing : "0", v);
	r.not_null = pos.not_null;
	return r;
}

/* ---- the language's implicit conversions ---------------------------------------- */

/* A condition: booleans as they are; where booleans are numbers, numbers
 * are true when non-zero. */
Sql sql_as_cond(Gen *g, Sql x)
{
	if (x.type == XT_BOOLEAN || x.type == XT_NULL || !g->lang->sem.bool_is_number)
		return x;
	if (x.type == XT_STRING)
		x = sql_cast(g, x, XT_DECIMAL);
	Sql r = sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s <> 0", sql_wrap(g, x, PREC_CMP + 1));
	r.not_null = x.not_null;
	return r;
}

/* A value: where booleans are numbers, conditions become 1/0 (NULL stays
 * NULL). */
Sql sql_as_value(Gen *g, Sql x)
{
	if (x.type != XT_BOOLEAN || !g->lang->sem.bool_is_number)
		return x;
	return sql_cast(g, x, XT_INTEGER);
}

/* Text, converted the way the language converts implicitly. */
Sql sql_as_text(Gen *g, Sql x, const Expr *e)
{
	switch (x.type) {
	case XT_STRING:
	case XT_NULL:
	case XT_UNKNOWN: return x;
	case XT_DATE: {
		const char *fmt = g->lang->sem.date_format;
		sql_note(g, W_EXPR_SETTING, e,
			 "a date converted to a string uses the session's date format; '%s' is assumed", fmt);
		Sql r = sql_prim(g, PRIM_TO_CHAR_DATE, XT_STRING, NULL, 2, x,
				 sql_lit(g, XT_STRING, sql_quote(g, sql_date_format(g, fmt))));
		r.not_null = x.not_null;
		return r;
	}
	case XT_DOUBLE:
		if (g->lang->sem.double_to_text_note)
			sql_note(g, W_EXPR_DIFFERENCE, e, "%s", g->lang->sem.double_to_text_note);
		return sql_cast(g, x, XT_STRING);
	case XT_BOOLEAN: return sql_cast(g, sql_as_value(g, x), XT_STRING);
	default: return sql_cast(g, x, XT_STRING);
	}
}

/* A whole number for positions and lengths: fractions are rounded. */
Sql sql_as_int(Gen *g, Sql x, const Expr *e)
{
	double v;
	if (sql_literal_number(e, &v) && fabs(v) < 2e9)
		return sql_lit(g, XT_INTEGER,
			       arena_sprintf(g->a, "%.0f", v < 0 ? -floor(-v + 0.5) : floor(v + 0.5)));
	switch (x.type) {
	case XT_INTEGER:
	case XT_NULL:
	case XT_UNKNOWN: return x;
	case XT_BOOLEAN: return sql_as_value(g, x);
	case XT_BIGINT: return sql_cast(g, x, XT_INTEGER);
	default:
		return sql_cast(g,
				sql_prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, sql_cast(g, x, XT_DECIMAL),
					 sql_lit(g, XT_INTEGER, "0")),
				XT_INTEGER);
	}
}

/* An exact number (for rounding), so halves round away from zero. */
Sql sql_as_decimal(Gen *g, Sql x)
{
	if (x.type == XT_DECIMAL || x.type == XT_NULL)
		return x;
	return sql_cast(g, sql_as_value(g, x), XT_DECIMAL);
}

/* Convert an argument as its catalogue signature letter says. */
Sql sql_arg(Gen *g, const Expr *call, uint32_t i)
{
	const Expr *e = call->args[i];
	Sql x = sql_gen(g, e);
	switch (func_sig(call->fn, i)) {
	case 'S':
	case 'F': return sql_as_text(g, x, e);
	case 'I': return sql_as_int(g, x, e);
	case 'B': return sql_as_cond(g, x);
	case 'N':
	case 'C':
	case 'A': return sql_as_value(g, x);
	case 'D': /* text in a date form, where the language takes it (sema checked) */
		return x.type == XT_STRING ? sql_cast(g, x, XT_DATE) : x;
	default: return x;
	}
}

/* ---- names ------------------------------------------------------------------ */

/* Identifiers are printed in lower case when the language's names are
 * case-insensitive, in double quotes only when they need them. */
const char *sqlgen_ident_as(Arena *a, const Dialect *d, const char *name, bool fold)
{
	size_t n = strlen(name);
	char *low = arena_alloc(a, n + 1);
	bool plain = n > 0 && !(name[0] >= '0' && name[0] <= '9') && name[0] != '$';
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (c >= 'A' && c <= 'Z' && fold)
			c = (char)(c - 'A' + 'a');
		else if (c >= 'A' && c <= 'Z')
			plain = false;
		low[i] = c;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$'))
			plain = false;
	}
	if (plain && !str_in_sorted(d->reserved, d->n_reserved, low))
		return low;
	Sbuf b = SBUF_INIT;
	sbuf_addch(&b, '"');
	for (size_t i = 0; i < n; i++) {
		if (low[i] == '"')
			sbuf_addch(&b, '"');
		sbuf_addch(&b, low[i]);
	}
	sbuf_addch(&b, '"');
	const char *r = arena_strdup(a, b.buf);
	sbuf_release(&b);
	return r;
}

const char *sqlgen_ident(Arena *a, const Dialect *d, const char *name)
{
	return sqlgen_ident_as(a, d, name, true);
}

static const char *const prim_names[] = {
#define X(p) #p,
    SQL_PRIM_LIST(X)
#undef X
};

const char *sql_prim_name(SqlPrim p)
{
	return prim_names[p];
}

/* A run parameter ($$NAME, $PMSessionName): its lower-case name without
 * the dollars, read as text and converted to its declared type. */
const char *expr_param_key(Arena *a, const char *name)
{
	while (*name == '$')
		name++;
	Sbuf b = SBUF_INIT;
	for (const char *c = name; *c; c++) {
		char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
		sbuf_addch(&b, (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
	}
	const char *key = arena_strdup(a, b.buf);
	sbuf_release(&b);
	return key;
}

static Sql param_ref(Gen *g, const char *name, ExprType t)
{
	Sql x = sql_prim(g, PRIM_PARAM, XT_STRING, expr_param_key(g->a, name), 0);
	switch (t) {
	case XT_DATE:
		return sql_prim(
		    g, PRIM_TO_TIMESTAMP, XT_DATE, NULL, 2, x,
		    sql_lit(g, XT_STRING, sql_quote(g, sql_date_format(g, g->lang->sem.date_format))));
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE: return sql_cast(g, x, t);
	default: x.type = t == XT_UNKNOWN ? XT_UNKNOWN : XT_STRING; return x;
	}
}

static bool param_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* A string literal.  Where parameters are substituted as text before the
 * expression is parsed, '$$DIR/x.csv' holds one: split it out. */
static Sql gen_string(Gen *g, const Expr *e)
{
	const char *s = e->text, *p = strstr(s, "$$");
	if (!p || !param_char(p[2]) || !g->lang->sem.params_in_strings)
		return sql_lit(g, XT_STRING, sql_quote(g, s));
	Sql parts[64] = {{0}};
	int n = 0;
	while (p && param_char(p[2]) && n < 62) {
		if (p > s)
			parts[n++] =
			    sql_lit(g, XT_STRING, sql_quote(g, arena_strndup(g->a, s, (size_t)(p - s))));
		const char *end = p + 2;
		while (param_char(*end))
			end++;
		const char *name = arena_strndup(g->a, p, (size_t)(end - p));
		const ExprBinding *b = g->env->resolve ? g->env->resolve(g->env->ud, BIND_PARAM, name) : NULL;
		if (!b)
			sql_note(g, W_EXPR_PARAM, e, "parameter '%s' in a string is not declared", name);
		parts[n++] = param_ref(g, name, XT_STRING);
		s = end;
		p = strstr(s, "$$");
	}
	if (*s)
		parts[n++] = sql_lit(g, XT_STRING, sql_quote(g, s));
	if (n == 1)
		return parts[0];
	Sql r = sql_tmpl(g, g->d->prim[PRIM_CONCAT], XT_STRING, NULL, parts, n);
	r.not_null = true;
	return r;
}

/* A column as its binding says: its SQL, or its name (qualified with the
 * row's relation inside a lookup's subquery). */
static Sql column_ref(Gen *g, const ExprBinding *b)
{
	const char *id = sqlgen_ident_as(g->a, g->d, b->name, g->lang->sem.fold_identifiers);
	if (b->sql)
		id = b->sql;
	else if (g->in_lookup && g->env->row_alias)
		id = arena_sprintf(g->a, "%s.%s", g->env->row_alias, id);
	return (Sql){id, PREC_PRIMARY, b->type, false};
}

static Sql gen_name(Gen *g, const Expr *e)
{
	const LangConst *k = e->constant;
	if (k) {
		switch (k->kind) {
		case CK_NULL: return (Sql){"NULL", PREC_PRIMARY, XT_NULL, false};
		case CK_TRUE: return sql_lit(g, XT_BOOLEAN, "TRUE");
		case CK_FALSE: return sql_lit(g, XT_BOOLEAN, "FALSE");
		case CK_NOW_ROW: return sql_prim(g, PRIM_NOW_ROW, XT_DATE, NULL, 0);
		case CK_NOW_RUN:
			if (k->why)
				sql_note(g, W_EXPR_SETTING, e, "%s", k->why);
			return sql_prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0);
		case CK_UNSUPPORTED: return sql_lit(g, XT_UNKNOWN, "NULL");
		case CK_INTEGER: return sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%d", k->value));
		}
	}
	const ExprBinding *b = e->bind;
	if (!b)
		return sql_lit(g, XT_UNKNOWN, "NULL");
	if (b->kind == BIND_PARAM) /* a parameter read by its bare name: its setting */
		return param_ref(g, b->name, b->type);
	if (b->kind == BIND_VARIABLE && b->var && b->sql) /* computed once, into a column */
		return (Sql){b->sql, PREC_PRIMARY, b->var->type, b->var->not_null};
	if (b->kind == BIND_VARIABLE && b->var) {
		const Expr *outer = g->via;
		if (!outer)
			g->via = e;
		Sql x = sql_gen(g, b->var);
		g->via = outer;
		return x;
	}
	return column_ref(g, b);
}

/* ---- operators -------------------------------------------------------------- */

/* Flatten a chain of || and two-argument concatenation calls into its
 * operands. */
static void concat_operands(const Expr *e, const Expr **out, int *n, int max)
{
	bool is_concat = (e->kind == EX_BINARY && e->op == OP_CONCAT) ||
			 (e->kind == EX_CALL && e->fn && (e->fn->flags & FF_CONCAT) && e->nargs == 2);
	if (is_concat && *n < max - 1) {
		concat_operands(e->args[0], out, n, max);
		concat_operands(e->args[1], out, n, max);
		return;
	}
	if (*n < max)
		out[(*n)++] = e;
}

/* Concatenation.  Where NULL operands count as empty (PowerCenter), only
 * all-NULL operands give NULL; otherwise any NULL operand does. */
Sql sql_concat(Gen *g, const Expr *e)
{
	const Expr *ops[64];
	int n = 0;
	concat_operands(e, ops, &n, 64);
	Sql parts[64] = {{0}};
	bool some_not_null = false, all_not_null = true;
	for (int i = 0; i < n; i++) {
		parts[i] = sql_as_text(g, sql_gen(g, ops[i]), ops[i]);
		some_not_null |= parts[i].not_null || ops[i]->not_null;
		all_not_null &= parts[i].not_null || ops[i]->not_null;
	}
	if (!g->lang->sem.concat_skips_null) {
		Sql c = parts[0];
		for (int i = 1; i < n; i++)
			c = sql_prim(g, PRIM_CONCAT_STRICT, XT_STRING, NULL, 2, c, parts[i]);
		c.type = XT_STRING;
		c.not_null = all_not_null;
		return c;
	}
	Sql c = sql_tmpl(g, g->d->prim[PRIM_CONCAT], XT_STRING, NULL, parts, n);
	if (some_not_null) {
		c.not_null = true;
		return c;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE WHEN ");
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s IS NULL", i ? " AND " : "", sql_wrap(g, parts[i], PREC_IS + 1));
	sbuf_addf(&b, " THEN NULL ELSE %s END", c.s);
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, XT_STRING, false};
	sbuf_release(&b);
	return r;
}

/* An ordering where NULLs are never ordered: false, except <= and >= of
 * two NULLs (LangSemantics.null_compare_two_valued). */
static Sql two_valued_order(Gen *g, ExprOp op, Sql l, Sql r, const char *rs)
{
	const char *lp = sql_wrap(g, l, PREC_IS + 1), *rp = sql_wrap(g, r, PREC_IS + 1);
	const char *cmp = arena_sprintf(g->a, "%s %s %s", sql_wrap(g, l, PREC_CMP + 1), expr_op_sql(op), rs);
	Sql x = op == OP_LE || op == OP_GE
		    ? sql_mk(g, PREC_PRIMARY, XT_BOOLEAN, "CASE WHEN %s IS NULL AND %s IS NULL THEN TRUE ELSE COALESCE(%s, FALSE) END", lp, rp, cmp)
		    : sql_mk(g, PREC_PRIMARY, XT_BOOLEAN, "COALESCE(%s, FALSE)", cmp);
	x.not_null = true;
	return x;
}

/* Comparisons, with the session's NULL ordering when it is HIGH or LOW:
 * then NULL = NULL holds and NULL sorts above (below) every value.  Where
 * the language compares strings ignoring case, both sides are folded. */
static Sql gen_compare(Gen *g, const Expr *e)
{
	Sql l = sql_as_value(g, sql_gen(g, e->args[0])), r = sql_as_value(g, sql_gen(g, e->args[1]));
	if (g->lang->sem.case_insensitive_compare && l.type == XT_STRING && r.type == XT_STRING) {
		bool lnn = l.not_null, rnn = r.not_null;
		l = sql_prim(g, PRIM_LOWER, XT_STRING, NULL, 1, l),
		r = sql_prim(g, PRIM_LOWER, XT_STRING, NULL, 1, r);
		l.not_null = lnn, r.not_null = rnn;
	}
	bool ordered = e->op != OP_EQ && e->op != OP_NE;
	const char *ls = sql_wrap(g, l, PREC_CMP + 1), *rs = sql_wrap(g, r, PREC_CMP + 1);
	if (ordered && (l.type == XT_STRING || r.type == XT_STRING) && g->d->string_order_suffix)
		rs = arena_sprintf(g->a, "%s%s", sql_wrap(g, r, PREC_CAST), g->d->string_order_suffix);
	bool nullable = !(e->args[0]->not_null && e->args[1]->not_null);
	bool two_valued = g->lang->sem.null_compare_two_valued;
	if ((g->env->null_compare == NULLCMP_NULL && !two_valued) || !nullable)
		return sql_mk(g, PREC_CMP, XT_BOOLEAN, "%s %s %s", ls, expr_op_sql(e->op), rs);
	if (ordered && two_valued)
		return two_valued_order(g, e->op, l, r, rs);
	if (!ordered)
		return sql_mk(g, PREC_IS, XT_BOOLEAN, "%s IS %sDISTINCT FROM %s", sql_wrap(g, l, PREC_IS + 1),
			      e->op == OP_EQ ? "NOT " : "", sql_wrap(g, r, PREC_IS + 1));
	bool high = g->env->null_compare == NULLCMP_HIGH;
	bool eq_ok = e->op == OP_LE || e->op == OP_GE;
	bool gt = e->op == OP_GT || e->op == OP_GE;
	/* only the left NULL: it is the greatest (HIGH) or the least (LOW) */
	bool left_only = high ? gt : !gt, right_only = !left_only;
	const char *lp = sql_wrap(g, l, PREC_IS + 1), *rp = sql_wrap(g, r, PREC_IS + 1);
	return sql_mk(g, PREC_PRIMARY, XT_BOOLEAN,
		      "CASE WHEN %s IS NULL AND %s IS NULL THEN %s WHEN %s IS NULL THEN %s WHEN %s IS NULL "
		      "THEN %s ELSE %s %s %s END",
		      lp, rp, eq_ok ? "TRUE" : "FALSE", lp, left_only ? "TRUE" : "FALSE", rp,
		      right_only ? "TRUE" : "FALSE", ls, expr_op_sql(e->op), rs);
}

static Sql gen_arith(Gen *g, const Expr *e)
{
	Sql l = sql_as_value(g, sql_gen(g, e->args[0])), r = sql_as_value(g, sql_gen(g, e->args[1]));
	Sql x;
	if (g->lang->sem.arith_reads_strings) { /* "2" + "2" is 4 */
		if (l.type == XT_STRING)
			l = sql_cast(g, l, XT_DECIMAL);
		if (r.type == XT_STRING)
			r = sql_cast(g, r, XT_DECIMAL);
	}
	switch (e->op) {
	case OP_MOD:
		if (l.type == XT_DOUBLE || r.type == XT_DOUBLE)
			l = sql_cast(g, l, XT_DECIMAL), r = sql_cast(g, r, XT_DECIMAL);
		x = sql_prim(g, PRIM_MOD, e->type, NULL, 2, l, r);
		break;
	case OP_DIV:
		/* where whole numbers divide with a fraction (PowerCenter's
		 * integer literals are doubles, decimals in high precision):
		 * 10 / 4 is 2.5, never integer division */
		if (g->lang->sem.decimal_division && l.type != XT_DOUBLE && r.type != XT_DOUBLE &&
		    l.type != XT_DECIMAL && r.type != XT_DECIMAL)
			l = sql_cast(g, l, XT_DECIMAL);
		x = sql_mk(g, PREC_MUL, e->type, "%s / %s", sql_wrap(g, l, PREC_MUL),
			   sql_wrap(g, r, PREC_MUL + 1));
		break;
	default: {
		int p = e->op == OP_MUL ? PREC_MUL : PREC_ADD;
		const char *op = e->op == OP_MUL ? "*" : e->op == OP_ADD ? "+" : "-";
		x = sql_mk(g, p, e->type, "%s %s %s", sql_wrap(g, l, p), op, sql_wrap(g, r, p + 1));
	}
	}
	x.not_null = e->not_null;
	return x;
}

static Sql gen_unary(Gen *g, const Expr *e)
{
	Sql x = sql_gen(g, e->args[0]);
	if (e->op == OP_BITNOT)
		return sql_prim(g, PRIM_BIT_NOT, e->type, NULL, 1, sql_as_value(g, x));
	if (e->op == OP_NOT)
		return sql_mk(g, PREC_NOT, XT_BOOLEAN, "NOT %s", sql_wrap(g, sql_as_cond(g, x), PREC_NOT));
	if (x.type == XT_STRING && g->lang->sem.arith_reads_strings)
		x = sql_cast(g, x, XT_DECIMAL);
	if (e->op == OP_POS)
		return sql_as_value(g, x);
	const char *s = sql_wrap(g, sql_as_value(g, x), PREC_UNARY);
	Sql r = sql_mk(g, PREC_UNARY, e->type, s[0] == '-' ? "-(%s)" : "-%s", s);
	r.not_null = x.not_null;
	return r;
}

static Sql gen_binary(Gen *g, const Expr *e)
{
	switch (e->op) {
	case OP_CONCAT: return sql_concat(g, e);
	case OP_AND:
	case OP_OR: {
		int p = e->op == OP_AND ? PREC_AND : PREC_OR;
		Sql l = sql_as_cond(g, sql_gen(g, e->args[0])), r = sql_as_cond(g, sql_gen(g, e->args[1]));
		return sql_mk(g, p, XT_BOOLEAN, "%s %s %s", sql_wrap(g, l, p), e->op == OP_AND ? "AND" : "OR",
			      sql_wrap(g, r, p + 1));
	}
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_EQ:
	case OP_NE: return gen_compare(g, e);
	case OP_BITAND:
	case OP_BITOR:
	case OP_BITXOR: {
		SqlPrim p = e->op == OP_BITAND  ? PRIM_BIT_AND
			    : e->op == OP_BITOR ? PRIM_BIT_OR
						: PRIM_BIT_XOR;
		Sql x = sql_prim(g, p, e->type, NULL, 2, sql_as_value(g, sql_gen(g, e->args[0])),
				 sql_as_value(g, sql_gen(g, e->args[1])));
		x.not_null = e->not_null;
		return x;
	}
	default: return gen_arith(g, e);
	}
}

/* ---- the shared forms: qualified names, rows, conditionals, IN, casts ------------ */

/* Link.col: the resolver found the input `Link` and its column; the
 * binding says how that column prints in the node's relation. */
static Sql gen_qname(Gen *g, const Expr *e)
{
	if (e->bind && e->bind->kind == BIND_PARAM) /* SET.NAME: a parameter set's member */
		return param_ref(g, e->bind->name, e->bind->type);
	return e->bind ? column_ref(g, e->bind) : sql_lit(g, XT_UNKNOWN, "NULL");
}

/* [Row-1:F]: the value of F `row` rows away in the order rows arrive; no
 * such row gives NULL. */
static Sql gen_rowref(Gen *g, const Expr *e)
{
	const ExprBinding *b = e->bind;
	if (!b)
		return sql_lit(g, XT_UNKNOWN, "NULL");
	Sql col = column_ref(g, b);
	if (!e->row)
		return col;
	if (!g->env->arrival_order)
		return sql_lit(g, e->type, "NULL"); /* sema reported it */
	Sql n = sql_lit(g, XT_INTEGER, arena_sprintf(g->a, "%d", e->row < 0 ? -e->row : e->row));
	return sql_prim(g, e->row < 0 ? PRIM_ROW_BEFORE : PRIM_ROW_AFTER, b->type, g->env->arrival_order, 2,
			col, n);
}

/* IF/ELSEIF/ELSE, CASE WHEN, '? :': the first true condition's result.
 * Where a NULL condition makes the result NULL (LangSemantics.
 * null_condition_is_null), that is tested first. */
static Sql gen_if(Gen *g, const Expr *e)
{
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE");
	uint32_t pairs = e->nargs / 2;
	for (uint32_t i = 0; i < pairs; i++) {
		Sql c = sql_as_cond(g, sql_gen(g, e->args[2 * i]));
		if (g->lang->sem.null_condition_is_null && !e->args[2 * i]->not_null)
			sbuf_addf(&b, " WHEN %s IS NULL THEN NULL", sql_wrap(g, c, PREC_IS + 1));
		sbuf_addf(&b, " WHEN %s THEN %s", c.s, sql_branch(g, e->args[2 * i + 1], e->type).s);
	}
	if (e->nargs % 2 == 1)
		sbuf_addf(&b, " ELSE %s", sql_branch(g, e->args[e->nargs - 1], e->type).s);
	sbuf_adds(&b, " END");
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, e->type, false};
	sbuf_release(&b);
	return r;
}

/* A string operand folded where the language compares ignoring case. */
static Sql fold_case(Gen *g, Sql x)
{
	if (!g->lang->sem.case_insensitive_compare || x.type != XT_STRING)
		return x;
	bool nn = x.not_null;
	x = sql_prim(g, PRIM_LOWER, XT_STRING, NULL, 1, x);
	x.not_null = nn;
	return x;
}

static Sql gen_case(Gen *g, const Expr *e)
{
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "CASE %s", fold_case(g, sql_as_value(g, sql_gen(g, e->args[0]))).s);
	uint32_t i = 1;
	for (; i + 1 < e->nargs; i += 2)
		sbuf_addf(&b, " WHEN %s THEN %s", fold_case(g, sql_as_value(g, sql_gen(g, e->args[i]))).s,
			  sql_branch(g, e->args[i + 1], e->type).s);
	if (i < e->nargs)
		sbuf_addf(&b, " ELSE %s", sql_branch(g, e->args[i], e->type).s);
	sbuf_adds(&b, " END");
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, e->type, false};
	sbuf_release(&b);
	return r;
}

static Sql gen_in_list(Gen *g, const Expr *e)
{
	Sql v = fold_case(g, sql_as_value(g, sql_gen(g, e->args[0])));
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "%s IN (", sql_wrap(g, v, PREC_IN + 1));
	for (uint32_t i = 1; i < e->nargs; i++)
		sbuf_addf(&b, "%s%s", i > 1 ? ", " : "",
			  fold_case(g, sql_as_value(g, sql_gen(g, e->args[i]))).s);
	sbuf_addch(&b, ')');
	Sql r = {arena_strdup(g->a, b.buf), PREC_IN, XT_BOOLEAN, false};
	sbuf_release(&b);
	return r;
}

/* A cast with its length or precision: an explicit cast is the target's;
 * an implicit one (a value entering a port of another type) follows the
 * language's conversion rules (Language.convert) when it has them. */
static Sql gen_cast(Gen *g, const Expr *e)
{
	const ExprCast *c = e->cast;
	if (c->implicit && g->lang->convert)
		return g->lang->convert(g, e);
	if (!c->implicit && g->lang->cast)
		return g->lang->cast(g, e);
	Sql x = sql_as_value(g, sql_gen(g, e->args[0]));
	const char *type = g->d->type_name[c->to];
	if (c->length > 0 && g->d->type_with_length[c->to])
		type = arena_sprintf(g->a, g->d->type_with_length[c->to], (int)c->length);
	else if (c->precision > 0 && g->d->type_with_scale[c->to])
		type = arena_sprintf(g->a, g->d->type_with_scale[c->to], (int)c->precision,
				     (int)(c->scale > 0 ? c->scale : 0));
	Sql r = sql_prim(g, PRIM_CAST, c->to, type, 1, x);
	r.not_null = x.not_null;
	return r;
}

/* ---- conditional functions ---------------------------------------------------- */

/* A branch converted to the result type of its IIF/DECODE. */
Sql sql_branch(Gen *g, const Expr *e, ExprType result)
{
	Sql x = sql_gen(g, e);
	return result == XT_BOOLEAN ? sql_as_cond(g, x) : sql_as_value(g, x);
}

/* ---- aggregates -------------------------------------------------------------------- */

/* An aggregate of core operation `op`: the values are the catalogue row's
 * required arguments; an optional one after them is a filter condition. */
Sql sql_aggregate(Gen *g, const Expr *e, SqlPrim op, const Sql *values)
{
	const FuncDef *f = e->fn;
	uint32_t nvals = f->min_args;
	Sql args[4];
	for (uint32_t i = 0; i < nvals && i < 4; i++)
		args[i] = values                        ? values[i]
			  : e->args[i]->kind == EX_STAR ? sql_lit(g, XT_UNKNOWN, "*")
							: sql_arg(g, e, i);
	if (f->status == FS_APPROX)
		sql_note(g, W_EXPR_UNVERIFIED, e, "%s: %s", f->name, f->notes);
	Sql x = sql_tmpl(g, g->d->prim[op], e->type, NULL, args, (int)nvals);
	if (e->nargs > nvals) {
		Sql c = sql_arg(g, e, nvals);
		x = sql_mk(g, PREC_PRIMARY, e->type, "%s FILTER (WHERE %s)", x.s, c.s);
	}
	x.not_null = (f->flags & FF_NOT_NULL) != 0;
	return x;
}

const char *expr_order_reversed(Arena *a, const char *keys)
{
	Sbuf o = SBUF_INIT;
	while (*keys) {
		const char *end = strstr(keys, ", ");
		size_t n = end ? (size_t)(end - keys) : strlen(keys);
		bool desc = n > 5 && strncmp(keys + n - 5, " DESC", 5) == 0;
		sbuf_addf(&o, "%s%.*s%s", o.len ? ", " : "", (int)(desc ? n - 5 : n), keys,
			  desc ? "" : " DESC");
		keys += n;
		if (end)
			keys += 2;
	}
	const char *r = arena_strdup(a, o.buf);
	sbuf_release(&o);
	return r;
}

/* ---- lookups ------------------------------------------------------------------------ */

/* :LKP.name(a1, ...): a scalar subquery over the lookup's source, matched
 * on its condition; the multiple-match policy picks the row, and no match
 * gives NULL. */
static Sql gen_lookup(Gen *g, const Expr *e)
{
	const ExprLookup *l = e->bind->lookup;
	if (!g->env->row_alias) {
		sql_note(g, W_EXPR_UNSUPPORTED, e, "lookup '%s' needs the name of the row's relation",
			 l->name);
		return sql_lit(g, e->type, "NULL");
	}
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "(SELECT l.%s FROM %s AS l", sqlgen_ident(g->a, g->d, l->ret_col), l->source_sql);
	uint32_t terms = 0;
	for (uint32_t i = 0; i < l->n_in && i < e->nargs; i++) {
		if (!l->in_cols[i])
			continue; /* an input port the condition does not use */
		g->in_lookup++;
		Sql a = sql_as_value(g, sql_gen(g, e->args[i]));
		g->in_lookup--;
		ExprType want = l->in_types ? l->in_types[i] : XT_UNKNOWN;
		if (want != XT_UNKNOWN && a.type != XT_NULL && a.type != XT_UNKNOWN && a.type != want &&
		    !(expr_type_numeric(a.type) && expr_type_numeric(want))) {
			sql_note(
			    g, W_EXPR_DIFFERENCE, e->args[i],
			    "argument %u is a %s and lookup column '%s' a %s: it is converted, and a value "
			    "that does not convert is an error",
			    i + 1, expr_type_name(a.type), l->in_cols[i], expr_type_name(want));
			a = want == XT_STRING ? sql_as_text(g, a, e->args[i]) : sql_cast(g, a, want);
		}
		sbuf_addf(&b, "%sl.%s %s %s", terms++ ? " AND " : " WHERE ",
			  sqlgen_ident(g->a, g->d, l->in_cols[i]),
			  l->in_ops && l->in_ops[i] ? l->in_ops[i] : "=", sql_wrap(g, a, PREC_CMP + 1));
	}
	if (ascii_ieq(l->policy, "error")) {
		/* several rows make the subquery fail, as the lookup would */
	} else if (l->n_order && (ascii_ieq(l->policy, "first") || ascii_ieq(l->policy, "last"))) {
		for (uint32_t k = 0; k < l->n_order; k++)
			sbuf_addf(&b, "%sl.%s%s", k ? ", " : " ORDER BY ",
				  sqlgen_ident(g->a, g->d, l->order_cols[k]),
				  ascii_ieq(l->policy, "last") ? " DESC" : "");
		sbuf_adds(&b, " LIMIT 1");
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "lookup '%s' takes the %s match in the cache order %s builds by default (ORDER "
			 "BY the lookup ports); a lookup SQL override may order otherwise",
			 l->name, l->policy, l->tool ? l->tool : "the tool");
	} else {
		sbuf_adds(&b, " LIMIT 1");
		if (!ascii_ieq(l->policy, "any"))
			sql_note(g, W_EXPR_DIFFERENCE, e,
				 "lookup '%s' returns the %s matching row in %s's cache order; the SQL takes "
				 "any one of them",
				 l->name, l->policy, l->tool ? l->tool : "the tool");
	}
	sbuf_addch(&b, ')');
	if (l->implicit_return)
		sql_note(g, W_EXPR_DIFFERENCE, e,
			 "lookup '%s' marks no return port; its only output port '%s' is returned", l->name,
			 l->ret_col);
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, l->ret_type, false};
	sbuf_release(&b);
	return r;
}

/* ---- calls ------------------------------------------------------------------------- */

/* A checked call: the language's hook, an aggregate, or one core
 * operation.  An unsupported function prints NULL (sema reported it),
 * unless it needs the rows' arrival order and that order is known. */
static Sql gen_call(Gen *g, const Expr *e)
{
	const FuncDef *f = e->fn;
	if (!f)
		return sql_lit(g, e->type, "NULL");
	bool ordered = (f->flags & FF_ORDERED) && g->env->arrival_order;
	if (f->status == FS_UNSUPPORTED && !ordered)
		return sql_lit(g, e->type, "NULL");
	if (f->lower)
		return f->lower(g, e);
	if (f->flags & FF_AGGREGATE)
		return sql_aggregate(g, e, (SqlPrim)f->prim, NULL);
	SqlTmpl t = g->d->prim[f->prim];
	if (f->prim == PRIM_NONE || !t.t) {
		sql_note(g, W_EXPR_UNSUPPORTED, e, "%s has no %s translation", f->name, g->d->name);
		return sql_lit(g, e->type, "NULL");
	}
	if (f->status == FS_APPROX)
		sql_note(g, W_EXPR_UNVERIFIED, e, "%s: %s", f->name, f->notes);
	Sql *args = ARENA_NEWN(g->a, Sql, e->nargs + 1);
	for (uint32_t i = 0; i < e->nargs; i++)
		args[i] = sql_arg(g, e, i);
	return sql_tmpl(g, t, e->type, NULL, args, (int)e->nargs);
}

static Sql gen_node(Gen *g, const Expr *e);

Sql sql_gen(Gen *g, const Expr *e)
{
	if (g->too_big)
		return sql_lit(g, e->type, "NULL");
	Sql x = gen_node(g, e);
	if (strlen(x.s) > SQL_MAX_BYTES) {
		g->too_big = true;
		sql_note(g, W_EXPR_UNSUPPORTED, e,
			 "the SQL for this expression would exceed %d KiB (nested comparisons or DECODEs "
			 "repeat their operands); it is not translated",
			 SQL_MAX_BYTES / 1024);
		return sql_lit(g, e->type, "NULL");
	}
	return x;
}

static Sql gen_node(Gen *g, const Expr *e)
{
	Sql x;
	switch (e->kind) {
	case EX_NUMBER:
		return sql_lit(g, e->type, e->text[0] == '.' ? arena_sprintf(g->a, "0%s", e->text) : e->text);
	case EX_STRING: return gen_string(g, e);
	case EX_NAME: x = gen_name(g, e); break;
	case EX_PARAM:
	case EX_SYSVAR: x = param_ref(g, e->name, e->type); break;
	case EX_UNARY: x = gen_unary(g, e); break;
	case EX_BINARY: x = gen_binary(g, e); break;
	case EX_CALL: x = gen_call(g, e); break;
	case EX_LKP:
		if (e->bind && e->bind->lookup && e->bind->lookup->ret_col)
			return gen_lookup(g, e);
		return sql_lit(g, e->type, "NULL");
	case EX_QNAME: x = gen_qname(g, e); break;
	case EX_ROWREF: x = gen_rowref(g, e); break;
	case EX_IF: x = gen_if(g, e); break;
	case EX_CASE: x = gen_case(g, e); break;
	case EX_IN: x = gen_in_list(g, e); break;
	case EX_CAST: x = gen_cast(g, e); break;
	default: return sql_lit(g, e->type, "NULL");
	}
	if (e->not_null)
		x.not_null = true;
	return x;
}

bool expr_print_sql(Arena *a, const ExprEnv *env, const Expr *e, ExprResult *r)
{
	Gen g = {a, env, env->dialect ? env->dialect : &dialect_postgres, env->lang, r, NULL, false, 0};
	if (!g.lang)
		die("expr_print_sql: no language in the environment");
	bool bool_is_number = g.lang->sem.bool_is_number;
	Sql x = sql_gen(&g, e);
	if (env->condition) {
		if (x.type == XT_STRING && g.lang->sem.string_condition_is_number)
			sql_note(&g, W_EXPR_DIFFERENCE, e,
				 "a string used as a condition is read as a number (non-zero passes); text "
				 "that is not a number is an error");
		x = sql_as_cond(&g, x);
		r->type = XT_BOOLEAN;
	} else {
		x = sql_as_value(&g, x);
		r->type = x.type == XT_BOOLEAN && bool_is_number ? XT_INTEGER : e->type;
		if (e->type == XT_BOOLEAN && bool_is_number)
			r->type = XT_INTEGER;
	}
	if (r->unsupported || r->errors)
		return false;
	r->sql = x.s;
	return true;
}
