/* lower_share.c - variable ports computed once per row (src/rules).
 *
 * A variable port is inlined where it is read, so one read by several
 * output ports, or by variable ports that are themselves read several
 * times, repeats its SQL (a lookup's subquery, a long CASE) in the node.
 * Such a value is computed once, in a LEFT JOIN LATERAL of the node, and
 * read as a column (docs/rules.md, "Variable ports read several times").
 */
#include <string.h>

#include "base/sbuf.h"
#include "rules/lower.h"

/* A value printed shorter than this is inlined even when it repeats. */
#define SHARE_MIN_SQL 100
/* Counts of repetitions saturate here (nested inlining grows them
 * exponentially). */
#define SHARE_MANY 1000000u

/* The binding of variable port i when it is inlined (not a column). */
static ExprBinding *inlined_var(Lower *L, uint32_t i)
{
	ExprBinding *b = L->cur_vars ? L->cur_vars[i] : NULL;
	return b && b->kind == BIND_VARIABLE && b->var ? b : NULL;
}

/* Count in row `occ` (one slot per port of s) the reads of the current
 * row's value of each variable port in `e`; a variable port at or below
 * `below` is read before it is set (its previous row's value). */
static void count_reads(const AstStep *s, const Expr *e, uint32_t below, uint32_t *occ)
{
	if (!e)
		return;
	if (e->kind == EX_NAME && e->name) {
		int j = lower_port_named(s, e->name);
		if (j >= 0 && (uint32_t)j < below && lower_is_variable(s->ports.items[j]) &&
		    occ[j] < SHARE_MANY)
			occ[j]++;
	}
	for (uint32_t k = 0; k < e->nargs; k++)
		count_reads(s, e->args[k], below, occ);
}

/* Does e call an unconnected lookup (a subquery), itself or through a
 * variable port it inlines? */
static bool has_subquery(const Expr *e)
{
	if (!e)
		return false;
	if (e->kind == EX_LKP)
		return true;
	if (e->kind == EX_NAME && e->bind && e->bind->kind == BIND_VARIABLE && e->bind->var && !e->bind->sql)
		return has_subquery(e->bind->var);
	for (uint32_t k = 0; k < e->nargs; k++)
		if (has_subquery(e->args[k]))
			return true;
	return false;
}

/* A value that may be computed into a column: not a constant, and of a
 * type that reads back the same (a boolean would come back as a number
 * where the language's booleans are numbers). */
static bool shareable(const Expr *e)
{
	return !expr_is_constant(e) && e->type != XT_BOOLEAN && e->type != XT_NULL && e->type != XT_UNKNOWN;
}

static uint32_t sat_add(uint32_t a, uint64_t b)
{
	uint64_t r = (uint64_t)a + b;
	return r > SHARE_MANY ? SHARE_MANY : (uint32_t)r;
}

/* How many times the SQL of variable port j appears in the node: once
 * per read by an output port, and per read by a later variable port as
 * many times as that one appears (once when it is shared); times[] of the
 * ports below j are known. */
static uint32_t times_of(const AstStep *s, uint32_t **occ, const char *out, const char *shared,
			 const uint32_t *times, uint32_t j)
{
	uint32_t r = 0;
	for (uint32_t k = 0; k < s->ports.len; k++) {
		if (!occ[k] || !occ[k][j])
			continue;
		uint64_t t = out[k] ? 1 : k > j ? (shared[k] ? times[k] > 0 : times[k]) : 0;
		r = sat_add(r, (uint64_t)occ[k][j] * t);
	}
	return r;
}

/* The SQL of a variable port's value as the node prints it now. */
static const char *var_sql(Lower *L, const ExprBinding *b)
{
	ExprEnv env = {.lang = L->lang,
		       .dialect = L->dialect,
		       .null_compare = L->o->null_compare,
		       .resolve = lower_resolve,
		       .ud = L,
		       .row_alias = L->row_alias,
		       .arrival_order = L->cur_order};
	ExprResult r = {0};
	return expr_print_sql(L->a, &env, b->var, &r) ? r.sql : NULL;
}

/* occ[k][j]: the reads of variable port j by port k, for the ports whose
 * SQL the node prints (`out`: output ports; inlined variable ports). */
static uint32_t **read_counts(Lower *L, const AstStep *s, const char *out)
{
	uint32_t n = s->ports.len;
	uint32_t **occ = ARENA_NEWN(L->a, uint32_t *, n + 1);
	for (uint32_t k = 0; k < n; k++) {
		const AstPort *p = s->ports.items[k];
		const ExprParsed *parsed = p->expr ? expr_parsed(p->expr) : NULL;
		if (!parsed || !parsed->tree || (!out[k] && !inlined_var(L, k)))
			continue;
		occ[k] = ARENA_NEWN(L->a, uint32_t, n + 1);
		count_reads(s, parsed->tree, out[k] ? n : k, occ[k]);
	}
	return occ;
}

/* Which variable ports to share (shared[j]); false when none.  Top down,
 * as if no port below were shared (the most each can appear), so that a
 * port's size counts the ports above it already shared as columns; then
 * bottom up, the ports below known, a port that appears once after all
 * (the one port reading it is shared) goes back inline. */
static bool choose_shared(Lower *L, const AstStep *s, uint32_t **occ, const char *out, char *shared)
{
	uint32_t n = s->ports.len;
	uint32_t *times = ARENA_NEWN(L->a, uint32_t, n + 1);
	for (uint32_t j = n; j-- > 0;)
		times[j] = times_of(s, occ, out, shared, times, j);
	bool any = false;
	for (uint32_t j = 0; j < n; j++) {
		ExprBinding *b = inlined_var(L, j);
		if (!b || times[j] < 2 || !shareable(b->var))
			continue;
		const char *sql = var_sql(L, b);
		if (!sql || (!has_subquery(b->var) && strlen(sql) < SHARE_MIN_SQL))
			continue;
		shared[j] = 1, any = true;
		b->sql = ""; /* a column, for the size of the ports below */
	}
	for (uint32_t j = n; any && j-- > 0;) {
		times[j] = times_of(s, occ, out, shared, times, j);
		if (shared[j] && times[j] < 2) {
			shared[j] = 0;
			L->cur_vars[j]->sql = NULL;
		}
	}
	return any;
}

/* A column name for a shared value: the port's, unless the node's input
 * (whose columns the node reads unqualified) or another shared value has
 * it; then the port's with _2, _3... */
static const char *free_name(Lower *L, LNode *ln, StrMap *used, const char *name)
{
	const char *c = name;
	for (int k = 2; strmap_get(used, c) || (ln->input && lower_has_col(ln->input, c)); k++)
		c = arena_sprintf(L->a, "%s_%d", name, k);
	strmap_put(used, c, (void *)c);
	return c;
}

/* After lower_analyse_variables(): the variable ports whose SQL would
 * appear more than once in node ln (read by its output ports, directly
 * or through other variable ports) and is not trivial (an unconnected
 * lookup's subquery, or SHARE_MIN_SQL characters or more) are computed
 * once per row, in port order, each in a LEFT JOIN LATERAL that may read
 * those above it, and read as its column.  OFFSET 0 keeps PostgreSQL
 * from pulling the subquery up, which would copy the expression back into
 * every place that reads it.  Returns false when nothing is shared. */
bool lower_share_variables(Lower *L, LNode *ln)
{
	const AstStep *s = L->cur->s;
	uint32_t n = s->ports.len;
	char *out = ARENA_NEWN(L->a, char, n + 1); /* output ports whose expression is printed */
	bool any = false;
	for (uint32_t k = 0; k < n; k++) {
		const AstPort *p = s->ports.items[k];
		out[k] = (p->dir & PORT_OUT) && !lower_is_variable(p) && p->expr &&
			 !((p->dir & PORT_IN) && lower_passthrough(p));
		ExprBinding *b = inlined_var(L, k);
		any |= b && shareable(b->var);
	}
	char *shared = ARENA_NEWN(L->a, char, n + 1);
	if (!any || !choose_shared(L, s, read_counts(L, s, out), out, shared))
		return false;
	StrMap used;
	strmap_init(&used, L->a, false);
	Sbuf tail = SBUF_INIT;
	sbuf_adds(&tail, ln->tail);
	for (uint32_t j = 0; j < n; j++) {
		if (!shared[j])
			continue;
		ExprBinding *b = L->cur_vars[j];
		b->sql = NULL; /* its own value, reading the ports above as columns */
		const char *sql = var_sql(L, b);
		const char *name = lower_colname(L, b->name);
		const char *alias = lower_ident(L, arena_sprintf(L->a, "akko_%s", name));
		const char *col = lower_ident(L, free_name(L, ln, &used, name));
		sbuf_addf(&tail, "\nLEFT JOIN LATERAL (SELECT %s AS %s OFFSET 0) AS %s ON true", sql, col,
			  alias);
		b->sql = arena_sprintf(L->a, "%s.%s", alias, col);
	}
	ln->tail = arena_strdup(L->a, tail.buf);
	sbuf_release(&tail);
	return true;
}
