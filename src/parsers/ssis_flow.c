/* ssis_flow.c - an SSIS data flow task's <pipeline> into an AstFlow
 * (src/parsers; part of the SSIS frontend, see ssis.c).
 *
 * Components become AstSteps classified by componentClassID (or, for
 * managed components, UserComponentTypeName; never by the localised
 * name), inputs and outputs AstGroups, columns AstPorts, paths AstEdges.
 * Lineage ids (integers in v2/v3, refId paths in v6/v8) are resolved here
 * in two passes: first every output column of every component, then the
 * inputs, the paths and the expressions that name them.
 */
#include "parsers/ssis.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Io {
	AstStep *step;
	AstGroup *group;
	const xmlNode *node;
	bool input;
	bool synchronous; /* an output that passes its input's rows on */
	const char *sync_input; /* synchronous output: its input's id */
	struct Io *feed;        /* input: the output a path feeds it from, or NULL */
} Io;

/* A pass-through port synthesised on a synchronous output: fed, once
 * every path is read, from the column of the same lineage upstream. */
typedef struct Pass {
	Io *out;
	const char *lineage;
	AstPort *port;
} Pass;

typedef struct OutCol {
	const xmlNode *node;
	AstPort *port;
} OutCol;

typedef struct Comp {
	AstStep *step;
	const xmlNode *node;
	const char *canon; /* canonical component name, e.g. "Microsoft.Lookup" */
	PtrVec outcols;    /* OutCol: each output column with its element */
} Comp;

typedef struct Flow {
	Ssis *S;
	AstFlow *f;
	StrMap lineage; /* lineage id -> AstPort (output columns) */
	StrMap owner;   /* lineage id -> AstStep owning it */
	StrMap ios;     /* input/output id or refId -> Io */
	StrMap names;   /* step names taken */
	StrMap ext;     /* external metadata column id/refId -> name */
	StrMap passes;  /* "step\x1fgroup\x1flineage" -> synthesised pass-through port */
	PtrVec pending; /* Pass: synthesised ports not fed yet */
	PtrVec comps;   /* Comp, file order */
} Flow;

/* ---- classification ------------------------------------------------------- */

/* Component class ids (v8 names, v6 ProgIDs, v2/v3/v6 GUIDs) and managed
 * components' UserComponentTypeName (last dotted segment) to a canonical
 * name and a StepKind. */
static const struct {
	const char *id;
	const char *canon;
	StepKind kind;
} comp_types[] = {
    {"OLEDBSource", "Microsoft.OLEDBSource", STEP_SOURCE},
    {"{165A526D-D5DE-47FF-96A6-F8274C19826B}", "Microsoft.OLEDBSource", STEP_SOURCE},
    {"{BCEFE59B-6819-47F7-A125-63753B33ABB7}", "Microsoft.OLEDBSource", STEP_SOURCE},
    {"{2C0A8BE5-1EDC-4353-A0EF-B778599C65A0}", "Microsoft.OLEDBSource", STEP_SOURCE},
    {"OLEDBDestination", "Microsoft.OLEDBDestination", STEP_TARGET},
    {"{4ADA7EAA-136C-4215-8098-D7A7C27FC0D1}", "Microsoft.OLEDBDestination", STEP_TARGET},
    {"{5A0B62E8-D91D-49F5-94A5-7BE58DE508F0}", "Microsoft.OLEDBDestination", STEP_TARGET},
    {"{E2568105-9550-4F71-A638-B7FE42E66922}", "Microsoft.OLEDBDestination", STEP_TARGET},
    {"FlatFileSource", "Microsoft.FlatFileSource", STEP_SOURCE},
    {"{D23FD76B-F51D-420F-BBCB-19CBF6AC1AB4}", "Microsoft.FlatFileSource", STEP_SOURCE},
    {"{5ACD952A-F16A-41D8-A681-713640837664}", "Microsoft.FlatFileSource", STEP_SOURCE},
    {"FlatFileDestination", "Microsoft.FlatFileDestination", STEP_TARGET},
    {"{8DA75FED-1B7C-407D-B2AD-2B24209CCCA4}", "Microsoft.FlatFileDestination", STEP_TARGET},
    {"{A1DF9F6D-8EE4-4EF0-BB2E-D526130D7A7B}", "Microsoft.FlatFileDestination", STEP_TARGET},
    {"{D658C424-8CF0-441C-B3C4-955E183B7FBA}", "Microsoft.FlatFileDestination", STEP_TARGET},
    {"ExcelSource", "Microsoft.ExcelSource", STEP_SOURCE},
    {"{8C084929-27D1-479F-9641-ABB7CDADF1AC}", "Microsoft.ExcelSource", STEP_SOURCE},
    {"{A4B1E1C8-17F3-46C8-AAD0-34F0C6FE42DE}", "Microsoft.ExcelSource", STEP_SOURCE},
    {"ExcelDestination", "Microsoft.ExcelDestination", STEP_TARGET},
    {"{1F5D5712-2FBA-4CB9-A95A-86C1F336E1DA}", "Microsoft.ExcelDestination", STEP_TARGET},
    {"RawSource", "Microsoft.RawSource", STEP_SOURCE},
    {"{480C7D5A-CE63-405C-B338-3C7F26560EE3}", "Microsoft.RawSource", STEP_SOURCE},
    {"RawDestination", "Microsoft.RawDestination", STEP_TARGET},
    {"{04762BB6-892F-4EE6-AD46-9CEB0A7EC7A2}", "Microsoft.RawDestination", STEP_TARGET},
    {"SSISODBCSrc", "Microsoft.SSISODBCSrc", STEP_SOURCE},
    {"SSISODBCDst", "Microsoft.SSISODBCDst", STEP_TARGET},
    {"SSISOracleSrc", "Microsoft.SSISOracleSrc", STEP_SOURCE},
    {"SSISOracleDst", "Microsoft.SSISOracleDst", STEP_TARGET},
    {"SQLServerDestination", "Microsoft.SQLServerDestination", STEP_TARGET},
    {"{F452EAF3-5EF0-43F1-8067-09DDF0BC6316}", "Microsoft.SQLServerDestination", STEP_TARGET},
    {"RecordsetDestination", "Microsoft.RecordsetDestination", STEP_TARGET},
    {"Cache", "Microsoft.Cache", STEP_TARGET},
    {"DerivedColumn", "Microsoft.DerivedColumn", STEP_EXPRESSION},
    {"{2932025B-AB99-40F6-B5B8-783A73F80E24}", "Microsoft.DerivedColumn", STEP_EXPRESSION},
    {"{49928E82-9C4E-49F0-AABE-3812B82707EC}", "Microsoft.DerivedColumn", STEP_EXPRESSION},
    {"{9CF90BF0-5BCC-4C63-B91D-1F322DC12C26}", "Microsoft.DerivedColumn", STEP_EXPRESSION},
    {"CopyMap", "Microsoft.CopyMap", STEP_EXPRESSION},
    {"CharacterMap", "Microsoft.CharacterMap", STEP_EXPRESSION},
    {"{C86C867A-7D40-486A-8734-F0B6943A9DD4}", "Microsoft.CharacterMap", STEP_EXPRESSION},
    {"{DEC33219-BA68-4FEB-AC98-9C1B1E577A8D}", "Microsoft.CharacterMap", STEP_EXPRESSION},
    {"Lineage", "Microsoft.Lineage", STEP_EXPRESSION},
    {"{4FCE8297-9C65-40A9-9D60-00C5CC6BC283}", "Microsoft.Lineage", STEP_EXPRESSION},
    {"DataConvert", "Microsoft.DataConvert", STEP_SELECT},
    {"{62B1106C-7DB8-4EC8-ADD6-4C664DFFC54A}", "Microsoft.DataConvert", STEP_SELECT},
    {"{BD06A22E-BC69-4AF7-A69B-C44C2EF684BB}", "Microsoft.DataConvert", STEP_SELECT},
    {"ConditionalSplit", "Microsoft.ConditionalSplit", STEP_ROUTER},
    {"{7F88F654-4E20-4D14-84F4-AF9C925D3087}", "Microsoft.ConditionalSplit", STEP_ROUTER},
    {"{3AE878C6-0D6C-4F48-8128-40E00E9C1B7D}", "Microsoft.ConditionalSplit", STEP_ROUTER},
    {"Lookup", "Microsoft.Lookup", STEP_LOOKUP},
    {"{671046B0-AA63-4C9F-90E4-C06E0B710CE3}", "Microsoft.Lookup", STEP_LOOKUP},
    {"{27648839-180F-45E6-838D-AFF53DF682D2}", "Microsoft.Lookup", STEP_LOOKUP},
    {"MergeJoin", "Microsoft.MergeJoin", STEP_JOIN},
    {"{14D43A4F-D7BD-489D-829E-6DE35750CFE4}", "Microsoft.MergeJoin", STEP_JOIN},
    {"{A18A4D58-7C7A-4448-8B98-AE2CEFE81B4C}", "Microsoft.MergeJoin", STEP_JOIN},
    {"UnionAll", "Microsoft.UnionAll", STEP_UNION},
    {"{B594E9A8-4351-4939-891C-CFE1AB93E925}", "Microsoft.UnionAll", STEP_UNION},
    {"{4D9F9B7C-84D9-4335-ADB0-2542A7E35422}", "Microsoft.UnionAll", STEP_UNION},
    {"Merge", "Microsoft.Merge", STEP_UNION},
    {"Multicast", "Microsoft.Multicast", STEP_MULTICAST},
    {"{1ACA4459-ACE0-496F-814A-8611F9C27E23}", "Microsoft.Multicast", STEP_MULTICAST},
    {"{EC139FBC-694E-490B-8EA7-35690FB0F445}", "Microsoft.Multicast", STEP_MULTICAST},
    {"Sort", "Microsoft.Sort", STEP_SORT},
    {"{07127A7C-164B-422A-AD1F-24BE39B4DB38}", "Microsoft.Sort", STEP_SORT},
    {"{5B1A3FF5-D366-4D75-AD1F-F19A36FCBEDB}", "Microsoft.Sort", STEP_SORT},
    {"Aggregate", "Microsoft.Aggregate", STEP_AGGREGATE},
    {"{9ABE8DF3-0052-42DB-8B18-2089E1D1D1B7}", "Microsoft.Aggregate", STEP_AGGREGATE},
    {"{5B201335-B360-485C-BB93-75C34E09B3D3}", "Microsoft.Aggregate", STEP_AGGREGATE},
    {"RowCount", "Microsoft.RowCount", STEP_ROW_COUNT},
    {"{E2697D8C-70DA-42B2-8208-A19CE3A9FE41}", "Microsoft.RowCount", STEP_ROW_COUNT},
    {"PctSampling", "Microsoft.PctSampling", STEP_SAMPLE},
    {"RowSampling", "Microsoft.RowSampling", STEP_SAMPLE},
    {"UnPivot", "Microsoft.UnPivot", STEP_NORMALIZER},
    {"{B8B094A9-8809-4E06-8874-5C55606A9FDF}", "Microsoft.UnPivot", STEP_NORMALIZER},
    {"Pivot", "Microsoft.Pivot", STEP_PIVOT},
    {"{AEB2AFAE-2201-48B1-B290-42BB8C9149DD}", "Microsoft.Pivot", STEP_PIVOT},
    {"OLEDBCommand", "Microsoft.OLEDBCommand", STEP_SQL},
    {"{8E61C8F6-C91D-43B6-97EB-3423C06571CC}", "Microsoft.OLEDBCommand", STEP_SQL},
    {"{93FFEC66-CBC8-4C7F-9C6A-CB1C17A7567D}", "Microsoft.OLEDBCommand", STEP_SQL},
    {"SCD", "Microsoft.SCD", STEP_CHANGE_CAPTURE},
    {"{25BBB0C5-369B-4303-B3DF-D0DC741DEE58}", "Microsoft.SCD", STEP_CHANGE_CAPTURE},
    {"FuzzyLookup", "Microsoft.FuzzyLookup", STEP_CUSTOM},
    {"{5056651F-F227-4978-94DF-53CDF9E8CCB6}", "Microsoft.FuzzyLookup", STEP_CUSTOM},
    {"{E4A5F949-EC93-45AB-8B36-B52936257EC2}", "Microsoft.FuzzyLookup", STEP_CUSTOM},
    {"FuzzyGrouping", "Microsoft.FuzzyGrouping", STEP_CUSTOM},
    {"{0A1BDBA0-9C6E-4AD7-97B1-E0E79E462629}", "Microsoft.FuzzyGrouping", STEP_CUSTOM},
    {"{836E0D0B-0358-45B4-B888-4ADCE9356D4E}", "Microsoft.FuzzyGrouping", STEP_CUSTOM},
    {"TermExtraction", "Microsoft.TermExtraction", STEP_CUSTOM},
    {"TermLookup", "Microsoft.TermLookup", STEP_CUSTOM},
    {"PXPipelineDMQuery", "Microsoft.PXPipelineDMQuery", STEP_CUSTOM},
    {"PXPipelineProcessPartition", "Microsoft.PXPipelineProcessPartition", STEP_CUSTOM},
    {"PXPipelineProcessDimension", "Microsoft.PXPipelineProcessDimension", STEP_CUSTOM},
    {"Extractor", "Microsoft.Extractor", STEP_CUSTOM},
    {"{A9823821-0085-4483-952F-36277F63FFC5}", "Microsoft.Extractor", STEP_CUSTOM},
    {"Inserter", "Microsoft.Inserter", STEP_CUSTOM},
    {"{9053CAE0-140B-48E4-AEEC-4E6A26E9E436}", "Microsoft.Inserter", STEP_CUSTOM},
    {"BDD", "Microsoft.BDD", STEP_ROUTER},
    /* managed components, by UserComponentTypeName */
    {"ScriptComponentHost", "Microsoft.ScriptComponentHost", STEP_SCRIPT},
    {"XmlSourceAdapter", "Microsoft.XmlSourceAdapter", STEP_XML_SOURCE},
    {"DataReaderSourceAdapter", "Microsoft.DataReaderSourceAdapter", STEP_SOURCE},
    {"ADONETDestination", "Microsoft.ADONETDestination", STEP_TARGET},
    {"DataReaderDestinationAdapter", "Microsoft.DataReaderDestinationAdapter", STEP_TARGET},
    {"DataStreamingDestinationAdapter", "Microsoft.DataStreamingDestinationAdapter", STEP_TARGET},
    {"AzBlobSrc", "AzBlobSrc", STEP_SOURCE},
    {"AzBlobDest", "AzBlobDest", STEP_TARGET},
    {"HdfsSource", "HdfsSource", STEP_SOURCE},
    {"HdfsDest", "HdfsDest", STEP_TARGET},
    {"AdlsSource", "AdlsSource", STEP_SOURCE},
    {"AdlsDest", "AdlsDest", STEP_TARGET},
    {"SharePointListSource", "SharePointListSource", STEP_SOURCE},
    {"SharePointListDestination", "SharePointListDestination", STEP_TARGET},
    {"SourceComponent", "CrmComponents.SourceComponent", STEP_SOURCE},
    {"DestinationComponent", "CrmComponents.DestinationComponent", STEP_TARGET},
    {"CdcSourceComponent", "Attunity.CdcSourceComponent", STEP_SOURCE},
    {"CdcSplitterComponent", "Attunity.CdcSplitterComponent", STEP_ROUTER},
};

static bool is_managed_host(const char *clsid)
{
	return ascii_ieq(clsid, "Microsoft.ManagedComponentHost") ||
	       strncmp(clsid, "DTS.ManagedComponentWrapper", 27) == 0 ||
	       ascii_ieq(clsid, "{874F7595-FB5F-40FF-96AF-FBFF8250E3EF}") ||
	       ascii_ieq(clsid, "{2E42D45B-F83C-400F-8D77-61DDE6A7DF29}") ||
	       ascii_ieq(clsid, "{BF01D463-7089-41EE-8F05-0A6DC17CE633}") ||
	       ascii_ieq(clsid, "{33D831DE-5DCF-48F0-B431-4D327B9E785D}");
}

/* "Microsoft.DerivedColumn", "DTSTransform.DerivedColumn.3",
 * "Microsoft.SqlServer.Dts.Pipeline.ScriptComponentHost, Microsoft..."
 * -> "DerivedColumn", "ScriptComponentHost"; GUIDs stay whole. */
static void comp_key(const char *id, char *out, size_t n)
{
	if (id[0] == '{') {
		snprintf(out, n, "%s", id);
		return;
	}
	const char *end = strchr(id, ',');
	size_t len = end ? (size_t)(end - id) : strlen(id);
	while (len && id[len - 1] == ' ')
		len--;
	/* drop a trailing version ".3" */
	size_t l2 = len;
	while (l2 && id[l2 - 1] >= '0' && id[l2 - 1] <= '9')
		l2--;
	if (l2 && l2 < len && id[l2 - 1] == '.')
		len = l2 - 1;
	size_t start = len;
	while (start && id[start - 1] != '.')
		start--;
	size_t sl = len - start;
	if (sl >= n)
		sl = n - 1;
	memcpy(out, id + start, sl);
	out[sl] = '\0';
}

static bool classify(const char *id, StepKind *kind, const char **canon)
{
	char key[96];
	comp_key(id, key, sizeof key);
	for (size_t i = 0; i < sizeof comp_types / sizeof comp_types[0]; i++)
		if (ascii_ieq(key, comp_types[i].id)) {
			*kind = comp_types[i].kind;
			*canon = comp_types[i].canon;
			return true;
		}
	return false;
}

/* ---- small helpers -------------------------------------------------------- */


static const char *elem_text_copy(Ssis *S, const xmlNode *n)
{
	char *t = xml_text(S->a, n);
	return t ? t : "";
}

/* The id an input, output or column is referred to by: refId (v6/v8) or
 * the integer id (v2/v3). */
static const char *obj_id(const xmlNode *n)
{
	const char *r = xml_attr(n, "refId");
	return r && *r ? r : xml_attr(n, "id");
}

static int32_t to_int(const char *v, int32_t dflt)
{
	if (!v || !*v)
		return dflt;
	char *end;
	long x = strtol(v, &end, 10);
	return (*end == '\0' && x >= INT32_MIN && x <= INT32_MAX) ? (int32_t)x : dflt;
}

/* A property value of a <properties> list, or NULL. */
static const xmlNode *find_property(const xmlNode *owner, const char *name)
{
	const xmlNode *props = xml_child(owner, "properties");
	for (const xmlNode *p = props ? xml_first(props) : NULL; p; p = xml_next(p))
		if (xml_is(p, "property")) {
			const char *pn = xml_attr(p, "name");
			if (pn && strcmp(pn, name) == 0)
				return p;
		}
	return NULL;
}

static const char *property_value(const xmlNode *owner, const char *name)
{
	const xmlNode *p = find_property(owner, name);
	if (!p)
		return NULL;
	const xmlNode *t = p->children;
	if (t && !t->next && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
		return (const char *)t->content;
	return t ? NULL : "";
}

static SettingValue row_error_value(const char *v)
{
	if (!v)
		return VAL_NONE;
	if (strcmp(v, "FailComponent") == 0)
		return VAL_FAIL;
	if (strcmp(v, "IgnoreFailure") == 0)
		return VAL_SKIP;
	if (strcmp(v, "RedirectRow") == 0)
		return VAL_REDIRECT;
	return VAL_NONE;
}

static AstProp *add_prop(Ssis *S, PtrVec *props, const char *name, const char *value, Setting key,
			 SettingValue norm, SrcLoc loc)
{
	AstProp *p = ast_prop_new(S->doc, name, value);
	p->key = key;
	p->norm = norm;
	p->loc = loc;
	ast_push(S->doc, props, p);
	return p;
}

/* ---- lineage ---------------------------------------------------------------- */

static AstPort *lineage_port(Flow *F, const char *id)
{
	return id && *id ? strmap_get(&F->lineage, id) : NULL;
}

static void lineage_warn(Flow *F, SrcLoc loc, const char *what, const char *id)
{
	Diag d = {.code = W_SSIS_LINEAGE, .loc = loc, .context = F->S->context};
	diag_emit(F->S->sink, &d, "%s names lineage id '%s', which no output column of the data flow has",
		  what, id);
}

/* Rewrite the lineage references of an `Expression` property into column
 * names: v6/v8 "#{Package\DFT\X.Outputs[O].Columns[A]}", v2/v3 "#15".
 * Used only when FriendlyExpression is absent. */
static const char *resolve_expression(Flow *F, const char *text, SrcLoc loc)
{
	Sbuf b = SBUF_INIT;
	for (const char *p = text; *p;) {
		if (p[0] == '#' && p[1] == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				const char *id = arena_strndup(F->S->a, p + 2, (size_t)(e - p - 2));
				AstPort *pt = lineage_port(F, id);
				if (pt)
					sbuf_addf(&b, "[%s]", pt->name);
				else {
					lineage_warn(F, loc, "the expression", id);
					sbuf_add(&b, p, (size_t)(e + 1 - p));
				}
				p = e + 1;
				continue;
			}
		}
		if (p[0] == '#' && p[1] >= '0' && p[1] <= '9') {
			const char *e = p + 1;
			while (*e >= '0' && *e <= '9')
				e++;
			const char *id = arena_strndup(F->S->a, p + 1, (size_t)(e - p - 1));
			AstPort *pt = lineage_port(F, id);
			if (pt)
				sbuf_addf(&b, "[%s]", pt->name);
			else {
				lineage_warn(F, loc, "the expression", id);
				sbuf_add(&b, p, (size_t)(e - p));
			}
			p = e;
			continue;
		}
		sbuf_add(&b, p, 1);
		p++;
	}
	const char *r = arena_strdup(F->S->a, b.buf);
	sbuf_release(&b);
	return r;
}

/* A column's Derived Column expression: FriendlyExpression, else
 * Expression with its lineage references resolved; NULL when none. */
static AstExpr *column_expression(Flow *F, const xmlNode *c)
{
	Ssis *S = F->S;
	const xmlNode *fe = find_property(c, "FriendlyExpression");
	const xmlNode *ex = find_property(c, "Expression");
	if (fe && *elem_text_copy(S, fe))
		return ssis_expr_new(S, LANG_SSIS, elem_text_copy(S, fe), ssis_loc(S, fe));
	if (ex && *elem_text_copy(S, ex)) {
		SrcLoc l = ssis_loc(S, ex);
		return ssis_expr_new(S, LANG_SSIS, resolve_expression(F, elem_text_copy(S, ex), l), l);
	}
	return NULL;
}

static const char *dt_upper(Ssis *S, const char *dt)
{
	char *u = arena_strdup(S->a, dt);
	for (char *q = u; *q; q++)
		if (*q >= 'a' && *q <= 'z')
			*q = (char)(*q - 'a' + 'A');
	return u;
}

/* Data Conversion: "converts the data in an input column to a different
 * data type and then copies it to a new output column" (Microsoft Docs,
 * "Data Conversion Transformation"), as the expression language's cast
 * to that type does: the output column's type as a cast of the source
 * column, translated like any SSIS expression (truncation and conversion
 * failures are row errors there too). */
static AstExpr *conversion_expression(Flow *F, const xmlNode *c, const char *from)
{
	Ssis *S = F->S;
	const char *dt = xml_attr(c, "dataType");
	if (!dt || !*dt || strchr(from, ']'))
		return NULL;
	const char *len = xml_attr(c, "length"), *prec = xml_attr(c, "precision");
	const char *scale = xml_attr(c, "scale"), *cp = xml_attr(c, "codePage");
#define OR(x, d) ((x) && *(x) ? (x) : (d))
	const char *cast;
	if (strcmp(dt, "str") == 0)
		cast = arena_sprintf(S->a, "DT_STR, %s, %s", OR(len, "50"), OR(cp, "1252"));
	else if (strcmp(dt, "wstr") == 0)
		cast = arena_sprintf(S->a, "DT_WSTR, %s", OR(len, "50"));
	else if (strcmp(dt, "text") == 0)
		cast = arena_sprintf(S->a, "DT_TEXT, %s", OR(cp, "1252"));
	else if (strcmp(dt, "numeric") == 0)
		cast = arena_sprintf(S->a, "DT_NUMERIC, %s, %s", OR(prec, "18"), OR(scale, "0"));
	else if (strcmp(dt, "decimal") == 0)
		cast = arena_sprintf(S->a, "DT_DECIMAL, %s", OR(scale, "0"));
	else if (strcmp(dt, "bytes") == 0)
		cast = arena_sprintf(S->a, "DT_BYTES, %s", OR(len, "50"));
	else if (strcmp(dt, "dbTime2") == 0 || strcmp(dt, "dbTimeStamp2") == 0 ||
		 strcmp(dt, "dbTimeStampOffset") == 0) {
		cast = arena_sprintf(S->a, "DT_%s, %s", dt_upper(S, dt), OR(scale, "0"));
	} else {
		cast = arena_sprintf(S->a, "DT_%s", dt_upper(S, dt));
	}
#undef OR
	return ssis_expr_new(S, LANG_SSIS, arena_sprintf(S->a, "(%s)[%s]", cast, from), ssis_loc(S, c));
}

/* "#{refId}" or "123" -> the id inside. */
static const char *unwrap_id(Flow *F, const char *v)
{
	if (v[0] == '#' && v[1] == '{') {
		size_t n = strlen(v);
		return arena_strndup(F->S->a, v + 2, n > 3 ? n - 3 : 0);
	}
	return v;
}

/* Character Map: MapFlags are Windows LCMapString flags (Microsoft Docs,
 * "Character Map Transformation": Lowercase, Uppercase, Byte reversal,
 * Hiragana, Katakana, Half width, Full width, Linguistic casing, Simplified
 * and Traditional Chinese).  Lowercase (0x100) and Uppercase (0x200) are
 * the expression language's LOWER and UPPER; any other operation has no
 * SQL translation: the step goes to review (W1030) and NULL is returned. */
static AstExpr *char_map_expression(Flow *F, AstStep *s, const xmlNode *c, const char *col)
{
	Ssis *S = F->S;
	const char *v = property_value(c, "MapFlags");
	if (!v || strchr(col, ']'))
		return NULL;
	long flags = strtol(v, NULL, 10);
	static const struct {
		long bit;
		const char *name;
	} others[] = {{0x800, "Byte reversal"},	     {0x100000, "Hiragana"},
		      {0x200000, "Katakana"},	     {0x400000, "Half width"},
		      {0x800000, "Full width"},	     {0x1000000, "Linguistic casing"},
		      {0x2000000, "Simplified Chinese"}, {0x4000000, "Traditional Chinese"}};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		if (flags & others[i].bit) {
			Diag d = {.code = W_SSIS_NO_VALUE, .loc = ssis_loc_line(S, c), .context = S->context};
			s->review = arena_sprintf(S->a, "Character Map operation '%s' on column '%s' has no SQL translation",
						  others[i].name, col);
			diag_emit(S->sink, &d, "'%s': %s", s->name, s->review);
			s->kind = STEP_CUSTOM;
			return NULL;
		}
	const char *e = arena_sprintf(S->a, "[%s]", col);
	if (flags & 0x100)
		e = arena_sprintf(S->a, "LOWER(%s)", e);
	if (flags & 0x200)
		e = arena_sprintf(S->a, "UPPER(%s)", e);
	return ssis_expr_new(S, LANG_SSIS, e, ssis_loc(S, c));
}

/* Audit: each output column is one item of the run (Microsoft Docs,
 * "Audit Transformation"), the system variable that holds it. */
static AstExpr *audit_expression(Flow *F, const xmlNode *c, int item)
{
	static const char *const vars[] = {"ExecutionInstanceGUID", "PackageID", "PackageName",
					   "VersionID",	    "StartTime", "MachineName",
					   "UserName",	    "TaskName",	 "TaskID"};
	if (item < 0 || item >= (int)(sizeof vars / sizeof vars[0]))
		return NULL;
	return ssis_expr_new(F->S, LANG_SSIS, arena_sprintf(F->S->a, "@[System::%s]", vars[item]),
			     ssis_loc(F->S, c));
}

/* ---- components: pass 1 (outputs) ----------------------------------------- */

static AstPort *read_column_base(Flow *F, const xmlNode *c, unsigned dir, const char *group)
{
	Ssis *S = F->S;
	AstPort *p =
	    ast_port_new(S->doc, ssis_str(S, xml_attr(c, "name")) ? ssis_str(S, xml_attr(c, "name")) : "");
	p->dir = dir;
	p->group = group;
	p->loc = ssis_loc_line(S, c);
	p->type = ssis_pipeline_type(S, xml_attr(c, "dataType"), xml_attr(c, "length"),
				     xml_attr(c, "precision"), xml_attr(c, "scale"));
	p->lineage = ssis_str(S, xml_attr(c, "lineageId"));
	p->description = ssis_str(S, xml_attr(c, "description"));
	if (p->description && !*p->description)
		p->description = NULL;
	SettingValue rv = row_error_value(xml_attr(c, "errorRowDisposition"));
	if (rv != VAL_NONE)
		add_prop(S, &p->props, "errorRowDisposition", ssis_str(S, xml_attr(c, "errorRowDisposition")),
			 SET_ROW_ERROR, rv, p->loc);
	return p;
}

/* Column <properties> kept as port props (the ones mapped elsewhere too). */
static void column_props(Flow *F, AstPort *p, const xmlNode *c)
{
	Ssis *S = F->S;
	const xmlNode *props = xml_child(c, "properties");
	for (const xmlNode *q = props ? xml_first(props) : NULL; q; q = xml_next(q)) {
		if (!xml_is(q, "property"))
			continue;
		const char *name = xml_attr(q, "name");
		const char *v = elem_text_copy(S, q);
		if (!name || !*v)
			continue;
		add_prop(S, &p->props, ssis_str(S, name), v, SET_NONE, VAL_NONE, ssis_loc_line(S, q));
	}
}

static AggKind agg_kind(int32_t t)
{
	switch (t) {
	case 1: return AGG_COUNT;
	case 2: return AGG_COUNT_ROWS;
	case 3: return AGG_COUNT_DISTINCT;
	case 4: return AGG_SUM;
	case 5: return AGG_AVG;
	case 6: return AGG_MIN;
	case 7: return AGG_MAX;
	default: return AGG_NONE;
	}
}

static const char *const agg_names[] = {"GroupBy", "Count",   "CountAll", "CountDistinct",
					"Sum",     "Average", "Minimum",  "Maximum"};

/*   <output refId="...Outputs[Derived Column Output]" name="..." isErrorOut="true"
 *     synchronousInputId="..." exclusionGroup="1">
 *     <outputColumns><outputColumn refId lineageId name dataType length .../>
 *     <properties><property name="FriendlyExpression">...</property> */
static void read_output(Flow *F, Comp *cp, const xmlNode *o, int index)
{
	Ssis *S = F->S;
	AstStep *s = cp->step;
	const char *name = ssis_str(S, xml_attr(o, "name"));
	if (!name)
		name = "";
	GroupKind gk = GROUP_OUTPUT;
	if (ssis_is_true(xml_attr(o, "isErrorOut")))
		gk = GROUP_ERROR;
	else if (s->kind == STEP_ROUTER && ssis_is_true(property_value(o, "IsDefaultOut")))
		gk = GROUP_DEFAULT;
	else if (s->kind == STEP_LOOKUP && index == 1)
		gk = GROUP_UNMATCHED; /* Lookup: Match, No Match, Error outputs in that order */
	AstGroup *g = ast_group_new(S->doc, gk, name);
	g->loc = ssis_loc_line(S, o);
	g->description = ssis_str(S, xml_attr(o, "description"));
	if (g->description && !*g->description)
		g->description = NULL;
	const char *sync = xml_attr(o, "synchronousInputId");
	bool synchronous = sync && *sync && strcmp(sync, "0") != 0;
	g->passes_all = synchronous && gk != GROUP_ERROR;
	if (gk == GROUP_UNMATCHED && sync)
		g->of_input = NULL;
	static const char *const gattrs[] = {"synchronousInputId",  "exclusionGroup",           "isSorted",
					     "errorRowDisposition", "truncationRowDisposition", NULL};
	for (const char *const *k = gattrs; *k; k++) {
		const char *v = xml_attr(o, *k);
		if (v && *v && strcmp(v, "0") != 0 && strcmp(v, "NotUsed") != 0 && strcmp(v, "false") != 0)
			add_prop(S, &g->props, *k, ssis_str(S, v),
				 strcmp(*k, "errorRowDisposition") == 0 ? SET_ROW_ERROR : SET_NONE,
				 strcmp(*k, "errorRowDisposition") == 0 ? row_error_value(v) : VAL_NONE,
				 g->loc);
	}
	if (s->kind == STEP_ROUTER && gk != GROUP_ERROR) {
		g->order = to_int(property_value(o, "EvaluationOrder"), 0);
		const xmlNode *fe = find_property(o, "FriendlyExpression");
		const xmlNode *ex = find_property(o, "Expression");
		if (fe)
			g->cond = ssis_expr_new(S, LANG_SSIS, elem_text_copy(S, fe), ssis_loc(S, fe));
		if (ex)
			add_prop(S, &g->props, "Expression", elem_text_copy(S, ex), SET_NONE, VAL_NONE,
				 ssis_loc_line(S, ex));
	}
	ast_push(S->doc, &s->groups, g);
	Io *io = ARENA_NEW(S->a, Io);
	io->step = s;
	io->group = g;
	io->node = o;
	io->synchronous = synchronous;
	io->sync_input = synchronous ? ssis_str(S, sync) : NULL;
	const char *id = obj_id(o);
	if (id)
		strmap_put(&F->ios, ssis_str(S, id), io);
	const xmlNode *cols = xml_child(o, "outputColumns");
	for (const xmlNode *c = cols ? xml_first(cols) : NULL; c; c = xml_next(c)) {
		if (!xml_is(c, "outputColumn"))
			continue;
		unsigned dir = PORT_OUT;
		if (to_int(xml_attr(c, "specialFlags"), 0) != 0)
			dir |= PORT_GENERATED; /* ErrorCode, ErrorColumn */
		AstPort *p = read_column_base(F, c, dir, name);
		column_props(F, p, c);
		ast_push(S->doc, &s->ports, p);
		OutCol *oc = ARENA_NEW(S->a, OutCol);
		oc->node = c;
		oc->port = p;
		ast_push(S->doc, &cp->outcols, oc);
		if (p->lineage) {
			strmap_put(&F->lineage, p->lineage, p);
			strmap_put(&F->owner, p->lineage, s);
		}
		const char *cid = obj_id(c);
		if (cid && (!p->lineage || strcmp(cid, p->lineage) != 0)) {
			strmap_put(&F->lineage, ssis_str(S, cid), p);
			strmap_put(&F->owner, ssis_str(S, cid), s);
		}
	}
	const xmlNode *ext = xml_child(o, "externalMetadataColumns");
	for (const xmlNode *c = ext ? xml_first(ext) : NULL; c; c = xml_next(c))
		if (xml_is(c, "externalMetadataColumn") && obj_id(c))
			strmap_put(&F->ext, ssis_str(S, obj_id(c)), (void *)ssis_str(S, xml_attr(c, "name")));
}

/* The next part of a SQL Server multi-part name at *pp: [a]]b], "a""b" or
 * a bare word, unquoted; *pp moves past it and its dot. */
static const char *name_part(Ssis *S, const char **pp)
{
	const char *p = *pp;
	Sbuf b = SBUF_INIT;
	char close = *p == '[' ? ']' : *p == '"' ? '"' : 0;
	if (close) {
		for (p++; *p; p++) {
			if (*p == close && p[1] == close)
				p++;
			else if (*p == close) {
				p++;
				break;
			}
			sbuf_addch(&b, *p);
		}
	} else {
		while (*p && *p != '.')
			sbuf_addch(&b, *p++);
	}
	if (*p == '.')
		p++;
	*pp = p;
	const char *r = arena_strdup(S->a, b.len ? b.buf : "");
	sbuf_release(&b);
	return r;
}

/* The table an OLE DB or ADO.NET source or destination names
 * (OpenRowset "[dbo].[orders]", TableOrViewName "\"dbo\".\"orders\""):
 * the last part is the table, the one before it the schema. */
static AstTable *named_table(Flow *F, const char *v, TableRole role, SrcLoc loc)
{
	Ssis *S = F->S;
	const char *parts[4] = {0};
	int n = 0;
	for (const char *p = v; *p && n < 4;)
		parts[n++] = name_part(S, &p);
	if (!n || !*parts[n - 1])
		return NULL;
	AstTable *t = ast_table_new(S->doc, role, parts[n - 1]);
	t->owner = n > 1 && *parts[n - 2] ? parts[n - 2] : NULL;
	t->loc = loc;
	return t;
}

static bool is_table_property(const char *name)
{
	return strcmp(name, "OpenRowset") == 0 || strcmp(name, "TableOrViewName") == 0 ||
	       strcmp(name, "TableName") == 0;
}

/* What each adapter's AccessMode values mean, where they read a query or
 * take the table's name from a variable (the other values name a table).
 * Microsoft Docs, the custom properties of "OLE DB Source", "Excel
 * Source", "OLE DB Destination", "Excel Destination" (0 table, 1 table name
 * from a variable, 2 SQL command, 3 SQL command from a variable; the
 * destinations' 3 and 4 are fast load by name and from a variable), "ODBC
 * Source" and the Microsoft Connector's "Oracle Source" (0 table name, 1
 * SQL command), "ADO NET Source" (0 table or view, 2 SQL command). */
static const struct {
	const char *canon;
	int sql, sql_var, table_var, table_var2;
} access_modes[] = {
    {"Microsoft.OLEDBSource", 2, 3, 1, -1},
    {"Microsoft.ExcelSource", 2, 3, 1, -1},
    {"Microsoft.SSISODBCSrc", 1, -1, -1, -1},
    {"Microsoft.SSISOracleSrc", 1, -1, -1, -1},
    {"Microsoft.DataReaderSourceAdapter", 2, -1, -1, -1},
    {"Microsoft.OLEDBDestination", -1, -1, 1, 4},
    {"Microsoft.ExcelDestination", -1, -1, 1, 4},
    /* "XML Source": 0 XML file location, 1 XML file from variable, 2 XML
     * data from variable */
    {"Microsoft.XmlSourceAdapter", -1, 2, 1, -1},
};

/* A source in a SQL-command mode becomes a source query; a query or a
 * table that a variable holds at run time is not known here: the step goes
 * to review (W1030) rather than read the design-time table or text. */
static void apply_access_mode(Flow *F, Comp *cp, int access)
{
	AstStep *s = cp->step;
	for (size_t i = 0; i < sizeof access_modes / sizeof access_modes[0]; i++) {
		if (strcmp(cp->canon, access_modes[i].canon) != 0)
			continue;
		const char *var = NULL;
		if (access >= 0 && access == access_modes[i].sql && ast_props_find(&s->props, SET_SQL_QUERY))
			s->kind = STEP_SOURCE_QUERY;
		else if (access >= 0 && access == access_modes[i].sql_var)
			var = property_value(cp->node, s->kind == STEP_XML_SOURCE ? "XMLDataVariable"
										    : "SqlCommandVariable");
		else if (access >= 0 &&
			 (access == access_modes[i].table_var || access == access_modes[i].table_var2))
			var = property_value(cp->node, s->kind == STEP_XML_SOURCE ? "XMLDataVariable"
										    : "OpenRowsetVariable");
		if (access >= 0 && access != access_modes[i].sql && access != access_modes[i].sql_var) {
			/* a table mode: a query left over from another mode is not read */
			AstProp *q = ast_props_find(&s->props, SET_SQL_QUERY);
			if (q)
				q->key = SET_NONE;
		}
		if (access >= 0 && access == access_modes[i].sql_var && s->kind != STEP_XML_SOURCE && var && *var) {
			/* resolved against the package's variables once all are read */
			SsisQueryVar *qv = ARENA_NEW(F->S->a, SsisQueryVar);
			qv->step = s;
			qv->variable = ssis_str(F->S, var);
			qv->path = F->f->name;
			ast_push(F->S->doc, &F->S->query_vars, qv);
			return;
		}
		if (access >= 0 && (access == access_modes[i].sql_var || access == access_modes[i].table_var ||
				    access == access_modes[i].table_var2)) {
			Diag d = {.code = W_SSIS_NO_VALUE, .loc = s->loc, .context = F->S->context};
			s->review = arena_sprintf(F->S->a, "it %s the %s that variable '%s' holds at run time",
						  s->kind == STEP_TARGET ? "writes" : "reads",
						  s->kind == STEP_XML_SOURCE
						      ? (access == access_modes[i].sql_var ? "XML data" : "XML file")
						  : access == access_modes[i].sql_var ? "query"
										      : "table",
						  var && *var ? var : "(none)");
			diag_emit(F->S->sink, &d, "'%s': %s", s->name, s->review);
			s->kind = STEP_CUSTOM;
		}
		return;
	}
}

/* The value of attribute `name` in the tag text [tag, end), or NULL. */
static const char *tag_attr(Ssis *S, const char *tag, const char *end, const char *name)
{
	size_t n = strlen(name);
	for (const char *a = tag; a && a + n + 2 < end; a++) {
		if (a[-1] != ' ' || strncmp(a, name, n) != 0 || a[n] != '=' || a[n + 1] != '"')
			continue;
		const char *v = a + n + 2, *q = strchr(v, '"');
		return q && q < end ? arena_strndup(S->a, v, (size_t)(q - v)) : NULL;
	}
	return NULL;
}

/* A Lookup's reference dataset, in its column order (the order of the
 * SqlCommand's result, "select * from [dbo].[T]" included), as ports
 * that are only PORT_LOOKUP, after the component's inputs and outputs:
 *   <property name="ReferenceMetadataXml">&lt;referenceMetadata&gt;&lt;referenceColumns&gt;
 *     &lt;referenceColumn name="code" dataType="DT_WSTR" length="10" precision="0" scale="0"/&gt;... */
static void lookup_reference_columns(Flow *F, AstStep *s, const char *xml, SrcLoc loc)
{
	Ssis *S = F->S;
	for (const char *t = strstr(xml, "<referenceColumn "); t; t = strstr(t + 1, "<referenceColumn ")) {
		const char *end = strchr(t, '>');
		if (!end)
			break;
		const char *name = tag_attr(S, t + 1, end, "name");
		if (!name || !*name)
			continue;
		const char *dt = tag_attr(S, t + 1, end, "dataType");
		if (dt && strncmp(dt, "DT_", 3) == 0)
			dt += 3;
		AstPort *p = ast_port_new(S->doc, ssis_str(S, name));
		p->dir = PORT_LOOKUP;
		p->type = ssis_pipeline_type(S, dt, tag_attr(S, t + 1, end, "length"),
					     tag_attr(S, t + 1, end, "precision"),
					     tag_attr(S, t + 1, end, "scale"));
		p->loc = loc;
		ast_push(S->doc, &s->ports, p);
	}
}

/* What a Lookup does with a row no reference row matches when its
 * NoMatchBehavior is "treat as error" (0; absent before SSIS 2008): the
 * error disposition of its match output decides, FailComponent fails the
 * component, IgnoreFailure passes the row on with NULL lookup columns,
 * RedirectRow sends it to the error output (Lookup Transformation Editor,
 * Error Output page: https://learn.microsoft.com/previous-versions/sql/sql-server-2008/bb895366(v=sql.100)).
 *   <output name="Lookup Match Output" errorOrTruncationOperation="Lookup" errorRowDisposition="IgnoreFailure"> */
static SettingValue lookup_error_disposition(const xmlNode *comp, const char **written)
{
	const xmlNode *outs = xml_child(comp, "outputs");
	for (const xmlNode *o = outs ? xml_first(outs) : NULL; o; o = xml_next(o)) {
		if (!xml_is(o, "output") || ssis_is_true(xml_attr(o, "isErrorOut")))
			continue;
		*written = xml_attr(o, "errorRowDisposition");
		SettingValue v = row_error_value(*written);
		return v == VAL_SKIP ? VAL_NULL : v == VAL_REDIRECT ? VAL_ERROR_OUTPUT : v;
	}
	return VAL_NONE;
}

/* A destination that bulk-loads: the OLE DB Destination in a fast-load
 * mode (AccessMode 3, or 4 with the table from a variable) and the SQL
 * Server Destination.  Each bulk-insert option changes what the table
 * receives, so each becomes a neutral setting, YES or NO, with the bulk
 * API's default (NO) when the package does not set it.  Microsoft Docs:
 * "OLE DB Destination" (FastLoadKeepNulls, FastLoadKeepIdentity,
 * FastLoadOptions: "TABLOCK, CHECK_CONSTRAINTS, ... FIRE_TRIGGERS"), "SQL
 * Server Destination" (BulkInsertKeepNulls, BulkInsertKeepIdentity,
 * BulkInsertCheckConstraints, BulkInsertFireTriggers), and "BULK INSERT
 * (Transact-SQL)" for what each option does and its default: without
 * KEEPNULLS an empty column takes the column's default; without
 * KEEPIDENTITY the identity values are generated; without CHECK_CONSTRAINTS
 * CHECK and FOREIGN KEY constraints are ignored; without FIRE_TRIGGERS no
 * insert trigger runs. */
static const struct {
	const char *canon, *property;
	Setting key;
	const char *token; /* an option of a comma-separated list, or NULL: a boolean */
} bulk_options[] = {
    {"Microsoft.OLEDBDestination", "FastLoadKeepNulls", SET_BULK_KEEP_NULLS, NULL},
    {"Microsoft.OLEDBDestination", "FastLoadKeepIdentity", SET_BULK_KEEP_IDENTITY, NULL},
    {"Microsoft.OLEDBDestination", "FastLoadOptions", SET_BULK_CHECK_CONSTRAINTS, "CHECK_CONSTRAINTS"},
    {"Microsoft.OLEDBDestination", "FastLoadOptions", SET_BULK_FIRE_TRIGGERS, "FIRE_TRIGGERS"},
    {"Microsoft.SQLServerDestination", "BulkInsertKeepNulls", SET_BULK_KEEP_NULLS, NULL},
    {"Microsoft.SQLServerDestination", "BulkInsertKeepIdentity", SET_BULK_KEEP_IDENTITY, NULL},
    {"Microsoft.SQLServerDestination", "BulkInsertCheckConstraints", SET_BULK_CHECK_CONSTRAINTS, NULL},
    {"Microsoft.SQLServerDestination", "BulkInsertFireTriggers", SET_BULK_FIRE_TRIGGERS, NULL},
};

static bool has_option(const char *list, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = list; p && *p;) {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncasecmp(p, token, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '='))
			return true;
		p = strchr(p, ',');
	}
	return false;
}

static void bulk_load_settings(Flow *F, Comp *cp, int access)
{
	if (strcmp(cp->canon, "Microsoft.OLEDBDestination") == 0 && access != 3 && access != 4)
		return; /* row by row: every value as the input has it */
	for (size_t i = 0; i < sizeof bulk_options / sizeof bulk_options[0]; i++) {
		if (strcmp(cp->canon, bulk_options[i].canon) != 0)
			continue;
		const char *v = property_value(cp->node, bulk_options[i].property);
		bool yes = bulk_options[i].token ? has_option(v, bulk_options[i].token) : ssis_is_true(v);
		add_prop(F->S, &cp->step->props, setting_name(bulk_options[i].key), yes ? "YES" : "NO",
			 bulk_options[i].key, VAL_NONE, cp->step->loc);
	}
}

/* Component-level properties as props, with neutral settings. */
static void component_props(Flow *F, Comp *cp)
{
	Ssis *S = F->S;
	AstStep *s = cp->step;
	const xmlNode *props = xml_child(cp->node, "properties");
	int access = to_int(property_value(cp->node, "AccessMode"), -1);
	bool is_lookup = s->kind == STEP_LOOKUP;
	const char *disposition = NULL; /* a Lookup match output's errorRowDisposition */
	for (const xmlNode *q = props ? xml_first(props) : NULL; q; q = xml_next(q)) {
		if (!xml_is(q, "property"))
			continue;
		const char *name = xml_attr(q, "name");
		if (!name)
			continue;
		SrcLoc l = ssis_loc(S, q);
		if (strcmp(name, "SourceCode") == 0 || strcmp(name, "BinaryCode") == 0) {
			/* script component: source kept as text, binaries dropped */
			AstElem *e = ssis_capture(S, q);
			if (strcmp(name, "BinaryCode") == 0) {
				e->children.len = 0;
				e->text = NULL;
			}
			ast_push(S->doc, &s->extras, e);
			continue;
		}
		if (ssis_is_sensitive(q)) {
			AstProp *p = add_prop(S, &s->props, ssis_str(S, name), "", SET_NONE, VAL_NONE, l);
			p->sensitive = true;
			S->sensitive++;
			continue;
		}
		const char *v = elem_text_copy(S, q);
		if (!*v)
			continue;
		Setting key = SET_NONE;
		SettingValue norm = VAL_NONE;
		ExprLang lang = LANG_NONE;
		if (is_table_property(name) && (s->kind == STEP_SOURCE || s->kind == STEP_TARGET) &&
		    !s->table)
			s->table = named_table(F, v, s->kind == STEP_SOURCE ? TABLE_SOURCE : TABLE_TARGET,
					       l);
		else if (is_table_property(name))
			key = SET_TABLE_NAME;
		else if (strcmp(name, "SqlCommand") == 0 || strcmp(name, "SqlCommandParam") == 0) {
			key = is_lookup ? SET_LOOKUP_SQL : SET_SQL_QUERY;
			lang = LANG_SQL;
		} else if (is_lookup && strcmp(name, "NoMatchBehavior") == 0) {
			/* 1: "Redirect rows to no match output"; 0: treated as errors */
			key = SET_LOOKUP_NO_MATCH;
			norm = strcmp(v, "1") == 0   ? VAL_REDIRECT
			       : strcmp(v, "0") == 0 ? lookup_error_disposition(cp->node, &disposition)
						     : VAL_NONE;
		} else if (is_lookup && strcmp(name, "CacheType") == 0)
			/* 0 full, 1 partial, 2 none: only a full cache reads the reference
			 * rows once, before the input, and compares them itself */
			add_prop(S, &s->props, "lookup_cached", strcmp(v, "0") == 0 ? "YES" : "NO",
				 SET_LOOKUP_CACHED, VAL_NONE, l);
		else if (s->kind == STEP_JOIN && strcmp(name, "JoinType") == 0) {
			key = SET_JOIN_TYPE;
			norm = strcmp(v, "0") == 0   ? VAL_FULL_OUTER
			       : strcmp(v, "1") == 0 ? VAL_LEFT_OUTER
			       : strcmp(v, "2") == 0 ? VAL_INNER
						     : VAL_NONE;
		} else if (s->kind == STEP_ROW_COUNT && strcmp(name, "VariableName") == 0)
			key = SET_COUNT_VARIABLE;
		else if (s->kind == STEP_SAMPLE && strcmp(name, "SamplingValue") == 0)
			key = strstr(cp->canon, "Pct") ? SET_SAMPLE_PERCENT : SET_SAMPLE_ROWS;
		else if (s->kind == STEP_JOIN && strcmp(name, "TreatNullsAsEqual") == 0)
			key = SET_NULLS_EQUAL;
		else if (s->kind == STEP_SORT && strcmp(name, "EliminateDuplicates") == 0)
			/* "removes rows with duplicate sort values": the sort keys only
			 * (Sort Transformation, https://learn.microsoft.com/sql/integration-services/data-flow/transformations/sort-transformation) */
			key = SET_DISTINCT_KEYS;
		else if (strcmp(name, "UserComponentTypeName") == 0)
			key = SET_TEMPLATE;
		else if (strcmp(name, "FileName") == 0 || (s->kind == STEP_XML_SOURCE && strcmp(name, "XMLData") == 0))
			key = SET_FILE_NAME;
		else if (s->kind == STEP_XML_SOURCE && strcmp(name, "XMLSchemaDefinition") == 0)
			key = SET_SCHEMA_FILE;
		else if (strcmp(name, "ScriptLanguage") == 0)
			key = SET_LANGUAGE;
		AstProp *p = add_prop(S, &s->props, ssis_str(S, name), v, key, norm, l);
		if (lang != LANG_NONE)
			p->expr = ssis_expr_new(S, lang, v, l);
	}
	SettingValue nm = is_lookup ? lookup_error_disposition(cp->node, &disposition) : VAL_NONE;
	if (nm != VAL_NONE &&
	    !ast_props_find(&s->props, SET_LOOKUP_NO_MATCH)) /* SSIS 2005: no NoMatchBehavior */
		add_prop(S, &s->props, "errorRowDisposition", ssis_str(S, disposition), SET_LOOKUP_NO_MATCH,
			 nm, s->loc);
	if (s->kind == STEP_ROUTER && strcmp(cp->canon, "Microsoft.ConditionalSplit") == 0)
		add_prop(S, &s->props, "routing", "first_match", SET_ROUTING, VAL_FIRST_MATCH, s->loc);
	/* Balanced Data Distributor: "distributes the incoming rows to one or
	 * more outputs uniformly via multithreading" (Microsoft Docs,
	 * "Balanced Data Distributor Transformation") */
	if (s->kind == STEP_ROUTER && strcmp(cp->canon, "Microsoft.BDD") == 0)
		add_prop(S, &s->props, "routing", "distribute", SET_ROUTING, VAL_DISTRIBUTE, s->loc);
	apply_access_mode(F, cp, access);
	bulk_load_settings(F, cp, access);
	if (strcmp(cp->canon, "Microsoft.OLEDBCommand") == 0) {
		/* "runs an SQL statement for each row in a data flow" (Microsoft
		 * Docs, "OLE DB Command Transformation"): per-row DML the converter
		 * never runs; the statement is kept for review */
		AstProp *q = ast_props_find(&s->props, SET_SQL_QUERY);
		if (q)
			q->key = SET_NONE; /* not a query the step's rows come from */
		s->review = q && q->value && *q->value
				? "it runs a SQL statement once per input row (in the evidence)"
				: "it runs a SQL statement once per input row; the export holds none";
	} else if (strcmp(cp->canon, "Attunity.CdcSourceComponent") == 0)
		s->review = "a CDC Source reads SQL Server change data capture functions over the processing "
			    "range a CDC Control Task keeps: not converted";
	else if (strcmp(cp->canon, "Attunity.CdcSplitterComponent") == 0)
		s->review = "a CDC Splitter routes change rows by their __$operation code: not converted";
	else if (strcmp(cp->canon, "Microsoft.SCD") == 0)
		s->review = "a Slowly Changing Dimension: its outputs (new, changing, historical, fixed, "
			    "inferred members) are not converted yet";
}

static void component_connections(Flow *F, Comp *cp)
{
	Ssis *S = F->S;
	const xmlNode *conns = xml_child(cp->node, "connections");
	for (const xmlNode *c = conns ? xml_first(conns) : NULL; c; c = xml_next(c)) {
		if (!xml_is(c, "connection"))
			continue;
		const char *ref = xml_attr(c, "connectionManagerRefId");
		if (!ref || !*ref)
			ref = xml_attr(c, "connectionManagerID");
		if (!ref || !*ref)
			continue;
		AstConnection *cn = ssis_conn_ref(S, ref, ssis_loc_line(S, c));
		add_prop(S, &cp->step->props,
			 ssis_str(S, xml_attr(c, "name") ? xml_attr(c, "name") : "connection"),
			 cn ? cn->name : ssis_str(S, ref), SET_CONNECTION, VAL_NONE, ssis_loc_line(S, c));
		if (cn && cn->layout && !cp->step->table &&
		    (cp->step->kind == STEP_SOURCE || cp->step->kind == STEP_TARGET))
			cp->step->table = cn->layout;
	}
}

/*   <component refId="Package\DFT\Lookup" name="Lookup" componentClassID="Microsoft.Lookup"
 *     contactInfo="..." description="..." version="6">
 *     <properties/> <connections/> <inputs/> <outputs/> */
static void read_component(Flow *F, const xmlNode *n)
{
	Ssis *S = F->S;
	const char *name = ssis_str(S, xml_attr(n, "name"));
	if (!name)
		name = "";
	const char *clsid = xml_attr(n, "componentClassID");
	if (!clsid)
		clsid = "";
	const char *utype = property_value(n, "UserComponentTypeName");
	StepKind kind = STEP_UNKNOWN;
	const char *canon = NULL;
	bool known;
	if (is_managed_host(clsid))
		known = utype && classify(utype, &kind, &canon);
	else
		known = classify(clsid, &kind, &canon);
	/* unique step names: a clash gets "@<n>" and keeps its written name */
	const char *sname = name;
	for (int i = 2; strmap_get(&F->names, sname); i++)
		sname = arena_sprintf(S->a, "%s@%d", name, i);
	AstStep *s = ast_step_new(S->doc, kind, sname);
	if (sname != name)
		s->orig_name = name;
	strmap_put(&F->names, sname, s);
	s->loc = ssis_loc(S, n);
	/* the canonical name ("Microsoft.Lookup"), whichever class id, ProgID or
	 * GUID the save wrote (kept as componentClassID); unknown: as written */
	s->orig_kind = known ? canon : ssis_str(S, utype && is_managed_host(clsid) ? utype : clsid);
	s->description = ssis_str(S, xml_attr(n, "description"));
	if (s->description && !*s->description)
		s->description = NULL;
	add_prop(S, &s->props, "componentClassID", ssis_str(S, clsid), SET_TEMPLATE, VAL_NONE,
		 xml_attr_loc(&S->x, n, "componentClassID"));
	if (!known) {
		s->kind = is_managed_host(clsid) ? STEP_CUSTOM : STEP_UNKNOWN;
		Diag d = {.code = W_SSIS_COMPONENT,
			  .loc = xml_attr_loc(&S->x, n, "componentClassID"),
			  .span = (uint32_t)strlen(clsid),
			  .context = S->context};
		if (is_managed_host(clsid))
			diag_emit(S->sink, &d,
				  "component '%s' is a managed component of the unknown type '%s'", name,
				  utype ? utype : "(none)");
		else
			diag_emit(S->sink, &d, "component '%s' has the unknown class id '%s'", name, clsid);
		canon = "";
	}
	static const char *const attrs[] = {"contactInfo",
					    "version",
					    "usesDispositions",
					    "pipelineVersion",
					    "localeId",
					    "validateExternalMetadata",
					    NULL};
	for (const char *const *k = attrs; *k; k++) {
		const char *v = xml_attr(n, *k);
		if (v && *v)
			add_prop(S, &s->props, *k, ssis_str(S, v), SET_NONE, VAL_NONE, ssis_loc_line(S, n));
	}
	Comp *cp = ARENA_NEW(S->a, Comp);
	cp->step = s;
	cp->node = n;
	cp->canon = canon;
	ast_push(S->doc, &F->comps, cp);
	ast_push(S->doc, &F->f->steps, s);
	component_props(F, cp);
	component_connections(F, cp);
	const xmlNode *outs = xml_child(n, "outputs");
	int index = 0;
	for (const xmlNode *o = outs ? xml_first(outs) : NULL; o; o = xml_next(o))
		if (xml_is(o, "output"))
			read_output(F, cp, o, index++);
}

/* ---- components: pass 2 (inputs, output expressions) ----------------------- */

static const char *lineage_name(Flow *F, const char *id)
{
	AstPort *p = lineage_port(F, id);
	return p ? p->name : NULL;
}

/* "#{Package\DFT\X.Inputs[I].Columns[A]}" (v6/v8) or "#12" / "12" (v2/v3)
 * -> the bare id. */
static const char *id_ref(Ssis *S, const char *v)
{
	size_t n = strlen(v);
	if (v[0] == '#' && v[1] == '{' && n > 3)
		return arena_strndup(S->a, v + 2, n - 3);
	return v[0] == '#' ? v + 1 : v;
}

/* The element of an upstream output column carrying lineage `id`. */
static const xmlNode *lineage_node(Flow *F, const char *id)
{
	AstPort *up = lineage_port(F, id);
	for (uint32_t i = 0; up && i < F->comps.len; i++) {
		const Comp *cp = F->comps.items[i];
		for (uint32_t k = 0; k < cp->outcols.len; k++)
			if (((const OutCol *)cp->outcols.items[k])->port == up)
				return ((const OutCol *)cp->outcols.items[k])->node;
	}
	return NULL;
}

/* A Merge Join input column: the second input (right) is the master side
 * (PORT_MASTER); the join keys are the columns at sort key positions 1 to
 * NumKeyColumns of each input, in position order, as sorted upstream
 * (cachedSortKeyPosition, else the upstream column's sortKeyPosition)
 * (Merge Join Transformation: https://learn.microsoft.com/sql/integration-services/data-flow/transformations/merge-join-transformation).
 *   <inputColumn cachedName="id" cachedSortKeyPosition="1" lineageId="..."/> */
static void merge_join_column(Flow *F, AstStep *s, AstPort *p, const xmlNode *c)
{
	int inputs = 0;
	for (uint32_t g = 0; g < s->groups.len; g++)
		inputs += ((const AstGroup *)s->groups.items[g])->kind == GROUP_INPUT;
	if (inputs >= 2)
		p->dir |= PORT_MASTER;
	const char *v = xml_attr(c, "cachedSortKeyPosition");
	const xmlNode *up = v ? NULL : lineage_node(F, xml_attr(c, "lineageId"));
	if (up)
		v = xml_attr(up, "sortKeyPosition");
	int32_t pos = to_int(v, 0), nkeys = -1;
	for (uint32_t i = 0; i < F->comps.len; i++)
		if (((const Comp *)F->comps.items[i])->step == s)
			nkeys = to_int(
			    property_value(((const Comp *)F->comps.items[i])->node, "NumKeyColumns"), -1);
	int32_t apos = pos < 0 ? -pos : pos;
	if (apos > 0 && (nkeys < 0 || apos <= nkeys)) {
		p->sort_key = true;
		p->sort_desc = pos < 0;
		p->sort_pos = apos;
	}
}

/* Input column properties with a meaning: lookup join keys, sort keys,
 * union mappings, merge join keys, script read/write. */
static void input_column_meaning(Flow *F, AstStep *s, AstPort *p, const xmlNode *c)
{
	const char *v;
	if (s->kind == STEP_JOIN)
		merge_join_column(F, s, p, c);
	if ((v = property_value(c, "JoinToReferenceColumn")) && *v)
		p->ref = ssis_str(F->S, v);
	if ((v = property_value(c, "NewSortKeyPosition")) || (v = xml_attr(c, "sortKeyPosition"))) {
		int32_t pos = to_int(v, 0);
		if (pos != 0 && s->kind == STEP_SORT) {
			p->sort_key = true;
			p->sort_desc = pos < 0;
			p->sort_pos = pos < 0 ? -pos : pos;
		}
	}
	if ((v = property_value(c, "OutputColumnLineageID")) && *v) {
		const char *id = v;
		if (id[0] == '#' && id[1] == '{') {
			size_t n = strlen(id);
			id = arena_strndup(F->S->a, id + 2, n > 3 ? n - 3 : 0);
		}
		const char *nm = lineage_name(F, id);
		if (nm)
			p->ref = nm;
	}
	const char *ext = xml_attr(c, "externalMetadataColumnId");
	if (ext && *ext && strcmp(ext, "0") != 0 && s->kind == STEP_TARGET) {
		const char *nm = strmap_get(&F->ext, ext);
		if (nm)
			p->ref = nm;
	}
}

/*   <input refId="...Inputs[Lookup Input]" name="Lookup Input">
 *     <inputColumns><inputColumn lineageId="..." cachedName="A" usageType="readOnly"/> */
static void read_input(Flow *F, Comp *cp, const xmlNode *in)
{
	Ssis *S = F->S;
	AstStep *s = cp->step;
	const char *name = ssis_str(S, xml_attr(in, "name"));
	if (!name)
		name = "";
	AstGroup *g = ast_group_new(S->doc, GROUP_INPUT, name);
	g->loc = ssis_loc_line(S, in);
	const char *erd = xml_attr(in, "errorRowDisposition");
	if (row_error_value(erd) != VAL_NONE)
		add_prop(S, &g->props, "errorRowDisposition", ssis_str(S, erd), SET_ROW_ERROR,
			 row_error_value(erd), g->loc);
	ast_push(S->doc, &s->groups, g);
	Io *io = ARENA_NEW(S->a, Io);
	io->step = s;
	io->group = g;
	io->node = in;
	io->input = true;
	const char *id = obj_id(in);
	if (id)
		strmap_put(&F->ios, ssis_str(S, id), io);
	const xmlNode *ext = xml_child(in, "externalMetadataColumns");
	for (const xmlNode *c = ext ? xml_first(ext) : NULL; c; c = xml_next(c))
		if (xml_is(c, "externalMetadataColumn") && obj_id(c))
			strmap_put(&F->ext, ssis_str(S, obj_id(c)), (void *)ssis_str(S, xml_attr(c, "name")));
	const xmlNode *cols = xml_child(in, "inputColumns");
	for (const xmlNode *c = cols ? xml_first(cols) : NULL; c; c = xml_next(c)) {
		if (!xml_is(c, "inputColumn"))
			continue;
		unsigned dir = PORT_IN;
		const char *usage = xml_attr(c, "usageType");
		if (usage && ascii_ieq(usage, "ReadWrite"))
			dir |= PORT_OUT;
		AstPort *p = read_column_base(F, c, dir, name);
		const char *lin = xml_attr(c, "lineageId");
		AstPort *up = lineage_port(F, lin);
		if (!*p->name) {
			const char *cached = xml_attr(c, "cachedName");
			p->name = cached && *cached ? ssis_str(S, cached) : up ? up->name : "";
		}
		if (!up && lin && *lin)
			lineage_warn(F, xml_attr_loc(&S->x, c, "lineageId"),
				     arena_sprintf(S->a, "input column '%s' of '%s'", p->name, s->name), lin);
		if (p->type.kind == TY_UNKNOWN && up)
			p->type = up->type;
		if (p->type.kind == TY_UNKNOWN) {
			p->type =
			    ssis_pipeline_type(S, xml_attr(c, "cachedDataType"), xml_attr(c, "cachedLength"),
					       xml_attr(c, "cachedPrecision"), xml_attr(c, "cachedScale"));
		}
		input_column_meaning(F, s, p, c);
		if (dir & PORT_OUT) /* Derived Column "Replace 'X'": the new value */
			p->expr = column_expression(F, c);
		if ((dir & PORT_OUT) && !p->expr && strcmp(cp->canon, "Microsoft.CharacterMap") == 0)
			p->expr = char_map_expression(F, s, c, p->name); /* "In-place change" */
		column_props(F, p, c);
		ast_push(S->doc, &s->ports, p);
	}
}

/* A Merge Join output column copies the input column whose id (refId in
 * v6/v8) InputColumnID names: `ref` is that input port's name, PORT_MASTER
 * its side.
 *   <outputColumn name="id"><properties><property name="InputColumnID">#{...Columns[id]}</property> */
static void merge_join_output(Flow *F, Comp *cp, AstPort *p, const char *id)
{
	const xmlNode *ins = xml_child(cp->node, "inputs");
	for (const xmlNode *in = ins ? xml_first(ins) : NULL; in; in = xml_next(in)) {
		const xmlNode *cols = xml_is(in, "input") ? xml_child(in, "inputColumns") : NULL;
		for (const xmlNode *c = cols ? xml_first(cols) : NULL; c; c = xml_next(c)) {
			if (!xml_is(c, "inputColumn") || !obj_id(c) || strcmp(obj_id(c), id) != 0)
				continue;
			const char *lin = xml_attr(c, "lineageId"), *group = xml_attr(in, "name");
			for (uint32_t i = 0; i < cp->step->ports.len; i++) {
				const AstPort *q = cp->step->ports.items[i];
				if ((q->dir & PORT_IN) && q->lineage && lin && strcmp(q->lineage, lin) == 0 &&
				    q->group && group && strcmp(q->group, group) == 0) {
					p->ref = q->name;
					p->dir |= q->dir & PORT_MASTER;
					return;
				}
			}
		}
	}
	lineage_warn(F, p->loc, arena_sprintf(F->S->a, "output column '%s'", p->name), id);
}

/* A Sort output column passes on the input column whose lineage
 * SortColumnId names: `ref` is that input port's name.
 *   <outputColumn name="id" sortKeyPosition="-1"><properties>
 *     <property name="SortColumnId">#{...Source.Outputs[O].Columns[id]}</property> */
static void sort_output(Flow *F, AstStep *s, AstPort *p, const char *lineage)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *q = s->ports.items[i];
		if ((q->dir & PORT_IN) && q->lineage && strcmp(q->lineage, lineage) == 0) {
			p->ref = q->name;
			return;
		}
	}
	lineage_warn(F, p->loc, arena_sprintf(F->S->a, "output column '%s'", p->name), lineage);
}

/* Output-column expressions and references, once every lineage id is known:
 * Derived Column FriendlyExpression (Expression resolved as the fallback),
 * Data Conversion source, Lookup copied column, Aggregate function. */
static void output_meanings(Flow *F, Comp *cp)
{
	Ssis *S = F->S;
	AstStep *s = cp->step;
	const xmlNode *refs = s->kind == STEP_LOOKUP ? find_property(cp->node, "ReferenceMetadataXml") : NULL;
	if (refs)
		lookup_reference_columns(F, s, elem_text_copy(S, refs), ssis_loc(S, refs));
	for (uint32_t i = 0; i < cp->outcols.len; i++) {
		{
			const OutCol *oc = cp->outcols.items[i];
			const xmlNode *c = oc->node;
			AstPort *p = oc->port;
			p->expr = column_expression(F, c);
			const char *v;
			if ((v = property_value(c, "SourceInputColumnLineageID")) && *v) {
				const char *id = v;
				if (id[0] == '#' && id[1] == '{') {
					size_t n = strlen(id);
					id = arena_strndup(S->a, id + 2, n > 3 ? n - 3 : 0);
				}
				const char *nm = lineage_name(F, id);
				if (nm)
					p->ref = nm;
				else
					lineage_warn(F, ssis_loc(S, c),
						     arena_sprintf(S->a, "output column '%s'", p->name), id);
			}
			if (s->kind == STEP_SELECT && p->ref && !p->expr)
				p->expr = conversion_expression(F, c, p->ref);
			if (!p->expr && strcmp(cp->canon, "Microsoft.CopyMap") == 0 &&
			    (v = property_value(c, "copyColumnId")) && *v) {
				const char *nm = lineage_name(F, unwrap_id(F, v));
				if (nm && !strchr(nm, ']'))
					p->expr = ssis_expr_new(S, LANG_SSIS, arena_sprintf(S->a, "[%s]", nm),
								ssis_loc(S, c));
			}
			if (!p->expr && strcmp(cp->canon, "Microsoft.CharacterMap") == 0 &&
			    (v = property_value(c, "InputColumnLineageId")) && *v) {
				const char *nm = lineage_name(F, unwrap_id(F, v));
				if (nm)
					p->expr = char_map_expression(F, s, c, nm);
			}
			if (!p->expr && strcmp(cp->canon, "Microsoft.Lineage") == 0 &&
			    (v = property_value(c, "LineageItemSelected")))
				p->expr = audit_expression(F, c, to_int(v, -1));
			if ((v = property_value(c, "CopyFromReferenceColumn")) && *v)
				p->ref = ssis_str(S, v);
			if (s->kind == STEP_JOIN && (v = property_value(c, "InputColumnID")) && *v)
				merge_join_output(F, cp, p, id_ref(S, v));
			if (s->kind == STEP_SORT && (v = property_value(c, "SortColumnId")) && *v)
				sort_output(F, s, p, id_ref(S, v));
			if (s->kind == STEP_AGGREGATE && (v = property_value(c, "AggregationType"))) {
				int32_t t = to_int(v, -1);
				const char *col = property_value(c, "AggregationColumnId");
				const char *nm = NULL;
				if (col && *col) {
					const char *id = col;
					if (id[0] == '#' && id[1] == '{') {
						size_t n = strlen(id);
						id = arena_strndup(S->a, id + 2, n > 3 ? n - 3 : 0);
					}
					/* AggregationColumnId names the input column's id; its lineage
					 * names the upstream column */
					for (uint32_t k = 0; k < s->ports.len && !nm; k++) {
						AstPort *q = s->ports.items[k];
						if ((q->dir & PORT_IN) && q->lineage &&
						    strcmp(q->lineage, id) == 0)
							nm = q->name;
					}
					if (!nm)
						nm = lineage_name(F, id);
				}
				if (t == 0) {
					p->role = ROLE_GROUP_BY;
					p->ref = nm ? nm : p->ref;
				} else if (t > 0 && t < 8) {
					p->agg = agg_names[t];
					p->agg_kind = agg_kind(t);
					p->ref = t == 2 ? NULL : nm;
				}
			}
		}
	}
}

/* Pivot (Microsoft Docs, "Pivot Transformation"): an input column's
 * PivotUsage is 0 (passed through), 1 (set key: the rows of one set become
 * one row), 2 (pivot key: its values name the new columns) or 3 (pivot
 * value: its values fill them); an output column with a PivotKeyValue and
 * a SourceColumn receives that key's value, one with a SourceColumn only
 * passes that column on. */
static void pivot_meanings(Flow *F, Comp *cp)
{
	AstStep *s = cp->step;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		for (uint32_t k = 0; k < p->props.len; k++) {
			AstProp *q = p->props.items[k];
			if ((p->dir & PORT_IN) && strcmp(q->name, "PivotUsage") == 0 && q->value) {
				int u = to_int(q->value, -1);
				if (u == 1)
					p->role = ROLE_GROUP_BY;
				else if (u == 2)
					q->key = SET_PIVOT_KEY;
				else if (u == 3)
					q->key = SET_PIVOT_VALUE;
			} else if ((p->dir & PORT_OUT) && strcmp(q->name, "SourceColumn") == 0 && q->value) {
				const char *nm = lineage_name(F, unwrap_id(F, q->value));
				if (nm)
					p->ref = nm;
			} else if ((p->dir & PORT_OUT) && strcmp(q->name, "PivotKeyValue") == 0)
				q->key = SET_PIVOT_KEY_VALUE;
		}
	}
	const AstProp *pass = ast_props_find_name(&s->props, "PassThroughUnmatchedPivotKeys");
	if (pass && pass->value && ascii_ieq(pass->value, "true"))
		add_prop(F->S, &s->props, "unmatched_keys", "skip", SET_ROW_ERROR, VAL_SKIP, pass->loc);
}

/* Unpivot (Microsoft Docs, "Unpivot Transformation"): an input column with
 * a DestinationColumn and a PivotKeyValue gives its values to that output
 * column under that key; one with a DestinationColumn and no key passes
 * through to it; the output column with PivotKey true receives the key. */
static void unpivot_meanings(Flow *F, Comp *cp)
{
	AstStep *s = cp->step;
	if (s->kind == STEP_PIVOT && strcmp(cp->canon, "Microsoft.Pivot") == 0)
		pivot_meanings(F, cp);
	if (s->kind != STEP_NORMALIZER || strcmp(cp->canon, "Microsoft.UnPivot") != 0)
		return;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		AstPort *p = s->ports.items[i];
		for (uint32_t k = 0; k < p->props.len; k++) {
			AstProp *q = p->props.items[k];
			if ((p->dir & PORT_IN) && strcmp(q->name, "DestinationColumn") == 0 && q->value) {
				const char *nm = lineage_name(F, unwrap_id(F, q->value));
				if (nm)
					p->ref = nm;
			} else if ((p->dir & PORT_IN) && strcmp(q->name, "PivotKeyValue") == 0)
				q->key = SET_PIVOT_KEY_VALUE;
			else if ((p->dir & PORT_OUT) && strcmp(q->name, "PivotKey") == 0 && q->value &&
				 ascii_ieq(q->value, "true"))
				q->key = SET_PIVOT_KEY;
		}
	}
}

/* A row-by-row component (Derived Column, Copy Column, Character Map,
 * Audit, Data Conversion) whose new output column has no value the reader
 * understood (an expression, a copied or converted column) would output
 * NULL there: it goes to review instead (STEP_CUSTOM), with W1030. */
static void check_values(Flow *F, Comp *cp)
{
	AstStep *s = cp->step;
	if (s->kind != STEP_EXPRESSION && s->kind != STEP_SELECT)
		return; /* or already sent to review */
	for (uint32_t i = 0; i < cp->outcols.len; i++) {
		const AstPort *p = ((const OutCol *)cp->outcols.items[i])->port;
		bool error = false;
		for (uint32_t g = 0; g < s->groups.len; g++) {
			const AstGroup *gr = s->groups.items[g];
			if (gr->kind == GROUP_ERROR && p->group && strcmp(gr->name, p->group) == 0)
				error = true;
		}
		if (error || p->expr || (p->dir & PORT_GENERATED))
			continue;
		Diag d = {.code = W_SSIS_NO_VALUE, .loc = p->loc, .context = F->S->context};
		s->review = arena_sprintf(F->S->a, "output column '%s' has no value the converter understands",
					  p->name);
		diag_emit(F->S->sink, &d, "'%s': %s", s->name, s->review);
		s->kind = STEP_CUSTOM;
		return;
	}
}

/* ---- paths ------------------------------------------------------------------- */

/* The port of `out`'s step (output `out`) carrying lineage `lin`: its own
 * column; on a synchronous output, the input column it replaces (a
 * ReadWrite column keeps its lineage id: Derived Column "Replace"), else a
 * pass-through port synthesised for it, fed from upstream by feed_passes()
 * once every path is known. */
static AstPort *from_port(Flow *F, Io *out, const char *lin, AstPort *up)
{
	if (!up)
		return NULL;
	if (strmap_get(&F->owner, lin) == out->step && up->group && strcmp(up->group, out->group->name) == 0)
		return up;
	const char *key = arena_sprintf(F->S->a, "%s\x1f%s\x1f%s", out->step->name, out->group->name, lin);
	AstPort *p = strmap_get(&F->passes, key);
	if (p)
		return p;
	Io *in = out->sync_input ? strmap_get(&F->ios, out->sync_input) : NULL;
	for (uint32_t i = 0; in && i < out->step->ports.len; i++) {
		AstPort *q = out->step->ports.items[i];
		if ((q->dir & (PORT_IN | PORT_OUT)) == (PORT_IN | PORT_OUT) && !(q->dir & PORT_PASS) &&
		    q->lineage && strcmp(q->lineage, lin) == 0 && q->group &&
		    strcmp(q->group, in->group->name) == 0)
			return q;
	}
	p = ast_port_new(F->S->doc, up->name);
	p->dir = PORT_IN | PORT_OUT | PORT_PASS;
	p->group = out->group->name;
	p->type = up->type;
	p->lineage = up->lineage;
	p->loc = out->group->loc;
	ast_push(F->S->doc, &out->step->ports, p);
	strmap_put(&F->passes, key, p);
	Pass *ps = ARENA_NEW(F->S->a, Pass);
	ps->out = out;
	ps->lineage = lin;
	ps->port = p;
	ast_push(F->S->doc, &F->pending, ps);
	return p;
}

static void add_edge(Flow *F, AstStep *from, AstPort *fp, AstStep *to, AstPort *tp, const char *name,
		     SrcLoc loc)
{
	AstEdge *e = ast_edge_new(F->S->doc);
	e->from = from;
	e->from_port = fp;
	e->to = to;
	e->to_port = tp;
	e->name = name;
	e->loc = loc;
	ast_push(F->S->doc, &F->f->edges, e);
}

/* Feed each synthesised pass-through port from the column of its lineage
 * on the output that feeds its step's input (which may synthesise more
 * upstream: a worklist).  A port whose input is fed by no path stays
 * unfed (NULL), as the column is absent there too. */
static void feed_passes(Flow *F)
{
	for (uint32_t i = 0; i < F->pending.len; i++) { /* grows while it runs */
		const Pass *ps = F->pending.items[i];
		Io *in = ps->out->sync_input ? strmap_get(&F->ios, ps->out->sync_input) : NULL;
		if (!in || !in->feed)
			continue;
		AstPort *fp = from_port(F, in->feed, ps->lineage, lineage_port(F, ps->lineage));
		if (fp)
			add_edge(F, in->feed->step, fp, ps->out->step, ps->port, NULL, ps->port->loc);
	}
}

/*   <path refId="Package\DFT.Paths[OLE DB Source Output]" name="OLE DB Source Output"
 *     startId="...Outputs[OLE DB Source Output]" endId="...Inputs[Lookup Input]"/> */
static void read_path(Flow *F, const xmlNode *n)
{
	Ssis *S = F->S;
	const char *sid = xml_attr(n, "startId");
	const char *eid = xml_attr(n, "endId");
	Io *out = sid ? strmap_get(&F->ios, sid) : NULL;
	Io *in = eid ? strmap_get(&F->ios, eid) : NULL;
	if (!out || out->input || !in || !in->input) {
		bool bad_start = !out || out->input;
		const char *attr = bad_start ? "startId" : "endId";
		Diag d = {.code = E_SSIS_PATH, .loc = xml_attr_loc(&S->x, n, attr), .context = S->context};
		diag_emit(S->sink, &d, "path '%s': its %s '%s' names no %s of the data flow",
			  xml_attr(n, "name") ? xml_attr(n, "name") : "", attr,
			  (bad_start ? sid : eid) ? (bad_start ? sid : eid) : "(none)",
			  bad_start ? "output" : "input");
		return;
	}
	const char *pname = ssis_str(S, xml_attr(n, "name"));
	SrcLoc loc = ssis_loc(S, n);
	if (!in->feed)
		in->feed = out;
	bool any = false;
	for (uint32_t i = 0; i < in->step->ports.len; i++) {
		AstPort *p = in->step->ports.items[i];
		if (!(p->dir & PORT_IN) || !p->group || strcmp(p->group, in->group->name) != 0 || !p->lineage)
			continue;
		AstPort *up = lineage_port(F, p->lineage);
		AstPort *fp = from_port(F, out, p->lineage, up);
		if (!fp)
			continue;
		add_edge(F, out->step, fp, in->step, p, pname, loc);
		any = true;
	}
	if (!any) { /* no columns read: the whole row moves */
		AstEdge *e = ast_edge_new(S->doc);
		e->from = out->step;
		e->to = in->step;
		e->from_group = out->group->name;
		e->to_group = in->group->name;
		e->name = pname;
		e->loc = loc;
		ast_push(S->doc, &F->f->edges, e);
	}
}

/* ---- the pipeline ------------------------------------------------------------ */

void ssis_read_pipeline(Ssis *S, AstTask *task, const char *path, const xmlNode *pipeline)
{
	Flow F = {.S = S};
	F.f = ast_flow_new(S->doc, FLOW_DATA_FLOW, path);
	F.f->loc = ssis_loc(S, pipeline);
	F.f->folder = S->folder->name;
	ast_push(S->doc, &S->folder->flows, F.f);
	task->session = ast_session_new(S->doc);
	task->session->mapping_name = path;
	task->session->mapping = F.f;
	strmap_init(&F.lineage, S->a, false);
	strmap_init(&F.owner, S->a, false);
	strmap_init(&F.ios, S->a, false);
	strmap_init(&F.names, S->a, false);
	strmap_init(&F.ext, S->a, false);
	strmap_init(&F.passes, S->a, false);
	const char *saved = S->context;
	S->context = arena_sprintf(S->a, "in data flow '%s'", path);
	static const char *const attrs[] = {"defaultBufferSize",   "defaultBufferMaxRows",  "engineThreads",
					    "BLOBTempStoragePath", "bufferTempStoragePath", NULL};
	for (const char *const *k = attrs; *k; k++) {
		const char *v = xml_attr(pipeline, *k);
		if (v && *v)
			add_prop(S, &F.f->props, *k, ssis_str(S, v), SET_NONE, VAL_NONE, F.f->loc);
	}
	const xmlNode *comps = xml_child(pipeline, "components");
	for (const xmlNode *c = comps ? xml_first(comps) : NULL; c; c = xml_next(c))
		if (xml_is(c, "component"))
			read_component(&F, c);       /* pass 1: outputs and their lineage ids */
	for (uint32_t i = 0; i < F.comps.len; i++) { /* pass 2 */
		Comp *cp = F.comps.items[i];
		const xmlNode *ins = xml_child(cp->node, "inputs");
		for (const xmlNode *in = ins ? xml_first(ins) : NULL; in; in = xml_next(in))
			if (xml_is(in, "input"))
				read_input(&F, cp, in);
	}
	for (uint32_t i = 0; i < F.comps.len; i++) {
		output_meanings(&F, F.comps.items[i]);
		unpivot_meanings(&F, F.comps.items[i]);
		check_values(&F, F.comps.items[i]);
	}
	const xmlNode *paths = xml_child(pipeline, "paths");
	for (const xmlNode *p = paths ? xml_first(paths) : NULL; p; p = xml_next(p))
		if (xml_is(p, "path"))
			read_path(&F, p);
	feed_passes(&F);
	S->context = saved;
}

/* ---- queries held by variables ------------------------------------------ */

/* Is `owner` (a container's path) `path` or one of its ancestors? */
static bool encloses(const char *owner, const char *path)
{
	size_t n = strlen(owner);
	return strncmp(owner, path, n) == 0 && (path[n] == '\0' || path[n] == '\\');
}

/* The declaration of `var` visible from `path`: the innermost container's
 * ("User::Q" or "Q" in the User namespace), or NULL. */
static const AstParam *visible_variable(const AstControl *ctl, const char *var, const char *path,
					const AstParam *best)
{
	const char *bare = strstr(var, "::") ? NULL : var;
	for (uint32_t i = 0; i < ctl->params.len; i++) {
		const AstParam *p = ctl->params.items[i];
		bool named = strcmp(p->name, var) == 0 ||
			     (bare && strncmp(p->name, "User::", 6) == 0 && strcmp(p->name + 6, bare) == 0);
		if (named && p->owner && encloses(p->owner, path) &&
		    (!best || !best->owner || strlen(p->owner) > strlen(best->owner)))
			best = p;
	}
	for (uint32_t i = 0; i < ctl->tasks.len; i++) {
		const AstTask *t = ctl->tasks.items[i];
		if (t->sub)
			best = visible_variable(t->sub, var, path, best);
	}
	for (uint32_t i = 0; i < ctl->handlers.len; i++)
		best = visible_variable(ctl->handlers.items[i], var, path, best);
	return best;
}

void ssis_resolve_query_vars(Ssis *S)
{
	for (uint32_t i = 0; i < S->query_vars.len; i++) {
		const SsisQueryVar *qv = S->query_vars.items[i];
		AstStep *s = qv->step;
		const AstParam *p = NULL;
		for (uint32_t c = 0; c < S->folder->controls.len; c++)
			p = visible_variable(S->folder->controls.items[c], qv->variable, qv->path, p);
		Diag d = {.code = W_SSIS_QUERY_VAR, .loc = s->loc, .context = arena_sprintf(S->a, "in data flow '%s'", qv->path)};
		for (uint32_t k = 0; k < s->props.len; k++) { /* a SqlCommand left from another mode */
			AstProp *old = s->props.items[k];
			if (old->key == SET_SQL_QUERY)
				old->key = SET_NONE;
		}
		if (p && !p->sensitive && !p->expr && p->default_value && *p->default_value) {
			AstProp *q = add_prop(S, &s->props, "SqlCommandVariable value", p->default_value,
					      SET_SQL_QUERY, VAL_NONE, s->loc);
			q->expr = ssis_expr_new(S, LANG_SQL, p->default_value, p->loc);
			s->kind = STEP_SOURCE_QUERY;
			diag_emit(S->sink, &d,
				  "'%s' reads the query variable '%s' holds: its declared value is used; a run that "
				  "sets the variable otherwise reads another query",
				  s->name, p->name);
			continue;
		}
		d.code = W_SSIS_NO_VALUE;
		s->review = arena_sprintf(S->a, "it reads the query that variable '%s' %s", qv->variable,
					  !p		    ? "names, which the package does not declare"
					  : p->sensitive    ? "holds, a sensitive value the export leaves out"
					  : p->expr	    ? "computes with an expression at run time"
							    : "holds at run time, declared empty");
		diag_emit(S->sink, &d, "'%s': %s", s->name, s->review);
		s->kind = STEP_CUSTOM;
	}
}
