/* powercenter.c - the PowerCenter frontend: a POWERMART XML export into the
 * workflow AST (src/parsers).
 *
 * It reads in passes, so that the order of objects in the file never
 * matters (exports put a shared folder after the folder that uses it):
 *   1. declare every folder's sources, targets, reusable transformations,
 *      shortcuts, tasks, sessions, worklets and workflows, and register every
 *      mapping and mapplet by name;
 *   2. resolve shortcuts across folders;
 *   3. build each mapping and mapplet graph, expanding mapplet instances;
 *   4. resolve sessions to mappings, task instances to their definitions;
 *   5. state each XML Source Qualifier's views, keys and file (sessions
 *      name the file).
 * Everything tool-specific is mapped to neutral kinds here; attributes with
 * no neutral meaning are kept as AstProps, other child elements as AstElems.
 */
#include "parsers/frontend.h"
#include "parsers/xml.h"
#include "base/str.h"
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- parser state -------------------------------------------------------- */

typedef struct Folder Folder;
typedef struct Flow Flow;

typedef struct Shortcut {
	AstShortcut *ast;
	Folder *folder;
	bool used;
} Shortcut;

struct Folder {
	AstFolder *ast;
	const xmlNode *node;
	StrMap sources;    /* "DBD\x1fNAME" and "NAME" -> AstTable */
	StrMap targets;    /* NAME -> AstTable */
	StrMap transforms; /* NAME -> AstStep (reusable definition) */
	StrMap mappings;   /* NAME -> Flow */
	StrMap mapplets;   /* NAME -> Flow */
	StrMap shortcuts;  /* NAME -> Shortcut */
	StrMap tasks;      /* NAME -> AstTask (reusable definition) */
	StrMap worklets;   /* NAME -> AstControl */
	StrMap workflows;  /* NAME -> AstControl */
};

typedef enum { BUILD_TODO, BUILD_RUNNING, BUILD_DONE } BuildState;

struct Flow {
	AstFlow *ast;
	const xmlNode *node;
	Folder *folder;
	BuildState state;
	AstStep *iface; /* mapplets: the TRANSFORMATION TYPE="Mapplet" */
};

/* An instance name in a flow: a step, or an expanded mapplet instance. */
typedef struct Inst {
	AstStep *step; /* NULL for a mapplet instance */
	StrMap ports;  /* port name -> AstPort, built on first use */
	bool ports_built;
	bool broken;        /* unusable (already reported); connectors to it are dropped */
	bool unresolved;    /* its definition is not in the export: ports come from connectors */
	Flow *mapplet;      /* mapplet instances: the mapplet */
	const char *prefix; /* mapplet instances: "<instance>/" */
} Inst;

/* Name tables of one flow while it is built.  PowerCenter lets a source,
 * a target and a transformation instance share a name (connectors tell
 * them apart by instance type), so instances are keyed by name and class. */
typedef struct Build {
	StrMap defs;  /* local TRANSFORMATION definitions by name */
	StrMap insts; /* "name\x1fclass" -> Inst */
	StrMap names; /* step names already taken in the flow */
} Build;

/* A session definition waiting for pass 4. */
typedef struct PendingSession {
	AstTask *task;
	Folder *folder;
} PendingSession;

/* A task instance waiting for pass 4. */
typedef struct PendingTask {
	AstTask *task;
	AstControl *owner;
	Folder *folder;
	const xmlNode *node;
} PendingTask;

typedef struct Infa {
	AstDoc *doc;
	Arena *a;
	XmlDoc x;
	DiagSink *sink;
	StrMap folders;      /* NAME -> Folder (of the unit being read) */
	StrMap folder_names; /* every folder NAME seen in the file, for W0301 */
	PtrVec folder_list;
	PtrVec flows;        /* Flow, file order */
	PtrVec pending;      /* PendingTask */
	PtrVec sessions;     /* PendingSession, for pass 4 */
	StrMap types;        /* datatype name (any case) -> type_table entry + 1 */
	StrMap settings;     /* attribute NAME -> step_settings entry + 1 */
	const char *context; /* "in mapping 'x'" for diagnostics, or NULL */
} Infa;

/* ---- strings and small helpers ------------------------------------------- */

/* Arena copy of an attribute value.  (Interning the many repeated short
 * values was tried: hashing costs more than copying into the arena.) */
static const char *S(Infa *I, const char *s)
{
	return s ? arena_strndup(I->a, s, strlen(s)) : NULL;
}

static const char *attr(Infa *I, const xmlNode *n, const char *name)
{
	return S(I, xml_attr(n, name));
}

static const char *attr_or(Infa *I, const xmlNode *n, const char *name, const char *dflt)
{
	const char *v = xml_attr(n, name);
	return v ? S(I, v) : dflt;
}

static bool attr_yes(const xmlNode *n, const char *name, bool dflt)
{
	const char *v = xml_attr(n, name);
	if (!v || !*v)
		return dflt;
	return ascii_ieq(v, "YES") || ascii_ieq(v, "Y") || ascii_ieq(v, "TRUE") || strcmp(v, "1") == 0;
}

static int32_t attr_int(const xmlNode *n, const char *name, int32_t dflt)
{
	const char *v = xml_attr(n, name);
	if (!v || !*v)
		return dflt;
	char *end;
	long x = strtol(v, &end, 10);
	return (*end == '\0' && x >= INT32_MIN && x <= INT32_MAX) ? (int32_t)x : dflt;
}

static SrcLoc loc(Infa *I, const xmlNode *n)
{
	return xml_loc(&I->x, n);
}

/* Just the line, for the many small elements (ports, fields, attributes,
 * connectors) whose column nobody prints; diagnostics about them locate
 * their attribute precisely with xml_attr_loc(). */
static SrcLoc loc_line(Infa *I, const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	return (SrcLoc){I->x.src, line > 0 ? (uint32_t)line : 0, 0};
}

static const char *tag(const xmlNode *n)
{
	return (const char *)n->name;
}

/* Name attribute, reporting E0302 when it is missing. */
static const char *required(Infa *I, const xmlNode *n, const char *name)
{
	const char *v = xml_attr(n, name);
	if (v)
		return S(I, v);
	Diag d = {.code = E_INFA_MISSING_ATTR,
		  .loc = loc(I, n),
		  .span = (uint32_t)strlen(tag(n)) + 1,
		  .context = I->context};
	diag_emit(I->sink, &d, "element %s has no %s attribute", tag(n), name);
	return "";
}

static bool in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (name[0] == (*list)[0] && strcmp(name, *list) == 0)
			return true;
	return false;
}

/* Keep every attribute not in `consumed` as a prop, in document order.
 * Attributes with an empty value say nothing and are not kept. */
static void rest_props(Infa *I, const xmlNode *n, PtrVec *props, const char *const *consumed)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (!a->children || !a->children->content || !a->children->content[0])
			continue;
		if (consumed && in_list(name, consumed))
			continue;
		AstProp *p = ast_prop_new(I->doc, S(I, name), S(I, xml_attr(n, name)));
		ast_push(I->doc, props, p);
	}
}

/* Capture an element we have no dedicated field for, with its subtree. */
static AstElem *capture(Infa *I, const xmlNode *n)
{
	AstElem *e = ast_elem_new(I->doc, S(I, tag(n)));
	e->loc = loc(I, n);
	rest_props(I, n, &e->attrs, NULL);
	const xmlNode *c = xml_first(n);
	if (!c)
		e->text = xml_text(I->a, n);
	for (; c; c = xml_next(c))
		ast_push(I->doc, &e->children, capture(I, c));
	return e;
}

static AstExpr *expr_at(Infa *I, ExprLang lang, const xmlNode *n, const char *attrname, const char *text)
{
	return ast_expr_new(I->doc, lang, text, xml_attr_loc(&I->x, n, attrname));
}

static bool keyeq(const char *a, const char *b)
{
	/* Compare kind names ignoring case, spaces and dashes: "Event-wait",
	 * "Event Wait" and "EventWait" are one kind. */
	for (;;) {
		while (*a == ' ' || *a == '-' || *a == '_')
			a++;
		while (*b == ' ' || *b == '-' || *b == '_')
			b++;
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
		if (!x)
			return true;
		a++;
		b++;
	}
}

/* ---- datatypes ----------------------------------------------------------- */

/* clang-format off */
static const struct {
	const char *name;
	TypeKind kind;
	bool unicode;
} type_table[] = {
	/* transformation datatypes */
	{"string", TY_STRING, false}, {"nstring", TY_STRING, true}, {"text", TY_STRING, false},
	{"ntext", TY_STRING, true}, {"integer", TY_INTEGER, false}, {"small integer", TY_SMALLINT, false},
	{"bigint", TY_BIGINT, false}, {"decimal", TY_DECIMAL, false}, {"double", TY_DOUBLE, false},
	{"real", TY_DOUBLE, false}, {"date/time", TY_TIMESTAMP, false}, {"binary", TY_BINARY, false},
	/* flat files and XML */
	{"number", TY_DECIMAL, false}, {"datetime", TY_TIMESTAMP, false}, {"int", TY_INTEGER, false},
	{"short", TY_SMALLINT, false}, {"byte", TY_SMALLINT, false}, {"long", TY_BIGINT, false},
	{"float", TY_DOUBLE, false}, {"boolean", TY_BOOLEAN, false},
	/* relational */
	{"char", TY_STRING, false}, {"nchar", TY_STRING, true}, {"varchar", TY_STRING, false},
	{"varchar2", TY_STRING, false}, {"nvarchar", TY_STRING, true}, {"nvarchar2", TY_STRING, true},
	{"character", TY_STRING, false}, {"clob", TY_STRING, false}, {"nclob", TY_STRING, true},
	{"long varchar", TY_STRING, false}, {"graphic", TY_STRING, true}, {"vargraphic", TY_STRING, true},
	{"sysname", TY_STRING, true}, {"xml", TY_STRING, false}, {"uniqueidentifier", TY_STRING, false},
	{"smallint", TY_SMALLINT, false}, {"tinyint", TY_SMALLINT, false}, {"byteint", TY_SMALLINT, false},
	{"numeric", TY_DECIMAL, false}, {"number(p,s)", TY_DECIMAL, false}, {"money", TY_DECIMAL, false},
	{"smallmoney", TY_DECIMAL, false}, {"dec", TY_DECIMAL, false},
	{"double precision", TY_DOUBLE, false}, {"binary_double", TY_DOUBLE, false},
	{"binary_float", TY_DOUBLE, false}, {"date", TY_DATE, false}, {"time", TY_TIME, false},
	{"timestamp", TY_TIMESTAMP, false}, {"datetime2", TY_TIMESTAMP, false},
	{"smalldatetime", TY_TIMESTAMP, false}, {"timestamp with time zone", TY_TIMESTAMP_TZ, false},
	{"timestamp with local time zone", TY_TIMESTAMP_TZ, false}, {"datetimeoffset", TY_TIMESTAMP_TZ, false},
	{"bit", TY_BOOLEAN, false},
	{"varbinary", TY_BINARY, false}, {"image", TY_BINARY, false}, {"blob", TY_BINARY, false},
	{"raw", TY_BINARY, false}, {"long raw", TY_BINARY, false},
};
/* clang-format on */

/* Map a PowerCenter or database datatype to a neutral type.  db_type gives
 * context: an Oracle DATE carries a time of day, an Oracle LONG is text. */
static AstType infa_type(Infa *I, const char *datatype, const xmlNode *n, const char *db_type)
{
	AstType t = ast_type_unknown();
	t.orig = S(I, datatype ? datatype : "");
	t.precision = attr_int(n, "PRECISION", -1);
	t.scale = attr_int(n, "SCALE", -1);
	if (!datatype || !*datatype)
		return t;
	bool oracle = db_type && ascii_ieq(db_type, "Oracle");
	if (oracle && ascii_ieq(datatype, "date")) {
		t.kind = TY_TIMESTAMP;
		return t;
	}
	if (oracle && ascii_ieq(datatype, "long")) {
		t.kind = TY_STRING;
		return t;
	}
	if (!I->types.cap)
		for (size_t i = 0; i < ARRAY_LEN(type_table); i++)
			strmap_put(&I->types, type_table[i].name, (void *)(i + 1));
	uintptr_t hit = (uintptr_t)strmap_get(&I->types, datatype);
	if (hit) {
		t.kind = type_table[hit - 1].kind;
		t.unicode = type_table[hit - 1].unicode;
		return t;
	}
	Diag d = {.code = W_INFA_DATATYPE,
		  .loc = xml_attr_loc(&I->x, n, "DATATYPE"),
		  .span = (uint32_t)strlen(datatype),
		  .context = I->context};
	diag_emit(I->sink, &d, "unknown datatype '%s'", datatype);
	return t;
}

/* ---- neutral settings of attributes -------------------------------------- */

typedef struct SettingRule {
	const char *name; /* attribute NAME as written */
	StepKind only;    /* STEP_UNKNOWN: any kind */
	Setting key;
	ExprLang lang; /* LANG_NONE: a plain value */
} SettingRule;

/* clang-format off */
static const SettingRule step_settings[] = {
	{"Sql Query", STEP_UNKNOWN, SET_SQL_QUERY, LANG_SQL},
	{"User Defined Join", STEP_UNKNOWN, SET_USER_JOIN, LANG_SQL},
	{"Source Filter", STEP_UNKNOWN, SET_SOURCE_FILTER, LANG_SQL},
	{"Select Distinct", STEP_UNKNOWN, SET_SELECT_DISTINCT, LANG_NONE},
	{"Number Of Sorted Ports", STEP_UNKNOWN, SET_SORTED_PORTS, LANG_NONE},
	{"Pre SQL", STEP_UNKNOWN, SET_PRE_SQL, LANG_SQL},
	{"Post SQL", STEP_UNKNOWN, SET_POST_SQL, LANG_SQL},
	{"Lookup Sql Override", STEP_UNKNOWN, SET_LOOKUP_SQL, LANG_SQL},
	{"Lookup table name", STEP_UNKNOWN, SET_LOOKUP_TABLE, LANG_NONE},
	{"Lookup Source Filter", STEP_UNKNOWN, SET_LOOKUP_FILTER, LANG_SQL},
	{"Lookup condition", STEP_UNKNOWN, SET_LOOKUP_CONDITION, LANG_POWERCENTER},
	{"Lookup policy on multiple match", STEP_UNKNOWN, SET_LOOKUP_POLICY, LANG_NONE},
	{"Lookup caching enabled", STEP_UNKNOWN, SET_LOOKUP_CACHED, LANG_NONE},
	{"Dynamic Lookup Cache", STEP_UNKNOWN, SET_LOOKUP_DYNAMIC, LANG_NONE},
	{"Connection Information", STEP_UNKNOWN, SET_CONNECTION, LANG_NONE},
	{"Join Type", STEP_UNKNOWN, SET_JOIN_TYPE, LANG_NONE},
	{"Join Condition", STEP_UNKNOWN, SET_JOIN_CONDITION, LANG_POWERCENTER},
	{"Filter Condition", STEP_UNKNOWN, SET_FILTER_CONDITION, LANG_POWERCENTER},
	{"Update Strategy Expression", STEP_UNKNOWN, SET_UPDATE_STRATEGY, LANG_POWERCENTER},
	{"Forward Rejected Rows", STEP_UNKNOWN, SET_FORWARD_REJECTED, LANG_NONE},
	{"Sorted Input", STEP_UNKNOWN, SET_SORTED_INPUT, LANG_NONE},
	{"Case Sensitive String Comparison", STEP_UNKNOWN, SET_CASE_SENSITIVE, LANG_NONE},
	{"Case Sensitive", STEP_SORT, SET_CASE_SENSITIVE, LANG_NONE},
	{"Distinct", STEP_SORT, SET_DISTINCT, LANG_NONE},
	{"Null Treated Low", STEP_SORT, SET_NULL_ORDER, LANG_NONE},
	{"Null ordering", STEP_LOOKUP, SET_NULL_ORDER, LANG_NONE},
	{"Top/Bottom", STEP_RANK, SET_RANK_TOP_BOTTOM, LANG_NONE},
	{"Number of Ranks", STEP_RANK, SET_RANK_COUNT, LANG_NONE},
	{"Start Value", STEP_SEQUENCE, SET_SEQ_START, LANG_NONE},
	{"Increment By", STEP_SEQUENCE, SET_SEQ_INCREMENT, LANG_NONE},
	{"End Value", STEP_SEQUENCE, SET_SEQ_END, LANG_NONE},
	{"Current Value", STEP_SEQUENCE, SET_SEQ_CURRENT, LANG_NONE},
	{"Cycle", STEP_SEQUENCE, SET_SEQ_CYCLE, LANG_NONE},
	{"Reset", STEP_SEQUENCE, SET_SEQ_RESET, LANG_NONE},
	{"Reset", STEP_XML_SOURCE, SET_SEQ_RESET, LANG_NONE},
	{"Restart", STEP_XML_SOURCE, SET_SEQ_RESTART, LANG_NONE},
	{"Transaction Control Condition", STEP_UNKNOWN, SET_TRANSACTION_CONDITION, LANG_POWERCENTER},
	{"Transformation Scope", STEP_UNKNOWN, SET_SCOPE, LANG_NONE},
	{"Language", STEP_UNKNOWN, SET_LANGUAGE, LANG_NONE},
	{"Class Name", STEP_UNKNOWN, SET_TEMPLATE, LANG_NONE},
	/* session attributes and per-instance overrides */
	{"Target Table Name", STEP_UNKNOWN, SET_TABLE_NAME, LANG_NONE},
	{"Source Table Name", STEP_UNKNOWN, SET_TABLE_NAME, LANG_NONE},
	{"Owner Name", STEP_UNKNOWN, SET_TABLE_OWNER, LANG_NONE},
	{"Table Name Prefix", STEP_UNKNOWN, SET_TABLE_OWNER, LANG_NONE},
	{"Truncate target table option", STEP_UNKNOWN, SET_TRUNCATE, LANG_NONE},
	{"Insert", STEP_UNKNOWN, SET_LOAD_OPERATIONS, LANG_NONE},
	{"Update as Update", STEP_UNKNOWN, SET_LOAD_OPERATIONS, LANG_NONE},
	{"Update as Insert", STEP_UNKNOWN, SET_LOAD_OPERATIONS, LANG_NONE},
	{"Update else Insert", STEP_UNKNOWN, SET_LOAD_OPERATIONS, LANG_NONE},
	{"Delete", STEP_UNKNOWN, SET_LOAD_OPERATIONS, LANG_NONE},
	{"Treat source rows as", STEP_UNKNOWN, SET_ROW_TREATMENT, LANG_NONE},
	{"Parameter Filename", STEP_UNKNOWN, SET_PARAMETER_FILE, LANG_NONE},
	{"Output filename", STEP_UNKNOWN, SET_FILE_NAME, LANG_NONE},
	{"Source filename", STEP_UNKNOWN, SET_FILE_NAME, LANG_NONE},
	{"Output file directory", STEP_UNKNOWN, SET_FILE_DIR, LANG_NONE},
	{"Source file directory", STEP_UNKNOWN, SET_FILE_DIR, LANG_NONE},
	/* workflow tasks */
	{"Decision Name", STEP_UNKNOWN, SET_DECISION_CONDITION, LANG_POWERCENTER},
	{"Assignment Condition", STEP_UNKNOWN, SET_ASSIGNMENT_CONDITION, LANG_POWERCENTER},
	{"Control Option", STEP_UNKNOWN, SET_CONTROL_OPTION, LANG_NONE},
};
/* clang-format on */

/* Does `v` contain `w`, ASCII case aside? */
static bool has_ci(const char *v, const char *w)
{
	for (size_t n = strlen(w); *v; v++)
		if (strncasecmp(v, w, n) == 0)
			return true;
	return false;
}

/* The neutral value of an enumerated setting as PowerCenter spells it:
 * "Master Outer Join", "Use Last Value", "Bottom", "Data driven".  The
 * tests are the ones the rule engine made on the spelling before (a
 * substring, either case), so every export keeps its meaning. */
static SettingValue infa_setting_value(Setting key, const char *v)
{
	switch (key) {
	case SET_JOIN_TYPE:
		return has_ci(v, "Master Outer")   ? VAL_LEFT_OUTER
		       : has_ci(v, "Detail Outer") ? VAL_RIGHT_OUTER
		       : has_ci(v, "Full Outer")   ? VAL_FULL_OUTER
		       : has_ci(v, "Normal")       ? VAL_INNER
						       : VAL_NONE;
	case SET_LOOKUP_POLICY:
		return has_ci(v, "Last")    ? VAL_LAST
		       : has_ci(v, "Any")   ? VAL_ANY
		       : has_ci(v, "Error") ? VAL_FAIL
		       : has_ci(v, "All")   ? VAL_ALL
		       : has_ci(v, "First") ? VAL_FIRST
						: VAL_NONE;
	case SET_RANK_TOP_BOTTOM:
		return has_ci(v, "Bottom") ? VAL_BOTTOM : has_ci(v, "Top") ? VAL_TOP : VAL_NONE;
	case SET_ROW_TREATMENT:
		return ascii_ieq(v, "Insert")	      ? VAL_INSERT
		       : ascii_ieq(v, "Update")	      ? VAL_UPDATE
		       : ascii_ieq(v, "Delete")	      ? VAL_DELETE
		       : ascii_ieq(v, "Data driven") ? VAL_DATA_DRIVEN
						      : VAL_NONE;
	case SET_NULL_ORDER: /* Sorter "Null Treated Low" YES/NO; Lookup "Null ordering" */
		return has_ci(v, "Low") || ascii_ieq(v, "YES")    ? VAL_NULLS_LOW
		       : has_ci(v, "High") || ascii_ieq(v, "NO") ? VAL_NULLS_HIGH
								 : VAL_NONE;
	default: return VAL_NONE;
	}
}

/* A NAME/VALUE attribute element (TABLEATTRIBUTE, ATTRIBUTE) as a prop
 * with its neutral meaning. */
static AstProp *name_value_prop(Infa *I, const xmlNode *n, StepKind kind)
{
	const char *name = required(I, n, "NAME");
	const char *value = attr_or(I, n, "VALUE", "");
	AstProp *p = ast_prop_new(I->doc, name, value);
	p->loc = loc_line(I, n);
	/* a name's rows are adjacent, one per step kind it applies to; the map
	 * holds the first */
	if (!I->settings.cap)
		for (size_t i = 0; i < ARRAY_LEN(step_settings); i++)
			if ((!i || strcmp(step_settings[i - 1].name, step_settings[i].name) != 0) &&
			    strmap_put(&I->settings, step_settings[i].name, (void *)(i + 1)))
				die("step_settings lists '%s' twice", step_settings[i].name);
	uintptr_t hit = (uintptr_t)strmap_get(&I->settings, name);
	const SettingRule *r = NULL;
	for (const SettingRule *c = hit ? &step_settings[hit - 1] : NULL;
	     c && !r && c < step_settings + ARRAY_LEN(step_settings) &&
	     strcmp(c->name, step_settings[hit - 1].name) == 0;
	     c++)
		if (c->only == STEP_UNKNOWN || c->only == kind)
			r = c;
	if (r) {
		p->key = r->key;
		p->norm = infa_setting_value(r->key, value);
		if (r->lang != LANG_NONE && *value)
			p->expr = expr_at(I, r->lang, n, "VALUE", value);
	}
	return p;
}

/* ---- ports --------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned dir;
} port_tokens[] = {
    {"INPUT", PORT_IN},
    {"OUTPUT", PORT_OUT},
    {"LOCAL VARIABLE", PORT_VAR},
    {"VARIABLE", PORT_VAR},
    {"LOOKUP", PORT_LOOKUP},
    {"RETURN", PORT_RETURN},
    {"MASTER", PORT_MASTER},
    {"GENERATED KEY", PORT_GENERATED},
    {"GENERATED COLUMN ID", PORT_GENERATED},
};

static unsigned parse_port_type(Infa *I, const xmlNode *n, const char *pt, bool *unknown)
{
	unsigned dir = 0;
	*unknown = false;
	const char *p = pt;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		Str tok = str_trim(str_make(p, len));
		bool known = false;
		for (size_t i = 0; i < ARRAY_LEN(port_tokens); i++)
			if (str_ieq_cstr(tok, port_tokens[i].name)) {
				dir |= port_tokens[i].dir;
				known = true;
			}
		if (!known && tok.len) {
			*unknown = true;
			Diag d = {.code = W_INFA_PORT_TYPE,
				  .loc = xml_attr_loc(&I->x, n, "PORTTYPE"),
				  .span = (uint32_t)strlen(pt),
				  .context = I->context};
			if (tok.len == strlen(pt))
				diag_emit(I->sink, &d, "unknown port type '%s'", pt);
			else
				diag_emit(I->sink, &d, "unknown port type '%.*s' in '%s'", STR_FMT(tok), pt);
		}
		p += len;
		if (*p == '/')
			p++;
	}
	return dir;
}

static const char *const transformfield_consumed[] = {
    "NAME",         "DATATYPE",    "PRECISION", "SCALE",     "PORTTYPE",  "EXPRESSION",    "EXPRESSIONTYPE",
    "DEFAULTVALUE", "DESCRIPTION", "GROUP",     "REF_FIELD", "ISSORTKEY", "SORTDIRECTION", NULL};

/* <TRANSFORMFIELD NAME DATATYPE PRECISION SCALE PORTTYPE EXPRESSION
 *     EXPRESSIONTYPE DEFAULTVALUE GROUP REF_FIELD ...> <TRANSFORMFIELDATTR/> */
static AstPort *parse_transformfield(Infa *I, const xmlNode *n)
{
	AstPort *p = ast_port_new(I->doc, required(I, n, "NAME"));
	p->loc = loc_line(I, n);
	p->type = infa_type(I, xml_attr(n, "DATATYPE"), n, NULL);
	p->orig_dir = attr_or(I, n, "PORTTYPE", "");
	bool unknown_dir;
	p->dir = parse_port_type(I, n, p->orig_dir, &unknown_dir);
	if (unknown_dir) /* the mask cannot say it all: keep the words */
		ast_push(I->doc, &p->props, ast_prop_new(I->doc, "PORTTYPE", p->orig_dir));
	const char *e = xml_attr(n, "EXPRESSION");
	if (e && *e)
		p->expr = expr_at(I, LANG_POWERCENTER, n, "EXPRESSION", S(I, e));
	const char *et = xml_attr(n, "EXPRESSIONTYPE");
	if (et && ascii_ieq(et, "GROUPBY"))
		p->role = ROLE_GROUP_BY;
	else if (et && ascii_ieq(et, "RANKPORT"))
		p->role = ROLE_RANK_BY;
	else if (et && ascii_ieq(et, "RANKINDEX"))
		p->role = ROLE_RANK_INDEX;
	else if (et && *et && !ascii_ieq(et, "GENERAL"))
		ast_push(I->doc, &p->props, ast_prop_new(I->doc, "EXPRESSIONTYPE", S(I, et)));
	p->default_value = attr(I, n, "DEFAULTVALUE");
	p->description = attr(I, n, "DESCRIPTION");
	p->group = attr(I, n, "GROUP");
	p->ref = attr(I, n, "REF_FIELD");
	p->sort_key = attr_yes(n, "ISSORTKEY", false);
	const char *dir = xml_attr(n, "SORTDIRECTION");
	p->sort_desc = p->sort_key && dir && ascii_ieq(dir, "DESCENDING");
	if (dir && !p->sort_key)
		ast_push(I->doc, &p->props, ast_prop_new(I->doc, "SORTDIRECTION", S(I, dir)));
	rest_props(I, n, &p->props, transformfield_consumed);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		ast_push(I->doc, &p->extras, capture(I, c));
	return p;
}

static const char *const field_consumed[] = {
    "NAME",    "DATATYPE",    "PRECISION",       "SCALE",           "NULLABLE",
    "KEYTYPE", "DESCRIPTION", "REFERENCEDTABLE", "REFERENCEDFIELD", NULL};

/* <SOURCEFIELD|TARGETFIELD NAME DATATYPE PRECISION SCALE NULLABLE KEYTYPE
 *     REFERENCEDTABLE REFERENCEDFIELD ...> <FIELDATTRIBUTE/> */
static AstPort *parse_field(Infa *I, const xmlNode *n, const char *db_type)
{
	AstPort *p = ast_port_new(I->doc, required(I, n, "NAME"));
	p->loc = loc_line(I, n);
	p->type = infa_type(I, xml_attr(n, "DATATYPE"), n, db_type);
	const char *nullable = xml_attr(n, "NULLABLE");
	p->nullable = !nullable || !ascii_ieq(nullable, "NOTNULL");
	const char *key = xml_attr(n, "KEYTYPE");
	if (key && ascii_ieq(key, "PRIMARY KEY"))
		p->role = ROLE_KEY;
	else if (key && ascii_ieq(key, "FOREIGN KEY"))
		p->role = ROLE_FOREIGN_KEY;
	else if (key && (ascii_ieq(key, "PRIMARY/FOREIGN KEY") || ascii_ieq(key, "PRIMARY FOREIGN KEY")))
		p->role = ROLE_PRIMARY_FOREIGN_KEY;
	else if (key && *key && !ascii_ieq(key, "NOT A KEY"))
		ast_push(I->doc, &p->props, ast_prop_new(I->doc, "KEYTYPE", S(I, key)));
	p->description = attr(I, n, "DESCRIPTION");
	p->ref_table = attr(I, n, "REFERENCEDTABLE");
	p->ref_field = attr(I, n, "REFERENCEDFIELD");
	if (p->ref_table && !*p->ref_table)
		p->ref_table = NULL;
	if (p->ref_field && !*p->ref_field)
		p->ref_field = NULL;
	rest_props(I, n, &p->props, field_consumed);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		ast_push(I->doc, &p->extras, capture(I, c));
	return p;
}

/* ---- sources and targets ------------------------------------------------- */

static const char *const table_consumed[] = {"NAME",         "DATABASETYPE", "DBDNAME", "OWNERNAME",
					     "BUSINESSNAME", "DESCRIPTION",  NULL};

/* <SOURCE NAME DATABASETYPE DBDNAME OWNERNAME ...>
 *   <FLATFILE .../> <TABLEATTRIBUTE/> <SOURCEFIELD/>... </SOURCE>
 * <TARGET NAME DATABASETYPE ...> <TARGETFIELD/>... </TARGET> */
static AstTable *parse_table(Infa *I, Folder *fo, const xmlNode *n, TableRole role)
{
	AstTable *t = ast_table_new(I->doc, role, required(I, n, "NAME"));
	t->loc = loc(I, n);
	t->folder = fo->ast->name;
	t->db_type = attr_or(I, n, "DATABASETYPE", "");
	t->db_name = attr(I, n, "DBDNAME");
	t->owner = attr(I, n, "OWNERNAME");
	t->business_name = attr(I, n, "BUSINESSNAME");
	t->description = attr(I, n, "DESCRIPTION");
	t->is_file = ascii_ieq(t->db_type, "Flat File");
	rest_props(I, n, &t->props, table_consumed);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "SOURCEFIELD") || xml_is(c, "TARGETFIELD"))
			ast_push(I->doc, &t->fields, parse_field(I, c, t->db_type));
		else if (xml_is(c, "FLATFILE"))
			rest_props(I, c, &t->file_settings, NULL);
		else if (xml_is(c, "TABLEATTRIBUTE"))
			ast_push(I->doc, &t->props,
				 name_value_prop(I, c, role == TABLE_SOURCE ? STEP_SOURCE : STEP_TARGET));
		else
			ast_push(I->doc, &t->extras, capture(I, c));
	}
	return t;
}

static const char *source_key(Infa *I, const char *dbd, const char *name)
{
	size_t a = dbd ? strlen(dbd) : 0, b = strlen(name);
	char *k = arena_alloc(I->a, a + b + 2);
	if (a)
		memcpy(k, dbd, a);
	k[a] = '\x1f';
	memcpy(k + a + 1, name, b + 1);
	return k;
}

/* ---- transformations ----------------------------------------------------- */

static const struct {
	const char *type;
	StepKind kind;
} type_map[] = {
    {"Source Qualifier", STEP_SOURCE_QUERY},
    {"Application Source Qualifier", STEP_SOURCE_QUERY},
    {"MQ Source Qualifier", STEP_SOURCE_QUERY},
    {"Expression", STEP_EXPRESSION},
    {"Lookup Procedure", STEP_LOOKUP},
    {"Joiner", STEP_JOIN},
    {"Aggregator", STEP_AGGREGATE},
    {"Filter", STEP_FILTER},
    {"Sorter", STEP_SORT},
    {"Router", STEP_ROUTER},
    {"Rank", STEP_RANK},
    {"Sequence", STEP_SEQUENCE},
    {"Sequence Generator", STEP_SEQUENCE},
    {"Update Strategy", STEP_UPDATE_STRATEGY},
    {"Normalizer", STEP_NORMALIZER},
    {"Stored Procedure", STEP_STORED_PROCEDURE},
    {"XML Source Qualifier", STEP_XML_SOURCE},
    {"Transaction Control", STEP_TRANSACTION_CONTROL},
    {"Input Transformation", STEP_FLOW_INPUT},
    {"Output Transformation", STEP_FLOW_OUTPUT},
    {"Mapplet", STEP_SUBFLOW},
    {"Custom Transformation", STEP_CUSTOM},
    {"External Procedure", STEP_CUSTOM},
    {"Advanced External Procedure", STEP_CUSTOM},
    {"XML Parser", STEP_CUSTOM},
    {"XML Generator", STEP_CUSTOM},
};

static const struct {
	const char *tmpl;
	StepKind kind;
} template_map[] = {
    {"Union Transformation", STEP_UNION}, {"SQL Transform", STEP_SQL},
    {"SQL Transformation", STEP_SQL},     {"Java Transformation", STEP_SCRIPT},
    {"Http Transformation", STEP_HTTP},
};

static StepKind transformation_kind(Infa *I, const xmlNode *n, const char *type, const char *tmpl)
{
	StepKind kind = STEP_UNKNOWN;
	bool known = false;
	for (size_t i = 0; i < ARRAY_LEN(type_map); i++)
		if (keyeq(type, type_map[i].type)) {
			kind = type_map[i].kind;
			known = true;
			break;
		}
	if (!known) {
		Diag d = {.code = E_INFA_UNKNOWN_TYPE,
			  .loc = xml_attr_loc(&I->x, n, "TYPE"),
			  .span = (uint32_t)strlen(type),
			  .context = I->context};
		diag_emit(I->sink, &d, "unknown transformation type '%s'", type);
		return STEP_UNKNOWN;
	}
	if (kind == STEP_CUSTOM && tmpl && *tmpl)
		for (size_t i = 0; i < ARRAY_LEN(template_map); i++)
			if (keyeq(tmpl, template_map[i].tmpl))
				return template_map[i].kind;
	if (kind == STEP_CUSTOM) {
		Diag d = {.code = W_INFA_TEMPLATE, .loc = loc(I, n), .context = I->context};
		diag_emit(I->sink, &d, "%s '%s'%s%s%s has no neutral equivalent", type,
			  xml_attr(n, "NAME") ? xml_attr(n, "NAME") : "", tmpl && *tmpl ? " (template '" : "",
			  tmpl && *tmpl ? tmpl : "", tmpl && *tmpl ? "')" : "");
	}
	return kind;
}

static const char *const transformation_consumed[] = {"NAME",     "TYPE",        "TEMPLATENAME",
						      "REUSABLE", "DESCRIPTION", NULL};

/* <TRANSFORMATION NAME TYPE TEMPLATENAME REUSABLE DESCRIPTION ...>
 *   <GROUP/> <TRANSFORMFIELD/> <TABLEATTRIBUTE/> <SOURCEFIELD/>
 *   <METADATAEXTENSION/> <INITPROP/> ... </TRANSFORMATION> */
static AstStep *parse_transformation(Infa *I, const xmlNode *n)
{
	const char *name = required(I, n, "NAME");
	const char *type = attr_or(I, n, "TYPE", "");
	const char *tmpl = attr(I, n, "TEMPLATENAME");
	AstStep *s = ast_step_new(I->doc, transformation_kind(I, n, type, tmpl), name);
	s->is_definition = true;
	s->def_name = name;
	s->orig_kind = tmpl && *tmpl ? arena_sprintf(I->a, "%s/%s", type, tmpl) : type;
	s->reusable = attr_yes(n, "REUSABLE", false);
	s->description = attr(I, n, "DESCRIPTION");
	s->loc = s->def_loc = loc(I, n);
	rest_props(I, n, &s->props, transformation_consumed);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "TRANSFORMFIELD")) {
			ast_push(I->doc, &s->ports, parse_transformfield(I, c));
		} else if (xml_is(c, "GROUP")) {
			const char *gt = attr_or(I, c, "TYPE", "");
			GroupKind gk = strstr(gt, "DEFAULT")  ? GROUP_DEFAULT
				       : strstr(gt, "OUTPUT") ? GROUP_OUTPUT
				       : strstr(gt, "ERROR")  ? GROUP_ERROR
							      : GROUP_INPUT;
			AstGroup *g = ast_group_new(I->doc, gk, required(I, c, "NAME"));
			g->loc = loc(I, c);
			g->order = attr_int(c, "ORDER", 0);
			g->description = attr(I, c, "DESCRIPTION");
			const char *e = xml_attr(c, "EXPRESSION");
			if (e && *e)
				g->cond = expr_at(I, LANG_POWERCENTER, c, "EXPRESSION", S(I, e));
			ast_push(I->doc, &s->groups, g);
		} else if (xml_is(c, "TABLEATTRIBUTE")) {
			ast_push(I->doc, &s->props, name_value_prop(I, c, s->kind));
		} else if (xml_is(c, "SOURCEFIELD")) {
			if (!s->table) {
				s->table = ast_table_new(I->doc, TABLE_RECORD, name);
				s->table->loc = loc(I, c);
			}
			ast_push(I->doc, &s->table->fields, parse_field(I, c, NULL));
		} else {
			ast_push(I->doc, &s->extras, capture(I, c));
		}
	}
	return s;
}

/* ---- shortcuts ----------------------------------------------------------- */

static Folder *find_folder(Infa *I, const char *name)
{
	return name ? strmap_get(&I->folders, name) : NULL;
}

/* Resolve a shortcut to its object.  Shortcuts to shortcuts are followed a
 * few levels deep. */
static void resolve_shortcut(Infa *I, Shortcut *sc, int depth)
{
	AstShortcut *s = sc->ast;
	if (s->resolved || depth > 8)
		return;
	Folder *fo = find_folder(I, s->ref_folder);
	if (!fo)
		return;
	const char *ot = s->object_type ? s->object_type : "";
	const char *ref = s->ref_name ? s->ref_name : s->name;
	void *target = NULL;
	const char *kind = NULL;
	if (keyeq(ot, "SOURCE")) {
		target = strmap_get(&fo->sources, source_key(I, s->ref_db_name, ref));
		if (!target)
			target = strmap_get(&fo->sources, ref);
		kind = "source";
	} else if (keyeq(ot, "TARGET")) {
		target = strmap_get(&fo->targets, ref);
		kind = "target";
	} else if (keyeq(ot, "MAPPING")) {
		Flow *f = strmap_get(&fo->mappings, ref);
		target = f;
		kind = "mapping";
	} else if (keyeq(ot, "MAPPLET")) {
		target = strmap_get(&fo->mapplets, ref);
		kind = "mapplet";
	} else if (keyeq(ot, "TRANSFORMATION")) {
		target = strmap_get(&fo->transforms, ref);
		kind = "transformation";
	} else if (keyeq(ot, "WORKLET")) {
		target = strmap_get(&fo->worklets, ref);
		kind = "worklet";
	} else if (keyeq(ot, "SESSION") || keyeq(ot, "TASK")) {
		target = strmap_get(&fo->tasks, ref);
		kind = "task";
	}
	if (!target) {
		Shortcut *next = strmap_get(&fo->shortcuts, ref);
		if (next && next != sc) {
			resolve_shortcut(I, next, depth + 1);
			if (next->ast->resolved) {
				s->resolved = true;
				s->resolved_kind = next->ast->resolved_kind;
				s->target = next->ast->target;
			}
		}
		return;
	}
	s->resolved = true;
	s->resolved_kind = kind;
	s->target = target;
}

/* The object a shortcut named `name` in folder `fo` stands for, if it is of
 * the wanted kind.  A shortcut whose target the export left out gives NULL;
 * the caller reports it (a partial export). */
static void *via_shortcut(Folder *fo, const char *name, const char *kind, const char **shortcut_name)
{
	Shortcut *sc = strmap_get(&fo->shortcuts, name);
	if (!sc)
		return NULL;
	sc->used = true;
	if (sc->ast->resolved && strcmp(sc->ast->resolved_kind, kind) == 0) {
		if (shortcut_name)
			*shortcut_name = sc->ast->name;
		return sc->ast->target;
	}
	return NULL;
}

/* ---- flows: instances and connectors ------------------------------------- */

static Inst *inst_new(Infa *I, AstStep *s)
{
	Inst *in = ARENA_NEW(I->a, Inst);
	in->step = s;
	return in;
}

/* Instance class from an instance type: source, target or transformation. */
static char inst_class(const char *type)
{
	if (type && (keyeq(type, "Source Definition") || keyeq(type, "SOURCE")))
		return 's';
	if (type && (keyeq(type, "Target Definition") || keyeq(type, "TARGET")))
		return 't';
	return 'x';
}

static char step_class(const AstStep *s)
{
	return s->kind == STEP_SOURCE ? 's' : s->kind == STEP_TARGET ? 't' : 'x';
}

/* "name\x1fclass" in the arena (called for every instance and connector end,
 * so no printf). */
static const char *inst_key(Infa *I, const char *name, char cls)
{
	size_t n = strlen(name);
	char *k = arena_alloc(I->a, n + 3);
	memcpy(k, name, n);
	k[n] = '\x1f';
	k[n + 1] = cls;
	k[n + 2] = '\0';
	return k;
}

static void inst_put(Infa *I, Build *b, const char *name, char cls, Inst *in)
{
	strmap_put(&b->insts, inst_key(I, name, cls), in);
	strmap_put(&b->names, name, in);
}

/* The instance a connector end names; with no instance type given, a
 * transformation is preferred, then a source, then a target. */
static Inst *find_inst(Infa *I, Build *b, const char *name, const char *type)
{
	if (type && *type)
		return strmap_get(&b->insts, inst_key(I, name, inst_class(type)));
	static const char classes[] = "xst";
	for (const char *c = classes; *c; c++) {
		Inst *in = strmap_get(&b->insts, inst_key(I, name, *c));
		if (in)
			return in;
	}
	return NULL;
}

static AstPort *inst_port(Infa *I, Inst *in, const char *name)
{
	if (!in->ports_built) {
		strmap_init(&in->ports, I->a, false);
		for (uint32_t i = 0; i < in->step->ports.len; i++) {
			AstPort *p = in->step->ports.items[i];
			strmap_put(&in->ports, p->name, p);
		}
		in->ports_built = true;
	}
	return strmap_get(&in->ports, name);
}

/* Source and target instances expose the table's fields as ports. */
static void table_ports(Infa *I, AstStep *s, const AstTable *t, unsigned dir)
{
	for (uint32_t i = 0; i < t->fields.len; i++) {
		AstPort *p = ARENA_NEW(I->a, AstPort);
		*p = *(AstPort *)t->fields.items[i];
		p->dir = dir;
		ast_push(I->doc, &s->ports, p);
	}
}

static void build_flow(Infa *I, Flow *f);

static Flow *find_mapplet(Folder *fo, const char *name)
{
	Flow *m = strmap_get(&fo->mapplets, name);
	if (m)
		return m;
	return via_shortcut(fo, name, "mapplet", NULL);
}

static void step_copy_from_def(AstStep *s, const AstStep *def)
{
	s->kind = def->kind;
	s->orig_kind = def->orig_kind;
	s->def = (AstStep *)def;
	s->def_loc = def->def_loc;
	s->reusable = def->reusable;
	if (!s->description || !*s->description)
		s->description = def->description;
	s->ports = def->ports;
	s->groups = def->groups;
	s->props = def->props;
	s->extras = def->extras;
	s->table = def->table;
}

/* Copy the steps, edges and expansions of a built mapplet into `f` under
 * the instance name, as "<instance>/<step>". */
static void expand_mapplet(Infa *I, AstFlow *f, Build *b, Inst *mi, const char *instance, Flow *m)
{
	AstFlow *mf = m->ast;
	StrMap copies;
	strmap_init(&copies, I->a, false);
	for (uint32_t i = 0; i < mf->steps.len; i++) {
		const AstStep *s = mf->steps.items[i];
		AstStep *c = ARENA_NEW(I->a, AstStep);
		*c = *s;
		c->name = arena_sprintf(I->a, "%s/%s", instance, s->name);
		c->scope = s->scope ? arena_sprintf(I->a, "%s/%s", instance, s->scope) : instance;
		ast_push(I->doc, &f->steps, c);
		strmap_put(&copies, s->name, c);
		inst_put(I, b, c->name, step_class(c), inst_new(I, c));
	}
	for (uint32_t i = 0; i < mf->edges.len; i++) {
		const AstEdge *e = mf->edges.items[i];
		AstEdge *c = ARENA_NEW(I->a, AstEdge);
		*c = *e;
		c->from = strmap_get(&copies, e->from->name);
		c->to = strmap_get(&copies, e->to->name);
		c->scope = e->scope ? arena_sprintf(I->a, "%s/%s", instance, e->scope) : instance;
		ast_push(I->doc, &f->edges, c);
	}
	for (uint32_t i = 0; i < mf->expansions.len; i++) {
		const AstExpansion *x = mf->expansions.items[i];
		AstExpansion *c = ARENA_NEW(I->a, AstExpansion);
		*c = *x;
		c->instance = arena_sprintf(I->a, "%s/%s", instance, x->instance);
		c->scope = x->scope ? arena_sprintf(I->a, "%s/%s", instance, x->scope) : instance;
		ast_push(I->doc, &f->expansions, c);
	}
	mi->mapplet = m;
	mi->prefix = arena_sprintf(I->a, "%s/", instance);
}

static const char *const instance_consumed[] = {
    "NAME", "TRANSFORMATION_NAME", "TRANSFORMATION_TYPE", "TYPE", "REUSABLE", "DESCRIPTION", "DBDNAME", NULL};

/* <INSTANCE NAME TRANSFORMATION_NAME TRANSFORMATION_TYPE TYPE REUSABLE DBDNAME>
 *   <ASSOCIATED_SOURCE_INSTANCE NAME/> </INSTANCE> */
/* An instance whose definition is not in the export, locally or through a
 * shortcut: a partial export (pmrep ObjectExport without -r or -s leaves out
 * reusable dependents and the targets of shortcuts), not a broken file.  The
 * step is kept unresolved, of unknown kind, with `what` as its original
 * kind; connectors give it their ports (edge_end), the rule engine makes it
 * a placeholder, and everything else converts (W0320). */
static void instance_unresolved(Infa *I, Folder *fo, const xmlNode *n, Inst *in, const char *name,
				const char *what, const char *tname)
{
	AstStep *s = in->step;
	s->kind = STEP_UNKNOWN;
	s->orig_kind = what;
	s->table = NULL;
	s->unresolved = true;
	in->unresolved = true;
	Diag d = {.code = W_INFA_INSTANCE_UNDEFINED,
		  .loc = xml_attr_loc(&I->x, n, "TRANSFORMATION_NAME"),
		  .span = (uint32_t)strlen(tname),
		  .context = I->context};
	Shortcut *sc = strmap_get(&fo->shortcuts, tname);
	if (sc && !sc->ast->resolved)
		diag_emit(I->sink, &d,
			  "instance '%s' refers to shortcut '%s' to %s '%s' in folder '%s', which is not in "
			  "the export",
			  name, tname, sc->ast->object_type ? sc->ast->object_type : "object",
			  sc->ast->ref_name ? sc->ast->ref_name : "?",
			  sc->ast->ref_folder ? sc->ast->ref_folder : "?");
	else
		diag_emit(I->sink, &d, "instance '%s' refers to %s '%s', which is not in the export", name,
			  what, tname);
}

/* INSTANCE TYPE ="MAPPLET": expand the mapplet in place. */
static void instance_of_mapplet(Infa *I, Flow *fl, Build *b, const xmlNode *n, const char *name,
				const char *tname)
{
	Flow *m = find_mapplet(fl->folder, tname);
	Inst *mi = inst_new(I, NULL);
	inst_put(I, b, name, 'x', mi);
	if (!m) {
		mi->step = ast_step_new(I->doc, STEP_UNKNOWN, name);
		mi->step->loc = loc(I, n);
		mi->step->def_name = tname;
		mi->step->description = attr(I, n, "DESCRIPTION");
		ast_push(I->doc, &fl->ast->steps, mi->step);
		instance_unresolved(I, fl->folder, n, mi, name, "Mapplet", tname);
		return;
	}
	if (m->state == BUILD_RUNNING) {
		mi->broken = true;
		Diag d = {.code = E_INFA_RECURSION, .loc = loc(I, n), .context = I->context};
		diag_emit(I->sink, &d, "mapplet '%s' contains an instance of itself", tname);
		return;
	}
	const char *saved = I->context;
	build_flow(I, m);
	I->context = saved;
	AstExpansion *x = ARENA_NEW(I->a, AstExpansion);
	x->instance = name;
	x->mapplet = m->ast;
	x->loc = loc(I, n);
	ast_push(I->doc, &fl->ast->expansions, x);
	expand_mapplet(I, fl->ast, b, mi, name, m);
}

/* A source or target instance: its table, local or through a shortcut. */
static bool instance_of_table(Infa *I, Folder *fo, AstStep *s, const xmlNode *n, const char *tname,
			      bool source)
{
	AstTable *t;
	s->kind = source ? STEP_SOURCE : STEP_TARGET;
	s->orig_kind = source ? "Source Definition" : "Target Definition";
	if (source) {
		t = strmap_get(&fo->sources, source_key(I, xml_attr(n, "DBDNAME"), tname));
		if (!t)
			t = strmap_get(&fo->sources, tname);
	} else {
		t = strmap_get(&fo->targets, tname);
	}
	if (!t)
		t = via_shortcut(fo, tname, source ? "source" : "target", &s->shortcut);
	if (!t)
		return false;
	s->table = t;
	table_ports(I, s, t, source ? PORT_OUT : PORT_IN);
	return true;
}

/* A transformation instance: its definition, local to the flow unless
 * REUSABLE ="YES", then in the folder or through a shortcut. */
static bool instance_of_transformation(Infa *I, Folder *fo, Build *b, AstStep *s, const xmlNode *n,
				       const char *tname)
{
	bool reusable = attr_yes(n, "REUSABLE", false);
	AstStep *def = reusable ? NULL : strmap_get(&b->defs, tname);
	if (!def)
		def = strmap_get(&fo->transforms, tname);
	if (!def)
		def = via_shortcut(fo, tname, "transformation", &s->shortcut);
	if (!def && reusable)
		def = strmap_get(&b->defs, tname);
	if (!def)
		return false;
	step_copy_from_def(s, def);
	return true;
}

/* Children and leftover attributes of an instance go on its step; the props
 * list of a shared definition is copied before adding to it. */
static void instance_rest(Infa *I, AstStep *s, const xmlNode *n)
{
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "ASSOCIATED_SOURCE_INSTANCE"))
			ast_push(I->doc, &s->associated, (void *)required(I, c, "NAME"));
		else
			ast_push(I->doc, &s->extras, capture(I, c));
	}
	PtrVec extra = {0};
	rest_props(I, n, &extra, instance_consumed);
	if (!extra.len)
		return;
	PtrVec props = {0};
	for (uint32_t i = 0; i < s->props.len; i++)
		ast_push(I->doc, &props, s->props.items[i]);
	for (uint32_t i = 0; i < extra.len; i++)
		ast_push(I->doc, &props, extra.items[i]);
	s->props = props;
}

/* <INSTANCE NAME TRANSFORMATION_NAME TRANSFORMATION_TYPE TYPE REUSABLE DBDNAME>
 *   <ASSOCIATED_SOURCE_INSTANCE NAME/> </INSTANCE> */
static void parse_instance(Infa *I, Flow *fl, Build *b, const xmlNode *n)
{
	const char *name = required(I, n, "NAME");
	const char *tname = attr_or(I, n, "TRANSFORMATION_NAME", name);
	const char *ttype = attr_or(I, n, "TRANSFORMATION_TYPE", "");
	const char *type = attr_or(I, n, "TYPE", "");
	bool is_mapplet = keyeq(type, "MAPPLET") || keyeq(ttype, "Mapplet");
	char cls = inst_class(ttype);
	if (is_mapplet)
		cls = 'x';
	else if (cls == 'x')
		cls = inst_class(type);
	if (strmap_get(&b->insts, inst_key(I, name, cls))) {
		Diag d = {.code = W_INFA_DUPLICATE,
			  .loc = xml_attr_loc(&I->x, n, "NAME"),
			  .span = (uint32_t)strlen(name),
			  .context = I->context};
		diag_emit(I->sink, &d, "instance '%s' is declared twice", name);
		return;
	}
	if (is_mapplet)
		return instance_of_mapplet(I, fl, b, n, name, tname);
	/* A name shared across classes gets a suffix so step names stay unique;
	 * the name as written is kept in orig_name. */
	const char *step_name = name;
	if (strmap_get(&b->names, name))
		step_name = arena_sprintf(I->a, "%s@%s", name,
					  cls == 's'   ? "source"
					  : cls == 't' ? "target"
						       : "transformation");
	AstStep *s = ast_step_new(I->doc, STEP_UNKNOWN, step_name);
	if (step_name != name)
		s->orig_name = name;
	s->loc = loc(I, n);
	s->def_name = tname;
	s->description = attr(I, n, "DESCRIPTION");
	Inst *in = inst_new(I, s);
	inst_put(I, b, name, cls, in);
	ast_push(I->doc, &fl->ast->steps, s);
	bool found;
	if (cls == 's' || cls == 't') {
		found = instance_of_table(I, fl->folder, s, n, tname, cls == 's');
	} else if (keyeq(type, "TRANSFORMATION")) {
		found = instance_of_transformation(I, fl->folder, b, s, n, tname);
	} else {
		Diag d = {.code = E_INFA_UNKNOWN_TYPE,
			  .loc = xml_attr_loc(&I->x, n, "TYPE"),
			  .span = (uint32_t)strlen(type),
			  .context = I->context};
		diag_emit(I->sink, &d, "unknown instance type '%s'", type);
		in->broken = true;
		return;
	}
	if (!found)
		instance_unresolved(I, fl->folder, n, in, name, *ttype ? ttype : type, tname);
	instance_rest(I, s, n);
}

/* A connector end on a mapplet instance: the mapplet's interface port
 * leads to a port of its Input (or Output) transformation inside the
 * expansion; MAPPLETGROUP names which one, else the one that has the port. */
static bool mapplet_end(Infa *I, Build *b, const xmlNode *n, Inst *in, const char *iname, const char *field,
			const char *field_attr, bool from, AstStep **step, AstPort **port)
{
	Flow *m = in->mapplet;
	const AstPort *ip = NULL;
	for (uint32_t i = 0; m->iface && i < m->iface->ports.len && !ip; i++) {
		const AstPort *q = m->iface->ports.items[i];
		if (strcmp(q->name, field) == 0 && (q->dir & (from ? PORT_OUT : PORT_IN)))
			ip = q;
	}
	const char *group = NULL, *ref = field;
	if (ip) {
		AstProp *g = ast_props_find_name(&ip->props, "MAPPLETGROUP");
		group = g ? g->value : NULL;
		if (ip->ref && *ip->ref)
			ref = ip->ref;
	}
	StepKind want = from ? STEP_FLOW_OUTPUT : STEP_FLOW_INPUT;
	AstStep *boundary = NULL;
	for (uint32_t i = 0; i < m->ast->steps.len; i++) {
		AstStep *s = m->ast->steps.items[i];
		if (s->kind != want || s->scope)
			continue;
		if (group && strcmp(s->name, group) == 0)
			boundary = s;
		else if (!group && !boundary && ast_ports_find(&s->ports, ref))
			boundary = s;
	}
	AstPort *bp = boundary ? ast_ports_find(&boundary->ports, ref) : NULL;
	if (!bp) {
		Diag d = {.code = E_INFA_MAPPLET_PORT,
			  .loc = xml_attr_loc(&I->x, n, field_attr),
			  .span = (uint32_t)strlen(field),
			  .context = I->context};
		return diag_emit(I->sink, &d, "mapplet '%s' (instance '%s') has no %s port '%s'",
				 m->ast->name, iname, from ? "output" : "input", field);
	}
	Inst *bin = find_inst(I, b, arena_sprintf(I->a, "%s%s", in->prefix, boundary->name), NULL);
	*step = bin ? bin->step : NULL;
	*port = bp;
	return *step != NULL;
}

/* A connector end on an unresolved instance (instance_unresolved): the
 * port it names, added on first use, an output when the connector leaves
 * the instance and an input when it enters, of unknown type. */
static bool unresolved_end(Infa *I, Inst *in, const char *field, bool from, AstStep **step,
			   AstPort **port)
{
	AstPort *p = inst_port(I, in, field);
	if (!p) {
		p = ast_port_new(I->doc, arena_strdup(I->a, field)); /* field is the DOM's */
		ast_push(I->doc, &in->step->ports, p);
		strmap_put(&in->ports, p->name, p);
	}
	p->dir |= from ? PORT_OUT : PORT_IN;
	*step = in->step;
	*port = p;
	return true;
}

/* The port an edge end names.  For a mapplet instance the mapplet's
 * interface port leads to the port of its Input or Output transformation
 * inside the expansion. */
static bool edge_end(Infa *I, Build *b, const xmlNode *n, const char *inst_attr, const char *type_attr,
		     const char *field_attr, bool from, AstStep **step, AstPort **port)
{
	const char *iname = xml_attr(n, inst_attr);
	const char *field = xml_attr(n, field_attr);
	if (!iname || !field) {
		required(I, n, !iname ? inst_attr : field_attr);
		return false;
	}
	Inst *in = find_inst(I, b, iname, xml_attr(n, type_attr));
	if (!in)
		in = find_inst(I, b, iname, NULL); /* the instance type was written differently */
	if (!in) {
		Diag d = {.code = E_INFA_CONNECTOR_INSTANCE,
			  .loc = xml_attr_loc(&I->x, n, inst_attr),
			  .span = (uint32_t)strlen(iname),
			  .context = I->context};
		return diag_emit(I->sink, &d, "connector names unknown instance '%s'", iname);
	}
	if (in->broken)
		return false; /* already reported */
	if (in->unresolved)
		return unresolved_end(I, in, field, from, step, port);
	if (in->mapplet)
		return mapplet_end(I, b, n, in, iname, field, field_attr, from, step, port);
	AstPort *p = inst_port(I, in, field);
	if (!p) {
		Diag d = {.code = E_INFA_CONNECTOR_PORT,
			  .loc = xml_attr_loc(&I->x, n, field_attr),
			  .span = (uint32_t)strlen(field),
			  .context = I->context};
		return diag_emit(I->sink, &d, "instance '%s' has no port '%s'", iname, field);
	}
	*step = in->step;
	*port = p;
	return true;
}

/* <CONNECTOR FROMINSTANCE FROMFIELD FROMINSTANCETYPE TOINSTANCE TOFIELD TOINSTANCETYPE/> */
static void parse_connector(Infa *I, AstFlow *f, Build *b, const xmlNode *n)
{
	AstStep *from, *to;
	AstPort *fp, *tp;
	if (!edge_end(I, b, n, "FROMINSTANCE", "FROMINSTANCETYPE", "FROMFIELD", true, &from, &fp))
		return;
	if (!edge_end(I, b, n, "TOINSTANCE", "TOINSTANCETYPE", "TOFIELD", false, &to, &tp))
		return;
	AstEdge *e = ast_edge_new(I->doc);
	e->from = from;
	e->from_port = fp;
	e->to = to;
	e->to_port = tp;
	e->loc = loc_line(I, n);
	ast_push(I->doc, &f->edges, e);
}

/* The ports of an unresolved instance (instance_unresolved) have no type in
 * the export: each takes the type of the port a connector joins it to,
 * repeated so that a chain of unresolved instances passes a type along. */
static void type_unresolved_ports(const AstFlow *f)
{
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t i = 0; i < f->edges.len; i++) {
			const AstEdge *e = f->edges.items[i];
			if (!e->from_port || !e->to_port)
				continue;
			AstPort *mine = NULL;
			const AstPort *other = NULL;
			if (e->from->unresolved && e->from_port->type.kind == TY_UNKNOWN)
				mine = e->from_port, other = e->to_port;
			else if (e->to->unresolved && e->to_port->type.kind == TY_UNKNOWN)
				mine = e->to_port, other = e->from_port;
			if (mine && other->type.kind != TY_UNKNOWN) {
				mine->type = other->type;
				changed = true;
			}
		}
	}
}

/* Source qualifiers name their sources by instance name; point them at the
 * source steps (whose names may carry a suffix, see parse_instance). */
static void resolve_associated(Infa *I, AstFlow *f, Build *b)
{
	for (uint32_t i = 0; i < f->steps.len; i++) {
		AstStep *s = f->steps.items[i];
		if (s->scope || !s->associated.len)
			continue;
		PtrVec names = {0};
		for (uint32_t j = 0; j < s->associated.len; j++) {
			const char *name = s->associated.items[j];
			Inst *in = find_inst(I, b, name, "Source Definition");
			ast_push(I->doc, &names, (void *)(in && in->step ? in->step->name : name));
		}
		s->associated = names;
	}
}

static const char *const mappingvar_consumed[] = {
    "NAME",         "DATATYPE",    "PRECISION",   "SCALE",
    "DEFAULTVALUE", "ISPARAM",     "AGGFUNCTION", "ISEXPRESSIONVARIABLE",
    "USERDEFINED",  "DESCRIPTION", NULL};

/* <MAPPINGVARIABLE NAME DATATYPE DEFAULTVALUE ISPARAM AGGFUNCTION
 *     ISEXPRESSIONVARIABLE USERDEFINED .../> */
static AstParam *parse_mapping_variable(Infa *I, AstFlow *f, const xmlNode *n)
{
	bool is_param = attr_yes(n, "ISPARAM", false);
	AstParam *p = ast_param_new(I->doc, required(I, n, "NAME"),
				    is_param ? PARAM_PARAMETER : PARAM_VARIABLE, SCOPE_FLOW);
	p->owner = f->name;
	p->loc = loc(I, n);
	p->type = infa_type(I, xml_attr(n, "DATATYPE"), n, NULL);
	p->default_value = attr(I, n, "DEFAULTVALUE");
	p->aggregation = attr(I, n, "AGGFUNCTION");
	if (p->aggregation)
		p->agg = ascii_ieq(p->aggregation, "MAX")     ? AGG_MAX
			 : ascii_ieq(p->aggregation, "MIN")   ? AGG_MIN
			 : ascii_ieq(p->aggregation, "COUNT") ? AGG_COUNT
							      : AGG_NONE;
	p->user_defined = attr_yes(n, "USERDEFINED", true);
	p->description = attr(I, n, "DESCRIPTION");
	if (attr_yes(n, "ISEXPRESSIONVARIABLE", false) && p->default_value && *p->default_value)
		p->expr = expr_at(I, LANG_POWERCENTER, n, "DEFAULTVALUE", p->default_value);
	rest_props(I, n, &p->props, mappingvar_consumed);
	return p;
}

/* <MAPPING|MAPPLET NAME ISVALID DESCRIPTION ...>
 *   <TRANSFORMATION/>... <INSTANCE/>... <CONNECTOR/>... <TARGETLOADORDER/>
 *   <MAPPINGVARIABLE/> <ERPINFO/> <METADATAEXTENSION/> </MAPPING> */
static void build_flow(Infa *I, Flow *fl)
{
	if (fl->state != BUILD_TODO)
		return;
	fl->state = BUILD_RUNNING;
	AstFlow *f = fl->ast;
	I->context =
	    arena_sprintf(I->a, "in %s '%s'", f->kind == FLOW_MAPPLET ? "mapplet" : "mapping", f->name);
	Build b;
	strmap_init(&b.defs, I->a, false);
	strmap_init(&b.insts, I->a, false);
	strmap_init(&b.names, I->a, false);
	const xmlNode *n = fl->node;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (!xml_is(c, "TRANSFORMATION"))
			continue;
		AstStep *d = parse_transformation(I, c);
		ast_push(I->doc, &f->defs, d);
		if (f->kind == FLOW_MAPPLET && d->kind == STEP_SUBFLOW && !fl->iface) {
			fl->iface = d;
			continue;
		}
		if (strmap_put(&b.defs, d->name, d)) {
			Diag dg = {.code = W_INFA_DUPLICATE, .loc = d->def_loc, .context = I->context};
			diag_emit(I->sink, &dg, "transformation '%s' is defined twice", d->name);
		}
	}
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		if (xml_is(c, "INSTANCE"))
			parse_instance(I, fl, &b, c);
	resolve_associated(I, f, &b);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "TRANSFORMATION") || xml_is(c, "INSTANCE")) {
			continue;
		} else if (xml_is(c, "CONNECTOR")) {
			parse_connector(I, f, &b, c);
		} else if (xml_is(c, "TARGETLOADORDER")) {
			AstLoadOrder *lo = ARENA_NEW(I->a, AstLoadOrder);
			lo->order = attr_int(c, "ORDER", 0);
			lo->target = required(I, c, "TARGETINSTANCE");
			lo->loc = loc(I, c);
			Inst *in = find_inst(I, &b, lo->target, "Target Definition");
			if (!in)
				in = find_inst(I, &b, lo->target, NULL);
			lo->step = in ? in->step : NULL;
			if (lo->step)
				lo->target = lo->step->name;
			if (!in) {
				Diag d = {.code = W_INFA_LOAD_ORDER,
					  .loc = xml_attr_loc(&I->x, c, "TARGETINSTANCE"),
					  .span = (uint32_t)strlen(lo->target),
					  .context = I->context};
				diag_emit(I->sink, &d, "target load order names unknown instance '%s'",
					  lo->target);
			}
			ast_push(I->doc, &f->load_order, lo);
		} else if (xml_is(c, "MAPPINGVARIABLE")) {
			ast_push(I->doc, &f->params, parse_mapping_variable(I, f, c));
		} else {
			ast_push(I->doc, &f->extras, capture(I, c));
		}
	}
	type_unresolved_ports(f);
	I->context = NULL;
	fl->state = BUILD_DONE;
}

/* ---- sessions and tasks -------------------------------------------------- */

static TaskKind task_kind(const char *type)
{
	static const struct {
		const char *name;
		TaskKind kind;
	} map[] = {
	    {"Start", TASK_START},           {"Session", TASK_RUN_FLOW},
	    {"Command", TASK_COMMAND},       {"Assignment", TASK_ASSIGNMENT},
	    {"Decision", TASK_DECISION},     {"Email", TASK_EMAIL},
	    {"Control", TASK_CONTROL},       {"Timer", TASK_TIMER},
	    {"Event-wait", TASK_EVENT_WAIT}, {"Event-raise", TASK_EVENT_RAISE},
	    {"Worklet", TASK_RUN_CONTROL},
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (keyeq(type, map[i].name))
			return map[i].kind;
	return TASK_OTHER;
}

/* <VALUEPAIR EXECORDER NAME VALUE REVERSEASSIGNMENT/>: a command line of a
 * Command task, or "variable = expression" of an Assignment. */
static AstCommand *parse_valuepair(Infa *I, const xmlNode *n, bool assignment, CommandWhen when,
				   const char *component)
{
	AstCommand *c = ast_command_new(I->doc, required(I, n, "NAME"));
	c->assignment = assignment;
	c->when = when;
	c->order = attr_int(n, "EXECORDER", 0);
	c->component = component;
	c->loc = loc_line(I, n);
	c->reverse = attr_yes(n, "REVERSEASSIGNMENT", false);
	c->value =
	    expr_at(I, assignment ? LANG_POWERCENTER : LANG_SHELL, n, "VALUE", attr_or(I, n, "VALUE", ""));
	return c;
}

static const char *const task_consumed[] = {"NAME", "TYPE", "REUSABLE", "DESCRIPTION", NULL};

/* <TASK NAME TYPE REUSABLE DESCRIPTION> <ATTRIBUTE/> <VALUEPAIR/> </TASK> */
static AstTask *parse_task(Infa *I, const xmlNode *n, CommandWhen when, const char *component)
{
	const char *type = attr_or(I, n, "TYPE", "");
	AstTask *t = ast_task_new(I->doc, task_kind(type), required(I, n, "NAME"));
	t->is_definition = true;
	t->orig_kind = type;
	t->reusable = attr_yes(n, "REUSABLE", false);
	t->description = attr(I, n, "DESCRIPTION");
	t->loc = loc(I, n);
	if (t->kind == TASK_OTHER) {
		Diag d = {.code = W_INFA_TASK_TYPE,
			  .loc = xml_attr_loc(&I->x, n, "TYPE"),
			  .span = (uint32_t)strlen(type),
			  .context = I->context};
		diag_emit(I->sink, &d, "unknown task type '%s'", type);
	}
	rest_props(I, n, &t->props, task_consumed);
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "ATTRIBUTE"))
			ast_push(I->doc, &t->props, name_value_prop(I, c, STEP_UNKNOWN));
		else if (xml_is(c, "VALUEPAIR"))
			ast_push(I->doc, &t->commands,
				 parse_valuepair(I, c, t->kind == TASK_ASSIGNMENT, when, component));
		else
			ast_push(I->doc, &t->extras, capture(I, c));
	}
	return t;
}

static CommandWhen component_when(const char *type, bool *assignment)
{
	*assignment = strstr(type, "assignment") != NULL || strstr(type, "Assignment") != NULL;
	if (strstr(type, "failure") || strstr(type, "Failure"))
		return CMD_POST_FAILURE;
	if (strstr(type, "Post") || strstr(type, "post"))
		return CMD_POST_SUCCESS;
	return CMD_PRE;
}

static const char *const component_consumed[] = {"TYPE", "REFOBJECTNAME", "REUSABLE", NULL};

/* <SESSIONCOMPONENT TYPE REFOBJECTNAME REUSABLE>
 *   <TASK NAME TYPE ="Command"> <ATTRIBUTE/> <VALUEPAIR/> </TASK>
 * </SESSIONCOMPONENT>: a command, variable assignment or email run before or
 * after the session.  With REUSABLE ="YES" there is no TASK: REFOBJECTNAME
 * names a folder task, resolved in pass 4. */
static AstTask *parse_session_component(Infa *I, const xmlNode *c)
{
	const char *type = attr_or(I, c, "TYPE", "");
	bool assignment;
	CommandWhen when = component_when(type, &assignment);
	TaskKind kind = assignment               ? TASK_ASSIGNMENT
			: strstr(type, "ommand") ? TASK_COMMAND
			: strstr(type, "mail")   ? TASK_EMAIL
						 : TASK_OTHER;
	AstTask *t = ast_task_new(I->doc, kind, attr_or(I, c, "REFOBJECTNAME", ""));
	t->is_definition = true;
	t->orig_kind = type;
	t->reusable = attr_yes(c, "REUSABLE", false);
	t->loc = loc(I, c);
	rest_props(I, c, &t->props, component_consumed);
	for (const xmlNode *k = xml_first(c); k; k = xml_next(k)) {
		if (!xml_is(k, "TASK")) {
			ast_push(I->doc, &t->extras, capture(I, k));
			continue;
		}
		t->description = attr(I, k, "DESCRIPTION");
		static const char *const inner_consumed[] = {"NAME", "TYPE", "REUSABLE", "DESCRIPTION", NULL};
		rest_props(I, k, &t->props, inner_consumed);
		for (const xmlNode *v = xml_first(k); v; v = xml_next(v)) {
			if (xml_is(v, "VALUEPAIR"))
				ast_push(I->doc, &t->commands, parse_valuepair(I, v, assignment, when, type));
			else if (xml_is(v, "ATTRIBUTE"))
				ast_push(I->doc, &t->props, name_value_prop(I, v, STEP_UNKNOWN));
			else
				ast_push(I->doc, &t->extras, capture(I, v));
		}
	}
	return t;
}

static const char *const override_consumed[] = {"SINSTANCENAME", "TRANSFORMATIONTYPE", "NAME", "TYPE", NULL};

/* <CONNECTIONREFERENCE CNXREFNAME CONNECTIONNAME CONNECTIONTYPE
 *     CONNECTIONSUBTYPE VARIABLE/> */
static AstConnRef *parse_connref(Infa *I, const xmlNode *n)
{
	AstConnRef *r = ARENA_NEW(I->a, AstConnRef);
	r->ref_name = attr_or(I, n, "CNXREFNAME", "");
	r->variable = attr(I, n, "VARIABLE");
	r->loc = loc_line(I, n);
	const char *name = xml_attr(n, "CONNECTIONNAME");
	if (name && *name)
		r->conn = ast_connection_get(I->doc, S(I, name), attr_or(I, n, "CONNECTIONTYPE", ""),
					     attr_or(I, n, "CONNECTIONSUBTYPE", ""), r->loc);
	else if (r->variable && *r->variable)
		r->conn = ast_connection_get(I->doc, r->variable, attr_or(I, n, "CONNECTIONTYPE", ""),
					     attr_or(I, n, "CONNECTIONSUBTYPE", ""), r->loc);
	return r;
}

/* Session contents, shared by SESSION definitions and by TASKINSTANCEs that
 * override a session: <SESSTRANSFORMATIONINST/> <SESSIONEXTENSION/>
 * <CONFIGREFERENCE/> <SESSIONCOMPONENT/> <ATTRIBUTE/>. */
static void parse_session_children(Infa *I, AstSession *s, const xmlNode *n, PtrVec *elsewhere)
{
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "SESSTRANSFORMATIONINST") || xml_is(c, "SESSIONEXTENSION")) {
			bool ext = xml_is(c, "SESSIONEXTENSION");
			AstOverride *o = ast_override_new(I->doc, attr_or(I, c, "SINSTANCENAME", ""));
			o->instance_type = attr(I, c, "TRANSFORMATIONTYPE");
			o->extension = ext ? attr(I, c, "NAME") : NULL;
			o->ext_type = ext ? attr(I, c, "TYPE") : NULL;
			o->loc = loc(I, c);
			rest_props(I, c, &o->props, override_consumed);
			for (const xmlNode *g = xml_first(c); g; g = xml_next(g)) {
				if (xml_is(g, "ATTRIBUTE"))
					ast_push(I->doc, &o->props, name_value_prop(I, g, STEP_UNKNOWN));
				else if (xml_is(g, "CONNECTIONREFERENCE"))
					ast_push(I->doc, &o->connections, parse_connref(I, g));
				else
					ast_push(I->doc, &o->extras, capture(I, g));
			}
			ast_push(I->doc, &s->overrides, o);
		} else if (xml_is(c, "CONFIGREFERENCE")) {
			s->config = attr(I, c, "REFOBJECTNAME");
		} else if (xml_is(c, "ATTRIBUTE")) {
			ast_push(I->doc, &s->props, name_value_prop(I, c, STEP_UNKNOWN));
		} else if (xml_is(c, "SESSIONCOMPONENT")) {
			ast_push(I->doc, &s->components, parse_session_component(I, c));
		} else {
			ast_push(I->doc, elsewhere, capture(I, c));
		}
	}
}

static const char *const session_consumed[] = {"NAME", "MAPPINGNAME", "REUSABLE", "DESCRIPTION", NULL};

/* <SESSION NAME MAPPINGNAME REUSABLE ISVALID DESCRIPTION> ... </SESSION> */
static AstTask *parse_session(Infa *I, Folder *fo, const xmlNode *n)
{
	AstTask *t = ast_task_new(I->doc, TASK_RUN_FLOW, required(I, n, "NAME"));
	t->is_definition = true;
	t->orig_kind = "Session";
	t->reusable = attr_yes(n, "REUSABLE", false);
	t->description = attr(I, n, "DESCRIPTION");
	t->loc = loc(I, n);
	t->session = ast_session_new(I->doc);
	t->session->mapping_name = attr(I, n, "MAPPINGNAME");
	rest_props(I, n, &t->props, session_consumed);
	parse_session_children(I, t->session, n, &t->extras);
	PendingSession *ps = ARENA_NEW(I->a, PendingSession);
	ps->task = t;
	ps->folder = fo;
	ast_push(I->doc, &I->sessions, ps);
	return t;
}

/* ---- workflows and worklets ---------------------------------------------- */

static AstControl *parse_control(Infa *I, Folder *fo, const xmlNode *n, ControlKind kind);

static const char *const taskinstance_consumed[] = {"NAME",
						    "TASKNAME",
						    "TASKTYPE",
						    "REUSABLE",
						    "ISENABLED",
						    "DESCRIPTION",
						    "FAIL_PARENT_IF_INSTANCE_FAILS",
						    "FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN",
						    "TREAT_INPUTLINK_AS_AND",
						    NULL};

/* <TASKINSTANCE NAME TASKNAME TASKTYPE REUSABLE ISENABLED ...>
 *   session overrides </TASKINSTANCE> */
static AstTask *parse_task_instance(Infa *I, Folder *fo, AstControl *owner, const xmlNode *n)
{
	const char *type = attr_or(I, n, "TASKTYPE", "");
	AstTask *t = ast_task_new(I->doc, task_kind(type), required(I, n, "NAME"));
	t->orig_kind = type;
	t->def_name = attr_or(I, n, "TASKNAME", t->name);
	t->reusable = attr_yes(n, "REUSABLE", false);
	t->enabled = attr_yes(n, "ISENABLED", true);
	t->description = attr(I, n, "DESCRIPTION");
	t->fail_parent_if_fails = attr_yes(n, "FAIL_PARENT_IF_INSTANCE_FAILS", false);
	t->fail_parent_if_not_run = attr_yes(n, "FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN", false);
	t->links_and = attr_yes(n, "TREAT_INPUTLINK_AS_AND", true);
	t->loc = loc(I, n);
	rest_props(I, n, &t->props, taskinstance_consumed);
	if (xml_first(n)) {
		t->session = ast_session_new(I->doc);
		parse_session_children(I, t->session, n, &t->extras);
	}
	PendingTask *p = ARENA_NEW(I->a, PendingTask);
	p->task = t;
	p->owner = owner;
	p->folder = fo;
	p->node = n;
	ast_push(I->doc, &I->pending, p);
	return t;
}

static const char *const wfvar_consumed[] = {
    "NAME", "DATATYPE", "DEFAULTVALUE", "ISPERSISTENT", "USERDEFINED", "DESCRIPTION", NULL};

/* <WORKFLOWVARIABLE NAME DATATYPE DEFAULTVALUE ISNULL ISPERSISTENT USERDEFINED/> */
static AstParam *parse_workflow_variable(Infa *I, AstControl *c, const xmlNode *n)
{
	bool user = attr_yes(n, "USERDEFINED", true);
	AstParam *p = ast_param_new(I->doc, required(I, n, "NAME"), PARAM_VARIABLE,
				    user ? SCOPE_CONTROL : SCOPE_SYSTEM);
	p->owner = c->name;
	p->loc = loc(I, n);
	p->type = infa_type(I, xml_attr(n, "DATATYPE"), n, NULL);
	p->default_value = attr(I, n, "DEFAULTVALUE");
	p->persistent = attr_yes(n, "ISPERSISTENT", false);
	p->user_defined = user;
	p->description = attr(I, n, "DESCRIPTION");
	rest_props(I, n, &p->props, wfvar_consumed);
	return p;
}

static const char *const control_consumed[] = {"NAME",    "DESCRIPTION", "ISENABLED",
					       "ISVALID", "REUSABLE",    NULL};

/* <WORKFLOW|WORKLET NAME ISENABLED ISVALID ...>
 *   <SCHEDULER/> <TASK/> <SESSION/> <WORKLET/> <TASKINSTANCE/>
 *   <WORKFLOWLINK/> <WORKFLOWVARIABLE/> <ATTRIBUTE/> </WORKFLOW> */
static AstControl *parse_control(Infa *I, Folder *fo, const xmlNode *n, ControlKind kind)
{
	AstControl *c = ast_control_new(I->doc, kind, required(I, n, "NAME"));
	c->folder = fo->ast->name;
	c->loc = loc(I, n);
	c->description = attr(I, n, "DESCRIPTION");
	c->enabled = attr_yes(n, "ISENABLED", true);
	c->valid = attr_yes(n, "ISVALID", true);
	c->reusable = kind == CTRL_WORKFLOW || attr_yes(n, "REUSABLE", false);
	rest_props(I, n, &c->props, control_consumed);
	const char *saved = I->context;
	I->context = arena_sprintf(I->a, "in %s '%s'", control_kind_name(kind), c->name);
	StrMap names;
	strmap_init(&names, I->a, false);
	for (const xmlNode *k = xml_first(n); k; k = xml_next(k)) {
		if (xml_is(k, "TASK")) {
			ast_push(I->doc, &c->defs, parse_task(I, k, CMD_TASK, NULL));
		} else if (xml_is(k, "SESSION")) {
			ast_push(I->doc, &c->defs, parse_session(I, fo, k));
		} else if (xml_is(k, "WORKLET")) {
			AstTask *t = ast_task_new(I->doc, TASK_RUN_CONTROL, required(I, k, "NAME"));
			t->is_definition = true;
			t->orig_kind = "Worklet";
			t->loc = loc(I, k);
			t->sub = parse_control(I, fo, k, CTRL_WORKLET);
			ast_push(I->doc, &c->defs, t);
		} else if (xml_is(k, "TASKINSTANCE")) {
			AstTask *t = parse_task_instance(I, fo, c, k);
			if (strmap_put(&names, t->name, t)) {
				Diag d = {.code = W_INFA_DUPLICATE, .loc = t->loc, .context = I->context};
				diag_emit(I->sink, &d, "task instance '%s' is declared twice", t->name);
			}
			ast_push(I->doc, &c->tasks, t);
		} else if (xml_is(k, "WORKFLOWVARIABLE")) {
			ast_push(I->doc, &c->params, parse_workflow_variable(I, c, k));
		} else if (xml_is(k, "ATTRIBUTE")) {
			ast_push(I->doc, &c->props, name_value_prop(I, k, STEP_UNKNOWN));
		} else if (!xml_is(k, "WORKFLOWLINK")) {
			ast_push(I->doc, &c->extras, capture(I, k));
		}
	}
	/* Links last: they name task instances, which may follow them. */
	for (const xmlNode *k = xml_first(n); k; k = xml_next(k)) {
		if (!xml_is(k, "WORKFLOWLINK"))
			continue;
		AstLink *l = ast_link_new(I->doc);
		l->from_name = required(I, k, "FROMTASK");
		l->to_name = required(I, k, "TOTASK");
		l->loc = loc(I, k);
		const char *cond = xml_attr(k, "CONDITION");
		if (cond && *str_trim(str_from(cond)).ptr)
			l->cond = expr_at(I, LANG_POWERCENTER, k, "CONDITION", S(I, cond));
		l->from = strmap_get(&names, l->from_name);
		l->to = strmap_get(&names, l->to_name);
		const char *bad = !l->from ? l->from_name : !l->to ? l->to_name : NULL;
		if (bad) {
			Diag d = {.code = E_INFA_LINK_TASK,
				  .loc = xml_attr_loc(&I->x, k, !l->from ? "FROMTASK" : "TOTASK"),
				  .span = (uint32_t)strlen(bad),
				  .context = I->context};
			diag_emit(I->sink, &d, "link names unknown task instance '%s'", bad);
			continue;
		}
		ast_push(I->doc, &c->links, l);
	}
	I->context = saved;
	return c;
}

static void resolve_session_components(Infa *I, Folder *fo, AstSession *s);

/* A partial export (Repository Manager, one level deep) keeps a task
 * instance whose reusable definition is a shortcut to a folder it left out:
 * W0319, and the instance stays unresolved.  True when that was the case. */
static bool task_shortcut_missing(Infa *I, Folder *fo, const PendingTask *p)
{
	const AstTask *t = p->task;
	Shortcut *sc = strmap_get(&fo->shortcuts, t->def_name);
	if (!sc || sc->ast->resolved)
		return false;
	sc->used = true;
	Diag d = {.code = W_INFA_TASK_UNDEFINED,
		  .loc = xml_attr_loc(&I->x, p->node, "TASKNAME"),
		  .span = (uint32_t)strlen(t->def_name),
		  .context = I->context};
	diag_emit(I->sink, &d,
		  "task instance '%s' refers to shortcut '%s' to %s '%s' in folder '%s', which is not in "
		  "the export",
		  t->name, sc->ast->name, sc->ast->object_type ? sc->ast->object_type : "object",
		  sc->ast->ref_name ? sc->ast->ref_name : "?",
		  sc->ast->ref_folder ? sc->ast->ref_folder : "?");
	return true;
}

/* Pass 4 for one task instance: find its definition, local first.  A
 * definition the export lacks is a partial export, not a broken file: the
 * instance is kept unresolved (def and sub NULL) with W0319. */
static void resolve_task_instance(Infa *I, PendingTask *p)
{
	AstTask *t = p->task;
	Folder *fo = p->folder;
	I->context = arena_sprintf(I->a, "in %s '%s'", control_kind_name(p->owner->kind), p->owner->name);
	if (t->session)
		resolve_session_components(I, fo, t->session);
	AstTask *def = NULL;
	if (!t->reusable || t->kind != TASK_RUN_CONTROL) {
		for (uint32_t i = 0; i < p->owner->defs.len && !def; i++) {
			AstTask *d = p->owner->defs.items[i];
			if (strcmp(d->name, t->def_name) == 0)
				def = d;
		}
	}
	if (t->kind == TASK_RUN_CONTROL && !def) {
		AstControl *w = strmap_get(&fo->worklets, t->def_name);
		if (!w && !strmap_get(&fo->tasks, t->def_name) && task_shortcut_missing(I, fo, p))
			return;
		if (!w)
			w = via_shortcut(fo, t->def_name, "worklet", NULL);
		if (w) {
			t->sub = w;
			return;
		}
	}
	if (!def)
		def = strmap_get(&fo->tasks, t->def_name);
	if (!def && task_shortcut_missing(I, fo, p))
		return;
	if (!def)
		def = via_shortcut(fo, t->def_name, "task", NULL);
	if (def) {
		t->def = def;
		if (t->kind == TASK_OTHER)
			t->kind = def->kind;
		if (def->sub)
			t->sub = def->sub;
		return;
	}
	if (strmap_get(&fo->shortcuts, t->def_name))
		return; /* reported by via_shortcut */
	Diag d = {.code = W_INFA_TASK_UNDEFINED,
		  .loc = xml_attr_loc(&I->x, p->node, "TASKNAME"),
		  .span = (uint32_t)strlen(t->def_name),
		  .context = I->context};
	diag_emit(I->sink, &d, "task instance '%s' refers to %s '%s', which is not in the export", t->name,
		  *t->orig_kind ? t->orig_kind : "task", t->def_name);
}

/* Pass 4 for sessions: the mapping they run, and reusable command tasks
 * their components name. */
static void resolve_session(Infa *I, Folder *fo, AstTask *t)
{
	AstSession *s = t->session;
	if (!s->mapping_name || !*s->mapping_name)
		return;
	Flow *m = strmap_get(&fo->mappings, s->mapping_name);
	if (!m) {
		Shortcut *sc = strmap_get(&fo->shortcuts, s->mapping_name);
		if (sc) {
			sc->used = true;
			if (sc->ast->resolved && strcmp(sc->ast->resolved_kind, "mapping") == 0)
				m = sc->ast->target;
			else if (!sc->ast->resolved) {
				Diag d = {.code = W_INFA_SESSION_MAPPING, .loc = t->loc, .context = NULL};
				diag_emit(I->sink, &d,
					  "session '%s' runs shortcut '%s' to mapping '%s' in folder '%s', "
					  "which is not in the export",
					  t->name, sc->ast->name, sc->ast->ref_name ? sc->ast->ref_name : "?",
					  sc->ast->ref_folder ? sc->ast->ref_folder : "?");
				return;
			}
		}
	}
	if (m) {
		s->mapping = m->ast;
		return;
	}
	Diag d = {.code = W_INFA_SESSION_MAPPING, .loc = t->loc, .context = NULL};
	diag_emit(I->sink, &d, "session '%s' runs mapping '%s', which is not in the export", t->name,
		  s->mapping_name);
}

/* A reusable session component names a folder task: take its commands, with
 * the component's timing. */
static void resolve_session_components(Infa *I, Folder *fo, AstSession *s)
{
	for (uint32_t i = 0; i < s->components.len; i++) {
		AstTask *c = s->components.items[i];
		if (!c->reusable || c->commands.len || c->def)
			continue;
		AstTask *t = strmap_get(&fo->tasks, c->name);
		if (!t) {
			Diag d = {.code = W_INFA_TASK_UNDEFINED, .loc = c->loc};
			diag_emit(I->sink, &d,
				  "session component '%s' (%s) refers to a reusable task that is not in the "
				  "export; its commands are unknown",
				  c->name, c->orig_kind);
			continue;
		}
		c->def = t;
		bool assignment;
		CommandWhen when = component_when(c->orig_kind, &assignment);
		for (uint32_t j = 0; j < t->commands.len; j++) {
			AstCommand *copy = ARENA_NEW(I->a, AstCommand);
			*copy = *(AstCommand *)t->commands.items[j];
			copy->when = when;
			copy->component = c->orig_kind;
			ast_push(I->doc, &c->commands, copy);
		}
	}
}

/* A worklet that runs itself, directly or through others, would never end:
 * report it and cut the instance's link to its body. */
static void check_worklet_cycles(Infa *I, AstControl *c, PtrVec *stack, PtrVec *done)
{
	for (uint32_t i = 0; i < done->len; i++)
		if (done->items[i] == c)
			return;
	ast_push(I->doc, stack, c);
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		AstTask *t = c->tasks.items[i];
		if (!t->sub)
			continue;
		bool cycle = false;
		for (uint32_t j = 0; j < stack->len && !cycle; j++)
			cycle = stack->items[j] == t->sub;
		if (cycle) {
			Diag d = {.code = E_INFA_RECURSION,
				  .loc = t->loc,
				  .context =
				      arena_sprintf(I->a, "in %s '%s'", control_kind_name(c->kind), c->name)};
			diag_emit(I->sink, &d, "task instance '%s' runs worklet '%s', which contains it",
				  t->name, t->sub->name);
			t->sub = NULL;
			continue;
		}
		check_worklet_cycles(I, t->sub, stack, done);
	}
	for (uint32_t i = 0; i < c->defs.len; i++) {
		AstTask *d = c->defs.items[i];
		if (d->sub)
			check_worklet_cycles(I, d->sub, stack, done);
	}
	stack->len--;
	ast_push(I->doc, done, c);
}

/* ---- XML Source Qualifiers ---------------------------------------------- */

/* An XML Source Qualifier reads an XML file into one output group per
 * view of its XML source definition (PowerCenter XML Guide, "XML Source
 * Qualifier Transformation"; "Working with XML Sources").  The AST states
 * it in neutral terms, as the SSIS XML Source is: each group's element
 * (SET_XML_RECORD, its path from the root), each generated or foreign key
 * port's element (SET_XML_OCCURRENCE) with the key's start value
 * (SET_SEQ_START), and the file (SET_FILE_NAME) from the session's XML
 * Reader.  What cannot be said so sends the step to review. */

/* Attribute `value` of the first element `tag` of `elems` whose attribute
 * `key` is `want` (<FIELDATTRIBUTE NAME VALUE/>, <XMLTEXT TYPE TEXT/>). */
static const char *elem_pick(const PtrVec *elems, const char *tag, const char *key, const char *want,
			     const char *value)
{
	for (uint32_t i = 0; i < elems->len; i++) {
		const AstElem *e = elems->items[i];
		const AstProp *k = ast_props_find_name(&e->attrs, key);
		const AstProp *v = ast_props_find_name(&e->attrs, value);
		if (e->tag && strcmp(e->tag, tag) == 0 && k && v && strcmp(k->value, want) == 0)
			return v->value;
	}
	return NULL;
}

/* The text of an XMLINFO/XMLTEXT of TYPE `type` of a source definition. */
static const char *xml_text_of(const AstTable *t, const char *type)
{
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		const char *v = e->tag && strcmp(e->tag, "XMLINFO") == 0
				    ? elem_pick(&e->children, "XMLTEXT", "TYPE", type, "TEXT")
				    : NULL;
		if (v)
			return v;
	}
	return NULL;
}

/* The METATABLE of an XML source definition (its XMLTEXT TYPE="TABLE"):
 *   <METATABLE><GROUP GROUPNAME="X_emp"><GROUPSAT>root/emp</GROUPSAT>
 *   ...</GROUP>...</METATABLE>
 * Each group's element path from the document root, into `paths`. */
static void xml_group_paths(Infa *I, const AstTable *t, StrMap *paths)
{
	const char *text = xml_text_of(t, "TABLE");
	if (!text)
		return;
	xmlDoc *d = xmlReadMemory(text, (int)strlen(text), "metatable.xml", NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	const xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
	for (const xmlNode *g = root && xml_is(root, "METATABLE") ? xml_first(root) : NULL; g;
	     g = xml_next(g)) {
		const xmlNode *at = xml_child(g, "GROUPSAT");
		const char *name = xml_attr(g, "GROUPNAME");
		if (xml_is(g, "GROUP") && name && at)
			strmap_put(paths, S(I, name), xml_text(I->a, at));
	}
	if (d)
		xmlFreeDoc(d);
}

/* The last element of a path "a/b/c". */
static const char *path_leaf(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static const char *port_raw(const AstPort *p, const char *name)
{
	const AstProp *v = ast_props_find_name(&p->props, name);
	return v ? v->value : NULL;
}

static void mark(Infa *I, PtrVec *props, Setting key, const char *name, const char *value)
{
	AstProp *p = ast_prop_new(I->doc, name, value);
	p->key = key;
	ast_push(I->doc, props, p);
}

/* The key port a foreign key refers to: the generated key port of the
 * source field its source field references (REFERENCEDFIELD). */
static const AstPort *xml_key_port(const AstStep *d, const AstTable *t, const AstPort *p)
{
	const char *rf = port_raw(p, "REF_SOURCE_FIELD");
	const AstPort *f = rf ? ast_ports_find(&t->fields, rf) : NULL;
	if (!f || f->role != ROLE_FOREIGN_KEY || !f->ref_field)
		return NULL;
	for (uint32_t i = 0; i < d->ports.len; i++) {
		const AstPort *k = d->ports.items[i];
		const char *kr = port_raw(k, "REF_SOURCE_FIELD");
		if ((k->dir & PORT_GENERATED) && kr && ascii_ieq(kr, f->ref_field))
			return k;
	}
	return NULL;
}

/* Mark the definition `d` (its groups and ports, which its instance
 * shares) from its source definition `t`; the reason it cannot be read,
 * or NULL. */
static const char *xml_mark_definition(Infa *I, AstStep *d, const AstTable *t)
{
	StrMap paths;
	strmap_init(&paths, I->a, false);
	xml_group_paths(I, t, &paths);
	for (uint32_t i = 0; i < d->groups.len; i++) {
		AstGroup *g = d->groups.items[i];
		const char *path = strmap_get(&paths, g->name);
		if (!path || !*path)
			return arena_sprintf(
			    I->a, "the element of group '%s' is not in the XML source definition", g->name);
		mark(I, &g->props, SET_XML_RECORD, "GROUPSAT", path);
	}
	/* Restart: "the Integration Service restarts the start values using
	 * the default value" (1); else the Sequence column's start value */
	bool restart = ast_props_find(&d->props, SET_SEQ_RESTART) &&
		       ascii_ieq(ast_props_find(&d->props, SET_SEQ_RESTART)->value, "YES");
	for (uint32_t i = 0; i < d->ports.len; i++) {
		AstPort *p = d->ports.items[i];
		const AstPort *k = (p->dir & PORT_GENERATED) ? p : xml_key_port(d, t, p);
		if (k) {
			const char *start = port_raw(k, "SEQUENCE_GENERATOR_VALUE");
			mark(I, &p->props, SET_XML_OCCURRENCE, "element",
			     path_leaf(strmap_get(&paths, k->group ? k->group : "")
					   ? strmap_get(&paths, k->group)
					   : ""));
			mark(I, &p->props, SET_SEQ_START, "start",
			     restart || !start || !*start ? "1" : start);
			continue;
		}
		/* a value column: the record's child element or attribute of its name */
		const char *rf = port_raw(p, "REF_SOURCE_FIELD");
		const AstPort *f = rf ? ast_ports_find(&t->fields, rf) : NULL;
		const char *xm =
		    f ? elem_pick(&f->extras, "FIELDATTRIBUTE", "NAME", "XML Mapping", "VALUE") : NULL;
		const char *leaf = xm && strncmp(xm, "./", 2) == 0 ? xm + 2 : NULL;
		if (leaf && *leaf == '@')
			leaf++;
		if (!leaf || strchr(leaf, '/') || !ascii_ieq(leaf, p->name))
			return arena_sprintf(
			    I->a, "port '%s' reads '%s', not a child element or attribute of its name",
			    p->name, xm ? xm : "(no XML Mapping)");
	}
	return NULL;
}

/* The file a session's XML Reader reads for the source qualifier `s`
 * ("Source file directory" and "Source filename"), or NULL; *list is set
 * when "Source filetype" is Indirect: the file lists the XML files. */
static const char *xml_session_file(Infa *I, const AstFlow *f, const AstStep *s, const char *source,
				    bool *list)
{
	for (uint32_t j = 0; j < I->sessions.len; j++) {
		const AstSession *ss = ((PendingSession *)I->sessions.items[j])->task->session;
		for (uint32_t i = 0; ss->mapping == f && i < ss->overrides.len; i++) {
			const AstOverride *o = ss->overrides.items[i];
			const AstProp *dsq = ast_props_find_name(&o->props, "DSQINSTNAME");
			const AstProp *name = ast_props_find(&o->props, SET_FILE_NAME);
			const AstProp *dir = ast_props_find(&o->props, SET_FILE_DIR);
			if (!name || !*name->value ||
			    !(dsq ? strcmp(dsq->value, s->name) == 0
				  : source && strcmp(o->instance, source) == 0))
				continue;
			const AstProp *ft = ast_props_find_name(&o->props, "Source filetype");
			*list = ft && ascii_ieq(ft->value, "Indirect");
			size_t n = dir ? strlen(dir->value) : 0;
			bool sep = n && dir->value[n - 1] != '/' && dir->value[n - 1] != '\\';
			return arena_sprintf(I->a, "%s%s%s", n ? dir->value : "", sep ? "/" : "",
					     name->value);
		}
	}
	return NULL;
}

static void xml_source_qualifier(Infa *I, AstFlow *f, AstStep *s)
{
	const AstStep *src = NULL;
	for (uint32_t i = 0; i < f->edges.len && !src; i++) {
		const AstEdge *e = f->edges.items[i];
		if (e->to == s && e->from && e->from->kind == STEP_SOURCE && e->from->table)
			src = e->from;
	}
	const char *why = !src             ? "no XML source definition feeds it"
			  : !s->groups.len ? "it has no group"
					   : NULL;
	/* the definition is marked once (its instance shares its groups) */
	if (!why && s->def && !ast_props_find(&((AstGroup *)s->def->groups.items[0])->props, SET_XML_RECORD))
		why = xml_mark_definition(I, s->def, src->table);
	if (why) {
		if (!s->review)
			s->review = arena_sprintf(I->a, "XML Source Qualifier: %s", why);
		return;
	}
	/* with no session, the file is named after its source, as a flat file's */
	bool list = false;
	const char *file = xml_session_file(I, f, s, src->name, &list);
	if (list && !s->review)
		s->review =
		    arena_sprintf(I->a,
				  "XML Source Qualifier: the session reads the XML files that '%s' lists "
				  "(Source filetype Indirect)",
				  file);
	PtrVec props = {0};
	for (uint32_t i = 0; i < s->props.len; i++)
		ast_push(I->doc, &props, s->props.items[i]);
	mark(I, &props, SET_FILE_NAME, "Source filename", file ? file : src->table->name);
	s->props = props;
}

/* Pass 5: every XML Source Qualifier of a mapping, once sessions are known. */
static void xml_source_qualifiers(Infa *I)
{
	for (uint32_t i = 0; i < I->flows.len; i++) {
		AstFlow *f = ((Flow *)I->flows.items[i])->ast;
		for (uint32_t k = 0; k < f->steps.len; k++) {
			AstStep *s = f->steps.items[k];
			if (s->kind == STEP_XML_SOURCE && !s->scope)
				xml_source_qualifier(I, f, s);
		}
	}
}

/* ---- folders ------------------------------------------------------------- */

static const char *const folder_consumed[] = {"NAME", "SHARED", "OWNER", "DESCRIPTION", NULL};
static const char *const shortcut_consumed[] = {
    "NAME",    "OBJECTTYPE",    "OBJECTSUBTYPE",  "FOLDERNAME",    "REFOBJECTNAME",
    "DBDNAME", "REFERENCEDDBD", "REPOSITORYNAME", "REFERENCETYPE", NULL};

static void register_unique(Infa *I, StrMap *m, const char *name, void *obj, SrcLoc where, const char *what)
{
	if (strmap_put(m, name, obj)) {
		Diag d = {.code = W_INFA_DUPLICATE, .loc = where, .context = I->context};
		diag_emit(I->sink, &d, "%s '%s' is defined twice in the folder", what, name);
	}
}

static Flow *declare_flow(Infa *I, Folder *fo, const xmlNode *n, FlowKind kind)
{
	AstFlow *f = ast_flow_new(I->doc, kind, required(I, n, "NAME"));
	f->folder = fo->ast->name;
	f->loc = loc(I, n);
	f->description = attr(I, n, "DESCRIPTION");
	f->valid = attr_yes(n, "ISVALID", true);
	static const char *const consumed[] = {"NAME", "DESCRIPTION", "ISVALID", NULL};
	rest_props(I, n, &f->props, consumed);
	Flow *fl = ARENA_NEW(I->a, Flow);
	fl->ast = f;
	fl->node = n;
	fl->folder = fo;
	ast_push(I->doc, &fo->ast->flows, f);
	ast_push(I->doc, &I->flows, fl);
	register_unique(I, kind == FLOW_MAPPLET ? &fo->mapplets : &fo->mappings, f->name, fl, f->loc,
			kind == FLOW_MAPPLET ? "mapplet" : "mapping");
	return fl;
}

/* <FOLDER NAME SHARED OWNER ...> SOURCE TARGET TRANSFORMATION MAPPLET
 *   MAPPING SHORTCUT CONFIG SESSION TASK WORKLET WORKFLOW ... </FOLDER> */
static void declare_folder(Infa *I, const xmlNode *n)
{
	Folder *fo = ARENA_NEW(I->a, Folder);
	fo->node = n;
	fo->ast = ast_folder_new(I->doc, required(I, n, "NAME"));
	fo->ast->loc = loc(I, n);
	const char *shared = xml_attr(n, "SHARED");
	fo->ast->shared = shared && ascii_ieq(shared, "SHARED");
	fo->ast->owner = attr(I, n, "OWNER");
	fo->ast->description = attr(I, n, "DESCRIPTION");
	rest_props(I, n, &fo->ast->props, folder_consumed);
	StrMap *maps[] = {&fo->sources,   &fo->targets, &fo->transforms, &fo->mappings, &fo->mapplets,
			  &fo->shortcuts, &fo->tasks,   &fo->worklets,   &fo->workflows};
	for (size_t i = 0; i < ARRAY_LEN(maps); i++)
		strmap_init(maps[i], I->a, false);
	ast_push(I->doc, &I->doc->folders, fo->ast);
	ast_push(I->doc, &I->folder_list, fo);
	strmap_put(&I->folders, fo->ast->name, fo);
	if (strmap_put(&I->folder_names, fo->ast->name, fo)) {
		Diag d = {.code = W_INFA_DUPLICATE, .loc = fo->ast->loc};
		diag_emit(I->sink, &d, "folder '%s' appears twice; shortcuts resolve to the first",
			  fo->ast->name);
	}
	AstFolder *F = fo->ast;
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c)) {
		if (xml_is(c, "SOURCE")) {
			AstTable *t = parse_table(I, fo, c, TABLE_SOURCE);
			ast_push(I->doc, &F->tables, t);
			register_unique(I, &fo->sources, source_key(I, t->db_name, t->name), t, t->loc,
					"source");
			strmap_put(&fo->sources, t->name, t); /* by name alone: first wins */
		} else if (xml_is(c, "TARGET")) {
			AstTable *t = parse_table(I, fo, c, TABLE_TARGET);
			ast_push(I->doc, &F->tables, t);
			register_unique(I, &fo->targets, t->name, t, t->loc, "target");
		} else if (xml_is(c, "TRANSFORMATION")) {
			AstStep *d = parse_transformation(I, c);
			ast_push(I->doc, &F->transforms, d);
			register_unique(I, &fo->transforms, d->name, d, d->def_loc, "transformation");
		} else if (xml_is(c, "MAPPLET")) {
			declare_flow(I, fo, c, FLOW_MAPPLET);
		} else if (xml_is(c, "MAPPING")) {
			declare_flow(I, fo, c, FLOW_MAPPING);
		} else if (xml_is(c, "SHORTCUT")) {
			AstShortcut *s = ast_shortcut_new(I->doc, required(I, c, "NAME"));
			s->loc = loc(I, c);
			s->object_type = attr(I, c, "OBJECTTYPE");
			s->object_subtype = attr(I, c, "OBJECTSUBTYPE");
			s->ref_folder = attr(I, c, "FOLDERNAME");
			s->ref_name = attr(I, c, "REFOBJECTNAME");
			s->ref_db_name = xml_attr(c, "REFERENCEDDBD") ? attr(I, c, "REFERENCEDDBD")
								      : attr(I, c, "DBDNAME");
			s->repository = attr(I, c, "REPOSITORYNAME");
			const char *rt = xml_attr(c, "REFERENCETYPE");
			s->global = rt && ascii_ieq(rt, "GLOBAL");
			rest_props(I, c, &s->props, shortcut_consumed);
			ast_push(I->doc, &F->shortcuts, s);
			Shortcut *sc = ARENA_NEW(I->a, Shortcut);
			sc->ast = s;
			sc->folder = fo;
			register_unique(I, &fo->shortcuts, s->name, sc, s->loc, "shortcut");
		} else if (xml_is(c, "CONFIG")) {
			ast_push(I->doc, &F->configs, capture(I, c));
		} else if (xml_is(c, "SESSION")) {
			AstTask *t = parse_session(I, fo, c);
			ast_push(I->doc, &F->tasks, t);
			register_unique(I, &fo->tasks, t->name, t, t->loc, "task");
		} else if (xml_is(c, "TASK")) {
			AstTask *t = parse_task(I, c, CMD_TASK, NULL);
			ast_push(I->doc, &F->tasks, t);
			register_unique(I, &fo->tasks, t->name, t, t->loc, "task");
		} else if (xml_is(c, "WORKLET")) {
			AstControl *w = parse_control(I, fo, c, CTRL_WORKLET);
			w->reusable = true;
			ast_push(I->doc, &F->controls, w);
			register_unique(I, &fo->worklets, w->name, w, w->loc, "worklet");
		} else if (xml_is(c, "WORKFLOW")) {
			AstControl *w = parse_control(I, fo, c, CTRL_WORKFLOW);
			ast_push(I->doc, &F->controls, w);
			register_unique(I, &fo->workflows, w->name, w, w->loc, "workflow");
		} else {
			ast_push(I->doc, &F->extras, capture(I, c));
		}
	}
}

/* ---- the document -------------------------------------------------------- */

/* <POWERMART CREATION_DATE REPOSITORY_VERSION> */
static void root_header(Infa *I, const xmlNode *root)
{
	AstDoc *d = I->doc;
	d->created = attr(I, root, "CREATION_DATE");
	d->format_version = attr(I, root, "REPOSITORY_VERSION");
	static const char *const root_consumed[] = {"CREATION_DATE", "REPOSITORY_VERSION", NULL};
	rest_props(I, root, &d->props, root_consumed);
}

/* <REPOSITORY NAME VERSION CODEPAGE DATABASETYPE> */
static void repository_header(Infa *I, const xmlNode *r)
{
	AstDoc *d = I->doc;
	if (!d->repository)
		d->repository = attr(I, r, "NAME");
	for (const xmlAttr *a = r->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (strcmp(name, "NAME") == 0)
			continue;
		AstProp *p = ast_prop_new(d, S(I, arena_sprintf(I->a, "REPOSITORY.%s", name)),
					  S(I, xml_attr(r, name)));
		ast_push(d, &d->props, p);
	}
}

/* <POWERMART> <REPOSITORY> <FOLDER/>... */
static void parse_root(Infa *I, const xmlNode *root)
{
	root_header(I, root);
	for (const xmlNode *r = xml_first(root); r; r = xml_next(r)) {
		if (!xml_is(r, "REPOSITORY"))
			continue; /* exports hold only REPOSITORY here */
		repository_header(I, r);
		for (const xmlNode *f = xml_first(r); f; f = xml_next(f))
			if (xml_is(f, "FOLDER"))
				declare_folder(I, f);
	}
}

/* Passes 2 to 5 over the folders declared (pass 1) since the last call,
 * then the checks that need them all. */
static void resolve_folders(Infa *I)
{
	for (uint32_t i = 0; i < I->folder_list.len; i++) { /* pass 2 */
		Folder *fo = I->folder_list.items[i];
		for (uint32_t j = 0; j < fo->ast->shortcuts.len; j++) {
			AstShortcut *s = fo->ast->shortcuts.items[j];
			resolve_shortcut(I, strmap_get(&fo->shortcuts, s->name), 0);
		}
	}
	for (uint32_t i = 0; i < I->flows.len; i++) /* pass 3 */
		build_flow(I, I->flows.items[i]);
	for (uint32_t j = 0; j < I->sessions.len; j++) { /* pass 4 */
		PendingSession *ps = I->sessions.items[j];
		resolve_session(I, ps->folder, ps->task);
		resolve_session_components(I, ps->folder, ps->task->session);
	}
	for (uint32_t i = 0; i < I->pending.len; i++)
		resolve_task_instance(I, I->pending.items[i]);
	xml_source_qualifiers(I); /* pass 5 */
	I->context = NULL;
	PtrVec stack = {0}, done = {0};
	for (uint32_t i = 0; i < I->folder_list.len; i++) {
		Folder *fo = I->folder_list.items[i];
		for (uint32_t j = 0; j < fo->ast->controls.len; j++)
			check_worklet_cycles(I, fo->ast->controls.items[j], &stack, &done);
	}
	for (uint32_t i = 0; i < I->folder_list.len; i++) {
		Folder *fo = I->folder_list.items[i];
		for (uint32_t j = 0; j < fo->ast->shortcuts.len; j++) {
			AstShortcut *s = fo->ast->shortcuts.items[j];
			Shortcut *sc = strmap_get(&fo->shortcuts, s->name);
			if (sc != NULL && !s->resolved && !sc->used) {
				Diag d = {.code = W_INFA_SHORTCUT_UNUSED, .loc = s->loc};
				diag_emit(I->sink, &d,
					  "shortcut '%s' refers to %s '%s' in folder '%s', which is not in "
					  "the export",
					  s->name, s->object_type ? s->object_type : "object",
					  s->ref_name ? s->ref_name : "?",
					  s->ref_folder ? s->ref_folder : "?");
			}
		}
	}
}

/* The error for a root that is not POWERMART. */
static void wrong_root(const SrcFile *src, const XmlDoc *x, const xmlNode *root, DiagSink *sink)
{
	SrcLoc l = root ? xml_loc(x, root) : (SrcLoc){src, 1, 0};
	/* Detection saw POWERMART first; libxml2 disagrees only if the
	 * sniffer was misled, so say what the parser found. */
	Diag d = {
	    .code = E_NOT_ETL, .loc = l, .span = root ? (uint32_t)strlen((const char *)root->name) + 1 : 0};
	diag_emit(sink, &d, "not a job export: its root element '%s' belongs to no supported tool",
		  root ? (const char *)root->name : "(none)");
}

AstDoc *infa_parse(Arena *a, const SrcFile *src, DiagSink *sink)
{
	Infa I = {.a = a, .sink = sink};
	if (!xml_load(&I.x, src, sink))
		return NULL;
	const xmlNode *root = xmlDocGetRootElement(I.x.doc);
	if (!root || !xml_is(root, "POWERMART")) {
		wrong_root(src, &I.x, root, sink);
		xml_free(&I.x);
		return NULL;
	}
	I.doc = ast_doc_new(a, TOOL_POWERCENTER, src->path);
	I.doc->encoding = I.x.encoding ? arena_strdup(a, I.x.encoding) : NULL;
	strmap_init(&I.folders, a, false);
	strmap_init(&I.folder_names, a, false);
	strmap_init(&I.types, a, true);
	strmap_init(&I.settings, a, false);
	parse_root(&I, root); /* pass 1 */
	resolve_folders(&I);
	xml_free(&I.x);
	return I.doc;
}

/* ---- reading unit by unit -------------------------------------------------- */

/* Before the parse, a scan of the raw bytes finds which folders shortcuts
 * join: a SHORTCUT's FOLDERNAME names the folder that holds its object, and
 * the passes resolve it by name across the file.  Folders are read in
 * units, each a run of consecutive folders that no shortcut leaves; a unit
 * is parsed, resolved, handed over and freed before the next is read, so
 * memory follows the largest unit, not the file.  The scan walks markup
 * only ('<' never occurs raw in attribute values or text; comments, CDATA
 * and declarations are skipped); whenever it is unsure (an encoded name, a
 * count that disagrees with the parse) units merge, which costs memory and
 * never a reference. */

typedef struct ScanName {
	const char *p;
	size_t n;
} ScanName;

typedef struct Scan {
	ScanName *folders; /* raw NAME of each FOLDER tag, in file order */
	size_t nfolders, cap;
	size_t *reach;  /* reach[i]: the furthest folder that folder i is joined to */
	bool merge_all; /* a name with a reference in it: one unit for everything */
} Scan;

static const char *skip_past(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);
	for (const char *q = p; (q = memchr(q, what[0], (size_t)(end - q))) != NULL; q++)
		if ((size_t)(end - q) >= n && memcmp(q, what, n) == 0)
			return q + n;
	return end;
}

/* The end of a start tag ('>' outside quoted values), or `end`. */
static const char *tag_end(const char *p, const char *end)
{
	for (; p < end && *p != '>'; p++)
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (!q)
				return end;
			p = q;
		}
	return p;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The raw value of attribute `name` in the tag [p, e). */
static bool tag_attr(const char *p, const char *e, const char *name, ScanName *out)
{
	size_t n = strlen(name);
	for (; p < e; p++) {
		if (*p == '"' || *p == '\'') { /* a value: skip it */
			const char *q = memchr(p + 1, *p, (size_t)(e - p - 1));
			if (!q)
				return false;
			p = q;
			continue;
		}
		if (!is_space(*p) || (size_t)(e - p) <= n + 1 || memcmp(p + 1, name, n) != 0)
			continue;
		const char *q = p + 1 + n;
		while (q < e && is_space(*q))
			q++;
		if (q >= e || *q != '=')
			continue;
		q++;
		while (q < e && is_space(*q))
			q++;
		if (q >= e || (*q != '"' && *q != '\''))
			return false;
		const char *v = q + 1, *c = memchr(v, *q, (size_t)(e - v));
		if (!c)
			return false;
		*out = (ScanName){v, (size_t)(c - v)};
		return true;
	}
	return false;
}

static bool name_is(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	return (size_t)(end - p) > n && memcmp(p, name, n) == 0 &&
	       (is_space(p[n]) || p[n] == '>' || p[n] == '/');
}

static bool scan_name_eq(ScanName a, ScanName b)
{
	if (a.n != b.n)
		return false;
	for (size_t i = 0; i < a.n; i++) {
		char x = a.p[i], y = b.p[i];
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 32);
		if (x != y)
			return false;
	}
	return true;
}

static void scan_join(Scan *sc, size_t i, size_t j)
{
	size_t lo = i < j ? i : j, hi = i < j ? j : i;
	if (sc->reach[lo] < hi)
		sc->reach[lo] = hi;
}

static void scan_units(const SrcFile *src, Scan *sc)
{
	memset(sc, 0, sizeof *sc);
	const char *p = src->text, *end = src->text + src->len;
	size_t nrefs = 0, refcap = 0;
	ScanName *refs = NULL;
	size_t *ref_folder = NULL;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_past(p + 4, end, "-->");
			continue;
		}
		if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			p = skip_past(p + 9, end, "]]>");
			continue;
		}
		if (end - p >= 2 && p[1] == '?') {
			p = skip_past(p + 2, end, "?>");
			continue;
		}
		if (end - p >= 2 && p[1] == '!') { /* DOCTYPE: its internal subset ends with "]>" */
			const char *e = tag_end(p, end), *b = memchr(p, '[', (size_t)(e - p));
			p = b ? skip_past(b, end, "]>") : e;
			continue;
		}
		const char *e = tag_end(p, end);
		ScanName v;
		if (name_is(p + 1, end, "FOLDER")) {
			if (sc->nfolders == sc->cap) {
				sc->cap = sc->cap ? 2 * sc->cap : 16;
				sc->folders = xrealloc(sc->folders, sc->cap * sizeof *sc->folders);
			}
			if (!tag_attr(p, e, "NAME", &v))
				v = (ScanName){"", 0};
			sc->merge_all |= memchr(v.p, '&', v.n) != NULL;
			sc->folders[sc->nfolders++] = v;
		} else if (name_is(p + 1, end, "SHORTCUT") && sc->nfolders &&
			   tag_attr(p, e, "FOLDERNAME", &v)) {
			if (nrefs == refcap) {
				refcap = refcap ? 2 * refcap : 16;
				refs = xrealloc(refs, refcap * sizeof *refs);
				ref_folder = xrealloc(ref_folder, refcap * sizeof *ref_folder);
			}
			sc->merge_all |= memchr(v.p, '&', v.n) != NULL;
			refs[nrefs] = v;
			ref_folder[nrefs++] = sc->nfolders - 1;
		}
		p = e;
	}
	sc->reach = xmalloc((sc->nfolders + 1) * sizeof *sc->reach);
	for (size_t i = 0; i < sc->nfolders; i++)
		sc->reach[i] = sc->merge_all ? sc->nfolders - 1 : i;
	for (size_t r = 0; r < nrefs && !sc->merge_all; r++)
		for (size_t j = 0; j < sc->nfolders; j++)
			if (scan_name_eq(refs[r], sc->folders[j]))
				scan_join(sc, ref_folder[r], j);
	/* reach[i] becomes the last folder of i's unit */
	for (size_t i = 0; i < sc->nfolders;) {
		size_t last = sc->reach[i];
		for (size_t j = i; j <= last; j++)
			if (sc->reach[j] > last)
				last = sc->reach[j];
		for (size_t j = i; j <= last; j++)
			sc->reach[j] = last;
		i = last + 1;
	}
	free(refs);
	free(ref_folder);
}

/* Does the folder element `n`, the k-th of the file, match the scan's? */
static bool scan_agrees(const Scan *sc, size_t k, const xmlNode *n)
{
	if (k >= sc->nfolders)
		return false;
	const char *name = xml_attr(n, "NAME");
	ScanName raw = sc->folders[k];
	return name && strlen(name) == raw.n && memcmp(name, raw.p, raw.n) == 0;
}

typedef struct Unit {
	xmlNode **nodes;
	size_t len, cap;
} Unit;

/* Pass 1 over the unit's folders, passes 2 to 5, hand the unit over, free it. */
static bool unit_flush(Infa *I, const AstDoc *header, XmlStream *xs, Unit *u, FrontendUnitFn fn, void *ud)
{
	if (!u->len)
		return true;
	Arena *ua = xmalloc(sizeof *ua); /* the unit's: fn frees it (frontend_unit_free) */
	arena_init(ua);
	I->a = ua;
	I->doc = ast_doc_new(ua, TOOL_POWERCENTER, header->path);
	I->doc->encoding = header->encoding;
	I->doc->created = header->created;
	I->doc->format_version = header->format_version;
	I->doc->repository = header->repository;
	for (uint32_t i = 0; i < header->props.len; i++)
		ast_push(I->doc, &I->doc->props, header->props.items[i]);
	strmap_init(&I->folders, ua, false);
	I->folder_list = I->flows = I->pending = I->sessions = (PtrVec){0};
	for (size_t i = 0; i < u->len; i++)
		declare_folder(I, u->nodes[i]);
	resolve_folders(I);
	/* the AST holds copies: the tree can go before the unit is converted */
	for (size_t i = 0; i < u->len; i++)
		xml_stream_drop(xs, u->nodes[i]);
	u->len = 0;
	AstDoc *unit = I->doc;
	I->doc = NULL;
	I->a = NULL;
	return fn(ud, unit);
}

bool infa_parse_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud)
{
	Scan sc;
	XmlStream *xs = xml_stream_open(src, sink, 3); /* the parse starts (in its thread) */
	scan_units(src, &sc);
	Infa I = {.sink = sink};
	AstDoc *header = ast_doc_new(a, TOOL_POWERCENTER, src->path);
	strmap_init(&I.folder_names, a, false);
	strmap_init(&I.types, a, true);
	strmap_init(&I.settings, a, false);
	Unit u = {0};
	const xmlNode *root = NULL, *repository = NULL;
	bool bad_root = false, go_on = true, merging = false;
	size_t k = 0; /* folders read */
	for (xmlNode *n; (n = xml_stream_next(xs)) != NULL;) {
		I.x = *xml_stream_doc(xs);
		if (!root) {
			root = xmlDocGetRootElement(I.x.doc);
			bad_root = !xml_is(root, "POWERMART");
			header->encoding = I.x.encoding ? arena_strdup(a, I.x.encoding) : NULL;
			I.a = a;
			I.doc = header;
			root_header(&I, root);
		}
		if (bad_root || !go_on || !xml_is(n->parent, "REPOSITORY") || !xml_is(n, "FOLDER")) {
			xml_stream_drop(xs, n); /* parse_root reads nothing else */
			continue;
		}
		if (n->parent != repository) {
			repository = n->parent;
			I.a = a;
			I.doc = header;
			repository_header(&I, repository);
		}
		merging |= !scan_agrees(&sc, k, n);
		if (u.len == u.cap) {
			u.cap = u.cap ? 2 * u.cap : 8;
			u.nodes = xrealloc(u.nodes, u.cap * sizeof *u.nodes);
		}
		u.nodes[u.len++] = n;
		if (!merging && sc.reach[k] == k)
			go_on = unit_flush(&I, header, xs, &u, fn, ud);
		k++;
	}
	I.x = *xml_stream_doc(xs);
	bool failed = xml_stream_failed(xs); /* the whole file was parsed: errors are known */
	if (!failed && !root) {              /* no folder: the root is known now */
		const xmlNode *r = xmlDocGetRootElement(I.x.doc);
		if (!xml_is(r, "POWERMART")) {
			wrong_root(src, &I.x, r, sink);
		} else {
			header->encoding = I.x.encoding ? arena_strdup(a, I.x.encoding) : NULL;
			I.a = a;
			I.doc = header;
			root_header(&I, r);
			for (const xmlNode *rep = xml_first(r); rep; rep = xml_next(rep))
				if (xml_is(rep, "REPOSITORY"))
					repository_header(&I, rep);
		}
	} else if (!failed && bad_root) {
		wrong_root(src, &I.x, root, sink);
	} else if (!failed && go_on) {
		unit_flush(&I, header, xs, &u, fn, ud);
	}
	bool ok = xml_stream_close(xs) && !bad_root;
	free(u.nodes);
	free(sc.folders);
	free(sc.reach);
	return ok;
}
