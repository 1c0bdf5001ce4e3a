/* main.c - the command line of akko-migrate: option tables, help text and
 * exit codes.  All work happens in driver.c.
 */
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/util.h"
#include "driver.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "akko-migrate - compile legacy ETL jobs into engine-neutral pipeline YAML\n"
    "\n"
    "Usage:\n"
    "  akko-migrate inspect [options] FILE...   read job exports, print their workflow AST\n"
    "  akko-migrate help [TOPIC]                this help, or: inspect, diagnostics,\n"
    "                                           exit-codes\n"
    "  akko-migrate --version                   print the version\n"
    "\n"
    "Job files are recognised by content, not by name.  Today the PowerCenter\n"
    "frontend reads POWERMART XML exports (Repository Manager > Export Objects);\n"
    "SSIS, Alteryx and DataStage files are recognised and reported as not yet read.\n"
    "Conversion to pipeline YAML (akko-migrate JOB -o pipeline.yaml) is not built yet.\n"
    "\n"
    "Run 'akko-migrate help inspect' for the inspect options and examples.\n";

static const char inspect_text[] =
    "Usage: akko-migrate inspect [options] FILE...\n"
    "\n"
    "Reads each job export into the tool-neutral workflow AST and prints it:\n"
    "folders, sources and targets with their fields, mappings and mapplets as\n"
    "steps joined by port-to-port edges (mapplets expanded in place), workflows\n"
    "and worklets as tasks joined by links, parameters with where each value\n"
    "came from.  The dump is deterministic: the same input gives the same bytes.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT      text (YAML-like, the default) or json\n"
    "      --stats              print only object counts (sources, mappings,\n"
    "                           instances, connectors, sessions, links, ...)\n"
    "  -p, --param-file FILE    apply a PowerCenter parameter file (.par/.prm);\n"
    "                           repeat for several; values are recorded with their\n"
    "                           file, line and [section], never substituted\n"
    "  -o, --output PATH        write to PATH instead of stdout, atomically (a\n"
    "                           failed run leaves no partial file); with several\n"
    "                           FILEs, PATH is a directory that gets one\n"
    "                           <name>.ast.yaml (or .ast.json) per input\n"
    "      --max-errors N       show at most N errors per file (default 50, 0 = all)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Diagnostics go to stderr as file:line:col: severity: message [CODE] with the\n"
    "source line, a caret and a hint; docs/diagnostics.md lists every code.  A\n"
    "file with errors gets no output; the other files are still processed.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate inspect examples/powercenter/m_customer_orders.XML\n"
    "  akko-migrate inspect --format json -o ast.json wf_load.XML\n"
    "  akko-migrate inspect -p params/prod.par wf_load.XML\n"
    "  akko-migrate inspect --stats exports/*.XML\n";

static void print_exit_codes(FILE *out)
{
	fputs("\nExit codes:\n", out);
#define X(name, value, doc) fprintf(out, "  %-3d %s\n", value, doc);
	EXIT_CODE_LIST(X)
#undef X
}

/* One line per diagnostic code: the table docs/diagnostics.md shows. */
static void print_diagnostics(FILE *out)
{
	for (int c = 0; c < DIAG_CODE_COUNT; c++)
		fprintf(out, "| %s | %s | %s |\n", diag_code_str((DiagCode)c),
			diag_severity_name(diag_code_severity((DiagCode)c)), diag_code_hint((DiagCode)c));
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("akko-migrate: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n  hint: run 'akko-migrate help' for the usage\n", stderr);
	return EXIT_USAGE;
}

static int help(const char *topic)
{
	if (!topic) {
		fputs(usage_text, stdout);
		print_exit_codes(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "inspect") == 0) {
		fputs(inspect_text, stdout);
		print_exit_codes(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "diagnostics") == 0) {
		fputs("| code | severity | hint |\n|---|---|---|\n", stdout);
		print_diagnostics(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "exit-codes") == 0) {
		print_exit_codes(stdout);
		return EXIT_OK;
	}
	return usage_error("no help for unknown command '%s'", topic);
}

enum { OPT_STATS = 256, OPT_MAX_ERRORS };

static const struct option inspect_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"stats", no_argument, NULL, OPT_STATS},
    {"param-file", required_argument, NULL, 'p'},
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

static int cmd_inspect(int argc, char **argv)
{
	InspectOptions o = {.format = DUMP_TEXT, .max_errors = 50};
	const char **params = xcalloc((size_t)argc, sizeof *params);
	size_t n_params = 0;
	int rc = EXIT_OK, c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:p:o:h", inspect_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = DUMP_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = DUMP_JSON;
			else
				rc = usage_error("unknown format '%s' (use text or json)", optarg);
			break;
		case OPT_STATS: o.stats = true; break;
		case 'p': params[n_params++] = optarg; break;
		case 'o': o.output = optarg; break;
		case OPT_MAX_ERRORS: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 1000000)
				rc = usage_error("--max-errors needs a count, not '%s'", optarg);
			o.max_errors = (unsigned)v;
			break;
		}
		case 'h': free(params); return help("inspect");
		case ':': rc = usage_error("option '%s' needs an argument", argv[optind - 1]); break;
		default: rc = usage_error("unknown option '%s' for inspect", argv[optind - 1]); break;
		}
		if (rc != EXIT_OK) {
			free(params);
			return rc;
		}
	}
	int nfiles = argc - optind;
	if (nfiles <= 0) {
		free(params);
		return usage_error("%s", "inspect needs at least one FILE");
	}
	if (o.output && strcmp(o.output, "-") != 0) {
		size_t len = strlen(o.output);
		o.output_is_dir = is_directory(o.output) || (len && o.output[len - 1] == '/');
		if (nfiles > 1 && !o.output_is_dir) {
			free(params);
			return usage_error("with several files, -o must name a directory, not '%s'",
					   o.output);
		}
		if (o.output_is_dir && !is_directory(o.output)) {
			free(params);
			return usage_error("output directory '%s' does not exist", o.output);
		}
	}
	o.param_files = params;
	o.n_param_files = n_params;
	rc = driver_inspect(&o, (const char *const *)argv + optind, (size_t)nfiles);
	free(params);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("akko-migrate %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return help(NULL);
	if (strcmp(cmd, "help") == 0)
		return help(argc > 2 ? argv[2] : NULL);
	if (strcmp(cmd, "inspect") == 0)
		return cmd_inspect(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return usage_error("unknown option '%s'", cmd);
	return usage_error("unknown command '%s'; conversion to pipeline YAML is not built yet, "
			   "'akko-migrate inspect FILE' reads a job export",
			   cmd);
}
