/* fuzz_datastage_dsx.c - libFuzzer target: any bytes straight into the
 * DataStage .dsx reader (ds_read_dsx, past the content sniffing that wants
 * BEGIN HEADER), then the dump.  Build with `make fuzz_datastage_dsx`; run:
 *   ./fuzz_datastage_dsx -max_len=200000 DIR corpus/datastage ../shared/corpus/datastage
 * A crashing input goes to tests/fuzz/datastage-crashes/, which
 * tests/cli.sh replays through `akko-migrate inspect` (clean exit, no
 * sanitizer report).  Runs and their results: see the end of this file's
 * commit message and tests/fuzz/datastage-crashes/README.md. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read_one(ds_read_dsx, "fuzz.dsx", data, size);
}
