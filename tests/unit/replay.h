/* replay.h - replays a fuzz target's reproducers (tests/fuzz/<dir>/): each
 * input once crashed the expression translator of a language, and must now
 * finish with SQL or a diagnostic, with untyped names and as a condition.
 * Shared by the grammar tests of each language (test_ssis, test_alteryx).
 */
#ifndef AKKO_TESTS_UNIT_REPLAY_H
#define AKKO_TESTS_UNIT_REPLAY_H

#include <dirent.h>
#include <stdlib.h>

#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "tap.h"

static bool replay_read_file(const char *path, Sbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(out, buf, n);
	fclose(f);
	return true;
}

/* Each file of tests/fuzz/`subdir` translated twice in language `lang`. */
static void replay_fuzz_crashes(Arena *a, const char *subdir, ExprLang lang)
{
	const char *src = getenv("AKKO_SRCDIR");
	const char *dir = arena_sprintf(a, "%s/tests/fuzz/%s", src ? src : "..", subdir);
	DIR *d = opendir(dir);
	CHECK(d != NULL, "the reproducers' folder %s exists", dir);
	if (!d)
		return;
	size_t n = 0, done = 0;
	for (struct dirent *f; (f = readdir(d));) {
		if (f->d_name[0] == '.')
			continue;
		Sbuf text = SBUF_INIT;
		if (!replay_read_file(arena_sprintf(a, "%s/%s", dir, f->d_name), &text))
			continue;
		n++;
		ExprEnv env = {.lang = expr_language(lang), .dialect = &dialect_postgres, .free_names = true};
		ExprResult r;
		expr_translate(a, &env, text.buf, text.len, &r);
		bool one = r.sql || r.issues.len;
		env.free_names = false;
		env.condition = true;
		env.arrival_order = "akko_ord";
		expr_translate(a, &env, text.buf, text.len, &r);
		done += one && (r.sql || r.issues.len);
		sbuf_release(&text);
	}
	closedir(d);
	CHECK(done == n, "every fuzz reproducer translates or is diagnosed (%zu of %zu)", done, n);
}

#endif
