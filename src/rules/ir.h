/* ir.h - the pipeline IR: what the rule engine builds from the workflow
 * AST and what the emitter writes as pipeline YAML (src/rules).
 *
 * One IrDoc per input file.  Data flows become IrPipelines of IrNodes; a
 * SQL node's `sql` is one SELECT whose FROM names the ids of the nodes it
 * depends on, so the nodes compose into one WITH ... SELECT per sink
 * (docs/pipeline-yaml.md).  Control flows become IrWorkflows of IrTasks.
 *
 * Invariants: all memory belongs to the arena the IrDoc was built in;
 * every PtrVec keeps a deterministic order (source order, then creation
 * order); ids are unique in their pipeline or workflow and match
 * [a-z_][a-z0-9_]{0,62}.
 */
#ifndef AKKO_RULES_IR_H
#define AKKO_RULES_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"

/* clang-format off */
/* X(enum, name in the YAML, doc) */
#define NODE_TYPE_LIST(X)                                                                      \
	X(NODE_SOURCE_TABLE, "source_table", "reads a table of a source connection")           \
	X(NODE_SOURCE_FILE, "source_file", "reads a flat file (not SQL: the runner loads it)")  \
	X(NODE_SOURCE_PUSHDOWN, "source_connector_sql_pushdown", "query run at the source (Source Qualifier)") \
	X(NODE_SOURCE_INLINE, "source_inline", "rows written in the job itself (a VALUES list): needs no database") \
	X(NODE_EXPRESSION, "sql_expression", "computes columns row by row")                    \
	X(NODE_LOOKUP, "sql_join_pushdown", "looks values up: LEFT JOIN LATERAL over the lookup relation") \
	X(NODE_GROUP_BY, "sql_group_by", "groups rows and computes aggregates")                \
	X(NODE_WHERE, "sql_where", "keeps the rows where a condition is true")                \
	X(NODE_JOIN, "sql_join", "joins two inputs")                                           \
	X(NODE_ORDER_BY, "sql_order_by", "orders rows, optionally distinct")                   \
	X(NODE_BRANCH, "conditional_branch", "one output group of a router (default included)") \
	X(NODE_SEQUENCE, "sequence_generator", "numbers rows: start + (n - 1) * increment")     \
	X(NODE_UPSERT, "upsert_strategy", "tags each row with its operation (insert, update, delete, reject)") \
	X(NODE_UNION, "sql_union_all", "concatenates inputs")                                  \
	X(NODE_RANK, "sql_rank", "keeps the top or bottom N rows per group")                   \
	X(NODE_NORMALIZER, "normalizer", "turns repeated columns into rows")                   \
	X(NODE_SINK_TABLE, "sink_table", "writes a table: insert, upsert, truncate_insert or delete") \
	X(NODE_SINK_FILE, "sink_file", "writes a flat file")                                   \
	X(NODE_PLACEHOLDER, "placeholder", "could not be converted: kept for manual review, no SQL")

#define CONV_SOURCE_LIST(X)                                                        \
	X(CONV_RULE_ENGINE, "rule_engine", "converted by a rule")                   \
	X(CONV_LLM, "llm", "drafted by an LLM, validated and re-scored")            \
	X(CONV_LLM_UNAVAILABLE, "llm_unavailable", "needs the fallback path, which is not configured or gave no valid answer: manual review") \
	X(CONV_UNSUPPORTED, "unsupported", "nothing can convert it (e.g. user code): manual review")

#define LOAD_MODE_LIST(X)                                                          \
	X(LOAD_INSERT, "insert", "append every row")                                \
	X(LOAD_UPSERT, "upsert", "MERGE by key: rows tagged insert/update are written, delete deletes, reject skips") \
	X(LOAD_TRUNCATE_INSERT, "truncate_insert", "empty the table, then insert")  \
	X(LOAD_DELETE, "delete", "delete the rows matching by key")

#define CHECK_TYPE_LIST(X)                                                          \
	X(CHECK_ROW_COUNT, "row_count", "the sink received rows (compare with the legacy run)") \
	X(CHECK_NULL_PERCENTAGE, "null_percentage", "share of NULLs per sink column stays under a threshold") \
	X(CHECK_DUPLICATE, "duplicate", "no duplicate rows by the sink's key")      \
	X(CHECK_SCHEMA, "schema_validation", "the sink's columns and types match the target table") \
	X(CHECK_RECONCILE, "low_confidence_reconciliation", "compare this object's output with the legacy output row by row") \
	X(CHECK_ASSERTION, "assertion", "a condition the job itself asserts (a test tool): `sql` over the node's rows gives true when it holds")

#define TASK_TYPE_LIST(X)                                                           \
	X(TASK_T_START, "start", "where the workflow begins")                       \
	X(TASK_T_PIPELINE, "pipeline", "runs a pipeline of this file (a session)")   \
	X(TASK_T_COMMAND, "command", "operating-system commands, kept opaque")      \
	X(TASK_T_SQL, "sql", "SQL statements run on a connection")                  \
	X(TASK_T_DECISION, "decision", "evaluates a condition for the links after it") \
	X(TASK_T_ASSIGNMENT, "assignment", "sets workflow variables")               \
	X(TASK_T_WAIT, "wait", "waits for a time or an event")                      \
	X(TASK_T_EVENT, "event", "raises an event")                                 \
	X(TASK_T_EMAIL, "email", "sends an e-mail")                                 \
	X(TASK_T_CONTROL, "control", "stops, aborts or fails the workflow")         \
	X(TASK_T_WORKFLOW, "workflow", "runs another workflow of this file (worklet)") \
	X(TASK_T_PACKAGE, "package", "runs another package (a file of its own), named in `package`") \
	X(TASK_T_SCRIPT, "script", "user code, kept in `code` for review, not run")  \
	X(TASK_T_CONTAINER, "container", "groups the tasks whose `parent` it is (SSIS Sequence)") \
	X(TASK_T_LOOP, "loop", "runs the tasks whose `parent` it is repeatedly, as `loop` says") \
	X(TASK_T_EVENT_HANDLER, "event_handler", "runs the tasks whose `parent` it is when `handler.owner` raises `handler.event`") \
	X(TASK_T_OPAQUE, "opaque", "not converted: kept for manual review")
/* clang-format on */

#define IR_ENUM_ITEM(name, str, doc) name,
typedef enum NodeType { NODE_TYPE_LIST(IR_ENUM_ITEM) NODE_TYPE_COUNT } NodeType;
typedef enum ConvSource { CONV_SOURCE_LIST(IR_ENUM_ITEM) CONV_SOURCE_COUNT } ConvSource;
typedef enum LoadMode { LOAD_MODE_LIST(IR_ENUM_ITEM) LOAD_MODE_COUNT } LoadMode;
typedef enum CheckType { CHECK_TYPE_LIST(IR_ENUM_ITEM) CHECK_TYPE_COUNT } CheckType;
typedef enum TaskType { TASK_TYPE_LIST(IR_ENUM_ITEM) TASK_TYPE_COUNT } TaskType;
#undef IR_ENUM_ITEM

const char *node_type_name(NodeType t);
const char *node_type_doc(NodeType t);
const char *conv_source_name(ConvSource c);
const char *load_mode_name(LoadMode m);
const char *check_type_name(CheckType c);
const char *task_type_name(TaskType t);
bool node_type_parse(const char *s, NodeType *out);

/* Where an object came from. */
typedef struct IrOrigin {
	const char *object; /* source object name as written: "EXP_CALC", "M1/EXP_X" */
	const char *kind;   /* original kind: "Expression", "Source Qualifier" */
	uint32_t line;      /* line in the input file, 0 when unknown */
} IrOrigin;

typedef struct IrWarning {
	const char *code; /* diagnostic code: "W0511" */
	const char *message;
	uint32_t line; /* 0 when unknown */
} IrWarning;

typedef struct IrColumn {
	const char *name; /* the identifier as SQL sees it (lower case) */
	const char *type; /* PostgreSQL type: text, integer, numeric(10,2), timestamp... */
} IrColumn;

typedef struct IrTable {
	const char *name;       /* the relation the SQL reads or writes (lower case) */
	const char *schema;     /* owner/schema as written, or NULL */
	const char *connection; /* connection name or variable, or NULL */
	const char *orig_name;  /* the name as written in the export */
	const char *file;       /* source_file/sink_file: the file name, or NULL */
	const char *format;     /* the file's format when not a flat file: "xml", or NULL */
	const char *record;     /* xml: the element whose occurrences are the rows */
	const char *schema_file; /* xml: the schema (XSD) the file follows, or NULL */
	PtrVec ids;              /* xml: IrXmlId, the columns the XML source generates */
} IrTable;

/* A column an XML source generates: the number of the occurrence of
 * `element` (the record's own, or one enclosing it) in document order,
 * counting from `start`. */
typedef struct IrXmlId {
	const char *column;
	const char *element;
	long long start;
} IrXmlId;

/* A value a source_sql reads from the flow: `~name~` is replaced by its
 * text ("substitute") or `?name?` bound to it ("bind"). */
typedef struct IrSourceParam {
	const char *name;
	const char *mode; /* "substitute" or "bind" */
} IrSourceParam;

typedef struct IrNode {
	const char *id;
	NodeType type;
	PtrVec depends_on; /* const char *: node ids, in FROM order */
	IrOrigin origin;
	double confidence;      /* final, 0..1 */
	double base_confidence; /* the rule's base value */
	ConvSource source;
	const char *rule; /* rule that lowered it: "powercenter/expression" */
	const char *llm_model; /* conversion_source llm: the model that drafted the SQL */
	const char *llm_key;   /* conversion_source llm: the cache key of its answer */
	bool review;      /* needs manual review */
	PtrVec warnings;  /* IrWarning */
	PtrVec evidence;  /* const char *: how the confidence came about */
	PtrVec columns;   /* IrColumn: output columns in order */
	const char *sql;  /* one SELECT, or NULL (placeholder, source_file, override) */
	const char *source_sql; /* a SQL override kept as written in the source's dialect:
				   the runner runs it at the source and materialises the rows
				   under the node's id (then sql is NULL) */
	/* source_sql that reads values of the flow's rows (source_params): the
	 * runner runs it once per row of params_sql over params_node */
	const char *params_node; /* the node whose rows give the values, or NULL */
	const char *params_sql;  /* one SELECT over params_node: a column per param */
	PtrVec params;           /* IrSourceParam, in params_sql's column order */
	/* type-specific payload */
	IrTable *table;        /* sources and sinks */
	LoadMode load_mode;    /* sinks */
	PtrVec keys;           /* const char *: sinks (upsert/delete key), group/partition keys */
	const char *operation; /* sinks fed by an upsert_strategy: the column holding the row's
				  operation ("insert", "update", "delete", "reject"), or NULL */
	const char *branch_of; /* conditional_branch: the router's name */
	const char *group;     /* conditional_branch: the group's name */
	bool default_group;    /* conditional_branch: the default group */
	int64_t seq_start, seq_increment; /* sequence_generator */
	int32_t load_order;    /* sinks: target load order (1-based; 0 = none) */
	bool bulk;             /* sink_table: bulk-loaded, with the four options below */
	bool keep_nulls, keep_identity, check_constraints, fire_triggers;
	const char *pre_sql, *post_sql; /* SQL run before/after (source dialect), or NULL */
	const char *note;      /* one-line explanation for reviewers, or NULL */
} IrNode;

typedef struct IrParamValue {
	const char *value;
	const char *file; /* parameter file, or NULL when it comes from the export */
	uint32_t line;
	const char *section; /* "[Global]", "[f.WF:w.ST:s]" */
} IrParamValue;

typedef struct IrParam {
	const char *name;    /* as written: "$$LOAD_DATE" */
	const char *setting; /* the run-time setting SQL reads: "akko.load_date" */
	const char *kind;    /* parameter | variable | session_parameter */
	const char *type;    /* PostgreSQL type */
	const char *default_value; /* from the export, or NULL */
	const char *origin;  /* mapping | mapplet | workflow | parameter_file | system */
	uint32_t line;       /* declaration line, 0 when none */
	PtrVec values;       /* IrParamValue: parameter-file values with provenance */
	/* SSIS (all NULL/false for PowerCenter, so nothing is written): */
	const char *scope;          /* the container or task declaring it: "Package\\Stage" */
	bool sensitive;             /* a secret: no default, the runner supplies it */
	const char *expression;     /* the expression giving its value, as written
				       (EvaluateAsExpression, a property expression) */
	const char *expression_sql; /* that expression as a SQL scalar over the settings, or
				       NULL when not translated */
	const char *property;       /* property expressions: the property it sets */
	const char *description;    /* DataStage: the parameter's prompt, or NULL */
} IrParam;

typedef struct IrConnection {
	const char *name;
	const char *kind;    /* relational, flat_file, ... */
	const char *subtype; /* "Oracle", or NULL */
	const char *role;    /* source | target | lookup */
	PtrVec settings;     /* const char *: "Name=value" non-secret settings as written
				(DataStage connector server, database, user), or empty */
} IrConnection;

typedef struct IrCheck {
	const char *id;
	CheckType type;
	const char *node;   /* the sink (or object) it checks */
	const char *column; /* null_percentage: column, or NULL for every column */
	double threshold;   /* null_percentage: max share; reconciliation: the object's confidence */
	PtrVec keys;        /* duplicate: key columns (const char *) */
	const char *sql;    /* assertion: one SELECT of one boolean over `node` */
	const char *message; /* assertion: what the job says when it fails, as written */
} IrCheck;

/* The value a run persists for a variable its steps update (a mapping
 * variable set by SETMAXVARIABLE...): one SELECT of one row and one
 * column over the rows of `node`, combining the variable's start value
 * (its setting) with those rows as its aggregation says
 * (docs/pipeline-yaml.md, "Variable updates"). */
typedef struct IrVarUpdate {
	const char *variable;      /* as written: "$$LAST_RUN" */
	const char *setting;       /* the setting its start value is read from: "akko.last_run" */
	const char *aggregation;   /* the variable's declared aggregation: max | min | count */
	const char *update;        /* how the rows change it: max | min | count | last */
	const char *type;          /* PostgreSQL type of the value */
	const char *default_value; /* the initial value as written, or NULL */
	const char *node;          /* the node whose rows it is computed over */
	IrOrigin origin;           /* the step (and line) of the call */
	const char *sql;           /* one SELECT: the value to persist */
	PtrVec warnings;           /* IrWarning */
} IrVarUpdate;

typedef struct IrPipeline {
	const char *name;
	IrOrigin origin;
	const char *session; /* the session that runs it, when overrides came from one, or NULL */
	PtrVec parameters;   /* IrParam */
	PtrVec connections;  /* IrConnection */
	PtrVec nodes;        /* IrNode, in dependency order */
	PtrVec checks;       /* IrCheck */
	PtrVec var_updates;  /* IrVarUpdate, in step and port order */
	double overall_confidence, min_confidence;
	uint32_t warnings_count;
	PtrVec review; /* const char *: ids of the nodes needing review */
} IrPipeline;

typedef struct IrDep {
	const char *task;      /* id of the task waited for */
	const char *on;        /* success | failure | completion | any */
	const char *condition; /* translated SQL boolean, or NULL */
	const char *condition_source; /* the condition as written, or NULL */
	bool either; /* followed when the outcome OR the condition holds (SSIS
			ExpressionOrConstraint); false: both must hold */
	bool otherwise; /* followed only when no other dependency on `task` with an
			   outcome or condition of its own is followed (DataStage
			   Otherwise trigger) */
} IrDep;

/* A variable set to a value (SSIS Expression Task, For Loop init/assign). */
typedef struct IrAssign {
	const char *variable; /* as written: "User::Count" */
	const char *setting;  /* the setting it is kept in: "akko.user__count" */
	const char *value;    /* SQL scalar over the settings, or NULL when not translated */
	const char *source;   /* the expression as written */
} IrAssign;

/* A variable bound to a statement's parameter or result, a child
 * package's parameter or a loop item. */
typedef struct IrBinding {
	const char *name;      /* parameter name or position, result name, item index */
	const char *variable;  /* as written: "User::BatchId", "$Package::Region" */
	const char *setting;   /* akko.<key> of the variable */
	const char *direction; /* input | output | return_value | result | item */
} IrBinding;

typedef struct IrLoop {
	const char *kind;             /* for | foreach */
	IrAssign *init;               /* for: InitExpression, or NULL */
	const char *condition;        /* for: EvalExpression as a SQL boolean, or NULL */
	const char *condition_source; /* for: as written, or NULL */
	IrAssign *next;               /* for: AssignExpression, or NULL */
	const char *enumerator;       /* foreach: the enumerator's type as written */
	PtrVec settings;              /* foreach: const char *, "Name=value" as written */
	PtrVec items;                 /* foreach: IrBinding (direction item) */
} IrLoop;

/* A file of user code kept for review. */
typedef struct IrCode {
	const char *name; /* "ScriptMain.cs" */
	const char *text;
} IrCode;

typedef struct IrTask {
	const char *id;
	TaskType type;
	IrOrigin origin;
	PtrVec depends_on;   /* IrDep */
	bool depends_all;    /* true: every dependency (AND); false: any (OR) */
	const char *pipeline; /* TASK_T_PIPELINE: pipeline name in this file */
	const char *workflow; /* TASK_T_WORKFLOW: the worklet's workflow name */
	PtrVec pre_sql;       /* const char * */
	PtrVec post_sql;      /* const char * */
	PtrVec commands;      /* const char *: commands kept as written (opaque) */
	const char *condition; /* decision: translated condition, or NULL */
	double confidence;
	bool review;
	PtrVec warnings; /* IrWarning */
	/* SSIS (all NULL/empty/false for PowerCenter, so nothing is written): */
	const char *parent;     /* id of the container, loop or event handler it runs in */
	bool disabled;          /* kept, but the source tool does not run it */
	const char *sql;        /* sql: the statement as written, source dialect */
	const char *connection; /* sql: the connection it runs on */
	const char *result_set; /* sql: none | single_row | full | xml */
	PtrVec bindings;        /* IrBinding: sql parameters and results, package parameters */
	PtrVec assignments;     /* IrAssign: assignment tasks */
	const char *package;    /* package: the package it runs, as written */
	const char *language;   /* script: the code's language as written */
	PtrVec code;            /* IrCode: script */
	IrLoop *loop;           /* loop */
	const char *event;      /* event_handler: OnError, OnPreExecute... */
	const char *owner;      /* event_handler: id of the task raising it; NULL: the package */
	bool no_propagate;      /* event_handler: System::Propagate is false */
	const char *note;       /* one line for the reviewer, or NULL */
	/* DataStage (all empty for the other tools, so nothing is written): */
	PtrVec arguments;     /* IrAssign: parameter values the run is given (job activity) */
	const char *run_mode; /* run | reset_then_run | validate | reset, or NULL (run) */
	bool no_checkpoint;   /* a restart runs it again even when it finished */
} IrTask;

typedef struct IrWorkflow {
	const char *name;
	IrOrigin origin;
	bool worklet;
	bool restartable;  /* a failed run restarts after the tasks that finished (DataStage checkpoints) */
	PtrVec parameters; /* IrParam: workflow variables and parameters */
	PtrVec tasks;      /* IrTask, in dependency order */
} IrWorkflow;

typedef struct IrDoc {
	const char *tool; /* "powercenter" */
	const char *file; /* as given on the command line */
	const char *sha256;
	const char *dialect; /* "postgres" */
	const char *generated_by;
	const char *generated_at; /* ISO 8601 UTC, or NULL (the default) */
	PtrVec pipelines;         /* IrPipeline */
	PtrVec workflows;         /* IrWorkflow */
	double overall_confidence, min_confidence;
	uint32_t pipelines_count; /* pipelines.len, or the total when converted unit by unit */
	uint32_t nodes_count, warnings_count, review_count;
} IrDoc;

/* The document-wide figures ir_rollup() computes, summed over parts of a
 * document (units lowered one after the other) in the same order and with
 * the same arithmetic, so the totals are the whole document's. */
typedef struct IrTotals {
	double sum, min;
	uint32_t pipelines, nodes, warnings, review;
} IrTotals;

#define IR_TOTALS_INIT           \
	{                        \
		0, 1, 0, 0, 0, 0 \
	}
/* Add a rolled-up part (ir_rollup done). */
void ir_totals_add(IrTotals *t, const IrDoc *part);
/* Set d's document-wide figures from the totals. */
void ir_totals_set(const IrTotals *t, IrDoc *d);

/* Constructors (arena-allocated, zeroed, never NULL). */
IrNode *ir_node_new(Arena *a, IrPipeline *p, NodeType type, const char *id);
void ir_warn(Arena *a, PtrVec *warnings, const char *code, uint32_t line, const char *fmt, ...)
    PRINTF_LIKE(5, 6);

/* A valid id from an object name: lower case, [a-z0-9_], at most 63
 * bytes, unique in `taken` (suffix _2, _3...); records it in `taken`. */
struct StrMap;
const char *ir_make_id(Arena *a, struct StrMap *taken, const char *name);

/* Stable topological order of `tasks` (IrTask) by their depends_on: a
 * `start` task with no dependency first, then each time the first ready
 * task in source order.  Tasks on a cycle are appended in source order
 * and also pushed to `cycle` (when not NULL). */
void ir_order_tasks(Arena *a, PtrVec *tasks, PtrVec *cycle);

/* Roll node confidences up into the pipeline and the document
 * (docs/pipeline-yaml.md, "Confidence"). */
void ir_rollup(IrDoc *d);

#endif
