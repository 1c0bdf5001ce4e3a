/* jobexprs.h - every expression of a job export, translated in the
 * context that gives it meaning (src/expr).
 *
 * For each transformation definition: its variable ports first, in port
 * order, each analysed once and inlined where later ports read it (a read
 * before the assignment is the previous row's value: unsupported); then
 * the other ports, then its conditions (filter, router groups, join,
 * lookup, update strategy, transaction control).  Then the mapping
 * variables' expressions.  Names resolve to the transformation's ports,
 * the mapping's parameters and the mapping's lookups (for :LKP. calls).
 */
#ifndef AKKO_EXPR_JOBEXPRS_H
#define AKKO_EXPR_JOBEXPRS_H

#include "ast/ast.h"
#include "expr/expr.h"

typedef struct JobColumn {
	const char *name; /* as the SQL prints it */
	ExprType type;
} JobColumn;

typedef struct JobRelation { /* a lookup's source, read by :LKP. calls */
	const char *name;    /* as the SQL prints it */
	PtrVec columns;      /* JobColumn */
} JobRelation;

typedef struct JobExpr {
	const char *flow; /* mapping or mapplet, or NULL for a reusable transformation */
	const char *step; /* transformation, or NULL for a mapping variable */
	const char *what; /* "port 'X'", "filter condition", "group 'G'"... */
	const AstExpr *src;
	const char *context; /* "in port 'X' of transformation 'EXP'" for diagnostics */
	ExprResult res;
	PtrVec columns;   /* JobColumn: the inputs the SQL may read */
	PtrVec relations; /* JobRelation: lookup sources it reads */
} JobExpr;

typedef struct JobExprOptions {
	const struct Dialect *dialect;
	NullCompare null_compare;
	const char *row_alias; /* the relation the rows come from (ExprEnv.row_alias) */
} JobExprOptions;

typedef void (*JobExprFn)(void *ud, const JobExpr *je);

/* Translate every PowerCenter expression of `doc`, calling `fn` for each in
 * a stable order.  Allocations go to `a`. */
void job_exprs(Arena *a, const AstDoc *doc, const JobExprOptions *o, JobExprFn fn, void *ud);

/* Pieces the rule engine shares with the walk above. */
/* The Lookup transformation named `name` visible from `flow` (NULL: none). */
const AstStep *job_find_lookup(const AstFolder *folder, const AstFlow *flow, const char *name);
/* "first", "last", "any" or "error" from the lookup's multiple-match policy. */
const char *job_lookup_policy(const AstStep *s);
/* A lookup's match columns, operators and return port, reading `source_sql`. */
ExprLookup *job_build_lookup(Arena *a, const AstStep *s, const char *source_sql);
/* A $$parameter or $variable visible from `flow` (NULL: unknown). */
const ExprBinding *job_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder,
				     const AstFlow *flow, const char *name);

#endif
