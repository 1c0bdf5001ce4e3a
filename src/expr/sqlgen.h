/* sqlgen.h - the SQL printer's primitives, for the lowering hooks of the
 * source languages (internal to src/expr and src/expr/lang).
 *
 * A hook (FuncDef.lower) prints one checked call: it prints its arguments
 * with sql_arg() (converted as the catalogue's signature letter says) or
 * sql_gen(), builds SQL text with sql_mk() and the dialect's core
 * operations (sql_prim()), and reports differences with sql_note().
 * Every Sql carries its precedence, so sql_wrap() adds parentheses only
 * where they are needed.
 */
#ifndef AKKO_EXPR_SQLGEN_H
#define AKKO_EXPR_SQLGEN_H

#include "expr/dialect.h"
#include "expr/lang.h"

typedef struct Sql {
	const char *s;
	int prec;
	ExprType type;
	bool not_null;
} Sql;

typedef struct Gen {
	Arena *a;
	const ExprEnv *env;
	const Dialect *d;
	const Language *lang;
	ExprResult *r;
	const Expr *via; /* inlining a variable port: the name that reads it */
	bool too_big;    /* the SQL outgrew SQL_MAX_BYTES */
	int in_lookup;   /* printing a lookup's arguments: qualify columns */
} Gen;

Sql sql_gen(Gen *g, const Expr *e);
/* Argument i of a call, converted as its signature letter says. */
Sql sql_arg(Gen *g, const Expr *call, uint32_t i);
/* A branch of a conditional, converted to the conditional's type. */
Sql sql_branch(Gen *g, const Expr *e, ExprType result);

void sql_note(Gen *g, DiagCode code, const Expr *e, const char *fmt, ...) PRINTF_LIKE(4, 5);
/* An error in a literal argument (a bad date format): counted as one. */
void sql_error_at(Gen *g, DiagCode code, uint32_t off, uint32_t len, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Argument i of a hook that checks its own argument types (signature
 * letter X) is not what it takes: "F expects WANT as argument N, not a
 * TYPE", counted as an error. */
void sql_arg_type_error(Gen *g, const Expr *call, uint32_t i, const char *want, ExprType got);
Sql sql_mk(Gen *g, int prec, ExprType t, const char *fmt, ...) PRINTF_LIKE(4, 5);
/* The text of x, in parentheses when it binds less tightly than `min`. */
const char *sql_wrap(Gen *g, Sql x, int min);
/* A quoted SQL string literal. */
const char *sql_quote(Gen *g, const char *s);
Sql sql_tmpl(Gen *g, SqlTmpl t, ExprType type, const char *extra, const Sql *args, int n);
Sql sql_prim(Gen *g, SqlPrim p, ExprType type, const char *extra, int n, ...);
Sql sql_lit(Gen *g, ExprType t, const char *text);
Sql sql_cast(Gen *g, Sql x, ExprType t);

bool sql_literal_number(const Expr *e, double *v);
bool sql_is_null_literal(const Expr *e);
/* Date unit words of the dialect (DateUnit, datefmt.h). */
const char *sql_unit_word(Gen *g, int unit);
const char *sql_interval_unit(Gen *g, int unit);

/* A date format of the language printed for the dialect: false (with
 * d->bad set) when it cannot be.  The caller releases d->pg and d->re. */
bool sql_datefmt(Gen *g, const char *fmt, DateFmt *d);
/* The dialect's spelling of a format the language must support (its
 * default format). */
const char *sql_date_format(Gen *g, const char *fmt);

/* Positions: one the language counts (LangSemantics.position_base) as
 * SQL's 1-based one, and SQL's 1-based result (0: not found) as the
 * language counts, with `missing` (SQL text) for "not found", or NULL to
 * keep SQL's 0. */
Sql sql_position_in(Gen *g, Sql pos);
Sql sql_position_out(Gen *g, Sql pos, const char *missing);

/* Implicit conversions of the language. */
Sql sql_as_cond(Gen *g, Sql x);
Sql sql_as_value(Gen *g, Sql x);
Sql sql_as_text(Gen *g, Sql x, const Expr *e);
Sql sql_as_int(Gen *g, Sql x, const Expr *e);
Sql sql_as_decimal(Gen *g, Sql x);

/* Concatenation of a call or an operator chain, under the language's NULL
 * rule (LangSemantics.concat_skips_null). */
Sql sql_concat(Gen *g, const Expr *e);
/* An aggregate of core operation `op`, with an optional filter argument
 * after the values; `args` overrides the printed values when not NULL. */
Sql sql_aggregate(Gen *g, const Expr *e, SqlPrim op, const Sql *args);

#endif
