/* pc_parser.h - state shared by the PowerCenter lexer (grammars/pc_lex.re)
 * and parser (grammars/pc_parse.y); internal to src/expr.
 *
 * No globals: everything lives here, so several files can be parsed on
 * several threads.
 */
#ifndef AKKO_EXPR_PC_PARSER_H
#define AKKO_EXPR_PC_PARSER_H

#include "expr/expr.h"

/* A bison location: a byte range [off, end) in the expression text. */
typedef struct ExprSpan {
	uint32_t off, end;
} ExprSpan;

/* Arguments of a call while they are being collected. */
typedef struct ExprList {
	Expr **items;
	uint32_t n, cap;
} ExprList;

typedef struct PcParser {
	Arena *arena;
	const unsigned char *text; /* NUL-terminated copy */
	const unsigned char *cur, *lim, *tok;
	PtrVec *issues;
	Expr *result;
	bool lex_failed; /* the lexer reported; the parser stays quiet */
	bool too_deep;   /* nesting beyond EXPR_MAX_DEPTH was reported */
} PcParser;

Expr *pc_node(PcParser *p, ExprKind kind, ExprSpan at);
Expr *pc_unary(PcParser *p, ExprOp op, Expr *a, ExprSpan at);
Expr *pc_binary(PcParser *p, ExprOp op, Expr *l, Expr *r, ExprSpan at);
Expr *pc_call(PcParser *p, Expr *callee, ExprList *args, ExprSpan at);
ExprList *pc_list(PcParser *p, ExprList *l, Expr *e);

#endif
