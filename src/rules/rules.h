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

/* ---- the fallback path (docs/llm.md) ----
 * A placeholder the fallback may convert is described by a request: the
 * step as written (kind, ports, expressions, settings and user code), the
 * nodes it reads (its depends_on, with their columns) and the columns it
 * must output (the placeholder's, which downstream nodes were lowered
 * against).  Nothing here is row data. */
typedef struct RulesFallbackPort {
	const char *name;   /* as written */
	const char *dir;    /* "in", "out", "in|out", "var"... */
	const char *type;   /* PostgreSQL type */
	const char *expr;   /* the expression as written, or NULL */
	const char *column; /* output ports: the node column it becomes, or NULL */
	const char *from;   /* input ports: "<node id>.<column>" that feeds it, or NULL */
} RulesFallbackPort;

typedef struct RulesFallbackSetting {
	const char *name;  /* "Language", "OnInputRow_Method_Snippet" */
	const char *value; /* as written: a setting, an expression or user code */
} RulesFallbackSetting;

typedef struct RulesFallbackRequest {
	const char *pipeline;        /* the mapping */
	const IrNode *node;          /* the placeholder: id, origin, columns to output */
	const IrNode *const *inputs; /* its depends_on nodes, in order */
	size_t n_inputs;
	const char *kind;      /* the step's neutral kind: "script" */
	const char *why;       /* why it fell back */
	const char *draft_sql; /* the rule's SQL that failed the check or the threshold, or NULL */
	PtrVec ports;          /* RulesFallbackPort, in port order */
	PtrVec settings;       /* RulesFallbackSetting */
} RulesFallbackRequest;

typedef struct RulesFallbackAnswer {
	const char *sql;   /* success: one validated SELECT over the inputs */
	double confidence; /* success: re-scored, below the gate's per-object threshold */
	const char *model; /* success: the model that drafted it */
	const char *key;   /* success: the cache key of its answer */
	PtrVec evidence;   /* const char *: how the confidence came about (or why not) */
	DiagCode code;     /* the warning to record: the draft's, or why there is none */
	const char *message;
} RulesFallbackAnswer;

typedef struct RulesOptions {
	const struct Dialect *dialect; /* NULL: PostgreSQL */
	NullCompare null_compare;
	/* Judges a node's SQL (the validator's check, passed down by the
	 * driver so the rule engine need not see libpg_query): returns false
	 * with a reason when the SQL must not be emitted.  NULL: no check. */
	bool (*sql_ok)(void *ud, const char *sql, const char **why);
	void *sql_ok_ud;
	/* The fallback path for placeholders (the driver wires the LLM client
	 * and the validator): true with ans->sql when the node is converted;
	 * false with ans->code and ans->message saying why not.  NULL: no
	 * fallback is configured (placeholders stay as they are). */
	bool (*fallback)(void *ud, const RulesFallbackRequest *req, RulesFallbackAnswer *ans);
	void *fallback_ud;
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

/* Lower every data flow of `doc` (mappings, data flows, workflows, jobs:
 * every FlowKind but mapplets, which are expanded where they are used)
 * into `d->pipelines` (source order), one lowering per StepKind, with the
 * defaults of the document's tool (semantics.h).  Problems are reported to
 * `sink` as located warnings and recorded on the nodes; nothing here fails
 * the file. */
void rules_lower(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink);
/* The same (the driver's name for it until the driver moves). */
void rules_lower_powercenter(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink);

#endif
