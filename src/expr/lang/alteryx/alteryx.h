/* alteryx.h - the Alteryx formula language's module, internal to
 * src/expr/lang/alteryx: the parser's entry, date units and % specifiers,
 * and the lowering hooks the catalogue names.  Everything else reaches
 * the language through its Language (lang.h).
 */
#ifndef AKKO_EXPR_LANG_ALTERYX_ALTERYX_H
#define AKKO_EXPR_LANG_ALTERYX_ALTERYX_H

#include "expr/lang/alteryx/catalog.h"
#include "expr/sqlgen.h"

/* Parse Alteryx formula text (grammars/ayx_parse.y). */
Expr *ayx_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

/* DateTimeAdd/DateTimeDiff/DateTimeTrim units: "years", "month", "days"...
 * (a prefix of the word, case aside, as the DateTime page allows). */
bool ayx_date_unit(const char *s, int *out);
/* DateTimeFormat/DateTimeParse % specifiers as canonical tokens. */
bool ayx_date_tokens(Arena *a, const char *fmt, DateTokens *t);
/* --types: Alteryx type names (V_WString, Int32, Double, DateTime...). */
bool ayx_type_named(const char *name, ExprType *out);

/* Boost (Perl syntax) pattern `re` as a PostgreSQL ARE (regex.c): NULL
 * with *why naming a construct the ARE has not; *differs says why the
 * ARE may match differently (else NULL); *ngroups its marked groups. */
const char *ayx_regex_to_are(Arena *a, const char *re, const char **why, const char **differs, int *ngroups);

/* The hooks of catalog.h's H(name) rows. */
#define AYX_LOWERING_HOOKS(X)                                                                                \
	X(misuse)                                                                                            \
	X(contains)                                                                                          \
	X(countwords) X(startsends) X(findnth) X(findstring) X(getword) X(leftright) X(pad) X(regex_count)   \
	X(regex_group) X(regex_token) X(split_piece) \
	    X(regex_match) X(regex_replace) X(replacechar) X(replacefirst) X(substring) X(trim) X(degrees)   \
		X(tonumber) X(tostring) X(datetimeadd) X(datetimediff) X(firstofmonth) X(datetimeformat)     \
		    X(lastofmonth) X(datetimeparse) X(datetimepart) X(today) X(datetimetrim) X(todate)       \
			X(todatetime) X(average) X(averagenonnull) X(log10) X(mod) X(pi) X(randint) X(round) \
			    X(isempty) X(istype) X(null)
#define X(name) Sql ayx_lower_##name(Gen *g, const Expr *e);
AYX_LOWERING_HOOKS(X)
#undef X

#endif
