/* ayx_parse.y - bison grammar for the Alteryx formula language.
 *
 * Pure parser, locations are byte offsets, no conflicts (%expect 0).
 * Actions only build nodes; names, arity and types are checked later by
 * src/expr/sema.c against the function catalogue.  Precedence follows
 * Alteryx's "Operators" page (EXPRESSIONS.md §3.2), lowest first:
 * AND/&& and OR/|| on ONE level, left to right (1 = 1 OR 1 = 2 AND 1 = 2
 * is (T OR F) AND F); = == != <>; < <= > >= IN and NOT IN; + -; * /;
 * unary - and NOT/! (highest).  IF c THEN r ELSEIF ... ELSE r ENDIF is an
 * EX_IF (ELSE may be left out: NULL), IIF and Switch become EX_IF and
 * EX_CASE in ayx_call().
 */
%code requires {
#include "expr/lang/alteryx/ayx_parser.h"
}

%code provides {
int ayxy_lex(AYXY_STYPE *lval, AYXY_LTYPE *lloc, AyxParser *p);
}

%code {
#include "base/str.h"

static void ayxy_error(AYXY_LTYPE *lloc, AyxParser *p, const char *msg);

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
%define api.prefix {ayxy_}
%define api.token.prefix {T_}
%define api.location.type {ExprSpan}
%define parse.error custom
%locations
%param {AyxParser *p}
%expect 0

%union {
	Expr *e;
	ExprList *list;
}

%token END 0 "end of the expression"
%token <e> NUMBER "number" STRING "string" IDENT "name"
%token EQ "'='" NE "'!='" LE "'<='" GE "'>='" AND "AND" OR "OR" NOT "NOT" IN "IN"
%token IF "IF" THEN "THEN" ELSEIF "ELSEIF" ELSE "ELSE" ENDIF "ENDIF"
%token LEXERR "invalid token"

%left AND OR
%left EQ NE
%left '<' '>' LE GE IN NOT
%left '+' '-'
%left '*' '/'
%precedence UNARY

%type <e> expr primary
%type <list> args arglist elseifs

%%

top:
	  expr              { p->result = $1; }
	;

expr:
	  primary
	| '-' expr %prec UNARY  { $$ = ayx_unary(p, OP_NEG, $2, @$); }
	| NOT expr %prec UNARY  { $$ = ayx_unary(p, OP_NOT, $2, @$); }
	| expr '*' expr     { $$ = ayx_binary(p, OP_MUL, $1, $3, @$); }
	| expr '/' expr     { $$ = ayx_binary(p, OP_DIV, $1, $3, @$); }
	| expr '+' expr     { $$ = ayx_binary(p, OP_ADD, $1, $3, @$); }
	| expr '-' expr     { $$ = ayx_binary(p, OP_SUB, $1, $3, @$); }
	| expr '<' expr     { $$ = ayx_binary(p, OP_LT, $1, $3, @$); }
	| expr LE expr      { $$ = ayx_binary(p, OP_LE, $1, $3, @$); }
	| expr '>' expr     { $$ = ayx_binary(p, OP_GT, $1, $3, @$); }
	| expr GE expr      { $$ = ayx_binary(p, OP_GE, $1, $3, @$); }
	| expr EQ expr      { $$ = ayx_binary(p, OP_EQ, $1, $3, @$); }
	| expr NE expr      { $$ = ayx_binary(p, OP_NE, $1, $3, @$); }
	| expr AND expr     { $$ = ayx_binary(p, OP_AND, $1, $3, @$); }
	| expr OR expr      { $$ = ayx_binary(p, OP_OR, $1, $3, @$); }
	| expr IN '(' arglist ')' {
		$$ = expr_build_n(&p->b, EX_IN, ayx_list_prepend(p, $1, $4), @$);
	}
	| expr NOT IN '(' arglist ')' {
		Expr *in = expr_build_n(&p->b, EX_IN, ayx_list_prepend(p, $1, $5), @$);
		$$ = ayx_unary(p, OP_NOT, in, @$);
	}
	;

primary:
	  NUMBER
	| STRING
	| IDENT
	| '(' expr ')'            { $$ = $2; }
	| IDENT '(' args ')'      { $$ = ayx_call(p, $1, $3, @$); }
	| IF expr THEN expr elseifs ENDIF {
		$$ = expr_build_n(&p->b, EX_IF, ayx_list_prepend2(p, $2, $4, $5), @$);
	}
	| IF expr THEN expr elseifs ELSE expr ENDIF {
		$$ = expr_build_n(&p->b, EX_IF, ayx_list(p, ayx_list_prepend2(p, $2, $4, $5), $7), @$);
	}
	;

elseifs:
	  %empty                  { $$ = NULL; }
	| elseifs ELSEIF expr THEN expr { $$ = ayx_list(p, ayx_list(p, $1, $3), $5); }
	;

args:
	  %empty                  { $$ = NULL; }
	| arglist
	;

arglist:
	  expr                    { $$ = ayx_list(p, NULL, $1); }
	| arglist ',' expr        { $$ = ayx_list(p, $1, $3); }
	;

%%

static void ayxy_error(AYXY_LTYPE *lloc, AyxParser *p, const char *msg)
{
	if (!p->lex_failed)
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
			       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", msg);
}

/* "unexpected ')'; expected an operand" in the house style. */
static int yyreport_syntax_error(const yypcontext_t *ctx, AyxParser *p)
{
	if (p->lex_failed)
		return 0;
	const AYXY_LTYPE *at = yypcontext_location(ctx);
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
			sbuf_addf(&m, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
				  yysymbol_name(want[i]));
	}
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, at->off,
		       at->end > at->off ? at->end - at->off : 1, "%s", m.buf);
	sbuf_release(&m);
	return 0;
}

/* `first` followed by the items of `rest` (which may be NULL). */
ExprList *ayx_list_prepend(AyxParser *p, Expr *first, ExprList *rest)
{
	ExprList *l = ayx_list(p, NULL, first);
	for (uint32_t i = 0; rest && i < rest->n; i++)
		l = ayx_list(p, l, rest->items[i]);
	return l;
}

ExprList *ayx_list_prepend2(AyxParser *p, Expr *a, Expr *b, ExprList *rest)
{
	ExprList *l = ayx_list(p, ayx_list(p, NULL, a), b);
	for (uint32_t i = 0; rest && i < rest->n; i++)
		l = ayx_list(p, l, rest->items[i]);
	return l;
}

static bool named(const Expr *e, const char *name)
{
	return ascii_ieq(e->name, name);
}

Expr *ayx_call(AyxParser *p, Expr *callee, ExprList *args, ExprSpan at)
{
	uint32_t n = args ? args->n : 0;
	if (named(callee, "IIF") && n == 3)
		return expr_build_n(&p->b, EX_IF, args, at);
	if (named(callee, "Switch") && n >= 4 && n % 2 == 0) {
		/* Switch(value, default, c1, r1, ...) -> value, c1, r1, ..., default */
		ExprList *l = ayx_list(p, NULL, args->items[0]);
		for (uint32_t i = 2; i < n; i++)
			l = ayx_list(p, l, args->items[i]);
		return expr_build_n(&p->b, EX_CASE, ayx_list(p, l, args->items[1]), at);
	}
	return expr_build_call(&p->b, callee, args, at);
}

Expr *ayx_parse(Arena *a, const char *text, size_t len, PtrVec *issues)
{
	AyxParser p = {0};
	unsigned char *copy = arena_alloc(a, len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	p.b.arena = a;
	p.text = p.cur = copy;
	p.lim = copy + len;
	p.b.issues = issues;
	int rc = ayxy_parse(&p);
	return rc == 0 && !p.b.too_deep ? p.result : NULL;
}
