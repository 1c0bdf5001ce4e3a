/* orch_expr.c - control-flow conditions and task warnings shared by the
 * tools' orchestration rules (src/rules; orch_expr.h). */
#include "rules/orch_expr.h"

#include <string.h>

void orch_copy_upto(OrchRewrite *rw, uint32_t off)
{
	if (off > rw->at) {
		sbuf_add(&rw->out, rw->text + rw->at, off - rw->at);
		rw->at = off;
	}
}

void orch_replace(OrchRewrite *rw, const Expr *e, const char *with)
{
	orch_copy_upto(rw, e->off);
	sbuf_adds(&rw->out, with);
	rw->at = e->off + e->len;
}

void orch_translate_terms(Arena *a, const ExprEnv *env, const char *text, const PtrVec *terms, OrchRewriteFn fn,
			  void *ud, OrchCond *c)
{
	OrchRewrite rw = {.a = a, .text = text, .ud = ud};
	sbuf_init(&rw.out, 64);
	for (uint32_t i = 0; i < terms->len; i++) {
		const Expr *e = terms->items[i];
		if (i)
			sbuf_adds(&rw.out, " AND ");
		if (terms->len > 1)
			sbuf_addch(&rw.out, '(');
		rw.at = e->off;
		fn(&rw, e);
		orch_copy_upto(&rw, e->off + e->len);
		if (terms->len > 1)
			sbuf_addch(&rw.out, ')');
	}
	ExprResult r;
	expr_translate(a, env, rw.out.buf, rw.out.len, &r);
	sbuf_release(&rw.out);
	c->task_vars = rw.task_vars;
	c->issues = r.issues;
	c->translated = r.sql != NULL;
	c->sql = r.sql;
	c->type = r.type;
	c->confidence = r.sql ? r.confidence : 0;
	if (!r.sql)
		c->why = r.issues.len ? ((ExprIssue *)r.issues.items[0])->msg : NULL;
}

void orch_and_terms(Arena *a, Expr *e, PtrVec *out)
{
	if (e->kind == EX_BINARY && e->op == OP_AND) {
		orch_and_terms(a, e->args[0], out);
		orch_and_terms(a, e->args[1], out);
	} else {
		ptrvec_push(a, out, e);
	}
}

void orch_cap(IrTask *t, double c)
{
	if (c < t->confidence)
		t->confidence = c;
}

void orch_warn(Arena *a, DiagSink *sink, IrTask *t, DiagCode code, SrcLoc loc, const char *context, const char *msg)
{
	ir_warn(a, &t->warnings, diag_code_str(code), loc.line, "%s", msg);
	Diag d = {.code = code, .loc = loc, .context = context};
	diag_emit(sink, &d, "%s", msg);
}

void orch_keep_issues(Arena *a, DiagSink *sink, const char *context, IrTask *t, const OrchCond *c, SrcLoc loc,
		      const char *what, const char *vars)
{
	for (uint32_t i = 0; i < c->issues.len; i++) {
		const ExprIssue *is = c->issues.items[i];
		if (diag_code_severity(is->code) == DIAG_WARNING)
			orch_warn(a, sink, t, is->code, loc, context, arena_sprintf(a, "in %s: %s", what, is->msg));
	}
	if (c->task_vars)
		orch_warn(a, sink, t, W_ORCH_TASK_VAR, loc, context,
			  arena_sprintf(a, "%s reads %s variables from run-time settings", what, vars));
}
