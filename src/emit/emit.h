/* emit.h - the pipeline YAML writer (src/emit; the only place that sees
 * libyaml's emitter).
 *
 * Writes an IrDoc as docs/pipeline-yaml.md specifies: fixed key order,
 * literal block style for multi-line SQL, numbers printed the same way on
 * every run, no timestamp unless the IrDoc carries one.
 */
#ifndef AKKO_EMIT_EMIT_H
#define AKKO_EMIT_EMIT_H

#include <stdbool.h>

#include "ast/ast.h"
#include "base/sbuf.h"
#include "rules/ir.h"

/* Append the YAML document for `d` to `out`.  Returns false with a message
 * in *err (static storage) when libyaml refuses it (a bug).
 *
 * Scalars carry no tags.  Strings are plain when that reads back as the
 * same string under YAML 1.1 and 1.2, otherwise quoted: "", "yes", "no",
 * "on", "true", "null", "~", ".inf", anything starting with a digit or with
 * a sign or dot before one ("123", "-1", "1.0", "2024-01-01"), "<<", "=";
 * libyaml quotes what its own analysis requires (": ", " #", "- x", "*x",
 * leading or trailing spaces...).  A string with a newline is a literal
 * block ("|" or "|-") when one reads back byte for byte (no leading space or
 * newline, no whitespace before a line end, at most one final newline, no
 * tab, CR or other control character), double-quoted otherwise; strings
 * with control characters are double-quoted.  Unicode is written as is.
 * Numbers: integers plain, confidences and thresholds by emit_number().
 * A required string member that is NULL is written as null. */
bool emit_yaml(const IrDoc *d, Sbuf *out, const char **err);

/* Room for any emit_number() text, NUL included. */
#define EMIT_NUMBER_MAX 32

/* Write x rounded to 3 decimals, trailing zeros trimmed, '.' whatever the
 * locale: 0.95, 1, 0, 0.8, 0.125, -0.5.  Valid as a YAML int/float and as
 * JSON.  Non-finite values print as 0. */
void emit_number(char *buf, double x);

/* Append one line (newline included) of JSON summing up one job file for
 * `--format json`, keys in this order (docs/report.md, "The summary line"):
 *   {"file":"m.xml","output":"m.yaml","pipelines":1,"nodes":9,
 *    "overall_confidence":0.912,"min_confidence":0.8,"warnings":3,
 *    "review":0,"gate":"pass","reason":null,"tool":"powercenter",
 *    "sha256":"...","llm_assisted":0,"counts":{...},"fingerprint":"...",
 *    "unsupported":[{"what","name","count"}...],
 *    "objects":[{"pipeline","id","type","kind","source","confidence","review"}...]}
 * `output_path` and `gate_reason` may be NULL (JSON null); "review" is
 * d->review_count (nodes and tasks).  `ast` is the workflow AST the IR was
 * lowered from; with NULL the counts are 0 and the fingerprint null.
 * counts, fingerprint and unsupported are defined in src/emit/jobstats.h. */
void emit_summary_json(const IrDoc *d, const AstDoc *ast, const char *output_path, bool gate_passed,
		       const char *gate_reason, Sbuf *out);

#endif
