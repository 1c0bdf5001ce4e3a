/* catalog.c - the PowerCenter function catalogue as FuncDef rows
 * (src/expr/lang/powercenter): catalog.h's table with each row's
 * lowering resolved to a core operation or a hook of lower.c.
 */
#include "expr/lang/powercenter/pc.h"

#define P(op)   PRIM_##op, NULL
#define H(name) PRIM_NONE, pc_lower_##name
#define NONE    PRIM_NONE, NULL

const FuncDef pc_funcs[FN_COUNT_] = {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) {id, name, lo, hi, sig, res, st, fl, low, notes},
    FUNC_LIST(X)
#undef X
};
