/* datastage.h - the DataStage frontend's internal interface (src/parsers).
 *
 * DataStage exports come in two syntaxes that carry the same objects:
 *  - the .dsx text export (datastage_dsx.c): BEGIN HEADER, then sections
 *    such as BEGIN DSJOB ... END DSJOB holding BEGIN DSRECORD blocks of
 *    `Name "value"` properties and BEGIN DSSUBRECORD collections;
 *  - the DSExport XML export (datastage_xml.c): <DSExport><Header/><Job>
 *    <Record Type=...><Property Name=...>, <Collection Name= Type=>
 *    <SubRecord>.
 * Both readers turn what they read into the one neutral record model
 * below (DsRec: a type, an identifier, properties and collections of
 * sub-records) and hand it over one section at a time (one job, one block
 * of table definitions...) to the one builder, datastage.c, which says what
 * a record means and writes the AST as docs/ast.md section 5 maps it.
 * Records live in a scratch arena that the builder empties after each
 * section, so a reader never holds more than the section it is reading.
 */
#ifndef AKKO_PARSERS_DATASTAGE_H
#define AKKO_PARSERS_DATASTAGE_H

#include "ast/ast.h"
#include "parsers/frontend.h"
#include "base/diag.h"
#include "base/strmap.h"

/* One property: `Name "value"` (.dsx) or <Property Name="..">value</Property>. */
typedef struct DsProp {
	const char *name;
	const char *value; /* decoded UTF-8, escapes undone */
	SrcLoc loc;        /* the property line / element */
	SrcLoc vloc;       /* first character of the value */
} DsProp;

/* A record (DSRECORD, <Record>) or a sub-record (DSSUBRECORD, <SubRecord>). */
typedef struct DsRec {
	const char *type; /* OLEType / Type, normalised to the .dsx form ("CCustomStage") */
	const char *id;   /* Identifier, or NULL for sub-records */
	PtrVec props;     /* DsProp, in file order */
	PtrVec colls;     /* DsColl, in file order */
	SrcLoc loc;
} DsRec;

/* A collection of sub-records: `Columns "COutputColumn"` followed by
 * DSSUBRECORD blocks, or <Collection Name="Columns" Type="OutputColumn">. */
typedef struct DsColl {
	const char *name;
	const char *type;
	PtrVec subs; /* DsRec */
	SrcLoc loc;
} DsColl;

typedef enum DsSecKind {
	DS_SEC_JOB,              /* DSJOB / <Job> */
	DS_SEC_SHARED_CONTAINER, /* DSSHAREDCONTAINER / <SharedContainer> */
	DS_SEC_TABLEDEFS,        /* DSTABLEDEFS / <TableDefinitions> */
	DS_SEC_PARAMSETS,        /* DSPARAMETERSETS / <ParameterSets> */
	DS_SEC_ROUTINES,         /* DSROUTINES / <Routines> */
	DS_SEC_DATACONNECTIONS,  /* DSDATACONNECTIONS / <DataConnections> */
	DS_SEC_STAGETYPES,       /* DSSTAGETYPES / <StageTypes> */
	DS_SEC_COMPILED,         /* DSEXECJOB: generated code, skipped */
	DS_SEC_OTHER             /* DSDATATYPES, DSQSRULEASSEMBLY...: kept as an extra */
} DsSecKind;

/* One top-level section, complete. */
typedef struct DsSection {
	DsSecKind kind;
	const char *tag; /* as written: "DSJOB", "Job" */
	PtrVec props;    /* DsProp: Identifier, DateModified... */
	PtrVec recs;     /* DsRec */
	PtrVec skipped;  /* const char *: compiled or binary blocks skipped inside */
	SrcLoc loc;
	bool truncated;  /* the file ended inside it (already diagnosed) */
	/* where it is, for reading it again alone (ds_build_units): its first
	 * byte and line, and (XML) the byte after it, or 0 when not known yet */
	size_t off, end;
	uint32_t line;
} DsSection;

typedef struct DsBuild DsBuild;

/* The builder (datastage.c).  A reader calls ds_build_begin, then
 * ds_build_header once, ds_build_section for each section read (the
 * section and its records must be allocated in ds_scratch(), which the
 * builder empties afterwards), and ds_build_end for the document. */
DsBuild *ds_build_begin(Arena *a, const SrcFile *src, DiagSink *sink, const char *format);
Arena *ds_scratch(DsBuild *B);
AstDoc *ds_doc(DsBuild *B);
DiagSink *ds_sink(DsBuild *B);
void ds_build_header(DsBuild *B, const PtrVec *props, SrcLoc loc);
void ds_build_section(DsBuild *B, DsSection *s);
AstDoc *ds_build_end(DsBuild *B);

/* Reading unit by unit (frontend.h), in two passes (datastage.c, "reading
 * unit by unit"): the reader calls ds_build_scan before its first pass,
 * which builds every section but the data-flow jobs (only named and
 * placed); the XML reader says where each job section ends with
 * ds_build_section_end (the start of the next section, or of the root's
 * end tag).  Then ds_build_units ends the first pass and hands over the
 * units: for each job, `read` must read the one section at [off, end)
 * (first line `line`) and hand it to ds_build_section. */
typedef bool (*DsReadOne)(void *rd, size_t off, size_t end, uint32_t line);
void ds_build_scan(DsBuild *B);
/* The sink of what the builder says from now on. */
void ds_build_set_sink(DsBuild *B, DiagSink *sink);
void ds_build_section_end(DsBuild *B, size_t end);
bool ds_build_units(DsBuild *B, DsReadOne read, void *rd, FrontendUnitFn fn, void *ud);

/* Reader helpers shared by both syntaxes. */
DsSecKind ds_section_kind(const char *tag);
DsProp *ds_prop_add(Arena *a, PtrVec *v, const char *name, const char *value, SrcLoc loc, SrcLoc vloc);
/* The value of the first property named `name`, or NULL. */
const char *ds_get(const DsRec *r, const char *name);
const DsProp *ds_find(const DsRec *r, const char *name);
const DsColl *ds_coll(const DsRec *r, const char *name);

/* The type of a column sub-record (SqlType, Precision, Scale). */
AstType ds_column_type(DsBuild *B, const DsRec *col);

/* The relational stages (datastage_rel.c): Join, Lookup, Merge, Funnel,
 * Aggregator, Sort, Remove Duplicates, Surrogate Key Generator, Change
 * Capture, Change Apply, Difference, Slowly Changing Dimension, Pivot.
 * Called for each stage of a job once its links are built: gives the
 * stage the ports of its input links (the columns of each partner output
 * pin), reads its options into neutral settings and its output mapping
 * (Derivation "link.column") into port refs, or sends it to review with
 * the reason.  `recs` maps each record Identifier of the job to its DsRec.
 * Returns false for a stage type it does not handle. */
bool ds_rel_stage(DsBuild *B, const StrMap *recs, AstStep *s, const DsRec *stage);

/* Once a job's stages and links are built (datastage_flow.c): each link's
 * columns as ports at both ends and one edge per column, the input column
 * each output column of a non-Transformer stage copies (`ref`), the
 * relation of each source and target. */
void ds_complete_flow(AstDoc *d, DiagSink *sink, AstFolder *f, AstFlow *flow);
/* The documented settings of a source, target or row-wise stage as
 * neutral settings, ports and kinds (datastage_stages.c). */
void ds_stage_settings(AstDoc *d, DiagSink *sink, AstStep *s);

/* Shared-container instances expanded in place (datastage_container.c),
 * once every container is read; a job's local containers gathered into
 * sub-flows of their instances once its links are built. */
void ds_expand_containers(AstDoc *d, Arena *a, DiagSink *sink);
void ds_expand_flow(AstDoc *d, Arena *a, DiagSink *sink, AstFlow *flow);
void ds_local_containers(AstDoc *d, Arena *scratch, DiagSink *sink, const PtrVec *recs, const StrMap *stages,
			 AstFlow *flow);
/* "A|B|C" split at the bars, empty items left out. */
void ds_split_bar(Arena *a, const char *v, PtrVec *out);

/* The two readers (frontend.h declares them for the driver). */
AstDoc *ds_read_dsx(Arena *a, const SrcFile *src, DiagSink *sink);
AstDoc *ds_read_xml(Arena *a, const SrcFile *src, DiagSink *sink);

#endif
