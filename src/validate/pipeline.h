/* pipeline.h - validate a pipeline YAML file and compose its sinks
 * (src/validate).
 *
 * pipeline_validate() reads any YAML text (compiler output or a hand
 * edit) with libyaml into a small positioned tree, refusing anchors,
 * aliases, tags, duplicate keys, several documents and deep nesting, then
 * checks it against the schema table (schema.h) and the rules of
 * docs/pipeline-yaml.md ("Validation"): ids, depends_on order, one safe
 * SELECT per SQL node (sqlcheck.h), relations and columns the SQL reads,
 * review flags, orchestration references.  Every problem is a ValError
 * with a 1-based line and column in the YAML file.
 *
 * pipeline_compose() turns a sink of a valid file into the one statement
 * `WITH <ancestor> AS (<sql>), ... <sink sql>` ("Composition"), and
 * pipeline_compose_update() a variable update into its own,
 * pipeline_compose_over() any SELECT over one node (an assertion check).
 *
 * Invariants: everything lives in the arena passed in; lists keep file
 * order; errors are sorted by position.
 */
#ifndef AKKO_VALIDATE_PIPELINE_H
#define AKKO_VALIDATE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/sbuf.h"
#include "rules/ir.h"

typedef struct ValError {
	uint32_t line, col; /* 1-based; 0 when unknown */
	uint32_t span;      /* caret width, 0 = 1 */
	DiagCode code;      /* E07xx */
	const char *message;
} ValError;

typedef struct ValNode {
	const char *id;
	NodeType type;
	bool type_known;    /* `type` was a known node type */
	PtrVec depends_on;  /* const char *: ids as written */
	PtrVec columns;     /* const char *: output column names, in order */
	const char *sql;    /* the SELECT, or NULL */
	const char *table;  /* table.name, or NULL */
	bool at_source;     /* has source_sql: run at the source, its rows read under the id */
	uint32_t line, col; /* the node's mapping */
} ValNode;

/* A variable update (docs/pipeline-yaml.md, "Variable updates"). */
typedef struct ValVarUpdate {
	const char *variable;
	const ValNode *node; /* the node it reads, or NULL when unknown */
	const char *sql;
	uint32_t line, col;
} ValVarUpdate;

/* A quality check (docs/pipeline-yaml.md, "Quality checks"). */
typedef struct ValCheck {
	const char *id;
	CheckType type;
	bool type_known;     /* `type` was a known check type */
	const ValNode *node; /* the node it reads, or NULL when unknown */
	const char *column;  /* null_percentage: one column, or NULL */
	double threshold;    /* meaningful when has_threshold */
	bool has_threshold;
	PtrVec keys;         /* const char *: duplicate's key columns */
	const char *sql;     /* assertion: one SELECT of one boolean over node */
	const char *message; /* assertion: what the job says when it fails */
	uint32_t line, col;  /* the check's mapping */
} ValCheck;

typedef struct ValPipeline {
	const char *name;
	PtrVec nodes;       /* ValNode, file order */
	PtrVec var_updates; /* ValVarUpdate, file order */
	PtrVec checks;      /* ValCheck, file order */
} ValPipeline;

typedef struct ValResult {
	PtrVec errors;    /* ValError, sorted by line and column */
	PtrVec pipelines; /* ValPipeline (also when there are errors: as far as read) */
	bool truncated;   /* more errors than kept (VAL_MAX_ERRORS) */
} ValResult;

#define VAL_MAX_ERRORS 200
#define VAL_MAX_DEPTH  64 /* nesting of YAML collections */

/* Validate text[0..len); out->errors is empty when the file is valid. */
void pipeline_validate(Arena *a, const char *text, size_t len, ValResult *out);

bool val_node_is_sink(const ValNode *n);

/* The nodes `node` reads, transitively, and itself: a malloc'ed array of
 * p->nodes.len flags (the caller frees it), *at the node's index; NULL
 * when the node is not in p. */
bool *pipeline_ancestors(const ValPipeline *p, const ValNode *node, uint32_t *at);

/* Append the composed statement of `sink` (no terminating ';') to `out`.
 * Returns false, with *blocker set to the ancestor, when an ancestor has
 * no SQL (a placeholder). */
bool pipeline_compose(Arena *a, const ValPipeline *p, const ValNode *sink, Sbuf *out,
		      const ValNode **blocker);
/* The same for a variable update: `WITH <node> AS (<its composed statement>)
 * <update sql>`.  False, with *blocker, when the node or an ancestor has no
 * SQL. */
bool pipeline_compose_update(Arena *a, const ValPipeline *p, const ValVarUpdate *u, Sbuf *out,
			     const ValNode **blocker);
/* What a variable update, an assertion or any statement over one node's
 * rows composes to: `WITH <node> AS (<its composed statement>) <sql>`.
 * False, with *blocker, when the node or an ancestor has no SQL. */
bool pipeline_compose_over(Arena *a, const ValPipeline *p, const ValNode *node, const char *sql, Sbuf *out,
			   const ValNode **blocker);

#endif
