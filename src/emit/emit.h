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
#include "emit/jobstats.h"
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

/* The same line for a document converted unit by unit: each unit's IR and
 * AST added in file order, then the line from the document-wide totals
 * (`d`: ir_totals_set(), no pipelines of its own).  `a` outlives the parts. */
typedef struct SummaryParts {
	JobStats stats;
	Sbuf objects; /* the "objects" items so far */
	bool objects_sep;
	uint32_t llm_assisted;
} SummaryParts;
void emit_summary_init(SummaryParts *s, Arena *a, Tool tool);
void emit_summary_add(SummaryParts *s, const IrDoc *unit_ir, const AstDoc *unit_ast);
void emit_summary_json_parts(const IrDoc *d, SummaryParts *s, bool have_ast, const char *output_path,
			     bool gate_passed, const char *gate_reason, Sbuf *out);
void emit_summary_release(SummaryParts *s);

/* The document in pieces, for a file converted unit by unit (emit_yaml()
 * writes the same bytes at once):
 *   emit_yaml_head()       everything before `pipelines:` (version, source,
 *                          summary; `review` holds the qualified node ids
 *                          emit_yaml_review_ids() gives, over all units);
 *   emit_yaml_pipelines()  the items of `pipelines:` ("- name: ..."), none
 *                          for a unit without pipelines;
 *   emit_yaml_workflows()  the items of `orchestration: workflows:`.
 * The document is the head, then "pipelines:\n" and the items (or
 * "pipelines: []\n" when there are none), then "orchestration:\n" and
 * "  workflows:\n" with the items (or "  workflows: []\n"). */
bool emit_yaml_head(const IrDoc *d, const PtrVec *review, Sbuf *out, const char **err);
bool emit_yaml_pipelines(const IrDoc *d, Sbuf *out, const char **err);
bool emit_yaml_workflows(const IrDoc *d, Sbuf *out, const char **err);
void emit_yaml_review_ids(Arena *a, const IrDoc *d, PtrVec *out);

#endif
