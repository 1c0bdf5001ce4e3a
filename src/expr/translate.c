/* translate.c - one expression from text to SQL: parse (in its language),
 * analyse, print, score (src/expr).  Also the parse of a whole document,
 * once, kept on the AST.
 */
#include <string.h>

#include "expr/lang.h"

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

static void translate_tree(Arena *a, const ExprEnv *env, Expr *e, ExprResult *r)
{
	expr_analyse(a, env, e, r);
	if (!r->errors)
		expr_print_sql(a, env, e, r);
	score(r);
}

void expr_translate_tree(Arena *a, const ExprEnv *env, Expr *e, ExprResult *r)
{
	memset(r, 0, sizeof *r);
	translate_tree(a, env, e, r);
}

void expr_translate(Arena *a, const ExprEnv *env, const char *text, size_t len, ExprResult *r)
{
	memset(r, 0, sizeof *r);
	Expr *e = expr_parse(a, env->lang, text, len, &r->issues);
	if (!e) {
		r->errors = r->issues.len ? r->issues.len : 1;
		return;
	}
	translate_tree(a, env, e, r);
}

void expr_translate_ast(Arena *a, const ExprEnv *env, const AstExpr *src, ExprResult *r)
{
	memset(r, 0, sizeof *r);
	const ExprParsed *p = expr_parsed(src);
	if (!p) {
		/* no parser for its language: read as the environment's */
		expr_translate(a, env, src->text, strlen(src->text), r);
		return;
	}
	ExprEnv own = *env; /* read in the language it was parsed in */
	own.lang = p->lang;
	env = &own;
	if (!p->tree) {
		for (uint32_t i = 0; i < p->issues.len; i++)
			ptrvec_push(a, &r->issues, p->issues.items[i]);
		r->errors = r->issues.len ? r->issues.len : 1;
		return;
	}
	translate_tree(a, env, expr_clone(a, p->tree), r);
}

Expr *expr_new_coercion(Arena *a, const char *name, ExprType to, int32_t precision, int32_t scale)
{
	Expr *in = ARENA_NEW(a, Expr);
	in->kind = EX_NAME;
	in->name = name;
	in->depth = 1;
	ExprCast *c = ARENA_NEW(a, ExprCast);
	*c = (ExprCast){.to = to, .length = -1, .precision = precision, .scale = scale, .implicit = true};
	Expr *e = ARENA_NEW(a, Expr);
	e->kind = EX_CAST;
	e->cast = c;
	e->args = ARENA_NEWN(a, Expr *, 1);
	e->args[0] = in;
	e->nargs = 1;
	e->depth = 2;
	return e;
}

Expr *expr_parse(Arena *a, const Language *lang, const char *text, size_t len, PtrVec *issues)
{
	if (!lang)
		die("expr_parse: no language");
	return lang->parse(a, text, len, issues);
}

Expr *expr_clone(Arena *a, const Expr *e)
{
	return expr_clone_at(a, e, 0);
}

Expr *expr_clone_at(Arena *a, const Expr *e, uint32_t base)
{
	Expr *c = ARENA_NEW(a, Expr);
	*c = *e;
	c->off -= base;
	c->type = XT_UNKNOWN;
	c->not_null = false;
	c->fn = NULL;
	c->bind = NULL;
	c->constant = NULL;
	if (e->nargs) {
		c->args = ARENA_NEWN(a, Expr *, e->nargs);
		for (uint32_t i = 0; i < e->nargs; i++)
			c->args[i] = expr_clone_at(a, e->args[i], base);
	}
	return c;
}

bool expr_is_constant(const Expr *e)
{
	switch (e->kind) {
	case EX_NUMBER:
	case EX_STRING:
	case EX_PARAM:
	case EX_SYSVAR: return true;
	case EX_NAME:
		if (e->constant)
			return e->constant->kind != CK_NOW_ROW;
		/* an inlined variable port, or an unfed input port read as its default */
		return e->bind && e->bind->kind == BIND_VARIABLE && e->bind->var &&
		       expr_is_constant(e->bind->var);
	case EX_UNARY:
	case EX_BINARY:
	case EX_IF:
	case EX_CASE:
	case EX_IN:
	case EX_CAST:
		for (uint32_t i = 0; i < e->nargs; i++)
			if (!expr_is_constant(e->args[i]))
				return false;
		return true;
	default: return false; /* calls (RAND, a lookup...), row references */
	}
}

void expr_parse_doc(AstDoc *doc)
{
	for (uint32_t i = 0; i < doc->exprs.len; i++) {
		AstExpr *e = doc->exprs.items[i];
		const Language *lang = expr_language(e->lang);
		if (!lang || e->parsed)
			continue;
		ExprParsed *p = ARENA_NEW(doc->arena, ExprParsed);
		p->lang = lang;
		p->tree = lang->parse(doc->arena, e->text, strlen(e->text), &p->issues);
		e->parsed = p;
	}
}

const ExprParsed *expr_parsed(const AstExpr *e)
{
	if (e->parsed)
		return e->parsed;
	if (!expr_language(e->lang))
		return NULL;
	if (!e->parsed)
		die("expression not parsed: expr_parse_doc() was not run over its document");
	return e->parsed;
}
