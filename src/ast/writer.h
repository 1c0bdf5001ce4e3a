/* writer.h - a tiny structured writer with a YAML-like text backend and a
 * JSON backend (src/ast).  The AST dump walks the tree once and calls these;
 * the backend decides the syntax.
 *
 * Maps and lists nest; inside a map every call names a key, inside a list
 * keys are ignored.  An "inline" map or list is printed on one line in text
 * form ({a: 1, b: x}); a block one gets its own lines.  NULL strings are
 * skipped entirely, so optional fields simply do not appear.
 */
#ifndef AKKO_AST_WRITER_H
#define AKKO_AST_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sbuf.h"

enum { WRITER_MAX_DEPTH = 64 };

typedef struct WriterFrame {
	bool list;    /* list (true) or map */
	bool inl;     /* printed on one line */
	bool pending; /* header not printed yet (block containers print lazily) */
	bool dash;    /* first map entry goes after the "- " of its list item */
	int indent;
	uint32_t n; /* entries written so far */
	const char *key;
} WriterFrame;

typedef struct Writer {
	Sbuf *out;
	bool json;
	int depth;
	int pending; /* lowest depth whose header is not printed yet, or 0 */
	WriterFrame st[WRITER_MAX_DEPTH];
} Writer;

void writer_init(Writer *w, Sbuf *out, bool json);
void writer_finish(Writer *w); /* closes the root; adds the final newline */

void w_map(Writer *w, const char *key);        /* block map */
void w_map_inline(Writer *w, const char *key); /* one-line map */
void w_list(Writer *w, const char *key);       /* block list */
void w_list_inline(Writer *w, const char *key);
void w_end(Writer *w);

void w_str(Writer *w, const char *key, const char *val);          /* skipped if NULL */
void w_str_nonempty(Writer *w, const char *key, const char *val); /* skipped if NULL or "" */
void w_int(Writer *w, const char *key, long long v);
void w_bool(Writer *w, const char *key, bool v);
void w_true(Writer *w, const char *key, bool v); /* written only when true */
void w_null(Writer *w, const char *key);         /* an explicit null */

#endif
