/* alteryx_tools.c - the Alteryx tools the frontend knows, and what their
 * Configuration means (src/parsers; called from alteryx.c).
 *
 * A tool is identified by its engine entry point (EngineSettings
 * @EngineDllEntryPoint, "AlteryxFilter"), never by its GUI plugin alone:
 * the plugin names only designer-only tools, which have no engine.  The
 * settings each reader marks (SET_*) are those docs/ast.md section 4
 * lists; everything else in a Configuration is kept by alteryx.c as props
 * or extras.  Tool names and settings follow the Alteryx Designer tool
 * reference (help.alteryx.com, "Tool Reference"; per tool, e.g. "Filter
 * Tool", "Summarize Tool", "Select Tool").
 */
#include "parsers/alteryx.h"
#include "base/sbuf.h"
#include "base/str.h"

#include <string.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

#define EACH_CHILD(parent, tag, var)                                                             \
	for (const xmlNode *var = (parent) ? xml_first(parent) : NULL; var; var = xml_next(var)) \
		if (xml_is(var, tag))

/* <Expression>[Amount] > 10</Expression> <Mode>Custom</Mode>
 * (Simple mode: <Simple><Field/><Operator/><Operands>...): kept as props) */
static void read_filter(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *e = xml_child(cfg, "Expression");
	AstGroup *t = ast_group_new(A->doc, GROUP_OUTPUT, "True");
	AstGroup *f = ast_group_new(A->doc, GROUP_DEFAULT, "False");
	t->loc = f->loc = s->loc;
	ast_push(A->doc, &s->groups, t);
	ast_push(A->doc, &s->groups, f);
	if (!e)
		return;
	AstProp *p = ayx_prop(A, s, "Expression", ayx_value(e), SET_FILTER_CONDITION, e);
	p->expr = ast_expr_new(A->doc, LANG_ALTERYX, p->value, ayx_loc(A, e));
	t->cond = p->expr;
}

/* <FormulaFields><FormulaField expression="[A]*2" field="B" size="8"
 * type="Double" /></FormulaFields> */
static void read_formula(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *ff = xml_child(cfg, "FormulaFields");
	EACH_CHILD(ff, "FormulaField", f)
	{
		const char *field = xml_attr(f, "field");
		AstPort *p = ayx_port(A, s, "Output", field ? field : "", f);
		p->type = ayx_type(A, xml_attr(f, "type"), xml_attr(f, "size"), xml_attr(f, "scale"));
		const char *x = xml_attr(f, "expression");
		if (x)
			p->expr = ast_expr_new(A->doc, LANG_ALTERYX, ayx_str(A, x), ayx_loc(A, f));
	}
}

/* <UpdateField value="True"/> <UpdateField_Name>F</UpdateField_Name>
 * <CreateField_Name>G</CreateField_Name> <CreateField_Type>..
 * <Expression>[Row-1:F] + 1</Expression> <NumRows value="1"/> */
static void read_multirow(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *e = xml_child(cfg, "Expression");
	bool update = str_eq_cstr(str_from(nz(ayx_child_value(cfg, "UpdateField"))), "True");
	const char *field = ayx_child_value(cfg, update ? "UpdateField_Name" : "CreateField_Name");
	AstPort *p = ayx_port(A, s, "Output", field ? field : "", e ? e : cfg);
	if (!update)
		p->type = ayx_type(A, ayx_child_value(cfg, "CreateField_Type"),
				   ayx_child_value(cfg, "CreateField_Size"), NULL);
	if (e)
		p->expr = ast_expr_new(A->doc, LANG_ALTERYX, ayx_str(A, ayx_value(e)), ayx_loc(A, e));
}

/* <JoinInfo connection="Left"><Field field="id"/></JoinInfo> twice; the
 * condition is synthesised as text (the left and right fields in pairs). */
static void read_join(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *side[2] = {NULL, NULL};
	EACH_CHILD(cfg, "JoinInfo", j)
	{
		const char *c = xml_attr(j, "connection");
		if (c && strcmp(c, "Left") == 0)
			side[0] = j;
		else if (c && strcmp(c, "Right") == 0)
			side[1] = j;
		EACH_CHILD(j, "Field", f)
		{
			AstProp *p = ayx_prop(A, s, "join_field", xml_attr(f, "field"), SET_NONE, f);
			p->name = arena_sprintf(A->a, "%s_field", c ? c : "");
		}
	}
	if (!side[0] || !side[1])
		return;
	Sbuf b = SBUF_INIT;
	const xmlNode *l = xml_child(side[0], "Field"), *r = xml_child(side[1], "Field");
	for (; l && r; l = xml_next(l), r = xml_next(r))
		sbuf_addf(&b, "%s[Left].[%s] = [Right].[%s]", b.len ? " AND " : "", nz(xml_attr(l, "field")),
			  nz(xml_attr(r, "field")));
	if (b.len)
		ayx_prop(A, s, "join_condition", b.buf, SET_JOIN_CONDITION, side[0]);
	sbuf_release(&b);
	const xmlNode *sel = xml_child(cfg, "SelectConfiguration");
	if (sel)
		ast_push(A->doc, &s->extras, ayx_capture(A, sel));
}

static const struct {
	const char *action;
	AggKind kind;
} agg_actions[] = {
    {"Sum", AGG_SUM},
    {"Count", AGG_COUNT_ROWS},
    {"CountNonNull", AGG_COUNT},
    {"CountDistinct", AGG_COUNT_DISTINCT},
    {"Min", AGG_MIN},
    {"Max", AGG_MAX},
    {"Avg", AGG_AVG},
    {"First", AGG_FIRST},
    {"Last", AGG_LAST},
    {"Median", AGG_MEDIAN},
    {"StdDev", AGG_STDDEV},
    {"Variance", AGG_VARIANCE},
};

/* <SummarizeFields><SummarizeField field="Region" action="GroupBy"
 * rename="Region"/>...  Other actions (Concat, Mode, CountBlank...) keep
 * `agg` as written with AGG_NONE. */
static void read_summarize(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *sf = xml_child(cfg, "SummarizeFields");
	EACH_CHILD(sf, "SummarizeField", f)
	{
		const char *field = xml_attr(f, "field"), *action = xml_attr(f, "action");
		const char *rename = xml_attr(f, "rename");
		AstPort *p = ayx_port(A, s, "Output", rename ? rename : field ? field : "", f);
		p->ref = ayx_str(A, field);
		if (action && strcmp(action, "GroupBy") == 0) {
			p->role = ROLE_GROUP_BY;
			continue;
		}
		p->agg = ayx_str(A, action);
		for (size_t i = 0; action && i < sizeof agg_actions / sizeof *agg_actions; i++)
			if (strcmp(action, agg_actions[i].action) == 0)
				p->agg_kind = agg_actions[i].kind;
		for (const xmlAttr *at = f->properties; at; at = at->next) {
			const char *n = (const char *)at->name;
			if (strcmp(n, "field") && strcmp(n, "action") && strcmp(n, "rename"))
				ast_push(A->doc, &p->props,
					 ast_prop_new(A->doc, ayx_str(A, n), ayx_str(A, xml_attr(f, n))));
		}
	}
}

/* <SortInfo locale="1033"><Field field="Amount" order="Descending"/> */
static void read_sort(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *si = xml_child(cfg, "SortInfo");
	int32_t pos = 0;
	EACH_CHILD(si, "Field", f)
	{
		const char *field = xml_attr(f, "field"), *order = xml_attr(f, "order");
		AstPort *p = ayx_port(A, s, "Output", field ? field : "", f);
		p->sort_key = true;
		p->sort_pos = ++pos;
		p->sort_desc = order && strcmp(order, "Descending") == 0;
	}
	if (si && xml_attr(si, "locale"))
		ayx_prop(A, s, "locale", xml_attr(si, "locale"), SET_NONE, si);
}

/* <SelectFields><SelectField field="A" selected="True" rename="B"
 * type="Int32" size="4"/> ... <SelectField field="*Unknown" .../> */
static void read_select(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *sf = xml_child(cfg, "SelectFields");
	EACH_CHILD(sf, "SelectField", f)
	{
		const char *field = nz(xml_attr(f, "field"));
		if (strcmp(field, "*Unknown") == 0) { /* whether fields not listed pass */
			ayx_prop(A, s, "unknown_fields_selected", xml_attr(f, "selected"), SET_NONE, f);
			continue;
		}
		const char *rename = xml_attr(f, "rename");
		AstPort *p = ast_port_new(A->doc, ayx_str(A, rename && *rename ? rename : field));
		p->dir = PORT_IN | PORT_OUT;
		p->ref = ayx_str(A, field);
		p->loc = ayx_loc(A, f);
		if (xml_attr(f, "type"))
			p->type = ayx_type(A, xml_attr(f, "type"), xml_attr(f, "size"), xml_attr(f, "scale"));
		const char *sel = xml_attr(f, "selected");
		if (sel && strcmp(sel, "False") == 0)
			p->dir = PORT_IN; /* deselected: read, not passed on */
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "selected", ayx_str(A, sel ? sel : "")));
		ast_push(A->doc, &s->ports, p);
	}
}

/* <Mode>First</Mode> <N>10</N> <GroupFields orderChanged="False">
 * <Field name="Region"/></GroupFields>  (First, Last, Skip, Sample
 * (every Nth), RandomLines (1 in N chance), Percent) */
static void read_sample(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *mode = xml_child(cfg, "Mode"), *n = xml_child(cfg, "N");
	if (mode)
		ayx_prop(A, s, "Mode", ayx_value(mode), SET_NONE, mode);
	if (n) {
		const char *m = ayx_value(mode);
		ayx_prop(A, s, "N", ayx_value(n),
			 m && strcmp(m, "Percent") == 0 ? SET_SAMPLE_PERCENT : SET_SAMPLE_ROWS, n);
	}
	EACH_CHILD(xml_child(cfg, "GroupFields"), "Field", f)
	{
		AstPort *p = ayx_port(A, s, "Output", nz(xml_attr(f, "name")), f);
		p->role = ROLE_GROUP_BY;
	}
}

/* <UniqueFields><Field field="Customer"/></UniqueFields> */
static void read_unique(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "UniqueFields"), "Field", f)
	{
		AstPort *p = ayx_port(A, s, "Unique", nz(xml_attr(f, "field")), f);
		p->role = ROLE_KEY;
	}
}

/* <NumRows value="2"/> <Fields><Field name="A"/></Fields>
 * <Data><r><c>1</c></r></Data>: an inline table (Text Input) */
static void read_text_input(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	AstTable *t = ast_table_new(A->doc, TABLE_SOURCE, s->name);
	t->loc = ayx_loc(A, cfg);
	s->table = t;
	ast_push(A->doc, &A->folder->tables, t);
	EACH_CHILD(xml_child(cfg, "Fields"), "Field", f)
	{
		AstPort *p = ast_port_new(A->doc, ayx_str(A, nz(xml_attr(f, "name"))));
		p->loc = ayx_loc(A, f);
		p->type = ayx_type(A, xml_attr(f, "type"), xml_attr(f, "size"), xml_attr(f, "scale"));
		ast_push(A->doc, &t->fields, p);
	}
	EACH_CHILD(xml_child(cfg, "Data"), "r", r)
	{
		AstRow *row = ARENA_NEW(A->a, AstRow);
		EACH_CHILD(r, "c", c)
		ast_push(A->doc, &row->values, (void *)ayx_str(A, ayx_value(c)));
		ast_push(A->doc, &t->rows, row);
	}
	const xmlNode *n = xml_child(cfg, "NumRows");
	if (n)
		ayx_prop(A, s, "NumRows", ayx_value(n), SET_NONE, n);
}

/* <File OutputFileName="" RecordLimit="" FileFormat="0">C:\in.csv</File>;
 * "aka:Conn|||select ..." is a query through a saved connection, "x.xlsx|||
 * `Sheet1$`" a sheet, "odbc:...|||Table" a table. */
static void read_file(Ayx *A, AstStep *s, const xmlNode *cfg, bool output)
{
	const xmlNode *f = xml_child(cfg, "File");
	if (!f)
		return;
	const char *v = ayx_value(f);
	const char *bars = strstr(v, "|||");
	for (const xmlAttr *at = f->properties; at; at = at->next)
		if (*xml_attr(f, (const char *)at->name))
			ayx_prop(A, s, (const char *)at->name, xml_attr(f, (const char *)at->name), SET_NONE,
				 f);
	if (!bars) {
		ayx_prop(A, s, "File", v, SET_FILE_NAME, f);
		if (!output) {
			s->table = ast_table_new(A->doc, TABLE_SOURCE, ayx_str(A, v));
			s->table->is_file = true;
			s->table->loc = ayx_loc(A, f);
			ast_push(A->doc, &A->folder->tables, s->table);
		}
		return;
	}
	const char *conn = arena_strndup(A->a, v, (size_t)(bars - v));
	const char *rest = bars + 3;
	bool is_db = strncmp(v, "aka:", 4) == 0 || strncmp(v, "odbc:", 5) == 0 || strncmp(v, "oci:", 4) == 0;
	ayx_prop(A, s, "File", conn, is_db ? SET_CONNECTION : SET_FILE_NAME, f);
	if (strncmp(conn, "aka:", 4) == 0) /* a saved data connection, by its alias */
		ast_connection_get(A->doc, ayx_str(A, conn + 4), "alias", NULL, ayx_loc(A, f));
	Str r = str_trim(str_from(rest));
	bool query = !output && (str_istarts_with(r, "select") || str_istarts_with(r, "with"));
	if (query) {
		AstProp *p = ayx_prop(A, s, "query", rest, SET_SQL_QUERY, f);
		p->expr = ast_expr_new(A->doc, LANG_SQL, p->value, ayx_loc(A, f));
		s->kind = STEP_SOURCE_QUERY;
	} else
		ayx_prop(A, s, is_db ? "table" : "sheet", rest, is_db ? SET_TABLE_NAME : SET_NONE, f);
}

static void read_input(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	read_file(A, s, cfg, false);
}

/* ... plus <FormatSpecificOptions><OutputOption>Overwrite</OutputOption>
 * (Create, Overwrite, Append, Delete & Append, Update...: kept in extras) */
static void read_output(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	read_file(A, s, cfg, true);
	const xmlNode *fo = xml_child(cfg, "FormatSpecificOptions");
	const xmlNode *oo = fo ? xml_child(fo, "OutputOption") : NULL;
	if (oo)
		ayx_prop(A, s, "OutputOption", ayx_value(oo), SET_LOAD_OPERATIONS, oo);
}

/* <FieldName>RecordID</FieldName> <StartValue>1</StartValue>
 * <FieldType>Int32</FieldType> <FieldSize>4</FieldSize> <Position>0</Position> */
static void read_record_id(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *name = ayx_child_value(cfg, "FieldName");
	AstPort *p = ayx_port(A, s, "Output", name ? name : "RecordID", cfg);
	p->dir |= PORT_GENERATED;
	p->type = ayx_type(A, ayx_child_value(cfg, "FieldType"), ayx_child_value(cfg, "FieldSize"), NULL);
	const xmlNode *sv = xml_child(cfg, "StartValue");
	if (sv)
		ayx_prop(A, s, "StartValue", ayx_value(sv), SET_SEQ_START, sv);
}

/* <Expression_Init>1</Expression_Init> <Expression_Cond>i <= 10</..>
 * <Expression_Loop>i + 1</..> <CreateField_Name>i</..> */
static void read_generate_rows(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	static const struct {
		const char *tag;
		Setting key;
	} parts[] = {{"Expression_Init", SET_LOOP_INIT},
		     {"Expression_Cond", SET_LOOP_CONDITION},
		     {"Expression_Loop", SET_LOOP_NEXT}};
	for (size_t i = 0; i < 3; i++) {
		const xmlNode *e = xml_child(cfg, parts[i].tag);
		if (!e)
			continue;
		AstProp *p = ayx_prop(A, s, parts[i].tag, ayx_value(e), parts[i].key, e);
		p->expr = ast_expr_new(A->doc, LANG_ALTERYX, p->value, ayx_loc(A, e));
	}
}

/* <Caption>Load</Caption> <Disabled value="True"/>: alteryx.c applies
 * `disabled` to the children; the caption is the description. */
static void read_container(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	s->description = ayx_str(A, ayx_child_value(cfg, "Caption"));
	const xmlNode *d = xml_child(cfg, "Disabled");
	if (d)
		ayx_prop(A, s, "Disabled", ayx_value(d), SET_NONE, d);
}

/* <Text>a comment</Text>: documentation */
static void read_text_box(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	s->description = ayx_str(A, ayx_child_value(cfg, "Text"));
}

/* <Mode>Expression</Mode> <Expression>"[A] = " + [#1]</Expression>
 * <Destination>2/Expression</Destination>: at run time the connected
 * question's value rewrites tool 2's setting (the "Update Value with
 * Formula" action; Mode Value is "Update Value").  A binding on the step. */
static void read_action(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *dest = xml_child(cfg, "Destination"), *e = xml_child(cfg, "Expression");
	const char *mode = ayx_child_value(cfg, "Mode");
	AstBinding *b = ARENA_NEW(A->a, AstBinding);
	const char *d = nz(ayx_value(dest));
	const char *slash = strchr(d, '/');
	b->target = slash ? arena_strndup(A->a, d, (size_t)(slash - d)) : ayx_str(A, d);
	b->property = ayx_str(A, slash ? slash + 1 : "");
	b->mode = ayx_str(A, mode);
	b->loc = ayx_loc(A, dest ? dest : cfg);
	if (e)
		b->expr = ast_expr_new(A->doc, LANG_ALTERYX, ayx_str(A, ayx_value(e)), ayx_loc(A, e));
	ast_push(A->doc, &s->bindings, b);
}

/* A macro instance's answers to the macro's questions:
 * <Value name="Control Parameter (4)">Month</Value>, one binding each
 * (property = the question, its value as plain text). */
static void read_macro_values(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(cfg, "Value", v)
	{
		AstBinding *b = ARENA_NEW(A->a, AstBinding);
		b->target = s->name;
		b->property = ayx_str(A, nz(xml_attr(v, "name")));
		b->mode = "question";
		b->loc = ayx_loc(A, v);
		b->expr = ast_expr_new(A->doc, LANG_NONE, ayx_str(A, ayx_value(v)), b->loc);
		ast_push(A->doc, &s->bindings, b);
	}
}

const AyxTool ayx_macro_tool = {NULL, "Macro", STEP_SUBFLOW, read_macro_values, {"Value"}};

/* clang-format off */
static const AyxTool tools[] = {
    /* engine tools, by EngineDllEntryPoint */
    {"AlteryxDbFileInput", "Input Data", STEP_SOURCE, read_input, {"File"}},
    {"AlteryxDbFileOutput", "Output Data", STEP_TARGET, read_output, {"File"}},
    {"AlteryxTextInput", "Text Input", STEP_SOURCE, read_text_input, {"Fields", "Data", "NumRows"}},
    {"AlteryxSelect", "Select", STEP_SELECT, read_select, {"SelectFields"}},
    {"AlteryxFilter", "Filter", STEP_FILTER, read_filter, {"Expression"}},
    {"AlteryxFormula", "Formula", STEP_EXPRESSION, read_formula, {"FormulaFields"}},
    {"AlteryxMultiRowFormula", "Multi-Row Formula", STEP_EXPRESSION, read_multirow, {"Expression"}},
    {"AlteryxMultiFieldFormula", "Multi-Field Formula", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxJoin", "Join", STEP_JOIN, read_join, {"JoinInfo", "SelectConfiguration"}},
    {"AlteryxJoinMultiple", "Join Multiple", STEP_JOIN, NULL, {NULL}},
    {"AlteryxAppendFields", "Append Fields", STEP_JOIN, NULL, {NULL}},
    {"AlteryxUnion", "Union", STEP_UNION, NULL, {NULL}},
    {"AlteryxSummarize", "Summarize", STEP_AGGREGATE, read_summarize, {"SummarizeFields"}},
    {"AlteryxSort", "Sort", STEP_SORT, read_sort, {"SortInfo"}},
    {"AlteryxUnique", "Unique", STEP_DEDUP, read_unique, {"UniqueFields"}},
    {"AlteryxSample", "Sample", STEP_SAMPLE, read_sample, {"Mode", "N", "GroupFields"}},
    {"AlteryxRecordID", "Record ID", STEP_SEQUENCE, read_record_id, {"StartValue"}},
    {"AlteryxCrossTab", "Cross Tab", STEP_PIVOT, NULL, {NULL}},
    {"AlteryxTranspose", "Transpose", STEP_NORMALIZER, NULL, {NULL}},
    {"AlteryxGenerateRows", "Generate Rows", STEP_GENERATE, read_generate_rows,
     {"Expression_Init", "Expression_Cond", "Expression_Loop"}},
    {"AlteryxFindReplace", "Find Replace", STEP_LOOKUP, NULL, {NULL}},
    {"AlteryxRunningTotal", "Running Total", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxDateTime", "DateTime", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxRegEx", "RegEx", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxTextToColumns", "Text To Columns", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxDynamicRename", "Dynamic Rename", STEP_SELECT, NULL, {NULL}},
    {"AlteryxDynamicSelect", "Dynamic Select", STEP_SELECT, NULL, {NULL}},
    {"AlteryxAutoField", "Auto Field", STEP_SELECT, NULL, {NULL}},
    {"AlteryxJSONParse", "JSON Parse", STEP_PARSE, NULL, {NULL}},
    {"AlteryxXMLParse", "XML Parse", STEP_PARSE, NULL, {NULL}},
    {"AlteryxDownload", "Download", STEP_HTTP, NULL, {NULL}},
    {"AlteryxR", "R", STEP_SCRIPT, NULL, {NULL}},
    {"AlteryxJupyter", "Python", STEP_SCRIPT, NULL, {NULL}},
    {"AlteryxBrowseV2", "Browse", STEP_OBSERVE, NULL, {NULL}},
    {"AlteryxTest", "Test", STEP_OBSERVE, NULL, {NULL}},
    {"AlteryxMessage", "Message", STEP_OBSERVE, NULL, {NULL}},
    {"AlteryxFieldInfo", "Field Info", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxDynamicInput", "Dynamic Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxDirectory", "Directory", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxBlobInput", "Blob Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxMapInput", "Map Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxBlobConvert", "Blob Convert", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxTile", "Tile", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxBlockUntilDone", "Block Until Done", STEP_MULTICAST, NULL, {NULL}},
    {"AlteryxJSONBuild", "JSON Build", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxBasicDataProfile", "Basic Data Profile", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPearsonCorrelation", "Pearson Correlation", STEP_CUSTOM, NULL, {NULL}},
    {"ComposerInteractiveCharting", "Interactive Chart", STEP_OBSERVE, NULL, {NULL}},
    {"AlteryxReportChartPlugin", "Charting", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPortfolioComposerRenderPlugin", "Render", STEP_TARGET, NULL, {NULL}},
    {"AlteryxPortfolioComposerTablePlugin", "Table", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPortfolioComposerTextPlugin", "Report Text", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPortfolioComposerLayoutPlugin", "Layout", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPortfolioComposerImagePlugin", "Image", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxCreatePoints", "Create Points", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPolyBuild", "Poly-Build", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxPolySplit", "Poly-Split", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxSpatialInfo", "Spatial Info", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxSpatialMatch", "Spatial Match", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxSpatialProcess", "Spatial Process", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxTradeArea", "Trade Area", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxFindNearest", "Find Nearest", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxDistance", "Distance", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxMacroInput", "Macro Input", STEP_FLOW_INPUT, NULL, {NULL}},
    {"AlteryxMacroOutput", "Macro Output", STEP_FLOW_OUTPUT, NULL, {NULL}},
    {"AlteryxDetour", "Detour", STEP_ROUTER, NULL, {NULL}},
    {"AlteryxDetourEnd", "Detour End", STEP_UNION, NULL, {NULL}},
    {NULL, NULL, STEP_UNKNOWN, NULL, {NULL}},
    /* designer-only tools (no EngineSettings), by GUI plugin */
    {"AlteryxGuiToolkit.ToolContainer.ToolContainer", "Tool Container", STEP_ANNOTATION, read_container,
     {"Caption", "Disabled"}},
    {"AlteryxGuiToolkit.TextBox.TextBox", "Text Box", STEP_ANNOTATION, read_text_box, {"Text"}},
    {"AlteryxGuiToolkit.Action.Action", "Action", STEP_ANNOTATION, read_action, {"Destination", "Expression"}},
    {"AlteryxGuiToolkit.Questions.", "Question", STEP_ANNOTATION, NULL, {NULL}},
    {"AlteryxGuiToolkit.", "Interface", STEP_ANNOTATION, NULL, {NULL}},
    {NULL, NULL, STEP_UNKNOWN, NULL, {NULL}},
};
/* clang-format on */

const AyxTool *ayx_tool_by_entry(const char *entry)
{
	for (const AyxTool *t = tools; entry && t->entry; t++)
		if (strcmp(t->entry, entry) == 0)
			return t;
	return NULL;
}

const AyxTool *ayx_tool_by_plugin(const char *plugin)
{
	const AyxTool *t = tools;
	while (t->entry)
		t++;
	for (t++; plugin && t->entry; t++) /* a row ending in '.' is a prefix */
		if (t->entry[strlen(t->entry) - 1] == '.' ? strncmp(plugin, t->entry, strlen(t->entry)) == 0
							  : strcmp(plugin, t->entry) == 0)
			return t;
	return NULL;
}
