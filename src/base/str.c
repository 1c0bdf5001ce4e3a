/* str.c - Str slice helpers (src/base). */
#include "base/str.h"

static inline unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static inline bool ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool str_eq(Str a, Str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool str_eq_cstr(Str a, const char *b)
{
	return str_eq(a, str_from(b));
}

bool str_ieq_cstr(Str a, const char *b)
{
	size_t n = strlen(b);
	if (a.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a.ptr[i]) != ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

bool str_starts_with(Str s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

bool str_istarts_with(Str s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.len >= n && str_ieq_cstr(str_make(s.ptr, n), prefix);
}

Str str_trim(Str s)
{
	while (s.len && ascii_space((unsigned char)s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len && ascii_space((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	return s;
}

Str str_sub(Str s, size_t from, size_t len)
{
	if (from > s.len)
		from = s.len;
	if (len > s.len - from)
		len = s.len - from;
	return str_make(s.ptr + from, len);
}

long str_find_char(Str s, char c)
{
	const char *p = s.len ? memchr(s.ptr, c, s.len) : NULL;
	return p ? (long)(p - s.ptr) : -1;
}

int ascii_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = ascii_lower((unsigned char)*a);
		unsigned char y = ascii_lower((unsigned char)*b);
		if (x != y || !x)
			return (int)x - (int)y;
	}
}

bool ascii_ieq(const char *a, const char *b)
{
	return ascii_strcasecmp(a, b) == 0;
}

bool str_in_sorted(const char *const *list, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, list[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
