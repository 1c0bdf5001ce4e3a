/* pc_parse.y - bison grammar for the PowerCenter transformation language.
 *
 * Pure parser, locations are byte offsets, no conflicts (%expect 0).
 * Actions only build nodes; names, arity and types are checked later by
 * src/expr/sema.c against the function catalogue.  Precedence follows the
 * Transformation Language Reference (EXPRESSIONS.md §1.2), highest last:
 * OR < AND < = <> < < <= > >= < || < + - < * / % < unary + - NOT.
 */
%code requires {
#include "expr/lang/powercenter/pc_parser.h"
}

%code provides {
int pcy_lex(PCY_STYPE *lval, PCY_LTYPE *lloc, PcParser *p);
}

%code {
static void pcy_error(PCY_LTYPE *lloc, PcParser *p, const char *msg);

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
%define api.prefix {pcy_}
%define api.token.prefix {T_}
%define api.location.type {ExprSpan}
%define parse.error custom
%locations
%param {PcParser *p}
%expect 0

%union {
	Expr *e;
	ExprList *list;
}

%token END 0 "end of the expression"
%token <e> NUMBER "number" STRING "string" IDENT "name" PARAM "$$parameter"
%token <e> SYSVAR "$variable" LKP ":LKP call" SP ":SP call" UDF ":UDF call" MCR ":MCR call"
%token CONCAT "'||'" LE "'<='" GE "'>='" NE "'<>'" AND "AND" OR "OR" NOT "NOT"
%token LEXERR "invalid token"

%left OR
%left AND
%left '=' NE
%left '<' '>' LE GE
%left CONCAT
%left '+' '-'
%left '*' '/' '%'
%precedence NOT UNARY

%type <e> expr primary callee
%type <list> args arglist

%%

top:
	  expr              { p->result = $1; }
	;

expr:
	  primary
	| '-' expr %prec UNARY  { $$ = pc_unary(p, OP_NEG, $2, @$); }
	| '+' expr %prec UNARY  { $$ = pc_unary(p, OP_POS, $2, @$); }
	| NOT expr              { $$ = pc_unary(p, OP_NOT, $2, @$); }
	| expr '*' expr     { $$ = pc_binary(p, OP_MUL, $1, $3, @$); }
	| expr '/' expr     { $$ = pc_binary(p, OP_DIV, $1, $3, @$); }
	| expr '%' expr     { $$ = pc_binary(p, OP_MOD, $1, $3, @$); }
	| expr '+' expr     { $$ = pc_binary(p, OP_ADD, $1, $3, @$); }
	| expr '-' expr     { $$ = pc_binary(p, OP_SUB, $1, $3, @$); }
	| expr CONCAT expr  { $$ = pc_binary(p, OP_CONCAT, $1, $3, @$); }
	| expr '<' expr     { $$ = pc_binary(p, OP_LT, $1, $3, @$); }
	| expr LE expr      { $$ = pc_binary(p, OP_LE, $1, $3, @$); }
	| expr '>' expr     { $$ = pc_binary(p, OP_GT, $1, $3, @$); }
	| expr GE expr      { $$ = pc_binary(p, OP_GE, $1, $3, @$); }
	| expr '=' expr     { $$ = pc_binary(p, OP_EQ, $1, $3, @$); }
	| expr NE expr      { $$ = pc_binary(p, OP_NE, $1, $3, @$); }
	| expr AND expr     { $$ = pc_binary(p, OP_AND, $1, $3, @$); }
	| expr OR expr      { $$ = pc_binary(p, OP_OR, $1, $3, @$); }
	;

primary:
	  NUMBER
	| STRING
	| IDENT
	| PARAM
	| SYSVAR
	| '(' expr ')'            { $$ = $2; }
	| callee '(' args ')'     { $$ = pc_call(p, $1, $3, @$); }
	;

callee:
	  IDENT
	| LKP
	| SP
	| UDF
	| MCR
	;

args:
	  %empty                  { $$ = NULL; }
	| '*'                     { $$ = pc_list(p, NULL, pc_node(p, EX_STAR, @1)); }
	| arglist
	;

arglist:
	  expr                    { $$ = pc_list(p, NULL, $1); }
	| arglist ',' expr        { $$ = pc_list(p, $1, $3); }
	;

%%

static void pcy_error(PCY_LTYPE *lloc, PcParser *p, const char *msg)
{
	if (!p->lex_failed)
		expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
			       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", msg);
}

/* "unexpected ')'; expected an operand" in the house style. */
static int yyreport_syntax_error(const yypcontext_t *ctx, PcParser *p)
{
	if (p->lex_failed)
		return 0;
	const PCY_LTYPE *at = yypcontext_location(ctx);
	yysymbol_kind_t got = yypcontext_token(ctx);
	yysymbol_kind_t want[6];
	int n = yypcontext_expected_tokens(ctx, want, 6);
	Sbuf m = SBUF_INIT;
	if (got == YYSYMBOL_YYEOF && at->off == 0)
		sbuf_adds(&m, "empty expression");
	else
		sbuf_addf(&m, "unexpected %s", yysymbol_name(got));
	if (n > 0 && n <= 5 && !(got == YYSYMBOL_YYEOF && at->off == 0)) {
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

Expr *pc_parse(Arena *a, const char *text, size_t len, PtrVec *issues)
{
	PcParser p = {0};
	unsigned char *copy = arena_alloc(a, len + 1);
	memcpy(copy, text, len);
	p.b.arena = a;
	p.text = p.cur = copy;
	p.lim = copy + len;
	p.b.issues = issues;
	int rc = pcy_parse(&p);
	return rc == 0 && !p.b.too_deep ? p.result : NULL;
}
