/* rules.h - the rule engine: lowers the workflow AST's data flows into the
 * pipeline IR, one rule per node kind, each with its base confidence
 * (src/rules; docs/rules.md lists the table).
 */
#ifndef AKKO_RULES_RULES_H
#define AKKO_RULES_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "ast/ast.h"
#include "base/diag.h"
#include "expr/expr.h"
#include "rules/ir.h"

/* Nodes below this confidence go to the fallback path. */
#define RULES_FALLBACK_THRESHOLD 0.60

typedef struct RulesOptions {
	const struct Dialect *dialect; /* NULL: PostgreSQL */
	NullCompare null_compare;
	/* Judges a node's SQL (the validator's check, passed down by the
	 * driver so the rule engine need not see libpg_query): returns false
	 * with a reason when the SQL must not be emitted.  NULL: no check. */
	bool (*sql_ok)(void *ud, const char *sql, const char **why);
	void *sql_ok_ud;
} RulesOptions;

/* One row of the rule table. */
typedef struct RuleDef {
	const char *name;      /* "powercenter/expression" */
	StepKind kind;         /* the AST kind it lowers */
	const char *orig_kind; /* PowerCenter's name for it */
	NodeType node;         /* what it becomes */
	double base;           /* base confidence */
	const char *notes;
} RuleDef;

const RuleDef *rules_table(size_t *n);

/* Lower every PowerCenter mapping of `doc` into `d->pipelines` (source
 * order).  Problems are reported to `sink` as located warnings and recorded
 * on the nodes; nothing here fails the file. */
void rules_lower_powercenter(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink);

#endif
