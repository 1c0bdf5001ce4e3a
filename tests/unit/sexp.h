/* sexp.h - an expression tree as an s-expression, for the grammar tests of
 * each language (test_ssis, test_alteryx): (op a b), (cast DT_X a),
 * (if c a b ...), (case v ...), (in v ...), calls by name, names and
 * literals as written, @param, link.column, row references as name@row;
 * the parse of a text in one language into that form, or its first
 * issue's message; and the check of a located syntax error.
 */
#ifndef AKKO_TESTS_UNIT_SEXP_H
#define AKKO_TESTS_UNIT_SEXP_H

#include <string.h>

#include "base/sbuf.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "tap.h"

static void sexp(Sbuf *b, const Expr *e)
{
	switch (e->kind) {
	case EX_NUMBER: sbuf_adds(b, e->text); return;
	case EX_STRING: sbuf_addf(b, "\"%s\"", e->text); return;
	case EX_NAME: sbuf_adds(b, e->name); return;
	case EX_PARAM: sbuf_addf(b, "@%s", e->name); return;
	case EX_QNAME: sbuf_addf(b, "%s.%s", e->text, e->name); return;
	case EX_ROWREF: sbuf_addf(b, "%s@%d", e->name, e->row); return;
	default: break;
	}
	sbuf_addch(b, '(');
	if (e->kind == EX_CAST)
		sbuf_addf(b, "%s", e->name);
	else if (e->kind == EX_IF || e->kind == EX_CASE || e->kind == EX_IN)
		sbuf_adds(b, e->kind == EX_IF ? "if" : e->kind == EX_CASE ? "case" : "in");
	else if (e->kind == EX_CALL)
		sbuf_adds(b, e->name);
	else
		sbuf_adds(b, expr_op_name(e->op));
	for (uint32_t i = 0; i < e->nargs; i++) {
		sbuf_addch(b, ' ');
		sexp(b, e->args[i]);
	}
	sbuf_addch(b, ')');
}

/* `text` parsed in `lang`; its issues in *issues. */
static const Expr *sexp_parse(Arena *a, ExprLang lang, const char *text, PtrVec *issues)
{
	memset(issues, 0, sizeof *issues);
	return expr_parse(a, expr_language(lang), text, strlen(text), issues);
}

/* `text` parsed in `lang` as an s-expression, or its first issue. */
static const char *sexp_tree(Arena *a, ExprLang lang, const char *text)
{
	PtrVec issues;
	const Expr *e = sexp_parse(a, lang, text, &issues);
	if (!e)
		return issues.len ? ((ExprIssue *)issues.items[0])->msg : "(no tree, no issue)";
	Sbuf b = SBUF_INIT;
	sexp(&b, e);
	const char *r = arena_strdup(a, b.buf);
	sbuf_release(&b);
	return r;
}

/* A syntax error expected in `text`: the parse fails and its first E0501
 * (a warning may come first) starts at byte `off` with `want` in its
 * message. */
static void sexp_error_at(Arena *a, ExprLang lang, const char *text, uint32_t off, const char *want)
{
	PtrVec is;
	const Expr *e = sexp_parse(a, lang, text, &is);
	const ExprIssue *first = NULL;
	for (uint32_t i = 0; i < is.len && !first; i++)
		if (((ExprIssue *)is.items[i])->code == E_EXPR_SYNTAX)
			first = is.items[i];
	CHECK(!e && first && first->off == off && strstr(first->msg, want), "error in '%s' at %u: %s", text, off,
	      want);
	if (first && (first->off != off || !strstr(first->msg, want)))
		printf("#   got %u: %s\n", first->off, first->msg);
}

#endif
