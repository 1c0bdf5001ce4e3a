/* fuzz_datastage_expr.c - libFuzzer target for the DataStage derivation lexer,
 * parser, type checker and SQL printer: any bytes are one expression,
 * translated with untyped names (value mode), then again with typed
 * columns (string S, decimal N, date D, integer I, boolean B) as a
 * condition.  Build with `make fuzz_datastage_expr` (clang); run:
 *   ./fuzz_datastage_expr -max_len=4096 DIR tests/fuzz/datastage-expr-seeds
 * An input that ever crashes is kept in tests/fuzz/datastage-expr-crashes/ and
 * replayed by tests/unit/test_datastage_expr.c. */
#include "fuzz_lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_translate_one(LANG_DATASTAGE, "akko_ord", data, size);
}
