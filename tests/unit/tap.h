/* tap.h - minimal TAP output for the C unit tests.  Each CHECK prints
 * "ok N - what" or "not ok N - what"; tests/run counts them. */
#ifndef AKKO_TESTS_TAP_H
#define AKKO_TESTS_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define CHECK(cond, ...)                                                                \
	do {                                                                            \
		int ok_ = !!(cond);                                                     \
		tap_n++;                                                                \
		if (!ok_)                                                               \
			tap_failed++;                                                   \
		printf("%s %d - ", ok_ ? "ok" : "not ok", tap_n);                       \
		printf(__VA_ARGS__);                                                    \
		printf("\n");                                                           \
		if (!ok_)                                                               \
			printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} while (0)

#define CHECK_STR(got, want, what)                                                                          \
	do {                                                                                                \
		const char *g_ = (got), *w_ = (want);                                                       \
		int eq_ = g_ && w_ && strcmp(g_, w_) == 0;                                                  \
		CHECK(eq_, "%s", what);                                                                     \
		if (!eq_)                                                                                   \
			printf("#   got:  [%s]\n#   want: [%s]\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
