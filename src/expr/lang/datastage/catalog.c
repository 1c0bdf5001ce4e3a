/* catalog.c - the DataStage function catalogue as FuncDef rows
 * (src/expr/lang/datastage): catalog.h's table with each row's lowering
 * resolved to a core operation, a hook of lower.c, or none (unsupported:
 * sema reports the row's notes as the reason).
 */
#include "expr/lang/datastage/datastage.h"

#define P(op)   PRIM_##op, NULL
#define H(name) PRIM_NONE, ds_lower_##name
#define U()     PRIM_NONE, NULL

const FuncDef ds_funcs[DF_COUNT_] = {
#define X(id, name, lo, hi, sig, res, st, fl, low, notes) {id, name, lo, hi, sig, res, st, fl, low, notes},
    DS_FUNC_LIST(X)
#undef X
};
