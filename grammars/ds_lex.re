/* ds_lex.re - re2c lexer for the DataStage parallel Transformer derivation
 * language (EXPRESSIONS.md §4.1; IBM InfoSphere DataStage "Parallel
 * transform functions" and the DataStage BASIC "Operators" pages).
 *
 * Whole expression in memory, NUL sentinel.  Keywords (If Then Else And Or
 * Not, and the BASIC relational keywords EQ NE LT GT LE GE) are
 * case-insensitive; function names, stage variables and job parameters are
 * identifiers resolved later.  `Link.Column` is one token (an EX_QNAME),
 * `@NAME` a system variable (a name the language's constants resolve),
 * `#PARAM#` and `#SET.PARAM#` a job parameter (EX_PARAM; `#$ENV#` an
 * environment variable).  Strings are "...", '...' or \...\ (BASIC) with
 * no escape inside.  The relational operators are = <> # >< < > <= =< >=
 * => (BASIC's spellings), & and | stand for And and Or, ** and ^ raise to
 * a power.  There are no comments in a derivation.  A lexical error is
 * recorded as an issue and returned as the LEXERR token.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/lang/datastage/datastage.h"
#include "expr/lang/datastage/ds_parser.h"
#include "ds_parse.h"

/*!re2c
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "p->cur";
	re2c:define:YYMARKER = "marker";
	re2c:yyfill:enable = 0;

	ws     = [ \t\r\n\f\v]+;
	digit  = [0-9];
	ident  = ([A-Za-z_$] | [\x80-\xff]) ([A-Za-z0-9_$] | [\x80-\xff])*;
	exp    = [eE] [+-]? digit+;
	number = (digit+ ("." digit*)? | "." digit+) exp?;
	pname  = [A-Za-z_$] [A-Za-z0-9_$]* ("." [A-Za-z_$] [A-Za-z0-9_$]*)?;
*/

static int token(DsParser *p, DSY_LTYPE *lloc)
{
	lloc->off = (uint32_t)(p->tok - p->text);
	lloc->end = (uint32_t)(p->cur - p->text);
	return 0;
}

static int lex_error(DsParser *p, DSY_LTYPE *lloc, const char *what)
{
	token(p, lloc);
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
		       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", what);
	p->lex_failed = true;
	return T_LEXERR;
}

/* A leaf of `kind` whose name (or text) is bytes [s, end). */
static Expr *leaf(DsParser *p, ExprKind kind, DSY_LTYPE *lloc, const unsigned char *s, const unsigned char *end)
{
	token(p, lloc);
	Expr *e = expr_build_node(&p->b, kind, *lloc);
	const char *v = arena_strndup(p->b.arena, (const char *)s, (size_t)(end - s));
	if (kind == EX_NUMBER || kind == EX_STRING)
		e->text = v;
	else
		e->name = v;
	return e;
}

/* Link.Column: EX_QNAME, text the link, name the column. */
static Expr *qualified(DsParser *p, DSY_LTYPE *lloc)
{
	const unsigned char *dot = (const unsigned char *)strchr((const char *)p->tok, '.');
	Expr *e = leaf(p, EX_QNAME, lloc, dot + 1, p->cur);
	e->text = arena_strndup(p->b.arena, (const char *)p->tok, (size_t)(dot - p->tok));
	return e;
}

/* A keyword that also names a function (EQ(a, b)): its token, with a
 * name leaf for the call. */
static int keyword(DsParser *p, DSY_LTYPE *lloc, DSY_STYPE *lval, int tok)
{
	lval->e = leaf(p, EX_NAME, lloc, p->tok, p->cur);
	return tok;
}

int dsy_lex(DSY_STYPE *lval, DSY_LTYPE *lloc, DsParser *p)
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

	number { lval->e = leaf(p, EX_NUMBER, lloc, p->tok, p->cur); return T_NUMBER; }
	number [A-Za-z_] [A-Za-z0-9_]* { return lex_error(p, lloc, "malformed numeric literal"); }

	"\"" [^"\x00]* "\"" | "'" [^'\x00]* "'" | "\\" [^\\\x00]* "\\" {
		lval->e = leaf(p, EX_STRING, lloc, p->tok + 1, p->cur - 1);
		return T_STRING;
	}
	"\"" | "'" | "\\" { return lex_error(p, lloc, "unterminated string literal"); }

	"#" pname "#" { lval->e = leaf(p, EX_PARAM, lloc, p->tok + 1, p->cur - 1); return T_PARAM; }
	"@" [A-Za-z_] [A-Za-z0-9_]* ("." [A-Za-z_] [A-Za-z0-9_]*)? {
		lval->e = leaf(p, EX_NAME, lloc, p->tok, p->cur);
		return T_IDENT;
	}
	"@" { return lex_error(p, lloc, "a system variable is '@' followed by its name"); }

	'IF'   { token(p, lloc); return T_IF; }
	'THEN' { token(p, lloc); return T_THEN; }
	'ELSE' { token(p, lloc); return T_ELSE; }
	'AND'  { token(p, lloc); return T_AND; }
	'OR'   { token(p, lloc); return T_OR; }
	'NOT'  { token(p, lloc); return T_NOT; }
	'EQ'   { return keyword(p, lloc, lval, T_EQ); }
	'NE'   { return keyword(p, lloc, lval, T_NE); }
	'LT'   { return keyword(p, lloc, lval, T_LT); }
	'GT'   { return keyword(p, lloc, lval, T_GT); }
	'LE'   { return keyword(p, lloc, lval, T_LE); }
	'GE'   { return keyword(p, lloc, lval, T_GE); }
	ident "." ident { lval->e = qualified(p, lloc); return T_IDENT; }
	ident { lval->e = leaf(p, EX_NAME, lloc, p->tok, p->cur); return T_IDENT; }

	"=" { lval->e = NULL; token(p, lloc); return T_EQ; }
	"<>" | "><" | "#" { lval->e = NULL; token(p, lloc); return T_NE; }
	"<=" | "=<" { lval->e = NULL; token(p, lloc); return T_LE; }
	">=" | "=>" { lval->e = NULL; token(p, lloc); return T_GE; }
	"<" { lval->e = NULL; token(p, lloc); return T_LT; }
	">" { lval->e = NULL; token(p, lloc); return T_GT; }
	"&" { token(p, lloc); return T_AND; }
	"|" { token(p, lloc); return T_OR; }
	"**" | "^" { token(p, lloc); return T_POW; }
	[\-+*/:()[\],] { token(p, lloc); return p->tok[0]; }

	* { return lex_error(p, lloc, "unexpected character"); }
	*/
}
