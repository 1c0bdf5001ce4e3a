/* sema.c - name resolution and type inference for expression trees
 * (src/expr).  Runs after parsing, before SQL printing: resolves names
 * against the ExprEnv and the language's built-in constants, checks every
 * call against the language's function catalogue (arity, argument types),
 * and types every node.  Problems become ExprIssues; the walk goes on so
 * that one pass reports all of them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "expr/lang.h"
#include "expr/sema.h"

typedef struct Sema {
	Arena *a;
	const ExprEnv *env;
	const Language *lang;
	ExprResult *r;
	int agg_depth; /* inside an aggregate's arguments */
} Sema;

static void issue(Sema *s, DiagCode code, const Expr *e, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void issue(Sema *s, DiagCode code, const Expr *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	expr_issue_vadd(s->a, &s->r->issues, code, e->off, e->len ? e->len : 1, fmt, ap);
	va_end(ap);
	if (diag_code_severity(code) == DIAG_ERROR)
		s->r->errors++;
	if (code == W_EXPR_UNSUPPORTED)
		s->r->unsupported = true;
}

static int num_rank(ExprType t)
{
	switch (t) {
	case XT_BOOLEAN:
	case XT_INTEGER: return 1;
	case XT_BIGINT: return 2;
	case XT_DECIMAL: return 3;
	case XT_DOUBLE: return 4;
	default: return 0;
	}
}

static ExprType num_type(ExprType t)
{
	return t == XT_BOOLEAN ? XT_INTEGER : t;
}

/* The common type of two branches; false when they cannot meet. */
bool sema_unify(ExprType a, ExprType b, ExprType *out)
{
	if (a == XT_NULL || a == XT_UNKNOWN) {
		*out = b == XT_NULL ? a : b;
		return true;
	}
	if (b == XT_NULL || b == XT_UNKNOWN || a == b) {
		*out = a;
		return true;
	}
	if (num_rank(a) && num_rank(b)) {
		*out = num_type(num_rank(a) >= num_rank(b) ? a : b);
		return true;
	}
	return false;
}

static bool loose(ExprType t)
{
	return t == XT_NULL || t == XT_UNKNOWN;
}

static const char *tname(ExprType t)
{
	return t == XT_BOOLEAN ? "condition" : expr_type_name(t);
}

static void check(Sema *s, Expr *e);
static void check_binary(Sema *s, Expr *e);

/* ---- literals and names ------------------------------------------------------ */

static void check_number(Sema *s, Expr *e)
{
	e->not_null = true;
	if (strpbrk(e->text, ".eE")) {
		e->type = XT_DECIMAL;
		return;
	}
	errno = 0;
	long long v = strtoll(e->text, NULL, 10);
	if (errno)
		e->type = XT_DECIMAL;
	else
		e->type = v > 2147483647LL ? XT_BIGINT : XT_INTEGER;
}

/* Without --types (ExprEnv.free_names), an unknown name is an untyped
 * column, warned about once per name. */
static const ExprBinding *untyped(Sema *s, const Expr *e, const char *name, const char *what)
{
	ExprBinding *nb = ARENA_NEW(s->a, ExprBinding);
	*nb = (ExprBinding){.kind = BIND_COLUMN, .name = name, .type = XT_UNKNOWN};
	bool seen = false; /* one warning per name */
	for (uint32_t i = 0; i < s->r->issues.len && !seen; i++) {
		const ExprIssue *is = s->r->issues.items[i];
		seen = is->code == W_EXPR_UNTYPED && strstr(is->msg, name);
	}
	if (!seen)
		issue(s, W_EXPR_UNTYPED, e, "%s '%s' has no declared type", what, name);
	return nb;
}

static void check_name(Sema *s, Expr *e)
{
	const LangConst *k = lang_find_const(s->lang, e->name);
	e->constant = k;
	if (k) {
		e->type = k->type;
		e->not_null = k->kind != CK_NULL;
		if (k->kind == CK_UNSUPPORTED)
			issue(s, W_EXPR_UNSUPPORTED, e, "%s", k->why);
		return;
	}
	const ExprBinding *b = s->env->resolve ? s->env->resolve(s->env->ud, BIND_COLUMN, e->name) : NULL;
	if (!b && s->env->free_names)
		b = untyped(s, e, e->name, "port");
	if (!b && strchr(e->name, '.') && !s->lang->sem.qualified_names) {
		issue(s, E_EXPR_NAME, e, "'%s' is a qualified name; %s", e->name,
		      s->lang->sem.qualified_name_note);
		e->type = XT_UNKNOWN;
		return;
	}
	if (!b) {
		issue(s, E_EXPR_NAME, e, "unknown port '%s'", e->name);
		e->type = XT_UNKNOWN;
		return;
	}
	e->bind = b;
	e->type = b->kind == BIND_VARIABLE && b->var ? b->var->type : b->type;
	if (b->kind == BIND_VARIABLE && b->var)
		e->not_null = b->var->not_null;
	if (b->kind == BIND_VARIABLE && !b->var && b->var_text)
		issue(s, W_EXPR_UNSUPPORTED, e,
		      "variable port '%s' is not translated (see its own diagnostic), so neither is "
		      "what reads it",
		      e->name);
	else if (b->kind == BIND_VARIABLE && !b->var)
		issue(s, W_EXPR_UNSUPPORTED, e,
		      "variable port '%s' is read before it is set, so it holds the previous row's "
		      "value; SQL needs an ordering column the mapping does not have",
		      e->name);
}

static void check_param(Sema *s, Expr *e)
{
	const ExprBinding *b = s->env->resolve ? s->env->resolve(s->env->ud, BIND_PARAM, e->name) : NULL;
	if (!b) {
		ExprBinding *nb = ARENA_NEW(s->a, ExprBinding);
		nb->kind = BIND_PARAM;
		nb->name = e->name;
		nb->type = e->kind == EX_SYSVAR ? XT_STRING : XT_UNKNOWN;
		b = nb;
		if (e->kind == EX_PARAM)
			issue(s, W_EXPR_PARAM, e, "parameter '%s' is not declared; its type is unknown",
			      e->name);
	} else if (!b->declared)
		issue(s, W_EXPR_PARAM, e,
		      "parameter '%s' is not declared in the mapping (only a parameter file sets it); it "
		      "is read as text",
		      e->name);
	if (e->kind == EX_SYSVAR && strchr(e->name, '.'))
		issue(s, W_EXPR_UNSUPPORTED, e,
		      "'%s' is a workflow task variable; it belongs to the orchestration, not to "
		      "a SQL expression",
		      e->name);
	e->bind = b;
	e->type = b->type;
}

/* ---- operators -------------------------------------------------------------- */

static bool whole(ExprType t)
{
	return t == XT_INTEGER || t == XT_BIGINT || t == XT_BOOLEAN;
}

/* A condition: a boolean, or where booleans are numbers, a number. */
static bool condition_ok(Sema *s, ExprType t)
{
	return loose(t) || t == XT_BOOLEAN || (s->lang->sem.bool_is_number && expr_type_numeric(t));
}

static void check_unary(Sema *s, Expr *e)
{
	Expr *x = e->args[0];
	if (e->op == OP_NOT) {
		if (!condition_ok(s, x->type))
			issue(s, E_EXPR_TYPE, e, "NOT needs a condition or a number, not a %s",
			      tname(x->type));
		e->type = XT_BOOLEAN;
		return;
	}
	if (e->op == OP_BITNOT && !loose(x->type) && !whole(x->type))
		issue(s, E_EXPR_TYPE, e, "'~' needs a whole number, not a %s", tname(x->type));
	else if (!loose(x->type) && !expr_type_numeric(x->type) &&
		 !(x->type == XT_STRING && s->lang->sem.arith_reads_strings))
		issue(s, E_EXPR_TYPE, e, "unary '%s' needs a number, not a %s", expr_op_name(e->op),
		      tname(x->type));
	e->type = loose(x->type) ? x->type : x->type == XT_STRING ? XT_DECIMAL : num_type(x->type);
	e->not_null = x->not_null;
}

static bool comparable(ExprType a, ExprType b)
{
	if (loose(a) || loose(b) || a == b)
		return true;
	return num_rank(a) && num_rank(b);
}

static void check_binary(Sema *s, Expr *e)
{
	Expr *l = e->args[0], *r = e->args[1];
	switch (e->op) {
	case OP_CONCAT:
		e->type = XT_STRING;
		e->not_null =
		    s->lang->sem.concat_skips_null ? l->not_null || r->not_null : l->not_null && r->not_null;
		return;
	case OP_AND:
	case OP_OR:
		for (int i = 0; i < 2; i++)
			if (!condition_ok(s, e->args[i]->type))
				issue(s, E_EXPR_TYPE, e->args[i], "%s needs conditions, not a %s",
				      expr_op_name(e->op), tname(e->args[i]->type));
		e->type = XT_BOOLEAN;
		return;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_EQ:
	case OP_NE:
		if (!comparable(l->type, r->type))
			issue(s, E_EXPR_TYPE, e, "cannot compare a %s with a %s", tname(l->type),
			      tname(r->type));
		e->type = XT_BOOLEAN;
		return;
	case OP_BITAND:
	case OP_BITOR:
	case OP_BITXOR:
		for (int i = 0; i < 2; i++)
			if (!loose(e->args[i]->type) && !whole(e->args[i]->type))
				issue(s, E_EXPR_TYPE, e->args[i], "'%s' needs whole numbers, not a %s",
				      expr_op_name(e->op), tname(e->args[i]->type));
		e->type = l->type == XT_BIGINT || r->type == XT_BIGINT ? XT_BIGINT : XT_INTEGER;
		e->not_null = l->not_null && r->not_null;
		return;
	default: break;
	}
	if (e->op == OP_ADD && s->lang->sem.add_concatenates &&
	    (l->type == XT_STRING || r->type == XT_STRING)) {
		/* "a" + "b" joins the strings; a number does not become one */
		if ((l->type == XT_STRING || loose(l->type)) && (r->type == XT_STRING || loose(r->type))) {
			e->op = OP_CONCAT;
			check_binary(s, e);
			return;
		}
		issue(s, E_EXPR_TYPE, e, "'+' cannot join a %s and a %s; cast the number to a string first",
		      tname(l->type), tname(r->type));
		e->type = XT_STRING;
		return;
	}
	if (e->op == OP_MOD && s->lang->sem.integer_modulo)
		for (int i = 0; i < 2; i++)
			if (!loose(e->args[i]->type) && !whole(e->args[i]->type))
				issue(s, E_EXPR_TYPE, e->args[i], "'%%' needs whole numbers, not a %s",
				      tname(e->args[i]->type));
	/* arithmetic */
	for (int i = 0; i < 2; i++) {
		ExprType t = e->args[i]->type;
		if (t == XT_DATE)
			issue(s, E_EXPR_TYPE, e, "'%s' does not take dates; %s", expr_op_name(e->op),
			      s->lang->sem.date_arith_note ? s->lang->sem.date_arith_note
							   : "use the language's date functions");
		else if (!loose(t) && !expr_type_numeric(t) && !(t == XT_STRING && s->lang->sem.arith_reads_strings))
			issue(s, E_EXPR_TYPE, e, "'%s' needs numbers, not a %s", expr_op_name(e->op),
			      tname(t));
	}
	ExprType t;
	if (!sema_unify(l->type, r->type, &t) || !num_rank(t))
		t = loose(l->type) && loose(r->type) ? XT_UNKNOWN : XT_DECIMAL;
	if (e->op == OP_DIV && s->lang->sem.decimal_division) /* 10/4 is 2.5 */
		t = l->type == XT_DOUBLE || r->type == XT_DOUBLE ? XT_DOUBLE : XT_DECIMAL;
	e->type = num_rank(t) ? num_type(t) : t;
	e->not_null = l->not_null && r->not_null && e->op != OP_DIV && e->op != OP_MOD;
}

/* ---- calls ---------------------------------------------------------------- */

static void check_arg(Sema *s, Expr *call, uint32_t i)
{
	const FuncDef *f = call->fn;
	Expr *a = call->args[i];
	ExprType t = a->type;
	char want = func_sig(f, i);
	if (a->kind == EX_STAR) {
		if (!(f->flags & FF_STAR) || i != 0)
			issue(s, E_EXPR_SYNTAX, a, "'*' is allowed only in COUNT(*)");
		return;
	}
	switch (want) {
	case 'N':
	case 'I':
	case 'C':
		if (!loose(t) && !expr_type_numeric(t))
			issue(s, E_EXPR_TYPE, a, "%s expects a number as argument %u, not a %s", f->name,
			      i + 1, tname(t));
		break;
	case 'B':
		if (!loose(t) && !expr_type_numeric(t))
			issue(s, E_EXPR_TYPE, a, "%s expects a condition as argument %u, not a %s", f->name,
			      i + 1, tname(t));
		break;
	case 'D':
		if (t == XT_STRING && s->lang->sem.date_args_take_text && a->kind == EX_STRING)
			issue(s, E_EXPR_TYPE, a, "%s: a date literal must be cast to a date type first",
			      f->name);
		else if (!loose(t) && t != XT_DATE && !(t == XT_STRING && s->lang->sem.date_args_take_text))
			issue(s, E_EXPR_TYPE, a, "%s expects a date as argument %u, not a %s", f->name, i + 1,
			      tname(t));
		break;
	case 'S':
		if (s->lang->sem.strict_string_args && !loose(t) && t != XT_STRING)
			issue(s, E_EXPR_TYPE, a, "%s expects a string as argument %u, not a %s", f->name,
			      i + 1, tname(t));
		break;
	case 'U':
		if (a->kind != EX_STRING)
			issue(s, W_EXPR_UNSUPPORTED, a,
			      "the unit of %s must be a literal such as 'DD' to be translated", f->name);
		else if (!s->lang->date_unit(a->text, &(int){0}))
			issue(s, E_EXPR_ARG, a, "unknown date unit '%s'", a->text);
		break;
	default: break;
	}
}

static ExprType call_result(Sema *s, Expr *e)
{
	const FuncDef *f = e->fn;
	ExprType t = XT_UNKNOWN;
	switch (f->result) {
	case FR_STRING: return XT_STRING;
	case FR_INTEGER: return XT_INTEGER;
	case FR_BIGINT: return XT_BIGINT;
	case FR_DECIMAL: return XT_DECIMAL;
	case FR_DOUBLE: return XT_DOUBLE;
	case FR_DATE: return XT_DATE;
	case FR_BOOL: return XT_BOOLEAN;
	case FR_NONE: return XT_NULL;
	case FR_ARG1:
		t = e->nargs ? e->args[0]->type : XT_UNKNOWN;
		return num_rank(t) ? num_type(t) : t == XT_NULL ? XT_UNKNOWN : t;
	case FR_ROUND:
		t = e->args[0]->type;
		if (t == XT_STRING)
			issue(s, E_EXPR_TYPE, e->args[0], "%s expects a number or a date, not a string",
			      f->name);
		return num_rank(t) ? num_type(t) : t;
	case FR_ARG2: return e->args[1]->type;
	case FR_BRANCHES:
		if (e->nargs == 3 && !sema_unify(e->args[1]->type, e->args[2]->type, &t))
			issue(s, E_EXPR_TYPE, e, "%s's results differ in type: %s and %s", f->name,
			      tname(e->args[1]->type), tname(e->args[2]->type));
		return e->nargs == 3 ? t : e->args[1]->type;
	case FR_DECODE:
	case FR_CHOOSE: {
		/* DECODE(value, s1, r1, ..., [default]): results at even
		 * indices, the default at the last (odd) index when nargs is
		 * even.  CHOOSE(index, c1, c2, ...): every argument after the
		 * first. */
		t = XT_NULL;
		for (uint32_t i = 1; i < e->nargs; i++) {
			bool result =
			    f->result == FR_CHOOSE || i % 2 == 0 || (e->nargs % 2 == 0 && i == e->nargs - 1);
			if (result && !sema_unify(t, e->args[i]->type, &t)) {
				issue(s, E_EXPR_TYPE, e->args[i], "%s's results differ in type: %s here",
				      f->name, tname(e->args[i]->type));
				break;
			}
		}
		return t == XT_NULL ? XT_UNKNOWN : t;
	}
	}
	return t;
}

static void check_call(Sema *s, Expr *e)
{
	const FuncDef *f = lang_find_function(s->lang, e->name);
	if (!f) {
		issue(s, E_EXPR_FUNCTION, e, "unknown function '%s'", e->name);
		e->type = XT_UNKNOWN;
		return;
	}
	e->fn = f;
	if (e->nargs < f->min_args || e->nargs > f->max_args) {
		if (f->max_args == 255)
			issue(s, E_EXPR_ARITY, e, "%s expects at least %u arguments, got %u", f->name,
			      f->min_args, e->nargs);
		else if (f->min_args == f->max_args)
			issue(s, E_EXPR_ARITY, e, "%s expects %u argument%s, got %u", f->name, f->min_args,
			      f->min_args == 1 ? "" : "s", e->nargs);
		else
			issue(s, E_EXPR_ARITY, e, "%s expects %u to %u arguments, got %u", f->name,
			      f->min_args, f->max_args, e->nargs);
		e->type = XT_UNKNOWN;
		return;
	}
	bool agg = (f->flags & FF_AGGREGATE) != 0;
	if (agg && s->agg_depth)
		issue(s, W_EXPR_UNSUPPORTED, e, "nested aggregate %s is not translated", f->name);
	else if (agg && !s->env->aggregates)
		issue(s, E_EXPR_FUNCTION, e, "aggregate function %s is allowed only in an Aggregator",
		      f->name);
	if ((f->flags & FF_PAIRS) && e->nargs < 3)
		issue(s, E_EXPR_ARITY, e, "%s expects a value and at least one search/result pair", f->name);
	for (uint32_t i = 0; i < e->nargs; i++)
		check_arg(s, e, i);
	bool ordered = (f->flags & FF_ORDERED) && s->env->arrival_order;
	if (f->status == FS_UNSUPPORTED && !ordered)
		issue(s, W_EXPR_UNSUPPORTED, e, "%s is not translated: %s", f->name, f->notes);
	e->type = call_result(s, e);
	if (f->flags & FF_NOT_NULL)
		e->not_null = true;
}

static void check_lookup(Sema *s, Expr *e)
{
	const ExprBinding *b = s->env->resolve ? s->env->resolve(s->env->ud, BIND_LOOKUP, e->name) : NULL;
	e->type = XT_UNKNOWN;
	if (b && b->absent) {
		issue(s, W_EXPR_UNSUPPORTED, e,
		      ":LKP.%s cannot be translated: the lookup's definition is not in the export",
		      e->name);
		return;
	}
	if (!b || !b->lookup) {
		if (s->env->free_names)
			issue(s, W_EXPR_UNSUPPORTED, e,
			      ":LKP.%s needs the lookup's definition; translate the whole mapping", e->name);
		else
			issue(s, E_EXPR_LOOKUP, e, "no unconnected lookup named '%s' in this mapping",
			      e->name);
		return;
	}
	e->bind = b;
	e->type = b->lookup->ret_type;
	if (!b->lookup->ret_col)
		issue(s, W_EXPR_UNSUPPORTED, e, "lookup '%s' has no return port", e->name);
	else if (e->nargs != b->lookup->n_in)
		issue(s, E_EXPR_ARITY, e,
		      "lookup '%s' takes %u argument%s (its condition's input ports), got %u", e->name,
		      b->lookup->n_in, b->lookup->n_in == 1 ? "" : "s", e->nargs);
}

/* ---- the shared forms: qualified names, rows, conditionals, IN, casts ------------ */

static void check_qname(Sema *s, Expr *e)
{
	const char *full = arena_sprintf(s->a, "%s.%s", e->text, e->name);
	if (!s->lang->sem.qualified_names) {
		issue(s, E_EXPR_NAME, e, "'%s' is a qualified name; %s", full,
		      s->lang->sem.qualified_name_note);
		e->type = XT_UNKNOWN;
		return;
	}
	const ExprBinding *b = s->env->resolve ? s->env->resolve(s->env->ud, BIND_QUALIFIED, full) : NULL;
	if (!b && s->env->free_names) /* the CLI without --types */
		b = untyped(s, e, full, "column");
	if (!b) {
		issue(s, E_EXPR_NAME, e, "unknown column '%s'", full);
		e->type = XT_UNKNOWN;
		return;
	}
	e->bind = b;
	e->type = b->type;
}

static void check_rowref(Sema *s, Expr *e)
{
	const ExprBinding *b = s->env->resolve ? s->env->resolve(s->env->ud, BIND_COLUMN, e->name) : NULL;
	if (!b && s->env->free_names) { /* the CLI without --types: an untyped column */
		ExprBinding *nb = ARENA_NEW(s->a, ExprBinding);
		*nb = (ExprBinding){.kind = BIND_COLUMN, .name = e->name, .type = XT_UNKNOWN};
		b = nb;
	}
	if (!b || b->kind != BIND_COLUMN) {
		issue(s, E_EXPR_NAME, e, "unknown column '%s'", e->name);
		e->type = XT_UNKNOWN;
		return;
	}
	e->bind = b;
	e->type = b->type;
	if (e->row && !s->env->arrival_order)
		issue(s, W_EXPR_UNSUPPORTED, e,
		      "a value %d row%s away needs the order rows arrive in, which is not known here",
		      e->row < 0 ? -e->row : e->row, e->row == 1 || e->row == -1 ? "" : "s");
}

/* The common type of a conditional's results (args[i] for each result i). */
static ExprType results_type(Sema *s, Expr *e, uint32_t first, uint32_t step, bool has_else)
{
	ExprType t = XT_NULL;
	for (uint32_t i = first; i < e->nargs; i += step)
		if (!sema_unify(t, e->args[i]->type, &t)) {
			issue(s, E_EXPR_TYPE, e->args[i], "the results differ in type: %s here",
			      tname(e->args[i]->type));
			return XT_UNKNOWN;
		}
	if (has_else && !sema_unify(t, e->args[e->nargs - 1]->type, &t)) {
		issue(s, E_EXPR_TYPE, e->args[e->nargs - 1], "the results differ in type: %s here",
		      tname(e->args[e->nargs - 1]->type));
		return XT_UNKNOWN;
	}
	return t == XT_NULL ? XT_UNKNOWN : t;
}

static void check_if(Sema *s, Expr *e)
{
	bool has_else = e->nargs % 2 == 1;
	uint32_t pairs = e->nargs / 2;
	for (uint32_t i = 0; i < pairs; i++) {
		ExprType t = e->args[2 * i]->type;
		bool ok =
		    loose(t) || t == XT_BOOLEAN || (s->lang->sem.bool_is_number && expr_type_numeric(t));
		if (!ok)
			issue(s, E_EXPR_TYPE, e->args[2 * i], "a condition is needed here, not a %s",
			      tname(t));
	}
	e->type = results_type(s, e, 1, 2, has_else);
}

static void check_case(Sema *s, Expr *e)
{
	for (uint32_t i = 1; i + 1 < e->nargs; i += 2)
		if (!comparable(e->args[0]->type, e->args[i]->type))
			issue(s, E_EXPR_TYPE, e->args[i], "cannot compare a %s with a %s",
			      tname(e->args[0]->type), tname(e->args[i]->type));
	e->type = results_type(s, e, 2, 2, e->nargs % 2 == 0 && e->nargs > 2);
}

static void check_in(Sema *s, Expr *e)
{
	for (uint32_t i = 1; i < e->nargs; i++)
		if (!comparable(e->args[0]->type, e->args[i]->type))
			issue(s, E_EXPR_TYPE, e->args[i], "cannot compare a %s with a %s",
			      tname(e->args[0]->type), tname(e->args[i]->type));
	e->type = XT_BOOLEAN;
}

static void check(Sema *s, Expr *e)
{
	/* FIRST and LAST (ordered aggregates) are not counted: their
	 * arguments were never checked for nesting */
	bool agg = e->kind == EX_CALL && (e->fn = lang_find_function(s->lang, e->name)) &&
		   (e->fn->flags & FF_AGGREGATE) && !(e->fn->flags & FF_ORDERED);
	if (agg)
		s->agg_depth++;
	for (uint32_t i = 0; i < e->nargs; i++)
		check(s, e->args[i]);
	if (agg)
		s->agg_depth--;
	e->constant = NULL;
	switch (e->kind) {
	case EX_NUMBER: check_number(s, e); break;
	case EX_STRING:
		e->type = XT_STRING;
		e->not_null = true;
		break;
	case EX_NAME: check_name(s, e); break;
	case EX_PARAM:
	case EX_SYSVAR: check_param(s, e); break;
	case EX_UNARY: check_unary(s, e); break;
	case EX_BINARY: check_binary(s, e); break;
	case EX_CALL: check_call(s, e); break;
	case EX_STAR: e->type = XT_UNKNOWN; break;
	case EX_LKP: check_lookup(s, e); break;
	case EX_SP:
	case EX_UDF:
	case EX_MCR:
		issue(s, W_EXPR_UNSUPPORTED, e, "%s calls are not translated: '%s' runs outside the mapping",
		      e->kind == EX_SP    ? ":SP."
		      : e->kind == EX_UDF ? ":UDF."
					  : ":MCR.",
		      e->name);
		e->type = XT_UNKNOWN;
		break;
	case EX_QNAME: check_qname(s, e); break;
	case EX_ROWREF: check_rowref(s, e); break;
	case EX_IF: check_if(s, e); break;
	case EX_CASE: check_case(s, e); break;
	case EX_IN: check_in(s, e); break;
	case EX_CAST:
		e->type = e->cast->to;
		e->not_null = e->args[0]->not_null;
		break;
	case EX_KIND_COUNT: break;
	}
}

void expr_analyse(Arena *a, const ExprEnv *env, Expr *e, ExprResult *r)
{
	if (!env->lang)
		die("expr_analyse: no language in the environment");
	Sema s = {a, env, env->lang, r, 0};
	check(&s, e);
	r->tree = e;
	r->type = e->type;
}
