/* sqlrefs.h - what a node's SELECT reads: relations and columns
 * (src/validate).
 *
 * Walks libpg_query's parse tree of a SELECT that sql_check_select()
 * accepted, with a scope per SELECT: a FROM item must be one of the node's
 * inputs (its depends_on nodes; a source's table) or a CTE of the
 * statement; a qualified column alias.col must be a column of the
 * relation the alias names (an input's `columns`, a derived table's or
 * CTE's select-list names); an unqualified column must be a column of a
 * relation in scope (this SELECT's or an enclosing one's) or a select-list
 * alias.  Where a relation's columns cannot be known (SELECT * over an
 * unknown relation, a function in FROM, a recursive CTE, a source table)
 * every column of it is accepted.
 */
#ifndef AKKO_VALIDATE_SQLREFS_H
#define AKKO_VALIDATE_SQLREFS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

typedef struct SqlInput {
	const char *name;      /* the relation name FROM may use */
	const char *schema;    /* a schema FROM may put before it, or NULL */
	const PtrVec *columns; /* const char *: its columns; NULL when unknown */
} SqlInput;

typedef enum SqlRefKind { SQLREF_OK, SQLREF_RELATION, SQLREF_COLUMN } SqlRefKind;

typedef struct SqlRefs {
	SqlRefKind kind;
	const char *message; /* what is wrong (arena), or NULL */
	int offset;          /* 0-based byte offset in the SQL, -1 when unknown */
	bool outputs_known;  /* the statement's output names are all known */
	PtrVec outputs;      /* const char *: the statement's output column names */
} SqlRefs;

void sql_check_refs(Arena *a, const char *sql, const SqlInput *in, size_t n, SqlRefs *out);

/* The statement's bytes without a trailing ';' or comment after it, and
 * whether its top-level SELECT has a WITH clause.  False when it does not
 * parse (then the span is the whole text). */
bool sql_statement_span(const char *sql, size_t *start, size_t *len, bool *has_with);

#endif
