/* ssis_lex.re - re2c lexer for the SSIS expression language.
 *
 * Whole expression in memory, NUL sentinel.  There are no keywords:
 * function names and TRUE/FALSE are identifiers resolved later against the
 * catalogue.  The context-sensitive bits become single tokens here, which
 * keeps the grammar LALR(1): a cast `(DT_WSTR, 10)`, a typed NULL
 * `NULL(DT_I4)`, a variable `@[User::X]`, a column `[Col]`, a qualified
 * column `[Input].[Col]` and a lineage reference (`#12`, or
 * `#{Package\Flow\Source.Outputs[Out].Columns[Col]}` as packages store it).  String literals are decoded (\n \t \" \\
 * \xhhhh...), numeric suffixes (L, U, UL, F) stripped and hexadecimal
 * numbers written in decimal.  A lexical error is recorded as an issue and
 * returned as the LEXERR token.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "expr/lang/ssis/ssis.h"
#include "expr/lang/ssis/ssis_parser.h"
#include "ssis_parse.h"

/*!re2c
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "p->cur";
	re2c:define:YYMARKER = "marker";
	re2c:define:YYCTXMARKER = "ctxmarker";
	re2c:yyfill:enable = 0;

	ws     = [ \t\r\n\f\v]+;
	digit  = [0-9];
	hex    = [0-9A-Fa-f];
	ident  = ([A-Za-z_] | [\x80-\xff]) ([A-Za-z0-9_] | [\x80-\xff])*;
	bracket = "[" [^\]\x00]+ "]";
	exp    = [eE] [+-]? digit+;
	real   = (digit+ "." digit* | "." digit+) exp? | digit+ exp;
	dtname = [Dd][Tt] "_" [A-Za-z0-9_]+;
	cast   = "(" ws? dtname (ws? "," ws? [-+]? digit+)* ws? ")";
*/

static int token(SsisParser *p, SSISY_LTYPE *lloc)
{
	lloc->off = (uint32_t)(p->tok - p->text);
	lloc->end = (uint32_t)(p->cur - p->text);
	return 0;
}

static int lex_error_at(SsisParser *p, SSISY_LTYPE *lloc, const char *what)
{
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
		       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", what);
	p->lex_failed = true;
	return T_LEXERR;
}

static int lex_error(SsisParser *p, SSISY_LTYPE *lloc, const char *what)
{
	token(p, lloc);
	return lex_error_at(p, lloc, what);
}

static Expr *leaf(SsisParser *p, ExprKind kind, SSISY_LTYPE *lloc, const unsigned char *s, size_t n)
{
	Expr *e = ssis_node(p, kind, *lloc);
	e->name = arena_strndup(p->b.arena, (const char *)s, n);
	return e;
}

/* A number without its suffix; hexadecimal in decimal.  False when the
 * literal is too large. */
static bool number_leaf(SsisParser *p, SSISY_LTYPE *lloc, bool is_hex, Expr **out)
{
	const unsigned char *s = p->tok, *end = p->cur;
	while (end > s && strchr("lLuUfF", end[-1]) && !(is_hex && strchr("fF", end[-1])))
		end--;
	Expr *e = ssis_node(p, EX_NUMBER, *lloc);
	if (is_hex) {
		const char *digits = arena_strndup(p->b.arena, (const char *)s + 2, (size_t)(end - s - 2));
		if (strlen(digits) > 16)
			return false;
		e->text = arena_sprintf(p->b.arena, "%llu", strtoull(digits, NULL, 16));
	} else {
		e->text = arena_strndup(p->b.arena, (const char *)s, (size_t)(end - s));
	}
	*out = e;
	return true;
}

static void utf8_put(char **o, unsigned v)
{
	unsigned char *u = (unsigned char *)*o;
	if (v < 0x80) {
		*u++ = (unsigned char)v;
	} else if (v < 0x800) {
		*u++ = (unsigned char)(0xC0 | (v >> 6));
		*u++ = (unsigned char)(0x80 | (v & 0x3F));
	} else {
		*u++ = (unsigned char)(0xE0 | (v >> 12));
		*u++ = (unsigned char)(0x80 | ((v >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (v & 0x3F));
	}
	*o = (char *)u;
}

/* A string literal: quotes stripped, escapes decoded.  NULL (with the
 * issue recorded) for an escape SSIS does not have. */
static Expr *string_leaf(SsisParser *p, SSISY_LTYPE *lloc)
{
	size_t n = (size_t)(p->cur - p->tok);
	char *s = arena_alloc(p->b.arena, 2 * n + 1), *o = s;
	for (const unsigned char *c = p->tok + 1; c < p->cur - 1; c++) {
		if (*c != '\\') {
			*o++ = (char)*c;
			continue;
		}
		const unsigned char *esc = c++;
		const char *simple = strchr("n\nt\tr\ra\ab\bf\fv\v\"\"\\\\", *c);
		if (simple && ((simple - "n\nt\tr\ra\ab\bf\fv\v\"\"\\\\") % 2) == 0) {
			*o++ = simple[1];
			continue;
		}
		unsigned v = 0;
		int nd = 0;
		if (*c == 'x')
			for (; nd < 4 && strchr("0123456789abcdefABCDEF", c[1]) && c[1]; nd++, c++)
				v = v * 16 + (unsigned)(c[1] <= '9' ? c[1] - '0' : (c[1] | 0x20) - 'a' + 10);
		SSISY_LTYPE at = {(uint32_t)(esc - p->text), (uint32_t)(c + 1 - p->text)};
		if (nd == 0) {
			lex_error_at(p, &at, "unknown escape sequence in a string literal; SSIS has \\n \\t \\r "
					     "\\a \\b \\f \\v \\\" \\\\ and \\xhhhh");
			return NULL;
		}
		if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) {
			lex_error_at(p, &at, v == 0 ? "a NUL character (\\x0000) cannot be part of a SQL string"
						    : "a lone UTF-16 surrogate cannot be part of a SQL string");
			return NULL;
		}
		utf8_put(&o, v);
	}
	*o = 0;
	Expr *e = ssis_node(p, EX_STRING, *lloc);
	e->text = s;
	return e;
}

/* A cast token "(DT_X, a, b)" from `s` (at its '('): an EX_CAST leaf
 * with its parameters, or NULL after an issue. */
static Expr *cast_leaf(SsisParser *p, SSISY_LTYPE *lloc, const unsigned char *s)
{
	while (*s != 'D' && *s != 'd')
		s++;
	const unsigned char *name = s;
	while (*s == '_' || (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
		s++;
	const SsisType *t = ssis_type_find((const char *)name, (size_t)(s - name));
	if (!t) {
		lex_error_at(p, lloc,
			     arena_sprintf(p->b.arena, "unknown data type '%.*s'", (int)(s - name), name));
		return NULL;
	}
	long v[3] = {-1, -1, -1};
	size_t n = 0;
	for (; *s != ')'; s++)
		if (*s == ',') {
			long x = strtol((const char *)s + 1, NULL, 10);
			if (n < 3)
				v[n] = x;
			n++;
		}
	size_t want = strlen(t->params);
	if (n != want) {
		lex_error_at(p, lloc,
			     want == 0 ? arena_sprintf(p->b.arena, "%s takes no parameters", t->name)
				       : arena_sprintf(p->b.arena, "%s takes %zu parameter%s (%s), got %zu",
						       t->name, want, want == 1 ? "" : "s",
						       strcmp(t->params, "lc") == 0   ? "length, code page"
						       : strcmp(t->params, "ps") == 0 ? "precision, scale"
						       : t->params[0] == 'l'          ? "length"
						       : t->params[0] == 'c'          ? "code page"
										      : "scale",
						       n));
		return NULL;
	}
	ExprCast *c = ARENA_NEW(p->b.arena, ExprCast);
	*c = (ExprCast){.to = t->type, .length = -1, .precision = -1, .scale = -1};
	for (size_t i = 0; i < n; i++) {
		bool bad = v[i] < 0 || v[i] > 100000000;
		if (t->params[i] == 'l' && (v[i] < 1 || v[i] > 8000))
			bad = true;
		if (t->params[i] == 'p' && (v[i] < 1 || v[i] > 38))
			bad = true;
		if (t->params[i] == 's' && v[i] > 38)
			bad = true;
		if (bad) {
			lex_error_at(p, lloc,
				     arena_sprintf(p->b.arena, "parameter %zu of %s is out of range", i + 1,
						   t->name));
			return NULL;
		}
		if (t->params[i] == 'l')
			c->length = (int32_t)v[i];
		else if (t->params[i] == 'p')
			c->precision = (int32_t)v[i];
		else if (t->params[i] == 's')
			c->scale = (int32_t)v[i];
	}
	if (c->precision > 0 && c->scale > c->precision) {
		lex_error_at(p, lloc, "the scale of DT_NUMERIC cannot exceed its precision");
		return NULL;
	}
	Expr *e = ssis_node(p, EX_CAST, *lloc);
	e->name = t->name;
	e->cast = c;
	return e;
}

/* A variable: @X, @[X], @[User::X], @[$Package::X]; its name without the
 * '@' and the brackets. */
static Expr *variable_leaf(SsisParser *p, SSISY_LTYPE *lloc)
{
	const unsigned char *s = p->tok + 1, *end = p->cur;
	if (*s == '[')
		s++, end--;
	return leaf(p, EX_PARAM, lloc, s, (size_t)(end - s));
}

/* A column name without its brackets. */
static Expr *column_leaf(SsisParser *p, SSISY_LTYPE *lloc, const unsigned char *s, const unsigned char *end)
{
	if (*s == '[')
		s++, end--;
	return leaf(p, EX_NAME, lloc, s, (size_t)(end - s));
}

/* [Input].[Column] or Input.Column: EX_QNAME, text the input. */
static Expr *qualified_leaf(SsisParser *p, SSISY_LTYPE *lloc)
{
	const unsigned char *dot = p->tok[0] == '[' ? (const unsigned char *)strchr((const char *)p->tok, ']') + 1
						    : (const unsigned char *)strchr((const char *)p->tok, '.');
	Expr *in = column_leaf(p, lloc, p->tok, dot);
	Expr *e = column_leaf(p, lloc, dot + 1, p->cur);
	e->kind = EX_QNAME;
	e->text = in->name;
	return e;
}

int ssisy_lex(SSISY_STYPE *lval, SSISY_LTYPE *lloc, SsisParser *p)
{
	const unsigned char *marker = p->cur, *ctxmarker = p->cur;
	(void)marker;
	(void)ctxmarker;
again:
	p->tok = p->cur;
	/*!re2c
	"\x00" {
		if (p->tok < p->lim) {
			p->cur = p->tok + 1;
			return lex_error(p, lloc, "unexpected NUL byte in the expression");
		}
		p->cur = p->tok;
		token(p, lloc);
		return T_END;
	}
	ws { goto again; }

	digit+ ([uU] [lL]? | [lL] [uU]?)? {
		token(p, lloc);
		number_leaf(p, lloc, false, &lval->e);
		return T_NUMBER;
	}
	"0" [xX] hex+ ([uU] [lL]? | [lL] [uU]?)? {
		token(p, lloc);
		if (!number_leaf(p, lloc, true, &lval->e))
			return lex_error_at(p, lloc, "hexadecimal literal out of range");
		return T_NUMBER;
	}
	real [fFlL]? { token(p, lloc); number_leaf(p, lloc, false, &lval->e); return T_NUMBER; }
	(digit | ".") [A-Za-z0-9_.]* { return lex_error(p, lloc, "malformed numeric literal"); }

	"\"" ([^"\\\x00] | "\\" [^\x00])* "\"" {
		token(p, lloc);
		lval->e = string_leaf(p, lloc);
		return lval->e ? T_STRING : T_LEXERR;
	}
	"\"" { return lex_error(p, lloc, "unterminated string literal"); }

	cast {
		token(p, lloc);
		lval->e = cast_leaf(p, lloc, p->tok);
		return lval->e ? T_CAST : T_LEXERR;
	}
	'NULL' ws? cast {
		token(p, lloc);
		Expr *c = cast_leaf(p, lloc, p->tok + 4);
		if (!c)
			return T_LEXERR;
		lval->e = ssis_build_cast(p, c, NULL, *lloc);
		return T_TYPED_NULL;
	}
	'NULL' / ws? [^A-Za-z0-9_\x80-\xff( \t\r\n\f\v] {
		return lex_error(p, lloc, "NULL needs a data type: NULL(DT_WSTR, 10), NULL(DT_I4)...");
	}

	"@" ident | "@[" [^\]\x00]+ "]" {
		token(p, lloc);
		lval->e = variable_leaf(p, lloc);
		return T_VARIABLE;
	}
	"@" { return lex_error(p, lloc, "a variable is @Name or @[Namespace::Name]"); }
	(bracket | ident) "." (bracket | ident) {
		token(p, lloc);
		lval->e = qualified_leaf(p, lloc);
		return T_IDENT;
	}
	bracket { token(p, lloc); lval->e = column_leaf(p, lloc, p->tok, p->cur); return T_IDENT; }
	"[" { return lex_error(p, lloc, "unterminated column name: '[' without ']'"); }
	"#{" [^}\x00]+ "}" { token(p, lloc); lval->e = leaf(p, EX_NAME, lloc, p->tok, (size_t)(p->cur - p->tok)); return T_IDENT; }
	"#" digit+ { token(p, lloc); lval->e = leaf(p, EX_NAME, lloc, p->tok, (size_t)(p->cur - p->tok)); return T_IDENT; }
	ident { token(p, lloc); lval->e = leaf(p, EX_NAME, lloc, p->tok, (size_t)(p->cur - p->tok)); return T_IDENT; }

	"==" { token(p, lloc); return T_EQ; }
	"!=" { token(p, lloc); return T_NE; }
	"<=" { token(p, lloc); return T_LE; }
	">=" { token(p, lloc); return T_GE; }
	"&&" { token(p, lloc); return T_AND; }
	"||" { token(p, lloc); return T_OR; }
	[\-+*/%<>!~&|^?:(),] { token(p, lloc); return p->tok[0]; }

	"=" { token(p, lloc); return T_ASSIGN; }
	"'" { return lex_error(p, lloc, "string literals use double quotes"); }
	* { return lex_error(p, lloc, "unexpected character"); }
	*/
}
