/* diag.c - diagnostic catalogue, formatting and counting (src/base). */
#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code;
	DiagSeverity sev;
	const char *hint;
} catalogue[] = {
#define X(name, code, sev, hint) {code, sev, hint},
    DIAG_CODE_LIST(X)
#undef X
};

const char *diag_code_str(DiagCode c)
{
	return catalogue[c].code;
}

DiagSeverity diag_code_severity(DiagCode c)
{
	return catalogue[c].sev;
}

const char *diag_code_hint(DiagCode c)
{
	return catalogue[c].hint;
}

const char *diag_severity_name(DiagSeverity s)
{
	static const char *names[] = {"note", "warning", "error"};
	return names[s];
}

void diag_init(DiagSink *s, FILE *out)
{
	memset(s, 0, sizeof *s);
	s->out = out;
	s->max_errors = 50;
}

unsigned diag_errors(const DiagSink *s)
{
	return s->counts[DIAG_ERROR];
}

unsigned diag_warnings(const DiagSink *s)
{
	return s->counts[DIAG_WARNING];
}

enum { SNIP_MAX = 100, SNIP_BEFORE = 40 };

/* Length in bytes of the UTF-8 character at s (1 for an invalid byte). */
static size_t char_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
	if (n > avail)
		return 1;
	for (size_t k = 1; k < n; k++)
		if (((unsigned char)s[k] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Windows-1252 0x80-0x9F as Unicode (0 = undefined). */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void add_utf8(Sbuf *out, unsigned cp)
{
	if (cp < 0x800) {
		sbuf_addch(out, (char)(0xC0 | (cp >> 6)));
	} else {
		sbuf_addch(out, (char)(0xE0 | (cp >> 12)));
		sbuf_addch(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
	}
	sbuf_addch(out, (char)(0x80 | (cp & 0x3F)));
}

/* Append one character of a snippet, made printable: tabs and control
 * characters become spaces, invalid UTF-8 becomes '?', bytes of a
 * single-byte file are decoded as Windows-1252 (a superset of the
 * printable ISO-8859-1). */
static void add_printable(Sbuf *out, const char *s, size_t n, bool single_byte)
{
	unsigned char c = (unsigned char)s[0];
	if (single_byte && c >= 0x80) {
		unsigned cp = c >= 0xA0 ? c : cp1252_high[c - 0x80];
		if (cp)
			add_utf8(out, cp);
		else
			sbuf_addch(out, '?');
	} else if (n == 1 && c >= 0x80)
		sbuf_addch(out, '?');
	else if (n == 1 && (c < 0x20 || c == 0x7f))
		sbuf_addch(out, ' ');
	else
		sbuf_add(out, s, n);
}

/* Print `text` (one line) indented, with a caret under columns
 * [col, col+span).  Long lines are shown as a window around the caret. */
static void format_snippet(Sbuf *out, const char *text, size_t len, uint32_t col, uint32_t span, int indent,
			   bool single_byte)
{
	uint32_t nchars = single_byte ? (uint32_t)len : utf8_columns(text, len);
	if (col == 0 || col > nchars + 1)
		col = 1, span = 0;
	if (span == 0)
		span = 1;
	uint32_t first = 1, last = nchars; /* window of columns, inclusive */
	if (nchars > SNIP_MAX) {
		first = col > SNIP_BEFORE ? col - SNIP_BEFORE : 1;
		last = first + SNIP_MAX - 1;
		if (last > nchars)
			last = nchars;
	}
	sbuf_addchn(out, ' ', (size_t)indent);
	if (first > 1)
		sbuf_adds(out, "...");
	size_t i = 0;
	for (uint32_t c = 1; i < len && c <= last; c++) {
		size_t n = single_byte ? 1 : char_len(text + i, len - i);
		if (c >= first)
			add_printable(out, text + i, n, single_byte);
		i += n;
	}
	if (last < nchars)
		sbuf_adds(out, "...");
	sbuf_addch(out, '\n');
	if (col > last)
		span = 1; /* the caret points just past the end of the line */
	else if (col + span - 1 > last)
		span = last - col + 1;
	sbuf_addchn(out, ' ', (size_t)indent + (first > 1 ? 3 : 0) + (col - first));
	sbuf_addchn(out, '^', span);
	sbuf_addch(out, '\n');
}

void diag_format(Sbuf *out, const Diag *d, const char *msg)
{
	const SrcLoc *l = &d->loc;
	DiagSeverity sev = diag_code_severity(d->code);
	if (l->file && l->line && l->col)
		sbuf_addf(out, "%s:%u:%u: ", l->file->path, l->line, l->col);
	else if (l->file && l->line)
		sbuf_addf(out, "%s:%u: ", l->file->path, l->line);
	else if (l->file)
		sbuf_addf(out, "%s: ", l->file->path);
	else
		sbuf_adds(out, "akko-migrate: ");
	sbuf_addf(out, "%s: %s [%s]\n", diag_severity_name(sev), msg, diag_code_str(d->code));
	int indent = 4;
	if (d->context) {
		sbuf_addf(out, "  %s:\n", d->context);
		indent = 6;
	}
	const char *text = NULL;
	size_t len = 0;
	if (d->snippet) {
		format_snippet(out, d->snippet, strlen(d->snippet), d->snip_col, d->snip_span, indent, false);
	} else if (l->file && l->line && l->file->text && srcfile_line(l->file, l->line, &text, &len)) {
		/* Drop the line's indentation; the caret moves with the text. */
		uint32_t lead = 0, col = l->col;
		while (lead < len && (text[lead] == ' ' || text[lead] == '\t'))
			lead++;
		if (col == 0 || col > lead) {
			text += lead;
			len -= lead;
			col = col ? col - lead : 1;
		}
		if (len)
			format_snippet(out, text, len, col, d->span, indent, l->file->single_byte);
	}
	const char *hint = d->hint ? d->hint : diag_code_hint(d->code);
	if (hint && *hint)
		sbuf_addf(out, "  hint: %s\n", hint);
}

bool diag_vemit(DiagSink *s, const Diag *d, const char *fmt, va_list ap)
{
	DiagSeverity sev = diag_code_severity(d->code);
	s->counts[sev]++;
	if (sev == DIAG_NOTE && s->quiet_notes)
		return false;
	bool hidden = sev == DIAG_ERROR && s->max_errors && s->counts[DIAG_ERROR] > s->max_errors;
	Sbuf msg = SBUF_INIT;
	if (!hidden || s->on_emit)
		sbuf_vaddf(&msg, fmt, ap);
	if (s->on_emit)
		s->on_emit(s->on_emit_ud, d, msg.buf);
	if (hidden) {
		if (!s->truncated_noted && s->out)
			fprintf(s->out,
				"%s: note: more than %u errors; further errors are counted but "
				"not shown\n",
				d->loc.file ? d->loc.file->path : "akko-migrate", s->max_errors);
		s->truncated_noted = true;
		sbuf_release(&msg);
		return false;
	}
	Sbuf text = SBUF_INIT;
	diag_format(&text, d, msg.buf);
	if (s->out) {
		fwrite(text.buf, 1, text.len, s->out);
		fflush(s->out);
	}
	if (s->collect)
		sbuf_add(s->collect, text.buf, text.len);
	sbuf_release(&msg);
	sbuf_release(&text);
	return false;
}

bool diag_emit(DiagSink *s, const Diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vemit(s, d, fmt, ap);
	va_end(ap);
	return false;
}

static void simple(DiagSink *s, DiagCode code, SrcLoc loc, DiagSeverity want, const char *fmt, va_list ap)
{
	if (diag_code_severity(code) != want)
		die("diagnostic %s reported with the wrong severity", diag_code_str(code));
	Diag d = {.code = code, .loc = loc};
	diag_vemit(s, &d, fmt, ap);
}

bool diag_error(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	simple(s, code, loc, DIAG_ERROR, fmt, ap);
	va_end(ap);
	return false;
}

void diag_warning(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	simple(s, code, loc, DIAG_WARNING, fmt, ap);
	va_end(ap);
}

void diag_note(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	simple(s, code, loc, DIAG_NOTE, fmt, ap);
	va_end(ap);
}

void diag_record_collect(void *ud, const Diag *d, const char *msg)
{
	DiagRecords *r = ud;
	if (r->len == r->cap) {
		r->cap = r->cap ? size_mul(r->cap, 2) : 16;
		r->items = xrealloc(r->items, size_mul(r->cap, sizeof *r->items));
	}
	r->items[r->len++] = (DiagRecord){
	    .file = d->loc.file && d->loc.file->path ? xstrdup(d->loc.file->path) : NULL,
	    .line = d->loc.line,
	    .col = d->loc.col,
	    .code = d->code,
	    .severity = diag_code_severity(d->code),
	    .msg = xstrdup(msg),
	};
}

void diag_records_release(DiagRecords *r)
{
	for (size_t i = 0; i < r->len; i++) {
		free((char *)r->items[i].file);
		free((char *)r->items[i].msg);
	}
	free(r->items);
	r->items = NULL;
	r->len = r->cap = 0;
}
