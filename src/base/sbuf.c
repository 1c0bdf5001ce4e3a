/* sbuf.c - string builder (src/base). */
#include "base/sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char sbuf_empty[1];

void sbuf_init(Sbuf *sb, size_t hint)
{
	*sb = (Sbuf)SBUF_INIT;
	if (hint)
		sbuf_grow(sb, hint);
}

void sbuf_release(Sbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	size_t max = sb->max;
	*sb = (Sbuf)SBUF_INIT;
	sb->max = max;
}

void sbuf_reset(Sbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
	sb->overflow = false;
}

char *sbuf_detach(Sbuf *sb, size_t *len)
{
	char *s = sb->alloc ? sb->buf : xstrdup("");
	if (len)
		*len = sb->len;
	*sb = (Sbuf)SBUF_INIT;
	return s;
}

void sbuf_grow(Sbuf *sb, size_t extra)
{
	size_t need = size_add(size_add(sb->len, extra), 1);
	if (need <= sb->alloc)
		return;
	size_t alloc = sb->alloc ? sb->alloc : 64;
	while (alloc < need)
		alloc = size_mul(alloc, 2);
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, alloc);
	} else {
		sb->buf = xmalloc(alloc);
		sb->buf[0] = '\0';
	}
	sb->alloc = alloc;
}

/* Returns how many of n bytes may be appended under the cap. */
static size_t sbuf_room(Sbuf *sb, size_t n)
{
	if (!sb->max || sb->len + n <= sb->max)
		return n;
	sb->overflow = true;
	return sb->len < sb->max ? sb->max - sb->len : 0;
}

void sbuf_add_slow(Sbuf *sb, const void *data, size_t len)
{
	len = sbuf_room(sb, len);
	if (!len)
		return;
	sbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sbuf_addstr(Sbuf *sb, Str s)
{
	sbuf_add(sb, s.ptr, s.len);
}

void sbuf_addch(Sbuf *sb, char c)
{
	sbuf_add(sb, &c, 1);
}

void sbuf_addchn(Sbuf *sb, char c, size_t n)
{
	if (!n)
		return;
	n = sbuf_room(sb, n);
	sbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sbuf_vaddf(Sbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("sbuf_addf: bad format '%s'", fmt);
	if (sb->max && sb->len + (size_t)n > sb->max) {
		/* Format into a scratch buffer and let sbuf_add truncate. */
		char *tmp = xmalloc((size_t)n + 1);
		vsnprintf(tmp, (size_t)n + 1, fmt, ap);
		if (sb->alloc)
			sb->buf[sb->len] = '\0';
		sbuf_add(sb, tmp, (size_t)n);
		free(tmp);
		return;
	}
	if (!sb->alloc || (size_t)n >= sb->alloc - sb->len) {
		sbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sbuf_addf(Sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sbuf_setlen(Sbuf *sb, size_t len)
{
	if (len > sb->len)
		die("sbuf_setlen beyond length");
	if (sb->alloc) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

void sbuf_add_json_string(Sbuf *sb, const char *s, size_t len)
{
	sbuf_addch(sb, '"');
	size_t run = 0; /* start of the pending run of plain bytes */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char ubuf[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(ubuf, sizeof ubuf, "\\u%04x", c);
				esc = ubuf;
			} else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
				   (unsigned char)s[i + 1] <= 0x9F) {
				/* C1 controls (U+0080-U+009F): YAML cannot show them raw. */
				snprintf(ubuf, sizeof ubuf, "\\u%04x", (unsigned char)s[i + 1]);
				sbuf_add(sb, s + run, i - run);
				sbuf_adds(sb, ubuf);
				run = i + 2;
				i++;
				continue;
			}
		}
		if (esc) {
			sbuf_add(sb, s + run, i - run);
			sbuf_adds(sb, esc);
			run = i + 1;
		}
	}
	sbuf_add(sb, s + run, len - run);
	sbuf_addch(sb, '"');
}
