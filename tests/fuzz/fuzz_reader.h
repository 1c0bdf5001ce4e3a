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

/* The same input a unit at a time (frontend_parse_units' readers): each
 * unit dumped, then freed; `whole` (the kept objects) dumped with the
 * first. */
typedef bool (*FuzzUnitsReader)(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);

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

static int fuzz_read_units(FuzzUnitsReader read, const char *name, const uint8_t *data, size_t size)
{
	SrcFile src;
	srcfile_from_memory(&src, name, (const char *)data, size);
	DiagSink sink;
	diag_init(&sink, NULL);
	Arena a;
	arena_init(&a);
	Sbuf out = SBUF_INIT;
	read(&a, &src, &sink, fuzz_unit, &out);
	sbuf_release(&out);
	arena_release(&a);
	srcfile_release(&src);
	return 0;
}

#endif
