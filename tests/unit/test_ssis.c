/* test_ssis.c - the SSIS expression grammar and lexer: precedence and
 * associativity (Microsoft's "Operator Precedence and Associativity"),
 * casts and typed NULLs, literals and escapes, names, and located syntax
 * errors; then the SSIS fuzz reproducers (tests/fuzz/ssis-expr-crashes/)
 * are translated again, each of which once crashed: they must finish with
 * SQL or a diagnostic.
 */
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "replay.h"
#include "sexp.h"
#include "tap.h"

static Arena arena;

static const Expr *parse(const char *text, PtrVec *issues)
{
	return sexp_parse(&arena, LANG_SSIS, text, issues);
}

static const char *tree(const char *text)
{
	return sexp_tree(&arena, LANG_SSIS, text);
}

static void test_precedence(void)
{
	static const char *const cases[][2] = {
	    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
	    {"a - b - c", "(- (- a b) c)"},
	    {"a / b % c", "(% (/ a b) c)"},
	    {"-a * b", "(* (- a) b)"},
	    {"!a && b", "(AND (NOT a) b)"},
	    {"~a & b", "(& (~ a) b)"},
	    {"a || b && c", "(OR a (AND b c))"},
	    {"a && b || c", "(OR (AND a b) c)"},
	    {"a | b ^ c & d", "(| a (^ b (& c d)))"},
	    {"a & b == c", "(& a (= b c))"},
	    {"a == b < c", "(= a (< b c))"},
	    {"a == b != c", "(<> (= a b) c)"},
	    {"a < b + c", "(< a (+ b c))"},
	    {"a + b ? c : d", "(if (+ a b) c d)"},
	    {"a ? b : c ? d : e", "(if a b (if c d e))"},
	    {"a ? b ? c : d : e", "(if a (if b c d) e)"},
	    {"a ? b : c || d", "(if a b (OR c d))"},
	    {"(DT_I4)a * b", "(* (DT_I4 a) b)"},
	    {"(DT_I4)-a", "(DT_I4 (- a))"},
	    {"-(DT_I4)a", "(- (DT_I4 a))"},
	    {"(DT_WSTR, 5)(DT_I4)a + b", "(+ (DT_WSTR (DT_I4 a)) b)"},
	    {"(a + b) * c", "(* (+ a b) c)"},
	    {"LEN(a) + RIGHT(b, 2 * c)", "(+ (LEN a) (RIGHT b (* 2 c)))"},
	    {"GETDATE()", "(GETDATE)"},
	    {"[LEN]([My Col])", "(LEN My Col)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(tree(cases[i][0]), cases[i][1], cases[i][0]);
}

static void test_casts(void)
{
	PtrVec is;
	const Expr *e = parse("(DT_WSTR, 10)a", &is);
	CHECK(e && e->kind == EX_CAST && e->cast->to == XT_STRING && e->cast->length == 10,
	      "(DT_WSTR, 10): a string of length 10");
	e = parse("( DT_STR , 5 , 1252 )a", &is);
	CHECK(e && e->kind == EX_CAST && e->cast->length == 5 && strcmp(e->name, "DT_STR") == 0,
	      "(DT_STR, 5, 1252): length 5, blanks anywhere");
	e = parse("(DT_NUMERIC, 10, 2)a", &is);
	CHECK(e && e->cast->to == XT_DECIMAL && e->cast->precision == 10 && e->cast->scale == 2,
	      "(DT_NUMERIC, 10, 2): precision and scale");
	e = parse("(DT_DECIMAL, 3)a", &is);
	CHECK(e && e->cast->to == XT_DECIMAL && e->cast->scale == 3, "(DT_DECIMAL, 3): a scale");
	e = parse("(dt_dbtimestamp)a", &is);
	CHECK(e && e->cast->to == XT_DATE && strcmp(e->name, "DT_DBTIMESTAMP") == 0,
	      "type names ignore case");
	static const char *const all[] = {
	    "(DT_BOOL)",
	    "(DT_I1)",
	    "(DT_I2)",
	    "(DT_I4)",
	    "(DT_I8)",
	    "(DT_UI1)",
	    "(DT_UI2)",
	    "(DT_UI4)",
	    "(DT_UI8)",
	    "(DT_R4)",
	    "(DT_R8)",
	    "(DT_CY)",
	    "(DT_NUMERIC,5,1)",
	    "(DT_DECIMAL,2)",
	    "(DT_STR,5,1252)",
	    "(DT_WSTR,5)",
	    "(DT_TEXT,1252)",
	    "(DT_NTEXT)",
	    "(DT_BYTES,8)",
	    "(DT_IMAGE)",
	    "(DT_DATE)",
	    "(DT_DBDATE)",
	    "(DT_DBTIME)",
	    "(DT_DBTIME2,3)",
	    "(DT_DBTIMESTAMP)",
	    "(DT_DBTIMESTAMP2,7)",
	    "(DT_DBTIMESTAMPOFFSET,7)",
	    "(DT_FILETIME)",
	    "(DT_GUID)",
	};
	size_t ok = 0;
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		const char *t = arena_sprintf(&arena, "%sa", all[i]);
		e = parse(t, &is);
		ok += e && e->kind == EX_CAST;
	}
	CHECK(ok == sizeof all / sizeof *all, "every DT_ type casts (%zu of %zu)", ok,
	      sizeof all / sizeof *all);
	e = parse("NULL(DT_WSTR, 4)", &is);
	CHECK(e && e->kind == EX_CAST && e->cast->length == 4 && e->args[0]->kind == EX_NAME &&
		  strcmp(e->args[0]->name, "NULL") == 0,
	      "NULL(DT_WSTR, 4) is a typed NULL");
	CHECK_STR(tree("NULL ( DT_I4 ) + 1"), "(+ (DT_I4 NULL) 1)", "a typed NULL is an operand");
}

static void test_literals(void)
{
	PtrVec is;
	const Expr *e = parse("\"\\n\\t\\r\\a\\b\\f\\v\\\"\\\\\\x0041\\x20ac\"", &is);
	CHECK(e && e->kind == EX_STRING && strcmp(e->text, "\n\t\r\a\b\f\v\"\\A\xe2\x82\xac") == 0,
	      "string escapes decode, \\xhhhh as UTF-8");
	CHECK_STR(tree("0xFF"), "255", "hexadecimal in decimal");
	CHECK_STR(tree("10L"), "10", "L suffix");
	CHECK_STR(tree("10UL"), "10", "UL suffix");
	CHECK_STR(tree("1.5E3"), "1.5E3", "exponent kept");
	CHECK_STR(tree("2.5F"), "2.5", "F suffix");
	CHECK_STR(tree("@[User::Count]"), "@User::Count", "a namespaced variable");
	CHECK_STR(tree("@Count"), "@Count", "a variable without a namespace");
	CHECK_STR(tree("@[$Package::P]"), "@$Package::P", "a package parameter");
	CHECK_STR(tree("[Unit Price]"), "Unit Price", "a bracketed column");
	CHECK_STR(tree("[In].[Col]"), "In.Col", "a qualified column");
	CHECK_STR(tree("In.Col"), "In.Col", "a qualified column without brackets");
	CHECK_STR(tree("#12"), "#12", "a lineage id");
	CHECK_STR(tree("TRUE && false"), "(AND TRUE false)", "booleans are names resolved later");
	e = parse("@[User::Count] = @Count + 1", &is);
	CHECK(e && e->kind == EX_BINARY && is.len == 1 && ((ExprIssue *)is.items[0])->code == W_EXPR_ASSIGN &&
		  strstr(((ExprIssue *)is.items[0])->msg, "'User::Count'"),
	      "an assignment's tree is its value, with W0517 naming the variable");
}

/* A syntax error: its message contains `want` and it starts at `off`. */
static void error_at(const char *text, uint32_t off, const char *want)
{
	sexp_error_at(&arena, LANG_SSIS, text, off, want);
}

static void test_errors(void)
{
	error_at("1 +", 3, "unexpected end of the expression");
	error_at("LEN(a))", 6, "unexpected ')'");
	error_at("a = b", 2, "SSIS compares with '=='");
	error_at("@a = @b = 1", 8, "'=' only assigns a variable");
	error_at("a ? b", 5, "unexpected end of the expression");
	error_at("\"abc", 0, "unterminated string");
	error_at("\"a\\qb\"", 2, "unknown escape");
	error_at("\"\\x0000\"", 1, "NUL");
	error_at("'a'", 0, "double quotes");
	error_at("(DT_FOO)a", 0, "unknown data type 'DT_FOO'");
	error_at("(DT_WSTR)a", 0, "DT_WSTR takes 1 parameter");
	error_at("(DT_I4, 2)a", 0, "DT_I4 takes no parameters");
	error_at("(DT_WSTR, 0)a", 0, "out of range");
	error_at("(DT_NUMERIC, 5, 9)a", 0, "scale");
	error_at("NULL + 1", 0, "NULL needs a data type");
	error_at("1 + @", 4, "a variable is");
	error_at("[abc", 0, "unterminated column name");
	error_at("12abc", 0, "malformed numeric literal");
	error_at("", 0, "empty expression");
	error_at("a +  $", 5, "unexpected character");
}

/* The fuzz reproducers: each translates to SQL or diagnostics, twice. */
static void test_crashes(void)
{
	replay_fuzz_crashes(&arena, "ssis-expr-crashes", LANG_SSIS);
}

int main(void)
{
	arena_init(&arena);
	CHECK(expr_language_named("ssis") == expr_language(LANG_SSIS), "the SSIS language is registered");
	test_precedence();
	test_casts();
	test_literals();
	test_errors();
	test_crashes();
	arena_release(&arena);
	return tap_done();
}
