/* sema.h - built-in constants and type rules shared by sema.c and the SQL
 * printer (internal to src/expr). */
#ifndef AKKO_EXPR_SEMA_H
#define AKKO_EXPR_SEMA_H

#include "expr/expr.h"

enum {
	CONST_NULL,
	CONST_TRUE,
	CONST_FALSE,
	CONST_SYSDATE,
	CONST_SESSSTARTTIME,
	CONST_SYSTIMESTAMP,
	CONST_DD_INSERT,
	CONST_DD_UPDATE,
	CONST_DD_DELETE,
	CONST_DD_REJECT,
	CONST_TC_CONTINUE,
	CONST_TC_COMMIT_BEFORE,
	CONST_TC_COMMIT_AFTER,
	CONST_TC_ROLLBACK_BEFORE,
	CONST_TC_ROLLBACK_AFTER,
	CONST_PROC_RESULT,
};

int sema_find_constant(const char *name); /* -1 when `name` is not one */
int sema_constant_value(int id);
bool sema_unify(ExprType a, ExprType b, ExprType *out);

#endif
