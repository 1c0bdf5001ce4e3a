/* sqlcheck.h - is this SQL one harmless SELECT?  (src/validate)
 *
 * The SQL is parsed with PostgreSQL's own parser (libpg_query) and the
 * parse tree is inspected, never the text: exactly one statement, a
 * SELECT, no data-modifying CTE, no SELECT INTO, no row locks, no
 * relation of the system catalogs, and calls only to functions on the
 * allowlist of what the translator emits (current_setting only for
 * 'akko.' run parameters, which it lists so that the pipeline validator
 * can match them with the pipeline's parameters).  The pipeline validator
 * applies it to every SQL node; `akko-migrate expr --file` applies it to
 * every translation.
 */
#ifndef AKKO_VALIDATE_SQLCHECK_H
#define AKKO_VALIDATE_SQLCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

typedef struct SqlSetting {
	const char *name; /* the setting read: "akko.load_date" (arena) */
	int offset;       /* 0-based byte offset of its string literal, -1 when unknown */
} SqlSetting;

typedef struct SqlCheck {
	bool ok;
	const char *message; /* what is wrong (arena), or NULL */
	int offset;          /* 0-based byte offset in the SQL, -1 when unknown */
	PtrVec settings;     /* SqlSetting: every current_setting('akko.…'), in tree order */
} SqlCheck;

void sql_check_select(Arena *a, const char *sql, SqlCheck *out);

/* The allowlist of functions, sorted (what the LLM fallback is told). */
const char *const *sql_check_functions(size_t *n);

#endif
