/* pipeline.c - validate pipeline YAML and compose sinks (src/validate).
 *
 * Three passes over one file: libyaml's event parser builds a small tree
 * with positions (no aliases, anchors, tags, duplicate keys or second
 * documents; nesting bounded), the schema table checks every mapping, then
 * the rules that span objects: ids, depends_on order, SQL (sqlcheck.c,
 * sqlrefs.c), review flags and orchestration references.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "validate/pipeline.h"
#include "validate/schema.h"
#include "validate/sqlcheck.h"
#include "validate/sqlrefs.h"

typedef enum YKind { Y_SCALAR, Y_SEQ, Y_MAP } YKind;

typedef struct YNode {
	YKind kind;
	uint32_t line, col; /* 1-based */
	const char *str;    /* scalar: the value (NUL-free) */
	size_t len;
	int style;    /* scalar: yaml_scalar_style_t */
	PtrVec items; /* seq: YNode *; map: key, value, key, value... */
} YNode;

typedef struct Ctx {
	Arena *a;
	ValResult *res;
	const char *text;
	size_t len;
	PtrVec line_starts; /* byte offset of each line (as uintptr_t), built on demand */
	StrMap settings;    /* the current pipeline's parameters by 'setting' */
	const char *pipeline; /* the current pipeline's name, or NULL */
} Ctx;

static void verr(Ctx *cx, uint32_t line, uint32_t col, DiagCode code, const char *fmt, ...) PRINTF_LIKE(5, 6);
static void verr(Ctx *cx, uint32_t line, uint32_t col, DiagCode code, const char *fmt, ...)
{
	if (cx->res->errors.len >= VAL_MAX_ERRORS) {
		cx->res->truncated = true;
		return;
	}
	ValError *e = ARENA_NEW(cx->a, ValError);
	e->line = line;
	e->col = col;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	Sbuf sb = SBUF_INIT;
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	e->message = arena_strdup(cx->a, sb.buf);
	sbuf_release(&sb);
	ptrvec_push(cx->a, &cx->res->errors, e);
}

#define AT(n) (n)->line, (n)->col

/* ---- YAML into a tree ------------------------------------------------- */

typedef struct Loader {
	Ctx *cx;
	YNode *stack[VAL_MAX_DEPTH + 1];
	StrMap keys[VAL_MAX_DEPTH + 1]; /* keys seen per open mapping */
	int depth;
	YNode *root;
} Loader;

static bool attach(Loader *l, YNode *n, const yaml_mark_t *m)
{
	if (l->depth == 0) {
		l->root = n;
		return true;
	}
	YNode *parent = l->stack[l->depth - 1];
	if (parent->kind == Y_MAP && parent->items.len % 2 == 0) {
		if (n->kind != Y_SCALAR) {
			verr(l->cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE,
			     "a mapping key must be a plain string, not a collection");
			return false;
		}
		if (strmap_put(&l->keys[l->depth - 1], n->str, n)) {
			verr(l->cx, AT(n), E_VAL_DUPLICATE_KEY, "duplicate key '%s'", n->str);
			return false;
		}
	}
	ptrvec_push(l->cx->a, &parent->items, n);
	return true;
}

static YNode *new_ynode(Loader *l, YKind kind, const yaml_mark_t *m)
{
	YNode *n = ARENA_NEW(l->cx->a, YNode);
	n->kind = kind;
	n->line = (uint32_t)m->line + 1;
	n->col = (uint32_t)m->column + 1;
	return n;
}

/* Anchors, aliases and tags are refused: an alias can blow a tree up
 * (billion laughs) and a tag changes what a value means. */
static bool refuse_extras(Loader *l, const yaml_event_t *ev, const yaml_char_t *anchor,
			  const yaml_char_t *tag)
{
	const yaml_mark_t *m = &ev->start_mark;
	if (anchor)
		verr(l->cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE, "anchor '&%s' is not allowed",
		     (const char *)anchor);
	else if (tag)
		verr(l->cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE, "tag '%s' is not allowed",
		     (const char *)tag);
	return !anchor && !tag;
}

static bool on_event(Loader *l, const yaml_event_t *ev, int *docs)
{
	const yaml_mark_t *m = &ev->start_mark;
	Ctx *cx = l->cx;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			verr(cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE,
			     "a second YAML document is not allowed: one file holds one document");
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		verr(cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE, "alias '*%s' is not allowed",
		     (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT: {
		if (!refuse_extras(l, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
			return false;
		YNode *n = new_ynode(l, Y_SCALAR, m);
		n->len = ev->data.scalar.length;
		if (memchr(ev->data.scalar.value, 0, n->len)) {
			verr(cx, AT(n), E_VAL_YAML_FEATURE, "a NUL character in a string is not allowed");
			return false;
		}
		n->str = arena_strndup(cx->a, (const char *)ev->data.scalar.value, n->len);
		n->style = ev->data.scalar.style;
		return attach(l, n, m);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		if (!refuse_extras(l, ev,
				   seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor,
				   seq ? ev->data.sequence_start.tag : ev->data.mapping_start.tag))
			return false;
		if (l->depth >= VAL_MAX_DEPTH) {
			verr(cx, m->line + 1, m->column + 1, E_VAL_YAML_FEATURE,
			     "nesting deeper than %d levels is not allowed", VAL_MAX_DEPTH);
			return false;
		}
		YNode *n = new_ynode(l, seq ? Y_SEQ : Y_MAP, m);
		if (!attach(l, n, m))
			return false;
		strmap_init(&l->keys[l->depth], cx->a, false);
		l->stack[l->depth++] = n;
		return true;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: l->depth--; return true;
	default: return true;
	}
}

static YNode *load_yaml(Ctx *cx)
{
	Loader l = {.cx = cx};
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		die("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)cx->text, cx->len);
	int docs = 0;
	bool ok = true;
	for (bool done = false; !done;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			const yaml_mark_t *m = &p.problem_mark;
			verr(cx, (uint32_t)m->line + 1, (uint32_t)m->column + 1, E_VAL_YAML, "%s%s%s",
			     p.problem ? p.problem : "the YAML does not parse", p.context ? " " : "",
			     p.context ? p.context : "");
			ok = false;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!on_event(&l, &ev, &docs)) {
			ok = false;
			done = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (ok && !l.root)
		verr(cx, 1, 1, E_VAL_YAML, "the file holds no YAML document");
	return ok ? l.root : NULL;
}

/* ---- scalars ------------------------------------------------------------ */

static bool is_plain(const YNode *n)
{
	return n && n->kind == Y_SCALAR && n->style == YAML_PLAIN_SCALAR_STYLE;
}

static bool is_null(const YNode *n)
{
	return is_plain(n) && (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
			       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

static bool as_bool(const YNode *n, bool *v)
{
	if (!is_plain(n))
		return false;
	if (strcmp(n->str, "true") == 0 || strcmp(n->str, "True") == 0 || strcmp(n->str, "TRUE") == 0)
		return *v = true, true;
	if (strcmp(n->str, "false") == 0 || strcmp(n->str, "False") == 0 || strcmp(n->str, "FALSE") == 0)
		return *v = false, true;
	return false;
}

static bool as_int(const YNode *n, long long *v)
{
	if (!is_plain(n) || n->len == 0 || n->len > 18)
		return false;
	const char *s = n->str + (n->str[0] == '-' || n->str[0] == '+');
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	*v = strtoll(n->str, NULL, 10);
	return true;
}

static bool as_number(const YNode *n, double *v)
{
	if (!is_plain(n) || n->len == 0 || n->len > 40)
		return false;
	const char *s = n->str + (n->str[0] == '-' || n->str[0] == '+');
	size_t digits = strspn(s, "0123456789");
	s += digits;
	if (*s == '.') {
		size_t frac = strspn(s + 1, "0123456789");
		digits += frac;
		s += 1 + frac;
	}
	if (digits && (*s == 'e' || *s == 'E')) {
		s += 1 + (s[1] == '-' || s[1] == '+');
		size_t exp = strspn(s, "0123456789");
		if (!exp)
			return false;
		s += exp;
	}
	if (!digits || *s)
		return false;
	*v = strtod(n->str, NULL);
	return true;
}

static const YNode *yget(const YNode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (uint32_t i = 0; i + 1 < map->items.len; i += 2)
		if (strcmp(((YNode *)map->items.items[i])->str, key) == 0)
			return map->items.items[i + 1];
	return NULL;
}

/* A string value (any non-null scalar), or NULL. */
static const char *ystr(const YNode *map, const char *key)
{
	const YNode *v = yget(map, key);
	return v && v->kind == Y_SCALAR && !is_null(v) ? v->str : NULL;
}

static const PtrVec *yitems(const YNode *n, YKind kind)
{
	static const PtrVec none;
	return n && n->kind == kind ? &n->items : &none;
}

/* ---- the schema ----------------------------------------------------- */

static void check_object(Ctx *cx, const YNode *map, SchemaObj obj);

static const char *enum_list(Ctx *cx, const char *const *values)
{
	Sbuf sb = SBUF_INIT;
	for (const char *const *v = values; *v; v++)
		sbuf_addf(&sb, "%s%s", v == values ? "" : ", ", *v);
	const char *s = arena_strdup(cx->a, sb.buf);
	sbuf_release(&sb);
	return s;
}

static bool check_scalar(Ctx *cx, const YNode *v, const SchemaKey *k)
{
	long long i;
	double d;
	bool b;
	switch (k->type) {
	case ST_STRING: return v->kind == Y_SCALAR;
	case ST_NUMBER01:
		if (!as_number(v, &d))
			return false;
		if (d < 0 || d > 1)
			verr(cx, AT(v), E_VAL_TYPE, "'%s' is %s; it must be between 0 and 1", k->key, v->str);
		return true;
	case ST_INTEGER:
		if (!as_int(v, &i))
			return false;
		if (i < 0)
			verr(cx, AT(v), E_VAL_TYPE, "'%s' is %s; it must not be negative", k->key, v->str);
		return true;
	case ST_SIGNED: return as_int(v, &i);
	case ST_BOOL: return as_bool(v, &b);
	case ST_ENUM:
		if (v->kind != Y_SCALAR)
			return false;
		for (const char *const *e = k->values; *e; e++)
			if (strcmp(*e, v->str) == 0)
				return true;
		verr(cx, AT(v), E_VAL_TYPE, "'%s' is '%s'; expected one of: %s", k->key, v->str,
		     enum_list(cx, k->values));
		return true;
	default: return false;
	}
}

static void check_value(Ctx *cx, const YNode *v, const SchemaKey *k)
{
	bool ok;
	if (is_null(v)) /* an absent key; check_object reports required ones */
		return;
	switch (k->type) {
	case ST_MAP:
		if ((ok = v->kind == Y_MAP))
			check_object(cx, v, k->sub);
		break;
	case ST_LIST_STRING:
	case ST_LIST_MAP:
		if (!(ok = v->kind == Y_SEQ))
			break;
		for (uint32_t i = 0; i < v->items.len; i++) {
			const YNode *item = v->items.items[i];
			if (k->type == ST_LIST_MAP && item->kind == Y_MAP)
				check_object(cx, item, k->sub);
			else if (k->type == ST_LIST_MAP || item->kind != Y_SCALAR || is_null(item))
				verr(cx, AT(item), E_VAL_TYPE, "the items of '%s' must be %s", k->key,
				     k->type == ST_LIST_MAP ? "mappings" : "strings");
		}
		break;
	default: ok = v->kind == Y_SCALAR && !is_null(v) && check_scalar(cx, v, k); break;
	}
	if (!ok)
		verr(cx, AT(v), E_VAL_TYPE, "'%s' must be %s%s%s", k->key,
		     k->type == ST_ENUM ? "a string" : schema_type_name(k->type),
		     k->type == ST_MAP ? " " : "", k->type == ST_MAP ? schema_obj_name(k->sub) : "");
}

static void check_object(Ctx *cx, const YNode *map, SchemaObj obj)
{
	NodeType type = NODE_TYPE_COUNT;
	const char *tname = obj == OBJ_NODE ? ystr(map, "type") : NULL;
	bool typed = tname && node_type_parse(tname, &type);
	for (uint32_t i = 0; i + 1 < map->items.len; i += 2) {
		const YNode *key = map->items.items[i], *val = map->items.items[i + 1];
		const SchemaKey *k = schema_find(obj, key->str);
		if (!k)
			verr(cx, AT(key), E_VAL_UNKNOWN_KEY, "unknown key '%s' in a %s", key->str,
			     schema_obj_name(obj));
		else if (typed && !schema_key_allowed(k, type))
			verr(cx, AT(key), strcmp(k->key, "sql") == 0 ? E_VAL_SQL_MISSING : E_VAL_UNKNOWN_KEY,
			     "a '%s' node has no '%s'%s", tname, k->key,
			     strcmp(k->key, "sql") == 0 ? ": it is not SQL; remove the key" : "");
		else
			check_value(cx, val, k);
	}
	for (unsigned i = 0; i < schema_keys_count; i++) {
		const SchemaKey *k = &schema_keys[i];
		if (k->obj != obj)
			continue;
		bool required = typed ? schema_key_required(k, type) : k->required == NT_ALL;
		const YNode *v = yget(map, k->key);
		if (!required || (v && !is_null(v)))
			continue;
		if (strcmp(k->key, "sql") == 0 && yget(map, "source_sql") && type == NODE_SOURCE_PUSHDOWN)
			continue; /* its query runs at the source */
		if (strcmp(k->key, "sql") == 0)
			verr(cx, AT(map), E_VAL_SQL_MISSING, "a '%s' node needs 'sql': one SELECT", tname);
		else if (v)
			verr(cx, AT(v), E_VAL_TYPE, "'%s' is required and cannot be null", k->key);
		else if (typed && k->types != NT_ALL)
			verr(cx, AT(map), E_VAL_MISSING_KEY, "a '%s' node needs '%s'", tname, k->key);
		else
			verr(cx, AT(map), E_VAL_MISSING_KEY, "missing required key '%s' in a %s", k->key,
			     schema_obj_name(obj));
	}
}

/* ---- positions inside SQL -------------------------------------------- */

/* Indentation (in columns) of a 1-based line of the file. */
static uint32_t line_indent(Ctx *cx, uint32_t line)
{
	if (!cx->line_starts.len) {
		ptrvec_push(cx->a, &cx->line_starts, (void *)(uintptr_t)0);
		for (size_t i = 0; i < cx->len; i++)
			if (cx->text[i] == '\n')
				ptrvec_push(cx->a, &cx->line_starts, (void *)(uintptr_t)(i + 1));
	}
	if (line == 0 || line > cx->line_starts.len)
		return 0;
	size_t i = (uintptr_t)cx->line_starts.items[line - 1];
	uint32_t n = 0;
	while (i + n < cx->len && cx->text[i + n] == ' ')
		n++;
	return n;
}

/* The file position of byte `offset` of a scalar's value: exact for
 * literal blocks (`sql: |`) and one-line plain or single-quoted values;
 * otherwise the start of the value. */
static void value_pos(Ctx *cx, const YNode *v, int offset, uint32_t *line, uint32_t *col)
{
	*line = v->line;
	*col = v->col;
	if (offset < 0 || (size_t)offset > v->len)
		return;
	uint32_t k = 0;
	size_t start = 0;
	for (size_t i = 0; i < (size_t)offset; i++)
		if (v->str[i] == '\n')
			k++, start = i + 1;
	uint32_t c = utf8_columns(v->str + start, (size_t)offset - start);
	if (v->style == YAML_LITERAL_SCALAR_STYLE) {
		*line = v->line + 1 + k;
		*col = line_indent(cx, *line) + c + 1;
	} else if (k == 0 &&
		   (v->style == YAML_PLAIN_SCALAR_STYLE || v->style == YAML_SINGLE_QUOTED_SCALAR_STYLE)) {
		*col = v->col + c + (v->style != YAML_PLAIN_SCALAR_STYLE);
	}
}

/* ---- rules across objects -------------------------------------------- */

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 63 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static const char *names_of(Ctx *cx, const PtrVec *v)
{
	Sbuf sb = SBUF_INIT;
	for (uint32_t i = 0; i < v->len; i++)
		sbuf_addf(&sb, "%s%s", i ? ", " : "", (const char *)v->items[i]);
	const char *s = arena_strdup(cx->a, sb.len ? sb.buf : "none");
	sbuf_release(&sb);
	return s;
}

/* An id: well-formed and unique in `seen`; returns whether it may be used. */
static bool check_id(Ctx *cx, const YNode *idv, const char *what, StrMap *seen)
{
	if (!idv || idv->kind != Y_SCALAR || is_null(idv))
		return false;
	if (!valid_id(idv->str)) {
		verr(cx, AT(idv), E_VAL_ID, "%s id '%s' must match [a-z_][a-z0-9_]{0,62}", what, idv->str);
		return false;
	}
	const YNode *first = strmap_get(seen, idv->str);
	if (first) {
		verr(cx, AT(idv), E_VAL_ID, "duplicate %s id '%s' (first at line %u)", what, idv->str,
		     first->line);
		return false;
	}
	strmap_put(seen, idv->str, (void *)idv);
	return true;
}

static void check_review(Ctx *cx, const YNode *nm, const ValNode *n)
{
	bool review = false;
	double conf = -1;
	const YNode *rv = yget(nm, "review"), *cv = yget(nm, "confidence");
	as_bool(rv, &review);
	as_number(cv, &conf);
	const char *src = ystr(nm, "conversion_source");
	if (n->type_known && n->type == NODE_PLACEHOLDER) {
		if (rv && !review)
			verr(cx, AT(rv), E_VAL_REVIEW, "placeholder '%s' must have review: true", n->id);
		if (cv && conf != 0)
			verr(cx, AT(cv), E_VAL_REVIEW, "placeholder '%s' must have confidence 0", n->id);
	} else if (src && rv && !review &&
		   (strcmp(src, "llm_unavailable") == 0 || strcmp(src, "unsupported") == 0)) {
		verr(cx, AT(rv), E_VAL_REVIEW, "node '%s' is conversion_source %s; it must have review: true",
		     n->id, src);
	}
	/* a draft names its model, and only a draft has one */
	const YNode *llm = yget(nm, "llm");
	if (src && strcmp(src, "llm") == 0 && !llm && n->type_known && (NT(n->type) & NT_SQL))
		verr(cx, AT(nm), E_VAL_MISSING_KEY,
		     "node '%s' is conversion_source llm but has no 'llm' (its model)", n->id);
	else if (src && strcmp(src, "llm") != 0 && llm)
		verr(cx, AT(llm), E_VAL_TYPE, "node '%s' has 'llm' but is conversion_source %s, not llm",
		     n->id, src);
}

/* Every current_setting('akko.<key>') names a parameter of the pipeline:
 * PostgreSQL refuses an unknown one at run time. */
static void check_settings(Ctx *cx, const YNode *sv, const ValNode *n, const PtrVec *settings)
{
	for (uint32_t i = 0; i < settings->len; i++) {
		const SqlSetting *st = settings->items[i];
		if (strmap_get(&cx->settings, st->name))
			continue;
		uint32_t line, col;
		value_pos(cx, sv, st->offset, &line, &col);
		verr(cx, line, col, E_VAL_PARAMETER,
		     "node '%s': current_setting reads '%s', which is not a parameter of pipeline '%s'",
		     n->id, st->name, cx->pipeline ? cx->pipeline : "?");
	}
}

static void check_sql(Ctx *cx, const YNode *nm, ValNode *n, const PtrVec *deps, const YNode *table)
{
	const YNode *sv = yget(nm, "sql");
	if (!n->sql || !n->type_known || !(NT(n->type) & NT_SQL))
		return;
	uint32_t line, col;
	SqlCheck c;
	sql_check_select(cx->a, n->sql, &c);
	if (!c.ok) {
		value_pos(cx, sv, c.offset, &line, &col);
		verr(cx, line, col, E_VAL_SQL, "node '%s': %s", n->id, c.message);
		return;
	}
	check_settings(cx, sv, n, &c.settings);
	SqlInput *in = ARENA_NEWN(cx->a, SqlInput, deps->len + 1);
	size_t nin = 0;
	if (n->table && (n->type == NODE_SOURCE_TABLE || n->type == NODE_SOURCE_PUSHDOWN))
		in[nin++] = (SqlInput){n->table, ystr(table, "schema"), NULL};
	for (uint32_t i = 0; n->type != NODE_SOURCE_TABLE && i < deps->len; i++) {
		const ValNode *d = deps->items[i];
		in[nin++] = (SqlInput){d->id, NULL, &d->columns};
	}
	SqlRefs r;
	sql_check_refs(cx->a, n->sql, in, nin, &r);
	if (r.kind != SQLREF_OK) {
		value_pos(cx, sv, r.offset, &line, &col);
		verr(cx, line, col, r.kind == SQLREF_RELATION ? E_VAL_RELATION : E_VAL_COLUMN,
		     "node '%s': %s", n->id, r.message);
		return;
	}
	bool same = r.outputs.len == n->columns.len;
	for (uint32_t i = 0; same && i < r.outputs.len; i++)
		same = strcmp(r.outputs.items[i], n->columns.items[i]) == 0;
	if (r.outputs_known && !same)
		verr(cx, AT(sv), E_VAL_COLUMN,
		     "node '%s': the SELECT outputs (%s) differ from its 'columns' (%s)", n->id,
		     names_of(cx, &r.outputs), names_of(cx, &n->columns));
}

static void check_depends(Ctx *cx, const YNode *nm, ValNode *n, StrMap *seen, StrMap *all, PtrVec *deps)
{
	const PtrVec *items = yitems(yget(nm, "depends_on"), Y_SEQ);
	bool source = n->type_known && (n->type == NODE_SOURCE_TABLE || n->type == NODE_SOURCE_FILE ||
				       n->type == NODE_SOURCE_INLINE);
	for (uint32_t i = 0; i < items->len; i++) {
		const YNode *d = items->items[i];
		if (d->kind != Y_SCALAR || is_null(d))
			continue;
		ptrvec_push(cx->a, &n->depends_on, (void *)d->str);
		ValNode *dep = strmap_get(seen, d->str);
		if (source)
			verr(cx, AT(d), E_VAL_DEPENDS,
			     "source node '%s' reads no other node; its depends_on is []", n->id);
		else if (dep)
			ptrvec_push(cx->a, deps, dep);
		else if (n->id && strcmp(d->str, n->id) == 0)
			verr(cx, AT(d), E_VAL_DEPENDS, "node '%s' depends on itself", n->id);
		else if (strmap_get(all, d->str))
			verr(cx, AT(d), E_VAL_DEPENDS,
			     "node '%s' depends on '%s', which comes later in 'nodes': nodes are in "
			     "dependency "
			     "order, so this is a cycle or a misordering",
			     n->id, d->str);
		else
			verr(cx, AT(d), E_VAL_DEPENDS, "node '%s' depends on unknown node '%s'", n->id,
			     d->str);
	}
}

static void check_sql_over(Ctx *cx, const char *obj, const char *what, const YNode *sv, const char *sql,
			   const ValNode *n, uint32_t want);

/* source_params: an earlier node with rows, one safe SELECT over it with a
 * column per param, and as many leading columns in the node. */
static void check_source_params(Ctx *cx, const YNode *nm, const ValNode *n, StrMap *seen)
{
	const YNode *sp = yget(nm, "source_params");
	if (!sp || sp->kind != Y_MAP)
		return;
	const YNode *nv = yget(sp, "node"), *sv = yget(sp, "sql");
	uint32_t want = yitems(yget(sp, "params"), Y_SEQ)->len;
	if (!n->at_source)
		verr(cx, AT(sp), E_VAL_MISSING_KEY,
		     "node '%s': source_params belong to a node with source_sql", n->id);
	if (want > n->columns.len)
		verr(cx, AT(sp), E_VAL_COLUMN, "node '%s': %u source_params, but %u columns to hold them",
		     n->id, want, n->columns.len);
	const ValNode *in = nv && nv->kind == Y_SCALAR ? strmap_get(seen, nv->str) : NULL;
	if (nv && nv->kind == Y_SCALAR && !in) {
		verr(cx, AT(nv), E_VAL_DEPENDS,
		     "node '%s': source_params read '%s', which is not an earlier node", n->id, nv->str);
		return;
	}
	if (!in || !sv || sv->kind != Y_SCALAR || is_null(sv))
		return;
	if (in->type_known && in->type == NODE_PLACEHOLDER) {
		verr(cx, AT(nv), E_VAL_REFERENCE,
		     "node '%s': source_params read '%s', a placeholder with no rows", n->id, in->id);
		return;
	}
	check_sql_over(cx, "source_params of node", n->id, sv, sv->str, in, want);
}

/* table.ids: each names a column of the node (the runner fills it). */
static void check_xml_ids(Ctx *cx, const YNode *table, const ValNode *n)
{
	const PtrVec *ids = yitems(yget(table, "ids"), Y_SEQ);
	for (uint32_t i = 0; i < ids->len; i++) {
		const YNode *x = ids->items[i];
		const char *col = ystr(x, "column");
		bool found = false;
		for (uint32_t k = 0; col && k < n->columns.len && !found; k++)
			found = strcmp(n->columns.items[k], col) == 0;
		if (col && !found)
			verr(cx, AT(x), E_VAL_COLUMN,
			     "node '%s': table.ids names '%s', which is not one of its columns",
			     n->id ? n->id : "?", col);
	}
}

static ValNode *read_node(Ctx *cx, const YNode *nm, StrMap *ids, StrMap *seen, StrMap *all)
{
	ValNode *n = ARENA_NEW(cx->a, ValNode);
	n->line = nm->line;
	n->col = nm->col;
	n->id = ystr(nm, "id");
	const char *type = ystr(nm, "type");
	n->type_known = type && node_type_parse(type, &n->type);
	const PtrVec *cols = yitems(yget(nm, "columns"), Y_SEQ);
	for (uint32_t i = 0; i < cols->len; i++) {
		const char *name = ystr(cols->items[i], "name");
		if (name)
			ptrvec_push(cx->a, &n->columns, (void *)name);
	}
	const YNode *sv = yget(nm, "sql"), *table = yget(nm, "table");
	n->sql = sv && sv->kind == Y_SCALAR && !is_null(sv) ? sv->str : NULL;
	n->table = ystr(table, "name");
	n->at_source = yget(nm, "source_sql") && !is_null(yget(nm, "source_sql"));
	check_id(cx, yget(nm, "id"), "node", ids);
	if (!n->id)
		n->id = "?";
	PtrVec deps = {0};
	check_depends(cx, nm, n, seen, all, &deps);
	check_review(cx, nm, n);
	if (n->type_known && (n->type == NODE_SOURCE_FILE || n->type == NODE_SINK_FILE) && table &&
	    table->kind == Y_MAP && !ystr(table, "file"))
		verr(cx, AT(table), E_VAL_MISSING_KEY, "a '%s' node's table needs 'file'", type);
	check_xml_ids(cx, table, n);
	check_source_params(cx, nm, n, seen);
	check_sql(cx, nm, n, &deps, table);
	/* a refused id is reported once; later nodes may still read it */
	strmap_put(seen, n->id, n);
	return n;
}

/* `sql` (the value sv) of a variable update or an assertion check: one
 * safe SELECT of one column, whose settings are the pipeline's parameters
 * and which reads only node n. */
static void check_sql_over(Ctx *cx, const char *obj, const char *what, const YNode *sv, const char *sql,
			   const ValNode *n, uint32_t want)
{
	uint32_t line, col;
	SqlCheck c;
	sql_check_select(cx->a, sql, &c);
	if (!c.ok) {
		value_pos(cx, sv, c.offset, &line, &col);
		verr(cx, line, col, E_VAL_SQL, "%s '%s': %s", obj, what, c.message);
		return;
	}
	for (uint32_t i = 0; i < c.settings.len; i++) {
		const SqlSetting *st = c.settings.items[i];
		if (strmap_get(&cx->settings, st->name))
			continue;
		value_pos(cx, sv, st->offset, &line, &col);
		verr(cx, line, col, E_VAL_PARAMETER,
		     "%s '%s': current_setting reads '%s', which is not a parameter of pipeline '%s'", obj,
		     what, st->name, cx->pipeline ? cx->pipeline : "?");
	}
	SqlInput in = {n->id, NULL, &n->columns};
	SqlRefs r;
	sql_check_refs(cx->a, sql, &in, 1, &r);
	if (r.kind != SQLREF_OK) {
		value_pos(cx, sv, r.offset, &line, &col);
		verr(cx, line, col, r.kind == SQLREF_RELATION ? E_VAL_RELATION : E_VAL_COLUMN, "%s '%s': %s",
		     obj, what, r.message);
		return;
	}
	if (r.outputs_known && r.outputs.len != want && want == 1)
		verr(cx, AT(sv), E_VAL_COLUMN, "%s '%s': the SELECT outputs %u columns, not one", obj, what,
		     r.outputs.len);
	else if (r.outputs_known && r.outputs.len != want)
		verr(cx, AT(sv), E_VAL_COLUMN, "%s '%s': the SELECT outputs %u columns, not %u", obj, what,
		     r.outputs.len, want);
}

/* A variable update: its node is a SQL node of the pipeline, its setting a
 * parameter's, its SQL one safe SELECT of one column that reads only that
 * node (and the settings of the pipeline's parameters). */
static void check_var_update(Ctx *cx, const YNode *um, ValPipeline *vp, StrMap *seen)
{
	ValVarUpdate *u = ARENA_NEW(cx->a, ValVarUpdate);
	u->line = um->line;
	u->col = um->col;
	u->variable = ystr(um, "variable");
	const char *what = u->variable ? u->variable : "?";
	const YNode *nv = yget(um, "node"), *sv = yget(um, "sql"), *setv = yget(um, "setting");
	u->sql = sv && sv->kind == Y_SCALAR && !is_null(sv) ? sv->str : NULL;
	ptrvec_push(cx->a, &vp->var_updates, u);
	if (setv && setv->kind == Y_SCALAR && !is_null(setv) && !strmap_get(&cx->settings, setv->str))
		verr(cx, AT(setv), E_VAL_PARAMETER,
		     "variable update '%s': setting '%s' is not a parameter of pipeline '%s'", what, setv->str,
		     cx->pipeline ? cx->pipeline : "?");
	if (!nv || nv->kind != Y_SCALAR || is_null(nv))
		return;
	const ValNode *n = strmap_get(seen, nv->str);
	if (!n) {
		verr(cx, AT(nv), E_VAL_REFERENCE, "variable update '%s' names unknown node '%s'", what, nv->str);
		return;
	}
	u->node = n;
	if (!n->sql) {
		verr(cx, AT(nv), E_VAL_REFERENCE, "variable update '%s' reads node '%s', which has no SQL", what,
		     n->id);
		return;
	}
	if (u->sql)
		check_sql_over(cx, "variable update", what, sv, u->sql, n, 1);
}

/* An assertion check: its node is a node of the pipeline with rows, its
 * `sql` one safe SELECT of one column that reads only that node (as a
 * variable update's). */
static void check_assertion(Ctx *cx, const YNode *c, StrMap *seen)
{
	const YNode *nv = yget(c, "node"), *sv = yget(c, "sql");
	const char *what = ystr(c, "id") ? ystr(c, "id") : "?";
	if (!sv || sv->kind != Y_SCALAR || is_null(sv)) {
		verr(cx, AT(c), E_VAL_MISSING_KEY, "quality check '%s': an assertion needs 'sql'", what);
		return;
	}
	const ValNode *n = nv && nv->kind == Y_SCALAR ? strmap_get(seen, nv->str) : NULL;
	if (!n)
		return; /* reported as an unknown node */
	if (n->type_known && n->type == NODE_PLACEHOLDER) {
		verr(cx, AT(nv), E_VAL_REFERENCE, "quality check '%s' reads node '%s', a placeholder with no rows",
		     what, n->id);
		return;
	}
	check_sql_over(cx, "quality check", what, sv, sv->str, n, 1);
}

/* The check as the loaded pipeline keeps it (for verify and compose). */
static void read_check(Ctx *cx, const YNode *c, ValPipeline *vp, StrMap *seen)
{
	ValCheck *k = ARENA_NEW(cx->a, ValCheck);
	k->line = c->line;
	k->col = c->col;
	k->id = ystr(c, "id");
	const char *type = ystr(c, "type");
	for (int t = 0; type && t < CHECK_TYPE_COUNT && !k->type_known; t++)
		if (strcmp(type, check_type_name((CheckType)t)) == 0)
			k->type = (CheckType)t, k->type_known = true;
	const char *node = ystr(c, "node");
	k->node = node ? strmap_get(seen, node) : NULL;
	k->column = ystr(c, "column");
	k->has_threshold = as_number(yget(c, "threshold"), &k->threshold);
	const PtrVec *keys = yitems(yget(c, "keys"), Y_SEQ);
	for (uint32_t i = 0; i < keys->len; i++) {
		const YNode *kv = keys->items[i];
		if (kv->kind == Y_SCALAR && !is_null(kv))
			ptrvec_push(cx->a, &k->keys, (void *)kv->str);
	}
	k->sql = ystr(c, "sql");
	k->message = ystr(c, "message");
	ptrvec_push(cx->a, &vp->checks, k);
}

static void check_pipeline(Ctx *cx, const YNode *pm, ValPipeline *vp)
{
	vp->name = ystr(pm, "name");
	cx->pipeline = vp->name;
	strmap_init(&cx->settings, cx->a, true); /* PostgreSQL folds setting names */
	const PtrVec *params = yitems(yget(pm, "parameters"), Y_SEQ);
	for (uint32_t i = 0; i < params->len; i++) {
		const char *setting = ystr(params->items[i], "setting");
		if (setting)
			strmap_put(&cx->settings, setting, (void *)setting);
	}
	StrMap all, ids, seen, checks;
	strmap_init(&all, cx->a, false);
	strmap_init(&ids, cx->a, false);
	strmap_init(&seen, cx->a, false);
	strmap_init(&checks, cx->a, false);
	const PtrVec *nodes = yitems(yget(pm, "nodes"), Y_SEQ);
	for (uint32_t i = 0; i < nodes->len; i++) {
		const char *id = ystr(nodes->items[i], "id");
		if (id)
			strmap_put(&all, id, nodes->items[i]);
	}
	for (uint32_t i = 0; i < nodes->len; i++)
		if (((const YNode *)nodes->items[i])->kind == Y_MAP)
			ptrvec_push(cx->a, &vp->nodes, read_node(cx, nodes->items[i], &ids, &seen, &all));
	const PtrVec *qc = yitems(yget(pm, "quality_checks"), Y_SEQ);
	for (uint32_t i = 0; i < qc->len; i++) {
		const YNode *c = qc->items[i], *nv = yget(c, "node");
		const YNode *idv = yget(c, "id");
		if (idv && idv->kind == Y_SCALAR && strmap_put(&checks, idv->str, (void *)idv))
			verr(cx, AT(idv), E_VAL_ID, "duplicate quality check id '%s'", idv->str);
		if (nv && nv->kind == Y_SCALAR && !is_null(nv) && !strmap_get(&all, nv->str))
			verr(cx, AT(nv), E_VAL_REFERENCE, "quality check names unknown node '%s'", nv->str);
		const char *type = ystr(c, "type");
		if (type && strcmp(type, "assertion") == 0)
			check_assertion(cx, c, &seen);
		if (c->kind == Y_MAP)
			read_check(cx, c, vp, &seen);
	}
	const PtrVec *vu = yitems(yget(pm, "variable_updates"), Y_SEQ);
	for (uint32_t i = 0; i < vu->len; i++)
		if (((const YNode *)vu->items[i])->kind == Y_MAP)
			check_var_update(cx, vu->items[i], vp, &seen);
}

static bool str_eq_null(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A task's `parent` names an earlier container, loop or event handler of
 * its workflow (`before` holds the tasks before it); a `loop` task has
 * `loop`, an `event_handler` its `handler`. */
static void check_task_nesting(Ctx *cx, const YNode *t, const char *id, const char *type, StrMap *before)
{
	const YNode *pv = yget(t, "parent");
	if (pv && pv->kind == Y_SCALAR && !is_null(pv)) {
		const YNode *p = strmap_get(before, pv->str);
		const char *pt = p ? ystr(p, "type") : NULL;
		if (!p)
			verr(cx, AT(pv), E_VAL_REFERENCE,
			     "task '%s' runs in '%s', which is not an earlier task of its workflow", id,
			     pv->str);
		else if (!pt || (strcmp(pt, "container") != 0 && strcmp(pt, "loop") != 0 &&
				 strcmp(pt, "event_handler") != 0))
			verr(cx, AT(pv), E_VAL_REFERENCE,
			     "task '%s' runs in '%s', which is not a container, loop or event handler (type "
			     "'%s')",
			     id, pv->str, pt ? pt : "?");
	}
	if (type && strcmp(type, "loop") == 0 && !yget(t, "loop"))
		verr(cx, AT(t), E_VAL_MISSING_KEY, "a 'loop' task needs 'loop'");
	if (type && strcmp(type, "event_handler") == 0 && !yget(t, "handler"))
		verr(cx, AT(t), E_VAL_MISSING_KEY, "an 'event_handler' task needs 'handler'");
}

static void check_task_refs(Ctx *cx, const YNode *t, const char *wf, StrMap *tasks, StrMap *pipelines,
			    StrMap *workflows)
{
	const char *id = ystr(t, "id"), *type = ystr(t, "type");
	const char *parent = ystr(t, "parent");
	const PtrVec *deps = yitems(yget(t, "depends_on"), Y_SEQ);
	for (uint32_t i = 0; id && i < deps->len; i++) {
		const YNode *tv = yget(deps->items[i], "task");
		if (!tv || tv->kind != Y_SCALAR || is_null(tv))
			continue;
		const YNode *dt = strmap_get(tasks, tv->str);
		if (strcmp(tv->str, id) == 0)
			verr(cx, AT(tv), E_VAL_REFERENCE, "task '%s' depends on itself", id);
		else if (!dt)
			verr(cx, AT(tv), E_VAL_REFERENCE,
			     "task '%s' depends on '%s', which is not a task of workflow '%s'", id, tv->str,
			     wf ? wf : "?");
		else if (!str_eq_null(ystr(dt, "parent"), parent))
			verr(cx, AT(tv), E_VAL_REFERENCE,
			     "task '%s' depends on '%s', which runs in another container", id, tv->str);
		/* an Otherwise dependency is followed when no other is: it has no
		 * condition of its own */
		const YNode *ow = yget(deps->items[i], "otherwise"), *cv = yget(deps->items[i], "condition");
		if (ow && ow->kind == Y_SCALAR && strcmp(ow->str, "true") == 0 && cv && !is_null(cv))
			verr(cx, AT(cv), E_VAL_TYPE,
			     "task '%s': a dependency with otherwise: true is followed when no other is, so it "
			     "has no condition",
			     id);
	}
	const YNode *pv = yget(t, "pipeline"), *wv = yget(t, "workflow");
	if (type && strcmp(type, "pipeline") == 0 && (!pv || is_null(pv)))
		verr(cx, AT(t), E_VAL_MISSING_KEY, "a 'pipeline' task needs 'pipeline'");
	if (pv && pv->kind == Y_SCALAR && !is_null(pv) && !strmap_get(pipelines, pv->str))
		verr(cx, AT(pv), E_VAL_REFERENCE, "task '%s' runs pipeline '%s', which is not in this file",
		     id ? id : "?", pv->str);
	if (wv && wv->kind == Y_SCALAR && !is_null(wv) && !strmap_get(workflows, wv->str))
		verr(cx, AT(wv), E_VAL_REFERENCE, "task '%s' runs workflow '%s', which is not in this file",
		     id ? id : "?", wv->str);
}

static void check_orchestration(Ctx *cx, const YNode *orch, StrMap *pipelines)
{
	const PtrVec *wfs = yitems(yget(orch, "workflows"), Y_SEQ);
	StrMap workflows;
	strmap_init(&workflows, cx->a, false);
	for (uint32_t i = 0; i < wfs->len; i++) {
		const char *name = ystr(wfs->items[i], "name");
		if (name && strmap_put(&workflows, name, wfs->items[i]))
			verr(cx, AT(yget(wfs->items[i], "name")), E_VAL_ID, "duplicate workflow name '%s'",
			     name);
	}
	for (uint32_t i = 0; i < wfs->len; i++) {
		const YNode *wf = wfs->items[i];
		const PtrVec *tasks = yitems(yget(wf, "tasks"), Y_SEQ);
		StrMap ids;
		strmap_init(&ids, cx->a, false);
		for (uint32_t k = 0; k < tasks->len; k++)
			check_id(cx, yget(tasks->items[k], "id"), "task", &ids);
		StrMap by_id, before;
		strmap_init(&by_id, cx->a, false);
		strmap_init(&before, cx->a, false);
		for (uint32_t k = 0; k < tasks->len; k++) {
			const char *id = ystr(tasks->items[k], "id");
			if (id && !strmap_get(&by_id, id))
				strmap_put(&by_id, id, tasks->items[k]);
		}
		for (uint32_t k = 0; k < tasks->len; k++) {
			const YNode *t = tasks->items[k];
			const char *id = ystr(t, "id");
			check_task_refs(cx, t, ystr(wf, "name"), &by_id, pipelines, &workflows);
			check_task_nesting(cx, t, id ? id : "?", ystr(t, "type"), &before);
			if (id && !strmap_get(&before, id))
				strmap_put(&before, id, (void *)t);
		}
	}
}

static int cmp_errors(const void *x, const void *y)
{
	const ValError *a = *(ValError *const *)x, *b = *(ValError *const *)y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a < b ? -1 : a > b; /* arena order is report order */
}

static void check_document(Ctx *cx, const YNode *root)
{
	if (root->kind != Y_MAP) {
		verr(cx, AT(root), E_VAL_TYPE,
		     "the document must be a mapping (version, source, pipelines...)");
		return;
	}
	const YNode *ver = yget(root, "version");
	long long v;
	if (ver && as_int(ver, &v) && v != 1) {
		verr(cx, AT(ver), E_VAL_VERSION, "version is %s; this validator reads version 1", ver->str);
		return;
	}
	check_object(cx, root, OBJ_DOCUMENT);
	StrMap pipelines;
	strmap_init(&pipelines, cx->a, false);
	const PtrVec *ps = yitems(yget(root, "pipelines"), Y_SEQ);
	for (uint32_t i = 0; i < ps->len; i++) {
		const YNode *pm = ps->items[i];
		if (pm->kind != Y_MAP)
			continue;
		ValPipeline *vp = ARENA_NEW(cx->a, ValPipeline);
		check_pipeline(cx, pm, vp);
		if (vp->name && strmap_put(&pipelines, vp->name, vp))
			verr(cx, AT(yget(pm, "name")), E_VAL_ID, "duplicate pipeline name '%s'", vp->name);
		ptrvec_push(cx->a, &cx->res->pipelines, vp);
	}
	const YNode *orch = yget(root, "orchestration");
	if (orch && orch->kind == Y_MAP)
		check_orchestration(cx, orch, &pipelines);
}

void pipeline_validate(Arena *a, const char *text, size_t len, ValResult *out)
{
	memset(out, 0, sizeof *out);
	Ctx cx = {.a = a, .res = out, .text = text, .len = len};
	const YNode *root = load_yaml(&cx);
	if (root)
		check_document(&cx, root);
	if (out->errors.len > 1)
		qsort(out->errors.items, out->errors.len, sizeof(void *), cmp_errors);
}

/* ---- composition ------------------------------------------------------ */

bool val_node_is_sink(const ValNode *n)
{
	return n->type_known && (n->type == NODE_SINK_TABLE || n->type == NODE_SINK_FILE);
}

static void add_statement(Sbuf *out, const char *sql)
{
	size_t start, len;
	bool with;
	sql_statement_span(sql, &start, &len, &with);
	while (len && strchr(" \t\r\n", sql[start]))
		start++, len--;
	while (len && strchr(" \t\r\n", sql[start + len - 1]))
		len--;
	sbuf_add(out, sql + start, len);
}

static void add_cte(Arena *a, Sbuf *out, const ValNode *n, bool first)
{
	sbuf_addf(out, "%s%s AS (\n", first ? "WITH " : ",\n", sqlgen_ident(a, &dialect_postgres, n->id));
	if (n->sql) {
		add_statement(out, n->sql);
	} else { /* a source_file: the table the runner loaded it into */
		sbuf_adds(out, "SELECT ");
		for (uint32_t i = 0; i < n->columns.len; i++)
			sbuf_addf(out, "%s%s", i ? ", " : "",
				  sqlgen_ident(a, &dialect_postgres, n->columns.items[i]));
		if (!n->columns.len)
			sbuf_adds(out, "*");
		sbuf_addf(out, " FROM %s", sqlgen_ident(a, &dialect_postgres, n->table ? n->table : n->id));
	}
	sbuf_adds(out, "\n)");
}

bool *pipeline_ancestors(const ValPipeline *p, const ValNode *node, uint32_t *at)
{
	uint32_t n = p->nodes.len;
	for (*at = 0; *at < n && p->nodes.items[*at] != node;)
		++*at;
	if (*at == n)
		return NULL;
	bool *mark = xcalloc(n, 1);
	mark[*at] = true;
	/* depends_on names earlier nodes only, so one backward pass marks
	 * every ancestor */
	for (uint32_t i = *at + 1; i-- > 0;) {
		const ValNode *v = p->nodes.items[i];
		for (uint32_t d = 0; mark[i] && d < v->depends_on.len; d++)
			for (uint32_t j = 0; j < i; j++)
				if (strcmp(((ValNode *)p->nodes.items[j])->id, v->depends_on.items[d]) == 0)
					mark[j] = true;
	}
	return mark;
}

bool pipeline_compose(Arena *a, const ValPipeline *p, const ValNode *sink, Sbuf *out, const ValNode **blocker)
{
	uint32_t si;
	bool *mark = pipeline_ancestors(p, sink, &si);
	if (!mark)
		return false;
	*blocker = NULL;
	for (uint32_t i = 0; i < si && !*blocker; i++) {
		const ValNode *node = p->nodes.items[i];
		if (mark[i] && !node->sql && !node->at_source &&
		    !(node->type_known && node->type == NODE_SOURCE_FILE))
			*blocker = node;
	}
	bool first = true;
	for (uint32_t i = 0; i < si && !*blocker; i++) /* run-at-source rows are a table */
		if (mark[i] && !((const ValNode *)p->nodes.items[i])->at_source) {
			add_cte(a, out, p->nodes.items[i], first);
			first = false;
		}
	free(mark);
	if (*blocker || !sink->sql)
		return false;
	size_t start, len;
	bool with;
	sql_statement_span(sink->sql, &start, &len, &with);
	if (first) {
		add_statement(out, sink->sql);
	} else if (with) { /* WITH ... WITH does not parse: the sink becomes the last CTE */
		add_cte(a, out, sink, false);
		sbuf_addf(out, "\nSELECT * FROM %s", sqlgen_ident(a, &dialect_postgres, sink->id));
	} else {
		sbuf_addch(out, '\n');
		add_statement(out, sink->sql);
	}
	/* a trailing line comment would swallow what follows */
	const char *last = strrchr(out->buf, '\n');
	if (strstr(last ? last : out->buf, "--"))
		sbuf_addch(out, '\n');
	return true;
}

bool pipeline_compose_over(Arena *a, const ValPipeline *p, const ValNode *node, const char *sql, Sbuf *out,
			   const ValNode **blocker)
{
	*blocker = node;
	if (!node || !node->sql || !sql)
		return false;
	Sbuf sb = SBUF_INIT;
	bool ok = pipeline_compose(a, p, node, &sb, blocker);
	size_t start, len;
	bool with;
	sql_statement_span(sql, &start, &len, &with);
	if (ok) {
		sbuf_addf(out, "WITH %s AS (\n%s\n)\n", sqlgen_ident(a, &dialect_postgres, node->id), sb.buf);
		if (with) /* WITH ... WITH does not parse: the SELECT becomes a derived table */
			sbuf_adds(out, "SELECT * FROM (\n");
		add_statement(out, sql);
		if (with)
			sbuf_adds(out, "\n) AS akko_over");
		const char *last = strrchr(out->buf, '\n');
		if (strstr(last ? last : out->buf, "--"))
			sbuf_addch(out, '\n');
	}
	sbuf_release(&sb);
	return ok;
}

bool pipeline_compose_update(Arena *a, const ValPipeline *p, const ValVarUpdate *u, Sbuf *out,
			     const ValNode **blocker)
{
	*blocker = u->node;
	return u->sql && pipeline_compose_over(a, p, u->node, u->sql, out, blocker);
}
