/* ds_parser.h - state shared by the DataStage derivation lexer
 * (grammars/ds_lex.re) and parser (grammars/ds_parse.y); internal to
 * src/expr/lang/datastage.
 *
 * No globals: everything lives here, so several files can be parsed on
 * several threads.  The grammar's actions build nodes with build.h.
 */
#ifndef AKKO_EXPR_LANG_DATASTAGE_DS_PARSER_H
#define AKKO_EXPR_LANG_DATASTAGE_DS_PARSER_H

#include "expr/build.h"

typedef struct DsParser {
	ExprBuilder b;             /* arena, issues, depth check */
	const unsigned char *text; /* NUL-terminated copy */
	const unsigned char *cur, *lim, *tok;
	Expr *result;
	bool lex_failed; /* the lexer reported; the parser stays quiet */
	bool failed;     /* an action reported (a column called like a function) */
} DsParser;

#define ds_unary(p, op, a, at)     expr_build_unary(&(p)->b, (op), (a), (at))
#define ds_binary(p, op, l, r, at) expr_build_binary(&(p)->b, (op), (l), (r), (at))
#define ds_list(p, l, e)           expr_build_list(&(p)->b, (l), (e))

/* A call `name(args)`: EQ(a, b), NE, LT, GT, LE and GE (the Operator
 * functions) become comparisons; any other name an EX_CALL that sema
 * checks against the catalogue.  A column or system variable followed by
 * '(' is a syntax error. */
Expr *ds_call(DsParser *p, Expr *callee, ExprList *args, ExprSpan at);
/* A call of catalogue row `name` with two arguments (a ** b is Pwr(a, b)). */
Expr *ds_named_call(DsParser *p, const char *name, Expr *a, Expr *b, ExprSpan at);
/* s[...]: a call of the substring row for 1, 2 or 3 bracket arguments. */
Expr *ds_substring(DsParser *p, Expr *s, ExprList *args, ExprSpan at);

Expr *ds_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

#endif
