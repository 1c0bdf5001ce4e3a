/* xml.c - hardened libxml2 loading and DOM helpers (src/parsers). */
#include "parsers/xml.h"
#include "base/str.h"

#include <pthread.h>
#include <string.h>

#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

/* Refuse every external resource: DTDs, entities, XIncludes. */
static xmlParserInputPtr refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* libxml2 prints some errors (encoding conversion, I/O) through its
 * generic channel rather than the parser context's; they are reported
 * through the context's structured handler too, so drop the copies. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Windows-1252 decoded by hand: exports declare it often, and iconv refuses
 * the five bytes the code page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D),
 * failing a whole file for one stray byte.  Windows itself maps those bytes
 * to the C1 controls U+0081..., and so does this table. */
static const unsigned short cp1252_80_9f[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static int cp1252_to_utf8(unsigned char *out, int *outlen, const unsigned char *in, int *inlen)
{
	int i = 0, o = 0;
	while (i < *inlen) {
		unsigned cp = in[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_80_9f[cp - 0x80];
		int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
		if (o + need > *outlen)
			break;
		if (need == 1) {
			out[o++] = (unsigned char)cp;
		} else if (need == 2) {
			out[o++] = (unsigned char)(0xC0 | (cp >> 6));
			out[o++] = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (unsigned char)(0xE0 | (cp >> 12));
			out[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (unsigned char)(0x80 | (cp & 0x3F));
		}
		i++;
	}
	*inlen = i;
	*outlen = o;
	return o;
}

void xml_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
	xmlSetGenericErrorFunc(NULL, quiet);
	/* xmlNewCharEncodingHandler() also registers the handler. */
	static const char *const names[] = {"WINDOWS-1252", "CP1252", "MS1252"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		xmlNewCharEncodingHandler(names[i], cp1252_to_utf8, NULL);
}

typedef struct LoadState {
	const SrcFile *src;
	DiagSink *sink;
	bool reported;   /* one diagnostic per file is enough */
	bool have_first; /* the first error, kept until the parse ends */
	DiagCode first_code;
	int first_xml_code;   /* libxml2's code of the first error */
	char first_open[128]; /* the innermost open element then ("" if none), */
	int first_open_line;  /* and its line */
	char first_msg[512];
	SrcLoc first_loc;
	uint32_t first_span;
	bool truncated; /* libxml2 reached the end inside an open element */
	char open_tag[128];
	int open_line;
	SrcLoc end_loc;
	bool entity_refused;
	char entity_name[128];
	int entity_line;
	XmlStream *stream; /* xml_stream_open(): where complete elements go */
} LoadState;

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	xmlParserCtxtPtr ctxt = ctx;
	LoadState *st = ctxt->_private;
	if (!st->entity_refused) {
		st->entity_refused = true;
		snprintf(st->entity_name, sizeof st->entity_name, "%s", (const char *)name);
		st->entity_line = xmlSAX2GetLineNumber(ctxt);
	}
	xmlStopParser(ctxt);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *publicId,
				    const xmlChar *systemId, const xmlChar *notationName)
{
	(void)notationName;
	on_entity_decl(ctx, name, 0, publicId, systemId, NULL);
}

/* Trim libxml2's message: one line, no trailing newline or full stop. */
static void clean_message(char *out, size_t n, const char *msg)
{
	snprintf(out, n, "%s", msg ? msg : "malformed XML");
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
	size_t len = strlen(out);
	while (len && (out[len - 1] == ' ' || out[len - 1] == '.'))
		out[--len] = '\0';
	/* Lower-case a leading English word ("Extra content"), not a name
	 * ("AttValue", "EntityRef"). */
	size_t w = 0;
	while (out[w] && out[w] != ' ' && out[w] != ':')
		w++;
	bool camel = false;
	for (size_t i = 1; i < w; i++)
		camel |= out[i] >= 'A' && out[i] <= 'Z';
	if (out[0] >= 'A' && out[0] <= 'Z' && !camel)
		out[0] = (char)(out[0] + 32);
}

static bool is_encoding_error(int code)
{
	return code == XML_ERR_INVALID_CHAR || code == XML_ERR_INVALID_ENCODING ||
	       code == XML_I18N_CONV_FAILED || code == XML_ERR_ENCODING_NAME;
}

/* Where the encoding name sits in the XML declaration (line 1), or 1:0. */
static SrcLoc encoding_name_loc(const SrcFile *src)
{
	const char *text;
	size_t len;
	if (!srcfile_line(src, 1, &text, &len))
		return (SrcLoc){src, 1, 0};
	for (size_t i = 0; i + 8 <= len; i++) {
		if (memcmp(text + i, "encoding", 8) != 0)
			continue;
		size_t j = i + 8;
		while (j < len && (text[j] == ' ' || text[j] == '='))
			j++;
		if (j < len && (text[j] == '"' || text[j] == '\''))
			return (SrcLoc){src, 1, srcfile_columns(src, text, j + 1) + 1};
	}
	return (SrcLoc){src, 1, 0};
}

/* libxml2 reports an error through here; keep the first, and note whether
 * the file ended inside an element (a truncated export): that explains the
 * first error better than the first error does. */
static void on_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	LoadState *st = ctxt->_private;
	if (!st || err->level < XML_ERR_ERROR || st->entity_refused)
		return;
	uint32_t line = err->line > 0 ? (uint32_t)err->line : 0;
	uint32_t col = err->int2 > 0 ? (uint32_t)err->int2 : 0; /* libxml2 counts characters */
	if (err->code == XML_ERR_TAG_NOT_FINISHED && !st->truncated) {
		st->truncated = true;
		snprintf(st->open_tag, sizeof st->open_tag, "%s", err->str1 ? err->str1 : "?");
		st->open_line = err->int1;
		st->end_loc = (SrcLoc){st->src, line, col};
	}
	if (st->have_first)
		return;
	st->have_first = true;
	st->first_xml_code = err->code;
	/* the element open at the error; when it starts on the error's line,
	 * it is the start tag that failed, which a whole-buffer parse never
	 * opens: its parent */
	const xmlNode *open = ctxt->node;
	if (open && open->type == XML_ELEMENT_NODE && line && xmlGetLineNo(open) >= (long)line)
		open = open->parent;
	if (open && open->type == XML_ELEMENT_NODE) {
		snprintf(st->first_open, sizeof st->first_open, "%s", (const char *)open->name);
		st->first_open_line = (int)xmlGetLineNo(open);
	}
	DiagCode code = E_XML_SYNTAX;
	SrcLoc loc = {st->src, line, col};
	if (err->code == XML_ERR_UNSUPPORTED_ENCODING || err->code == XML_ERR_UNKNOWN_ENCODING) {
		code = E_XML_ENCODING_NAME;
		snprintf(st->first_msg, sizeof st->first_msg,
			 "unsupported encoding '%s' in the XML declaration", err->str1 ? err->str1 : "?");
		loc = encoding_name_loc(st->src);
		st->first_span = err->str1 ? (uint32_t)strlen(err->str1) : 0;
	} else if (is_encoding_error(err->code)) {
		code = E_XML_ENCODING;
		clean_message(st->first_msg, sizeof st->first_msg, err->message);
		if (strstr(err->message ? err->message : "", "not proper UTF-8"))
			snprintf(st->first_msg, sizeof st->first_msg, "bytes are not valid %s",
				 ctxt->encoding ? (const char *)ctxt->encoding
						: "UTF-8 (no encoding declared)");
	} else if (err->code == XML_ERR_NO_MEMORY) {
		/* a bulk worker over its --file-memory limit; libxml2 gives no text */
		snprintf(st->first_msg, sizeof st->first_msg, "out of memory while reading the XML");
	} else {
		clean_message(st->first_msg, sizeof st->first_msg, err->message);
	}
	st->first_code = code;
	st->first_loc = loc;
}

/* Report what went wrong, once. */
static void report_load_error(LoadState *st)
{
	if (st->reported)
		return;
	st->reported = true;
	if (st->truncated && st->first_code == E_XML_SYNTAX) {
		diag_error(st->sink, E_XML_SYNTAX, st->end_loc,
			   "the file ends inside element '%s' opened on line %d: it looks truncated",
			   st->open_tag, st->open_line);
		return;
	}
	if (st->have_first) {
		Diag d = {.code = st->first_code, .loc = st->first_loc, .span = st->first_span};
		diag_emit(st->sink, &d, "%s", st->first_msg);
		return;
	}
	diag_error(st->sink, E_XML_SYNTAX, (SrcLoc){st->src, 0, 0}, "document is not well-formed XML");
}

/* The encoding named in the XML declaration, if any (ASCII scan of the
 * first line, before the parser decodes anything). */
const char *xml_declared_encoding(const SrcFile *src, char *buf, size_t n)
{
	const char *p = src->text, *end = src->text + (src->len < 512 ? src->len : 512);
	if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		p += 3;
	if (end - p < 5 || memcmp(p, "<?xml", 5) != 0)
		return NULL;
	const char *close = NULL;
	for (const char *q = p; q + 1 < end; q++)
		if (q[0] == '?' && q[1] == '>') {
			close = q;
			break;
		}
	if (!close)
		return NULL;
	for (const char *q = p; q + 8 < close; q++) {
		if (memcmp(q, "encoding", 8) != 0)
			continue;
		q += 8;
		while (q < close && (*q == ' ' || *q == '='))
			q++;
		if (q >= close || (*q != '"' && *q != '\''))
			return NULL;
		char quote = *q++;
		size_t i = 0;
		while (q < close && *q != quote && i + 1 < n)
			buf[i++] = *q++;
		buf[i] = '\0';
		return buf;
	}
	return NULL;
}

#define XML_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | XML_PARSE_NOWARNING)

/* The handlers that refuse entity declarations and keep the first error. */
static void harden(xmlParserCtxtPtr ctxt, LoadState *st)
{
	ctxt->_private = st;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	ctxt->sax->serror = on_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
}

/* After the parse: the diagnostic, or the tree in *x.  Frees the context. */
static bool load_result(XmlDoc *x, xmlParserCtxtPtr ctxt, LoadState *st, xmlDocPtr doc)
{
	const SrcFile *src = st->src;
	memset(x, 0, sizeof *x);
	x->src = src;
	bool ok = doc && ctxt->wellFormed && !st->entity_refused && !st->have_first;
	if (st->entity_refused) {
		SrcLoc loc = {src, (uint32_t)st->entity_line, 0};
		loc.col = srcfile_find_col(src, loc.line, 1, "<!ENTITY");
		diag_error(st->sink, E_XML_ENTITY, loc,
			   "document declares entity '%s'; entity declarations are refused", st->entity_name);
	} else if (!ok) {
		report_load_error(st);
	}
	if (!ok) {
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return false;
	}
	char enc[64];
	const char *declared = xml_declared_encoding(src, enc, sizeof enc);
	x->encoding = declared ? (const char *)xmlDictLookup(doc->dict ? doc->dict : ctxt->dict,
							     (const xmlChar *)declared, -1)
			       : NULL;
	x->doc = doc;
	xmlFreeParserCtxt(ctxt);
	return true;
}

bool xml_load(XmlDoc *x, const SrcFile *src, DiagSink *sink)
{
	memset(x, 0, sizeof *x);
	x->src = src;
	LoadState st = {.src = src, .sink = sink};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		die("cannot create an XML parser");
	harden(ctxt, &st);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, src->text, (int)src->len, src->path, NULL, XML_OPTIONS);
	return load_result(x, ctxt, &st, doc);
}

/* ---- streaming ------------------------------------------------------------
 *
 * The push parser runs in a thread of its own, a chunk at a time, while the
 * caller works on the elements already complete: parsing (the floor of
 * the work) overlaps with the rest.  Every change to the tree happens in
 * the parser thread: it appends new nodes, and it frees the elements the
 * caller drops (between two chunks).  The caller only reads complete
 * elements, which the parser no longer touches.  The one shared structure
 * both could write, the document's dictionary, is left to the parser: the
 * caller interns joined attribute texts in a dictionary of its own
 * (stream_dict).  The parser waits while XML_STREAM_AHEAD complete
 * elements are not yet handed over, so memory stays bounded. */

struct XmlStream {
	XmlDoc x;
	LoadState st;
	xmlParserCtxtPtr ctxt;
	int depth;
	size_t off; /* bytes fed so far */
	pthread_t thread;
	bool started;
	bool alone; /* no thread could be started: parse all at once, nothing waits */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool finished;   /* the parser thread is done: the last chunk was fed, or the parse stopped */
	bool closing;    /* the caller wants no more elements */
	bool failed;     /* the parse stopped on an error */
	xmlNode **ready; /* complete elements not yet handed over: [head, len) */
	size_t head, len, cap;
	xmlNode **drops; /* elements the caller is done with */
	size_t ndrops, dropcap;
	xmlDictPtr dict; /* the caller's interned strings */
};

/* The caller's dictionary while it reads a stream (see above). */
static _Thread_local xmlDictPtr stream_dict;

static void push_node(xmlNode ***v, size_t *len, size_t *cap, xmlNode *n)
{
	if (*len == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*len)++] = n;
}

/* The tree builder's end of element, then: an element of the depth asked
 * for is complete.  (Parser thread.) */
static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	LoadState *st = ctxt->_private;
	xmlNodePtr cur = ctxt->node;
	int depth = ctxt->nodeNr;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	XmlStream *s = st->stream;
	if (!s || depth != s->depth || !cur || ctxt->disableSAX)
		return;
	pthread_mutex_lock(&s->mu);
	if (s->head == s->len)
		s->head = s->len = 0;
	push_node(&s->ready, &s->len, &s->cap, cur);
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Feed size: large enough that libxml2's per-call work is noise, small
 * enough that few objects complete per chunk. */
#define XML_STREAM_CHUNK (256 * 1024)
/* Files smaller than this are parsed without a thread. */
#define XML_STREAM_THREAD_MIN (4u << 20)
/* Complete elements the parser may hold before the caller takes them. */
#define XML_STREAM_AHEAD 1

/* Free what the caller dropped (mu held; parser thread, or after it). */
static void free_drops(XmlStream *s)
{
	for (size_t i = 0; i < s->ndrops; i++) {
		xmlUnlinkNode(s->drops[i]);
		xmlFreeNode(s->drops[i]);
	}
	s->ndrops = 0;
}

static bool parse_stopped(const XmlStream *s)
{
	return s->st.entity_refused || s->st.have_first || !s->ctxt->wellFormed || s->ctxt->disableSAX;
}

static void *parser_thread(void *arg)
{
	XmlStream *s = arg;
	size_t total = s->st.src->len;
	for (;;) {
		pthread_mutex_lock(&s->mu);
		free_drops(s);
		while (!s->alone && !s->closing && s->len - s->head >= XML_STREAM_AHEAD) {
			pthread_cond_wait(&s->cv, &s->mu);
			free_drops(s);
		}
		bool stop = s->closing;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			break;
		size_t n = total - s->off < XML_STREAM_CHUNK ? total - s->off : XML_STREAM_CHUNK;
		bool last = s->off + n == total;
		int rc = xmlParseChunk(s->ctxt, s->st.src->text + s->off, (int)n, last);
		s->off += n;
		if (last || rc != 0 || parse_stopped(s))
			break;
	}
	pthread_mutex_lock(&s->mu);
	s->failed = parse_stopped(s) && (s->st.entity_refused || s->st.have_first || !s->ctxt->wellFormed);
	s->finished = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

XmlStream *xml_stream_open(const SrcFile *src, DiagSink *sink, int depth)
{
	XmlStream *s = xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->x.src = src;
	s->st = (LoadState){.src = src, .sink = sink, .stream = s};
	s->depth = depth;
	/* the first bytes tell libxml2 the encoding family */
	s->off = src->len < 4 ? src->len : 4;
	s->ctxt = xmlCreatePushParserCtxt(NULL, NULL, src->text, (int)s->off, src->path);
	if (!s->ctxt)
		die("cannot create an XML parser");
	xmlCtxtUseOptions(s->ctxt, XML_OPTIONS);
	harden(s->ctxt, &s->st);
	s->ctxt->sax->endElementNs = on_end_element;
	char enc[64];
	const char *declared = xml_declared_encoding(src, enc, sizeof enc);
	s->x.encoding =
	    declared ? (const char *)xmlDictLookup(s->ctxt->dict, (const xmlChar *)declared, -1) : NULL;
	s->x.doc = s->ctxt->myDoc;
	s->dict = xmlDictCreate();
	if (!s->dict)
		die("cannot create an XML dictionary");
	stream_dict = s->dict;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	/* positions are computed on both sides (an error's, an element's):
	 * the line map is built once, before the thread starts */
	srcfile_lines((SrcFile *)src);
	/* a small file is parsed at once: a thread would cost more than it
	 * overlaps, and its memory is small anyway; nor is there a thread when
	 * none can be started (an address-space limit) */
	s->started =
	    src->len >= XML_STREAM_THREAD_MIN && pthread_create(&s->thread, NULL, parser_thread, s) == 0;
	if (!s->started) {
		s->alone = true;
		parser_thread(s);
	}
	return s;
}

xmlNode *xml_stream_next(XmlStream *s)
{
	pthread_mutex_lock(&s->mu);
	while (s->head == s->len && !s->finished)
		pthread_cond_wait(&s->cv, &s->mu);
	/* every element complete before an error is handed over, so that what
	 * the caller does is the same however far the parser has gone */
	xmlNode *n = s->head < s->len ? s->ready[s->head++] : NULL;
	if (n)
		pthread_cond_broadcast(&s->cv); /* room for the parser */
	/* the document's root appears with the first chunks */
	s->x.doc = s->ctxt->myDoc;
	pthread_mutex_unlock(&s->mu);
	return n;
}

XmlDoc *xml_stream_doc(XmlStream *s)
{
	pthread_mutex_lock(&s->mu);
	s->x.doc = s->ctxt->myDoc;
	pthread_mutex_unlock(&s->mu);
	return &s->x;
}

bool xml_stream_failed(const XmlStream *s)
{
	XmlStream *m = (XmlStream *)s;
	pthread_mutex_lock(&m->mu);
	bool f = m->finished && m->failed;
	pthread_mutex_unlock(&m->mu);
	return f;
}

void xml_stream_drop(XmlStream *s, xmlNode *n)
{
	pthread_mutex_lock(&s->mu);
	push_node(&s->drops, &s->ndrops, &s->dropcap, n);
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* The push parser stops at its first error where a whole-buffer parse
 * goes on to the end of the input and reports the innermost element left
 * open there: when no markup follows the error's line (the file was cut
 * inside a tag or inside content), the file is truncated inside the
 * element that was open at the error. */
static void stream_truncated(XmlStream *s)
{
	LoadState *st = &s->st;
	if (!st->have_first || st->truncated || st->entity_refused || !st->first_open[0])
		return;
	const SrcFile *src = st->src;
	const char *last = NULL;
	for (size_t i = src->len; i > 0 && !last; i--)
		if (src->text[i - 1] == '<')
			last = src->text + i - 1;
	SrcLoc eof = srcfile_loc_at(src, src->len);
	if (last && srcfile_loc_at(src, (size_t)(last - src->text)).line > st->first_loc.line &&
	    st->first_xml_code != XML_ERR_DOCUMENT_END)
		return;
	st->truncated = true;
	snprintf(st->open_tag, sizeof st->open_tag, "%s", st->first_open);
	st->open_line = st->first_open_line;
	st->end_loc = eof;
	if (st->first_code != E_XML_ENCODING && st->first_code != E_XML_ENCODING_NAME)
		st->first_code = E_XML_SYNTAX;
}

bool xml_stream_close(XmlStream *s)
{
	pthread_mutex_lock(&s->mu);
	s->closing = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (s->started)
		pthread_join(s->thread, NULL);
	free_drops(s);
	/* stopped early (the caller gave up): end the document without a
	 * diagnostic of its own */
	bool complete = s->off == s->st.src->len || parse_stopped(s);
	stream_truncated(s);
	xmlDocPtr doc = s->ctxt->myDoc;
	s->ctxt->myDoc = NULL;
	XmlDoc x;
	bool ok = complete ? load_result(&x, s->ctxt, &s->st, doc)
			   : (xmlFreeDoc(doc), xmlFreeParserCtxt(s->ctxt), false);
	if (ok)
		xml_free(&x);
	stream_dict = NULL;
	xmlDictFree(s->dict);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s->ready);
	free(s->drops);
	free(s);
	return ok;
}

bool xml_encoding_is_single_byte(const char *enc)
{
	static const char *const names[] = {"ISO-8859-1",   "ISO8859-1", "ISO_8859-1", "latin1",   "latin-1",
					    "Windows-1252", "cp1252",    "MS1252",     "US-ASCII", "ASCII"};
	for (size_t i = 0; enc && i < ARRAY_LEN(names); i++)
		if (ascii_ieq(enc, names[i]))
			return true;
	return false;
}

void xml_free(XmlDoc *x)
{
	if (x->doc)
		xmlFreeDoc(x->doc);
	x->doc = NULL;
}

bool xml_is(const xmlNode *n, const char *name)
{
	return xml_is_elem(n) && strcmp((const char *)n->name, name) == 0;
}

const char *xml_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name[0] != (xmlChar)name[0] || strcmp((const char *)a->name, name) != 0)
			continue;
		const xmlNode *t = a->children;
		if (!t)
			return "";
		if (!t->next && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
			return t->content ? (const char *)t->content : "";
		/* Several text pieces: join them once into the doc's dictionary. */
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		const char *s = (const char *)xmlDictLookup(stream_dict ? stream_dict : n->doc->dict, v, -1);
		xmlFree(v);
		return s ? s : "";
	}
	return NULL;
}

xmlNode *xml_first(const xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *xml_next(const xmlNode *n)
{
	for (xmlNode *c = n->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *xml_child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = xml_first(n); c; c = xml_next(c))
		if (xml_is(c, name))
			return c;
	return NULL;
}

const char *xml_text_view(const xmlNode *n)
{
	const xmlNode *t = n->children;
	if (!t)
		return "";
	if (!t->next && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
		return t->content ? (const char *)t->content : "";
	xmlChar *v = xmlNodeGetContent(n);
	if (!v)
		return "";
	xmlDictPtr dict = stream_dict ? stream_dict : n->doc ? n->doc->dict : NULL;
	const char *s = dict ? (const char *)xmlDictLookup(dict, v, -1) : NULL;
	xmlFree(v);
	return s ? s : "";
}

char *xml_text(Arena *a, const xmlNode *n)
{
	bool any = false;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			any = true;
	if (!any)
		return NULL;
	xmlChar *v = xmlNodeGetContent(n);
	char *s = arena_strdup(a, v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* Does "<name" followed by a delimiter start at text[i]? */
static bool tag_at(const char *text, size_t len, size_t i, const char *name, size_t nlen)
{
	if (i + 1 + nlen > len || text[i] != '<' || memcmp(text + i + 1, name, nlen) != 0)
		return false;
	char c = i + 1 + nlen < len ? text[i + 1 + nlen] : ' ';
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n';
}

/* Byte offset of "<name" for an element whose start tag ends on `line`.
 * Exports put one element per line, after its indentation, so look there
 * first; then anywhere on the line; then on earlier lines (start tags that
 * span lines). */
static long elem_offset(const XmlDoc *x, const xmlNode *n, uint32_t line)
{
	/* The name as written: "prefix:local" for namespaced elements (SSIS). */
	char qname[256];
	if (n->ns && n->ns->prefix)
		snprintf(qname, sizeof qname, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
	else
		snprintf(qname, sizeof qname, "%s", (const char *)n->name);
	const char *name = qname;
	size_t nlen = strlen(name);
	const SrcFile *f = x->src;
	for (uint32_t l = line; l >= 1 && l + 64 > line; l--) {
		const char *text;
		size_t len;
		if (!srcfile_line(f, l, &text, &len))
			break;
		size_t i = 0;
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		if (tag_at(text, len, i, name, nlen))
			return (long)(text - f->text + i);
		for (; i < len; i++) {
			const char *lt = memchr(text + i, '<', len - i);
			if (!lt)
				break;
			i = (size_t)(lt - text);
			if (tag_at(text, len, i, name, nlen))
				return (long)(text - f->text + i);
		}
	}
	return -1;
}

/* The node's line in the file: a part of the file parsed alone
 * (xml_offset) numbers its lines from 1. */
static long line_of(const XmlDoc *x, const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	return line > 0 ? line + (long)x->line_base : line;
}

long xml_offset(const XmlDoc *x, const xmlNode *n)
{
	long line = line_of(x, n);
	return line > 0 ? elem_offset(x, n, (uint32_t)line) : -1;
}

SrcLoc xml_loc(const XmlDoc *x, const xmlNode *n)
{
	long line = line_of(x, n);
	if (line <= 0)
		return (SrcLoc){x->src, 0, 0};
	long off = elem_offset(x, n, (uint32_t)line);
	if (off < 0)
		return (SrcLoc){x->src, (uint32_t)line, 0};
	return srcfile_loc_at(x->src, (size_t)off);
}

static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == ':' || c == '-' || c == '.';
}

SrcLoc xml_attr_loc(const XmlDoc *x, const xmlNode *n, const char *attr)
{
	SrcLoc el = xml_loc(x, n);
	long line = line_of(x, n);
	long start = line > 0 ? elem_offset(x, n, (uint32_t)line) : -1;
	if (start < 0)
		return el;
	const char *t = x->src->text;
	size_t len = x->src->len, alen = strlen(attr);
	char quote = 0;
	for (size_t i = (size_t)start + 1; i < len; i++) {
		char c = t[i];
		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if (c == '>')
			break;
		if (i + alen > len || memcmp(t + i, attr, alen) != 0 || name_char(t[i - 1]) ||
		    (i + alen < len && name_char(t[i + alen])))
			continue;
		size_t j = i + alen;
		while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n'))
			j++;
		if (j >= len || t[j] != '=')
			continue;
		j++;
		while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n'))
			j++;
		if (j < len && (t[j] == '"' || t[j] == '\''))
			return srcfile_loc_at(x->src, j + 1);
	}
	return el;
}
