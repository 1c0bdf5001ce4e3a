/* pc_lex.re - re2c lexer for the PowerCenter transformation language.
 *
 * Whole expression in memory, NUL sentinel.  Keywords are few (AND, OR,
 * NOT); function names and constants (NULL, TRUE, SYSDATE, DD_INSERT) are
 * identifiers resolved later against the catalogue.  `:LKP.name` and its
 * kin become single tokens here, which keeps the grammar LALR(1).  A
 * lexical error is recorded as an issue and returned as the LEXERR token.
 */
#include <string.h>

#include "expr/lang/powercenter/pc_parser.h"
#include "pc_parse.h"

/*!re2c
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "p->cur";
	re2c:define:YYMARKER = "marker";
	re2c:yyfill:enable = 0;

	ws     = [ \t\r\n\f\v]+;
	digit  = [0-9];
	idch   = [A-Za-z0-9_#@$] | [\x80-\xff];
	ident  = ([A-Za-z_] | [\x80-\xff]) idch*;
	number = (digit+ ("." digit*)? | "." digit+) ([eE] [+-]? digit+)?;
*/

static int token(PcParser *p, PCY_LTYPE *lloc)
{
	lloc->off = (uint32_t)(p->tok - p->text);
	lloc->end = (uint32_t)(p->cur - p->text);
	return 0;
}

static Expr *leaf(PcParser *p, ExprKind kind, PCY_LTYPE *lloc, size_t skip)
{
	Expr *e = pc_node(p, kind, *lloc);
	e->name = arena_strndup(p->b.arena, (const char *)p->tok + skip,
				(size_t)(p->cur - p->tok) - skip);
	return e;
}

/* A string literal: quotes stripped, '' turned into one quote. */
static Expr *string_leaf(PcParser *p, PCY_LTYPE *lloc)
{
	Expr *e = pc_node(p, EX_STRING, *lloc);
	size_t n = (size_t)(p->cur - p->tok) - 2;
	char *s = arena_alloc(p->b.arena, n + 1), *o = s;
	for (const unsigned char *c = p->tok + 1; c < p->cur - 1; c++) {
		*o++ = (char)*c;
		if (*c == '\'')
			c++;
	}
	*o = 0;
	e->text = s;
	return e;
}

static int lex_error(PcParser *p, PCY_LTYPE *lloc, const char *what)
{
	token(p, lloc);
	expr_issue_add(p->b.arena, p->b.issues, E_EXPR_SYNTAX, lloc->off,
		       lloc->end > lloc->off ? lloc->end - lloc->off : 1, "%s", what);
	p->lex_failed = true;
	return T_LEXERR;
}

int pcy_lex(PCY_STYPE *lval, PCY_LTYPE *lloc, PcParser *p)
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
	("--" | "//") [^\n\x00]* { goto again; }

	number { token(p, lloc); lval->e = leaf(p, EX_NUMBER, lloc, 0); lval->e->text = lval->e->name; lval->e->name = NULL; return T_NUMBER; }
	"'" ([^'\x00] | "''")* "'" { token(p, lloc); lval->e = string_leaf(p, lloc); return T_STRING; }
	"'" { return lex_error(p, lloc, "unterminated string literal"); }

	'and' { token(p, lloc); return T_AND; }
	'or'  { token(p, lloc); return T_OR; }
	'not' { token(p, lloc); return T_NOT; }
	ident ("." ident)+ { token(p, lloc); lval->e = leaf(p, EX_NAME, lloc, 0); return T_IDENT; }
	ident { token(p, lloc); lval->e = leaf(p, EX_NAME, lloc, 0); return T_IDENT; }
	"$$" [A-Za-z0-9_#@]+ { token(p, lloc); lval->e = leaf(p, EX_PARAM, lloc, 0); return T_PARAM; }
	"$" [A-Za-z_] [A-Za-z0-9_#@]* ("." [A-Za-z_] [A-Za-z0-9_]*)? {
		token(p, lloc); lval->e = leaf(p, EX_SYSVAR, lloc, 0); return T_SYSVAR;
	}
	":" 'lkp' "." ident { token(p, lloc); lval->e = leaf(p, EX_LKP, lloc, 5); return T_LKP; }
	":" 'sp' "." ident  { token(p, lloc); lval->e = leaf(p, EX_SP, lloc, 4); return T_SP; }
	":" 'udf' "." ident { token(p, lloc); lval->e = leaf(p, EX_UDF, lloc, 5); return T_UDF; }
	":" 'mcr' "." ident { token(p, lloc); lval->e = leaf(p, EX_MCR, lloc, 5); return T_MCR; }

	"||" { token(p, lloc); return T_CONCAT; }
	"<=" { token(p, lloc); return T_LE; }
	">=" { token(p, lloc); return T_GE; }
	"<>" | "!=" | "^=" { token(p, lloc); return T_NE; }
	[-+*/%<>=(),] { token(p, lloc); return p->tok[0]; }

	"==" { return lex_error(p, lloc, "'==' is not an operator; PowerCenter compares with '='"); }
	"&&" | "&" { return lex_error(p, lloc, "'&&' is not an operator; use AND"); }
	":" { return lex_error(p, lloc, "':' starts :LKP., :SP., :UDF. or :MCR. calls only"); }
	"\"" { return lex_error(p, lloc, "string literals use single quotes"); }
	* { return lex_error(p, lloc, "unexpected character"); }
	*/
}
