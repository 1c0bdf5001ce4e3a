/* test_base.c - unit tests for src/base: arena, Str, Sbuf, StrMap, line
 * maps, diagnostics formatting, atomic output, PtrMap and PortIndex.
 * Prints TAP. */
#include "ast/portidx.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/ptrmap.h"
#include "base/sbuf.h"
#include "base/srcfile.h"
#include "base/str.h"
#include "base/strmap.h"
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_arena(void)
{
	Arena a;
	arena_init(&a);
	unsigned char *p = arena_alloc(&a, 100);
	int zero = 1;
	for (int i = 0; i < 100; i++)
		zero &= p[i] == 0;
	CHECK(zero, "arena memory is zeroed");
	CHECK(((uintptr_t)arena_alloc(&a, 3) % 16) == 0, "arena allocations are 16-byte aligned");
	char *big = arena_alloc(&a, 1 << 20);
	big[(1 << 20) - 1] = 'x';
	CHECK(big[(1 << 20) - 1] == 'x', "arena serves a request larger than a chunk");
	char *after = arena_alloc(&a, 8);
	CHECK(after != NULL && ((uintptr_t)after % 16) == 0, "small allocations continue after a big one");
	CHECK_STR(arena_strdup(&a, "hello"), "hello", "arena_strdup copies");
	CHECK(arena_strdup(&a, NULL) == NULL, "arena_strdup keeps NULL");
	CHECK_STR(arena_strndup(&a, "abcdef", 3), "abc", "arena_strndup stops at n");
	CHECK_STR(arena_sprintf(&a, "%s-%d", "x", 42), "x-42", "arena_sprintf formats");
	PtrVec v = {0};
	for (intptr_t i = 0; i < 1000; i++)
		ptrvec_push(&a, &v, (void *)(i + 1));
	int inorder = v.len == 1000;
	for (uint32_t i = 0; i < v.len; i++)
		inorder &= (intptr_t)v.items[i] == (intptr_t)i + 1;
	CHECK(inorder, "ptrvec keeps 1000 items in push order");
	arena_release(&a);
	CHECK(a.head == NULL && a.total == 0, "arena_release frees everything");
}

static void test_str(void)
{
	Str s = str_from("  Hello World \r\n");
	Str t = str_trim(s);
	CHECK(str_eq_cstr(t, "Hello World"), "str_trim removes ASCII whitespace at both ends");
	CHECK(str_ieq_cstr(t, "hello world"), "str_ieq_cstr ignores ASCII case");
	CHECK(!str_ieq_cstr(t, "hello worl"), "str_ieq_cstr compares lengths");
	CHECK(str_starts_with(t, "Hello") && !str_starts_with(t, "hello"), "str_starts_with is exact");
	CHECK(str_istarts_with(t, "HELLO"), "str_istarts_with ignores case");
	CHECK(str_find_char(t, 'W') == 6 && str_find_char(t, 'z') == -1, "str_find_char");
	CHECK(str_eq_cstr(str_sub(t, 6, 100), "World"), "str_sub clamps to the slice");
	CHECK(str_eq_cstr(str_sub(t, 50, 2), ""), "str_sub past the end is empty");
	static const char *const sorted[] = {"and", "desc", "order", "select", "user"};
	CHECK(str_in_sorted(sorted, 5, "and") && str_in_sorted(sorted, 5, "user") &&
		  str_in_sorted(sorted, 5, "order"),
	      "str_in_sorted finds the first, the last and a middle entry");
	CHECK(!str_in_sorted(sorted, 5, "abs") && !str_in_sorted(sorted, 5, "zzz") &&
		  !str_in_sorted(sorted, 5, "orde") && !str_in_sorted(sorted, 0, "and"),
	      "str_in_sorted misses what is not there (and an empty list)");
	CHECK(ascii_strcasecmp("Oracle", "ORACLE") == 0 && ascii_strcasecmp("a", "b") < 0,
	      "ascii_strcasecmp");
}

static void test_sbuf(void)
{
	Sbuf sb = SBUF_INIT;
	CHECK(sb.buf != NULL && sb.buf[0] == '\0' && sb.len == 0, "an empty Sbuf is a valid empty string");
	for (int i = 0; i < 1000; i++)
		sbuf_addf(&sb, "%d,", i);
	CHECK(sb.len == 3890 && sb.buf[sb.len] == '\0', "sbuf_addf grows and keeps the NUL");
	CHECK(strncmp(sb.buf, "0,1,2,", 6) == 0 && strcmp(sb.buf + sb.len - 4, "999,") == 0,
	      "sbuf_addf keeps order");
	sbuf_reset(&sb);
	CHECK(sb.len == 0 && sb.buf[0] == '\0', "sbuf_reset empties");
	sbuf_add_json_string(&sb, "a\"b\\c\n\t\x01\xc3\xa9", 10);
	CHECK_STR(sb.buf, "\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\"", "JSON string escaping keeps UTF-8");
	sbuf_reset(&sb);
	sbuf_add_json_string(&sb, "x\xc2\x8dy\xc2\xa0", 6);
	CHECK_STR(sb.buf, "\"x\\u008dy\xc2\xa0\"", "C1 controls are escaped, other characters kept");
	sbuf_release(&sb);

	Sbuf capped = SBUF_INIT;
	capped.max = 10;
	sbuf_adds(&capped, "12345");
	sbuf_addf(&capped, "%s", "6789abcdef");
	CHECK(capped.len == 10 && capped.overflow, "a capped Sbuf stops at its cap and says so");
	CHECK_STR(capped.buf, "123456789a", "a capped Sbuf keeps the prefix");
	sbuf_release(&capped);

	Sbuf d = SBUF_INIT;
	sbuf_addchn(&d, '-', 3);
	size_t n;
	char *s = sbuf_detach(&d, &n);
	CHECK(n == 3 && strcmp(s, "---") == 0 && d.len == 0, "sbuf_detach hands over the buffer");
	free(s);
}

static void test_strmap(void)
{
	Arena a;
	arena_init(&a);
	StrMap m;
	strmap_init(&m, &a, false);
	char keys[5000][12];
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		strmap_put(&m, keys[i], &keys[i]);
	}
	int all = m.len == 5000;
	for (int i = 0; i < 5000; i++)
		all &= strmap_get(&m, keys[i]) == &keys[i];
	CHECK(all, "strmap finds 5000 keys after growing");
	CHECK(strmap_get(&m, "nope") == NULL, "strmap misses an absent key");
	CHECK(strmap_put(&m, "k7", "other") == &keys[7] && strmap_get(&m, "k7") == &keys[7],
	      "strmap_put keeps the first value of a key");
	CHECK(strmap_get(&m, "K7") == NULL, "a plain strmap is case-sensitive");
	StrMap f;
	strmap_init(&f, &a, true);
	strmap_put(&f, "Mapping", "x");
	CHECK(strmap_get(&f, "MAPPING") != NULL, "a fold_case strmap ignores ASCII case");
	arena_release(&a);
}

static void test_ptrmap(void)
{
	Arena a;
	arena_init(&a);
	static int cells[3000];
	PtrVec v = {0};
	for (int i = 0; i < 3000; i++)
		ptrvec_push(&a, &v, &cells[i]);
	ptrvec_push(&a, &v, &cells[5]); /* again, later: the first position stays */
	PtrMap m;
	ptrmap_index_vec(&m, &a, &v);
	uint32_t at = 0;
	int all = m.len == 3000;
	for (int i = 0; i < 3000; i++)
		all &= ptrmap_get(&m, &cells[i], &at) && at == (uint32_t)i;
	CHECK(all, "ptrmap finds 3000 pointers at their positions after growing");
	CHECK(ptrmap_get(&m, &cells[5], &at) && at == 5, "ptrmap keeps the first position of a pointer");
	int other;
	CHECK(!ptrmap_get(&m, &other, &at) && !ptrmap_get(&m, NULL, &at), "ptrmap misses an absent pointer");
	arena_release(&a);
}

/* A step of n ports named P0..P<n-1>, with "Dup" at 3 and again at n-1. */
static AstStep *wide_step(Arena *a, uint32_t n)
{
	AstStep *s = ARENA_NEW(a, AstStep);
	for (uint32_t i = 0; i < n; i++) {
		AstPort *p = ARENA_NEW(a, AstPort);
		p->name = i == 3 || i == n - 1 ? "Dup" : arena_sprintf(a, "P%u", i);
		ptrvec_push(a, &s->ports, p);
	}
	return s;
}

static void test_portidx(void)
{
	Arena a;
	arena_init(&a);
	PortIndex x;
	port_index_init(&x, &a);
	for (uint32_t n = 8; n <= 2048; n *= 16) { /* a scan below 16 ports, maps above */
		AstStep *s = wide_step(&a, n);
		int all = 1;
		for (uint32_t i = 0; i < n; i++)
			all &= port_index_of(&x, s, s->ports.items[i]) == (int)i;
		CHECK(all, "port_index_of gives every port's position (%u ports)", n);
		CHECK(port_index_named(&x, s, "p2") == 2 && port_index_named(&x, s, "DUP") == 3,
		      "port_index_named: ASCII case ignored, the first of a name (%u ports)", n);
		CHECK(port_index_named(&x, s, "none") == -1 && port_index_of(&x, s, NULL) == -1 &&
			  port_index_of(NULL, s, s->ports.items[1]) == 1,
		      "port_index: absent names and ports are -1; no index scans (%u ports)", n);
		AstPort *late = ARENA_NEW(&a, AstPort);
		late->name = "Late";
		ptrvec_push(&a, &s->ports, late);
		CHECK(port_index_of(&x, s, late) == (int)n && port_index_named(&x, s, "late") == (int)n,
		      "port_index sees a port added after the step was indexed (%u ports)", n);
	}
	arena_release(&a);
}

static void test_linemap(void)
{
	const char *text = "one\r\ntwo\nthree\rfour";
	LineMap lm;
	linemap_build(&lm, text, strlen(text));
	CHECK(lm.count == 4, "CRLF, LF and a lone CR all end lines");
	uint32_t line, col;
	linemap_locate(&lm, 5, &line, &col);
	CHECK(line == 2 && col == 1, "offset 5 is line 2, column 1");
	linemap_locate(&lm, 18, &line, &col);
	CHECK(line == 4 && col == 4, "the last byte is on line 4");
	size_t start, len;
	CHECK(linemap_line(&lm, text, strlen(text), 3, &start, &len) && start == 9 && len == 5,
	      "line 3 is 'three'");
	CHECK(!linemap_line(&lm, text, strlen(text), 5, &start, &len), "line 5 does not exist");
	linemap_release(&lm);

	SrcFile f;
	const char *xml = "<A>\n  <B NAME =\"caf\xc3\xa9\" TYPE =\"x\"/>\n";
	srcfile_from_memory(&f, "m.xml", xml, strlen(xml));
	CHECK(srcfile_find_col(&f, 2, 1, "TYPE") == 19, "find_col counts UTF-8 characters");
	CHECK(srcfile_find_col(&f, 2, 1, "NOPE") == 0, "find_col misses an absent needle");
	SrcLoc l = srcfile_loc_at(&f, 27);
	CHECK(l.line == 2 && l.col == 23, "loc_at gives line and character column");
	CHECK(utf8_columns("a\xc3\xa9\xff", 4) == 3, "invalid UTF-8 bytes count one column each");
	srcfile_release(&f);
}

static void test_diag(void)
{
	SrcFile f;
	const char *job = "<A>\n    <CONNECTOR FROMINSTANCE =\"EXP_X\" TOFIELD =\"B\"/>\n";
	srcfile_from_memory(&f, "job.xml", job, strlen(job));
	Sbuf out = SBUF_INIT;
	DiagSink sink;
	diag_init(&sink, NULL);
	sink.collect = &out;
	Diag d = {
	    .code = E_INFA_CONNECTOR_INSTANCE, .loc = {&f, 2, 32}, .span = 5, .context = "in mapping 'm'"};
	bool r = diag_emit(&sink, &d, "connector names unknown instance '%s'", "EXP_X");
	CHECK(!r, "diag_emit returns false");
	CHECK_STR(out.buf,
		  "job.xml:2:32: error: connector names unknown instance 'EXP_X' [E0304]\n"
		  "  in mapping 'm':\n"
		  "      <CONNECTOR FROMINSTANCE =\"EXP_X\" TOFIELD =\"B\"/>\n"
		  "                                 ^^^^^\n"
		  "  hint: every CONNECTOR must name an INSTANCE of the same mapping\n",
		  "GNU format with context, source line (indentation dropped), caret and hint");
	CHECK(diag_errors(&sink) == 1 && diag_warnings(&sink) == 0, "the sink counts by severity");

	sbuf_reset(&out);
	diag_warning(&sink, W_PARAM_LINE, (SrcLoc){&f, 1, 0}, "line is odd");
	CHECK_STR(out.buf,
		  "job.xml:1: warning: line is odd [W0402]\n    <A>\n    ^\n"
		  "  hint: parameter lines read NAME=VALUE; the line is ignored\n",
		  "a line without a column points at the line start");
	sbuf_reset(&out);
	diag_error(&sink, E_IO_READ, (SrcLoc){NULL, 0, 0}, "cannot read 'x': No such file or directory");
	CHECK_STR(out.buf,
		  "akko-migrate: error: cannot read 'x': No such file or directory [E0001]\n"
		  "  hint: check the path and the file's permissions\n",
		  "a diagnostic with no file names the program");

	/* Long lines are shown as a window around the caret. */
	char longline[400];
	memset(longline, 'a', sizeof longline);
	memcpy(longline + 300, "NEEDLE", 6);
	SrcFile g;
	srcfile_from_memory(&g, "long.xml", longline, sizeof longline);
	sbuf_reset(&out);
	Diag dl = {.code = E_XML_SYNTAX, .loc = {&g, 1, 301}, .span = 6, .hint = ""};
	diag_emit(&sink, &dl, "here");
	const char *second = strchr(out.buf, '\n') + 1;
	const char *caret = strchr(second, '\n') + 1;
	CHECK(strncmp(second, "    ...", 7) == 0 && strstr(second, "NEEDLE") != NULL,
	      "a long line is cut around the caret");
	CHECK(strstr(caret, "^^^^^^") - caret == (long)(strstr(second, "NEEDLE") - second),
	      "the caret stays under the cut line's text");

	DiagSink capped;
	diag_init(&capped, NULL);
	capped.max_errors = 2;
	Sbuf c2 = SBUF_INIT;
	capped.collect = &c2;
	for (int i = 0; i < 5; i++)
		diag_error(&capped, E_XML_SYNTAX, (SrcLoc){&f, 1, 1}, "e%d", i);
	CHECK(diag_errors(&capped) == 5 && strstr(c2.buf, "e1") && !strstr(c2.buf, "e2"),
	      "errors past max_errors are counted but not shown");
	sbuf_release(&c2);
	sbuf_release(&out);
	srcfile_release(&f);
	srcfile_release(&g);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void test_fileio(void)
{
	char dir[] = "atomicXXXXXX";
	CHECK(mkdtemp(dir) != NULL, "make a scratch directory");
	char path[64];
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	const char *err = NULL;
	CHECK(atomic_write_file(path, "old\n", 4, &err), "atomic_write_file writes a new file");
	AtomicFile af;
	CHECK(afile_open(&af, path, &err), "afile_open on an existing destination");
	afile_write(&af, "partial", 7);
	CHECK(count_entries(dir) == 2, "the temporary file sits beside the destination");
	afile_abort(&af);
	FILE *fp = fopen(path, "rb");
	char buf[16] = {0};
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	if (fp)
		fclose(fp);
	CHECK(n == 4 && strcmp(buf, "old\n") == 0, "an aborted write leaves the old file untouched");
	CHECK(count_entries(dir) == 1, "an aborted write leaves no temporary file");
	char missing[96];
	snprintf(missing, sizeof missing, "%s/no/such/dir/out.yaml", dir);
	CHECK(!atomic_write_file(missing, "x", 1, &err) && err != NULL,
	      "writing into a missing directory fails with a reason");
	/* A FIFO stands for /dev/null: renaming over it would replace it. */
	char fifo[96];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	struct stat st;
	int rd = mkfifo(fifo, 0600) == 0 ? open(fifo, O_RDONLY | O_NONBLOCK) : -1;
	char got[4] = {0};
	CHECK(rd >= 0 && atomic_write_file(fifo, "x", 1, &err) && read(rd, got, 3) == 1 && got[0] == 'x' &&
		  stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode),
	      "a device or FIFO destination is written in place, not replaced");
	if (rd >= 0)
		close(rd);
	unlink(fifo);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_arena();
	test_str();
	test_sbuf();
	test_strmap();
	test_ptrmap();
	test_portidx();
	test_linemap();
	test_diag();
	test_fileio();
	return tap_done();
}
