/* driver.h - one job file at a time: load -> parse -> lower -> validate
 * -> emit.  src/cli/main.c turns the command line into these calls.
 */
#ifndef AKKO_DRIVER_H
#define AKKO_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "ast/dump.h"
#include "base/sbuf.h"
#include "llm/llm.h"

typedef struct InspectOptions {
	DumpFormat format;
	bool stats;                     /* object counts only */
	const char *const *param_files; /* PowerCenter parameter files */
	size_t n_param_files;
	const char *const *include_dirs; /* -I: Alteryx macro search path, in order */
	size_t n_include_dirs;
	const char *output; /* NULL or "-": stdout; a file; or a directory */
	bool output_is_dir;
	unsigned max_errors; /* per file; 0 = unlimited */
} InspectOptions;

/* Read and parse one job file into `arena` (which the caller releases,
 * with `src`, whatever the outcome): EXIT_OK with *doc set; EXIT_IO when
 * the file or a parameter file cannot be read; EXIT_INPUT when the export
 * has errors (reported to `sink`). */
struct FrontendOptions;
struct DiagSink;
int driver_load(const char *path, const struct FrontendOptions *fo, struct DiagSink *sink, Arena *arena,
		SrcFile *src, AstDoc **doc);

/* DIR/<input's base name><suffix> (without the input's extension when
 * strip_ext); the caller frees it. */
char *driver_output_in_dir(const char *dir, const char *input, bool strip_ext, const char *suffix);

/* Inspect each file; returns the process exit code (enum ExitCode). */
int driver_inspect(const InspectOptions *o, const char *const *files, size_t n);

/* ---- the expr command (expr.c) ---- */

#include "expr/expr.h"

typedef struct ExprOptions {
	const char *types; /* "A=integer,B=string" or NULL (names untyped) */
	bool condition;    /* a filter/router condition: print a boolean */
	bool json;         /* JSON (one object; JSON Lines with files) */
	bool quiet;        /* files: no diagnostics on stderr */
	NullCompare null_compare;
	const struct Dialect *dialect;
	const struct Language *lang; /* --from: the source language (NULL: PowerCenter) */
} ExprOptions;

typedef struct ExprStats {
	size_t total, parsed, translated, unsupported, failed, files_failed;
	size_t check_failed; /* translations the validator's SQL check refuses */
	double confidence_sum;
} ExprStats;

/* Translate one expression; prints the SQL (or JSON) on stdout. */
int driver_expr(const ExprOptions *o, const char *text);
/* Translate every expression of each job file; one line per expression
 * and a summary on stderr. */
int driver_expr_files(const ExprOptions *o, const char *const *files, size_t n, ExprStats *stats);

/* ---- conversion to pipeline YAML (convert.c) ---- */

typedef struct ConvertOptions {
	const char *output; /* NULL or "-": stdout; a file; or a directory */
	bool output_is_dir;
	const char *const *param_files;
	size_t n_param_files;
	const char *const *include_dirs; /* -I: Alteryx macro search path, in order */
	size_t n_include_dirs;
	bool gate;          /* exit EXIT_GATE when a file fails the gate */
	double min_overall; /* gate: file's overall confidence */
	double min_object;  /* gate: every node */
	bool json;          /* one JSON summary line per file on stdout */
	const char *sarif;  /* write diagnostics as SARIF here, or NULL */
	bool timestamp;     /* generated_at from the clock (SOURCE_DATE_EPOCH wins) */
	bool quiet;         /* no diagnostics on stderr, only the summary lines */
	unsigned max_errors;
	NullCompare null_compare;
	const struct Dialect *dialect;
	LlmConfig llm;         /* the LLM fallback (docs/llm.md); on when llm.enabled */
	LlmBudget *llm_budget; /* the run's request counter (bulk: shared by the workers) */
	LlmClient *llm_client; /* serial runs: one client for every file; NULL: one per file */
	unsigned llm_file_ms;  /* bulk workers: a file's time for LLM requests; 0: no limit */
} ConvertOptions;

/* Convert each file; returns the process exit code. */
int driver_convert(const ConvertOptions *o, const char *const *files, size_t n);

/* What converting one file produced besides its YAML (driver_convert_file). */
typedef struct ConvertOut {
	Sbuf yaml;      /* scratch: the YAML text, reused from file to file */
	Sbuf errors;    /* messages of failures outside the sink (cannot write...) */
	Sbuf line;      /* the per-file summary line for stderr, newline included */
	Sbuf summary;   /* emit_summary_json()'s line when the YAML was made */
	bool written;   /* the output was written */
	bool gate_pass; /* meaningful when summary is set */
} ConvertOut;
#define CONVERT_OUT_INIT                                                 \
	{                                                                \
		SBUF_INIT, SBUF_INIT, SBUF_INIT, SBUF_INIT, false, false \
	}

/* Convert one job file to `out_path` (NULL or "-": stdout), diagnostics to
 * `sink`.  `sha256` is the input's hash when the caller knows it (NULL:
 * computed).  Returns the file's exit code (EXIT_GATE only with o->gate). */
int driver_convert_file(const ConvertOptions *o, const char *path, const char *out_path, const char *sha256,
			struct DiagSink *sink, ConvertOut *co);
void convert_out_release(ConvertOut *co);

/* SHA-256 as 64 hex digits and a NUL. */
void driver_sha256_hex(const void *data, size_t len, char hex[65]);
/* Hash what is left to read of fd; copy its first prefix_cap bytes to
 * prefix.  False (errno set) when a read fails. */
bool driver_hash_fd(int fd, char hex[65], char *prefix, size_t prefix_cap, size_t *prefix_len);

/* ---- the validate and compose commands (validate.c) ---- */

typedef struct ValidateOptions {
	bool json;           /* one JSON object per file on stdout */
	bool quiet;          /* text: no line for valid files */
	unsigned max_errors; /* text: shown per file; 0 = all */
} ValidateOptions;

typedef struct ComposeOptions {
	const char *pipeline; /* only this pipeline, or NULL */
	const char *sink;     /* only this sink (statement and ";" only), or NULL */
	const char *variable; /* only this variable update (statement and ";" only), or NULL */
	const char *check;    /* only this quality check's statement and ";", or NULL */
} ComposeOptions;

/* Read and validate one pipeline YAML file into `arena`: EXIT_OK, EXIT_INPUT
 * when it is not valid (not reported), EXIT_IO when unreadable (reported:
 * a diagnostic on stderr, or with `json` validate's JSON object). */
struct ValResult;
int driver_load_pipeline_yaml(const char *path, bool json, SrcFile *src, Arena *arena, struct ValResult *r);
/* The located diagnostics of a file that is not valid, and a closing line. */
void driver_report_invalid(SrcFile *src, const struct ValResult *r, unsigned max_errors);

/* Validate each pipeline YAML file: EXIT_OK when all are valid,
 * EXIT_INPUT when one is not, EXIT_IO when one cannot be read. */
int driver_validate(const ValidateOptions *o, const char *const *files, size_t n);
/* Print the composed statement of each sink of a valid file. */
int driver_compose(const ComposeOptions *o, const char *file);

/* ---- the verify command (verify.c) ---- */

typedef struct VerifyOptions {
	const char *conninfo; /* --pg or AKKO_PG: a libpq connection string or URI; NULL: none */
	const char *psql;     /* --psql: the psql program; NULL: found on PATH */
	const char *pipeline; /* only this pipeline, or NULL */
	bool json;            /* one JSON object per file on stdout */
	unsigned timeout_s;   /* statement_timeout of each check, seconds */
} VerifyOptions;

/* Run the quality checks of every pipeline whose data is in the file
 * (docs/verify.md); returns the exit code: EXIT_OK, EXIT_CHECK_FAIL,
 * EXIT_NOTHING_RUN, EXIT_DATABASE, EXIT_INPUT, EXIT_IO or EXIT_USAGE. */
int driver_verify(const VerifyOptions *o, const char *const *files, size_t n);

/* The statement of one quality check: an assertion's `sql`, or the SELECT
 * verify measures a row_count, null_percentage or duplicate check with,
 * over the check's node composed with its ancestors
 * (pipeline_compose_over).  False, with *why (arena), when the check has
 * no statement (schema_validation, low_confidence_reconciliation; a
 * column that is not the node's) or its node does not compose. */
struct ValPipeline;
struct ValCheck;
bool verify_check_statement(Arena *a, const struct ValPipeline *p, const struct ValCheck *c, Sbuf *out,
			    const char **why);

#endif
