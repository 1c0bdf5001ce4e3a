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

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

#define EACH_CHILD(parent, tag, var)                                                             \
	for (const xmlNode *var = (parent) ? xml_first(parent) : NULL; var; var = xml_next(var)) \
		if (xml_is(var, tag))

/* An input port of the step (a key, a group's field, a field a tool
 * reads by name), added in configuration order. */
static AstPort *in_port(Ayx *A, AstStep *s, const char *name, PortRole role, const xmlNode *at)
{
	AstPort *p = ast_port_new(A->doc, ayx_str(A, nz(name)));
	p->dir = PORT_IN;
	p->role = role;
	p->loc = ayx_loc(A, at);
	ast_push(A->doc, &s->ports, p);
	return p;
}

/* The wildcard port "*": every incoming field the tool's list does not name. */
static void wildcard_port(Ayx *A, AstStep *s, unsigned dir, SrcLoc loc)
{
	AstPort *w = ast_port_new(A->doc, "*");
	w->dir = dir;
	w->loc = loc;
	ast_push(A->doc, &s->ports, w);
}

/* A neutral setting on a port. */
static void port_setting(Ayx *A, AstPort *p, const char *name, const char *value, Setting key)
{
	AstProp *k = ast_prop_new(A->doc, name, ayx_str(A, value));
	k->key = key;
	ast_push(A->doc, &p->props, k);
}

/* A simple filter's date range (<Operator>DateRange</Operator>
 * <Operands><IgnoreTimeInDateTime>True</..><DateType>fixed</DateType>
 * <StartDate>2016-01-01</StartDate><EndDate>2017-01-01</EndDate>): the
 * Date Filter tool's function, which "has been integrated into the Filter
 * tool"; "Use start and end dates: the start and end dates are included in
 * the filter" ("Date Filter Tool",
 * https://help.alteryx.com/current/fr/designer/tools/preparation/date-filter-tool.html),
 * written as the expression Designer shows for it (its annotation:
 * ToDate([F]) >= "start" AND ToDate([F]) <= "end", without ToDate when
 * the time counts), the bounds converted with ToDate (ToDateTime) so that
 * the comparison is of dates.  The other date types (periods before or after a date,
 * relative to today) are not converted: NULL. */
static const char *date_range(Ayx *A, const char *field, const xmlNode *ops)
{
	const char *a = ayx_child_value(ops, "StartDate"), *b = ayx_child_value(ops, "EndDate");
	if (!ops || !ascii_ieq(nz(ayx_child_value(ops, "DateType")), "fixed") || !a || !*a || !b || !*b ||
	    strchr(a, '"') || strchr(b, '"'))
		return NULL;
	bool time = ascii_ieq(nz(ayx_child_value(ops, "IgnoreTimeInDateTime")), "False");
	const char *f = arena_sprintf(A->a, time ? "[%s]" : "ToDate([%s])", field);
	const char *to = time ? "ToDateTime" : "ToDate"; /* the bounds typed as the field's values */
	return arena_sprintf(A->a, "%s >= %s(\"%s\") AND %s <= %s(\"%s\")", f, to, a, f, to, b);
}

/* The condition of a Filter in Simple mode (<Simple><Field>F</Field>
 * <Operator>=</Operator><Operands><Operand>x</Operand>...), written as the
 * custom expression Designer shows for it ("Filter Tool",
 * https://help.alteryx.com/current/en/designer/tools/preparation/filter-tool.html:
 * "Basic filter: ... select the column, operator and value").  The
 * operand is a number when it reads as one, else a string.  NULL for an
 * operator this does not know (the tool then goes to review). */
static const char *simple_filter(Ayx *A, const xmlNode *simple)
{
	const char *field = ayx_child_value(simple, "Field"), *op = ayx_child_value(simple, "Operator");
	const xmlNode *ops = xml_child(simple, "Operands");
	const char *v = ops ? ayx_child_value(ops, "Operand") : NULL;
	if (!field || !op)
		return NULL;
	Str vs = str_from(v ? v : "");
	char *end = NULL;
	bool num = v && *v && (strtod(v, &end), end && !*end);
	Sbuf q = SBUF_INIT;
	if (num)
		sbuf_adds(&q, v);
	else {
		sbuf_addch(&q, '"');
		for (size_t i = 0; i < vs.len; i++)
			sbuf_adds(&q, vs.ptr[i] == '"' ? "\"" : (char[]){vs.ptr[i], 0});
		sbuf_addch(&q, '"');
	}
	static const char *const binary[] = {"=", "!=", ">", ">=", "<", "<="};
	const char *r = NULL;
	for (size_t i = 0; i < sizeof binary / sizeof *binary; i++)
		if (strcmp(op, binary[i]) == 0)
			r = arena_sprintf(A->a, "[%s] %s %s", field, op, q.buf);
	if (strcmp(op, "IsNull") == 0)
		r = arena_sprintf(A->a, "IsNull([%s])", field);
	else if (strcmp(op, "IsNotNull") == 0)
		r = arena_sprintf(A->a, "!IsNull([%s])", field);
	else if (strcmp(op, "IsEmpty") == 0)
		r = arena_sprintf(A->a, "IsEmpty([%s])", field);
	else if (strcmp(op, "IsNotEmpty") == 0)
		r = arena_sprintf(A->a, "!IsEmpty([%s])", field);
	else if (strcmp(op, "IsTrue") == 0)
		r = arena_sprintf(A->a, "[%s]", field);
	else if (strcmp(op, "IsFalse") == 0)
		r = arena_sprintf(A->a, "![%s]", field);
	else if (strcmp(op, "Contains") == 0)
		r = arena_sprintf(A->a, "Contains([%s], %s)", field, q.buf);
	else if (strcmp(op, "DoesNotContain") == 0)
		r = arena_sprintf(A->a, "!Contains([%s], %s)", field, q.buf);
	else if (strcmp(op, "DateRange") == 0)
		r = date_range(A, field, ops);
	sbuf_release(&q);
	return r;
}

/* A Filter "queries records in your file to meet specified criteria ...
 * records that meet the criteria are passed to the True output, records
 * that don't to the False output" ("Filter Tool", help.alteryx.com): a
 * router whose True group holds the condition and whose False group is the
 * default.  A NULL condition is not true: the row goes to False (the
 * group's row_error skip).  Both outputs carry every incoming field.
 * <Expression>[Amount] > 10</Expression> <Mode>Custom</Mode>, or
 * <Mode>Simple</Mode><Simple>... */
static void read_filter(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *e = xml_child(cfg, "Expression");
	const char *mode = ayx_child_value(cfg, "Mode");
	AstGroup *t = ast_group_new(A->doc, GROUP_OUTPUT, "True");
	AstGroup *f = ast_group_new(A->doc, GROUP_DEFAULT, "False");
	t->loc = f->loc = s->loc;
	t->passes_all = f->passes_all = true;
	AstProp *skip = ast_prop_new(A->doc, "null_condition", "False output");
	skip->key = SET_ROW_ERROR;
	skip->norm = VAL_SKIP;
	skip->loc = s->loc;
	ast_push(A->doc, &t->props, skip);
	ast_push(A->doc, &s->groups, t);
	ast_push(A->doc, &s->groups, f);
	const xmlNode *simple = xml_child(cfg, "Simple");
	const char *text = NULL;
	const xmlNode *at = e;
	if (mode && strcmp(mode, "Simple") == 0 && simple) {
		text = simple_filter(A, simple);
		at = simple;
		if (!text)
			s->review = arena_sprintf(A->a, "the simple filter's operator '%s' is not converted",
						  nz(ayx_child_value(simple, "Operator")));
	} else if (e)
		text = ayx_value(e);
	if (!text)
		return;
	AstProp *p = ayx_prop(A, s, "Expression", text, SET_FILTER_CONDITION, at);
	p->expr = ast_expr_new(A->doc, LANG_ALTERYX, p->value, ayx_loc(A, at));
	p->expr->synthesized = at == simple;
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
 * <OtherRows>Empty</OtherRows> <NumRows value="1"/>
 * <Expression>[Row-1:F] + 1</Expression> <GroupByFields><Field field="K"/>
 * ("Multi-Row Formula Tool",
 * https://help.alteryx.com/current/en/designer/tools/preparation/multi-row-formula-tool.html:
 * "Values for Rows that don't Exist: 0 or Empty, NULL"; "Group By: the
 * expression is evaluated within each group, rows of other groups are not
 * read"). */
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
	const xmlNode *o = xml_child(cfg, "OtherRows");
	if (o) {
		AstProp *op = ayx_prop(A, s, "OtherRows", ayx_value(o), SET_OUTSIDE_ROWS, o);
		op->norm = strcmp(op->value, "NULL") == 0 ? VAL_NULL : strcmp(op->value, "Empty") == 0 ? VAL_EMPTY : VAL_NONE;
	}
	EACH_CHILD(xml_child(cfg, "GroupByFields"), "Field", f) in_port(A, s, xml_attr(f, "field"), ROLE_GROUP_BY, f);
}

/* The two input groups of a join, first the one whose columns come first. */
static void join_inputs(Ayx *A, AstStep *s, const char *first, const char *second)
{
	const char *names[2] = {first, second};
	for (int i = 0; i < 2; i++) {
		AstGroup *g = ast_group_new(A->doc, GROUP_INPUT, names[i]);
		g->order = i;
		g->loc = s->loc;
		ast_push(A->doc, &s->groups, g);
	}
}

/* Append Fields "appends the fields of one small input (Source) to every
 * record of another (Targets)" ("Append Fields Tool",
 * https://help.alteryx.com/current/en/designer/tools/join/append-fields-tool.html):
 * a join of no key pairs, the Targets' fields first (a cross join, W1122). */
static void read_append(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	(void)cfg;
	join_inputs(A, s, "Targets", "Source");
	AstProp *p = ast_prop_new(A->doc, "duplicate_prefix", "Source_");
	p->key = SET_DUPLICATE_PREFIX;
	p->loc = s->loc;
	ast_push(A->doc, &s->props, p);
}

/* The Join's select list (<SelectConfiguration><Configuration
 * outputConnection="Join"><SelectFields><SelectField field="Right_Date"
 * selected="False" rename="Right_Date" input="Right_"/>...): which fields of
 * each side the J output keeps and under which name ("Join Tool",
 * help.alteryx.com: "deselect, rename ... the fields of the joined
 * output").  Each listed field is a pass-through port of its side's group
 * (ref: the field, name: the new name; out when selected); *Unknown the
 * wildcard port. */
static void join_select(Ayx *A, AstStep *s, const xmlNode *sel)
{
	const xmlNode *c = sel ? xml_child(sel, "Configuration") : NULL;
	EACH_CHILD(c ? xml_child(c, "SelectFields") : NULL, "SelectField", f)
	{
		const char *field = nz(xml_attr(f, "field")), *in = nz(xml_attr(f, "input"));
		const char *seln = xml_attr(f, "selected"), *rename = xml_attr(f, "rename");
		bool on = !seln || strcmp(seln, "False") != 0;
		if (strcmp(field, "*Unknown") == 0) {
			wildcard_port(A, s, on ? PORT_PASS | PORT_OUT : PORT_PASS, ayx_loc(A, f));
			continue;
		}
		size_t il = strlen(in);
		const char *side = strcmp(in, "Left_") == 0 ? "Left" : strcmp(in, "Right_") == 0 ? "Right" : NULL;
		if (!side || strncmp(field, in, il) != 0)
			continue;
		/* no rename: the field's own name, without the list's input
		 * prefix (Left_, Right_), a right field whose name the left has
		 * taking Right_ as without a select list */
		bool own = !rename || !*rename;
		AstPort *p = ast_port_new(A->doc, ayx_str(A, own ? field + il : rename));
		if (own)
			ast_push(A->doc, &p->props, ast_prop_new(A->doc, "default_name", "True"));
		p->dir = on ? PORT_PASS | PORT_OUT : PORT_PASS;
		p->group = side;
		p->ref = ayx_str(A, field + il);
		p->loc = ayx_loc(A, f);
		ast_push(A->doc, &s->ports, p);
	}
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
	join_inputs(A, s, "Left", "Right");
	if (str_eq_cstr(str_from(nz(ayx_child_value(cfg, "JoinByRecordPos"))), "True"))
		s->review = "a Join by record position is not converted";
	if (!side[0] || !side[1])
		return;
	/* the keys: input ports of each side (the input anchors Left and
	 * Right), pair k at sort position k: "join records from two inputs on
	 * fields they have in common ... J: inner join, L: left unjoined, R:
	 * right unjoined" ("Join Tool", https://help.alteryx.com/current/en/designer/tools/join/join-tool.html) */
	for (int k = 0; k < 2; k++) {
		int32_t pos = 0;
		EACH_CHILD(side[k], "Field", f)
		{
			AstPort *p = in_port(A, s, xml_attr(f, "field"), ROLE_NONE, f);
			p->dir |= k ? PORT_MASTER : 0;
			p->group = k ? "Right" : "Left";
			p->sort_key = true;
			p->sort_pos = ++pos;
		}
	}
	ayx_prop(A, s, "duplicate_prefix", "Right_", SET_DUPLICATE_PREFIX, side[1]);
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
	join_select(A, s, sel);
}

/* The Summarize actions ("Summarize Tool", https://help.alteryx.com/current/en/designer/tools/transform/summarize-tool.html,
 * "Summarize Actions"): Count "returns a count of the records in the
 * group" (NULLs included), CountNonNull only the non-NULL ones, First and
 * Last the value of the group's first and last record (NULL included),
 * Concat the string values joined by a separator, with a start and an end
 * text.  Other actions keep `agg` as written with AGG_NONE (review). */
static const struct {
	const char *action;
	AggKind kind;
} agg_actions[] = {
    {"Sum", AGG_SUM},
    {"Count", AGG_COUNT_ROWS},
    {"CountNonNull", AGG_COUNT},
    {"CountDistinct", AGG_COUNT_DISTINCT},
    {"CountNull", AGG_COUNT_NULL},
    {"CountBlank", AGG_COUNT_BLANK},
    {"CountNonBlank", AGG_COUNT_NONBLANK},
    {"Min", AGG_MIN},
    {"Max", AGG_MAX},
    {"Avg", AGG_AVG},
    {"First", AGG_FIRST_ROW},
    {"Last", AGG_LAST_ROW},
    {"Median", AGG_MEDIAN},
    {"Mode", AGG_MODE},
    {"StdDev", AGG_STDDEV},
    {"Variance", AGG_VARIANCE},
    {"Concat", AGG_CONCAT},
};

/* <SummarizeFields><SummarizeField field="Region" action="GroupBy"
 * rename="Region"/>...<SummarizeField field="B" action="Concat"
 * rename="C"><Concat_Start/><Separator>,</Separator><Concat_End/>
 * </SummarizeField> */
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
		static const char *const concat[][2] = {
		    {"Concat_Start", "start"}, {"Separator", "separator"}, {"Concat_End", "end"}};
		for (size_t i = 0; i < 3; i++) {
			const xmlNode *c = xml_child(f, concat[i][0]);
			if (c)
				ast_push(A->doc, &p->props,
					 ast_prop_new(A->doc, concat[i][1], ayx_str(A, xml_text_view(c))));
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
		p->dir = PORT_IN; /* a key the rows are ordered by; every field passes */
		p->group = NULL;
		p->sort_key = true;
		p->sort_pos = ++pos;
		p->sort_desc = order && strcmp(order, "Descending") == 0;
	}
	if (si && xml_attr(si, "locale"))
		ayx_prop(A, s, "locale", xml_attr(si, "locale"), SET_NONE, si);
}

/* <SelectFields><SelectField field="A" selected="True" rename="B"
 * type="Int32" size="4"/> ... <SelectField field="*Unknown" .../>
 * ("Select Tool", https://help.alteryx.com/current/en/designer/tools/preparation/select-tool.html:
 * select or deselect, reorder, rename, change the type and size;
 * "Unknown: ... select this option to allow new fields to pass through").
 * A listed field is a port (ref: the incoming field, name: its new name,
 * in|out when selected, in when not); *Unknown is the wildcard port "*",
 * standing for every incoming field the list does not name, at its place
 * in the list (pass|out when selected, pass when not). */
static void read_select(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *sf = xml_child(cfg, "SelectFields");
	bool unknown = false;
	EACH_CHILD(sf, "SelectField", f)
	{
		const char *field = nz(xml_attr(f, "field"));
		const char *sel = xml_attr(f, "selected");
		bool off = sel && strcmp(sel, "False") == 0;
		if (strcmp(field, "*Unknown") == 0) { /* whether fields not listed pass */
			wildcard_port(A, s, off ? PORT_PASS : PORT_PASS | PORT_OUT, ayx_loc(A, f));
			unknown = true;
			continue;
		}
		const char *rename = xml_attr(f, "rename");
		AstPort *p = ast_port_new(A->doc, ayx_str(A, rename && *rename ? rename : field));
		p->dir = off ? PORT_IN : PORT_IN | PORT_OUT;
		p->ref = ayx_str(A, field);
		p->loc = ayx_loc(A, f);
		if (xml_attr(f, "type"))
			p->type = ayx_type(A, xml_attr(f, "type"), xml_attr(f, "size"), xml_attr(f, "scale"));
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "selected", ayx_str(A, sel ? sel : "")));
		ast_push(A->doc, &s->ports, p);
	}
	if (!unknown) /* Designer always writes it; without it, new fields pass */
		wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, sf ? sf : cfg));
}

/* <Mode>ByName</Mode> (ByName, ByPos, Manual): "Auto Config by Name",
 * "Auto Config by Position", "Manually Configure Fields" ("Union Tool",
 * https://help.alteryx.com/current/en/designer/tools/join/union-tool.html).
 * Manual mode's field map is kept as an extra (review). */
static void read_union(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *m = nz(ayx_child_value(cfg, "Mode"));
	AstProp *p = ayx_prop(A, s, "Mode", m, SET_UNION_MODE, xml_child(cfg, "Mode") ? xml_child(cfg, "Mode") : cfg);
	p->norm = strcmp(m, "ByPos") == 0 ? VAL_BY_POSITION : strcmp(m, "ByName") == 0 || !*m ? VAL_BY_NAME : VAL_NONE;
	if (p->norm == VAL_NONE)
		s->review = arena_sprintf(A->a, "a Union in mode '%s' (its fields mapped by hand) is not converted", m);
}

/* <Mode>First</Mode> <N>10</N> <GroupFields orderChanged="False">
 * <Field name="Region"/></GroupFields>  (First, Last, Skip, Sample
 * (every Nth), RandomLines (1 in N chance), Percent) */
static void read_sample(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *mode = xml_child(cfg, "Mode"), *n = xml_child(cfg, "N");
	if (mode) {
		/* "Sample Tool", https://help.alteryx.com/current/en/designer/tools/preparation/sample-tool.html:
		 * First N rows, Last N rows, Skip 1st N rows, 1 of every N rows,
		 * 1 in N chance to include each row, First N% of rows; per group
		 * of the Group By fields */
		static const struct {
			const char *mode;
			SettingValue v;
		} modes[] = {{"First", VAL_FIRST}, {"Last", VAL_LAST},       {"Skip", VAL_SKIP},
			     {"Sample", VAL_EVERY_NTH}, {"Random", VAL_RANDOM}};
		AstProp *p = ayx_prop(A, s, "Mode", ayx_value(mode), SET_SAMPLE_MODE, mode);
		for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
			if (strcmp(p->value, modes[i].mode) == 0)
				p->norm = modes[i].v;
	}
	if (n) {
		const char *m = ayx_value(mode);
		ayx_prop(A, s, "N", ayx_value(n),
			 m && strcmp(m, "Percent") == 0 ? SET_SAMPLE_PERCENT : SET_SAMPLE_ROWS, n);
	}
	EACH_CHILD(xml_child(cfg, "GroupFields"), "Field", f)
	{
		AstPort *p = ayx_port(A, s, "Output", nz(xml_attr(f, "name")), f);
		p->dir = PORT_IN; /* a group's key; every field passes */
		p->group = NULL;
		p->role = ROLE_GROUP_BY;
	}
}

/* <UniqueFields><Field field="Customer"/></UniqueFields> */
static void read_unique(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "UniqueFields"), "Field", f)
	{
		AstPort *p = ayx_port(A, s, "Unique", nz(xml_attr(f, "field")), f);
		p->dir = PORT_IN; /* a key; every field passes to both outputs */
		p->group = NULL;
		p->role = ROLE_KEY;
	}
}

/* <NumRows value="2"/> <Fields><Field name="A"/></Fields>
 * <Data><r><c>1</c></r></Data>: an inline table (Text Input) */
void ayx_read_text_input(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	AstTable *t = ast_table_new(A->doc, TABLE_SOURCE, s->name);
	t->loc = ayx_loc(A, cfg);
	ast_push(A->doc, &t->props, ast_prop_new(A->doc, "inline", "rows written in the workflow"));
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
	} else {
		ayx_prop(A, s, is_db ? "table" : "sheet", rest, is_db ? SET_TABLE_NAME : SET_NONE, f);
		if (!output && is_db) { /* a table of the connection */
			s->table = ast_table_new(A->doc, TABLE_SOURCE, ayx_str(A, str_trim(r).len ? rest : conn));
			s->table->loc = ayx_loc(A, f);
			ast_push(A->doc, &A->folder->tables, s->table);
		} else if (!output) { /* a sheet or named range of a file */
			s->table = ast_table_new(A->doc, TABLE_SOURCE, conn);
			s->table->is_file = true;
			s->table->loc = ayx_loc(A, f);
			ast_push(A->doc, &A->folder->tables, s->table);
		}
	}
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
	bool update = str_eq_cstr(str_from(nz(ayx_child_value(cfg, "UpdateField"))), "True");
	const char *field = ayx_child_value(cfg, update ? "UpdateField_Name" : "CreateField_Name");
	AstPort *fp = ayx_port(A, s, "Output", field ? field : "", cfg);
	fp->dir |= PORT_GENERATED;
	if (!update)
		fp->type = ayx_type(A, ayx_child_value(cfg, "CreateField_Type"),
				    ayx_child_value(cfg, "CreateField_Size"), NULL);
	for (size_t i = 0; i < 3; i++) {
		const xmlNode *e = xml_child(cfg, parts[i].tag);
		if (!e)
			continue;
		AstProp *p = ayx_prop(A, s, parts[i].tag, ayx_value(e), parts[i].key, e);
		p->expr = ast_expr_new(A->doc, LANG_ALTERYX, p->value, ayx_loc(A, e));
	}
}

/* <KeyFields><Field field="K"/></KeyFields> <DataFields><Field field="A"
 * selected="True"/>...<Field field="*Unknown" selected="False"/></DataFields>
 * ("Transpose Tool", https://help.alteryx.com/current/en/designer/tools/transform/transpose-tool.html:
 * "pivots the orientation of the data: the key columns stay, the data
 * columns become rows of Name and Value").  Keys are key input ports, each
 * selected data field an input port carrying pivot_key_value (its name),
 * *Unknown the wildcard port "*". */
static void read_transpose(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "KeyFields"), "Field", f) in_port(A, s, xml_attr(f, "field"), ROLE_KEY, f);
	bool unknown = false;
	EACH_CHILD(xml_child(cfg, "DataFields"), "Field", f)
	{
		const char *field = nz(xml_attr(f, "field")), *sel = xml_attr(f, "selected");
		bool on = !sel || strcmp(sel, "True") == 0;
		if (strcmp(field, "*Unknown") == 0) {
			wildcard_port(A, s, on ? PORT_PASS | PORT_IN : PORT_PASS, ayx_loc(A, f));
			unknown = true;
		} else if (on && !ast_ports_find(&s->ports, field))
			port_setting(A, in_port(A, s, field, ROLE_NONE, f), "pivot_key_value", field,
				     SET_PIVOT_KEY_VALUE);
	}
	if (!unknown)
		wildcard_port(A, s, PORT_PASS, s->loc);
}

/* <GroupFields><Field field="G"/></GroupFields> <HeaderField field="H"/>
 * <DataField field="V"/> <Methods><Method method="Sum"/><Separator>,
 * </Separator></Methods> ("Cross Tab Tool", https://help.alteryx.com/current/en/designer/tools/transform/cross-tab-tool.html:
 * "pivots the orientation of the data ... the values of the header column
 * become the new column headers; the data column's values are
 * aggregated by the method": Sum, Average, Count, Count without NULLs,
 * First, Last, Concatenate, Max, Min ...).  The new columns are the
 * output's MetaInfo (header values are only known when the workflow has
 * run). */
static void read_crosstab(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "GroupFields"), "Field", f) in_port(A, s, xml_attr(f, "field"), ROLE_GROUP_BY, f);
	const xmlNode *h = xml_child(cfg, "HeaderField"), *d = xml_child(cfg, "DataField");
	const xmlNode *ms = xml_child(cfg, "Methods");
	const xmlNode *m = ms ? xml_child(ms, "Method") : NULL;
	if (h)
		port_setting(A, in_port(A, s, xml_attr(h, "field"), ROLE_NONE, h), "pivot_key", "header", SET_PIVOT_KEY);
	if (d) {
		AstPort *p = in_port(A, s, xml_attr(d, "field"), ROLE_NONE, d);
		port_setting(A, p, "pivot_value", "data", SET_PIVOT_VALUE);
		static const struct {
			const char *m;
			AggKind k;
		} methods[] = {{"Sum", AGG_SUM},          {"Avg", AGG_AVG},           {"Count", AGG_COUNT_ROWS},
			       {"CountWithoutNull", AGG_COUNT}, {"First", AGG_FIRST_ROW}, {"Last", AGG_LAST_ROW},
			       {"Concat", AGG_CONCAT},    {"Max", AGG_MAX},           {"Min", AGG_MIN}};
		const char *mm = m ? nz(xml_attr(m, "method")) : "";
		p->agg = ayx_str(A, mm);
		for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
			if (strcmp(mm, methods[i].m) == 0)
				p->agg_kind = methods[i].k;
		const char *sep = ms ? ayx_child_value(ms, "Separator") : NULL;
		if (sep)
			ast_push(A->doc, &p->props, ast_prop_new(A->doc, "separator", ayx_str(A, sep)));
		if (p->agg_kind == AGG_NONE)
			s->review = arena_sprintf(A->a, "the Cross Tab's method '%s' is not converted", mm);
	}
}

/* <GroupByFields><Field field="G"/></GroupByFields> <RunningTotalFields>
 * <Field field="X"/></RunningTotalFields> ("Running Total Tool",
 * https://help.alteryx.com/current/en/designer/tools/transform/running-total-tool.html:
 * "calculates a cumulative sum, per record ... a new column RunTot_[field]
 * is added", per group): an output port RunTot_X summing X over the rows
 * so far (agg_kind sum, ref X). */
static void read_running_total(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "GroupByFields"), "Field", f) in_port(A, s, xml_attr(f, "field"), ROLE_GROUP_BY, f);
	EACH_CHILD(xml_child(cfg, "RunningTotalFields"), "Field", f)
	{
		const char *field = nz(xml_attr(f, "field"));
		AstPort *p = ayx_port(A, s, "Output", arena_sprintf(A->a, "RunTot_%s", field), f);
		p->ref = ayx_str(A, field);
		p->agg = "Sum";
		p->agg_kind = AGG_SUM;
	}
}

/* A DateTime tool's pattern-style format ("DateTime Tool",
 * https://help.alteryx.com/current/en/designer/tools/parse/datetime-tool.html,
 * "Custom Format": d, dd, day, dy, EEEE, M, MM, MMM, Mon, Month, yy, yyyy,
 * H, HH, hh, mm, ss, and separators) in the % specifiers of DateTimeParse
 * and DateTimeFormat, which the formula language translates; a format
 * that already uses % specifiers is kept ("you cannot mix" the two).
 * NULL when a letter is not a specifier this knows. */
static const char *datetime_format(Ayx *A, const char *f, bool *has_time)
{
	static const struct {
		const char *pat, *pct;
		bool time;
	} map[] = {{"yyyy", "%Y", false}, {"Month", "%B", false}, {"MMMM", "%B", false}, {"EEEE", "%A", false},
		   {"day", "%A", false},  {"yy", "%y", false},    {"MMM", "%b", false},   {"Mon", "%b", false},
		   {"MM", "%m", false},   {"M", "%m", false},     {"dd", "%d", false},    {"dy", "%a", false},
		   {"d", "%d", false},    {"HH", "%H", true},     {"H", "%H", true},      {"hh", "%I", true},
		   {"mm", "%M", true},    {"ss", "%S", true}};
	*has_time = false;
	if (strchr(f, '%')) {
		*has_time = strpbrk(f, "HIMSTp") != NULL;
		return ayx_str(A, f);
	}
	Sbuf b = SBUF_INIT;
	for (const char *c = f; *c;) {
		size_t k = 0;
		while (k < sizeof map / sizeof *map && strncmp(c, map[k].pat, strlen(map[k].pat)) != 0)
			k++;
		if (k < sizeof map / sizeof *map) {
			sbuf_adds(&b, map[k].pct);
			*has_time |= map[k].time;
			c += strlen(map[k].pat);
		} else if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) {
			sbuf_release(&b);
			return NULL;
		} else
			sbuf_addch(&b, *c++);
	}
	const char *r = ayx_str(A, b.buf ? b.buf : "");
	sbuf_release(&b);
	return r;
}

/* <IsFrom value="False"/> <InputFieldName>F</InputFieldName>
 * <Format>yyyy-MM-dd</Format> <OutputFieldName>DateTime_Out</OutputFieldName>
 * ("DateTime Tool", help.alteryx.com: "String to date/time format" or
 * "Date/time format to string", a new column): an output port computed
 * by DateTimeParse([F], "%...") (a Date, or a DateTime when the format has
 * a time) or DateTimeFormat([F], "%...") (a string). */
static void read_datetime(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	bool to_string = str_eq_cstr(str_from(nz(ayx_child_value(cfg, "IsFrom"))), "True");
	const char *in = ayx_child_value(cfg, "InputFieldName"), *fmt = ayx_child_value(cfg, "Format");
	const char *out = ayx_child_value(cfg, "OutputFieldName");
	const char *lang = ayx_child_value(cfg, "Language");
	bool has_time = false;
	const char *pct = fmt ? datetime_format(A, fmt, &has_time) : NULL;
	if (!in || !pct || (lang && *lang && strcmp(lang, "English") != 0)) {
		s->review = arena_sprintf(A->a, "the DateTime tool's format '%s' (%s) is not converted", nz(fmt),
					  lang && *lang ? lang : "English");
		return;
	}
	AstPort *p = ayx_port(A, s, "Output", out && *out ? out : "DateTime_Out", cfg);
	p->type = ayx_type(A, to_string ? "V_WString" : has_time ? "DateTime" : "Date", NULL, NULL);
	/* a string literal holds no escapes (backslashes are literal): quoted
	 * with the quote it does not contain */
	char quote = strchr(pct, '"') ? '\'' : '"';
	if (strchr(pct, quote)) {
		s->review = "the DateTime tool's format holds both quotes";
		return;
	}
	p->expr = ast_expr_new(A->doc, LANG_ALTERYX,
			       arena_sprintf(A->a, "%s([%s], %c%s%c)", to_string ? "DateTimeFormat" : "DateTimeParse", in,
					     quote, pct, quote),
			       ayx_loc(A, xml_child(cfg, "Format")));
	p->expr->synthesized = true;
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

/* <Tests><Test><Name>n</Name><Connection>#1</Connection>
 * <Type>RecCountValue</Type><Value>3</Value></Test>...</Tests> ("Test
 * Tool", https://help.alteryx.com/current/en/designer/tools/developer/test-tool.html:
 * "Record Count Matches Value", "Expression is True for All Records",
 * "Expression is True for First Record", "Record Count Matches"
 * (another input), "Records Match"): an assertion group per test, over
 * the input anchor it names.  The two that compare two inputs are kept,
 * not translated (review of that test only). */
static void read_test(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	EACH_CHILD(xml_child(cfg, "Tests"), "Test", t)
	{
		const char *name = ayx_child_value(t, "Name"), *type = nz(ayx_child_value(t, "Type"));
		const xmlNode *v = xml_child(t, "Value");
		AstGroup *g = ast_group_new(A->doc, GROUP_ASSERTION, ayx_str(A, name && *name ? name : "Test"));
		g->loc = ayx_loc(A, t);
		g->of_input = ayx_str(A, ayx_child_value(t, "Connection") ? ayx_child_value(t, "Connection") : "Input");
		AstProp *p = ast_prop_new(A->doc, "Type", ayx_str(A, type));
		p->key = SET_ASSERTION;
		p->loc = g->loc;
		p->norm = strcmp(type, "RecCountValue") == 0 ? VAL_ROW_COUNT
			  : strcmp(type, "ExpAll") == 0      ? VAL_ALL_ROWS
			  : strcmp(type, "ExpFirst") == 0    ? VAL_FIRST_ROW
							     : VAL_NONE;
		ast_push(A->doc, &g->props, p);
		if (v)
			g->cond = ast_expr_new(A->doc, p->norm == VAL_ROW_COUNT || p->norm == VAL_NONE ? LANG_NONE : LANG_ALTERYX,
					       ayx_str(A, ayx_value(v)), ayx_loc(A, v));
		ast_push(A->doc, &s->groups, g);
	}
}

/* <When>Filter</When> <Filter>[x] > 1</Filter> <Type>Error</Type>
 * <MessageExpression>..</MessageExpression> ("Message Tool",
 * https://help.alteryx.com/current/en/designer/tools/developer/message-tool.html):
 * a message of type Error stops the workflow when its condition holds
 * (When Filter: for a record where the expression is true; When All, First
 * or Last: when there is such a record at all): an assertion that no row
 * sets it off.  Other types only report: kept as settings. */
static void read_message(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *type = nz(ayx_child_value(cfg, "Type")), *when = nz(ayx_child_value(cfg, "When"));
	if (strcmp(type, "Error") != 0 || strcmp(when, "Disabled") == 0)
		return;
	AstGroup *g = ast_group_new(A->doc, GROUP_ASSERTION, ayx_str(A, nz(ayx_child_value(cfg, "MessageExpression"))));
	g->loc = ayx_loc(A, cfg);
	g->of_input = "Input";
	AstProp *p = ast_prop_new(A->doc, "When", ayx_str(A, when));
	p->key = SET_ASSERTION;
	p->loc = g->loc;
	p->norm = VAL_NO_ROWS;
	ast_push(A->doc, &g->props, p);
	const xmlNode *f = xml_child(cfg, "Filter");
	const char *ft = strcmp(when, "Filter") == 0 && f ? ayx_value(f) : "true";
	g->cond = ast_expr_new(A->doc, LANG_ALTERYX, ayx_str(A, ft && *ft ? ft : "true"), ayx_loc(A, f ? f : cfg));
	ast_push(A->doc, &s->groups, g);
}

/* The Data Cleansing tool (the stock macro Cleanse.yxmc; "Data Cleansing
 * Tool", https://help.alteryx.com/2018.4/DataCleansing.htm): its settings
 * are the macro's questions, answered as <Value name="Check Box (84)">True
 * </Value>.  The ids and defaults are those of Cleanse.yxmc's questions;
 * an answer left out takes the question's default (the two Replace Nulls
 * options are "Selected by default", the rest are not). */
static const struct {
	const char *q;
	bool dflt;
	const char *wrap; /* a string field's expression around the value so far (@) */
} cleanse_q[] = {
    {"Check Box (135)", false, NULL}, /* 0 Remove Null Data: rows */
    {"Check Box (136)", false, NULL}, /* 1 Remove Null Data: columns */
    {"Check Box (84)", true, "IIF(IsNull(@), '', @)"}, /* 2 Replace Nulls: with blanks (string fields) */
    {"Check Box (117)", true, NULL},  /* 3 Replace Nulls: with 0 (numeric fields) */
    {"Check Box (15)", false,         /* 4 Leading and Trailing Whitespace */
     "Trim(@, ' ' + CharFromInt(9) + CharFromInt(10) + CharFromInt(13) + CharFromInt(160))"},
    {"Check Box (109)", false, "REGEX_Replace(@, '\\s+', ' ')"}, /* 5 Tabs, Line Breaks, and Duplicate Whitespace */
    {"Check Box (122)", false, "REGEX_Replace(@, '\\s+', '')"},  /* 6 All Whitespace */
    {"Check Box (53)", false, "REGEX_Replace(@, '[[:alpha:]]', '')"}, /* 7 Letters */
    {"Check Box (58)", false, "REGEX_Replace(@, '[0-9]', '')"},      /* 8 Numbers */
    {"Check Box (70)", false, "REGEX_Replace(@, '[[:punct:]]|[$+<=>^`|~]', '')"}, /* 9 Punctuation */
    {"Check Box (77)", false, NULL}, /* 10 Modify Case (Drop Down (81)) */
};
enum { CL_N = sizeof cleanse_q / sizeof cleanse_q[0] };

/* `w` with each @ replaced by `x`. */
static const char *wrap(Ayx *A, const char *w, const char *x)
{
	Sbuf b = SBUF_INIT;
	for (; *w; w++)
		if (*w == '@')
			sbuf_adds(&b, x);
		else
			sbuf_addch(&b, *w);
	const char *r = ayx_str(A, b.buf);
	sbuf_release(&b);
	return r;
}

static const xmlNode *question(const xmlNode *cfg, const char *name)
{
	EACH_CHILD(cfg, "Value", v)
	if (strcmp(nz(xml_attr(v, "name")), name) == 0) return v;
	return NULL;
}

/* "Select Fields to Cleanse" (List Box (11)): "a","b" (a quote in a name
 * doubled), or names separated by commas. */
static void cleanse_fields(Ayx *A, const char *v, PtrVec *out)
{
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		Sbuf b = SBUF_INIT;
		if (*p == '"') {
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
				if (*p == '"')
					p++;
				sbuf_addch(&b, *p);
			}
			if (*p)
				p++;
		} else
			for (; *p && *p != ','; p++)
				sbuf_addch(&b, *p);
		if (b.len)
			ptrvec_push(A->a, out, (void *)ayx_str(A, b.buf));
		sbuf_release(&b);
	}
}

/* Each selected field a port whose expression depends on the field's
 * type (SET_EXPR_BY_TYPE): "All options, except for Replace Nulls with 0,
 * apply to string data types" (the page above).  The string expression
 * applies the options in the order of Cleanse.yxmc's formulas: nulls to
 * blanks, Trim of spaces, tabs, line breaks and no-break spaces
 * (CharFromInt 9, 10, 13, 160), runs of white space to one space (\s+),
 * all white space removed, letters ([[:alpha:]]), digits ([0-9]) and
 * punctuation ([[:punct:]] and $+<=>^`|~) removed, then Upper, Lower or
 * TitleCase.  A number: IIF(IsNull(f), 0, f).  Any other type: unchanged.
 * Remove null rows and columns are not converted: the step goes to
 * review with that reason. */
static void read_macro_values(Ayx *A, AstStep *s, const xmlNode *cfg);

static void read_cleanse(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	read_macro_values(A, s, cfg); /* the answers, as written */
	bool on[CL_N];
	for (int i = 0; i < CL_N; i++) {
		const xmlNode *v = question(cfg, cleanse_q[i].q);
		on[i] = v ? str_eq_cstr(str_from(nz(ayx_value(v))), "True") : cleanse_q[i].dflt;
	}
	const xmlNode *fl = question(cfg, "List Box (11)"), *cs = question(cfg, "Drop Down (81)");
	const char *cas = cs ? nz(ayx_value(cs)) : "";
	const char *casefn = ascii_ieq(cas, "upper") ? "UpperCase" : ascii_ieq(cas, "lower") ? "LowerCase"
			     : ascii_ieq(cas, "title") ? "TitleCase" : NULL;
	/* Remove null columns: the columns that remain depend on the data, not
	 * a query's shape.  Remove null rows: the page we have does not say
	 * which fields must be null (all fields, or the selected ones). */
	if (on[1])
		s->review = "the Data Cleansing tool's Remove Null Columns is not converted: which columns remain "
			    "depends on the data";
	else if (on[0])
		s->review = "the Data Cleansing tool's Remove Null Rows is not converted: the documentation at hand "
			    "does not say which fields must be null";
	else if (on[10] && !casefn)
		s->review = arena_sprintf(A->a, "the Data Cleansing tool's Modify Case '%s' is not one of Upper, Lower, Title", cas);
	PtrVec fields = {0};
	cleanse_fields(A, fl ? nz(ayx_value(fl)) : "", &fields);
	for (uint32_t i = 0; i < fields.len; i++) {
		const char *f = fields.items[i];
		const char *ref = arena_sprintf(A->a, "[%s]", f);
		const char *x = ref;
		for (int k = 0; k < CL_N; k++)
			if (on[k] && cleanse_q[k].wrap)
				x = wrap(A, cleanse_q[k].wrap, x);
		if (on[10] && casefn)
			x = arena_sprintf(A->a, "%s(%s)", casefn, x);
		AstPort *p = ayx_port(A, s, "Output26", f, fl ? fl : cfg);
		SrcLoc at = ayx_loc(A, fl ? fl : cfg);
		p->expr = ast_expr_new(A->doc, LANG_ALTERYX, ref, at);
		p->expr->synthesized = true;
		const char *by[2] = {x, on[3] ? arena_sprintf(A->a, "IIF(IsNull(%s), 0, %s)", ref, ref) : ref};
		for (int k = 0; k < 2; k++) {
			AstProp *e = ast_prop_new(A->doc, k ? "number" : "string", by[k]);
			e->key = SET_EXPR_BY_TYPE;
			e->loc = at;
			e->expr = ast_expr_new(A->doc, LANG_ALTERYX, by[k], at);
			e->expr->synthesized = true;
			ast_push(A->doc, &p->props, e);
		}
	}
}

/* ---- tools that select fields and apply one rule to each ------------------ */

/* Is a tool's field list entry <Field name="A" selected="False"/> on?
 * Designer leaves `selected` out for a selected field. */
static bool field_on(const xmlNode *f)
{
	const char *sel = xml_attr(f, "selected");
	return !sel || !ascii_ieq(sel, "False");
}

/* The name of a field list entry (name=, or field= in Auto Field's). */
static const char *field_name(const xmlNode *f)
{
	const char *n = xml_attr(f, "name");
	return n ? n : nz(xml_attr(f, "field"));
}

/* <Fields><Field field="A" selected="True"/>...<Field field="*Unknown"
 * selected="True"/></Fields> ("Auto Field Tool",
 * https://help.alteryx.com/2018.4/AutoField.htm: it "reads through all the
 * records of an input and sets the field type to the smallest possible
 * size relative to the data contained within the column"; "Select String
 * Fields to Auto Change Field Type"; "a numeric field [is assigned] to a
 * string data type where any record starts with zero").  Only the types
 * change, by the data: every row and every field passes, names and values
 * unchanged, and the selected string fields stay strings, the one type
 * that holds every value the tool could retype.  The step says so
 * (SET_DIFFERENCE, W0602 at the node). */
static void read_auto_field(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *fl = xml_child(cfg, "Fields");
	Sbuf names = SBUF_INIT;
	unsigned n = 0;
	bool unknown = false;
	EACH_CHILD(fl, "Field", f)
	{
		const char *name = field_name(f);
		if (!field_on(f))
			continue;
		if (strcmp(name, "*Unknown") == 0)
			unknown = true;
		else if (n++ < 5)
			sbuf_addf(&names, "%s'%s'", names.len ? ", " : "", name);
	}
	if (n > 5)
		sbuf_addf(&names, " and %u more", n - 5);
	wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, fl ? fl : cfg));
	if (n || unknown)
		ayx_prop(A, s, "difference",
			 arena_sprintf(A->a,
				       "Auto Field gives the selected string fields (%s%s%s) the smallest type that "
				       "holds the data of the run; the SQL keeps them strings, which hold every value: "
				       "cast them where a later step needs a number or a date",
				       names.len ? names.buf : "", names.len && unknown ? ", and " : "",
				       unknown ? "any other that arrives" : ""),
			 SET_DIFFERENCE, fl ? fl : cfg);
	sbuf_release(&names);
}

/* `expr` with each [_CurrentField_] replaced by `field` (a field
 * reference, as written), each [_CurrentFieldName_] by `name` (a string
 * literal), outside string literals; a placeholder name without its
 * brackets too.  NULL when it uses [_CurrentFieldType_], whose value is
 * the incoming field's type, not known here. */
static const char *current_field(Ayx *A, const char *expr, const char *field, const char *name)
{
	static const char *const ph[] = {"_CurrentFieldName_", "_CurrentFieldType_", "_CurrentField_"};
	Sbuf b = SBUF_INIT;
	char quote = 0;
	for (const char *c = expr; *c;) {
		if (quote) {
			quote = *c == quote ? 0 : quote;
			sbuf_addch(&b, *c++);
			continue;
		}
		if (*c == '"' || *c == '\'') {
			quote = *c;
			sbuf_addch(&b, *c++);
			continue;
		}
		bool br = *c == '[';
		size_t k = 0, len = 0;
		for (; k < 3; k++) {
			len = strlen(ph[k]);
			if (strncasecmp(c + br, ph[k], len) == 0 && (!br || c[1 + len] == ']'))
				break;
		}
		if (k == 3) {
			sbuf_addch(&b, *c++);
			continue;
		}
		if (k == 1) {
			sbuf_release(&b);
			return NULL;
		}
		sbuf_adds(&b, k == 0 ? name : field);
		c += len + (br ? 2 : 0);
	}
	const char *r = ayx_str(A, b.buf ? b.buf : "");
	sbuf_release(&b);
	return r;
}

/* A field name as a string literal of the formula language (no escapes:
 * quoted with the quote it does not hold). */
static const char *name_literal(Ayx *A, const char *name)
{
	return arena_sprintf(A->a, strchr(name, '"') ? "'%s'" : "\"%s\"", name);
}

/* <FieldType>Text</FieldType> <Fields><Field name="A"/><Field name="B"
 * selected="False"/><Field name="*Unknown"/></Fields> <CopyOutput
 * value="True"/> <NewFieldAddOn>_new</NewFieldAddOn>
 * <NewFieldAddOnPos>Suffix</NewFieldAddOnPos> <ChangeFieldType
 * value="True"/> <OutputFieldType type="Double" size="8"/>
 * <Expression>[_CurrentField_] * 2</Expression> ("Multi-Field Formula
 * Tool", https://help.alteryx.com/2021.3/MultiFieldFormula.htm: "creates or
 * updates multiple fields using a single expression"; "Copy Output Fields
 * and Add ... Prefix or Suffix to create new columns ... Deselect to update
 * the data in the original columns"; "Change Output Type to"; "_CurrentField_
 * uses the selected field ... _CurrentFieldName_ the name of the selected
 * field").  Each selected field a Formula port: the field itself, or the
 * copy named with the prefix or suffix, computed by the expression with the
 * field in place of [_CurrentField_]; its type the output type, else the
 * field's own.  A selected *Unknown ("Dynamic or Unknown Fields": fields of
 * the chosen type that arrive but were not listed) is not applied: a
 * difference (W0602). */
static void read_multi_field(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *e = xml_child(cfg, "Expression"), *ot = xml_child(cfg, "OutputFieldType");
	bool copy = ascii_ieq(nz(ayx_child_value(cfg, "CopyOutput")), "True");
	bool retype = ascii_ieq(nz(ayx_child_value(cfg, "ChangeFieldType")), "True");
	const char *addon = nz(ayx_child_value(cfg, "NewFieldAddOn"));
	bool prefix = ascii_ieq(nz(ayx_child_value(cfg, "NewFieldAddOnPos")), "Prefix");
	const char *text = e ? ayx_value(e) : "";
	EACH_CHILD(xml_child(cfg, "Fields"), "Field", f)
	{
		const char *name = field_name(f);
		if (!field_on(f))
			continue;
		if (strcmp(name, "*Unknown") == 0) {
			ayx_prop(A, s, "difference",
				 arena_sprintf(A->a,
					       "Dynamic or Unknown Fields is selected: Designer applies the expression "
					       "to fields of type '%s' that arrive but are not listed too; the SQL applies "
					       "it to the listed fields",
					       nz(ayx_child_value(cfg, "FieldType"))),
				 SET_DIFFERENCE, f);
			continue;
		}
		const char *out = copy ? arena_sprintf(A->a, prefix ? "%s%s" : "%s%s", prefix ? addon : name,
						       prefix ? name : addon)
				       : name;
		AstPort *p = ayx_port(A, s, "Output", out, f);
		if (retype && ot)
			p->type = ayx_type(A, xml_attr(ot, "type"), xml_attr(ot, "size"), xml_attr(ot, "scale"));
		const char *x = current_field(A, text, arena_sprintf(A->a, "[%s]", name), name_literal(A, name));
		if (!x) {
			s->review = "the Multi-Field Formula's expression reads [_CurrentFieldType_], the incoming "
				    "field's type, which is not converted";
			return;
		}
		p->expr = ast_expr_new(A->doc, LANG_ALTERYX, x, ayx_loc(A, e ? e : cfg));
		p->expr->synthesized = true;
		if (!retype) { /* the field's own type: the lowering takes the incoming one */
			AstProp *k = ast_prop_new(A->doc, "type_of", ayx_str(A, name));
			k->key = SET_TYPE_OF;
			k->loc = p->loc;
			ast_push(A->doc, &p->props, k);
		}
	}
}

/* <RenameMode>Add</RenameMode> <Fields><Field name="A"/><Field
 * name="*Unknown"/></Fields> <AddPrefixSuffix><Type>Prefix</Type>
 * <Text>x_</Text></AddPrefixSuffix> (Remove: <RemovePrefixSuffix>), or
 * <Expression> (Formula), <FirstRow>, <NamesFromMetadata> ("Dynamic Rename
 * Tool", https://help.alteryx.com/2020.1/fr/DynamicRename.htm and
 * https://help.alteryx.com/aac/en/designer-experience/designer-cloud-tool-list/cloud-native-mode-tools/workflow-developer-tools/dynamic-rename-tool.html:
 * "Add Prefix/Suffix: selected columns are renamed to include a prefix or
 * suffix"; "Remove Prefix/Suffix: selected columns are renamed to exclude
 * a prefix or suffix", with a report behaviour "If Prefixes Are Not
 * Removed": Warn, Error or Ignore; names "from the first row of data", "from
 * the Right input's metadata" or rows; names computed by a formula).  The
 * static modes are a Select: each selected field a port renamed, the others
 * passing unchanged (the wildcard).  The element names of Add and Remove
 * are not in the corpus's saves (its Dynamic Renames use FirstRow, Formula
 * and RightInputMetadata).  The other modes take the names from the data,
 * another input or a formula's value: the step goes to review. */
static void read_dynamic_rename(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *mode = nz(ayx_child_value(cfg, "RenameMode"));
	bool add = strcmp(mode, "Add") == 0, rem = strcmp(mode, "Remove") == 0;
	const xmlNode *ps = xml_child(cfg, add ? "AddPrefixSuffix" : "RemovePrefixSuffix");
	if (!add && !rem) {
		wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, cfg));
		static const struct {
			const char *mode, *why;
		} modes[] = {
		    {"FirstRow", "takes the new names from the first row of data"},
		    {"RightInputMetadata", "takes the new names from the field names of its R input"},
		    {"RightInputRows", "takes the new names from the rows of its R input"},
		    {"Formula", "computes the new names with a formula, which is not evaluated at conversion"},
		};
		const char *why = "is in a mode that is not converted";
		for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
			if (strcmp(mode, modes[i].mode) == 0)
				why = modes[i].why;
		s->review = arena_sprintf(A->a, "the Dynamic Rename tool (mode '%s') %s", mode, why);
		return;
	}
	const char *type = ps ? nz(ayx_child_value(ps, "Type")) : "", *text = ps ? nz(ayx_child_value(ps, "Text")) : "";
	bool prefix = ascii_ieq(type, "Prefix");
	if (!ps || (!prefix && !ascii_ieq(type, "Suffix"))) {
		wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, cfg));
		s->review = arena_sprintf(A->a, "the Dynamic Rename tool's %s mode has no Prefix or Suffix setting", mode);
		return;
	}
	const char *on_error = ayx_child_value(ps, "OnError");
	size_t tl = strlen(text);
	bool unknown = false;
	/* the fields keep their order: each listed one a port (renamed when
	 * selected), the unlisted ones the wildcard where *Unknown stands */
	EACH_CHILD(xml_child(cfg, "Fields"), "Field", f)
	{
		const char *name = field_name(f);
		if (strcmp(name, "*Unknown") == 0) {
			wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, f));
			unknown = true;
			if (field_on(f))
				ayx_prop(A, s, "difference",
					 "Dynamic or Unknown Fields is selected: Designer renames fields that arrive "
					 "but are not listed too; the SQL renames the listed fields",
					 SET_DIFFERENCE, f);
			continue;
		}
		size_t nl = strlen(name);
		const char *to = name;
		if (!field_on(f))
			;
		else if (add)
			to = arena_sprintf(A->a, "%s%s", prefix ? text : name, prefix ? name : text);
		else if (tl <= nl && strncmp(prefix ? name : name + nl - tl, text, tl) == 0)
			to = arena_strndup(A->a, prefix ? name + tl : name, nl - tl);
		else if (on_error && ascii_ieq(on_error, "Error"))
			s->review = arena_sprintf(A->a,
						  "the Dynamic Rename tool stops the workflow: field '%s' has no %s '%s' to "
						  "remove",
						  name, type, text);
		AstPort *p = ast_port_new(A->doc, ayx_str(A, to));
		p->dir = PORT_IN | PORT_OUT;
		p->ref = ayx_str(A, name);
		p->loc = ayx_loc(A, f);
		ast_push(A->doc, &s->ports, p);
	}
	if (!unknown)
		wildcard_port(A, s, PORT_PASS | PORT_OUT, ayx_loc(A, cfg));
}

const AyxTool ayx_cleanse_tool = {NULL, "Data Cleansing", STEP_EXPRESSION, read_cleanse, {"Value"}};
const AyxTool ayx_macro_tool = {NULL, "Macro", STEP_SUBFLOW, read_macro_values, {"Value"}};

/* clang-format off */
static const AyxTool tools[] = {
    /* engine tools, by EngineDllEntryPoint */
    {"AlteryxDbFileInput", "Input Data", STEP_SOURCE, read_input, {"File"}},
    {"AlteryxDbFileOutput", "Output Data", STEP_TARGET, read_output, {"File"}},
    {"AlteryxTextInput", "Text Input", STEP_SOURCE, ayx_read_text_input, {"Fields", "Data", "NumRows"}},
    {"AlteryxSelect", "Select", STEP_SELECT, read_select, {"SelectFields"}},
    {"AlteryxFilter", "Filter", STEP_ROUTER, read_filter, {"Expression", "Mode", "Simple"}},
    {"AlteryxFormula", "Formula", STEP_EXPRESSION, read_formula, {"FormulaFields"}},
    {"AlteryxMultiRowFormula", "Multi-Row Formula", STEP_EXPRESSION, read_multirow, {"Expression", "OtherRows", "GroupByFields"}},
    {"AlteryxMultiFieldFormula", "Multi-Field Formula", STEP_EXPRESSION, read_multi_field,
     {"FieldType", "Fields", "CopyOutput", "NewFieldAddOn", "NewFieldAddOnPos", "Expression"}},
    {"AlteryxJoin", "Join", STEP_JOIN, read_join, {"JoinInfo", "SelectConfiguration"}},
    {"AlteryxJoinMultiple", "Join Multiple", STEP_JOIN, ayx_read_join_multiple, {"JoinByRecPos", "JoinFields", "OutputJoinOnly", "SelectConfiguration"}},
    {"AlteryxAppendFields", "Append Fields", STEP_JOIN, read_append, {NULL}},
    {"AlteryxUnion", "Union", STEP_UNION, read_union, {"Mode"}},
    {"AlteryxSummarize", "Summarize", STEP_AGGREGATE, read_summarize, {"SummarizeFields"}},
    {"AlteryxSort", "Sort", STEP_SORT, read_sort, {"SortInfo"}},
    {"AlteryxUnique", "Unique", STEP_DEDUP, read_unique, {"UniqueFields"}},
    {"AlteryxSample", "Sample", STEP_SAMPLE, read_sample, {"Mode", "N", "GroupFields"}},
    {"AlteryxRecordID", "Record ID", STEP_SEQUENCE, read_record_id, {"StartValue"}},
    {"AlteryxCrossTab", "Cross Tab", STEP_PIVOT, read_crosstab, {"GroupFields", "HeaderField", "DataField", "Methods"}},
    {"AlteryxTranspose", "Transpose", STEP_NORMALIZER, read_transpose, {"KeyFields", "DataFields"}},
    {"AlteryxGenerateRows", "Generate Rows", STEP_GENERATE, read_generate_rows,
     {"Expression_Init", "Expression_Cond", "Expression_Loop"}},
    {"AlteryxFindReplace", "Find Replace", STEP_JOIN, ayx_read_find_replace, {"FieldFind", "FieldSearch", "ReplaceFoundField", "FindMode", "ReplaceMode"}},
    {"AlteryxRunningTotal", "Running Total", STEP_EXPRESSION, read_running_total, {"GroupByFields", "RunningTotalFields"}},
    {"AlteryxDateTime", "DateTime", STEP_EXPRESSION, read_datetime, {"IsFrom", "InputFieldName", "Format", "OutputFieldName", "Language"}},
    {"AlteryxRegEx", "RegEx", STEP_EXPRESSION, ayx_read_regex, {"Field", "RegExExpression", "CaseInsensitve", "Method"}},
    {"AlteryxTextToColumns", "Text To Columns", STEP_EXPRESSION, ayx_read_text_to_columns, {"Field"}},
    {"AlteryxDynamicRename", "Dynamic Rename", STEP_SELECT, read_dynamic_rename,
     {"RenameMode", "Fields", "AddPrefixSuffix", "RemovePrefixSuffix"}},
    {"AlteryxDynamicSelect", "Dynamic Select", STEP_SELECT, NULL, {NULL}},
    {"AlteryxAutoField", "Auto Field", STEP_SELECT, read_auto_field, {"Fields"}},
    {"AlteryxJSONParse", "JSON Parse", STEP_PARSE, NULL, {NULL}},
    {"AlteryxXMLParse", "XML Parse", STEP_PARSE, NULL, {NULL}},
    {"AlteryxDownload", "Download", STEP_HTTP, NULL, {NULL}},
    {"AlteryxR", "R", STEP_SCRIPT, NULL, {NULL}},
    {"AlteryxJupyter", "Python", STEP_SCRIPT, NULL, {NULL}},
    {"AlteryxBrowseV2", "Browse", STEP_OBSERVE, NULL, {NULL}},
    {"AlteryxTest", "Test", STEP_OBSERVE, read_test, {"Tests"}},
    {"AlteryxMessage", "Message", STEP_OBSERVE, read_message, {NULL}},
    {"AlteryxFieldInfo", "Field Info", STEP_CUSTOM, NULL, {NULL}},
    {"AlteryxDynamicInput", "Dynamic Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxDirectory", "Directory", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxBlobInput", "Blob Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxMapInput", "Map Input", STEP_SOURCE, NULL, {NULL}},
    {"AlteryxBlobConvert", "Blob Convert", STEP_EXPRESSION, NULL, {NULL}},
    {"AlteryxTile", "Tile", STEP_EXPRESSION, ayx_read_tile, {"Method", "EqualRecords", "UniqueValue", "Manual", "GroupFields"}},
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
    {"AlteryxMacroInput", "Macro Input", STEP_FLOW_INPUT, ayx_read_macro_input, {"TextInput"}},
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
