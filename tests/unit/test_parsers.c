/* test_parsers.c - unit tests for the frontend support code: content
 * detection (src/parsers/detect.c) and XML positions (src/parsers/xml.c),
 * including namespaced elements written over several lines (SSIS). */
#include "parsers/detect.h"
#include "parsers/xml.h"
#include "tap.h"

static void detect_is(const char *text, Tool want, const char *what)
{
	Detection d;
	detect_tool(text, strlen(text), &d);
	CHECK(d.tool == want, "detect: %s", what);
	if (d.tool != want)
		printf("#   got %s (%s)\n", tool_name(d.tool), d.reason);
}

static void test_detect(void)
{
	detect_is("<?xml version=\"1.0\"?>\n<!DOCTYPE POWERMART SYSTEM \"powrmart.dtd\">\n<POWERMART>",
		  TOOL_POWERCENTER, "POWERMART after a DOCTYPE");
	detect_is("\xef\xbb\xbf<?xml version=\"1.0\"?>\r\n<!-- c --><DTS:Executable xmlns:DTS=\"x\">",
		  TOOL_SSIS, "SSIS after a BOM and a comment");
	detect_is("<AlteryxDocument yxmdVer=\"2020.1\">", TOOL_ALTERYX, "Alteryx");
	detect_is("<?xml version=\"1.0\"?><DSExport><Header/>", TOOL_DATASTAGE, "DataStage XML");
	detect_is("BEGIN HEADER\r\n   CharacterSet \"CP1252\"", TOOL_DATASTAGE, "DataStage .dsx");
	detect_is("<!DOCTYPE html><html><body>POWERMART</body></html>", TOOL_UNKNOWN,
		  "an HTML page that mentions POWERMART");
	detect_is("<!DOCTYPE POWERMART [ <!ELEMENT x ANY> ]><POWERMART/>", TOOL_POWERCENTER,
		  "a DOCTYPE with an internal subset is skipped");
	Detection d;
	detect_tool("   \n\t", 5, &d);
	CHECK(d.empty && d.tool == TOOL_UNKNOWN, "detect: whitespace only is empty");
	detect_tool("PK\x03\x04\0\0", 6, &d);
	CHECK(d.binary, "detect: NUL bytes mean binary");
	detect_tool("<html><p>POWERMART", 18, &d);
	CHECK(d.tool == TOOL_UNKNOWN && strstr(d.reason, "HTML"), "detect: the reason names HTML");
}

static void test_xml_positions(void)
{
	const char *text = "<?xml version=\"1.0\"?>\n"
			   "<DTS:Executable xmlns:DTS=\"www.microsoft.com/SqlServer/Dts\"\n"
			   "  DTS:refId=\"Package\"\n"
			   "  DTS:ObjectName=\"Load Sales\">\n"
			   "  <DTS:Variables>\n"
			   "    <Item A =\"1\" B =\"caf\xc3\xa9\" C =\"x\"/>\n"
			   "  </DTS:Variables>\n"
			   "</DTS:Executable>\n";
	SrcFile f;
	srcfile_from_memory(&f, "p.dtsx", text, strlen(text));
	DiagSink sink;
	diag_init(&sink, NULL);
	XmlDoc x;
	CHECK(xml_load(&x, &f, &sink), "xml_load reads a namespaced document");
	xmlNode *root = xmlDocGetRootElement(x.doc);
	SrcLoc l = xml_loc(&x, root);
	CHECK(l.line == 2 && l.col == 1,
	      "a start tag over several lines is found where it begins (got %u:%u)", l.line, l.col);
	SrcLoc a = xml_attr_loc(&x, root, "DTS:ObjectName");
	CHECK(a.line == 4 && a.col == 19, "a prefixed attribute's value is located (got %u:%u)", a.line,
	      a.col);
	xmlNode *vars = xml_first(root);
	l = xml_loc(&x, vars);
	CHECK(l.line == 5 && l.col == 3, "a prefixed child element is located (got %u:%u)", l.line, l.col);
	xmlNode *item = xml_first(vars);
	a = xml_attr_loc(&x, item, "C");
	CHECK(a.line == 6 && a.col == 32, "an attribute after a multi-byte character (got %u:%u)", a.line,
	      a.col);
	CHECK(xml_attr(item, "B") && strcmp(xml_attr(item, "B"), "caf\xc3\xa9") == 0,
	      "xml_attr returns the value");
	CHECK(xml_attr(item, "Z") == NULL, "xml_attr: absent is NULL");
	xml_free(&x);
	srcfile_release(&f);
}

static void test_windows_1252(void)
{
	/* Smart quotes, euro, an accented letter, and 0x8D, which Windows-1252
	 * leaves undefined: decoded as U+008D instead of failing the file. */
	const char *text = "<?xml version=\"1.0\" encoding=\"Windows-1252\"?>\n"
			   "<A B=\"\x93q\x94 \x80 \xe9 \x8d\"/>\n";
	SrcFile f;
	srcfile_from_memory(&f, "w.xml", text, strlen(text));
	DiagSink sink;
	diag_init(&sink, NULL);
	Sbuf errs = SBUF_INIT;
	sink.collect = &errs;
	XmlDoc x;
	bool ok = xml_load(&x, &f, &sink);
	CHECK(ok && !diag_errors(&sink), "a Windows-1252 file with an undefined byte loads");
	if (ok) {
		const char *v = xml_attr(xmlDocGetRootElement(x.doc), "B");
		CHECK_STR(v, "\xe2\x80\x9cq\xe2\x80\x9d \xe2\x82\xac \xc3\xa9 \xc2\x8d",
			  "Windows-1252 bytes become the right UTF-8");
		xml_free(&x);
	}
	sbuf_release(&errs);
	srcfile_release(&f);
}

int main(void)
{
	xml_global_init();
	test_detect();
	test_xml_positions();
	test_windows_1252();
	return tap_done();
}
