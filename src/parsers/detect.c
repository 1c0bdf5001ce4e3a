/* detect.c - content sniffing of job exports (src/parsers). */
#include "parsers/detect.h"

#include <stdio.h>
#include <string.h>

enum { SNIFF_MAX = 64 * 1024 };

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Skip past the first occurrence of `tok`, or return end. */
static const char *skip_past(const char *p, const char *end, const char *tok)
{
	size_t n = strlen(tok);
	for (; p + n <= end; p++)
		if (memcmp(p, tok, n) == 0)
			return p + n;
	return end;
}

/* Skip a DOCTYPE, including an internal subset in brackets, whose comments
 * and processing instructions may hold any character (quotes, "]>"). */
static const char *skip_doctype(const char *p, const char *end)
{
	int depth = 0;
	char quote = 0;
	for (; p < end; p++) {
		char c = *p;
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '<' && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_past(p + 4, end, "-->") - 1;
		} else if (c == '<' && end - p >= 2 && p[1] == '?') {
			p = skip_past(p + 2, end, "?>") - 1;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '[') {
			depth++;
		} else if (c == ']') {
			depth--;
		} else if (c == '>' && depth <= 0) {
			return p + 1;
		}
	}
	return end;
}

static int ci_prefix(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char a = p[i], b = s[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return 0;
	}
	return 1;
}

static void set_reason(Detection *d, const char *fmt, const char *arg)
{
	snprintf(d->reason, sizeof d->reason, fmt, arg);
}

/* A zip archive whose entries are InfoSphere Information Server assets:
 * an .isx export (istool export, Information Server Manager).  Its entry
 * names end with the asset type suffixes of IBM's "Asset paths for
 * InfoSphere DataStage and QualityStage assets" (pjb parallel job, qjb
 * sequence, sjb server job, psc/ssc shared containers, tbd table
 * definition, pst parameter set, dcn data connection, prt/srt routines,
 * stp stage type).  The local file headers ("PK\3\4", name length at
 * offset 26, name at 30) are walked over the whole buffer. */
static int isx_asset(const char *buf, size_t len, char *name, size_t n)
{
	static const char *const suffixes[] = {".pjb", ".qjb", ".sjb", ".psc", ".ssc", ".tbd",
					       ".pst", ".dcn", ".prt", ".srt", ".stp"};
	for (size_t i = 0; i + 30 <= len; i++) {
		if (memcmp(buf + i, "PK\3\4", 4) != 0)
			continue;
		size_t nlen = (unsigned char)buf[i + 26] | (size_t)(unsigned char)buf[i + 27] << 8;
		if (i + 30 + nlen > len || nlen < 4)
			continue;
		const char *e = buf + i + 30 + nlen;
		for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++)
			if (ci_prefix(e - 4, e, suffixes[k])) {
				snprintf(name, n, "%.*s", (int)(nlen < 80 ? nlen : 80), buf + i + 30);
				return 1;
			}
	}
	return 0;
}

void detect_tool(const char *buf, size_t len, Detection *d)
{
	memset(d, 0, sizeof *d);
	d->tool = TOOL_UNKNOWN;
	d->root_offset = -1;
	const char *p = buf, *end = buf + (len < SNIFF_MAX ? len : SNIFF_MAX);
	if (len >= 4 && memcmp(buf, "PK\3\4", 4) == 0) {
		char asset[84];
		d->binary = 1;
		if (isx_asset(buf, len, asset, sizeof asset)) {
			d->isx = 1;
			set_reason(d, "it is an InfoSphere .isx archive (zip) of exported assets, such as '%s'",
				   asset);
		} else {
			set_reason(d, "%s", "the file is a zip archive, not an export: unzip it and pass the export it holds");
		}
		return;
	}
	if (memchr(buf, '\0', (size_t)(end - buf))) {
		/* UTF-16 exports would show NULs too; none exist, and libxml2 is
		 * not asked to guess. */
		d->binary = 1;
		set_reason(d, "%s",
			   "the file contains NUL bytes: binary data (a zip archive?) or UTF-16 text");
		return;
	}
	if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		p += 3;
	p = skip_space(p, end);
	if (p == end && len <= SNIFF_MAX) {
		d->empty = 1;
		set_reason(d, "%s", len ? "the file holds only whitespace" : "the file is empty");
		return;
	}
	if (ci_prefix(p, end, "BEGIN HEADER")) {
		d->tool = TOOL_DATASTAGE;
		snprintf(d->root, sizeof d->root, "BEGIN HEADER");
		return;
	}
	/* Walk the XML prolog. */
	for (;;) {
		p = skip_space(p, end);
		if (p >= end || *p != '<')
			break;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = skip_past(p + 4, end, "-->");
		else if (end - p >= 2 && p[1] == '?')
			p = skip_past(p + 2, end, "?>");
		else if (ci_prefix(p, end, "<!DOCTYPE")) {
			if (ci_prefix(skip_space(p + 9, end), end, "html")) {
				snprintf(d->root, sizeof d->root, "html");
				d->root_offset = (long)(p - buf);
				set_reason(d, "%s", "it is an HTML page");
				return;
			}
			p = skip_doctype(p + 9, end);
		} else
			break;
	}
	if (p >= end || *p != '<') {
		set_reason(d, "%s", "it is neither XML nor a DataStage .dsx export");
		return;
	}
	d->root_offset = (long)(p - buf);
	size_t i = 0;
	for (p++; p < end && i + 1 < sizeof d->root; p++) {
		char c = *p;
		if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n')
			break;
		d->root[i++] = c;
	}
	d->root[i] = '\0';
	if (strcmp(d->root, "POWERMART") == 0)
		d->tool = TOOL_POWERCENTER;
	else if (strcmp(d->root, "DTS:Executable") == 0)
		d->tool = TOOL_SSIS;
	else if (strcmp(d->root, "AlteryxDocument") == 0)
		d->tool = TOOL_ALTERYX;
	else if (strcmp(d->root, "DSExport") == 0)
		d->tool = TOOL_DATASTAGE;
	else if (ci_prefix(d->root, d->root + strlen(d->root), "html"))
		set_reason(d, "%s", "it is an HTML page");
	else
		set_reason(d, "its root element '%s' belongs to no supported tool", d->root);
}
