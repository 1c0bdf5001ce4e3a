/* fuzz_datastage_xml.c - libFuzzer target: any bytes straight into the
 * DataStage DSExport XML reader (ds_read_xml, past the content sniffing),
 * then the dump.  Build with `make fuzz_datastage_xml`; run:
 *   ./fuzz_datastage_xml -max_len=200000 DIR corpus/datastage ../shared/corpus/datastage
 * Crashing inputs go to tests/fuzz/datastage-crashes/ (replayed by
 * tests/cli.sh). */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read_one(ds_read_xml, "fuzz.xml", data, size);
}
