/* sqlcheck.c - one harmless SELECT, judged on PostgreSQL's parse tree
 * (src/validate).  libpg_query gives the tree as JSON; cJSON walks it.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <pg_query.h>

#include "base/str.h"
#include "validate/sqlcheck.h"

/* Functions the expression translator and the rule engine emit, in lower
 * case, sorted.  Anything else (pg_sleep, pg_read_file, dblink, set_config,
 * lo_import...) is refused.  The window functions are for the rule engine's
 * sequence_generator (row_number), sql_rank (rank, dense_rank) and
 * previous-row (lag) nodes, and lead for a row after the current one (an
 * Alteryx Multi-Row Formula); array_agg is FIRST/LAST in an Aggregator,
 * string_agg a concatenation and mode() the most frequent value (Alteryx
 * Summarize). */
static const char *const allowed[] = {
    "abs",
    "array_agg",
    "array_position",
    "array_to_string",
    "ascii",
    "avg",
    "btrim",
    "ceil",
    "char_length",
    "chr",
    "clock_timestamp",
    "concat",
    "convert_from",
    "convert_to",
    "cos",
    "cosh",
    "count",
    "current_setting",
    "date_trunc",
    "decode",
    "dense_rank",
    "encode",
    "exp",
    "extract",
    "first_value",
    "floor",
    "generate_series",
    "initcap",
    "lag",
    "lead",
    "left",
    "ln",
    "log",
    "lower",
    "lpad",
    "ltrim",
    "make_date",
    "make_interval",
    "make_timestamp",
    "max",
    "md5",
    "min",
    "mod",
    "mode",
    "ntile",
    "percentile_cont",
    "power",
    "random",
    "rank",
    "regexp_count",
    "regexp_instr",
    "regexp_match",
    "regexp_matches",
    "regexp_replace",
    "regexp_split_to_table",
    "regexp_substr",
    "repeat",
    "replace",
    "reverse",
    "round",
    "row_number",
    "rpad",
    "rtrim",
    "sign",
    "sin",
    "sinh",
    "split_part",
    "sqrt",
    "stddev_samp",
    "string_agg",
    "string_to_array",
    "strpos",
    "substr",
    "substring",
    "sum",
    "tan",
    "tanh",
    "timezone",
    "to_char",
    "to_hex",
    "to_timestamp",
    "translate",
    "trunc",
    "upper",
    "var_samp",
};

const char *const *sql_check_functions(size_t *n)
{
	*n = sizeof allowed / sizeof allowed[0];
	return allowed;
}

typedef struct Walk {
	Arena *a;
	SqlCheck *out;
} Walk;

static bool refuse(Walk *w, const cJSON *node, const char *fmt, const char *arg)
{
	if (w->out->ok) {
		w->out->ok = false;
		w->out->message = arena_sprintf(w->a, fmt, arg);
		const cJSON *loc = node ? cJSON_GetObjectItemCaseSensitive(node, "location") : NULL;
		w->out->offset = cJSON_IsNumber(loc) ? loc->valueint : -1;
	}
	return false;
}

static const char *sval(const cJSON *string_node)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(string_node, "String");
	const cJSON *v = s ? cJSON_GetObjectItemCaseSensitive(s, "sval") : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* FuncCall: a name on the allowlist, schema pg_catalog or none;
 * current_setting only reads 'akko.' settings. */
static bool check_call(Walk *w, const cJSON *call)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(call, "funcname");
	int n = cJSON_GetArraySize(names);
	const char *schema = n == 2 ? sval(cJSON_GetArrayItem(names, 0)) : NULL;
	const char *name = n >= 1 ? sval(cJSON_GetArrayItem(names, n - 1)) : NULL;
	if (!name || n > 2 || (schema && strcmp(schema, "pg_catalog") != 0))
		return refuse(w, call, "a call to '%s' is not allowed: only functions the translator emits",
			      name ? name : "?");
	if (!str_in_sorted(allowed, sizeof allowed / sizeof allowed[0], name))
		return refuse(w, call, "a call to '%s' is not allowed: only functions the translator emits",
			      name);
	if (strcmp(name, "current_setting") == 0) {
		const cJSON *args = cJSON_GetObjectItemCaseSensitive(call, "args");
		const cJSON *c =
		    cJSON_GetArraySize(args) == 1
			? cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(args, 0), "A_Const")
			: NULL;
		const cJSON *sv = c ? cJSON_GetObjectItemCaseSensitive(c, "sval") : NULL;
		const cJSON *v = sv ? cJSON_GetObjectItemCaseSensitive(sv, "sval") : NULL;
		if (!cJSON_IsString(v) || strncmp(v->valuestring, "akko.", 5) != 0)
			return refuse(w, call, "%s may read only 'akko.' run parameters", "current_setting");
		SqlSetting *st = ARENA_NEW(w->a, SqlSetting);
		st->name = arena_strdup(w->a, v->valuestring);
		const cJSON *loc = cJSON_GetObjectItemCaseSensitive(c, "location");
		st->offset = cJSON_IsNumber(loc) ? loc->valueint : -1;
		ptrvec_push(w->a, &w->out->settings, st);
	}
	return true;
}

static bool walk(Walk *w, const cJSON *node, bool top);

/* One JSON object: its key is the node type. */
static bool walk_node(Walk *w, const char *type, const cJSON *body, bool top)
{
	size_t n = strlen(type);
	if (n > 4 && strcmp(type + n - 4, "Stmt") == 0 && !(strcmp(type, "SelectStmt") == 0))
		return refuse(w, body, "a %s is not allowed: a SQL node is one SELECT", type);
	if (strcmp(type, "SelectStmt") == 0) {
		if (cJSON_GetObjectItemCaseSensitive(body, "intoClause"))
			return refuse(w, body, "%s is not allowed: it creates a table", "SELECT INTO");
		if (cJSON_GetObjectItemCaseSensitive(body, "lockingClause"))
			return refuse(w, body, "%s is not allowed", "FOR UPDATE/SHARE");
	}
	if (strcmp(type, "FuncCall") == 0 && !check_call(w, body))
		return false;
	if (strcmp(type, "RangeVar") == 0) {
		const cJSON *schema = cJSON_GetObjectItemCaseSensitive(body, "schemaname");
		const cJSON *rel = cJSON_GetObjectItemCaseSensitive(body, "relname");
		if ((cJSON_IsString(schema) && (strcmp(schema->valuestring, "pg_catalog") == 0 ||
						strcmp(schema->valuestring, "information_schema") == 0 ||
						strncmp(schema->valuestring, "pg_", 3) == 0)) ||
		    (cJSON_IsString(rel) && strncmp(rel->valuestring, "pg_", 3) == 0))
			return refuse(w, body, "reading '%s' is not allowed: it is a system catalog",
				      cJSON_IsString(rel) ? rel->valuestring : "?");
	}
	(void)top;
	return walk(w, body, false);
}

static bool walk(Walk *w, const cJSON *node, bool top)
{
	const cJSON *child;
	cJSON_ArrayForEach(child, node)
	{
		if (cJSON_IsObject(child) && child->string && child->string[0] >= 'A' &&
		    child->string[0] <= 'Z') {
			if (!walk_node(w, child->string, child, top))
				return false;
		} else if (cJSON_IsObject(child) || cJSON_IsArray(child)) {
			if (!walk(w, child, false))
				return false;
		}
	}
	return true;
}

/* cJSON's nodes for one statement come from a scratch arena and go all at
 * once: a corpus run built and freed about 100 of them per node SQL with
 * malloc.  The hooks are set only while one statement is read and walked
 * (the converter is single-threaded); nothing of the tree outlives it
 * (the walk copies what it keeps into the caller's arena). */
static _Thread_local Arena *json_arena;

static void *json_alloc(size_t n)
{
	return arena_alloc(json_arena, n);
}

static void json_free(void *p)
{
	(void)p;
}

static cJSON *parse_tree(Arena *scratch, const char *json)
{
	cJSON_Hooks arena_hooks = {json_alloc, json_free}, libc_hooks = {NULL, NULL};
	json_arena = scratch;
	cJSON_InitHooks(&arena_hooks);
	cJSON *tree = cJSON_Parse(json);
	cJSON_InitHooks(&libc_hooks);
	return tree;
}

void sql_check_select(Arena *a, const char *sql, SqlCheck *out)
{
	static _Thread_local bool sorted;
	for (size_t i = 1; !sorted && i < sizeof allowed / sizeof allowed[0]; i++)
		if (strcmp(allowed[i - 1], allowed[i]) >= 0)
			die("sqlcheck: the allowlist is not sorted at '%s'", allowed[i]);
	sorted = true;
	out->ok = true;
	out->message = NULL;
	out->offset = -1;
	out->settings = (PtrVec){0};
	Walk w = {a, out};
	PgQueryParseResult r = pg_query_parse(sql);
	if (r.error) {
		out->ok = false;
		out->message = arena_sprintf(a, "PostgreSQL does not parse it: %s", r.error->message);
		out->offset = r.error->cursorpos > 0 ? r.error->cursorpos - 1 : -1;
		pg_query_free_parse_result(r);
		return;
	}
	Arena scratch;
	arena_init(&scratch);
	cJSON *tree = parse_tree(&scratch, r.parse_tree);
	pg_query_free_parse_result(r);
	if (!tree) {
		arena_release(&scratch);
		refuse(&w, NULL, "%s", "the parse tree could not be read");
		return;
	}
	const cJSON *stmts = cJSON_GetObjectItemCaseSensitive(tree, "stmts");
	int n = cJSON_GetArraySize(stmts);
	if (n != 1) {
		refuse(&w, NULL, "%s",
		       n == 0 ? "there is no statement" : "several statements are not allowed");
	} else {
		const cJSON *stmt = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(stmts, 0), "stmt");
		const cJSON *sel = cJSON_GetObjectItemCaseSensitive(stmt, "SelectStmt");
		if (!sel)
			refuse(&w, NULL, "a %s is not allowed: a SQL node is one SELECT",
			       stmt && stmt->child && stmt->child->string ? stmt->child->string
									  : "statement");
		else
			walk_node(&w, "SelectStmt", sel, true);
	}
	arena_release(&scratch); /* the tree: cJSON_Delete would free node by node */
}
