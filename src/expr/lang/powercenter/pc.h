/* pc.h - the PowerCenter transformation language's module, internal to
 * src/expr/lang/powercenter: the parser's entry, the date tokenizer and
 * the lowering hooks the catalogue names.  Everything else reaches the
 * language through its Language (lang.h).
 */
#ifndef AKKO_EXPR_LANG_POWERCENTER_PC_H
#define AKKO_EXPR_LANG_POWERCENTER_PC_H

#include "expr/lang/powercenter/catalog.h"
#include "expr/sqlgen.h"

/* Parse PowerCenter transformation-language text (grammars/pc_parse.y). */
Expr *pc_parse(Arena *a, const char *text, size_t len, PtrVec *issues);

bool pc_date_unit(const char *s, int *out);
/* An implicit conversion (Language.convert). */
Sql pc_convert(Gen *g, const Expr *cast);
bool pc_date_tokens(Arena *a, const char *fmt, DateTokens *t);

/* The hooks of catalog.h's H(name) rows. */
#define PC_LOWERING_HOOKS(X)                                                                                \
	X(iif)                                                                                              \
	X(decode) X(in) X(concat) X(substr) X(instr) X(replacechr) X(replacestr) X(to_integer) X(to_bigint) \
	    X(to_decimal) X(to_float) X(to_char) X(to_date) X(is_date) X(add_to_date) X(date_diff)          \
		X(get_date_part) X(set_date_part) X(last_day) X(date_compare) X(round) X(trunc) X(mod)      \
		    X(choose) X(indexof) X(reg_match) X(reg_extract) X(reg_replace) X(systimestamp)         \
			X(make_date_time) X(percentile) X(first) X(last) X(setvariable)     \
					X(setmaxvariable) X(setcountvariable)
#define X(name) Sql pc_lower_##name(Gen *g, const Expr *e);
PC_LOWERING_HOOKS(X)
#undef X

#endif
