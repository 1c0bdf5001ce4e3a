/* report.c - `akko-migrate report`: read, compute, write (src/report). */
#include <stdio.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/fileio.h"
#include "report/model.h"
#include "report/report.h"

static int write_report(const ReportOptions *o, const Sbuf *text)
{
	if (!o->output || strcmp(o->output, "-") == 0) {
		fwrite(text->buf, 1, text->len, stdout);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
	}
	const char *err;
	if (atomic_write_file(o->output, text->buf, text->len, &err))
		return EXIT_OK;
	fprintf(stderr, "akko-migrate: error: cannot write '%s': %s [%s]\n  hint: %s\n", o->output, err,
		diag_code_str(E_IO_WRITE), diag_code_hint(E_IO_WRITE));
	return EXIT_IO;
}

static void render(const Estate *e, ReportFormat f, Sbuf *out)
{
	switch (f) {
	case REPORT_MD: render_md(e, out); break;
	case REPORT_JSON: render_json(e, out); break;
	case REPORT_CSV: render_csv(e, out); break;
	case REPORT_HTML: render_html(e, out); break;
	}
}

int report_run(const ReportOptions *o, const char *const *inputs, size_t n)
{
	DiagSink sink;
	diag_init(&sink, stderr);
	sink.max_errors = o->max_errors;
	Arena arena;
	arena_init(&arena);
	Estate e = {.a = &arena};
	strmap_init(&e.by_key, &arena, false);
	effort_defaults(&e.cfg);
	int rc = EXIT_OK;
	if (o->config)
		rc = effort_config_load(&e.cfg, o->config, &sink);
	for (size_t i = 0; rc == EXIT_OK && i < n; i++)
		if (!results_read(&e, inputs[i], &sink))
			rc = EXIT_IO;
	if (rc == EXIT_OK)
		results_check_shards(&e, &sink);
	if (rc == EXIT_OK && e.files.len == 0) {
		diag_error(&sink, E_REPORT_EMPTY, SRCLOC_NONE, "no usable result line in %zu input%s", n,
			   n == 1 ? "" : "s");
		rc = EXIT_INPUT;
	}
	if (rc == EXIT_OK) {
		estate_compute(&e);
		Sbuf out = SBUF_INIT;
		render(&e, o->format, &out);
		rc = write_report(o, &out);
		sbuf_release(&out);
		if (rc == EXIT_OK && e.malformed) {
			fprintf(stderr, "akko-migrate: %u malformed line%s left out of the report\n",
				e.malformed, e.malformed == 1 ? "" : "s");
			rc = EXIT_INPUT;
		}
	}
	arena_release(&arena);
	return rc;
}
