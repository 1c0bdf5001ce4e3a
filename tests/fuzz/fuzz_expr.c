/* fuzz_expr.c - libFuzzer target for the PowerCenter expression lexer,
 * parser, type checker and SQL printer: any bytes are one expression,
 * translated with untyped names (value mode), then again typed as a
 * condition with NULLs compared HIGH, then once more under every semantic
 * flag turned the other way (the printer's paths for the other languages:
 * NULL-propagating concatenation, real booleans, integer division, names
 * keeping their case...).  Build with `make fuzz` (clang);
 * run: ./fuzz_expr -max_len=4096 DIR tests/fuzz/expr-seeds
 * An input that ever crashes is kept in tests/expr/regress/ and replayed
 * by tests/expr.sh. */
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "../unit/flipped.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ExprBinding *typed(void *ud, BindKind what, const char *name)
{
	static ExprBinding b[3] = {
	    {.kind = BIND_COLUMN, .name = "S", .type = XT_STRING},
	    {.kind = BIND_COLUMN, .name = "N", .type = XT_DECIMAL},
	    {.kind = BIND_COLUMN, .name = "D", .type = XT_DATE},
	};
	(void)ud;
	if (what != BIND_COLUMN)
		return NULL;
	for (int i = 0; i < 3; i++)
		if (strcmp(b[i].name, name) == 0)
			return &b[i];
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	arena_init(&a);
	const Language *pc = expr_language(LANG_POWERCENTER);
	ExprEnv env = {.lang = pc, .dialect = &dialect_postgres, .aggregates = true, .free_names = true};
	ExprResult r;
	expr_translate(&a, &env, (const char *)data, size, &r);
	ExprEnv env2 = {
	    .lang = pc,
	    .dialect = &dialect_postgres,
	    .condition = true,
	    .null_compare = NULLCMP_HIGH,
	    .resolve = typed};
	expr_translate(&a, &env2, (const char *)data, size, &r);
	static Language flipped;
	if (!flipped.name) {
		flipped = flipped_language();
		flipped.sem.position_base = 0;
	}
	ExprEnv env3 = {.lang = &flipped, .dialect = &dialect_postgres, .condition = true, .resolve = typed};
	expr_translate(&a, &env3, (const char *)data, size, &r);
	arena_release(&a);
	return 0;
}
