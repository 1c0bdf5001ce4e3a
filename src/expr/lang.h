/* lang.h - a source expression language as data (src/expr).
 *
 * Each vendor language (lang/<language>/) is one Language: how its text is
 * parsed into the shared expression AST, its function catalogue (rows that
 * name a neutral core operation or a lowering hook), its built-in
 * constants, and the semantic flags where the vendors really differ.  sema.c
 * and sqlgen.c read these fields; they never test which language it is.
 * Adding a language is adding a folder and one line to lang.c.
 */
#ifndef AKKO_EXPR_LANG_H
#define AKKO_EXPR_LANG_H

#include "expr/datefmt.h"
#include "expr/func.h"

/* What a built-in constant means, so the printer needs no language's
 * names for them. */
typedef enum ConstKind {
	CK_NULL, /* the typeless NULL */
	CK_TRUE,
	CK_FALSE,
	CK_NOW_ROW,     /* the clock, read per row (SYSDATE) */
	CK_NOW_RUN,     /* the clock, fixed for the run (SESSSTARTTIME) */
	CK_INTEGER,     /* a named integer (DD_INSERT is 0) */
	CK_UNSUPPORTED, /* a name that means something SQL cannot have (PROC_RESULT) */
} ConstKind;

typedef struct LangConst {
	const char *name;
	ConstKind kind;
	ExprType type;
	int value;       /* CK_INTEGER */
	const char *why; /* CK_UNSUPPORTED: the diagnostic; CK_NOW_RUN: the note */
} LangConst;

/* Where the vendors differ, as flags.  Each is read by sema.c or sqlgen.c
 * (position_base by the position helpers of sqlgen.h, which a language's
 * hooks call); docs/expressions.md lists them with each language's
 * values. */
typedef struct LangSemantics {
	/* '||' and concatenation functions: NULL operands count as '' (and
	 * all-NULL gives NULL), instead of making the result NULL. */
	bool concat_skips_null;
	/* "$$NAME" inside a string literal is a parameter, substituted as text
	 * before the expression is parsed. */
	bool params_in_strings;
	/* Names are case-insensitive: identifiers print in lower case. */
	bool fold_identifiers;
	/* There is no boolean type: a condition used as a value is 1 or 0, and
	 * a number used as a condition is true when non-zero. */
	bool bool_is_number;
	/* A string used as a condition is read as a number. */
	bool string_condition_is_number;
	/* '/' of two whole numbers keeps the fraction (10 / 4 is 2.5);
	 * otherwise it truncates like integer division. */
	bool decimal_division;
	/* A NULL condition of a conditional gives NULL, instead of taking the
	 * else branch. */
	bool null_condition_is_null;
	/* String comparison ignores letter case. */
	bool case_insensitive_compare;
	/* Comparisons are two-valued: a NULL equals NULL and differs from
	 * every value; an ordering (<, <=, >, >=) with a NULL is false, except
	 * <= and >= of two NULLs (Alteryx). */
	bool null_compare_two_valued;
	/* '+' of two strings concatenates them (under the NULL rule of
	 * concat_skips_null); a string and a number do not meet. */
	bool add_concatenates;
	/* A string operand of '+', '-', '*', '/' or unary '-' is read as a
	 * number (DataStage: "2" + "2" is 4); text that is not a number is an
	 * error of the row. */
	bool arith_reads_strings;
	/* '%' takes whole numbers only. */
	bool integer_modulo;
	/* A string argument of a function takes a string only: a number or a
	 * date is not converted to one. */
	bool strict_string_args;
	/* A date argument of a function also takes text in a date form (an
	 * expression, converted as a date), but not a string literal, which
	 * must be cast. */
	bool date_args_take_text;
	/* Positions and offsets the language counts from: 0 or 1. */
	int position_base;
	/* The default date format of implicit date <-> string conversions,
	 * in the language's own format syntax. */
	const char *date_format;
	/* The difference to name when a double is converted to a string, or
	 * NULL when the language prints doubles as PostgreSQL does. */
	const char *double_to_text_note;
	/* What to use instead of '+' and '-' on dates, for the message
	 * ("use ADD_TO_DATE or DATE_DIFF"). */
	const char *date_arith_note;
	/* What a qualified name (Link.col) is: false when the language has
	 * none, and the message for one. */
	bool qualified_names;
	const char *qualified_name_note;
} LangSemantics;

typedef struct Language {
	ExprLang id; /* the AST's language tag */
	const char *name;
	/* Parse text into a raw tree (names unresolved, nothing typed), or
	 * NULL after recording at least one issue. */
	Expr *(*parse)(Arena *a, const char *text, size_t len, PtrVec *issues);
	const FuncDef *funcs; /* the catalogue, in documentation order */
	size_t nfuncs;
	const LangConst *consts;
	size_t nconsts;
	LangSemantics sem;
	/* Date units ('DD', 'MM'...) as the language spells them: the
	 * DateUnit, or false. */
	bool (*date_unit)(const char *text, int *unit);
	/* A date format of the language as canonical tokens (datefmt.h);
	 * false with t->bad and t->bad_off set. */
	bool (*date_tokens)(Arena *a, const char *fmt, DateTokens *t);
	/* An implicit conversion (EX_CAST with `implicit`: a value entering
	 * a port of another type) as the language converts, or NULL for the
	 * target's cast. */
	struct Sql (*convert)(struct Gen *g, const Expr *cast);
	/* An explicit cast (EX_CAST written in the text) as the language
	 * converts, or NULL for the target's cast. */
	struct Sql (*cast)(struct Gen *g, const Expr *cast);
	/* A type name of the language ("DT_I4") as a neutral type, for
	 * --types; NULL when the language has none of its own. */
	bool (*type_named)(const char *name, ExprType *out);
	/* A regular expression of the language as the target's (an ARE):
	 * NULL with *why naming a construct the target has not; *differs
	 * (else NULL) why it may match differently; *ngroups its marked
	 * groups.  NULL when the language has no regular expressions. */
	const char *(*regex)(Arena *a, const char *re, const char **why, const char **differs, int *ngroups);
} Language;

/* The language of an AST tag, or NULL when it has no parser here. */
const Language *expr_language(ExprLang id);
/* A language by name ("powercenter"), or NULL. */
const Language *expr_language_named(const char *name);
/* Every language with a parser, NULL-terminated. */
const Language *const *expr_languages(void);

/* A function of the language's catalogue (case-insensitive), or NULL. */
const FuncDef *lang_find_function(const Language *l, const char *name);
/* A function of any language's catalogue (the first language that has
 * one of that name), or NULL: for naming what a message blames. */
const FuncDef *expr_find_function_any(const char *name);
/* A built-in constant, or NULL. */
const LangConst *lang_find_const(const Language *l, const char *name);

#endif
