/* validate.c - the validate and compose commands (src/driver).
 * Each file is read, validated by src/validate/pipeline.c and reported as
 * located diagnostics (or JSON); compose then prints the WITH statement of
 * each sink of a valid file.
 */
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/sbuf.h"
#include "base/srcfile.h"
#include "driver/driver.h"
#include "validate/pipeline.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void driver_report_invalid(SrcFile *src, const ValResult *r, unsigned max_errors)
{
	DiagSink sink;
	diag_init(&sink, stderr);
	sink.max_errors = max_errors;
	for (uint32_t i = 0; i < r->errors.len; i++) {
		const ValError *e = r->errors.items[i];
		Diag d = {.code = e->code, .loc = {src, e->line, e->col}, .span = e->span};
		diag_emit(&sink, &d, "%s", e->message);
	}
	fprintf(stderr, "%s: %u error%s%s; not valid\n", src->path, r->errors.len,
		r->errors.len == 1 ? "" : "s", r->truncated ? " (more not counted)" : "");
}

static void report_json(const char *path, const ValResult *r, const char *io_error)
{
	Sbuf sb = SBUF_INIT;
	sbuf_adds(&sb, "{\"file\":");
	sbuf_add_json_string(&sb, path, strlen(path));
	sbuf_addf(&sb, ",\"valid\":%s,\"errors\":[", !io_error && r->errors.len == 0 ? "true" : "false");
	if (io_error) {
		sbuf_addf(&sb,
			  "{\"line\":0,\"col\":0,\"code\":\"%s\",\"message\":", diag_code_str(E_IO_READ));
		sbuf_add_json_string(&sb, io_error, strlen(io_error));
		sbuf_addch(&sb, '}');
	}
	for (uint32_t i = 0; r && i < r->errors.len; i++) {
		const ValError *e = r->errors.items[i];
		sbuf_addf(&sb, "%s{\"line\":%u,\"col\":%u,\"code\":\"%s\",\"message\":", i ? "," : "",
			  e->line, e->col, diag_code_str(e->code));
		sbuf_add_json_string(&sb, e->message, strlen(e->message));
		sbuf_addch(&sb, '}');
	}
	sbuf_adds(&sb, "]}\n");
	fwrite(sb.buf, 1, sb.len, stdout);
	sbuf_release(&sb);
}

int driver_load_pipeline_yaml(const char *path, bool json, SrcFile *src, Arena *arena, ValResult *r)
{
	const char *err;
	if (!srcfile_read(src, path, &err)) {
		if (json) {
			report_json(path, NULL, arena_sprintf(arena, "cannot read '%s': %s", path, err));
		} else {
			DiagSink sink;
			diag_init(&sink, stderr);
			diag_error(&sink, E_IO_READ, SRCLOC_NONE, "cannot read '%s': %s", path, err);
		}
		return EXIT_IO;
	}
	pipeline_validate(arena, src->text, src->len, r);
	return r->errors.len ? EXIT_INPUT : EXIT_OK;
}

int driver_validate(const ValidateOptions *o, const char *const *files, size_t n)
{
	int worst = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		SrcFile src = {0};
		Arena arena;
		ValResult r;
		arena_init(&arena);
		int rc = driver_load_pipeline_yaml(files[i], o->json, &src, &arena, &r);
		if (rc != EXIT_IO) {
			if (o->json) {
				report_json(files[i], &r, NULL);
			} else if (rc == EXIT_INPUT) {
				driver_report_invalid(&src, &r, o->max_errors);
			} else if (!o->quiet) {
				uint32_t nodes = 0;
				for (uint32_t p = 0; p < r.pipelines.len; p++)
					nodes += ((ValPipeline *)r.pipelines.items[p])->nodes.len;
				printf("%s: valid (%u pipeline%s, %u node%s)\n", files[i], r.pipelines.len,
				       r.pipelines.len == 1 ? "" : "s", nodes, nodes == 1 ? "" : "s");
			}
			srcfile_release(&src);
		}
		arena_release(&arena);
		if (rc == EXIT_IO || (rc == EXIT_INPUT && worst == EXIT_OK))
			worst = rc;
	}
	fflush(stdout);
	arena_trim_cache();
	return worst;
}

static int compose_error(const char *fmt, const char *a, const char *b)
{
	fputs("akko-migrate: error: ", stderr);
	fprintf(stderr, fmt, a, b);
	fputs("\n  hint: 'akko-migrate validate FILE' lists the pipelines; sinks are sink_table and "
	      "sink_file nodes\n",
	      stderr);
	return EXIT_USAGE;
}

/* One sink: its statement, or an E0716 diagnostic. */
static int compose_one(Arena *a, SrcFile *src, const ValPipeline *p, const ValNode *sink, bool header)
{
	Sbuf sb = SBUF_INIT;
	const ValNode *blocker = NULL;
	int rc = EXIT_OK;
	if (pipeline_compose(a, p, sink, &sb, &blocker)) {
		if (header)
			printf("-- pipeline: %s sink: %s\n", p->name ? p->name : "?", sink->id);
		printf("%s;\n", sb.buf);
	} else {
		DiagSink ds;
		diag_init(&ds, stderr);
		diag_error(&ds, E_VAL_COMPOSE, (SrcLoc){src, sink->line, sink->col},
			   "'%s' cannot be composed: %s '%s' has no SQL", sink->id,
			   blocker ? "its ancestor" : "the node", blocker ? blocker->id : sink->id);
		rc = EXIT_INPUT;
	}
	sbuf_release(&sb);
	return rc;
}

/* One variable update: its statement, or an E0716 diagnostic. */
static int compose_update(Arena *a, SrcFile *src, const ValPipeline *p, const ValVarUpdate *u, bool header)
{
	Sbuf sb = SBUF_INIT;
	const ValNode *blocker = NULL;
	int rc = EXIT_OK;
	if (pipeline_compose_update(a, p, u, &sb, &blocker)) {
		if (header)
			printf("-- pipeline: %s variable: %s\n", p->name ? p->name : "?", u->variable);
		printf("%s;\n", sb.buf);
	} else {
		DiagSink ds;
		diag_init(&ds, stderr);
		diag_error(&ds, E_VAL_COMPOSE, (SrcLoc){src, u->line, u->col},
			   "variable update '%s' cannot be composed: %s '%s' has no SQL", u->variable,
			   blocker && blocker != u->node ? "its node's ancestor" : "its node",
			   blocker ? blocker->id : "?");
		rc = EXIT_INPUT;
	}
	sbuf_release(&sb);
	return rc;
}

/* The update of `variable` (any case) in the pipelines `o` selects. */
static int find_update(const ComposeOptions *o, const ValResult *r, const ValPipeline **owner,
		       const ValVarUpdate **found)
{
	for (uint32_t i = 0; i < r->pipelines.len; i++) {
		const ValPipeline *p = r->pipelines.items[i];
		if (o->pipeline && strcmp(p->name, o->pipeline) != 0)
			continue;
		for (uint32_t k = 0; k < p->var_updates.len; k++) {
			const ValVarUpdate *u = p->var_updates.items[k];
			if (!u->variable || strcasecmp(u->variable, o->variable) != 0)
				continue;
			if (*found)
				return compose_error("variable '%s' is updated in several places; name the "
						     "pipeline with --pipeline%s",
						     o->variable, "");
			*found = u;
			*owner = p;
		}
	}
	return *found ? EXIT_OK
		      : compose_error("no update of variable '%s' in %s", o->variable,
				      o->pipeline ? "that pipeline" : "the file");
}

/* --check ID: the statement of that quality check, or why it has none. */
static int compose_check(Arena *a, SrcFile *src, const ComposeOptions *o, const ValResult *r)
{
	const ValPipeline *owner = NULL;
	const ValCheck *found = NULL;
	for (uint32_t i = 0; i < r->pipelines.len; i++) {
		const ValPipeline *p = r->pipelines.items[i];
		if (o->pipeline && strcmp(p->name, o->pipeline) != 0)
			continue;
		for (uint32_t k = 0; k < p->checks.len; k++) {
			const ValCheck *c = p->checks.items[k];
			if (!c->id || strcmp(c->id, o->check) != 0)
				continue;
			if (found)
				return compose_error(
				    "quality check '%s' is in several pipelines; name one with "
				    "--pipeline%s",
				    o->check, "");
			found = c;
			owner = p;
		}
	}
	if (!found)
		return compose_error("no quality check '%s' in %s", o->check,
				     o->pipeline ? "that pipeline" : "the file");
	Sbuf sb = SBUF_INIT;
	const char *why = NULL;
	int rc = EXIT_OK;
	if (verify_check_statement(a, owner, found, &sb, &why)) {
		printf("%s;\n", sb.buf);
	} else {
		DiagSink ds;
		diag_init(&ds, stderr);
		diag_error(&ds, E_VAL_COMPOSE, (SrcLoc){src, found->line, found->col},
			   "quality check '%s' has no statement: %s", found->id, why);
		rc = EXIT_INPUT;
	}
	sbuf_release(&sb);
	return rc;
}

int driver_compose(const ComposeOptions *o, const char *file)
{
	SrcFile src = {0};
	Arena arena;
	ValResult r;
	arena_init(&arena);
	int rc = driver_load_pipeline_yaml(file, false, &src, &arena, &r);
	if (rc == EXIT_INPUT) {
		driver_report_invalid(&src, &r, 50);
		fprintf(stderr, "%s: nothing composed\n", file);
	}
	bool found_pipeline = false;
	const ValPipeline *owner = NULL;
	const ValNode *sink = NULL;
	for (uint32_t i = 0; rc == EXIT_OK && i < r.pipelines.len; i++) {
		const ValPipeline *p = r.pipelines.items[i];
		if (o->pipeline && strcmp(p->name, o->pipeline) != 0)
			continue;
		found_pipeline = true;
		for (uint32_t k = 0; o->sink && k < p->nodes.len; k++) {
			const ValNode *n = p->nodes.items[k];
			if (strcmp(n->id, o->sink) != 0)
				continue;
			if (sink)
				rc = compose_error(
				    "node '%s' is in several pipelines; name one with --pipeline%s", o->sink,
				    "");
			sink = n;
			owner = p;
		}
	}
	if (rc == EXIT_OK && o->pipeline && !found_pipeline)
		rc = compose_error("no pipeline '%s' in '%s'", o->pipeline, file);
	else if (rc == EXIT_OK && o->sink && !sink)
		rc = compose_error("no node '%s' in %s", o->sink, o->pipeline ? "that pipeline" : "the file");
	const ValVarUpdate *upd = NULL;
	if (rc == EXIT_OK && o->variable && (!o->pipeline || found_pipeline))
		rc = find_update(o, &r, &owner, &upd);
	if (rc == EXIT_OK && o->check && (!o->pipeline || found_pipeline)) {
		rc = compose_check(&arena, &src, o, &r);
	} else if (rc == EXIT_OK && sink) {
		rc = compose_one(&arena, &src, owner, sink, false);
	} else if (rc == EXIT_OK && upd) {
		rc = compose_update(&arena, &src, owner, upd, false);
	} else if (rc == EXIT_OK) {
		for (uint32_t i = 0; i < r.pipelines.len; i++) {
			const ValPipeline *p = r.pipelines.items[i];
			if (o->pipeline && strcmp(p->name, o->pipeline) != 0)
				continue;
			for (uint32_t k = 0; k < p->nodes.len; k++)
				if (val_node_is_sink(p->nodes.items[k]) &&
				    compose_one(&arena, &src, p, p->nodes.items[k], true) != EXIT_OK)
					rc = EXIT_INPUT;
			for (uint32_t k = 0; k < p->var_updates.len; k++)
				if (compose_update(&arena, &src, p, p->var_updates.items[k], true) != EXIT_OK)
					rc = EXIT_INPUT;
		}
	}
	fflush(stdout);
	if (rc != EXIT_IO)
		srcfile_release(&src);
	arena_release(&arena);
	return rc;
}
