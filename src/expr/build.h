/* build.h - constructors of the expression AST for the grammars' actions
 * (internal to src/expr and src/expr/lang).  Every language's parser
 * builds the same nodes with these; checks belong to sema.c.
 */
#ifndef AKKO_EXPR_BUILD_H
#define AKKO_EXPR_BUILD_H

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

/* What the constructors need of a parser's state. */
typedef struct ExprBuilder {
	Arena *arena;
	PtrVec *issues;
	bool too_deep; /* nesting beyond EXPR_MAX_DEPTH was reported */
} ExprBuilder;

Expr *expr_build_node(ExprBuilder *b, ExprKind kind, ExprSpan at);
Expr *expr_build_unary(ExprBuilder *b, ExprOp op, Expr *a, ExprSpan at);
Expr *expr_build_binary(ExprBuilder *b, ExprOp op, Expr *l, Expr *r, ExprSpan at);
/* The callee token node becomes the call: name and kind are kept, the span
 * grows to the closing parenthesis. */
Expr *expr_build_call(ExprBuilder *b, Expr *callee, ExprList *args, ExprSpan at);
/* A node with the given children (conditionals, IN, casts). */
Expr *expr_build_n(ExprBuilder *b, ExprKind kind, ExprList *args, ExprSpan at);
ExprList *expr_build_list(ExprBuilder *b, ExprList *l, Expr *e);

#endif
