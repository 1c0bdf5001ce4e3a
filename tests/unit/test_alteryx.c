/* test_alteryx.c - the Alteryx formula grammar and lexer: precedence (AND
 * and OR on one level, left to right: Alteryx's Operators page,
 * EXPRESSIONS.md §3.2), IF/ELSEIF/ENDIF, IIF and Switch, IN and NOT IN,
 * literals, fields, row references, comments, case-insensitive keywords,
 * and located syntax errors; then the fuzz reproducers
 * (tests/fuzz/alteryx-expr-crashes/), each of which once crashed, are
 * translated again: they must finish with SQL or a diagnostic.
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
	return sexp_tree(&arena, LANG_ALTERYX, text);
}

static void test_precedence(void)
{
	static const char *const cases[][2] = {
	    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
	    {"a - b - c", "(- (- a b) c)"},
	    {"a / b * c", "(* (/ a b) c)"},
	    {"-a * b", "(* (- a) b)"},
	    {"a OR b AND c", "(AND (OR a b) c)"},
	    {"a AND b OR c", "(OR (AND a b) c)"},
	    {"a || b && c", "(AND (OR a b) c)"},
	    {"NOT a AND b", "(AND (NOT a) b)"},
	    {"!a = b", "(= (NOT a) b)"},
	    {"a = b AND c <> d", "(AND (= a b) (<> c d))"},
	    {"a == b != c", "(<> (= a b) c)"},
	    {"a < b = c > d", "(= (< a b) (> c d))"},
	    {"a < b + c", "(< a (+ b c))"},
	    {"a + b IN (1, 2)", "(in (+ a b) 1 2)"},
	    {"a NOT IN (\"x\")", "(NOT (in a \"x\"))"},
	    {"a in (1) and b", "(AND (in a 1) b)"},
	    {"(a + b) * c", "(* (+ a b) c)"},
	    {"Left(a, 2) + Right(b, 2 * c)", "(+ (Left a 2) (Right b (* 2 c)))"},
	    {"DateTimeNow()", "(DateTimeNow)"},
	    {"IF a THEN 1 ELSE 2 ENDIF", "(if a 1 2)"},
	    {"if a then 1 elseif b then 2 else 3 endif", "(if a 1 b 2 3)"},
	    {"IF a THEN 1 ENDIF", "(if a 1)"},
	    {"IF a THEN IF b THEN 1 ELSE 2 ENDIF ELSE 3 ENDIF + 1", "(+ (if a (if b 1 2) 3) 1)"},
	    {"IIF(a, 1, 2)", "(if a 1 2)"},
	    {"iif(a, 1)", "(iif a 1)"},
	    {"Switch(v, 0, \"a\", 1, \"b\", 2)", "(case v \"a\" 1 \"b\" 2 0)"},
	    {"Switch(v, 0, \"a\")", "(Switch v 0 \"a\")"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(tree(cases[i][0]), cases[i][1], cases[i][0]);
}

static void test_literals(void)
{
	static const char *const cases[][2] = {
	    {"\"a'b\"", "\"a'b\""},
	    {"'a\"b'", "\"a\"b\""},
	    {"\"C:\\temp\\n\"", "\"C:\\temp\\n\""},
	    {"12.5e3", "12.5e3"},
	    {".5", ".5"},
	    {"[Field Name]", "Field Name"},
	    {"[a+b (c)]", "a+b (c)"},
	    {"[Line\nBreak]", "Line\nBreak"},
	    {"[Row-1:Sales]", "Sales@-1"},
	    {"[row+2:My Field]", "My Field@2"},
	    {"[Engine.WorkflowDirectory]", "Engine.WorkflowDirectory"},
	    {"bare_name + 1", "(+ bare_name 1)"},
	    {"1 // comment\n+ 2", "(+ 1 2)"},
	    {"1 /* a * b */ + 2", "(+ 1 2)"},
	    {"ifx + endifs", "(+ ifx endifs)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(tree(cases[i][0]), cases[i][1], cases[i][0]);
}

/* A syntax error: its message contains `want` and it starts at `off`. */
static void error_at(const char *text, uint32_t off, const char *want)
{
	sexp_error_at(&arena, LANG_ALTERYX, text, off, want);
}

static void test_errors(void)
{
	error_at("1 +", 3, "unexpected end of the expression");
	error_at("Left(a))", 7, "unexpected ')'");
	error_at("IF a THEN 1 ELSE 2", 18, "unexpected end of the expression");
	error_at("IF a 1 ELSE 2 ENDIF", 5, "unexpected number");
	error_at("\"abc", 0, "unterminated string");
	error_at("'abc", 0, "unterminated string");
	error_at("[abc", 0, "unterminated field name");
	error_at("IIF(IsNull([Row-2:x},\n,\nIIF([y]", 11, "unterminated field name");
	error_at("1 /* no end", 2, "unterminated comment");
	error_at("12abc", 0, "malformed numeric literal");
	error_at("", 0, "empty expression");
	error_at("a + $", 4, "unexpected character");
	error_at("a % b", 2, "unexpected character");
	error_at("a IN ()", 6, "unexpected ')'");
}

/* The fuzz reproducers: each translates to SQL or diagnostics, twice. */
static void test_crashes(void)
{
	replay_fuzz_crashes(&arena, "alteryx-expr-crashes", LANG_ALTERYX);
}

int main(void)
{
	arena_init(&arena);
	CHECK(expr_language_named("alteryx") == expr_language(LANG_ALTERYX),
	      "the Alteryx language is registered");
	test_precedence();
	test_literals();
	test_errors();
	test_crashes();
	arena_release(&arena);
	return tap_done();
}
