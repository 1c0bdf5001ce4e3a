/* test_datastage_expr.c - the DataStage derivation grammar and lexer:
 * precedence (And and Or on one level, left to right: the DataStage BASIC
 * "Logical Operators" page; arithmetic before ':' before comparisons:
 * "Concatenating strings"; EXPRESSIONS.md §4.2), If/Then/Else, the
 * substring forms, Link.Column, system variables, #PARAM#, the BASIC
 * relational spellings and keywords, literals in three quotes,
 * case-insensitive keywords, and located syntax errors; then the fuzz
 * reproducers (tests/fuzz/datastage-expr-crashes/), each of which once
 * crashed, are translated again: they must finish with SQL or a
 * diagnostic.
 */
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "replay.h"
#include "sexp.h"
#include "tap.h"

static Arena arena;

static const char *tree(const char *text)
{
	return sexp_tree(&arena, LANG_DATASTAGE, text);
}

static void test_precedence(void)
{
	static const char *const cases[][2] = {
	    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
	    {"a - b - c", "(- (- a b) c)"},
	    {"a / b * c", "(* (/ a b) c)"},
	    {"-a * b", "(* (- a) b)"},
	    {"-2 ** 2", "(- (Pwr 2 2))"},
	    {"2 ^ 3 ^ 2", "(Pwr (Pwr 2 3) 2)"},
	    {"2 * 3 ** 2", "(* 2 (Pwr 3 2))"},
	    {"\"a\" : \"2\" + \"2\" : \"b\"", "(|| (|| \"a\" (+ \"2\" \"2\")) \"b\")"},
	    {"a : b = c : d", "(= (|| a b) (|| c d))"},
	    {"a Or b And c", "(AND (OR a b) c)"},
	    {"a And b Or c", "(OR (AND a b) c)"},
	    {"a | b & c", "(AND (OR a b) c)"},
	    {"Not(a) And b", "(AND (NOT a) b)"},
	    {"Not(a) = 1", "(= (NOT a) 1)"},
	    {"a = b And c <> d", "(AND (= a b) (<> c d))"},
	    {"a # b", "(<> a b)"},
	    {"a >< b", "(<> a b)"},
	    {"a =< b Or a => b", "(OR (<= a b) (>= a b))"},
	    {"a EQ b and c ne d", "(AND (= a b) (<> c d))"},
	    {"a lt b OR a GT b OR a LE b OR a GE b", "(OR (OR (OR (< a b) (> a b)) (<= a b)) (>= a b))"},
	    {"EQ(a, b)", "(= a b)"},
	    {"GE(1, 2) + 1", "(+ (>= 1 2) 1)"},
	    {"a < b + c", "(< a (+ b c))"},
	    {"If a Then 1 Else 2", "(if a 1 2)"},
	    {"IF a THEN 1 ELSE IF b THEN 2 ELSE 3", "(if a 1 (if b 2 3))"},
	    {"if a then 1 else 2 + 3", "(if a 1 (+ 2 3))"},
	    {"(If a Then 1 Else 2) + 3", "(+ (if a 1 2) 3)"},
	    {"1 + If a Then 1 Else 2", "(+ 1 (if a 1 2))"},
	    {"If a = 1 And b Then x : y Else z", "(if (AND (= a 1) b) (|| x y) z)"},
	    {"s[3]", "([length] s 3)"},
	    {"s[2, 3]", "([start, length] s 2 3)"},
	    {"s[\",\", 2, 1]", "([delimiter, occurrence, count] s \",\" 2 1)"},
	    {"Trim(s)[1, 2] : \"x\"", "(|| ([start, length] (Trim s) 1 2) \"x\")"},
	    {"lnk.col[1]", "([length] lnk.col 1)"},
	    {"Left(a, 2) : Right(b, 2 * c)", "(|| (Left a 2) (Right b (* 2 c)))"},
	    {"CurrentDate()", "(CurrentDate)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(tree(cases[i][0]), cases[i][1], cases[i][0]);
}

static void test_literals(void)
{
	static const char *const cases[][2] = {
	    {"\"a'b\"", "\"a'b\""},
	    {"'a\"b'", "\"a\"b\""},
	    {"\\a'\"b\\", "\"a'\"b\""},
	    {"12.5e3", "12.5e3"},
	    {".5", ".5"},
	    {"DSLink3.CUST_ID", "DSLink3.CUST_ID"},
	    {"lnk_in.x + svCount", "(+ lnk_in.x svCount)"},
	    {"@INROWNUM", "@INROWNUM"},
	    {"@NULL.STR", "@NULL.STR"},
	    {"#pRunDate#", "@pRunDate"},
	    {"#PS_CONN.TRG_SCHEME#", "@PS_CONN.TRG_SCHEME"},
	    {"#$APT_CONFIG_FILE#", "@$APT_CONFIG_FILE"},
	    {"Iffy + Thence", "(+ Iffy Thence)"},
	    {"upcase(x)", "(upcase x)"},
	    {"x :\ty", "(|| x y)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(tree(cases[i][0]), cases[i][1], cases[i][0]);
}

/* A syntax error: its message contains `want` and it starts at `off`. */
static void error_at(const char *text, uint32_t off, const char *want)
{
	sexp_error_at(&arena, LANG_DATASTAGE, text, off, want);
}

static void test_errors(void)
{
	error_at("1 +", 3, "unexpected end of the expression");
	error_at("Left(a))", 7, "unexpected ')'");
	error_at("If a Then 1", 11, "unexpected end of the expression");
	error_at("If a 1 Else 2", 5, "unexpected number");
	error_at("\"abc", 0, "unterminated string");
	error_at("'abc", 0, "unterminated string");
	error_at("\\abc", 0, "unterminated string");
	error_at("12abc", 0, "malformed numeric literal");
	error_at("", 0, "empty expression");
	error_at("a + %", 4, "unexpected character");
	error_at("a + @", 4, "a system variable");
	error_at("s[1, 2", 6, "unexpected end of the expression");
	error_at("s[]", 2, "unexpected ']'");
	error_at("lnk.col(1)", 0, "is not a function");
	error_at("@DATE(1)", 0, "is not a function");
	error_at("a = = b", 6, "expected '('");
	error_at("a#b#c", 1, "unexpected parameter");
	error_at("1 + =(1, 2)", 4, "a comparison symbol is not a function");
	error_at("LnRd#SHORTNAME#.RECTYPE", 4, "unexpected parameter");
	error_at("If a Then 1 ElseIf b Then 2 Else 3", 12, "unexpected name");
}

static const ExprBinding *typed(void *ud, BindKind what, const char *name)
{
	static ExprBinding b[] = {
	    {.kind = BIND_COLUMN, .name = "x", .type = XT_DECIMAL},
	    {.kind = BIND_COLUMN, .name = "f", .type = XT_DOUBLE},
	    {.kind = BIND_COLUMN, .name = "s", .type = XT_STRING},
	    {.kind = BIND_COLUMN, .name = "d", .type = XT_DATE},
	};
	(void)ud;
	(void)what;
	for (size_t i = 0; i < sizeof b / sizeof *b; i++)
		if (strcmp(b[i].name, name) == 0)
			return &b[i];
	return NULL;
}

/* The SQL of a value of column `col` entering a port of type `to`. */
static const char *coerced(const char *col, ExprType to, int32_t precision, int32_t scale)
{
	ExprEnv env = {.lang = expr_language(LANG_DATASTAGE), .dialect = &dialect_postgres, .resolve = typed};
	ExprResult r;
	expr_translate_tree(&arena, &env, expr_new_coercion(&arena, col, to, precision, scale), &r);
	return r.sql ? r.sql : "(not translated)";
}

/* Implicit conversions on assignment (EXPRESSIONS.md D22, D24): fractions
 * truncated toward zero, decimal scales truncated, dates in
 * %yyyy-%mm-%dd. */
static void test_conversions(void)
{
	CHECK_STR(coerced("x", XT_INTEGER, -1, -1), "trunc(x, 0)::integer", "decimal into int32 truncates");
	CHECK_STR(coerced("f", XT_BIGINT, -1, -1), "trunc(f::numeric, 0)::bigint", "dfloat into int64 truncates");
	CHECK_STR(coerced("x", XT_DECIMAL, 7, 2), "trunc(x, 2)", "decimal(7,2) keeps 2 digits, truncated");
	CHECK_STR(coerced("s", XT_DATE, -1, -1), "to_timestamp(s, 'YYYY-MM-DD')::timestamp",
		  "text into a date in %yyyy-%mm-%dd");
	CHECK_STR(coerced("d", XT_STRING, -1, -1), "to_char(d, 'YYYY-MM-DD')", "a date into text in %yyyy-%mm-%dd");
}

/* The fuzz reproducers: each translates to SQL or diagnostics, twice. */
static void test_crashes(void)
{
	replay_fuzz_crashes(&arena, "datastage-expr-crashes", LANG_DATASTAGE);
}

int main(void)
{
	arena_init(&arena);
	CHECK(expr_language_named("datastage") == expr_language(LANG_DATASTAGE),
	      "the DataStage language is registered");
	test_precedence();
	test_literals();
	test_errors();
	test_conversions();
	test_crashes();
	arena_release(&arena);
	return tap_done();
}
