/* lower_source.c - sources and source queries (src/rules).
 *
 * A source is a table (or a flat file the runner loads); a source query
 * joins its sources by the user-defined join or their keys with the source
 * filter, or is a SQL override kept as written and run at the source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/lower.h"
#include "rules/pc.h"

void lower_source(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	const AstTable *t = s->table;
	LNode *ln = lower_step_node(L, si, t && t->is_file ? NODE_SOURCE_FILE : NODE_SOURCE_TABLE, "src_");
	IrTable *tb = ARENA_NEW(L->a, IrTable);
	tb->orig_name = t ? t->name : s->name;
	tb->name = lower_colname(L, tb->orig_name);
	tb->schema = t ? t->owner : NULL;
	ln->n->table = tb;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (lower_port_in_error(s, p))
			continue;
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_item(L, ln, lower_ident(L, name), name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	ln->tail = arena_sprintf(L->a, "FROM %s", lower_ident(L, tb->name));
	if (t && t->is_file) {
		tb->file = lower_prop(s, SET_FILE_NAME) ? lower_prop(s, SET_FILE_NAME) : t->name;
		ln->n->confidence = ln->n->base_confidence = 0.95;
		ln->n->note = "a flat file: the runner loads it into table.name before the pipeline runs";
	}
	lower_node_add(L, ln);
}

/* $$PARAM inside SQL text (a source filter, a join): PowerCenter
 * substitutes the text; here it becomes the run-time setting. */
const char *lower_sql_params(Lower *L, LNode *ln, const AstStep *s, const char *sql)
{
	if (!strstr(sql, "$$"))
		return sql;
	Sbuf b = SBUF_INIT;
	for (const char *c = sql; *c;) {
		bool quoted = c[0] == '\'' && c[1] == '$' && c[2] == '$';
		const char *d = quoted ? c + 1 : c;
		if (d[0] == '$' && d[1] == '$') {
			const char *e = d + 2;
			while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') ||
			       (*e >= '0' && *e <= '9') || *e == '_')
				e++;
			if (quoted && *e != '\'') {
				sbuf_addch(&b, *c++);
				continue;
			}
			const char *name = arena_strndup(L->a, d, (size_t)(e - d));
			const ExprBinding *pb = job_resolve_param(L->a, L->doc, L->folder, L->flow, name);
			ExprType ty = quoted || !pb ? XT_STRING : pb->type;
			ExprEnv env = {
			    .lang = L->lang, .dialect = L->dialect, .resolve = lower_resolve, .ud = L};
			ExprResult r = {0};
			char text[128];
			snprintf(text, sizeof text, "%s", name);
			expr_translate(L->a, &env, text, strlen(text), &r);
			const char *v = r.sql ? r.sql : "NULL";
			if (quoted && ty == XT_STRING && pb && pb->type != XT_STRING &&
			    pb->type != XT_UNKNOWN)
				v = arena_sprintf(L->a, "current_setting('akko.%s')",
						  lower_colname(L, name + 2));
			sbuf_adds(&b, v);
			c = quoted ? e + 1 : e;
			lower_warn(L, ln, W_RULE_SQL_PARAM, s,
				   "parameter '%s' in SQL text is read at run time from the setting, not "
				   "substituted as text",
				   name);
			continue;
		}
		sbuf_addch(&b, *c++);
	}
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* The tool's parameter references inside SQL text (ToolSemantics
 * sql_param_delim: DataStage's #NAME#, which the engine substitutes as
 * text before it sends the statement): read at run time from the
 * parameter's setting, as every parameter is (docs/pipeline-yaml.md), cast
 * to its declared type outside a string literal, concatenated inside one.
 * The text is unchanged when the tool has no such syntax. */
const char *lower_sql_text_params(Lower *L, LNode *ln, const AstStep *s, const char *sql)
{
	const char *delim = L->sem->sql_param_delim;
	if (!sql || !delim || !*delim || !strstr(sql, delim))
		return sql;
	size_t dl = strlen(delim);
	Sbuf b = SBUF_INIT;
	bool quoted = false;
	for (const char *c = sql; *c;) {
		if (*c == '\'') {
			quoted = !quoted;
			sbuf_addch(&b, *c++);
			continue;
		}
		const char *e = strncmp(c, delim, dl) == 0 ? strstr(c + dl, delim) : NULL;
		bool name = e && e > c + dl;
		for (const char *k = c + dl; name && k < e; k++)
			name = (*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') ||
			       *k == '_' || *k == '.' || *k == '$';
		if (!name) {
			sbuf_addch(&b, *c++);
			continue;
		}
		const char *pname = arena_strndup(L->a, c + dl, (size_t)(e - c - dl));
		const char *setting = arena_sprintf(L->a, "current_setting('akko.%s')", expr_param_key(L->a, pname));
		const char *type = "text";
		for (uint32_t i = 0; L->flow && i < L->flow->params.len; i++) {
			const AstParam *p = L->flow->params.items[i];
			if (ascii_ieq(p->name, pname) && p->type.kind != TY_UNKNOWN && p->type.kind != TY_STRING)
				type = pc_pg_type(L->a, &p->type);
		}
		if (quoted)
			sbuf_addf(&b, "' || %s || '", setting);
		else if (strcmp(type, "text") == 0)
			sbuf_adds(&b, setting);
		else
			sbuf_addf(&b, "CAST(%s AS %s)", setting, type);
		lower_warn(L, ln, W_RULE_SQL_PARAM, s,
			   "parameter '%s' in SQL text is read at run time from the setting, not substituted as "
			   "text",
			   pname);
		c = e + dl;
	}
	const char *r = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* A query kept as written, run at the source: the runner materialises
 * its rows under the node's id. */
void lower_pushdown_override(Lower *L, LNode *ln, const AstStep *s, const char *sql, double base)
{
	ln->n->type = NODE_SOURCE_PUSHDOWN;
	ln->n->base_confidence = base;
	ln->n->confidence = base;
	ln->n->depends_on = (PtrVec){0};
	ln->items = (PtrVec){0};
	ln->tail = NULL;
	ln->carry = false;
	ln->n->pre_sql = NULL;
	ln->n->note = "runs at the source connection; the runner materialises its rows under the node's id";
	/* kept as written, with line ends made uniform */
	Sbuf b = SBUF_INIT;
	for (const char *c = sql; *c; c++)
		if (!(c[0] == '\r' && c[1] == '\n'))
			sbuf_addch(&b, *c == '\r' ? '\n' : *c);
	ln->n->source_sql = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	lower_warn(
	    L, ln, W_RULE_OVERRIDE, s,
	    "the query is kept as written, in the source's dialect: it runs at the source and its rows "
	    "are read under the node's id");
}

/* Source node n read under its table's name (its id when another source
 * has that name), once; at most 32. */
static void add_source(LNode **srcs, const char **alias, uint32_t *ns, LNode *n)
{
	for (uint32_t k = 0; k < *ns; k++)
		if (srcs[k] == n)
			return;
	if (*ns >= 32)
		return;
	const char *al = n->n->table ? n->n->table->name : n->n->id;
	for (uint32_t k = 0; k < *ns; k++)
		if (strcmp(alias[k], al) == 0)
			al = n->n->id;
	srcs[*ns] = n;
	alias[(*ns)++] = al;
}

/* The source step a source qualifier names as associated (its
 * ASSOCIATED_SOURCE_INSTANCE): inside an expanded mapplet the steps are
 * named "<scope>/<name>".  NULL when it is no source of the flow. */
static StepInfo *associated_source(Lower *L, const AstStep *sq, const char *name)
{
	StepInfo *si =
	    strmap_get(&L->by_step, sq->scope ? arena_sprintf(L->a, "%s/%s", sq->scope, name) : name);
	return si && si->s->kind == STEP_SOURCE ? si : NULL;
}

void lower_source_query(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	LNode *ln = lower_step_node(L, si, NODE_SOURCE_PUSHDOWN, NULL);
	ColRef *in = lower_inputs(L, si);
	const char *override = lower_prop(s, SET_SQL_QUERY);
	if (override) {
		lower_pushdown_override(L, ln, s, lower_sql_text_params(L, ln, s, override), 0.90);
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!lower_port_out(s, p))
				continue;
			const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
			lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
			si->cols[i] = name;
		}
		lower_node_add(L, ln);
		return;
	}
	/* the sources it reads, each under its table's name: those its ports
	 * read, then the other associated sources (the join or the filter may
	 * name them; PowerCenter's query reads every one); when no port reads
	 * a source there is no query to build */
	LNode *srcs[32];
	const char *alias[32];
	uint32_t ns = 0;
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (in[i].node)
			add_source(srcs, alias, &ns, in[i].node);
	for (uint32_t j = 0; ns && j < s->associated.len; j++) {
		StepInfo *src = associated_source(L, s, s->associated.items[j]);
		if (src) {
			lower_step(L, src);
			if (src->node)
				add_source(srcs, alias, &ns, src->node);
		}
	}
	if (ns == 0) {
		lower_fallback(L, si, CONV_LLM_UNAVAILABLE, "the source qualifier reads no source");
		lower_node_add(L, ln);
		return;
	}
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, "FROM ");
	for (uint32_t k = 0; k < ns; k++) {
		sbuf_addf(&b, "%s%s AS %s", k ? ", " : "", srcs[k]->n->id, lower_ident(L, alias[k]));
		lower_add_dep(L, ln, srcs[k]->n->id);
	}
	const char *udj = lower_prop(s, SET_USER_JOIN), *filter = lower_prop(s, SET_SOURCE_FILTER);
	int nw = 0;
	if (udj) {
		if (strchr(udj, '{')) {
			sbuf_release(&b);
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE,
				       "the user-defined join uses PowerCenter's {outer join} syntax");
			lower_node_add(L, ln);
			return;
		}
		sbuf_addf(&b, "\nWHERE (%s)", lower_sql_params(L, ln, s, udj));
		nw++;
	} else if (ns > 1) {
		/* PowerCenter joins the sources on their primary/foreign keys */
		int keys = 0;
		for (uint32_t k = 0; k < ns; k++) {
			const AstStep *src = srcs[k]->step;
			if (!src || !src->table)
				continue;
			for (uint32_t f = 0; f < src->table->fields.len; f++) {
				const AstPort *fld = src->table->fields.items[f];
				if (!fld->ref_table || !*fld->ref_table)
					continue;
				for (uint32_t m = 0; m < ns; m++)
					if (m != k && srcs[m]->n->table &&
					    ascii_ieq(srcs[m]->n->table->orig_name, fld->ref_table))
						sbuf_addf(&b, "%s%s.%s = %s.%s",
							  keys++ || nw ? " AND " : "\nWHERE ",
							  lower_ident(L, alias[k]),
							  lower_ident(L, lower_colname(L, fld->name)),
							  lower_ident(L, alias[m]),
							  lower_ident(L, lower_colname(L, fld->ref_field
											      ? fld->ref_field
											      : fld->name)));
			}
		}
		if (!keys) {
			sbuf_release(&b);
			lower_fallback(L, si, CONV_LLM_UNAVAILABLE,
				       "several sources without a user-defined join or key relationship");
			lower_node_add(L, ln);
			return;
		}
		nw += keys;
	}
	/* the columns, once the join is known (a fallback adds its own) */
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!lower_port_out(s, p))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		if (in[i].node) {
			uint32_t k = 0;
			while (k < ns && srcs[k] != in[i].node)
				k++;
			lower_add_item(
			    L, ln,
			    arena_sprintf(L->a, "%s.%s", lower_ident(L, alias[k]), lower_ident(L, in[i].col)),
			    name, type);
		} else {
			lower_add_item(L, ln, arena_sprintf(L->a, "CAST(NULL AS %s)", type), name, type);
		}
		si->cols[i] = name;
	}
	if (filter)
		sbuf_addf(&b, "%s(%s)", nw ? " AND " : "\nWHERE ", lower_sql_params(L, ln, s, filter));
	const char *sorted = lower_prop(s, SET_SORTED_PORTS);
	int nsorted = sorted ? atoi(sorted) : 0;
	if (nsorted > 0) {
		sbuf_adds(&b, "\nORDER BY ");
		for (int k = 0; k < nsorted && k < (int)ln->n->columns.len; k++)
			sbuf_addf(&b, "%s%d", k ? ", " : "", k + 1);
	}
	ln->distinct = lower_prop_yes(s, SET_SELECT_DISTINCT);
	ln->tail = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	if (udj || filter) { /* the same query as PowerCenter would send it */
		Sbuf q = SBUF_INIT;
		sbuf_adds(&q, ln->distinct ? "SELECT DISTINCT " : "SELECT ");
		for (uint32_t i = 0, n = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!lower_port_out(s, p))
				continue;
			uint32_t k = 0;
			while (in[i].node && k < ns && srcs[k] != in[i].node)
				k++;
			const IrTable *tb = in[i].node && k < ns ? srcs[k]->n->table : NULL;
			sbuf_addf(&q, "%s%s%s%s", n++ ? ", " : "", tb ? tb->orig_name : "",
				  tb ? "." : "NULL AS ", p->name);
		}
		sbuf_adds(&q, "\nFROM ");
		for (uint32_t k = 0; k < ns; k++) {
			const IrTable *tb = srcs[k]->n->table;
			sbuf_addf(&q, "%s%s%s%s", k ? ", " : "", tb && tb->schema ? tb->schema : "",
				  tb && tb->schema ? "." : "", tb ? tb->orig_name : srcs[k]->n->id);
		}
		if (udj)
			sbuf_addf(&q, "\nWHERE %s", udj);
		if (filter)
			sbuf_addf(&q, "%s%s", udj ? "\nAND " : "\nWHERE ", filter);
		ln->alt_source_sql = arena_strdup(L->a, q.buf);
		sbuf_release(&q);
	}
	if (udj || filter) {
		ln->n->base_confidence = 0.93;
		ln->n->confidence = 0.93;
		ptrvec_push(L->a, &ln->n->evidence,
			    (void *)"source filter or user-defined join in the source's SQL dialect: 0.93");
	}
	/* the filter and join are SQL of the source's dialect: when PostgreSQL
	 * refuses them, check_sql() runs the query at the source as written */
	lower_node_add(L, ln);
}

/* A port the XML source generates (SET_XML_OCCURRENCE): a table.ids
 * entry for its column. */
static void lower_xml_id(Lower *L, IrTable *tb, const AstPort *p, const char *col)
{
	const AstProp *of = ast_props_find(&p->props, SET_XML_OCCURRENCE);
	if (!of)
		return;
	const AstProp *start = ast_props_find(&p->props, SET_SEQ_START);
	IrXmlId *x = ARENA_NEW(L->a, IrXmlId);
	x->column = col;
	x->element = of->value;
	x->start = start ? strtoll(start->value, NULL, 10) : 1;
	ptrvec_push(L->a, &tb->ids, x);
}

/* A source that reads an XML file into relational outputs (SSIS XML
 * Source: "extracts data from an XML data file", each output the
 * occurrences of one element, Microsoft Docs, "XML Source"; PowerCenter
 * XML Source Qualifier: one output group per view of the XML source
 * definition, with generated primary and foreign keys, XML Guide): one
 * source_file node per output, whose table the runner loads from the
 * file's occurrences of that element (table.format xml, table.record, the
 * schema in table.schema_file), as it loads a flat file.  A group's
 * element is its SET_XML_RECORD (a path), else the group's name; the
 * generated keys are table.ids. */
void lower_xml_source(Lower *L, StepInfo *si)
{
	const AstStep *s = si->s;
	const RuleDef *r = lower_rule_for(STEP_XML_SOURCE);
	si->cols = ARENA_NEWN(L->a, const char *, s->ports.len + 1);
	si->groups = ARENA_NEWN(L->a, LNode *, s->ports.len + 1);
	bool warned = false;
	for (uint32_t g = 0; g < s->groups.len; g++) {
		const AstGroup *gr = s->groups.items[g];
		if (gr->kind != GROUP_OUTPUT)
			continue;
		LNode *ln = lower_node_new(
		    L, NODE_SOURCE_FILE, ir_make_id(L->a, &L->ids, arena_sprintf(L->a, "%s_%s", s->name, gr->name)),
		    s, r);
		ln->n->group = gr->name;
		IrTable *tb = ARENA_NEW(L->a, IrTable);
		tb->orig_name = gr->name;
		tb->name = lower_colname(L, arena_sprintf(L->a, "%s_%s", s->name, gr->name));
		tb->file = lower_prop(s, SET_FILE_NAME);
		tb->format = "xml";
		const AstProp *rec = ast_props_find(&gr->props, SET_XML_RECORD);
		tb->record = rec ? rec->value : gr->name;
		tb->schema_file = lower_prop(s, SET_SCHEMA_FILE);
		ln->n->table = tb;
		ln->n->note = "an XML file: the runner loads the element's occurrences into table.name before "
			      "the pipeline runs";
		for (uint32_t i = 0; i < s->ports.len; i++) {
			const AstPort *p = s->ports.items[i];
			if (!(p->dir & PORT_OUT) || !p->group || strcmp(p->group, gr->name) != 0)
				continue;
			const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
			lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
			lower_xml_id(L, tb, p, name);
			si->cols[i] = name;
			si->groups[i] = ln;
		}
		if (tb->ids.len && !lower_prop_yes(s, SET_SEQ_RESET) && !lower_prop_yes(s, SET_SEQ_RESTART)) {
			static const char msg[] =
			    "without Reset or Restart, the XML source continues its generated keys from the "
			    "values it stored after the last run; every run of the pipeline starts them at "
			    "their start values as exported";
			if (!warned) /* said once; every node with keys carries it */
				lower_warn(L, ln, W_RULE_DIFFERENCE, s, "%s", msg);
			else
				ir_warn(L->a, &ln->n->warnings, diag_code_str(W_RULE_DIFFERENCE), s->loc.line,
					"%s", msg);
			ln->differences += warned;
			warned = true;
		}
		lower_group_node_add(L, si, gr->name, ln);
		if (!si->node)
			si->node = ln;
		lower_node_add(L, ln);
	}
	for (uint32_t i = 0; i < s->ports.len; i++)
		if (!si->groups[i])
			si->groups[i] = si->node;
}
