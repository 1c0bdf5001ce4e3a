/* fuzz_datastage_xml.c - libFuzzer target: any bytes straight into the
 * DataStage DSExport XML reader (ds_read_xml, past the content sniffing),
 * then the dump.  Build with `make fuzz_datastage_xml`; run:
 *   ./fuzz_datastage_xml -max_len=200000 DIR corpus/datastage ../shared/corpus/datastage
 * Crashing inputs go to tests/fuzz/datastage-crashes/ (replayed by
 * tests/cli.sh and, through both readers, tests/unit/test_datastage.c).
 * Found one: xml-root-name-after-free.xml (a wrong root element named from
 * the reader's dictionary after it was freed), fixed.  Runs: 12 minutes on
 * the first, whole-tree reader (178,533 executions), then 36 minutes on the
 * streaming reader (322,002 + 248,653 executions, the last 18 minutes after
 * the fix), -max_len=200000, niced on a shared machine, seeded with
 * corpus/datastage and the four real DSExport files.
 * Job by job (ds_read_xml_units, two passes, each job read again alone
 * from its byte range): 8 minutes (41,272 executions), then 2.5 minutes
 * after the first pass was cut to a job's root record (30,586), no crash,
 * -max_len=200000, niced beside a `make check`, seeded as above.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* whole, then job by job (two passes: datastage.c, "reading unit by unit") */
	return fuzz_read(ds_read_xml, ds_read_xml_units, "fuzz.xml", data, size);
}
