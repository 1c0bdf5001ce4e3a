/* catalog.c - lookup in the function catalogue of catalog.h (src/expr). */
#include <string.h>

#include "base/str.h"
#include "expr/catalog.h"

static const FuncDef funcs[] = {
#define X(id, name, lo, hi, sig, res, st, notes) {id, name, lo, hi, sig, res, st, notes},
    FUNC_LIST(X)
#undef X
};

static const char *const status_names[] = {
#define X(id, str, doc) str,
    FUNC_STATUS_LIST(X)
#undef X
};
static const char *const status_docs[] = {
#define X(id, str, doc) doc,
    FUNC_STATUS_LIST(X)
#undef X
};

const FuncDef *catalog_find(const char *name)
{
	/* ~100 rows, looked up once per call site: a scan is fine. */
	for (size_t i = 0; i < ARRAY_LEN(funcs); i++)
		if (ascii_ieq(funcs[i].name, name))
			return &funcs[i];
	return NULL;
}

const FuncDef *catalog_at(FuncId id)
{
	return &funcs[id];
}

char catalog_sig(const FuncDef *f, uint32_t arg)
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
const char *func_status_doc(FuncStatus s)
{
	return status_docs[s];
}
