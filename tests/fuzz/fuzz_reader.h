/* fuzz_reader.h - the body the frontend fuzz targets share: one input
 * into a reader, then both dumps.  fuzz_ssis.c and fuzz_alteryx.c pass
 * one frontend's reader (past the content sniffing that would turn most
 * mutations away), fuzz_frontend.c detection and dispatch. */
#ifndef AKKO_TESTS_FUZZ_READER_H
#define AKKO_TESTS_FUZZ_READER_H

#include "ast/dump.h"
#include "parsers/frontend.h"

#include <stdint.h>

typedef AstDoc *(*FuzzReader)(Arena *a, const SrcFile *src, DiagSink *sink);

/* `name` is the file name diagnostics would show ("fuzz.dtsx"). */
static int fuzz_read_one(FuzzReader read, const char *name, const uint8_t *data, size_t size)
{
	static int inited;
	if (!inited) {
		frontend_global_init();
		inited = 1;
	}
	SrcFile src;
	srcfile_from_memory(&src, name, (const char *)data, size);
	DiagSink sink;
	diag_init(&sink, NULL);
	Arena a;
	arena_init(&a);
	AstDoc *doc = read(&a, &src, &sink);
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

#endif
