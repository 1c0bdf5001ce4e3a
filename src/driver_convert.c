/* driver_convert.c - the main job: a job export to pipeline YAML, through
 * the rule engine, the SQL check and the confidence gate (src/driver).
 *
 *   load -> rules (data flows) + orchestration -> check every node's SQL
 *        -> quality checks -> roll-up -> YAML (atomic write) -> gate
 *
 * Each file has its own arena; a bad file is reported and the next one is
 * still converted.
 */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "base/fileio.h"
#include "base/sbuf.h"
#include "driver.h"
#include "emit/emit.h"
#include "emit/sarif.h"
#include "parsers/frontend.h"
#include "rules/checks.h"
#include "rules/pc.h"
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

static const char *sha256_hex(Arena *a, const void *data, size_t len)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof digest, digest);
	char *hex = arena_alloc(a, 2 * SHA256_DIGEST_SIZE + 1);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
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
	if (d->nodes_count == 0)
		return NULL;
	if (d->overall_confidence < o->min_overall)
		return arena_sprintf(a, "overall confidence %.3f < %.2f", d->overall_confidence,
				     o->min_overall);
	if (d->min_confidence < o->min_object)
		return arena_sprintf(a, "an object's confidence %.3f < %.2f", d->min_confidence,
				     o->min_object);
	if (d->review_count)
		return arena_sprintf(a, "%u object%s need%s manual review", d->review_count,
				     d->review_count == 1 ? "" : "s", d->review_count == 1 ? "s" : "");
	return NULL;
}

static int write_output(const ConvertOptions *o, const char *input, const Sbuf *text, const char **written)
{
	*written = NULL;
	if (!o->output || strcmp(o->output, "-") == 0) {
		fwrite(text->buf, 1, text->len, stdout);
		*written = "-";
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	char *path = output_path(o, input);
	const char *err;
	int rc = EXIT_OK;
	if (!atomic_write_file(path, text->buf, text->len, &err)) {
		fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n", path, err,
			diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
		rc = EXIT_IO;
	} else {
		static char last[4096];
		snprintf(last, sizeof last, "%s", path);
		*written = last;
	}
	free(path);
	return rc;
}

static int convert_one(const ConvertOptions *o, const char *path, Sbuf *out, DiagRecords *collect)
{
	DiagSink sink;
	diag_init(&sink, o->quiet ? NULL : stderr);
	sink.max_errors = o->max_errors;
	if (collect) {
		sink.on_emit = diag_record_collect;
		sink.on_emit_ud = collect;
	}
	SrcFile src;
	Arena arena;
	FrontendOptions fo = {o->param_files, o->n_param_files};
	AstDoc *doc;
	int rc = driver_load(path, &fo, &sink, &arena, &src, &doc);
	if (rc == EXIT_OK && doc->tool != TOOL_POWERCENTER) {
		diag_error(&sink, E_TOOL_UNSUPPORTED, (SrcLoc){NULL, 0, 0}, "'%s' is a %s file", path,
			   tool_name(doc->tool));
		rc = EXIT_INPUT;
	}
	if (rc == EXIT_OK) {
		IrDoc *d = ARENA_NEW(&arena, IrDoc);
		d->tool = tool_name(doc->tool);
		d->file = path;
		d->sha256 = sha256_hex(&arena, src.text, src.len);
		d->dialect = "postgres";
		d->generated_by = "akko-migrate " PACKAGE_VERSION;
		d->generated_at = generated_at(&arena, o);
		RulesOptions ro = {.dialect = o->dialect,
				   .null_compare = o->null_compare,
				   .sql_ok = sql_ok,
				   .sql_ok_ud = &arena};
		rules_lower_powercenter(&arena, doc, &ro, d, &sink);
		pc_orchestration(&arena, doc, d, &sink);
		ir_rollup(d); /* rounds the confidences the checks compare */
		for (uint32_t i = 0; i < d->pipelines.len; i++)
			checks_add_defaults(&arena, d->pipelines.items[i]);
		sbuf_reset(out);
		const char *err = NULL;
		if (!emit_yaml(d, out, &err)) {
			fprintf(stderr, "akko-migrate: internal error: %s: %s\n", path,
				err ? err : "YAML emitter failed");
			rc = EXIT_INTERNAL;
		} else {
			const char *written;
			rc = write_output(o, path, out, &written);
			const char *why = gate_reason(&arena, o, d);
			bool pass = why == NULL;
			if (!o->quiet || o->gate)
				fprintf(stderr,
					"%s: %u pipeline%s, %u node%s, confidence %.3f (min %.3f), %u "
					"warning%s, %u to "
					"review: gate %s%s%s\n",
					path, d->pipelines.len, d->pipelines.len == 1 ? "" : "s",
					d->nodes_count, d->nodes_count == 1 ? "" : "s", d->overall_confidence,
					d->min_confidence, d->warnings_count,
					d->warnings_count == 1 ? "" : "s", d->review_count,
					pass ? "pass" : "FAIL", pass ? "" : ": ", pass ? "" : why);
			if (o->json) {
				Sbuf j = SBUF_INIT;
				emit_summary_json(d, doc, written, pass, why, &j);
				fwrite(j.buf, 1, j.len, stdout);
				fflush(stdout);
				sbuf_release(&j);
			}
			if (rc == EXIT_OK && o->gate && !pass)
				rc = EXIT_GATE;
		}
	}
	if (rc == EXIT_INPUT)
		fprintf(stderr, "%s: %u error%s, %u warning%s; no output written\n", path, diag_errors(&sink),
			diag_errors(&sink) == 1 ? "" : "s", diag_warnings(&sink),
			diag_warnings(&sink) == 1 ? "" : "s");
	arena_release(&arena);
	srcfile_release(&src);
	return rc;
}

int driver_convert(const ConvertOptions *o, const char *const *files, size_t n)
{
	frontend_global_init();
	int worst = EXIT_OK;
	Sbuf out = SBUF_INIT;
	DiagRecords collect = {0};
	for (size_t i = 0; i < n; i++) {
		int rc = convert_one(o, files[i], &out, o->sarif ? &collect : NULL);
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
	sbuf_release(&out);
	arena_trim_cache();
	return worst;
}
