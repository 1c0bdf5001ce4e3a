/* srcfile.h - a loaded input file, its line map, and source positions
 * (src/base).
 *
 * SrcFile owns the raw bytes of one input exactly as read from disk.  Its
 * line map is built on first use, so files that produce no diagnostic never
 * pay for it.  SrcLoc {file, line, col} is the host position carried by
 * workflow objects; line and col are 1-based, col 0 means "whole line".
 * Columns count characters of the line as decoded (for UTF-8 text, one per
 * code point; for single-byte encodings, one per byte).
 */
#ifndef AKKO_BASE_SRCFILE_H
#define AKKO_BASE_SRCFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct LineMap {
	uint32_t *starts; /* byte offset of each line start; starts[0] == 0 */
	uint32_t count;   /* number of lines */
} LineMap;

/* Build the map of line starts of text[0..len).  "\n", "\r\n" and a lone
 * "\r" all end a line (the XML rule). */
void linemap_build(LineMap *lm, const char *text, size_t len);
void linemap_release(LineMap *lm);
/* Offset -> 1-based line and byte column. */
void linemap_locate(const LineMap *lm, size_t offset, uint32_t *line, uint32_t *col);
/* 1-based line -> start offset and length without the line terminator.
 * Returns false if the line does not exist. */
bool linemap_line(const LineMap *lm, const char *text, size_t len, uint32_t line, size_t *start,
		  size_t *linelen);

typedef struct SrcFile {
	const char *path; /* as given on the command line, for messages */
	char *text;       /* raw bytes, NUL-terminated (owned) */
	size_t len;
	LineMap lines; /* built on demand by srcfile_lines() */
	bool lines_built;
	bool single_byte; /* text is in a one-byte encoding (ISO-8859-1,
	                     Windows-1252): one column per byte */
} SrcFile;

typedef struct SrcLoc {
	const SrcFile *file; /* NULL for positions with no file */
	uint32_t line;       /* 1-based; 0 = unknown */
	uint32_t col;        /* 1-based; 0 = unknown */
} SrcLoc;

#define SRCLOC_NONE ((SrcLoc){NULL, 0, 0})

/* Read a whole file.  On failure returns false and sets *err to a static
 * message from strerror. */
bool srcfile_read(SrcFile *f, const char *path, const char **err);
/* Wrap bytes already in memory (copied). */
void srcfile_from_memory(SrcFile *f, const char *path, const char *data, size_t len);
void srcfile_release(SrcFile *f);
const LineMap *srcfile_lines(SrcFile *f);
/* The text of a 1-based line (no terminator); false if out of range. */
bool srcfile_line(const SrcFile *f, uint32_t line, const char **text, size_t *len);

/* Find `needle` on the given line at or after character column `from_col`
 * (1-based); returns its 1-based character column or 0 if absent.  Used to
 * point a caret at an element or attribute on a line the XML parser named. */
uint32_t srcfile_find_col(const SrcFile *f, uint32_t line, uint32_t from_col, const char *needle);

/* Byte offset where a 1-based line starts (len of the file if beyond). */
size_t srcfile_line_offset(const SrcFile *f, uint32_t line);
/* The position of a byte offset, with a character column. */
SrcLoc srcfile_loc_at(const SrcFile *f, size_t offset);

/* Columns taken by the first `bytes` bytes of a line of this file. */
uint32_t srcfile_columns(const SrcFile *f, const char *s, size_t bytes);

/* Number of characters in the first `bytes` bytes of a UTF-8 line; invalid
 * bytes count one each. */
uint32_t utf8_columns(const char *s, size_t bytes);

#endif
