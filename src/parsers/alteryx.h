/* alteryx.h - the Alteryx frontend's internal interface, shared by
 * alteryx.c (the document, its nodes, connections and interface) and
 * alteryx_tools.c (what each tool's Configuration means) (src/parsers).
 *
 * A .yxmd (workflow), .yxmc (macro) or .yxwz (app) is one AlteryxDocument:
 * <Nodes> (tools, nested through Tool Containers' <ChildNodes>),
 * <Connections> and the document <Properties> (MetaInfo, Constants,
 * RuntimeProperties).  docs/ast.md section 4 maps it onto the AST.
 */
#ifndef AKKO_PARSERS_ALTERYX_H
#define AKKO_PARSERS_ALTERYX_H

#include "ast/ast.h"
#include "base/strmap.h"
#include "parsers/xml.h"

/* One file being read. */
typedef struct Ayx {
	AstDoc *doc;
	Arena *a;
	XmlDoc x;
	DiagSink *sink;
	AstFolder *folder;
	AstFlow *flow;
	StrMap ids; /* ToolID -> AstStep */
} Ayx;

/* What a tool is: one row of the table in alteryx_tools.c. */
typedef struct AyxTool {
	const char *entry; /* EngineDllEntryPoint, or the GUI plugin of a designer-only tool */
	const char *name;  /* the tool's name in the Alteryx documentation */
	StepKind kind;
	void (*read)(Ayx *A, AstStep *s, const xmlNode *cfg); /* its Configuration, or NULL */
	const char *used[6]; /* Configuration children `read` consumes (the rest become props) */
} AyxTool;

/* The row of an engine entry point (EngineDllEntryPoint), or NULL. */
const AyxTool *ayx_tool_by_entry(const char *entry);
/* The row of a designer-only tool (no EngineSettings: containers, text
 * boxes, interface questions and actions) by its GUI plugin, or NULL. */
const AyxTool *ayx_tool_by_plugin(const char *plugin);

/* A macro instance (EngineSettings Macro=...): its question values. */
extern const AyxTool ayx_macro_tool;
/* The Data Cleansing tool (Cleanse.yxmc), read from its questions. */
extern const AyxTool ayx_cleanse_tool;
/* A tool Designer ships as a macro, by the macro's file name
 * ("CountRecords.yxmc", any case), or NULL (alteryx_stdmacro.c). */
const AyxTool *ayx_stdmacro_tool(const char *file);
/* A macro instance's answer <Value name="NAME">, or NULL. */
const xmlNode *ayx_question(const xmlNode *cfg, const char *name);

/* Readers of alteryx_parse.c (RegEx, Text To Columns, Tile, Find Replace, Join Multiple). */
void ayx_read_regex(Ayx *A, AstStep *s, const xmlNode *cfg);
void ayx_read_text_to_columns(Ayx *A, AstStep *s, const xmlNode *cfg);
void ayx_read_tile(Ayx *A, AstStep *s, const xmlNode *cfg);
void ayx_read_find_replace(Ayx *A, AstStep *s, const xmlNode *cfg);
void ayx_read_join_multiple(Ayx *A, AstStep *s, const xmlNode *cfg);

/* A Text Input's Configuration as the step's inline table (alteryx_tools.c). */
void ayx_read_text_input(Ayx *A, AstStep *s, const xmlNode *cfg);
/* alteryx_alone.c: a Macro Input's template rows; a macro converted on its
 * own made a pipeline (Macro Inputs sources, Macro Outputs sinks). */
void ayx_read_macro_input(Ayx *A, AstStep *s, const xmlNode *cfg);
void ayx_macro_alone(Arena *a, AstDoc *doc);
/* alteryx_flow.c: a sink writing every incoming field into `table`. */
void ayx_sink_all(Ayx *A, AstStep *s, const char *table, bool is_file);

/* Helpers of alteryx.c that alteryx_tools.c uses. */
const char *ayx_str(Ayx *A, const char *s); /* arena copy; NULL stays NULL */
SrcLoc ayx_loc(Ayx *A, const xmlNode *n);
/* The value of a setting element: its `value` attribute, else its text
 * (not copied; "" when empty).  NULL when `n` is NULL. */
const char *ayx_value(const xmlNode *n);
/* The same for the child `name` of `n`. */
const char *ayx_child_value(const xmlNode *n, const char *name);
/* A prop on the step (arena copies), marked with a neutral setting. */
AstProp *ayx_prop(Ayx *A, AstStep *s, const char *name, const char *value, Setting key, const xmlNode *at);
/* An element with no dedicated field, with its subtree. */
AstElem *ayx_capture(Ayx *A, const xmlNode *n);
/* The neutral type of an Alteryx field type ("V_WString", size "254"). */
AstType ayx_type(Ayx *A, const char *type, const char *size, const char *scale);
/* An output port of the step (found or added) in group `anchor`. */
AstPort *ayx_port(Ayx *A, AstStep *s, const char *anchor, const char *name, const xmlNode *at);

/* After the document is read (alteryx_flow.c): what each tool passes on.
 * Connections carry no column lineage: fields flow by name, so each
 * tool's output groups are marked as passing their input's fields, the
 * order a tool evaluates its settings in is made explicit (a Formula's
 * fields that read earlier ones), and what a tool cannot convert is said. */
void ayx_complete_flow(Ayx *A);

#endif
