/* dump.h - deterministic dump of the workflow AST (src/ast).
 *
 * `akko-migrate inspect` prints this.  Two formats share one walk:
 * DUMP_TEXT is an indented YAML-like form meant for people and golden tests
 * (it is valid YAML: strings that need it are JSON-quoted), DUMP_JSON is a
 * single JSON document for tools.  Output depends only on the AST: source
 * order everywhere, no addresses, no times.
 */
#ifndef AKKO_AST_DUMP_H
#define AKKO_AST_DUMP_H

#include "ast/ast.h"
#include "base/sbuf.h"

typedef enum DumpFormat { DUMP_TEXT, DUMP_JSON } DumpFormat;

void ast_dump(const AstDoc *d, DumpFormat fmt, Sbuf *out);
/* Only the object counts (ast_count), one per line or as a JSON object. */
void ast_dump_counts(const AstDoc *d, DumpFormat fmt, Sbuf *out);

#endif
