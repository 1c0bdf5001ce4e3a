/* lower.h - the rule engine's shared lowering state (src/rules, internal).
 *
 * rules_lower() (lower.c) walks each flow's steps in dependency order and
 * lowers each with the rule of its neutral StepKind; the rules live in
 * lower_*.c (neutral, per group of step kinds) and in modules of a tool
 * (pc_*.c: PowerCenter's SQL Transformation, Normalizer, update strategy).
 * A node is built as an LNode (select items and the rest) and printed only
 * when the whole flow is lowered (docs/rules.md).  Not a public API: only
 * src/rules includes it.
 */
#ifndef AKKO_RULES_LOWER_H
#define AKKO_RULES_LOWER_H

#include <stdbool.h>
#include <stdint.h>

#include "ast/ast.h"
#include "base/diag.h"
#include "base/strmap.h"
#include "base/util.h"
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "rules/ir.h"
#include "rules/rules.h"
#include "rules/semantics.h"

/* A SQL node under construction. */
typedef struct LNode {
	IrNode *n;
	PtrVec items;               /* const char *: "expr AS alias" */
	const char *tail;           /* "FROM ... WHERE ..." */
	const char *full;           /* the whole statement (union, normalizer, rank), or NULL */
	bool distinct;              /* SELECT DISTINCT */
	const char *distinct_on;    /* SELECT DISTINCT ON (these), or NULL */
	bool carry;                 /* may carry columns through (reads one input as t) */
	struct LNode *input;        /* the node read as t, when carry is set */
	StrMap carried;             /* "<node id>.<column>" -> carried column name */
	SrcLoc loc;                 /* the step it lowers */
	const AstStep *step;        /* the step it lowers, or NULL */
	double expr_factor;         /* lowest confidence of the expressions it translates */
	unsigned differences;       /* W0602 warnings: 0.05 each */
	const char *alt_source_sql; /* the same query in the source's dialect, run at
				       the source when PostgreSQL refuses the SQL */
	struct LNode *numbered;     /* the node that numbers this node's rows, or NULL */
	PtrVec conversions;         /* const char *: "PORT (text -> numeric)", converted at the
				       port boundary (one W0607 for the node) */
	const char *draft_sql;      /* the SQL finish() printed, kept for the fallback path */
	StrMap colmap;              /* column name -> its first IrColumn, once the node has
				       more than a few (lower_add_col keeps it; no linear scans) */
} LNode;

/* Where a port's value comes from. */
typedef struct ColRef {
	LNode *node;        /* NULL: unresolved (or a Sequence Generator port) */
	const char *col;    /* column of node */
	const AstStep *seq; /* set when the value is a Sequence Generator's port */
	const AstPort *seq_port;
} ColRef;

/* An output group lowered to a node of its own (a router's groups, a
 * lookup's no-match output), found by name for link-level edges. */
typedef struct GroupNode {
	const char *group;
	LNode *node;
} GroupNode;

/* What the walk knows of one step of the flow. */
typedef struct StepInfo {
	const AstStep *s;
	LNode *node;       /* main output */
	const char **cols; /* per port: output column name, or NULL */
	LNode **groups;    /* router: per port, the node of its group */
	PtrVec in_edges;   /* AstEdge into this step */
	ColRef *in;        /* per port: where its value comes from, once resolved */
	LNode *row_in;     /* the node a link-level edge brings the whole row from, or NULL */
	LNode *d;          /* the node read as t, once known */
	PtrVec outs;       /* GroupNode: the node of each output group that has its own */
	bool done, busy;
} StepInfo;

/* The lowering of one flow (reset per flow), and the expression being
 * translated (saved and restored around each step). */
typedef struct Lower {
	Arena *a;
	const AstDoc *doc;
	const AstFolder *folder;
	const AstFlow *flow;
	const RulesOptions *o;
	const ToolSemantics *sem; /* what the document's tool does where it says nothing */
	const Dialect *dialect;
	const Language *lang; /* the PowerCenter transformation language */
	DiagSink *sink;
	IrPipeline *p;
	StrMap ids;      /* node ids taken */
	StrMap by_step;  /* step name -> StepInfo */
	StrMap relnodes; /* lookup step name -> LNode of its relation */
	StrMap seqnodes; /* "<seq>|<input id>" -> LNode */
	/* per expression being translated */
	StepInfo *cur;
	ColRef *cur_in;         /* per port of cur->s */
	ExprBinding **cur_vars; /* per port: analysed variable ports */
	ExprBinding **cur_pre;  /* per port: a variable port's value computed by an earlier
				   node (a running counter), or NULL */
	ExprBinding **cur_prev; /* per port: a variable port read before it is set (its
				   previous row's value, a lag column), or NULL */
	LNode *cur_node;        /* node receiving :LKP. relations */
	const char *row_alias;
	const char *cur_order; /* Aggregator: the keys its rows arrive sorted by, or NULL */
	const char *cur_row_order; /* Expression: the keys its rows arrive sorted by, or NULL */
	PtrVec all;            /* LNode, in pipeline order */
} Lower;

/* ---- state and nodes (lower.c) ---- */

/* The rule table's row for step kind k (the fallback row when none). */
const RuleDef *lower_rule_for(StepKind k);
/* A rule's name for the document's tool: "powercenter/x" becomes "<prefix>/x". */
const char *lower_rule_name(Lower *L, const char *name);
/* `name` as a SQL identifier of the target dialect (quoted when needed). */
const char *lower_ident(Lower *L, const char *name);
/* A column name as SQL sees it: the lower-case (unquoted) form of `name`. */
const char *lower_colname(Lower *L, const char *name);
/* The StepInfo of step s in the current flow. */
StepInfo *lower_info_of(Lower *L, const AstStep *s);
/* The non-empty value of setting `key` of s, or NULL. */
const char *lower_prop(const AstStep *s, Setting key);
/* Is setting `key` of s yes (YES, 1, TRUE or ON, any case)? */
bool lower_prop_yes(const AstStep *s, Setting key);
/* A warning on node ln (its IR warnings; none when ln is NULL: a step that
 * has no node) and to the sink, in step s's context; W_RULE_DIFFERENCE also
 * counts against the node's confidence. */
void lower_warn(Lower *L, LNode *ln, DiagCode code, const AstStep *s, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* A new node lowering s (or NULL) by rule r (or NULL: no rule evidence). */
LNode *lower_node_new(Lower *L, NodeType type, const char *id, const AstStep *s, const RuleDef *r);
/* Append ln to the pipeline, after its inputs (nodes stay in dependency order). */
void lower_node_add(Lower *L, LNode *ln);
/* ln depends on node `id` (once). */
void lower_add_dep(Lower *L, LNode *ln, const char *id);
/* A column of ln with no select item (a node whose SQL is not built from items). */
void lower_add_col(Lower *L, LNode *ln, const char *name, const char *type);
/* Does ln output a column `name`? */
bool lower_has_col(const LNode *ln, const char *name);
/* The type of ln's column `name` ("text" when it has none). */
const char *lower_col_type(const LNode *ln, const char *name);
/* `name`, or `name_2`, `name_3`...: a column name ln does not use yet. */
const char *lower_fresh_col(Lower *L, LNode *ln, const char *name);
/* Port p's output column in node ln (a fresh name) and, in *type, its SQL type. */
const char *lower_port_col(Lower *L, LNode *ln, const AstPort *p, const char **type);
/* The SQL type a port of no declared type takes from the incoming column
 * its SET_TYPE_OF prop names, or NULL. */
const char *lower_port_type_of(Lower *L, const AstPort *p);
/* A select item "expr AS alias" of ln, and its column. */
void lower_add_item(Lower *L, LNode *ln, const char *expr, const char *alias, const char *type);
/* Turn ln into a placeholder: no SQL, confidence 0, manual review, `why` as its note. */
void lower_placeholder(Lower *L, LNode *ln, ConvSource src, const char *why);
/* Is p a variable port (not also an input)? */
bool lower_is_variable(const AstPort *p);
/* Is `p` one of the columns of the step's main output(s): an output
 * port not in an error output (SSIS ErrorCode, ErrorColumn and the
 * columns of a redirected row, lowered with that output only)? */
bool lower_port_out(const AstStep *s, const AstPort *p);
void lower_refs_to_inputs(Lower *L, const AstStep *s);
bool lower_port_in_error(const AstStep *s, const AstPort *p);
/* Does an edge of the flow read output group `group` of `s`? */
bool lower_group_read(Lower *L, const AstStep *s, const char *group);
/* What the flow being lowered is called in messages: "mapping", "data flow". */
const char *lower_flow_word(Lower *L);
/* A boolean that fails the statement with `msg` where it is evaluated: SQL
 * has no RAISE, so a cast of the message to boolean, concatenated with
 * `nonconst` (SQL that is NULL there, and not a constant) so that
 * PostgreSQL cannot fold the cast and fail at planning time, on rows that
 * never reach it. */
const char *lower_fail(Lower *L, const char *msg, const char *nonconst);
/* A SQL string literal of `text`. */
const char *lower_sql_string(Lower *L, const char *text);
/* The index of port p in s->ports, or -1. */
int lower_port_index(const AstStep *s, const AstPort *p);
/* The index of the port of s named `name` (any case), or -1. */
int lower_port_named(const AstStep *s, const char *name);
/* The main node of step si (id: prefix + step name), with per-port column slots. */
LNode *lower_step_node(Lower *L, StepInfo *si, NodeType type, const char *prefix);
/* A placeholder for a step no rule lowers; its output ports keep their columns. */
void lower_fallback(Lower *L, StepInfo *si, ConvSource src, const char *why);
/* Lower step si (and, first, the steps it reads), once. */
void lower_step(Lower *L, StepInfo *si);

/* ---- inputs and carried columns (lower_inputs.c) ---- */

/* The name under which ln outputs column `col` of upstream node `from`, carried
 * through the passive nodes between; NULL when `from` is not on ln's carry chain. */
const char *lower_carry_column(Lower *L, LNode *ln, LNode *from, const char *col);
/* Flow inputs, outputs and subflows only rename: edges are followed through them. */
bool lower_transparent(const AstStep *s);
/* Record ln as the node of si's output group `group` (link-level edges read it). */
void lower_group_node_add(Lower *L, StepInfo *si, const char *group, LNode *ln);
/* The node a link-level edge reads: its output group's own node, else its
 * step's main node (lowering the step first); NULL when it has none. */
LNode *lower_edge_node(Lower *L, const AstEdge *e);

/* ---- rules for whole rows by column name (lower_rows.c) ---- */

/* Does a link-level edge (a whole row) leave s? */
bool lower_link_level_out(Lower *L, const AstStep *s);
/* Does s declare an output port (a step whose outputs are not only its input's columns)? */
bool lower_declares_outputs(const AstStep *s);
/* Is t a table written inline in the job (rows, no database)? */
bool lower_is_inline(const AstTable *t);
/* A source_inline node: SELECT ... FROM (VALUES ...) AS v(...). */
void lower_inline_source(Lower *L, StepInfo *si);
/* Does s's input group pass every incoming column (a sink writing them all)? */
bool lower_input_passes_all(const AstStep *s);
/* Does s list its fields with a wildcard port "*" (a select)? */
bool lower_is_field_list(const AstStep *s);
/* The listed fields renamed, retyped or left out; the wildcard's columns where it stands. */
void lower_field_list(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* A union with no ports: by column name or position (SET_UNION_MODE). */
void lower_union_columns(Lower *L, StepInfo *si, LNode *ln);
/* A join of link-level inputs Left and Right on key pairs, with their unmatched outputs. */
void lower_key_join(Lower *L, StepInfo *si, LNode *ln);
/* First occurrence per key (output groups), the rest (GROUP_DUPLICATE). */
void lower_dedup(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* A generated port numbering the rows in arrival order, then the passed columns. */
void lower_numbering(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* First / last / skip / every Nth / random rows (SET_SAMPLE_MODE), per group. */
void lower_sample_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Output ports evaluated in order (SET_PORTS_IN_ORDER): a port that reads
 * one set above it starts a node of its own (<step>_1, <step>_2 ... before ln). */
void lower_ordered_expression(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Does an output port's expression read another row ([Row-1:F])? */
bool lower_has_row_refs(const AstStep *s);
/* Row references as lag/lead columns of a node <step>_rows, then the step over it. */
void lower_row_refs(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* The expression type of a node column's SQL type. */
ExprType lower_expr_type_of(const char *sqltype);
/* Does a row-wise step have an output port with an aggregate kind (a running total)? */
bool lower_has_running(const AstStep *s);
/* Every incoming column, then each such port's aggregate over the rows so far. */
void lower_running(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Transpose: key columns stay, data columns become Name/Value rows. */
bool lower_is_split_rows(const AstStep *s);
bool lower_is_tile(const AstStep *s);
bool lower_is_text_lookup(const AstStep *s);
bool lower_is_multi_join(const AstStep *s);
void lower_multi_join(Lower *L, StepInfo *si, LNode *ln);
void lower_text_lookup(Lower *L, StepInfo *si, LNode *ln);
void lower_tile(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_split_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_transpose(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Is s a pivot whose value port carries an aggregate kind (a cross tab)? */
bool lower_is_crosstab(const AstStep *s);
/* Cross tab: GROUP BY the group ports, a column per declared output field. */
void lower_crosstab(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Generate Rows: a loop written as generate_series, per input row or alone. */
void lower_generate(Lower *L, StepInfo *si);
/* The step's assertion groups as quality checks of type assertion. */
void lower_assertions(Lower *L, StepInfo *si);
/* Where each port of si reads from (lowering the upstream steps first). */
ColRef *lower_inputs(Lower *L, StepInfo *si);
/* The one relation a one-input step reads, inputs aligned to it; NULL with *why. */
LNode *lower_single_input(Lower *L, StepInfo *si, ColRef *in, const char **why);

/* ---- expressions and conversions (lower_expr.c) ---- */

/* 'S'tring, 'N'umber or 'D'ate; 0 for types not converted between ports. */
char lower_type_class(ExprType t);
/* Column `col` of `from` entering port p, converted to p's type, or NULL when no
 * conversion applies; `qual` qualifies the column in SQL, or is NULL. */
const ExprBinding *lower_port_conversion(Lower *L, LNode *ln, const AstPort *p, const LNode *from,
					 const char *col, const char *qual);
/* The SQL of a conversion binding, or NULL. */
const char *lower_print_inline(Lower *L, const ExprBinding *b);
/* The one W0607 listing the ports node ln converts (then forgotten). */
void lower_warn_conversions(Lower *L, LNode *ln, const AstStep *s);
/* A name the current step does not declare, read from the row a link-level edge brings. */
const ExprBinding *lower_row_column(Lower *L, const char *name);
/* The ExprEnv resolver of the current step (ud: the Lower). */
const ExprBinding *lower_resolve(void *ud, BindKind what, const char *name);
/* One expression of the current step as SQL, issues recorded on ln; NULL (ln is then
 * a placeholder) when it does not translate. */
const char *lower_translate(Lower *L, LNode *ln, const AstExpr *src, const char *what, bool condition,
			    bool aggregates, ExprResult *out);
/* A subtree `part` of src's parse as SQL (type in *type), or NULL; issues not reported. */
const char *lower_translate_part(Lower *L, LNode *ln, const AstExpr *src, const Expr *part, ExprType *type);
/* An output port's expression as SQL, converted to the port's declared type;
 * *out (when given) gets the translation before the conversion. */
const char *lower_translate_port(Lower *L, LNode *ln, const AstPort *p, bool aggregates, ExprResult *out);
/* A variable port's expression analysed to be inlined where it is read, or NULL. */
ExprBinding *lower_variable_binding(Lower *L, LNode *ln, const AstPort *p, bool agg, ExprResult *out);
/* Analyse the current step's variable ports in port order (L->cur_vars). */
bool lower_analyse_variables(Lower *L, LNode *ln, bool agg);
/* Is p's expression just its own name (a pass-through)? */
bool lower_passthrough(const AstPort *p);

/* ---- variable ports read before they are set (lower_vars.c) ---- */

/* "ORDER BY ..." of the Sorter the rows of d arrive from through passive nodes
 * (*sorter: its name), or NULL. */
const char *lower_arrival_order(LNode *d, const char **sorter);
/* Stage nodes between d and ln for variable ports that read the previous row. */
void lower_previous_rows(Lower *L, StepInfo *si, LNode *ln, LNode *d);

/* ---- variable ports computed once (lower_share.c) ---- */

/* After the variable ports are analysed: those whose SQL would repeat in ln, and is
 * a subquery or long, computed once per row in a LEFT JOIN LATERAL of ln and read as
 * its column.  Returns whether any is. */
bool lower_share_variables(Lower *L, LNode *ln);

/* ---- variables a run persists (lower_varupd.c) ---- */

/* The variable updates (IrVarUpdate) of the calls in the ports of expression
 * step si, whose node is ln: hidden columns of ln carry their values. */
/* An XML file source with a file: a source_file node per output. */
void lower_xml_source(Lower *L, StepInfo *si);
/* Nodes for the error outputs something reads that the rule gave none. */
void lower_error_outputs(Lower *L, StepInfo *si, LNode *d);
/* Does the step unpivot (input ports with SET_PIVOT_KEY_VALUE)? */
bool lower_is_unpivot(const AstStep *s);
void lower_unpivot(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_pivot(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* SSIS Row Count: rows pass; the count becomes a variable update. */
void lower_row_count(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* A random sample of the rows (a percentage or a number). */
void lower_sample(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_var_updates(Lower *L, StepInfo *si, LNode *ln);
/* Drop the updates whose node has no SQL (a placeholder), with a warning. */
void lower_var_updates_check(Lower *L);

/* ---- the rules, per group of step kinds ---- */

/* Sources (lower_source.c). */
void lower_source(Lower *L, StepInfo *si);
void lower_source_query(Lower *L, StepInfo *si);
/* $$PARAM in SQL text read from the run-time setting. */
const char *lower_sql_params(Lower *L, LNode *ln, const AstStep *s, const char *sql);
/* The tool's #NAME# parameter references in SQL text read from their settings. */
const char *lower_sql_text_params(Lower *L, LNode *ln, const AstStep *s, const char *sql, bool as_text);
/* Make ln a query kept as written, run at the source (source_sql). */
void lower_pushdown_override(Lower *L, LNode *ln, const AstStep *s, const char *sql, double base);

/* Row-wise and set steps (lower_steps.c). */
/* The value port p passes through from `in` (read as t), converted to its type;
 * NULL (of `type`, when given) when nothing feeds it. */
const char *lower_passed_value(Lower *L, LNode *ln, const AstPort *p, const ColRef *in, const char *type);
/* Does an output group of kind k pass every upstream column? */
bool lower_passes_all(const AstStep *s, GroupKind k);
/* The columns of d ln does not output yet, under their own names. */
void lower_pass_all_columns(Lower *L, LNode *ln, LNode *d);
void lower_expression(Lower *L, StepInfo *si, LNode *ln, LNode *d, bool translate_ports);
void lower_filter(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_sorter(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_aggregator(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_rank(Lower *L, StepInfo *si, LNode *ln, LNode *d);
void lower_joiner(Lower *L, StepInfo *si, LNode *ln, ColRef *in);
void lower_union(Lower *L, StepInfo *si, LNode *ln, ColRef *in);
void lower_router(Lower *L, StepInfo *si, LNode *d);
void lower_target(Lower *L, StepInfo *si, LNode *ln, LNode *d, ColRef *in);

/* Change capture: before and after inputs compared by key (lower_cdc.c). */
void lower_change_capture(Lower *L, StepInfo *si, LNode *ln, ColRef *in);

/* Lookups (lower_lookup.c). */
void lower_lookup(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* The node of the relation a lookup reads (one per lookup definition). */
LNode *lower_lookup_relation(Lower *L, const AstStep *lkp);

/* ---- PowerCenter-only rules ---- */

/* SQL Transformation, query mode with a static query (pc_sqltx.c). */
void pc_rule_sql_transformation(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Normalizer: one SELECT per occurrence, UNION ALL (pc_normalizer.c). */
void pc_rule_normalizer(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Update Strategy: akko_operation from the DD_ code of its expression (pc_update.c). */
void pc_rule_update_strategy(Lower *L, StepInfo *si, LNode *ln, LNode *d);
/* Stored procedures (pc_storedproc.c): the placeholder's note for a connected
 * one, and for an expression's :SP. calls (NULL when it makes none). */
const char *pc_stored_procedure_why(Lower *L, const StepInfo *si);
const char *pc_sp_call_why(Lower *L, const AstExpr *src, const char *what);

#endif
