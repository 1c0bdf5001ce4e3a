/* fuzz_alteryx.c - libFuzzer target: any bytes straight into the Alteryx frontend
 * (past the content sniffing that would turn most mutations away), macros
 * resolved and expanded (ayx_read_workflow), then the dump.  The input is
 * written to a scratch directory as fuzz.yxmd and again as m.yxmc, and that
 * directory is also the -I search path, so a mutated Macro="..." that names
 * fuzz.yxmd, m or m.yxmc expands the input inside itself: self-references,
 * cycles, anchors wired to whatever the mutation left, nesting.  Build with
 * `make fuzz_alteryx`; run:
 *   ./fuzz_alteryx -max_len=200000 DIR tests/fuzz/alteryx-macro-seeds \
 *       corpus/alteryx ../shared/corpus/alteryx
 * (alteryx-macro-seeds: workflows whose macro is m.yxmc or fuzz.yxmd, a
 * macro that uses m: they start on the self-references.)
 * A crashing input goes to tests/fuzz/alteryx-crashes/, which tests/cli.sh
 * replays through `akko-migrate inspect` (clean exit, no sanitizer report).
 * So far none: 15 minutes (846,968 runs, -max_len=200000, niced on a
 * shared machine) seeded with corpus/alteryx and the 170 real workflows,
 * macros and apps under 200 KB found no crash; the slowest input took
 * under a second under the fuzzer's sanitizers.  With macro expansion,
 * seeded as above: 11 minutes, 61,862 runs (93/s niced beside a make
 * check), 340 new units, peak RSS 483 MB, no crash; before it 4 minutes
 * (about 22,500 runs) on an earlier build, no crash.  With the readers
 * of RegEx, Text To Columns, Tile, Find Replace, Join Multiple and a macro
 * converted alone, seeded also with corpus/alteryx/wf_regex.yxmd,
 * wf_tile.yxmd and the tests/e2e/ayx_* workflows: 9 minutes, 64,480 runs
 * (niced beside a make check), no crash.  With the tools Designer ships
 * as macros (Count Records, Create Samples, Oversample Field) and the Multi-Field Formula, Auto Field and Dynamic Rename
 * readers, seeded as above: 15 minutes, 59,015 runs (65/s, niced beside
 * builds), 573 units, peak RSS 482 MB, no crash. */
#include "fuzz_reader.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/fuzz_alteryx.XXXXXX";
static const char *dirs[1];

static void put(const char *name, const uint8_t *data, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size))
		abort();
	fclose(f);
}

/* The frontend with macros expanded, the scratch directory as -I. */
static AstDoc *read_expanded(Arena *a, const SrcFile *src, DiagSink *sink)
{
	FrontendOptions fo = {.include_dirs = dirs, .n_include_dirs = 1};
	return ayx_read_workflow(a, src, &fo, sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[512];
	if (!dirs[0]) {
		if (!mkdtemp(dir))
			abort();
		dirs[0] = dir;
		snprintf(path, sizeof path, "%s/fuzz.yxmd", dir);
	}
	put("fuzz.yxmd", data, size);
	put("m.yxmc", data, size);
	return fuzz_read_one(read_expanded, path, data, size);
}
