/* xml.h - safe XML loading and small DOM helpers for the XML frontends
 * (src/parsers; the only module that includes libxml2).
 *
 * xml_load() parses a whole file into a libxml2 tree with these rules:
 *  - decoding follows the XML declaration (UTF-8, ISO-8859-1, Windows-1252
 *    and whatever else iconv knows); the tree is UTF-8;
 *  - no DTD is ever fetched (powrmart.dtd), no network, no external entity;
 *  - any entity declaration stops the parse with E0104 before anything is
 *    expanded, which defeats XXE and "billion laughs" alike: real job
 *    exports never declare entities;
 *  - the first error becomes one located diagnostic (E0101/E0102/E0103).
 * A frontend copies what it needs into its arena and calls xml_free().
 */
#ifndef AKKO_PARSERS_XML_H
#define AKKO_PARSERS_XML_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/srcfile.h"

typedef struct XmlDoc {
	xmlDocPtr doc;
	const SrcFile *src;
	const char *encoding; /* declared encoding, or NULL */
	uint32_t line_base;   /* lines of src before the parsed text (a part of the file parsed alone) */
} XmlDoc;

/* Process-wide setup (external entity loader that refuses everything).
 * Call once before any parsing, before threads start. */
void xml_global_init(void);

bool xml_load(XmlDoc *x, const SrcFile *src, DiagSink *sink);
/* The offset in x->src of element n's start tag ('<'), or -1 when it
 * cannot be found (the first tag of its name on its line is taken). */
long xml_offset(const XmlDoc *x, const xmlNode *n);
/* The encoding named in the XML declaration (copied into buf), or NULL. */
const char *xml_declared_encoding(const SrcFile *src, char *buf, size_t n);
/* True for the one-byte encodings exports use (ISO-8859-1, Windows-1252). */
bool xml_encoding_is_single_byte(const char *enc);
void xml_free(XmlDoc *x);

/* The same parse, in pieces: libxml2's push parser fed the file chunk by
 * chunk, with the same hardening and the same diagnostics as xml_load().
 * Each element that ends at nesting depth `depth` (1 = the root) is handed
 * over complete, in document order: xml_stream_next() returns it, and the
 * caller frees it with xml_stream_drop() once done (its ancestors stay,
 * without it), so that the tree never holds more than the objects being
 * worked on.  A frontend that reads a file object by object uses this
 * instead of xml_load(). */
typedef struct XmlStream XmlStream;
XmlStream *xml_stream_open(const SrcFile *src, DiagSink *sink, int depth);
/* The next complete element at `depth`, or NULL at the end of the file or
 * after the first error (xml_stream_close() reports it; the elements
 * complete before it are all handed over). */
xmlNode *xml_stream_next(XmlStream *s);
/* The document being built (root and open ancestors), for positions and
 * the ancestors' attributes. */
XmlDoc *xml_stream_doc(XmlStream *s);
/* After xml_stream_next() returned NULL: did the parse fail?  (The
 * diagnostic comes with xml_stream_close().) */
bool xml_stream_failed(const XmlStream *s);
void xml_stream_drop(XmlStream *s, xmlNode *n);
/* Finish: false (with the diagnostic reported) when the file was not
 * well-formed or declared an entity.  Frees everything. */
bool xml_stream_close(XmlStream *s);

static inline bool xml_is_elem(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

/* Element name equals `name` (exact). */
bool xml_is(const xmlNode *n, const char *name);
/* Attribute value without copying, or NULL when absent.  Values are the
 * decoded text (character references applied, "\r\n" kept). */
const char *xml_attr(const xmlNode *n, const char *name);
/* First element child, next element sibling. */
xmlNode *xml_first(const xmlNode *n);
xmlNode *xml_next(const xmlNode *n);
/* The first child element named `name` (as xml_is() compares), or NULL. */
xmlNode *xml_child(const xmlNode *n, const char *name);
/* Text of an element without copying: its single text or CDATA child, or
 * the joined pieces interned in the document's dictionary; "" when empty.
 * Valid as long as the document. */
const char *xml_text_view(const xmlNode *n);
/* Concatenated text content of an element (arena copy), or NULL if none. */
char *xml_text(Arena *a, const xmlNode *n);

/* Position of an element: its line and the column of "<name" on it. */
SrcLoc xml_loc(const XmlDoc *x, const xmlNode *n);
/* Position of an attribute's value (the character after the opening
 * quote), falling back to the element's position.  `attr` is the name as
 * written, with its prefix ("DTS:ObjectName"). */
SrcLoc xml_attr_loc(const XmlDoc *x, const xmlNode *n, const char *attr);

#endif
