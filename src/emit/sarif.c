/* sarif.c - diagnostics as a SARIF 2.1.0 log (src/emit), written by hand
 * with sbuf_add_json_string: a fixed, small shape needs no JSON library.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "emit/sarif.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

static void json_str(Sbuf *out, const char *s)
{
	sbuf_add_json_string(out, s, strlen(s));
}

/* A relative path as a URI reference: bytes outside RFC 3986's unreserved
 * and path characters are percent-encoded (spaces, '%', '#', '?',
 * non-ASCII). */
static void json_uri(Sbuf *out, const char *path)
{
	Sbuf uri = SBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/!$&'()*+,;=:@", *p))
			sbuf_addch(&uri, (char)*p);
		else
			sbuf_addf(&uri, "%%%02X", *p);
	}
	sbuf_add_json_string(out, uri.buf, uri.len);
	sbuf_release(&uri);
}

static const char *level(DiagSeverity s)
{
	return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

static void add_rules(Sbuf *out, const int *index)
{
	bool first = true;
	sbuf_adds(out, "\"rules\":[");
	for (int c = 0; c < DIAG_CODE_COUNT; c++) {
		if (index[c] < 0)
			continue;
		sbuf_adds(out, first ? "{\"id\":" : ",{\"id\":");
		json_str(out, diag_code_str((DiagCode)c));
		sbuf_adds(out, ",\"shortDescription\":{\"text\":");
		json_str(out, diag_code_hint((DiagCode)c));
		sbuf_addf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
			  level(diag_code_severity((DiagCode)c)));
		first = false;
	}
	sbuf_addch(out, ']');
}

static void add_result(Sbuf *out, const DiagRecord *r, int rule_index)
{
	sbuf_adds(out, "{\"ruleId\":");
	json_str(out, diag_code_str(r->code));
	sbuf_addf(out, ",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":", rule_index,
		  level(r->severity));
	json_str(out, r->msg ? r->msg : "");
	sbuf_addch(out, '}');
	if (r->file) {
		sbuf_adds(out, ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		json_uri(out, r->file);
		sbuf_addch(out, '}');
		if (r->line) {
			sbuf_addf(out, ",\"region\":{\"startLine\":%u", r->line);
			if (r->col)
				sbuf_addf(out, ",\"startColumn\":%u", r->col);
			sbuf_addch(out, '}');
		}
		sbuf_adds(out, "}}]");
	}
	sbuf_addch(out, '}');
}

bool emit_sarif(const DiagRecord *recs, size_t n, Sbuf *out)
{
	bool used[DIAG_CODE_COUNT] = {false};
	int index[DIAG_CODE_COUNT]; /* code -> position in rules, -1 = unused */
	for (size_t i = 0; i < n; i++)
		used[recs[i].code] = true;
	for (int c = 0, k = 0; c < DIAG_CODE_COUNT; c++)
		index[c] = used[c] ? k++ : -1;

	sbuf_adds(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
		       "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"akko-migrate\",\"version\":");
	json_str(out, PACKAGE_VERSION);
#ifdef PACKAGE_URL
	if (PACKAGE_URL[0]) { /* AC_INIT's URL argument; none is set today */
		sbuf_adds(out, ",\"informationUri\":");
		json_str(out, PACKAGE_URL);
	}
#endif
	sbuf_addch(out, ',');
	add_rules(out, index);
	sbuf_adds(out, "}},\"results\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addch(out, ',');
		add_result(out, &recs[i], index[recs[i].code]);
	}
	sbuf_adds(out, "]}]}\n");
	return !out->overflow;
}
