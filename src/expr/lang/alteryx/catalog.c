/* catalog.c - the Alteryx function catalogue as FuncDef rows
 * (src/expr/lang/alteryx): catalog.h's table with each row's lowering
 * resolved to a core operation, a hook of lower.c, or none (unsupported:
 * sema reports the row's notes as the reason).
 */
#include "expr/lang/alteryx/alteryx.h"

#define P(op)   PRIM_##op, NULL
#define H(name) PRIM_NONE, ayx_lower_##name
#define U()     PRIM_NONE, NULL

const FuncDef ayx_funcs[AF_COUNT_] = {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) {id, name, lo, hi, sig, res, st, fl, low, notes},
    AYX_FUNC_LIST(X)
#undef X
};
