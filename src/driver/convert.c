/* convert.c - the main job: a job export to pipeline YAML, through
 * the rule engine, the SQL check and the confidence gate (src/driver).
 *
 *   load -> rules (data flows) + orchestration -> check every node's SQL
 *        -> quality checks -> roll-up -> YAML (atomic write) -> gate
 *
 * Each file has its own arena; a bad file is reported and the next one is
 * still converted.
 */
#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "base/fileio.h"
#include "base/sbuf.h"
#include "driver/driver.h"
#include "driver/llm.h"
#include "emit/emit.h"
#include "emit/sarif.h"
#include "parsers/frontend.h"
#include "rules/checks.h"
#include "rules/tool_rules.h"
#include "rules/rules.h"
#include "validate/sqlcheck.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

/* DIR/<input name without its extension>.yaml, or the -o file. */
static char *output_path(const ConvertOptions *o, const char *input)
{
	return o->output_is_dir ? driver_output_in_dir(o->output, input, true, ".yaml") : xstrdup(o->output);
}

static void hex_digest(struct sha256_ctx *ctx, char hex[65])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(ctx, sizeof digest, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

void driver_sha256_hex(const void *data, size_t len, char hex[65])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	hex_digest(&ctx, hex);
}

bool driver_hash_fd(int fd, char hex[65], char *prefix, size_t prefix_cap, size_t *prefix_len)
{
	struct sha256_ctx ctx;
	char buf[64 * 1024];
	sha256_init(&ctx);
	*prefix_len = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break;
		size_t keep = prefix_cap - *prefix_len < (size_t)n ? prefix_cap - *prefix_len : (size_t)n;
		memcpy(prefix + *prefix_len, buf, keep);
		*prefix_len += keep;
		sha256_update(&ctx, (size_t)n, (const uint8_t *)buf);
	}
	hex_digest(&ctx, hex);
	return true;
}

static const char *sha256_hex(Arena *a, const void *data, size_t len)
{
	char *hex = arena_alloc(a, 2 * SHA256_DIGEST_SIZE + 1);
	driver_sha256_hex(data, len, hex);
	return hex;
}

/* SOURCE_DATE_EPOCH, or the clock with --timestamp; NULL otherwise. */
static const char *generated_at(Arena *a, const ConvertOptions *o)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end || v < 0)
			return NULL;
		t = (time_t)v;
	} else if (o->timestamp) {
		t = time(NULL);
	} else {
		return NULL;
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return NULL;
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(a, buf);
}

/* The validator's SQL check, handed to the rule engine. */
static bool sql_ok(void *ud, const char *sql, const char **why)
{
	Arena *a = ud;
	SqlCheck c;
	sql_check_select(a, sql, &c);
	if (c.ok)
		return true;
	*why = c.message;
	return false;
}

/* The gate: NULL when the file passes, else the first reason it fails. */
static const char *gate_reason(Arena *a, const ConvertOptions *o, const IrDoc *d)
{
	/* the confidences are the data-flow nodes'; a file of control flow only
	 * still fails on a task that needs review (BRIEF: "no object needing
	 * manual review") */
	if (d->nodes_count && d->overall_confidence < o->min_overall)
		return arena_sprintf(a, "overall confidence %.3f < %.2f", d->overall_confidence,
				     o->min_overall);
	if (d->nodes_count && d->min_confidence < o->min_object)
		return arena_sprintf(a, "an object's confidence %.3f < %.2f", d->min_confidence,
				     o->min_object);
	if (d->review_count)
		return arena_sprintf(a, "%u object%s need%s manual review", d->review_count,
				     d->review_count == 1 ? "" : "s", d->review_count == 1 ? "s" : "");
	return NULL;
}

/* Write the YAML to `out_path` ("-": stdout); a failure is described in
 * co->errors. */
static int write_output(const char *out_path, const Sbuf *text, ConvertOut *co)
{
	if (strcmp(out_path, "-") == 0) {
		fwrite(text->buf, 1, text->len, stdout);
		co->written = true;
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	const char *err;
	if (!atomic_write_file(out_path, text->buf, text->len, &err)) {
		sbuf_addf(&co->errors, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n",
			  out_path, err, diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
		return EXIT_IO;
	}
	co->written = true;
	return EXIT_OK;
}

/* Lower, check and emit a loaded PowerCenter document (the steps after
 * driver_load). */
static int convert_doc(const ConvertOptions *o, const char *path, const char *out_path, const char *sha256,
		       Arena *arena, AstDoc *doc, const SrcFile *src, DiagSink *sink, ConvertOut *co)
{
	expr_parse_doc(doc); /* every expression parsed once, by its language */
	IrDoc *d = ARENA_NEW(arena, IrDoc);
	d->tool = tool_name(doc->tool);
	d->file = path;
	d->sha256 = sha256 ? sha256 : sha256_hex(arena, src->text, src->len);
	d->dialect = "postgres";
	d->generated_by = "akko-migrate " PACKAGE_VERSION;
	d->generated_at = generated_at(arena, o);
	RulesOptions ro = {
	    .dialect = o->dialect, .null_compare = o->null_compare, .sql_ok = sql_ok, .sql_ok_ud = arena};
	DriverLlm llm = {o->llm_client, &o->llm, arena};
	if (llm.client) {
		ro.fallback = driver_llm_fallback;
		ro.fallback_ud = &llm;
	}
	rules_lower(arena, doc, &ro, d, sink);
	const ToolRules *tr = tool_rules(doc->tool);
	if (tr->orchestration)
		tr->orchestration(arena, doc, d, sink);
	ir_rollup(d); /* rounds the confidences the checks compare */
	for (uint32_t i = 0; i < d->pipelines.len; i++)
		checks_add_defaults(arena, d->pipelines.items[i]);
	sbuf_reset(&co->yaml);
	const char *err = NULL;
	if (!emit_yaml(d, &co->yaml, &err)) {
		sbuf_addf(&co->errors, "akko-migrate: internal error: %s: %s\n", path,
			  err ? err : "YAML emitter failed");
		return EXIT_INTERNAL;
	}
	int rc = write_output(out_path, &co->yaml, co);
	const char *why = gate_reason(arena, o, d);
	co->gate_pass = why == NULL;
	sbuf_addf(
	    &co->line,
	    "%s: %u pipeline%s, %u node%s, confidence %.3f (min %.3f), %u warning%s, %u to review: gate "
	    "%s%s%s\n",
	    path, d->pipelines.len, d->pipelines.len == 1 ? "" : "s", d->nodes_count,
	    d->nodes_count == 1 ? "" : "s", d->overall_confidence, d->min_confidence, d->warnings_count,
	    d->warnings_count == 1 ? "" : "s", d->review_count, co->gate_pass ? "pass" : "FAIL",
	    co->gate_pass ? "" : ": ", co->gate_pass ? "" : why);
	emit_summary_json(d, doc, co->written ? out_path : NULL, co->gate_pass, why, &co->summary);
	if (rc == EXIT_OK && o->gate && !co->gate_pass)
		rc = EXIT_GATE;
	return rc;
}

int driver_convert_file(const ConvertOptions *o, const char *path, const char *out_path, const char *sha256,
			DiagSink *sink, ConvertOut *co)
{
	sbuf_reset(&co->errors);
	sbuf_reset(&co->line);
	sbuf_reset(&co->summary);
	co->written = co->gate_pass = false;
	SrcFile src;
	Arena arena;
	FrontendOptions fo = {o->param_files, o->n_param_files, o->include_dirs, o->n_include_dirs};
	AstDoc *doc;
	int rc = driver_load(path, &fo, sink, &arena, &src, &doc);
	if (rc == EXIT_OK && !tool_rules(doc->tool)->converts) {
		/* The frontend read it (see `inspect`), but no rules convert the
		 * tool yet: a pipeline of placeholders would look like a result,
		 * so refuse. */
		diag_error(sink, E_TOOL_UNSUPPORTED, (SrcLoc){NULL, 0, 0},
			   "'%s' is a %s file: it is read ('akko-migrate inspect' shows it), but %s "
			   "conversion rules are not implemented yet",
			   path, tool_name(doc->tool), tool_name(doc->tool));
		rc = EXIT_INPUT;
	}
	if (rc == EXIT_OK && o->llm.enabled && !o->llm_client) { /* a bulk worker: a client per file */
		ConvertOptions per_file = *o;
		per_file.llm_client = llm_client_new(&o->llm, o->llm_budget);
		llm_client_set_deadline(per_file.llm_client, o->llm_file_ms);
		rc = convert_doc(&per_file, path, out_path ? out_path : "-", sha256, &arena, doc, &src, sink,
				 co);
		llm_client_free(per_file.llm_client);
	} else if (rc == EXIT_OK) {
		rc = convert_doc(o, path, out_path ? out_path : "-", sha256, &arena, doc, &src, sink, co);
	}
	if (rc == EXIT_INPUT)
		sbuf_addf(&co->line, "%s: %u error%s, %u warning%s; no output written\n", path,
			  diag_errors(sink), diag_errors(sink) == 1 ? "" : "s", diag_warnings(sink),
			  diag_warnings(sink) == 1 ? "" : "s");
	arena_release(&arena);
	srcfile_release(&src);
	return rc;
}

void convert_out_release(ConvertOut *co)
{
	sbuf_release(&co->yaml);
	sbuf_release(&co->errors);
	sbuf_release(&co->line);
	sbuf_release(&co->summary);
}

/* One file of the serial command line: diagnostics on stderr as they come,
 * then the summary line (and the JSON line on stdout). */
static int convert_one(const ConvertOptions *o, const char *path, ConvertOut *co, DiagRecords *collect)
{
	DiagSink sink;
	diag_init(&sink, o->quiet ? NULL : stderr);
	sink.max_errors = o->max_errors;
	if (collect) {
		sink.on_emit = diag_record_collect;
		sink.on_emit_ud = collect;
	}
	char *out_path = o->output && strcmp(o->output, "-") != 0 ? output_path(o, path) : NULL;
	int rc = driver_convert_file(o, path, out_path, NULL, &sink, co);
	fputs(co->errors.buf, stderr);
	bool converted = rc == EXIT_OK || rc == EXIT_GATE || (rc == EXIT_IO && co->summary.len);
	if (rc == EXIT_INPUT || (converted && (!o->quiet || o->gate)))
		fputs(co->line.buf, stderr);
	if (converted && o->json) {
		fwrite(co->summary.buf, 1, co->summary.len, stdout);
		fflush(stdout);
	}
	free(out_path);
	return rc;
}

/* After a serial run with the LLM fallback: what it cost. */
static void llm_summary(const ConvertOptions *o)
{
	const LlmStats *st = llm_client_stats(o->llm_client);
	if (o->quiet || !st->calls)
		return;
	fprintf(stderr,
		"akko-migrate: llm: %u call%s, %u answered from the %s, %u HTTP request%s, %u without an "
		"answer\n",
		st->calls, st->calls == 1 ? "" : "s", st->cached,
		o->llm.replay_dir ? "replay directory" : "cache", st->requests, st->requests == 1 ? "" : "s",
		st->failed);
}

int driver_convert(const ConvertOptions *opts, const char *const *files, size_t n)
{
	frontend_global_init();
	ConvertOptions run = *opts;
	const ConvertOptions *o = &run;
	if (run.llm.enabled) {
		run.llm_budget = llm_budget_new(run.llm.budget, false);
		run.llm_client = llm_client_new(&run.llm, run.llm_budget);
	}
	int worst = EXIT_OK;
	ConvertOut co = CONVERT_OUT_INIT;
	DiagRecords collect = {0};
	for (size_t i = 0; i < n; i++) {
		int rc = convert_one(o, files[i], &co, o->sarif ? &collect : NULL);
		/* I/O failures outrank input errors, which outrank gate failures */
		if (rc == EXIT_INTERNAL || (rc == EXIT_IO && worst != EXIT_INTERNAL) ||
		    (rc == EXIT_INPUT && (worst == EXIT_OK || worst == EXIT_GATE)) ||
		    (rc == EXIT_GATE && worst == EXIT_OK))
			worst = rc;
	}
	if (o->sarif) {
		Sbuf s = SBUF_INIT;
		emit_sarif(collect.items, collect.len, &s);
		const char *err;
		if (!atomic_write_file(o->sarif, s.buf, s.len, &err)) {
			fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n", o->sarif, err,
				diag_code_str(E_IO_WRITE));
			worst = worst == EXIT_INTERNAL ? worst : EXIT_IO;
		}
		sbuf_release(&s);
	}
	diag_records_release(&collect);
	convert_out_release(&co);
	if (run.llm_client) {
		llm_summary(o);
		llm_client_free(run.llm_client);
		llm_budget_free(run.llm_budget);
	}
	arena_trim_cache();
	return worst;
}
