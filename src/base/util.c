/* util.c - fatal errors and allocation wrappers (src/base). */
#include "base/util.h"
#include "base/exitcode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void die(const char *fmt, ...)
{
	va_list ap;
	fputs("akko-migrate: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_INTERNAL);
}

static void (*oom_handler)(void);

void util_set_oom_handler(void (*fn)(void))
{
	oom_handler = fn;
}

static void oom(void)
{
	if (oom_handler)
		oom_handler();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		oom();
		die("out of memory allocating %zu bytes", n);
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		oom();
		die("out of memory allocating %zu x %zu bytes", n, size);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		oom();
		die("out of memory reallocating %zu bytes", n);
	}
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

size_t size_mul(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		die("size overflow (%zu * %zu)", a, b);
	return a * b;
}

size_t size_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		die("size overflow (%zu + %zu)", a, b);
	return a + b;
}
