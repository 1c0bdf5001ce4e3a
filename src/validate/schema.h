/* schema.h - the machine-checkable schema of pipeline YAML version 1
 * (src/validate).
 *
 * One table, schema_keys[], gives every key of every object of the format:
 * the object it belongs to, its value type, whether it is required, its
 * allowed values and a one-line doc.  The validator (pipeline.c) enforces
 * it, `akko-migrate help schema` prints it, and the "Schema" section of
 * docs/pipeline-yaml.md is that output (tests/validate.sh compares them).
 * Enumerations come from the X-macro tables of rules/ir.h.
 */
#ifndef AKKO_VALIDATE_SCHEMA_H
#define AKKO_VALIDATE_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rules/ir.h"

/* clang-format off */
/* X(enum, name, doc): the objects (YAML mappings) of the format */
#define SCHEMA_OBJ_LIST(X)                                                              \
	X(OBJ_DOCUMENT, "document", "the whole file")                                   \
	X(OBJ_SOURCE, "source", "the input file the document was compiled from")       \
	X(OBJ_SUMMARY, "summary", "confidence and counts over every node of the file") \
	X(OBJ_PIPELINE, "pipeline", "one data flow (a mapping)")                        \
	X(OBJ_ORIGIN, "origin", "where an object came from in the input file")         \
	X(OBJ_PARAMETER, "parameter", "a run-time parameter or variable")              \
	X(OBJ_PARAM_VALUE, "parameter value", "a value from a parameter file, with its provenance") \
	X(OBJ_CONNECTION, "connection", "a named connection (never a password)")       \
	X(OBJ_NODE, "node", "one step of a pipeline; keys by node type")               \
	X(OBJ_WARNING, "warning", "what may differ from the source semantics")         \
	X(OBJ_COLUMN, "column", "an output column of a node")                           \
	X(OBJ_LLM, "llm", "the model that drafted a node's SQL (docs/llm.md)")          \
	X(OBJ_TABLE, "table", "the relation or file a source or sink reads or writes") \
	X(OBJ_BRANCH, "branch", "the router group a conditional_branch node is")       \
	X(OBJ_SEQUENCE, "sequence", "the numbering of a sequence_generator node")     \
	X(OBJ_BULK, "bulk load", "how a sink_table is bulk-loaded (SQL Server's BULK INSERT options)") \
	X(OBJ_XML_ID, "xml id", "a column an XML source generates: occurrence numbers of an element") \
	X(OBJ_SOURCE_PARAMS, "source params", "values of the flow's rows a source_sql reads, once per row") \
	X(OBJ_SOURCE_PARAM, "source param", "one value a source_sql reads") \
	X(OBJ_CHECK, "quality check", "a data-quality check the runner performs")      \
	X(OBJ_VAR_UPDATE, "variable update", "the value a run persists for a variable its steps update") \
	X(OBJ_METADATA, "metadata", "confidence and counts of one pipeline")           \
	X(OBJ_ORCHESTRATION, "orchestration", "the control flows of the file")         \
	X(OBJ_WORKFLOW, "workflow", "one control flow (a workflow or worklet)")        \
	X(OBJ_TASK, "task", "one task of a workflow")                                  \
	X(OBJ_DEP, "task dependency", "one entry of a task's depends_on")               \
	X(OBJ_ASSIGN, "assignment", "a variable a task sets (SSIS)")                   \
	X(OBJ_BINDING, "binding", "a variable bound to a parameter, result or loop item (SSIS)") \
	X(OBJ_LOOP, "loop", "how a loop task repeats (SSIS For and Foreach Loop)")     \
	X(OBJ_HANDLER, "handler", "the event an event_handler task runs on (SSIS)")    \
	X(OBJ_CODE, "code", "a file of user code kept for review (SSIS Script Task)")
/* clang-format on */

#define SCHEMA_ENUM_ITEM(name, str, doc) name,
typedef enum SchemaObj { SCHEMA_OBJ_LIST(SCHEMA_ENUM_ITEM) OBJ_COUNT } SchemaObj;
#undef SCHEMA_ENUM_ITEM

typedef enum SchemaType {
	ST_STRING,      /* any scalar but null */
	ST_NUMBER01,    /* a number in [0, 1] */
	ST_INTEGER,     /* a plain integer, >= 0 unless the key says otherwise */
	ST_SIGNED,      /* a plain integer, any sign */
	ST_BOOL,        /* true or false */
	ST_ENUM,        /* a string among `values` */
	ST_MAP,         /* a mapping of object `sub` */
	ST_LIST_STRING, /* a sequence of strings */
	ST_LIST_MAP,    /* a sequence of mappings of object `sub` */
} SchemaType;

/* Bit masks of node types (only keys of OBJ_NODE use them). */
#define NT(t)      (1u << (t))
#define NT_ALL     ((1u << NODE_TYPE_COUNT) - 1u)
#define NT_NO_SQL  (NT(NODE_SOURCE_FILE) | NT(NODE_PLACEHOLDER))
#define NT_SQL     (NT_ALL & ~NT_NO_SQL)
#define NT_SINKS   (NT(NODE_SINK_TABLE) | NT(NODE_SINK_FILE))
#define SCHEMA_REQ NT_ALL /* `required` of a key that is always required */
#define SCHEMA_OPT 0u     /* `required` of an optional key */

typedef struct SchemaKey {
	SchemaObj obj;             /* the object the key belongs to */
	const char *key;           /* as written in the YAML */
	SchemaType type;           /* the value's type */
	SchemaObj sub;             /* ST_MAP, ST_LIST_MAP: the object of the value or items */
	const char *const *values; /* ST_ENUM: the allowed values, NULL-terminated */
	uint32_t types;            /* OBJ_NODE: node types that may have the key (NT_ALL otherwise) */
	uint32_t required;         /* node types where it is required (SCHEMA_REQ / SCHEMA_OPT otherwise) */
	const char *doc;           /* one line */
} SchemaKey;

extern const SchemaKey schema_keys[];
extern const unsigned schema_keys_count;

const char *schema_obj_name(SchemaObj o);
const char *schema_obj_doc(SchemaObj o);
/* The row of `key` in object `obj`, or NULL. */
const SchemaKey *schema_find(SchemaObj obj, const char *key);
/* "string", "number 0..1", "list of strings", ... for messages. */
const char *schema_type_name(SchemaType t);
/* Whether the key may appear / must appear on a node of `type` (non-node
 * objects: `type` is ignored). */
bool schema_key_allowed(const SchemaKey *k, NodeType type);
bool schema_key_required(const SchemaKey *k, NodeType type);

/* The schema as markdown: the tables `akko-migrate help schema` prints and
 * the "Schema" section of docs/pipeline-yaml.md holds. */
void schema_print_markdown(FILE *out);

#endif
