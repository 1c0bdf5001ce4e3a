/* ssis_rules.h - the SSIS rules for control flow and parameters (src/rules):
 * a package's control flow to one IrWorkflow (ssis_orch.c), the variables,
 * parameters and property expressions a data flow or the package reads to
 * IrParams with their provenance, and a data flow's connections
 * (ssis_params.c).  docs/orchestration.md, section "SSIS", describes the
 * mapping, with the Microsoft documentation each rule follows.
 *
 * Everything is allocated in the caller's arena; lists keep source order;
 * nothing here reads a secret (sensitive parameters have no value).
 */
#ifndef AKKO_RULES_SSIS_RULES_H
#define AKKO_RULES_SSIS_RULES_H

#include "ast/ast.h"
#include "base/diag.h"
#include "expr/expr.h"
#include "rules/ir.h"

/* Each package of the doc (its CTRL_PACKAGE control) as one workflow:
 * containers, loops and event handlers are tasks whose children name them
 * in `parent`; tasks come in dependency order inside each container, a
 * container's children right after it, then its event handlers. */
void ssis_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink);

/* The IrParams of the data flow `flow`: every variable and parameter its
 * expressions, its task's property expressions and the property
 * expressions of the connection managers it uses read (with those the
 * EvaluateAsExpression variables among them read in turn), one per
 * spelling the SQL reads, then the property expressions themselves. */
void ssis_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session, PtrVec *out);

/* The binding of a variable or parameter a data flow's expression reads,
 * found from the data flow task's scope outwards, typed as declared. */
const ExprBinding *ssis_flow_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder,
					   const AstFlow *flow, const char *name);

/* The IrConnections a data flow's components use, role from the
 * component (source, target, lookup), unique by (name, role). */
void ssis_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *flow,
			       const AstSession *session_or_null, PtrVec *out);

/* ---- shared by ssis_orch.c and ssis_params.c ---- */

/* Where names are looked up: the package, and the refId path of the
 * container or task an expression belongs to ("Package\Stage\Load"). */
typedef struct SsisScope {
	Arena *a;
	const AstDoc *doc;
	const AstControl *pkg;
	const char *path;
	PtrVec *refs; /* const char *: spellings read, once each, or NULL */
} SsisScope;

/* The variable or parameter a spelling ("User::X", "X", "$Package::P",
 * "$Project::P", "System::StartTime") names from `path`: the declaration
 * of the innermost container that has one, then the package's, then the
 * document's undeclared ones ($Project::, System::); NULL when none. */
const AstParam *ssis_find_var(const SsisScope *sc, const char *spelling);

/* The declared name of a spelling ("Tries" -> "User::Tries"), or the
 * spelling when nothing declares it. */
const char *ssis_canonical(const SsisScope *sc, const char *spelling);

/* The resolver of ExprEnv for control-flow expressions (no columns):
 * variables typed as declared; every spelling is added to sc->refs. */
const ExprBinding *ssis_resolve(void *ud, BindKind what, const char *name);

/* Translate an SSIS expression of the AST with the names of `sc`, as a
 * condition or a value, every variable read by its declared name: the
 * SQL, or NULL with *why. */
const char *ssis_translate(SsisScope *sc, const AstExpr *e, bool condition, double *confidence,
			   PtrVec *issues, const char **why);

/* The IrParam of a spelling read from `sc->path`: declared ones with their
 * type, default (never a sensitive one's), expression, scope and line;
 * $Project:: and System:: names and names declared nowhere as text. */
IrParam *ssis_param(SsisScope *sc, const char *spelling);

/* The property expressions of a task, container or connection manager as
 * IrParams (kind property, origin property_expression). */
void ssis_property_params(SsisScope *sc, const char *owner_name, const char *owner_path, const PtrVec *props,
			  PtrVec *out);

/* The workflow parameters of a package: every variable and parameter it
 * declares (System:: ones excepted), then the names its expressions read
 * that it does not declare (`refs`), then its property expressions. */
void ssis_workflow_params(SsisScope *sc, const PtrVec *refs, PtrVec *out);

#endif
