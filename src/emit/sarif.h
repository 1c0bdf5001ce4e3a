/* sarif.h - diagnostics as SARIF 2.1.0, for CI systems that annotate
 * files with findings (src/emit).
 *
 * The driver collects DiagRecords with the DiagSink hook
 * (diag_record_collect) and writes them here at the end of a run.
 */
#ifndef AKKO_EMIT_SARIF_H
#define AKKO_EMIT_SARIF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/sbuf.h"

/* Append one SARIF log with one run to `out`:
 *   tool.driver: name "akko-migrate", version, and one rule per code used
 *     (catalogue order; id = the code, shortDescription = its hint);
 *   results in the order given: ruleId, ruleIndex, level (error, warning,
 *     note), message.text, and when the record has a file, one location
 *     whose artifactLocation.uri is the path as given (percent-encoded
 *     where URIs need it) with region.startLine/startColumn when known.
 * Key order is fixed; the output is deterministic and ends with a newline.
 * Returns false only when `out` has a size cap and the log did not fit. */
bool emit_sarif(const DiagRecord *recs, size_t n, Sbuf *out);

#endif
