/* lower.c - the rule engine's walk: a flow's steps to pipeline nodes (src/rules).
 *
 * One mapping becomes one IrPipeline.  Steps are lowered in dependency
 * order, each by the rule of its neutral StepKind (lower_step() dispatches to
 * lower_*.c and to a tool's pc_*.c); each rule builds a node whose SQL reads
 * the nodes of its inputs under the alias `t` (or `d`/`m` for a Joiner's
 * detail and master), so the nodes compose into WITH ... SELECT per sink
 * (docs/pipeline-yaml.md).  Here: the rule table, the node helpers of
 * lower.h, the walk, and printing, checking and the fallback path.
 *
 * A SQL node is kept as parts (select items, the rest) until the whole
 * mapping is lowered, because a later step may need an earlier passive
 * node to carry a column through (a Source Qualifier column read after a
 * connected Lookup): lower_carry_column() appends it, and finish() prints the
 * SQL at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

/* clang-format off */
static const RuleDef rule_table[] = {
	{"powercenter/source", STEP_SOURCE, "Source Definition", NODE_SOURCE_TABLE, 1.00,
	 "a relational source: SELECT of its columns; a flat file is a source_file the runner loads"},
	{"powercenter/source_qualifier", STEP_SOURCE_QUERY, "Source Qualifier", NODE_SOURCE_PUSHDOWN, 0.95,
	 "generated query: sources joined by the user-defined join or their keys, source filter, "
	 "select distinct, sorted ports; 0.90 with a SQL override, kept in the source dialect"},
	{"powercenter/expression", STEP_EXPRESSION, "Expression", NODE_EXPRESSION, 0.85,
	 "output ports translated by the expression translator, variable ports inlined"},
	{"powercenter/lookup", STEP_LOOKUP, "Lookup Procedure", NODE_LOOKUP, 0.85,
	 "LEFT JOIN LATERAL over the lookup's relation; 0.75 for first/last (cache order), "
	 "0.65 with a lookup SQL override; unconnected lookups are relations for :LKP. calls"},
	{"powercenter/aggregator", STEP_AGGREGATE, "Aggregator", NODE_GROUP_BY, 0.95,
	 "GROUP BY the group-by ports; aggregate expressions translated"},
	{"powercenter/filter", STEP_FILTER, "Filter", NODE_WHERE, 0.98,
	 "WHERE the condition (NULL drops the row, as in PowerCenter)"},
	{"powercenter/joiner", STEP_JOIN, "Joiner", NODE_JOIN, 0.90,
	 "normal: JOIN; master outer: detail LEFT JOIN master; detail outer: master LEFT JOIN "
	 "detail; full outer: FULL JOIN"},
	{"powercenter/sorter", STEP_SORT, "Sorter", NODE_ORDER_BY, 0.98,
	 "ORDER BY the sort keys; DISTINCT when the sorter is distinct"},
	{"powercenter/router", STEP_ROUTER, "Router", NODE_BRANCH, 0.85,
	 "one node per output group: WHERE (cond) IS TRUE; the default group takes the rows no "
	 "group took, NULL conditions included"},
	{"powercenter/sequence", STEP_SEQUENCE, "Sequence", NODE_SEQUENCE, 0.90,
	 "start + (row_number() - 1) * increment over the consumer's rows (arrival order)"},
	{"powercenter/update_strategy", STEP_UPDATE_STRATEGY, "Update Strategy", NODE_UPSERT, 0.80,
	 "akko_operation from DD_INSERT/DD_UPDATE/DD_DELETE/DD_REJECT; the sink becomes an upsert"},
	{"powercenter/union", STEP_UNION, "Union Transformation", NODE_UNION, 0.95,
	 "UNION ALL of the input groups, by port position"},
	{"powercenter/rank", STEP_RANK, "Rank", NODE_RANK, 0.85,
	 "rank() OVER (PARTITION BY group ports ORDER BY rank port) <= N"},
	{"powercenter/normalizer", STEP_NORMALIZER, "Normalizer", NODE_NORMALIZER, 0.70,
	 "one SELECT per occurrence, UNION ALL, with the occurrence number (GCID)"},
	{"powercenter/target", STEP_TARGET, "Target Definition", NODE_SINK_TABLE, 0.95,
	 "columns in target order, unconnected ones NULL; load mode from the update strategy, "
	 "truncate option and row treatment"},
	{"powercenter/transaction_control", STEP_TRANSACTION_CONTROL, "Transaction Control",
	 NODE_EXPRESSION, 0.80, "rows pass through; commit and rollback points are not represented"},
	{"powercenter/mapplet", STEP_FLOW_INPUT, "Input Transformation", NODE_EXPRESSION, 1.00,
	 "mapplets are expanded in place; their Input and Output transformations only rename"},
	{"powercenter/sql_query", STEP_SQL, "SQL Transformation (query mode)", NODE_JOIN, 0.80,
	 "a static query runs at the source, kept in its dialect (a source_sql node); each input row "
	 "is joined to its rows, at most Max Output Row Count; with pass-through ports a row that "
	 "gets none is kept with NULLs; SQLError is NULL; script mode, ports bound into the query and "
	 "dynamic connections take the fallback path"},
	{"powercenter/fallback", STEP_CUSTOM, "Custom Transformation, Stored Procedure, XML Source "
	 "Qualifier, Java, HTTP, SQL", NODE_PLACEHOLDER, 0.00,
	 "no rule: fallback path (llm_unavailable until an LLM is configured), manual review"},
};
/* clang-format on */

const RuleDef *rules_table(size_t *n)
{
	*n = ARRAY_LEN(rule_table);
	return rule_table;
}

const RuleDef *lower_rule_for(StepKind k)
{
	for (size_t i = 0; i < ARRAY_LEN(rule_table); i++)
		if (rule_table[i].kind == k)
			return &rule_table[i];
	return &rule_table[ARRAY_LEN(rule_table) - 1];
}

/* ---- state and nodes ------------------------------------------------------------- */

const char *lower_ident(Lower *L, const char *name)
{
	return sqlgen_ident(L->a, L->dialect, name);
}

/* Column names are the lower-case identifiers SQL sees (unquoted form). */
const char *lower_colname(Lower *L, const char *name)
{
	char *s = arena_strdup(L->a, name);
	for (char *c = s; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

StepInfo *lower_info_of(Lower *L, const AstStep *s)
{
	return strmap_get(&L->by_step, s->name);
}

static uint32_t line_of(const AstStep *s)
{
	return s->loc.line;
}

const char *lower_prop(const AstStep *s, Setting key)
{
	const AstProp *p = ast_props_find(&s->props, key);
	return p && p->value && *p->value ? p->value : NULL;
}

bool lower_prop_yes(const AstStep *s, Setting key)
{
	const char *v = lower_prop(s, key);
	return v && (ascii_ieq(v, "YES") || ascii_ieq(v, "1") || ascii_ieq(v, "TRUE") || ascii_ieq(v, "ON"));
}

void lower_warn(Lower *L, LNode *ln, DiagCode code, const AstStep *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = expr_vformat(L->a, fmt, ap);
	va_end(ap);
	ir_warn(L->a, &ln->n->warnings, diag_code_str(code), s ? line_of(s) : 0, "%s", msg);
	if (code == W_RULE_DIFFERENCE)
		ln->differences++;
	Diag d = {.code = code, .loc = s ? s->loc : (SrcLoc){0}};
	d.context = s ? arena_sprintf(L->a, "in %s '%s' of mapping '%s'",
				      s->orig_kind ? s->orig_kind : "step", s->name, L->flow->name)
		      : NULL;
	diag_emit(L->sink, &d, "%s", msg);
}

/* A rule's name for the document's tool: the table's "powercenter/x"
 * becomes "<prefix>/x" (the same string for PowerCenter). */
const char *lower_rule_name(Lower *L, const char *name)
{
	const char *slash = strchr(name, '/');
	const char *pre = L->sem->rule_prefix;
	if (!slash || (strlen(pre) == (size_t)(slash - name) && strncmp(name, pre, strlen(pre)) == 0))
		return name;
	return arena_sprintf(L->a, "%s%s", pre, slash);
}

LNode *lower_node_new(Lower *L, NodeType type, const char *id, const AstStep *s, const RuleDef *r)
{
	LNode *ln = ARENA_NEW(L->a, LNode);
	ln->n = ir_node_new(L->a, NULL, type, id);
	strmap_init(&ln->carried, L->a, false);
	ln->expr_factor = 1.0;
	if (s) {
		ln->step = s;
		ln->loc = s->loc;
		ln->n->origin.object = s->name;
		ln->n->origin.kind = s->orig_kind ? s->orig_kind : step_kind_name(s->kind);
		ln->n->origin.line = line_of(s);
	}
	if (r) {
		ln->n->rule = lower_rule_name(L, r->name);
		ln->n->base_confidence = r->base;
		ln->n->confidence = r->base;
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)arena_sprintf(L->a, "rule %s: base %.2f", ln->n->rule, r->base));
	}
	return ln;
}

/* Add the node to the pipeline: after its inputs, so nodes stay in
 * dependency order. */
void lower_node_add(Lower *L, LNode *ln)
{
	ptrvec_push(L->a, &L->p->nodes, ln->n);
	ptrvec_push(L->a, &L->all, ln);
}

void lower_add_dep(Lower *L, LNode *ln, const char *id)
{
	for (uint32_t i = 0; i < ln->n->depends_on.len; i++)
		if (strcmp(ln->n->depends_on.items[i], id) == 0)
			return;
	ptrvec_push(L->a, &ln->n->depends_on, (void *)id);
}

void lower_add_col(Lower *L, LNode *ln, const char *name, const char *type)
{
	IrColumn *c = ARENA_NEW(L->a, IrColumn);
	c->name = name;
	c->type = type;
	ptrvec_push(L->a, &ln->n->columns, c);
}

bool lower_has_col(const LNode *ln, const char *name)
{
	for (uint32_t i = 0; i < ln->n->columns.len; i++)
		if (strcmp(((IrColumn *)ln->n->columns.items[i])->name, name) == 0)
			return true;
	return false;
}

const char *lower_col_type(const LNode *ln, const char *name)
{
	for (uint32_t i = 0; i < ln->n->columns.len; i++) {
		IrColumn *c = ln->n->columns.items[i];
		if (strcmp(c->name, name) == 0)
			return c->type;
	}
	return "text";
}

/* A column name not yet used in the node. */
const char *lower_fresh_col(Lower *L, LNode *ln, const char *name)
{
	const char *n = name;
	for (int k = 2; lower_has_col(ln, n); k++)
		n = arena_sprintf(L->a, "%.55s_%d", name, k);
	return n;
}

void lower_add_item(Lower *L, LNode *ln, const char *expr, const char *alias, const char *type)
{
	ptrvec_push(L->a, &ln->items, (void *)arena_sprintf(L->a, "%s AS %s", expr, lower_ident(L, alias)));
	lower_add_col(L, ln, alias, type);
}

/* Turn a node into a placeholder: no SQL, manual review. */
void lower_placeholder(Lower *L, LNode *ln, ConvSource src, const char *why)
{
	ln->n->type = NODE_PLACEHOLDER;
	ln->n->source = src;
	ln->n->confidence = 0;
	ln->n->review = true;
	ln->n->note = why;
	ln->n->table = NULL; /* a placeholder has no payload */
	ln->n->keys = (PtrVec){0};
	ln->n->load_order = 0;
	ln->n->operation = NULL;
	ln->n->pre_sql = ln->n->post_sql = NULL;
	ln->tail = NULL;
	ln->full = NULL;
	ln->carry = false;
	ptrvec_push(L->a, &ln->n->evidence, (void *)arena_sprintf(L->a, "fallback: %s", why));
}

/* ---- ports, step nodes and placeholders ------------------------------------------ */

bool lower_is_variable(const AstPort *p)
{
	return (p->dir & PORT_VAR) && !(p->dir & PORT_IN);
}

int lower_port_index(const AstStep *s, const AstPort *p)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (s->ports.items[i] == p)
			return (int)i;
	return -1;
}

int lower_port_named(const AstStep *s, const char *name)
{
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (ascii_ieq(((AstPort *)s->ports.items[i])->name, name))
			return (int)i;
	return -1;
}

LNode *lower_step_node(Lower *L, StepInfo *si, NodeType type, const char *prefix)
{
	const AstStep *s = si->s;
	const char *id =
	    ir_make_id(L->a, &L->ids, prefix ? arena_sprintf(L->a, "%s%s", prefix, s->name) : s->name);
	LNode *ln = lower_node_new(L, type, id, s, lower_rule_for(s->kind));
	si->node = ln;
	si->cols = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	return ln;
}

/* What becomes of a placeholder (W0603). */
static const char *fallback_fate(const Lower *L)
{
	return L->o->fallback ? "a placeholder for manual review unless the LLM fallback converts it"
			      : "kept as a placeholder for manual review (no LLM configured)";
}

/* The placeholder for a step that cannot be lowered: its output ports
 * still exist, so downstream steps can be lowered and reviewed. */
void lower_fallback(Lower *L, StepInfo *si, ConvSource src, const char *why)
{
	LNode *ln = si->node ? si->node : lower_step_node(L, si, NODE_PLACEHOLDER, NULL);
	lower_placeholder(L, ln, src, why);
	for (uint32_t i = 0; si->in && i < si->s->ports.len; i++) /* what it reads, for review */
		if (si->in[i].node)
			lower_add_dep(L, ln, si->in[i].node->n->id);
	for (uint32_t i = 0; i < si->s->ports.len; i++) {
		const AstPort *p = si->s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	lower_warn(L, ln, W_RULE_FALLBACK, si->s, "%s: %s", why, fallback_fate(L));
}

void pc_rule_update_strategy(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	lower_expression(L, si, ln, d, false);
	const AstProp *c = ast_props_find(&si->s->props, SET_UPDATE_STRATEGY);
	const char *v = "0";
	if (c && c->expr && c->value && *c->value) {
		v = lower_translate(L, ln, c->expr, "update strategy expression", false, false, NULL);
		if (!v)
			return;
	}
	lower_add_item(L, ln,
		       arena_sprintf(L->a,
				     "CASE %s WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' "
				     "WHEN 3 THEN 'reject' END",
				     v),
		       lower_fresh_col(L, ln, "akko_operation"), "text");
}

/* ---- SQL Transformation ------------------------------------------------------------ */

/* A METADATAEXTENSION value of the step or of its definition. */
static const char *extension(const AstStep *s, const char *name)
{
	for (const AstStep *x = s; x; x = x->def != x ? x->def : NULL) {
		for (uint32_t i = 0; i < x->extras.len; i++) {
			const AstElem *e = x->extras.items[i];
			if (!e->tag || strcmp(e->tag, "METADATAEXTENSION") != 0)
				continue;
			const AstProp *n = ast_props_find_name(&e->attrs, "NAME");
			const AstProp *v = ast_props_find_name(&e->attrs, "VALUE");
			if (n && n->value && strcasecmp(n->value, name) == 0)
				return v ? v->value : NULL;
		}
	}
	return NULL;
}

/* How `sql` reads port `name`: '?' binds it as a parameter (?NAME?), '~'
 * substitutes its text (~NAME~); 0 when it does not. */
static char binds_port(const char *sql, const char *name)
{
	size_t n = strlen(name);
	for (const char *c = sql; *c; c++)
		if ((*c == '?' || *c == '~') && strncasecmp(c + 1, name, n) == 0 && c[n + 1] == *c)
			return *c;
	return 0;
}

/* Past the comment at c (-- to the line's end, or slash-star to
 * star-slash); c itself when none starts there. */
static const char *comment_end(const char *c)
{
	if (c[0] == '-' && c[1] == '-')
		return c + strcspn(c, "\n");
	if (c[0] == '/' && c[1] == '*') {
		const char *e = strstr(c + 2, "*/");
		return e ? e + 2 : c + strlen(c);
	}
	return c;
}

/* Past blanks, comments and opening parentheses. */
static const char *sql_skip(const char *c)
{
	for (;;) {
		while (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == '(')
			c++;
		const char *e = comment_end(c);
		if (e == c)
			return c;
		c = e;
	}
}

/* Why a query cannot run once and be read as rows: it is not one SELECT
 * (a DML statement returns no rows and changes the database; several
 * statements run in turn); NULL when it is one query. */
static const char *not_one_query(const char *sql)
{
	const char *c = sql_skip(sql);
	size_t n = strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	if (!((n == 6 && strncasecmp(c, "SELECT", 6) == 0) || (n == 4 && strncasecmp(c, "WITH", 4) == 0)))
		return "the query is not a SELECT: it changes the database, once per input row";
	char quote = 0;
	for (; *c; c++) {
		if (quote) {
			quote = *c == quote ? 0 : quote;
		} else if (*c == '\'' || *c == '"') {
			quote = *c;
		} else if (comment_end(c) != c) { /* a ';' in a comment ends nothing */
			c = comment_end(c) - 1;
		} else if (*c == ';' && *sql_skip(c + 1)) {
			return "the query holds several statements";
		}
	}
	return NULL;
}

/* The input port an SQL Transformation output port passes through: the
 * Designer names it "<input>_output" (or the port is input/output). */
static int passes_through(const AstStep *s, const AstPort *p)
{
	if ((p->dir & PORT_IN) && (p->dir & PORT_OUT))
		return lower_port_index(s, p);
	size_t n = strlen(p->name);
	if (n <= 7 || strcasecmp(p->name + n - 7, "_output") != 0)
		return -1;
	for (uint32_t j = 0; j < s->ports.len; j++) {
		const AstPort *q = s->ports.items[j];
		if ((q->dir & PORT_IN) && strlen(q->name) == n - 7 &&
		    strncasecmp(q->name, p->name, n - 7) == 0)
			return (int)j;
	}
	return -1;
}

/* SQL Transformation in query mode with a static query: the query does
 * not read the row, so it runs once at the source (its rows materialised
 * under `<step>_query`, as a SQL override is) and every input row is
 * joined to those rows.  PowerCenter keeps an input row whose query
 * returns nothing when the transformation has pass-through ports. */
void pc_rule_sql_transformation(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	const char *mode = extension(s, "SQL_Mode");
	const char *conn = extension(s, "Connection_Type");
	const char *sql = extension(s, "SQL_Query");
	lower_add_dep(L, ln, d->n->id); /* a placeholder keeps it, for review */
	if (mode && strcmp(mode, "0") != 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "script mode: the SQL scripts it runs are named by an input port at run "
				  "time and are not in the export");
		return;
	}
	if (conn && strcmp(conn, "0") != 0) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "the database connection comes from input ports at run time");
		return;
	}
	if (!sql || !*sql) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the export holds no query");
		return;
	}
	const char *why = not_one_query(sql);
	if (why) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, why);
		return;
	}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		char how = (p->dir & PORT_IN) ? binds_port(sql, p->name) : 0;
		if (how) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  arena_sprintf(L->a,
							"the query %s input port '%s' (%c%s%c): it runs "
							"once per row at the source",
							how == '?' ? "binds" : "substitutes the text of",
							p->name, how, p->name, how));
			return;
		}
		if ((p->dir & PORT_OUT) && strcasecmp(p->name, "NumRowsAffected") == 0) {
			lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
					  "the NumRowsAffected port counts statements the database runs");
			return;
		}
	}
	uint32_t filled = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		filled +=
		    (p->dir & PORT_OUT) && strcasecmp(p->name, "SQLError") != 0 && passes_through(s, p) < 0;
	}
	if (!filled) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the query fills no output port");
		return;
	}
	/* the query's rows, read by position into the output ports it fills */
	LNode *q =
	    lower_node_new(L, NODE_SOURCE_PUSHDOWN,
			   ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_query", ln->n->id)), s, NULL);
	lower_pushdown_override(L, q, s, sql, 0.90);
	ptrvec_push(L->a, &q->n->evidence,
		    (void *)"the SQL Transformation's query; its columns are read by position, as "
			    "PowerCenter requires the output ports to match the SELECT list");
	bool keep = false;
	Sbuf cols = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		int j = passes_through(s, p);
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e;
		if (strcasecmp(p->name, "SQLError") == 0) {
			e = arena_sprintf(L->a, "CAST(NULL AS %s)", type); /* no error: NULL */
		} else if (j >= 0) {
			keep = true;
			e = lower_passed_value(L, ln, p, &L->cur_in[j], type);
		} else {
			const char *qc = lower_fresh_col(L, q, lower_colname(L, p->name));
			lower_add_col(L, q, qc, type);
			sbuf_addf(&cols, "%s%s", cols.len ? ", " : "", lower_ident(L, qc));
			e = arena_sprintf(L->a, "r.%s", lower_ident(L, qc));
		}
		lower_add_item(L, ln, e, name, type);
		si->cols[i] = name;
	}
	lower_node_add(L, q);
	const char *max = extension(s, "Max_Out_Row_Count");
	long long limit = max ? strtoll(max, NULL, 10) : 0;
	lower_add_dep(L, ln, q->n->id);
	ln->tail =
	    arena_sprintf(L->a, "FROM %s AS t\n%s (SELECT %s FROM %s%s) AS r%s", d->n->id,
			  keep ? "LEFT JOIN" : "CROSS JOIN", cols.buf, q->n->id,
			  limit > 0 ? arena_sprintf(L->a, " LIMIT %lld", limit) : "", keep ? " ON true" : "");
	sbuf_release(&cols);
	ptrvec_push(L->a, &ln->n->evidence,
		    (void *)(keep ? "pass-through ports: an input row the query returns no row for is "
				    "kept once, its query ports NULL"
				  : "no pass-through ports: an input row the query returns no row for "
				    "gives no row"));
	lower_warn(L, ln, W_RULE_DIFFERENCE, s,
		   "a database error stops the run; PowerCenter would put it in SQLError and go on");
}

void pc_rule_normalizer(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	/* output ports: a GCID_ port, a GK_ port, and the normalized columns;
	 * input ports NAME1..NAMEn (or NAME_in1..) feed NAME occurrence by occurrence */
	lower_add_dep(L, ln, d->n->id);
	PtrVec outs = {0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_OUT) && !(p->dir & PORT_IN))
			ptrvec_push(L->a, &outs, (void *)(uintptr_t)i);
	}
	int occurs = 0;
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		for (int n = 1; n < 100; n++) {
			char want[300];
			snprintf(want, sizeof want, "%s_in%d", p->name, n);
			int a = lower_port_named(s, want);
			snprintf(want, sizeof want, "%s%d", p->name, n);
			int b = lower_port_named(s, want);
			if (a < 0 && b < 0)
				break;
			if (n > occurs)
				occurs = n;
		}
	}
	if (!occurs) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "the normalizer's occurring input ports were not recognised");
		return;
	}
	for (uint32_t k = 0; k < outs.len; k++) {
		uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
		const AstPort *p = s->ports.items[i];
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	Sbuf b = SBUF_INIT;
	for (int n = 1; n <= occurs; n++) {
		sbuf_addf(&b, "%sSELECT ", n > 1 ? "\nUNION ALL\n" : "");
		for (uint32_t k = 0; k < outs.len; k++) {
			uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
			const AstPort *p = s->ports.items[i];
			const IrColumn *oc = ln->n->columns.items[k];
			char want[300];
			const char *e = "NULL";
			if (strncasecmp(p->name, "GCID_", 5) == 0)
				e = arena_sprintf(L->a, "%d", n);
			else if (strncasecmp(p->name, "GK_", 3) == 0)
				e = "NULL";
			else {
				snprintf(want, sizeof want, "%s_in%d", p->name, n);
				int src = lower_port_named(s, want);
				if (src < 0) {
					snprintf(want, sizeof want, "%s%d", p->name, n);
					src = lower_port_named(s, want);
				}
				if (src <
				    0) { /* a column that does not occur: the same input port every time */
					snprintf(want, sizeof want, "%s_in", p->name);
					src = lower_port_named(s, want);
					if (src < 0)
						src = lower_port_named(s, p->name);
				}
				if (src >= 0 && L->cur_in[src].node)
					e = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col));
			}
			sbuf_addf(&b, "%sCAST(%s AS %s) AS %s", k ? ", " : "", e, oc->type,
				  lower_ident(L, oc->name));
		}
		sbuf_addf(&b, " FROM %s AS t", d->n->id);
	}
	ln->full = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		if (strncasecmp(p->name, "GK_", 3) == 0)
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "the generated key '%s' is NULL: it needs a sequence the runner keeps",
				   p->name);
	}
}

/* ---- the walk ---------------------------------------------------------------------- */

void lower_step(Lower *L, StepInfo *si)
{
	if (si->done || si->busy)
		return;
	si->busy = true;
	const AstStep *s = si->s;
	if (s->kind == STEP_SOURCE) {
		lower_source(L, si);
		si->done = true;
		return;
	}
	if (s->kind == STEP_SOURCE_QUERY) {
		lower_source_query(L, si);
		si->done = true;
		return;
	}
	if (lower_transparent(s) || s->kind == STEP_SEQUENCE) {
		si->done = true;
		return;
	}
	if (s->kind == STEP_LOOKUP && si->in_edges.len == 0) { /* unconnected: :LKP. reads its relation */
		si->done = true;
		return;
	}
	ColRef *in = lower_inputs(L, si); /* lowers the inputs first */
	si->in = in;
	const RuleDef *r = lower_rule_for(s->kind);
	NodeType type = r->node;
	StepInfo *saved = L->cur;
	ColRef *saved_in = L->cur_in;
	ExprBinding **saved_vars = L->cur_vars, **saved_pre = L->cur_pre, **saved_prev = L->cur_prev;
	L->cur = si;
	L->cur_in = in;
	L->cur_vars = L->cur_pre = L->cur_prev = NULL;
	L->cur_order = NULL;
	const char *why = NULL;
	if (type == NODE_PLACEHOLDER || s->disabled) {
		lower_fallback(L, si, s->kind == STEP_SCRIPT ? CONV_UNSUPPORTED : CONV_LLM_UNAVAILABLE,
			       arena_sprintf(L->a, "no rule converts a %s",
					     s->orig_kind ? s->orig_kind : step_kind_name(s->kind)));
		lower_node_add(L, si->node);
	} else if (s->kind == STEP_ROUTER) {
		LNode *d = si->d = lower_single_input(L, si, in, &why);
		if (d)
			lower_router(L, si, d);
		else {
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
			lower_node_add(L, si->node);
		}
	} else {
		LNode *ln = lower_step_node(L, si, type, s->kind == STEP_TARGET ? "tgt_" : NULL);
		LNode *d = NULL;
		if (s->kind != STEP_JOIN && s->kind != STEP_UNION) {
			d = si->d = lower_single_input(L, si, in, &why);
			if (!d) {
				lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
				lower_node_add(L, ln);
				goto out;
			}
		}
		L->row_alias = "t";
		switch (s->kind) {
		case STEP_EXPRESSION: lower_expression(L, si, ln, d, true); break;
		case STEP_TRANSACTION_CONTROL:
			lower_expression(L, si, ln, d, false);
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "rows pass through unchanged; the commit and rollback points are not "
				   "represented");
			break;
		case STEP_FILTER: lower_filter(L, si, ln, d); break;
		case STEP_UPDATE_STRATEGY: pc_rule_update_strategy(L, si, ln, d); break;
		case STEP_SORT: lower_sorter(L, si, ln, d); break;
		case STEP_AGGREGATE: lower_aggregator(L, si, ln, d); break;
		case STEP_RANK: lower_rank(L, si, ln, d); break;
		case STEP_LOOKUP: lower_lookup(L, si, ln, d); break;
		case STEP_JOIN:
			L->row_alias = NULL;
			lower_joiner(L, si, ln, in);
			break;
		case STEP_UNION: lower_union(L, si, ln, in); break;
		case STEP_NORMALIZER: pc_rule_normalizer(L, si, ln, d); break;
		case STEP_SQL: pc_rule_sql_transformation(L, si, ln, d); break;
		case STEP_TARGET: lower_target(L, si, ln, d, in); break;
		default: lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no rule"); break;
		}
		L->row_alias = NULL;
		lower_warn_conversions(L, ln, s);
		if (ln->n->type == NODE_PLACEHOLDER) {
			/* keep the output ports so downstream steps still lower */
			for (uint32_t i = 0; i < s->ports.len; i++) {
				const AstPort *p = s->ports.items[i];
				if (!(p->dir & PORT_OUT) || si->cols[i])
					continue;
				const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
				lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
				si->cols[i] = name;
			}
			lower_warn(L, ln, W_RULE_FALLBACK, s, "%s: %s",
				   ln->n->note ? ln->n->note : "not converted", fallback_fate(L));
		}
		lower_node_add(L, ln);
	}
out:
	L->cur = saved;
	L->cur_in = saved_in;
	L->cur_vars = saved_vars;
	L->cur_pre = saved_pre;
	L->cur_prev = saved_prev;
	si->done = true;
}

/* Print the SQL of a node from its parts. */
static void finish(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	if (n->type != NODE_PLACEHOLDER) /* docs/pipeline-yaml.md, "Confidence" */
		n->confidence = n->base_confidence * ln->expr_factor - 0.05 * ln->differences;
	if (n->type == NODE_PLACEHOLDER || n->type == NODE_SOURCE_FILE || n->source_sql) {
		n->sql = NULL;
		return;
	}
	if (ln->full) {
		n->sql = ln->full;
		return;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, ln->distinct ? "SELECT DISTINCT\n" : "SELECT\n");
	for (uint32_t i = 0; i < ln->items.len; i++)
		sbuf_addf(&b, "  %s%s\n", (const char *)ln->items.items[i], i + 1 < ln->items.len ? "," : "");
	if (!ln->items.len)
		sbuf_adds(&b, "  1 AS akko_none\n");
	if (ln->tail)
		sbuf_adds(&b, ln->tail);
	n->sql = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
}

static void check_sql(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	const char *why = NULL;
	if (!n->sql || !L->o->sql_ok || L->o->sql_ok(L->o->sql_ok_ud, n->sql, &why))
		return;
	if (ln->alt_source_sql) { /* source-dialect SQL: the query runs at the source */
		const AstStep *s = ln->step;
		PtrVec kept = {0}; /* the parameter notes were about the PostgreSQL form */
		for (uint32_t i = 0; i < n->warnings.len; i++) {
			IrWarning *w = n->warnings.items[i];
			if (strcmp(w->code, diag_code_str(W_RULE_SQL_PARAM)) != 0)
				ptrvec_push(L->a, &kept, w);
		}
		n->warnings = kept;
		lower_pushdown_override(L, ln, s, ln->alt_source_sql, 0.90);
		n->sql = NULL;
		ptrvec_push(
		    L->a, &n->evidence,
		    (void *)arena_sprintf(L->a,
					  "PostgreSQL refuses the filter or join (%s): the query runs at "
					  "the source as PowerCenter would send it",
					  why));
		return;
	}
	lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
			  arena_sprintf(L->a, "the SQL fails the check: %s", why));
	n->sql = NULL;
	ir_warn(L->a, &n->warnings, diag_code_str(W_RULE_SQL_CHECK), n->origin.line,
		"the generated SQL fails the PostgreSQL check (%s); the node is kept for review", why);
	const IrWarning *w = n->warnings.items[n->warnings.len - 1];
	Diag d = {.code = W_RULE_SQL_CHECK, .loc = ln->loc};
	d.context = arena_sprintf(L->a, "in node '%s' of mapping '%s'", n->id, L->flow->name);
	diag_emit(L->sink, &d, "%s", w->message);
}

/* ---- the fallback path (docs/llm.md) ------------------------------------------------ */

/* Ask the fallback for a placeholder; a draft it returns (validated by
 * the caller) replaces the placeholder, columns unchanged. */
static void fallback_node(Lower *L, LNode *ln)
{
	IrNode *n = ln->n;
	const char *refused = pc_fallback_refusal(ln->step, n);
	if (refused) {
		lower_warn(L, ln, W_LLM_NOT_ASKED, ln->step,
			   "not sent to the LLM: %s: kept as a placeholder for manual review", refused);
		return;
	}
	StepInfo *si = lower_info_of(L, ln->step);
	RulesFallbackRequest req = {.pipeline = L->flow->name, .node = n, .why = n->note};
	req.draft_sql = ln->draft_sql;
	pc_fallback_describe(L->a, ln->step, L->p, &req);
	bool mine = si && (si->node == ln || si->groups); /* not a node lowering added */
	for (uint32_t i = 0; mine && i < req.ports.len; i++) {
		RulesFallbackPort *fp = req.ports.items[i];
		if (si->cols && (!si->groups || si->groups[i] == ln))
			fp->column = si->cols[i];
		if (si->in && si->in[i].node && si->in[i].col)
			fp->from = arena_sprintf(L->a, "%s.%s", si->in[i].node->n->id, si->in[i].col);
	}
	RulesFallbackAnswer ans = {0};
	bool ok = L->o->fallback(L->o->fallback_ud, &req, &ans);
	for (uint32_t i = 0; i < ans.evidence.len; i++)
		ptrvec_push(L->a, &n->evidence, ans.evidence.items[i]);
	if (ok) {
		n->type = pc_fallback_type(lower_rule_for(ln->step->kind)->node, n);
		n->sql = ans.sql;
		n->source = CONV_LLM;
		n->confidence = ans.confidence;
		n->review = false; /* checking the draft is the LLM-assisted effort (docs/effort.md) */
		n->llm_model = ans.model;
		n->llm_key = ans.key;
		n->note = arena_sprintf(L->a, "drafted by an LLM: %s", n->note ? n->note : "no rule");
	} else {
		n->source = CONV_LLM_UNAVAILABLE;
	}
	lower_warn(L, ln, ans.code, ln->step, "%s", ans.message);
}

static void lower_flow(Lower *L, IrDoc *d, const AstFlow *f)
{
	L->flow = f;
	IrPipeline *p = ARENA_NEW(L->a, IrPipeline);
	p->name = f->name;
	p->origin.object = f->name;
	p->origin.kind = f->kind == FLOW_MAPPING ? "Mapping" : flow_kind_name(f->kind);
	p->origin.line = f->loc.line;
	L->p = p;
	/* the session that runs it gives parameters' values and connections */
	const AstSession *sess = NULL;
	const char *sess_name = NULL;
	for (uint32_t i = 0; i < L->folder->tasks.len && !sess; i++) {
		const AstTask *t = L->folder->tasks.items[i];
		if (t->session && t->session->mapping == f)
			sess = t->session, sess_name = t->name;
	}
	for (uint32_t c = 0; c < L->folder->controls.len && !sess; c++) {
		const AstControl *ctl = L->folder->controls.items[c];
		for (uint32_t i = 0; i < ctl->defs.len && !sess; i++) {
			const AstTask *t = ctl->defs.items[i];
			if (t->session && t->session->mapping == f)
				sess = t->session, sess_name = t->name;
		}
	}
	p->session = sess_name;
	pc_pipeline_params(L->a, L->doc, f, sess_name, &p->parameters);
	pc_pipeline_connections(L->a, L->doc, f, sess, &p->connections);
	strmap_init(&L->ids, L->a, false);
	strmap_init(&L->by_step, L->a, false);
	strmap_init(&L->relnodes, L->a, true);
	strmap_init(&L->seqnodes, L->a, false);
	/* node ids are relation names in SQL: never a word the dialect reserves */
	for (size_t i = 0; i < L->dialect->n_reserved; i++)
		strmap_put(&L->ids, L->dialect->reserved[i], (void *)"");
	/* the tables that node SQL reads are never node ids */
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		const char *t = s->kind == STEP_SOURCE && s->table ? s->table->name
				: s->kind == STEP_LOOKUP ? lower_prop(s->def ? s->def : s, SET_LOOKUP_TABLE)
							 : NULL;
		if (t)
			strmap_put(&L->ids, lower_colname(L, t), (void *)"");
	}
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		StepInfo *si = ARENA_NEW(L->a, StepInfo);
		si->s = s;
		strmap_put(&L->by_step, s->name, si);
	}
	for (uint32_t i = 0; i < f->edges.len; i++) {
		const AstEdge *e = f->edges.items[i];
		StepInfo *si = e->to ? lower_info_of(L, e->to) : NULL;
		if (si)
			ptrvec_push(L->a, &si->in_edges, (void *)e);
	}
	/* targets in load order drive the walk; then everything else */
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		if (s->kind == STEP_TARGET)
			lower_step(L, lower_info_of(L, s));
	}
	for (uint32_t i = 0; i < f->steps.len; i++)
		lower_step(L, lower_info_of(L, f->steps.items[i]));
	/* print, check, fall back */
	for (uint32_t i = 0; i < L->all.len; i++) {
		LNode *ln = L->all.items[i];
		finish(L, ln);
		ln->draft_sql = ln->n->sql;
		check_sql(L, ln);
		IrNode *n = ln->n;
		if (n->type != NODE_PLACEHOLDER && n->confidence < RULES_FALLBACK_THRESHOLD) {
			lower_placeholder(
			    L, ln, CONV_LLM_UNAVAILABLE,
			    arena_sprintf(L->a, "confidence %.2f is below the fallback threshold %.2f",
					  n->confidence, RULES_FALLBACK_THRESHOLD));
			n->sql = NULL;
		}
	}
	if (L->o->fallback)
		for (uint32_t i = 0; i < L->all.len; i++)
			if (((LNode *)L->all.items[i])->n->type == NODE_PLACEHOLDER)
				fallback_node(L, L->all.items[i]);
	/* a node reading a placeholder cannot run: say so where it matters */
	for (uint32_t i = 0; i < L->all.len; i++) {
		IrNode *n = ((LNode *)L->all.items[i])->n;
		for (uint32_t k = 0; k < n->depends_on.len; k++) {
			for (uint32_t j = 0; j < i; j++) {
				IrNode *up = ((LNode *)L->all.items[j])->n;
				if (strcmp(up->id, n->depends_on.items[k]) == 0 &&
				    up->type == NODE_PLACEHOLDER && n->type != NODE_PLACEHOLDER)
					ptrvec_push(L->a, &n->evidence,
						    (void *)arena_sprintf(
							L->a,
							"reads placeholder '%s': runs only after its review",
							up->id));
			}
		}
	}
	L->all = (PtrVec){0};
	ptrvec_push(L->a, &d->pipelines, p);
}

void rules_lower(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink)
{
	Lower L = {.a = a, .doc = doc, .o = o, .sink = sink, .sem = tool_semantics(doc->tool)};
	L.dialect = o->dialect ? o->dialect : &dialect_postgres;
	/* the language of the text the rules write (default values); until the
	 * tool's own language has a parser, the first registered one's */
	L.lang = expr_language(L.sem->expr_lang);
	if (!L.lang)
		L.lang = expr_languages()[0];
	/* every expression parsed once, kept on the AST (a cache: idempotent) */
	expr_parse_doc((AstDoc *)doc);
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		L.folder = doc->folders.items[i];
		for (uint32_t k = 0; k < L.folder->flows.len; k++) {
			const AstFlow *f = L.folder->flows.items[k];
			if (f->kind != FLOW_MAPPLET) /* mapplets are expanded where they are used */
				lower_flow(&L, d, f);
		}
	}
}

void rules_lower_powercenter(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink)
{
	rules_lower(a, doc, o, d, sink);
}
