/* checks.h - the default quality checks of a pipeline (src/rules;
 * docs/pipeline-yaml.md, "Quality checks").
 */
#ifndef AKKO_RULES_CHECKS_H
#define AKKO_RULES_CHECKS_H

#include "rules/ir.h"

/* The share of NULLs a sink column may hold before null_percentage fails. */
#define CHECK_NULL_THRESHOLD 0.10
/* Nodes below this confidence get a low_confidence_reconciliation. */
#define CHECK_RECONCILE_BELOW 0.80

/* Per sink: row_count, null_percentage, duplicate (by its keys, or every
 * column), schema_validation; per node below 0.80 a reconciliation.
 * Call after the nodes' confidences are final. */
void checks_add_defaults(Arena *a, IrPipeline *p);

#endif
