/* xml.c - hardened libxml2 loading and DOM helpers (src/parsers). */
#include "parsers/xml.h"
#include "base/str.h"

#include <string.h>

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

void xml_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
}

typedef struct LoadState {
	const SrcFile *src;
	DiagSink *sink;
	bool reported;       /* one diagnostic per file is enough */
	bool entity_refused;
	char entity_name[128];
	int entity_line;
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
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] + 32);
}

static bool is_encoding_error(int code)
{
	return code == XML_ERR_INVALID_CHAR || code == XML_ERR_INVALID_ENCODING ||
	       code == XML_I18N_CONV_FAILED || code == XML_ERR_ENCODING_NAME;
}

static void on_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	LoadState *st = ctxt->_private;
	if (!st || st->reported || err->level < XML_ERR_ERROR || st->entity_refused)
		return;
	st->reported = true;
	char msg[512];
	DiagCode code = E_XML_SYNTAX;
	if (err->code == XML_ERR_UNSUPPORTED_ENCODING || err->code == XML_ERR_UNKNOWN_ENCODING) {
		code = E_XML_ENCODING_NAME;
		snprintf(msg, sizeof msg, "unsupported encoding '%s' in the XML declaration",
			 err->str1 ? err->str1 : "?");
	} else if (is_encoding_error(err->code)) {
		code = E_XML_ENCODING;
		clean_message(msg, sizeof msg, err->message);
		if (strstr(msg, "not proper utf-8") || strstr(msg, "not proper UTF-8"))
			snprintf(msg, sizeof msg, "bytes are not valid %s",
				 ctxt->encoding ? (const char *)ctxt->encoding : "UTF-8 (no encoding declared)");
	} else {
		clean_message(msg, sizeof msg, err->message);
	}
	uint32_t line = err->line > 0 ? (uint32_t)err->line : 0;
	uint32_t col = err->int2 > 0 ? (uint32_t)err->int2 : 0; /* libxml2 counts characters */
	SrcLoc loc = {st->src, line, col};
	diag_error(st->sink, code, loc, "%s", msg);
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

bool xml_load(XmlDoc *x, const SrcFile *src, DiagSink *sink)
{
	memset(x, 0, sizeof *x);
	x->src = src;
	LoadState st = {.src = src, .sink = sink};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		die("cannot create an XML parser");
	ctxt->_private = &st;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	ctxt->sax->serror = on_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT |
		   XML_PARSE_NOWARNING;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, src->text, (int)src->len, src->path, NULL, opts);
	bool ok = doc && ctxt->wellFormed && !st.entity_refused && !st.reported;
	if (st.entity_refused) {
		SrcLoc loc = {src, (uint32_t)st.entity_line, 0};
		diag_error(sink, E_XML_ENTITY, loc, "document declares entity '%s'; entity declarations are refused",
			   st.entity_name);
	} else if (!ok && !st.reported) {
		diag_error(sink, E_XML_SYNTAX, (SrcLoc){src, 0, 0}, "document is not well-formed XML");
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

bool xml_encoding_is_single_byte(const char *enc)
{
	static const char *const names[] = {"ISO-8859-1", "ISO8859-1", "ISO_8859-1", "latin1", "latin-1",
					    "Windows-1252", "cp1252", "MS1252", "US-ASCII", "ASCII"};
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
		const char *s = (const char *)xmlDictLookup(n->doc->dict, v, -1);
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
	const char *name = (const char *)n->name;
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

SrcLoc xml_loc(const XmlDoc *x, const xmlNode *n)
{
	long line = xmlGetLineNo(n);
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
	long line = xmlGetLineNo(n);
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
