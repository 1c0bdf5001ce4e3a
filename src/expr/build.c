/* build.c - constructors of the expression AST, shared by every
 * language's grammar (src/expr).
 */
#include <string.h>

#include "expr/build.h"

Expr *expr_build_node(ExprBuilder *p, ExprKind kind, ExprSpan at)
{
	Expr *e = ARENA_NEW(p->arena, Expr);
	e->kind = kind;
	e->off = at.off;
	e->len = at.end - at.off;
	e->depth = 1;
	return e;
}

/* A node's depth from its children; too deep a tree is refused once. */
static void set_depth(ExprBuilder *p, Expr *e)
{
	uint32_t d = 0;
	for (uint32_t i = 0; i < e->nargs; i++)
		if (e->args[i]->depth > d)
			d = e->args[i]->depth;
	e->depth = d + 1;
	if (e->depth > EXPR_MAX_DEPTH && !p->too_deep) {
		p->too_deep = true;
		expr_issue_add(p->arena, p->issues, E_EXPR_SYNTAX, e->off, e->len ? e->len : 1,
			       "the expression nests more than %d levels deep", EXPR_MAX_DEPTH);
	}
}

Expr *expr_build_unary(ExprBuilder *p, ExprOp op, Expr *a, ExprSpan at)
{
	Expr *e = expr_build_node(p, EX_UNARY, at);
	e->op = op;
	e->args = ARENA_NEWN(p->arena, Expr *, 1);
	e->args[0] = a;
	e->nargs = 1;
	set_depth(p, e);
	return e;
}

Expr *expr_build_binary(ExprBuilder *p, ExprOp op, Expr *l, Expr *r, ExprSpan at)
{
	Expr *e = expr_build_node(p, EX_BINARY, at);
	e->op = op;
	e->args = ARENA_NEWN(p->arena, Expr *, 2);
	e->args[0] = l;
	e->args[1] = r;
	e->nargs = 2;
	set_depth(p, e);
	return e;
}

Expr *expr_build_call(ExprBuilder *p, Expr *callee, ExprList *args, ExprSpan at)
{
	Expr *e = callee;
	if (e->kind == EX_NAME)
		e->kind = EX_CALL;
	e->off = at.off;
	e->len = at.end - at.off;
	if (args) {
		e->args = args->items;
		e->nargs = args->n;
	}
	set_depth(p, e);
	return e;
}

Expr *expr_build_n(ExprBuilder *p, ExprKind kind, ExprList *args, ExprSpan at)
{
	Expr *e = expr_build_node(p, kind, at);
	if (args) {
		e->args = args->items;
		e->nargs = args->n;
	}
	set_depth(p, e);
	return e;
}

ExprList *expr_build_list(ExprBuilder *p, ExprList *l, Expr *e)
{
	if (!l)
		l = ARENA_NEW(p->arena, ExprList);
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 4;
		Expr **items = ARENA_NEWN(p->arena, Expr *, cap);
		if (l->n)
			memcpy(items, l->items, l->n * sizeof *items);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = e;
	return l;
}
