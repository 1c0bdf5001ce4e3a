/* datastage_xml.c - the reader of DataStage DSExport XML exports
 * (src/parsers).
 *
 * The XML form of a DataStage export (Designer "Export > DataStage
 * Components", option "Export in XML format"; dscmdexport /XML) is
 *
 *   <DSExport>
 *     <Header CharacterSet= ServerVersion= Date= Time= .../>
 *     <Job Identifier= DateModified= TimeModified=>
 *       <Record Identifier= Type= Readonly=>
 *         <Property Name="...">value</Property>
 *         <Collection Name= Type=><SubRecord><Property .../></SubRecord></Collection>
 *       </Record>
 *     </Job>
 *     <TableDefinitions>, <ParameterSets>, <StageTypes>, <DataConnections>,
 *     <Routines>, <SharedContainer>: Records as above
 *   </DSExport>
 *
 * with the record types written without the leading "C" of the .dsx form
 * (Type="CustomStage" for OLEType "CCustomStage"); they are normalised
 * here, so that the builder sees one model (datastage.h).
 *
 * The file is read in one pass with libxml2's xmlTextReader: each child of
 * DSExport (a Job, the TableDefinitions...) is expanded into a subtree,
 * converted, handed to the builder and freed as the reader moves on, so
 * memory follows the largest Job.  The reader gets the options of the
 * project's hardened loader (no network, no DTD loading, no entity
 * substitution; xml.c's global loader refuses every external resource).  A
 * document with a DOCTYPE, which DataStage never writes, and any document
 * the reader finds an error in, go through the hardened whole-tree loader
 * (xml_load: entity declarations refused, located E01xx errors) instead.
 */
#include "parsers/datastage.h"
#include "parsers/xml.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

typedef struct DsXml {
	DsBuild *B;
	XmlDoc x;
	Arena *s;
	/* reading unit by unit: where the sections are */
	bool units;
	bool scanning;   /* the first pass */
	bool slices_bad; /* a section could not be located (two on one line) */
	long last_off;
	const char *enc; /* the declared encoding, for a section read alone */
} DsXml;

/* The position of an element's text: after the `>` of its start tag. */
static SrcLoc text_loc(DsXml *X, const xmlNode *n)
{
	SrcLoc l = xml_loc(&X->x, n);
	if (l.line && l.col) {
		uint32_t c = srcfile_find_col(X->x.src, l.line, l.col, ">");
		if (c)
			l.col = c + 1;
	}
	return l;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The text of a Property, CDATA included, as the reader decoded it, with
 * the exporter's `\(hex)` escapes of the characters XML would not keep as
 * written undone: a control character (the list delimiters \(1)-\(3),
 * \(1B)) or a space (a leading or trailing blank, which an XML reader may
 * drop: " |True" is written "\(20)|True", a derivation's leading blank
 * "\(20)IF ...").  The escape is the .dsx form's (datastage_dsx.c); other
 * characters, a backslash included ("\\server\share"), are written as
 * they are, so only code points up to U+0020 are decoded. */
static const char *prop_text(DsXml *X, const xmlNode *n)
{
	char *t = xml_text(X->s, n);
	if (!t)
		return "";
	char *w = strstr(t, "\\(");
	if (!w)
		return t;
	for (const char *r = w; *r;) {
		unsigned cp = 0;
		int k = 2;
		while (r[0] == '\\' && r[1] == '(' && k < 5 && hex_digit(r[k]) >= 0)
			cp = cp * 16 + (unsigned)hex_digit(r[k++]);
		if (k > 2 && r[k] == ')' && cp >= 1 && cp <= 0x20) {
			*w++ = (char)cp;
			r += k + 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return t;
}

static void read_record_body(DsXml *X, DsRec *r, const xmlNode *n, int depth);

static void read_collection(DsXml *X, DsRec *r, const xmlNode *n, int depth)
{
	DsColl *c = ARENA_NEW(X->s, DsColl);
	const char *name = xml_attr(n, "Name"), *type = xml_attr(n, "Type");
	c->name = arena_strdup(X->s, name ? name : "");
	c->type = arena_strdup(X->s, type ? type : "");
	c->loc = xml_loc(&X->x, n);
	ptrvec_push(X->s, &r->colls, c);
	for (const xmlNode *sr = xml_first(n); sr; sr = xml_next(sr)) {
		if (!xml_is(sr, "SubRecord"))
			continue;
		DsRec *sub = ARENA_NEW(X->s, DsRec);
		sub->loc = xml_loc(&X->x, sr);
		sub->type = "";
		ptrvec_push(X->s, &c->subs, sub);
		if (depth < 32)
			read_record_body(X, sub, sr, depth + 1);
	}
}

static void read_record_body(DsXml *X, DsRec *r, const xmlNode *n, int depth)
{
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "Property")) {
			const char *name = xml_attr(c, "Name");
			ds_prop_add(X->s, &r->props, arena_strdup(X->s, name ? name : ""), prop_text(X, c),
				    xml_loc(&X->x, c), text_loc(X, c));
		} else if (xml_is(c, "Collection")) {
			read_collection(X, r, c, depth);
		}
	}
}

static DsRec *read_record(DsXml *X, const xmlNode *n)
{
	DsRec *r = ARENA_NEW(X->s, DsRec);
	r->loc = xml_loc(&X->x, n);
	const char *id = xml_attr(n, "Identifier"), *type = xml_attr(n, "Type");
	r->id = id ? arena_strdup(X->s, id) : NULL;
	/* the .dsx OLEType: the XML drops its leading "C" */
	r->type = type && *type ? arena_sprintf(X->s, "C%s", type) : "";
	if (r->id)
		ds_prop_add(X->s, &r->props, "Identifier", r->id, r->loc, xml_attr_loc(&X->x, n, "Identifier"));
	const char *ro = xml_attr(n, "Readonly");
	if (ro)
		ds_prop_add(X->s, &r->props, "Readonly", arena_strdup(X->s, ro), r->loc,
			    xml_attr_loc(&X->x, n, "Readonly"));
	read_record_body(X, r, n, 0);
	return r;
}

/* The root record of a Job (its first JobDefn or SharedContainerDefn, as
 * datastage.c's job_root) when the job is no sequence (JobType 2), else
 * NULL. */
static const xmlNode *flow_root(DsXml *X, const xmlNode *job)
{
	for (const xmlNode *c = xml_first(job); c; c = xml_next(c)) {
		const char *type = xml_is(c, "Record") ? xml_attr(c, "Type") : NULL;
		if (!type || (strcmp(type, "JobDefn") != 0 && strcmp(type, "SharedContainerDefn") != 0))
			continue;
		for (const xmlNode *p = xml_first(c); p; p = xml_next(p)) {
			const char *name = xml_is(p, "Property") ? xml_attr(p, "Name") : NULL;
			if (name && strcmp(name, "JobType") == 0)
				return strcmp(prop_text(X, p), "2") == 0 ? NULL : c;
		}
		return c;
	}
	return NULL;
}

static void read_section(DsXml *X, const xmlNode *n, size_t off)
{
	DsSection *s = ARENA_NEW(X->s, DsSection);
	s->off = off;
	s->line = srcfile_loc_at(X->x.src, off).line;
	s->tag = arena_strdup(X->s, (const char *)n->name);
	s->kind = ds_section_kind(s->tag);
	s->loc = xml_loc(&X->x, n);
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		ds_prop_add(X->s, &s->props, arena_strdup(X->s, an), arena_strdup(X->s, xml_attr(n, an)), s->loc,
			    xml_attr_loc(&X->x, n, an));
	}
	const xmlNode *only = X->scanning && s->kind == DS_SEC_JOB ? flow_root(X, n) : NULL;
	if (only) /* the first pass names and places a data-flow job: its root is enough */
		ptrvec_push(X->s, &s->recs, read_record(X, only));
	else if (s->kind != DS_SEC_COMPILED)
		for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
			if (xml_is(c, "Record"))
				ptrvec_push(X->s, &s->recs, read_record(X, c));
	ds_build_section(X->B, s);
}

static void read_header(DsXml *X, const xmlNode *root, const xmlNode *header)
{
	PtrVec props = {0};
	SrcLoc loc = header ? xml_loc(&X->x, header) : root ? xml_loc(&X->x, root) : (SrcLoc){X->x.src, 1, 1};
	for (const xmlAttr *at = header ? header->properties : NULL; at; at = at->next) {
		const char *an = (const char *)at->name;
		ds_prop_add(X->s, &props, arena_strdup(X->s, an), arena_strdup(X->s, xml_attr(header, an)), loc,
			    xml_attr_loc(&X->x, header, an));
	}
	ds_build_header(X->B, &props, loc);
}

static bool not_dsexport(const SrcFile *src, DiagSink *sink, SrcLoc loc, const char *root)
{
	/* the fuzz target comes here past the sniffing */
	return diag_error(sink, E_NOT_ETL, loc.line ? loc : (SrcLoc){src, 0, 0},
			  "not a job export: its root element '%s' belongs to no supported tool", root);
}

/* The whole tree at once, through the hardened loader: used for a
 * document with a DOCTYPE (whose entity declarations xml.c refuses) and
 * to report the error that stopped the streaming reader. */
static AstDoc *read_dom(Arena *a, const SrcFile *src, DiagSink *sink)
{
	DsXml X = {0};
	if (!xml_load(&X.x, src, sink))
		return NULL;
	xmlNode *root = xmlDocGetRootElement(X.x.doc);
	if (!root || !xml_is(root, "DSExport")) {
		not_dsexport(src, sink, root ? xml_loc(&X.x, root) : (SrcLoc){src, 0, 0},
			     root ? (const char *)root->name : "");
		xml_free(&X.x);
		return NULL;
	}
	X.B = ds_build_begin(a, src, sink, "xml");
	X.s = ds_scratch(X.B);
	read_header(&X, root, xml_child(root, "Header"));
	xmlNode *c = xml_first(root);
	while (c) {
		xmlNode *next = xml_next(c);
		if (!xml_is(c, "Header")) {
			read_section(&X, c, 0);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		c = next;
	}
	xml_free(&X.x);
	return ds_build_end(X.B);
}

/* True when a DOCTYPE comes before the first element. */
static bool has_doctype(const SrcFile *src)
{
	const char *p = src->text, *end = src->text + src->len;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt || lt + 1 >= end)
			return false;
		if (lt[1] == '!' && end - lt >= 9 && memcmp(lt, "<!DOCTYPE", 9) == 0)
			return true;
		if (lt[1] != '?' && lt[1] != '!')
			return false; /* the root element */
		p = lt + 2;
	}
	return false;
}

static void on_stream_error(void *ud, xmlErrorPtr err)
{
	if (err && err->level >= XML_ERR_ERROR)
		*(bool *)ud = true;
}

enum {
	XML_OPTS = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT |
		   XML_PARSE_NOWARNING | XML_PARSE_NOERROR
};

/* Where section `n` starts, when reading unit by unit: the offset of its
 * start tag, which must come after the previous one's. */
static size_t section_off(DsXml *X, const xmlNode *n)
{
	if (!X->units)
		return 0;
	long off = xml_offset(&X->x, n);
	size_t nl = strlen((const char *)n->name);
	if (off <= X->last_off || (size_t)off + 1 + nl > X->x.src->len ||
	    memcmp(X->x.src->text + off + 1, n->name, nl) != 0) {
		X->slices_bad = true;
		return 0;
	}
	X->last_off = off;
	ds_build_section_end(X->B, (size_t)off);
	return (size_t)off;
}

/* One pass with libxml2's reader: each child of DSExport is expanded into
 * a subtree, converted, and freed when the reader moves on, so memory
 * follows the largest Job, not the file.  Returns 1 when the file was
 * read, 0 when it is no DSExport (said), -1 when the reader failed. */
static int read_stream(Arena *a, const SrcFile *src, DiagSink *sink, DsXml *X)
{
	xmlTextReaderPtr r = xmlReaderForMemory(src->text, (int)src->len, src->path, NULL, XML_OPTS);
	if (!r)
		return -1;
	bool failed = false;
	xmlTextReaderSetStructuredErrorHandler(r, on_stream_error, &failed);
	X->x.src = src;
	bool root_seen = false, header_done = false;
	int ret = xmlTextReaderRead(r);
	while (ret == 1 && !failed) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		if (type != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (depth == 0) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			if (!name || strcmp(name, "DSExport") != 0 || xmlTextReaderConstPrefix(r)) {
				xmlNode *n = xmlTextReaderCurrentNode(r);
				SrcLoc loc = n ? xml_loc(&X->x, n) : (SrcLoc){src, 0, 0};
				/* the name lives in the reader's dictionary: report first */
				not_dsexport(src, sink, loc, name ? name : "");
				xmlFreeTextReader(r);
				return 0;
			}
			root_seen = true;
			X->B = ds_build_begin(a, src, sink, "xml");
			X->s = ds_scratch(X->B);
			if (X->units)
				ds_build_scan(X->B);
			ret = xmlTextReaderRead(r);
			continue;
		}
		xmlNode *n = xmlTextReaderExpand(r);
		if (!n || failed)
			break;
		size_t off = section_off(X, n);
		if (xml_is(n, "Header")) {
			if (!header_done)
				read_header(X, n, n);
			header_done = true;
		} else {
			if (!header_done)
				read_header(X, n, NULL);
			header_done = true;
			read_section(X, n, off);
		}
		ret = xmlTextReaderNext(r);
	}
	xmlFreeTextReader(r);
	if (ret != 0 || failed || !root_seen)
		return -1;
	if (!header_done)
		read_header(X, NULL, NULL);
	return 1;
}

AstDoc *ds_read_xml(Arena *a, const SrcFile *src, DiagSink *sink)
{
	if (has_doctype(src) || src->len > INT32_MAX)
		return read_dom(a, src, sink);
	DsXml X = {0};
	int rc = read_stream(a, src, sink, &X);
	if (rc == 0)
		return NULL;
	if (rc < 0) {
		/* the builder's work so far stays in the arena, unused; the
		 * whole-tree loader reports the error as every XML frontend does */
		AstDoc *d = read_dom(a, src, sink);
		if (d || diag_errors(sink))
			return d;
		diag_error(sink, E_XML_SYNTAX, (SrcLoc){src, 0, 0}, "document is not well-formed XML");
		return NULL;
	}
	return ds_build_end(X.B);
}

/* ---- reading unit by unit ------------------------------------------------------
 *
 * The first pass is read_stream's, with the sections' offsets kept and
 * its diagnostics held back: when a section cannot be located (elements
 * written side by side on one line) or the reader fails, the file is read
 * whole instead (one unit), and only that reading speaks.  Each job is
 * then read again alone, from its offset to the next section's, with its
 * line numbers counted from its first line. */

typedef struct Held {
	Diag d;
	const char *msg;
} Held;

typedef struct Holder {
	DiagSink sink;
	Arena a;
	PtrVec held;
} Holder;

static const char *keep(Arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void hold(void *ud, const Diag *d, const char *msg)
{
	Holder *h = ud;
	Held *x = ARENA_NEW(&h->a, Held);
	x->d = *d;
	x->d.context = keep(&h->a, d->context);
	x->d.snippet = keep(&h->a, d->snippet);
	x->d.hint = keep(&h->a, d->hint);
	x->msg = keep(&h->a, msg ? msg : "");
	ptrvec_push(&h->a, &h->held, x);
}

static bool read_one(void *rd, size_t off, size_t end, uint32_t line)
{
	DsXml *X = rd;
	const SrcFile *src = X->x.src;
	if (end <= off || end > src->len)
		return false;
	xmlTextReaderPtr r =
	    xmlReaderForMemory(src->text + off, (int)(end - off), src->path, X->enc, XML_OPTS);
	if (!r)
		return false;
	bool failed = false, done = false;
	xmlTextReaderSetStructuredErrorHandler(r, on_stream_error, &failed);
	X->x.line_base = line - 1;
	X->s = ds_scratch(X->B);
	while (!done && !failed && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		xmlNode *n = xmlTextReaderExpand(r);
		if (!n || failed)
			break;
		read_section(X, n, off);
		done = true;
	}
	xmlFreeTextReader(r);
	X->x.line_base = 0;
	return done && !failed;
}

/* The offset of the root's end tag, or 0. */
static size_t root_end(const SrcFile *src)
{
	static const char tag[] = "</DSExport";
	for (size_t i = src->len; i >= sizeof tag - 1; i--)
		if (memcmp(src->text + i - (sizeof tag - 1), tag, sizeof tag - 1) == 0)
			return i - (sizeof tag - 1);
	return 0;
}

/* The file read whole, handed over as one unit. */
static bool whole_unit(const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud)
{
	Arena *wa = xmalloc(sizeof *wa);
	arena_init(wa);
	AstDoc *d = ds_read_xml(wa, src, sink);
	if (!d) {
		arena_release(wa);
		free(wa);
		return false;
	}
	d->arena = wa;
	fn(ud, d);
	return true;
}

bool ds_read_xml_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud)
{
	char enc[64];
	const char *declared = xml_declared_encoding(src, enc, sizeof enc);
	bool sliceable = !declared || !strcasecmp(declared, "UTF-8") || xml_encoding_is_single_byte(declared);
	if (has_doctype(src) || src->len > INT32_MAX || !sliceable)
		return whole_unit(src, sink, fn, ud);
	Holder h = {.sink = *sink};
	h.sink.out = NULL;
	h.sink.collect = NULL;
	h.sink.on_emit = hold;
	h.sink.on_emit_ud = &h;
	h.sink.counts[0] = h.sink.counts[1] = h.sink.counts[2] = 0;
	h.sink.max_errors = 0;
	h.sink.quiet_notes = false;
	arena_init(&h.a);
	DsXml X = {.units = true, .scanning = true, .last_off = -1, .enc = declared};
	int rc = read_stream(a, src, &h.sink, &X);
	X.scanning = false;
	size_t end = rc > 0 ? root_end(src) : 0;
	if (rc > 0 && end > (size_t)X.last_off)
		ds_build_section_end(X.B, end);
	else if (rc > 0)
		X.slices_bad = true;
	if (rc < 0 || X.slices_bad) {
		arena_release(&h.a);
		return whole_unit(src, sink, fn, ud);
	}
	for (uint32_t i = 0; i < h.held.len; i++) {
		const Held *x = h.held.items[i];
		diag_emit(sink, &x->d, "%s", x->msg);
	}
	arena_release(&h.a);
	if (rc == 0)
		return false;
	ds_build_set_sink(X.B, sink);
	return ds_build_units(X.B, read_one, &X, fn, ud);
}
