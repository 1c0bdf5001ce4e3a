/* func.c - catalogue rows and languages (src/expr): signature letters,
 * status names, and the registry of the languages that have a parser.
 * Adding a language is one line in `languages` below.
 */
#include <string.h>

#include "base/str.h"
#include "expr/lang.h"

extern const Language lang_powercenter;
extern const Language lang_ssis;
extern const Language lang_alteryx;
extern const Language lang_datastage;

static const Language *const languages[] = {&lang_powercenter, &lang_ssis, &lang_alteryx, &lang_datastage, NULL};

static const char *const status_names[] = {
#define X(id, str, doc) str,
    FUNC_STATUS_LIST(X)
#undef X
};

char func_sig(const FuncDef *f, uint32_t arg)
{
	size_t n = strlen(f->sig);
	if (n == 0)
		return 'A';
	return f->sig[arg < n ? arg : n - 1];
}

const char *func_status_name(FuncStatus s)
{
	return status_names[s];
}

const Language *const *expr_languages(void)
{
	return languages;
}

const Language *expr_language(ExprLang id)
{
	for (const Language *const *l = languages; *l; l++)
		if ((*l)->id == id)
			return *l;
	return NULL;
}

const Language *expr_language_named(const char *name)
{
	for (const Language *const *l = languages; *l; l++)
		if (ascii_ieq((*l)->name, name))
			return *l;
	return NULL;
}

const FuncDef *lang_find_function(const Language *l, const char *name)
{
	/* ~100 rows, looked up once per call site: a scan is fine. */
	for (size_t i = 0; i < l->nfuncs; i++)
		if (ascii_ieq(l->funcs[i].name, name))
			return &l->funcs[i];
	return NULL;
}

const FuncDef *expr_find_function_any(const char *name)
{
	for (const Language *const *l = languages; *l; l++) {
		const FuncDef *f = lang_find_function(*l, name);
		if (f)
			return f;
	}
	return NULL;
}

const LangConst *lang_find_const(const Language *l, const char *name)
{
	for (size_t i = 0; i < l->nconsts; i++)
		if (ascii_ieq(l->consts[i].name, name))
			return &l->consts[i];
	return NULL;
}
