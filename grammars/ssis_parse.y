/* ssis_parse.y - bison grammar for the SSIS expression language.
 *
 * Pure parser, locations are byte offsets, no conflicts (%expect 0).
 * Actions only build nodes; names, arity and types are checked later by
 * src/expr/sema.c against the function catalogue.  Precedence follows
 * Microsoft's "Operator Precedence and Associativity" (SSIS), highest
 * last: ?: (right) < || < && < | < ^ < & < == != < < > <= >= < + - <
 * * / % < casts < unary - ! ~ (right).  A cast `(DT_WSTR, 10)` and a
 * typed NULL `NULL(DT_I4)` are single tokens of the lexer.  The whole
 * expression may be an assignment `@[User::X] = value` (Expression Task,
 * For Loop): its tree is the value, with a W0517 note naming the variable.
 */
%code requires {
#include "expr/lang/ssis/ssis_parser.h"
}

%code provides {
int ssisy_lex(SSISY_STYPE *lval, SSISY_LTYPE *lloc, SsisParser *p);
}

%code {
static void ssisy_error(SSISY_LTYPE *lloc, SsisParser *p, const char *msg);

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
%define api.prefix {ssisy_}
%define api.token.prefix {T_}
%define api.location.type {ExprSpan}
%define parse.error custom
%locations
%param {SsisParser *p}
%expect 0

%union {
	Expr *e;
	ExprList *list;
}

%token END 0 "end of the expression"
%token <e> NUMBER "number" STRING "string" IDENT "name" VARIABLE "variable"
%token <e> CAST "cast" TYPED_NULL "typed NULL"
%token EQ "'=='" NE "'!='" LE "'<='" GE "'>='" AND "'&&'" OR "'||'" ASSIGN "'='"
%token LEXERR "invalid token"

%right '?' ':'
%left OR
%left AND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' '>' LE GE
%left '+' '-'
%left '*' '/' '%'
%precedence CAST
%precedence UNARY

%type <e> expr primary
%type <list> args arglist

%%

top:
	  expr              { p->result = $1; }
	| VARIABLE ASSIGN expr {
		/* an Expression Task or a For Loop's statement: the value */
		p->result = $3;
		expr_issue_add(p->b.arena, p->b.issues, W_EXPR_ASSIGN, @1.off, @2.end - @1.off,
			       "assigns its value to variable '%s': the SQL is the value", $1->name);
	}
	;

expr:
	  primary
	| '-' expr %prec UNARY  { $$ = ssis_unary(p, OP_NEG, $2, @$); }
	| '!' expr %prec UNARY  { $$ = ssis_unary(p, OP_NOT, $2, @$); }
	| '~' expr %prec UNARY  { $$ = ssis_unary(p, OP_BITNOT, $2, @$); }
	| CAST expr             { $$ = ssis_build_cast(p, $1, $2, @$); }
	| expr '*' expr     { $$ = ssis_binary(p, OP_MUL, $1, $3, @$); }
	| expr '/' expr     { $$ = ssis_binary(p, OP_DIV, $1, $3, @$); }
	| expr '%' expr     { $$ = ssis_binary(p, OP_MOD, $1, $3, @$); }
	| expr '+' expr     { $$ = ssis_binary(p, OP_ADD, $1, $3, @$); }
	| expr '-' expr     { $$ = ssis_binary(p, OP_SUB, $1, $3, @$); }
	| expr '<' expr     { $$ = ssis_binary(p, OP_LT, $1, $3, @$); }
	| expr LE expr      { $$ = ssis_binary(p, OP_LE, $1, $3, @$); }
	| expr '>' expr     { $$ = ssis_binary(p, OP_GT, $1, $3, @$); }
	| expr GE expr      { $$ = ssis_binary(p, OP_GE, $1, $3, @$); }
	| expr EQ expr      { $$ = ssis_binary(p, OP_EQ, $1, $3, @$); }
	| expr NE expr      { $$ = ssis_binary(p, OP_NE, $1, $3, @$); }
	| expr '&' expr     { $$ = ssis_binary(p, OP_BITAND, $1, $3, @$); }
	| expr '^' expr     { $$ = ssis_binary(p, OP_BITXOR, $1, $3, @$); }
	| expr '|' expr     { $$ = ssis_binary(p, OP_BITOR, $1, $3, @$); }
	| expr AND expr     { $$ = ssis_binary(p, OP_AND, $1, $3, @$); }
	| expr OR expr      { $$ = ssis_binary(p, OP_OR, $1, $3, @$); }
	| expr '?' expr ':' expr {
		ExprList *l = ssis_list(p, ssis_list(p, ssis_list(p, NULL, $1), $3), $5);
		$$ = expr_build_n(&p->b, EX_IF, l, @$);
	}
	;

primary:
	  NUMBER
	| STRING
	| IDENT
	| VARIABLE
	| TYPED_NULL
	| '(' expr ')'            { $$ = $2; }
	| IDENT '(' args ')'      { $$ = ssis_call(p, $1, $3, @$); }
	;

args:
	  %empty                  { $$ = NULL; }
	| arglist
	;

arglist:
	  expr                    { $$ = ssis_list(p, NULL, $1); }
	| arglist ',' expr        { $$ = ssis_list(p, $1, $3); }
	;

%%

static void ssisy_error(SSISY_LTYPE *lloc, SsisParser *p, const char *msg)
{
	if (!p->lex_failed)
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
			       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", msg);
}

/* "unexpected ')'; expected an operand" in the house style. */
static int yyreport_syntax_error(const yypcontext_t *ctx, SsisParser *p)
{
	if (p->lex_failed)
		return 0;
	const SSISY_LTYPE *at = yypcontext_location(ctx);
	yysymbol_kind_t got = yypcontext_token(ctx);
	yysymbol_kind_t want[6];
	int n = yypcontext_expected_tokens(ctx, want, 6);
	Sbuf m = SBUF_INIT;
	if (got == YYSYMBOL_YYEOF && at->off == 0)
		sbuf_adds(&m, "empty expression");
	else if (got == YYSYMBOL_ASSIGN)
		sbuf_adds(&m, "'=' only assigns a variable, as the whole expression '@[User::X] = value'; "
			      "SSIS compares with '=='");
	else
		sbuf_addf(&m, "unexpected %s", yysymbol_name(got));
	if (n > 0 && n <= 5 && !(got == YYSYMBOL_YYEOF && at->off == 0) && got != YYSYMBOL_ASSIGN) {
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

Expr *ssis_build_cast(SsisParser *p, Expr *cast, Expr *arg, ExprSpan at)
{
	if (!arg) {
		arg = ssis_node(p, EX_NAME, at);
		arg->name = "NULL";
	}
	cast->off = at.off;
	cast->len = at.end - at.off;
	ExprList *l = ssis_list(p, NULL, arg);
	cast->args = l->items;
	cast->nargs = 1;
	Expr *e = expr_build_n(&p->b, EX_CAST, l, at);
	e->name = cast->name;
	e->cast = cast->cast;
	return e;
}

Expr *ssis_parse(Arena *a, const char *text, size_t len, PtrVec *issues)
{
	SsisParser p = {0};
	unsigned char *copy = arena_alloc(a, len + 1);
	memcpy(copy, text, len);
	p.b.arena = a;
	p.text = p.cur = copy;
	p.lim = copy + len;
	p.b.issues = issues;
	int rc = ssisy_parse(&p);
	return rc == 0 && !p.b.too_deep ? p.result : NULL;
}
