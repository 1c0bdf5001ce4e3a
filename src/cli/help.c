/* help.c - the help text of akko-migrate: the usage, one page per command,
 * and the tables docs/ shows (rules, functions, schema, diagnostics, exit
 * codes).  src/cli/main.c prints it for `help TOPIC` and `-h`.
 */
#include "cli/help.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "expr/lang.h"
#include "expr/dialect.h"
#include "rules/rules.h"
#include "validate/schema.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "akko-migrate - compile legacy ETL jobs into engine-neutral pipeline YAML\n"
    "\n"
    "Usage:\n"
    "  akko-migrate [convert] [options] FILE... -o OUT\n"
    "                                           convert job exports to pipeline YAML\n"
    "  akko-migrate inspect [options] FILE...   read job exports, print their workflow AST\n"
    "  akko-migrate expr [options] EXPRESSION   translate one PowerCenter expression to SQL\n"
    "  akko-migrate expr [options] --file FILE...\n"
    "                                           translate every expression of job exports\n"
    "  akko-migrate validate [options] FILE.yaml...\n"
    "                                           check pipeline YAML (hand edits included)\n"
    "  akko-migrate compose FILE.yaml           print each sink's composed WITH ... SELECT\n"
    "  akko-migrate verify [options] FILE.yaml...\n"
    "                                           run the quality checks of pipelines whose\n"
    "                                           data is in the file, in PostgreSQL\n"
    "  akko-migrate report [options] RESULTS.jsonl|OUTDIR...\n"
    "                                           migration report: effort, confidence,\n"
    "                                           complexity, clusters (md, json, csv, html)\n"
    "  akko-migrate help [TOPIC]                this help, or: convert, rules, inspect, expr,\n"
    "                                           validate, compose, verify, report, schema,\n"
    "                                           functions, diagnostics, exit-codes\n"
    "  akko-migrate --version                   print the version\n"
    "\n"
    "Job files are recognised by content, not by name.  Today the PowerCenter\n"
    "frontend reads POWERMART XML exports (Repository Manager > Export Objects);\n"
    "SSIS, Alteryx and DataStage files are recognised and reported as not yet read.\n"
    "\n"
    "  akko-migrate m_load.XML -o pipeline.yaml        convert one export\n"
    "  akko-migrate --gate exports/*.XML -o out/        convert many; exit 4 if any\n"
    "                                                   fails the confidence gate\n"
    "  akko-migrate convert exports/ -o out/            a whole tree, in parallel,\n"
    "                                                   incremental (out/results.jsonl)\n"
    "\n"
    "Run 'akko-migrate help convert' for the conversion options, the output\n"
    "format (docs/pipeline-yaml.md) and the gate.\n";

static const char convert_text[] =
    "Usage: akko-migrate [convert] [options] FILE... [-o OUT]\n"
    "       akko-migrate convert [options] DIR|FILE... -o OUTDIR   (bulk)\n"
    "\n"
    "Converts each job export into one pipeline YAML document\n"
    "(docs/pipeline-yaml.md): a pipeline per mapping whose nodes are SQL\n"
    "SELECTs that compose into one WITH ... SELECT per target, the workflows\n"
    "as an orchestration section, parameters with where each value came from,\n"
    "quality checks, and a confidence per node with the evidence for it.\n"
    "What no rule converts is a placeholder marked for review, never a guess.\n"
    "\n"
    "Options:\n"
    "  -o, --output PATH        write to PATH (atomically: a failed run leaves no\n"
    "                           partial file); a directory (or a PATH ending in /)\n"
    "                           gets one <input name>.yaml per input; default stdout\n"
    "  -p, --param-file FILE    apply a PowerCenter parameter file; repeatable\n"
    "  -I, --include DIR        look for Alteryx macros in DIR after the directory of\n"
    "                           the file that uses them; repeatable, searched in\n"
    "                           order, then by file name (docs/alteryx.md)\n"
    "      --gate               exit 4 unless every file passes the gate: overall\n"
    "                           confidence >= --min-overall, every node >=\n"
    "                           --min-object, nothing needs manual review\n"
    "      --min-overall X      gate threshold for a file (default 0.85)\n"
    "      --min-object X       gate threshold for every node (default 0.80)\n"
    "  -f, --format FORMAT      text (default) or json: one JSON summary line per\n"
    "                           file on stdout (file, output, nodes, confidence,\n"
    "                           gate, reason, counts, fingerprint, unsupported,\n"
    "                           objects: docs/report.md)\n"
    "      --sarif FILE         also write every diagnostic as SARIF 2.1.0, for CI\n"
    "                           systems that show them inline\n"
    "      --timestamp          record generated_at (SOURCE_DATE_EPOCH, when set,\n"
    "                           gives the time; without either there is none, so\n"
    "                           output is byte-identical across runs)\n"
    "      --null-compare MODE  the sessions' NULL comparison: null, high or low\n"
    "  -q, --quiet              no diagnostics on stderr, only the summary lines\n"
    "      --max-errors N       show at most N errors per file (default 50)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Bulk conversion (docs/bulk.md): when an input is a directory, when several\n"
    "FILEs go to -o OUTDIR, or with any option below.  Directories are walked\n"
    "(sorted by path); job files are found by content; each gets\n"
    "OUTDIR/<its path relative to the input, .yaml>, converted in parallel\n"
    "worker processes, and one line in OUTDIR/results.jsonl (converted, error,\n"
    "skipped, crashed, timeout or memory, with a reason).  OUTDIR/.akko-manifest\n"
    "remembers what was done: a re-run (or a run killed and started again)\n"
    "converts only new or changed files and reuses the other results.  One run\n"
    "at a time per OUTDIR: a second one meanwhile is refused (E0007, exit 5).\n"
    "  -j, --jobs N             N workers (default: the number of online cores)\n"
    "      --shard K/N          only the files whose index in the sorted list of\n"
    "                           found files is K-1 modulo N (1 <= K <= N); run\n"
    "                           shards on a scheduler: docs/scale.md\n"
    "      --results FILE       results here instead of OUTDIR/results.jsonl\n"
    "                           (OUTDIR/results.shard-K-of-N.jsonl with --shard)\n"
    "      --force              ignore the manifest: convert every file again\n"
    "      --file-timeout S     stop a file's worker after S seconds (default\n"
    "                           120, 0 = no limit): status timeout\n"
    "      --file-memory MB     a worker's address space limit (default 2048, 0 =\n"
    "                           no limit; not enforced in sanitizer builds):\n"
    "                           status memory\n"
    "A bulk run prints a progress bar when stderr is a terminal and ends with\n"
    "one line: N files: C converted (R reused), G gate fail, E errors, ...\n"
    "\n"
    "LLM fallback (docs/llm.md): a placeholder no rule converts (a Java or HTTP\n"
    "transformation, an expression that does not translate, a node below 0.60)\n"
    "can be drafted by an OpenAI-compatible server (Ollama, vLLM, llama.cpp,\n"
    "LiteLLM).  It is told the step (kind, ports, expressions, code) and the\n"
    "columns of its inputs, never a row of data.  The answer must be one safe\n"
    "SELECT over the node's inputs with exactly its columns, or it is refused;\n"
    "its confidence is capped at 0.75, so a draft never passes the gate unseen.\n"
    "Off unless a model and a server are configured.\n"
    "      --llm-url URL        the server (or AKKO_LLM_URL): http://127.0.0.1:11434/v1\n"
    "                           for Ollama; plain http only to the loopback, https\n"
    "                           elsewhere\n"
    "      --llm-model NAME     the model (or AKKO_LLM_MODEL)\n"
    "      --llm-api-key-file FILE\n"
    "                           read the API key from FILE (or AKKO_LLM_API_KEY_FILE);\n"
    "                           AKKO_LLM_API_KEY also works; the key is never a\n"
    "                           command-line value and never printed\n"
    "      --llm-timeout D      per request: 500ms, 30s, 2m (default 60s)\n"
    "      --llm-max-tokens N   the longest answer (default 1024)\n"
    "      --llm-budget N       HTTP requests per run, bulk workers included, retries\n"
    "                           too (default 200; 0 = no limit); cached answers are free\n"
    "      --llm-concurrency N  requests in flight across every process that shares\n"
    "                           the cache directory (default 1)\n"
    "      --llm-cache DIR      answers by sha256(model, prompt), so a rerun is free\n"
    "                           and identical (default $XDG_CACHE_HOME/akko-migrate/llm)\n"
    "      --llm-replay DIR     answers only from DIR (a copied cache): no network\n"
    "      --no-llm             ignore any LLM configuration\n"
    "A timeout, an HTTP error, a refused answer or a spent budget is a warning\n"
    "(W0902-W0905) and a placeholder for review, never a failed run.\n"
    "\n"
    "stderr gets located diagnostics and one summary line per file:\n"
    "  m.XML: 1 pipeline, 9 nodes, confidence 0.912 (min 0.800), 3 warnings, 0 to review: gate pass\n"
    "\n"
    "Exit status: 0 converted; 1 an input has errors (no output for it), or\n"
    "a worker crashed, timed out or ran out of memory; 2 bad command line; 3\n"
    "I/O error; 4 a file failed the gate (with --gate).  Skipped files (not\n"
    "job exports) do not change the exit status.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate examples/powercenter/m_customer_orders.XML -o pipeline.yaml\n"
    "  akko-migrate --gate --sarif akko.sarif exports/*.XML -o out/\n"
    "  akko-migrate convert -j8 --gate exports/ -o out/\n"
    "  AKKO_LLM_URL=http://127.0.0.1:11434/v1 AKKO_LLM_MODEL=qwen2.5-coder:7b \\\n"
    "    akko-migrate m_load.XML -o pipeline.yaml\n"
    "  akko-migrate validate pipeline.yaml\n";

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
    "  -I, --include DIR        look for Alteryx macros in DIR after the directory of\n"
    "                           the file that uses them; repeatable, searched in\n"
    "                           order, then by file name; found macros are expanded\n"
    "                           at their instances (docs/alteryx.md)\n"
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

static const char expr_text[] =
    "Usage: akko-migrate expr [options] 'EXPRESSION'\n"
    "       akko-migrate expr [options] --file FILE...\n"
    "\n"
    "Translates PowerCenter transformation-language expressions to PostgreSQL\n"
    "SQL that computes the same result: NULL rules of || and IIF, DECODE's\n"
    "NULL matching, 1-based and negative SUBSTR/INSTR positions, date formats\n"
    "and units, rounding.  Where PostgreSQL cannot match exactly, a warning\n"
    "names the difference and the confidence drops (docs/expressions.md).\n"
    "\n"
    "With an EXPRESSION, stdout gets only the SQL expression; warnings go to\n"
    "stderr.  Port names print in lower case, double-quoted only when they must\n"
    "be; $$PARAMETERS become current_setting('akko.<name>') read at run time,\n"
    "never substituted values.\n"
    "\n"
    "Options:\n"
    "      --from LANG          source language: powercenter (the default), ssis,\n"
    "                           alteryx or datastage\n"
    "  -t, --types LIST         port and parameter types, NAME=TYPE,... with TYPE\n"
    "                           one of string, integer, bigint, decimal, double,\n"
    "                           date; without --types names are untyped columns\n"
    "                           (warned); with it an undeclared name is an error\n"
    "      --condition          the expression is a Filter/Router condition: print\n"
    "                           a boolean (by default a PowerCenter value: 1/0)\n"
    "      --null-compare MODE  the session's \"Treat Null In Comparison Operators\n"
    "                           As\": null (the default), high or low\n"
    "      --dialect NAME       target SQL dialect: postgres (the default)\n"
    "  -f, --format FORMAT      text (the default) or json: the SQL, its type,\n"
    "                           confidence and warnings (JSON Lines with --file)\n"
    "      --file               the arguments are job exports: translate every\n"
    "                           port expression and condition in its context\n"
    "                           (variable ports inlined, :LKP. calls over the\n"
    "                           lookup) and print one line per expression, then a\n"
    "                           summary on stderr\n"
    "  -q, --quiet              with --file: no diagnostics, only the summary\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 when translated (warnings allowed); 1 when the expression\n"
    "does not parse, is invalid, or uses a construct with no translation.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate expr 'IIF(ISNULL(A), 0, A)' --types A=integer\n"
    "  akko-migrate expr --condition --types AMT=decimal 'AMT > 100 AND NOT ISNULL(AMT)'\n"
    "  akko-migrate expr --format json \"SUBSTR(NAME, -3, 2) || '-' || TO_CHAR(D, 'YYYYMMDD')\"\n"
    "  akko-migrate expr --from datastage --types lnk.s=VarChar 'Trim(lnk.s)[1, 3] : \"-\"'\n"
    "  akko-migrate expr --file --format json exports/m_load.XML > exprs.jsonl\n";

static const char validate_text[] =
    "Usage: akko-migrate validate [options] FILE.yaml...\n"
    "\n"
    "Checks pipeline YAML files, the compiler's output or a hand-edited copy,\n"
    "against docs/pipeline-yaml.md: the YAML itself (one document; no anchors,\n"
    "aliases, tags or duplicate keys), version 1, every key against the schema\n"
    "('akko-migrate help schema'; unknown keys are errors), ids, depends_on in\n"
    "dependency order, and each node's SQL: exactly one SELECT with no side\n"
    "effects, reading only its depends_on nodes, and only their columns.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT      text (diagnostics on stderr, the default) or json:\n"
    "                           one object per file on stdout,\n"
    "                           {file, valid, errors: [{line, col, code, message}]}\n"
    "  -q, --quiet              text: print nothing for valid files\n"
    "      --max-errors N       show at most N errors per file (default 50, 0 = all)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 when every file is valid; 1 when one is not; 3 when one\n"
    "cannot be read.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate validate out/m_customer_orders.yaml\n"
    "  akko-migrate validate --format json out/*.yaml > validation.jsonl\n";

static const char compose_text[] =
    "Usage: akko-migrate compose [options] FILE.yaml\n"
    "\n"
    "Prints, for each sink node (sink_table, sink_file) of a valid pipeline\n"
    "YAML file, the one statement that gives the rows the sink receives:\n"
    "\n"
    "  WITH <ancestor> AS (<its sql>), ... <the sink's sql>;\n"
    "\n"
    "The ancestors are the sink's transitive depends_on, in the order of\n"
    "'nodes'.  Each statement is preceded by a line\n"
    "'-- pipeline: NAME sink: ID'.  Then, for each variable update, the\n"
    "statement of the value a run persists, after a line\n"
    "'-- pipeline: NAME variable: $$NAME':\n"
    "\n"
    "  WITH <node> AS (<its composed statement>) <the update's sql>;\n"
    "\n"
    "A file that does not validate is refused.\n"
    "\n"
    "Options:\n"
    "  -p, --pipeline NAME      only the sinks of this pipeline\n"
    "  -s, --sink ID            only this node's statement, followed by ';' and\n"
    "                           nothing else (to feed psql); any SQL node works\n"
    "  -V, --variable NAME      only this variable update's statement and ';'\n"
    "  -c, --check ID           only this quality check's statement and ';': an\n"
    "                           assertion's sql, or the SELECT 'akko-migrate verify'\n"
    "                           measures a row_count, null_percentage or duplicate\n"
    "                           check with, over its node (docs/verify.md)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 when composed; 1 when the file is not valid or a sink\n"
    "depends on a placeholder (or --check names a check without a statement);\n"
    "2 when --pipeline, --sink, --variable or --check names nothing; 3 when\n"
    "the file cannot be read.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate compose out/m_customer_orders.yaml\n"
    "  akko-migrate compose -p m_customer_orders -s tgt_customers out.yaml | psql -X test\n";

static const char report_text[] =
    "Usage: akko-migrate report [options] RESULTS.jsonl|OUTDIR...\n"
    "\n"
    "Reads the results.jsonl files of bulk conversions ('akko-migrate convert\n"
    "DIR -o OUT' writes OUT/results.jsonl; several --shard runs give several)\n"
    "and writes the migration report of the estate: files by status, the gate,\n"
    "confidence, objects to review, effort in hours (docs/effort.md), every file\n"
    "lowest confidence first with its complexity class, what was not converted\n"
    "(constructs and functions, by count: what to build next), effort by\n"
    "confidence band and by complexity, and clusters of near-duplicate jobs\n"
    "(same structure up to names and literals) that need one review.\n"
    "\n"
    "A file that appears in several inputs is counted once: the last line read\n"
    "wins (a warning when the two differ in sha256).  A malformed line is\n"
    "reported with its position and left out; the report is still written.\n"
    "An OUTDIR (a result tree, e.g. one per shard: docs/scale.md) is read as\n"
    "its results.jsonl, or as its results.shard-K-of-N.jsonl files of one N in\n"
    "K order; a tree holding both, or shards of several N, is refused (E0807).\n"
    "Shards' results without all N of them get a warning (W0808).\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT      md (Markdown, the default), json (stable keys),\n"
    "                           csv (the file table, RFC 4180) or html (one\n"
    "                           self-contained page with SVG charts)\n"
    "  -o, --output FILE        write to FILE (atomically); default stdout\n"
    "  -c, --config FILE        effort model calibration (YAML): copy\n"
    "                           docs/effort.yaml, edit it, pass it here\n"
    "      --max-errors N       show at most N errors (default 50, 0 = all)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 written; 1 a line was malformed (the report is written\n"
    "without it) or no line was usable (nothing written); 2 bad command line or\n"
    "config; 3 an input cannot be read or the output written.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate report out/results.jsonl > report.md\n"
    "  akko-migrate report -f html -o report.html shards/*/\n"
    "  akko-migrate report -f csv --config effort.yaml out/results.jsonl\n";

static const char verify_text[] =
    "Usage: akko-migrate verify [options] FILE.yaml...\n"
    "\n"
    "Runs the quality checks of the pipelines whose data is in the file: rows\n"
    "written in the job itself (source_inline nodes, as an Alteryx Text Input\n"
    "becomes), so no source database or file is needed, only a PostgreSQL\n"
    "server to compute in.  The file must validate first.  Each check gets one\n"
    "line (docs/verify.md):\n"
    "\n"
    "  PASS  orders/test_3_customers  holds: expected 3 customers\n"
    "  FAIL  orders/test_4_customers  expected 4 customers (the assertion is false)\n"
    "  ERROR divide/tgt_out_row_count  division by zero\n"
    "  SKIP  m_load/tgt_row_count  (not runnable: node 'src_orders' is a source_table: ...)\n"
    "  verify: 4 checks in 3 pipelines: 1 passed, 1 failed, 1 error, 1 not runnable\n"
    "\n"
    "A check is runnable when its node and every node before it read only\n"
    "inline rows: no source_table, source_file, query run at the source\n"
    "(source_sql), placeholder or run parameter (current_setting), and its\n"
    "composed statement names no relation but its own CTEs.  What each check\n"
    "type means here:\n"
    "  assertion          the job's own test (a Test tool): its SELECT of one\n"
    "                     boolean over the node; true passes; false, NULL or no\n"
    "                     row fails with the check's message; two rows are an error\n"
    "  row_count          passes when the node has at least one row; the count\n"
    "                     is printed, to compare with the legacy run\n"
    "  null_percentage    NULLs per column (or 'column') at most 'threshold'\n"
    "                     (default 0.1) of the rows; the worst column is printed\n"
    "  duplicate          no two rows share the 'keys' (default: every column)\n"
    "  schema_validation, low_confidence_reconciliation\n"
    "                     not runnable: they need the target table or the legacy\n"
    "                     run's output\n"
    "\n"
    "The statements run through the psql program (on stdin, never a shell\n"
    "string) as psql -X -A -t -q -v ON_ERROR_STOP=1 -d CONNINFO: per pipeline\n"
    "one transaction, BEGIN READ ONLY ... ROLLBACK, with a statement timeout,\n"
    "search_path pg_catalog, time zone UTC.  A statement error is that\n"
    "check's ERROR; the checks after it run in a new transaction.\n"
    "'akko-migrate compose --check ID FILE' prints a check's statement.\n"
    "\n"
    "Options:\n"
    "  -d, --pg CONNINFO        the server: a libpq connection string\n"
    "                           ('host=/tmp port=5432 dbname=scratch') or URI\n"
    "                           (postgresql://user@localhost/scratch); default\n"
    "                           $AKKO_PG; '' uses libpq's PGHOST, PGPORT...  Keep\n"
    "                           passwords in ~/.pgpass, not here: psql's\n"
    "                           arguments are visible to other local users\n"
    "      --psql PATH          the psql program (default: psql on PATH;\n"
    "                           Debian: apt-get install postgresql-client)\n"
    "  -p, --pipeline NAME      only this pipeline's checks\n"
    "  -f, --format FORMAT      text (the default) or json: one object per file,\n"
    "                           {file, checks: [{pipeline, id, type, node, status,\n"
    "                           message, rows}], summary}; status is pass, fail,\n"
    "                           error or not_runnable\n"
    "      --timeout S          statement timeout of each check in seconds\n"
    "                           (default 30)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 every runnable check passed (and one at least ran); 6 a\n"
    "check failed or its statement failed; 7 no check could be run; 8 psql\n"
    "was not found or the server could not be used; 1 a file is not valid;\n"
    "2 bad command line; 3 a file cannot be read.\n"
    "\n"
    "Examples:\n"
    "  akko-migrate verify --pg 'host=/var/run/postgresql dbname=scratch' out/wf.yaml\n"
    "  AKKO_PG=postgresql://ci@localhost/scratch akko-migrate verify out/*.yaml\n"
    "  akko-migrate verify --format json --pipeline orders out/wf.yaml | jq .summary\n"
    "  akko-migrate compose --check test_3_customers out/wf.yaml | psql -X -At scratch\n";

/* The rule table docs/rules.md shows. */
static void print_rules(FILE *out)
{
	size_t n;
	const RuleDef *r = rules_table(&n);
	fputs("| rule | component | node type | base confidence | lowering |\n|---|---|---|---:|---|\n",
	      out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "| `%s` | %s | `%s` | %.2f | %s |\n", r[i].name, r[i].orig_kind,
			node_type_name(r[i].node), r[i].base, r[i].notes);
}

/* One language's function coverage table. */
static void print_function_table(FILE *out, const Language *l)
{
	fputs("| function | arguments | status | PostgreSQL | notes |\n|---|---|---|---|---|\n", out);
	for (size_t i = 0; i < l->nfuncs; i++) {
		const FuncDef *f = &l->funcs[i];
		const char *t = f->prim ? dialect_postgres.prim[f->prim].t : NULL;
		char args[16];
		if (f->min_args == f->max_args)
			snprintf(args, sizeof args, "%u", f->min_args);
		else if (f->max_args == 255)
			snprintf(args, sizeof args, "%u or more", f->min_args);
		else
			snprintf(args, sizeof args, "%u to %u", f->min_args, f->max_args);
		fprintf(out, "| %s | %s | %s | ", f->name, args, func_status_name(f->status));
		if (f->status == FS_UNSUPPORTED)
			fputs("none", out);
		else if (t) {
			fputc('`', out);
			for (const char *c = t; *c; c++)
				fputs(*c == '|' ? "\\|" : (char[]){*c, 0}, out);
			fputc('`', out);
		} else
			fprintf(out, "lowered by src/expr/lang/%s/lower.c (see notes)", l->name);
		fputs(" | ", out);
		for (const char *c = f->notes; *c; c++)
			fputs(*c == '|' ? "\\|" : (char[]){*c, 0}, out);
		fputs(" |\n", out);
	}
}

/* The function coverage tables docs/functions.md shows: PowerCenter's,
 * then one section per other language. */
static void print_functions(FILE *out)
{
	print_function_table(out, expr_language(LANG_POWERCENTER));
	for (const Language *const *l = expr_languages(); *l; l++) {
		if ((*l)->id == LANG_POWERCENTER)
			continue;
		fprintf(out, "\n## Language '%s'\n\n", (*l)->name);
		print_function_table(out, *l);
	}
}

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

void cli_print_usage(FILE *out)
{
	fputs(usage_text, out);
}

int cli_usage_error(const char *fmt, const char *arg)
{
	fputs("akko-migrate: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n  hint: run 'akko-migrate help' for the usage\n", stderr);
	return EXIT_USAGE;
}

int cli_help(const char *topic)
{
	if (!topic) {
		fputs(usage_text, stdout);
		print_exit_codes(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "rules") == 0) {
		print_rules(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "convert") == 0) {
		fputs(convert_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "inspect") == 0) {
		fputs(inspect_text, stdout);
		print_exit_codes(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "expr") == 0) {
		fputs(expr_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "validate") == 0 || strcmp(topic, "compose") == 0) {
		fputs(topic[0] == 'v' ? validate_text : compose_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "report") == 0) {
		fputs(report_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "verify") == 0) {
		fputs(verify_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "schema") == 0) {
		schema_print_markdown(stdout);
		return EXIT_OK;
	}
	if (strcmp(topic, "functions") == 0) {
		print_functions(stdout);
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
	return cli_usage_error("no help for unknown command '%s'", topic);
}
