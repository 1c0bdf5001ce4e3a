/* fuzz_datastage_dsx.c - libFuzzer target: any bytes straight into the
 * DataStage .dsx reader (ds_read_dsx, past the content sniffing that wants
 * BEGIN HEADER), then the dump.  Build with `make fuzz_datastage_dsx`; run:
 *   ./fuzz_datastage_dsx -max_len=200000 DIR corpus/datastage ../shared/corpus/datastage
 * A crashing input goes to tests/fuzz/datastage-crashes/, which
 * tests/cli.sh replays through `akko-migrate inspect` (clean exit, no
 * sanitizer report); tests/unit/test_datastage.c replays them through both
 * readers directly.  So far none from this target: four runs, 63 minutes in
 * all (435,601 executions; -max_len=40000 for 37 minutes, then 200000),
 * niced on a shared machine, seeded with corpus/datastage and the real
 * .dsx files under 250 KB, the last 18 minutes (97,707 executions) on the
 * final code, found no crash.
 * Job by job (ds_read_dsx_units, two passes, each job read again alone
 * from its line): 8 minutes, 12,793 executions, no crash, -max_len=200000,
 * niced beside a `make check`, seeded with corpus/datastage and the shared
 * corpus.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* whole, then job by job (two passes: datastage.c, "reading unit by unit") */
	return fuzz_read(ds_read_dsx, ds_read_dsx_units, "fuzz.dsx", data, size);
}
