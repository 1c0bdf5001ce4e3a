/* ayx_parser.h - state shared by the Alteryx formula lexer
 * (grammars/ayx_lex.re) and parser (grammars/ayx_parse.y); internal to
 * src/expr/lang/alteryx.
 *
 * No globals: everything lives here, so several files can be parsed on
 * several threads.  The grammar's actions build nodes with build.h.
 */
#ifndef AKKO_EXPR_LANG_ALTERYX_AYX_PARSER_H
#define AKKO_EXPR_LANG_ALTERYX_AYX_PARSER_H

#include "expr/build.h"

typedef struct AyxParser {
	ExprBuilder b;             /* arena, issues, depth check */
	const unsigned char *text; /* NUL-terminated copy */
	const unsigned char *cur, *lim, *tok;
	Expr *result;
	bool lex_failed; /* the lexer reported; the parser stays quiet */
} AyxParser;

#define ayx_unary(p, op, a, at)     expr_build_unary(&(p)->b, (op), (a), (at))
#define ayx_binary(p, op, l, r, at) expr_build_binary(&(p)->b, (op), (l), (r), (at))
#define ayx_list(p, l, e)           expr_build_list(&(p)->b, (l), (e))

/* A call `name(args)`: IIF(c, a, b) becomes EX_IF and Switch(v, d, c1,
 * r1, ...) EX_CASE (value, c1, r1, ..., default); any other name, or
 * those with the wrong number of arguments, an EX_CALL that sema checks
 * against the catalogue. */
Expr *ayx_call(AyxParser *p, Expr *callee, ExprList *args, ExprSpan at);

/* The list `first`, (`second`,) then the items of `rest` (NULL: none). */
ExprList *ayx_list_prepend(AyxParser *p, Expr *first, ExprList *rest);
ExprList *ayx_list_prepend2(AyxParser *p, Expr *first, Expr *second, ExprList *rest);

Expr *ayx_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

#endif
