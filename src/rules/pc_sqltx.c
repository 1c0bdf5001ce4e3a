/* pc_sqltx.c - PowerCenter's SQL Transformation (src/rules).
 *
 * Query mode: the query runs at the source (once, or once per distinct
 * value of the input ports it reads) and every input row is joined to its
 * rows.  Script mode and dynamic connections become placeholders (the
 * fallback path).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "rules/lower.h"
#include "rules/pc.h"

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

/* A query that reads input ports (Transformation Guide, "SQL
 * Transformation", dynamic SQL queries: ?PORT? binds the port's value as a
 * parameter, ~PORT~ substitutes its text; the Integration Service runs the
 * query for each input row): q gets source_params, the values of those
 * ports over the input node `d`, and the runner runs the query once per
 * distinct combination, its rows keeping the values in q's first columns.
 * The condition that matches an input row to its rows; NULL when the query
 * reads no port. */
static const char *sql_params(Lower *L, StepInfo *si, LNode *ln, LNode *q, LNode *d, const char *sql)
{
	const AstStep *s = si->s;
	Sbuf sel = SBUF_INIT, on = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		char how = (p->dir & PORT_IN) ? binds_port(sql, p->name) : 0;
		if (!how)
			continue;
		const char *type = pc_pg_type(L->a, &p->type);
		const char *e = lower_passed_value(L, ln, p, &L->cur_in[i], type);
		const char *c =
		    lower_fresh_col(L, q, lower_colname(L, arena_sprintf(L->a, "akko_param_%s", p->name)));
		lower_add_col(L, q, c, type);
		sbuf_addf(&sel, "%s%s AS %s", sel.len ? ", " : "SELECT DISTINCT ", e, lower_ident(L, c));
		sbuf_addf(&on, "%sq.%s IS NOT DISTINCT FROM %s", on.len ? " AND " : "", lower_ident(L, c), e);
		IrSourceParam *sp = ARENA_NEW(L->a, IrSourceParam);
		sp->name = p->name;
		sp->mode = how == '?' ? "bind" : "substitute";
		ptrvec_push(L->a, &q->n->params, sp);
	}
	const char *match = on.len ? arena_strdup(L->a, on.buf) : NULL;
	if (match) {
		q->n->params_node = d->n->id;
		q->n->params_sql = arena_sprintf(L->a, "%s\nFROM %s AS t", sel.buf, d->n->id);
		q->n->note =
		    "runs at the source connection once per row of source_params.sql, the row's values "
		    "in the query; the runner materialises its rows, each after those values, under the "
		    "node's id";
		lower_warn(
		    L, ln, W_RULE_DIFFERENCE, s,
		    "the query runs once per distinct value of the ports it reads, before the pipeline; "
		    "PowerCenter runs it as each row arrives, so a table the session loads meanwhile "
		    "can give other rows");
	}
	sbuf_release(&sel);
	sbuf_release(&on);
	return match;
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
	const char *match = sql_params(L, si, ln, q, d, sql);
	bool keep = false;
	Sbuf cols = SBUF_INIT;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT))
			continue;
		int j = passes_through(s, p);
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
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
	    arena_sprintf(L->a, "FROM %s AS t\n%s%s (SELECT %s FROM %s%s%s%s) AS r%s", d->n->id,
			  keep ? "LEFT JOIN" : "CROSS JOIN", match ? " LATERAL" : "", cols.buf, q->n->id,
			  match ? " AS q WHERE " : "", match ? match : "",
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
