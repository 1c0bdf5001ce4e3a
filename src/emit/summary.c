/* summary.c - one line of JSON per job file for `--format json` (src/emit):
 * what a CI job or a bulk run reads instead of parsing the YAML.
 */
#include <string.h>

#include "emit/emit.h"

static void json_str(Sbuf *out, const char *s)
{
	if (s)
		sbuf_add_json_string(out, s, strlen(s));
	else
		sbuf_adds(out, "null");
}

static void json_num(Sbuf *out, double x)
{
	char buf[EMIT_NUMBER_MAX];
	emit_number(buf, x);
	sbuf_adds(out, buf);
}

void emit_summary_json(const IrDoc *d, const char *output_path, bool gate_passed, const char *gate_reason,
		       Sbuf *out)
{
	sbuf_adds(out, "{\"file\":");
	json_str(out, d->file);
	sbuf_adds(out, ",\"output\":");
	json_str(out, output_path);
	sbuf_addf(out, ",\"pipelines\":%u,\"nodes\":%u", d->pipelines.len, d->nodes_count);
	sbuf_adds(out, ",\"overall_confidence\":");
	json_num(out, d->overall_confidence);
	sbuf_adds(out, ",\"min_confidence\":");
	json_num(out, d->min_confidence);
	sbuf_addf(out, ",\"warnings\":%u,\"review\":%u", d->warnings_count, d->review_count);
	sbuf_addf(out, ",\"gate\":\"%s\",\"reason\":", gate_passed ? "pass" : "fail");
	json_str(out, gate_reason);
	sbuf_adds(out, "}\n");
}
