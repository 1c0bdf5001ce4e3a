/* translate.c - one expression from text to SQL: parse, analyse, print,
 * score (src/expr).  Also the node constructors the grammar's actions
 * call.
 */
#include <string.h>

#include "expr/pc_parser.h"

Expr *pc_node(PcParser *p, ExprKind kind, ExprSpan at)
{
	Expr *e = ARENA_NEW(p->arena, Expr);
	e->kind = kind;
	e->off = at.off;
	e->len = at.end - at.off;
	e->constant = -1;
	e->depth = 1;
	return e;
}

/* A node's depth from its children; too deep a tree is refused once. */
static void set_depth(PcParser *p, Expr *e)
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

Expr *pc_unary(PcParser *p, ExprOp op, Expr *a, ExprSpan at)
{
	Expr *e = pc_node(p, EX_UNARY, at);
	e->op = op;
	e->args = ARENA_NEWN(p->arena, Expr *, 1);
	e->args[0] = a;
	e->nargs = 1;
	set_depth(p, e);
	return e;
}

Expr *pc_binary(PcParser *p, ExprOp op, Expr *l, Expr *r, ExprSpan at)
{
	Expr *e = pc_node(p, EX_BINARY, at);
	e->op = op;
	e->args = ARENA_NEWN(p->arena, Expr *, 2);
	e->args[0] = l;
	e->args[1] = r;
	e->nargs = 2;
	set_depth(p, e);
	return e;
}

/* The callee token node becomes the call: name and kind are kept, the
 * span grows to the closing parenthesis. */
Expr *pc_call(PcParser *p, Expr *callee, ExprList *args, ExprSpan at)
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

ExprList *pc_list(PcParser *p, ExprList *l, Expr *e)
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

/* The message an issue has at its origin: an issue raised inside an
 * inlined variable port is reported as "through variable port 'V': ...",
 * once per port that reads V. */
static const char *issue_root(const char *msg)
{
	static const char pfx[] = "through variable port '";
	while (strncmp(msg, pfx, sizeof pfx - 1) == 0) {
		const char *q = strstr(msg + sizeof pfx - 1, "': ");
		if (!q)
			break;
		msg = q + 3;
	}
	return msg;
}

/* 1.0 less each distinct issue's deduction: a difference reached through
 * several variable ports, or a lookup called twice, is one risk. */
static void score(ExprResult *r)
{
	double c = 1.0;
	for (uint32_t i = 0; i < r->issues.len; i++) {
		const ExprIssue *is = r->issues.items[i];
		bool seen = false;
		for (uint32_t k = 0; k < i && !seen; k++) {
			const ExprIssue *o = r->issues.items[k];
			seen = o->code == is->code && strcmp(issue_root(o->msg), issue_root(is->msg)) == 0;
		}
		if (!seen)
			c -= expr_issue_deduction(is->code);
	}
	if (r->unsupported || r->errors || !r->sql || c < 0)
		c = 0;
	r->confidence = (double)(long)(c * 100 + 0.5) / 100;
}

void expr_translate(Arena *a, const ExprEnv *env, const char *text, size_t len, ExprResult *r)
{
	memset(r, 0, sizeof *r);
	Expr *e = pc_parse(a, text, len, &r->issues);
	if (!e) {
		r->errors = r->issues.len ? r->issues.len : 1;
		return;
	}
	expr_analyse(a, env, e, r);
	if (!r->errors)
		expr_print_sql(a, env, e, r);
	score(r);
}
