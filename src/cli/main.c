/* main.c - the command line of akko-migrate: option tables and dispatch.
 * The help text is in help.c, the exit codes in src/base/exitcode.h; all
 * work happens in src/driver, src/bulk and src/report.
 */
#include "base/exitcode.h"
#include "base/util.h"
#include "bulk/bulk.h"
#include "cli/help.h"
#include "driver/driver.h"
#include "expr/dialect.h"
#include "expr/lang.h"
#include "llm/llm.h"
#include "report/report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

enum { OPT_STATS = 256, OPT_MAX_ERRORS };

static const struct option inspect_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"stats", no_argument, NULL, OPT_STATS},
    {"param-file", required_argument, NULL, 'p'},
    {"include", required_argument, NULL, 'I'},
    {"output", required_argument, NULL, 'o'},
    {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static bool is_directory(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* -I DIR (inspect, convert): where Alteryx macros are looked for, in the
 * order given (docs/alteryx.md); kept for the life of the process. */
static const char **include_dirs;
static size_t n_include_dirs;

static int add_include_dir(const char *dir)
{
	if (!is_directory(dir))
		return cli_usage_error("-I needs a directory, and '%s' is not one", dir);
	include_dirs = xrealloc(include_dirs, (n_include_dirs + 1) * sizeof *include_dirs);
	include_dirs[n_include_dirs++] = dir;
	return EXIT_OK;
}

/* --max-errors N */
static int parse_max_errors(const char *arg, unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < 0 || v > 1000000)
		return cli_usage_error("--max-errors needs a count, not '%s'", arg);
	*out = (unsigned)v;
	return EXIT_OK;
}

/* --null-compare MODE */
static int parse_null_compare(const char *arg, NullCompare *out)
{
	if (strcmp(arg, "null") == 0)
		*out = NULLCMP_NULL;
	else if (strcmp(arg, "high") == 0)
		*out = NULLCMP_HIGH;
	else if (strcmp(arg, "low") == 0)
		*out = NULLCMP_LOW;
	else
		return cli_usage_error("unknown --null-compare mode '%s' (use null, high or low)", arg);
	return EXIT_OK;
}

/* -o PATH for nfiles inputs: a file, or a directory (existing, or named
 * with a final '/'), which several inputs need. */
static int check_output(const char *output, int nfiles, bool *is_dir)
{
	size_t len = strlen(output);
	*is_dir = is_directory(output) || (len && output[len - 1] == '/');
	if (nfiles > 1 && !*is_dir)
		return cli_usage_error("with several files, -o must name a directory, not '%s'", output);
	if (*is_dir && !is_directory(output))
		return cli_usage_error("output directory '%s' does not exist", output);
	return EXIT_OK;
}

static int cmd_inspect(int argc, char **argv)
{
	InspectOptions o = {.format = DUMP_TEXT, .max_errors = 50};
	const char **params = xcalloc((size_t)argc, sizeof *params);
	size_t n_params = 0;
	int rc = EXIT_OK, c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:p:I:o:h", inspect_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = DUMP_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = DUMP_JSON;
			else
				rc = cli_usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case OPT_STATS: o.stats = true; break;
		case 'p': params[n_params++] = optarg; break;
		case 'I': rc = add_include_dir(optarg); break;
		case 'o': o.output = optarg; break;
		case OPT_MAX_ERRORS: rc = parse_max_errors(optarg, &o.max_errors); break;
		case 'h': free(params); return cli_help("inspect");
		case ':': rc = cli_usage_error("option '%s' needs an argument", argv[optind - 1]); break;
		default: rc = cli_usage_error("unknown option '%s' for inspect", argv[optind - 1]); break;
		}
		if (rc != EXIT_OK) {
			free(params);
			return rc;
		}
	}
	int nfiles = argc - optind;
	if (nfiles <= 0) {
		free(params);
		return cli_usage_error("%s", "inspect needs at least one FILE");
	}
	if (o.output && strcmp(o.output, "-") != 0 &&
	    check_output(o.output, nfiles, &o.output_is_dir) != EXIT_OK) {
		free(params);
		return EXIT_USAGE;
	}
	o.param_files = params;
	o.n_param_files = n_params;
	o.include_dirs = include_dirs;
	o.n_include_dirs = n_include_dirs;
	rc = driver_inspect(&o, (const char *const *)argv + optind, (size_t)nfiles);
	free(params);
	return rc;
}

enum { OPT_FROM = 300, OPT_CONDITION, OPT_NULL_COMPARE, OPT_DIALECT, OPT_FILE };

static const struct option expr_options[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"types", required_argument, NULL, 't'},
    {"condition", no_argument, NULL, OPT_CONDITION},
    {"null-compare", required_argument, NULL, OPT_NULL_COMPARE},
    {"dialect", required_argument, NULL, OPT_DIALECT},
    {"format", required_argument, NULL, 'f'},
    {"file", no_argument, NULL, OPT_FILE},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* --from NAME that names no language with a parser: the names there are. */
static int unknown_language(const char *name)
{
	char fmt[256] = "unknown source language '%s' (use ";
	for (const Language *const *l = expr_languages(); *l; l++) {
		if (l != expr_languages())
			strncat(fmt, ", ", sizeof fmt - strlen(fmt) - 1);
		strncat(fmt, (*l)->name, sizeof fmt - strlen(fmt) - 1);
	}
	strncat(fmt, ")", sizeof fmt - strlen(fmt) - 1);
	return cli_usage_error(fmt, name);
}

static int cmd_expr(int argc, char **argv)
{
	ExprOptions o = {0};
	o.dialect = &dialect_postgres;
	bool files = false;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":t:f:qh", expr_options, NULL)) != -1) {
		switch (c) {
		case OPT_FROM:
			if (!(o.lang = expr_language_named(optarg)))
				return unknown_language(optarg);
			break;
		case 't': o.types = optarg; break;
		case OPT_CONDITION: o.condition = true; break;
		case OPT_NULL_COMPARE:
			if (parse_null_compare(optarg, &o.null_compare) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case OPT_DIALECT:
			if (!(o.dialect = dialect_find(optarg)))
				return cli_usage_error("unknown dialect '%s'; postgres is the only one today",
						       optarg);
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case OPT_FILE: files = true; break;
		case 'q': o.quiet = true; break;
		case 'h': return cli_help("expr");
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s' for expr", argv[optind - 1]);
		}
	}
	int n = argc - optind;
	if (files) {
		if (n < 1)
			return cli_usage_error("%s", "expr --file needs at least one FILE");
		ExprStats stats = {0};
		return driver_expr_files(&o, (const char *const *)argv + optind, (size_t)n, &stats);
	}
	if (n != 1)
		return cli_usage_error(
		    "%s", n == 0 ? "expr needs an EXPRESSION (quote it for the shell)"
				 : "expr takes one EXPRESSION; quote it so the shell passes it whole");
	return driver_expr(&o, argv[optind]);
}

static const struct option validate_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"quiet", no_argument, NULL, 'q'},
    {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int cmd_validate(int argc, char **argv)
{
	ValidateOptions o = {.max_errors = 50};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:qh", validate_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case 'q': o.quiet = true; break;
		case OPT_MAX_ERRORS:
			if (parse_max_errors(optarg, &o.max_errors) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h': return cli_help("validate");
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s' for validate", argv[optind - 1]);
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("%s", "validate needs at least one FILE.yaml");
	return driver_validate(&o, (const char *const *)argv + optind, (size_t)(argc - optind));
}

static const struct option compose_options[] = {
    {"pipeline", required_argument, NULL, 'p'}, {"sink", required_argument, NULL, 's'},
    {"variable", required_argument, NULL, 'V'}, {"check", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
};

static int cmd_compose(int argc, char **argv)
{
	ComposeOptions o = {0};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":p:s:V:c:h", compose_options, NULL)) != -1) {
		switch (c) {
		case 'c': o.check = optarg; break;
		case 'p': o.pipeline = optarg; break;
		case 's': o.sink = optarg; break;
		case 'V': o.variable = optarg; break;
		case 'h': return cli_help("compose");
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s' for compose", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("%s", "compose takes one FILE.yaml");
	if (!!o.sink + !!o.variable + !!o.check > 1)
		return cli_usage_error("%s", "compose takes one of --sink, --variable and --check");
	return driver_compose(&o, argv[optind]);
}

enum {
	OPT_GATE = 400,
	OPT_MIN_OVERALL,
	OPT_MIN_OBJECT,
	OPT_SARIF,
	OPT_TIMESTAMP,
	OPT_CONV_NULL,
	OPT_CONV_MAXERR,
	OPT_SHARD,
	OPT_RESULTS,
	OPT_FORCE,
	OPT_FILE_TIMEOUT,
	OPT_FILE_MEMORY,
	OPT_LLM_URL,
	OPT_LLM_MODEL,
	OPT_LLM_KEY_FILE,
	OPT_LLM_TIMEOUT,
	OPT_LLM_MAX_TOKENS,
	OPT_LLM_BUDGET,
	OPT_LLM_CONCURRENCY,
	OPT_LLM_CACHE,
	OPT_LLM_REPLAY,
	OPT_NO_LLM
};

static const struct option convert_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"param-file", required_argument, NULL, 'p'},
    {"include", required_argument, NULL, 'I'},
    {"gate", no_argument, NULL, OPT_GATE},
    {"min-overall", required_argument, NULL, OPT_MIN_OVERALL},
    {"min-object", required_argument, NULL, OPT_MIN_OBJECT},
    {"format", required_argument, NULL, 'f'},
    {"sarif", required_argument, NULL, OPT_SARIF},
    {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
    {"null-compare", required_argument, NULL, OPT_CONV_NULL},
    {"quiet", no_argument, NULL, 'q'},
    {"max-errors", required_argument, NULL, OPT_CONV_MAXERR},
    {"jobs", required_argument, NULL, 'j'},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"results", required_argument, NULL, OPT_RESULTS},
    {"force", no_argument, NULL, OPT_FORCE},
    {"file-timeout", required_argument, NULL, OPT_FILE_TIMEOUT},
    {"file-memory", required_argument, NULL, OPT_FILE_MEMORY},
    {"llm-url", required_argument, NULL, OPT_LLM_URL},
    {"llm-model", required_argument, NULL, OPT_LLM_MODEL},
    {"llm-api-key-file", required_argument, NULL, OPT_LLM_KEY_FILE},
    {"llm-timeout", required_argument, NULL, OPT_LLM_TIMEOUT},
    {"llm-max-tokens", required_argument, NULL, OPT_LLM_MAX_TOKENS},
    {"llm-budget", required_argument, NULL, OPT_LLM_BUDGET},
    {"llm-concurrency", required_argument, NULL, OPT_LLM_CONCURRENCY},
    {"llm-cache", required_argument, NULL, OPT_LLM_CACHE},
    {"llm-replay", required_argument, NULL, OPT_LLM_REPLAY},
    {"no-llm", no_argument, NULL, OPT_NO_LLM},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* A count from 0 (or 1) to max for option `name`. */
static int parse_count(const char *name, const char *arg, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < (long)min || v > (long)max) {
		fprintf(stderr, "akko-migrate: error: %s needs a whole number from %u to %u, not '%s'\n",
			name, min, max, arg);
		fputs("  hint: run 'akko-migrate help convert' for the options\n", stderr);
		return EXIT_USAGE;
	}
	*out = (unsigned)v;
	return EXIT_OK;
}

/* --shard K/N, 1 <= K <= N.  K is often a scheduler's index (docs/scale.md):
 * one off (0/N, N+1/N) or empty (an unset variable) gets a hint saying so. */
static int parse_shard(const char *arg, BulkOptions *b)
{
	unsigned k = 0, n = 0;
	char tail;
	int got = sscanf(arg, "%u/%u%c", &k, &n, &tail);
	if (got == 2 && n >= 1 && k >= 1 && k <= n && n <= 100000) {
		b->shard_k = k;
		b->shard_n = n;
		return EXIT_OK;
	}
	fprintf(stderr, "akko-migrate: error: --shard needs K/N with 1 <= K <= N, not '%s'\n", arg);
	if (got == 2 && (k == 0 || k == n + 1))
		fputs("  hint: shards count from 1 to N: add 1 to a 0-based index (Kubernetes' "
		      "JOB_COMPLETION_INDEX), not to a 1-based one (CI_NODE_INDEX; docs/scale.md)\n",
		      stderr);
	else if (arg[0] == '/' || (*arg && arg[strlen(arg) - 1] == '/'))
		fputs("  hint: K or N is empty: is the variable that gives it set here? (docs/scale.md)\n",
		      stderr);
	else
		fputs("  hint: run 'akko-migrate help' for the usage\n", stderr);
	return EXIT_USAGE;
}

/* --llm-timeout: 1500ms, 30s, 2m, or plain seconds; from 1 ms to 1 hour */
static int parse_duration(const char *arg, unsigned *ms)
{
	char *end;
	double v = strtod(arg, &end);
	double scale = strcmp(end, "ms") == 0           ? 1
		       : strcmp(end, "m") == 0          ? 60000
		       : !*end || strcmp(end, "s") == 0 ? 1000
							: 0;
	if (end == arg || !scale || !(v * scale >= 1 && v * scale <= 3600000))
		return cli_usage_error("--llm-timeout needs a duration such as 500ms, 30s or 2m, not '%s'",
				       arg);
	*ms = (unsigned)(v * scale + 0.5);
	return EXIT_OK;
}

/* One --llm-* option into the LLM configuration. */
static int parse_llm_option(int c, const char *arg, LlmConfig *l)
{
	switch (c) {
	case OPT_LLM_URL: l->url = arg; return EXIT_OK;
	case OPT_LLM_MODEL: l->model = arg; return EXIT_OK;
	case OPT_LLM_KEY_FILE: l->api_key_file = arg; return EXIT_OK;
	case OPT_LLM_TIMEOUT: return parse_duration(arg, &l->timeout_ms);
	case OPT_LLM_MAX_TOKENS: return parse_count("--llm-max-tokens", arg, 1, 1 << 20, &l->max_tokens);
	case OPT_LLM_BUDGET:
		l->budget_set = true;
		return parse_count("--llm-budget", arg, 0, 1 << 30, &l->budget);
	case OPT_LLM_CONCURRENCY: return parse_count("--llm-concurrency", arg, 1, 64, &l->concurrency);
	case OPT_LLM_CACHE: l->cache_dir = arg; return EXIT_OK;
	case OPT_LLM_REPLAY: l->replay_dir = arg; return EXIT_OK;
	default: l->off = true; return EXIT_OK; /* OPT_NO_LLM */
	}
}

static bool parse_unit(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || end == s || !(v >= 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

static int cmd_convert(int argc, char **argv)
{
	ConvertOptions o = {.min_overall = 0.85, .min_object = 0.80, .max_errors = 50};
	BulkOptions b = {.file_timeout = 120, .file_memory_mb = 2048};
	bool bulk = false; /* a bulk-only option was given */
	const char **params = xcalloc((size_t)argc, sizeof *params);
	size_t n_params = 0;
	int rc = EXIT_OK, c;
	opterr = 0;
	optind = 1;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, ":o:p:I:f:j:qh", convert_options, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 'p': params[n_params++] = optarg; break;
		case 'I': rc = add_include_dir(optarg); break;
		case OPT_GATE: o.gate = true; break;
		case OPT_MIN_OVERALL:
			if (!parse_unit(optarg, &o.min_overall))
				rc = cli_usage_error("--min-overall needs a number from 0 to 1, not '%s'",
						     optarg);
			break;
		case OPT_MIN_OBJECT:
			if (!parse_unit(optarg, &o.min_object))
				rc = cli_usage_error("--min-object needs a number from 0 to 1, not '%s'",
						     optarg);
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				rc = cli_usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case OPT_SARIF: o.sarif = optarg; break;
		case OPT_TIMESTAMP: o.timestamp = true; break;
		case OPT_CONV_NULL: rc = parse_null_compare(optarg, &o.null_compare); break;
		case 'q': o.quiet = true; break;
		case OPT_CONV_MAXERR: rc = parse_max_errors(optarg, &o.max_errors); break;
		case 'j': rc = parse_count("--jobs", optarg, 1, 1024, &b.jobs), bulk = true; break;
		case OPT_SHARD: rc = parse_shard(optarg, &b), bulk = true; break;
		case OPT_RESULTS: b.results = optarg, bulk = true; break;
		case OPT_FORCE: b.force = bulk = true; break;
		case OPT_FILE_TIMEOUT:
			rc = parse_count("--file-timeout", optarg, 0, 86400, &b.file_timeout), bulk = true;
			break;
		case OPT_FILE_MEMORY:
			rc = parse_count("--file-memory", optarg, 0, 1 << 20, &b.file_memory_mb), bulk = true;
			break;
		case OPT_LLM_URL:
		case OPT_LLM_MODEL:
		case OPT_LLM_KEY_FILE:
		case OPT_LLM_TIMEOUT:
		case OPT_LLM_MAX_TOKENS:
		case OPT_LLM_BUDGET:
		case OPT_LLM_CONCURRENCY:
		case OPT_LLM_CACHE:
		case OPT_LLM_REPLAY:
		case OPT_NO_LLM: rc = parse_llm_option(c, optarg, &o.llm); break;
		case 'h': free(params); return cli_help("convert");
		case ':': rc = cli_usage_error("option '%s' needs an argument", argv[optind - 1]); break;
		default: rc = cli_usage_error("unknown option '%s'", argv[optind - 1]); break;
		}
	}
	o.include_dirs = include_dirs;
	o.n_include_dirs = n_include_dirs;
	char *llm_err = NULL;
	if (rc == EXIT_OK && !llm_config_resolve(&o.llm, &llm_err)) {
		rc = cli_usage_error("%s", llm_err);
		free(llm_err);
	}
	int nfiles = argc - optind;
	if (rc == EXIT_OK && nfiles <= 0)
		rc = cli_usage_error("%s", "convert needs at least one FILE");
	for (int i = optind; rc == EXIT_OK && i < argc; i++)
		bulk |= is_directory(argv[i]);
	size_t olen = o.output ? strlen(o.output) : 0;
	/* several files into a directory: bulk, unless --sarif asks for the
	 * serial run's SARIF file */
	if (nfiles > 1 && olen && !o.sarif && (o.output[olen - 1] == '/' || is_directory(o.output)))
		bulk = true;
	if (rc == EXIT_OK && bulk) {
		if (!o.output || strcmp(o.output, "-") == 0)
			rc = cli_usage_error(
			    "%s", "a bulk conversion (a directory, -j, --shard, --results, --force) needs "
				  "-o OUTDIR");
		else if (o.sarif)
			rc = cli_usage_error("%s", "--sarif is not available for bulk conversions yet");
		o.output_is_dir = true;
		o.param_files = params;
		o.n_param_files = n_params;
		if (rc == EXIT_OK)
			rc = bulk_convert(&o, &b, (const char *const *)argv + optind, (size_t)nfiles);
		free(params);
		llm_config_release(&o.llm);
		return rc;
	}
	if (rc == EXIT_OK && o.output && strcmp(o.output, "-") != 0) {
		rc = check_output(o.output, nfiles, &o.output_is_dir);
	} else if (rc == EXIT_OK && nfiles > 1 && !o.json) {
		rc = cli_usage_error("%s", "with several files, name an output directory with -o DIR/");
	}
	if (rc != EXIT_OK) {
		free(params);
		llm_config_release(&o.llm);
		return rc;
	}
	o.param_files = params;
	o.n_param_files = n_params;
	rc = driver_convert(&o, (const char *const *)argv + optind, (size_t)nfiles);
	free(params);
	llm_config_release(&o.llm);
	return rc;
}

enum { OPT_REPORT_MAXERR = 500 };

static const struct option report_options[] = {
    {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
    {"config", required_argument, NULL, 'c'}, {"max-errors", required_argument, NULL, OPT_REPORT_MAXERR},
    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
};

static int cmd_report(int argc, char **argv)
{
	ReportOptions o = {.format = REPORT_MD, .max_errors = 50};
	static const char *const formats[] = {"md", "json", "csv", "html"};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:c:h", report_options, NULL)) != -1) {
		switch (c) {
		case 'f': {
			size_t i = 0;
			while (i < 4 && strcmp(optarg, formats[i]) != 0)
				i++;
			if (i == 4)
				return cli_usage_error("unknown format '%s' (use md, json, csv or html)",
						       optarg);
			o.format = (ReportFormat)i;
			break;
		}
		case 'o': o.output = optarg; break;
		case 'c': o.config = optarg; break;
		case OPT_REPORT_MAXERR:
			if (parse_max_errors(optarg, &o.max_errors) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h': return cli_help("report");
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s' for report", argv[optind - 1]);
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("%s", "report needs at least one RESULTS.jsonl or OUTDIR");
	return report_run(&o, (const char *const *)argv + optind, (size_t)(argc - optind));
}

enum { OPT_PSQL = 600, OPT_PG_TIMEOUT };

static const struct option verify_options[] = {
    {"pg", required_argument, NULL, 'd'},
    {"psql", required_argument, NULL, OPT_PSQL},
    {"pipeline", required_argument, NULL, 'p'},
    {"format", required_argument, NULL, 'f'},
    {"timeout", required_argument, NULL, OPT_PG_TIMEOUT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* akko-migrate verify [--pg CONNINFO] FILE.yaml... (docs/verify.md) */
static int cmd_verify(int argc, char **argv)
{
	VerifyOptions o = {.conninfo = getenv("AKKO_PG"), .timeout_s = 30};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":d:p:f:h", verify_options, NULL)) != -1) {
		switch (c) {
		case 'd': o.conninfo = optarg; break;
		case OPT_PSQL: o.psql = optarg; break;
		case 'p': o.pipeline = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case OPT_PG_TIMEOUT:
			if (parse_count("--timeout", optarg, 1, 86400, &o.timeout_s) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h': return cli_help("verify");
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s' for verify", argv[optind - 1]);
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("%s", "verify needs at least one FILE.yaml");
	if (!o.conninfo)
		return cli_usage_error("%s",
				       "verify needs a PostgreSQL server: give --pg CONNINFO or set AKKO_PG "
				       "(a throwaway database: the checks run read-only and roll back)");
	return driver_verify(&o, (const char *const *)argv + optind, (size_t)(argc - optind));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("akko-migrate %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return cli_help(NULL);
	if (strcmp(cmd, "help") == 0)
		return cli_help(argc > 2 ? argv[2] : NULL);
	if (strcmp(cmd, "inspect") == 0)
		return cmd_inspect(argc - 1, argv + 1);
	if (strcmp(cmd, "expr") == 0)
		return cmd_expr(argc - 1, argv + 1);
	if (strcmp(cmd, "validate") == 0)
		return cmd_validate(argc - 1, argv + 1);
	if (strcmp(cmd, "compose") == 0)
		return cmd_compose(argc - 1, argv + 1);
	if (strcmp(cmd, "convert") == 0)
		return cmd_convert(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return cmd_report(argc - 1, argv + 1);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify(argc - 1, argv + 1);
	/* akko-migrate [options] FILE... -o OUT: the main job; a bare word
	 * that names no file is a mistyped command */
	struct stat st;
	if (cmd[0] != '-' && !strchr(cmd, '/') && !strchr(cmd, '.') && stat(cmd, &st) != 0)
		return cli_usage_error(
		    "unknown command '%s'; convert a job export with 'akko-migrate FILE -o OUT'", cmd);
	return cmd_convert(argc, argv);
}
