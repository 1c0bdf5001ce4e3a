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
#include <pthread.h>
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
#include "base/strmap.h"
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

/* The validator's SQL check, handed to the rule engine.  A document's
 * nodes often print the same SQL (a mapplet used twice, a mapping's copies,
 * the same lookup relation): each text is parsed once per file. */
typedef struct SqlOk {
	Arena *a;
	StrMap seen; /* SQL text -> SqlVerdict */
} SqlOk;

/* A file converted unit by unit keeps one cache for all its units (units
 * often repeat each other's SQL), in an arena of its own that is emptied
 * between two units once it holds SQL_CACHE_MAX bytes: memory stays
 * bounded and a verdict never outlives the unit that may point to it. */
#define SQL_CACHE_MAX (16u << 20)

static void sql_cache_init(SqlOk *s, Arena *own)
{
	arena_init(own);
	s->a = own;
	strmap_init(&s->seen, own, false);
}

static void sql_cache_trim(SqlOk *s)
{
	if (s->a->total < SQL_CACHE_MAX)
		return;
	arena_release(s->a);
	strmap_init(&s->seen, s->a, false);
}

typedef struct SqlVerdict {
	bool ok;
	const char *why;
} SqlVerdict;

static bool sql_ok(void *ud, const char *sql, const char **why)
{
	SqlOk *s = ud;
	SqlVerdict *v = strmap_get(&s->seen, sql);
	if (!v) {
		SqlCheck c;
		sql_check_select(s->a, sql, &c);
		v = ARENA_NEW(s->a, SqlVerdict);
		v->ok = c.ok;
		v->why = c.message;
		strmap_put(&s->seen, arena_strdup(s->a, sql), v);
	}
	if (!v->ok)
		*why = v->why;
	return v->ok;
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

/* Lower and check a document (or a unit of one) into `d`, whose header
 * fields are set: the rules, the orchestration, the roll-up and the
 * quality checks. */
static void lower_doc(const ConvertOptions *o, Arena *arena, AstDoc *doc, IrDoc *d, SqlOk *checked,
		      DiagSink *sink)
{
	expr_parse_doc(doc); /* every expression parsed once, by its language */
	RulesOptions ro = {
	    .dialect = o->dialect, .null_compare = o->null_compare, .sql_ok = sql_ok, .sql_ok_ud = checked};
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
}

/* The IrDoc's header fields. */
static IrDoc *ir_head(const ConvertOptions *o, Arena *arena, Tool tool, const char *path, const char *sha256,
		      const SrcFile *src)
{
	IrDoc *d = ARENA_NEW(arena, IrDoc);
	d->tool = tool_name(tool);
	d->file = path;
	d->sha256 = sha256 ? sha256 : src ? sha256_hex(arena, src->text, src->len) : NULL;
	d->dialect = "postgres";
	d->generated_by = "akko-migrate " PACKAGE_VERSION;
	d->generated_at = generated_at(arena, o);
	return d;
}

/* After the output: the gate, the summary line and the exit code. */
static int conclude(const ConvertOptions *o, Arena *arena, const char *path, const char *out_path,
		    const IrDoc *d, SummaryParts *parts, int rc, ConvertOut *co)
{
	const char *why = gate_reason(arena, o, d);
	co->gate_pass = why == NULL;
	sbuf_addf(
	    &co->line,
	    "%s: %u pipeline%s, %u node%s, confidence %.3f (min %.3f), %u warning%s, %u to review: gate "
	    "%s%s%s\n",
	    path, d->pipelines_count, d->pipelines_count == 1 ? "" : "s", d->nodes_count,
	    d->nodes_count == 1 ? "" : "s", d->overall_confidence, d->min_confidence, d->warnings_count,
	    d->warnings_count == 1 ? "" : "s", d->review_count, co->gate_pass ? "pass" : "FAIL",
	    co->gate_pass ? "" : ": ", co->gate_pass ? "" : why);
	emit_summary_json_parts(d, parts, true, co->written ? out_path : NULL, co->gate_pass, why,
				&co->summary);
	if (rc == EXIT_OK && o->gate && !co->gate_pass)
		rc = EXIT_GATE;
	return rc;
}

/* Lower, check and emit a loaded document (the steps after driver_load). */
static int convert_doc(const ConvertOptions *o, const char *path, const char *out_path, const char *sha256,
		       Arena *arena, AstDoc *doc, const SrcFile *src, DiagSink *sink, ConvertOut *co)
{
	IrDoc *d = ir_head(o, arena, doc->tool, path, sha256, src);
	SqlOk checked = {.a = arena};
	strmap_init(&checked.seen, arena, false);
	lower_doc(o, arena, doc, d, &checked, sink);
	sbuf_reset(&co->yaml);
	const char *err = NULL;
	if (!emit_yaml(d, &co->yaml, &err)) {
		sbuf_addf(&co->errors, "akko-migrate: internal error: %s: %s\n", path,
			  err ? err : "YAML emitter failed");
		return EXIT_INTERNAL;
	}
	int rc = write_output(out_path, &co->yaml, co);
	SummaryParts parts;
	emit_summary_init(&parts, arena, doc->tool);
	emit_summary_add(&parts, d, doc);
	rc = conclude(o, arena, path, out_path, d, &parts, rc, co);
	emit_summary_release(&parts);
	return rc;
}

/* ---- a file converted unit by unit ------------------------------------------
 *
 * A frontend that reads a file in units (frontend_parse_units) hands each
 * over as a document of its own: it is lowered, its YAML items go to two
 * scratch files (pipelines, workflows) and its memory is freed.  What the
 * document's head needs from every unit (totals, ids to review, the JSON
 * summary's counts, fingerprint and objects) is kept; at the end the head
 * is written, then the scratch files, into the atomic output. */

/* A bulk worker has no LLM client of its own: one per file, made when the
 * file's lowering starts (its deadline counts from then). */
static void per_file_llm(const ConvertOptions *o, ConvertOptions *per_file)
{
	if (o->llm.enabled && !o->llm_client && !per_file->llm_client) {
		per_file->llm_client = llm_client_new(&o->llm, o->llm_budget);
		llm_client_set_deadline(per_file->llm_client, o->llm_file_ms);
	}
}

/* A lowered unit waiting for the emitter thread. */
typedef struct UnitJob {
	AstDoc *doc;
	IrDoc *ir;
	struct UnitJob *next;
} UnitJob;

typedef struct Units {
	const ConvertOptions *base; /* as given */
	ConvertOptions *o;          /* the file's (its LLM client) */
	DiagSink *sink;
	const IrDoc *head;
	IrTotals totals;
	uint32_t workflows;
	SqlOk checked; /* SQL verdicts, across units */
	Arena sql_arena;
	bool stopped;             /* errors in the input: read on for diagnostics only */
	unsigned lowering_errors; /* errors the rules reported (an expression that does not
				     parse): the output is still written, as for a whole document */
	/* The emitter thread's: it writes each lowered unit's YAML items and
	 * adds what the head needs, in unit order, while the main thread
	 * reads and lowers the next unit.  Emitting reports no diagnostic. */
	const SrcFile *src; /* its hash, when the caller has none: the emitter's first job */
	char sha256[65];
	Arena keep;    /* review ids, the summary's parts */
	PtrVec review; /* qualified ids of the nodes to review */
	SummaryParts summary;
	/* the pipelines' and the workflows' YAML items: in scratch files for a
	 * large input, in memory for a small one (its output is small, and
	 * creating and removing files per input costs more than the rest) */
	FILE *items[2];
	Sbuf mem[2];
	Sbuf buf;
	const char *failed; /* why a unit's YAML could not be made or kept */
	bool io_failed;     /* ... because a scratch file could not be written */
	/* the queue between the two */
	pthread_t thread;
	bool threaded;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	UnitJob *first, *last;
	UnitJob *emitted; /* units to free: by the main thread, whose arena cache reuses their chunks */
	unsigned queued;  /* jobs queued or being emitted */
	bool done;        /* no more jobs */
} Units;

/* Inputs smaller than this are emitted without a thread (the overlap would
 * not pay for the thread's start and its hand-overs) and into memory. */
#define UNITS_BIG (4u << 20)
/* Units lowered ahead of the emitter at most: memory stays bounded. */
#define UNITS_AHEAD 1

/* A scratch file beside `out_path` (or in TMPDIR for stdout), already
 * unlinked: gone when closed, whatever happens. */
static FILE *scratch_file(const char *out_path)
{
	const char *slash = strcmp(out_path, "-") ? strrchr(out_path, '/') : NULL;
	const char *tmp = getenv("TMPDIR");
	Sbuf t = SBUF_INIT;
	if (slash)
		sbuf_addf(&t, "%.*s/.akko-items-XXXXXX", (int)(slash - out_path), out_path);
	else if (strcmp(out_path, "-") != 0)
		sbuf_adds(&t, ".akko-items-XXXXXX");
	else
		sbuf_addf(&t, "%s/akko-items-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(t.buf);
	FILE *fp = NULL;
	if (fd >= 0) {
		unlink(t.buf);
		fp = fdopen(fd, "w+");
		if (!fp)
			close(fd);
	}
	sbuf_release(&t);
	return fp;
}

/* Emitter side: the unit's YAML items to the scratch files, what the head
 * needs kept; then the unit is freed.  A failure is left in *failed (and
 * *io) for the caller to record. */
static void emit_unit(Units *u, AstDoc *doc, IrDoc *d, const char **failed, bool *io)
{
	emit_yaml_review_ids(&u->keep, d, &u->review);
	emit_summary_add(&u->summary, d, doc);
	const char *err = NULL;
	for (int i = 0; i < 2 && !*failed; i++) {
		sbuf_reset(&u->buf);
		if (!(i == 0 ? emit_yaml_pipelines(d, &u->buf, &err) : emit_yaml_workflows(d, &u->buf, &err)))
			*failed = err ? err : "YAML emitter failed";
		else if (!u->items[i])
			sbuf_add(&u->mem[i], u->buf.buf, u->buf.len);
		else if (fwrite(u->buf.buf, 1, u->buf.len, u->items[i]) != u->buf.len) {
			*failed = strerror(errno);
			*io = true;
		}
	}
}

static void *emitter_thread(void *arg)
{
	Units *u = arg;
	if (u->src)
		driver_sha256_hex(u->src->text, u->src->len, u->sha256);
	pthread_mutex_lock(&u->mu);
	for (;;) {
		while (!u->first && !u->done)
			pthread_cond_wait(&u->cv, &u->mu);
		UnitJob *j = u->first;
		if (!j)
			break;
		u->first = j->next;
		const char *failed = u->failed;
		bool io = false;
		pthread_mutex_unlock(&u->mu);
		if (!failed) /* after a failure the units are only freed */
			emit_unit(u, j->doc, j->ir, &failed, &io);
		pthread_mutex_lock(&u->mu);
		if (failed && !u->failed) {
			u->failed = failed;
			u->io_failed = io;
		}
		j->next = u->emitted;
		u->emitted = j;
		u->queued--;
		pthread_cond_broadcast(&u->cv);
	}
	pthread_mutex_unlock(&u->mu);
	arena_trim_cache(); /* the units' chunks this thread kept */
	return NULL;
}

/* Main side: wait until at most `n` units are queued or being emitted. */
static void wait_queued(Units *u, unsigned n)
{
	if (!u->threaded)
		return;
	pthread_mutex_lock(&u->mu);
	while (u->queued > n)
		pthread_cond_wait(&u->cv, &u->mu);
	pthread_mutex_unlock(&u->mu);
}

/* Main side: free the units the emitter is done with; true when it failed. */
static bool collect_emitted(Units *u)
{
	pthread_mutex_lock(&u->mu);
	UnitJob *j = u->emitted;
	u->emitted = NULL;
	bool f = u->failed != NULL;
	pthread_mutex_unlock(&u->mu);
	while (j) {
		UnitJob *next = j->next; /* j lives in its unit */
		frontend_unit_free(j->doc);
		j = next;
	}
	return f;
}

static bool convert_unit(void *ud, AstDoc *doc)
{
	Units *u = ud;
	if (collect_emitted(u) || u->stopped || diag_errors(u->sink) > u->lowering_errors) {
		u->stopped = true; /* as driver_load: input errors, no lowering */
		frontend_unit_free(doc);
		return true;
	}
	Arena *a = doc->arena;
	IrDoc *d = ARENA_NEW(a, IrDoc);
	*d = *u->head;
	unsigned before = diag_errors(u->sink);
	per_file_llm(u->base, u->o);
	if (u->checked.a->total >= SQL_CACHE_MAX)
		wait_queued(u, 0); /* queued units may point to verdicts */
	sql_cache_trim(&u->checked);
	if (doc->whole) /* the objects units share: parsed once, in the whole's arena */
		expr_parse_doc((AstDoc *)doc->whole);
	lower_doc(u->o, a, doc, d, &u->checked, u->sink);
	u->lowering_errors += diag_errors(u->sink) - before;
	ir_totals_add(&u->totals, d);
	u->workflows += d->workflows.len;
	if (!u->threaded) {
		emit_unit(u, doc, d, &u->failed, &u->io_failed);
		frontend_unit_free(doc);
		return !u->failed;
	}
	UnitJob *j = ARENA_NEW(a, UnitJob);
	j->doc = doc;
	j->ir = d;
	pthread_mutex_lock(&u->mu);
	while (u->queued >= UNITS_AHEAD)
		pthread_cond_wait(&u->cv, &u->mu);
	if (u->last && u->first)
		u->last->next = j;
	else
		u->first = j;
	u->last = j;
	u->queued++;
	pthread_cond_broadcast(&u->cv);
	bool ok = !u->failed;
	pthread_mutex_unlock(&u->mu);
	return ok;
}

/* No more units: let the emitter finish. */
static void emitter_stop(Units *u)
{
	if (!u->threaded)
		return;
	pthread_mutex_lock(&u->mu);
	u->done = true;
	pthread_cond_broadcast(&u->cv);
	pthread_mutex_unlock(&u->mu);
	pthread_join(u->thread, NULL);
	u->threaded = false;
	collect_emitted(u);
}

/* Append the items (a scratch file's, or `mem`) to the output. */
static void copy_items(FILE *from, const Sbuf *mem, AtomicFile *to)
{
	if (!from) {
		afile_write(to, mem->buf, mem->len);
		return;
	}
	char buf[64 * 1024];
	rewind(from);
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		afile_write(to, buf, n);
	if (ferror(from))
		to->failed = true;
}

static int write_units(Units *u, IrDoc *d, const char *out_path, ConvertOut *co)
{
	Sbuf head = SBUF_INIT;
	const char *err = NULL;
	if (!emit_yaml_head(d, &u->review, &head, &err)) {
		sbuf_addf(&co->errors, "akko-migrate: internal error: %s: %s\n", d->file,
			  err ? err : "YAML emitter failed");
		sbuf_release(&head);
		return EXIT_INTERNAL;
	}
	AtomicFile af;
	bool ok = afile_open(&af, out_path, &err);
	if (ok) {
		const char *pipes = d->pipelines_count ? "pipelines:\n" : "pipelines: []\n";
		const char *flows =
		    u->workflows ? "orchestration:\n  workflows:\n" : "orchestration:\n  workflows: []\n";
		afile_write(&af, head.buf, head.len);
		afile_write(&af, pipes, strlen(pipes));
		copy_items(u->items[0], &u->mem[0], &af);
		afile_write(&af, flows, strlen(flows));
		copy_items(u->items[1], &u->mem[1], &af);
		ok = afile_commit(&af, &err);
	}
	sbuf_release(&head);
	if (!ok) {
		sbuf_addf(&co->errors, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n",
			  out_path, err, diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
		return EXIT_IO;
	}
	co->written = true;
	return EXIT_OK;
}

static int convert_units(const ConvertOptions *base, ConvertOptions *o, const char *path,
			 const char *out_path, const char *sha256, Arena *arena, SrcFile *src, Tool tool,
			 DiagSink *sink, ConvertOut *co)
{
	Units u = {.base = base, .o = o, .sink = sink, .totals = IR_TOTALS_INIT, .buf = SBUF_INIT};
	/* the hash is the head's only: the emitter thread computes it while the
	 * first unit is read (the units' IrDocs never print it) */
	IrDoc *d = ir_head(o, arena, tool, path, sha256, NULL);
	u.src = sha256 ? NULL : src;
	u.head = d;
	sql_cache_init(&u.checked, &u.sql_arena);
	arena_init(&u.keep);
	emit_summary_init(&u.summary, &u.keep, tool);
	pthread_mutex_init(&u.mu, NULL);
	pthread_cond_init(&u.cv, NULL);
	bool big = src->len >= UNITS_BIG;
	for (int i = 0; i < 2; i++) {
		u.mem[i] = (Sbuf)SBUF_INIT;
		u.items[i] = big ? scratch_file(out_path) : NULL;
	}
	int rc = EXIT_OK;
	if (big && (!u.items[0] || !u.items[1])) {
		sbuf_addf(&co->errors, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n",
			  out_path, strerror(errno), diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
		rc = EXIT_IO;
	} else {
		/* without a thread (a small file, or none could be started), each
		 * unit is emitted as soon as it is lowered */
		u.threaded = big && pthread_create(&u.thread, NULL, emitter_thread, &u) == 0;
		if (!u.threaded && u.src)
			driver_sha256_hex(src->text, src->len, u.sha256);
		bool read = frontend_parse_units(arena, src, sink, convert_unit, &u);
		emitter_stop(&u);
		if (u.src)
			d->sha256 = arena_strdup(arena, u.sha256);
		if (u.io_failed) {
			sbuf_addf(&co->errors,
				  "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n", out_path,
				  u.failed, diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
			rc = EXIT_IO;
		} else if (u.failed) {
			sbuf_addf(&co->errors, "akko-migrate: internal error: %s: %s\n", path, u.failed);
			rc = EXIT_INTERNAL;
		} else if (!read || diag_errors(sink) > u.lowering_errors) {
			rc = EXIT_INPUT;
		} else {
			ir_totals_set(&u.totals, d);
			rc = write_units(&u, d, out_path, co);
			if (rc == EXIT_OK || rc == EXIT_IO)
				rc = conclude(o, arena, path, out_path, d, &u.summary, rc, co);
		}
	}
	for (int i = 0; i < 2; i++) {
		if (u.items[i])
			fclose(u.items[i]);
		sbuf_release(&u.mem[i]);
	}
	pthread_mutex_destroy(&u.mu);
	pthread_cond_destroy(&u.cv);
	sbuf_release(&u.buf);
	arena_release(&u.sql_arena);
	emit_summary_release(&u.summary);
	arena_release(&u.keep);
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
	FrontendOptions fo = {o->param_files, o->n_param_files, o->include_dirs, o->n_include_dirs, 0};
	/* AKKO_UNITS=whole / =units: read every file whole, or unit by unit
	 * whatever its size when its tool can (HACKING.md; tests compare the two) */
	const char *units_env = getenv("AKKO_UNITS");
	if (units_env)
		fo.units = strcmp(units_env, "whole") == 0 ? -1 : strcmp(units_env, "units") == 0 ? 1 : 0;
	ConvertOptions per_file = *o; /* its LLM client is made when lowering starts */
	AstDoc *doc = NULL;
	int rc;
	Tool units = TOOL_UNKNOWN;
	arena_init(&arena);
	const char *err;
	if (!srcfile_read(&src, path, &err)) {
		diag_error(sink, E_IO_READ, (SrcLoc){NULL, 0, 0}, "cannot read '%s': %s", path, err);
		rc = EXIT_IO;
	} else if ((units = frontend_units_tool(&src, &fo)) != TOOL_UNKNOWN && tool_rules(units)->converts) {
		/* read, lowered and written unit by unit: memory follows the
		 * largest unit, not the file */
		rc = convert_units(o, &per_file, path, out_path ? out_path : "-", sha256, &arena, &src, units,
				   sink, co);
	} else {
		bool io_error = false;
		doc = frontend_parse(&arena, &src, &fo, sink, &io_error);
		rc = io_error ? EXIT_IO : !doc || diag_errors(sink) ? EXIT_INPUT : EXIT_OK;
	}
	if (doc && rc == EXIT_OK && !tool_rules(doc->tool)->converts) {
		/* The frontend read it (see `inspect`), but no rules convert the
		 * tool yet: a pipeline of placeholders would look like a result,
		 * so refuse. */
		diag_error(sink, E_TOOL_UNSUPPORTED, (SrcLoc){NULL, 0, 0},
			   "'%s' is a %s file: it is read ('akko-migrate inspect' shows it), but %s "
			   "conversion rules are not implemented yet",
			   path, tool_name(doc->tool), tool_name(doc->tool));
		rc = EXIT_INPUT;
	}
	if (doc && rc == EXIT_OK) {
		per_file_llm(o, &per_file);
		rc = convert_doc(&per_file, path, out_path ? out_path : "-", sha256, &arena, doc, &src, sink,
				 co);
	}
	if (per_file.llm_client != o->llm_client)
		llm_client_free(per_file.llm_client);
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
