/* ssis_parser.h - state shared by the SSIS expression lexer
 * (grammars/ssis_lex.re) and parser (grammars/ssis_parse.y); internal to
 * src/expr/lang/ssis.
 *
 * No globals: everything lives here, so several files can be parsed on
 * several threads.  The grammar's actions build nodes with build.h.
 */
#ifndef AKKO_EXPR_LANG_SSIS_SSIS_PARSER_H
#define AKKO_EXPR_LANG_SSIS_SSIS_PARSER_H

#include "expr/build.h"

typedef struct SsisParser {
	ExprBuilder b;             /* arena, issues, depth check */
	const unsigned char *text; /* NUL-terminated copy */
	const unsigned char *cur, *lim, *tok;
	Expr *result;
	bool lex_failed; /* the lexer reported; the parser stays quiet */
} SsisParser;

#define ssis_node(p, kind, at)         expr_build_node(&(p)->b, (kind), (at))
#define ssis_unary(p, op, a, at)       expr_build_unary(&(p)->b, (op), (a), (at))
#define ssis_binary(p, op, l, r, at)   expr_build_binary(&(p)->b, (op), (l), (r), (at))
#define ssis_call(p, callee, args, at) expr_build_call(&(p)->b, (callee), (args), (at))
#define ssis_list(p, l, e)             expr_build_list(&(p)->b, (l), (e))

/* A cast token `(DT_WSTR, 10)` applied to `arg` (or, for NULL(DT_...),
 * to the typeless NULL when `arg` is NULL): an EX_CAST whose name is the
 * DT_ type and whose ExprCast the token's parameters fill. */
Expr *ssis_build_cast(SsisParser *p, Expr *cast_tok, Expr *arg, ExprSpan at);

Expr *ssis_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

#endif
