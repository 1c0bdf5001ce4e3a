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

/* A unit of a file read unit by unit: dumped (with the kept objects it
 * refers to), then freed. */
static bool fuzz_unit(void *ud, AstDoc *unit)
{
	Sbuf *out = ud;
	sbuf_reset(out);
	ast_dump(unit, DUMP_TEXT, out);
	if (unit->whole)
		ast_dump(unit->whole, DUMP_TEXT, out);
	frontend_unit_free(unit);
	return true;
}

typedef bool (*FuzzUnitsReader)(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);

/* `name` is the file name diagnostics would show ("fuzz.dtsx").  With
 * `units`, the input is then read again a unit at a time (the DataStage
 * readers' frontend_parse_units form). */
static int fuzz_read(FuzzReader read, FuzzUnitsReader units, const char *name, const uint8_t *data,
		     size_t size)
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
	Sbuf out = SBUF_INIT;
	AstDoc *doc = read(&a, &src, &sink);
	if (doc) {
		ast_dump(doc, DUMP_TEXT, &out);
		ast_dump(doc, DUMP_JSON, &out);
	}
	arena_release(&a);
	if (units) {
		arena_init(&a);
		diag_init(&sink, NULL);
		units(&a, &src, &sink, fuzz_unit, &out);
		arena_release(&a);
	}
	sbuf_release(&out);
	srcfile_release(&src);
	return 0;
}

static int fuzz_read_one(FuzzReader read, const char *name, const uint8_t *data, size_t size)
{
	return fuzz_read(read, NULL, name, data, size);
}

#endif
