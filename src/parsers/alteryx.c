/* alteryx.c - the Alteryx frontend: a workflow (.yxmd), macro (.yxmc) or
 * app (.yxwz) into the workflow AST (src/parsers), as docs/ast.md
 * section 4 maps it.
 *
 * The document becomes one AstFolder holding one AstFlow (FLOW_WORKFLOW,
 * FLOW_MAPPLET for a macro: the kind comes from RuntimeProperties/
 * ModuleType, not the extension); every <Node>, nested ones included,
 * an AstStep named by its ToolID; every <Connection> a link-level AstEdge
 * whose groups are the anchors; Constants and interface Questions
 * AstParams; Actions flow extras.  What each tool's Configuration means is
 * in alteryx_tools.c.  Designer layout (Position, Style, Font) is not kept.
 */
#include "parsers/alteryx.h"
#include "parsers/frontend.h"
#include "base/sbuf.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#define EACH_CHILD(parent, tag, var)                                                             \
	for (const xmlNode *var = (parent) ? xml_first(parent) : NULL; var; var = xml_next(var)) \
		if (xml_is(var, tag))

/* ---- helpers ----------------------------------------------------------------- */

const char *ayx_str(Ayx *A, const char *s)
{
	return s ? arena_strdup(A->a, s) : NULL;
}

SrcLoc ayx_loc(Ayx *A, const xmlNode *n)
{
	return xml_loc(&A->x, n);
}

const char *ayx_value(const xmlNode *n)
{
	if (!n)
		return NULL;
	const char *v = xml_attr(n, "value");
	return v ? v : xml_text_view(n);
}

const char *ayx_child_value(const xmlNode *n, const char *name)
{
	return n ? ayx_value(xml_child(n, name)) : NULL;
}

AstProp *ayx_prop(Ayx *A, AstStep *s, const char *name, const char *value, Setting key, const xmlNode *at)
{
	AstProp *p = ast_prop_new(A->doc, ayx_str(A, name), ayx_str(A, value ? value : ""));
	p->key = key;
	p->loc = ayx_loc(A, at);
	ast_push(A->doc, &s->props, p);
	return p;
}

AstElem *ayx_capture(Ayx *A, const xmlNode *n)
{
	AstElem *e = ast_elem_new(A->doc, ayx_str(A, (const char *)n->name));
	e->loc = ayx_loc(A, n);
	for (const xmlAttr *at = n->properties; at; at = at->next) {
		const char *name = (const char *)at->name;
		ast_push(A->doc, &e->attrs,
			 ast_prop_new(A->doc, ayx_str(A, name), ayx_str(A, xml_attr(n, name))));
	}
	const xmlNode *c = xml_first(n);
	if (!c) {
		const char *t = xml_text_view(n);
		e->text = *t ? ayx_str(A, t) : NULL;
	}
	for (; c; c = xml_next(c))
		ast_push(A->doc, &e->children, ayx_capture(A, c));
	return e;
}

static int32_t to_int(const char *v)
{
	if (!v || !*v)
		return -1;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n > INT32_MAX ? -1 : (int32_t)n;
}

/* Field types of the Alteryx data types reference ("Data Types", Designer
 * help): sizes are bytes for String/WString, characters for the V_ forms;
 * FixedDecimal's size is the precision written "19.6" or size + scale. */
static const struct {
	const char *name;
	TypeKind kind;
	bool unicode;
} ayx_types[] = {
    {"Bool", TY_BOOLEAN, false},  {"Byte", TY_SMALLINT, false},       {"Int16", TY_SMALLINT, false},
    {"Int32", TY_INTEGER, false}, {"Int64", TY_BIGINT, false},        {"FixedDecimal", TY_DECIMAL, false},
    {"Float", TY_DOUBLE, false},  {"Double", TY_DOUBLE, false},       {"String", TY_STRING, false},
    {"WString", TY_STRING, true}, {"V_String", TY_STRING, false},     {"V_WString", TY_STRING, true},
    {"Date", TY_DATE, false},     {"Time", TY_TIME, false},           {"DateTime", TY_TIMESTAMP, false},
    {"Blob", TY_BINARY, false},   {"SpatialObj", TY_GEOMETRY, false},
};

AstType ayx_type(Ayx *A, const char *type, const char *size, const char *scale)
{
	AstType t = ast_type_unknown();
	if (!type)
		return t;
	t.orig = ayx_str(A, type);
	for (size_t i = 0; i < sizeof ayx_types / sizeof *ayx_types; i++)
		if (strcmp(type, ayx_types[i].name) == 0) {
			t.kind = ayx_types[i].kind;
			t.unicode = ayx_types[i].unicode;
		}
	if (t.kind == TY_STRING)
		t.precision = to_int(size);
	if (t.kind == TY_DECIMAL && size) {
		const char *dot = strchr(size, '.');
		t.precision = to_int(dot ? arena_strndup(A->a, size, (size_t)(dot - size)) : size);
		t.scale = dot ? to_int(dot + 1) : to_int(scale);
	}
	return t;
}

AstPort *ayx_port(Ayx *A, AstStep *s, const char *anchor, const char *name, const xmlNode *at)
{
	AstPort *p = ast_ports_find_in(&s->ports, anchor, name);
	if (p)
		return p;
	p = ast_port_new(A->doc, ayx_str(A, name));
	p->dir = PORT_OUT;
	p->group = ayx_str(A, anchor);
	p->loc = ayx_loc(A, at);
	ast_push(A->doc, &s->ports, p);
	return p;
}

/* The output group of an anchor, added on first use.  Filter False,
 * Unique Duplicates and Join Left/Right (unjoined rows) have their own
 * kinds; every other anchor is an output. */
static AstGroup *anchor_group(Ayx *A, AstStep *s, const char *anchor, SrcLoc loc)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (strcmp(g->name, anchor) == 0 && g->kind != GROUP_INPUT) /* Join: input and output Left */
			return g;
	}
	GroupKind k = GROUP_OUTPUT;
	if (strcmp(anchor, "Duplicates") == 0 || strcmp(anchor, "Duplicate") == 0)
		k = GROUP_DUPLICATE;
	else if (s->kind == STEP_JOIN && (strcmp(anchor, "Left") == 0 || strcmp(anchor, "Right") == 0))
		k = GROUP_UNMATCHED;
	AstGroup *g = ast_group_new(A->doc, k, ayx_str(A, anchor));
	g->loc = loc;
	ast_push(A->doc, &s->groups, g);
	return g;
}

/* ---- nodes ------------------------------------------------------------------- */

/* <MetaInfo connection="Output"><RecordInfo><Field name="A" size="254"
 * source="..." type="V_WString" description="..."/></RecordInfo></MetaInfo> */
static void read_meta_info(Ayx *A, AstStep *s, const xmlNode *props)
{
	EACH_CHILD(props, "MetaInfo", m)
	{
		const char *anchor = xml_attr(m, "connection");
		if (!anchor)
			anchor = xml_attr(m, "name");
		if (!anchor)
			anchor = "Output";
		anchor_group(A, s, anchor, ayx_loc(A, m));
		EACH_CHILD(xml_child(m, "RecordInfo"), "Field", f)
		{
			const char *name = xml_attr(f, "name");
			bool known = ast_ports_find_in(&s->ports, anchor, name ? name : "") != NULL;
			AstPort *p = ayx_port(A, s, anchor, name ? name : "", f);
			if (!known && s->kind != STEP_SOURCE && s->kind != STEP_SOURCE_QUERY)
				p->dir = 0; /* the schema Designer saved, not a port the tool computes */
			if (p->type.kind == TY_UNKNOWN && !p->type.orig)
				p->type = ayx_type(A, xml_attr(f, "type"), xml_attr(f, "size"),
						   xml_attr(f, "scale"));
			if (!p->description && xml_attr(f, "description"))
				p->description = ayx_str(A, xml_attr(f, "description"));
			if (xml_attr(f, "source"))
				ast_push(A->doc, &p->props,
					 ast_prop_new(A->doc, "source", ayx_str(A, xml_attr(f, "source"))));
		}
	}
}

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n && list[i]; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

/* The Configuration children a tool's reader did not consume: a leaf with
 * at most a `value` attribute becomes a prop, anything else an extra. */
static void rest_config(Ayx *A, AstStep *s, const xmlNode *cfg, const AyxTool *t)
{
	for (const xmlNode *c = xml_first(cfg); c; c = xml_next(c)) {
		const char *tag = (const char *)c->name;
		if (t && in_list(tag, t->used, sizeof t->used / sizeof *t->used))
			continue;
		bool leaf =
		    !xml_first(c) && (!c->properties || (!c->properties->next && xml_attr(c, "value")));
		if (leaf)
			ayx_prop(A, s, tag, ayx_value(c), SET_NONE, c);
		else
			ast_push(A->doc, &s->extras, ayx_capture(A, c));
	}
}

/* <Annotation DisplayMode="0"><Name>label</Name><AnnotationText>note
 * </AnnotationText><DefaultAnnotationText>generated</...></Annotation> */
static void read_annotation(Ayx *A, AstStep *s, const xmlNode *an)
{
	const char *name = ayx_child_value(an, "Name");
	if (name && *name)
		ayx_prop(A, s, "annotation_name", name, SET_NONE, xml_child(an, "Name"));
	const char *text = ayx_child_value(an, "AnnotationText");
	if (text && *text && !s->description)
		s->description = ayx_str(A, text);
}

/* Tool identity: EngineSettings first (a macro path, or an entry point of
 * the table); a node without EngineSettings is a designer-only tool,
 * known by its plugin; anything else is kept unknown (W1103). */
static const AyxTool *identify(Ayx *A, AstStep *s, const xmlNode *n, const char *plugin)
{
	const xmlNode *es = xml_child(n, "EngineSettings");
	const char *dll = es ? xml_attr(es, "EngineDll") : NULL;
	const char *entry = es ? xml_attr(es, "EngineDllEntryPoint") : NULL;
	const char *macro = es ? xml_attr(es, "Macro") : NULL;
	if (dll)
		ayx_prop(A, s, "EngineDll", dll, SET_NONE, es);
	if (entry)
		ayx_prop(A, s, "EngineDllEntryPoint", entry, SET_NONE, es);
	size_t el = entry ? strlen(entry) : 0;
	if (!macro && el > 5 && strcmp(entry + el - 5, ".yxmc") == 0)
		macro = entry; /* an HTML-GUI tool that is a macro (EngineDll="Macro") */
	if (macro) {
		s->kind = STEP_SUBFLOW;
		s->def_name = ayx_str(A, macro);
		const char *base = strrchr(macro, '\\');
		const char *base2 = strrchr(base ? base : macro, '/');
		base = base2 ? base2 + 1 : base ? base + 1 : macro;
		bool cleanse = strcmp(base, "Cleanse.yxmc") == 0;
		s->orig_kind = cleanse ? "Data Cleansing" : "Macro";
		/* located at the attribute: alteryx_macro.c reports there */
		ayx_prop(A, s, "Macro", macro, SET_NONE, es)->loc =
		    xml_attr_loc(&A->x, es, macro == entry ? "EngineDllEntryPoint" : "Macro");
		if (cleanse) { /* a stock tool: converted from its settings */
			s->kind = ayx_cleanse_tool.kind;
			s->def_name = NULL;
			return &ayx_cleanse_tool;
		}
		const AyxTool *std = ayx_stdmacro_tool(base);
		if (std) { /* read as the tool; a macro file found still wins (alteryx_macro.c) */
			s->kind = std->kind;
			s->orig_kind = std->name;
			ayx_prop(A, s, "stock_macro", base, SET_NONE, es);
			return std;
		}
		return &ayx_macro_tool;
	}
	const AyxTool *t = es ? ayx_tool_by_entry(entry) : ayx_tool_by_plugin(plugin);
	if (!t && entry &&
	    (strncmp(entry, ".Net:", 5) == 0 || strncmp(entry, "Python:", 7) == 0 ||
	     (el > 3 && strcmp(entry + el - 3, ".py") == 0))) {
		/* an SDK add-in (.NET, Python): custom code, kept opaque */
		s->kind = STEP_CUSTOM;
		s->orig_kind = ayx_str(A, plugin ? plugin : entry);
		ayx_prop(A, s, "template", entry, SET_TEMPLATE, es);
		return NULL;
	}
	if (t) {
		s->kind = t->kind;
		s->orig_kind = t->name;
		return t;
	}
	s->kind = STEP_UNKNOWN;
	s->orig_kind = ayx_str(A, entry ? entry : plugin ? plugin : "");
	Diag d = {.code = W_AYX_UNKNOWN_TOOL, .loc = ayx_loc(A, n), .span = 5};
	if (es && entry) {
		d.loc = xml_attr_loc(&A->x, es, "EngineDllEntryPoint");
		d.span = (uint32_t)strlen(entry);
	}
	if (es)
		diag_emit(A->sink, &d, "tool %s: unknown engine entry point '%s' in '%s' (plugin '%s')",
			  s->name, entry ? entry : "", dll ? dll : "", plugin ? plugin : "");
	else
		diag_emit(A->sink, &d, "tool %s: unknown designer tool '%s' (no EngineSettings)", s->name,
			  plugin ? plugin : "");
	return NULL;
}

static void read_nodes(Ayx *A, const xmlNode *nodes, const char *container, bool disabled);

/* <Node ToolID="3"><GuiSettings Plugin="..."><Position/></GuiSettings>
 * <Properties><Configuration>...</Configuration><Annotation/><MetaInfo
 * connection="Output">...</MetaInfo></Properties><EngineSettings
 * EngineDll="..." EngineDllEntryPoint="..."/><ChildNodes>...</ChildNodes>
 * </Node> */
static void read_node(Ayx *A, const xmlNode *n, const char *container, bool disabled)
{
	const char *id = xml_attr(n, "ToolID");
	AstStep *s = ast_step_new(A->doc, STEP_UNKNOWN, ayx_str(A, id ? id : ""));
	s->loc = ayx_loc(A, n);
	s->container = container;
	s->disabled = disabled;
	if (!id || !*id) {
		Diag d = {.code = W_AYX_TOOL_ID, .loc = s->loc, .span = 5};
		diag_emit(A->sink, &d, "a tool has no ToolID: no connection can reach it");
	} else if (strmap_get(&A->ids, id)) {
		Diag d = {.code = W_AYX_TOOL_ID,
			  .loc = xml_attr_loc(&A->x, n, "ToolID"),
			  .span = (uint32_t)strlen(id)};
		diag_emit(A->sink, &d, "ToolID '%s' is used twice: connections reach the first", id);
	} else
		strmap_put(&A->ids, s->name, s);
	ast_push(A->doc, &A->flow->steps, s);
	const xmlNode *gui = xml_child(n, "GuiSettings");
	const char *plugin = gui ? xml_attr(gui, "Plugin") : NULL;
	if (plugin)
		ayx_prop(A, s, "Plugin", plugin, SET_NONE, gui);
	const AyxTool *t = identify(A, s, n, plugin);
	const xmlNode *props = xml_child(n, "Properties");
	const xmlNode *cfg = props ? xml_child(props, "Configuration") : NULL;
	if (cfg && t && t->read)
		t->read(A, s, cfg);
	if (cfg)
		rest_config(A, s, cfg, t);
	if (props && xml_child(props, "Annotation"))
		read_annotation(A, s, xml_child(props, "Annotation"));
	if (props)
		read_meta_info(A, s, props);
	for (uint32_t i = 0; s->table && i < s->table->fields.len; i++) { /* Text Input: declared types */
		AstPort *f = s->table->fields.items[i];
		AstPort *p = f->type.orig ? NULL : ast_ports_find_in(&s->ports, "Output", f->name);
		if (p)
			f->type = p->type;
	}
	const xmlNode *kids = xml_child(n, "ChildNodes");
	if (!kids)
		return;
	const char *label = s->description && *s->description ? s->description : s->name;
	const char *path = container ? arena_sprintf(A->a, "%s/%s", container, label) : label;
	bool off = str_eq_cstr(
	    str_from(ayx_child_value(cfg, "Disabled") ? ayx_child_value(cfg, "Disabled") : ""), "True");
	if (off && !disabled) {
		uint32_t before = A->flow->steps.len;
		read_nodes(A, kids, path, true);
		Diag d = {.code = W_AYX_DISABLED,
			  .loc = xml_attr_loc(&A->x, xml_child(cfg, "Disabled"), "value"),
			  .span = 4};
		uint32_t k = A->flow->steps.len - before;
		diag_emit(A->sink, &d,
			  "tool container %s '%s' is disabled: its %u tool%s %s kept, marked disabled",
			  s->name, label, k, k == 1 ? "" : "s", k == 1 ? "is" : "are");
		return;
	}
	read_nodes(A, kids, path, disabled || off);
}

static void read_nodes(Ayx *A, const xmlNode *nodes, const char *container, bool disabled)
{
	EACH_CHILD(nodes, "Node", n) read_node(A, n, container, disabled);
}

/* ---- connections ---------------------------------------------------------------- */

/* <Connection name="#1" Wireless="True"><Origin ToolID="2"
 * Connection="True"/><Destination ToolID="3" Connection="Input"/></Connection> */
static void read_connection(Ayx *A, const xmlNode *c)
{
	const xmlNode *end[2] = {xml_child(c, "Origin"), xml_child(c, "Destination")};
	AstStep *step[2];
	for (int i = 0; i < 2; i++) {
		const char *id = end[i] ? xml_attr(end[i], "ToolID") : NULL;
		step[i] = id ? strmap_get(&A->ids, id) : NULL;
		if (step[i])
			continue;
		const xmlNode *at = end[i] ? end[i] : c;
		Diag d = {.code = E_AYX_CONNECTION,
			  .loc = id ? xml_attr_loc(&A->x, at, "ToolID") : ayx_loc(A, at),
			  .span = id ? (uint32_t)strlen(id) : 10};
		if (id)
			diag_emit(A->sink, &d, "a connection's %s names ToolID '%s', which no tool has",
				  i ? "destination" : "origin", id);
		else
			diag_emit(A->sink, &d, "a connection has no %s tool", i ? "destination" : "origin");
		return;
	}
	AstEdge *e = ast_edge_new(A->doc);
	e->from = step[0];
	e->to = step[1];
	const char *out = xml_attr(end[0], "Connection"), *in = xml_attr(end[1], "Connection");
	e->from_group = anchor_group(A, step[0], out ? out : "Output", ayx_loc(A, end[0]))->name;
	e->to_group = ayx_str(A, in ? in : "Input");
	e->name = ayx_str(A, xml_attr(c, "name"));
	e->loc = ayx_loc(A, c);
	const char *wl = xml_attr(c, "Wireless");
	if (wl)
		ast_push(A->doc, &e->props, ast_prop_new(A->doc, "Wireless", ayx_str(A, wl)));
	ast_push(A->doc, &A->flow->edges, e);
}

/* ---- the document's properties ------------------------------------------------ */

/* <Constants><Constant><Namespace>User</Namespace><Name>Year</Name>
 * <Value>2024</Value><IsNumeric value="True"/></Constant></Constants>:
 * referred to in formulas as [User.Year]. */
static void read_constants(Ayx *A, const xmlNode *cs)
{
	EACH_CHILD(cs, "Constant", c)
	{
		const char *ns = ayx_child_value(c, "Namespace"), *name = ayx_child_value(c, "Name");
		if (ns && strcmp(ns, "Question") == 0)
			continue; /* Designer's copy of an interface question: read from Questions */
		const char *full = ns && *ns ? arena_sprintf(A->a, "%s.%s", ns, name ? name : "") : name;
		bool engine = ns && strcmp(ns, "Engine") == 0;
		AstParam *p = ast_param_new(A->doc, ayx_str(A, full ? full : ""), PARAM_PARAMETER,
					    engine ? SCOPE_SYSTEM : SCOPE_FLOW);
		p->owner = A->flow->name;
		p->loc = ayx_loc(A, c);
		p->default_value = ayx_str(A, ayx_child_value(c, "Value"));
		p->declared = !engine; /* the engine sets these at run time */
		p->user_defined = ns && strcmp(ns, "User") == 0;
		bool numeric = str_eq_cstr(
		    str_from(ayx_child_value(c, "IsNumeric") ? ayx_child_value(c, "IsNumeric") : ""), "True");
		p->type = ast_type_unknown();
		p->type.kind = numeric ? TY_DOUBLE : TY_STRING;
		ast_push(A->doc, &A->flow->params, p);
	}
}

/* A setting's value, or for a list (<Values><Value>No</Value>...) its
 * items' values one a line. */
static const char *list_value(Ayx *A, const xmlNode *n)
{
	if (!xml_first(n))
		return ayx_str(A, ayx_value(n));
	Sbuf b = SBUF_INIT;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		sbuf_addf(&b, "%s%s", b.len ? "\n" : "", xml_first(c) ? "" : ayx_value(c));
	const char *v = ayx_str(A, b.buf);
	sbuf_release(&b);
	return v;
}

/* <Questions><Question><Type>TextBox</Type><Description>Enter a
 * month</Description><Name>Text Box (175)</Name><ToolId value="175"/>
 * <Default>..</Default>...<Questions> (inside a Tab) </Question> */
static void read_questions(Ayx *A, const xmlNode *qs)
{
	EACH_CHILD(qs, "Question", q)
	{
		const char *type = ayx_child_value(q, "Type");
		if (!type || strcmp(type, "Tab") != 0) {
			AstParam *p = ast_param_new(
			    A->doc, ayx_str(A, ayx_child_value(q, "Name") ? ayx_child_value(q, "Name") : ""),
			    PARAM_PARAMETER, SCOPE_FLOW);
			p->owner = A->flow->name;
			p->loc = ayx_loc(A, q);
			p->declared = p->user_defined = true;
			p->default_value = ayx_str(A, ayx_child_value(q, "Default"));
			p->description = ayx_str(A, ayx_child_value(q, "Description"));
			p->type = ast_type_unknown();
			for (const xmlNode *c = xml_first(q); c; c = xml_next(c)) {
				const char *tag = (const char *)c->name;
				if (!strcmp(tag, "Name") || !strcmp(tag, "Default") ||
				    !strcmp(tag, "Description") || !strcmp(tag, "Questions"))
					continue;
				AstProp *pr = ast_prop_new(A->doc, ayx_str(A, tag), list_value(A, c));
				pr->loc = ayx_loc(A, c);
				ast_push(A->doc, &p->props, pr);
			}
			ast_push(A->doc, &A->flow->params, p);
		}
		read_questions(A, xml_child(q, "Questions"));
	}
}

/* <Properties><MetaInfo><Name/><Description/>...</MetaInfo><Constants/>
 * <RuntimeProperties><Actions/><Questions/><ModuleType>Macro</ModuleType>
 * <MacroInputs/>...</RuntimeProperties><Memory default="True"/>... */
static void read_doc_props(Ayx *A, const xmlNode *props)
{
	AstFlow *f = A->flow;
	for (const xmlNode *c = xml_first(props); c; c = xml_next(c)) {
		const char *tag = (const char *)c->name;
		if (xml_is(c, "Constants"))
			read_constants(A, c);
		else if (xml_is(c, "RuntimeProperties")) {
			read_questions(A, xml_child(c, "Questions"));
			for (const xmlNode *r = xml_first(c); r; r = xml_next(r))
				if (!xml_is(r, "Questions") && xml_first(r))
					ast_push(A->doc, &f->extras, ayx_capture(A, r));
				else if (!xml_first(r) && *ayx_value(r)) {
					AstProp *p = ast_prop_new(A->doc, ayx_str(A, (const char *)r->name),
								  ayx_str(A, ayx_value(r)));
					p->loc = ayx_loc(A, r);
					ast_push(A->doc, &f->props, p);
				}
		} else if (xml_is(c, "MetaInfo")) {
			const char *desc = ayx_child_value(c, "Description");
			if (desc && *desc)
				f->description = ayx_str(A, desc);
		} else if (!xml_first(c) && *ayx_value(c)) {
			AstProp *p = ast_prop_new(A->doc, ayx_str(A, tag), ayx_str(A, ayx_value(c)));
			p->loc = ayx_loc(A, c);
			ast_push(A->doc, &f->props, p);
		}
	}
}

/* ---- the document --------------------------------------------------------------- */

/* A macro's mode: <BatchMacro> (run once per control row) or
 * <IterativeMacro> in RuntimeProperties, else standard. */
static void macro_mode(Ayx *A, const xmlNode *root)
{
	const xmlNode *p = xml_child(root, "Properties");
	const xmlNode *rt = p ? xml_child(p, "RuntimeProperties") : NULL;
	const xmlNode *at = rt ? xml_child(rt, "BatchMacro") : NULL;
	const char *mode = at ? "batch" : "standard";
	if (!at && rt && (at = xml_child(rt, "IterativeMacro")))
		mode = "iterative";
	AstProp *pr = ast_prop_new(A->doc, "macro_mode", mode);
	pr->key = SET_MACRO_MODE;
	pr->loc = ayx_loc(A, at ? at : root);
	ast_push(A->doc, &A->flow->props, pr);
}

static const char *module_type(const xmlNode *root)
{
	const xmlNode *p = xml_child(root, "Properties");
	const xmlNode *rt = p ? xml_child(p, "RuntimeProperties") : NULL;
	const char *m = rt ? ayx_child_value(rt, "ModuleType") : NULL;
	return m && *m ? m : NULL;
}

/* The flow's name: MetaInfo/Name, else the file's name without its
 * directory and extension. */
static const char *flow_name(Ayx *A, const xmlNode *root, const char *path)
{
	const xmlNode *p = xml_child(root, "Properties");
	const char *n = p ? ayx_child_value(xml_child(p, "MetaInfo"), "Name") : NULL;
	if (n && *n)
		return ayx_str(A, n);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? arena_strndup(A->a, base, (size_t)(dot - base)) : ayx_str(A, base);
}

/* The kind the extension promises against ModuleType: a note when they
 * disagree (the file is read as ModuleType says). */
static void check_extension(Ayx *A, const xmlNode *root, const char *module)
{
	const char *dot = strrchr(A->doc->path, '.');
	const char *ext = dot ? dot + 1 : "";
	const char *said = ascii_ieq(ext, "yxmc") ? "Macro" : ascii_ieq(ext, "yxwz") ? "Wizard" : "";
	const char *is = module ? module : "";
	if (!ascii_ieq(ext, "yxmd") && !*said)
		return;
	if (strcmp(said, is) == 0 || (!*said && strcmp(is, "Wizard") != 0 && strcmp(is, "Macro") != 0))
		return;
	Diag d = {.code = N_AYX_KIND, .loc = ayx_loc(A, root), .span = 16};
	diag_emit(A->sink, &d,
		  "the file's extension is '.%s' but RuntimeProperties/ModuleType is '%s': read as %s", ext,
		  *is ? is : "(none)",
		  strcmp(is, "Macro") == 0    ? "a macro"
		  : strcmp(is, "Wizard") == 0 ? "an app"
					      : "a workflow");
}

AstDoc *ayx_read_document(Arena *a, const SrcFile *src, DiagSink *sink)
{
	Ayx A = {.a = a, .sink = sink};
	if (!xml_load(&A.x, src, sink))
		return NULL;
	const xmlNode *root = xmlDocGetRootElement(A.x.doc);
	const xmlNode *nodes = root ? xml_child(root, "Nodes") : NULL;
	if (!root || !xml_is(root, "AlteryxDocument") || !nodes) {
		Diag d = {.code = E_AYX_NOT_DOCUMENT,
			  .loc = root ? xml_loc(&A.x, root) : (SrcLoc){src, 1, 0},
			  .span = 16};
		if (root && xml_is(root, "AlteryxDocument"))
			diag_emit(sink, &d,
				  "not an Alteryx workflow: the AlteryxDocument has no <Nodes> element");
		else
			diag_emit(sink, &d,
				  "not an Alteryx workflow: the root element is '%s', not 'AlteryxDocument'",
				  root ? (const char *)root->name : "(none)");
		xml_free(&A.x);
		return NULL;
	}
	A.doc = ast_doc_new(a, TOOL_ALTERYX, src->path);
	A.doc->encoding = A.x.encoding ? arena_strdup(a, A.x.encoding) : NULL;
	A.doc->format_version = ayx_str(&A, xml_attr(root, "yxmdVer"));
	for (const xmlAttr *at = root->properties; at; at = at->next)
		if (strcmp((const char *)at->name, "yxmdVer") != 0)
			ast_push(A.doc, &A.doc->props,
				 ast_prop_new(A.doc, ayx_str(&A, (const char *)at->name),
					      ayx_str(&A, xml_attr(root, (const char *)at->name))));
	strmap_init(&A.ids, a, false);
	const char *module = module_type(root);
	const char *name = flow_name(&A, root, src->path);
	AstFolder *folder = A.folder = ast_folder_new(A.doc, name);
	folder->loc = xml_loc(&A.x, root);
	ast_push(A.doc, &A.doc->folders, folder);
	bool macro = module && strcmp(module, "Macro") == 0;
	A.flow = ast_flow_new(A.doc, macro ? FLOW_MAPPLET : FLOW_WORKFLOW, name);
	A.flow->loc = folder->loc;
	A.flow->valid = true;
	ast_push(A.doc, &folder->flows, A.flow);
	check_extension(&A, root, module);
	if (macro)
		macro_mode(&A, root);
	read_nodes(&A, nodes, NULL, false);
	EACH_CHILD(xml_child(root, "Connections"), "Connection", c) read_connection(&A, c);
	const xmlNode *props = xml_child(root, "Properties");
	if (props)
		read_doc_props(&A, props);
	ayx_complete_flow(&A); /* alteryx_flow.c: what each tool passes on, by field name */
	xml_free(&A.x);
	return A.doc;
}
