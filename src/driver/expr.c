/* expr.c - the `expr` command: one expression from the command
 * line, or every expression of job exports, translated to SQL
 * (src/driver).
 */
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/str.h"
#include "driver/driver.h"
#include "expr/dialect.h"
#include "expr/lang.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "parsers/frontend.h"
#include "validate/sqlcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one expression ------------------------------------------------------------- */

typedef struct TypeList {
	ExprBinding *items;
	size_t n;
} TypeList;

static const ExprBinding *resolve_typed(void *ud, BindKind what, const char *name)
{
	const TypeList *t = ud;
	if (what == BIND_LOOKUP)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (ascii_ieq(t->items[i].name, name) &&
		    (t->items[i].kind == BIND_PARAM) == (what == BIND_PARAM))
			return &t->items[i];
	if (what == BIND_PARAM && name[0] == '$' && name[1] != '$') {
		static ExprBinding session = {.kind = BIND_PARAM, .type = XT_STRING, .declared = true};
		session.name = name;
		return &session;
	}
	return NULL;
}

/* A variable of the SSIS kind, "@[User::X]" or "@X": its name as the
 * parser keeps it ("User::X", "X"). */
static char *variable_name(char *tok)
{
	tok++;
	size_t n = strlen(tok);
	if (tok[0] == '[' && n > 1 && tok[n - 1] == ']') {
		tok[n - 1] = 0;
		tok++;
	}
	return tok;
}

/* "A=integer,B=string,$$P=date,@[User::V]=DT_I4" -> bindings; false on a
 * bad entry.  TYPE is a neutral type or a type name of the language. */
static bool parse_types(Arena *a, const Language *lang, const char *spec, TypeList *out)
{
	size_t cap = 1;
	for (const char *p = spec; *p; p++)
		cap += *p == ',';
	out->items = ARENA_NEWN(a, ExprBinding, cap);
	out->n = 0;
	char *copy = arena_strdup(a, spec), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		ExprType t;
		if (!eq || eq == tok ||
		    !(expr_type_parse(eq + 1, &t) || (lang->type_named && lang->type_named(eq + 1, &t)))) {
			fprintf(
			    stderr,
			    "akko-migrate: error: bad --types entry '%s'; write NAME=TYPE with TYPE one of "
			    "string, integer, bigint, decimal, double, date, boolean, time%s\n",
			    tok,
			    lang->type_named ? " or a type name of the language (DT_I4, DT_WSTR...)" : "");
			return false;
		}
		*eq = 0;
		ExprBinding *b = &out->items[out->n++];
		size_t len = strlen(tok);
		bool hashed = tok[0] == '#' && len > 2 && tok[len - 1] == '#'; /* DataStage #PARAM# */
		b->kind = tok[0] == '$' || tok[0] == '@' || hashed ? BIND_PARAM : BIND_COLUMN;
		b->name = tok[0] == '@' ? variable_name(tok) : tok;
		if (hashed) {
			tok[len - 1] = 0;
			b->name = tok + 1;
		}
		b->type = t;
		b->declared = true;
	}
	return true;
}

static void json_issues(Sbuf *b, const ExprResult *r)
{
	sbuf_adds(b, "[");
	for (uint32_t i = 0; i < r->issues.len; i++) {
		const ExprIssue *is = r->issues.items[i];
		sbuf_addf(b,
			  "%s{\"code\": \"%s\", \"severity\": \"%s\", \"offset\": %u, \"length\": %u, "
			  "\"message\": ",
			  i ? ", " : "", diag_code_str(is->code),
			  diag_severity_name(diag_code_severity(is->code)), is->off, is->len);
		sbuf_add_json_string(b, is->msg, strlen(is->msg));
		sbuf_adds(b, "}");
	}
	sbuf_adds(b, "]");
}

/* The validator's verdict on the translation as a SQL node would carry
 * it: NULL when it passes. */
static const char *check_translation(Arena *a, const ExprResult *r)
{
	if (!r->sql)
		return NULL;
	SqlCheck c;
	sql_check_select(a, arena_sprintf(a, "SELECT %s AS v FROM t", r->sql), &c);
	return c.ok ? NULL : c.message;
}

static void json_result(Sbuf *b, const ExprResult *r, const char *check)
{
	sbuf_adds(b, "\"sql\": ");
	if (r->sql)
		sbuf_add_json_string(b, r->sql, strlen(r->sql));
	else
		sbuf_adds(b, "null");
	sbuf_addf(b, ", \"type\": \"%s\", \"confidence\": %.2f, \"unsupported\": %s, \"sql_check\": ",
		  expr_type_name(r->type), r->confidence, r->unsupported ? "true" : "false");
	if (check)
		sbuf_add_json_string(b, check, strlen(check));
	else
		sbuf_adds(b, "null");
	sbuf_adds(b, ", \"warnings\": ");
	json_issues(b, r);
}

int driver_expr(const ExprOptions *o, const char *text)
{
	Arena a;
	arena_init(&a);
	TypeList types = {0};
	const Language *lang = o->lang ? o->lang : expr_language(LANG_POWERCENTER);
	if (o->types && !parse_types(&a, lang, o->types, &types)) {
		arena_release(&a);
		return EXIT_USAGE;
	}
	ExprEnv env = {
	    .lang = lang,
	    .dialect = o->dialect,
	    .null_compare = o->null_compare,
	    .condition = o->condition,
	    .aggregates = true,
	    .free_names = o->types == NULL,
	    .resolve = resolve_typed,
	    .ud = &types,
	};
	ExprResult r;
	expr_translate(&a, &env, text, strlen(text), &r);
	DiagSink sink;
	diag_init(&sink, stderr);
	SrcFile cmdline = {.path = "<expression>"};
	for (uint32_t i = 0; i < r.issues.len; i++)
		expr_issue_emit(&sink, r.issues.items[i], text, (SrcLoc){&cmdline, 0, 0}, NULL);
	if (o->json) {
		Sbuf b = SBUF_INIT;
		sbuf_adds(&b, "{");
		json_result(&b, &r, check_translation(&a, &r));
		sbuf_adds(&b, "}\n");
		fwrite(b.buf, 1, b.len, stdout);
		sbuf_release(&b);
	} else if (r.sql) {
		printf("%s\n", r.sql);
	}
	int rc = r.sql ? EXIT_OK : EXIT_INPUT;
	if (!r.sql)
		fprintf(stderr, "akko-migrate: the expression was not translated%s\n",
			r.unsupported && !r.errors ? ": it uses a construct that has no SQL translation"
						   : "");
	arena_release(&a);
	return fflush(stdout) == 0 ? rc : EXIT_IO;
}

/* ---- every expression of job exports -------------------------------------------- */

typedef struct FileRun {
	const ExprOptions *o;
	Arena *arena;
	const char *path;
	DiagSink *sink;
	Sbuf out;
	ExprStats *stats;
} FileRun;

static void json_columns(Sbuf *b, const PtrVec *cols, const Dialect *d)
{
	sbuf_adds(b, "[");
	for (uint32_t i = 0; i < cols->len; i++) {
		const JobColumn *c = cols->items[i];
		sbuf_adds(b, i ? ", [" : "[");
		sbuf_add_json_string(b, c->name, strlen(c->name));
		sbuf_addf(b, ", \"%s\"]", d->type_name[c->type]);
	}
	sbuf_adds(b, "]");
}

static void on_expr(void *ud, const JobExpr *je)
{
	FileRun *f = ud;
	const ExprResult *r = &je->res;
	const Dialect *d = f->o->dialect ? f->o->dialect : &dialect_postgres;
	ExprStats *s = f->stats;
	s->total++;
	s->parsed += r->tree != NULL;
	s->translated += r->sql != NULL;
	s->unsupported += r->unsupported && r->tree && !r->errors;
	s->failed += r->errors > 0;
	s->confidence_sum += r->confidence;
	if (!f->o->quiet)
		for (uint32_t i = 0; i < r->issues.len; i++)
			expr_issue_emit(f->sink, r->issues.items[i], je->src->text, je->src->loc,
					je->context);
	Sbuf *b = &f->out;
	if (f->o->json) {
		sbuf_adds(b, "{\"file\": ");
		sbuf_add_json_string(b, f->path, strlen(f->path));
		sbuf_addf(b, ", \"line\": %u, \"flow\": ", je->src->loc.line);
		if (je->flow)
			sbuf_add_json_string(b, je->flow, strlen(je->flow));
		else
			sbuf_adds(b, "null");
		sbuf_adds(b, ", \"step\": ");
		if (je->step)
			sbuf_add_json_string(b, je->step, strlen(je->step));
		else
			sbuf_adds(b, "null");
		sbuf_adds(b, ", \"what\": ");
		sbuf_add_json_string(b, je->what, strlen(je->what));
		sbuf_adds(b, ", \"text\": ");
		sbuf_add_json_string(b, je->src->text, strlen(je->src->text));
		sbuf_addf(b, ", \"parsed\": %s, ", r->tree ? "true" : "false");
		const char *check = check_translation(f->arena, r);
		s->check_failed += check != NULL;
		json_result(b, r, check);
		sbuf_adds(b, ", \"columns\": ");
		json_columns(b, &je->columns, d);
		sbuf_adds(b, ", \"relations\": [");
		for (uint32_t i = 0; i < je->relations.len; i++) {
			const JobRelation *rel = je->relations.items[i];
			sbuf_adds(b, i ? ", {\"name\": " : "{\"name\": ");
			sbuf_add_json_string(b, rel->name, strlen(rel->name));
			sbuf_adds(b, ", \"columns\": ");
			json_columns(b, &rel->columns, d);
			sbuf_adds(b, "}");
		}
		sbuf_adds(b, "]}\n");
	} else {
		sbuf_addf(b, "%s:%u: %s%s%s: %s\n", f->path, je->src->loc.line, je->step ? je->step : "",
			  je->step ? " " : "", je->what,
			  r->sql    ? r->sql
			  : r->tree ? "(not translated)"
				    : "(does not parse)");
	}
	if (b->len > 1 << 16) {
		fwrite(b->buf, 1, b->len, stdout);
		sbuf_reset(b);
	}
}

static int expr_file(const ExprOptions *o, const char *path, ExprStats *stats)
{
	DiagSink sink, fsink;
	diag_init(&sink, stderr);
	sink.quiet_notes = true;
	diag_init(&fsink, o->quiet ? NULL : stderr);
	SrcFile src;
	Arena arena;
	FrontendOptions fo = {0};
	AstDoc *doc;
	int rc = driver_load(path, &fo, &fsink, &arena, &src, &doc);
	if (rc == EXIT_OK) {
		FileRun f = {o, &arena, path, &sink, SBUF_INIT, stats};
		/* the rows come from relation "t": the corpus check reads them
		 * from (VALUES ...) AS t(...) */
		JobExprOptions jo = {o->dialect, o->null_compare, "t"};
		job_exprs(&arena, doc, &jo, on_expr, &f);
		fwrite(f.out.buf, 1, f.out.len, stdout);
		sbuf_release(&f.out);
	} else {
		fprintf(stderr, "%s: the job export %s; its expressions were not translated\n", path,
			rc == EXIT_IO ? "could not be read" : "has errors");
		stats->files_failed++;
	}
	arena_release(&arena);
	srcfile_release(&src);
	return rc;
}

int driver_expr_files(const ExprOptions *o, const char *const *files, size_t n, ExprStats *stats)
{
	frontend_global_init();
	int worst = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		int rc = expr_file(o, files[i], stats);
		if (rc == EXIT_IO || (rc == EXIT_INPUT && worst == EXIT_OK))
			worst = rc;
	}
	double pct = stats->total ? 100.0 * stats->translated / stats->total : 0;
	fprintf(stderr,
		"%zu expressions: %zu parse, %zu translated (%.1f%%), %zu unsupported, %zu with errors; "
		"mean confidence %.3f%s\n",
		stats->total, stats->parsed, stats->translated, pct, stats->unsupported, stats->failed,
		stats->total ? stats->confidence_sum / (double)stats->total : 0.0,
		!o->json              ? ""
		: stats->check_failed ? "; SOME TRANSLATIONS FAIL THE SQL CHECK"
				      : "; every translation passes the SQL check");
	arena_trim_cache();
	return fflush(stdout) == 0 ? worst : EXIT_IO;
}
