/* sqlrefs.c - relations and columns a SELECT reads, checked on
 * libpg_query's JSON parse tree (src/validate).  See sqlrefs.h for the
 * rules; everything here errs on the side of accepting when a relation's
 * columns cannot be known.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <pg_query.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "validate/sqlrefs.h"

typedef struct Rel {
	const char *name; /* alias or relation name; NULL for an unnamed item */
	PtrVec cols;      /* const char * */
	bool known;       /* cols is the complete list */
} Rel;

typedef struct Scope {
	struct Scope *parent;
	PtrVec rels;    /* Rel *: this SELECT's FROM items */
	PtrVec ctes;    /* Rel *: CTEs of this SELECT's WITH */
	PtrVec outputs; /* const char *: select-list names */
} Scope;

typedef struct Refs {
	Arena *a;
	const SqlInput *in;
	size_t nin;
	SqlRefs *out;
} Refs;

static const cJSON *get(const cJSON *o, const char *key)
{
	return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *sval(const cJSON *string_node)
{
	const cJSON *v = get(get(string_node, "String"), "sval");
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int location(const cJSON *o)
{
	const cJSON *l = get(o, "location");
	return cJSON_IsNumber(l) ? l->valueint : -1;
}

static bool failed(const Refs *r)
{
	return r->out->kind != SQLREF_OK;
}

static void refuse(Refs *r, SqlRefKind kind, int offset, const char *message)
{
	if (failed(r))
		return;
	r->out->kind = kind;
	r->out->message = message;
	r->out->offset = offset;
}

static bool has_col(const Rel *rel, const char *col)
{
	for (uint32_t i = 0; i < rel->cols.len; i++)
		if (strcmp(rel->cols.items[i], col) == 0)
			return true;
	return false;
}

/* "a, b, c" (at most 8, then "...") */
static const char *col_list(Arena *a, const PtrVec *cols)
{
	Sbuf sb = SBUF_INIT;
	for (uint32_t i = 0; i < cols->len && i < 8; i++)
		sbuf_addf(&sb, "%s%s", i ? ", " : "", (const char *)cols->items[i]);
	if (cols->len > 8)
		sbuf_adds(&sb, ", ...");
	if (!cols->len)
		sbuf_adds(&sb, "none");
	char *s = arena_strdup(a, sb.buf);
	sbuf_release(&sb);
	return s;
}

/* Column names (a list of String nodes) replace the first output names. */
static void rename_cols(Refs *r, Rel *rel, const cJSON *names)
{
	const cJSON *c;
	uint32_t i = 0;
	cJSON_ArrayForEach(c, names)
	{
		const char *n = sval(c);
		if (!n)
			continue;
		if (i < rel->cols.len)
			rel->cols.items[i] = (void *)n;
		else
			ptrvec_push(r->a, &rel->cols, (void *)n);
		i++;
	}
}

/* An alias renames the relation and, with column names, its columns. */
static void apply_alias(Refs *r, Rel *rel, const cJSON *alias)
{
	const char *name = jstr(alias, "aliasname");
	if (name)
		rel->name = name;
	rename_cols(r, rel, get(alias, "colnames"));
}

static void check_select(Refs *r, const cJSON *sel, Scope *parent, Rel *result);
static void walk_expr(Refs *r, const cJSON *node, Scope *s);

static const Rel *find_cte(const Scope *s, const char *name)
{
	for (; s; s = s->parent)
		for (uint32_t i = s->ctes.len; i-- > 0;)
			if (strcmp(((Rel *)s->ctes.items[i])->name, name) == 0)
				return s->ctes.items[i];
	return NULL;
}

static const SqlInput *find_input(const Refs *r, const char *schema, const char *rel)
{
	for (size_t i = 0; i < r->nin; i++) {
		const SqlInput *in = &r->in[i];
		if (!schema && strcmp(in->name, rel) == 0)
			return in;
		if (schema && strcmp(in->name, rel) == 0 && in->schema && ascii_ieq(in->schema, schema))
			return in;
		size_t sl = schema ? strlen(schema) : 0;
		if (schema && strncmp(in->name, schema, sl) == 0 && in->name[sl] == '.' &&
		    strcmp(in->name + sl + 1, rel) == 0)
			return in;
	}
	return NULL;
}

static const char *input_names(Refs *r)
{
	PtrVec v = {0};
	for (size_t i = 0; i < r->nin; i++)
		ptrvec_push(r->a, &v, (void *)r->in[i].name);
	return col_list(r->a, &v);
}

static void add_range_var(Refs *r, Scope *s, const cJSON *rv)
{
	const char *schema = jstr(rv, "schemaname"), *name = jstr(rv, "relname");
	Rel *rel = ARENA_NEW(r->a, Rel);
	const Rel *cte = !schema && name ? find_cte(s, name) : NULL;
	const SqlInput *in = name && !cte ? find_input(r, schema, name) : NULL;
	if (cte) {
		*rel = *cte;
		rel->cols.items = arena_memdup(r->a, cte->cols.items, cte->cols.len * sizeof(void *));
		rel->cols.cap = rel->cols.len;
	} else if (in) {
		rel->name = name;
		rel->known = in->columns != NULL;
		for (uint32_t i = 0; in->columns && i < in->columns->len; i++)
			ptrvec_push(r->a, &rel->cols, in->columns->items[i]);
	} else {
		refuse(r, SQLREF_RELATION, location(rv),
		       arena_sprintf(r->a, "'%s%s%s' is not a relation this node reads; FROM may name: %s",
				     schema ? schema : "", schema ? "." : "", name ? name : "?",
				     input_names(r)));
		return;
	}
	rel->name = name;
	apply_alias(r, rel, get(rv, "alias"));
	ptrvec_push(r->a, &s->rels, rel);
}

static void add_from(Refs *r, Scope *s, const cJSON *item)
{
	if (failed(r))
		return;
	const cJSON *body;
	if ((body = get(item, "RangeVar"))) {
		add_range_var(r, s, body);
	} else if ((body = get(item, "RangeSubselect"))) {
		Rel *rel = ARENA_NEW(r->a, Rel);
		check_select(r, get(get(body, "subquery"), "SelectStmt"), s, rel);
		apply_alias(r, rel, get(body, "alias"));
		ptrvec_push(r->a, &s->rels, rel);
	} else if ((body = get(item, "JoinExpr"))) {
		add_from(r, s, get(body, "larg"));
		add_from(r, s, get(body, "rarg"));
		walk_expr(r, get(body, "quals"), s);
		if (get(body, "alias")) {
			Rel *rel = ARENA_NEW(r->a, Rel);
			apply_alias(r, rel, get(body, "alias"));
			ptrvec_push(r->a, &s->rels, rel);
		}
	} else {
		/* a function in FROM or anything else: columns unknown */
		Rel *rel = ARENA_NEW(r->a, Rel);
		const cJSON *inner = item->child;
		apply_alias(r, rel, get(inner, "alias"));
		ptrvec_push(r->a, &s->rels, rel);
	}
}

static const Rel *find_rel(const Scope *s, const char *name)
{
	for (; s; s = s->parent)
		for (uint32_t i = 0; i < s->rels.len; i++) {
			const Rel *rel = s->rels.items[i];
			if (rel->name && strcmp(rel->name, name) == 0)
				return rel;
		}
	return NULL;
}

static bool resolves_unqualified(const Scope *s, const char *col)
{
	for (; s; s = s->parent) {
		for (uint32_t i = 0; i < s->rels.len; i++) {
			const Rel *rel = s->rels.items[i];
			if (!rel->known || has_col(rel, col))
				return true;
		}
		for (uint32_t i = 0; i < s->outputs.len; i++)
			if (s->outputs.items[i] && strcmp(s->outputs.items[i], col) == 0)
				return true;
	}
	return false;
}

static const char *scope_names(Refs *r, const Scope *s)
{
	PtrVec v = {0};
	for (uint32_t i = 0; i < s->rels.len; i++) {
		const Rel *rel = s->rels.items[i];
		ptrvec_push(r->a, &v, (void *)(rel->name ? rel->name : "(unnamed)"));
	}
	return col_list(r->a, &v);
}

static void check_colref(Refs *r, const cJSON *cref, Scope *s)
{
	const cJSON *fields = get(cref, "fields");
	int n = cJSON_GetArraySize(fields);
	const char *first = sval(cJSON_GetArrayItem(fields, 0));
	const char *second = n >= 2 ? sval(cJSON_GetArrayItem(fields, 1)) : NULL;
	if (n == 1 && first && !resolves_unqualified(s, first))
		refuse(r, SQLREF_COLUMN, location(cref),
		       arena_sprintf(r->a, "unknown column '%s': no relation in FROM (%s) has it", first,
				     scope_names(r, s)));
	if (n != 2 || !first)
		return;
	const Rel *rel = find_rel(s, first);
	if (!rel)
		refuse(r, SQLREF_RELATION, location(cref),
		       arena_sprintf(r->a, "'%s' names no relation in FROM (%s)", first, scope_names(r, s)));
	else if (second && rel->known && !has_col(rel, second))
		refuse(r, SQLREF_COLUMN, location(cref),
		       arena_sprintf(r->a, "'%s' has no column '%s' (its columns: %s)", first, second,
				     col_list(r->a, &rel->cols)));
}

static void walk_expr(Refs *r, const cJSON *node, Scope *s)
{
	const cJSON *child;
	cJSON_ArrayForEach(child, node)
	{
		if (failed(r))
			return;
		const char *key = child->string;
		if (key && strcmp(key, "ColumnRef") == 0) {
			check_colref(r, child, s);
		} else if (key && strcmp(key, "SubLink") == 0) {
			walk_expr(r, get(child, "testexpr"), s);
			check_select(r, get(get(child, "subselect"), "SelectStmt"), s, NULL);
		} else if (key && strcmp(key, "SelectStmt") == 0) {
			check_select(r, child, s, NULL);
		} else if (cJSON_IsObject(child) || cJSON_IsArray(child)) {
			walk_expr(r, child, s);
		}
	}
}

/* The name PostgreSQL gives an unnamed select-list item, or NULL when it
 * is not worth guessing (the caller then marks the outputs unknown). */
static const char *expr_name(const cJSON *val)
{
	const cJSON *b;
	if ((b = get(val, "ColumnRef"))) {
		const cJSON *fields = get(b, "fields");
		return sval(cJSON_GetArrayItem(fields, cJSON_GetArraySize(fields) - 1));
	}
	if ((b = get(val, "TypeCast")))
		return expr_name(get(b, "arg"));
	if ((b = get(val, "FuncCall"))) {
		const cJSON *names = get(b, "funcname");
		return sval(cJSON_GetArrayItem(names, cJSON_GetArraySize(names) - 1));
	}
	if (get(val, "CaseExpr"))
		return "case";
	if (get(val, "CoalesceExpr"))
		return "coalesce";
	if (get(val, "A_Const") || get(val, "A_Expr") || get(val, "BoolExpr") || get(val, "NullTest"))
		return "?column?";
	return NULL;
}

static void add_star(Refs *r, Scope *s, const cJSON *fields, Rel *res)
{
	int n = cJSON_GetArraySize(fields);
	const char *qual = n == 2 ? sval(cJSON_GetArrayItem(fields, 0)) : NULL;
	const Rel *only = qual ? find_rel(s, qual) : NULL;
	for (uint32_t i = 0; i < s->rels.len; i++) {
		const Rel *rel = s->rels.items[i];
		if (n == 2 && rel != only)
			continue;
		if (!rel->known)
			res->known = false;
		for (uint32_t k = 0; k < rel->cols.len; k++)
			ptrvec_push(r->a, &res->cols, rel->cols.items[k]);
	}
	if (n == 2 && !only)
		res->known = false;
}

static void select_outputs(Refs *r, const cJSON *targets, Scope *s, Rel *res)
{
	const cJSON *t;
	res->known = true;
	cJSON_ArrayForEach(t, targets)
	{
		const cJSON *rt = get(t, "ResTarget");
		const char *name = jstr(rt, "name");
		const cJSON *val = get(rt, "val");
		const cJSON *cref = get(val, "ColumnRef");
		const cJSON *fields = get(cref, "fields");
		if (!name && cref &&
		    get(cJSON_GetArrayItem(fields, cJSON_GetArraySize(fields) - 1), "A_Star")) {
			add_star(r, s, fields, res);
			continue;
		}
		if (!name)
			name = expr_name(val);
		if (!name) {
			name = "?column?";
			res->known = false;
		}
		ptrvec_push(r->a, &res->cols, (void *)name);
	}
}

static void check_select(Refs *r, const cJSON *sel, Scope *parent, Rel *result)
{
	if (!sel || failed(r))
		return;
	const char *op = jstr(sel, "op");
	if (op && strcmp(op, "SETOP_NONE") != 0) {
		check_select(r, get(get(sel, "larg"), "SelectStmt"), parent, result);
		check_select(r, get(get(sel, "rarg"), "SelectStmt"), parent, NULL);
		return;
	}
	Scope s = {.parent = parent};
	const cJSON *with = get(sel, "withClause"), *c;
	bool recursive = cJSON_IsTrue(get(with, "recursive"));
	cJSON_ArrayForEach(c, get(with, "ctes"))
	{
		const cJSON *cte = get(c, "CommonTableExpr");
		Rel *rel = ARENA_NEW(r->a, Rel);
		rel->name = jstr(cte, "ctename");
		if (!rel->name)
			continue;
		if (recursive) /* it may read itself: columns unknown */
			ptrvec_push(r->a, &s.ctes, rel);
		check_select(r, get(get(cte, "ctequery"), "SelectStmt"), &s, recursive ? NULL : rel);
		rename_cols(r, rel, get(cte, "aliascolnames"));
		if (!recursive)
			ptrvec_push(r->a, &s.ctes, rel);
	}
	const cJSON *values = get(sel, "valuesLists");
	if (values) {
		walk_expr(r, values, &s);
		if (result) {
			int n = cJSON_GetArraySize(get(get(cJSON_GetArrayItem(values, 0), "List"), "items"));
			result->known = true;
			for (int i = 1; i <= n; i++)
				ptrvec_push(r->a, &result->cols, arena_sprintf(r->a, "column%d", i));
		}
		return;
	}
	cJSON_ArrayForEach(c, get(sel, "fromClause")) add_from(r, &s, c);
	Rel out = {0};
	select_outputs(r, get(sel, "targetList"), &s, &out);
	static const char *const clauses[] = {"targetList",   "whereClause", "havingClause",
					      "windowClause", "limitOffset", "limitCount"};
	for (size_t i = 0; i < sizeof clauses / sizeof clauses[0]; i++)
		walk_expr(r, get(sel, clauses[i]), &s);
	/* GROUP BY, ORDER BY and DISTINCT ON may also name select-list aliases */
	s.outputs = out.cols;
	walk_expr(r, get(sel, "groupClause"), &s);
	walk_expr(r, get(sel, "sortClause"), &s);
	walk_expr(r, get(sel, "distinctClause"), &s);
	if (result) {
		result->known = out.known;
		result->cols = out.cols;
	}
}

void sql_check_refs(Arena *a, const char *sql, const SqlInput *in, size_t n, SqlRefs *out)
{
	memset(out, 0, sizeof *out);
	out->offset = -1;
	Refs r = {a, in, n, out};
	PgQueryParseResult pr = pg_query_parse(sql);
	cJSON *tree = pr.error ? NULL : cJSON_Parse(pr.parse_tree);
	pg_query_free_parse_result(pr);
	if (!tree)
		return; /* sql_check_select reports it */
	const cJSON *stmt = get(cJSON_GetArrayItem(get(tree, "stmts"), 0), "stmt");
	Rel result = {0};
	check_select(&r, get(stmt, "SelectStmt"), NULL, &result);
	out->outputs_known = result.known && !failed(&r);
	for (uint32_t i = 0; i < result.cols.len; i++) /* the tree is freed below */
		ptrvec_push(a, &out->outputs, arena_strdup(a, result.cols.items[i]));
	cJSON_Delete(tree);
}

bool sql_statement_span(const char *sql, size_t *start, size_t *len, bool *has_with)
{
	PgQueryParseResult pr = pg_query_parse(sql);
	cJSON *tree = pr.error ? NULL : cJSON_Parse(pr.parse_tree);
	pg_query_free_parse_result(pr);
	const cJSON *raw = cJSON_GetArrayItem(get(tree, "stmts"), 0);
	const cJSON *loc = get(raw, "stmt_location"), *n = get(raw, "stmt_len");
	size_t total = strlen(sql);
	*start = cJSON_IsNumber(loc) && loc->valueint > 0 ? (size_t)loc->valueint : 0;
	*len = cJSON_IsNumber(n) && n->valueint > 0 ? (size_t)n->valueint : total - *start;
	if (*start > total || *len > total - *start)
		*start = 0, *len = total;
	*has_with = get(get(get(raw, "stmt"), "SelectStmt"), "withClause") != NULL;
	cJSON_Delete(tree);
	return raw != NULL;
}
