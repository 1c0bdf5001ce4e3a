/* func.h - the shape of a function catalogue row, shared by every source
 * language (src/expr).
 *
 * A language's catalogue (lang/<language>/catalog.h) is a table of FuncDef
 * rows: name, arity, argument signature, result rule, status, and how the
 * call lowers: either one neutral core operation of the target dialect
 * (`prim`, printed from the dialect's template) or a lowering hook of the
 * language (`lower`) written with the printer's primitives (sqlgen.h).
 * sema.c and sqlgen.c read these fields and the flags below, never a
 * language's function ids.
 *
 * Signature letters, one per argument, the last one repeating when the
 * function is variadic; each says how the argument is converted before the
 * lowering sees it, by the language's implicit conversions:
 *   S string                                               N number
 *   I whole number (positions, lengths, counts; rounded)   D date
 *   B condition                                            A any
 *   U date unit literal ('DD', 'MM', ...)                  F format string
 *   C flag (a number: the lowering reads it)               X any, checked by the lowering
 */
#ifndef AKKO_EXPR_FUNC_H
#define AKKO_EXPR_FUNC_H

#include "expr/expr.h"

typedef enum FuncResult {
	FR_STRING,
	FR_INTEGER,
	FR_BIGINT,
	FR_DECIMAL,
	FR_DOUBLE,
	FR_DATE,
	FR_BOOL,
	FR_ARG1,     /* the first argument's type (numbers: at least integer) */
	FR_ARG2,     /* the second argument's type */
	FR_BRANCHES, /* IIF-like: the common type of arguments 2 and 3 (2 when alone) */
	FR_DECODE,   /* the results' common type (value, search/result pairs, default) */
	FR_CHOOSE,   /* the choices' common type (every argument after the first) */
	FR_ROUND,    /* dates stay dates; numbers keep their type */
	FR_NONE,     /* no value (ERROR, ABORT): fits any branch */
} FuncResult;

/* clang-format off */
#define FUNC_STATUS_LIST(X)                                                              \
	X(FS_EXACT, "translated", "same result as the source tool on every input we know of") \
	X(FS_APPROX, "approximate", "translated with a warning naming the difference")      \
	X(FS_AGGREGATE, "aggregate", "translated in aggregating steps, as an aggregate")    \
	X(FS_UNSUPPORTED, "not supported", "diagnosed; the node goes to the fallback path")
/* clang-format on */

typedef enum FuncStatus {
#define X(id, str, doc) id,
	FUNC_STATUS_LIST(X)
#undef X
} FuncStatus;

/* What sema and the printer must know of a function besides its types. */
enum {
	FF_AGGREGATE = 1 << 0, /* an aggregate (whatever its status): only in aggregating steps */
	FF_STAR = 1 << 1,      /* takes '*' as its first argument (COUNT(*)) */
	FF_NOT_NULL = 1 << 2,  /* never NULL (ISNULL, COUNT) */
	FF_ORDERED = 1 << 3,   /* needs the order rows arrive in (FIRST, LAST): translated
				  only when ExprEnv.arrival_order is known */
	FF_PAIRS = 1 << 4,     /* a value then search/result pairs (DECODE) */
	FF_CONCAT = 1 << 5,    /* concatenation: its operands join a || chain */
	/* Updates the run variable its first argument names (a mapping
	 * variable), which the run persists at its end: to the value argument
	 * (the last row's value is kept), the greater or the lesser of the
	 * current value and the value, or a count of the rows.  The rule
	 * engine lists each such update (docs/pipeline-yaml.md). */
	FF_VAR_LAST = 1 << 6,
	FF_VAR_MAX = 1 << 7,
	FF_VAR_MIN = 1 << 8,
	FF_VAR_COUNT = 1 << 9,
};
#define FF_VAR_UPDATE (FF_VAR_LAST | FF_VAR_MAX | FF_VAR_MIN | FF_VAR_COUNT)

struct Gen;
struct Sql;
/* A lowering hook: prints a checked call (sqlgen.h). */
typedef struct Sql (*FuncLower)(struct Gen *g, const Expr *call);

typedef struct FuncDef {
	int id; /* the language's own id (an enum of its catalogue) */
	const char *name;
	uint8_t min_args, max_args; /* max 255: variadic */
	const char *sig;
	FuncResult result;
	FuncStatus status;
	unsigned flags;  /* FF_* */
	int prim;        /* SqlPrim of a one-to-one call, or 0 (PRIM_NONE) */
	FuncLower lower; /* the language's lowering, or NULL */
	const char *notes;
} FuncDef;

char func_sig(const FuncDef *f, uint32_t arg); /* signature letter of argument `arg` */
const char *func_status_name(FuncStatus s);

#endif
