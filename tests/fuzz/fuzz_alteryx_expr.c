/* fuzz_alteryx_expr.c - libFuzzer target for the Alteryx formula lexer,
 * parser, type checker and SQL printer: any bytes are one expression,
 * translated with untyped names (value mode), then again with typed
 * columns (string S, decimal N, date D, integer I, boolean B) as a
 * condition.  Build with `make fuzz_alteryx_expr` (clang); run:
 *   ./fuzz_alteryx_expr -max_len=4096 DIR tests/fuzz/alteryx-expr-seeds
 * An input that ever crashes is kept in tests/fuzz/alteryx-expr-crashes/ and
 * replayed by tests/unit/test_lang.c. */
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ExprBinding *typed(void *ud, BindKind what, const char *name)
{
	static ExprBinding b[] = {
	    {.kind = BIND_COLUMN, .name = "S", .type = XT_STRING},
	    {.kind = BIND_COLUMN, .name = "N", .type = XT_DECIMAL},
	    {.kind = BIND_COLUMN, .name = "D", .type = XT_DATE},
	    {.kind = BIND_COLUMN, .name = "I", .type = XT_INTEGER},
	    {.kind = BIND_COLUMN, .name = "B", .type = XT_BOOLEAN},

	};
	(void)ud;
	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
		if ((b[i].kind == BIND_PARAM) == (what == BIND_PARAM) && strcmp(b[i].name, name) == 0)
			return &b[i];
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	arena_init(&a);
	const Language *ayx = expr_language(LANG_ALTERYX);
	ExprEnv env = {.lang = ayx, .dialect = &dialect_postgres, .free_names = true};
	ExprResult r;
	expr_translate(&a, &env, (const char *)data, size, &r);
	ExprEnv env2 = {.lang = ayx,
			.dialect = &dialect_postgres,
			.condition = true,
			.resolve = typed,
			.arrival_order = "akko_ord"};
	expr_translate(&a, &env2, (const char *)data, size, &r);
	arena_release(&a);
	return 0;
}
