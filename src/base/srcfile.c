/* srcfile.c - loading input files and mapping offsets to lines (src/base). */
#include "base/srcfile.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void linemap_build(LineMap *lm, const char *text, size_t len)
{
	uint32_t cap = 1024, n = 0;
	uint32_t *starts = xmalloc(cap * sizeof *starts);
	starts[n++] = 0;
	bool any_cr = memchr(text, '\r', len) != NULL;
	for (size_t i = 0; i < len; i++) {
		if (!any_cr) {
			/* LF only: let memchr find the line ends. */
			const char *nl = memchr(text + i, '\n', len - i);
			if (!nl)
				break;
			i = (size_t)(nl - text);
		} else if (text[i] != '\n' && text[i] != '\r') {
			continue;
		} else if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') {
			i++;
		}
		if (i + 1 > UINT32_MAX)
			break; /* positions past 4 GiB are not tracked */
		if (n == cap) {
			cap *= 2;
			starts = xrealloc(starts, cap * sizeof *starts);
		}
		starts[n++] = (uint32_t)(i + 1);
	}
	lm->starts = starts;
	lm->count = n;
}

void linemap_release(LineMap *lm)
{
	free(lm->starts);
	lm->starts = NULL;
	lm->count = 0;
}

void linemap_locate(const LineMap *lm, size_t offset, uint32_t *line, uint32_t *col)
{
	uint32_t lo = 0, hi = lm->count; /* find the last start <= offset */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (lm->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*col = (uint32_t)(offset - lm->starts[lo]) + 1;
}

bool linemap_line(const LineMap *lm, const char *text, size_t len, uint32_t line, size_t *start,
		  size_t *linelen)
{
	if (line == 0 || line > lm->count)
		return false;
	size_t s = lm->starts[line - 1];
	size_t e;
	if (line < lm->count) {
		/* The next line's start, less this line's terminator. */
		e = lm->starts[line];
		if (e > s && text[e - 1] == '\n')
			e--;
		if (e > s && text[e - 1] == '\r')
			e--;
	} else {
		e = s;
		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
	}
	*start = s;
	*linelen = e - s;
	return true;
}

bool srcfile_read(SrcFile *f, const char *path, const char **err)
{
	memset(f, 0, sizeof *f);
	f->path = path;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		*err = strerror(errno);
		return false;
	}
	/* Size the buffer from the file once; keep reading in case it grows. */
	struct stat st;
	size_t cap = 64 * 1024, len = 0;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			cap = size_mul(cap, 2);
			buf = xrealloc(buf, cap + 1);
		}
		size_t n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		*err = strerror(errno ? errno : EIO);
		fclose(fp);
		free(buf);
		return false;
	}
	fclose(fp);
	buf[len] = '\0';
	f->text = buf;
	f->len = len;
	return true;
}

void srcfile_from_memory(SrcFile *f, const char *path, const char *data, size_t len)
{
	memset(f, 0, sizeof *f);
	f->path = path;
	f->text = xmalloc(size_add(len, 1));
	if (len)
		memcpy(f->text, data, len);
	f->text[len] = '\0';
	f->len = len;
}

void srcfile_release(SrcFile *f)
{
	free(f->text);
	if (f->lines_built)
		linemap_release(&f->lines);
	memset(f, 0, sizeof *f);
}

const LineMap *srcfile_lines(SrcFile *f)
{
	if (!f->lines_built) {
		linemap_build(&f->lines, f->text, f->len);
		f->lines_built = true;
	}
	return &f->lines;
}

bool srcfile_line(const SrcFile *f, uint32_t line, const char **text, size_t *len)
{
	/* The line map is a cache: building it does not change the file. */
	const LineMap *lm = srcfile_lines((SrcFile *)f);
	size_t start;
	if (!linemap_line(lm, f->text, f->len, line, &start, len))
		return false;
	*text = f->text + start;
	return true;
}

size_t srcfile_line_offset(const SrcFile *f, uint32_t line)
{
	const LineMap *lm = srcfile_lines((SrcFile *)f);
	if (line == 0)
		return 0;
	return line <= lm->count ? lm->starts[line - 1] : f->len;
}

SrcLoc srcfile_loc_at(const SrcFile *f, size_t offset)
{
	const LineMap *lm = srcfile_lines((SrcFile *)f);
	uint32_t line, bytecol;
	if (offset > f->len)
		offset = f->len;
	linemap_locate(lm, offset, &line, &bytecol);
	size_t start = lm->starts[line - 1];
	return (SrcLoc){f, line, srcfile_columns(f, f->text + start, offset - start) + 1};
}

uint32_t srcfile_columns(const SrcFile *f, const char *s, size_t bytes)
{
	return f->single_byte ? (uint32_t)bytes : utf8_columns(s, bytes);
}

uint32_t utf8_columns(const char *s, size_t bytes)
{
	uint32_t cols = 0;
	size_t i = 0;
	while (i < bytes) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
		size_t k = 1;
		while (k < n && i + k < bytes && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		i += (k == n) ? n : 1; /* invalid sequences count per byte */
		cols++;
	}
	return cols;
}

/* Byte offset of the given 1-based character column within a line. */
static size_t col_to_byte(const SrcFile *f, const char *s, size_t len, uint32_t col)
{
	if (f->single_byte)
		return col - 1 < len ? col - 1 : len;
	/* Walk whole characters so multi-byte ones are skipped together. */
	size_t i = 0;
	for (uint32_t c = 1; c < col && i < len; c++) {
		size_t j = i + 1;
		while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80 && ((unsigned char)s[i] & 0x80))
			j++;
		i = j;
	}
	return i;
}

uint32_t srcfile_find_col(const SrcFile *f, uint32_t line, uint32_t from_col, const char *needle)
{
	const char *text;
	size_t len;
	if (!srcfile_line(f, line, &text, &len))
		return 0;
	size_t from = from_col > 1 ? col_to_byte(f, text, len, from_col) : 0;
	size_t n = strlen(needle);
	for (size_t i = from; n && i + n <= len; i++)
		if (memcmp(text + i, needle, n) == 0)
			return srcfile_columns(f, text, i) + 1;
	return 0;
}
