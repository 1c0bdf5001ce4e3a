/* report.h - `akko-migrate report`: the migration report of an estate from
 * the results.jsonl files of bulk conversions (src/report; the only place
 * besides src/emit and src/validate that reads YAML, and besides src/llm
 * and src/validate that reads JSON).
 *
 *   results.jsonl... -> merged file results -> effort, bands, classes,
 *   clusters -> Markdown, JSON, CSV or one self-contained HTML page
 *
 * docs/report.md describes the inputs and the formats, docs/effort.md
 * the model.
 */
#ifndef AKKO_REPORT_REPORT_H
#define AKKO_REPORT_REPORT_H

#include <stddef.h>

typedef enum ReportFormat { REPORT_MD, REPORT_JSON, REPORT_CSV, REPORT_HTML } ReportFormat;

typedef struct ReportOptions {
	ReportFormat format;
	const char *output;  /* file (written atomically), or NULL/"-" for stdout */
	const char *config;  /* effort config (YAML), or NULL for the defaults */
	unsigned max_errors; /* diagnostics shown per run (0 = all) */
} ReportOptions;

/* Read the inputs (in order: for a file in several, the last line wins),
 * write the report.  Returns an exit code: 0; 1 when a line was malformed
 * (the report is still written) or nothing was usable (no report); 2 for a
 * bad config; 3 when an input cannot be read or the output written. */
int report_run(const ReportOptions *o, const char *const *inputs, size_t n);

#endif
