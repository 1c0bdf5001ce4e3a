/* dialect.h - what the SQL printer needs to know about a target dialect
 * (src/expr).
 *
 * The table is keyed by neutral core operations (SqlPrim), never by a
 * source language's functions: a catalogue row (func.h) names the core
 * operation it calls one to one, and the lowerings of the complex ones
 * (a language's SUBSTR, INSTR, DECODE, dates...) are written with the same
 * operations.  Another target dialect is another table of templates plus
 * the few fields below, not a copy of the printer.
 *
 * Template syntax: {1}..{9} an argument as is (function-argument
 * position), {1!} the argument in parentheses unless it is a primary,
 * {1<} in parentheses when it binds less tightly than the template's own
 * precedence (a left operand), {1>} also when it binds the same (a right
 * operand),
 * {*} all arguments separated by ", ", {r} all but the first, {u} the extra text the lowering
 * passes (a unit, a cast type).  Everything else is copied.
 */
#ifndef AKKO_EXPR_DIALECT_H
#define AKKO_EXPR_DIALECT_H

#include "expr/datefmt.h"
#include "expr/expr.h"

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
	X(PRIM_NONE)            /* no operation (a catalogue row's "no call") */ \
	X(PRIM_CAST)            /* {1!}::{u} */                            \
	X(PRIM_CONCAT)          /* concatenation skipping NULLs: concat({*}) */ \
	X(PRIM_CONCAT_STRICT)   /* {1} followed by {2}; NULL if either is */ \
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
	X(PRIM_WHOLE_MONTHS)    /* whole months from {2} to {1}, truncated toward zero */ \
	X(PRIM_EXTRACT)         /* field {u} of {1} as a number */         \
	X(PRIM_MAKE_TIMESTAMP)  /* date from year..seconds {1}..{6} */     \
	X(PRIM_NOW_ROW)         /* clock read per row (SYSDATE) */         \
	X(PRIM_NOW_RUN)         /* clock fixed for the run (SESSSTARTTIME) */ \
	X(PRIM_NOW_UTC_ROW)     /* UTC clock read per row, without a zone */ \
	X(PRIM_REPEAT)          /* {1} repeated {2} times */               \
	X(PRIM_SPLIT_PART)      /* field {3} (1-based) of {1} split at text {2}; '' past the last */ \
	X(PRIM_FIELDS)          /* fields {3} to {4} of {1} split at {2}, joined by {2} */ \
	X(PRIM_TO_HEX)          /* hexadecimal digits of whole number {1}, upper case */ \
	X(PRIM_REGEX_COUNT)     /* number of matches of regex {2} in {1} */ \
	X(PRIM_REGEX_SUBSTR)    /* the {3}th match of regex {2} in {1}, its group {4} (0: all) */ \
	X(PRIM_COALESCE)        /* the first of {*} that is not NULL */     \
	X(PRIM_ARRAY_PICK)      /* element {1} (1-based) of the rest */    \
	X(PRIM_ORDERED_LT)      /* {1} < {2} for strings, byte order */     \
	X(PRIM_PARAM)           /* value of run parameter named {u} (text) */ \
	X(PRIM_BIT_AND) X(PRIM_BIT_OR) X(PRIM_BIT_XOR) /* bitwise {1} op {2} */ \
	X(PRIM_BIT_NOT)         /* bitwise complement of {1} */            \
	X(PRIM_ROW_BEFORE)      /* {1} of the row {2} rows before, ordered by {u} */ \
	X(PRIM_ROW_AFTER)       /* {1} of the row {2} rows after, ordered by {u} */ \
	X(PRIM_RUNNING_MAX)     /* greatest {1} of the rows so far; {u}: "ORDER BY k " or "" */ \
	X(PRIM_RUNNING_MIN)     /* least {1} of the rows so far, in the same order */ \
	X(PRIM_RUNNING_COUNT)   /* number of rows so far, this one included */ \
	/* one-to-one operations */                                           \
	X(PRIM_ASCII)           /* code point of the first character of {1} */ \
	X(PRIM_CHR)             /* the character of code point {1} */      \
	X(PRIM_INITCAP)         /* words capitalised */                    \
	X(PRIM_LOWER)           /* lower case */                           \
	X(PRIM_UPPER)           /* upper case */                           \
	X(PRIM_LPAD)            /* pad {1} on the left to length {2} with {3} (blanks) */ \
	X(PRIM_RPAD)            /* pad on the right */                     \
	X(PRIM_LTRIM)           /* trim characters of {2} (blanks) on the left */ \
	X(PRIM_RTRIM)           /* on the right */                         \
	X(PRIM_GREATEST)        /* the greatest argument (NULLs ignored) */ \
	X(PRIM_LEAST)           /* the least argument (NULLs ignored) */   \
	X(PRIM_ABS) X(PRIM_CEIL) X(PRIM_EXP) X(PRIM_FLOOR) X(PRIM_LN)      \
	X(PRIM_LOG)             /* logarithm of {2} in base {1} */         \
	X(PRIM_POWER)           /* {1} to the power {2} */                 \
	X(PRIM_RANDOM)          /* a random number in [0, 1) */            \
	X(PRIM_SIGN)            /* -1, 0 or 1 as an integer */             \
	X(PRIM_SQRT) X(PRIM_COS) X(PRIM_COSH) X(PRIM_SIN) X(PRIM_SINH)     \
	X(PRIM_TAN) X(PRIM_TANH)                                           \
	X(PRIM_IS_NULL)         /* {1} is NULL (a condition) */            \
	X(PRIM_IS_NUMBER)       /* {1} is the text of a number (a condition) */ \
	X(PRIM_IS_SPACES)       /* {1} is one or more white-space characters */ \
	X(PRIM_BASE64_ENCODE)   /* base64 of the UTF-8 bytes, no line breaks */ \
	X(PRIM_BASE64_DECODE)   /* base64 decoded as UTF-8 */              \
	X(PRIM_MD5)             /* lowercase hex MD5 of the UTF-8 bytes */ \
	/* aggregates */                                                      \
	X(PRIM_AGG_AVG) X(PRIM_AGG_COUNT) X(PRIM_AGG_MAX) X(PRIM_AGG_MIN)   \
	X(PRIM_AGG_MEDIAN)      /* continuous median */                    \
	X(PRIM_AGG_PERCENTILE)  /* continuous percentile {2} (0..1) of {1} */ \
	X(PRIM_AGG_STDDEV_SAMP) X(PRIM_AGG_SUM) X(PRIM_AGG_VAR_SAMP)
/* clang-format on */

typedef enum SqlPrim {
#define X(p) p,
	SQL_PRIM_LIST(X)
#undef X
	    PRIM_COUNT
} SqlPrim;

typedef struct Dialect {
	const char *name;
	const char *type_name[XT_COUNT];        /* for casts */
	const char *type_with_length[XT_COUNT]; /* printf format with a length ("varchar(%d)") */
	const char *type_with_scale[XT_COUNT];  /* with precision and scale ("numeric(%d,%d)") */
	SqlTmpl prim[PRIM_COUNT];               /* core operations */
	const char *unit_name[DU_COUNT];               /* DateUnit -> word for truncating and extracting */
	const char *interval_unit[DU_COUNT];           /* DateUnit -> word for adding an interval */
	const char *string_order_suffix;        /* appended to string operands of < > (byte order) */
	DateTokSql date_tok[DT_COUNT];          /* date-format tokens (datefmt.h) */
	/* Append literal text of a date format: `quoted` when the source
	 * quoted it, else single characters. */
	void (*date_literal)(Sbuf *out, const char *text, size_t n, bool quoted);
	const char *const *reserved; /* identifiers that must be quoted (sorted) */
	size_t n_reserved;
} Dialect;

extern const Dialect dialect_postgres;
const Dialect *dialect_find(const char *name); /* NULL if unknown */

/* An identifier as the printer writes it: lower case, quoted only when it
 * must be (not a plain name, or a reserved word).  The pipeline's column
 * names are folded this way. */
const char *sqlgen_ident(Arena *a, const Dialect *d, const char *name);
/* The same, keeping the name's letter case when `fold` is false. */
const char *sqlgen_ident_as(Arena *a, const Dialect *d, const char *name, bool fold);
/* The name of a core operation ("PRIM_LOWER" -> "lower"), for tables. */
const char *sql_prim_name(SqlPrim p);
#endif
