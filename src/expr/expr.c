/* expr.c - kind and type names, issues and their diagnostics, and the
 * confidence deducted per issue kind (src/expr).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "expr/expr.h"

#define NAME_ITEM(name, str) str,
static const char *const kind_names[] = {EXPR_KIND_LIST(NAME_ITEM)};
static const char *const op_names[] = {EXPR_OP_LIST(NAME_ITEM)};
static const char *const type_names[] = {EXPR_TYPE_LIST(NAME_ITEM)};
#undef NAME_ITEM

const char *expr_kind_name(ExprKind k)
{
	return kind_names[k];
}
const char *expr_op_name(ExprOp op)
{
	return op_names[op];
}
const char *expr_type_name(ExprType t)
{
	return type_names[t];
}

bool expr_type_parse(const char *name, ExprType *out)
{
	static const struct {
		const char *name;
		ExprType t;
	} aliases[] = {
	    {"string", XT_STRING}, {"text", XT_STRING},     {"integer", XT_INTEGER}, {"int", XT_INTEGER},
	    {"bigint", XT_BIGINT}, {"decimal", XT_DECIMAL}, {"numeric", XT_DECIMAL}, {"double", XT_DOUBLE},
	    {"float", XT_DOUBLE},  {"date", XT_DATE},       {"timestamp", XT_DATE},  {"datetime", XT_DATE},
	    {"binary", XT_BINARY}, {"boolean", XT_BOOLEAN}, {"time", XT_TIME},
	};
	for (size_t i = 0; i < ARRAY_LEN(aliases); i++)
		if (ascii_ieq(name, aliases[i].name)) {
			*out = aliases[i].t;
			return true;
		}
	return false;
}

ExprType expr_type_from_ast(TypeKind k)
{
	switch (k) {
	case TY_STRING: return XT_STRING;
	case TY_BOOLEAN: return XT_BOOLEAN;
	case TY_SMALLINT:
	case TY_INTEGER: return XT_INTEGER;
	case TY_BIGINT: return XT_BIGINT;
	case TY_DECIMAL: return XT_DECIMAL;
	case TY_DOUBLE: return XT_DOUBLE;
	case TY_DATE:
	case TY_TIME:
	case TY_TIMESTAMP:
	case TY_TIMESTAMP_TZ: return XT_DATE;
	case TY_BINARY: return XT_BINARY;
	default: return XT_UNKNOWN;
	}
}

bool expr_type_numeric(ExprType t)
{
	return t == XT_INTEGER || t == XT_BIGINT || t == XT_DECIMAL || t == XT_DOUBLE || t == XT_BOOLEAN;
}

const char *expr_op_sql(ExprOp op)
{
	switch (op) {
	case OP_NE: return "<>";
	case OP_AND: return "AND";
	case OP_OR: return "OR";
	case OP_NOT: return "NOT";
	default: return op_names[op];
	}
}

ExprOp expr_op_flip(ExprOp op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

const char *expr_vformat(Arena *a, const char *fmt, va_list ap)
{
	Sbuf m = SBUF_INIT;
	sbuf_vaddf(&m, fmt, ap);
	const char *r = arena_strdup(a, m.buf);
	sbuf_release(&m);
	return r;
}

void expr_issue_vadd(Arena *a, PtrVec *issues, DiagCode code, uint32_t off, uint32_t len, const char *fmt,
		     va_list ap)
{
	ExprIssue *is = ARENA_NEW(a, ExprIssue);
	is->code = code;
	is->off = off;
	is->len = len;
	is->msg = expr_vformat(a, fmt, ap);
	ptrvec_push(a, issues, is);
}

void expr_issue_add(Arena *a, PtrVec *issues, DiagCode code, uint32_t off, uint32_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	expr_issue_vadd(a, issues, code, off, len, fmt, ap);
	va_end(ap);
}

/* The confidence formula (docs/expressions.md, "Confidence"): start at 1,
 * subtract this for every warning, floor at 0; an unsupported construct
 * or an error makes it 0. */
double expr_issue_deduction(DiagCode code)
{
	switch (code) {
	case W_EXPR_DIFFERENCE: return 0.05;
	case W_EXPR_UNVERIFIED: return 0.10;
	case W_EXPR_SETTING: return 0.02;
	case W_EXPR_IGNORED: return 0.02;
	case W_EXPR_UNTYPED: return 0.10;
	case W_EXPR_PARAM: return 0.05;
	case W_EXPR_ASSIGN: return 0.02;
	case W_EXPR_UNSUPPORTED: return 1.0;
	default: return diag_code_severity(code) == DIAG_ERROR ? 1.0 : 0.0;
	}
}

/* The line of `text` holding byte `off`, and the caret's column in it
 * (in characters, UTF-8 continuation bytes not counted). */
void expr_issue_emit(DiagSink *sink, const ExprIssue *is, const char *text, SrcLoc loc, const char *context)
{
	size_t n = strlen(text), off = is->off > n ? n : is->off;
	size_t start = off, end = off;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	while (end < n && text[end] != '\n' && text[end] != '\r')
		end++;
	uint32_t col = 1, span = 0, line = 1;
	for (size_t i = 0; i < start; i++)
		line += text[i] == '\n';
	for (size_t i = start; i < off; i++)
		col += ((unsigned char)text[i] & 0xC0) != 0x80;
	size_t stop = off + is->len > end ? end : off + is->len;
	for (size_t i = off; i < stop; i++)
		span += ((unsigned char)text[i] & 0xC0) != 0x80;
	char *snip = xmalloc(end - start + 1);
	memcpy(snip, text + start, end - start);
	snip[end - start] = 0;
	Diag d = {.code = is->code, .loc = loc, .context = context};
	if (!loc.line) { /* text of its own (command line): line and column in it */
		d.loc.line = line;
		d.loc.col = col;
	}
	d.snippet = snip;
	d.snip_col = col;
	d.snip_span = span ? span : 1;
	diag_emit(sink, &d, "%s", is->msg);
	free(snip);
}
