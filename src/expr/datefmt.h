/* datefmt.h - date units and date formats as neutral tokens (src/expr).
 *
 * Every language spells its date formats its own way (PowerCenter
 * 'MM/DD/YYYY HH24:MI:SS', Alteryx '%b-%Y', DataStage '%yyyy%ddd'): each
 * language's tokenizer (Language.date_tokens) turns its format into the
 * canonical tokens below, and each target dialect prints the tokens
 * (Dialect.date_tok, datefmt_render) as its own format string, with a
 * regular expression for the text's shape (IS_DATE-like checks).  Units
 * ('DD', 'MON'...) likewise: the language parses them
 * (Language.date_unit), the dialect names them (Dialect.unit_name).
 */
#ifndef AKKO_EXPR_DATEFMT_H
#define AKKO_EXPR_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sbuf.h"

typedef enum DateUnit {
	DU_YEAR,
	DU_MONTH,
	DU_DAY,
	DU_HOUR,
	DU_MINUTE,
	DU_SECOND,
	DU_MS,
	DU_US,
	DU_NS,
	/* parts a language can name but not add (DATEPART, DATEDIFF) */
	DU_QUARTER,
	DU_WEEK,        /* week of the year: its numbering is the language's (no dialect word) */
	DU_DAY_OF_YEAR, /* 1-366 */
	DU_DAY_OF_WEEK, /* 0 = Sunday */
	DU_COUNT
} DateUnit;

/* clang-format off */
/* X(kind, what it means) */
#define DATE_TOKEN_LIST(X)                                                      \
	X(DT_TEXT, "literal text the format quotes")                            \
	X(DT_PUNCT, "a literal character: punctuation, digit, blank")           \
	X(DT_YEAR4, "year, four digits")                                        \
	X(DT_YEAR3, "last three digits of the year")                            \
	X(DT_YEAR2, "last two digits of the year, read in the current century")\
	X(DT_YEAR1, "last digit of the year")                                   \
	X(DT_YEAR_RR, "two-digit year with a rolling century window")          \
	X(DT_MONTH_NAME, "month name")                                          \
	X(DT_MONTH_ABBR, "month name, three letters")                           \
	X(DT_MONTH_NAME_TC, "month name, capitalised (April)")                  \
	X(DT_MONTH_ABBR_TC, "month name, three letters, capitalised (Apr)")     \
	X(DT_MONTH, "month number")                                             \
	X(DT_DAY_OF_YEAR, "day of the year")                                    \
	X(DT_DAY, "day of the month")                                           \
	X(DT_DAY_NAME, "day name")                                              \
	X(DT_DAY_ABBR, "day name, three letters")                               \
	X(DT_DAY_NAME_TC, "day name, capitalised (Tuesday)")                     \
	X(DT_DAY_ABBR_TC, "day name, three letters, capitalised (Tue)")         \
	X(DT_DAY_OF_WEEK, "day of the week, 1-7")                               \
	X(DT_HOUR24, "hour, 0-23")                                              \
	X(DT_HOUR12, "hour, 1-12")                                              \
	X(DT_MINUTE, "minute")                                                  \
	X(DT_MILLISECOND, "milliseconds")                                       \
	X(DT_MICROSECOND, "microseconds")                                       \
	X(DT_NANOSECOND, "nanoseconds")                                         \
	X(DT_SECOND_OF_DAY, "seconds since midnight")                           \
	X(DT_SECOND, "second")                                                  \
	X(DT_AM_DOTS, "meridian indicator written A.M.")                        \
	X(DT_PM_DOTS, "meridian indicator written P.M.")                        \
	X(DT_AM, "meridian indicator written AM")                               \
	X(DT_PM, "meridian indicator written PM")                               \
	X(DT_JULIAN, "Julian day")                                              \
	X(DT_QUARTER, "quarter")                                                \
	X(DT_WEEK_OF_YEAR, "week of the year")                                  \
	X(DT_WEEK_OF_MONTH, "week of the month")
/* clang-format on */

typedef enum DateTokKind {
#define X(k, doc) k,
	DATE_TOKEN_LIST(X)
#undef X
	    DT_COUNT
} DateTokKind;

typedef struct DateTok {
	DateTokKind kind;
	const char *text; /* DT_TEXT, DT_PUNCT: the characters */
	size_t len;
} DateTok;

/* A format as tokens.  On failure, bad/bad_off say what and where. */
typedef struct DateTokens {
	DateTok *items;
	uint32_t n;
	size_t bad_off;
	const char *bad;
} DateTokens;

/* Differences the target cannot hide, by token (Dialect.date_tok). */
enum {
	DF_YY = 1 << 0,    /* YYY/Y when parsing: PostgreSQL picks the year nearest 2020 */
	DF_YY2 = 1 << 4,   /* YY: the source reads the current century (the caller adjusts) */
	DF_RR = 1 << 1,    /* RR: PostgreSQL's window is not the source's */
	DF_NS = 1 << 2,    /* NS: PostgreSQL keeps microseconds */
	DF_NAMES = 1 << 3, /* month/day names: English, PostgreSQL's letter case */
};

/* Capture groups of DateFmt.re that a calendar check reads. */
typedef enum DatePart {
	DP_YEAR,
	DP_YY,
	DP_MONTH,
	DP_MONTH_NAME,
	DP_DAY,
	DP_HOUR24,
	DP_HOUR12,
	DP_MINUTE,
	DP_SECOND,
	DP_COUNT
} DatePart;

/* How a dialect prints one token. */
typedef struct DateTokSql {
	const char *fmt; /* in the dialect's format syntax */
	const char *re;  /* the text's shape; one capture group when it has a DatePart */
	unsigned flags;  /* DF_* */
} DateTokSql;

/* A format printed for a dialect. */
typedef struct DateFmt {
	Sbuf pg;             /* the dialect's format */
	Sbuf re;             /* a regular expression for the text's shape (anchored) */
	unsigned flags;      /* DF_* */
	size_t bad_off;      /* on failure: byte offset of the unknown token */
	const char *bad;     /* on failure: what is wrong */
	int group[DP_COUNT]; /* 1-based capture group in `re` of each part, 0 = absent */
} DateFmt;

struct Dialect;
/* Print tokens for a dialect; false (with bad set) when it has no way to
 * print one.  The caller releases d->pg and d->re. */
bool datefmt_render(const struct Dialect *dl, const DateTokens *t, DateFmt *d);
/* The calendar part a token's capture group holds, or DP_COUNT. */
DatePart datefmt_part(DateTokKind k);
/* Append a token to a list (tokenizers use it). */
void datefmt_push(Arena *a, DateTokens *t, DateTokKind k, const char *text, size_t len);

/* A token name of a language's date formats and its canonical kind. */
typedef struct DateTokName {
	const char *tok; /* upper case; matched case aside */
	DateTokKind kind;
} DateTokName;

/* One step of a table-driven tokenizer over format `fmt` at *p: the first
 * of the n names that starts there is pushed and *p moves past it; else a
 * letter is an unknown token (false, t->bad and t->bad_off set) and any
 * other character is punctuation.  List longer names before their
 * prefixes ("YYYY" before "YY"). */
bool datefmt_step(Arena *a, DateTokens *t, const char *fmt, const char **p, const DateTokName *names,
		  size_t n);

#endif
