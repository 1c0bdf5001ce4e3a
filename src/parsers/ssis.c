/* ssis.c - the SSIS frontend: a .dtsx package into the workflow AST
 * (src/parsers), as docs/ast.md section 3 maps it.
 *
 * The package becomes one AstFolder holding a CTRL_PACKAGE control; its
 * executables become AstTasks (containers and loops with a sub-control),
 * precedence constraints AstLinks, event handlers CTRL_EVENT_HANDLER
 * controls, variables and parameters AstParams, connection managers
 * AstConnections, and each data flow task's <pipeline> an AstFlow
 * (ssis_flow.c).  Both dialects go through ssis_prop().
 *
 * Not kept, by design: designer layout (DesignTimeProperties, layout
 * PackageVariables), compiled script binaries (BinaryItem; their count and
 * size are kept as a prop), and secrets (Sensitive values, passwords,
 * connection strings: only the provider, server, database and file go in).
 */
#include "parsers/ssis.h"
#include "parsers/frontend.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

/* ---- the property accessor ------------------------------------------------ */

const char *ssis_prop(const xmlNode *n, const char *name, const xmlNode **where)
{
	if (where)
		*where = NULL;
	const char *v = xml_attr(n, name);
	if (v)
		return v;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (!xml_is(c, "Property"))
			continue;
		const char *pn = xml_attr(c, "Name");
		if (pn && strcmp(pn, name) == 0) {
			if (where)
				*where = c;
			return xml_text_view(c);
		}
	}
	return NULL;
}

bool ssis_is_true(const char *v)
{
	return v && (strcmp(v, "-1") == 0 || strcmp(v, "1") == 0 || ascii_ieq(v, "true"));
}

bool ssis_prop_bool(const xmlNode *n, const char *name, bool dflt)
{
	const char *v = ssis_prop(n, name, NULL);
	if (!v || !*v)
		return dflt;
	return ssis_is_true(v);
}

/* ---- small helpers -------------------------------------------------------- */

const char *ssis_str(Ssis *S, const char *s)
{
	return s ? arena_strdup(S->a, s) : NULL;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *P(Ssis *S, const xmlNode *n, const char *name)
{
	return ssis_str(S, ssis_prop(n, name, NULL));
}

SrcLoc ssis_loc(Ssis *S, const xmlNode *n)
{
	return xml_loc(&S->x, n);
}

SrcLoc ssis_loc_line(Ssis *S, const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	return (SrcLoc){S->x.src, line > 0 ? (uint32_t)line : 0, 0};
}

SrcLoc ssis_prop_loc(Ssis *S, const xmlNode *n, const char *name)
{
	const xmlNode *where;
	if (!ssis_prop(n, name, &where))
		return ssis_loc(S, n);
	if (where) /* element text: the line of its DTS:Property */
		return ssis_loc(S, where);
	char qname[128];
	snprintf(qname, sizeof qname, "DTS:%s", name);
	SrcLoc l = xml_attr_loc(&S->x, n, qname);
	if (l.col == 0 || l.line == 0)
		l = xml_attr_loc(&S->x, n, name);
	return l;
}

bool ssis_is_sensitive(const xmlNode *n)
{
	return ssis_is_true(xml_attr(n, "Sensitive")) || ssis_is_true(xml_attr(n, "Encrypted"));
}

static bool in_list(const char *name, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/* Remaining attributes and DTS:Property children as props (v2/v3 and
 * v6/v8 alike), except those consumed and empty ones. */
static void rest_props(Ssis *S, const xmlNode *n, PtrVec *props, const char *const *consumed)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v = xml_attr(n, name);
		if (!v || !*v || in_list(name, consumed))
			continue;
		AstProp *p = ast_prop_new(S->doc, ssis_str(S, name), ssis_str(S, v));
		p->loc = ssis_loc_line(S, n);
		ast_push(S->doc, props, p);
	}
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (!xml_is(c, "Property"))
			continue;
		const char *name = xml_attr(c, "Name");
		if (!name || in_list(name, consumed))
			continue;
		AstProp *p = ast_prop_new(S->doc, ssis_str(S, name), "");
		p->loc = ssis_loc_line(S, c);
		if (ssis_is_sensitive(c)) {
			p->sensitive = true;
			S->sensitive++;
		} else {
			const char *v = xml_text_view(c);
			if (!*v)
				continue;
			p->value = ssis_str(S, v);
		}
		ast_push(S->doc, props, p);
	}
}

AstElem *ssis_capture(Ssis *S, const xmlNode *n)
{
	AstElem *e = ast_elem_new(S->doc, ssis_str(S, (const char *)n->name));
	e->loc = ssis_loc_line(S, n);
	bool secret = ssis_is_sensitive(n);
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v = xml_attr(n, name);
		if (!v || !*v)
			continue;
		AstProp *p = ast_prop_new(S->doc, ssis_str(S, name), "");
		if (strcmp(name, "ConnectionString") == 0 || strstr(name, "Password")) {
			p->sensitive = true; /* never copied: may hold a password */
			S->sensitive++;
		} else
			p->value = ssis_str(S, v);
		ast_push(S->doc, &e->attrs, p);
	}
	if (xml_is(n, "BinaryItem")) { /* compiled script: dropped, size noted */
		const char *t = xml_text_view(n);
		ast_push(S->doc, &e->attrs,
			 ast_prop_new(S->doc, "dropped_bytes", arena_sprintf(S->a, "%zu", strlen(t))));
		return e;
	}
	if (secret) {
		S->sensitive++;
		return e;
	}
	const xmlNode *c = xml_first(n);
	if (!c) {
		const char *t = xml_text_view(n);
		e->text = *t ? ssis_str(S, t) : NULL;
	}
	for (; c; c = xml_next(c)) {
		if (xml_is(c, "DesignTimeProperties"))
			continue;
		ast_push(S->doc, &e->children, ssis_capture(S, c));
	}
	return e;
}

/* ---- references to things outside the file -------------------------------- */

/* Add `name` once to doc->params as an undeclared parameter or variable. */
static void note_outside(Ssis *S, const char *name, ParamKind kind, ParamScope scope, SrcLoc loc)
{
	if (strmap_get(&S->project, name))
		return;
	AstParam *p = ast_param_new(S->doc, name, kind, scope);
	p->declared = false;
	p->loc = loc;
	strmap_put(&S->project, name, p);
	ast_push(S->doc, &S->doc->params, p);
}

/* $Project::X (project parameters, kept in Project.params) and
 * @[System::X] read by an expression. */
static void scan_outside_refs(Ssis *S, const AstExpr *e)
{
	const char *t = e->text;
	for (const char *p = t; (p = strchr(p, '$')) != NULL; p++) {
		if (strncmp(p, "$Project::", 10) != 0)
			continue;
		const char *q = p + 10;
		size_t n = 0;
		while (q[n] && (q[n] == '_' || (unsigned char)q[n] >= 0x80 || (q[n] >= '0' && q[n] <= '9') ||
				((q[n] | 32) >= 'a' && (q[n] | 32) <= 'z')))
			n++;
		if (n)
			note_outside(S, arena_sprintf(S->a, "$Project::%.*s", (int)n, q), PARAM_PARAMETER,
				     SCOPE_PROJECT, e->loc);
	}
	for (const char *p = t; (p = strstr(p, "System::")) != NULL; p++) {
		const char *q = p + 8;
		size_t n = 0;
		while (q[n] && q[n] != ']' && q[n] != ' ' && q[n] != ')' && q[n] != ',' && n < 64)
			n++;
		if (n)
			note_outside(S, arena_sprintf(S->a, "System::%.*s", (int)n, q), PARAM_VARIABLE,
				     SCOPE_SYSTEM, e->loc);
	}
}

AstExpr *ssis_expr_new(Ssis *S, ExprLang lang, const char *text, SrcLoc loc)
{
	AstExpr *e = ast_expr_new(S->doc, lang, ssis_str(S, text), loc);
	if (lang == LANG_SSIS || lang == LANG_SQL)
		scan_outside_refs(S, e);
	return e;
}

/* ---- types ---------------------------------------------------------------- */

static int32_t to_int(const char *v, int32_t dflt)
{
	if (!v || !*v)
		return dflt;
	char *end;
	long x = strtol(v, &end, 10);
	return (*end == '\0' && x >= INT32_MIN && x <= INT32_MAX) ? (int32_t)x : dflt;
}

AstType ssis_pipeline_type(Ssis *S, const char *dt, const char *length, const char *precision,
			   const char *scale)
{
	static const struct {
		const char *name;
		TypeKind kind;
		bool unicode;
	} types[] = {
	    {"str", TY_STRING, false},
	    {"wstr", TY_STRING, true},
	    {"text", TY_STRING, false},
	    {"nText", TY_STRING, true},
	    {"guid", TY_STRING, false},
	    {"bool", TY_BOOLEAN, false},
	    {"i1", TY_SMALLINT, false},
	    {"i2", TY_SMALLINT, false},
	    {"ui1", TY_SMALLINT, false},
	    {"ui2", TY_SMALLINT, false},
	    {"i4", TY_INTEGER, false},
	    {"ui4", TY_INTEGER, false},
	    {"i8", TY_BIGINT, false},
	    {"ui8", TY_BIGINT, false},
	    {"numeric", TY_DECIMAL, false},
	    {"decimal", TY_DECIMAL, false},
	    {"cy", TY_DECIMAL, false},
	    {"r4", TY_DOUBLE, false},
	    {"r8", TY_DOUBLE, false},
	    {"dbDate", TY_DATE, false},
	    {"dbTime", TY_TIME, false},
	    {"dbTime2", TY_TIME, false},
	    {"date", TY_TIMESTAMP, false},
	    {"dbTimeStamp", TY_TIMESTAMP, false},
	    {"dbTimeStamp2", TY_TIMESTAMP, false},
	    {"dbTimeStampOffset", TY_TIMESTAMP, false},
	    {"fileTime", TY_TIMESTAMP, false},
	    {"bytes", TY_BINARY, false},
	    {"image", TY_BINARY, false},
	};
	AstType t = ast_type_unknown();
	if (!dt || !*dt)
		return t;
	t.orig = ssis_str(S, dt);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (ascii_ieq(dt, types[i].name)) {
			t.kind = types[i].kind;
			t.unicode = types[i].unicode;
			break;
		}
	if (t.kind == TY_STRING || t.kind == TY_BINARY)
		t.precision = to_int(length, -1);
	else if (t.kind == TY_DECIMAL) {
		t.precision = to_int(precision, -1);
		t.scale = to_int(scale, -1);
	}
	if (t.precision == 0 && t.kind != TY_DECIMAL)
		t.precision = -1;
	return t;
}

/* Variable and flat-file DTS:DataType codes (OLE DB VARTYPEs). */
static AstType code_type(Ssis *S, const char *code)
{
	AstType t = ast_type_unknown();
	if (!code || !*code)
		return t;
	t.orig = ssis_str(S, code);
	switch (to_int(code, -1)) {
	case 2:
	case 16:
	case 17:
	case 18: t.kind = TY_SMALLINT; break;
	case 3:
	case 19: t.kind = TY_INTEGER; break;
	case 20:
	case 21: t.kind = TY_BIGINT; break;
	case 4:
	case 5: t.kind = TY_DOUBLE; break;
	case 6:
	case 14:
	case 131: t.kind = TY_DECIMAL; break;
	case 7:
	case 135:
	case 304: t.kind = TY_TIMESTAMP; break;
	case 133: t.kind = TY_DATE; break;
	case 8:
	case 129:
	case 130: t.kind = TY_STRING; break;
	case 11: t.kind = TY_BOOLEAN; break;
	case 13: t.kind = TY_OBJECT; break;
	default: break;
	}
	return t;
}

/* ---- connection managers --------------------------------------------------- */

/* Copy the non-secret parts of a connection string: the provider as the
 * subtype, server and database as props.  Nothing else is kept. */
static const char *conn_string_parts(Ssis *S, AstConnection *c, const char *cs, SrcLoc loc)
{
	const char *provider = NULL;
	const char *p = cs;
	while (p && *p) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (eq) {
			char key[48];
			size_t kl = (size_t)(eq - p);
			while (kl && p[kl - 1] == ' ')
				kl--;
			const char *k = p;
			while (kl && *k == ' ')
				k++, kl--;
			if (kl < sizeof key) {
				memcpy(key, k, kl);
				key[kl] = '\0';
				const char *val = arena_strndup(S->a, eq + 1, len - (size_t)(eq + 1 - p));
				const char *pname = NULL;
				Setting set = SET_NONE;
				if (ascii_ieq(key, "Provider"))
					provider = val;
				else if (ascii_ieq(key, "Data Source") || ascii_ieq(key, "Server"))
					pname = "server";
				else if (ascii_ieq(key, "Initial Catalog") || ascii_ieq(key, "Database"))
					pname = "database";
				(void)set;
				if (pname && *val) {
					AstProp *pr = ast_prop_new(S->doc, pname, val);
					pr->loc = loc;
					ast_push(S->doc, &c->props, pr);
				}
			}
		}
		p = semi ? semi + 1 : NULL;
	}
	return provider;
}

/* Flat-file columns become the connection's record layout.
 *   <DTS:FlatFileColumns><DTS:FlatFileColumn DTS:ObjectName="A"
 *     DTS:DataType="129" DTS:MaximumWidth="50" DTS:ColumnDelimiter="_x002C_"/> */
static void flat_file_layout(Ssis *S, AstConnection *c, const xmlNode *inner)
{
	AstTable *t = ast_table_new(S->doc, TABLE_RECORD, c->name);
	t->is_file = true;
	t->db_type = "Flat File";
	t->loc = ssis_loc(S, inner);
	static const char *const settings[] = {"Format",
					       "LocaleID",
					       "Unicode",
					       "HeaderRowsToSkip",
					       "HeaderRowDelimiter",
					       "ColumnNamesInFirstDataRow",
					       "RowDelimiter",
					       "DataRowsToSkip",
					       "TextQualifier",
					       "CodePage",
					       NULL};
	for (const char *const *k = settings; *k; k++) {
		const char *v = ssis_prop(inner, *k, NULL);
		if (v && *v) {
			AstProp *p = ast_prop_new(S->doc, *k, ssis_str(S, v));
			p->loc = ssis_prop_loc(S, inner, *k);
			ast_push(S->doc, &t->file_settings, p);
		}
	}
	for (const xmlNode *cols = xml_first(inner); cols; cols = xml_next(cols)) {
		const xmlNode *first = cols;
		if (xml_is(cols, "FlatFileColumns"))
			first = xml_first(cols);
		else if (!xml_is(cols, "FlatFileColumn"))
			continue;
		for (const xmlNode *col = first; col; col = xml_next(col)) {
			if (!xml_is(col, "FlatFileColumn"))
				continue;
			AstPort *f = ast_port_new(S->doc, or_empty(P(S, col, "ObjectName")));
			f->type = code_type(S, ssis_prop(col, "DataType", NULL));
			int32_t w = to_int(ssis_prop(col, "MaximumWidth", NULL), -1);
			if (w > 0 && f->type.kind == TY_STRING)
				f->type.precision = w;
			f->loc = ssis_loc_line(S, col);
			static const char *const used[] = {"ObjectName", "DataType", "DTSID", "CreationName",
							   NULL};
			rest_props(S, col, &f->props, used);
			ast_push(S->doc, &t->fields, f);
			if (cols == col)
				break; /* v2/v3: FlatFileColumn directly inside */
		}
	}
	c->layout = t;
}

/*   <DTS:ConnectionManager DTS:refId="Package.ConnectionManagers[X]"
 *     DTS:CreationName="OLEDB" DTS:DTSID="{...}" DTS:ObjectName="X">
 *     <DTS:ObjectData><DTS:ConnectionManager DTS:ConnectionString="..."/>
 * (v2/v3: the same scalars as DTS:Property children) */
static void read_connection(Ssis *S, const xmlNode *n)
{
	const char *name = or_empty(P(S, n, "ObjectName"));
	const char *kind = or_empty(P(S, n, "CreationName"));
	SrcLoc loc = ssis_loc(S, n);
	const xmlNode *inner = NULL;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		if (xml_is(c, "ObjectData"))
			inner = xml_first(c);
	const char *cs = NULL;
	if (inner)
		cs = ssis_prop(inner, "ConnectionString", NULL);
	if (!cs)
		cs = ssis_prop(n, "ConnectionString", NULL);
	AstConnection tmp = {0};
	const char *provider = NULL;
	bool is_file = ascii_ieq(kind, "FILE") || ascii_ieq(kind, "FLATFILE") || ascii_ieq(kind, "EXCEL");
	if (cs && !is_file)
		provider = conn_string_parts(S, &tmp, cs, loc);
	if (cs &&
	    (strstr(cs, "Password=") || strstr(cs, "password=") || strstr(cs, "Pwd=") || strstr(cs, "PWD=")))
		S->sensitive++; /* never copied; counted so the note says so */
	AstConnection *c = ast_connection_get(S->doc, name, kind, provider, loc);
	if (c->declared) { /* same name twice: keep both apart */
		c = ast_connection_get(S->doc, arena_sprintf(S->a, "%s@%u", name, loc.line), kind, provider,
				       loc);
	}
	c->declared = true;
	c->def_loc = loc;
	const char *id = P(S, n, "DTSID");
	const char *ref = P(S, n, "refId");
	c->id = id ? id : ref;
	for (uint32_t i = 0; i < tmp.props.len; i++)
		ast_push(S->doc, &c->props, tmp.props.items[i]);
	if (cs && is_file && *cs && !ascii_ieq(kind, "EXCEL")) {
		AstProp *p = ast_prop_new(S->doc, "ConnectionString", ssis_str(S, cs));
		p->key = SET_FILE_NAME;
		p->loc = ssis_prop_loc(S, inner ? inner : n, "ConnectionString");
		ast_push(S->doc, &c->props, p);
	}
	if (inner && ascii_ieq(kind, "FLATFILE"))
		flat_file_layout(S, c, inner);
	static const char *const used[] = {"ObjectName",       "CreationName", "DTSID", "refId",
					   "ConnectionString", "Description",  NULL};
	rest_props(S, n, &c->props, used);
	for (const xmlNode *ch = xml_first(n); ch; ch = xml_next(ch)) {
		if (xml_is(ch, "PropertyExpression")) {
			const char *pn = or_empty(xml_attr(ch, "Name"));
			AstProp *p = ast_prop_new(S->doc, ssis_str(S, pn), ssis_str(S, xml_text_view(ch)));
			p->expr = ssis_expr_new(S, LANG_SSIS, xml_text_view(ch), ssis_loc(S, ch));
			p->loc = ssis_loc(S, ch);
			ast_push(S->doc, &c->props, p);
		}
	}
	/* passwords and other sensitive children of ObjectData: not kept */
	for (const xmlNode *sc = inner ? xml_first(inner) : NULL; sc; sc = xml_next(sc))
		if (ssis_is_sensitive(sc))
			S->sensitive++;
	strmap_put(&S->conns, name, c);
	if (id)
		strmap_put(&S->conns, id, c);
	if (ref)
		strmap_put(&S->conns, ref, c);
}

AstConnection *ssis_conn_ref(Ssis *S, const char *ref, SrcLoc loc)
{
	if (!ref || !*ref)
		return NULL;
	AstConnection *c = strmap_get(&S->conns, ref);
	if (c)
		return c;
	/* Project.ConnectionManagers[X]: a project manager, outside the file */
	const char *name = ref;
	const char *lb = strchr(ref, '[');
	size_t n = strlen(ref);
	if (strncmp(ref, "Project.ConnectionManagers[", 27) == 0 && n > 28 && ref[n - 1] == ']')
		name = arena_strndup(S->a, lb + 1, n - 28);
	c = ast_connection_get(S->doc, ssis_str(S, name), "", NULL, loc);
	c->id = ssis_str(S, ref);
	strmap_put(&S->conns, c->id, c);
	return c;
}

/* ---- variables and parameters ---------------------------------------------- */

/*   <DTS:Variable DTS:Namespace="User" DTS:ObjectName="X"
 *     DTS:EvaluateAsExpression="True" DTS:Expression="...">
 *     <DTS:VariableValue DTS:DataType="8">value</DTS:VariableValue> */
static AstParam *read_variable(Ssis *S, const xmlNode *n, const char *owner)
{
	const char *ns = ssis_prop(n, "Namespace", NULL);
	const char *obj = ssis_prop(n, "ObjectName", NULL);
	const char *name = arena_sprintf(S->a, "%s::%s", ns && *ns ? ns : "User", obj ? obj : "");
	bool system = ns && strcmp(ns, "System") == 0;
	AstParam *p = ast_param_new(S->doc, name, PARAM_VARIABLE, system ? SCOPE_SYSTEM : SCOPE_CONTROL);
	p->owner = owner;
	p->loc = ssis_loc(S, n);
	p->user_defined = !system;
	p->description = P(S, n, "Description");
	bool sensitive = ssis_prop_bool(n, "Sensitive", false);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (!xml_is(c, "VariableValue"))
			continue;
		p->type = code_type(S, xml_attr(c, "DataType"));
		if (sensitive || ssis_is_sensitive(c)) {
			p->sensitive = true;
			S->sensitive++;
		} else
			p->default_value = ssis_str(S, xml_text_view(c));
	}
	const char *ex = ssis_prop(n, "Expression", NULL);
	if (ssis_prop_bool(n, "EvaluateAsExpression", false) && ex && *ex)
		p->expr = ssis_expr_new(S, LANG_SSIS, ex, ssis_prop_loc(S, n, "Expression"));
	else if (ex && *ex) {
		AstProp *pr = ast_prop_new(S->doc, "Expression", ssis_str(S, ex));
		ast_push(S->doc, &p->props, pr);
	}
	static const char *const used[] = {
	    "Namespace", "ObjectName",   "Description",        "Expression", "EvaluateAsExpression",
	    "DTSID",     "CreationName", "IncludeInDebugDump", "Sensitive",  NULL};
	rest_props(S, n, &p->props, used);
	return p;
}

/*   <DTS:PackageParameter DTS:ObjectName="P" DTS:DataType="8" DTS:Required="True">
 *     <DTS:Property DTS:Name="ParameterValue">value</DTS:Property> */
static AstParam *read_parameter(Ssis *S, const xmlNode *n, const char *owner)
{
	const char *obj = ssis_prop(n, "ObjectName", NULL);
	AstParam *p = ast_param_new(S->doc, arena_sprintf(S->a, "$Package::%s", obj ? obj : ""),
				    PARAM_PARAMETER, SCOPE_CONTROL);
	p->owner = owner;
	p->loc = ssis_loc(S, n);
	p->user_defined = true;
	p->type = code_type(S, ssis_prop(n, "DataType", NULL));
	p->description = P(S, n, "Description");
	if (ssis_prop_bool(n, "Sensitive", false)) {
		p->sensitive = true;
		S->sensitive++;
	} else
		p->default_value = P(S, n, "ParameterValue");
	static const char *const used[] = {"ObjectName", "DataType",     "Description", "ParameterValue",
					   "DTSID",      "CreationName", NULL};
	rest_props(S, n, &p->props, used);
	return p;
}

/* ---- executables ----------------------------------------------------------- */

/* The neutral kind of an ExecutableType, after normalising its spelling:
 * "Microsoft.SqlServer.Dts.Tasks.ExecuteSQLTask.ExecuteSQLTask, ...,
 * Version=10.0.0.0", "Microsoft.ExecuteSQLTask", "SSIS.Pipeline.3",
 * "STOCK:SEQUENCE" all come to one short name. */
typedef enum { EX_TASK, EX_SEQUENCE, EX_FORLOOP, EX_FOREACH, EX_PACKAGE } ExecClass;

static void short_type(const char *type, char *out, size_t n)
{
	const char *end = strchr(type, ',');
	size_t len = end ? (size_t)(end - type) : strlen(type);
	const char *colon = memchr(type, ':', len);
	if (colon) { /* STOCK:SEQUENCE */
		len -= (size_t)(colon + 1 - type);
		type = colon + 1;
	}
	/* last dotted segment that is not a version number */
	const char *seg = type, *prev = type;
	for (size_t i = 0; i < len; i++)
		if (type[i] == '.') {
			prev = seg;
			seg = type + i + 1;
		}
	size_t sl = len - (size_t)(seg - type);
	if (sl && seg[0] >= '0' && seg[0] <= '9' && seg != type) {
		sl = (size_t)(seg - 1 - prev);
		seg = prev;
	}
	if (sl >= n)
		sl = n - 1;
	memcpy(out, seg, sl);
	out[sl] = '\0';
}

static const struct {
	const char *name; /* short type, compared ignoring case */
	TaskKind kind;
	ExecClass cls;
} task_types[] = {
    {"Pipeline", TASK_RUN_FLOW, EX_TASK},
    {"{5918251B-2970-45A4-AB5F-01C3C588FE5A}", TASK_RUN_FLOW, EX_TASK},
    {"{E3CFBEA8-1F48-40D8-91E1-2DEDC1EDDD56}", TASK_RUN_FLOW, EX_TASK},
    {"SEQUENCE", TASK_CONTAINER, EX_SEQUENCE},
    {"FORLOOP", TASK_LOOP, EX_FORLOOP},
    {"FOREACHLOOP", TASK_LOOP, EX_FOREACH},
    {"Package", TASK_RUN_CONTROL, EX_PACKAGE},
    {"ExecuteSQLTask", TASK_SQL, EX_TASK},
    {"ExecutePackageTask", TASK_RUN_CONTROL, EX_TASK},
    {"ScriptTask", TASK_SCRIPT, EX_TASK},
    {"ExpressionTask", TASK_ASSIGNMENT, EX_TASK},
    {"ExecuteProcess", TASK_COMMAND, EX_TASK},
    {"ExecuteProcessTask", TASK_COMMAND, EX_TASK},
    {"SendMailTask", TASK_EMAIL, EX_TASK},
    {"WmiEventWatcherTask", TASK_EVENT_WAIT, EX_TASK},
    {"HiveTask", TASK_SQL, EX_TASK},
    {"HadoopHiveTask", TASK_SQL, EX_TASK},
    {"PigTask", TASK_SCRIPT, EX_TASK},
    {"HadoopPigTask", TASK_SCRIPT, EX_TASK},
    {"FileSystemTask", TASK_FILE, EX_TASK},
    {"FtpTask", TASK_FILE, EX_TASK},
    {"CopyToBlobTask", TASK_FILE, EX_TASK},
    {"CopyFromBlobTask", TASK_FILE, EX_TASK},
    {"AdlsTask", TASK_FILE, EX_TASK},
    {"HadoopFileSystemTask", TASK_FILE, EX_TASK},
    {"WebServiceTask", TASK_HTTP, EX_TASK},
    /* recognised, no neutral meaning: kept opaque without a warning */
    {"ASExecuteDDLTask", TASK_OTHER, EX_TASK},
    {"DTSProcessingTask", TASK_OTHER, EX_TASK},
    {"DataProfilingTask", TASK_OTHER, EX_TASK},
    {"DMQueryTask", TASK_OTHER, EX_TASK},
    {"TransferJobsTask", TASK_OTHER, EX_TASK},
    {"TransferDatabaseTask", TASK_OTHER, EX_TASK},
    {"TransferSqlServerObjectsTask", TASK_OTHER, EX_TASK},
    {"TransferLoginsTask", TASK_OTHER, EX_TASK},
    {"TransferErrorMessagesTask", TASK_OTHER, EX_TASK},
    {"TransferStoredProceduresTask", TASK_OTHER, EX_TASK},
    {"DbMaintenanceBackupTask", TASK_OTHER, EX_TASK},
    {"MessageQueueTask", TASK_OTHER, EX_TASK},
    {"WmiDataReaderTask", TASK_OTHER, EX_TASK},
    {"XMLTask", TASK_OTHER, EX_TASK},
    {"CdcControlTask", TASK_OTHER, EX_TASK},
    {"CreateHdiClusterTask", TASK_OTHER, EX_TASK},
    {"DeleteHdiClusterTask", TASK_OTHER, EX_TASK},
    {"DwUploadTask", TASK_OTHER, EX_TASK},
    {"BulkInsertTask", TASK_OTHER, EX_TASK},
};

/* False when the type is not recognised. */
static bool task_kind(const char *type, TaskKind *kind, ExecClass *cls)
{
	char st[128];
	short_type(type, st, sizeof st);
	for (size_t i = 0; i < sizeof task_types / sizeof task_types[0]; i++)
		if (ascii_ieq(st, task_types[i].name)) {
			*kind = task_types[i].kind;
			*cls = task_types[i].cls;
			return true;
		}
	*kind = TASK_OTHER;
	*cls = EX_TASK;
	return false;
}


/* A pipeline inside DTS:ObjectData makes a data flow task, whatever its
 * ExecutableType says (four spellings and two CLSIDs). */
static const xmlNode *find_pipeline(const xmlNode *n)
{
	const xmlNode *od = xml_child(n, "ObjectData");
	return od ? xml_child(od, "pipeline") : NULL;
}

static AstProp *prop_add(Ssis *S, PtrVec *props, const char *name, const char *value, Setting key, SrcLoc loc)
{
	AstProp *p = ast_prop_new(S->doc, name, value);
	p->key = key;
	p->loc = loc;
	ast_push(S->doc, props, p);
	return p;
}

/*   <SQLTask:SqlTaskData SQLTask:Connection="{GUID}" SQLTask:SqlStatementSource="...">
 *     <SQLTask:ParameterBinding SQLTask:ParameterName="0" SQLTask:DtsVariableName="User::X" .../>
 *     <SQLTask:ResultBinding SQLTask:ResultName="0" SQLTask:DtsVariableName="User::Y"/> */
static void read_sql_task(Ssis *S, AstTask *t, const xmlNode *d)
{
	const char *conn = xml_attr(d, "Connection");
	if (conn && *conn) {
		AstConnection *c = ssis_conn_ref(S, conn, xml_attr_loc(&S->x, d, "SQLTask:Connection"));
		prop_add(S, &t->props, "Connection", c ? c->name : ssis_str(S, conn), SET_CONNECTION,
			 xml_attr_loc(&S->x, d, "SQLTask:Connection"));
	}
	const char *src = xml_attr(d, "SqlStatementSource");
	const char *stype = xml_attr(d, "SqlStmtSourceType");
	if (src) {
		SrcLoc l = xml_attr_loc(&S->x, d, "SQLTask:SqlStatementSource");
		AstProp *p = prop_add(S, &t->props, "SqlStatementSource", ssis_str(S, src), SET_SQL_QUERY, l);
		if (!stype || ascii_ieq(stype, "DirectInput"))
			p->expr = ssis_expr_new(S, LANG_SQL, src, l);
	}
	static const char *const used[] = {"Connection", "SqlStatementSource", NULL};
	rest_props(S, d, &t->props, used);
	for (const xmlNode *c = xml_first(d); c; c = xml_next(c))
		ast_push(S->doc, &t->extras, ssis_capture(S, c)); /* ParameterBinding, ResultBinding */
}

/*   <ScriptProject Name="ST_..." Language="CSharp">
 *     <ProjectItem Name="ScriptMain.cs"><![CDATA[...]]></ProjectItem>
 *     <BinaryItem Name="\bin\...dll">base64</BinaryItem> */
static void read_script_task(Ssis *S, AstTask *t, const xmlNode *d)
{
	const char *lang = xml_attr(d, "Language");
	if (lang)
		prop_add(S, &t->props, "Language", ssis_str(S, lang), SET_LANGUAGE,
			 xml_attr_loc(&S->x, d, "Language"));
	ast_push(S->doc, &t->extras, ssis_capture(S, d));
}

/*   <ExecutePackageTask><UseProjectReference>True</UseProjectReference>
 *     <PackageName>Child.dtsx</PackageName><Connection>{GUID}</Connection>
 *     <ParameterAssignment><ParameterName>P</ParameterName>
 *       <BindedVariableOrParameterName>User::X</BindedVariableOrParameterName> */
static void read_exec_package(Ssis *S, AstTask *t, const xmlNode *d)
{
	for (const xmlNode *c = xml_first(d); c; c = xml_next(c)) {
		const char *v = xml_text_view(c);
		if (xml_is(c, "PackageName") && *v)
			t->def_name = ssis_str(S, v);
		else if (xml_is(c, "Connection") && *v && !t->def_name) {
			AstConnection *cn = ssis_conn_ref(S, v, ssis_loc(S, c));
			t->def_name = cn ? cn->name : ssis_str(S, v);
		}
		if (xml_is(c, "ParameterAssignment")) {
			const xmlNode *pn = xml_child(c, "ParameterName");
			const xmlNode *bv = xml_child(c, "BindedVariableOrParameterName");
			AstCommand *cmd = ast_command_new(S->doc, ssis_str(S, pn ? xml_text_view(pn) : ""));
			cmd->assignment = true;
			cmd->loc = ssis_loc(S, c);
			cmd->value = ssis_expr_new(S, LANG_NONE, bv ? xml_text_view(bv) : "", cmd->loc);
			ast_push(S->doc, &t->commands, cmd);
		} else
			ast_push(S->doc, &t->extras, ssis_capture(S, c));
	}
	/* v2/v3 put the child package's connection on the data element */
	const char *conn = xml_attr(d, "Connection");
	if (!t->def_name && conn) {
		AstConnection *cn = ssis_conn_ref(S, conn, ssis_loc(S, d));
		t->def_name = cn ? cn->name : ssis_str(S, conn);
	}
}

/* Task-specific contents of DTS:ObjectData. */
static void read_object_data(Ssis *S, AstTask *t, const xmlNode *od, const char *path)
{
	for (const xmlNode *d = xml_first(od); d; d = xml_next(d)) {
		if (xml_is(d, "pipeline")) {
			ssis_read_pipeline(S, t, path, d);
		} else if (xml_is(d, "SqlTaskData")) {
			read_sql_task(S, t, d);
		} else if (xml_is(d, "ScriptProject")) {
			read_script_task(S, t, d);
		} else if (xml_is(d, "ExpressionTask")) {
			const char *e = xml_attr(d, "Expression");
			AstCommand *c = ast_command_new(S->doc, "");
			c->assignment = true;
			c->loc = ssis_loc(S, d);
			c->value =
			    ssis_expr_new(S, LANG_SSIS, e ? e : "", xml_attr_loc(&S->x, d, "Expression"));
			/* the assigned variable: "@[User::X] = ...", not "@[User::X] == 1" */
			if (e) {
				const char *lb = strstr(e, "@[");
				const char *rb = lb ? strchr(lb, ']') : NULL;
				const char *eq = rb ? rb + 1 : NULL;
				while (eq && (*eq == ' ' || *eq == '\t' || *eq == '\r' || *eq == '\n'))
					eq++;
				if (lb && rb && eq[0] == '=' && eq[1] != '=')
					c->name = arena_strndup(S->a, lb + 2, (size_t)(rb - lb - 2));
			}
			ast_push(S->doc, &t->commands, c);
		} else if (xml_is(d, "ExecuteProcessData")) {
			const char *exe = xml_attr(d, "Executable");
			const char *args = xml_attr(d, "Arguments");
			AstCommand *c = ast_command_new(S->doc, "Executable");
			c->loc = ssis_loc(S, d);
			c->value = ssis_expr_new(S, LANG_SHELL,
						 arena_sprintf(S->a, "%s%s%s", exe ? exe : "",
							       args && *args ? " " : "", args ? args : ""),
						 xml_attr_loc(&S->x, d, "Executable"));
			ast_push(S->doc, &t->commands, c);
			static const char *const used[] = {"Executable", "Arguments", NULL};
			rest_props(S, d, &t->props, used);
		} else if (xml_is(d, "ExecutePackageTask")) {
			read_exec_package(S, t, d);
		} else {
			ast_push(S->doc, &t->extras, ssis_capture(S, d));
		}
	}
}

typedef struct Scope {
	AstControl *ctl;
	const char *path; /* refId path of the container: "Package", "Package\Seq" */
	StrMap execs;     /* DTSID, refId and name of each executable -> AstTask */
} Scope;

static void read_body(Ssis *S, const xmlNode *n, AstControl *ctl, const char *path, PtrVec *handlers);

/*   <DTS:EventHandler DTS:refId="Package.EventHandlers[OnError]" DTS:EventName="OnError"> */
static AstControl *read_handler(Ssis *S, const xmlNode *n, const char *owner_path)
{
	const char *ev = or_empty(P(S, n, "EventName"));
	AstControl *h = ast_control_new(S->doc, CTRL_EVENT_HANDLER, ev);
	h->loc = ssis_loc(S, n);
	const char *ref = P(S, n, "refId");
	const char *path = ref ? ref : arena_sprintf(S->a, "%s.EventHandlers[%s]", owner_path, ev);
	read_body(S, n, h, path, &h->handlers);
	return h;
}

/* Loop settings: For Loop Init/Eval/Assign expressions, the Foreach
 * enumerator and its variable mappings. */
static void read_loop(Ssis *S, AstTask *t, const xmlNode *n, ExecClass cls)
{
	static const struct {
		const char *name;
		Setting key;
	} forloop[] = {{"InitExpression", SET_LOOP_INIT},
		       {"EvalExpression", SET_LOOP_CONDITION},
		       {"AssignExpression", SET_LOOP_NEXT}};
	if (cls == EX_FORLOOP)
		for (size_t i = 0; i < 3; i++) {
			const char *v = ssis_prop(n, forloop[i].name, NULL);
			if (!v || !*v)
				continue;
			SrcLoc l = ssis_prop_loc(S, n, forloop[i].name);
			AstProp *p =
			    prop_add(S, &t->props, forloop[i].name, ssis_str(S, v), forloop[i].key, l);
			p->expr = ssis_expr_new(S, LANG_SSIS, v, l);
		}
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "ForEachEnumerator")) {
			const char *kind = ssis_prop(c, "CreationName", NULL);
			prop_add(S, &t->props, "ForEachEnumerator", ssis_str(S, kind ? kind : ""),
				 SET_LOOP_ITEMS, ssis_loc(S, c));
			ast_push(S->doc, &t->extras, ssis_capture(S, c));
		} else if (xml_is(c, "ForEachVariableMappings") || xml_is(c, "ForEachVariableMapping")) {
			ast_push(S->doc, &t->extras, ssis_capture(S, c));
		}
	}
}

/* Property expressions: a prop (name = target property) holding the
 * expression, and the same expression as a binding. */
static void read_property_expression(Ssis *S, const xmlNode *c, PtrVec *props, PtrVec *bindings)
{
	const char *pn = or_empty(xml_attr(c, "Name"));
	SrcLoc l = ssis_loc(S, c);
	AstProp *p = prop_add(S, props, ssis_str(S, pn), ssis_str(S, xml_text_view(c)), SET_NONE, l);
	p->expr = ssis_expr_new(S, LANG_SSIS, xml_text_view(c), l);
	AstBinding *b = ARENA_NEW(S->a, AstBinding);
	b->target = p->name;
	b->property = p->name;
	b->expr = p->expr;
	b->loc = l;
	ast_push(S->doc, bindings, b);
}

/*   <DTS:Executable DTS:refId="Package\Load" DTS:ExecutableType="Microsoft.Pipeline"
 *     DTS:ObjectName="Load" DTS:DTSID="{...}" DTS:Disabled="True">
 *     <DTS:Variables/> <DTS:PropertyExpression .../> <DTS:ObjectData>...</DTS:ObjectData>
 *     <DTS:Executables/> <DTS:PrecedenceConstraints/> <DTS:EventHandlers/> */
static AstTask *read_executable(Ssis *S, Scope *sc, const xmlNode *n)
{
	const char *name = or_empty(P(S, n, "ObjectName"));
	const char *type = P(S, n, "ExecutableType");
	if (!type || !*type)
		type = or_empty(P(S, n, "CreationName"));
	const char *ref = P(S, n, "refId");
	const char *path = ref ? ref : arena_sprintf(S->a, "%s\\%s", sc->path, name);
	TaskKind kind;
	ExecClass cls;
	bool known = task_kind(type, &kind, &cls);
	const xmlNode *pipe = find_pipeline(n);
	if (pipe) {
		kind = TASK_RUN_FLOW;
		cls = EX_TASK;
		known = true;
	}
	AstTask *t = ast_task_new(S->doc, kind, name);
	t->orig_kind = type;
	t->loc = ssis_loc(S, n);
	t->description = P(S, n, "Description");
	t->enabled = !ssis_prop_bool(n, "Disabled", false);
	if (!known) {
		Diag d = {.code = W_SSIS_TASK_TYPE,
			  .loc = ssis_prop_loc(S, n, "ExecutableType"),
			  .context = S->context};
		diag_emit(S->sink, &d, "task '%s' has the unknown type '%s'", name, type);
	}
	if (!t->enabled) {
		Diag d = {.code = W_SSIS_DISABLED, .loc = ssis_prop_loc(S, n, "Disabled")};
		diag_emit(S->sink, &d, "executable '%s' is disabled", path);
	}
	if (cls == EX_PACKAGE) /* a v2/v3 child package stored inline: read as a container */
		cls = EX_SEQUENCE;
	static const char *const used[] = {
	    "ObjectName", "ExecutableType", "refId",          "Description",      "Disabled",
	    "DTSID",      "InitExpression", "EvalExpression", "AssignExpression", NULL};
	rest_props(S, n, &t->props, used);
	const char *id = P(S, n, "DTSID");
	if (cls != EX_TASK) {
		t->sub = ast_control_new(S->doc, cls == EX_SEQUENCE ? CTRL_CONTAINER : CTRL_LOOP, path);
		t->sub->loc = t->loc;
		t->sub->enabled = t->enabled;
		read_loop(S, t, n, cls);
		read_body(S, n, t->sub, path, &t->handlers);
	} else {
		/* variables, handlers and property expressions of a plain task */
		for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
			if (xml_is(c, "Variables") || xml_is(c, "Variable")) {
				const xmlNode *v = xml_is(c, "Variable") ? c : xml_first(c);
				for (; v; v = xml_next(v)) {
					if (xml_is(v, "Variable"))
						ast_push(S->doc, &sc->ctl->params, read_variable(S, v, path));
					if (c == v)
						break;
				}
			} else if (xml_is(c, "EventHandlers") || xml_is(c, "EventHandler")) {
				const xmlNode *h = xml_is(c, "EventHandler") ? c : xml_first(c);
				for (; h; h = xml_next(h)) {
					if (xml_is(h, "EventHandler"))
						ast_push(S->doc, &t->handlers, read_handler(S, h, path));
					if (c == h)
						break;
				}
			} else if (xml_is(c, "PropertyExpression")) {
				read_property_expression(S, c, &t->props, &t->bindings);
			} else if (xml_is(c, "ObjectData")) {
				read_object_data(S, t, c, path);
			} else if (xml_is(c, "LoggingOptions")) {
				ast_push(S->doc, &t->extras, ssis_capture(S, c));
			}
		}
	}
	if (id)
		strmap_put(&sc->execs, id, t);
	strmap_put(&sc->execs, path, t);
	strmap_put(&sc->execs, name, t);
	return t;
}

/* One end of a precedence constraint: v6/v8 name it by refId path, v2/v3
 * by an <DTS:Executable IDREF="{GUID}" DTS:IsFrom="-1|0"/> child. */
static const char *link_end(const xmlNode *n, bool from)
{
	const char *v = xml_attr(n, from ? "From" : "To");
	if (v)
		return v;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (!xml_is(c, "Executable"))
			continue;
		const char *idref = xml_attr(c, "IDREF");
		if (idref && ssis_is_true(xml_attr(c, "IsFrom")) == from)
			return idref;
	}
	return NULL;
}

/*   <DTS:PrecedenceConstraint DTS:From="Package\A" DTS:To="Package\B"
 *     DTS:Value="1" DTS:EvalOp="3" DTS:Expression="@X > 0" DTS:LogicalAnd="False"/> */
static void read_constraint(Ssis *S, Scope *sc, const xmlNode *n)
{
	AstLink *l = ast_link_new(S->doc);
	l->loc = ssis_loc(S, n);
	l->name = P(S, n, "ObjectName");
	l->from_name = ssis_str(S, link_end(n, true));
	l->to_name = ssis_str(S, link_end(n, false));
	l->from = l->from_name ? strmap_get(&sc->execs, l->from_name) : NULL;
	l->to = l->to_name ? strmap_get(&sc->execs, l->to_name) : NULL;
	/* v2/v3 name the ends by DTSID: show the path instead */
	if (l->from && l->from_name[0] == '{')
		l->from_name = arena_sprintf(S->a, "%s\\%s", sc->path, l->from->name);
	if (l->to && l->to_name[0] == '{')
		l->to_name = arena_sprintf(S->a, "%s\\%s", sc->path, l->to->name);
	if (!l->from || !l->to) {
		const char *which = !l->from ? "from" : "to";
		const char *nm = !l->from ? l->from_name : l->to_name;
		Diag d = {.code = E_SSIS_LINK, .loc = l->loc, .span = 24};
		diag_emit(S->sink, &d,
			  "precedence constraint '%s' in '%s': its '%s' end '%s' names no "
			  "executable of that container",
			  l->name ? l->name : "", sc->path, which, nm ? nm : "(none)");
	}
	int value = to_int(ssis_prop(n, "Value", NULL), 0);
	l->on = value == 1 ? LINK_FAILURE : value == 2 ? LINK_COMPLETION : LINK_SUCCESS;
	int op = to_int(ssis_prop(n, "EvalOp", NULL), 2);
	const char *ex = ssis_prop(n, "Expression", NULL);
	if ((op == 1 || op == 3 || op == 4) && ex && *ex)
		l->cond = ssis_expr_new(S, LANG_SSIS, ex, ssis_prop_loc(S, n, "Expression"));
	if (op == 1)
		l->on = LINK_ANY; /* the expression alone decides */
	l->cond_or_outcome = op == 4;
	if (!ssis_prop_bool(n, "LogicalAnd", true) && l->to)
		l->to->links_and = false;
	static const char *const used[] = {"ObjectName", "From",       "To",    "Value", "EvalOp",
					   "Expression", "LogicalAnd", "refId", "DTSID", NULL};
	rest_props(S, n, &l->props, used);
	ast_push(S->doc, &sc->ctl->links, l);
}

/* Apply `fn` to `c` itself when it is `item`, else to its `item` children:
 * v2/v3 put executables, constraints, variables... directly in their
 * owner, v6/v8 in a plural wrapper. */
#define EACH_ITEM(c, item, v)                                                                             \
	for (const xmlNode *v = xml_is(c, item) ? c : xml_first(c); v; v = (v == c) ? NULL : xml_next(v)) \
		if (xml_is(v, item))

/* The body of the package, a container or an event handler. */
static void read_body(Ssis *S, const xmlNode *n, AstControl *ctl, const char *path, PtrVec *handlers)
{
	Scope sc = {.ctl = ctl, .path = path};
	strmap_init(&sc.execs, S->a, false);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "Executables") || (xml_is(c, "Executable") && !xml_attr(c, "IDREF"))) {
			EACH_ITEM(c, "Executable", e)
			{
				if (xml_attr(e, "IDREF"))
					continue; /* a reference inside a v2/v3 constraint */
				ast_push(S->doc, &ctl->tasks, read_executable(S, &sc, e));
			}
		} else if (xml_is(c, "Variables") || xml_is(c, "Variable")) {
			EACH_ITEM(c, "Variable", v) ast_push(S->doc, &ctl->params, read_variable(S, v, path));
		} else if (xml_is(c, "PackageParameters") || xml_is(c, "PackageParameter")) {
			EACH_ITEM(c, "PackageParameter", v)
			ast_push(S->doc, &ctl->params, read_parameter(S, v, path));
		} else if (xml_is(c, "EventHandlers") || xml_is(c, "EventHandler")) {
			EACH_ITEM(c, "EventHandler", h) ast_push(S->doc, handlers, read_handler(S, h, path));
		} else if (xml_is(c, "PropertyExpression")) {
			read_property_expression(S, c, &ctl->props, &ctl->bindings);
		} else if (xml_is(c, "Configurations") || xml_is(c, "Configuration") ||
			   xml_is(c, "LogProviders") || xml_is(c, "LogProvider") ||
			   xml_is(c, "LoggingOptions")) {
			ast_push(S->doc, &ctl->extras, ssis_capture(S, c));
		}
	}
	/* constraints last: they name executables of this body */
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		if (xml_is(c, "PrecedenceConstraints") || xml_is(c, "PrecedenceConstraint")) {
			EACH_ITEM(c, "PrecedenceConstraint", p) read_constraint(S, &sc, p);
		}
}

/* ---- the package ----------------------------------------------------------- */

static bool is_package_type(const char *type)
{
	char st[128];
	if (!type)
		return false;
	short_type(type, st, sizeof st);
	return ascii_ieq(st, "Package");
}

static const char *const protection_names[] = {
    "DontSaveSensitive",      "EncryptSensitiveWithUserKey", "EncryptSensitiveWithPassword",
    "EncryptAllWithPassword", "EncryptAllWithUserKey",       "ServerStorage"};

/* ProtectionLevel: 3 and 4 encrypt the whole package (nothing to read), 1
 * and 2 only its sensitive values.  False when nothing can be read. */
static bool check_protection(Ssis *S, const xmlNode *root)
{
	const char *v = ssis_prop(root, "ProtectionLevel", NULL);
	int level = to_int(v, 1);
	for (int i = 0; v && i < 6; i++)
		if (ascii_ieq(v, protection_names[i]))
			level = i;
	bool encrypted_data = false;
	for (const xmlNode *c = xml_first(root); c; c = xml_next(c))
		if (xml_is(c, "EncryptedData"))
			encrypted_data = true;
	SrcLoc l = v ? ssis_prop_loc(S, root, "ProtectionLevel") : ssis_loc(S, root);
	if (level == 3 || level == 4 || encrypted_data) {
		Diag d = {.code = E_SSIS_ENCRYPTED, .loc = l};
		diag_emit(S->sink, &d,
			  "the package is encrypted as a whole (ProtectionLevel %s): its contents cannot be "
			  "read without the %s",
			  level == 4 ? "EncryptAllWithUserKey" : "EncryptAllWithPassword",
			  level == 4 ? "user key of the account that saved it" : "password");
		return false;
	}
	S->protection = v ? level : -1;
	S->protection_loc = l;
	return true;
}

/* Values stored encrypted (Encrypted="1"), anywhere in the package. */
static uint32_t count_encrypted(const xmlNode *n)
{
	uint32_t k = ssis_is_true(xml_attr(n, "Encrypted")) ? 1 : 0;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		k += count_encrypted(c);
	return k;
}

static void read_package(Ssis *S, const xmlNode *root)
{
	AstDoc *d = S->doc;
	const char *name = or_empty(P(S, root, "ObjectName"));
	d->format_version = P(S, root, "PackageFormatVersion");
	S->version = to_int(d->format_version, 0);
	d->created = P(S, root, "CreationDate");
	S->folder = ast_folder_new(d, name);
	S->folder->loc = ssis_loc(S, root);
	ast_push(d, &d->folders, S->folder);
	static const char *const used[] = {"ObjectName", "PackageFormatVersion", "CreationDate",
					   "refId",      "Description",          NULL};
	rest_props(S, root, &d->props, used);
	/* connection managers first: tasks and components name them */
	for (const xmlNode *c = xml_first(root); c; c = xml_next(c))
		if (xml_is(c, "ConnectionManagers") || xml_is(c, "ConnectionManager")) {
			EACH_ITEM(c, "ConnectionManager", m) read_connection(S, m);
		}
	AstControl *pkg = ast_control_new(d, CTRL_PACKAGE, name);
	pkg->loc = S->folder->loc;
	pkg->description = P(S, root, "Description");
	ast_push(d, &S->folder->controls, pkg);
	const char *ref = P(S, root, "refId");
	read_body(S, root, pkg, ref ? ref : "Package", &pkg->handlers);
}

AstDoc *ssis_read_package(Arena *a, const SrcFile *src, DiagSink *sink)
{
	Ssis S = {.a = a, .sink = sink};
	if (!xml_load(&S.x, src, sink))
		return NULL;
	const xmlNode *root = xmlDocGetRootElement(S.x.doc);
	const char *type = root ? ssis_prop(root, "ExecutableType", NULL) : NULL;
	if (!root || !xml_is(root, "Executable") || !root->ns || !root->ns->href ||
	    strcmp((const char *)root->ns->href, "www.microsoft.com/SqlServer/Dts") != 0 ||
	    !is_package_type(type)) {
		SrcLoc l = root ? xml_loc(&S.x, root) : (SrcLoc){src, 1, 0};
		Diag d = {.code = E_SSIS_NOT_PACKAGE, .loc = l, .span = 15};
		if (root && (!root->ns || !root->ns->href ||
			     strcmp((const char *)root->ns->href, "www.microsoft.com/SqlServer/Dts") != 0))
			diag_emit(sink, &d,
				  "not an SSIS package: the root element is not in the DTS namespace "
				  "'www.microsoft.com/SqlServer/Dts'");
		else
			diag_emit(sink, &d, "not an SSIS package: the root executable's type is '%s'",
				  type ? type : "(none)");
		xml_free(&S.x);
		return NULL;
	}
	if (!check_protection(&S, root)) {
		xml_free(&S.x);
		return NULL;
	}
	S.doc = ast_doc_new(a, TOOL_SSIS, src->path);
	S.doc->encoding = S.x.encoding ? arena_strdup(a, S.x.encoding) : NULL;
	strmap_init(&S.conns, a, false);
	strmap_init(&S.project, a, false);
	read_package(&S, root);
	ssis_resolve_query_vars(&S);
	uint32_t enc = count_encrypted(root);
	if (S.protection == 2 || (S.protection == 1 && enc)) {
		Diag d = {.code = W_SSIS_ENCRYPTED_SENSITIVE, .loc = S.protection_loc};
		diag_emit(sink, &d,
			  "the package's sensitive values are encrypted (ProtectionLevel %s): %u %s",
			  protection_names[S.protection], enc,
			  enc == 1 ? "encrypted value was not read" : "encrypted values were not read");
	}
	if (S.sensitive) {
		Diag d = {.code = N_SSIS_SENSITIVE, .loc = {src, 0, 0}};
		diag_emit(sink, &d,
			  "%u sensitive value%s (passwords, encrypted or secret settings) %s left out",
			  S.sensitive, S.sensitive == 1 ? "" : "s", S.sensitive == 1 ? "was" : "were");
	}
	xml_free(&S.x);
	return S.doc;
}
