/* fuzz_alteryx.c - libFuzzer target: any bytes straight into the Alteryx frontend
 * (ayx_read_document, past the content sniffing that would turn most mutations
 * away), then the dump.  Build with `make fuzz_alteryx`; run:
 *   ./fuzz_alteryx -max_len=200000 DIR corpus/alteryx ../shared/corpus/alteryx
 * A crashing input goes to tests/fuzz/alteryx-crashes/, which tests/cli.sh
 * replays through `akko-migrate inspect` (clean exit, no sanitizer report).
 * So far none: 15 minutes (846,968 runs, -max_len=200000, niced on a
 * shared machine) seeded with corpus/alteryx and the 170 real workflows,
 * macros and apps under 200 KB found no crash; the slowest input took
 * under a second under the fuzzer's sanitizers. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read_one(ayx_read_document, "fuzz.yxmd", data, size);
}
