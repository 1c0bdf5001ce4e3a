/* pc_storedproc.c - PowerCenter's stored procedure calls (src/rules;
 * docs/rules.md, "Stored procedures").
 *
 * A Stored Procedure transformation, connected or called as
 * :SP.NAME(args) from an expression, runs in the source or target
 * database: its body is not in the export, so nothing translates it.
 * These build the placeholder's note, which names the procedure, its
 * arguments as written and what reads its result; the note is also the
 * "why" the LLM fallback is told (docs/llm.md).
 */
#include <string.h>

#include "expr/expr.h"
#include "rules/lower.h"

static const char *const not_translated =
    "a stored procedure runs in the source or target database and is not translated";

/* <TABLEATTRIBUTE NAME ="Stored Procedure Name" VALUE ="CRM.CUSTOMER_TIER"/> */
static const char *procedure_name(const AstStep *s)
{
	const AstStep *def = s->def && s->def != s ? s->def : NULL;
	for (int k = 0; k < 2; k++) {
		const AstStep *t = k ? def : s;
		for (uint32_t i = 0; t && i < t->props.len; i++) {
			const AstProp *p = t->props.items[i];
			if (p->name && p->value && *p->value && ascii_ieq(p->name, "Stored Procedure Name"))
				return p->value;
		}
	}
	return s->name;
}

/* "input port 'A' (fed by sq.a)", "input ports 'A' (fed by nothing), 'B' ..." */
static const char *port_list(Lower *L, const StepInfo *si, unsigned dir, bool fed_by, uint32_t *n_fed)
{
	const AstStep *s = si->s;
	Sbuf b = SBUF_INIT;
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & dir))
			continue;
		sbuf_addf(&b, "%s'%s'", n++ ? ", " : "", p->name);
		if (!fed_by)
			continue;
		if (si->in && si->in[i].node && si->in[i].col) {
			sbuf_addf(&b, " (fed by %s.%s)", si->in[i].node->n->id, si->in[i].col);
			(*n_fed)++;
		} else
			sbuf_adds(&b, " (fed by nothing)");
	}
	const char *what = dir == PORT_IN ? "input" : "output";
	const char *out = n ? arena_sprintf(L->a, "%s port%s %s", what, n > 1 ? "s" : "", b.buf)
			    : arena_sprintf(L->a, "no %s port", what);
	sbuf_release(&b);
	return out;
}

const char *pc_stored_procedure_why(Lower *L, const StepInfo *si)
{
	const AstStep *s = si->s;
	uint32_t n_fed = 0;
	const char *args = port_list(L, si, PORT_IN, true, &n_fed);
	const char *outs = port_list(L, si, PORT_OUT, false, &n_fed);
	if (!n_fed) /* unconnected: expressions call it as :SP.NAME(args) */
		return arena_sprintf(
		    L->a,
		    "stored procedure '%s' is not connected (it runs where an expression calls "
		    "':SP.%s(...)'; %s, %s): %s",
		    procedure_name(s), s->name, port_list(L, si, PORT_IN, false, &n_fed), outs,
		    not_translated);
	return arena_sprintf(L->a, "stored procedure '%s' called with %s, its result read by %s: %s",
			     procedure_name(s), args, outs, not_translated);
}

static void find_calls(const Expr *e, const Expr **calls, uint32_t *n, uint32_t max)
{
	if (!e)
		return;
	if (e->kind == EX_SP && *n < max)
		calls[(*n)++] = e;
	for (uint32_t i = 0; i < e->nargs; i++)
		find_calls(e->args[i], calls, n, max);
}

const char *pc_sp_call_why(Lower *L, const AstExpr *src, const char *what)
{
	const ExprParsed *ps = expr_parsed(src);
	const Expr *calls[8];
	uint32_t n = 0;
	if (!ps || !ps->tree || !src->text)
		return NULL;
	find_calls(ps->tree, calls, &n, ARRAY_LEN(calls));
	if (!n)
		return NULL;
	Sbuf b = SBUF_INIT;
	for (uint32_t k = 0; k < n; k++) {
		const Expr *c = calls[k];
		bool proc_result = false;
		sbuf_addf(&b, "%s calls stored procedure '%s' with arguments (", k ? "; it also" : what,
			  c->name);
		for (uint32_t i = 0; i < c->nargs; i++) {
			const Expr *a = c->args[i];
			sbuf_addf(&b, "%s%.*s", i ? ", " : "", (int)a->len, src->text + a->off);
			if (a->kind == EX_NAME && a->name && ascii_ieq(a->name, "PROC_RESULT"))
				proc_result = true;
		}
		sbuf_addf(&b, "), its result read by %s%s", what, proc_result ? " through PROC_RESULT" : "");
	}
	const char *why = arena_sprintf(L->a, "%s: %s", b.buf, not_translated);
	sbuf_release(&b);
	return why;
}
