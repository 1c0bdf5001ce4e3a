/* model.h - the report's data: one RFile per job file read back from
 * results.jsonl, and the Estate computed from them (src/report, internal).
 *
 * Everything lives in the Estate's arena.  Lists are sorted before the
 * writers see them, so every format prints the same order.
 */
#ifndef AKKO_REPORT_MODEL_H
#define AKKO_REPORT_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "report/effort.h"

/* X(enum, status in results.jsonl) */
#define STATUS_LIST(X)               \
	X(ST_CONVERTED, "converted") \
	X(ST_ERROR, "error")         \
	X(ST_SKIPPED, "skipped") X(ST_CRASHED, "crashed") X(ST_TIMEOUT, "timeout") X(ST_MEMORY, "memory")
#define ST_ENUM(name, str) name,
typedef enum RStatus { STATUS_LIST(ST_ENUM) ST_COUNT } RStatus;
#undef ST_ENUM
const char *status_name(RStatus s);

/* X(enum, conversion_source) */
#define SRC_LIST(X)                       \
	X(SRC_RULE_ENGINE, "rule_engine") \
	X(SRC_LLM, "llm")                 \
	X(SRC_LLM_UNAVAILABLE, "llm_unavailable") X(SRC_UNSUPPORTED, "unsupported") X(SRC_OTHER, "other")
#define SRC_ENUM(name, str) name,
typedef enum RSource { SRC_LIST(SRC_ENUM) SRC_COUNT } RSource;
#undef SRC_ENUM
const char *rsource_name(RSource s);

typedef struct RObject {
	const char *pipeline, *id, *type, *kind;
	RSource source;
	double confidence;
	bool review;
} RObject;

typedef struct RUnsup {
	const char *what, *name;
	uint32_t count;
	uint32_t files; /* estate list: files it occurs in */
} RUnsup;

typedef struct RFile {
	const char *input; /* results file and line the record came from */
	uint32_t line;
	const char *file, *rel, *key; /* key: rel, or file when there is no rel */
	const char *sha256, *reason, *output;
	RStatus status;
	bool reused;
	double elapsed_ms;
	bool has_summary; /* converted, with its summary */
	bool rated;       /* has_summary and nodes > 0: overall is a confidence (a file
			     with no data-flow node, e.g. workflows only, has none) */
	double overall, min_conf;
	uint32_t pipelines, nodes, warnings, review, llm;
	bool gate_pass;
	const char *gate_reason;
	uint32_t counts[METRIC_COUNT];
	uint32_t flows, controls, tasks; /* counts mappings, workflows, tasks: data flows
					    (jobs), control flows (workflows, sequences)
					    and their tasks (activities) */
	const char *fingerprint; /* or NULL */
	PtrVec objects;          /* RObject */
	PtrVec unsupported;      /* RUnsup */
	/* computed */
	Band band;
	JobClass cls;
	bool estimated; /* hours is an estimate (converted, or unconverted_file > 0) */
	double hours;
	double review_hours;
	uint32_t cluster; /* 1-based cluster number, 0 = none */
} RFile;

/* Converted objects of one kind (the source tool's class: a stage type,
 * a transformation type, an SSIS component). */
typedef struct RKind {
	const char *kind;
	uint32_t objects, review, files;
	const void *last; /* the last file counted */
} RKind;

typedef struct RCluster {
	const char *fingerprint;
	PtrVec members; /* RFile *, by key; the first is reviewed */
	double saved;   /* review hours the other members do not need */
} RCluster;

typedef struct RInput {
	const char *path;
	uint32_t lines, used, malformed;
	unsigned shard_k, shard_n; /* from a name results.shard-K-of-N.jsonl; 0 otherwise */
} RInput;

typedef struct Estate {
	Arena *a;
	EffortConfig cfg;
	PtrVec inputs; /* RInput */
	PtrVec files;  /* RFile *: not converted, then lowest confidence first, then
			  those with no confidence; ties by key */
	StrMap by_key; /* key -> index + 1 in files, while reading */
	uint32_t malformed, conflicts;
	/* totals */
	uint32_t by_status[ST_COUNT];
	uint32_t converted, gate_pass, gate_fail, objects, review, llm;
	double mean_conf, min_conf;
	double hours, saved;
	uint32_t not_estimated; /* files with no estimate (not converted, unconverted_file 0) */
	uint32_t rated;         /* converted files with a confidence */
	uint32_t band_files[BAND_COUNT + 1], band_objects[BAND_COUNT];
	double band_hours[BAND_COUNT + 1]; /* [BAND_COUNT]: converted files with no confidence */
	uint32_t class_files[CLASS_COUNT];
	double class_hours[CLASS_COUNT];
	uint32_t by_source[SRC_COUNT]; /* objects by conversion_source */
	uint32_t flows, controls, tasks; /* data flows, control flows, their tasks */
	PtrVec kinds;                  /* RKind: by objects, then kind */
	uint32_t hist[10];             /* converted files by overall confidence, tenths */
	PtrVec unsupported;            /* RUnsup: by count, then files, what, name */
	PtrVec clusters;               /* RCluster: by size, then fingerprint */
} Estate;

/* Read one results.jsonl into e (results.c).  Malformed lines are E0804
 * diagnostics, counted; a file in e already is replaced (W0805 when its
 * sha256 differs).  A directory (a result tree, a bulk run's OUTDIR) is
 * read as its results.jsonl, or as its results.shard-K-of-N.jsonl files
 * of one N in K order; a tree with neither, or with both or several N, is
 * refused (E0807).  Returns false when nothing could be read (E0001). */
bool results_read(Estate *e, const char *path, DiagSink *sink);

/* After reading, when every input is a shard's results file (by its name,
 * results.shard-K-of-N.jsonl): W0808 for each N of which not all N were
 * read.  (With a whole run's results among the inputs, shards may be
 * re-runs of part of it: no warning.) */
void results_check_shards(const Estate *e, DiagSink *sink);

/* Compute everything after reading (estate.c). */
void estate_compute(Estate *e);

/* Writers (render.c, html.c). */
void render_md(const Estate *e, Sbuf *out);
void render_json(const Estate *e, Sbuf *out);
void render_csv(const Estate *e, Sbuf *out);
void render_html(const Estate *e, Sbuf *out);

/* Numbers as every format prints them: at most 3 decimals, trailing zeros
 * trimmed ("4.75", "0.8", "12"); hours with 2 ("4.75", "12.00"). */
const char *fmt_num(char buf[32], double x);
const char *fmt_hours(char buf[32], double x);

/* The estate summary's rows, label and value, in the order every
 * human-readable format shows them (the input-problem rows only when there
 * were problems). */
typedef void (*EstateRowFn)(Sbuf *out, const char *label, const char *value);
void estate_summary_rows(const Estate *e, EstateRowFn row, Sbuf *out);

#endif
