/* sema.h - type rules shared by sema.c and the SQL printer (internal to
 * src/expr). */
#ifndef AKKO_EXPR_SEMA_H
#define AKKO_EXPR_SEMA_H

#include "expr/expr.h"

bool sema_unify(ExprType a, ExprType b, ExprType *out);

#endif
