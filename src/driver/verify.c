/* verify.c - the verify command (src/driver): run the quality checks of the
 * pipelines whose data is in the file (source_inline nodes) in a
 * PostgreSQL server, and say per check: pass, fail, error or not runnable.
 *
 * A check is runnable when its node and every ancestor read only rows
 * written in the job: no source_table, source_file, pushdown run at the
 * source, placeholder or run parameter, and the composed statement names
 * no relation but its own CTEs (libpg_query).  The statements go to the
 * psql program (libpq is not a dependency of the project), on stdin, one
 * read-only transaction per pipeline that is rolled back (docs/verify.md).
 */
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/sbuf.h"
#include "base/srcfile.h"
#include "base/util.h"
#include "driver/driver.h"
#include "expr/dialect.h"
#include "validate/pipeline.h"
#include "validate/sqlcheck.h"
#include "validate/sqlrefs.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NULL_LIMIT_DEFAULT 0.1  /* null_percentage without a threshold: the compiler's */
#define CONNECT_TIMEOUT_S  "10" /* PGCONNECT_TIMEOUT when the environment sets none */
#define MARK               "akko-verify:"

typedef enum VStatus { VS_PASS, VS_FAIL, VS_ERROR, VS_SKIP } VStatus;

static const char *const status_text[] = {"PASS", "FAIL", "ERROR", "SKIP"};
static const char *const status_json[] = {"pass", "fail", "error", "not_runnable"};

/* One check of the run: the plan, then the outcome. */
typedef struct VCheck {
	const ValPipeline *p;
	const ValCheck *c;
	VStatus status;
	const char *message; /* what to print (arena) */
	const char *exec;    /* runnable: the statement psql runs (arena) */
	Sbuf out;            /* runnable: psql's output lines for it */
	long long rows;      /* row_count: the count; -1 when not counted */
} VCheck;

/* ---- the statement of a check ----------------------------------------- */

static const char *ident(Arena *a, const char *name)
{
	return sqlgen_ident(a, &dialect_postgres, name);
}

/* `<node>.<col>, ...` for the columns cols (const char *). */
static void add_columns(Arena *a, Sbuf *sb, const char *node, const PtrVec *cols)
{
	for (uint32_t i = 0; i < cols->len; i++)
		sbuf_addf(sb, "%s%s.%s", i ? ", " : "", node, ident(a, cols->items[i]));
}

/* Why checks of this type never run here, or NULL. */
static const char *never_runnable(CheckType t)
{
	if (t == CHECK_SCHEMA)
		return "needs the target table: a schema_validation compares the node's columns with the "
		       "table it writes, which verify does not read";
	if (t == CHECK_RECONCILE)
		return "needs the legacy run's output to compare row by row, which the file does not hold";
	return NULL;
}

/* The SELECT over the node that measures a row_count, null_percentage or
 * duplicate check (docs/verify.md gives its columns); NULL with *why. */
static const char *measure_sql(Arena *a, const ValCheck *c, const char **why)
{
	const ValNode *n = c->node;
	const char *id = ident(a, n->id);
	Sbuf sb = SBUF_INIT;
	PtrVec one = {0};
	const PtrVec *cols = &n->columns;
	/* count(<node>.*), not count(*): the whole row makes PostgreSQL compute
	 * every column, so a row the sink's load would fail on fails the check */
	switch (c->type) {
	case CHECK_ROW_COUNT: sbuf_addf(&sb, "SELECT count(%s.*) AS rows FROM %s", id, id); break;
	case CHECK_NULL_PERCENTAGE:
		if (c->column) {
			ptrvec_push(a, &one, (void *)c->column);
			cols = &one;
		}
		sbuf_addf(&sb, "SELECT count(%s.*) AS rows", id);
		for (uint32_t i = 0; i < cols->len; i++)
			sbuf_addf(&sb, ", count(%s.*) - count(%s.%s) AS %s", id, id, ident(a, cols->items[i]),
				  ident(a, cols->items[i]));
		sbuf_addf(&sb, " FROM %s", id);
		break;
	case CHECK_DUPLICATE:
		/* GROUP BY () when there is no column: all rows are one group */
		sbuf_addf(
		    &sb,
		    "SELECT count(*) AS keys, coalesce(sum(d.n), 0) AS rows FROM (SELECT count(%s.*) AS n "
		    "FROM %s GROUP BY ",
		    id, id);
		cols = c->keys.len ? &c->keys : &n->columns;
		add_columns(a, &sb, id, cols);
		sbuf_addf(&sb, "%s HAVING count(%s.*) > 1) AS d", cols->len ? "" : "()", id);
		break;
	case CHECK_ASSERTION: sbuf_adds(&sb, c->sql ? c->sql : ""); break;
	case CHECK_SCHEMA:
	case CHECK_RECONCILE: *why = never_runnable(c->type); break;
	default: *why = "unknown check type"; break;
	}
	const char *sql = *why ? NULL : arena_strdup(a, sb.buf);
	sbuf_release(&sb);
	return sql;
}

bool verify_check_statement(Arena *a, const ValPipeline *p, const ValCheck *c, Sbuf *out, const char **why)
{
	*why = NULL;
	if (!c->type_known || !c->node) {
		*why = !c->type_known ? "unknown check type" : "its node is not a node of the pipeline";
		return false;
	}
	const char *sql = measure_sql(a, c, why);
	if (!sql)
		return false;
	const ValNode *blocker = NULL;
	if (pipeline_compose_over(a, p, c->node, sql, out, &blocker))
		return true;
	*why = arena_sprintf(a, "node '%s' has no SQL (%s)", blocker ? blocker->id : c->node->id,
			     blocker && blocker->type_known ? node_type_name(blocker->type) : "?");
	return false;
}

/* ---- runnable? ----------------------------------------------------------- */

/* Why a node's rows are not in the file, or NULL when they may be. */
static const char *not_inline(Arena *a, const ValNode *n)
{
	if (!n->type_known)
		return arena_sprintf(a, "node '%s' has an unknown type", n->id);
	switch (n->type) {
	case NODE_SOURCE_TABLE:
		return arena_sprintf(
		    a, "node '%s' is a source_table: it reads table '%s' of a source connection", n->id,
		    n->table ? n->table : "?");
	case NODE_SOURCE_FILE:
		return arena_sprintf(a,
				     "node '%s' is a source_file: the runner loads file data into table '%s'",
				     n->id, n->table ? n->table : "?");
	case NODE_PLACEHOLDER:
		return arena_sprintf(a, "node '%s' is a placeholder: it was not converted and has no SQL",
				     n->id);
	default: break;
	}
	if (n->at_source)
		return arena_sprintf(a, "node '%s' has source_sql: its query runs at the source database",
				     n->id);
	if (!n->sql)
		return arena_sprintf(a, "node '%s' has no SQL", n->id);
	return NULL;
}

/* The node and its ancestors in file order: the first that is not inline
 * data says why the check is not runnable. */
static const char *ancestors_not_inline(Arena *a, const ValPipeline *p, const ValNode *node)
{
	uint32_t at;
	bool *mark = pipeline_ancestors(p, node, &at);
	if (!mark)
		return "its node is not a node of the pipeline";
	const char *why = NULL;
	for (uint32_t i = 0; i <= at && !why; i++)
		if (mark[i])
			why = not_inline(a, p->nodes.items[i]);
	free(mark);
	return why;
}

/* The identifier at sql[off...] (a relation name in a message). */
static const char *name_at(Arena *a, const char *sql, int off)
{
	if (off < 0 || (size_t)off >= strlen(sql))
		return "?";
	size_t len = strspn(sql + off, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.\"$");
	return len ? arena_strndup(a, sql + off, len) : "?";
}

/* The composed statement reads nothing but its CTEs and no run parameter:
 * NULL, or why not. */
static const char *statement_not_inline(Arena *a, const char *stmt)
{
	SqlCheck sc;
	sql_check_select(a, stmt, &sc);
	if (!sc.ok)
		return arena_sprintf(a, "the composed statement is refused: %s", sc.message);
	if (sc.settings.len)
		return arena_sprintf(a,
				     "reads run parameter '%s' (current_setting), which verify does not set",
				     ((const SqlSetting *)sc.settings.items[0])->name);
	SqlRefs r;
	sql_check_refs(a, stmt, NULL, 0, &r);
	if (r.kind == SQLREF_RELATION)
		return arena_sprintf(a,
				     "the composed statement reads relation '%s', which is not a node of the "
				     "pipeline",
				     name_at(a, stmt, r.offset));
	return NULL; /* a column the walker doubts: PostgreSQL will say */
}

/* What psql runs for a runnable check: the statement, or for an assertion
 * one row (count, true?, false?) that tells the cases apart. */
static const char *exec_sql(Arena *a, const ValCheck *c, const char *stmt)
{
	if (c->type != CHECK_ASSERTION)
		return arena_strdup(a, stmt);
	return arena_sprintf(
	    a,
	    "SELECT count(*), coalesce(bool_or(r.v IS TRUE), false), coalesce(bool_or(r.v IS "
	    "FALSE), false) FROM (\n%s\n) AS r(v)",
	    stmt);
}

static void plan(Arena *a, VCheck *v)
{
	const ValCheck *c = v->c;
	const char *why = NULL;
	v->out = (Sbuf)SBUF_INIT;
	v->rows = -1;
	v->status = VS_SKIP;
	if (!c->type_known || !c->node) {
		v->message = !c->type_known ? "(not runnable: unknown check type)"
					    : "(not runnable: its node is not in the pipeline)";
		return;
	}
	Sbuf stmt = SBUF_INIT;
	if (!(why = never_runnable(c->type)) && !(why = ancestors_not_inline(a, v->p, c->node)) &&
	    verify_check_statement(a, v->p, c, &stmt, &why) && !(why = statement_not_inline(a, stmt.buf))) {
		v->exec = exec_sql(a, c, stmt.buf);
		v->status = VS_PASS; /* until run */
	} else {
		v->message = arena_sprintf(a, "(not runnable: %s)", why ? why : "?");
	}
	sbuf_release(&stmt);
}

/* ---- psql ------------------------------------------------------------------ */

typedef struct Psql {
	const char *path;     /* the program */
	const char *conninfo; /* its -d argument */
	unsigned timeout_s;   /* statement_timeout */
} Psql;

/* The psql program: `given`, or "psql" on PATH; NULL when there is none. */
static char *find_psql(const char *given)
{
	if (given)
		return access(given, X_OK) == 0 ? xstrdup(given) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	Sbuf sb = SBUF_INIT;
	for (const char *p = path; p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		sbuf_reset(&sb);
		if (len)
			sbuf_add(&sb, p, len);
		else
			sbuf_addch(&sb, '.'); /* an empty PATH entry is the current directory */
		sbuf_adds(&sb, "/psql");
		if (access(sb.buf, X_OK) == 0)
			return sbuf_detach(&sb, NULL);
		p = colon ? colon + 1 : NULL;
	}
	sbuf_release(&sb);
	return NULL;
}

static bool slurp(FILE *f, Sbuf *out)
{
	char buf[8192];
	size_t got;
	rewind(f);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(out, buf, got);
	return !ferror(f);
}

/* Run psql with `script` on stdin; its stdout and stderr into out and err.
 * Returns its exit status, 128+N for a signal, -1 when it could not be
 * started (err says why).  Files, not pipes, hold its input and output, so
 * nothing can block; a run longer than `limit_s` is killed. */
static int psql_run(const Psql *ps, const char *script, unsigned limit_s, Sbuf *out, Sbuf *err)
{
	FILE *in = tmpfile(), *fo = tmpfile(), *fe = tmpfile();
	int rc = -1;
	if (!in || !fo || !fe || fputs(script, in) == EOF || fflush(in) != 0) {
		sbuf_addf(err, "cannot create a temporary file: %s", strerror(errno));
		goto done;
	}
	rewind(in);
	const char *argv[] = {
	    ps->path,          "-X", "-A",         "-t", "-q", "-v", "ON_ERROR_STOP=1", "-v",
	    "VERBOSITY=terse", "-d", ps->conninfo, NULL};
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		sbuf_addf(err, "cannot start psql: %s", strerror(errno));
		goto done;
	}
	if (pid == 0) {
		if (dup2(fileno(in), 0) < 0 || dup2(fileno(fo), 1) < 0 || dup2(fileno(fe), 2) < 0)
			_exit(126);
		setenv("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_S, 0);
		execv(ps->path, (char *const *)argv);
		dprintf(2, "akko-verify-exec: %s\n", strerror(errno));
		_exit(127);
	}
	int st = 0;
	struct timespec tick = {0, 20 * 1000 * 1000};
	unsigned long waited_ms = 0;
	pid_t w;
	while ((w = waitpid(pid, &st, WNOHANG)) == 0) {
		if (waited_ms >= limit_s * 1000UL) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			sbuf_addf(err, "psql did not finish within %u s and was stopped\n", limit_s);
			w = pid;
			break;
		}
		nanosleep(&tick, NULL);
		waited_ms += 20;
	}
	if (w < 0) {
		sbuf_addf(err, "waiting for psql failed: %s", strerror(errno));
		goto done;
	}
	slurp(fo, out);
	slurp(fe, err);
	rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	const char *exec_err = strstr(err->buf, "akko-verify-exec: ");
	if (rc == 127 && exec_err) {
		char *why = xstrdup(exec_err + 18);
		sbuf_reset(err);
		sbuf_addf(err, "cannot execute '%s': %s", ps->path, why);
		free(why);
		rc = -1;
	}
done:
	if (in)
		fclose(in);
	if (fo)
		fclose(fo);
	if (fe)
		fclose(fe);
	return rc;
}

/* What went wrong, from psql's stderr: the first ERROR or FATAL line
 * without psql's "psql:<stdin>:N: " prefix, else its first line. */
static const char *psql_message(Arena *a, const char *err)
{
	const char *best = NULL;
	for (const char *line = err; *line && !best;) {
		size_t len = strcspn(line, "\n");
		for (const char *k = line; k < line + len && !best; k++)
			if (strncmp(k, "ERROR:", 6) == 0 || strncmp(k, "FATAL:", 6) == 0)
				best = k + 6;
		line += len + (line[len] == '\n');
	}
	if (!best)
		best = strncmp(err, "psql: error: ", 13) == 0 ? err + 13 : err;
	while (*best == ' ')
		best++;
	size_t len = strcspn(best, "\n");
	/* terse verbosity still appends the error's position in the statement */
	const char *at = strstr(best, " at character ");
	size_t digits = at ? strspn(at + 14, "0123456789") : 0;
	if (at && (size_t)(at - best) < len && digits && strchr("\n", at[14 + digits]))
		len = (size_t)(at - best);
	return len ? arena_strndup(a, best, len) : "psql failed without a message";
}

/* ---- one pipeline in PostgreSQL ------------------------------------------- */

/* The script for checks[from..n) that are runnable: markers and statements
 * in one read-only transaction, rolled back. */
static void build_script(const Psql *ps, VCheck *checks, size_t from, size_t n, Sbuf *sb)
{
	sbuf_adds(sb, "BEGIN READ ONLY;\n");
	sbuf_addf(sb, "SET LOCAL statement_timeout = '%us';\n", ps->timeout_s);
	sbuf_adds(sb, "SET LOCAL search_path = pg_catalog;\nSET LOCAL timezone = 'UTC';\n"
		      "SET LOCAL datestyle = 'ISO, MDY';\n");
	for (size_t i = from; i < n; i++) {
		if (!checks[i].exec)
			continue;
		sbuf_addf(sb, "\\echo " MARK "%zu\n%s\n;\n", i, checks[i].exec);
	}
	sbuf_adds(sb, "ROLLBACK;\n");
}

/* Sort psql's output lines to the checks by the markers; returns the index
 * of the last marker seen, or (size_t)-1. */
static size_t split_output(VCheck *checks, size_t n, const char *out)
{
	size_t cur = (size_t)-1;
	for (const char *line = out; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len > strlen(MARK) && strncmp(line, MARK, strlen(MARK)) == 0) {
			size_t k = strtoul(line + strlen(MARK), NULL, 10);
			cur = k < n ? k : cur;
		} else if (cur != (size_t)-1) {
			sbuf_add(&checks[cur].out, line, len);
			sbuf_addch(&checks[cur].out, '\n');
		}
		line = nl ? nl + 1 : line + len;
	}
	return cur;
}

/* The n numbers of the one line psql printed ("a|b|c"); false when the
 * output is not one such line. */
static bool parse_row(const Sbuf *out, long long *v, size_t n, char *flags)
{
	const char *s = out->buf;
	const char *nl = strchr(s, '\n');
	if (!nl || nl[1])
		return false;
	for (size_t i = 0; i < n; i++) {
		char *end;
		if (flags && i > 0) { /* booleans: t or f */
			if ((*s != 't' && *s != 'f') || (s[1] != '|' && s[1] != '\n'))
				return false;
			flags[i] = *s;
			end = (char *)s + 1;
		} else {
			errno = 0;
			v[i] = strtoll(s, &end, 10);
			if (end == s || errno)
				return false;
		}
		if (*end != (i + 1 < n ? '|' : '\n'))
			return false;
		s = end + 1;
	}
	return true;
}

static void judge_assertion(Arena *a, VCheck *v)
{
	long long n[3];
	char flags[3] = {0};
	const char *what = v->c->message ? v->c->message : "assertion failed";
	if (!parse_row(&v->out, n, 3, flags)) {
		v->status = VS_ERROR;
		v->message = arena_sprintf(a, "unexpected output from psql: %s", v->out.buf);
	} else if (n[0] > 1) {
		v->status = VS_ERROR;
		v->message = arena_sprintf(a, "the assertion's SELECT returned %lld rows, not one", n[0]);
	} else if (n[0] == 1 && flags[1] == 't') {
		v->status = VS_PASS;
		v->message = v->c->message ? arena_sprintf(a, "holds: %s", v->c->message) : "holds";
	} else {
		v->status = VS_FAIL;
		v->message = arena_sprintf(a, "%s (the assertion is %s)", what,
					   n[0] == 0         ? "NULL: its SELECT returned no row"
					   : flags[2] == 't' ? "false"
							     : "NULL");
	}
}

static void judge_nulls(Arena *a, VCheck *v)
{
	const ValCheck *c = v->c;
	uint32_t ncols = c->column ? 1 : c->node->columns.len;
	long long *n = ARENA_NEWN(a, long long, ncols + 1);
	double limit = c->has_threshold ? c->threshold : NULL_LIMIT_DEFAULT;
	if (!parse_row(&v->out, n, ncols + 1, NULL)) {
		v->status = VS_ERROR;
		v->message = arena_sprintf(a, "unexpected output from psql: %s", v->out.buf);
		return;
	}
	if (n[0] == 0 || ncols == 0) {
		v->status = VS_PASS;
		v->message = n[0] == 0 ? "no rows, so no NULLs" : "the node has no columns";
		return;
	}
	uint32_t worst = 0; /* the first of the columns with the most NULLs */
	for (uint32_t i = 1; i < ncols; i++)
		if (n[i + 1] > n[worst + 1])
			worst = i;
	long long nulls = n[worst + 1];
	v->status = (double)nulls <= limit * (double)n[0] + 1e-9 ? VS_PASS : VS_FAIL;
	v->message = arena_sprintf(a, "%s '%s': %lld of %lld rows NULL (%.1f%%), limit %.1f%%",
				   ncols > 1 ? "worst column" : "column",
				   c->column ? c->column : (const char *)c->node->columns.items[worst], nulls,
				   n[0], 100.0 * (double)nulls / (double)n[0], 100.0 * limit);
}

static void judge(Arena *a, VCheck *v)
{
	long long n[2];
	switch (v->c->type) {
	case CHECK_ASSERTION: judge_assertion(a, v); return;
	case CHECK_NULL_PERCENTAGE: judge_nulls(a, v); return;
	case CHECK_ROW_COUNT:
		if (!parse_row(&v->out, n, 1, NULL))
			break;
		v->rows = n[0];
		v->status = n[0] > 0 ? VS_PASS : VS_FAIL;
		v->message = n[0] > 0 ? arena_sprintf(a, "%lld row%s", n[0], n[0] == 1 ? "" : "s")
				      : "no rows: the node received none";
		return;
	case CHECK_DUPLICATE:
		if (!parse_row(&v->out, n, 2, NULL))
			break;
		v->status = n[0] == 0 ? VS_PASS : VS_FAIL;
		v->message = n[0] == 0 ? "no duplicate rows"
				       : arena_sprintf(a, "%lld key%s more than once (%lld rows)", n[0],
						       n[0] == 1 ? " occurs" : "s occur", n[1]);
		return;
	default: break;
	}
	v->status = VS_ERROR;
	v->message = arena_sprintf(a, "unexpected output from psql: %s", v->out.buf);
}

/* Run the runnable checks of one pipeline (checks[0..n)): one psql session
 * and transaction, and after a statement error a new one for the checks
 * after it.  EXIT_OK, or EXIT_DATABASE when psql or the server failed
 * (reported on stderr). */
static int run_pipeline(Arena *a, const Psql *ps, const char *file, VCheck *checks, size_t n)
{
	size_t from = 0;
	while (from < n) {
		size_t todo = 0;
		for (size_t i = from; i < n; i++)
			todo += checks[i].exec != NULL;
		if (!todo)
			break;
		Sbuf script = SBUF_INIT, out = SBUF_INIT, err = SBUF_INIT;
		build_script(ps, checks, from, n, &script);
		int rc = psql_run(ps, script.buf, ps->timeout_s * (unsigned)(todo + 1) + 30, &out, &err);
		size_t last = split_output(checks, n, out.buf);
		sbuf_release(&script);
		if (rc == 0 || rc == 3) {
			size_t end = rc == 0 ? n : last == (size_t)-1 ? from : last;
			for (size_t i = from; i < end; i++)
				if (checks[i].exec)
					judge(a, &checks[i]);
			if (rc == 3 && last == (size_t)-1) { /* the transaction's setup failed */
				for (size_t i = from; i < n; i++)
					if (checks[i].exec)
						checks[i].status = VS_ERROR,
						checks[i].message = psql_message(a, err.buf);
				end = n;
			} else if (rc == 3) {
				checks[last].status = VS_ERROR;
				checks[last].message = psql_message(a, err.buf);
				end = last + 1;
			}
			from = end;
			sbuf_release(&out);
			sbuf_release(&err);
			continue;
		}
		fprintf(stderr, "akko-migrate: error: %s: %s: %s\n", file,
			rc < 0 ? "cannot run psql" : "PostgreSQL could not be used",
			psql_message(a, err.buf));
		fprintf(
		    stderr, "  hint: %s\n",
		    rc < 0
			? "psql is PostgreSQL's client (Debian: postgresql-client); name it with --psql PATH"
			: "check --pg / AKKO_PG (a libpq connection string such as 'host=/tmp port=5432 "
			  "dbname=postgres' or a postgresql:// URI) and that the server is running");
		sbuf_release(&out);
		sbuf_release(&err);
		return EXIT_DATABASE;
	}
	return EXIT_OK;
}

/* ---- report -------------------------------------------------------------- */

typedef struct Tally {
	size_t n[4];      /* by VStatus */
	size_t pipelines; /* with at least one check */
} Tally;

static void print_text(const VCheck *checks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const VCheck *v = &checks[i];
		printf("%-5s %s/%s  %s\n", status_text[v->status], v->p->name ? v->p->name : "?",
		       v->c->id ? v->c->id : "?", v->message ? v->message : "");
	}
}

static void json_str(Sbuf *sb, const char *key, const char *s)
{
	sbuf_addf(sb, ",\"%s\":", key);
	if (s)
		sbuf_add_json_string(sb, s, strlen(s));
	else
		sbuf_adds(sb, "null");
}

static void print_json(const char *file, const VCheck *checks, size_t n, const Tally *t)
{
	Sbuf sb = SBUF_INIT;
	sbuf_adds(&sb, "{\"file\":");
	sbuf_add_json_string(&sb, file, strlen(file));
	sbuf_adds(&sb, ",\"checks\":[");
	for (size_t i = 0; i < n; i++) {
		const VCheck *v = &checks[i];
		sbuf_adds(&sb, i ? ",{\"pipeline\":" : "{\"pipeline\":");
		sbuf_add_json_string(&sb, v->p->name ? v->p->name : "", v->p->name ? strlen(v->p->name) : 0);
		json_str(&sb, "id", v->c->id);
		json_str(&sb, "type", v->c->type_known ? check_type_name(v->c->type) : NULL);
		json_str(&sb, "node", v->c->node ? v->c->node->id : NULL);
		json_str(&sb, "status", status_json[v->status]);
		json_str(&sb, "message", v->message);
		if (v->rows >= 0)
			sbuf_addf(&sb, ",\"rows\":%lld", v->rows);
		sbuf_addch(&sb, '}');
	}
	sbuf_addf(&sb,
		  "],\"summary\":{\"pipelines\":%zu,\"checks\":%zu,\"pass\":%zu,\"fail\":%zu,\"error\":%zu,"
		  "\"not_runnable\":%zu}}\n",
		  t->pipelines, n, t->n[VS_PASS], t->n[VS_FAIL], t->n[VS_ERROR], t->n[VS_SKIP]);
	fwrite(sb.buf, 1, sb.len, stdout);
	sbuf_release(&sb);
}

/* ---- the command ----------------------------------------------------------- */

/* The checks of the pipelines `o` selects, planned; *found tells whether
 * --pipeline named one. */
static VCheck *plan_file(Arena *a, const VerifyOptions *o, const ValResult *r, size_t *n, bool *found)
{
	size_t total = 0;
	for (uint32_t i = 0; i < r->pipelines.len; i++)
		total += ((const ValPipeline *)r->pipelines.items[i])->checks.len;
	VCheck *checks = ARENA_NEWN(a, VCheck, total + 1);
	*n = 0;
	for (uint32_t i = 0; i < r->pipelines.len; i++) {
		const ValPipeline *p = r->pipelines.items[i];
		if (o->pipeline && (!p->name || strcmp(p->name, o->pipeline) != 0))
			continue;
		*found = true;
		for (uint32_t k = 0; k < p->checks.len; k++) {
			VCheck *v = &checks[(*n)++];
			v->p = p;
			v->c = p->checks.items[k];
			plan(a, v);
		}
	}
	return checks;
}

/* Verify one loaded, valid file: EXIT_OK, EXIT_CHECK_FAIL,
 * EXIT_NOTHING_RUN, EXIT_DATABASE or EXIT_USAGE. */
static int verify_file(Arena *a, const VerifyOptions *o, const Psql *ps, const char *file, const ValResult *r,
		       Tally *all)
{
	size_t n = 0, runnable = 0;
	bool found = false;
	VCheck *checks = plan_file(a, o, r, &n, &found);
	if (o->pipeline && !found) {
		fprintf(stderr, "akko-migrate: error: no pipeline '%s' in '%s'\n", o->pipeline, file);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++)
		runnable += checks[i].exec != NULL;
	if (runnable && !ps->path) {
		fprintf(stderr,
			"akko-migrate: error: %s: psql not found: verify runs its statements through "
			"the psql program\n",
			file);
		fprintf(stderr, "  hint: install it (Debian: apt-get install postgresql-client) or give "
				"--psql PATH\n");
		return EXIT_DATABASE;
	}
	int rc = EXIT_OK;
	for (size_t i = 0; i < n && rc == EXIT_OK;) {
		size_t j = i;
		while (j < n && checks[j].p == checks[i].p)
			j++;
		rc = run_pipeline(a, ps, file, checks + i, j - i);
		i = j;
	}
	if (rc == EXIT_OK) {
		Tally t = {0};
		for (size_t i = 0; i < n; i++) {
			t.n[checks[i].status]++;
			t.pipelines += i == 0 || checks[i].p != checks[i - 1].p;
			all->n[checks[i].status]++;
		}
		all->pipelines += t.pipelines;
		if (o->json)
			print_json(file, checks, n, &t);
		else
			print_text(checks, n);
	}
	for (size_t i = 0; i < n; i++)
		sbuf_release(&checks[i].out);
	return rc;
}

int driver_verify(const VerifyOptions *o, const char *const *files, size_t nfiles)
{
	char *psql = find_psql(o->psql);
	if (o->psql && !psql) {
		fprintf(stderr, "akko-migrate: error: --psql '%s' is not an executable program\n", o->psql);
		return EXIT_DATABASE;
	}
	Psql ps = {psql, o->conninfo ? o->conninfo : "", o->timeout_s};
	Tally all = {0};
	int worst = EXIT_OK;
	for (size_t i = 0; i < nfiles && worst != EXIT_DATABASE && worst != EXIT_USAGE; i++) {
		SrcFile src = {0};
		Arena arena;
		ValResult r;
		arena_init(&arena);
		int rc = driver_load_pipeline_yaml(files[i], false, &src, &arena, &r);
		if (rc == EXIT_INPUT) {
			driver_report_invalid(&src, &r, 50);
			fprintf(stderr, "%s: not verified\n", files[i]);
		}
		if (rc == EXIT_OK) {
			if (!o->json && nfiles > 1)
				printf("== %s\n", files[i]);
			rc = verify_file(&arena, o, &ps, files[i], &r, &all);
		}
		if (rc != EXIT_IO)
			srcfile_release(&src);
		arena_release(&arena);
		if (rc == EXIT_DATABASE || rc == EXIT_USAGE || rc == EXIT_IO ||
		    (rc == EXIT_INPUT && worst != EXIT_IO))
			worst = rc;
	}
	free(psql);
	size_t total = all.n[VS_PASS] + all.n[VS_FAIL] + all.n[VS_ERROR] + all.n[VS_SKIP];
	size_t ran = all.n[VS_PASS] + all.n[VS_FAIL];
	if (worst == EXIT_OK || worst == EXIT_INPUT || worst == EXIT_IO) {
		if (!o->json)
			printf(
			    "verify: %zu check%s in %zu pipeline%s: %zu passed, %zu failed, %zu error%s, %zu "
			    "not runnable\n",
			    total, total == 1 ? "" : "s", all.pipelines, all.pipelines == 1 ? "" : "s",
			    all.n[VS_PASS], all.n[VS_FAIL], all.n[VS_ERROR], all.n[VS_ERROR] == 1 ? "" : "s",
			    all.n[VS_SKIP]);
	}
	fflush(stdout);
	arena_trim_cache();
	if (worst != EXIT_OK)
		return worst;
	if (all.n[VS_FAIL] || all.n[VS_ERROR])
		return EXIT_CHECK_FAIL;
	return ran ? EXIT_OK : EXIT_NOTHING_RUN;
}
