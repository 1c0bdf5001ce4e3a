/* expr.h - the expression AST shared by the vendor expression languages,
 * its value types, and the translation API (src/expr).
 *
 * A grammar (grammars/<lang>.y) builds raw nodes: names are not resolved
 * and nothing is typed.  sema.c resolves names against an ExprEnv and types
 * every node against the function catalogue; sqlgen.c prints SQL for a
 * Dialect.  Nodes live in the caller's arena and carry byte offsets into
 * the expression text, so diagnostics can put a caret under them.
 */
#ifndef AKKO_EXPR_EXPR_H
#define AKKO_EXPR_EXPR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "ast/ast.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/sbuf.h"

/* clang-format off */
/* X(enum, name) */
#define EXPR_KIND_LIST(X)                                                        \
	X(EX_NUMBER, "number")   /* text: the literal as written */               \
	X(EX_STRING, "string")   /* text: decoded value */                        \
	X(EX_NAME, "name")       /* name: port, variable or built-in constant */  \
	X(EX_PARAM, "param")     /* name: "$$X" mapping parameter or variable */  \
	X(EX_SYSVAR, "sysvar")   /* name: "$PMSessionName", "$s_load.Status" */   \
	X(EX_UNARY, "unary")     /* op, args[0] */                                \
	X(EX_BINARY, "binary")   /* op, args[0], args[1] */                       \
	X(EX_CALL, "call")       /* name(args) */                                 \
	X(EX_STAR, "star")       /* the * of COUNT(*) */                          \
	X(EX_LKP, "lookup")      /* :LKP.name(args) */                            \
	X(EX_SP, "procedure")    /* :SP.name(args) */                             \
	X(EX_UDF, "udf")         /* :UDF.name(args) */                            \
	X(EX_MCR, "macro")       /* :MCR.name(args) */                            \
	X(EX_QNAME, "qualified") /* text.name: a column of an input (Link.col) */ \
	X(EX_ROWREF, "rowref")   /* name: a column `row` rows away ([Row-1:F]) */ \
	X(EX_IF, "if")           /* args c1, v1, c2, v2, ..., [else]: first true wins */ \
	X(EX_CASE, "case")       /* args value, m1, r1, ..., [else]: first equal wins */ \
	X(EX_IN, "in")           /* args value, v1, v2, ...: value equals one of them */ \
	X(EX_CAST, "cast")       /* args[0] converted to `cast` */

/* X(enum, spelling used in messages) */
#define EXPR_OP_LIST(X)            \
	X(OP_NONE, "")             \
	X(OP_NEG, "-") X(OP_POS, "+") X(OP_NOT, "NOT") \
	X(OP_MUL, "*") X(OP_DIV, "/") X(OP_MOD, "%") \
	X(OP_ADD, "+") X(OP_SUB, "-") X(OP_CONCAT, "||") \
	X(OP_LT, "<") X(OP_LE, "<=") X(OP_GT, ">") X(OP_GE, ">=") \
	X(OP_EQ, "=") X(OP_NE, "<>") \
	X(OP_AND, "AND") X(OP_OR, "OR") \
	X(OP_BITAND, "&") X(OP_BITOR, "|") X(OP_BITXOR, "^") X(OP_BITNOT, "~")

/* Value types.  Where a language has no boolean type (PowerCenter: TRUE
 * is 1, LangSemantics.bool_is_number), conditions are typed XT_BOOLEAN
 * inside an expression and become 1/0 where a value is needed. */
#define EXPR_TYPE_LIST(X)                                   \
	X(XT_UNKNOWN, "unknown")  /* not declared; no checks */ \
	X(XT_NULL, "null")        /* the typeless NULL */       \
	X(XT_STRING, "string")                                  \
	X(XT_INTEGER, "integer")                                \
	X(XT_BIGINT, "bigint")                                  \
	X(XT_DECIMAL, "decimal")                                \
	X(XT_DOUBLE, "double")                                  \
	X(XT_DATE, "date")        /* date and time */           \
	X(XT_TIME, "time")        /* time of day */             \
	X(XT_BOOLEAN, "boolean")                                \
	X(XT_BINARY, "binary")
/* clang-format on */

#define EXPR_ENUM_ITEM(name, str) name,
typedef enum ExprKind { EXPR_KIND_LIST(EXPR_ENUM_ITEM) EX_KIND_COUNT } ExprKind;
typedef enum ExprOp { EXPR_OP_LIST(EXPR_ENUM_ITEM) OP_COUNT } ExprOp;
typedef enum ExprType { EXPR_TYPE_LIST(EXPR_ENUM_ITEM) XT_COUNT } ExprType;
#undef EXPR_ENUM_ITEM

const char *expr_kind_name(ExprKind k);
const char *expr_op_name(ExprOp op);
const char *expr_op_sql(ExprOp op); /* the operator as SQL writes it ("<>" for !=) */
ExprOp expr_op_flip(ExprOp op);     /* a < b is b > a */
const char *expr_type_name(ExprType t);
bool expr_type_parse(const char *name, ExprType *out); /* "string", "integer"... */
ExprType expr_type_from_ast(TypeKind k);
bool expr_type_numeric(ExprType t); /* integer, bigint, decimal, double, boolean */

struct FuncDef;
struct ExprBinding;

/* EX_CAST: the type converted to, as the source wrote it.  `implicit`:
 * a conversion sema or the rule engine inserted (a value entering a port
 * of another type, an assignment coercion), lowered by the language's
 * conversion rules rather than as an explicit cast. */
typedef struct ExprCast {
	ExprType to;
	int32_t length;    /* strings: characters, -1 = not given */
	int32_t precision; /* numbers: digits, -1 = not given */
	int32_t scale;     /* numbers: digits after the point, -1 = not given */
	bool implicit;
} ExprCast;

typedef struct Expr {
	ExprKind kind;
	ExprOp op;
	uint32_t off, len; /* byte span in the expression text */
	const char *name;  /* names as written (EX_NAME, EX_CALL, EX_LKP...) */
	const char *text;  /* literal text (EX_NUMBER as written, EX_STRING decoded) */
	struct Expr **args;
	uint32_t nargs;
	uint32_t depth;       /* levels below and including this node */
	int32_t row;          /* EX_ROWREF: rows away from the current one (-1: the previous) */
	const ExprCast *cast; /* EX_CAST */
	/* filled in by sema */
	ExprType type;
	bool not_null;                    /* never NULL (literals and the like) */
	const struct FuncDef *fn;         /* EX_CALL: catalogue entry */
	const struct ExprBinding *bind;   /* EX_NAME/EX_PARAM/EX_LKP: what the name means */
	const struct LangConst *constant; /* EX_NAME: the language's built-in constant, or NULL */
} Expr;

/* ---- parsing -------------------------------------------------------------- */

/* One problem found in an expression: byte span and message.  The caller
 * turns it into a located diagnostic (expr_issue_emit). */
typedef struct ExprIssue {
	DiagCode code;
	uint32_t off, len;
	const char *msg;
} ExprIssue;

/* Deeper trees are refused (E0501): checking and printing recurse. */
#define EXPR_MAX_DEPTH 1000

struct Language;

/* Parse text in a language (lang.h).  Returns the raw tree (names not
 * resolved, nothing typed), or NULL after recording at least one issue in
 * *issues. */
Expr *expr_parse(Arena *a, const struct Language *lang, const char *text, size_t len, PtrVec *issues);

/* A deep copy of a tree (its analysis fields cleared): sema writes into the
 * nodes it checks, so a tree kept on the AST is copied before analysis. */
Expr *expr_clone(Arena *a, const Expr *e);
/* The same for a subtree whose text starts at byte `base` of its
 * expression: offsets become relative to it. */
Expr *expr_clone_at(Arena *a, const Expr *e, uint32_t base);

/* Does an analysed tree have the same value on every row?  Literals, the
 * language's constants (not the per-row clock), parameters, variable ports
 * and unfed ports whose value is constant, and operators, conditionals and
 * casts over them.  A function call is not (RAND; conservatively, any). */
bool expr_is_constant(const Expr *e);

/* An expression of the AST as parsed once by its language: the raw tree,
 * or NULL with the parse issues.  Filled by expr_parse_doc(). */
typedef struct ExprParsed {
	const struct Language *lang;
	const Expr *tree;
	PtrVec issues; /* ExprIssue */
} ExprParsed;

/* Parse every expression of `doc` whose language has a parser, once,
 * keeping the result on AstExpr.parsed (in the document's arena).
 * Idempotent. */
void expr_parse_doc(AstDoc *doc);

/* The parse of an AST expression (expr_parse_doc must have run over its
 * document), or NULL when its language has no parser.  A parse set by
 * hand (a test, a tool) is used as it is, in the language it names. */
const ExprParsed *expr_parsed(const AstExpr *e);

/* ---- names and context ---------------------------------------------------- */

typedef enum BindKind {
	BIND_COLUMN,   /* an input column: printed as an identifier */
	BIND_VARIABLE, /* a variable port: its expression is inlined */
	BIND_PARAM,    /* a mapping parameter/variable or session parameter */
	BIND_LOOKUP,   /* an unconnected lookup, for :LKP. calls */
	BIND_QUALIFIED, /* asked for a qualified name "Link.col" (EX_QNAME): the column
			   `col` of the input `Link`, answered as a BIND_COLUMN */
} BindKind;

typedef struct ExprLookup {
	const char *name;
	const char *source_sql;     /* FROM item: the relation of the lookup's source (the
				   pipeline builds it with its table, override and filter) */
	const char *const *in_cols; /* lookup columns matched to the call's args, in order */
	const char *const *in_ops;  /* comparison operator per condition ("=", "<"...) */
	const ExprType *in_types;   /* type of each lookup column */
	uint32_t n_in;
	const char *ret_col;  /* the return port's column */
	bool implicit_return; /* no port is marked return: the only output port is used */
	ExprType ret_type;
	const char *policy;            /* "first", "last", "any", "error" */
	const char *const *order_cols; /* "first"/"last": the cache order, the lookup ports
					  (condition columns first, then port order) */
	const char *tool;              /* whose cache order that is, for messages ("PowerCenter") */
	uint32_t n_order;
} ExprLookup;

typedef struct ExprBinding {
	BindKind kind;
	const char *name; /* the declared spelling */
	ExprType type;
	Expr *var;                /* BIND_VARIABLE: its analysed expression */
	const char *var_text;     /* BIND_VARIABLE: its text (for messages) */
	bool declared;            /* BIND_PARAM: declared in the mapping */
	const ExprLookup *lookup; /* BIND_LOOKUP; NULL with `absent` */
	bool absent;              /* BIND_LOOKUP: the step exists but its definition is not in
				     the export (a partial export), so the call has no SQL */
	const char *sql;          /* BIND_COLUMN: printed as this SQL instead of the name (a
				     qualified column, or a value already printed); BIND_VARIABLE:
				     the column its value was computed once into, printed
				     instead of inlining `var`; or NULL */
} ExprBinding;

typedef enum NullCompare { NULLCMP_NULL, NULLCMP_HIGH, NULLCMP_LOW } NullCompare;

struct Dialect;

/* Everything a translation needs besides the text. */
typedef struct ExprEnv {
	const struct Language *lang; /* the source language (lang.h) */
	const struct Dialect *dialect;
	NullCompare null_compare;  /* the session's "Treat Null In Comparison Operators As" */
	bool condition;            /* the whole expression is a filter/router condition */
	bool aggregates;           /* aggregate functions allowed (Aggregator ports) */
	bool free_names;           /* unknown names become untyped columns (CLI without --types) */
	const char *row_alias;     /* the relation the row comes from: columns inside a
				      lookup's subquery are qualified with it, so the
				      lookup's own columns cannot capture them; NULL when
				      there is no lookup to print */
	const char *arrival_order; /* aggregates: the keys the rows arrive sorted by ("a, b
				      DESC", a Sorter's), so FIRST and LAST have a meaning
				      in SQL; NULL when nothing orders them */
	bool grouped;              /* the step groups its rows (an Aggregator): a value that
				      runs over the rows so far (SETMAXVARIABLE) has none */
	const char *row_order;     /* row-wise steps: the keys the rows arrive sorted by (a
				      Sorter's), for values that run over the rows so far
				      (SETMAXVARIABLE); NULL when nothing orders them */
	/* Resolve a name (port, variable port, parameter, lookup); NULL if
	 * unknown.  `what` is BIND_COLUMN for plain names, BIND_PARAM for $$/$
	 * names, BIND_LOOKUP for :LKP. names, BIND_QUALIFIED for "Link.col". */
	const ExprBinding *(*resolve)(void *ud, BindKind what, const char *name);
	void *ud;
} ExprEnv;

/* ---- translation ----------------------------------------------------------- */

typedef struct ExprResult {
	Expr *tree;        /* NULL when the text does not parse */
	const char *sql;   /* NULL unless translated */
	ExprType type;     /* the result's type in the target */
	double confidence; /* 0..1; 0 when unsupported or failed */
	bool unsupported;  /* a construct cannot be translated: fallback path */
	unsigned errors;   /* issues of error severity (syntax, types, names) */
	PtrVec issues;     /* ExprIssue, in source order of detection */
} ExprResult;

/* Parse (in env->lang), check and translate one expression.  Never fails
 * hard: problems are ExprIssues in the result.  For text the compiler
 * builds itself (a port's default value); an expression of the AST goes
 * through expr_translate_ast, which does not parse it again. */
void expr_translate(Arena *a, const ExprEnv *env, const char *text, size_t len, ExprResult *r);

/* Check and translate an expression of the AST from its parse
 * (expr_parsed): a copy of the tree is analysed. */
void expr_translate_ast(Arena *a, const ExprEnv *env, const AstExpr *src, ExprResult *r);

/* Check and translate a tree the caller built or copied (it is written
 * to). */
void expr_translate_tree(Arena *a, const ExprEnv *env, Expr *e, ExprResult *r);

/* A conversion of column `name` to `to` where a value enters a port of
 * another type (an assignment coercion): an EX_CAST marked implicit, which
 * the language converts as it does (Language.convert).  A decimal with
 * `precision` > 0 keeps `scale` (>= 0); otherwise pass -1. */
Expr *expr_new_coercion(Arena *a, const char *name, ExprType to, int32_t precision, int32_t scale);

/* Analyse an already parsed tree (used for variable ports, which are
 * analysed once and inlined into later ports).  The tree is written to:
 * copy a shared one first (expr_clone). */
void expr_analyse(Arena *a, const ExprEnv *env, Expr *e, ExprResult *r);
/* Print SQL for an analysed tree; returns false when unsupported. */
bool expr_print_sql(Arena *a, const ExprEnv *env, const Expr *e, ExprResult *r);

/* The run-time setting key of a parameter, as PRIM_PARAM prints it
 * ("current_setting('akko.<key>')" in PostgreSQL): the name without its
 * leading '$'s, lower-cased, every character other than [a-z0-9] as '_'.
 * "$$LOAD_DATE" -> "load_date", "$PMSessionName" -> "pmsessionname". */
const char *expr_param_key(Arena *a, const char *name);

/* An ORDER BY key list ("a, b DESC") in the opposite order ("a DESC, b"). */
const char *expr_order_reversed(Arena *a, const char *keys);

/* Confidence deducted for one issue (docs/expressions.md has the table). */
double expr_issue_deduction(DiagCode code);

/* Report an issue as a located diagnostic: `loc` is where the expression
 * text starts in its host file, `context` says where it comes from. */
void expr_issue_emit(DiagSink *sink, const ExprIssue *is, const char *text, SrcLoc loc, const char *context);

/* Add an issue (printf-style). */
void expr_issue_vadd(Arena *a, PtrVec *issues, DiagCode code, uint32_t off, uint32_t len, const char *fmt,
		     va_list ap);
const char *expr_vformat(Arena *a, const char *fmt, va_list ap); /* into the arena */
void expr_issue_add(Arena *a, PtrVec *issues, DiagCode code, uint32_t off, uint32_t len, const char *fmt, ...)
    PRINTF_LIKE(6, 7);

#endif
