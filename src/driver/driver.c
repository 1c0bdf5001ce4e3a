/* driver.c - runs one job file through the compiler and writes its result
 * (src/driver).  Each file gets its own arena and diagnostics count; a bad
 * file is reported and the next one is still processed.
 */
#include "driver/driver.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/fileio.h"
#include "base/sbuf.h"
#include "parsers/frontend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *driver_output_in_dir(const char *dir, const char *input, bool strip_ext, const char *suffix)
{
	const char *slash = strrchr(input, '/');
	const char *b = slash ? slash + 1 : input;
	const char *dot = strip_ext ? strrchr(b, '.') : NULL;
	size_t stem = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	size_t len = strlen(dir);
	size_t n = len + stem + strlen(suffix) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s%s%.*s%s", dir, len && dir[len - 1] == '/' ? "" : "/", (int)stem, b, suffix);
	return p;
}

static char *output_path(const InspectOptions *o, const char *input)
{
	if (!o->output_is_dir)
		return xstrdup(o->output);
	const char *suffix = o->format == DUMP_JSON ? (o->stats ? ".counts.json" : ".ast.json")
						    : (o->stats ? ".counts.yaml" : ".ast.yaml");
	return driver_output_in_dir(o->output, input, false, suffix);
}

static int write_result(const InspectOptions *o, const char *input, const Sbuf *text, bool first)
{
	if (!o->output || strcmp(o->output, "-") == 0) {
		/* Several results on stdout: YAML documents, or JSON Lines. */
		if (!first && o->format == DUMP_TEXT)
			fputs("---\n", stdout);
		fwrite(text->buf, 1, text->len, stdout);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	char *path = output_path(o, input);
	const char *err;
	int rc = EXIT_OK;
	if (!atomic_write_file(path, text->buf, text->len, &err)) {
		fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n", path, err,
			diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
		rc = EXIT_IO;
	}
	free(path);
	return rc;
}

int driver_load(const char *path, const FrontendOptions *fo, DiagSink *sink, Arena *arena, SrcFile *src,
		AstDoc **doc)
{
	const char *err;
	*doc = NULL;
	arena_init(arena);
	if (!srcfile_read(src, path, &err)) {
		diag_error(sink, E_IO_READ, (SrcLoc){NULL, 0, 0}, "cannot read '%s': %s", path, err);
		return EXIT_IO;
	}
	bool io_error = false;
	*doc = frontend_parse(arena, src, fo, sink, &io_error);
	if (io_error)
		return EXIT_IO;
	return !*doc || diag_errors(sink) ? EXIT_INPUT : EXIT_OK;
}

static int inspect_one(const InspectOptions *o, const char *path, bool first, Sbuf *out)
{
	DiagSink sink;
	diag_init(&sink, stderr);
	sink.max_errors = o->max_errors;
	SrcFile src;
	Arena arena;
	FrontendOptions fo = {o->param_files, o->n_param_files, o->include_dirs, o->n_include_dirs, 0};
	AstDoc *doc;
	int rc = driver_load(path, &fo, &sink, &arena, &src, &doc);
	if (rc == EXIT_OK) {
		/* A dump is about twice its input; the buffer is reused by the
		 * next file. */
		sbuf_reset(out);
		sbuf_grow(out, o->stats ? 1024 : src.len * 2 + 4096);
		if (o->stats)
			ast_dump_counts(doc, o->format, out);
		else
			ast_dump(doc, o->format, out);
		rc = write_result(o, path, out, first);
	}
	if (rc == EXIT_INPUT)
		fprintf(stderr, "%s: %u error%s, %u warning%s; no output written\n", path, diag_errors(&sink),
			diag_errors(&sink) == 1 ? "" : "s", diag_warnings(&sink),
			diag_warnings(&sink) == 1 ? "" : "s");
	arena_release(&arena);
	srcfile_release(&src);
	return rc;
}

int driver_inspect(const InspectOptions *o, const char *const *files, size_t n)
{
	frontend_global_init();
	int worst = EXIT_OK;
	bool first = true;
	Sbuf out = SBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		int rc = inspect_one(o, files[i], first, &out);
		if (rc == EXIT_OK)
			first = false;
		/* I/O failures outrank input errors: the run could not even look. */
		if (rc == EXIT_IO || (rc == EXIT_INPUT && worst == EXIT_OK))
			worst = rc;
	}
	sbuf_release(&out);
	arena_trim_cache();
	return worst;
}
