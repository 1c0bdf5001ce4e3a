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
#include <string.h>

#include "ast/portidx.h"
#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"
#include "rules/tool_rules.h"

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
	 "ORDER BY the sort keys (NULLS FIRST ascending with Null Treated Low); DISTINCT when the "
	 "sorter is distinct"},
	{"powercenter/router", STEP_ROUTER, "Router", NODE_BRANCH, 0.85,
	 "one node per output group: WHERE (cond) IS TRUE; the default group takes the rows no "
	 "group took, NULL conditions included"},
	{"powercenter/sequence", STEP_SEQUENCE, "Sequence", NODE_SEQUENCE, 0.90,
	 "Current Value + (row_number() - 1) * Increment By over the consumer's rows (arrival order)"},
	{"powercenter/update_strategy", STEP_UPDATE_STRATEGY, "Update Strategy", NODE_UPSERT, 0.80,
	 "akko_operation from DD_INSERT/DD_UPDATE/DD_DELETE/DD_REJECT; the sink becomes an upsert"},
	{"powercenter/union", STEP_UNION, "Union Transformation", NODE_UNION, 0.95,
	 "UNION ALL of the input groups, by port position"},
	{"powercenter/rank", STEP_RANK, "Rank", NODE_RANK, 0.85,
	 "rank() OVER (PARTITION BY group ports ORDER BY rank port) <= N"},
	{"powercenter/normalizer", STEP_NORMALIZER, "Normalizer, Unpivot", NODE_NORMALIZER, 0.70,
	 "one SELECT per occurrence, UNION ALL, with the occurrence number (GCID); an unpivot "
	 "(input ports with pivot_key_value): a row per key value, CROSS JOIN LATERAL (VALUES ...), rows "
	 "whose values are all NULL left out"},
	{"powercenter/target", STEP_TARGET, "Target Definition", NODE_SINK_TABLE, 0.95,
	 "columns in target order, unconnected ones NULL; load mode from the update strategy, "
	 "truncate option and row treatment"},
	{"powercenter/transaction_control", STEP_TRANSACTION_CONTROL, "Transaction Control",
	 NODE_EXPRESSION, 0.80, "rows pass through; commit and rollback points are not represented"},
	{"powercenter/mapplet", STEP_FLOW_INPUT, "Input Transformation", NODE_EXPRESSION, 1.00,
	 "mapplets are expanded in place; their Input and Output transformations only rename"},
	{"powercenter/sql_query", STEP_SQL, "SQL Transformation (query mode)", NODE_JOIN, 0.80,
	 "the query runs at the source, kept in its dialect (a source_sql node): once, or once per "
	 "distinct value of the input ports it binds or substitutes (source_params); each input row "
	 "is joined to its rows, at most Max Output Row Count; with pass-through ports a row that "
	 "gets none is kept with NULLs; SQLError is NULL; script mode and dynamic connections take "
	 "the fallback path"},
	{"ssis/multicast", STEP_MULTICAST, "Multicast (SSIS)", NODE_EXPRESSION, 1.00,
	 "every output reads the same node: the input's rows and columns, unchanged"},
	{"ssis/data_conversion", STEP_SELECT, "Data Conversion (SSIS)", NODE_EXPRESSION, 0.95,
	 "each new column is its input column cast to the column's type, as the expression "
	 "language's cast does (a truncation or a failed conversion is a row error); the input's "
	 "columns pass through"},
	{"ssis/row_count", STEP_ROW_COUNT, "Row Count (SSIS)", NODE_EXPRESSION, 1.00,
	 "rows pass through unchanged; the variable is set to count(*) of them at the end of the "
	 "run: a variable_updates entry (update rows)"},
	{"ssis/sample", STEP_SAMPLE, "Percentage Sampling, Row Sampling (SSIS)", NODE_WHERE, 0.80,
	 "percentage: WHERE random() < p/100; rows: ORDER BY random() LIMIT n; a random sample "
	 "differs from run to run (W0602); the unselected output is not converted"},
	{"ssis/pivot", STEP_PIVOT, "Pivot (SSIS)", NODE_GROUP_BY, 0.85,
	 "GROUP BY the set keys; each key's column is the value of the set's row with that key, "
	 "(array_agg(v) FILTER (WHERE key = 'k'))[1]; two rows with one key in a set, or a key no "
	 "column takes (unless unmatched keys pass), fail the statement"},
	{"ssis/xml_source", STEP_XML_SOURCE, "XML Source (SSIS), XML Source Qualifier", NODE_SOURCE_FILE,
	 0.90,
	 "one source_file node per output group: the runner loads the file's occurrences of that "
	 "element (table.format xml, record, schema_file) into table.name, with the keys the source "
	 "generates (table.ids); a file or XML held by a variable takes the fallback path"},
	{"alteryx/unique", STEP_DEDUP, "Unique (Alteryx)", NODE_WHERE, 0.90,
	 "rows numbered within their key in arrival order: the first of each key to the unique output, "
	 "the others to the duplicate output; the order is a Sort's upstream, else PostgreSQL's (W1121)"},
	{"alteryx/generate_rows", STEP_GENERATE, "Generate Rows (Alteryx)", NODE_EXPRESSION, 0.90,
	 "a loop whose condition bounds the field and whose step adds a number (or DateTimeAdd): "
	 "generate_series(init, bound, step) per input row (or alone), WHERE the condition; other loops "
	 "take the fallback path"},
	{"datastage/change_capture", STEP_CHANGE_CAPTURE, "Change Capture (DataStage)", NODE_UNION, 0.90,
	 "the after rows no before row matches by key (insert), the before rows no after row matches "
	 "(delete), the matched pairs whose values differ (edit) or not (copy), each with its change code, "
	 "the kinds the stage keeps; keys and values compare with IS NOT DISTINCT FROM"},
	{"powercenter/fallback", STEP_CUSTOM, "Custom Transformation, Stored Procedure, Java, HTTP, "
	 "SQL", NODE_PLACEHOLDER, 0.00,
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
	/* PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN),
	 * cut where a UTF-8 character starts */
	size_t n = strlen(name);
	if (n > 63) {
		n = 63;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	char *s = arena_strndup(L->a, name, n);
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
	if (ln)
		ir_warn(L->a, &ln->n->warnings, diag_code_str(code), s ? line_of(s) : 0, "%s", msg);
	if (ln && code == W_RULE_DIFFERENCE)
		ln->differences++;
	Diag d = {.code = code, .loc = s ? s->loc : (SrcLoc){0}};
	d.context = s ? arena_sprintf(L->a, "in %s '%s' of %s '%s'",
				      s->orig_kind ? s->orig_kind : "step", s->name, lower_flow_word(L),
				      L->flow->name)
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

enum { COLMAP_FROM = 8 }; /* below this many columns a scan is as fast as a map */

void lower_add_col(Lower *L, LNode *ln, const char *name, const char *type)
{
	IrColumn *c = ARENA_NEW(L->a, IrColumn);
	c->name = name;
	c->type = type;
	PtrVec *cols = &ln->n->columns;
	ptrvec_push(L->a, cols, c);
	if (cols->len == COLMAP_FROM) {
		strmap_init(&ln->colmap, L->a, false);
		for (uint32_t i = 0; i < cols->len; i++)
			strmap_put(&ln->colmap, ((IrColumn *)cols->items[i])->name, cols->items[i]);
	} else if (cols->len > COLMAP_FROM) {
		strmap_put(&ln->colmap, name, c); /* keeps the first of a name */
	}
}

/* The node's first column called `name`, or NULL. */
static const IrColumn *find_col(const LNode *ln, const char *name)
{
	const PtrVec *cols = &ln->n->columns;
	if (cols->len >= COLMAP_FROM)
		return strmap_get(&ln->colmap, name);
	for (uint32_t i = 0; i < cols->len; i++)
		if (strcmp(((IrColumn *)cols->items[i])->name, name) == 0)
			return cols->items[i];
	return NULL;
}

bool lower_has_col(const LNode *ln, const char *name)
{
	return find_col(ln, name) != NULL;
}

const char *lower_col_type(const LNode *ln, const char *name)
{
	const IrColumn *c = find_col(ln, name);
	return c ? c->type : "text";
}

/* A column name not yet used in the node. */
const char *lower_fresh_col(Lower *L, LNode *ln, const char *name)
{
	const char *n = name;
	for (int k = 2; lower_has_col(ln, n); k++)
		n = arena_sprintf(L->a, "%.55s_%d", name, k);
	return n;
}

const char *lower_port_type_of(Lower *L, const AstPort *p)
{
	const AstProp *k = p->type.kind == TY_UNKNOWN && !p->type.orig ? ast_props_find(&p->props, SET_TYPE_OF) : NULL;
	const ExprBinding *b = k && L->cur && L->cur->d ? lower_row_column(L, k->value) : NULL;
	return b ? lower_col_type(L->cur->d, b->name) : NULL;
}

const char *lower_port_col(Lower *L, LNode *ln, const AstPort *p, const char **type)
{
	const char *of = lower_port_type_of(L, p);
	*type = of ? of : pc_pg_type(L->a, &p->type);
	return lower_fresh_col(L, ln, lower_colname(L, p->name));
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

const char *lower_flow_word(Lower *L)
{
	char *w = arena_strdup(L->a, flow_kind_name(L->flow->kind));
	for (char *c = w; *c; c++)
		if (*c == '_')
			*c = ' ';
	return w;
}

const char *lower_sql_string(Lower *L, const char *text)
{
	Sbuf b = SBUF_INIT;
	sbuf_addch(&b, '\'');
	for (const char *c = text; *c; c++)
		sbuf_adds(&b, *c == '\'' ? "''" : (char[]){*c, 0});
	sbuf_addch(&b, '\'');
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

bool lower_group_read(Lower *L, const AstStep *s, const char *group)
{
	for (uint32_t i = 0; i < L->flow->edges.len; i++) {
		const AstEdge *e = L->flow->edges.items[i];
		const char *g = e->from_port ? e->from_port->group : e->from_group;
		if (e->from == s && g && strcmp(g, group) == 0)
			return true;
	}
	return false;
}

const char *lower_fail(Lower *L, const char *msg, const char *nonconst)
{
	return arena_sprintf(L->a, "CAST(concat(%s, %s) AS boolean)", lower_sql_string(L, msg), nonconst);
}

bool lower_port_in_error(const AstStep *s, const AstPort *p)
{
	for (uint32_t g = 0; p->group && g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind == GROUP_ERROR && strcmp(gr->name, p->group) == 0)
			return true;
	}
	return false;
}

bool lower_port_out(const AstStep *s, const AstPort *p)
{
	return (p->dir & PORT_OUT) && !lower_port_in_error(s, p);
}

/* The port positions of the document being lowered (rules_lower sets it):
 * the two lookups below run per edge and per expression name, and a scan
 * of the ports would make a wide step quadratic. */
static _Thread_local PortIndex *lower_ports;

int lower_port_index(const AstStep *s, const AstPort *p)
{
	return port_index_of(lower_ports, s, p);
}

int lower_port_named(const AstStep *s, const char *name)
{
	return port_index_named(lower_ports, s, name);
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
/* The columns a placeholder keeps, so that downstream steps still lower:
 * its output ports; with an output group that passes every incoming
 * column, the columns of the node it reads; and the output schema the
 * export declares (ports of no direction: Alteryx MetaInfo), where those
 * give none of a name. */
static void placeholder_columns(Lower *L, StepInfo *si, LNode *ln)
{
	const AstStep *s = si->s;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p) || si->cols[i])
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	LNode *d = si->d ? si->d : si->row_in;
	if (d && d != ln && lower_passes_all(s, GROUP_OUTPUT))
		for (uint32_t i = 0; i < d->n->columns.len; i++) {
			const IrColumn *c = d->n->columns.items[i];
			if (!lower_has_col(ln, c->name))
				lower_add_col(L, ln, c->name, c->type);
		}
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		const char *name = lower_colname(L, p->name);
		if (p->dir || !p->group || lower_has_col(ln, name) || lower_port_in_error(s, p))
			continue;
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
	}
}

void lower_fallback(Lower *L, StepInfo *si, ConvSource src, const char *why)
{
	LNode *ln = si->node ? si->node : lower_step_node(L, si, NODE_PLACEHOLDER, NULL);
	lower_placeholder(L, ln, src, why);
	for (uint32_t i = 0; si->in && i < si->s->ports.len; i++) /* what it reads, for review */
		if (si->in[i].node)
			lower_add_dep(L, ln, si->in[i].node->n->id);
	if (si->row_in && si->row_in != ln)
		lower_add_dep(L, ln, si->row_in->n->id);
	placeholder_columns(L, si, ln);
	lower_warn(L, ln, W_RULE_FALLBACK, si->s, "%s: %s", why, fallback_fate(L));
}

/* Options a rule does not apply whose effect on the rows is real: said at
 * the node (W0602) rather than dropped.  docs/rules.md, "Options". */
static void lower_warn_options(Lower *L, LNode *ln, const AstStep *s)
{
	if (ln->n->type == NODE_PLACEHOLDER)
		return;
	for (uint32_t i = 0; i < s->props.len; i++) { /* what the frontend says the SQL differs in */
		const AstProp *p = s->props.items[i];
		if (p->key == SET_DIFFERENCE)
			lower_warn(L, ln, W_RULE_DIFFERENCE, s, "%s", p->value);
	}
	bool compares = s->kind == STEP_SORT || s->kind == STEP_JOIN || s->kind == STEP_RANK;
	if (compares && lower_prop(s, SET_CASE_SENSITIVE) && !lower_prop_yes(s, SET_CASE_SENSITIVE))
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "'%s' compares strings without regard to case; PostgreSQL compares them by the "
			   "column's collation, case included",
			   s->name);
	if (lower_prop_yes(s, SET_LOOKUP_DYNAMIC))
		lower_warn(L, ln, W_RULE_DIFFERENCE, s,
			   "'%s' has a dynamic cache, which sees the rows the run inserts or updates; the "
			   "SQL reads the lookup's relation as it was when the run started",
			   s->name);
}

/* Does a link-level edge (a whole row) leave s?  A sub-flow instance that
 * is not expanded in place (an Alteryx macro not found) is then a step of
 * its own, a placeholder. */
bool lower_link_level_out(Lower *L, const AstStep *s)
{
	for (uint32_t i = 0; i < L->flow->edges.len; i++) {
		const AstEdge *e = L->flow->edges.items[i];
		if (e->from == s && !e->from_port)
			return true;
	}
	return false;
}

bool lower_declares_outputs(const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		unsigned dir = ((const AstPort *)s->ports.items[i])->dir;
		if ((dir & PORT_OUT) && !(dir & PORT_PASS)) /* a pass-through port renames an input column */
			return true;
	}
	return false;
}

/* ---- the walk ---------------------------------------------------------------------- */

/* An XML source that reads its file itself (one node per output group). */
static bool lower_reads_xml_file(const AstStep *s)
{
	return s->kind == STEP_XML_SOURCE && lower_prop(s, SET_FILE_NAME) && !s->review && !s->disabled;
}

/* A source definition only XML sources that read the file themselves
 * read (PowerCenter's XML source definition before its XML Source
 * Qualifier): it is their file's shape, not a relation of its own. */
static bool lower_source_of_xml_only(Lower *L, const AstStep *s)
{
	bool any = false;
	for (uint32_t i = 0; i < L->flow->edges.len; i++) {
		const AstEdge *e = L->flow->edges.items[i];
		if (e->from != s)
			continue;
		if (!e->to || !lower_reads_xml_file(e->to))
			return false;
		any = true;
	}
	return any;
}

void lower_step(Lower *L, StepInfo *si)
{
	if (si->done || si->busy)
		return;
	si->busy = true;
	const AstStep *s = si->s;
	if (s->kind == STEP_SOURCE && lower_source_of_xml_only(L, s)) {
		si->done = true;
		return;
	}
	if (s->kind == STEP_SOURCE && lower_is_inline(s->table) && !s->disabled) {
		lower_inline_source(L, si);
		si->done = true;
		return;
	}
	if (s->kind == STEP_OBSERVE && !s->disabled) {
		bool asserts = false;
		for (uint32_t g = 0; g < s->groups.len && !asserts; g++)
			asserts = ((const AstGroup *)s->groups.items[g])->kind == GROUP_ASSERTION;
		if (asserts) {
			lower_assertions(L, si);
			si->done = true;
			return;
		}
	}
	if (s->kind == STEP_GENERATE && !s->disabled && !s->review) {
		lower_generate(L, si);
		si->done = true;
		return;
	}
	if (s->kind == STEP_SOURCE) {
		lower_source(L, si);
		lower_error_outputs(L, si, si->node);
		si->done = true;
		return;
	}
	if (lower_reads_xml_file(s)) {
		lower_xml_source(L, si);
		lower_error_outputs(L, si, si->node);
		si->done = true;
		return;
	}
	if (s->kind == STEP_SOURCE_QUERY) {
		lower_source_query(L, si);
		lower_error_outputs(L, si, si->node);
		si->done = true;
		return;
	}
	if (s->kind == STEP_ANNOTATION) { /* on the canvas only: moves no data */
		si->done = true;
		return;
	}
	if (lower_transparent(s) && (s->kind != STEP_SUBFLOW || !lower_link_level_out(L, s))) {
		si->done = true;
		return;
	}
	if (s->kind == STEP_SEQUENCE && !si->in_edges.len) {
		si->done = true;
		return;
	}
	if (s->kind == STEP_LOOKUP && si->in_edges.len == 0) { /* unconnected: :LKP. reads its relation */
		si->done = true;
		return;
	}
	if (s->kind == STEP_TARGET && si->in_edges.len == 0) { /* kept for documentation only */
		lower_warn(L, NULL, W_RULE_UNFED, s,
			   "no link feeds target '%s': it is not loaded, and the pipeline has no sink for it",
			   s->name);
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
	L->cur_order = L->cur_row_order = NULL;
	const char *why = NULL;
	if (type == NODE_PLACEHOLDER || s->disabled || s->review || s->kind == STEP_XML_SOURCE) {
		lower_fallback(L, si, s->kind == STEP_SCRIPT ? CONV_UNSUPPORTED : CONV_LLM_UNAVAILABLE,
			       s->unresolved ? arena_sprintf(L->a,
							     "its definition (%s '%s') is not in the "
							     "export; only its columns are known",
							     s->orig_kind ? s->orig_kind : "object",
							     s->def_name ? s->def_name : s->name)
			       : s->review && !s->disabled ? s->review
			       : s->kind == STEP_STORED_PROCEDURE && !s->disabled
				   ? pc_stored_procedure_why(L, si)
				   : arena_sprintf(L->a, "no rule converts a %s",
						   s->orig_kind ? s->orig_kind : step_kind_name(s->kind)));
		for (uint32_t i = 0; s->review && i < s->props.len; i++) { /* its SQL, kept for review */
			const AstProp *p = s->props.items[i];
			if (p->expr && p->expr->lang == LANG_SQL && p->value && *p->value)
				ptrvec_push(L->a, &si->node->n->evidence,
					    (void *)arena_sprintf(L->a, "%s (SQL, as written): %s", p->name, p->value));
		}
		lower_node_add(L, si->node);
	} else if (s->kind == STEP_ROUTER) {
		LNode *d = si->d = lower_single_input(L, si, in, &why);
		if (d) {
			lower_router(L, si, d);
			lower_error_outputs(L, si, d);
		} else {
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
			lower_node_add(L, si->node);
		}
	} else {
		LNode *ln = lower_step_node(L, si, type, s->kind == STEP_TARGET ? "tgt_" : NULL);
		LNode *d = NULL;
		if (s->kind != STEP_JOIN && s->kind != STEP_UNION && s->kind != STEP_CHANGE_CAPTURE) {
			d = si->d = lower_single_input(L, si, in, &why);
			if (!d) {
				lower_fallback(L, si, CONV_LLM_UNAVAILABLE, why);
				lower_node_add(L, ln);
				goto out;
			}
		}
		L->row_alias = "t";
		switch (s->kind) {
		case STEP_EXPRESSION:
			if (lower_is_split_rows(s))
				lower_split_rows(L, si, ln, d);
			else if (lower_is_tile(s))
				lower_tile(L, si, ln, d);
			else if (lower_has_running(s))
				lower_running(L, si, ln, d);
			else if (lower_has_row_refs(s))
				lower_row_refs(L, si, ln, d);
			else if (ast_props_find(&s->props, SET_PORTS_IN_ORDER))
				lower_ordered_expression(L, si, ln, d);
			else
				lower_expression(L, si, ln, d, true);
			break;
		case STEP_SELECT:
			if (lower_is_field_list(s))
				lower_field_list(L, si, ln, d);
			else
				lower_expression(L, si, ln, d, true);
			break;
		case STEP_DEDUP: lower_dedup(L, si, ln, d); break;
		case STEP_SEQUENCE:
			ln->n->type = NODE_EXPRESSION;
			lower_numbering(L, si, ln, d);
			break;
		case STEP_MULTICAST: lower_expression(L, si, ln, d, false); break;
		case STEP_ROW_COUNT: lower_row_count(L, si, ln, d); break;
		case STEP_SAMPLE:
			if (ast_props_find(&s->props, SET_SAMPLE_MODE))
				lower_sample_rows(L, si, ln, d);
			else
				lower_sample(L, si, ln, d);
			break;
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
			if (lower_is_text_lookup(s))
				lower_text_lookup(L, si, ln);
			else if (lower_is_multi_join(s))
				lower_multi_join(L, si, ln);
			else if (lower_declares_outputs(s))
				lower_joiner(L, si, ln, in);
			else
				lower_key_join(L, si, ln);
			break;
		case STEP_UNION:
			if (lower_declares_outputs(s))
				lower_union(L, si, ln, in);
			else
				lower_union_columns(L, si, ln);
			break;
		case STEP_PIVOT:
			if (lower_is_crosstab(s))
				lower_crosstab(L, si, ln, d);
			else
				lower_pivot(L, si, ln, d);
			break;
		case STEP_NORMALIZER:
			if (lower_is_field_list(s))
				lower_transpose(L, si, ln, d);
			else if (lower_is_unpivot(s))
				lower_unpivot(L, si, ln, d);
			else
				pc_rule_normalizer(L, si, ln, d);
			break;
		case STEP_SQL: pc_rule_sql_transformation(L, si, ln, d); break;
		case STEP_CHANGE_CAPTURE:
			L->row_alias = NULL;
			lower_change_capture(L, si, ln, in);
			break;
		case STEP_TARGET: lower_target(L, si, ln, d, in); break;
		default: lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "no rule"); break;
		}
		L->row_alias = NULL;
		lower_warn_conversions(L, ln, s);
		lower_warn_options(L, ln, s);
		if (ln->n->type == NODE_PLACEHOLDER) {
			/* keep the output ports so downstream steps still lower */
			placeholder_columns(L, si, ln);
			lower_warn(L, ln, W_RULE_FALLBACK, s, "%s: %s",
				   ln->n->note ? ln->n->note : "not converted", fallback_fate(L));
		}
		lower_node_add(L, ln);
		lower_error_outputs(L, si, d);
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
	if (ln->distinct_on)
		sbuf_addf(&b, "SELECT DISTINCT ON (%s)\n", ln->distinct_on);
	else
		sbuf_adds(&b, ln->distinct ? "SELECT DISTINCT\n" : "SELECT\n");
	for (uint32_t i = 0; i < ln->items.len; i++)
		sbuf_addf(&b, "  %s%s\n", (const char *)ln->items.items[i], i + 1 < ln->items.len ? "," : "");
	if (!ln->items.len) { /* a relation of no columns (every column an error output's) */
		sbuf_adds(&b, "  1 AS akko_none\n");
		lower_add_col(L, ln, "akko_none", "integer");
	}
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
	d.context = arena_sprintf(L->a, "in node '%s' of %s '%s'", n->id, lower_flow_word(L), L->flow->name);
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
	const ToolRules *tr = tool_rules(L->doc->tool);
	if (tr->pipeline_params)
		tr->pipeline_params(L->a, L->doc, f, sess_name, &p->parameters);
	if (tr->pipeline_connections)
		tr->pipeline_connections(L->a, L->doc, f, sess, &p->connections);
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
	lower_var_updates_check(L);
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

static void adopt_expr(AstDoc *doc, AstExpr *e)
{
	if (e && !e->parsed && expr_language(e->lang))
		ast_push(doc, &doc->exprs, e);
}

static void adopt_props(AstDoc *doc, const PtrVec *props)
{
	for (uint32_t i = 0; i < props->len; i++)
		adopt_expr(doc, ((AstProp *)props->items[i])->expr);
}

/* The expressions of the flows' steps that are not the document's own
 * (not parsed by expr_parse_doc: copied from another document), made its
 * own so that they are parsed with it. */
static void adopt_exprs(AstDoc *doc)
{
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *fo = doc->folders.items[i];
		for (uint32_t k = 0; k < fo->flows.len; k++) {
			const AstFlow *f = fo->flows.items[k];
			for (uint32_t j = 0; j < f->steps.len; j++) {
				const AstStep *s = f->steps.items[j];
				adopt_props(doc, &s->props);
				for (uint32_t q = 0; q < s->ports.len; q++) {
					AstPort *p = s->ports.items[q];
					adopt_expr(doc, p->expr);
					adopt_expr(doc, p->init);
					adopt_props(doc, &p->props);
				}
				for (uint32_t q = 0; q < s->groups.len; q++)
					adopt_expr(doc, ((AstGroup *)s->groups.items[q])->cond);
				for (uint32_t q = 0; q < s->bindings.len; q++)
					adopt_expr(doc, ((AstBinding *)s->bindings.items[q])->expr);
			}
		}
	}
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
	/* every expression parsed once, kept on the AST (a cache: idempotent);
	 * the flows' expressions a frontend brought from another document (an
	 * Alteryx macro expanded in place) are the document's too */
	adopt_exprs((AstDoc *)doc);
	expr_parse_doc((AstDoc *)doc);
	PortIndex ports;
	port_index_init(&ports, a);
	PortIndex *outer = lower_ports;
	lower_ports = &ports;
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		L.folder = doc->folders.items[i];
		for (uint32_t k = 0; k < L.folder->flows.len; k++) {
			const AstFlow *f = L.folder->flows.items[k];
			/* mapplets are expanded where they are used; an Alteryx macro
			 * converted on its own runs as a workflow (alteryx_alone.c) */
			if (f->kind != FLOW_MAPPLET || ast_props_find_name(&f->props, "runs_alone"))
				lower_flow(&L, d, f);
		}
	}
	lower_ports = outer;
}

void rules_lower_powercenter(Arena *a, const AstDoc *doc, const RulesOptions *o, IrDoc *d, DiagSink *sink)
{
	rules_lower(a, doc, o, d, sink);
}
