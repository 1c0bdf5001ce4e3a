/* jobstats.h - what a report needs to know about one converted job file
 * beyond its confidence: complexity counts from the workflow AST, a
 * fingerprint of its normalised structure, and what was not converted
 * (src/emit; the JSON summary line carries them, docs/effort.md defines
 * each one).
 *
 * Pure functions of the AST and the IR: no clock, no addresses, so the
 * same input gives the same numbers and the same fingerprint on every run.
 */
#ifndef AKKO_EMIT_JOBSTATS_H
#define AKKO_EMIT_JOBSTATS_H

#include <nettle/sha2.h>
#include <stdint.h>

#include "ast/ast.h"
#include "base/arena.h"
#include "base/sbuf.h"
#include "rules/ir.h"

/* An expression with at least this many function calls (built-in, :LKP.,
 * :SP., :UDF., :MCR.) counts as complex. */
#define JOBSTATS_COMPLEX_CALLS 5

/* Complexity inputs, counted over the mappings of the file after mapplet
 * expansion (a mapplet used twice counts twice, as it runs twice); a file
 * with no mapping counts its mapplets instead.  docs/effort.md, "Counts". */
typedef struct JobCounts {
	uint32_t mappings;            /* flows counted (mappings, else mapplets) */
	uint32_t sources, targets;    /* source and target instances */
	uint32_t joins, lookups;      /* Joiner and Lookup instances */
	uint32_t components;          /* transformations: every other step but
					 mapplet boundaries */
	uint32_t expressions;         /* user-written expressions: output/variable port
					 expressions that are not a bare pass-through of
					 the port itself, group conditions, and
					 expression-valued settings (filter, update
					 strategy, ...); synthesized ones excluded */
	uint32_t complex_expressions; /* expressions with >= JOBSTATS_COMPLEX_CALLS calls */
	uint32_t function_calls;      /* calls in all expressions together */
	uint32_t sql_overrides;       /* settings holding SQL (query, lookup, pre/post SQL) */
	uint32_t workflows, sessions; /* control flows (workflows and worklets), sessions */
	uint32_t tasks;               /* the tasks of the control flows (workflow tasks, SSIS
					 executables, DataStage sequence activities) */
} JobCounts;

/* Count `doc` (NULL: all zero). */
void jobstats_count(const AstDoc *doc, JobCounts *c);

/* sha256 (64 hex digits, in `a`) of the normalised structure of `doc`:
 * step kinds, original kinds, port directions and types, expression
 * shapes, edges as positions, task kinds and links; names, ids, positions,
 * descriptions, SQL text and literal values are left out.  NULL for a
 * NULL doc. */
const char *jobstats_fingerprint(Arena *a, const AstDoc *doc);

/* The canonical text the fingerprint hashes (for tests and curiosity). */
void jobstats_fingerprint_text(const AstDoc *doc, Sbuf *out);

typedef struct JobUnsupported {
	const char *what; /* "construct" or "function" */
	const char *name; /* "Custom Transformation/Java Transformation", "SETVARIABLE" */
	uint32_t count;
} JobUnsupported;

/* What was not converted, aggregated by (what, name), ordered by count
 * (descending), then what, then name.  JobUnsupported items in `a`. */
void jobstats_unsupported(Arena *a, const IrDoc *d, PtrVec *out);
/* The same in two steps: add d's to `out` (aggregated), then order. */
void jobstats_unsupported_add(Arena *a, const IrDoc *d, PtrVec *out);
void jobstats_unsupported_sort(PtrVec *out);

/* Counts, fingerprint and unsupported list of a document read unit by unit
 * (frontend_parse_units): each unit's AST and IR added in file order give
 * the numbers the whole document would. */
typedef struct JobStats {
	Arena *a;                  /* lives as long as the document */
	JobCounts flows, mapplets; /* counted over the data flows, over the mapplets */
	bool data_flows;           /* a unit had a data flow: its counts are `flows` */
	struct sha256_ctx fp;      /* the fingerprint text so far */
	int32_t flow_base;         /* flows of the units added */
	PtrVec unsupported;        /* JobUnsupported */
} JobStats;
void jobstats_init(JobStats *s, Arena *a, Tool tool);
void jobstats_add(JobStats *s, const AstDoc *unit, const IrDoc *ir);
/* The counts in *c, the unsupported list ordered; returns the fingerprint. */
const char *jobstats_finish(JobStats *s, JobCounts *c);

/* The function a translator message blames, or NULL: "unknown function
 * 'FOO'" gives FOO, "port 'X': SETVARIABLE is not translated: ..." gives
 * SETVARIABLE, ":SP. calls are not translated" gives ":SP.".  In `a`. */
const char *jobstats_blamed_function(Arena *a, const char *message);

/* A diagnostic message as a category that aggregates across objects:
 * quoted names become '...', a leading "port 'X': " is dropped, the text
 * is cut at "; " (the explanation) and at 160 bytes, numbers become '#'.  In `a`. */
const char *jobstats_reason_category(Arena *a, const char *message);

#endif
