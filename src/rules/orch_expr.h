/* orch_expr.h - what the control-flow rules of several tools share
 * (src/rules; orch_expr.c): a task's warnings, and a condition or value
 * that is rewritten span by span (task variables to settings, status words
 * to literals) and then translated by the expression translator.  Used by
 * pc_orch.c (PowerCenter links) and ds_orch.c (DataStage triggers).
 */
#ifndef AKKO_RULES_ORCH_EXPR_H
#define AKKO_RULES_ORCH_EXPR_H

#include "ast/ast.h"
#include "base/diag.h"
#include "base/str.h"
#include "expr/expr.h"
#include "rules/ir.h"

/* A translated condition or value. */
typedef struct OrchCond {
	const char *sql;  /* NULL: not translated (or nothing left to test) */
	ExprType type;    /* the SQL's type */
	bool translated;  /* false: the text (or what is left of it) has no SQL */
	bool task_vars;   /* reads run-time settings of tasks */
	double confidence;
	const char *why;  /* first problem when not translated */
	PtrVec issues;    /* ExprIssue of the translation (warnings) */
} OrchCond;

typedef struct OrchRewrite OrchRewrite;
/* Rewrites node `e` into rw->out: copies the text up to where it changes
 * (orch_copy_upto), writes the replacement (orch_replace), or recurses. */
typedef void (*OrchRewriteFn)(OrchRewrite *rw, const Expr *e);

struct OrchRewrite {
	Arena *a;
	const char *text; /* the expression as written */
	Sbuf out;
	uint32_t at;      /* bytes of text copied so far */
	bool task_vars;   /* set by the rewriter when it reads a task's setting */
	void *ud;         /* the rewriter's state */
};

void orch_copy_upto(OrchRewrite *rw, uint32_t off);
/* Node `e` replaced by `with`. */
void orch_replace(OrchRewrite *rw, const Expr *e, const char *with);

/* Translate `terms` (nodes of the tree of `text`, joined by AND), each
 * rewritten by `fn`, in `env` (its language, dialect, resolver and
 * condition mode). */
void orch_translate_terms(Arena *a, const ExprEnv *env, const char *text, const PtrVec *terms, OrchRewriteFn fn,
			  void *ud, OrchCond *c);

/* The terms of a chain of ANDs, in order. */
void orch_and_terms(Arena *a, Expr *e, PtrVec *out);

/* Lower t's confidence to at most c. */
void orch_cap(IrTask *t, double c);

/* An IrWarning on the task, and the same diagnostic on the sink with
 * `context` ("in workflow 'wf'"). */
void orch_warn(Arena *a, DiagSink *sink, IrTask *t, DiagCode code, SrcLoc loc, const char *context, const char *msg);

/* The translator's warnings of `c` on the task, and W0623 when it reads
 * settings of `vars` ("task", "activity") variables. */
void orch_keep_issues(Arena *a, DiagSink *sink, const char *context, IrTask *t, const OrchCond *c, SrcLoc loc,
		      const char *what, const char *vars);

#endif
