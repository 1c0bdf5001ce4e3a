/* catalog.c - the SSIS function catalogue as FuncDef rows
 * (src/expr/lang/ssis): catalog.h's table with each row's lowering
 * resolved to a core operation or a hook of lower.c.
 */
#include "expr/lang/ssis/ssis.h"

#define P(op)   PRIM_##op, NULL
#define H(name) PRIM_NONE, ssis_lower_##name

const FuncDef ssis_funcs[SF_COUNT_] = {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) {id, name, lo, hi, sig, res, st, fl, low, notes},
    SSIS_FUNC_LIST(X)
#undef X
};
