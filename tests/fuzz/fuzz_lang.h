/* fuzz_lang.h - the body the expression-language fuzz targets share: one
 * input translated twice in one language, with untyped names and as a
 * condition over a few typed columns (also as Link.col) and a declared
 * parameter.
 * fuzz_ssis_expr.c and fuzz_alteryx_expr.c differ only in the language
 * and in the arrival order they give (a row reference needs one). */
#ifndef AKKO_TESTS_FUZZ_LANG_H
#define AKKO_TESTS_FUZZ_LANG_H

#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"

#include <stdint.h>
#include <string.h>

static const ExprBinding *fuzz_typed(void *ud, BindKind what, const char *name)
{
	static ExprBinding b[] = {
	    {.kind = BIND_COLUMN, .name = "S", .type = XT_STRING},
	    {.kind = BIND_COLUMN, .name = "N", .type = XT_DECIMAL},
	    {.kind = BIND_COLUMN, .name = "D", .type = XT_DATE},
	    {.kind = BIND_COLUMN, .name = "I", .type = XT_INTEGER},
	    {.kind = BIND_COLUMN, .name = "B", .type = XT_BOOLEAN},
	    {.kind = BIND_PARAM, .name = "User::V", .type = XT_STRING, .declared = true},
	};
	(void)ud;
	if (what == BIND_QUALIFIED && strchr(name, '.')) { /* Link.S: the column S of any input */
		name = strchr(name, '.') + 1;
		what = BIND_COLUMN;
	}
	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
		if ((b[i].kind == BIND_PARAM) == (what == BIND_PARAM) && strcmp(b[i].name, name) == 0)
			return &b[i];
	return NULL;
}

/* `arrival_order`: the column rows arrive in, or NULL. */
static int fuzz_translate_one(ExprLang lang, const char *arrival_order, const uint8_t *data, size_t size)
{
	Arena a;
	arena_init(&a);
	const Language *l = expr_language(lang);
	ExprEnv env = {.lang = l, .dialect = &dialect_postgres, .free_names = true};
	ExprResult r;
	expr_translate(&a, &env, (const char *)data, size, &r);
	ExprEnv env2 = {.lang = l,
			.dialect = &dialect_postgres,
			.condition = true,
			.resolve = fuzz_typed,
			.arrival_order = arrival_order};
	expr_translate(&a, &env2, (const char *)data, size, &r);
	arena_release(&a);
	return 0;
}

#endif
