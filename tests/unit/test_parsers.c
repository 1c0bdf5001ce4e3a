/* test_parsers.c - unit tests for the frontend support code: content
 * detection (src/parsers/detect.c) and XML positions (src/parsers/xml.c),
 * including namespaced elements written over several lines (SSIS), and
 * the SSIS property accessor over both dialects (src/parsers/ssis.c). */
#include "parsers/detect.h"
#include "parsers/frontend.h"
#include "parsers/ssis.h"
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


/* ssis_prop() reads a scalar from either dialect: an attribute (v6/v8) or
 * a <DTS:Property DTS:Name="..."> child (v2/v3). */
static void test_ssis_prop(void)
{
	const char *v8 = "<?xml version=\"1.0\"?>\n"
			 "<DTS:Executable xmlns:DTS=\"www.microsoft.com/SqlServer/Dts\"\n"
			 "  DTS:ObjectName=\"Load\" DTS:Disabled=\"True\" DTS:Description=\"\">\n"
			 "  <DTS:Property DTS:Name=\"PackageFormatVersion\">8</DTS:Property>\n"
			 "</DTS:Executable>\n";
	const char *v3 = "<?xml version=\"1.0\"?>\n"
			 "<DTS:Executable xmlns:DTS=\"www.microsoft.com/SqlServer/Dts\" DTS:ExecutableType=\"X\">\n"
			 "<DTS:Property DTS:Name=\"Disabled\">-1</DTS:Property>\n"
			 "<DTS:Property DTS:Name=\"Description\"></DTS:Property>\n"
			 "<DTS:Executable DTS:ExecutableType=\"Y\"><DTS:Property DTS:Name=\"ObjectName\">Inner</DTS:Property></DTS:Executable>\n"
			 "<DTS:Property DTS:Name=\"ObjectName\">Load &amp; check</DTS:Property>\n"
			 "<DTS:Property DTS:Name=\"Expression\">@[User::A] &gt; 1</DTS:Property>\n"
			 "</DTS:Executable>\n";
	const char *texts[2] = {v8, v3};
	for (int i = 0; i < 2; i++) {
		const char *dialect = i == 0 ? "v8 attribute" : "v3 DTS:Property";
		SrcFile f;
		srcfile_from_memory(&f, "p.dtsx", texts[i], strlen(texts[i]));
		DiagSink sink;
		diag_init(&sink, NULL);
		XmlDoc x;
		CHECK(xml_load(&x, &f, &sink), "%s: the document loads", dialect);
		const xmlNode *root = xmlDocGetRootElement(x.doc);
		const xmlNode *where = root;
		const char *name = ssis_prop(root, "ObjectName", &where);
		const char *want = i == 0 ? "Load" : "Load & check";
		CHECK(name && strcmp(name, want) == 0, "%s: ObjectName is '%s' (got '%s')", dialect, want,
		      name ? name : "(null)");
		CHECK(i == 0 ? where == NULL : (where && xml_is(where, "Property")),
		      "%s: *where names the DTS:Property child only when the value came from one", dialect);
		CHECK(ssis_prop_bool(root, "Disabled", false), "%s: Disabled reads true (True / -1)", dialect);
		const char *d = ssis_prop(root, "Description", NULL);
		CHECK(d && *d == '\0', "%s: an empty value is \"\", not NULL", dialect);
		CHECK(ssis_prop(root, "Nothing", NULL) == NULL, "%s: an absent scalar is NULL", dialect);
		CHECK(ssis_prop_bool(root, "Nothing", true), "%s: an absent boolean takes the default", dialect);
		if (i == 1) {
			const char *e = ssis_prop(root, "Expression", NULL);
			CHECK(e && strcmp(e, "@[User::A] > 1") == 0, "v3: entities in a DTS:Property are decoded");
			CHECK(strcmp(ssis_prop(root, "ExecutableType", NULL), "X") == 0,
			      "v3: an attribute is read too (ExecutableType is one in every version)");
		} else {
			const char *pf = ssis_prop(root, "PackageFormatVersion", NULL);
			CHECK(pf && strcmp(pf, "8") == 0, "v8: PackageFormatVersion is a DTS:Property even in v8");
		}
		xml_free(&x);
		srcfile_release(&f);
	}
	CHECK(ssis_is_true("-1") && ssis_is_true("True") && ssis_is_true("true") && ssis_is_true("1") &&
		  !ssis_is_true("0") && !ssis_is_true("False") && !ssis_is_true(NULL),
	      "booleans: -1/1/True are true, 0/False/absent false");
}

/* Reading a PowerCenter export unit by unit (powercenter.c, "reading unit
 * by unit"): a unit is a run of consecutive folders that no shortcut
 * leaves; a SHORTCUT's FOLDERNAME names the folder of its object.  Each
 * unit is recorded as "F1,F2;" from the folders of the document handed
 * over. */
static bool record_unit(void *ud, AstDoc *unit)
{
	Sbuf *out = ud;
	for (uint32_t i = 0; i < unit->folders.len; i++)
		sbuf_addf(out, "%s%s", i ? "," : "", ((AstFolder *)unit->folders.items[i])->name);
	sbuf_addch(out, ';');
	frontend_unit_free(unit);
	return true;
}

static const char *units_of(const char *folders, Sbuf *out, bool *ok)
{
	Sbuf x = SBUF_INIT;
	sbuf_addf(&x,
		  "<?xml version=\"1.0\"?>\n<POWERMART><REPOSITORY NAME=\"R\">%s</REPOSITORY></POWERMART>\n",
		  folders);
	SrcFile src;
	srcfile_from_memory(&src, "units.XML", x.buf, x.len);
	DiagSink sink;
	diag_init(&sink, NULL);
	Arena a;
	arena_init(&a);
	sbuf_reset(out);
	*ok = frontend_parse_units(&a, &src, &sink, record_unit, out);
	arena_release(&a);
	srcfile_release(&src);
	sbuf_release(&x);
	return out->buf ? out->buf : "";
}

#define SC(name, folder) \
	"<SHORTCUT NAME=\"" name "\" FOLDERNAME=\"" folder "\" REFOBJECTNAME=\"S\" OBJECTTYPE=\"SOURCE\"/>"

static void test_units(void)
{
	Sbuf out = SBUF_INIT;
	bool ok;
	const char *got =
	    units_of("<FOLDER NAME=\"F1\" SHARED=\"SHARED\"/>"
		     "<FOLDER NAME=\"F2\">" SC(
			 "s1", "F1") "</FOLDER>"
				     "<FOLDER NAME=\"F3\"/>"
				     "<FOLDER NAME=\"F4\">" SC(
					 "s6", "F6") "</FOLDER>"
						     "<FOLDER NAME=\"F5\"/>"
						     "<FOLDER NAME=\"F6\"/>"
						     "<FOLDER NAME=\"F7\"><!-- <SHORTCUT NAME=\"x\" "
						     "FOLDERNAME=\"F3\"/> --></FOLDER>",
		     &out, &ok);
	CHECK(ok && strcmp(got, "F1,F2;F3;F4,F5,F6;F7;") == 0,
	      "units: a shortcut joins its folder and the folders between; a comment joins nothing (%s)",
	      got);
	got = units_of("<FOLDER NAME=\"A\"/><FOLDER NAME=\"B\">" SC("s", "c") "</FOLDER><FOLDER NAME=\"C\"/>",
		       &out, &ok);
	CHECK(ok && strcmp(got, "A;B,C;") == 0,
	      "units: folder names compare without case, as a superset (%s)", got);
	got = units_of("<FOLDER NAME=\"A&amp;B\"/><FOLDER NAME=\"C\"/><FOLDER NAME=\"D\"/>", &out, &ok);
	CHECK(ok && strcmp(got, "A&B,C,D;") == 0,
	      "units: a name with a reference in it puts everything in one unit (%s)", got);
	got = units_of("<FOLDER NAME=\"A\" DESCRIPTION=\"x > y\"/><FOLDER NAME=\"B\"/>", &out, &ok);
	CHECK(ok && strcmp(got, "A;B;") == 0, "units: '>' inside a quoted value does not end the tag (%s)",
	      got);
	got = units_of("<FOLDER NAME=\"A\"/><FOLDER NAME=\"B\"><SOURCE", &out, &ok);
	CHECK(!ok && strcmp(got, "A;") == 0,
	      "units: a truncated file fails after the units before the error (%s)", got);
	got = units_of("", &out, &ok);
	CHECK(ok && strcmp(got, "") == 0, "units: an export without folders hands over nothing");
	sbuf_release(&out);
}

int main(void)
{
	xml_global_init();
	test_detect();
	test_xml_positions();
	test_windows_1252();
	test_ssis_prop();
	test_units();
	return tap_done();
}
