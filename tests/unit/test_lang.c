/* test_lang.c - the expression middle is language-neutral: the same trees
 * print differently under another language's semantic flags (lang.h), and
 * the shared node kinds (qualified names, row references, IF/CASE, IN,
 * casts with lengths, bitwise operators) print for any language.
 *
 * Two languages are used: PowerCenter as it is, and "flipped", the same
 * parser and catalogue with every flag turned the other way (NULL
 * propagates through concatenation, real booleans, integer division, a
 * NULL condition gives NULL, case-insensitive comparison, names keep
 * their case, no parameters inside strings, qualified names allowed) -
 * the flags SSIS, Alteryx and DataStage need.  Each case checks the SQL
 * text, and, with `--sql FILE`, writes a query per case that
 * tests/lang.sh runs in PostgreSQL against the value derived by hand from
 * the flag's definition (EXPRESSIONS.md).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <strings.h>

#include "expr/build.h"
#include "expr/dialect.h"
#include "expr/lang.h"
#include "expr/sqlgen.h"
#include "flipped.h"
#include "tap.h"

static Language flipped;
static Arena arena;
static FILE *sql_out;

static const ExprBinding *bind_col(Arena *a, const char *name, ExprType t)
{
	ExprBinding *b = ARENA_NEW(a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->name = name;
	b->type = t;
	return b;
}

/* Columns of every case: s, t strings; i, j integers; c a condition
 * (boolean); MixedCase a string; lnk.col an integer of input "lnk". */
static const ExprBinding *resolve(void *ud, BindKind what, const char *name)
{
	Arena *a = ud;
	static const struct {
		const char *name;
		ExprType t;
	} cols[] = {{"s", XT_STRING},  {"t", XT_STRING},         {"i", XT_INTEGER},       {"j", XT_INTEGER},
		    {"c", XT_BOOLEAN}, {"MixedCase", XT_STRING}, {"lnk.col", XT_INTEGER}, {"v", XT_INTEGER}};
	if (what != BIND_COLUMN && what != BIND_QUALIFIED)
		return NULL;
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		if (strcasecmp(cols[i].name, name) == 0 &&
		    (what == BIND_QUALIFIED) == (strchr(name, '.') != NULL)) {
			ExprBinding *b = (ExprBinding *)bind_col(a, cols[i].name, cols[i].t);
			if (what == BIND_QUALIFIED) /* the column of input lnk, as the relation names it */
				b->sql = "lnk.col";
			return b;
		}
	return NULL;
}

static ExprEnv env_of(const Language *l)
{
	return (ExprEnv){.lang = l,
			 .dialect = &dialect_postgres,
			 .resolve = resolve,
			 .ud = &arena,
			 .arrival_order = "akko_ord"};
}

/* One case in PostgreSQL: `sql` over the rows of `from` (which has the
 * column akko_ord), its values joined with ',' in that order, NULL as
 * "NULL", compared with `want`. */
static void pg_case(const char *name, const char *sql, const char *from, const char *want)
{
	if (!sql_out || !sql)
		return;
	char q[256], *o = q; /* the name as an SQL string's content */
	for (const char *c = name; *c && o < q + sizeof q - 2; c++) {
		if (*c == '\'')
			*o++ = '\'';
		*o++ = *c;
	}
	*o = 0;
	fprintf(sql_out,
		"SELECT CASE WHEN v = %s THEN 'ok - %s' ELSE 'not ok - %s: got ' || v END "
		"FROM (SELECT string_agg(x, ',' ORDER BY o) AS v FROM (SELECT akko_ord AS o, "
		"coalesce((%s)::text, 'NULL') AS x FROM (%s) AS t) AS s) AS r;\n",
		want, q, q, sql, from);
}

static const char *translate_text(const Language *l, const char *text, bool condition)
{
	ExprEnv env = env_of(l);
	env.condition = condition;
	ExprResult r;
	expr_translate(&arena, &env, text, strlen(text), &r);
	return r.sql;
}

static const char *translate_tree(const Language *l, Expr *e, ExprResult *r)
{
	ExprEnv env = env_of(l);
	memset(r, 0, sizeof *r);
	expr_analyse(&arena, &env, e, r);
	if (!r->errors)
		expr_print_sql(&arena, &env, e, r);
	return r->sql;
}

/* ---- hand-built trees ------------------------------------------------------------ */

static ExprBuilder B;
static const ExprSpan AT = {0, 1};

static Expr *name(const char *n)
{
	Expr *e = expr_build_node(&B, EX_NAME, AT);
	e->name = n;
	return e;
}

static Expr *str(const char *v)
{
	Expr *e = expr_build_node(&B, EX_STRING, AT);
	e->text = v;
	return e;
}

static Expr *num(const char *v)
{
	Expr *e = expr_build_node(&B, EX_NUMBER, AT);
	e->text = v;
	return e;
}

static Expr *node(ExprKind k, int n, ...)
{
	ExprList *l = NULL;
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		l = expr_build_list(&B, l, va_arg(ap, Expr *));
	va_end(ap);
	return expr_build_n(&B, k, l, AT);
}

/* ---- the flags -------------------------------------------------------------------- */

#define ROW1 "SELECT 1 AS akko_ord, 'x'::text AS s, NULL::text AS t, 7 AS i, 2 AS j, NULL::boolean AS c"

static void test_concat(void)
{
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "S || T", false),
		  "CASE WHEN s IS NULL AND t IS NULL THEN NULL ELSE concat(s, t) END",
		  "concat_skips_null: NULL counts as '' (PowerCenter)");
	const char *f = translate_text(&flipped, "S || T || 'z'", false);
	CHECK_STR(f, "s || t || 'z'", "without concat_skips_null: NULL propagates");
	pg_case("x || NULL || 'z' is NULL where NULL propagates", f, ROW1, "'NULL'");
	pg_case("x || NULL is 'x' in PowerCenter",
		translate_text(expr_language(LANG_POWERCENTER), "S || T", false), ROW1, "'x'");
}

static void test_division(void)
{
	const char *p = translate_text(expr_language(LANG_POWERCENTER), "I / J", false);
	CHECK_STR(p, "i::numeric / j", "decimal_division: 7 / 2 keeps the fraction");
	pg_case("7 / 2 is 3.5 with decimal_division", p, ROW1, "'3.5000000000000000'");
	const char *f = translate_text(&flipped, "I / J", false);
	CHECK_STR(f, "i / j", "without decimal_division: integer division");
	pg_case("7 / 2 is 3 without decimal_division", f, ROW1, "'3'");
}

static void test_booleans(void)
{
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "I > J", false), "(i > j)::integer",
		  "bool_is_number: a condition used as a value is 1/0");
	const char *f = translate_text(&flipped, "I > J", false);
	CHECK_STR(f, "i > j", "without bool_is_number: a real boolean");
	pg_case("7 > 2 is true as a boolean", f, ROW1, "'true'");
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "I", true), "i <> 0",
		  "bool_is_number: a number as a condition is true when non-zero");
}

static void test_names_and_strings(void)
{
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "MixedCase", false), "mixedcase",
		  "fold_identifiers: names print in lower case");
	CHECK_STR(translate_text(&flipped, "MixedCase", false), "\"MixedCase\"",
		  "without fold_identifiers: the name keeps its case (quoted)");
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "'$$DIR/x'", false),
		  "concat(current_setting('akko.dir'), '/x')", "params_in_strings: $$DIR is a parameter");
	CHECK_STR(translate_text(&flipped, "'$$DIR/x'", false), "'$$DIR/x'",
		  "without params_in_strings: the literal is as written");
}

static void test_case_insensitive(void)
{
	const char *f = translate_text(&flipped, "S = 'X'", false);
	CHECK_STR(f, "lower(s) = lower('X')", "case_insensitive_compare folds both sides");
	pg_case("'x' = 'X' ignoring case", f, ROW1, "'true'");
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "S = 'X'", false), "(s = 'X')::integer",
		  "PowerCenter compares case-sensitively");
}

/* null_compare_two_valued: NULL = NULL holds, an ordering with a NULL is
 * false (Alteryx, EXPRESSIONS.md §3.3). */
static void test_two_valued(void)
{
	Language tv = flipped;
	tv.sem.null_compare_two_valued = true;
	const char *eq = translate_text(&tv, "T = T", false);
	CHECK_STR(eq, "lower(t) IS NOT DISTINCT FROM lower(t)", "two-valued: NULL equals NULL");
	pg_case("NULL = NULL is true when comparisons are two-valued", eq, ROW1, "'true'");
	const char *gt = translate_text(&tv, "J > NULL", false);
	CHECK(gt && strstr(gt, "COALESCE("), "two-valued: an ordering with a NULL is false, not NULL");
	pg_case("2 > NULL is false when comparisons are two-valued", gt, ROW1, "'false'");
	const char *le = translate_text(&tv, "T <= T", false);
	pg_case("NULL <= NULL is true when comparisons are two-valued", le, ROW1, "'true'");
	CHECK(!strstr(translate_text(&flipped, "J > I", false), "COALESCE"),
	      "operands that cannot be NULL compare plainly");
}

/* arith_reads_strings: a string operand of arithmetic is read as a number
 * (DataStage: "2" + "2" is 4, EXPRESSIONS.md D1). */
static void test_arith_strings(void)
{
	ExprEnv env = env_of(expr_language(LANG_POWERCENTER));
	ExprResult r;
	expr_translate(&arena, &env, "S * 2", 5, &r);
	CHECK(r.errors >= 1, "without arith_reads_strings '*' takes numbers only (PowerCenter)");
	Language ar = flipped;
	ar.sem.add_concatenates = false;
	const char *f = translate_text(&ar, "'2' * 2 + -'1'", false);
	CHECK_STR(f, "'2'::numeric * 2 + -'1'::numeric", "arith_reads_strings: strings are cast to numbers");
	pg_case("'2' * 2 + -'1' is 3 where strings are read as numbers", f, ROW1, "'3'");
}

static void test_add_concatenates(void)
{
	ExprEnv env = env_of(expr_language(LANG_POWERCENTER));
	ExprResult r;
	expr_translate(&arena, &env, "S + 'z'", 7, &r);
	CHECK(r.errors >= 1, "without add_concatenates '+' takes numbers only (PowerCenter)");
	const char *f = translate_text(&flipped, "S + 'z'", false);
	CHECK_STR(f, "s || 'z'", "add_concatenates: '+' of strings joins them (SSIS)");
	pg_case("'x' + 'z' is 'xz' where '+' joins strings", f, ROW1, "'xz'");
	const char *n = translate_text(&flipped, "S + T", false);
	pg_case("'x' + NULL is NULL where '+' joins strings strictly", n, ROW1, "'NULL'");
	env = env_of(&flipped);
	expr_translate(&arena, &env, "S + I", 5, &r);
	CHECK(r.errors == 1 &&
		  strstr(((ExprIssue *)r.issues.items[0])->msg, "cannot join a string and a integer"),
	      "add_concatenates: a string and a number do not meet");
}

static void test_integer_modulo(void)
{
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "I % 2.5", false), "mod(i, 2.5)",
		  "without integer_modulo '%' takes any number (PowerCenter)");
	ExprEnv env = env_of(&flipped);
	ExprResult r;
	expr_translate(&arena, &env, "I % 2.5", 7, &r);
	CHECK(r.errors == 1 && strstr(((ExprIssue *)r.issues.items[0])->msg, "needs whole numbers"),
	      "integer_modulo: '%%' of a decimal is an error (SSIS)");
	const char *f = translate_text(&flipped, "I % J", false);
	pg_case("7 % 2 is 1", f, ROW1, "'1'");
}

static void test_conditions_need_booleans(void)
{
	ExprEnv env = env_of(&flipped);
	ExprResult r;
	expr_translate(&arena, &env, "I AND C", 7, &r);
	CHECK(r.errors == 1, "without bool_is_number AND needs conditions, not numbers");
	expr_translate(&arena, &env, "NOT I", 5, &r);
	CHECK(r.errors == 1, "without bool_is_number NOT needs a condition");
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "I AND C", false),
		  "(i <> 0 AND c)::integer", "with bool_is_number a number is a condition");
}

static void test_argument_types(void)
{
	ExprEnv env = env_of(&flipped);
	ExprResult r;
	expr_translate(&arena, &env, "LENGTH(I)", 9, &r);
	CHECK(r.errors == 1, "strict_string_args: a number is not a string argument (SSIS LEN(123))");
	CHECK_STR(translate_text(expr_language(LANG_POWERCENTER), "LENGTH(I)", false), "char_length(i::text)",
		  "without strict_string_args a number converts to text (PowerCenter)");
	const char *f = translate_text(&flipped, "GET_DATE_PART(S, 'DD')", false);
	CHECK_STR(f, "extract(day FROM s::timestamp)::integer",
		  "date_args_take_text: text in a date form converts to a date");
	pg_case("the day of '2024-07-04' is 4", f, "SELECT 1 AS akko_ord, '2024-07-04'::text AS s", "'4'");
	expr_translate(&arena, &env, "GET_DATE_PART('2024-07-04', 'DD')", 33, &r);
	CHECK(r.errors == 1, "date_args_take_text: a string literal must be cast");
	expr_translate(&arena,
		       &(ExprEnv){.lang = expr_language(LANG_POWERCENTER),
				  .dialect = &dialect_postgres,
				  .resolve = resolve,
				  .ud = &arena},
		       "GET_DATE_PART(S, 'DD')", 22, &r);
	CHECK(r.errors == 1, "without date_args_take_text a date argument takes dates only");
}

/* Language.cast: an explicit cast the language's way. */
static Sql cast_as_minus_one(Gen *g, const Expr *e)
{
	(void)e;
	return sql_lit(g, XT_INTEGER, "-1");
}

static void test_cast_hook(void)
{
	Language l = flipped;
	l.cast = cast_as_minus_one;
	ExprResult r;
	ExprCast to_int = {.to = XT_INTEGER, .length = -1, .precision = -1, .scale = -1};
	Expr *e = node(EX_CAST, 1, name("c"));
	e->cast = &to_int;
	CHECK_STR(translate_tree(&l, e, &r), "-1", "Language.cast prints an explicit cast");
	Expr *i = node(EX_CAST, 1, name("c"));
	ExprCast implicit = to_int;
	implicit.implicit = true;
	i->cast = &implicit;
	const char *got = translate_tree(&l, i, &r);
	CHECK(got && strcmp(got, "-1") != 0, "an implicit cast is Language.convert's, not Language.cast's");
}

/* ---- the shared node kinds ---------------------------------------------------------- */

static void test_if(void)
{
	ExprResult r;
	/* IF c THEN 'a' ELSEIF i > 5 THEN 'b' ELSE 'z' */
	Expr *gt = expr_build_binary(&B, OP_GT, name("i"), num("5"), AT);
	Expr *e = node(EX_IF, 5, name("c"), str("a"), gt, str("b"), str("z"));
	const char *f = translate_tree(&flipped, e, &r);
	CHECK_STR(
	    f,
	    "CASE WHEN c IS NULL THEN NULL WHEN c THEN 'a' WHEN i > 5 IS NULL THEN NULL WHEN i > 5 THEN 'b' "
	    "ELSE 'z' END",
	    "EX_IF with null_condition_is_null: a NULL condition gives NULL");
	pg_case("IF NULL THEN .. is NULL where a NULL condition gives NULL", f, ROW1, "'NULL'");
	Expr *e2 = node(EX_IF, 5, name("c"), str("a"), expr_build_binary(&B, OP_GT, name("i"), num("5"), AT),
			str("b"), str("z"));
	const char *p = translate_tree(expr_language(LANG_POWERCENTER), e2, &r);
	CHECK_STR(p, "CASE WHEN c THEN 'a' WHEN i > 5 THEN 'b' ELSE 'z' END",
		  "EX_IF: a NULL condition takes the next branch (PowerCenter)");
	pg_case("IF NULL THEN 'a' ELSEIF 7 > 5 THEN 'b' is 'b'", p, ROW1, "'b'");
	Expr *bad = node(EX_IF, 3, name("c"), str("a"), num("1"));
	translate_tree(&flipped, bad, &r);
	CHECK(r.errors == 1 && r.issues.len == 1 &&
		  strstr(((ExprIssue *)r.issues.items[0])->msg, "the results differ in type"),
	      "EX_IF: results of different types are an error");
}

static void test_case_in(void)
{
	ExprResult r;
	Expr *e = node(EX_CASE, 6, name("s"), str("X"), num("1"), str("y"), num("2"), num("0"));
	const char *f = translate_tree(&flipped, e, &r);
	CHECK_STR(f, "CASE lower(s) WHEN lower('X') THEN 1 WHEN lower('y') THEN 2 ELSE 0 END",
		  "EX_CASE: first equal match, folded where comparison ignores case");
	pg_case("CASE 'x' WHEN 'X' .. ignoring case is 1", f, ROW1, "'1'");
	Expr *in = node(EX_IN, 4, name("i"), num("1"), num("7"), num("9"));
	const char *p = translate_tree(expr_language(LANG_POWERCENTER), in, &r);
	CHECK_STR(p, "(i IN (1, 7, 9))::integer", "EX_IN (a PowerCenter value is 1/0)");
	Expr *in2 = node(EX_IN, 3, name("i"), num("1"), num("7"));
	const char *q = translate_tree(&flipped, in2, &r);
	CHECK_STR(q, "i IN (1, 7)", "EX_IN as a boolean");
	pg_case("7 IN (1, 7) is true", q, ROW1, "'true'");
}

static void test_cast(void)
{
	ExprResult r;
	ExprCast wstr = {.to = XT_STRING, .length = 3, .precision = -1, .scale = -1};
	Expr *e = node(EX_CAST, 1, str("abcdef"));
	e->cast = &wstr;
	const char *f = translate_tree(&flipped, e, &r);
	CHECK_STR(f, "'abcdef'::varchar(3)", "EX_CAST to a string of a length (SSIS (DT_WSTR, 3))");
	pg_case("(DT_WSTR, 3) 'abcdef' is 'abc'", f, ROW1, "'abc'");
	ExprCast dec = {.to = XT_DECIMAL, .length = -1, .precision = 6, .scale = 2};
	Expr *d = node(EX_CAST, 1, num("3.14159"));
	d->cast = &dec;
	const char *g = translate_tree(&flipped, d, &r);
	CHECK_STR(g, "3.14159::numeric(6,2)", "EX_CAST to a decimal of a precision and scale");
	pg_case("(DT_NUMERIC, 6, 2) 3.14159 is 3.14", g, ROW1, "'3.14'");
}

static void test_qualified_and_rows(void)
{
	ExprResult r;
	Expr *q = expr_build_node(&B, EX_QNAME, AT);
	q->text = "lnk";
	q->name = "col";
	const char *f = translate_tree(&flipped, q, &r);
	CHECK_STR(f, "lnk.col", "EX_QNAME: a column of an input, where the language has them");
	Expr *q2 = expr_build_node(&B, EX_QNAME, AT);
	q2->text = "lnk";
	q2->name = "col";
	translate_tree(expr_language(LANG_POWERCENTER), q2, &r);
	CHECK(r.errors == 1 && strstr(((ExprIssue *)r.issues.items[0])->msg, "is a qualified name"),
	      "EX_QNAME: an error where the language has no qualified names");
	Expr *q3 = expr_build_node(&B, EX_QNAME, AT);
	q3->text = "other";
	q3->name = "col";
	translate_tree(&flipped, q3, &r);
	CHECK(r.errors == 1 && strstr(((ExprIssue *)r.issues.items[0])->msg, "unknown column 'other.col'"),
	      "EX_QNAME: an input the step does not have is an error");
	Expr *row = expr_build_node(&B, EX_ROWREF, AT);
	row->name = "v";
	row->row = -1;
	const char *l = translate_tree(&flipped, row, &r);
	CHECK_STR(l, "lag(v, 1) OVER (ORDER BY akko_ord)", "EX_ROWREF: the previous row's value");
	pg_case("[Row-1:v] over 10, 20, 30 is NULL, 10, 20", l,
		"SELECT * FROM (VALUES (1, 10), (2, 20), (3, 30)) AS x(akko_ord, v)", "'NULL,10,20'");
}

static void test_bitwise(void)
{
	ExprResult r;
	const char *names[] = {"6 & 3 is 2", "6 | 3 is 7", "6 ^ 3 (xor) is 5"};
	ExprOp ops[] = {OP_BITAND, OP_BITOR, OP_BITXOR};
	const char *sql[] = {"6 & 3", "6 | 3", "6 # 3"};
	const char *want[] = {"'2'", "'7'", "'5'"};
	for (int i = 0; i < 3; i++) {
		Expr *e = expr_build_binary(&B, ops[i], num("6"), num("3"), AT);
		const char *s = translate_tree(&flipped, e, &r);
		CHECK_STR(s, sql[i], names[i]);
		pg_case(names[i], s, ROW1, want[i]);
	}
	Expr *n = expr_build_unary(&B, OP_BITNOT, num("6"), AT);
	const char *s = translate_tree(&flipped, n, &r);
	CHECK_STR(s, "~6", "~6");
	pg_case("~6 is -7", s, ROW1, "'-7'");
	Expr *bad = expr_build_binary(&B, OP_BITAND, str("a"), num("1"), AT);
	translate_tree(&flipped, bad, &r);
	CHECK(r.errors == 1, "a bitwise operator on a string is an error");
}

/* ---- a language of its own: positions counted from 0 ---------------------------------- */

/* FINDSTRING(s, t): where t starts in s, from 0; -1 when it is not there
 * (the Alteryx definition). */
static Sql lower_findstring(Gen *g, const Expr *e)
{
	Sql p = sql_prim(g, PRIM_STRPOS, XT_INTEGER, NULL, 2, sql_arg(g, e, 0), sql_arg(g, e, 1));
	return sql_position_out(g, p, "-1");
}

/* SUBSTRING(s, start, length): start counted from 0. */
static Sql lower_substring(Gen *g, const Expr *e)
{
	return sql_prim(g, PRIM_SUBSTR, XT_STRING, NULL, 3, sql_arg(g, e, 0),
			sql_position_in(g, sql_arg(g, e, 1)), sql_arg(g, e, 2));
}

static const FuncDef zero_funcs[] = {
    {0, "FINDSTRING", 2, 2, "SS", FR_INTEGER, FS_EXACT, 0, PRIM_NONE, lower_findstring, "0-based"},
    {1, "SUBSTRING", 3, 3, "SII", FR_STRING, FS_EXACT, 0, PRIM_NONE, lower_substring, "0-based"},
    {2, "UPPERCASE", 1, 1, "S", FR_STRING, FS_EXACT, 0, PRIM_UPPER, NULL, ""},
};

/* A language is data: this one is made here, from its own catalogue, and
 * the shared middle prints it. */
static void test_zero_based(void)
{
	Language zero = flipped;
	zero.name = "zero-based";
	zero.funcs = zero_funcs;
	zero.nfuncs = sizeof zero_funcs / sizeof *zero_funcs;
	zero.sem.position_base = 0;
	const char *f = translate_text(&zero, "FINDSTRING(S, 'x')", false);
	CHECK_STR(f, "CASE WHEN strpos(s, 'x') = 0 THEN -1 ELSE strpos(s, 'x') - 1 END",
		  "a 0-based position: SQL's 1-based one less one, -1 when absent");
	pg_case("FINDSTRING('x', 'x') is 0 counted from 0", f, ROW1, "'0'");
	pg_case("FINDSTRING('abc', 'z') is -1", translate_text(&zero, "FINDSTRING('abc', 'z')", false), ROW1,
		"'-1'");
	const char *g = translate_text(&zero, "SUBSTRING('abcdef', 1, 2)", false);
	CHECK_STR(g, "substr('abcdef', 1 + 1, 2)", "a 0-based start becomes SQL's 1-based one");
	pg_case("SUBSTRING('abcdef', 1, 2) counted from 0 is 'bc'", g, ROW1, "'bc'");
	CHECK_STR(translate_text(&zero, "UPPERCASE(S)", false), "upper(s)",
		  "a one-to-one function names a core operation");
	ExprEnv env = env_of(&zero);
	ExprResult r;
	expr_translate(&arena, &env, "SUBSTR(S, 1)", 12, &r);
	CHECK(r.errors == 1 && strstr(((ExprIssue *)r.issues.items[0])->msg, "unknown function 'SUBSTR'"),
	      "a function of another language's catalogue is unknown");
}

int main(int argc, char **argv)
{
	arena_init(&arena);
	PtrVec issues = {0};
	B = (ExprBuilder){&arena, &issues, false};
	if (argc == 3 && strcmp(argv[1], "--sql") == 0) {
		sql_out = fopen(argv[2], "w");
		if (!sql_out) {
			perror(argv[2]);
			return 2;
		}
	}
	flipped = flipped_language();
	CHECK(expr_language(LANG_POWERCENTER) && !expr_language(LANG_SQL),
	      "languages with a parser are registered; SQL text is not one");
	CHECK(expr_language_named("PowerCenter") == expr_language(LANG_POWERCENTER),
	      "a language is found by name, ignoring case");
	CHECK(expr_language_named("ssis") == expr_language(LANG_SSIS), "SSIS is a language with a parser");
	test_concat();
	test_division();
	test_booleans();
	test_names_and_strings();
	test_case_insensitive();
	test_add_concatenates();
	test_two_valued();
	test_arith_strings();
	test_integer_modulo();
	test_conditions_need_booleans();
	test_cast_hook();
	test_argument_types();
	test_if();
	test_case_in();
	test_cast();
	test_qualified_and_rows();
	test_bitwise();
	test_zero_based();
	if (sql_out)
		fclose(sql_out);
	arena_release(&arena);
	return tap_done();
}
