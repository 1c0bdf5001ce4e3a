/* pc_parser.h - state shared by the PowerCenter lexer (grammars/pc_lex.re)
 * and parser (grammars/pc_parse.y); internal to src/expr/lang/powercenter.
 *
 * No globals: everything lives here, so several files can be parsed on
 * several threads.  The grammar's actions build nodes with build.h.
 */
#ifndef AKKO_EXPR_LANG_POWERCENTER_PC_PARSER_H
#define AKKO_EXPR_LANG_POWERCENTER_PC_PARSER_H

#include "expr/build.h"

typedef struct PcParser {
	ExprBuilder b;             /* arena, issues, depth check */
	const unsigned char *text; /* NUL-terminated copy */
	const unsigned char *cur, *lim, *tok;
	Expr *result;
	bool lex_failed; /* the lexer reported; the parser stays quiet */
} PcParser;

#define pc_node(p, kind, at)         expr_build_node(&(p)->b, (kind), (at))
#define pc_unary(p, op, a, at)       expr_build_unary(&(p)->b, (op), (a), (at))
#define pc_binary(p, op, l, r, at)   expr_build_binary(&(p)->b, (op), (l), (r), (at))
#define pc_call(p, callee, args, at) expr_build_call(&(p)->b, (callee), (args), (at))
#define pc_list(p, l, e)             expr_build_list(&(p)->b, (l), (e))

Expr *pc_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

#endif
