/* schema.c - the schema of pipeline YAML version 1 as one table, and its
 * markdown form (src/validate).  pipeline.c enforces the table; `help
 * schema` and docs/pipeline-yaml.md show it.
 */
#include <string.h>

#include "validate/schema.h"

#define NAME_ITEM(e, name, doc) name,
static const char *const node_types[] = {NODE_TYPE_LIST(NAME_ITEM) NULL};
static const char *const conv_sources[] = {CONV_SOURCE_LIST(NAME_ITEM) NULL};
static const char *const load_modes[] = {LOAD_MODE_LIST(NAME_ITEM) NULL};
static const char *const check_types[] = {CHECK_TYPE_LIST(NAME_ITEM) NULL};
static const char *const task_types[] = {TASK_TYPE_LIST(NAME_ITEM) NULL};
#undef NAME_ITEM
static const char *const dialects[] = {"postgres", NULL};
static const char *const param_kinds[] = {"parameter", "variable", "session_parameter", "property", NULL};
static const char *const param_origins[] = {"mapping",   "mapplet",   "workflow", "parameter_file",
					    "system",    "package",   "container", "project",
					    "property_expression", "reference", "parameter_set", NULL};
static const char *const loop_kinds[] = {"for", "foreach", NULL};
static const char *const result_sets[] = {"none", "single_row", "full", "xml", NULL};
static const char *const bind_dirs[] = {"input", "output", "return_value", "result", "item", NULL};
static const char *const combines[] = {"and", "or", NULL};
static const char *const conn_roles[] = {"source", "target", "lookup", NULL};
static const char *const joins[] = {"all", "any", NULL};
static const char *const var_aggs[] = {"max", "min", "count", "none", NULL};
static const char *const file_formats[] = {"xml", NULL};
static const char *const param_modes[] = {"substitute", "bind", NULL};
static const char *const var_updates[] = {"max", "min", "count", "last", "rows", NULL};
static const char *const dep_ons[] = {"success", "failure", "completion", "any", NULL};
static const char *const run_modes[] = {"run", "reset_then_run", "validate", "reset", NULL};

#define SOURCES   (NT(NODE_SOURCE_TABLE) | NT(NODE_SOURCE_FILE) | NT(NODE_SOURCE_PUSHDOWN))
#define TABLED    (SOURCES | NT_SINKS)
#define KEYED     (NT(NODE_GROUP_BY) | NT(NODE_ORDER_BY) | NT(NODE_RANK) | NT(NODE_SINK_TABLE))
#define TABLE_REQ (NT(NODE_SOURCE_TABLE) | NT(NODE_SOURCE_FILE) | NT_SINKS)

/* Rows of one object: K(obj, key, type, sub, values, required, doc) for
 * every object but the node; N(...) adds the node types for node keys. */
#define K(obj, key, type, sub, values, req, doc)              \
	{                                                     \
		obj, key, type, sub, values, NT_ALL, req, doc \
	}
#define N(key, type, sub, values, types, req, doc)                \
	{                                                         \
		OBJ_NODE, key, type, sub, values, types, req, doc \
	}
#define D OBJ_DOCUMENT /* `sub` of keys that have none */

/* clang-format off */
const SchemaKey schema_keys[] = {
    K(OBJ_DOCUMENT, "version", ST_INTEGER, D, NULL, SCHEMA_REQ, "the format version: 1"),
    K(OBJ_DOCUMENT, "source", ST_MAP, OBJ_SOURCE, NULL, SCHEMA_REQ, "the input file"),
    K(OBJ_DOCUMENT, "generated_by", ST_STRING, D, NULL, SCHEMA_REQ, "the compiler and its version: `akko-migrate 0.4.0`"),
    K(OBJ_DOCUMENT, "generated_at", ST_STRING, D, NULL, SCHEMA_OPT, "ISO 8601 UTC; only with `--timestamp` or `SOURCE_DATE_EPOCH`"),
    K(OBJ_DOCUMENT, "summary", ST_MAP, OBJ_SUMMARY, NULL, SCHEMA_REQ, "confidence over the whole file"),
    K(OBJ_DOCUMENT, "pipelines", ST_LIST_MAP, OBJ_PIPELINE, NULL, SCHEMA_REQ, "the data flows, in source order"),
    K(OBJ_DOCUMENT, "orchestration", ST_MAP, OBJ_ORCHESTRATION, NULL, SCHEMA_OPT, "the control flows"),

    K(OBJ_SOURCE, "tool", ST_STRING, D, NULL, SCHEMA_REQ, "the legacy tool: `powercenter`"),
    K(OBJ_SOURCE, "file", ST_STRING, D, NULL, SCHEMA_REQ, "the input file as given on the command line"),
    K(OBJ_SOURCE, "sha256", ST_STRING, D, NULL, SCHEMA_REQ, "of the input file's bytes"),
    K(OBJ_SOURCE, "dialect", ST_ENUM, D, dialects, SCHEMA_REQ, "the SQL dialect of every `sql`"),

    K(OBJ_SUMMARY, "overall_confidence", ST_NUMBER01, D, NULL, SCHEMA_REQ, "mean node confidence"),
    K(OBJ_SUMMARY, "min_confidence", ST_NUMBER01, D, NULL, SCHEMA_REQ, "lowest node confidence"),
    K(OBJ_SUMMARY, "pipelines", ST_INTEGER, D, NULL, SCHEMA_REQ, "number of pipelines"),
    K(OBJ_SUMMARY, "nodes", ST_INTEGER, D, NULL, SCHEMA_REQ, "number of nodes"),
    K(OBJ_SUMMARY, "warnings_count", ST_INTEGER, D, NULL, SCHEMA_REQ, "number of node warnings"),
    K(OBJ_SUMMARY, "review", ST_LIST_STRING, D, NULL, SCHEMA_REQ, "`pipeline/node` of every node needing review"),

    K(OBJ_PIPELINE, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the mapping's name"),
    K(OBJ_PIPELINE, "origin", ST_MAP, OBJ_ORIGIN, NULL, SCHEMA_REQ, "where it came from"),
    K(OBJ_PIPELINE, "session", ST_STRING, D, NULL, SCHEMA_OPT, "the session whose overrides were applied"),
    K(OBJ_PIPELINE, "parameters", ST_LIST_MAP, OBJ_PARAMETER, NULL, SCHEMA_OPT, "run-time parameters the SQL reads"),
    K(OBJ_PIPELINE, "connections", ST_LIST_MAP, OBJ_CONNECTION, NULL, SCHEMA_OPT, "connections used"),
    K(OBJ_PIPELINE, "nodes", ST_LIST_MAP, OBJ_NODE, NULL, SCHEMA_REQ, "the steps, in dependency order"),
    K(OBJ_PIPELINE, "quality_checks", ST_LIST_MAP, OBJ_CHECK, NULL, SCHEMA_OPT, "checks for the runner"),
    K(OBJ_PIPELINE, "variable_updates", ST_LIST_MAP, OBJ_VAR_UPDATE, NULL, SCHEMA_OPT, "what a successful run persists for the variables its steps update"),
    K(OBJ_PIPELINE, "metadata", ST_MAP, OBJ_METADATA, NULL, SCHEMA_OPT, "confidence of this pipeline"),

    K(OBJ_ORIGIN, "object", ST_STRING, D, NULL, SCHEMA_REQ, "the object's name as written"),
    K(OBJ_ORIGIN, "kind", ST_STRING, D, NULL, SCHEMA_REQ, "its kind in the source tool: `Expression`"),
    K(OBJ_ORIGIN, "line", ST_INTEGER, D, NULL, SCHEMA_REQ, "line in the input file; 0 when unknown"),

    K(OBJ_PARAMETER, "name", ST_STRING, D, NULL, SCHEMA_REQ, "as written: `$$LOAD_DATE`"),
    K(OBJ_PARAMETER, "setting", ST_STRING, D, NULL, SCHEMA_REQ, "the setting SQL reads: `akko.load_date`"),
    K(OBJ_PARAMETER, "kind", ST_ENUM, D, param_kinds, SCHEMA_REQ, "what the tool calls it"),
    K(OBJ_PARAMETER, "type", ST_STRING, D, NULL, SCHEMA_REQ, "a PostgreSQL type"),
    K(OBJ_PARAMETER, "default", ST_STRING, D, NULL, SCHEMA_OPT, "the default as written in the export"),
    K(OBJ_PARAMETER, "origin", ST_ENUM, D, param_origins, SCHEMA_REQ, "where it is declared"),
    K(OBJ_PARAMETER, "scope", ST_STRING, D, NULL, SCHEMA_OPT, "SSIS: the container or task declaring it: `Package\\Stage`"),
    K(OBJ_PARAMETER, "line", ST_INTEGER, D, NULL, SCHEMA_OPT, "declaration line; 0 when none"),
    K(OBJ_PARAMETER, "sensitive", ST_BOOL, D, NULL, SCHEMA_OPT, "a secret: no default, the runner supplies it"),
    K(OBJ_PARAMETER, "expression", ST_STRING, D, NULL, SCHEMA_OPT, "SSIS: the expression giving its value, as written"),
    K(OBJ_PARAMETER, "expression_sql", ST_STRING, D, NULL, SCHEMA_OPT, "that expression as a SQL scalar over the settings"),
    K(OBJ_PARAMETER, "property", ST_STRING, D, NULL, SCHEMA_OPT, "SSIS property expressions: the property it sets"),
    K(OBJ_PARAMETER, "description", ST_STRING, D, NULL, SCHEMA_OPT, "DataStage: the parameter's prompt"),
    K(OBJ_PARAMETER, "values", ST_LIST_MAP, OBJ_PARAM_VALUE, NULL, SCHEMA_OPT, "parameter-file values"),

    K(OBJ_PARAM_VALUE, "value", ST_STRING, D, NULL, SCHEMA_REQ, "the value as written"),
    K(OBJ_PARAM_VALUE, "file", ST_STRING, D, NULL, SCHEMA_OPT, "the parameter file"),
    K(OBJ_PARAM_VALUE, "line", ST_INTEGER, D, NULL, SCHEMA_OPT, "line in that file"),
    K(OBJ_PARAM_VALUE, "section", ST_STRING, D, NULL, SCHEMA_OPT, "the section: `[Global]`"),

    K(OBJ_CONNECTION, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the connection's name or variable"),
    K(OBJ_CONNECTION, "kind", ST_STRING, D, NULL, SCHEMA_REQ, "`relational`, `flat_file`, ..."),
    K(OBJ_CONNECTION, "subtype", ST_STRING, D, NULL, SCHEMA_OPT, "the database: `Oracle`"),
    K(OBJ_CONNECTION, "role", ST_ENUM, D, conn_roles, SCHEMA_OPT, "how the pipeline uses it"),
    K(OBJ_CONNECTION, "settings", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "DataStage: non-secret settings as written, `Name=value` (server, database, user)"),

    N("id", ST_STRING, D, NULL, NT_ALL, SCHEMA_REQ, "unique in the pipeline; `[a-z_][a-z0-9_]{0,62}`"),
    N("type", ST_ENUM, D, node_types, NT_ALL, SCHEMA_REQ, "the node type (table \"Node types\")"),
    N("depends_on", ST_LIST_STRING, D, NULL, NT_ALL, SCHEMA_REQ, "ids of earlier nodes it reads, in `FROM` order"),
    N("origin", ST_MAP, OBJ_ORIGIN, NULL, NT_ALL, SCHEMA_REQ, "where it came from"),
    N("confidence", ST_NUMBER01, D, NULL, NT_ALL, SCHEMA_REQ, "how sure the converter is"),
    N("conversion_source", ST_ENUM, D, conv_sources, NT_ALL, SCHEMA_REQ, "how it was converted"),
    N("rule", ST_STRING, D, NULL, NT_ALL, SCHEMA_OPT, "the rule that lowered it: `powercenter/expression`"),
    N("llm", ST_MAP, OBJ_LLM, NULL, NT_SQL, SCHEMA_OPT, "`conversion_source: llm`: the model that drafted the SQL (required there)"),
    N("review", ST_BOOL, D, NULL, NT_ALL, SCHEMA_REQ, "a person must look at it"),
    N("warnings", ST_LIST_MAP, OBJ_WARNING, NULL, NT_ALL, SCHEMA_REQ, "what may differ from the source"),
    N("evidence", ST_LIST_STRING, D, NULL, NT_ALL, SCHEMA_OPT, "how the confidence came about"),
    N("columns", ST_LIST_MAP, OBJ_COLUMN, NULL, NT_ALL, SCHEMA_REQ, "the output columns, in order"),
    N("sql", ST_STRING, D, NULL, NT_SQL, NT_SQL, "one PostgreSQL `SELECT` (a pushdown with `source_sql` has none)"),
    N("source_sql", ST_STRING, D, NULL, NT(NODE_SOURCE_PUSHDOWN), SCHEMA_OPT,
      "a query kept in the source's dialect: the runner runs it at the source and reads its rows under the node's id, "
      "the query's columns in order filling the node's `columns`. It may hold parameter references in the source "
      "tool's own syntax, which that tool's engine substitutes as text before it sends the query (DataStage: "
      "`#NAME#`, `#SET.NAME#`; each is named by a W0604 warning on the node and listed in the pipeline's "
      "`parameters`): the runner replaces each with the value of that parameter's setting, as text, so that a "
      "parameter may stand for a name (`FROM #SCHEMA#.ORDERS`) as well as a value"),
    N("source_params", ST_MAP, OBJ_SOURCE_PARAMS, NULL, NT(NODE_SOURCE_PUSHDOWN), SCHEMA_OPT,
      "values of the flow's rows the `source_sql` reads: the runner runs it once per row of `sql`"),
    N("table", ST_MAP, OBJ_TABLE, NULL, TABLED, TABLE_REQ, "the relation (or file) read or written"),
    N("load_mode", ST_ENUM, D, load_modes, NT_SINKS, NT_SINKS, "how the sink writes"),
    N("keys", ST_LIST_STRING, D, NULL, KEYED, SCHEMA_OPT, "sink key; group-by, sort or partition keys"),
    N("operation", ST_STRING, D, NULL, NT(NODE_SINK_TABLE), SCHEMA_OPT, "the column naming each row's operation: `akko_operation`"),
    N("branch", ST_MAP, OBJ_BRANCH, NULL, NT(NODE_BRANCH), NT(NODE_BRANCH), "the router group"),
    N("sequence", ST_MAP, OBJ_SEQUENCE, NULL, NT(NODE_SEQUENCE), NT(NODE_SEQUENCE), "the numbering"),
    N("bulk_load", ST_MAP, OBJ_BULK, NULL, NT(NODE_SINK_TABLE), SCHEMA_OPT, "the sink is bulk-loaded with these options"),
    N("load_order", ST_INTEGER, D, NULL, NT_SINKS, SCHEMA_OPT, "target load order, 1-based"),
    N("pre_sql", ST_STRING, D, NULL, TABLED, SCHEMA_OPT, "SQL run before, in the source dialect (not validated)"),
    N("post_sql", ST_STRING, D, NULL, TABLED, SCHEMA_OPT, "SQL run after, in the source dialect (not validated)"),
    N("note", ST_STRING, D, NULL, NT_ALL, NT(NODE_PLACEHOLDER), "one line for the reviewer"),

    K(OBJ_WARNING, "code", ST_STRING, D, NULL, SCHEMA_REQ, "the diagnostic code: `W0511`"),
    K(OBJ_WARNING, "message", ST_STRING, D, NULL, SCHEMA_REQ, "what may differ"),
    K(OBJ_WARNING, "line", ST_INTEGER, D, NULL, SCHEMA_OPT, "line in the input file; 0 when unknown"),

    K(OBJ_COLUMN, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the identifier SQL sees"),
    K(OBJ_COLUMN, "type", ST_STRING, D, NULL, SCHEMA_REQ, "a PostgreSQL type"),

    K(OBJ_LLM, "model", ST_STRING, D, NULL, SCHEMA_REQ, "the model's name as the server knows it"),
    K(OBJ_LLM, "cache_key", ST_STRING, D, NULL, SCHEMA_OPT, "sha256 of the model and the prompt: the answer's file in the LLM cache"),

    K(OBJ_TABLE, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the relation in the target database (lower case)"),
    K(OBJ_TABLE, "schema", ST_STRING, D, NULL, SCHEMA_OPT, "owner or schema as written"),
    K(OBJ_TABLE, "connection", ST_STRING, D, NULL, SCHEMA_OPT, "connection name or variable"),
    K(OBJ_TABLE, "orig_name", ST_STRING, D, NULL, SCHEMA_OPT, "the name as written in the export"),
    K(OBJ_TABLE, "file", ST_STRING, D, NULL, SCHEMA_OPT, "the flat file (required on `source_file` and `sink_file`)"),
    K(OBJ_TABLE, "format", ST_ENUM, D, file_formats, SCHEMA_OPT, "the file's format when it is not a flat file: `xml`"),
    K(OBJ_TABLE, "record", ST_STRING, D, NULL, SCHEMA_OPT, "xml: the element whose occurrences are the table's rows: a name, or its path from the root (`a/b/c`)"),
    K(OBJ_TABLE, "schema_file", ST_STRING, D, NULL, SCHEMA_OPT, "xml: the schema (XSD) the file follows"),
    K(OBJ_TABLE, "ids", ST_LIST_MAP, OBJ_XML_ID, NULL, SCHEMA_OPT, "xml: the columns the XML source generates (without it, a column `<element>_id` is one)"),

    K(OBJ_XML_ID, "column", ST_STRING, D, NULL, SCHEMA_REQ, "one of the node's columns"),
    K(OBJ_XML_ID, "element", ST_STRING, D, NULL, SCHEMA_REQ, "the element whose occurrences it numbers: the record's own, or one enclosing it"),
    K(OBJ_XML_ID, "start", ST_SIGNED, D, NULL, SCHEMA_REQ, "the number of the element's first occurrence in the file"),

    K(OBJ_SOURCE_PARAMS, "node", ST_STRING, D, NULL, SCHEMA_REQ, "an earlier node with SQL, whose rows give the values"),
    K(OBJ_SOURCE_PARAMS, "sql", ST_STRING, D, NULL, SCHEMA_REQ, "one safe SELECT that reads only `node`: a column per param, in order"),
    K(OBJ_SOURCE_PARAMS, "params", ST_LIST_MAP, OBJ_SOURCE_PARAM, NULL, SCHEMA_REQ, "the values, in the order of `sql`'s columns and of the node's first columns"),

    K(OBJ_SOURCE_PARAM, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the name the query writes between `~` or `?`"),
    K(OBJ_SOURCE_PARAM, "mode", ST_ENUM, D, param_modes, SCHEMA_REQ, "`substitute`: `~name~` is replaced by the value's text; `bind`: `?name?` is a parameter bound to the value"),

    K(OBJ_BRANCH, "router", ST_STRING, D, NULL, SCHEMA_REQ, "the router's name"),
    K(OBJ_BRANCH, "group", ST_STRING, D, NULL, SCHEMA_REQ, "the group's name"),
    K(OBJ_BRANCH, "default", ST_BOOL, D, NULL, SCHEMA_REQ, "the default group"),

    K(OBJ_BULK, "keep_nulls", ST_BOOL, D, NULL, SCHEMA_REQ, "a NULL stays NULL; false: the column's default replaces it"),
    K(OBJ_BULK, "keep_identity", ST_BOOL, D, NULL, SCHEMA_REQ, "the rows fill the identity column; false: the table generates it"),
    K(OBJ_BULK, "check_constraints", ST_BOOL, D, NULL, SCHEMA_REQ, "CHECK and FOREIGN KEY constraints are checked; false: ignored"),
    K(OBJ_BULK, "fire_triggers", ST_BOOL, D, NULL, SCHEMA_REQ, "insert triggers run; false: they do not"),

    K(OBJ_SEQUENCE, "start", ST_SIGNED, D, NULL, SCHEMA_REQ, "the first value"),
    K(OBJ_SEQUENCE, "increment", ST_SIGNED, D, NULL, SCHEMA_REQ, "the step"),

    K(OBJ_CHECK, "id", ST_STRING, D, NULL, SCHEMA_REQ, "unique in the pipeline"),
    K(OBJ_CHECK, "type", ST_ENUM, D, check_types, SCHEMA_REQ, "the check (table \"Check types\")"),
    K(OBJ_CHECK, "node", ST_STRING, D, NULL, SCHEMA_REQ, "the id of the node it checks"),
    K(OBJ_CHECK, "column", ST_STRING, D, NULL, SCHEMA_OPT, "`null_percentage`: one column (default: each)"),
    K(OBJ_CHECK, "threshold", ST_NUMBER01, D, NULL, SCHEMA_OPT, "the limit or the object's confidence"),
    K(OBJ_CHECK, "keys", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "`duplicate`: the key columns"),
    K(OBJ_CHECK, "sql", ST_STRING, D, NULL, SCHEMA_OPT, "`assertion` (required there): one `SELECT` of one boolean over `node`, true when the assertion holds"),
    K(OBJ_CHECK, "message", ST_STRING, D, NULL, SCHEMA_OPT, "`assertion`: what the job reports when it fails, as written"),

    K(OBJ_VAR_UPDATE, "variable", ST_STRING, D, NULL, SCHEMA_REQ, "the variable as written: `$$LAST_RUN`"),
    K(OBJ_VAR_UPDATE, "setting", ST_STRING, D, NULL, SCHEMA_REQ, "the setting of its start value, one of the pipeline's `parameters`"),
    K(OBJ_VAR_UPDATE, "aggregation", ST_ENUM, D, var_aggs, SCHEMA_REQ, "the variable's declared aggregation type"),
    K(OBJ_VAR_UPDATE, "update", ST_ENUM, D, var_updates, SCHEMA_REQ, "how the rows change it: the greatest, least, a count, the last value, the number of rows"),
    K(OBJ_VAR_UPDATE, "type", ST_STRING, D, NULL, SCHEMA_REQ, "a PostgreSQL type"),
    K(OBJ_VAR_UPDATE, "default", ST_STRING, D, NULL, SCHEMA_OPT, "the initial value as written in the export"),
    K(OBJ_VAR_UPDATE, "node", ST_STRING, D, NULL, SCHEMA_REQ, "the id of the node whose rows it is computed over"),
    K(OBJ_VAR_UPDATE, "origin", ST_MAP, OBJ_ORIGIN, NULL, SCHEMA_REQ, "the step whose port updates it"),
    K(OBJ_VAR_UPDATE, "warnings", ST_LIST_MAP, OBJ_WARNING, NULL, SCHEMA_REQ, "what may differ from the source"),
    K(OBJ_VAR_UPDATE, "sql", ST_STRING, D, NULL, SCHEMA_REQ, "one `SELECT` of one row and one column over `node`: the value to persist"),

    K(OBJ_METADATA, "generated_by", ST_STRING, D, NULL, SCHEMA_OPT, "the compiler and its version"),
    K(OBJ_METADATA, "overall_confidence", ST_NUMBER01, D, NULL, SCHEMA_REQ, "mean node confidence"),
    K(OBJ_METADATA, "min_confidence", ST_NUMBER01, D, NULL, SCHEMA_REQ, "lowest node confidence"),
    K(OBJ_METADATA, "warnings_count", ST_INTEGER, D, NULL, SCHEMA_REQ, "number of node warnings"),
    K(OBJ_METADATA, "review", ST_LIST_STRING, D, NULL, SCHEMA_REQ, "ids of the nodes needing review"),

    K(OBJ_ORCHESTRATION, "workflows", ST_LIST_MAP, OBJ_WORKFLOW, NULL, SCHEMA_REQ, "in source order"),

    K(OBJ_WORKFLOW, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the workflow's name"),
    K(OBJ_WORKFLOW, "origin", ST_MAP, OBJ_ORIGIN, NULL, SCHEMA_REQ, "where it came from"),
    K(OBJ_WORKFLOW, "worklet", ST_BOOL, D, NULL, SCHEMA_OPT, "a worklet (run by a `workflow` task)"),
    K(OBJ_WORKFLOW, "restartable", ST_BOOL, D, NULL, SCHEMA_OPT, "a failed run restarts after the tasks that finished (checkpoints)"),
    K(OBJ_WORKFLOW, "parameters", ST_LIST_MAP, OBJ_PARAMETER, NULL, SCHEMA_OPT, "workflow variables and parameters"),
    K(OBJ_WORKFLOW, "tasks", ST_LIST_MAP, OBJ_TASK, NULL, SCHEMA_REQ, "in dependency order"),

    K(OBJ_TASK, "id", ST_STRING, D, NULL, SCHEMA_REQ, "unique in the workflow; `[a-z_][a-z0-9_]{0,62}`"),
    K(OBJ_TASK, "type", ST_ENUM, D, task_types, SCHEMA_REQ, "the task type (table \"Task types\")"),
    K(OBJ_TASK, "origin", ST_MAP, OBJ_ORIGIN, NULL, SCHEMA_REQ, "where it came from"),
    K(OBJ_TASK, "depends_on", ST_LIST_MAP, OBJ_DEP, NULL, SCHEMA_REQ, "the tasks it waits for"),
    K(OBJ_TASK, "join", ST_ENUM, D, joins, SCHEMA_OPT, "every dependency must hold, or any one"),
    K(OBJ_TASK, "pipeline", ST_STRING, D, NULL, SCHEMA_OPT, "`pipeline` tasks: a pipeline of this file"),
    K(OBJ_TASK, "workflow", ST_STRING, D, NULL, SCHEMA_OPT, "`workflow` tasks: a workflow of this file"),
    K(OBJ_TASK, "pre_sql", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "session pre-SQL, as written"),
    K(OBJ_TASK, "post_sql", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "session post-SQL, as written"),
    K(OBJ_TASK, "commands", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "commands kept as written (opaque)"),
    K(OBJ_TASK, "condition", ST_STRING, D, NULL, SCHEMA_OPT, "`decision` tasks: the translated condition"),
    K(OBJ_TASK, "parent", ST_STRING, D, NULL, SCHEMA_OPT, "the id of the `container`, `loop` or `event_handler` task it runs in"),
    K(OBJ_TASK, "disabled", ST_BOOL, D, NULL, SCHEMA_OPT, "kept, but the source tool does not run it"),
    K(OBJ_TASK, "sql", ST_STRING, D, NULL, SCHEMA_OPT, "`sql` tasks: the statement as written, in the source's dialect (not validated)"),
    K(OBJ_TASK, "connection", ST_STRING, D, NULL, SCHEMA_OPT, "`sql` tasks: the connection it runs on"),
    K(OBJ_TASK, "result_set", ST_ENUM, D, result_sets, SCHEMA_OPT, "`sql` tasks: the rows it returns to `result` bindings"),
    K(OBJ_TASK, "bindings", ST_LIST_MAP, OBJ_BINDING, NULL, SCHEMA_OPT, "variables bound to the statement's parameters and results, or to a package's parameters"),
    K(OBJ_TASK, "assignments", ST_LIST_MAP, OBJ_ASSIGN, NULL, SCHEMA_OPT, "`assignment` tasks: the variables set"),
    K(OBJ_TASK, "package", ST_STRING, D, NULL, SCHEMA_OPT, "`package` tasks: the package run, as written"),
    K(OBJ_TASK, "language", ST_STRING, D, NULL, SCHEMA_OPT, "`script` tasks: the code's language"),
    K(OBJ_TASK, "code", ST_LIST_MAP, OBJ_CODE, NULL, SCHEMA_OPT, "`script` tasks: the code, kept for review"),
    K(OBJ_TASK, "loop", ST_MAP, OBJ_LOOP, NULL, SCHEMA_OPT, "`loop` tasks: how it repeats (required there)"),
    K(OBJ_TASK, "handler", ST_MAP, OBJ_HANDLER, NULL, SCHEMA_OPT, "`event_handler` tasks: the event (required there)"),
    K(OBJ_TASK, "arguments", ST_LIST_MAP, OBJ_ASSIGN, NULL, SCHEMA_OPT, "`pipeline`, `workflow` and `package` tasks: the parameter values the run is given"),
    K(OBJ_TASK, "run_mode", ST_ENUM, D, run_modes, SCHEMA_OPT, "`pipeline`, `workflow` and `package` tasks: what the run does; absent: `run`"),
    K(OBJ_TASK, "checkpoint", ST_BOOL, D, NULL, SCHEMA_OPT, "false: a restart of a `restartable` workflow runs it again even when it finished"),
    K(OBJ_TASK, "note", ST_STRING, D, NULL, SCHEMA_OPT, "one line for the reviewer"),
    K(OBJ_TASK, "confidence", ST_NUMBER01, D, NULL, SCHEMA_OPT, "how sure the converter is"),
    K(OBJ_TASK, "review", ST_BOOL, D, NULL, SCHEMA_OPT, "a person must look at it"),
    K(OBJ_TASK, "warnings", ST_LIST_MAP, OBJ_WARNING, NULL, SCHEMA_OPT, "what may differ"),

    K(OBJ_DEP, "task", ST_STRING, D, NULL, SCHEMA_REQ, "the id of a task of the same workflow"),
    K(OBJ_DEP, "on", ST_ENUM, D, dep_ons, SCHEMA_REQ, "the outcome waited for"),
    K(OBJ_DEP, "condition", ST_STRING, D, NULL, SCHEMA_OPT, "the link condition as a SQL boolean"),
    K(OBJ_DEP, "condition_source", ST_STRING, D, NULL, SCHEMA_OPT, "the condition as written"),
    K(OBJ_DEP, "combine", ST_ENUM, D, combines, SCHEMA_OPT, "`or`: the outcome or the condition suffices; `and` (the default): both"),
    K(OBJ_DEP, "otherwise", ST_BOOL, D, NULL, SCHEMA_OPT, "true: followed only when no other dependency on the same task is followed"),

    K(OBJ_ASSIGN, "variable", ST_STRING, D, NULL, SCHEMA_REQ, "the variable as written: `User::Count`"),
    K(OBJ_ASSIGN, "setting", ST_STRING, D, NULL, SCHEMA_REQ, "the setting the runner sets: `akko.user__count`"),
    K(OBJ_ASSIGN, "value", ST_STRING, D, NULL, SCHEMA_OPT, "the value as a SQL scalar over the settings; absent when not translated"),
    K(OBJ_ASSIGN, "source", ST_STRING, D, NULL, SCHEMA_REQ, "the expression as written"),

    K(OBJ_BINDING, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the parameter's name or position, the result's name, the item's index"),
    K(OBJ_BINDING, "variable", ST_STRING, D, NULL, SCHEMA_REQ, "the variable as written"),
    K(OBJ_BINDING, "setting", ST_STRING, D, NULL, SCHEMA_REQ, "the variable's setting"),
    K(OBJ_BINDING, "direction", ST_ENUM, D, bind_dirs, SCHEMA_REQ, "how the value flows"),

    K(OBJ_LOOP, "kind", ST_ENUM, D, loop_kinds, SCHEMA_REQ, "`for`: init, condition, next; `foreach`: an enumerator's items"),
    K(OBJ_LOOP, "init", ST_MAP, OBJ_ASSIGN, NULL, SCHEMA_OPT, "`for`: set before the first iteration"),
    K(OBJ_LOOP, "condition", ST_STRING, D, NULL, SCHEMA_OPT, "`for`: a SQL boolean; the body runs while it is true"),
    K(OBJ_LOOP, "condition_source", ST_STRING, D, NULL, SCHEMA_OPT, "`for`: the condition as written"),
    K(OBJ_LOOP, "next", ST_MAP, OBJ_ASSIGN, NULL, SCHEMA_OPT, "`for`: set after each iteration"),
    K(OBJ_LOOP, "enumerator", ST_STRING, D, NULL, SCHEMA_OPT, "`foreach`: the enumerator's type as written"),
    K(OBJ_LOOP, "settings", ST_LIST_STRING, D, NULL, SCHEMA_OPT, "`foreach`: the enumerator's settings, `Name=value` as written"),
    K(OBJ_LOOP, "items", ST_LIST_MAP, OBJ_BINDING, NULL, SCHEMA_OPT, "`foreach`: the variables each item's values go to"),

    K(OBJ_HANDLER, "event", ST_STRING, D, NULL, SCHEMA_REQ, "the event: `OnError`"),
    K(OBJ_HANDLER, "owner", ST_STRING, D, NULL, SCHEMA_OPT, "the id of the task whose event it handles; absent: the whole workflow"),
    K(OBJ_HANDLER, "propagate", ST_BOOL, D, NULL, SCHEMA_OPT, "false: the event does not reach the owner's parents"),

    K(OBJ_CODE, "name", ST_STRING, D, NULL, SCHEMA_REQ, "the file's name: `ScriptMain.cs`"),
    K(OBJ_CODE, "text", ST_STRING, D, NULL, SCHEMA_REQ, "its text"),
};
/* clang-format on */
const unsigned schema_keys_count = sizeof schema_keys / sizeof schema_keys[0];

#define OBJ_NAME(e, name, doc) name,
#define OBJ_DOC(e, name, doc)  doc,
static const char *const obj_names[] = {SCHEMA_OBJ_LIST(OBJ_NAME)};
static const char *const obj_docs[] = {SCHEMA_OBJ_LIST(OBJ_DOC)};

const char *schema_obj_name(SchemaObj o)
{
	return obj_names[o];
}

const char *schema_obj_doc(SchemaObj o)
{
	return obj_docs[o];
}

const SchemaKey *schema_find(SchemaObj obj, const char *key)
{
	for (unsigned i = 0; i < schema_keys_count; i++)
		if (schema_keys[i].obj == obj && strcmp(schema_keys[i].key, key) == 0)
			return &schema_keys[i];
	return NULL;
}

const char *schema_type_name(SchemaType t)
{
	static const char *const names[] = {
	    "string", "number 0..1", "integer",         "integer",         "bool",
	    "string", "mapping",     "list of strings", "list of mappings"};
	return names[t];
}

bool schema_key_allowed(const SchemaKey *k, NodeType type)
{
	return k->obj != OBJ_NODE || (k->types & NT(type));
}

bool schema_key_required(const SchemaKey *k, NodeType type)
{
	return k->obj == OBJ_NODE ? (k->required & NT(type)) != 0 : k->required != 0;
}

/* ---- markdown --------------------------------------------------------- */

static unsigned popcount(uint32_t m)
{
	unsigned n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* "`a`, `b`" or "every type but `c`" */
static void print_types(FILE *out, uint32_t mask)
{
	bool but = popcount(mask) > NODE_TYPE_COUNT / 2;
	uint32_t show = but ? (NT_ALL & ~mask) : mask;
	fputs(but ? "every type but " : "", out);
	const char *sep = "";
	for (int t = 0; t < NODE_TYPE_COUNT; t++)
		if (show & NT(t)) {
			fprintf(out, "%s`%s`", sep, node_types[t]);
			sep = ", ";
		}
}

static void print_presence(FILE *out, const SchemaKey *k)
{
	if (k->obj != OBJ_NODE || k->types == NT_ALL) {
		if (k->obj != OBJ_NODE || k->required == 0 || k->required == NT_ALL) {
			fputs(k->required ? "required" : "optional", out);
			return;
		}
	}
	if (k->required) {
		fputs("required on ", out);
		print_types(out, k->required);
	}
	uint32_t opt = k->types & ~k->required;
	if (opt) {
		fputs(k->required ? "; optional on " : "optional on ", out);
		if (opt == NT_ALL)
			fputs("every type", out);
		else if (k->types == NT_ALL && k->required)
			fputs("the others", out);
		else
			print_types(out, opt);
	}
}

static void print_value_type(FILE *out, const SchemaKey *k)
{
	switch (k->type) {
	case ST_ENUM:
		if (k->values == node_types || k->values == check_types || k->values == task_types ||
		    k->values == conv_sources || k->values == load_modes) {
			fputs("string, see below", out);
			return;
		}
		fputs("one of ", out);
		for (const char *const *v = k->values; *v; v++)
			fprintf(out, "%s`%s`", v == k->values ? "" : ", ", *v);
		break;
	case ST_SIGNED: fputs("integer (any sign)", out); break;
	case ST_MAP: fprintf(out, "%s", schema_obj_name(k->sub)); break;
	case ST_LIST_MAP: fprintf(out, "list of %s", schema_obj_name(k->sub)); break;
	default: fputs(schema_type_name(k->type), out); break;
	}
}

static void print_kind_table(FILE *out, const char *title, const char *const *names, const char *const *docs,
			     int n)
{
	fprintf(out, "### %s\n\n| value | meaning |\n|---|---|\n", title);
	for (int i = 0; i < n; i++)
		fprintf(out, "| `%s` | %s |\n", names[i], docs[i]);
}

void schema_print_markdown(FILE *out)
{
	for (int o = 0; o < OBJ_COUNT; o++) {
		fprintf(out, "### %s\n\n%c%s.\n\n", obj_names[o], obj_docs[o][0] - 'a' + 'A',
			obj_docs[o] + 1);
		fputs("| key | type | presence | meaning |\n|---|---|---|---|\n", out);
		for (unsigned i = 0; i < schema_keys_count; i++) {
			const SchemaKey *k = &schema_keys[i];
			if (k->obj != (SchemaObj)o)
				continue;
			fprintf(out, "| `%s` | ", k->key);
			print_value_type(out, k);
			fputs(" | ", out);
			print_presence(out, k);
			fprintf(out, " | %s |\n", k->doc);
		}
		fputc('\n', out);
	}
#define DOC_ITEM(e, name, doc) doc,
	static const char *const nt_docs[] = {NODE_TYPE_LIST(DOC_ITEM)};
	static const char *const cs_docs[] = {CONV_SOURCE_LIST(DOC_ITEM)};
	static const char *const lm_docs[] = {LOAD_MODE_LIST(DOC_ITEM)};
	static const char *const ck_docs[] = {CHECK_TYPE_LIST(DOC_ITEM)};
	static const char *const tt_docs[] = {TASK_TYPE_LIST(DOC_ITEM)};
#undef DOC_ITEM
	print_kind_table(out, "Node types", node_types, nt_docs, NODE_TYPE_COUNT);
	fputc('\n', out);
	print_kind_table(out, "Conversion sources", conv_sources, cs_docs, CONV_SOURCE_COUNT);
	fputc('\n', out);
	print_kind_table(out, "Load modes", load_modes, lm_docs, LOAD_MODE_COUNT);
	fputc('\n', out);
	print_kind_table(out, "Check types", check_types, ck_docs, CHECK_TYPE_COUNT);
	fputc('\n', out);
	print_kind_table(out, "Task types", task_types, tt_docs, TASK_TYPE_COUNT);
}
