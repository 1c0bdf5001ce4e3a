/* datefmt.h - PowerCenter date units and date format strings (src/expr).
 *
 * Units ('DD', 'MON', 'HH24'...) are what ADD_TO_DATE, DATE_DIFF, TRUNC,
 * ROUND and the date-part functions take; every spelling of a unit means
 * the same thing ('DY' is the day, not the weekday).  Format strings are
 * those of TO_CHAR, TO_DATE and IS_DATE (EXPRESSIONS.md §1.6).
 */
#ifndef AKKO_EXPR_DATEFMT_H
#define AKKO_EXPR_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>

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
	DU_NS
} DateUnit;

bool date_unit_parse(const char *s, DateUnit *out);

/* Differences the translation of a format cannot hide. */
enum {
	DF_YY = 1 << 0,    /* YYY/Y when parsing: PostgreSQL picks the year nearest 2020 */
	DF_YY2 = 1 << 4,   /* YY: PowerCenter reads the current century (the caller adjusts) */
	DF_RR = 1 << 1,    /* RR: PostgreSQL's window is not PowerCenter's */
	DF_NS = 1 << 2,    /* NS: PostgreSQL keeps microseconds */
	DF_NAMES = 1 << 3, /* month/day names: English, PostgreSQL's letter case */
};

/* Capture groups of DateFmt.re that IS_DATE checks against the calendar. */
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

typedef struct DateFmt {
	Sbuf pg;             /* the PostgreSQL format */
	Sbuf re;             /* a regular expression for the text's shape (anchored) */
	unsigned flags;      /* DF_* */
	size_t bad_off;      /* on failure: byte offset of the unknown token */
	const char *bad;     /* on failure: what is wrong */
	int group[DP_COUNT]; /* 1-based capture group in `re` of each part, 0 = absent */
} DateFmt;

/* Translate `fmt`; false (with bad/bad_off set) on a token PostgreSQL
 * cannot express.  `re` matches the text's shape case-insensitively.  The caller releases d->pg and d->re. */
bool datefmt_translate(const char *fmt, DateFmt *d);

/* The session default, used when TO_CHAR/TO_DATE get no format. */
#define DATEFMT_DEFAULT "MM/DD/YYYY HH24:MI:SS.US"

#endif
