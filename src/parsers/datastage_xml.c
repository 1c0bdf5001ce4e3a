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
 * here, so that the builder sees one model (datastage.h).  The document
 * is loaded with the project's hardened loader (xml.c: no DTD, no
 * entities, located errors); each top-level element is then converted and
 * handed to the builder, and its subtree freed, one at a time.  The whole
 * tree is built first: a streaming reader (xmlTextReader) that never holds
 * more than one Job is not written yet.
 */
#include "parsers/datastage.h"
#include "parsers/xml.h"

#include <string.h>

typedef struct DsXml {
	DsBuild *B;
	XmlDoc x;
	Arena *s;
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

/* The text of a Property, CDATA included, as the reader decoded it. */
static const char *prop_text(DsXml *X, const xmlNode *n)
{
	char *t = xml_text(X->s, n);
	return t ? t : "";
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

static void read_section(DsXml *X, const xmlNode *n)
{
	DsSection *s = ARENA_NEW(X->s, DsSection);
	s->tag = arena_strdup(X->s, (const char *)n->name);
	s->kind = ds_section_kind(s->tag);
	s->loc = xml_loc(&X->x, n);
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		ds_prop_add(X->s, &s->props, arena_strdup(X->s, an), arena_strdup(X->s, xml_attr(n, an)), s->loc,
			    xml_attr_loc(&X->x, n, an));
	}
	if (s->kind != DS_SEC_COMPILED)
		for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
			if (xml_is(c, "Record"))
				ptrvec_push(X->s, &s->recs, read_record(X, c));
	ds_build_section(X->B, s);
}

AstDoc *ds_read_xml(Arena *a, const SrcFile *src, DiagSink *sink)
{
	DsXml X = {0};
	if (!xml_load(&X.x, src, sink))
		return NULL;
	xmlNode *root = xmlDocGetRootElement(X.x.doc);
	if (!root || !xml_is(root, "DSExport")) {
		/* the fuzz target comes here past the sniffing */
		diag_error(sink, E_NOT_ETL, root ? xml_loc(&X.x, root) : (SrcLoc){src, 0, 0},
			   "not a job export: its root element '%s' belongs to no supported tool",
			   root ? (const char *)root->name : "");
		xml_free(&X.x);
		return NULL;
	}
	X.B = ds_build_begin(a, src, sink, "xml");
	X.s = ds_scratch(X.B);
	xmlNode *header = xml_child(root, "Header");
	{
		PtrVec props = {0};
		SrcLoc loc = header ? xml_loc(&X.x, header) : xml_loc(&X.x, root);
		for (const xmlAttr *at = header ? header->properties : NULL; at; at = at->next) {
			const char *an = (const char *)at->name;
			ds_prop_add(X.s, &props, arena_strdup(X.s, an), arena_strdup(X.s, xml_attr(header, an)), loc,
				    xml_attr_loc(&X.x, header, an));
		}
		ds_build_header(X.B, &props, loc);
	}
	xmlNode *c = xml_first(root);
	while (c) {
		xmlNode *next = xml_next(c);
		if (!xml_is(c, "Header")) {
			read_section(&X, c);
			/* the section is in the AST now: drop its subtree */
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		c = next;
	}
	xml_free(&X.x);
	return ds_build_end(X.B);
}
