/* ayx_lex.re - re2c lexer for the Alteryx formula language.
 *
 * Whole expression in memory, NUL sentinel.  Keywords (IF THEN ELSEIF ELSE
 * ENDIF AND OR NOT IN) are case-insensitive; function names, True, False
 * and bare field names are identifiers resolved later.  A field is
 * `[Any characters]` or a bare name; `[Row-1:Field]` / `[Row+1:Field]` is
 * one token (an EX_ROWREF; a name holds no bracket, so
 * a bracket left open is an error where it opens); `[Engine.X]` / `[User.X]` a name the
 * language's constants resolve.  Strings are "..." or '...' with no escape
 * at all: a backslash is itself (EXPRESSIONS.md §3.1).  Comments are `//`
 * to the end of the line and C-style block comments.  A lexical error is recorded as
 * an issue and returned as the LEXERR token.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/lang/alteryx/alteryx.h"
#include "expr/lang/alteryx/ayx_parser.h"
#include "ayx_parse.h"

/*!re2c
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "p->cur";
	re2c:define:YYMARKER = "marker";
	re2c:yyfill:enable = 0;

	ws     = [ \t\r\n\f\v]+;
	digit  = [0-9];
	ident  = ([A-Za-z_] | [\x80-\xff]) ([A-Za-z0-9_] | [\x80-\xff])*;
	exp    = [eE] [+-]? digit+;
	number = (digit+ ("." digit*)? | "." digit+) exp?;
	name   = [^\][\x00]+; // a field name: any characters (line breaks too) but brackets
*/

static int token(AyxParser *p, AYXY_LTYPE *lloc)
{
	lloc->off = (uint32_t)(p->tok - p->text);
	lloc->end = (uint32_t)(p->cur - p->text);
	return 0;
}

static int lex_error(AyxParser *p, AYXY_LTYPE *lloc, const char *what)
{
	token(p, lloc);
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
		       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", what);
	p->lex_failed = true;
	return T_LEXERR;
}

/* A leaf of `kind` whose name (or text) is bytes [s, end). */
static Expr *leaf(AyxParser *p, ExprKind kind, AYXY_LTYPE *lloc, const unsigned char *s,
		  const unsigned char *end)
{
	token(p, lloc);
	Expr *e = expr_build_node(&p->b, kind, *lloc);
	const char *v = arena_strndup(p->b.arena, (const char *)s, (size_t)(end - s));
	if (kind == EX_NAME)
		e->name = v;
	else
		e->text = v;
	return e;
}

/* [Row-N:Field] or [Row+N:Field]: the field N rows before or after. */
static int rowref(AyxParser *p, AYXY_LTYPE *lloc, Expr **out)
{
	const unsigned char *s = p->tok + 4; /* the sign */
	long n = strtol((const char *)s + 1, NULL, 10);
	const unsigned char *colon = (const unsigned char *)strchr((const char *)s, ':');
	if (n > 100000)
		return lex_error(p, lloc, "a row reference more than 100000 rows away");
	*out = leaf(p, EX_NAME, lloc, colon + 1, p->cur - 1);
	(*out)->kind = EX_ROWREF;
	(*out)->row = (int32_t)(*s == '-' ? -n : n);
	return T_IDENT;
}

int ayxy_lex(AYXY_STYPE *lval, AYXY_LTYPE *lloc, AyxParser *p)
{
	const unsigned char *marker = p->cur;
	(void)marker;
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
	"//" [^\n\x00]* { goto again; }
	"/*" ([^*\x00] | "*"+ [^*/\x00])* "*"+ "/" { goto again; }
	"/*" { return lex_error(p, lloc, "unterminated comment: '/*' without '*/'"); }

	number { lval->e = leaf(p, EX_NUMBER, lloc, p->tok, p->cur); return T_NUMBER; }
	number [A-Za-z_] [A-Za-z0-9_]* { return lex_error(p, lloc, "malformed numeric literal"); }

	"\"" [^"\x00]* "\"" | "'" [^'\x00]* "'" {
		lval->e = leaf(p, EX_STRING, lloc, p->tok + 1, p->cur - 1);
		return T_STRING;
	}
	"\"" | "'" { return lex_error(p, lloc, "unterminated string literal"); }

	"[" 'Row' [-+] digit+ ":" name "]" { return rowref(p, lloc, &lval->e); }
	"[" name "]" { lval->e = leaf(p, EX_NAME, lloc, p->tok + 1, p->cur - 1); return T_IDENT; }
	"[" { return lex_error(p, lloc, "unterminated field name: '[' without ']'"); }

	'IF'     { token(p, lloc); return T_IF; }
	'THEN'   { token(p, lloc); return T_THEN; }
	'ELSEIF' { token(p, lloc); return T_ELSEIF; }
	'ELSE'   { token(p, lloc); return T_ELSE; }
	'ENDIF'  { token(p, lloc); return T_ENDIF; }
	'AND'    { token(p, lloc); return T_AND; }
	'OR'     { token(p, lloc); return T_OR; }
	'NOT'    { token(p, lloc); return T_NOT; }
	'IN'     { token(p, lloc); return T_IN; }
	ident { lval->e = leaf(p, EX_NAME, lloc, p->tok, p->cur); return T_IDENT; }

	"==" | "=" { token(p, lloc); return T_EQ; }
	"!=" | "<>" { token(p, lloc); return T_NE; }
	"<=" { token(p, lloc); return T_LE; }
	">=" { token(p, lloc); return T_GE; }
	"&&" { token(p, lloc); return T_AND; }
	"||" { token(p, lloc); return T_OR; }
	"!"  { token(p, lloc); return T_NOT; }
	[\-+*/<>(),] { token(p, lloc); return p->tok[0]; }

	* { return lex_error(p, lloc, "unexpected character"); }
	*/
}
