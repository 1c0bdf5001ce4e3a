/* ds_orch.h - the DataStage rules for sequences and parameters (src/rules):
 * a sequence job to one IrWorkflow (ds_orch.c), and the parameters,
 * parameter-set members, environment variables and connections a job or
 * sequence reads to IrParams and IrConnections with their provenance
 * (ds_params.c).  docs/rules.md, section "DataStage sequences", describes
 * the mapping, with the IBM documentation each rule follows.
 *
 * Everything is allocated in the caller's arena; lists keep source order;
 * nothing here prints a secret (an encrypted parameter has no default, a
 * connector's password is never read).
 */
#ifndef AKKO_RULES_DS_ORCH_H
#define AKKO_RULES_DS_ORCH_H

#include "ast/ast.h"
#include "base/diag.h"
#include "expr/expr.h"
#include "rules/ir.h"

/* Each sequence job of the doc (CTRL_SEQUENCE) as one workflow: activities
 * to tasks, triggers to dependencies, Start Loop and Exception Handler to
 * `loop` and `event_handler` tasks whose bodies name them in `parent`. */
void ds_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink);

/* The IrParams of a parallel or server job: its declared parameters, the
 * members of the parameter sets it uses (type, default and value files from
 * the set's definition when the export holds it), the environment
 * variables and undeclared names it references. */
void ds_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session, PtrVec *out);

/* The same for a sequence job (origin workflow). */
void ds_control_params(Arena *a, const AstDoc *doc, const AstControl *ctl, PtrVec *out);

/* The binding of `#NAME#`, `#SET.NAME#` or `#$ENV#` read by a derivation
 * of `flow`: its declared type, or NULL when the job knows no such name. */
const ExprBinding *ds_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder, const AstFlow *flow,
				    const char *name);

/* The same for a name a sequence's expression reads (NULL: none). */
const ExprBinding *ds_control_resolve_param(Arena *a, const AstDoc *doc, const AstControl *ctl,
					    const char *name);

/* The IrConnections of a job's connector stages: the data connection or
 * data source each names, its database type, its role, and its server,
 * database and user settings as written (never a password). */
void ds_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *flow, const AstSession *session_or_null,
			     PtrVec *out);

#endif
