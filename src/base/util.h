/* util.h - process-wide helpers every layer may use: allocation that never
 * returns NULL, fatal errors, and small macros.  Part of src/base (libc only).
 */
#ifndef AKKO_BASE_UTIL_H
#define AKKO_BASE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define NORETURN               __attribute__((noreturn))
#else
#define PRINTF_LIKE(fmt, args)
#define NORETURN
#endif

/* Print "akko-migrate: fatal: <msg>" to stderr and exit with EXIT_INTERNAL. */
NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* malloc/realloc/strdup that abort with a message on failure. */
/* Called (if set) when one of them runs out of memory, before the message
 * and the exit: a bulk worker reports its file as over the memory limit. */
void util_set_oom_handler(void (*fn)(void));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Overflow-checked size arithmetic: aborts on overflow. */
size_t size_mul(size_t a, size_t b);
size_t size_add(size_t a, size_t b);

#endif
