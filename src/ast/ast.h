/* ast.h - the tool-neutral workflow AST that every frontend builds
 * (src/ast; sees only src/base).
 *
 * One AstDoc per input file.  Data flows (PowerCenter mappings and mapplets,
 * SSIS data flow tasks, Alteryx workflows and macros, DataStage jobs) are
 * AstFlows of AstSteps joined by port-to-port (or link-level) AstEdges.
 * Control flows (PowerCenter workflows and worklets, SSIS control flow,
 * DataStage sequences) are AstControls of AstTasks joined by AstLinks.
 * Everything a later stage needs is here in neutral form (StepKind,
 * TypeKind, Setting...) with the original kind kept for provenance, and
 * nothing tool-specific is lost: attributes that have no neutral meaning are
 * kept as AstProps, unmodelled child elements as AstElems.  docs/ast.md maps
 * each tool's concepts onto these types.
 *
 * Invariants: all memory belongs to doc->arena; strings are UTF-8 and
 * NUL-terminated ("\r\n" inside values is kept as written); every PtrVec
 * keeps source order; names are never NULL (possibly "").
 */
#ifndef AKKO_AST_AST_H
#define AKKO_AST_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/srcfile.h"

/* ---- kind tables (X-macros: enum, name, one-line doc) ------------------- */

/* clang-format off */
#define TOOL_LIST(X)                                                        \
	X(TOOL_UNKNOWN, "unknown", "not recognised")                        \
	X(TOOL_POWERCENTER, "powercenter", "Informatica PowerCenter XML export") \
	X(TOOL_SSIS, "ssis", "Microsoft SSIS package (.dtsx)")              \
	X(TOOL_ALTERYX, "alteryx", "Alteryx workflow, macro or app")        \
	X(TOOL_DATASTAGE, "datastage", "IBM DataStage export (.dsx or XML)")

#define LANG_LIST(X)                                                              \
	X(LANG_NONE, "none", "plain text, not an expression")                      \
	X(LANG_POWERCENTER, "powercenter", "PowerCenter transformation language")   \
	X(LANG_SSIS, "ssis", "SSIS expression language")                           \
	X(LANG_ALTERYX, "alteryx", "Alteryx formula language")                     \
	X(LANG_DATASTAGE, "datastage", "DataStage parallel transformer derivation") \
	X(LANG_DATASTAGE_BASIC, "datastage_basic", "DataStage BASIC (server jobs, routines, sequence triggers)") \
	X(LANG_DATASTAGE_WHERE, "datastage_where", "DataStage filter where-clause (PxFilter)") \
	X(LANG_SQL, "sql", "SQL text in the source database's dialect")            \
	X(LANG_SHELL, "shell", "operating-system command")

#define TYPE_KIND_LIST(X)                                          \
	X(TY_UNKNOWN, "unknown", "not recognised; orig_type kept")  \
	X(TY_STRING, "string", "character data; precision = length") \
	X(TY_BOOLEAN, "boolean", "true/false")                     \
	X(TY_SMALLINT, "smallint", "16-bit integer")                \
	X(TY_INTEGER, "integer", "32-bit integer")                  \
	X(TY_BIGINT, "bigint", "64-bit integer")                    \
	X(TY_DECIMAL, "decimal", "exact numeric(precision, scale)") \
	X(TY_DOUBLE, "double", "binary floating point")             \
	X(TY_DATE, "date", "calendar date")                         \
	X(TY_TIME, "time", "time of day")                           \
	X(TY_TIMESTAMP, "timestamp", "date and time")               \
	X(TY_TIMESTAMP_TZ, "timestamp_tz", "date and time with a zone offset") \
	X(TY_BINARY, "binary", "raw bytes")                         \
	X(TY_GEOMETRY, "geometry", "spatial object (Alteryx SpatialObj)") \
	X(TY_OBJECT, "object", "opaque object (SSIS Object variable)")

/* Data-flow step kinds.  The rule engine dispatches on these. */
#define STEP_KIND_LIST(X)                                                                    \
	X(STEP_UNKNOWN, "unknown", "not recognised; kept opaque for manual review")           \
	X(STEP_SOURCE, "source", "reads a stored table or file")                              \
	X(STEP_SOURCE_QUERY, "source_query", "queries its sources with SQL (filter, join, override)") \
	X(STEP_TARGET, "target", "writes a table or file")                                    \
	X(STEP_EXPRESSION, "expression", "computes columns row by row")                       \
	X(STEP_FILTER, "filter", "keeps the rows where a condition holds")                    \
	X(STEP_AGGREGATE, "aggregate", "groups rows and computes aggregates")                 \
	X(STEP_JOIN, "join", "joins two inputs on a condition")                               \
	X(STEP_LOOKUP, "lookup", "looks values up in a table, connected or called")           \
	X(STEP_ROUTER, "router", "sends rows to output groups by condition (with a default)") \
	X(STEP_SORT, "sort", "orders rows, optionally distinct")                              \
	X(STEP_RANK, "rank", "keeps the top or bottom N rows per group")                      \
	X(STEP_SEQUENCE, "sequence", "generates surrogate key values")                        \
	X(STEP_UNION, "union", "concatenates inputs (UNION ALL)")                            \
	X(STEP_UPDATE_STRATEGY, "update_strategy", "flags rows for insert/update/delete/reject") \
	X(STEP_NORMALIZER, "normalizer", "turns repeated columns into rows")                  \
	X(STEP_PIVOT, "pivot", "turns rows into columns")                                     \
	X(STEP_DEDUP, "dedup", "removes duplicate rows by key")                               \
	X(STEP_SELECT, "select", "renames, retypes or drops columns")                         \
	X(STEP_MULTICAST, "multicast", "copies every row to several outputs")                 \
	X(STEP_SAMPLE, "sample", "keeps the first N or a sample of rows")                     \
	X(STEP_ROW_COUNT, "row_count", "counts rows into a variable")                         \
	X(STEP_GENERATE, "generate", "generates rows (row generator, generate rows)")         \
	X(STEP_PARSE, "parse", "parses JSON or XML text into columns or rows")                \
	X(STEP_CHANGE_CAPTURE, "change_capture", "compares before/after inputs (CDC, SCD)")   \
	X(STEP_TRANSACTION_CONTROL, "transaction_control", "commits or rolls back by condition") \
	X(STEP_STORED_PROCEDURE, "stored_procedure", "calls a database stored procedure")     \
	X(STEP_SQL, "sql", "runs SQL per row or per batch")                                   \
	X(STEP_SCRIPT, "script", "user code (Java, C#, Python, BASIC)")                       \
	X(STEP_HTTP, "http", "calls an HTTP service")                                         \
	X(STEP_XML_SOURCE, "xml_source", "reads XML into relational groups")                  \
	X(STEP_FLOW_INPUT, "flow_input", "input boundary of a reusable sub-flow")             \
	X(STEP_FLOW_OUTPUT, "flow_output", "output boundary of a reusable sub-flow")          \
	X(STEP_SUBFLOW, "subflow", "instance of a reusable sub-flow (mapplet, macro, shared container)") \
	X(STEP_OBSERVE, "observe", "shows data without changing it (browse, peek)")           \
	X(STEP_CUSTOM, "custom", "custom or third-party component, kept opaque")             \
	X(STEP_ANNOTATION, "annotation", "on the canvas only (container, comment, interface question or action); moves no data")

#define PORT_DIR_LIST(X)                                               \
	X(PORT_IN, 1u << 0, "in", "receives a value")                   \
	X(PORT_OUT, 1u << 1, "out", "passes a value on")                \
	X(PORT_VAR, 1u << 2, "var", "local variable, kept between rows") \
	X(PORT_LOOKUP, 1u << 3, "lookup", "column of a lookup table")    \
	X(PORT_RETURN, 1u << 4, "return", "value returned by a called lookup") \
	X(PORT_MASTER, 1u << 5, "master", "belongs to a join's master input") \
	X(PORT_GENERATED, 1u << 6, "generated", "value generated by the step (keys, ids)") \
	X(PORT_PASS, 1u << 7, "pass", "passes through unchanged from upstream (implicit column)")

#define PORT_ROLE_LIST(X)                                           \
	X(ROLE_NONE, "none", "")                                     \
	X(ROLE_GROUP_BY, "group_by", "grouping key")                 \
	X(ROLE_RANK_BY, "rank_by", "value rows are ranked by")       \
	X(ROLE_RANK_INDEX, "rank_index", "rank number output")       \
	X(ROLE_KEY, "key", "primary key column")                     \
	X(ROLE_FOREIGN_KEY, "foreign_key", "foreign key column")     \
	X(ROLE_PRIMARY_FOREIGN_KEY, "primary_foreign_key", "both") \
	X(ROLE_VALUE, "value", "value column a change capture compares")

#define GROUP_KIND_LIST(X)                                         \
	X(GROUP_INPUT, "input", "input group")                      \
	X(GROUP_OUTPUT, "output", "output group")                   \
	X(GROUP_DEFAULT, "default", "output for rows no condition took") \
	X(GROUP_ERROR, "error", "error output")                     \
	X(GROUP_UNMATCHED, "unmatched", "rows a join or lookup found no match for") \
	X(GROUP_DUPLICATE, "duplicate", "rows a dedup step removed") \
	X(GROUP_ASSERTION, "assertion", "a test the step asserts over the rows of its input `of_input` (cond: the expression or value; norm of its row_error prop: what is tested)")

#define FLOW_KIND_LIST(X)                                                    \
	X(FLOW_MAPPING, "mapping", "PowerCenter mapping")                     \
	X(FLOW_MAPPLET, "mapplet", "reusable sub-flow (mapplet, macro, shared container)") \
	X(FLOW_DATA_FLOW, "data_flow", "SSIS data flow task")                 \
	X(FLOW_WORKFLOW, "workflow", "Alteryx workflow")                      \
	X(FLOW_JOB, "job", "DataStage parallel or server job")

#define CONTROL_KIND_LIST(X)                                          \
	X(CTRL_WORKFLOW, "workflow", "PowerCenter workflow")           \
	X(CTRL_WORKLET, "worklet", "PowerCenter worklet (reusable sub-workflow)") \
	X(CTRL_PACKAGE, "package", "SSIS package control flow")        \
	X(CTRL_CONTAINER, "container", "SSIS sequence container")      \
	X(CTRL_LOOP, "loop", "a body run repeatedly (For/Foreach loop, DataStage loop, iterative macro)") \
	X(CTRL_EVENT_HANDLER, "event_handler", "runs when its owner raises an event (SSIS OnError...)") \
	X(CTRL_SEQUENCE, "sequence", "DataStage sequence job")

#define TASK_KIND_LIST(X)                                                          \
	X(TASK_OTHER, "other", "not recognised; kept opaque")                       \
	X(TASK_START, "start", "entry point of a workflow")                         \
	X(TASK_RUN_FLOW, "run_flow", "runs a data flow (session, data flow task, job activity)") \
	X(TASK_RUN_CONTROL, "run_control", "runs a sub-workflow (worklet, package, sequence)") \
	X(TASK_COMMAND, "command", "runs operating-system commands")                \
	X(TASK_ASSIGNMENT, "assignment", "assigns variables")                       \
	X(TASK_DECISION, "decision", "evaluates a condition for the links after it") \
	X(TASK_EMAIL, "email", "sends an email")                                    \
	X(TASK_CONTROL, "control", "stops, aborts or fails the workflow")           \
	X(TASK_TIMER, "timer", "waits until a time")                                \
	X(TASK_EVENT_WAIT, "event_wait", "waits for an event or file")              \
	X(TASK_EVENT_RAISE, "event_raise", "raises an event")                       \
	X(TASK_SQL, "sql", "runs SQL statements")                                   \
	X(TASK_SCRIPT, "script", "user code")                                       \
	X(TASK_FILE, "file", "copies, moves, deletes or transfers files (FTP, blob, HDFS)") \
	X(TASK_HTTP, "http", "calls a web service")                                 \
	X(TASK_LOOP, "loop", "runs its body repeatedly")                            \
	X(TASK_CONTAINER, "container", "groups tasks")

#define LINK_ON_LIST(X)                                                        \
	X(LINK_ANY, "any", "always followed (no outcome test)")                 \
	X(LINK_SUCCESS, "success", "followed when the task succeeded")          \
	X(LINK_FAILURE, "failure", "followed when the task failed")             \
	X(LINK_COMPLETION, "completion", "followed whatever the outcome")       \
	X(LINK_WARNING, "warning", "followed when the task ended with warnings") \
	X(LINK_OTHERWISE, "otherwise", "followed when no other link was")

#define PARAM_SCOPE_LIST(X)                                                 \
	X(SCOPE_GLOBAL, "global", "whole run (parameter file [Global])")     \
	X(SCOPE_FLOW, "flow", "one data flow (mapping parameter, job parameter)") \
	X(SCOPE_CONTROL, "control", "one control flow (workflow variable)")  \
	X(SCOPE_RUN, "run", "one run of a flow (session parameter)")         \
	X(SCOPE_PROJECT, "project", "project level (SSIS project parameter)") \
	X(SCOPE_PARAMETER_SET, "parameter_set", "DataStage parameter set")  \
	X(SCOPE_SYSTEM, "system", "built in, set by the engine")

#define PARAM_KIND_LIST(X)                                       \
	X(PARAM_PARAMETER, "parameter", "set before the run, read-only") \
	X(PARAM_VARIABLE, "variable", "may change during the run")

/* Neutral meanings of step/session attributes.  A frontend marks each
 * attribute it recognises; the rule engine reads them by key. */
#define SETTING_LIST(X)                                                              \
	X(SET_NONE, "", "no neutral meaning; kept as written")                        \
	X(SET_SQL_QUERY, "sql_query", "SQL that replaces the generated query")         \
	X(SET_SOURCE_FILTER, "source_filter", "condition added to the source query")   \
	X(SET_USER_JOIN, "user_defined_join", "join condition between a query's sources") \
	X(SET_SELECT_DISTINCT, "select_distinct", "source query selects distinct rows") \
	X(SET_SORTED_PORTS, "sorted_ports", "number of leading ports the query orders by") \
	X(SET_PRE_SQL, "pre_sql", "SQL run before the flow reads or writes")           \
	X(SET_POST_SQL, "post_sql", "SQL run after")                                   \
	X(SET_LOOKUP_SQL, "lookup_sql", "SQL that replaces the lookup query")          \
	X(SET_LOOKUP_TABLE, "lookup_table", "table the lookup reads")                  \
	X(SET_LOOKUP_FILTER, "lookup_filter", "condition on the lookup table's rows")  \
	X(SET_LOOKUP_CONDITION, "lookup_condition", "how input rows match lookup rows") \
	X(SET_LOOKUP_POLICY, "lookup_policy", "which row wins on several matches")     \
	X(SET_LOOKUP_CACHED, "lookup_cached", "lookup caches its table")               \
	X(SET_LOOKUP_DYNAMIC, "lookup_dynamic", "lookup cache changes during the run") \
	X(SET_LOOKUP_NO_MATCH, "lookup_no_match", "what a lookup does with an input row no lookup row matches: null, fail or redirect") \
	X(SET_ROW_ERROR, "row_error", "what becomes of a row whose evaluation fails: fail, skip or redirect") \
	X(SET_CONNECTION, "connection", "connection a step reads or writes through")   \
	X(SET_JOIN_TYPE, "join_type", "inner, master outer, detail outer, full outer") \
	X(SET_JOIN_CONDITION, "join_condition", "how the two inputs match")            \
	X(SET_NULLS_EQUAL, "nulls_equal", "join keys: a NULL key matches a NULL key")   \
	X(SET_FILTER_CONDITION, "filter_condition", "rows kept where true")            \
	X(SET_UPDATE_STRATEGY, "update_strategy", "expression giving each row's operation") \
	X(SET_FORWARD_REJECTED, "forward_rejected", "rejected rows go on to the target") \
	X(SET_SORTED_INPUT, "sorted_input", "input arrives sorted")                    \
	X(SET_CASE_SENSITIVE, "case_sensitive", "string comparison is case-sensitive") \
	X(SET_DISTINCT, "distinct", "output rows are distinct")                        \
	X(SET_DISTINCT_KEYS, "distinct_keys", "one output row per distinct sort key value") \
	X(SET_NULL_ORDER, "null_order", "where NULLs sort")                            \
	X(SET_RANK_TOP_BOTTOM, "rank_top_bottom", "keep the top or the bottom rows")   \
	X(SET_RANK_COUNT, "rank_count", "how many rows to keep per group")             \
	X(SET_SEQ_START, "sequence_start", "first value")                             \
	X(SET_SEQ_INCREMENT, "sequence_increment", "step between values")             \
	X(SET_SEQ_END, "sequence_end", "last value")                                  \
	X(SET_SEQ_CURRENT, "sequence_current", "value the next run starts from")      \
	X(SET_SEQ_CYCLE, "sequence_cycle", "restart after the last value")            \
	X(SET_SEQ_RESET, "sequence_reset", "restart at every run")                    \
	X(SET_SEQ_RESTART, "sequence_restart", "start at the default value (1) at every run") \
	X(SET_TRANSACTION_CONDITION, "transaction_condition", "commit/rollback expression") \
	X(SET_SCOPE, "transformation_scope", "row, transaction or all input")          \
	X(SET_TABLE_NAME, "table_name", "table name used at run time")                 \
	X(SET_TABLE_OWNER, "table_owner", "schema or owner prefix used at run time")   \
	X(SET_TRUNCATE, "truncate_target", "empty the target before loading")          \
	X(SET_BULK_KEEP_NULLS, "bulk_keep_nulls", "bulk load: a NULL input stays NULL (YES) or the target column's default replaces it (NO)") \
	X(SET_BULK_KEEP_IDENTITY, "bulk_keep_identity", "bulk load: the input fills the target's identity column (YES) or the target generates it (NO)") \
	X(SET_BULK_CHECK_CONSTRAINTS, "bulk_check_constraints", "bulk load: the target's CHECK and foreign-key constraints are checked (YES) or ignored (NO)") \
	X(SET_BULK_FIRE_TRIGGERS, "bulk_fire_triggers", "bulk load: the target's insert triggers fire (YES) or not (NO)") \
	X(SET_LOAD_OPERATIONS, "load_operations", "insert/update/delete/upsert options") \
	X(SET_ROW_TREATMENT, "row_treatment", "how rows are treated: insert, update, delete, data driven") \
	X(SET_DECISION_CONDITION, "decision_condition", "condition of a decision task") \
	X(SET_ASSIGNMENT_CONDITION, "assignment_condition", "condition of an assignment task") \
	X(SET_CONTROL_OPTION, "control_option", "what a control task does")            \
	X(SET_PARAMETER_FILE, "parameter_file", "parameter file named by a session or workflow") \
	X(SET_FILE_NAME, "file_name", "file read or written")                          \
	X(SET_FILE_DIR, "file_directory", "directory of the file read or written")     \
	X(SET_SCHEMA_FILE, "schema_file", "schema (XSD) the file read follows")         \
	X(SET_XML_RECORD, "xml_record", "an XML source's output group: the element whose occurrences are its rows, a name or its path from the root ('a/b/c')") \
	X(SET_XML_OCCURRENCE, "xml_occurrence_of", "a port an XML source generates: the number of the named element's occurrence (the group's own element or one enclosing it), in document order, counting from sequence_start") \
	X(SET_TEMPLATE, "template", "custom component's template or class")           \
	X(SET_LANGUAGE, "language", "language of user code")                          \
	X(SET_ROUTING, "routing", "first_match or all_matches: outputs a row may go to") \
	X(SET_LOOP_INIT, "loop_init", "expression run before the first iteration")     \
	X(SET_LOOP_CONDITION, "loop_condition", "iterate while this holds")            \
	X(SET_LOOP_NEXT, "loop_next", "expression run after each iteration")           \
	X(SET_LOOP_ITEMS, "loop_items", "what a foreach loop enumerates")              \
	X(SET_MACRO_MODE, "macro_mode", "standard, batch or iterative macro")          \
	X(SET_COUNT_VARIABLE, "count_variable", "variable set to the number of rows that passed") \
	X(SET_SAMPLE_PERCENT, "sample_percent", "percentage of the rows a random sample keeps") \
	X(SET_SAMPLE_ROWS, "sample_rows", "number of rows a random sample keeps")     \
	X(SET_PIVOT_KEY_VALUE, "pivot_key_value", "the key value a column stands for: an unpivot's input column, a pivot's output column") \
	X(SET_PIVOT_KEY, "pivot_key", "the column of key values: an unpivot's output, a pivot's input") \
	X(SET_PIVOT_VALUE, "pivot_value", "a pivot's input column whose values fill the output columns of each key") \
	X(SET_SAMPLE_MODE, "sample_mode", "which rows a sample keeps: first, last, skip (all but the first N), every_nth, random") \
	X(SET_UNION_MODE, "union_mode", "how a union matches its inputs' columns: by_name or by_position") \
	X(SET_DUPLICATE_PREFIX, "duplicate_prefix", "a join's second input: the prefix of a column whose name the first input has") \
	X(SET_PORTS_IN_ORDER, "ports_in_order", "output ports are evaluated in order, each reading the values of those above it (Alteryx Formula); else every port reads the input row") \
	X(SET_OUTSIDE_ROWS, "outside_rows", "a row reference past the first or last row (of its group) reads: null, or empty (0 for numbers, '' for strings)") \
	X(SET_EXPR_BY_TYPE, "expr_by_type", "a port's expression when the incoming field of its name is of the type class the prop names (string, number); the port's own expression otherwise (Alteryx Data Cleansing)") \
	X(SET_COLUMNS_IN_PLACE, "columns_in_place", "the output keeps the input's columns in order, a port of the same name replacing its column there, new ports after (Alteryx Formula); else declared ports come first") \
	X(SET_SPLIT_ROWS, "split_rows", "the port's field split into rows by the regular expression the prop holds: pieces (the pieces between matches) or matches (each match, or its first marked group)") \
	X(SET_TILE, "tile", "rows numbered into tiles: equal_rows (the value: how many tiles, in arrival order), by_value (a tile per value of the key ports, in their order), first (in the order each value first arrives), cutoffs (the value: upper limits, newline-separated, of the key port's value)") \
	X(SET_TEXT_LOOKUP, "text_lookup", "each row of the first input takes the first row of the second whose key text is found in its key: find_whole (equal), find_begin (at its start), find_any (anywhere); props case_insensitive, whole_word; ports replace_with (the found text replaced by that column) or append (columns added)") \
	X(SET_ASSERTION, "assertion", "what an assertion group tests: row_count, all_rows, first_row, no_rows") \
	X(SET_RANDOM_SEED, "random_seed", "the seed of a step's random draw") \
	X(SET_TYPE_OF, "type_of", "a port of no declared type takes the type of the incoming column the prop names, its value cast to it (Alteryx Multi-Field Formula: a field keeps its type)") \
	X(SET_DIFFERENCE, "difference", "what the SQL does not reproduce of the tool's documented behaviour (types chosen by the data, random rows): the rule warns at the node (W0602)") \
	X(SET_KEEP, "keep", "which row of each key a dedup keeps: first or last, in the order rows arrive in") \
	X(SET_KEY_CHANGE, "key_change", "a port a sort generates: 1 on the first row of each group of equal sort keys, else 0") \
	X(SET_CHANGE_CODES, "change_codes", "a change capture's codes as 'copy,insert,delete,edit' (numbers)") \
	X(SET_CHANGE_KEEP, "change_keep", "the kinds of change a change capture outputs, from copy, insert, delete, edit, comma-separated") \
	X(SET_CHANGE_CODE, "change_code", "the port a change capture writes each row's change code into") \
	X(SET_UNPIVOT_NULLS, "unpivot_nulls", "an unpivot's rows whose values are all NULL: keep (every key gives its row, DataStage Pivot) or, absent, left out (SSIS Unpivot)")

/* Neutral values of enumerated settings (AstProp.norm).  A frontend maps
 * the value as written ("Master Outer Join", "Use Last Value", an SSIS
 * NoMatchBehavior of 1) onto one of these; the rule engine reads only
 * these, and takes the tool's default (src/rules/semantics.c) when a
 * setting is absent or its value is VAL_NONE.  The doc names the settings
 * each value belongs to. */
#define SETTING_VALUE_LIST(X)                                                        \
	X(VAL_NONE, "", "not an enumerated setting, or a value not recognised")       \
	X(VAL_INNER, "inner", "join_type: matching pairs only")                        \
	X(VAL_LEFT_OUTER, "left_outer", "join_type: also the detail (non-master) rows nothing matches (PowerCenter master outer)") \
	X(VAL_RIGHT_OUTER, "right_outer", "join_type: also the master rows nothing matches (PowerCenter detail outer)") \
	X(VAL_FULL_OUTER, "full_outer", "join_type: also the unmatched rows of both inputs") \
	X(VAL_FIRST, "first", "lookup_policy: the first matching row in the lookup's order") \
	X(VAL_LAST, "last", "lookup_policy: the last matching row in the lookup's order") \
	X(VAL_ANY, "any", "lookup_policy: any one matching row")                       \
	X(VAL_ALL, "all", "lookup_policy: every matching row (the input row repeats)") \
	X(VAL_FAIL, "fail", "lookup_policy, lookup_no_match, row_error: the run fails") \
	X(VAL_NULL, "null", "lookup_no_match: the row goes on, its lookup outputs NULL") \
	X(VAL_REDIRECT, "redirect", "lookup_no_match, row_error: the row goes to a separate output (GROUP_UNMATCHED, GROUP_ERROR)") \
	X(VAL_ERROR_OUTPUT, "error_output", "lookup_no_match: the row is a row error redirected to the step's error output (GROUP_ERROR)") \
	X(VAL_SKIP, "skip", "row_error, lookup_no_match: the row is dropped")                           \
	X(VAL_FIRST_MATCH, "first_match", "routing: a row goes to the first group whose condition holds") \
	X(VAL_ALL_MATCHES, "all_matches", "routing: a row goes to every group whose condition holds") \
	X(VAL_DISTRIBUTE, "distribute", "routing: the rows are spread over the outputs, each to one, which one not determined") \
	X(VAL_TOP, "top", "rank_top_bottom: the largest values")                       \
	X(VAL_BOTTOM, "bottom", "rank_top_bottom: the smallest values")                \
	X(VAL_INSERT, "insert", "row_treatment: rows are inserted")                    \
	X(VAL_UPDATE, "update", "row_treatment: rows update the target")               \
	X(VAL_DELETE, "delete", "row_treatment: rows delete from the target")          \
	X(VAL_UPSERT, "upsert", "row_treatment: a row updates the row with its key, or is inserted when there is none") \
	X(VAL_REPLACE, "replace", "row_treatment: the rows with a row's key are deleted, then the row is inserted") \
	X(VAL_DATA_DRIVEN, "data_driven", "row_treatment: each row's operation comes from the flow") \
	X(VAL_NULLS_LOW, "nulls_low", "null_order: NULL sorts below every value (first ascending)") \
	X(VAL_NULLS_HIGH, "nulls_high", "null_order: NULL sorts above every value (last ascending)") \
	X(VAL_NULLS_FIRST, "nulls_first", "null_order (of a sort key port): NULL sorts first, whatever the direction") \
	X(VAL_NULLS_LAST, "nulls_last", "null_order (of a sort key port): NULL sorts last, whatever the direction") \
	X(VAL_EMPTY, "empty", "outside_rows: 0 for a number, '' for a string, NULL otherwise") \
	X(VAL_EVERY_NTH, "every_nth", "sample_mode: row 1, N+1, 2N+1...") \
	X(VAL_RANDOM, "random", "sample_mode: each row with a 1 in N chance") \
	X(VAL_BY_NAME, "by_name", "union_mode: columns of one name are one column") \
	X(VAL_ROW_COUNT, "row_count", "assertion: the input has the number of rows its value gives") \
	X(VAL_ALL_ROWS, "all_rows", "assertion: the expression is true for every row") \
	X(VAL_FIRST_ROW, "first_row", "assertion: the expression is true for the first row") \
	X(VAL_NO_ROWS, "no_rows", "assertion: the expression is true for no row (a message of type error)") \
	X(VAL_BY_POSITION, "by_position", "union_mode: the k-th columns of the inputs are one column") \
	X(VAL_OVERSAMPLE, "oversample", "sample_mode: every row where the filter_condition holds, and of the others, in a seeded random order, as many as make those rows sample_percent of the output") \
	X(VAL_SPLIT, "split", "sample_mode: the rows in a seeded random order shared among the output groups by their sample_percent (a group without one takes the rest)") \
	X(VAL_PIECES, "pieces", "split_rows: the pieces between the pattern's matches") \
	X(VAL_EQUAL_ROWS, "equal_rows", "tile: the rows split into N tiles of equal counts") \
	X(VAL_BY_VALUE, "by_value", "tile: a tile per distinct value, numbered in the value's order") \
	X(VAL_CUTOFFS, "cutoffs", "tile: a tile per range up to each upper limit") \
	X(VAL_FIND_WHOLE, "find_whole", "text_lookup: the key is the entire text") \
	X(VAL_FIND_BEGIN, "find_begin", "text_lookup: the key begins the text") \
	X(VAL_FIND_ANY, "find_any", "text_lookup: the key is in any part of the text") \
	X(VAL_MATCHES, "matches", "split_rows: each match of the pattern (its first marked group when it has one)")

/* Aggregates a port computes when the tool gives them as a kind plus an
 * input column (AstPort.agg_kind, `ref` naming the column) rather than as
 * an expression: SSIS Aggregate, Alteryx Summarize, DataStage Aggregator. */
#define AGG_KIND_LIST(X)                                                          \
	X(AGG_NONE, "", "no aggregate kind (an expression, or not an aggregate)")  \
	X(AGG_SUM, "sum", "sum of the non-NULL values")                             \
	X(AGG_COUNT, "count", "number of non-NULL values")                          \
	X(AGG_COUNT_DISTINCT, "count_distinct", "number of distinct non-NULL values") \
	X(AGG_COUNT_ROWS, "count_rows", "number of rows (no column)")               \
	X(AGG_MIN, "min", "smallest value")                                         \
	X(AGG_MAX, "max", "largest value")                                          \
	X(AGG_AVG, "avg", "mean of the non-NULL values")                            \
	X(AGG_FIRST, "first", "first non-NULL value in arrival order")              \
	X(AGG_LAST, "last", "last non-NULL value in arrival order")                 \
	X(AGG_MEDIAN, "median", "middle value (interpolated)")                      \
	X(AGG_STDDEV, "stddev", "sample standard deviation")                        \
	X(AGG_VARIANCE, "variance", "sample variance") \
	X(AGG_CONCAT, "concat", "the values as text, joined by a separator (port props start, separator, end), in arrival order") \
	X(AGG_FIRST_ROW, "first_row", "the first row's value, NULL included, in arrival order") \
	X(AGG_LAST_ROW, "last_row", "the last row's value, NULL included, in arrival order") \
	X(AGG_MODE, "mode", "the most frequent non-NULL value") \
	X(AGG_COUNT_NULL, "count_null", "number of NULL values") \
	X(AGG_COUNT_BLANK, "count_blank", "number of NULL or empty values") \
	X(AGG_COUNT_NONBLANK, "count_nonblank", "number of values neither NULL nor empty")

/* clang-format on */

/* ---- enums generated from the tables ------------------------------------ */

#define AST_ENUM_ITEM(name, str, doc) name,
typedef enum Tool { TOOL_LIST(AST_ENUM_ITEM) TOOL_COUNT } Tool;
typedef enum ExprLang { LANG_LIST(AST_ENUM_ITEM) LANG_COUNT } ExprLang;
typedef enum TypeKind { TYPE_KIND_LIST(AST_ENUM_ITEM) TYPE_KIND_COUNT } TypeKind;
typedef enum StepKind { STEP_KIND_LIST(AST_ENUM_ITEM) STEP_KIND_COUNT } StepKind;
typedef enum PortRole { PORT_ROLE_LIST(AST_ENUM_ITEM) PORT_ROLE_COUNT } PortRole;
typedef enum GroupKind { GROUP_KIND_LIST(AST_ENUM_ITEM) GROUP_KIND_COUNT } GroupKind;
typedef enum FlowKind { FLOW_KIND_LIST(AST_ENUM_ITEM) FLOW_KIND_COUNT } FlowKind;
typedef enum ControlKind { CONTROL_KIND_LIST(AST_ENUM_ITEM) CONTROL_KIND_COUNT } ControlKind;
typedef enum TaskKind { TASK_KIND_LIST(AST_ENUM_ITEM) TASK_KIND_COUNT } TaskKind;
typedef enum ParamScope { PARAM_SCOPE_LIST(AST_ENUM_ITEM) PARAM_SCOPE_COUNT } ParamScope;
typedef enum ParamKind { PARAM_KIND_LIST(AST_ENUM_ITEM) PARAM_KIND_COUNT } ParamKind;
typedef enum Setting { SETTING_LIST(AST_ENUM_ITEM) SETTING_COUNT } Setting;
typedef enum LinkOn { LINK_ON_LIST(AST_ENUM_ITEM) LINK_ON_COUNT } LinkOn;
typedef enum SettingValue { SETTING_VALUE_LIST(AST_ENUM_ITEM) SETTING_VALUE_COUNT } SettingValue;
typedef enum AggKind { AGG_KIND_LIST(AST_ENUM_ITEM) AGG_KIND_COUNT } AggKind;
#undef AST_ENUM_ITEM

#define AST_PORT_DIR_ITEM(name, bit, str, doc) name = bit,
enum { PORT_DIR_LIST(AST_PORT_DIR_ITEM) };
#undef AST_PORT_DIR_ITEM

const char *tool_name(Tool t);
const char *lang_name(ExprLang l);
const char *type_kind_name(TypeKind k);
const char *step_kind_name(StepKind k);
const char *port_role_name(PortRole r);
const char *group_kind_name(GroupKind k);
const char *flow_kind_name(FlowKind k);
const char *control_kind_name(ControlKind k);
const char *task_kind_name(TaskKind k);
const char *param_scope_name(ParamScope s);
const char *param_kind_name(ParamKind k);
const char *setting_name(Setting s);
const char *link_on_name(LinkOn l);
const char *setting_value_name(SettingValue v);
const char *agg_kind_name(AggKind k);
/* "in|out|var" for a PORT_* mask (static storage; "none" for 0). */
const char *port_dir_string(unsigned dir, char buf[64]);

/* ---- nodes ------------------------------------------------------------- */

typedef struct AstExpr {
	const char *text; /* as written, entities decoded, "\r\n" kept */
	ExprLang lang;
	SrcLoc loc;       /* start of the text in the host file (its attribute) */
	bool synthesized; /* built by the frontend from structured settings (join
	                     keys, simple filters), not written by the user */
	void *parsed;     /* its parse, filled in by src/expr (ExprParsed); opaque here */
} AstExpr;

typedef struct AstType {
	TypeKind kind;
	const char *orig;  /* as written: "number(p,s)", "date/time", "nvarchar2" */
	int32_t precision; /* -1 = not given */
	int32_t scale;     /* -1 = not given */
	bool unicode;      /* national character type */
} AstType;

typedef struct AstProp {
	const char *name;  /* as written: "Sql Query", "PHYSICALLENGTH" */
	const char *value; /* decoded text */
	Setting key;       /* neutral meaning or SET_NONE */
	SettingValue norm; /* an enumerated setting's value, normalised by the
	                      frontend (VAL_NONE: not one, or not recognised) */
	AstExpr *expr;     /* set when the value is an expression, SQL or command */
	bool sensitive;    /* marked secret by the tool: value is not kept ("") */
	SrcLoc loc;
} AstProp;

/* A child element the AST has no dedicated field for (metadata extensions,
 * init properties, embedded schemas...): tag, attributes, text, children. */
typedef struct AstElem {
	const char *tag;
	PtrVec attrs;     /* AstProp */
	const char *text; /* character content, or NULL */
	PtrVec children;  /* AstElem */
	SrcLoc loc;
} AstElem;

typedef struct AstPort {
	const char *name;
	unsigned dir;         /* PORT_* mask; 0 for table columns */
	const char *orig_dir; /* as written: "INPUT/OUTPUT/MASTER" */
	AstType type;
	AstExpr *expr;             /* output/variable port expression, or NULL */
	const char *default_value; /* value used for NULL or error input ("" = none) */
	const char *group;         /* group the port belongs to, or NULL */
	const char *ref;           /* port this one mirrors (router/mapplet/normalizer), or NULL */
	PortRole role;
	bool sort_key;
	bool sort_desc;
	int32_t sort_pos;    /* 1-based position among sort keys, 0 = by port order */
	const char *agg;     /* aggregate function as written ("Sum", "COUNT"), with
	                          `ref` naming the input column, or NULL */
	AggKind agg_kind;    /* `agg` normalised by the frontend (AGG_NONE: none) */
	AstExpr *init;       /* initial value of a variable port, or NULL */
	const char *lineage; /* tool's id for the column (SSIS lineage id), or NULL */
	bool nullable;
	const char *ref_table; /* foreign key target table / field */
	const char *ref_field;
	const char *description;
	PtrVec props;  /* remaining attributes, AstProp */
	PtrVec extras; /* per-port child elements, AstElem */
	SrcLoc loc;
} AstPort;

typedef struct AstGroup {
	const char *name;
	GroupKind kind;
	AstExpr *cond; /* router/split condition, or NULL */
	int32_t order;
	const char *of_input; /* the input an unmatched/duplicate output belongs to */
	bool passes_all;      /* carries every upstream column, declared or not */
	const char *description;
	PtrVec props;  /* AstProp */
	PtrVec extras; /* AstElem */
	SrcLoc loc;
} AstGroup;

typedef enum TableRole { TABLE_SOURCE, TABLE_TARGET, TABLE_RECORD } TableRole;

/* One row of inline data: values[i] belongs to fields[i]; NULL is null. */
typedef struct AstRow {
	PtrVec values; /* const char * */
} AstRow;

/* A property of some object set at run time from a parameter or an
 * expression (SSIS property expressions, Alteryx actions and macro inputs,
 * DataStage job parameters bound into stage properties). */
typedef struct AstBinding {
	const char *target;   /* object path, e.g. "[OLE DB Source].[SqlCommand]" */
	const char *property; /* property name or path within the target */
	const char *param;    /* parameter supplying the value, or NULL */
	AstExpr *expr;        /* expression computing it, or NULL */
	const char *mode;     /* how it applies as written ("replace", "update"...), or NULL */
	SrcLoc loc;
} AstBinding;

typedef struct AstTable {
	const char *name;
	TableRole role;
	const char *db_type; /* "Oracle", "Flat File", "Microsoft SQL Server" ... */
	const char *db_name; /* database definition / connection grouping (PC DBDNAME) */
	const char *owner;   /* schema / owner */
	const char *business_name;
	const char *description;
	const char *folder;
	bool is_file;         /* a flat file rather than a table */
	PtrVec fields;        /* AstPort, dir 0 */
	PtrVec rows;          /* AstRow: data given inline (Alteryx Text Input) */
	PtrVec file_settings; /* AstProp: delimiters, quote, skip rows, code page */
	PtrVec props;         /* AstProp: table attributes and remaining attributes */
	PtrVec extras;        /* AstElem */
	SrcLoc loc;
} AstTable;

typedef struct AstFlow AstFlow;

typedef struct AstStep {
	const char *name;      /* unique in its flow; "M1/EXP_X" when expanded from mapplet instance M1 */
	const char *orig_name; /* the name as written when `name` had to differ, else NULL */
	StepKind kind;
	const char *orig_kind; /* "Lookup Procedure", "Custom Transformation/Java Transformation" */
	const char *def_name;  /* name of the definition it instantiates */
	struct AstStep *def;   /* the transformation definition (NULL for sources/targets) */
	AstTable *table;       /* sources and targets: the table; normalizer/XML: its record */
	AstFlow *subflow;      /* STEP_SUBFLOW: the mapplet */
	const char *scope;     /* mapplet instance path it was expanded from, or NULL */
	const char *shortcut;  /* reached through this SHORTCUT, or NULL */
	bool reusable;
	bool is_definition;    /* a definition (TRANSFORMATION), not an instance */
	bool disabled;         /* kept in the flow but switched off by the tool */
	bool unresolved;       /* its definition is not in the export (a partial export): STEP_UNKNOWN */
	const char *review;    /* why the frontend sends it to review (STEP_CUSTOM), or NULL */
	const char *container; /* visual container path it sits in, or NULL */
	const char *description;
	PtrVec associated; /* const char *: sources a source query reads */
	PtrVec ports;      /* AstPort */
	PtrVec groups;     /* AstGroup */
	PtrVec props;      /* AstProp */
	PtrVec bindings;   /* AstBinding */
	PtrVec extras;     /* AstElem */
	SrcLoc loc;        /* the instance */
	SrcLoc def_loc;    /* the definition */
} AstStep;

typedef struct AstEdge {
	AstStep *from;
	AstPort *from_port; /* NULL for a link-level edge (whole row) */
	AstStep *to;
	AstPort *to_port;
	const char *from_group; /* output/anchor name for link-level edges, or NULL */
	const char *to_group;
	const char *name;  /* link or path name, or NULL */
	const char *scope; /* mapplet instance path it was declared in, or NULL */
	PtrVec props;      /* AstProp: link attributes (partitioning, wireless...) */
	SrcLoc loc;
} AstEdge;

/* A mapplet instance expanded in place: its steps are named "<instance>/..." */
typedef struct AstExpansion {
	const char *instance;
	const char *scope; /* instance path it was declared in, or NULL */
	AstFlow *mapplet;
	const char *file; /* the sub-flow's file when it is not this document (an Alteryx macro), or NULL */
	SrcLoc loc;
} AstExpansion;

typedef struct AstLoadOrder {
	int32_t order;
	const char *target; /* step name */
	AstStep *step;
	SrcLoc loc;
} AstLoadOrder;

typedef struct AstParamValue {
	const char *value;
	const char *section;    /* parameter-file section as written: "[Global]" */
	const char *applies_to; /* "folder.WF:wf.ST:session" it applies to, or NULL for all */
	SrcLoc loc;             /* the parameter-file line */
} AstParamValue;

typedef struct AstParam {
	const char *name; /* "$$LOAD_DATE", "$DBConnection_SRC", "User::X" */
	ParamKind kind;
	ParamScope scope;
	const char *owner; /* flow/control/folder it belongs to, or NULL */
	AstType type;
	const char *default_value; /* NULL = none */
	AstExpr *expr;             /* value given by an expression, or NULL */
	const char *aggregation;   /* variable aggregation as written (MAX, MIN, COUNT), or NULL */
	AggKind agg;               /* the same, neutral: AGG_MAX, AGG_MIN, AGG_COUNT; AGG_NONE */
	bool persistent;
	bool user_defined;
	bool declared;   /* false: known only from a parameter file or a reference */
	bool sensitive;  /* a secret: default and values are not kept */
	const char *set; /* parameter set it belongs to, or NULL */
	const char *description;
	PtrVec values; /* AstParamValue: externally assigned values */
	PtrVec props;  /* AstProp: remaining attributes */
	SrcLoc loc;
} AstParam;

struct AstFlow {
	const char *name;
	FlowKind kind;
	const char *folder;
	const char *description;
	bool valid;        /* the tool marked it valid */
	PtrVec defs;       /* AstStep definitions declared inside the flow */
	PtrVec steps;      /* AstStep instances (expanded) */
	PtrVec edges;      /* AstEdge */
	PtrVec expansions; /* AstExpansion */
	PtrVec params;     /* AstParam */
	PtrVec param_sets; /* const char *: parameter sets the flow uses */
	PtrVec bindings;   /* AstBinding */
	PtrVec load_order; /* AstLoadOrder */
	PtrVec props;      /* AstProp */
	PtrVec extras;     /* AstElem */
	SrcLoc loc;
};

typedef struct AstConnection {
	const char *name;    /* connection object name, or a connection variable */
	const char *kind;    /* "Relational", "Flat File", "FTP", "Application"... */
	const char *subtype; /* "Oracle", "Microsoft SQL Server"... */
	const char *id;      /* tool's id (SSIS DTSID/refId), or NULL */
	bool declared;       /* defined in this file (else only referenced) */
	PtrVec props;        /* AstProp: non-secret settings (server, database, file) */
	AstTable *layout;    /* record layout of a file connection, or NULL */
	SrcLoc loc;          /* first reference */
	SrcLoc def_loc;      /* the definition, when declared */
} AstConnection;

typedef struct AstConnRef {
	const char *ref_name; /* role of the connection: "DB Connection", "Lookup" */
	const char *variable; /* connection variable ($DBConnection_X), or NULL */
	AstConnection *conn;  /* NULL when the reference names no connection */
	SrcLoc loc;
} AstConnRef;

/* Per-instance settings a run gives a data-flow step (PowerCenter
 * SESSTRANSFORMATIONINST / SESSIONEXTENSION). */
typedef struct AstOverride {
	const char *instance; /* step name in the flow */
	const char *instance_type;
	const char *extension; /* "Relational Writer", "File Reader", or NULL */
	const char *ext_type;  /* READER / WRITER, or NULL */
	PtrVec props;          /* AstProp */
	PtrVec connections;    /* AstConnRef */
	PtrVec extras;         /* AstElem (partitions...) */
	SrcLoc loc;
} AstOverride;

typedef enum CommandWhen {
	CMD_TASK,         /* the task's own command list */
	CMD_PRE,          /* before the session */
	CMD_POST_SUCCESS, /* after the session succeeded */
	CMD_POST_FAILURE  /* after the session failed */
} CommandWhen;

typedef struct AstCommand {
	const char *name; /* command name, or the assigned variable */
	AstExpr *value;   /* command text (LANG_SHELL) or assigned expression */
	bool assignment;  /* variable assignment rather than a command */
	bool reverse;     /* assignment copies the other way (PowerCenter
	                        REVERSEASSIGNMENT: from the session to the workflow) */
	CommandWhen when;
	int32_t order;
	const char *component; /* owning session component, or NULL */
	SrcLoc loc;
} AstCommand;

typedef struct AstControl AstControl;

/* A run of a data flow (PowerCenter session). */
typedef struct AstSession {
	const char *mapping_name; /* as written (may name a shortcut) */
	AstFlow *mapping;         /* resolved, or NULL */
	const char *config;       /* session configuration object, or NULL */
	PtrVec overrides;         /* AstOverride */
	PtrVec components;        /* AstTask: commands, variable assignments and emails
	                             run before or after the session (their AstCommands
	                             say when) */
	PtrVec props;             /* AstProp: session attributes */
	PtrVec extras;            /* AstElem */
} AstSession;

typedef struct AstTask {
	const char *name;
	TaskKind kind;
	const char *orig_kind;
	bool is_definition;   /* a definition (TASK, SESSION, WORKLET) vs an instance */
	const char *def_name; /* instances: the definition's name */
	struct AstTask *def;  /* instances: the resolved definition (local or reusable) */
	AstControl *sub;      /* worklet body (definition) / container body */
	AstSession *session;  /* TASK_RUN_FLOW definitions, and instance-level overrides */
	PtrVec commands;      /* AstCommand */
	bool enabled;
	bool reusable;
	bool fail_parent_if_fails;
	bool fail_parent_if_not_run;
	bool links_and; /* input links combine with AND (false: OR) */
	const char *description;
	PtrVec props;    /* AstProp */
	PtrVec handlers; /* AstControl (CTRL_EVENT_HANDLER) */
	PtrVec bindings; /* AstBinding */
	PtrVec extras;   /* AstElem */
	SrcLoc loc;
} AstTask;

typedef struct AstLink {
	const char *from_name;
	const char *to_name;
	AstTask *from; /* task instances */
	AstTask *to;
	LinkOn on;            /* outcome of `from` the link waits for */
	AstExpr *cond;        /* NULL when unconditional */
	bool cond_or_outcome; /* followed when cond OR the outcome holds (SSIS
	                          EvalOp "ExpressionOrConstraint"); else both */
	const char *name;     /* link or trigger name, or NULL */
	PtrVec props;         /* AstProp */
	SrcLoc loc;
} AstLink;

struct AstControl {
	const char *name;
	ControlKind kind;
	const char *folder;
	bool reusable;
	bool enabled;
	bool valid;
	const char *description;
	PtrVec defs;       /* AstTask definitions local to this control */
	PtrVec tasks;      /* AstTask instances */
	PtrVec links;      /* AstLink */
	PtrVec params;     /* AstParam */
	PtrVec param_sets; /* const char *: parameter sets used */
	PtrVec handlers;   /* AstControl (CTRL_EVENT_HANDLER) */
	PtrVec bindings;   /* AstBinding */
	PtrVec props;      /* AstProp */
	PtrVec extras;     /* AstElem */
	SrcLoc loc;
};

typedef struct AstShortcut {
	const char *name;
	const char *object_type;    /* SOURCE, TARGET, MAPPING, MAPPLET, TRANSFORMATION... */
	const char *object_subtype; /* "Source Definition", "Lookup Procedure"... */
	const char *ref_folder;
	const char *ref_name;
	const char *ref_db_name;
	const char *repository;
	bool global; /* refers to another repository */
	bool resolved;
	const char *resolved_kind; /* "table", "flow", "transformation", ... */
	void *target;              /* the object it resolved to */
	PtrVec props;
	SrcLoc loc;
} AstShortcut;

/* A user-defined function or routine (DataStage routine, PowerCenter
 * user-defined function), kept with its source text. */
typedef struct AstFunction {
	const char *name;
	ExprLang lang;
	PtrVec args;   /* const char *: argument names in order */
	AstExpr *body; /* source text, or NULL when compiled only */
	PtrVec props;  /* AstProp */
	SrcLoc loc;
} AstFunction;

typedef struct AstFolder {
	const char *name;
	bool shared;
	const char *owner;
	const char *description;
	PtrVec tables;     /* AstTable: sources and targets in source order */
	PtrVec transforms; /* AstStep definitions: reusable transformations */
	PtrVec flows;      /* AstFlow: mappings and mapplets */
	PtrVec tasks;      /* AstTask definitions: reusable sessions, commands, emails */
	PtrVec controls;   /* AstControl: workflows and reusable worklets */
	PtrVec shortcuts;  /* AstShortcut */
	PtrVec configs;    /* AstElem: session configuration objects */
	PtrVec params;     /* AstParam: parameter sets and standalone parameters */
	PtrVec functions;  /* AstFunction */
	PtrVec props;
	PtrVec extras;
	SrcLoc loc;
} AstFolder;

typedef struct AstParamAssign {
	const char *name;
	const char *value;
	SrcLoc loc;
} AstParamAssign;

typedef struct AstParamSection {
	const char *header; /* as written, without brackets */
	const char *folder; /* parsed parts, NULL when absent */
	const char *workflow;
	const char *worklet; /* innermost worklet of a .WT: chain */
	const char *session;
	bool global;
	bool matched;   /* names something in this export */
	PtrVec assigns; /* AstParamAssign */
	SrcLoc loc;
} AstParamSection;

typedef struct AstParamFile {
	const char *path;
	PtrVec sections; /* AstParamSection */
} AstParamFile;

typedef struct AstDoc {
	Arena *arena;
	Tool tool;
	const char *path;
	const char *encoding;       /* declared encoding (NULL: none, UTF-8 assumed) */
	const char *format_version; /* PC REPOSITORY_VERSION, SSIS PackageFormatVersion... */
	const char *created;        /* creation date as written */
	const char *repository;     /* repository / project name */
	PtrVec props;               /* AstProp: root and repository attributes */
	PtrVec folders;             /* AstFolder */
	PtrVec connections;         /* AstConnection, unique by name and kind */
	PtrVec params;              /* AstParam known only from parameter files */
	PtrVec param_files;         /* AstParamFile */
	PtrVec exprs;               /* AstExpr: every expression, in creation order
				       (src/expr parses them once: expr_parse_doc) */
	/* A unit of a file read unit by unit (frontend_parse_units) whose
	 * objects refer to others across units (DataStage): the document that
	 * holds them, its own expressions to be parsed too; else NULL. */
	const struct AstDoc *whole;
} AstDoc;

/* ---- constructors (arena-allocated, never NULL) ------------------------- */

AstDoc *ast_doc_new(Arena *a, Tool tool, const char *path);
AstFolder *ast_folder_new(AstDoc *d, const char *name);
AstTable *ast_table_new(AstDoc *d, TableRole role, const char *name);
AstFlow *ast_flow_new(AstDoc *d, FlowKind kind, const char *name);
AstStep *ast_step_new(AstDoc *d, StepKind kind, const char *name);
AstPort *ast_port_new(AstDoc *d, const char *name);
AstGroup *ast_group_new(AstDoc *d, GroupKind kind, const char *name);
AstEdge *ast_edge_new(AstDoc *d);
AstProp *ast_prop_new(AstDoc *d, const char *name, const char *value);
AstElem *ast_elem_new(AstDoc *d, const char *tag);
AstExpr *ast_expr_new(AstDoc *d, ExprLang lang, const char *text, SrcLoc loc);
AstParam *ast_param_new(AstDoc *d, const char *name, ParamKind kind, ParamScope scope);
AstControl *ast_control_new(AstDoc *d, ControlKind kind, const char *name);
AstTask *ast_task_new(AstDoc *d, TaskKind kind, const char *name);
AstSession *ast_session_new(AstDoc *d);
AstLink *ast_link_new(AstDoc *d);
AstCommand *ast_command_new(AstDoc *d, const char *name);
AstOverride *ast_override_new(AstDoc *d, const char *instance);
AstShortcut *ast_shortcut_new(AstDoc *d, const char *name);
/* The doc-wide connection with this name and kind, created on first use. */
AstConnection *ast_connection_get(AstDoc *d, const char *name, const char *kind, const char *subtype,
				  SrcLoc loc);

void ast_push(AstDoc *d, PtrVec *v, void *item);

/* ---- queries ------------------------------------------------------------ */

AstType ast_type_unknown(void);
/* First prop with this neutral key, or NULL. */
AstProp *ast_props_find(const PtrVec *props, Setting key);
/* The neutral value of the first prop with this key, or `dflt` when
 * there is none or its value was not recognised (VAL_NONE). */
SettingValue ast_props_value(const PtrVec *props, Setting key, SettingValue dflt);
/* First prop with this name (exact), or NULL. */
AstProp *ast_props_find_name(const PtrVec *props, const char *name);
AstPort *ast_ports_find(const PtrVec *ports, const char *name);
/* The port of that name in that group (NULL group: any). */
AstPort *ast_ports_find_in(const PtrVec *ports, const char *group, const char *name);

/* Object counts, the basis of the real-corpus completeness check.  Each
 * counts the source objects of that kind that the AST holds. */
typedef struct AstCounts {
	uint32_t folders, sources, targets, flows, mappings, mapplets;
	uint32_t transformations; /* definitions: reusable + declared in flows */
	uint32_t instances;       /* declared instances, mapplet instances included */
	uint32_t connectors;      /* declared port-to-port connectors */
	uint32_t steps;           /* steps after mapplet expansion */
	uint32_t edges;           /* edges after mapplet expansion */
	uint32_t workflows, worklets, sessions, tasks, task_instances, links;
	uint32_t params, shortcuts, expressions;
} AstCounts;

void ast_count(const AstDoc *d, AstCounts *c);

#endif
