/* lower_expr.c - the expressions of a step as SQL (src/rules).
 *
 * Names resolve to the step's ports (their input columns, variable ports
 * inlined, unfed ports' defaults), parameters and :LKP. relations; a value
 * entering a port of another type is converted as the tool converts it
 * (W0607).  Issues of the expression translator are recorded on the node.
 */
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "expr/lang/powercenter/jobexprs.h"
#include "rules/lower.h"
#include "rules/tool_rules.h"

/* ---- expressions ------------------------------------------------------------------ */

/* An input port nothing feeds (not connected, or fed from a mapplet input
 * the mapping leaves open): PowerCenter passes NULL, which the port's
 * default value replaces when it has one.  NULL when the default raises an
 * error (every row would be rejected: left for review). */
static const ExprBinding *unfed_port(Lower *L, const AstStep *s, const AstPort *p)
{
	const char *dv = p->default_value && *p->default_value ? p->default_value : NULL;
	if (dv && (strncasecmp(dv, "ERROR", 5) == 0 || strncasecmp(dv, "ABORT", 5) == 0))
		return NULL;
	const char *text = dv ? dv : "NULL";
	ExprEnv env = {.lang = L->lang, .dialect = L->dialect, .null_compare = L->o->null_compare};
	ExprResult r = {0};
	expr_translate(L->a, &env, text, strlen(text), &r);
	if (!r.tree || !r.sql)
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE; /* inlined like a variable port */
	b->name = p->name;
	b->type = expr_type_from_ast(p->type.kind);
	b->var = r.tree;
	b->var_text = text;
	LNode *ln = L->cur_node;
	const char *msg = arena_sprintf(L->a, "input port '%s' is not fed by the mapping: it reads as %s",
					p->name, dv ? dv : "NULL");
	bool seen = false;
	for (uint32_t i = 0; ln && i < ln->n->warnings.len && !seen; i++)
		seen = strcmp(((IrWarning *)ln->n->warnings.items[i])->message, msg) == 0;
	if (ln && !seen)
		lower_warn(L, ln, W_RULE_UNFED, s, "%s", msg);
	return b;
}

/* ---- conversion at the port boundary ----------------------------------------------- */

/* The expression type a column of a node's SQL has. */
static ExprType pg_expr_type(const char *t)
{
	if (!t)
		return XT_UNKNOWN;
	if (strcmp(t, "text") == 0 || strncmp(t, "varchar", 7) == 0 || strncmp(t, "char", 4) == 0 ||
	    strncmp(t, "character", 9) == 0)
		return XT_STRING;
	if (strcmp(t, "integer") == 0 || strcmp(t, "smallint") == 0)
		return XT_INTEGER;
	if (strcmp(t, "bigint") == 0)
		return XT_BIGINT;
	if (strncmp(t, "numeric", 7) == 0)
		return XT_DECIMAL;
	if (strcmp(t, "double precision") == 0 || strcmp(t, "real") == 0)
		return XT_DOUBLE;
	if (strcmp(t, "date") == 0 || strncmp(t, "timestamp", 9) == 0 || strcmp(t, "time") == 0)
		return XT_DATE;
	return XT_UNKNOWN;
}

ExprType lower_expr_type_of(const char *sqltype)
{
	return pg_expr_type(sqltype);
}

/* 'S'tring, 'N'umber or 'D'ate; 0 for the types PowerCenter does not
 * convert between ports. */
char lower_type_class(ExprType t)
{
	switch (t) {
	case XT_STRING: return 'S';
	case XT_INTEGER:
	case XT_BIGINT:
	case XT_DECIMAL:
	case XT_DOUBLE: return 'N';
	case XT_DATE: return 'D';
	default: return 0;
	}
}

static const ExprBinding *conversion_input(void *ud, BindKind what, const char *name)
{
	return what == BIND_COLUMN && strcmp(name, "akko_in") == 0 ? ud : NULL;
}

/* PowerCenter converts a value where it enters a port whose datatype
 * differs from the value's: a string entering a decimal port reads its
 * leading number, as TO_DECIMAL does; a number entering a string port
 * prints as TO_CHAR does; a string entering a date port is read in the
 * default date format, as TO_DATE does.  Numbers and dates do not convert
 * into each other.  Returns the value of type `up` (column `col`, or the
 * SQL `sql` when set) converted to port `p`'s type, as an expression to
 * inline, or NULL when the types agree or nothing converts them.  The node
 * gets one W0607 listing the ports converted: a note, not a deduction,
 * since the SQL does what PowerCenter does. */
static const ExprBinding *convert_value(Lower *L, LNode *ln, const AstPort *p, ExprType up, const char *col,
					const char *sql)
{
	ExprType want = expr_type_from_ast(p->type.kind);
	char cu = lower_type_class(up), cw = lower_type_class(want);
	if (!cu || !cw || cu == cw || (cu != 'S' && cw != 'S'))
		return NULL;
	const char *fn = want == XT_STRING    ? "TO_CHAR"
			 : want == XT_INTEGER ? "TO_INTEGER"
			 : want == XT_BIGINT  ? "TO_BIGINT"
			 : want == XT_DECIMAL ? "TO_DECIMAL"
			 : want == XT_DOUBLE  ? "TO_FLOAT"
					      : "TO_DATE";
	ExprBinding *in = ARENA_NEW(L->a, ExprBinding);
	in->kind = BIND_COLUMN;
	in->name = col;
	in->type = up;
	in->sql = sql;
	ExprEnv env = {.lang = L->lang,
		       .dialect = L->dialect,
		       .null_compare = L->o->null_compare,
		       .resolve = conversion_input,
		       .ud = in};
	/* an assignment coercion, converted as the language converts (a
	 * decimal port keeps its scale) */
	bool dec = want == XT_DECIMAL;
	Expr *coerce =
	    expr_new_coercion(L->a, "akko_in", want, dec ? p->type.precision : -1, dec ? p->type.scale : -1);
	ExprResult r;
	expr_translate_tree(L->a, &env, coerce, &r);
	if (!r.tree || !r.sql || r.errors || r.unsupported)
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE; /* inlined like a variable port */
	b->name = p->name;
	b->type = want;
	b->var = r.tree;
	b->var_text = arena_sprintf(L->a, "%s(%s)", fn, p->name);
	if (ln) {
		const char *what = arena_sprintf(L->a, "%s (%s -> %s, as %s)", p->name, expr_type_name(up),
						 expr_type_name(want), fn);
		bool seen = false;
		for (uint32_t i = 0; i < ln->conversions.len && !seen; i++)
			seen = strcmp(ln->conversions.items[i], what) == 0;
		if (!seen)
			ptrvec_push(L->a, &ln->conversions, (void *)what);
	}
	return b;
}

/* Column `col` of `from` entering port `p` (see convert_value); `qual`
 * qualifies the column in the SQL, or is NULL. */
const ExprBinding *lower_port_conversion(Lower *L, LNode *ln, const AstPort *p, const LNode *from,
					 const char *col, const char *qual)
{
	ExprType up = pg_expr_type(lower_col_type(from, col));
	return convert_value(L, ln, p, up, col,
			     qual ? arena_sprintf(L->a, "%s.%s", qual, lower_ident(L, col)) : NULL);
}

/* The SQL of a conversion, for a port whose value is passed through. */
const char *lower_print_inline(Lower *L, const ExprBinding *b)
{
	ExprEnv env = {.lang = L->lang, .dialect = L->dialect, .null_compare = L->o->null_compare};
	ExprResult r = {0};
	return expr_print_sql(L->a, &env, b->var, &r) ? r.sql : NULL;
}

/* The one warning for the ports a node converts. */
void lower_warn_conversions(Lower *L, LNode *ln, const AstStep *s)
{
	if (!ln->conversions.len)
		return;
	Sbuf b = SBUF_INIT;
	for (uint32_t i = 0; i < ln->conversions.len; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", (const char *)ln->conversions.items[i]);
	lower_warn(L, ln, W_RULE_CONVERT, s,
		   "port%s converted to the declared type where the value enters: %s",
		   ln->conversions.len == 1 ? "" : "s", b.buf);
	sbuf_release(&b);
	ln->conversions = (PtrVec){0};
}

/* ---- names and translation ------------------------------------------------------- */

/* A name the step does not declare: the column of that name in the row a
 * link-level edge brings (SSIS expressions read upstream columns that no
 * input port lists), carried to the node read as t; else NULL. */
const ExprBinding *lower_row_column(Lower *L, const char *name)
{
	StepInfo *si = L->cur;
	const char *col = lower_colname(L, name);
	if (!si->row_in || !si->d || !lower_has_col(si->row_in, col))
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->type = pg_expr_type(lower_col_type(si->row_in, col));
	b->name = lower_carry_column(L, si->d, si->row_in, col);
	return b->name ? b : NULL;
}

/* "Link.col" (DataStage reads every column through its input link): the
 * column `col` of the current step's input that arrives over the edge
 * named `Link`, or from the step named `Link`; else "Set.Param", a member
 * of a parameter set the flow uses (IBM, "Using parameter sets in job
 * designs": a Transformer expression reads a set's parameter as
 * set_name.parameter_name, without the #...# of property values), which
 * the tool's resolve_param knows; NULL when neither has that name. */
static const ExprBinding *qualified_column(Lower *L, const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || !L->cur)
		return NULL;
	const char *q = arena_strndup(L->a, name, (size_t)(dot - name));
	for (uint32_t i = 0; i < L->flow->edges.len; i++) {
		const AstEdge *e = L->flow->edges.items[i];
		if (e->to == L->cur->s && ((e->name && ascii_ieq(e->name, q)) || ascii_ieq(e->from->name, q)))
			return lower_resolve(L, BIND_COLUMN, dot + 1);
	}
	return lower_resolve(L, BIND_PARAM, name);
}

/* A lookup call naming an unresolved step (a partial export: its definition
 * was left out): a binding that says so, so the call is diagnosed as such. */
static const ExprBinding *unresolved_lookup(Lower *L, const char *name)
{
	for (uint32_t i = 0; L->flow && i < L->flow->steps.len; i++) {
		const AstStep *s = L->flow->steps.items[i];
		if (s->unresolved && ascii_ieq(s->name, name)) {
			ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
			b->kind = BIND_LOOKUP;
			b->name = s->name;
			b->absent = true;
			return b;
		}
	}
	return NULL;
}

const ExprBinding *lower_resolve(void *ud, BindKind what, const char *name)
{
	Lower *L = ud;
	if (what == BIND_QUALIFIED)
		return qualified_column(L, name);
	if (what == BIND_PARAM) {
		const ToolRules *tr = tool_rules(L->doc->tool);
		return tr->resolve_param ? tr->resolve_param(L->a, L->doc, L->folder, L->flow, name) : NULL;
	}
	if (what == BIND_LOOKUP) {
		const AstStep *s = job_find_lookup(L->folder, L->flow, name);
		if (!s)
			return unresolved_lookup(L, name);
		LNode *rel = lower_lookup_relation(L, s);
		if (L->cur_node)
			lower_add_dep(L, L->cur_node, rel->n->id);
		ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
		b->kind = BIND_LOOKUP;
		b->name = s->name;
		b->lookup = job_build_lookup(L->a, s, rel->n->id);
		return b;
	}
	if (!L->cur)
		return NULL;
	const AstStep *s = L->cur->s;
	int i = lower_port_named(s, name);
	if (i < 0 || (((const AstPort *)s->ports.items[i])->dir & (PORT_IN | PORT_OUT | PORT_VAR)) == PORT_OUT) {
		/* no input or variable port of that name: a parameter of the flow
		 * read by its bare name (a DataStage derivation's job parameter),
		 * else the column a whole-row edge brings */
		const ExprBinding *pb = i < 0 || !L->cur_in || !L->cur_in[i].node ? lower_resolve(L, BIND_PARAM, name) : NULL;
		if (pb)
			return pb;
		if (i < 0)
			return lower_row_column(L, name);
	}
	const AstPort *p = s->ports.items[i];
	if (!p->dir && L->cur->row_in) /* a declared output field (MetaInfo): not a value of the row */
		return lower_row_column(L, name);
	if (lower_is_variable(p)) {
		if (L->cur_vars && L->cur_vars[i])
			return L->cur_vars[i];
		if (L->cur_prev && L->cur_prev[i]) /* the previous row's value */
			return L->cur_prev[i];
		ExprBinding *b = ARENA_NEW(L->a, ExprBinding); /* read before it is set */
		b->kind = BIND_VARIABLE;
		b->name = p->name;
		b->type = expr_type_from_ast(p->type.kind);
		return b;
	}
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_COLUMN;
	b->type = expr_type_from_ast(p->type.kind);
	if (L->cur_in && L->cur_in[i].node) {
		b->name = L->cur_in[i].col;
		const ExprBinding *cv =
		    lower_port_conversion(L, L->cur_node, p, L->cur_in[i].node, b->name, NULL);
		if (cv)
			return cv;
	} else if (L->cur_in && (p->dir & PORT_IN))
		return unfed_port(L, s, p);
	else if (p->expr && L->cur->row_in)
		/* an output port read by name in a step fed whole rows (an
		 * Alteryx Formula changing a field): the incoming column, which
		 * must arrive */
		return lower_row_column(L, name);
	else
		b->name = lower_colname(L, p->name);
	return b;
}

/* The environment of an expression of the current step, read in its own
 * language. */
static ExprEnv translate_env(Lower *L, const AstExpr *src, bool condition, bool aggregates)
{
	const Language *lang = expr_language(src->lang);
	ExprEnv env = {
	    .lang = lang ? lang : L->lang,
	    .dialect = L->dialect,
	    .null_compare = L->o->null_compare,
	    .condition = condition,
	    .aggregates = aggregates,
	    .grouped = aggregates,
	    .resolve = lower_resolve,
	    .ud = L,
	    .row_alias = L->row_alias,
	    .arrival_order = L->cur_order,
	    .row_order = L->cur_row_order,
	};
	return env;
}

/* A part of an expression of the current step (a subtree of its parse) as
 * SQL, with its type in *type; NULL when it does not translate.  Its
 * issues are not reported: the whole expression's translation reports
 * them. */
const char *lower_translate_part(Lower *L, LNode *ln, const AstExpr *src, const Expr *part, ExprType *type)
{
	ExprEnv env = translate_env(L, src, false, false);
	L->cur_node = ln;
	ExprResult r = {0};
	expr_translate_tree(L->a, &env, expr_clone(L->a, part), &r);
	if (!r.sql || r.unsupported || r.errors)
		return NULL;
	*type = r.type;
	return r.sql;
}

/* Translate one expression of the current step; records its issues on
 * the node.  Returns the SQL, or NULL (the node then falls back). */
const char *lower_translate(Lower *L, LNode *ln, const AstExpr *src, const char *what, bool condition,
			    bool aggregates, ExprResult *out)
{
	const AstStep *s = L->cur->s;
	ExprEnv env = translate_env(L, src, condition, aggregates);
	L->cur_node = ln;
	ExprResult r = {0};
	expr_translate_ast(L->a, &env, src, &r);
	const char *ctx =
	    arena_sprintf(L->a, "in %s of %s '%s'", what, s->orig_kind ? s->orig_kind : "step", s->name);
	for (uint32_t i = 0; i < r.issues.len; i++) {
		const ExprIssue *is = r.issues.items[i];
		expr_issue_emit(L->sink, is, src->text, src->loc, ctx);
		ir_warn(L->a, &ln->n->warnings, diag_code_str(is->code), src->loc.line, "%s: %s", what,
			is->msg);
	}
	if (out)
		*out = r;
	if (!r.sql || r.unsupported || r.errors) {
		const char *sp = pc_sp_call_why(L, src, what);
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  sp ? sp
				     : arena_sprintf(L->a, "%s '%s' has no translation", what, src->text));
		return NULL;
	}
	if (r.confidence < ln->expr_factor) {
		ln->expr_factor = r.confidence;
		ptrvec_push(
		    L->a, &ln->n->evidence,
		    (void *)arena_sprintf(L->a, "%s: expression confidence %.3f", what, r.confidence));
	}
	return r.sql;
}

/* Translate an output port's expression; the value is converted to the
 * port's declared type as it enters the port. */
/* The expression of a port with SET_EXPR_BY_TYPE props: the one whose
 * name is the type class ("string", "number") of the incoming field of
 * the port's name; the port's own expression for another type. */
static const AstExpr *port_expr(Lower *L, const AstPort *p)
{
	const ExprBinding *in = NULL;
	for (uint32_t i = 0; i < p->props.len; i++) {
		const AstProp *k = p->props.items[i];
		if (k->key != SET_EXPR_BY_TYPE || !k->expr)
			continue;
		if (!in && !(in = lower_row_column(L, p->name)))
			return p->expr;
		char cls = lower_type_class(in->type);
		if ((cls == 'S' && strcmp(k->name, "string") == 0) || (cls == 'N' && strcmp(k->name, "number") == 0))
			return k->expr;
	}
	return p->expr;
}

const char *lower_translate_port(Lower *L, LNode *ln, const AstPort *p, bool aggregates, ExprResult *out)
{
	ExprResult r;
	const char *e = lower_translate(L, ln, port_expr(L, p), arena_sprintf(L->a, "port '%s'", p->name), false,
					aggregates, &r);
	if (!e)
		return NULL;
	if (out)
		*out = r;
	const char *of = lower_port_type_of(L, p);
	if (of) /* the type of the incoming field it stands for */
		return arena_sprintf(L->a, "CAST((%s) AS %s)", e, of);
	const ExprBinding *cv = convert_value(L, ln, p, r.type, p->name, arena_sprintf(L->a, "(%s)", e));
	const char *ce = cv ? lower_print_inline(L, cv) : NULL;
	/* a date-and-time value entering a port of a date type keeps the date
	 * (the expression types have one class for both) */
	if (!ce && p->type.kind == TY_DATE && r.type == XT_DATE && r.tree && r.tree->kind == EX_CALL)
		return arena_sprintf(L->a, "CAST(%s AS date)", e);
	return ce ? ce : e;
}

/* A variable port's expression, analysed to be inlined where it is read;
 * NULL when it does not lower_translate (the node then falls back). */
ExprBinding *lower_variable_binding(Lower *L, LNode *ln, const AstPort *p, bool agg, ExprResult *out)
{
	ExprResult r;
	if (!lower_translate(L, ln, p->expr, arena_sprintf(L->a, "variable port '%s'", p->name), false, agg,
			     &r))
		return NULL;
	ExprBinding *b = ARENA_NEW(L->a, ExprBinding);
	b->kind = BIND_VARIABLE;
	b->name = p->name;
	b->type = expr_type_from_ast(p->type.kind);
	b->var_text = p->expr->text;
	b->var = r.tree;
	if (out)
		*out = r;
	return b;
}

/* Analyse the variable ports of the current step, in port order. */
bool lower_analyse_variables(Lower *L, LNode *ln, bool agg)
{
	const AstStep *s = L->cur->s;
	L->cur_vars = ARENA_NEWN(L->a, ExprBinding *, s->ports.len + 1);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (lower_is_variable(p) && !p->expr && p->init && p->init->text && *p->init->text) {
			/* never set: it holds its initial value on every row (IBM,
			 * "Transformer stage: Evaluation sequence": "Evaluate each
			 * stage variable initial value.  For each input row to
			 * process: evaluate each stage variable derivation value,
			 * unless the derivation is empty") */
			AstPort held = *p;
			held.expr = p->init;
			if (!(L->cur_vars[i] = lower_variable_binding(L, ln, &held, agg, NULL)))
				return false;
			continue;
		}
		if (!lower_is_variable(p) || !p->expr)
			continue;
		if (L->cur_pre && L->cur_pre[i]) {
			L->cur_vars[i] = L->cur_pre[i];
			continue;
		}
		if (!(L->cur_vars[i] = lower_variable_binding(L, ln, p, agg, NULL)))
			return false;
	}
	return true;
}

/* Is the port's expression just its own name (a pass-through)? */
bool lower_passthrough(const AstPort *p)
{
	if (!p->expr || !p->expr->text)
		return true;
	const char *t = p->expr->text;
	while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
		t++;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r' || t[n - 1] == '\n'))
		n--;
	return n == strlen(p->name) && strncasecmp(t, p->name, n) == 0;
}
