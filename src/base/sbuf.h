/* sbuf.h - growable string builder with git strbuf invariants (src/base).
 *
 * Invariants: buf is never NULL and always NUL-terminated, even when empty
 * (it then points at a shared empty string until the first append).  len
 * excludes the NUL.  An optional cap (max) bounds the size for text fed by
 * the network: appends past it are dropped and `overflow` is set.
 */
#ifndef AKKO_BASE_SBUF_H
#define AKKO_BASE_SBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/str.h"
#include "base/util.h"

typedef struct Sbuf {
	char *buf;
	size_t len;    /* bytes used, excluding the NUL */
	size_t alloc;  /* 0 while buf points at the shared empty string */
	size_t max;    /* 0 = unbounded */
	bool overflow; /* an append was dropped because of max */
} Sbuf;

extern char sbuf_empty[];
#define SBUF_INIT                          \
	{                                  \
		sbuf_empty, 0, 0, 0, false \
	}

void sbuf_init(Sbuf *sb, size_t hint);
void sbuf_release(Sbuf *sb);              /* frees and re-initialises */
void sbuf_reset(Sbuf *sb);                /* length 0, keeps the memory */
char *sbuf_detach(Sbuf *sb, size_t *len); /* caller frees; sb re-initialised */
void sbuf_grow(Sbuf *sb, size_t extra);

void sbuf_add_slow(Sbuf *sb, const void *data, size_t len);

/* Append len bytes.  The common case (room left, no cap) stays inline. */
static inline void sbuf_add(Sbuf *sb, const void *data, size_t len)
{
	if (!sb->max && sb->alloc && sb->alloc - sb->len > len) {
		memcpy(sb->buf + sb->len, data, len);
		sb->len += len;
		sb->buf[sb->len] = '\0';
		return;
	}
	sbuf_add_slow(sb, data, len);
}

static inline void sbuf_adds(Sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}
void sbuf_addstr(Sbuf *sb, Str s);
void sbuf_addch(Sbuf *sb, char c);
void sbuf_addchn(Sbuf *sb, char c, size_t n);
void sbuf_addf(Sbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sbuf_vaddf(Sbuf *sb, const char *fmt, va_list ap);
void sbuf_setlen(Sbuf *sb, size_t len); /* len <= sb->len */

/* Append s as a JSON string literal, quotes included (UTF-8 passes through,
 * control characters become \uXXXX or the short escapes). */
void sbuf_add_json_string(Sbuf *sb, const char *s, size_t len);

#endif
