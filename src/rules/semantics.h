/* semantics.h - what each tool does where the export says nothing: one
 * ToolSemantics row per Tool, read by the shared lowering per step kind
 * (src/rules), so that shared code never tests which tool wrote the file:
 * the difference is data.  docs/rules.md, "Tool semantics", lists the table.
 */
#ifndef AKKO_RULES_SEMANTICS_H
#define AKKO_RULES_SEMANTICS_H

#include <stdbool.h>

#include "ast/ast.h"

typedef struct ToolSemantics {
	Tool tool;
	const char *rule_prefix;      /* rule names: "<prefix>/expression" */
	SettingValue routing;         /* SET_ROUTING absent: VAL_FIRST_MATCH or VAL_ALL_MATCHES */
	SettingValue lookup_no_match; /* SET_LOOKUP_NO_MATCH absent: VAL_NULL, VAL_FAIL, VAL_REDIRECT */
	SettingValue lookup_multiple; /* SET_LOOKUP_POLICY absent: VAL_FIRST, VAL_ANY... */
	SettingValue row_error;       /* SET_ROW_ERROR absent: VAL_FAIL, VAL_SKIP, VAL_REDIRECT */
	const char *var_init_number;  /* a variable's value before it is first set (numbers) */
	const char *var_init_string;  /* (strings); NULL: NULL */
	bool recurrences;             /* variables keep their value from row to row */
	SettingValue null_order;      /* SET_NULL_ORDER absent in a Sorter: VAL_NULLS_HIGH or
					 VAL_NULLS_LOW; VAL_NONE: not yet documented here,
					 PostgreSQL's default (high) */
	ExprLang expr_lang;           /* the language of the text the rules write themselves
					 (a port's default value); an expression of the AST is
					 read in its own AstExpr.lang */
	const char *sql_param_delim;  /* a parameter inside SQL text is written between two of
					 these ("#NAME#"), or NULL (the tool's SQL names none,
					 or lower_sql_params reads it) */
} ToolSemantics;

/* The row of `tool` (TOOL_UNKNOWN's for a tool without one). */
const ToolSemantics *tool_semantics(Tool tool);

#endif
