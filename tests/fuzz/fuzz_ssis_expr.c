/* fuzz_ssis_expr.c - libFuzzer target for the SSIS expression lexer,
 * parser, type checker and SQL printer: any bytes are one expression,
 * translated with untyped names (value mode), then again with typed
 * columns (string S, decimal N, date D, integer I, boolean B) as a
 * condition.  Build with `make fuzz_ssis_expr` (clang); run:
 *   ./fuzz_ssis_expr -max_len=4096 DIR tests/fuzz/ssis-expr-seeds
 * An input that ever crashes is kept in tests/fuzz/ssis-expr-crashes/ and
 * replayed by tests/unit/test_ssis.c. */
#include "fuzz_lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_translate_one(LANG_SSIS, NULL, data, size);
}
