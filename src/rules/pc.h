/* pc.h - the PowerCenter rules for control flow and parameters: workflows
 * and worklets to IrWorkflows, mapping parameters, workflow variables and
 * connections to their IR lists, and the PostgreSQL type of an AstType
 * (src/rules).  docs/orchestration.md describes the mapping.
 *
 * Everything is allocated in the caller's arena; lists keep source order;
 * nothing here reads a secret (sensitive parameters have no values).
 */
#ifndef AKKO_RULES_PC_H
#define AKKO_RULES_PC_H

#include "ast/ast.h"
#include "base/diag.h"
#include "rules/ir.h"
#include "rules/rules.h"

/* Every workflow and worklet of the doc's folders (reusable worklets, and
 * worklets defined inside a workflow, each once) appended to
 * out->workflows in source order, worklet = true for worklets.  Tasks come
 * in dependency order (Start first, then source order among ready tasks);
 * warnings go both to the task's `warnings` and to `sink`. */
void pc_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink);

/* The IrParams of one pipeline: the mapping's declared parameters and
 * variables (origin mapping), then the names its expressions, SQL and the
 * session's overrides reference that only a parameter file sets (origin
 * parameter_file) or that the engine sets ($PMSessionName..., origin
 * system), in first-reference order.  `session` (instance or definition
 * name, or NULL) selects the parameter-file values: [Global] sections, the
 * sections naming that session, and workflow sections of a workflow that
 * runs the mapping (through that session when one is given). */
void pc_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *mapping, const char *session,
			PtrVec *out);

/* The IrParams of a workflow or worklet: its user-defined variables (origin
 * workflow), then parameter-file-only names its conditions and assignments
 * reference, with the values of [Global] and of sections naming it. */
void pc_workflow_params(Arena *a, const AstDoc *doc, const AstControl *control, PtrVec *out);

/* The IrConnections a pipeline reads and writes: the session's connection
 * references (role from the instance they belong to), then lookups'
 * "Connection Information"; with no session, the sources' and targets'
 * database names.  Unique by (name, role), in first-use order.  Kinds are
 * relational, flat_file, ftp, application or other. */
void pc_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *mapping,
			     const AstSession *session_or_null, PtrVec *out);

/* The PostgreSQL type of a column or parameter: text for every string,
 * integer, bigint, smallint, numeric(p,s) (numeric when no precision),
 * double precision, timestamp, timestamptz, date, time, boolean, bytea;
 * text for what has no SQL type (unknown, geometry, object). */
const char *pc_pg_type(Arena *a, const AstType *t);

/* ---- the fallback path (pc_fallback.c; docs/llm.md) ---- */

/* Why placeholder `n`, lowering step `s` (or NULL), is not sent to the
 * fallback path, or NULL when it is: the step's behaviour must be in the
 * export, and the node must read nodes and have columns to output. */
const char *pc_fallback_refusal(const AstStep *s, const IrNode *n);

/* The step as the fallback path sees it: req->kind, req->inputs (the
 * nodes of pl that req->node depends on), one RulesFallbackPort per port in
 * port order (name, direction, type, expression; lower.c adds column
 * and from) and the settings and user code its behaviour lives in.  No
 * descriptions, sensitive settings or data. */
void pc_fallback_describe(Arena *a, const AstStep *s, const IrPipeline *pl, RulesFallbackRequest *req);

/* The type of a drafted node: its rule's when that is a plain SQL node
 * type (a router group's only with its branch), else sql_expression. */
NodeType pc_fallback_type(NodeType rule_type, const IrNode *n);

/* "akko.<key>": the setting SQL reads a parameter from (expr_param_key). */
const char *pc_param_setting(Arena *a, const char *name);

#endif
