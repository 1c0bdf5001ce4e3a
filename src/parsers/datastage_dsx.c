/* datastage_dsx.c - the reader of DataStage .dsx text exports (src/parsers).
 *
 * A .dsx file is line-based (IBM InfoSphere DataStage and QualityStage
 * Designer Client Guide, "Exporting objects" / "Importing previously
 * exported objects"; the syntax below is as DataStage 8.x-11.x Designer
 * writes it, checked on ../shared/corpus/datastage, notes section 4):
 *
 *   BEGIN HEADER ... END HEADER          CharacterSet, ServerVersion...
 *   BEGIN DSJOB                          one section per object group:
 *      Identifier "name"                 DSJOB, DSSHAREDCONTAINER, DSEXECJOB,
 *      BEGIN DSRECORD                    DSTABLEDEFS, DSPARAMETERSETS,
 *         Name "value"                   DSROUTINES, DSDATACONNECTIONS,
 *         Columns "COutputColumn"        DSSTAGETYPES, DSDATATYPES, ...
 *         BEGIN DSSUBRECORD              a property whose value names a
 *            Name "value"                class, followed by DSSUBRECORDs,
 *         END DSSUBRECORD                is a collection of sub-records
 *         Text =+=+=+=
 *      raw lines, unescaped              multi-line values between markers
 *      =+=+=+=
 *      END DSRECORD
 *   END DSJOB
 *
 * Quoted values escape `\"`, `\\` and any non-ASCII or control character
 * as `\(hex)`, the hexadecimal Unicode code point (`\(430)` is Cyrillic
 * a, `\(A)` a line feed); they are undone here.  A raw byte >= 0x80 (none
 * in the corpus) is decoded with the header's CharacterSet through iconv.
 *
 * One pass over the bytes: each top-level section is read into records in
 * the builder's scratch arena, handed to the builder, then dropped, so
 * memory follows the largest section.  Compiled sections (DSEXECJOB) and
 * binary blocks (DSBPBINARY, DSUBINARY, DSSCRIPT, DSBPSOURCE) are skipped
 * line by line without being stored; the builder records that they were
 * there.
 */
#include "parsers/datastage.h"
#include "base/sbuf.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

enum { DSX_MAX_DEPTH = 32 };

typedef struct Dsx {
	const SrcFile *src;
	DsBuild *B;
	Arena *s; /* scratch */
	DiagSink *sink;
	const char *p, *end; /* next unread byte */
	/* the current line */
	const char *ls, *le; /* text after the indentation, end before the line terminator */
	const char *raw;     /* start of the line */
	uint32_t lno;
	bool eof;
	/* decoding */
	const char *charset;
	iconv_t cd;
	bool cd_open, cd_failed, bad_bytes_noted, bad_escape_noted;
	bool end_reported; /* the file ended inside a block, and that was said */
	bool charset_warned; /* the header's CharacterSet is unknown, and that was said */
	Sbuf buf;
} Dsx;

static const char MARK[] = "=+=+=+=";
enum { MARK_LEN = sizeof MARK - 1 };

static SrcLoc here(const Dsx *X, const char *at)
{
	return (SrcLoc){X->src, X->lno, (uint32_t)(at - X->raw) + 1};
}

static bool next_line(Dsx *X)
{
	if (X->p >= X->end) {
		X->eof = true;
		return false;
	}
	X->raw = X->p;
	const char *nl = memchr(X->p, '\n', (size_t)(X->end - X->p));
	const char *e = nl ? nl : X->end;
	X->p = nl ? nl + 1 : X->end;
	if (e > X->raw && e[-1] == '\r')
		e--;
	X->le = e;
	const char *s = X->raw;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	X->ls = s;
	X->lno++;
	return true;
}

static bool line_is(const Dsx *X, const char *kw)
{
	size_t n = strlen(kw);
	const char *e = X->le;
	while (e > X->ls && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return (size_t)(e - X->ls) == n && memcmp(X->ls, kw, n) == 0;
}

/* "BEGIN X" / "END X": the keyword X (scratch copy), or NULL. */
static const char *block_word(Dsx *X, const char *kw)
{
	size_t n = strlen(kw);
	if ((size_t)(X->le - X->ls) <= n || memcmp(X->ls, kw, n) != 0 || X->ls[n] != ' ')
		return NULL;
	const char *w = X->ls + n + 1, *e = X->le;
	while (e > w && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	for (const char *q = w; q < e; q++)
		if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		      *q == '_'))
			return NULL;
	return e > w ? arena_strndup(X->s, w, (size_t)(e - w)) : NULL;
}

/* ---- decoding -------------------------------------------------------------- */

static void add_utf8(Sbuf *b, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80)
		u[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	else if (cp < 0x10000)
		u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
		u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	else
		u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	sbuf_add(b, u, n);
}

/* The iconv name of a header CharacterSet.  "ENGLISH" is what servers
 * with NLS off write (notes section 3): their bytes are the Windows
 * client's code page, taken as Windows-1252. */
static const char *iconv_name(const char *cs)
{
	if (!cs || !*cs || strcmp(cs, "ENGLISH") == 0 || strcmp(cs, "NONE") == 0)
		return "CP1252";
	if (strcmp(cs, "UTF8") == 0)
		return "UTF-8";
	return cs;
}

/* Raw bytes [p, e) that contain a byte >= 0x80, decoded with the header's
 * character set into b. */
static void add_raw_bytes(Dsx *X, Sbuf *b, const char *p, const char *e, SrcLoc loc)
{
	if (!X->cd_open && !X->cd_failed) {
		X->cd = iconv_open("UTF-8", iconv_name(X->charset));
		if (X->cd == (iconv_t)-1) {
			X->cd_failed = true;
			if (!X->charset_warned)
				diag_warning(X->sink, W_DS_CHARSET, loc,
				     "the header's CharacterSet '%s' is not a character set this system "
				     "knows; bytes above 0x7F are read as Windows-1252",
				     X->charset ? X->charset : "");
			X->cd = iconv_open("UTF-8", "CP1252");
			if (X->cd == (iconv_t)-1) {
				/* no iconv tables at all: keep ASCII, replace the rest */
				for (; p < e; p++)
					if ((unsigned char)*p < 0x80)
						sbuf_addch(b, *p);
					else
						add_utf8(b, 0xFFFD);
				return;
			}
		}
		X->cd_open = true;
	}
	char *in = (char *)p;
	size_t inleft = (size_t)(e - p);
	while (inleft) {
		sbuf_grow(b, inleft * 4 + 8);
		char *out = b->buf + b->len;
		size_t outleft = b->alloc - b->len - 1;
		size_t r = iconv(X->cd, &in, &inleft, &out, &outleft);
		b->len = (size_t)(out - b->buf);
		b->buf[b->len] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			if (!X->bad_bytes_noted) {
				X->bad_bytes_noted = true;
				diag_warning(X->sink, W_DS_CHARSET, loc,
					     "byte 0x%02X is not a character of the header's CharacterSet "
					     "'%s'; it is read as U+FFFD",
					     (unsigned char)*in, X->charset ? X->charset : "");
			}
			add_utf8(b, 0xFFFD);
			in++;
			inleft--;
			iconv(X->cd, NULL, NULL, NULL, NULL);
		}
	}
}

/* Text [p, e) without escapes (multi-line values): only the character set
 * applies. */
static void add_text(Dsx *X, Sbuf *b, const char *p, const char *e, SrcLoc loc)
{
	const char *q = p;
	while (q < e && (unsigned char)*q < 0x80)
		q++;
	if (q == e) {
		sbuf_add(b, p, (size_t)(e - p));
		return;
	}
	sbuf_add(b, p, (size_t)(q - p));
	add_raw_bytes(X, b, q, e, loc);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A quoted value starting after the opening quote at q: its decoded text in
 * X->buf; returns false when the line has no closing quote. */
static bool read_quoted(Dsx *X, const char *q)
{
	sbuf_reset(&X->buf);
	const char *run = q;
	while (q < X->le) {
		char c = *q;
		if (c == '"') {
			add_text(X, &X->buf, run, q, here(X, run));
			/* anything after the closing quote other than blanks is not
			 * written by the exporter */
			return true;
		}
		if (c != '\\' || q + 1 >= X->le) {
			q++;
			continue;
		}
		add_text(X, &X->buf, run, q, here(X, run));
		char n = q[1];
		if (n == '"' || n == '\\') {
			sbuf_addch(&X->buf, n);
			q += 2;
		} else if (n == '(') {
			const char *h = q + 2;
			unsigned long cp = 0;
			int digits = 0;
			while (h < X->le && hexval(*h) >= 0 && digits < 8)
				cp = cp * 16 + (unsigned long)hexval(*h++), digits++;
			if (digits && h < X->le && *h == ')' && cp <= 0x10FFFF && !(cp >= 0xD800 && cp < 0xE000)) {
				add_utf8(&X->buf, cp);
				q = h + 1;
			} else {
				if (!X->bad_escape_noted) {
					X->bad_escape_noted = true;
					diag_warning(X->sink, W_DS_ESCAPE, here(X, q),
						     "'\\(' starts no \\(hex) character escape; kept as written");
				}
				sbuf_add(&X->buf, q, 2);
				q += 2;
			}
		} else {
			/* other backslashes are data (DSEXECJOB's \V separators) */
			sbuf_add(&X->buf, q, 2);
			q += 2;
		}
		run = q;
	}
	add_text(X, &X->buf, run, q, here(X, run));
	return false;
}

/* The file ended inside the block `word` opened at `open`: said once, at
 * the innermost block. */
static void truncated(Dsx *X, SrcLoc open, const char *word)
{
	if (X->end_reported)
		return;
	X->end_reported = true;
	diag_error(X->sink, E_DS_TRUNCATED, open,
		   "the file ends inside 'BEGIN %s' opened here (no 'END %s'): it looks truncated", word,
		   word);
}

/* ---- properties and blocks -------------------------------------------------- */

typedef struct Block {
	DsRec *rec;   /* record being filled, or NULL (section level) */
	PtrVec *props;
	DsColl *coll; /* collection the next DSSUBRECORD joins, or NULL */
	DsProp *last; /* the last property read, a collection's name when a
	                 DSSUBRECORD follows it */
} Block;

/* A multi-line value whose `Name =+=+=+=` line is the current line: the
 * raw lines up to the closing marker.  False at the end of the file. */
static bool read_multiline(Dsx *X, SrcLoc open, SrcLoc *vloc)
{
	sbuf_reset(&X->buf);
	bool first = true;
	*vloc = (SrcLoc){X->src, X->lno + 1, 1};
	while (next_line(X)) {
		if (X->le - X->raw == MARK_LEN && memcmp(X->raw, MARK, MARK_LEN) == 0)
			return true;
		if (!first)
			sbuf_addch(&X->buf, '\n');
		first = false;
		add_text(X, &X->buf, X->raw, X->le, here(X, X->raw));
	}
	X->end_reported = true;
	diag_error(X->sink, E_DS_MULTILINE, open,
		   "the multi-line value opened here with '=+=+=+=' is never closed: the file "
		   "ends inside it");
	return false;
}

/* The current line as a property `Name "value"` or `Name =+=+=+=`.  False
 * when the file ended inside a multi-line value. */
static bool read_prop(Dsx *X, Block *bk, bool keep)
{
	const char *n = X->ls, *sp = n;
	while (sp < X->le && *sp != ' ' && *sp != '\t')
		sp++;
	const char *v = sp;
	while (v < X->le && (*v == ' ' || *v == '\t'))
		v++;
	SrcLoc loc = here(X, n), vloc = here(X, v + 1);
	const char *value;
	if (v < X->le && *v == '"') {
		if (!read_quoted(X, v + 1))
			diag_warning(X->sink, W_DS_LINE, here(X, v),
				     "the quoted value has no closing quote on its line; the rest of "
				     "the line is taken as the value");
		value = keep ? arena_strndup(X->s, X->buf.buf, X->buf.len) : NULL;
	} else if ((size_t)(X->le - v) >= MARK_LEN && memcmp(v, MARK, MARK_LEN) == 0) {
		if (!read_multiline(X, loc, &vloc))
			return false;
		value = keep ? arena_strndup(X->s, X->buf.buf, X->buf.len) : NULL;
	} else if (sp - n == 7 && memcmp(n, "COMMENT", 7) == 0) {
		/* "COMMENT Appended on ..." lines: the exporter's remarks */
		return true;
	} else {
		diag_warning(X->sink, W_DS_LINE, loc,
			     "the line is neither a property (Name \"value\"), a multi-line value "
			     "nor a BEGIN/END line; it is skipped");
		return true;
	}
	if (keep && bk) {
		bk->last = ds_prop_add(X->s, bk->props, arena_strndup(X->s, n, (size_t)(sp - n)), value,
				       loc, vloc);
		bk->coll = NULL;
	}
	return true;
}

/* Skip a block (BEGIN word read) up to its END word, honouring multi-line
 * values.  False at the end of the file (diagnosed). */
static bool skip_block(Dsx *X, const char *word, SrcLoc open)
{
	while (next_line(X)) {
		const char *w = block_word(X, "END");
		if (w && strcmp(w, word) == 0)
			return true;
		const char *e = X->le;
		if ((size_t)(e - X->ls) >= MARK_LEN && memcmp(e - MARK_LEN, MARK, MARK_LEN) == 0 &&
		    !(e - X->raw == MARK_LEN)) {
			SrcLoc vloc;
			if (!read_multiline(X, here(X, X->ls), &vloc))
				return false;
		}
	}
	truncated(X, open, word);
	return false;
}

/* Turn the property just read into the collection a DSSUBRECORD joins. */
static DsColl *open_collection(Dsx *X, Block *bk)
{
	if (bk->coll)
		return bk->coll;
	DsColl *c = ARENA_NEW(X->s, DsColl);
	if (bk->last && bk->props->len && bk->props->items[bk->props->len - 1] == bk->last) {
		c->name = bk->last->name;
		c->type = bk->last->value;
		c->loc = bk->last->loc;
		bk->props->len--; /* the class name is the collection's type, not a property */
	} else {
		c->name = "";
		c->type = "";
		c->loc = here(X, X->ls);
	}
	ptrvec_push(X->s, &bk->rec->colls, c);
	bk->coll = c;
	return c;
}

/* Read a record or sub-record whose BEGIN line is current, up to its END.
 * False when the file ended first (diagnosed). */
static bool read_record(Dsx *X, DsRec *r, const char *word, int depth)
{
	Block bk = {.rec = r, .props = &r->props};
	SrcLoc open = here(X, X->ls);
	while (next_line(X)) {
		if (X->ls == X->le)
			continue;
		const char *w = block_word(X, "END");
		if (w) {
			if (strcmp(w, word) == 0)
				return true;
			diag_error(X->sink, E_DS_SYNTAX, here(X, X->ls),
				   "'END %s' closes nothing: the open block is 'BEGIN %s' of line %u", w,
				   word, open.line);
			continue;
		}
		const char *b = block_word(X, "BEGIN");
		if (b && strcmp(b, "DSSUBRECORD") == 0) {
			if (depth >= DSX_MAX_DEPTH) {
				diag_error(X->sink, E_DS_SYNTAX, here(X, X->ls),
					   "sub-records nested more than %d deep; the block is skipped",
					   DSX_MAX_DEPTH);
				if (!skip_block(X, b, here(X, X->ls)))
					return false;
				continue;
			}
			DsColl *c = open_collection(X, &bk);
			DsRec *sub = ARENA_NEW(X->s, DsRec);
			sub->loc = here(X, X->ls);
			ptrvec_push(X->s, &c->subs, sub);
			if (!read_record(X, sub, b, depth + 1))
				return false;
			bk.coll = c; /* the next DSSUBRECORD joins it too */
			bk.last = NULL;
			continue;
		}
		if (b) {
			/* a block inside a record the format does not define: kept out */
			if (!skip_block(X, b, here(X, X->ls)))
				return false;
			continue;
		}
		if (!read_prop(X, &bk, true))
			return false;
	}
	truncated(X, open, word);
	return false;
}

static void fill_record_fields(DsRec *r)
{
	r->id = ds_get(r, "Identifier");
	r->type = ds_get(r, "OLEType");
	if (!r->type)
		r->type = "";
}

/* A top-level section whose BEGIN line is current.  False at the end of
 * the file. */
static bool read_section(Dsx *X, const char *word)
{
	DsSection *s = ARENA_NEW(X->s, DsSection);
	s->tag = word;
	s->kind = ds_section_kind(word);
	s->loc = here(X, X->ls);
	s->off = (size_t)(X->raw - X->src->text);
	s->line = X->lno;
	Block bk = {.props = &s->props};
	bool keep = s->kind != DS_SEC_COMPILED;
	bool ok = false;
	while (next_line(X)) {
		if (X->ls == X->le)
			continue;
		const char *w = block_word(X, "END");
		if (w) {
			if (strcmp(w, word) == 0) {
				ok = true;
				break;
			}
			diag_error(X->sink, E_DS_SYNTAX, here(X, X->ls),
				   "'END %s' closes nothing: the open section is 'BEGIN %s' of line %u",
				   w, word, s->loc.line);
			continue;
		}
		const char *b = block_word(X, "BEGIN");
		if (b && keep && strcmp(b, "DSRECORD") == 0) {
			DsRec *r = ARENA_NEW(X->s, DsRec);
			r->loc = here(X, X->ls);
			ptrvec_push(X->s, &s->recs, r);
			bool done = read_record(X, r, b, 0);
			fill_record_fields(r);
			if (!done)
				break;
			continue;
		}
		if (b) {
			ptrvec_push(X->s, &s->skipped, (void *)b);
			if (!skip_block(X, b, here(X, X->ls)))
				break;
			continue;
		}
		if (!read_prop(X, &bk, true))
			break;
	}
	if (!ok && X->eof)
		truncated(X, s->loc, word);
	s->truncated = !ok;
	ds_build_section(X->B, s);
	return ok;
}

static void read_header(Dsx *X)
{
	PtrVec props = {0};
	Block bk = {.props = &props};
	SrcLoc loc = here(X, X->ls);
	bool closed = false;
	while (next_line(X)) {
		if (X->ls == X->le)
			continue;
		if (line_is(X, "END HEADER")) {
			closed = true;
			break;
		}
		if (!read_prop(X, &bk, true))
			break;
	}
	if (!closed && X->eof)
		truncated(X, loc, "HEADER");
	for (uint32_t i = 0; i < props.len; i++) {
		DsProp *p = props.items[i];
		if (strcmp(p->name, "CharacterSet") == 0) {
			X->charset = arena_strdup(ds_doc(X->B)->arena, p->value);
			if (!X->cd_open && !X->cd_failed) {
				iconv_t cd = iconv_open("UTF-8", iconv_name(X->charset));
				X->charset_warned = cd == (iconv_t)-1;
				if (cd == (iconv_t)-1)
					diag_warning(X->sink, W_DS_CHARSET, p->vloc,
						     "'%s' is not a character set this system knows; bytes "
						     "above 0x7F would be read as Windows-1252",
						     X->charset);
				else
					iconv_close(cd);
			}
		}
	}
	ds_build_header(X->B, &props, loc);
}

/* The sections of the file, in order, to the builder. */
static void read_file(Dsx *X, Arena *a)
{
	if (X->end - X->p >= 3 && (unsigned char)X->p[0] == 0xEF && (unsigned char)X->p[1] == 0xBB &&
	    (unsigned char)X->p[2] == 0xBF)
		X->p += 3;
	bool header = false;
	while (next_line(X)) {
		if (X->ls == X->le)
			continue;
		if (!header && line_is(X, "BEGIN HEADER")) {
			header = true;
			read_header(X);
			X->s = ds_scratch(X->B);
			continue;
		}
		const char *b = block_word(X, "BEGIN");
		if (b) {
			if (!read_section(X, b))
				break;
			X->s = ds_scratch(X->B);
			continue;
		}
		if (X->le - X->ls > 8 && memcmp(X->ls, "COMMENT ", 8) == 0) {
			AstDoc *d = ds_doc(X->B);
			AstProp *p = ast_prop_new(d, "COMMENT",
						  arena_strndup(a, X->ls + 8, (size_t)(X->le - X->ls - 8)));
			p->loc = here(X, X->ls);
			ast_push(d, &d->props, p);
			continue;
		}
		diag_warning(X->sink, W_DS_LINE, here(X, X->ls),
			     "text outside any BEGIN ... END section; it is skipped");
	}
}

static void dsx_init(Dsx *X, Arena *a, const SrcFile *src, DiagSink *sink)
{
	*X = (Dsx){.src = src, .sink = sink, .p = src->text, .end = src->text + src->len};
	X->B = ds_build_begin(a, src, sink, "dsx");
	X->s = ds_scratch(X->B);
	sbuf_init(&X->buf, 256);
}

static void dsx_release(Dsx *X)
{
	sbuf_release(&X->buf);
	if (X->cd_open)
		iconv_close(X->cd);
}

AstDoc *ds_read_dsx(Arena *a, const SrcFile *src, DiagSink *sink)
{
	Dsx X;
	dsx_init(&X, a, src, sink);
	read_file(&X, a);
	dsx_release(&X);
	return ds_build_end(X.B);
}

/* The second pass of reading unit by unit: the one section at `off`.  What
 * the reader itself says about it was said by the first pass: it reports
 * to a sink that prints nothing. */
static bool read_one(void *rd, size_t off, size_t end, uint32_t line)
{
	Dsx *X = rd;
	(void)end;
	DiagSink quiet, *sink = X->sink;
	diag_init(&quiet, NULL);
	X->sink = &quiet;
	X->p = X->src->text + off;
	X->lno = line - 1;
	X->eof = false;
	X->s = ds_scratch(X->B);
	const char *b = next_line(X) ? block_word(X, "BEGIN") : NULL;
	bool ok = b && read_section(X, b);
	X->sink = sink;
	return ok && !diag_errors(&quiet);
}

bool ds_read_dsx_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud)
{
	Dsx X;
	dsx_init(&X, a, src, sink);
	ds_build_scan(X.B);
	read_file(&X, a);
	bool ok = ds_build_units(X.B, read_one, &X, fn, ud);
	dsx_release(&X);
	return ok;
}
