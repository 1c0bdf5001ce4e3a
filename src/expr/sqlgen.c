/* sqlgen.c - print an analysed PowerCenter expression as SQL (src/expr).
 *
 * The semantics live here, once: NULL rules of ||, IIF's typed default,
 * DECODE's first match with NULL = NULL, 1-based and negative positions,
 * rounding rules, date units and formats.  Everything that is spelled
 * differently per dialect comes from the Dialect's templates, so another
 * dialect is a table (dialect_<name>.c), not a copy of this file.
 *
 * Each node prints to an arena string with its precedence; a parent wraps
 * a child in parentheses only when the child binds less tightly.  Where
 * the SQL cannot match PowerCenter exactly the printer adds a warning that
 * names the difference (and the confidence drops); where it cannot
 * translate at all it records W0510 and the expression is unsupported.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "expr/datefmt.h"
#include "expr/dialect.h"
#include "expr/sema.h"

typedef struct Sql {
	const char *s;
	int prec;
	ExprType type;
	bool not_null;
} Sql;

typedef struct Gen {
	Arena *a;
	const ExprEnv *env;
	const Dialect *d;
	ExprResult *r;
	const Expr *via; /* inlining a variable port: the name that reads it */
	bool too_big;    /* the SQL outgrew SQL_MAX_BYTES */
	int in_lookup;   /* printing a lookup's arguments: qualify columns */
} Gen;

/* Some lowerings repeat an operand (NULL-ordering CASEs, DATE_COMPARE,
 * DECODE against columns), so nesting them can grow the SQL
 * exponentially; beyond this size the expression is not translated. */
#define SQL_MAX_BYTES (256 * 1024)

static Sql gen(Gen *g, const Expr *e);

/* ---- small helpers -------------------------------------------------------- */

static void note(Gen *g, DiagCode code, const Expr *e, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void note(Gen *g, DiagCode code, const Expr *e, const char *fmt, ...)
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

static Sql mk(Gen *g, int prec, ExprType t, const char *fmt, ...) PRINTF_LIKE(4, 5);
static Sql mk(Gen *g, int prec, ExprType t, const char *fmt, ...)
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
static const char *W(Gen *g, Sql x, int min)
{
	if (x.prec >= min)
		return x.s;
	return arena_sprintf(g->a, "(%s)", x.s);
}

/* A quoted SQL string literal. */
static const char *qstr(Gen *g, const char *s)
{
	Sbuf b = SBUF_INIT;
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
static Sql tmpl_v(Gen *g, SqlTmpl t, ExprType type, const char *extra, const Sql *args, int n)
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
			sbuf_adds(&b, p[2] == '!' ? W(g, args[i], PREC_PRIMARY) : args[i].s);
		}
		p = close;
	}
	Sql x = {arena_strdup(g->a, b.buf), t.prec ? t.prec : PREC_PRIMARY, type, false};
	sbuf_release(&b);
	return x;
}

static Sql prim(Gen *g, SqlPrim p, ExprType type, const char *extra, int n, ...)
{
	Sql args[8];
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n && i < 8; i++)
		args[i] = va_arg(ap, Sql);
	va_end(ap);
	return tmpl_v(g, g->d->prim[p], type, extra, args, n);
}

static Sql lit(Gen *g, ExprType t, const char *text)
{
	Sql x = {arena_strdup(g->a, text), PREC_PRIMARY, t, true};
	return x;
}

static Sql cast(Gen *g, Sql x, ExprType t)
{
	Sql r = prim(g, PRIM_CAST, t, g->d->type_name[t], 1, x);
	r.not_null = x.not_null;
	return r;
}

static bool literal_number(const Expr *e, double *v)
{
	if (e->kind == EX_UNARY && e->op == OP_NEG && literal_number(e->args[0], v)) {
		*v = -*v;
		return true;
	}
	if (e->kind == EX_NAME && (e->constant == CONST_TRUE || e->constant == CONST_FALSE)) {
		*v = e->constant == CONST_TRUE;
		return true;
	}
	if (e->kind != EX_NUMBER)
		return false;
	*v = strtod(e->text, NULL);
	return true;
}

static const char *unit_word(Gen *g, DateUnit u)
{
	return g->d->unit_name[u];
}
static const char *iunit(Gen *g, DateUnit u)
{
	return g->d->interval_unit[u];
}

static bool is_null_literal(const Expr *e)
{
	return e->kind == EX_NAME && e->constant == CONST_NULL;
}

/* ---- conversions between PowerCenter's implicit types ---------------------------- */

/* A condition: booleans as they are, numbers are true when non-zero. */
static Sql as_cond(Gen *g, Sql x)
{
	if (x.type == XT_BOOLEAN || x.type == XT_NULL)
		return x;
	if (x.type == XT_STRING)
		x = cast(g, x, XT_DECIMAL);
	Sql r = mk(g, PREC_CMP, XT_BOOLEAN, "%s <> 0", W(g, x, PREC_CMP + 1));
	r.not_null = x.not_null;
	return r;
}

/* A value: conditions become 1/0 (NULL stays NULL). */
static Sql as_value(Gen *g, Sql x)
{
	if (x.type != XT_BOOLEAN)
		return x;
	return cast(g, x, XT_INTEGER);
}

/* Text, converted the way PowerCenter converts implicitly (TO_CHAR). */
static Sql as_text(Gen *g, Sql x, const Expr *e)
{
	switch (x.type) {
	case XT_STRING:
	case XT_NULL:
	case XT_UNKNOWN: return x;
	case XT_DATE: {
		note(g, W_EXPR_SETTING, e,
		     "a date converted to a string uses the session's date format; '%s' is assumed",
		     DATEFMT_DEFAULT);
		Sql r = prim(g, PRIM_TO_CHAR_DATE, XT_STRING, NULL, 2, x,
			     lit(g, XT_STRING, qstr(g, DATEFMT_DEFAULT)));
		r.not_null = x.not_null;
		return r;
	}
	case XT_DOUBLE:
		note(g, W_EXPR_DIFFERENCE, e,
		     "a double converted to a string: PowerCenter prints 15 significant digits and "
		     "switches to exponent notation, PostgreSQL prints the shortest exact form");
		return cast(g, x, XT_STRING);
	case XT_BOOLEAN: return cast(g, as_value(g, x), XT_STRING);
	default: return cast(g, x, XT_STRING);
	}
}

/* A whole number for positions and lengths: fractions are rounded. */
static Sql as_int(Gen *g, Sql x, const Expr *e)
{
	double v;
	if (literal_number(e, &v) && fabs(v) < 2e9)
		return lit(g, XT_INTEGER,
			   arena_sprintf(g->a, "%.0f", v < 0 ? -floor(-v + 0.5) : floor(v + 0.5)));
	switch (x.type) {
	case XT_INTEGER:
	case XT_NULL:
	case XT_UNKNOWN: return x;
	case XT_BOOLEAN: return as_value(g, x);
	case XT_BIGINT: return cast(g, x, XT_INTEGER);
	default:
		return cast(
		    g,
		    prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, cast(g, x, XT_DECIMAL), lit(g, XT_INTEGER, "0")),
		    XT_INTEGER);
	}
}

/* An exact number (for rounding), so halves round away from zero. */
static Sql as_decimal(Gen *g, Sql x)
{
	if (x.type == XT_DECIMAL || x.type == XT_NULL)
		return x;
	return cast(g, as_value(g, x), XT_DECIMAL);
}

/* Convert an argument as its catalogue signature letter says. */
static Sql arg(Gen *g, const Expr *call, uint32_t i)
{
	const Expr *e = call->args[i];
	Sql x = gen(g, e);
	switch (catalog_sig(call->fn, i)) {
	case 'S':
	case 'F': return as_text(g, x, e);
	case 'I': return as_int(g, x, e);
	case 'B': return as_cond(g, x);
	case 'N':
	case 'C':
	case 'A': return as_value(g, x);
	default: return x;
	}
}

/* ---- names ------------------------------------------------------------------ */

/* Identifiers are printed in lower case (PowerCenter names are case-
 * insensitive), in double quotes only when they need them. */
const char *sqlgen_ident(Arena *a, const Dialect *d, const char *name)
{
	size_t n = strlen(name);
	char *low = arena_alloc(a, n + 1);
	bool plain = n > 0 && !(name[0] >= '0' && name[0] <= '9') && name[0] != '$';
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
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
	Sql x = prim(g, PRIM_PARAM, XT_STRING, expr_param_key(g->a, name), 0);
	switch (t) {
	case XT_DATE:
		return prim(g, PRIM_TO_TIMESTAMP, XT_DATE, NULL, 2, x,
			    lit(g, XT_STRING, qstr(g, DATEFMT_DEFAULT)));
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE: return cast(g, x, t);
	default: x.type = t == XT_UNKNOWN ? XT_UNKNOWN : XT_STRING; return x;
	}
}

static bool param_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* A string literal.  Parameters are substituted as text before
 * PowerCenter parses, so '$$DIR/x.csv' holds one: split it out. */
static Sql gen_string(Gen *g, const Expr *e)
{
	const char *s = e->text, *p = strstr(s, "$$");
	if (!p || !param_char(p[2]))
		return lit(g, XT_STRING, qstr(g, s));
	Sql parts[64] = {{0}};
	int n = 0;
	while (p && param_char(p[2]) && n < 62) {
		if (p > s)
			parts[n++] = lit(g, XT_STRING, qstr(g, arena_strndup(g->a, s, (size_t)(p - s))));
		const char *end = p + 2;
		while (param_char(*end))
			end++;
		const char *name = arena_strndup(g->a, p, (size_t)(end - p));
		const ExprBinding *b = g->env->resolve ? g->env->resolve(g->env->ud, BIND_PARAM, name) : NULL;
		if (!b)
			note(g, W_EXPR_PARAM, e, "parameter '%s' in a string is not declared", name);
		parts[n++] = param_ref(g, name, XT_STRING);
		s = end;
		p = strstr(s, "$$");
	}
	if (*s)
		parts[n++] = lit(g, XT_STRING, qstr(g, s));
	if (n == 1)
		return parts[0];
	Sql r = tmpl_v(g, g->d->prim[PRIM_CONCAT], XT_STRING, NULL, parts, n);
	r.not_null = true;
	return r;
}

static Sql gen_name(Gen *g, const Expr *e)
{
	if (e->constant >= 0) {
		switch (e->constant) {
		case CONST_NULL: return (Sql){"NULL", PREC_PRIMARY, XT_NULL, false};
		case CONST_TRUE: return lit(g, XT_BOOLEAN, "TRUE");
		case CONST_FALSE: return lit(g, XT_BOOLEAN, "FALSE");
		case CONST_SYSDATE:
		case CONST_SYSTIMESTAMP: return prim(g, PRIM_NOW_ROW, XT_DATE, NULL, 0);
		case CONST_SESSSTARTTIME:
			note(g, W_EXPR_SETTING, e,
			     "SESSSTARTTIME becomes the start time of the query's transaction");
			return prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0);
		default:
			return lit(g, XT_INTEGER,
				   arena_sprintf(g->a, "%d", sema_constant_value(e->constant)));
		}
	}
	const ExprBinding *b = e->bind;
	if (!b)
		return lit(g, XT_UNKNOWN, "NULL");
	if (b->kind == BIND_VARIABLE && b->var) {
		const Expr *outer = g->via;
		if (!outer)
			g->via = e;
		Sql x = gen(g, b->var);
		g->via = outer;
		return x;
	}
	const char *id = sqlgen_ident(g->a, g->d, b->name);
	if (b->sql)
		id = b->sql;
	else if (g->in_lookup && g->env->row_alias)
		id = arena_sprintf(g->a, "%s.%s", g->env->row_alias, id);
	Sql x = {id, PREC_PRIMARY, b->type, false};
	return x;
}

/* ---- operators -------------------------------------------------------------- */

/* Flatten a chain of || and CONCAT into its operands. */
static void concat_operands(const Expr *e, const Expr **out, int *n, int max)
{
	bool is_concat = (e->kind == EX_BINARY && e->op == OP_CONCAT) ||
			 (e->kind == EX_CALL && e->fn && e->fn->id == FN_CONCAT && e->nargs == 2);
	if (is_concat && *n < max - 1) {
		concat_operands(e->args[0], out, n, max);
		concat_operands(e->args[1], out, n, max);
		return;
	}
	if (*n < max)
		out[(*n)++] = e;
}

/* PowerCenter's ||: NULL operands count as empty, all-NULL gives NULL. */
static Sql gen_concat(Gen *g, const Expr *e)
{
	const Expr *ops[64];
	int n = 0;
	concat_operands(e, ops, &n, 64);
	Sql parts[64] = {{0}};
	bool some_not_null = false;
	for (int i = 0; i < n; i++) {
		parts[i] = as_text(g, gen(g, ops[i]), ops[i]);
		some_not_null |= parts[i].not_null || ops[i]->not_null;
	}
	Sql c = tmpl_v(g, g->d->prim[PRIM_CONCAT], XT_STRING, NULL, parts, n);
	if (some_not_null) {
		c.not_null = true;
		return c;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE WHEN ");
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s IS NULL", i ? " AND " : "", W(g, parts[i], PREC_IS + 1));
	sbuf_addf(&b, " THEN NULL ELSE %s END", c.s);
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, XT_STRING, false};
	sbuf_release(&b);
	return r;
}

/* Comparisons, with the session's NULL ordering when it is HIGH or LOW:
 * then NULL = NULL holds and NULL sorts above (below) every value. */
static Sql gen_compare(Gen *g, const Expr *e)
{
	Sql l = as_value(g, gen(g, e->args[0])), r = as_value(g, gen(g, e->args[1]));
	bool ordered = e->op != OP_EQ && e->op != OP_NE;
	const char *ls = W(g, l, PREC_CMP + 1), *rs = W(g, r, PREC_CMP + 1);
	if (ordered && (l.type == XT_STRING || r.type == XT_STRING) && g->d->string_order_suffix)
		rs = arena_sprintf(g->a, "%s%s", W(g, r, PREC_CAST), g->d->string_order_suffix);
	bool nullable = !(e->args[0]->not_null && e->args[1]->not_null);
	if (g->env->null_compare == NULLCMP_NULL || !nullable)
		return mk(g, PREC_CMP, XT_BOOLEAN, "%s %s %s", ls, expr_op_sql(e->op), rs);
	if (!ordered)
		return mk(g, PREC_IS, XT_BOOLEAN, "%s IS %sDISTINCT FROM %s", W(g, l, PREC_IS + 1),
			  e->op == OP_EQ ? "NOT " : "", W(g, r, PREC_IS + 1));
	bool high = g->env->null_compare == NULLCMP_HIGH;
	bool eq_ok = e->op == OP_LE || e->op == OP_GE;
	bool gt = e->op == OP_GT || e->op == OP_GE;
	/* only the left NULL: it is the greatest (HIGH) or the least (LOW) */
	bool left_only = high ? gt : !gt, right_only = !left_only;
	const char *lp = W(g, l, PREC_IS + 1), *rp = W(g, r, PREC_IS + 1);
	return mk(g, PREC_PRIMARY, XT_BOOLEAN,
		  "CASE WHEN %s IS NULL AND %s IS NULL THEN %s WHEN %s IS NULL THEN %s WHEN %s IS NULL "
		  "THEN %s ELSE %s %s %s END",
		  lp, rp, eq_ok ? "TRUE" : "FALSE", lp, left_only ? "TRUE" : "FALSE", rp,
		  right_only ? "TRUE" : "FALSE", ls, expr_op_sql(e->op), rs);
}

static Sql gen_arith(Gen *g, const Expr *e)
{
	Sql l = as_value(g, gen(g, e->args[0])), r = as_value(g, gen(g, e->args[1]));
	Sql x;
	switch (e->op) {
	case OP_MOD:
		if (l.type == XT_DOUBLE || r.type == XT_DOUBLE)
			l = cast(g, l, XT_DECIMAL), r = cast(g, r, XT_DECIMAL);
		x = prim(g, PRIM_MOD, e->type, NULL, 2, l, r);
		break;
	case OP_DIV:
		/* integer literals are doubles (decimals in high precision):
		 * 10 / 4 is 2.5, never integer division */
		if (l.type != XT_DOUBLE && r.type != XT_DOUBLE && l.type != XT_DECIMAL &&
		    r.type != XT_DECIMAL)
			l = cast(g, l, XT_DECIMAL);
		x = mk(g, PREC_MUL, e->type, "%s / %s", W(g, l, PREC_MUL), W(g, r, PREC_MUL + 1));
		break;
	default: {
		int p = e->op == OP_MUL ? PREC_MUL : PREC_ADD;
		const char *op = e->op == OP_MUL ? "*" : e->op == OP_ADD ? "+" : "-";
		x = mk(g, p, e->type, "%s %s %s", W(g, l, p), op, W(g, r, p + 1));
	}
	}
	x.not_null = e->not_null;
	return x;
}

static Sql gen_unary(Gen *g, const Expr *e)
{
	Sql x = gen(g, e->args[0]);
	if (e->op == OP_NOT)
		return mk(g, PREC_NOT, XT_BOOLEAN, "NOT %s", W(g, as_cond(g, x), PREC_NOT));
	if (e->op == OP_POS)
		return as_value(g, x);
	const char *s = W(g, as_value(g, x), PREC_UNARY);
	Sql r = mk(g, PREC_UNARY, e->type, s[0] == '-' ? "-(%s)" : "-%s", s);
	r.not_null = x.not_null;
	return r;
}

static Sql gen_binary(Gen *g, const Expr *e)
{
	switch (e->op) {
	case OP_CONCAT: return gen_concat(g, e);
	case OP_AND:
	case OP_OR: {
		int p = e->op == OP_AND ? PREC_AND : PREC_OR;
		Sql l = as_cond(g, gen(g, e->args[0])), r = as_cond(g, gen(g, e->args[1]));
		return mk(g, p, XT_BOOLEAN, "%s %s %s", W(g, l, p), e->op == OP_AND ? "AND" : "OR",
			  W(g, r, p + 1));
	}
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_EQ:
	case OP_NE: return gen_compare(g, e);
	default: return gen_arith(g, e);
	}
}

/* ---- conditional functions ---------------------------------------------------- */

/* A branch converted to the result type of its IIF/DECODE. */
static Sql branch(Gen *g, const Expr *e, ExprType result)
{
	Sql x = gen(g, e);
	return result == XT_BOOLEAN ? as_cond(g, x) : as_value(g, x);
}

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
		note(g, W_EXPR_UNTYPED, call,
		     "IIF without a false value returns 0, '' or NULL by the type of its second "
		     "argument, which is unknown here; NULL is used");
		return NULL;
	}
}

static bool is_call(const Expr *e, FuncId id)
{
	return e->kind == EX_CALL && e->fn && e->fn->id == id;
}

/* IIF(c1, a, IIF(c2, b, c)) prints as one CASE with two WHENs. */
static Sql gen_iif(Gen *g, const Expr *e)
{
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "CASE");
	const Expr *cur = e;
	ExprType t = e->type;
	for (;;) {
		Sql c = as_cond(g, gen(g, cur->args[0]));
		sbuf_addf(&b, " WHEN %s THEN %s", c.s, branch(g, cur->args[1], t).s);
		if (cur->nargs == 3 && is_call(cur->args[2], FN_IIF) && cur->args[2]->type == t) {
			cur = cur->args[2];
			continue;
		}
		const char *dflt = cur->nargs == 3 ? branch(g, cur->args[2], t).s : iif_default(g, cur);
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
static Sql gen_decode(Gen *g, const Expr *e)
{
	const Expr *v = e->args[0];
	bool on_true = v->kind == EX_NAME && v->constant == CONST_TRUE;
	bool simple = !on_true && v->type != XT_BOOLEAN;
	uint32_t pairs = (e->nargs - 1) / 2;
	for (uint32_t i = 0; i < pairs && simple; i++) {
		const Expr *s = e->args[1 + 2 * i];
		simple = s->kind == EX_NUMBER || s->kind == EX_STRING ||
			 (s->kind == EX_UNARY && s->op == OP_NEG && s->args[0]->kind == EX_NUMBER);
	}
	Sql vs = as_value(g, gen(g, v));
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, simple ? arena_sprintf(g->a, "CASE %s", vs.s) : "CASE");
	for (uint32_t i = 0; i < pairs; i++) {
		const Expr *s = e->args[1 + 2 * i];
		Sql res = branch(g, e->args[2 + 2 * i], e->type);
		if (simple) {
			sbuf_addf(&b, " WHEN %s THEN %s", as_value(g, gen(g, s)).s, res.s);
		} else if (on_true) {
			sbuf_addf(&b, " WHEN %s THEN %s", as_cond(g, gen(g, s)).s, res.s);
		} else if (is_null_literal(s)) {
			sbuf_addf(&b, " WHEN %s IS NULL THEN %s", W(g, vs, PREC_IS + 1), res.s);
		} else {
			Sql ss = gen(g, s);
			if (v->type == XT_BOOLEAN)
				ss = as_cond(g, ss);
			else
				ss = as_value(g, ss);
			sbuf_addf(&b, " WHEN %s IS NOT DISTINCT FROM %s THEN %s", W(g, vs, PREC_IS + 1),
				  W(g, ss, PREC_IS + 1), res.s);
		}
	}
	if (e->nargs % 2 == 0)
		sbuf_addf(&b, " ELSE %s", branch(g, e->args[e->nargs - 1], e->type).s);
	sbuf_adds(&b, " END");
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, e->type, false};
	sbuf_release(&b);
	return r;
}

/* IN(value, v1, v2, ..., [CaseFlag]): a trailing number literal after
 * string values is the case flag (0 = case-insensitive). */
static Sql gen_in(Gen *g, const Expr *e)
{
	uint32_t n = e->nargs;
	bool insensitive = false;
	double flag;
	if (n >= 3 && e->args[0]->type == XT_STRING && literal_number(e->args[n - 1], &flag)) {
		insensitive = flag == 0;
		n--;
	}
	Sql v = as_value(g, gen(g, e->args[0]));
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, insensitive ? "lower(%s) IN (" : "%s IN (", insensitive ? v.s : W(g, v, PREC_IN + 1));
	for (uint32_t i = 1; i < n; i++) {
		Sql x = as_value(g, gen(g, e->args[i]));
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
static Sql gen_substr(Gen *g, const Expr *e)
{
	Sql s = arg(g, e, 0);
	double v;
	Sql start;
	if (literal_number(e->args[1], &v) && fabs(v) < 2e9) {
		long st = lround(v);
		if (st > 0)
			start = lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", st));
		else if (st == 0)
			start = lit(g, XT_INTEGER, "1");
		else
			start = mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s - %ld, 1)",
				   prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, -st - 1);
	} else {
		Sql st = arg(g, e, 1);
		const char *x = W(g, st, PREC_CMP + 1);
		start = mk(g, PREC_PRIMARY, XT_INTEGER,
			   "CASE WHEN %s > 0 THEN %s WHEN %s = 0 THEN 1 ELSE greatest(%s + %s + 1, 1) END", x,
			   x, x, prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, W(g, st, PREC_ADD));
	}
	if (e->nargs == 2)
		return prim(g, PRIM_SUBSTR, XT_STRING, NULL, 2, s, start);
	Sql len;
	if (literal_number(e->args[2], &v) && fabs(v) < 2e9)
		len = lit(g, XT_INTEGER, arena_sprintf(g->a, "%ld", v > 0 ? lround(v) : 0L));
	else
		len = mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s, 0)", arg(g, e, 2).s);
	return prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, s, start, len);
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
static Sql gen_instr(Gen *g, const Expr *e)
{
	Sql s = arg(g, e, 0), t = arg(g, e, 1);
	if (e->nargs == 5)
		note(g, W_EXPR_IGNORED, e->args[4],
		     "INSTR's comparison_type is ignored: the search is always binary");
	double st = 1, occ = 1;
	bool st_lit = e->nargs < 3 || literal_number(e->args[2], &st);
	bool occ_lit = e->nargs < 4 || literal_number(e->args[3], &occ);
	st = round(st), occ = round(occ);
	if (st_lit && occ_lit && occ == 1 && st >= 0 && st <= 1)
		return prim(g, PRIM_STRPOS, XT_INTEGER, NULL, 2, s, t);
	const Expr *te = e->args[1];
	if ((te->kind != EX_STRING || self_overlaps(te->text)) && !(occ_lit && occ == 1))
		note(g, W_EXPR_DIFFERENCE, e,
		     "occurrences are counted without overlap; PowerCenter may count overlapping "
		     "ones (e.g. 'aa' in 'aaaa')");
	Sql occ_sql = e->nargs >= 4 ? arg(g, e, 3) : lit(g, XT_INTEGER, "1");
	Sql re = prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, t);
	Sql rs = prim(g, PRIM_REVERSE, XT_STRING, NULL, 1, s);
	Sql rre = prim(g, PRIM_LITERAL_RE, XT_STRING, NULL, 1, prim(g, PRIM_REVERSE, XT_STRING, NULL, 1, t));
	Sql m = te->kind == EX_STRING ? lit(g, XT_INTEGER, arena_sprintf(g->a, "%zu", strlen(te->text)))
				      : prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, t);
	if (!st_lit) {
		/* the sign of the start decides the direction at run time */
		Sql stx = arg(g, e, 2);
		const char *st_s = W(g, stx, PREC_CMP + 1);
		Sql fwd = prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, re,
			       mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%s, 1)", stx.s), occ_sql);
		Sql from = mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(1 - %s - %s, 1)",
			      W(g, stx, PREC_ADD + 1), W(g, m, PREC_ADD + 1));
		Sql pos = prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, rs, rre, from, occ_sql);
		return mk(g, PREC_PRIMARY, XT_INTEGER,
			  "CASE WHEN %s >= 0 THEN %s WHEN %s = 0 THEN 0 ELSE %s - %s - %s + 2 END", st_s,
			  fwd.s, pos.s, prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, pos.s,
			  W(g, m, PREC_ADD + 1));
	}
	if (st >= 0) {
		Sql stx = lit(g, XT_INTEGER, arena_sprintf(g->a, "%.0f", st < 1 ? 1 : st));
		return prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, s, re, stx, occ_sql);
	}
	/* A negative start searches backwards from that position: search the
	 * reversed string, then count the position from the start again. */
	Sql from =
	    te->kind == EX_STRING
		? lit(g, XT_INTEGER, arena_sprintf(g->a, "%.0f", fmax(1, -st + 1 - (double)strlen(te->text))))
		: mk(g, PREC_PRIMARY, XT_INTEGER, "greatest(%.0f - %s, 1)", -st + 1, W(g, m, PREC_ADD + 1));
	Sql pos = prim(g, PRIM_REGEX_INSTR, XT_INTEGER, NULL, 4, rs, rre, from, occ_sql);
	return mk(g, PREC_PRIMARY, XT_INTEGER, "CASE WHEN %s = 0 THEN 0 ELSE %s - %s - %s + 2 END", pos.s,
		  prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, s).s, pos.s, W(g, m, PREC_ADD + 1));
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
static Sql gen_replacechr(Gen *g, const Expr *e)
{
	double flag = 1;
	bool flag_lit = literal_number(e->args[0], &flag);
	Sql s = arg(g, e, 1);
	const Expr *set = e->args[2], *nc = e->args[3];
	bool set_lit = set->kind == EX_STRING || is_null_literal(set);
	bool nc_lit = nc->kind == EX_STRING || is_null_literal(nc);
	if (!flag_lit)
		note(g, W_EXPR_DIFFERENCE, e->args[0],
		     "the case flag is not a literal; the replacement is case-sensitive");
	bool insensitive = flag_lit && flag == 0;
	if (set_lit && nc_lit) {
		if (is_null_literal(set) || !*set->text)
			return s;
		size_t n;
		const char *from = char_set(g->a, set->text, insensitive, &n);
		Sbuf to = SBUF_INIT;
		if (!is_null_literal(nc) && *nc->text) {
			size_t cl = 1;
			while (((unsigned char)nc->text[cl] & 0xC0) == 0x80)
				cl++;
			for (size_t i = 0; i < n; i++)
				sbuf_add(&to, nc->text, cl);
		}
		Sql r = prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, s, lit(g, XT_STRING, qstr(g, from)),
			     lit(g, XT_STRING, qstr(g, to.buf)));
		sbuf_release(&to);
		return r;
	}
	Sql setx = mk(g, PREC_PRIMARY, XT_STRING, "coalesce(%s, '')", arg(g, e, 2).s);
	if (insensitive)
		setx = mk(g, PREC_OTHER, XT_STRING, "lower(%s) || upper(%s)", setx.s, setx.s);
	Sql first = mk(g, PREC_PRIMARY, XT_STRING, "coalesce(left(%s, 1), '')", arg(g, e, 3).s);
	Sql to = mk(g, PREC_PRIMARY, XT_STRING, "repeat(%s, %s)", first.s,
		    prim(g, PRIM_CHAR_LENGTH, XT_INTEGER, NULL, 1, setx).s);
	return prim(g, PRIM_TRANSLATE, XT_STRING, NULL, 3, s, setx, to);
}

/* REPLACESTR(CaseFlag, s, old1, ..., oldN, new): one left-to-right pass. */
static Sql gen_replacestr(Gen *g, const Expr *e)
{
	double flag = 1;
	bool flag_lit = literal_number(e->args[0], &flag);
	if (!flag_lit)
		note(g, W_EXPR_DIFFERENCE, e->args[0],
		     "the case flag is not a literal; the replacement is case-sensitive");
	bool insensitive = flag_lit && flag == 0;
	Sql s = arg(g, e, 1);
	const Expr *ne = e->args[e->nargs - 1];
	uint32_t nold = e->nargs - 3;
	bool olds_lit = true;
	for (uint32_t i = 0; i < nold; i++)
		olds_lit &= e->args[2 + i]->kind == EX_STRING || is_null_literal(e->args[2 + i]);
	Sql newx = is_null_literal(ne) ? lit(g, XT_STRING, "''")
		   : ne->kind == EX_STRING
		       ? lit(g, XT_STRING, qstr(g, ne->text))
		       : mk(g, PREC_PRIMARY, XT_STRING, "coalesce(%s, '')", arg(g, e, e->nargs - 1).s);
	if (!olds_lit || (nold == 1 && !insensitive)) {
		if (!olds_lit && nold > 1)
			note(g, W_EXPR_DIFFERENCE, e,
			     "old strings that are not literals are replaced one after the other, so text "
			     "inserted by one replacement can be replaced again");
		if (!olds_lit && insensitive)
			note(g, W_EXPR_DIFFERENCE, e, "the replacement is case-sensitive here");
		Sql cur = s;
		for (uint32_t i = 0; i < nold; i++) {
			Sql o = arg(g, e, 2 + i);
			cur = prim(g, PRIM_REPLACE, XT_STRING, NULL, 3, cur, o, newx);
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
		if (is_null_literal(o) || !*o->text)
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
		note(g, W_EXPR_DIFFERENCE, e,
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
		rep = lit(g, XT_STRING, qstr(g, r.buf));
		sbuf_release(&r);
	} else if (!is_null_literal(ne)) {
		rep =
		    mk(g, PREC_PRIMARY, XT_STRING, "replace(replace(%s, '\\', '\\\\'), '&', '\\&')", newx.s);
	}
	Sql r = prim(g, PRIM_REGEX_REPLACE, XT_STRING, insensitive ? "gi" : "g", 3, s,
		     lit(g, XT_STRING, qstr(g, re.buf)), rep);
	sbuf_release(&re);
	return r;
}

/* ---- conversions ----------------------------------------------------------------- */

/* The number PowerCenter reads from a string: leading blanks, then the
 * longest numeric prefix; no number at all reads as 0. */
static Sql num_prefix(Gen *g, Sql s, bool exponent)
{
	Sql p = prim(g, exponent ? PRIM_NUM_PREFIX_EXP : PRIM_NUM_PREFIX, XT_STRING, NULL, 1, s);
	return mk(g, PREC_PRIMARY, XT_DECIMAL,
		  "CASE WHEN %s IS NULL THEN NULL ELSE coalesce(replace(%s, ',', ''), '0')::numeric END",
		  W(g, s, PREC_IS + 1), p.s);
}

/* The number a conversion function starts from, by its argument's type. */
static Sql conv_source(Gen *g, const Expr *e, bool exponent)
{
	const Expr *a = e->args[0];
	Sql x = gen(g, a);
	if (x.type == XT_STRING)
		return num_prefix(g, x, exponent);
	if (x.type == XT_DATE) {
		note(g, W_EXPR_UNSUPPORTED, a, "%s does not convert dates", e->fn->name);
		return x;
	}
	return as_value(g, x);
}

/* TO_INTEGER / TO_BIGINT (value [, truncate]). */
static Sql gen_to_integer(Gen *g, const Expr *e, ExprType t)
{
	Sql x = conv_source(g, e, false);
	if (x.type == XT_INTEGER && t == XT_INTEGER)
		return x;
	if ((x.type == XT_INTEGER || x.type == XT_BIGINT))
		return cast(g, x, t);
	double flag = 0;
	bool flag_lit = e->nargs < 2 || literal_number(e->args[1], &flag);
	Sql num = as_decimal(g, x);
	Sql rounded = cast(g, prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, num, lit(g, XT_INTEGER, "0")), t);
	Sql truncated = cast(g, prim(g, PRIM_TRUNC, XT_DECIMAL, NULL, 2, num, lit(g, XT_INTEGER, "0")), t);
	if (flag_lit)
		return flag != 0 ? truncated : rounded;
	return mk(g, PREC_PRIMARY, t, "CASE WHEN %s THEN %s ELSE %s END", arg(g, e, 1).s, truncated.s,
		  rounded.s);
}

static Sql gen_to_decimal(Gen *g, const Expr *e)
{
	Sql x = as_decimal(g, conv_source(g, e, false));
	if (e->nargs == 1)
		return x;
	return prim(g, PRIM_ROUND, XT_DECIMAL, NULL, 2, x, arg(g, e, 1));
}

/* A date format argument translated, or NULL (with an issue) when it
 * cannot be. */
static const char *format_arg(Gen *g, const Expr *e, uint32_t i, bool parsing, bool *yy2)
{
	if (e->nargs <= i) {
		note(g, W_EXPR_SETTING, e,
		     "without a format, %s uses the session's date format; '%s' is assumed", e->fn->name,
		     DATEFMT_DEFAULT);
		return qstr(g, DATEFMT_DEFAULT);
	}
	const Expr *f = e->args[i];
	if (f->kind != EX_STRING) {
		note(g, W_EXPR_DIFFERENCE, f,
		     "the format is not a literal, so it is passed to PostgreSQL untranslated");
		return arg(g, e, i).s;
	}
	DateFmt d;
	if (!datefmt_translate(f->text, &d)) {
		expr_issue_add(g->a, &g->r->issues, E_EXPR_ARG, f->off + 1 + (uint32_t)d.bad_off, 1,
			       "%s in the date format '%s'", d.bad, f->text);
		g->r->errors++;
		sbuf_release(&d.pg);
		sbuf_release(&d.re);
		return NULL;
	}
	if (parsing && (d.flags & DF_YY))
		note(g, W_EXPR_DIFFERENCE, f,
		     "a year of 1 or 3 digits is read in the current century by PowerCenter and "
		     "nearest to 2020 by PostgreSQL");
	if (parsing && (d.flags & DF_YY2) && yy2)
		*yy2 = true;
	if (parsing && (d.flags & DF_RR))
		note(g, W_EXPR_DIFFERENCE, f,
		     "RR years: PostgreSQL's window (nearest to 2020) differs from PowerCenter's at its "
		     "edges");
	if (d.flags & DF_NS)
		note(g, W_EXPR_DIFFERENCE, f, "nanoseconds are cut to microseconds");
	const char *r = qstr(g, d.pg.buf);
	sbuf_release(&d.pg);
	sbuf_release(&d.re);
	return r;
}

static Sql gen_to_char(Gen *g, const Expr *e)
{
	Sql x = gen(g, e->args[0]);
	if (x.type == XT_DATE) {
		const char *f = format_arg(g, e, 1, false, NULL);
		return prim(g, PRIM_TO_CHAR_DATE, XT_STRING, NULL, 2, x, lit(g, XT_STRING, f ? f : "''"));
	}
	if (e->nargs == 2)
		note(g, W_EXPR_IGNORED, e->args[1], "TO_CHAR of a number takes no format; it is ignored");
	return as_text(g, x, e->args[0]);
}

static Sql gen_to_date(Gen *g, const Expr *e)
{
	Sql s = arg(g, e, 0);
	bool yy2 = false;
	const char *f = format_arg(g, e, 1, true, &yy2);
	note(g, W_EXPR_DIFFERENCE, e,
	     "PostgreSQL reads dates more leniently: text whose separators differ from the format "
	     "converts where PowerCenter rejects the row");
	Sql t = prim(g, PRIM_TO_TIMESTAMP, XT_DATE, NULL, 2, s, lit(g, XT_STRING, f ? f : "''"));
	if (!yy2)
		return t;
	/* YY is read in the current century; PostgreSQL picked the year
	 * nearest 2020 with the same two last digits: move it */
	Sql year = cast(g, prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_YEAR), 1, t), XT_INTEGER);
	Sql now = cast(g,
		       prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_YEAR), 1,
			    prim(g, PRIM_NOW_RUN, XT_DATE, NULL, 0)),
		       XT_INTEGER);
	Sql shift = mk(g, PREC_ADD, XT_INTEGER, "%s / 100 * 100 + %s %% 100 - %s", W(g, now, PREC_MUL),
		       W(g, year, PREC_MUL), W(g, year, PREC_ADD + 1));
	return prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_YEAR), 2, t, shift);
}

/* IS_DATE(s, fmt): the text has the format's shape and names a real
 * date and time.  The shape is a regular expression whose capture groups
 * hold the parts; the calendar check runs on them, guarded so that no
 * conversion can fail:
 *   CASE WHEN s IS NULL THEN NULL ELSE coalesce((SELECT CASE WHEN <month out
 *   of range> THEN false WHEN <day past the month's end> THEN false ... ELSE
 *   true END FROM (SELECT regexp_match(s, re, 'i') AS akko_m) AS akko_x WHERE
 *   akko_m IS NOT NULL), false) END */
static Sql gen_is_date(Gen *g, const Expr *e)
{
	Sql s = arg(g, e, 0);
	const char *fmt = e->nargs == 2 && e->args[1]->kind == EX_STRING ? e->args[1]->text
			  : e->nargs == 1                                ? DATEFMT_DEFAULT
									 : NULL;
	if (!fmt) {
		note(g, W_EXPR_UNSUPPORTED, e->args[1], "IS_DATE needs a literal format to be translated");
		return s;
	}
	DateFmt d;
	if (!datefmt_translate(fmt, &d)) {
		expr_issue_add(g->a, &g->r->issues, E_EXPR_ARG, e->off, e->len, "%s in the date format '%s'",
			       d.bad, fmt);
		g->r->errors++;
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
	sbuf_addf(&b, "CASE WHEN %s IS NULL THEN NULL ELSE coalesce((SELECT CASE", W(g, s, PREC_IS + 1));
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
		  s.s, qstr(g, d.re.buf));
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
	if (a->kind != EX_STRING || !date_unit_parse(a->text, u))
		return false; /* sema reported it */
	if (*u == DU_NS)
		note(g, W_EXPR_DIFFERENCE, a, "nanoseconds are cut to microseconds");
	return true;
}

/* Divisors from seconds to DU_MS, DU_US, DU_NS. */
static const char *const subsecond[] = {"1000.0", "1000000.0", "1000000000.0"};

static Sql gen_add_to_date(Gen *g, const Expr *e)
{
	Sql d = arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql n = as_value(g, gen(g, e->args[2]));
	if (u >= DU_SECOND) {
		if (u > DU_SECOND)
			n = mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", W(g, n, PREC_MUL), subsecond[u - DU_MS]);
		return prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_SECOND), 2, d, n);
	}
	return prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, u), 2, d, as_int(g, n, e->args[2]));
}

/* Months between two dates with each month's fraction prorated by its
 * own length. */
static Sql month_diff(Gen *g, Sql a, Sql b)
{
	Sql part[2];
	for (int i = 0; i < 2; i++) {
		Sql d = i ? b : a;
		Sql start = prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, DU_MONTH), 1, d);
		Sql next = prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_MONTH), 2, start,
				lit(g, XT_INTEGER, "1"));
		part[i] = mk(g, PREC_ADD, XT_DECIMAL, "%s * 12 + %s + %s / %s",
			     W(g, prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_YEAR), 1, d), PREC_MUL),
			     prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_MONTH), 1, d).s,
			     W(g, prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, d, start), PREC_MUL),
			     W(g, prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, next, start), PREC_MUL + 1));
	}
	return mk(g, PREC_ADD, XT_DECIMAL, "%s - %s", part[0].s, W(g, part[1], PREC_ADD + 1));
}

static Sql gen_date_diff(Gen *g, const Expr *e)
{
	Sql a = arg(g, e, 0), b = arg(g, e, 1);
	DateUnit u;
	if (!unit_of(g, e, 2, &u))
		return a;
	Sql x;
	if (u == DU_MONTH || u == DU_YEAR) {
		note(g, W_EXPR_UNVERIFIED, e,
		     "month and year differences prorate each month's fraction by its length; "
		     "PowerCenter's exact formula is unverified");
		x = month_diff(g, a, b);
		if (u == DU_YEAR)
			x = mk(g, PREC_MUL, XT_DECIMAL, "(%s) / 12", x.s);
	} else {
		static const char *const per[] = {"",  "",      "86400",    "3600",       "60",
						  "1", "0.001", "0.000001", "0.000000001"};
		x = prim(g, PRIM_EPOCH_DIFF, XT_DECIMAL, NULL, 2, a, b);
		if (u != DU_SECOND)
			x = mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", W(g, x, PREC_MUL), per[u]);
	}
	return cast(g, x, XT_DOUBLE);
}

static Sql gen_date_part(Gen *g, const Expr *e)
{
	Sql d = arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql x;
	switch (u) {
	case DU_SECOND:
		x = mk(g, PREC_PRIMARY, XT_DECIMAL, "floor(%s)",
		       prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_SECOND), 1, d).s);
		break;
	case DU_MS:
	case DU_US:
	case DU_NS: {
		Sql us = prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, DU_US), 1, d);
		const char *f = u == DU_MS   ? "floor(%s / 1000) %% 1000"
				: u == DU_US ? "%s %% 1000000"
					     : "(%s %% 1000000) * 1000";
		x = mk(g, PREC_MUL, XT_DECIMAL, f, W(g, us, PREC_MUL));
		break;
	}
	default: x = prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, u), 1, d);
	}
	return cast(g, x, XT_INTEGER);
}

/* TRUNC and ROUND of dates. */
static Sql gen_date_round(Gen *g, const Expr *e, bool round_up)
{
	Sql d = arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	if (u == DU_NS || (u == DU_US && round_up))
		return d;
	Sql t = prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, u), 1, d);
	if (!round_up)
		return t;
	switch (u) {
	case DU_YEAR:
	case DU_MONTH: { /* July or later / the 16th or later round up */
		Sql part =
		    prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, u == DU_YEAR ? DU_MONTH : DU_DAY), 1, d);
		Sql up = prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, u), 2, t, lit(g, XT_INTEGER, "1"));
		return mk(g, PREC_PRIMARY, XT_DATE, "CASE WHEN %s >= %s THEN %s ELSE %s END",
			  W(g, part, PREC_CMP + 1), u == DU_YEAR ? "7" : "16", up.s, t.s);
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
				Sql shifted = prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, by), 2, d,
						   lit(g, XT_DECIMAL, half[i].amount));
				return prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, u), 1, shifted);
			}
		return t;
	}
	}
}

static Sql gen_set_date_part(Gen *g, const Expr *e)
{
	Sql d = arg(g, e, 0);
	DateUnit u;
	if (!unit_of(g, e, 1, &u))
		return d;
	Sql v = arg(g, e, 2);
	if (u >= DU_MS) {
		Sql secs = prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, DU_SECOND), 1, d);
		return prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_SECOND), 2, secs,
			    mk(g, PREC_MUL, XT_DECIMAL, "%s / %s", W(g, v, PREC_MUL), subsecond[u - DU_MS]));
	}
	Sql parts[6];
	static const DateUnit order[] = {DU_YEAR, DU_MONTH, DU_DAY, DU_HOUR, DU_MINUTE, DU_SECOND};
	for (int i = 0; i < 6; i++) {
		if (order[i] == u)
			parts[i] = i == 5 ? cast(g, v, XT_DOUBLE) : v;
		else
			parts[i] = cast(g, prim(g, PRIM_EXTRACT, XT_DECIMAL, unit_word(g, order[i]), 1, d),
					i == 5 ? XT_DOUBLE : XT_INTEGER);
	}
	return tmpl_v(g, g->d->prim[PRIM_MAKE_TIMESTAMP], XT_DATE, NULL, parts, 6);
}

static Sql gen_last_day(Gen *g, const Expr *e)
{
	Sql d = arg(g, e, 0);
	note(g, W_EXPR_UNVERIFIED, e, "LAST_DAY keeps the time of day; PowerCenter's rule is unverified");
	Sql start = prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, DU_MONTH), 1, d);
	Sql day = prim(g, PRIM_DATE_TRUNC, XT_DATE, unit_word(g, DU_DAY), 1, d);
	Sql last =
	    prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_DAY), 2,
		 prim(g, PRIM_ADD_INTERVAL, XT_DATE, iunit(g, DU_MONTH), 2, start, lit(g, XT_INTEGER, "1")),
		 lit(g, XT_INTEGER, "-1"));
	return mk(g, PREC_ADD, XT_DATE, "%s + (%s - %s)", W(g, d, PREC_ADD), last.s, W(g, day, PREC_ADD + 1));
}

/* ---- numbers --------------------------------------------------------------------- */

static Sql gen_round_num(Gen *g, const Expr *e, bool trunc)
{
	Sql x = as_value(g, gen(g, e->args[0]));
	if (x.type == XT_INTEGER || x.type == XT_BIGINT) {
		double p;
		if (e->nargs == 1 || (literal_number(e->args[1], &p) && round(p) >= 0))
			return x;
	}
	Sql p = e->nargs == 2 ? arg(g, e, 1) : lit(g, XT_INTEGER, "0");
	p = as_int(g, p, e->nargs == 2 ? e->args[1] : e);
	Sql r = prim(g, trunc ? PRIM_TRUNC : PRIM_ROUND, XT_DECIMAL, NULL, 2, as_decimal(g, x), p);
	if (x.type == XT_DOUBLE)
		return cast(g, r, XT_DOUBLE);
	if (x.type == XT_INTEGER || x.type == XT_BIGINT)
		return cast(g, r, x.type);
	return r;
}

/* ---- aggregates -------------------------------------------------------------------- */

static Sql gen_aggregate(Gen *g, const Expr *e)
{
	const FuncDef *f = e->fn;
	uint32_t nvals = f->min_args;
	Sql args[4];
	for (uint32_t i = 0; i < nvals; i++)
		args[i] = e->args[i]->kind == EX_STAR ? lit(g, XT_UNKNOWN, "*") : arg(g, e, i);
	if (f->id == FN_PERCENTILE)
		args[1] = mk(g, PREC_MUL, XT_DECIMAL, "%s / 100.0", W(g, args[1], PREC_MUL));
	if (f->status == FS_APPROX)
		note(g, W_EXPR_UNVERIFIED, e, "%s: %s", f->name, f->notes);
	Sql x = tmpl_v(g, g->d->fn[f->id], e->type, NULL, args, (int)nvals);
	if (e->nargs > nvals) {
		Sql c = arg(g, e, nvals);
		x = mk(g, PREC_PRIMARY, e->type, "%s FILTER (WHERE %s)", x.s, c.s);
	}
	x.not_null = f->id == FN_COUNT;
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

/* FIRST/LAST(x [, filter]): the first (last) non-NULL value in the order
 * the rows arrive, which a Sorter gave them: the first element of the
 * values aggregated in that order (reversed for LAST). */
static Sql gen_first_last(Gen *g, const Expr *e)
{
	Sql x = arg(g, e, 0);
	const char *keys = g->env->arrival_order;
	if (e->fn->id == FN_LAST)
		keys = expr_order_reversed(g->a, keys);
	Sbuf w = SBUF_INIT;
	sbuf_addf(&w, "%s IS NOT NULL", W(g, x, PREC_IS + 1));
	if (e->nargs > 1)
		sbuf_addf(&w, " AND (%s)", as_cond(g, arg(g, e, 1)).s);
	Sql r =
	    mk(g, PREC_PRIMARY, x.type, "(array_agg(%s ORDER BY %s) FILTER (WHERE %s))[1]", x.s, keys, w.buf);
	sbuf_release(&w);
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
		note(g, W_EXPR_UNSUPPORTED, e, "lookup '%s' needs the name of the row's relation", l->name);
		return lit(g, e->type, "NULL");
	}
	Sbuf b = SBUF_INIT;
	sbuf_addf(&b, "(SELECT l.%s FROM %s AS l", sqlgen_ident(g->a, g->d, l->ret_col), l->source_sql);
	uint32_t terms = 0;
	for (uint32_t i = 0; i < l->n_in && i < e->nargs; i++) {
		if (!l->in_cols[i])
			continue; /* an input port the condition does not use */
		g->in_lookup++;
		Sql a = as_value(g, gen(g, e->args[i]));
		g->in_lookup--;
		ExprType want = l->in_types ? l->in_types[i] : XT_UNKNOWN;
		if (want != XT_UNKNOWN && a.type != XT_NULL && a.type != XT_UNKNOWN && a.type != want &&
		    !(expr_type_numeric(a.type) && expr_type_numeric(want))) {
			note(g, W_EXPR_DIFFERENCE, e->args[i],
			     "argument %u is a %s and lookup column '%s' a %s: it is converted, and a value "
			     "that does not convert is an error",
			     i + 1, expr_type_name(a.type), l->in_cols[i], expr_type_name(want));
			a = want == XT_STRING ? as_text(g, a, e->args[i]) : cast(g, a, want);
		}
		sbuf_addf(&b, "%sl.%s %s %s", terms++ ? " AND " : " WHERE ",
			  sqlgen_ident(g->a, g->d, l->in_cols[i]),
			  l->in_ops && l->in_ops[i] ? l->in_ops[i] : "=", W(g, a, PREC_CMP + 1));
	}
	if (ascii_ieq(l->policy, "error")) {
		/* several rows make the subquery fail, as the lookup would */
	} else if (l->n_order && (ascii_ieq(l->policy, "first") || ascii_ieq(l->policy, "last"))) {
		for (uint32_t k = 0; k < l->n_order; k++)
			sbuf_addf(&b, "%sl.%s%s", k ? ", " : " ORDER BY ",
				  sqlgen_ident(g->a, g->d, l->order_cols[k]),
				  ascii_ieq(l->policy, "last") ? " DESC" : "");
		sbuf_adds(&b, " LIMIT 1");
		note(g, W_EXPR_DIFFERENCE, e,
		     "lookup '%s' takes the %s match in the cache order PowerCenter builds by default (ORDER "
		     "BY "
		     "the lookup ports); a lookup SQL override may order otherwise",
		     l->name, l->policy);
	} else {
		sbuf_adds(&b, " LIMIT 1");
		if (!ascii_ieq(l->policy, "any"))
			note(g, W_EXPR_DIFFERENCE, e,
			     "lookup '%s' returns the %s matching row in PowerCenter's cache order; "
			     "the SQL takes any one of them",
			     l->name, l->policy);
	}
	sbuf_addch(&b, ')');
	if (l->implicit_return)
		note(g, W_EXPR_DIFFERENCE, e,
		     "lookup '%s' marks no return port; its only output port '%s' is returned", l->name,
		     l->ret_col);
	Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, l->ret_type, false};
	sbuf_release(&b);
	return r;
}

/* ---- calls ------------------------------------------------------------------------- */

static Sql gen_call(Gen *g, const Expr *e)
{
	const FuncDef *f = e->fn;
	if (f && (f->id == FN_FIRST || f->id == FN_LAST) && g->env->arrival_order)
		return gen_first_last(g, e);
	if (!f || f->status == FS_UNSUPPORTED)
		return lit(g, e->type, "NULL");
	switch (f->id) {
	case FN_IIF: return gen_iif(g, e);
	case FN_DECODE: return gen_decode(g, e);
	case FN_IN: return gen_in(g, e);
	case FN_CONCAT: return gen_concat(g, e);
	case FN_SUBSTR: return gen_substr(g, e);
	case FN_INSTR: return gen_instr(g, e);
	case FN_REPLACECHR: return gen_replacechr(g, e);
	case FN_REPLACESTR: return gen_replacestr(g, e);
	case FN_TO_INTEGER: return gen_to_integer(g, e, XT_INTEGER);
	case FN_TO_BIGINT: return gen_to_integer(g, e, XT_BIGINT);
	case FN_TO_DECIMAL: return gen_to_decimal(g, e);
	case FN_TO_FLOAT: {
		Sql x = conv_source(g, e, true);
		return x.type == XT_DOUBLE ? x : cast(g, x, XT_DOUBLE);
	}
	case FN_TO_CHAR: return gen_to_char(g, e);
	case FN_TO_DATE: return gen_to_date(g, e);
	case FN_IS_DATE: return gen_is_date(g, e);
	case FN_ADD_TO_DATE: return gen_add_to_date(g, e);
	case FN_DATE_DIFF: return gen_date_diff(g, e);
	case FN_GET_DATE_PART: return gen_date_part(g, e);
	case FN_SET_DATE_PART: return gen_set_date_part(g, e);
	case FN_LAST_DAY: return gen_last_day(g, e);
	case FN_DATE_COMPARE: {
		Sql a = arg(g, e, 0), b = arg(g, e, 1);
		const char *x = W(g, a, PREC_CMP + 1), *y = W(g, b, PREC_CMP + 1);
		return mk(g, PREC_PRIMARY, XT_INTEGER,
			  "CASE WHEN %s < %s THEN -1 WHEN %s > %s THEN 1 WHEN %s = %s THEN 0 END", x, y, x, y,
			  x, y);
	}
	case FN_ROUND:
	case FN_TRUNC:
		if (e->args[0]->type == XT_DATE)
			return gen_date_round(g, e, f->id == FN_ROUND);
		return gen_round_num(g, e, f->id == FN_TRUNC);
	case FN_MOD: {
		Sql a = arg(g, e, 0), b = arg(g, e, 1);
		if (a.type == XT_DOUBLE || b.type == XT_DOUBLE)
			a = cast(g, a, XT_DECIMAL), b = cast(g, b, XT_DECIMAL);
		return prim(g, PRIM_MOD, e->type, NULL, 2, a, b);
	}
	case FN_CHOOSE: {
		Sql *args = ARENA_NEWN(g->a, Sql, e->nargs);
		for (uint32_t i = 0; i < e->nargs; i++)
			args[i] = i ? branch(g, e->args[i], e->type) : arg(g, e, i);
		return tmpl_v(g, g->d->prim[PRIM_ARRAY_PICK], e->type, NULL, args, (int)e->nargs);
	}
	case FN_INDEXOF: {
		Sql v = as_value(g, gen(g, e->args[0]));
		Sbuf b = SBUF_INIT;
		sbuf_addf(&b, "CASE %s", v.s);
		for (uint32_t i = 1; i < e->nargs; i++)
			sbuf_addf(&b, " WHEN %s THEN %u", as_value(g, gen(g, e->args[i])).s, i);
		sbuf_adds(&b, " ELSE 0 END");
		note(g, W_EXPR_UNVERIFIED, e, "INDEXOF: %s", f->notes);
		Sql r = {arena_strdup(g->a, b.buf), PREC_PRIMARY, XT_INTEGER, false};
		sbuf_release(&b);
		return r;
	}
	case FN_REG_MATCH: {
		Sql s = arg(g, e, 0), p = arg(g, e, 1);
		Sql anchored =
		    e->args[1]->kind == EX_STRING
			? lit(g, XT_STRING, qstr(g, arena_sprintf(g->a, "^(?:%s)$", e->args[1]->text)))
			: mk(g, PREC_OTHER, XT_STRING, "'^(?:' || %s || ')$'", W(g, p, PREC_OTHER + 1));
		note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
		return prim(g, PRIM_REGEX_MATCHES, XT_BOOLEAN, NULL, 2, s, anchored);
	}
	case FN_REG_EXTRACT: {
		Sql s = arg(g, e, 0), p = arg(g, e, 1);
		double n = 1;
		if (e->nargs == 3 && !literal_number(e->args[2], &n))
			n = -1;
		note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
		Sql whole = mk(g, PREC_OTHER, XT_STRING, "'(' || %s || ')'", W(g, p, PREC_OTHER + 1));
		Sql one = lit(g, XT_INTEGER, "1");
		if (n == 0)
			return prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, whole, one);
		if (n > 0)
			return prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, p,
				    lit(g, XT_INTEGER, arena_sprintf(g->a, "%.0f", n)));
		/* a group number from a port: 0 is the whole match */
		Sql idx = arg(g, e, 2);
		return mk(g, PREC_PRIMARY, XT_STRING, "CASE WHEN %s = 0 THEN %s ELSE %s END",
			  W(g, idx, PREC_CMP + 1),
			  prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, whole, one).s,
			  prim(g, PRIM_REGEX_GROUP, XT_STRING, NULL, 3, s, p, idx).s);
	}
	case FN_REG_REPLACE: {
		Sql s = arg(g, e, 0), p = arg(g, e, 1), r = arg(g, e, 2);
		double n = 0;
		if (e->nargs == 4 && (!literal_number(e->args[3], &n) || n > 1)) {
			note(g, W_EXPR_UNSUPPORTED, e->args[3],
			     "REG_REPLACE with a replacement count other than 1 is not translated");
			return s;
		}
		if (e->args[2]->kind == EX_STRING) { /* $1 back references become \1 */
			Sbuf b = SBUF_INIT;
			for (const char *c = e->args[2]->text; *c; c++)
				sbuf_addch(&b, *c == '$' && c[1] >= '0' && c[1] <= '9' ? '\\' : *c);
			r = lit(g, XT_STRING, qstr(g, b.buf));
			sbuf_release(&b);
		}
		note(g, W_EXPR_DIFFERENCE, e, "Perl regular expressions run as PostgreSQL ones");
		return prim(g, PRIM_REGEX_REPLACE, XT_STRING, n == 1 ? "" : "g", 3, s, p, r);
	}
	case FN_SYSTIMESTAMP:
		if (e->nargs)
			note(g, W_EXPR_IGNORED, e->args[0], "the precision of SYSTIMESTAMP is ignored");
		return prim(g, PRIM_NOW_ROW, XT_DATE, NULL, 0);
	case FN_MAKE_DATE_TIME:
		if (e->nargs == 7)
			note(g, W_EXPR_IGNORED, e->args[6], "nanoseconds are ignored");
		break;
	default: break;
	}
	if (f->status == FS_AGGREGATE || f->id == FN_PERCENTILE)
		return gen_aggregate(g, e);
	/* one-to-one functions from the dialect's table */
	SqlTmpl t = g->d->fn[f->id];
	if (!t.t) {
		note(g, W_EXPR_UNSUPPORTED, e, "%s has no %s translation", f->name, g->d->name);
		return lit(g, e->type, "NULL");
	}
	if (f->status == FS_APPROX)
		note(g, W_EXPR_UNVERIFIED, e, "%s: %s", f->name, f->notes);
	Sql *args = ARENA_NEWN(g->a, Sql, e->nargs + 1);
	uint32_t n = f->id == FN_MAKE_DATE_TIME ? 6 : e->nargs;
	for (uint32_t i = 0; i < n; i++)
		args[i] = arg(g, e, i);
	if (f->id == FN_MAKE_DATE_TIME)
		args[5] = cast(g, args[5], XT_DOUBLE);
	return tmpl_v(g, t, e->type, NULL, args, (int)n);
}

static Sql gen_node(Gen *g, const Expr *e);

static Sql gen(Gen *g, const Expr *e)
{
	if (g->too_big)
		return lit(g, e->type, "NULL");
	Sql x = gen_node(g, e);
	if (strlen(x.s) > SQL_MAX_BYTES) {
		g->too_big = true;
		note(g, W_EXPR_UNSUPPORTED, e,
		     "the SQL for this expression would exceed %d KiB (nested comparisons or DECODEs "
		     "repeat their operands); it is not translated",
		     SQL_MAX_BYTES / 1024);
		return lit(g, e->type, "NULL");
	}
	return x;
}

static Sql gen_node(Gen *g, const Expr *e)
{
	Sql x;
	switch (e->kind) {
	case EX_NUMBER:
		return lit(g, e->type, e->text[0] == '.' ? arena_sprintf(g->a, "0%s", e->text) : e->text);
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
		return lit(g, e->type, "NULL");
	default: return lit(g, e->type, "NULL");
	}
	if (e->not_null)
		x.not_null = true;
	return x;
}

bool expr_print_sql(Arena *a, const ExprEnv *env, const Expr *e, ExprResult *r)
{
	Gen g = {a, env, env->dialect ? env->dialect : &dialect_postgres, r, NULL, false, 0};
	Sql x = gen(&g, e);
	if (env->condition) {
		if (x.type == XT_STRING)
			note(&g, W_EXPR_DIFFERENCE, e,
			     "a string used as a condition is read as a number (non-zero passes); text "
			     "that is not a number is an error");
		x = as_cond(&g, x);
		r->type = XT_BOOLEAN;
	} else {
		x = as_value(&g, x);
		r->type = x.type == XT_BOOLEAN ? XT_INTEGER : e->type;
		if (e->type == XT_BOOLEAN)
			r->type = XT_INTEGER;
	}
	if (r->unsupported || r->errors)
		return false;
	r->sql = x.s;
	return true;
}
