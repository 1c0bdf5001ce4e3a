/* dialect.h - what the SQL printer needs to know about a target dialect
 * (src/expr).
 *
 * sqlgen.c expresses PowerCenter semantics once, in terms of small SQL
 * templates: simple functions map one to one (tmpl[], by catalogue id) and
 * the lowerings of the complex ones (SUBSTR, INSTR, DECODE, dates...) are
 * written with primitives (prim[]).  Another dialect is another table of
 * templates plus the few hooks below, not a copy of the printer.
 *
 * Template syntax: {1}..{9} an argument as is (function-argument
 * position), {1!} the argument in parentheses unless it is a primary,
 * {*} all arguments separated by ", ", {r} all but the first, {u} the extra text the lowering
 * passes (a unit, a cast type).  Everything else is copied.
 */
#ifndef AKKO_EXPR_DIALECT_H
#define AKKO_EXPR_DIALECT_H

#include "expr/catalog.h"

/* Precedence of printed SQL, lowest first (PostgreSQL's table). */
enum {
	PREC_OR = 1,
	PREC_AND,
	PREC_NOT,
	PREC_IS,
	PREC_CMP,
	PREC_IN,
	PREC_OTHER,
	PREC_ADD,
	PREC_MUL,
	PREC_UNARY,
	PREC_CAST,
	PREC_PRIMARY
};

typedef struct SqlTmpl {
	const char *t; /* NULL: not available in this dialect */
	int prec;      /* precedence of the result; 0 means PREC_PRIMARY */
} SqlTmpl;

/* clang-format off */
#define SQL_PRIM_LIST(X)                                                    \
	X(PRIM_CAST)            /* {1!}::{u} */                            \
	X(PRIM_CONCAT)          /* concatenation skipping NULLs: concat({*}) */ \
	X(PRIM_STRPOS)          /* 1-based position of {2} in {1}, 0 if none */ \
	X(PRIM_SUBSTR)          /* substr({1}, {2}[, {3}]) */              \
	X(PRIM_REGEX_INSTR)     /* position of the {4}th match of regex {2} from {3} */ \
	X(PRIM_LITERAL_RE)      /* regex matching text {1} literally */    \
	X(PRIM_REVERSE)         /* reverse({1}) */                         \
	X(PRIM_CHAR_LENGTH)     /* characters in {1} */                    \
	X(PRIM_TRANSLATE)       /* translate({1}, {2}, {3}) */             \
	X(PRIM_REPLACE)         /* replace({1}, {2}, {3}) */               \
	X(PRIM_REGEX_REPLACE)   /* regexp_replace({1}, {2}, {3}, {u}) */   \
	X(PRIM_REGEX_MATCHES)   /* {1} matches regex {2} (a condition) */  \
	X(PRIM_REGEX_GROUP)     /* capture group {3} of regex {2} in {1} */ \
	X(PRIM_NUM_PREFIX)      /* leading number of text {1}, or NULL */  \
	X(PRIM_NUM_PREFIX_EXP)  /* the same with an exponent */            \
	X(PRIM_ROUND)           /* round(numeric {1}, int {2}) half away from zero */ \
	X(PRIM_TRUNC)           /* trunc(numeric {1}, int {2}) */          \
	X(PRIM_MOD)             /* remainder with the dividend's sign */   \
	X(PRIM_TO_TIMESTAMP)    /* parse text {1} with format {2} */      \
	X(PRIM_TO_CHAR_DATE)    /* format date {1} with format {2} */     \
	X(PRIM_DATE_TRUNC)      /* truncate {1} to unit {u} */             \
	X(PRIM_ADD_INTERVAL)    /* {1} plus {2} units of {u} */            \
	X(PRIM_EPOCH_DIFF)      /* seconds from {2} to {1} as a number */  \
	X(PRIM_EXTRACT)         /* field {u} of {1} as a number */         \
	X(PRIM_MAKE_TIMESTAMP)  /* date from year..seconds {1}..{6} */     \
	X(PRIM_NOW_ROW)         /* clock read per row (SYSDATE) */         \
	X(PRIM_NOW_RUN)         /* clock fixed for the run (SESSSTARTTIME) */ \
	X(PRIM_ARRAY_PICK)      /* element {1} (1-based) of the rest */    \
	X(PRIM_ORDERED_LT)      /* {1} < {2} for strings, byte order */     \
	X(PRIM_PARAM)           /* value of run parameter named {u} (text) */
/* clang-format on */

typedef enum SqlPrim {
#define X(p) p,
	SQL_PRIM_LIST(X)
#undef X
	    PRIM_COUNT
} SqlPrim;

typedef struct Dialect {
	const char *name;
	const char *type_name[XT_COUNT]; /* for casts */
	SqlTmpl fn[FN_COUNT_];           /* one-to-one functions by catalogue id */
	SqlTmpl prim[PRIM_COUNT];
	const char *unit_name[9];        /* DateUnit -> word for truncating and extracting */
	const char *interval_unit[9];    /* DateUnit -> word for adding an interval */
	const char *string_order_suffix; /* appended to string operands of < > (byte order) */
	const char *const *reserved;     /* identifiers that must be quoted (sorted) */
	size_t n_reserved;
} Dialect;

extern const Dialect dialect_postgres;
const Dialect *dialect_find(const char *name); /* NULL if unknown */

/* An identifier as the printer writes it: lower case, quoted only when it
 * must be (not a plain name, or a reserved word). */
const char *sqlgen_ident(Arena *a, const Dialect *d, const char *name);
#endif
