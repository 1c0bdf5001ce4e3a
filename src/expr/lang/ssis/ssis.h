/* ssis.h - the SSIS expression language's module, internal to
 * src/expr/lang/ssis: the parser's entry, the DT_ type table, date parts,
 * casts and the lowering hooks the catalogue names.  Everything else
 * reaches the language through its Language (lang.h).
 */
#ifndef AKKO_EXPR_LANG_SSIS_SSIS_H
#define AKKO_EXPR_LANG_SSIS_SSIS_H

#include "expr/lang/ssis/catalog.h"
#include "expr/sqlgen.h"

/* Parse SSIS expression text (grammars/ssis_parse.y). */
Expr *ssis_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

/* An SSIS data type (DT_I4, DT_WSTR...): the neutral type it is, and the
 * parameters its cast takes, in order ("l" length, "c" code page, "p"
 * precision, "s" scale). */
typedef struct SsisType {
	const char *name;
	ExprType type;
	const char *params;
} SsisType;

/* A DT_ name (case-insensitive), or NULL. */
const SsisType *ssis_type_find(const char *name, size_t len);
/* Language.type_named: a DT_ name as a neutral type. */
bool ssis_type_named(const char *name, ExprType *out);

bool ssis_date_unit(const char *s, int *out);
bool ssis_date_tokens(Arena *a, const char *fmt, DateTokens *t);
/* Explicit casts (Language.cast) and implicit conversions
 * (Language.convert): SSIS converts the same way in both. */
Sql ssis_cast(Gen *g, const Expr *cast);

/* A value that fails the statement at run time with `msg` and the text
 * of `shown` (SSIS's row error), typed `type`. */
Sql ssis_row_error(Gen *g, const char *msg, Sql shown, ExprType type);

/* The hooks of catalog.h's H(name) rows. */
#define SSIS_LOWERING_HOOKS(X)                                                                            \
	X(findstring)                                                                                     \
	X(substring) X(left) X(right) X(trim) X(replace) X(replicate) X(token) X(tokencount) X(codepoint) \
	    X(hex) X(log) X(square) X(round) X(real) X(dateadd) X(datediff) X(datepart) X(day) X(month)   \
		X(year) X(replacenull)
#define X(name) Sql ssis_lower_##name(Gen *g, const Expr *e);
SSIS_LOWERING_HOOKS(X)
#undef X

#endif
