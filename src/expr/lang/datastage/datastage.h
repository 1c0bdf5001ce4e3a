/* datastage.h - the DataStage parallel Transformer derivation language's
 * module, internal to src/expr/lang/datastage: the parser's entry, date
 * format tokens, type names, and the lowering hooks the catalogue names.
 * Everything else reaches the language through its Language (lang.h).
 */
#ifndef AKKO_EXPR_LANG_DATASTAGE_DATASTAGE_H
#define AKKO_EXPR_LANG_DATASTAGE_DATASTAGE_H

#include "expr/lang/datastage/catalog.h"
#include "expr/sqlgen.h"

/* Parse derivation text (grammars/ds_parse.y). */
Expr *ds_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

/* %yyyy-%mm-%dd date format tokens (the "Date and time formats" of the
 * parallel job reference) as canonical tokens. */
bool ds_date_tokens(Arena *a, const char *fmt, DateTokens *t);
/* --types: DataStage's SQL types (VarChar, Integer, Decimal, Timestamp...)
 * and parallel types (string, int32, dfloat...). */
bool ds_type_named(const char *name, ExprType *out);

/* A value entering a column of another type, as DataStage converts it
 * (Language.convert). */
Sql ds_convert(Gen *g, const Expr *cast);

/* The hooks of catalog.h's H(name) rows. */
#define DS_LOWERING_HOOKS(X)                                                                                 \
	X(substring)                                                                                         \
	X(field)                                                                                             \
	X(charclass)                                                                                         \
	X(change) X(whitespace) X(compare) X(convert) X(count) X(dcount) X(quote) X(index) X(leftright)      \
	    X(num) X(padstring) X(space) X(trim) X(trimsides) X(current) X(datefromcomponents)               \
		X(datefromdayssince) X(datefromjulian) X(dateoffset) X(daysin) X(dayssince) X(timepart)      \
		    X(datepart) X(nextprev) X(secondssince) X(timestampfromseconds) X(weekday) X(ceilfloor)  \
			X(div) X(todouble) X(ldexp) X(llabs) X(log10) X(maxmin) X(mod) X(neg) X(pwr) X(rand) \
			    X(isnotnull) X(makenull) X(nullto) X(setnull) X(asinteger) X(char) X(conversion) \
				X(datetodecimal) X(datetostring) X(decimaltodate) X(stringtodecimal)         \
				    X(decimaltostring) X(dfloattostring) X(isvalid) X(isvalidtyped) X(seqat) \
					X(stringtodate) X(identity) X(timestamptodate) X(timetext)           \
					    X(timestampfromdatetime)
#define X(name) Sql ds_lower_##name(Gen *g, const Expr *e);
DS_LOWERING_HOOKS(X)
#undef X

#endif
