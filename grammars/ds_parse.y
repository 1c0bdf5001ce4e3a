/* ds_parse.y - bison grammar for the DataStage parallel Transformer
 * derivation language.
 *
 * Pure parser, locations are byte offsets, no conflicts (%expect 0).
 * Actions only build nodes; names, arity and types are checked later by
 * src/expr/sema.c against the function catalogue.  Precedence, lowest
 * first (EXPRESSIONS.md §4.2; IBM's DataStage BASIC "Logical Operators"
 * page: "AND statements do not take precedence over OR statements", and
 * "Concatenating strings": arithmetic binds tighter than ':'):
 *   If c Then a Else b      (the Else branch reaches as far as it can)
 *   And Or & |              one level, left to right
 *   = <> # >< < > <= =< >= => EQ NE LT GT LE GE
 *   :                       concatenation
 *   + -
 *   * /
 *   unary - +
 *   ** ^                    power (becomes a call of Pwr)
 *   Not x                   (a function in BASIC: it takes the operand after it)
 *   s[len] s[start, len] s[delim, occ, count], calls, ( )
 * The substring forms become calls of the catalogue rows "[length]",
 * "[start, length]" and "[delimiter, occurrence, count]"; EQ(a, b) and the
 * other comparison functions become comparisons.
 */
%code requires {
#include "expr/lang/datastage/ds_parser.h"
}

%code provides {
int dsy_lex(DSY_STYPE *lval, DSY_LTYPE *lloc, DsParser *p);
}

%code {
#include "base/str.h"

static void dsy_error(DSY_LTYPE *lloc, DsParser *p, const char *msg);

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                  \
	do {                                                         \
		if (N) {                                             \
			(Cur).off = YYRHSLOC(Rhs, 1).off;            \
			(Cur).end = YYRHSLOC(Rhs, N).end;            \
		} else {                                             \
			(Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		}                                                    \
	} while (0)
}

%define api.pure full
%define api.prefix {dsy_}
%define api.token.prefix {T_}
%define api.location.type {ExprSpan}
%define parse.error custom
%locations
%param {DsParser *p}
%expect 0

%union {
	Expr *e;
	ExprList *list;
}

%token END 0 "end of the expression"
%token <e> NUMBER "number" STRING "string" IDENT "name" PARAM "parameter"
%token <e> EQ "'='" NE "'<>'" LT "'<'" GT "'>'" LE "'<='" GE "'>='"
%token AND "And" OR "Or" NOT "Not" POW "'**'"
%token IF "If" THEN "Then" ELSE "Else"
%token LEXERR "invalid token"

%precedence ELSE
%left AND OR
%left EQ NE LT GT LE GE
%left ':'
%left '+' '-'
%left '*' '/'
%precedence UNARY
%left POW
%precedence NOT

%type <e> expr primary cmpname
%type <list> args arglist

%%

top:
	  expr              { p->result = $1; }
	;

expr:
	  primary
	| '-' expr %prec UNARY  { $$ = ds_unary(p, OP_NEG, $2, @$); }
	| '+' expr %prec UNARY  { $$ = ds_unary(p, OP_POS, $2, @$); }
	| NOT expr              { $$ = ds_unary(p, OP_NOT, $2, @$); }
	| expr POW expr     { $$ = ds_named_call(p, "Pwr", $1, $3, @$); }
	| expr '*' expr     { $$ = ds_binary(p, OP_MUL, $1, $3, @$); }
	| expr '/' expr     { $$ = ds_binary(p, OP_DIV, $1, $3, @$); }
	| expr '+' expr     { $$ = ds_binary(p, OP_ADD, $1, $3, @$); }
	| expr '-' expr     { $$ = ds_binary(p, OP_SUB, $1, $3, @$); }
	| expr ':' expr     { $$ = ds_binary(p, OP_CONCAT, $1, $3, @$); }
	| expr EQ expr      { $$ = ds_binary(p, OP_EQ, $1, $3, @$); }
	| expr NE expr      { $$ = ds_binary(p, OP_NE, $1, $3, @$); }
	| expr LT expr      { $$ = ds_binary(p, OP_LT, $1, $3, @$); }
	| expr GT expr      { $$ = ds_binary(p, OP_GT, $1, $3, @$); }
	| expr LE expr      { $$ = ds_binary(p, OP_LE, $1, $3, @$); }
	| expr GE expr      { $$ = ds_binary(p, OP_GE, $1, $3, @$); }
	| expr AND expr     { $$ = ds_binary(p, OP_AND, $1, $3, @$); }
	| expr OR expr      { $$ = ds_binary(p, OP_OR, $1, $3, @$); }
	| IF expr THEN expr ELSE expr {
		$$ = expr_build_n(&p->b, EX_IF, ds_list(p, ds_list(p, ds_list(p, NULL, $2), $4), $6), @$);
	}
	;

cmpname:
	  EQ | NE | LT | GT | LE | GE
	;

primary:
	  NUMBER
	| STRING
	| IDENT
	| PARAM
	| '(' expr ')'            { $$ = $2; }
	| IDENT '(' args ')'      { $$ = ds_call(p, $1, $3, @$); }
	| cmpname '(' args ')'    { $$ = ds_call(p, $1, $3, @$); }
	| primary '[' expr ']'    { $$ = ds_substring(p, $1, ds_list(p, NULL, $3), @$); }
	| primary '[' expr ',' expr ']' {
		$$ = ds_substring(p, $1, ds_list(p, ds_list(p, NULL, $3), $5), @$);
	}
	| primary '[' expr ',' expr ',' expr ']' {
		$$ = ds_substring(p, $1, ds_list(p, ds_list(p, ds_list(p, NULL, $3), $5), $7), @$);
	}
	;

args:
	  %empty                  { $$ = NULL; }
	| arglist
	;

arglist:
	  expr                    { $$ = ds_list(p, NULL, $1); }
	| arglist ',' expr        { $$ = ds_list(p, $1, $3); }
	;

%%

static void dsy_error(DSY_LTYPE *lloc, DsParser *p, const char *msg)
{
	if (!p->lex_failed)
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
			       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", msg);
}

/* "unexpected ')'; expected an operand" in the house style. */
static int yyreport_syntax_error(const yypcontext_t *ctx, DsParser *p)
{
	if (p->lex_failed)
		return 0;
	const DSY_LTYPE *at = yypcontext_location(ctx);
	yysymbol_kind_t got = yypcontext_token(ctx);
	yysymbol_kind_t want[6];
	int n = yypcontext_expected_tokens(ctx, want, 6);
	Sbuf m = SBUF_INIT;
	bool empty = got == YYSYMBOL_YYEOF && at->off == 0;
	sbuf_adds(&m, empty ? "empty expression" : "unexpected ");
	if (!empty)
		sbuf_adds(&m, yysymbol_name(got));
	if (n > 0 && n <= 5 && !empty) {
		sbuf_adds(&m, "; expected ");
		for (int i = 0; i < n; i++)
			sbuf_addf(&m, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", yysymbol_name(want[i]));
	}
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, at->off, at->end > at->off ? at->end - at->off : 1,
		       "%s", m.buf);
	sbuf_release(&m);
	return 0;
}

/* The comparison a name of the Operator functions page stands for. */
static ExprOp comparison_named(const char *name)
{
	static const struct {
		const char *name;
		ExprOp op;
	} ops[] = {{"EQ", OP_EQ}, {"NE", OP_NE}, {"LT", OP_LT}, {"GT", OP_GT}, {"LE", OP_LE}, {"GE", OP_GE}};
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		if (ascii_ieq(name, ops[i].name))
			return ops[i].op;
	return OP_NONE;
}

Expr *ds_call(DsParser *p, Expr *callee, ExprList *args, ExprSpan at)
{
	if (!callee) { /* a symbol (=, <>, <, ...) before '(': only EQ, NE... name a function */
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, at.off, 1,
			       "a comparison symbol is not a function: write EQ(a, b), NE(a, b)... or a = b");
		p->failed = true;
		Expr *e = expr_build_node(&p->b, EX_STRING, at);
		e->text = "";
		return e;
	}
	if (callee->kind != EX_NAME || callee->name[0] == '@') {
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, callee->off, callee->len ? callee->len : 1,
			       "'%s%s%s' is not a function: only a function name takes '('",
			       callee->kind == EX_QNAME ? callee->text : "", callee->kind == EX_QNAME ? "." : "",
			       callee->name);
		p->failed = true;
		return callee;
	}
	ExprOp op = comparison_named(callee->name);
	if (op != OP_NONE && args && args->n == 2)
		return ds_binary(p, op, args->items[0], args->items[1], at);
	return expr_build_call(&p->b, callee, args, at);
}

Expr *ds_named_call(DsParser *p, const char *name, Expr *a, Expr *b, ExprSpan at)
{
	Expr *callee = expr_build_node(&p->b, EX_NAME, at);
	callee->name = name;
	return expr_build_call(&p->b, callee, ds_list(p, ds_list(p, NULL, a), b), at);
}

Expr *ds_substring(DsParser *p, Expr *s, ExprList *args, ExprSpan at)
{
	static const char *const names[] = {"[length]", "[start, length]", "[delimiter, occurrence, count]"};
	Expr *callee = expr_build_node(&p->b, EX_NAME, at);
	callee->name = names[args->n - 1];
	ExprList *l = ds_list(p, NULL, s);
	for (uint32_t i = 0; i < args->n; i++)
		l = ds_list(p, l, args->items[i]);
	return expr_build_call(&p->b, callee, l, at);
}

Expr *ds_parse(Arena *a, const char *text, size_t len, PtrVec *issues)
{
	DsParser p = {0};
	unsigned char *copy = arena_alloc(a, len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	p.b.arena = a;
	p.text = p.cur = copy;
	p.lim = copy + len;
	p.b.issues = issues;
	int rc = dsy_parse(&p);
	return rc == 0 && !p.b.too_deep && !p.failed ? p.result : NULL;
}
