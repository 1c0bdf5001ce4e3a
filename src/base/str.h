/* str.h - Str, a {ptr,len} slice into text owned elsewhere (src/base).
 *
 * A Str is not NUL-terminated.  It usually points into a loaded input file
 * or into arena memory; it never owns its bytes.
 */
#ifndef AKKO_BASE_STR_H
#define AKKO_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct Str {
	const char *ptr;
	size_t len;
} Str;

#define STR_LIT(s) ((Str){(s), sizeof(s) - 1})
#define STR_NULL   ((Str){NULL, 0})
#define STR_FMT(s) (int)(s).len, (s).ptr /* for printf("%.*s") */

static inline Str str_from(const char *s)
{
	return (Str){s, s ? strlen(s) : 0};
}

static inline Str str_make(const char *p, size_t n)
{
	return (Str){p, n};
}

bool str_eq(Str a, Str b);
bool str_eq_cstr(Str a, const char *b);
bool str_ieq_cstr(Str a, const char *b); /* ASCII case-insensitive */
bool str_starts_with(Str s, const char *prefix);
bool str_istarts_with(Str s, const char *prefix);
Str str_trim(Str s);                         /* ASCII whitespace both ends */
Str str_sub(Str s, size_t from, size_t len); /* clamped to s */
/* Index of the first byte c in s, or -1. */
long str_find_char(Str s, char c);

/* ASCII case-insensitive comparison of C strings (no locale). */
int ascii_strcasecmp(const char *a, const char *b);
bool ascii_ieq(const char *a, const char *b);

/* Whether `key` is in `list`, n strings sorted by strcmp (binary search). */
bool str_in_sorted(const char *const *list, size_t n, const char *key);

#endif
