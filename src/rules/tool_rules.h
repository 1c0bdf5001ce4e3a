/* tool_rules.h - the per-tool parts of lowering that are code, not data:
 * one ToolRules row per Tool (src/rules; tool_rules.c).  Where a tool's
 * semantics are a value (first-match routing, a lookup's miss) they are in
 * semantics.h; where they are a procedure of their own (how a tool's
 * control flow becomes the orchestration section, where a data flow's
 * parameters and connections come from) the shared code calls the hook of
 * the document's tool, never testing which tool it is.  A tool without a
 * hook gets nothing for that part (an empty list), not another tool's.
 */
#ifndef AKKO_RULES_TOOL_RULES_H
#define AKKO_RULES_TOOL_RULES_H

#include <stdbool.h>

#include "ast/ast.h"
#include "base/diag.h"
#include "expr/expr.h"
#include "rules/ir.h"

typedef struct ToolRules {
	Tool tool;
	bool converts; /* false: the frontend reads it, but no rules convert it yet (E0004) */
	/* control flows (workflows, packages, sequences) into out->workflows */
	void (*orchestration)(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink);
	/* the parameters a data flow reads, with their provenance, into `out`
	 * (IrParam); `session` names the task that runs the flow, or NULL */
	void (*pipeline_params)(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session,
				PtrVec *out);
	/* the binding of a parameter or variable a data flow's expression reads
	 * (its declared type), or NULL when the flow declares none */
	const ExprBinding *(*resolve_param)(Arena *a, const AstDoc *doc, const AstFolder *folder,
					    const AstFlow *flow, const char *name);
	/* the connections a data flow's steps use, into `out` (IrConnection) */
	void (*pipeline_connections)(Arena *a, const AstDoc *doc, const AstFlow *flow,
				     const AstSession *session_or_null, PtrVec *out);
} ToolRules;

/* The row of `tool`; every hook may be NULL. */
const ToolRules *tool_rules(Tool tool);

#endif
