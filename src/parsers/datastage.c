/* datastage.c - what DataStage export records mean: the one builder that
 * both readers (datastage_dsx.c, datastage_xml.c) feed, writing the
 * workflow AST as docs/ast.md section 5 maps it (src/parsers).
 *
 * Sections arrive one at a time (datastage.h).  A DSJOB becomes an AstFlow
 * (parallel and server jobs, FLOW_JOB) or an AstControl (sequence jobs,
 * JobType 2, CTRL_SEQUENCE) in the AstFolder of its Category; a
 * DSSHAREDCONTAINER a FLOW_MAPPLET whose instances (CContainerStage) are
 * STEP_SUBFLOW steps resolved at the end; DSTABLEDEFS AstTables;
 * DSPARAMETERSETS AstParams of scope parameter_set; DSROUTINES
 * AstFunctions; DSDATACONNECTIONS AstConnections; DSSTAGETYPES and other
 * sections folder extras.
 *
 * Not kept, by design (docs/ast.md section 6): designer layout
 * (CContainerView geometry, StageXPos...), compiled artifacts (DSEXECJOB,
 * DSBPBINARY, OrchestrateCode, TrxGenCode: a prop `compiled` records what
 * was there) and secrets (encrypted parameter defaults, connection
 * passwords).
 */
#include "parsers/datastage.h"
#include "parsers/xml.h"
#include "base/ptrmap.h"
#include "base/sbuf.h"
#include "base/strmap.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

struct DsBuild {
	AstDoc *doc;
	Arena *a;
	Arena scratch;
	const SrcFile *src;
	DiagSink *sink;
	StrMap folders;    /* category -> AstFolder */
	StrMap containers; /* shared container name -> AstFlow */
	StrMap strings;    /* interned property names and short values */
	StrMap jobnames;   /* job, sequence and container names used */
	PtrVec instances;  /* AstStep: shared-container instances to resolve */
	unsigned jobs;     /* jobs, sequences and shared containers built */
	SrcLoc header_loc;
	/* reading unit by unit (ds_build_units): the first pass builds every
	 * section but the data-flow jobs, which it only names and places as
	 * stub flows; the second builds each job alone, in document order */
	bool scan;          /* first pass */
	PtrVec slots;       /* DsSlot, in file order */
	PtrMap stubs;       /* stub AstFlow -> its index in slots */
	const char *forced; /* second pass: the name the first gave the job */
};

/* Where the first pass found a data-flow job (DsSection.off, end, line). */
typedef struct DsSlot {
	size_t off, end;
	uint32_t line;
} DsSlot;

/* ---- record access ------------------------------------------------------------ */

DsProp *ds_prop_add(Arena *a, PtrVec *v, const char *name, const char *value, SrcLoc loc, SrcLoc vloc)
{
	DsProp *p = ARENA_NEW(a, DsProp);
	p->name = name ? name : "";
	p->value = value ? value : "";
	p->loc = loc;
	p->vloc = vloc;
	ptrvec_push(a, v, p);
	return p;
}

const DsProp *ds_find(const DsRec *r, const char *name)
{
	for (uint32_t i = 0; r && i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

const char *ds_get(const DsRec *r, const char *name)
{
	const DsProp *p = ds_find(r, name);
	return p ? p->value : NULL;
}

const DsColl *ds_coll(const DsRec *r, const char *name)
{
	for (uint32_t i = 0; r && i < r->colls.len; i++) {
		const DsColl *c = r->colls.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

/* Section tags of both syntaxes. */
static const struct {
	const char *dsx, *xml;
	DsSecKind kind;
} sections[] = {
    {"DSJOB", "Job", DS_SEC_JOB},
    {"DSSHAREDCONTAINER", "SharedContainer", DS_SEC_SHARED_CONTAINER},
    {"DSTABLEDEFS", "TableDefinitions", DS_SEC_TABLEDEFS},
    {"DSPARAMETERSETS", "ParameterSets", DS_SEC_PARAMSETS},
    {"DSROUTINES", "Routines", DS_SEC_ROUTINES},
    {"DSDATACONNECTIONS", "DataConnections", DS_SEC_DATACONNECTIONS},
    {"DSSTAGETYPES", "StageTypes", DS_SEC_STAGETYPES},
    {"DSEXECJOB", "ExecJob", DS_SEC_COMPILED},
};

DsSecKind ds_section_kind(const char *tag)
{
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		if (strcmp(tag, sections[i].dsx) == 0 || strcmp(tag, sections[i].xml) == 0)
			return sections[i].kind;
	return DS_SEC_OTHER;
}

/* ---- builder state ------------------------------------------------------------- */

DsBuild *ds_build_begin(Arena *a, const SrcFile *src, DiagSink *sink, const char *format)
{
	DsBuild *B = ARENA_NEW(a, DsBuild);
	B->a = a;
	B->src = src;
	B->sink = sink;
	B->doc = ast_doc_new(a, TOOL_DATASTAGE, arena_strdup(a, src->path));
	arena_init(&B->scratch);
	strmap_init(&B->folders, a, false);
	strmap_init(&B->containers, a, false);
	strmap_init(&B->strings, a, false);
	strmap_init(&B->jobnames, a, false);
	ptrmap_init(&B->stubs, a);
	B->header_loc = (SrcLoc){src, 1, 1};
	ast_push(B->doc, &B->doc->props, ast_prop_new(B->doc, "format", format));
	return B;
}

Arena *ds_scratch(DsBuild *B)
{
	return &B->scratch;
}

AstDoc *ds_doc(DsBuild *B)
{
	return B->doc;
}

DiagSink *ds_sink(DsBuild *B)
{
	return B->sink;
}

static const char *S(DsBuild *B, const char *s)
{
	return s ? arena_strdup(B->a, s) : NULL;
}

static const char *intern(DsBuild *B, const char *s);

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

static bool nonempty(const char *s)
{
	return s && *s;
}

static int32_t to_int(const char *v, int32_t dflt)
{
	if (!v || !*v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < -2147483647L || n > 2147483647L ? dflt : (int32_t)n;
}

/* One copy of each property name and short value: a job repeats the same
 * few dozen column attributes ("SortKey", "0") for every column, and at
 * 120 MB of export the copies would outweigh the file. */
static const char *intern(DsBuild *B, const char *s)
{
	const char *c = strmap_get(&B->strings, s);
	if (!c) {
		c = S(B, s);
		strmap_put(&B->strings, c, (void *)c);
	}
	return c;
}

static AstProp *prop(DsBuild *B, PtrVec *v, const char *name, const char *value, SrcLoc loc)
{
	if (!value)
		value = "";
	AstProp *p = ast_prop_new(B->doc, intern(B, name), strlen(value) <= 16 ? intern(B, value) : S(B, value));
	p->loc = loc;
	ast_push(B->doc, v, p);
	return p;
}

static AstFolder *folder_for(DsBuild *B, const char *category)
{
	const char *name = category ? category : "";
	AstFolder *f = strmap_get(&B->folders, name);
	if (f)
		return f;
	f = ast_folder_new(B->doc, S(B, name));
	f->loc = B->header_loc;
	strmap_put(&B->folders, f->name, f);
	ast_push(B->doc, &B->doc->folders, f);
	return f;
}

/* ---- the header ----------------------------------------------------------------- */

void ds_build_header(DsBuild *B, const PtrVec *props, SrcLoc loc)
{
	AstDoc *d = B->doc;
	B->header_loc = loc;
	const char *date = NULL, *time = NULL;
	for (uint32_t i = 0; i < props->len; i++) {
		const DsProp *p = props->items[i];
		if (is(p->name, "ServerVersion"))
			d->format_version = S(B, p->value);
		else if (is(p->name, "ServerName"))
			d->repository = S(B, p->value);
		else if (is(p->name, "CharacterSet"))
			d->encoding = S(B, p->value);
		else if (is(p->name, "Date"))
			date = p->value;
		else if (is(p->name, "Time"))
			time = p->value;
		prop(B, &d->props, p->name, p->value, p->loc);
	}
	if (date)
		d->created = time ? arena_sprintf(B->a, "%s %s", date, time) : S(B, date);
	arena_release(&B->scratch);
}

/* ---- types --------------------------------------------------------------------- */

/* SqlType is an ODBC SQL type code (docs/ast.md section 5, "Types";
 * IBM "Data types" of the DataStage column definitions). */
AstType ds_column_type(DsBuild *B, const DsRec *col)
{
	AstType t = ast_type_unknown();
	const char *code = ds_get(col, "SqlType");
	if (!code)
		return t;
	t.orig = intern(B, code);
	switch (to_int(code, -9999)) {
	case 1:
	case 12:
	case -1: t.kind = TY_STRING; break;
	case -8:
	case -9:
	case -10:
		t.kind = TY_STRING;
		t.unicode = true;
		break;
	case -7: t.kind = TY_BOOLEAN; break;
	case -6:
	case 5: t.kind = TY_SMALLINT; break;
	case 4: t.kind = TY_INTEGER; break;
	case -5: t.kind = TY_BIGINT; break;
	case 2:
	case 3: t.kind = TY_DECIMAL; break;
	case 6:
	case 7:
	case 8: t.kind = TY_DOUBLE; break;
	case 9: t.kind = TY_DATE; break;
	case 10: t.kind = TY_TIME; break;
	case 11: t.kind = TY_TIMESTAMP; break;
	case -2:
	case -3:
	case -4: t.kind = TY_BINARY; break;
	default: t.kind = TY_UNKNOWN; break;
	}
	if (t.kind == TY_STRING && is(ds_get(col, "ExtendedPrecision"), "1"))
		t.unicode = true;
	if (t.kind == TY_STRING || t.kind == TY_DECIMAL || t.kind == TY_BINARY) {
		int32_t p = to_int(ds_get(col, "Precision"), -1);
		t.precision = p > 0 ? p : -1;
	}
	if (t.kind == TY_DECIMAL) {
		const char *sc = ds_get(col, "Scale");
		if (!sc)
			sc = ds_get(col, "ColScale");
		t.scale = to_int(sc, -1);
	}
	return t;
}

/* ---- the stage property mini-format -------------------------------------------- */

/* Parallel stage properties write lists as "\(2)\(2)0\(1)\(3)key\(2)ID\(2)0
 * \(1)\(3)\(3)initial\(2)1\(2)0": items separated by U+0001, each a depth
 * (one U+0003 per level), a name, U+0002, a value, U+0002 and flags.  The
 * items become props "<name>" (depth 1) and "<parent>.<name>" (deeper);
 * false when the value is not in that form. */
static bool unwrap_list(DsBuild *B, PtrVec *out, const char *prefix, const char *v, SrcLoc loc)
{
	if (v && strncmp(v, "\\(2)", 4) == 0) {
		/* DSExport XML keeps the delimiters escaped as in the .dsx
		 * ("\(2)\(2)0\(1)\(3)file \(2)..."), XML having no way to
		 * write U+0001-U+0003 */
		char *c = arena_strdup(&B->scratch, v), *w = c;
		for (const char *r = v; *r;)
			if (r[0] == '\\' && r[1] == '(' && r[2] >= '1' && r[2] <= '3' && r[3] == ')')
				*w++ = (char)(r[2] - '0'), r += 4;
			else
				*w++ = *r++;
		*w = '\0';
		v = c;
	}
	if (!v || v[0] != '\x02')
		return false;
	const char *parent = NULL;
	bool any = false;
	for (const char *p = strchr(v, '\x01'); p; p = strchr(p, '\x01')) {
		p++;
		int depth = 0;
		while (*p == '\x03')
			depth++, p++;
		const char *n = p, *sep = strchr(p, '\x02');
		if (!depth || !sep)
			continue;
		const char *val = sep + 1, *vend = strchr(val, '\x02');
		const char *next = strchr(val, '\x01');
		if (!vend || (next && vend > next))
			vend = next ? next : val + strlen(val);
		const char *ne = sep;
		while (ne > n && ne[-1] == ' ')
			ne--;
		char *name = arena_strndup(B->a, n, (size_t)(ne - n));
		if (depth == 1)
			parent = name;
		const char *full = depth > 1 && parent ? arena_sprintf(B->a, "%s.%s", parent, name) : name;
		if (prefix)
			full = arena_sprintf(B->a, "%s.%s", prefix, full);
		AstProp *ap = ast_prop_new(B->doc, full, arena_strndup(B->a, val, (size_t)(vend - val)));
		ap->loc = loc;
		ast_push(B->doc, out, ap);
		any = true;
	}
	return any;
}

/* ---- connectors' embedded XMLProperties ---------------------------------------- */

/* Settings a connector's XMLProperties document carries (IBM, "Oracle
 * connector properties" / "ODBC connector properties": Usage/SQL/
 * SelectStatement, Usage/TableName, Usage/WriteMode, Usage/BeforeAfter/
 * BeforeSQL and AfterSQL, Usage/SQL/InsertStatement...). */
static const struct {
	const char *elem;
	Setting key;
	bool sql;
} xml_settings[] = {
    {"SelectStatement", SET_SQL_QUERY, true},   {"InsertStatement", SET_SQL_QUERY, true},
    {"UpdateStatement", SET_SQL_QUERY, true},   {"DeleteStatement", SET_SQL_QUERY, true},
    {"UserDefinedSQL", SET_SQL_QUERY, true},    {"TableName", SET_TABLE_NAME, false},
    {"BeforeSQL", SET_PRE_SQL, true},           {"AfterSQL", SET_POST_SQL, true},
    {"WriteMode", SET_LOAD_OPERATIONS, false},
};

static void xmlprops_walk(DsBuild *B, AstStep *s, XmlDoc *x, const xmlNode *n, Sbuf *path, SrcLoc loc)
{
	size_t mark = path->len;
	if (path->len)
		sbuf_addch(path, '/');
	sbuf_adds(path, (const char *)n->name);
	const char *text = NULL;
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_CDATA_SECTION_NODE || c->type == XML_TEXT_NODE) && c->content) {
			text = (const char *)c->content;
			break;
		}
	if (text && *text) {
		AstProp *p = prop(B, &s->props, arena_sprintf(B->a, "XMLProperties/%s", path->buf), text, loc);
		for (size_t i = 0; i < sizeof xml_settings / sizeof *xml_settings; i++)
			if (strcmp((const char *)n->name, xml_settings[i].elem) == 0) {
				p->key = xml_settings[i].key;
				if (xml_settings[i].sql)
					p->expr = ast_expr_new(B->doc, LANG_SQL, p->value, loc);
			}
		if (strstr((const char *)n->name, "Password")) {
			p->sensitive = true;
			p->value = "";
		}
	}
	for (const xmlNode *c = xml_first(n); c; c = xml_next(c))
		xmlprops_walk(B, s, x, c, path, loc);
	sbuf_setlen(path, mark);
}

/* The connector's XMLProperties document: it declares encoding UTF-16 but
 * sits in the export's text (notes section 4), so the declaration is
 * dropped before parsing.  Each leaf becomes a prop "XMLProperties/<path>";
 * when it does not parse, the text is one prop. */
static void connector_xml(DsBuild *B, AstStep *s, const char *value, SrcLoc loc)
{
	const char *body = value;
	if (strncmp(body, "<?xml", 5) == 0) {
		const char *q = strstr(body, "?>");
		body = q ? q + 2 : body;
	}
	SrcFile f;
	srcfile_from_memory(&f, B->src->path, body, strlen(body));
	DiagSink quiet;
	diag_init(&quiet, NULL);
	XmlDoc x;
	if (xml_load(&x, &f, &quiet)) {
		Sbuf path = SBUF_INIT;
		xmlNode *root = xmlDocGetRootElement(x.doc);
		for (const xmlNode *c = root ? xml_first(root) : NULL; c; c = xml_next(c))
			xmlprops_walk(B, s, &x, c, &path, loc);
		sbuf_release(&path);
		xml_free(&x);
	} else {
		prop(B, &s->props, "XMLProperties", value, loc);
	}
	srcfile_release(&f);
}

/* ---- stage kinds ---------------------------------------------------------------- */

typedef enum { IO_ANY, IO_FILE, IO_DB } StageIO;

/* StageType (or, for server stages and sequence activities, OLEType) to
 * the neutral kind: docs/ast.md section 5, "StageType / OLEType to
 * StepKind / TaskKind".  IO_FILE / IO_DB stages are sources with only
 * outputs and targets with only inputs. */
static const struct {
	const char *type;
	StepKind kind;
	StageIO io;
} stage_kinds[] = {
    {"PxSequentialFile", STEP_SOURCE, IO_FILE},
    {"CSeqFileStage", STEP_SOURCE, IO_FILE},
    {"PxDataSet", STEP_SOURCE, IO_FILE},
    {"PxFileSet", STEP_SOURCE, IO_FILE},
    {"PxLookupFileSet", STEP_SOURCE, IO_FILE},
    {"CHashedFileStage", STEP_SOURCE, IO_FILE},
    {"PxExternalSource", STEP_SOURCE, IO_FILE},
    {"PxExternalTarget", STEP_TARGET, IO_FILE},
    {"OracleConnectorPX", STEP_SOURCE, IO_DB},
    {"OracleConnector", STEP_SOURCE, IO_DB},
    {"ODBCConnectorPX", STEP_SOURCE, IO_DB},
    {"ODBCConnector", STEP_SOURCE, IO_DB},
    {"NetezzaConnectorPX", STEP_SOURCE, IO_DB},
    {"DB2ConnectorPX", STEP_SOURCE, IO_DB},
    {"TeradataConnectorPX", STEP_SOURCE, IO_DB},
    {"TeradataConnector", STEP_SOURCE, IO_DB},
    {"JDBCConnectorPX", STEP_SOURCE, IO_DB},
    {"SQLServerConnectorPX", STEP_SOURCE, IO_DB},
    {"DSDB2", STEP_SOURCE, IO_DB},
    {"ORAOCI9", STEP_SOURCE, IO_DB},
    {"PxOracle", STEP_SOURCE, IO_DB},
    {"PxDB2", STEP_SOURCE, IO_DB},
    {"PxTeradata", STEP_SOURCE, IO_DB},
    {"CODBCStage", STEP_SOURCE, IO_DB},
    {"CTransformerStage", STEP_EXPRESSION, IO_ANY},
    {"PxJoin", STEP_JOIN, IO_ANY},
    {"PxMerge", STEP_JOIN, IO_ANY},
    {"PxLookup", STEP_LOOKUP, IO_ANY},
    {"PxAggregator", STEP_AGGREGATE, IO_ANY},
    {"AGGREGATOR", STEP_AGGREGATE, IO_ANY},
    {"PxSort", STEP_SORT, IO_ANY},
    {"PxRemDup", STEP_DEDUP, IO_ANY},
    {"PxCopy", STEP_SELECT, IO_ANY},
    {"PxModify", STEP_SELECT, IO_ANY},
    {"PxFunnel", STEP_UNION, IO_ANY},
    {"PxFilter", STEP_FILTER, IO_ANY},
    {"PxSwitch", STEP_ROUTER, IO_ANY},
    {"PxHead", STEP_SAMPLE, IO_ANY},
    {"PxTail", STEP_SAMPLE, IO_ANY},
    {"PxSample", STEP_SAMPLE, IO_ANY},
    {"PxPeek", STEP_OBSERVE, IO_ANY},
    {"PxSurrogateKeyGenerator", STEP_SEQUENCE, IO_ANY},
    {"PxSurrogateKeyGeneratorN", STEP_SEQUENCE, IO_ANY},
    {"PxChangeCapture", STEP_CHANGE_CAPTURE, IO_ANY},
    {"PxChangeApply", STEP_CHANGE_CAPTURE, IO_ANY},
    {"PxDifference", STEP_CHANGE_CAPTURE, IO_ANY},
    {"PxSCD", STEP_CHANGE_CAPTURE, IO_ANY},
    {"PxRowGenerator", STEP_GENERATE, IO_ANY},
    {"PxColumnGenerator", STEP_EXPRESSION, IO_ANY},
    {"PxPivot", STEP_PIVOT, IO_ANY},
    {"Pivot", STEP_PIVOT, IO_ANY},
    {"PivotPX", STEP_PIVOT, IO_ANY},
    {"JavaStagePX", STEP_SCRIPT, IO_ANY},
    {"XMLStagePX", STEP_XML_SOURCE, IO_ANY},
    {"XMLInputPX", STEP_XML_SOURCE, IO_ANY},
    {"PxBASICTransformer", STEP_SCRIPT, IO_ANY},
    {"CContainerStage", STEP_SUBFLOW, IO_ANY},
    /* a container's boundary: its Input stage feeds the container links
     * that the instance's input links map to, its Output stage is fed by
     * those its output links map to (datastage_container.c) */
    {"CContainerInput", STEP_FLOW_INPUT, IO_ANY},
    {"CContainerOutput", STEP_FLOW_OUTPUT, IO_ANY},
};

/* Sequence activities (CJS* OLE types, StageType C*Activity). */
static const struct {
	const char *type;
	TaskKind kind;
} activity_kinds[] = {
    {"CJobActivity", TASK_RUN_FLOW},         {"CTerminatorActivity", TASK_CONTROL},
    {"CCondition", TASK_DECISION},           {"CRoutineActivity", TASK_SCRIPT},
    {"CStartLoopActivity", TASK_CONTAINER},  {"CEndLoopActivity", TASK_CONTAINER},
    {"CExecCommandActivity", TASK_COMMAND},  {"CUserVarsActivity", TASK_ASSIGNMENT},
    {"CWaitForFileActivity", TASK_EVENT_WAIT}, {"CNotificationActivity", TASK_EMAIL},
    {"CSequencer", TASK_OTHER},              {"CExceptionHandler", TASK_OTHER},
    {"CMailActivity", TASK_EMAIL},
};

static bool stage_kind(const char *type, StepKind *kind, StageIO *io)
{
	for (size_t i = 0; type && i < sizeof stage_kinds / sizeof *stage_kinds; i++)
		if (strcmp(type, stage_kinds[i].type) == 0) {
			*kind = stage_kinds[i].kind;
			*io = stage_kinds[i].io;
			return true;
		}
	return false;
}

/* A record type of a stage: custom (parallel) stages, transformers,
 * server stages and sequence activities. */
static bool is_stage_record(const DsRec *r)
{
	const char *t = r->type;
	size_t n = strlen(t);
	StepKind k;
	StageIO io;
	if (ds_find(r, "StageType") || stage_kind(t, &k, &io))
		return true;
	if (n > 5 && strcmp(t + n - 5, "Stage") == 0)
		return true;
	return strncmp(t, "CJS", 3) == 0 && !strstr(t, "Input") && !strstr(t, "Output");
}

/* ---- jobs ---------------------------------------------------------------------- */

typedef struct Pin {
	const DsRec *rec;
	AstStep *step;   /* data flows */
	AstTask *task;   /* sequences */
	AstGroup *group; /* data flows */
	bool output;
} Pin;

typedef struct Job {
	DsBuild *B;
	const DsSection *sec;
	StrMap recs; /* Identifier -> DsRec (scratch) */
	StrMap pins; /* pin Identifier -> Pin (scratch) */
	StrMap stages; /* stage Identifier -> AstStep / AstTask (scratch) */
	StrMap names;  /* step names used */
	AstFlow *flow;
	AstControl *ctrl;
	const char *name;
	ExprLang lang; /* derivations: LANG_DATASTAGE, or BASIC for server jobs */
	const char *placeholder;
	SrcLoc placeholder_loc;
	unsigned placeholders;
	PtrVec rel; /* AstStep, DsRec pairs: stages for datastage_rel.c once linked (scratch) */
} Job;

/* A name holding "#NAME#": a template placeholder (names cannot hold
 * parameters). */
static void check_placeholder(Job *J, const char *name, SrcLoc loc)
{
	const char *h = name ? strchr(name, '#') : NULL;
	if (!h || !strchr(h + 1, '#'))
		return;
	if (!J->placeholders++) {
		const char *e = strchr(h + 1, '#');
		J->placeholder = arena_strndup(&J->B->scratch, h, (size_t)(e - h + 1));
		J->placeholder_loc = loc;
	}
}

static const char *unique_step_name(Job *J, const char *name, SrcLoc loc)
{
	const char *n = name;
	for (int k = 2; strmap_get(&J->names, n); k++)
		n = arena_sprintf(J->B->a, "%s@%d", name, k);
	if (n != name)
		diag_warning(J->B->sink, W_DS_DUPLICATE, loc, "a second stage is named '%s'; it is called '%s'",
			     name, n);
	n = S(J->B, n);
	strmap_put(&J->names, n, (void *)n);
	return n;
}

/* Props consumed by the mapping itself (not kept as AstProps). */
static bool consumed(const char *name)
{
	static const char *const names[] = {
	    "Identifier", "OLEType", "Name", "InputPins", "OutputPins", "StageType", "Partner",
	    "Description", "FullDescription", "ShortDesc", "NextID", "NextRecordID", "Columns",
	    "StageXPos", "StageYPos", "StageXSize", "StageYSize", "Category",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Compiled artifacts: recorded, not kept. */
static bool compiled(const char *name)
{
	return is(name, "OrchestrateCode") || is(name, "TrxGenCode") || is(name, "TrxGenCache") ||
	       is(name, "TrxClassName") || is(name, "JobControlCode");
}

static void note_compiled(DsBuild *B, PtrVec *props, const char *what, SrcLoc loc)
{
	for (uint32_t i = 0; i < props->len; i++) {
		AstProp *p = props->items[i];
		if (is(p->name, "compiled") && is(p->value, what))
			return;
	}
	prop(B, props, "compiled", what, loc);
}

/* The record's own properties (not consumed) as props; MetaBag and
 * Properties collections unwrapped. */
static void record_props(Job *J, const DsRec *r, PtrVec *out, const char *prefix)
{
	DsBuild *B = J->B;
	for (uint32_t i = 0; i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		if (consumed(p->name) || !nonempty(p->value) || (is(p->name, "Readonly") && is(p->value, "0")))
			continue;
		if (compiled(p->name)) {
			note_compiled(B, out, p->name, p->loc);
			continue;
		}
		prop(B, out, prefix ? arena_sprintf(B->a, "%s.%s", prefix, p->name) : p->name, p->value,
		     p->loc);
	}
	const DsColl *mb = ds_coll(r, "MetaBag");
	for (uint32_t i = 0; mb && i < mb->subs.len; i++) {
		const DsRec *s = mb->subs.items[i];
		const char *n = ds_get(s, "Name"), *v = ds_get(s, "Value");
		if (!n || !nonempty(v))
			continue;
		if (compiled(n)) {
			note_compiled(B, out, n, s->loc);
			continue;
		}
		prop(B, out,
		     prefix ? arena_sprintf(B->a, "%s.MetaBag.%s", prefix, n) : arena_sprintf(B->a, "MetaBag.%s", n),
		     v, s->loc);
	}
}

static AstExpr *expr_of(Job *J, const DsRec *r, const char *parsed, const char *written, ExprLang lang,
			const char **other)
{
	const DsProp *p = ds_find(r, parsed);
	const DsProp *w = ds_find(r, written);
	const DsProp *use = p && nonempty(p->value) ? p : w && nonempty(w->value) ? w : NULL;
	if (other)
		*other = use == p && w && nonempty(w->value) && strcmp(w->value, p->value) != 0 ? w->value : NULL;
	if (!use)
		return NULL;
	return ast_expr_new(J->B->doc, lang, S(J->B, use->value), use->vloc);
}

/* A column sub-record as a port. */
static AstPort *column_port(Job *J, const DsRec *c, unsigned dir, const char *group, bool derive)
{
	DsBuild *B = J->B;
	const char *name = ds_get(c, "Name");
	AstPort *p = ast_port_new(B->doc, intern(B, name ? name : ""));
	p->dir = dir;
	p->group = intern(B, group);
	p->type = ds_column_type(B, c);
	p->nullable = is(ds_get(c, "Nullable"), "1");
	p->loc = c->loc;
	if (to_int(ds_get(c, "KeyPosition"), 0) > 0)
		p->role = ROLE_KEY;
	const char *d = ds_get(c, "Description");
	if (nonempty(d))
		p->description = S(B, d);
	const char *other = NULL;
	if (derive) {
		p->expr = expr_of(J, c, "ParsedDerivation", "Derivation", J->lang, &other);
		if (other)
			prop(B, &p->props, "Derivation", other, c->loc);
	}
	static const char *const skip[] = {"Name",     "SqlType",     "Precision",  "Scale",
					   "Nullable", "KeyPosition", "Description"};
	for (uint32_t i = 0; i < c->props.len; i++) {
		const DsProp *q = c->props.items[i];
		bool s = !nonempty(q->value) ||
			 (derive && (is(q->name, "Derivation") || is(q->name, "ParsedDerivation")));
		for (size_t k = 0; !s && k < sizeof skip / sizeof *skip; k++)
			s = strcmp(q->name, skip[k]) == 0;
		if (!s)
			prop(B, &p->props, q->name, q->value, q->loc);
	}
	return p;
}

/* "A|B|C" split into scratch copies. */
void ds_split_bar(Arena *a, const char *v, PtrVec *out)
{
	if (!v || !*v)
		return;
	for (const char *p = v;;) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n)
			ptrvec_push(a, out, arena_strndup(a, p, n));
		if (!e)
			break;
		p = e + 1;
	}
}

/* Enumerated settings as written, normalised (docs/ast.md "Neutral
 * values"): a Lookup's failure action (IBM, "Lookup stage: Lookup Failure":
 * continue outputs NULL, fail stops the job, reject sends the row to the
 * reject link, drop drops it) and a Join's operator (IBM,
 * "Join stage: Join Type"). */
static const struct {
	Setting key;
	const char *value;
	SettingValue norm;
} norms[] = {
    {SET_LOOKUP_NO_MATCH, "continue", VAL_NULL},   {SET_LOOKUP_NO_MATCH, "fail", VAL_FAIL},
    {SET_LOOKUP_NO_MATCH, "reject", VAL_REDIRECT}, {SET_LOOKUP_NO_MATCH, "drop", VAL_SKIP},
    {SET_JOIN_TYPE, "innerjoin", VAL_INNER},
    {SET_JOIN_TYPE, "leftouterjoin", VAL_LEFT_OUTER}, {SET_JOIN_TYPE, "rightouterjoin", VAL_RIGHT_OUTER},
    {SET_JOIN_TYPE, "fullouterjoin", VAL_FULL_OUTER},
};

static void set_norm(AstProp *p, Setting key)
{
	p->key = key;
	for (size_t i = 0; i < sizeof norms / sizeof *norms; i++)
		if (norms[i].key == key && is(p->value, norms[i].value))
			p->norm = norms[i].norm;
}

/* A pin (link end) of a stage: its group, its columns, its per-link
 * properties (as step props prefixed with the link name). */
static void build_pin(Job *J, AstStep *s, const DsRec *pin, bool output, int32_t order, bool trx)
{
	DsBuild *B = J->B;
	const char *link = ds_get(pin, "Name");
	if (!link)
		link = pin->id ? pin->id : "";
	check_placeholder(J, link, pin->loc);
	GroupKind k = output ? GROUP_OUTPUT : GROUP_INPUT;
	if (output && is(ds_get(pin, "ErrorPin"), "1"))
		k = GROUP_ERROR;
	else if (output && is(ds_get(pin, "Reject"), "1"))
		/* a transformer's otherwise link; a Lookup's reject link carries
		 * the rows whose lookup failed (LookupFail reject) */
		k = trx ? GROUP_DEFAULT : s->kind == STEP_LOOKUP ? GROUP_UNMATCHED : GROUP_ERROR;
	AstGroup *g = ast_group_new(B->doc, k, intern(B, link));
	g->order = order;
	g->loc = pin->loc;
	if (trx && output) {
		const char *other = NULL;
		g->cond = expr_of(J, pin, "ParsedConstraint", "Constraint", J->lang, &other);
		if (other)
			prop(B, &g->props, "Constraint", other, pin->loc);
	}
	for (uint32_t i = 0; i < pin->props.len; i++) {
		const DsProp *p = pin->props.items[i];
		if (consumed(p->name) || !nonempty(p->value) || is(p->name, "Constraint") ||
		    is(p->name, "ParsedConstraint") || is(p->name, "Readonly"))
			continue;
		if (is(p->name, "FileName")) {
			/* a server file stage's file is a property of its link */
			prop(B, &s->props, arena_sprintf(B->a, "%s.%s", link, p->name), p->value, p->loc);
			continue;
		}
		AstProp *ap = prop(B, &g->props, p->name, p->value, p->loc);
		if (is(p->name, "LookupFail") && s->kind == STEP_LOOKUP)
			set_norm(ap, SET_LOOKUP_NO_MATCH);
	}
	const char *d = ds_get(pin, "Description");
	if (nonempty(d))
		g->description = S(B, d);
	ast_push(B->doc, &s->groups, g);
	/* per-link stage properties */
	const DsColl *pc = ds_coll(pin, "Properties");
	for (uint32_t i = 0; pc && i < pc->subs.len; i++) {
		const DsRec *q = pc->subs.items[i];
		const char *n = ds_get(q, "Name"), *v = ds_get(q, "Value");
		if (!n || !nonempty(v))
			continue;
		const char *full = arena_sprintf(B->a, "%s.%s", link, n);
		if (!unwrap_list(B, &s->props, link, v, q->loc))
			prop(B, &s->props, full, v, q->loc);
	}
	const DsColl *mb = ds_coll(pin, "MetaBag");
	for (uint32_t i = 0; mb && i < mb->subs.len; i++) {
		const DsRec *q = mb->subs.items[i];
		const char *n = ds_get(q, "Name"), *v = ds_get(q, "Value");
		if (n && nonempty(v))
			prop(B, &g->props, arena_sprintf(B->a, "MetaBag.%s", n), v, q->loc);
	}
	const DsColl *cols = ds_coll(pin, "Columns");
	bool derive = trx && output;
	for (uint32_t i = 0; cols && i < cols->subs.len; i++)
		ast_push(B->doc, &s->ports,
			 column_port(J, cols->subs.items[i], output ? PORT_OUT : PORT_IN, link, derive));
	Pin *P = ARENA_NEW(&B->scratch, Pin);
	P->rec = pin;
	P->step = s;
	P->group = g;
	P->output = output;
	if (pin->id)
		strmap_put(&J->pins, pin->id, P);
}

/* The stage's `Properties` collection (CCustomProperty: Name, Value). */
static void stage_props(Job *J, AstStep *s, const DsRec *r)
{
	DsBuild *B = J->B;
	const DsColl *pc = ds_coll(r, "Properties");
	for (uint32_t i = 0; pc && i < pc->subs.len; i++) {
		const DsRec *q = pc->subs.items[i];
		const char *n = ds_get(q, "Name"), *v = ds_get(q, "Value");
		if (!n || !nonempty(v))
			continue;
		if (is(n, "XMLProperties")) {
			connector_xml(B, s, v, q->loc);
			continue;
		}
		if (unwrap_list(B, &s->props, NULL, v, q->loc))
			continue;
		AstProp *ap = prop(B, &s->props, n, v, q->loc);
		if (is(n, "operator") && s->kind == STEP_JOIN)
			set_norm(ap, SET_JOIN_TYPE);
	}
}

static void stage_vars(Job *J, AstStep *s, const DsRec *r)
{
	DsBuild *B = J->B;
	const DsColl *sv = ds_coll(r, "StageVars");
	for (uint32_t i = 0; sv && i < sv->subs.len; i++) {
		const DsRec *v = sv->subs.items[i];
		const char *name = ds_get(v, "Name");
		AstPort *p = ast_port_new(B->doc, S(B, name ? name : ""));
		p->dir = PORT_VAR;
		p->type = ds_column_type(B, v);
		p->loc = v->loc;
		const char *other = NULL;
		p->expr = expr_of(J, v, "ParsedExpression", "Expression", J->lang, &other);
		if (other)
			prop(B, &p->props, "Expression", other, v->loc);
		const DsProp *iv = ds_find(v, "InitialValue");
		if (iv && nonempty(iv->value))
			p->init = ast_expr_new(B->doc, J->lang, S(B, iv->value), iv->vloc);
		const char *d = ds_get(v, "Description");
		if (nonempty(d))
			p->description = S(B, d);
		ast_push(B->doc, &s->ports, p);
	}
}

/* A Filter stage (IBM, "Filter stage: Properties"): each `where` clause
 * (with its dependent `target`, the output link number) becomes the
 * condition of that output link, in LANG_DATASTAGE_WHERE; a clause without
 * a target goes to the output links in their order.  The reject link takes
 * the rows no clause accepted (GROUP_DEFAULT).  `first` ("Output rows only
 * once") routes a row to the first link whose clause holds, else to every
 * one; several outputs make the stage a router. */
static void filter_where(Job *J, AstStep *s)
{
	DsBuild *B = J->B;
	unsigned outputs = 0, next = 0;
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_ERROR)
			g->kind = GROUP_DEFAULT;
		outputs += g->kind == GROUP_OUTPUT;
	}
	for (uint32_t i = 0; i < s->props.len; i++) {
		AstProp *p = s->props.items[i];
		if (!is(p->name, "where"))
			continue;
		AstProp *t = i + 1 < s->props.len ? s->props.items[i + 1] : NULL;
		int32_t target = t && is(t->name, "where.target") ? to_int(t->value, -1) : (int32_t)next++;
		for (uint32_t k = 0; k < s->groups.len; k++) {
			AstGroup *g = s->groups.items[k];
			if (g->kind != GROUP_OUTPUT || g->order != target)
				continue;
			if (!g->cond)
				g->cond = ast_expr_new(B->doc, LANG_DATASTAGE_WHERE, p->value, p->loc);
			else
				prop(B, &g->props, "where", p->value, p->loc);
		}
	}
	AstProp *first = ast_props_find_name(&s->props, "first");
	AstProp *r = prop(B, &s->props, "routing", first && is(first->value, "first") ? "first" : "all",
			  first ? first->loc : s->loc);
	r->key = SET_ROUTING;
	r->norm = first && is(first->value, "first") ? VAL_FIRST_MATCH : VAL_ALL_MATCHES;
	s->kind = outputs > 1 ? STEP_ROUTER : STEP_FILTER;
}

static void build_stage(Job *J, const DsRec *r)
{
	DsBuild *B = J->B;
	const char *stype = ds_get(r, "StageType");
	const char *type = nonempty(stype) ? stype : r->type;
	StepKind kind = STEP_UNKNOWN;
	StageIO io = IO_ANY;
	const char *name = ds_get(r, "Name");
	if (!name)
		name = r->id ? r->id : "";
	check_placeholder(J, name, r->loc);
	bool known = stage_kind(type, &kind, &io) || stage_kind(r->type, &kind, &io);
	if (!known && is(r->type, "CCustomStage"))
		kind = STEP_CUSTOM;
	if (!known)
		diag_warning(B->sink, W_DS_STAGE, r->loc, "stage '%s' has StageType '%s', which is not known",
			     name, type);
	PtrVec ins = {0}, outs = {0};
	ds_split_bar(&B->scratch, ds_get(r, "InputPins"), &ins);
	ds_split_bar(&B->scratch, ds_get(r, "OutputPins"), &outs);
	if (io != IO_ANY && ins.len && !outs.len)
		kind = STEP_TARGET;
	AstStep *s = ast_step_new(B->doc, kind, unique_step_name(J, name, r->loc));
	if (strcmp(s->name, name) != 0)
		s->orig_name = S(B, name);
	s->orig_kind = S(B, type);
	s->loc = r->loc;
	s->def_loc = r->loc;
	const char *d = ds_get(r, "Description");
	if (nonempty(d))
		s->description = S(B, d);
	if (kind == STEP_SUBFLOW) {
		/* a shared container instance: resolved at the end */
		s->def_name = S(B, nonempty(stype) && !is(stype, "CContainerStage") ? stype : name);
		ast_push(B->doc, &B->instances, s);
	}
	if (!known)
		s->review = S(B, arena_sprintf(&B->scratch, "StageType '%s' is not known", type));
	if (r->id)
		strmap_put(&J->stages, r->id, s);
	bool trx = is(r->type, "CTransformerStage") || is(stype, "CTransformerStage");
	stage_vars(J, s, r);
	for (uint32_t i = 0; i < ins.len; i++) {
		const DsRec *pin = strmap_get(&J->recs, ins.items[i]);
		if (pin)
			build_pin(J, s, pin, false, (int32_t)i, trx);
	}
	for (uint32_t i = 0; i < outs.len; i++) {
		const DsRec *pin = strmap_get(&J->recs, outs.items[i]);
		if (pin)
			build_pin(J, s, pin, true, (int32_t)i, trx);
	}
	stage_props(J, s, r);
	record_props(J, r, &s->props, NULL);
	/* the file a file stage reads or writes: its `file` (Sequential File,
	 * one prop per file), `dataset` (Data Set) or `FileName` (server)
	 * property, on the stage or on its link */
	for (uint32_t i = 0; io == IO_FILE && i < s->props.len; i++) {
		AstProp *p = s->props.items[i];
		const char *dot = strrchr(p->name, '.');
		const char *base = dot ? dot + 1 : p->name;
		if (is(base, "file") || is(base, "dataset") || is(base, "FileName"))
			p->key = SET_FILE_NAME;
	}
	if (kind == STEP_SOURCE && io == IO_DB && ast_props_find(&s->props, SET_SQL_QUERY))
		s->kind = STEP_SOURCE_QUERY;
	if (is(type, "PxFilter"))
		filter_where(J, s);
	if (trx && s->kind == STEP_EXPRESSION) {
		unsigned outputs = 0;
		bool cond = false;
		for (uint32_t i = 0; i < s->groups.len; i++) {
			AstGroup *g = s->groups.items[i];
			outputs += g->kind != GROUP_INPUT;
			cond |= g->cond != NULL;
		}
		if (cond || outputs > 1)
			s->kind = STEP_ROUTER;
	}
	ptrvec_push(&B->scratch, &J->rel, s);
	ptrvec_push(&B->scratch, &J->rel, (void *)r);
	ast_push(B->doc, &J->flow->steps, s);
}

static void build_activity(Job *J, const DsRec *r)
{
	DsBuild *B = J->B;
	const char *stype = ds_get(r, "StageType");
	const char *type = nonempty(stype) ? stype : r->type;
	const char *name = ds_get(r, "Name");
	if (!name)
		name = r->id ? r->id : "";
	TaskKind kind = TASK_OTHER;
	bool known = false;
	for (size_t i = 0; i < sizeof activity_kinds / sizeof *activity_kinds; i++)
		if (is(type, activity_kinds[i].type)) {
			kind = activity_kinds[i].kind;
			known = true;
		}
	if (!known)
		diag_warning(B->sink, W_DS_STAGE, r->loc, "activity '%s' has StageType '%s', which is not known",
			     name, type);
	AstTask *t = ast_task_new(B->doc, kind, S(B, name));
	t->orig_kind = S(B, type);
	t->loc = r->loc;
	t->enabled = true;
	const char *job = ds_get(r, "JobName");
	if (nonempty(job))
		t->def_name = S(B, job);
	if (is(type, "CSequencer"))
		t->links_and = is(ds_get(r, "SequencerMode"), "0") || is(ds_get(r, "Mode"), "0");
	record_props(J, r, &t->props, NULL);
	for (uint32_t i = 0; i < r->colls.len; i++) {
		const DsColl *c = r->colls.items[i];
		if (is(c->name, "MetaBag"))
			continue;
		for (uint32_t k = 0; k < c->subs.len; k++) {
			const DsRec *s = c->subs.items[k];
			AstElem *e = ast_elem_new(B->doc, S(B, c->name));
			e->loc = s->loc;
			for (uint32_t m = 0; m < s->props.len; m++) {
				const DsProp *p = s->props.items[m];
				ast_push(B->doc, &e->attrs, ast_prop_new(B->doc, S(B, p->name), S(B, p->value)));
			}
			ast_push(B->doc, &t->extras, e);
		}
	}
	if (r->id)
		strmap_put(&J->stages, r->id, t);
	PtrVec outs = {0};
	ds_split_bar(&B->scratch, ds_get(r, "OutputPins"), &outs);
	for (uint32_t i = 0; i < outs.len; i++) {
		const DsRec *pin = strmap_get(&J->recs, outs.items[i]);
		if (!pin)
			continue;
		Pin *P = ARENA_NEW(&B->scratch, Pin);
		P->rec = pin;
		P->task = t;
		P->output = true;
		strmap_put(&J->pins, pin->id, P);
	}
	ast_push(B->doc, &J->ctrl->tasks, t);
}

/* "V137S0|V137S0P8": the partner stage and pin. */
static const Pin *partner(Job *J, const DsRec *pin)
{
	const char *v = ds_get(pin, "Partner");
	if (!v)
		return NULL;
	const char *bar = strchr(v, '|');
	return strmap_get(&J->pins, bar ? bar + 1 : v);
}

/* A sequence's trigger: an activity's output pin to the activity its
 * Partner names (the stage id before '|'); its Expression is the
 * condition (BASIC, e.g. Job_1.$JobStatus = DSJS.RUNOK). */
static void build_trigger(Job *J, const Pin *from, const DsRec *r)
{
	DsBuild *B = J->B;
	const char *v = ds_get(r, "Partner"), *link = ds_get(r, "Name");
	const char *bar = strchr(v, '|');
	char *sid = arena_strndup(&B->scratch, v, bar ? (size_t)(bar - v) : strlen(v));
	AstTask *t = strmap_get(&J->stages, sid);
	if (!t) {
		diag_error(B->sink, E_DS_LINK, r->loc,
			   "trigger '%s' names partner '%s', which is no activity of sequence '%s'",
			   link ? link : "", v, J->name);
		return;
	}
	AstLink *l = ast_link_new(B->doc);
	l->from = from->task;
	l->to = t;
	l->from_name = from->task->name;
	l->to_name = t->name;
	l->name = S(B, link);
	l->loc = r->loc;
	l->on = LINK_ANY;
	const char *other = NULL;
	l->cond = expr_of(J, r, "ParsedExpression", "Expression", LANG_DATASTAGE_BASIC, &other);
	record_props(J, r, &l->props, NULL);
	ast_push(B->doc, &J->ctrl->links, l);
}

/* A data link: the output pin to the input pin its Partner names, one edge
 * per column both pins declare, else one link-level edge. */
static void build_link(Job *J, const Pin *from, const DsRec *r)
{
	DsBuild *B = J->B;
	const Pin *to = partner(J, r);
	const char *link = ds_get(r, "Name");
	if (!to || !to->step || to->output) {
		diag_error(B->sink, E_DS_LINK, r->loc,
			   "link '%s' names partner '%s', which is no input of a stage of job '%s'",
			   link ? link : "", ds_get(r, "Partner"), J->name);
		return;
	}
	AstStep *fs = from->step, *ts = to->step;
	const DsColl *oc = ds_coll(from->rec, "Columns");
	const DsColl *ic = ds_coll(to->rec, "Columns");
	unsigned n = 0;
	for (uint32_t k = 0; oc && ic && k < oc->subs.len; k++) {
		const char *cn = ds_get(oc->subs.items[k], "Name");
		AstPort *fp = ast_ports_find_in(&fs->ports, from->group->name, cn ? cn : "");
		AstPort *tp = ast_ports_find_in(&ts->ports, to->group->name, cn ? cn : "");
		if (!fp || !tp)
			continue;
		AstEdge *e = ast_edge_new(B->doc);
		e->from = fs, e->from_port = fp, e->to = ts, e->to_port = tp;
		e->from_group = from->group->name;
		e->to_group = to->group->name;
		e->name = S(B, link);
		e->loc = r->loc;
		ast_push(B->doc, &J->flow->edges, e);
		n++;
	}
	if (!n) {
		AstEdge *e = ast_edge_new(B->doc);
		e->from = fs, e->to = ts;
		e->from_group = from->group->name;
		e->to_group = to->group->name;
		e->name = S(B, link);
		e->loc = r->loc;
		ast_push(B->doc, &J->flow->edges, e);
	}
}

static void build_edges(Job *J, const PtrVec *order)
{
	for (uint32_t i = 0; i < order->len; i++) {
		const DsRec *r = order->items[i];
		const Pin *from = r->id ? strmap_get(&J->pins, r->id) : NULL;
		if (!from || !from->output || !nonempty(ds_get(r, "Partner")))
			continue;
		if (J->ctrl)
			build_trigger(J, from, r);
		else
			build_link(J, from, r);
	}
}

/* ParamType codes of job parameters (IBM, "Job parameters": String,
 * Encrypted, Integer, Float, Pathname, List, Date, Time; 13 a parameter
 * set). */
static AstType param_type(DsBuild *B, const char *code)
{
	AstType t = ast_type_unknown();
	if (!code)
		return t;
	t.orig = intern(B, code);
	switch (to_int(code, -1)) {
	case 0:
	case 1:
	case 4:
	case 5: t.kind = TY_STRING; break;
	case 2: t.kind = TY_INTEGER; break;
	case 3: t.kind = TY_DOUBLE; break;
	case 6: t.kind = TY_DATE; break;
	case 7: t.kind = TY_TIME; break;
	default: break;
	}
	return t;
}

/* The Parameters collection of a job, sequence or parameter set. */
static void build_params(DsBuild *B, const DsRec *r, PtrVec *out, PtrVec *sets, ParamScope scope,
			 const char *owner)
{
	const DsColl *pc = ds_coll(r, "Parameters");
	for (uint32_t i = 0; pc && i < pc->subs.len; i++) {
		const DsRec *s = pc->subs.items[i];
		const char *name = ds_get(s, "Name");
		if (!name)
			continue;
		const char *ptype = ds_get(s, "ParamType");
		if (is(ptype, "13") && sets) {
			ast_push(B->doc, sets, (void *)S(B, name));
			continue;
		}
		ParamScope sc = name[0] == '$' && scope != SCOPE_PARAMETER_SET ? SCOPE_PROJECT : scope;
		AstParam *p = ast_param_new(B->doc, S(B, name), PARAM_PARAMETER, sc);
		p->owner = S(B, owner);
		p->type = param_type(B, ptype);
		p->declared = true;
		p->user_defined = true;
		p->loc = s->loc;
		if (scope == SCOPE_PARAMETER_SET)
			p->set = S(B, owner);
		const char *dflt = ds_get(s, "Default");
		p->sensitive = is(ptype, "1") || (dflt && strncmp(dflt, "{iisenc}", 8) == 0);
		if (!p->sensitive && dflt)
			p->default_value = S(B, dflt);
		const char *help = ds_get(s, "HelpTxt");
		if (nonempty(help))
			p->description = S(B, help);
		for (uint32_t k = 0; k < s->props.len; k++) {
			const DsProp *q = s->props.items[k];
			if (is(q->name, "Name") || is(q->name, "Default") || is(q->name, "HelpTxt") ||
			    !nonempty(q->value))
				continue;
			prop(B, &p->props, q->name, q->value, q->loc);
		}
		ast_push(B->doc, out, p);
	}
}

static AstElem *record_elem(DsBuild *B, const DsRec *r, const char *tag)
{
	AstElem *e = ast_elem_new(B->doc, S(B, tag));
	e->loc = r->loc;
	for (uint32_t i = 0; i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		if (!nonempty(p->value) || compiled(p->name) || is(p->name, "OLEType") || is(p->name, "Readonly"))
			continue;
		if (is(p->name, "AnnotationText") || is(p->name, "Text")) {
			e->text = S(B, p->value);
			continue;
		}
		ast_push(B->doc, &e->attrs, ast_prop_new(B->doc, S(B, p->name), S(B, p->value)));
	}
	return e;
}

/* ---- parameter references ------------------------------------------------------ */

/* `#NAME#`, `#SET.NAME#` and `#$ENV#` are text substitutions inside
 * property values (IBM, "Job parameters": "enclose the parameter name in
 * # characters"); each one referenced but not declared by the job is
 * declared here, `declared` false: a parameter-set member (scope
 * parameter_set, `set` named; the set's own definition, when the file
 * holds it, is in its folder), an environment variable (scope project), or
 * a name the job does not declare (a template placeholder, W1209). */
static void note_refs(Job *J, PtrVec *params, const char *text, SrcLoc loc)
{
	DsBuild *B = J->B;
	for (const char *h = text ? strchr(text, '#') : NULL; h; h = strchr(h, '#')) {
		const char *n = h + 1, *e = n;
		while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') ||
		       *e == '_' || *e == '.' || *e == '$')
			e++;
		if (*e != '#' || e == n) {
			h = n;
			continue;
		}
		char *name = arena_strndup(&B->scratch, n, (size_t)(e - n));
		h = e + 1;
		bool known = false;
		for (uint32_t i = 0; i < params->len && !known; i++)
			known = strcmp(((AstParam *)params->items[i])->name, name) == 0;
		if (known)
			continue;
		const char *dot = strchr(name, '.');
		ParamScope sc = dot ? SCOPE_PARAMETER_SET : name[0] == '$' ? SCOPE_PROJECT : J->ctrl ? SCOPE_CONTROL : SCOPE_FLOW;
		AstParam *p = ast_param_new(B->doc, S(B, name), PARAM_PARAMETER, sc);
		p->owner = S(B, J->name);
		p->declared = false;
		p->loc = loc;
		if (dot)
			p->set = arena_strndup(B->a, name, (size_t)(dot - name));
		ast_push(B->doc, params, p);
	}
}

static void note_refs_props(Job *J, PtrVec *params, const PtrVec *props)
{
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *p = props->items[i];
		note_refs(J, params, p->value, p->loc);
	}
}

/* The name a job's pipeline gets: its own, or with "@2"... when another
 * job of the file has it. */
static const char *job_name(DsBuild *B, const DsSection *sec, const DsRec *root, const char *name)
{
	/* a job exported twice in one file: one pipeline name each */
	const char *unique = name;
	for (int k = 2; strmap_get(&B->jobnames, unique); k++)
		unique = arena_sprintf(B->a, "%s@%d", name, k);
	if (unique != name)
		diag_warning(B->sink, W_DS_DUPLICATE, root ? root->loc : sec->loc,
			     "a second job is named '%s'; it is called '%s'", name, unique);
	name = S(B, unique);
	strmap_put(&B->jobnames, name, (void *)name);
	return name;
}

/* The job's CJobDefn (or CSharedContainerDefn) record, or NULL. */
static const DsRec *job_root(const DsSection *sec)
{
	for (uint32_t i = 0; i < sec->recs.len; i++) {
		const DsRec *r = sec->recs.items[i];
		if (is(r->type, "CJobDefn") || is(r->type, "CSharedContainerDefn"))
			return r;
	}
	return NULL;
}

/* A job's name as written: its root's Name, else the section's Identifier. */
static const char *written_name(const DsSection *sec, const DsRec *root)
{
	const char *ident = NULL;
	for (uint32_t i = 0; i < sec->props.len; i++) {
		const DsProp *p = sec->props.items[i];
		if (is(p->name, "Identifier"))
			ident = p->value;
	}
	return root && ds_get(root, "Name") ? ds_get(root, "Name") : ident ? ident : "";
}

static void resolve_instances(DsBuild *B);

static void build_job(DsBuild *B, DsSection *sec)
{
	Job J = {.B = B, .sec = sec};
	strmap_init(&J.recs, &B->scratch, false);
	strmap_init(&J.pins, &B->scratch, false);
	strmap_init(&J.stages, &B->scratch, false);
	strmap_init(&J.names, &B->scratch, false);
	const DsRec *root = NULL;
	for (uint32_t i = 0; i < sec->recs.len; i++) {
		const DsRec *r = sec->recs.items[i];
		if (r->id)
			strmap_put(&J.recs, r->id, (void *)r);
		if (!root && (is(r->type, "CJobDefn") || is(r->type, "CSharedContainerDefn")))
			root = r;
	}
	const char *name = written_name(sec, root);
	check_placeholder(&J, name, root ? root->loc : sec->loc);
	name = B->forced ? S(B, B->forced) : job_name(B, sec, root, name);
	J.name = name;
	const char *jt = root ? ds_get(root, "JobType") : NULL;
	bool sequence = is(jt, "2");
	bool server = !jt || is(jt, "0");
	J.lang = server ? LANG_DATASTAGE_BASIC : LANG_DATASTAGE;
	AstFolder *f = folder_for(B, root ? ds_get(root, "Category") : NULL);
	const char *desc = root ? ds_get(root, "Description") : NULL;
	const char *full = root ? ds_get(root, "FullDescription") : NULL;
	PtrVec *props, *extras, *params, *sets;
	if (sequence) {
		J.ctrl = ast_control_new(B->doc, CTRL_SEQUENCE, S(B, name));
		J.ctrl->folder = f->name;
		J.ctrl->loc = root ? root->loc : sec->loc;
		J.ctrl->enabled = true;
		J.ctrl->valid = true;
		if (nonempty(full) || nonempty(desc))
			J.ctrl->description = S(B, nonempty(full) ? full : desc);
		props = &J.ctrl->props, extras = &J.ctrl->extras, params = &J.ctrl->params,
		sets = &J.ctrl->param_sets;
		ast_push(B->doc, &f->controls, J.ctrl);
	} else {
		FlowKind fk = sec->kind == DS_SEC_SHARED_CONTAINER ? FLOW_MAPPLET : FLOW_JOB;
		J.flow = ast_flow_new(B->doc, fk, S(B, name));
		J.flow->folder = f->name;
		J.flow->loc = root ? root->loc : sec->loc;
		J.flow->valid = true;
		if (nonempty(full) || nonempty(desc))
			J.flow->description = S(B, nonempty(full) ? full : desc);
		props = &J.flow->props, extras = &J.flow->extras, params = &J.flow->params,
		sets = &J.flow->param_sets;
		ast_push(B->doc, &f->flows, J.flow);
		if (fk == FLOW_MAPPLET)
			strmap_put(&B->containers, J.flow->name, J.flow);
	}
	for (uint32_t i = 0; i < sec->props.len; i++) {
		const DsProp *p = sec->props.items[i];
		if (!is(p->name, "Identifier"))
			prop(B, props, p->name, p->value, p->loc);
	}
	if (root) {
		record_props(&J, root, props, NULL);
		build_params(B, root, params, sets, sequence ? SCOPE_CONTROL : SCOPE_FLOW, name);
		if (nonempty(full) && nonempty(desc))
			prop(B, props, "Description", desc, ds_find(root, "Description")->loc);
	}
	/* stages first, then the records no stage claimed */
	for (uint32_t i = 0; i < sec->recs.len; i++) {
		const DsRec *r = sec->recs.items[i];
		if (r == root || !is_stage_record(r))
			continue;
		if (sequence)
			build_activity(&J, r);
		else
			build_stage(&J, r);
	}
	for (uint32_t i = 0; i < sec->recs.len; i++) {
		const DsRec *r = sec->recs.items[i];
		if (r == root || is_stage_record(r) || (r->id && strmap_get(&J.pins, r->id)))
			continue;
		if (is(r->type, "CContainerView"))
			continue; /* canvas layout */
		if (is(r->type, "CAnnotation") || is(r->type, "CDescAnnotation")) {
			ast_push(B->doc, extras, record_elem(B, r, "Annotation"));
			continue;
		}
		if (sequence && (strstr(r->type, "Input") || strstr(r->type, "Output")))
			continue; /* an activity's input pin says nothing the links do not */
		diag_warning(B->sink, W_DS_RECORD, r->loc, "record '%s' of type '%s' belongs to no stage",
			     r->id ? r->id : "", r->type);
		ast_push(B->doc, extras, record_elem(B, r, r->type));
	}
	build_edges(&J, &sec->recs);
	if (J.flow)
		ds_complete_flow(B->doc, B->sink, f, J.flow);
	for (uint32_t i = 0; i + 1 < J.rel.len; i += 2)
		ds_rel_stage(B, &J.recs, J.rel.items[i], J.rel.items[i + 1]);
	if (J.flow)
		ds_local_containers(B->doc, &B->scratch, B->sink, &sec->recs, &J.stages, J.flow);
	if (J.flow)
		for (uint32_t i = 0; i < J.flow->steps.len; i++) {
			const AstStep *st = J.flow->steps.items[i];
			note_refs_props(&J, params, &st->props);
		}
	for (uint32_t i = 0; J.ctrl && i < J.ctrl->tasks.len; i++) {
		const AstTask *t = J.ctrl->tasks.items[i];
		note_refs_props(&J, params, &t->props);
	}
	for (uint32_t i = 0; i < sec->skipped.len; i++)
		note_compiled(B, props, sec->skipped.items[i], sec->loc);
	if (J.placeholders)
		diag_warning(B->sink, W_DS_PLACEHOLDER, J.placeholder_loc,
			     "job '%s' is a template: %u name%s hold #NAME# placeholders (first: '%s')",
			     name, J.placeholders, J.placeholders == 1 ? "" : "s", J.placeholder);
	B->jobs++;
	if (B->forced) {
		resolve_instances(B); /* a unit: the containers are all known */
		if (J.flow)
			ds_expand_flow(B->doc, B->a, B->sink, J.flow);
	}
}

/* The first pass of reading unit by unit: a data-flow job is named and
 * placed in its folder as a stub flow, built later on its own. */
static void scan_job(DsBuild *B, DsSection *sec)
{
	const DsRec *root = job_root(sec);
	const char *name = written_name(sec, root);
	name = job_name(B, sec, root, name);
	AstFolder *f = folder_for(B, root ? ds_get(root, "Category") : NULL);
	AstFlow *stub = ast_flow_new(B->doc, FLOW_JOB, name);
	stub->folder = f->name;
	stub->loc = root ? root->loc : sec->loc;
	ast_push(B->doc, &f->flows, stub);
	DsSlot *slot = ARENA_NEW(B->a, DsSlot);
	slot->off = sec->off;
	slot->end = sec->end;
	slot->line = sec->line;
	ptrmap_put(&B->stubs, stub, B->slots.len);
	ptrvec_push(B->a, &B->slots, slot);
	B->jobs++;
}

/* ---- other sections ------------------------------------------------------------ */

static void build_tabledef(DsBuild *B, const DsRec *r)
{
	const char *name = r->id ? r->id : ds_get(r, "Name");
	AstFolder *f = folder_for(B, ds_get(r, "Category"));
	AstTable *t = ast_table_new(B->doc, TABLE_RECORD, S(B, name ? name : ""));
	t->folder = f->name;
	t->loc = r->loc;
	const char *d = ds_get(r, "Description");
	if (!nonempty(d))
		d = ds_get(r, "ShortDesc");
	if (nonempty(d))
		t->description = S(B, d);
	const DsColl *cols = ds_coll(r, "Columns");
	for (uint32_t i = 0; cols && i < cols->subs.len; i++) {
		const DsRec *c = cols->subs.items[i];
		const char *cn = ds_get(c, "Name");
		AstPort *p = ast_port_new(B->doc, S(B, cn ? cn : ""));
		p->type = ds_column_type(B, c);
		p->nullable = is(ds_get(c, "Nullable"), "1");
		p->loc = c->loc;
		if (to_int(ds_get(c, "KeyPosition"), 0) > 0)
			p->role = ROLE_KEY;
		const char *cd = ds_get(c, "Description");
		if (nonempty(cd))
			p->description = S(B, cd);
		ast_push(B->doc, &t->fields, p);
	}
	for (uint32_t i = 0; i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		if (!consumed(p->name) && nonempty(p->value) && !is(p->name, "Readonly"))
			prop(B, &t->props, p->name, p->value, p->loc);
	}
	ast_push(B->doc, &f->tables, t);
}

static void build_paramset(DsBuild *B, const DsRec *r)
{
	const char *name = r->id ? r->id : ds_get(r, "Name");
	if (!name)
		name = "";
	AstFolder *f = folder_for(B, ds_get(r, "Category"));
	size_t first = f->params.len;
	build_params(B, r, &f->params, NULL, SCOPE_PARAMETER_SET, name);
	/* value files: ValueSets / ParamValues sub-records name a file and
	 * give values per parameter */
	for (uint32_t i = 0; i < r->colls.len; i++) {
		const DsColl *c = r->colls.items[i];
		if (is(c->name, "Parameters"))
			continue;
		for (uint32_t k = 0; k < c->subs.len; k++) {
			const DsRec *s = c->subs.items[k];
			const char *file = ds_get(s, "Name");
			for (uint32_t m = 0; m < s->props.len; m++) {
				const DsProp *q = s->props.items[m];
				for (size_t j = first; j < f->params.len; j++) {
					AstParam *p = f->params.items[j];
					if (strcmp(p->name, q->name) != 0 || p->sensitive)
						continue;
					AstParamValue *v = ARENA_NEW(B->a, AstParamValue);
					v->value = S(B, q->value);
					v->section = S(B, file ? file : c->name);
					v->loc = q->loc;
					ast_push(B->doc, &p->values, v);
				}
			}
		}
	}
}

static void build_routine(DsBuild *B, const DsRec *r)
{
	const char *name = r->id ? r->id : ds_get(r, "Name");
	AstFolder *f = folder_for(B, ds_get(r, "Category"));
	AstFunction *fn = ARENA_NEW(B->a, AstFunction);
	fn->name = S(B, name ? name : "");
	fn->lang = LANG_DATASTAGE_BASIC;
	fn->loc = r->loc;
	const DsProp *src = ds_find(r, "Source");
	if (src && nonempty(src->value))
		fn->body = ast_expr_new(B->doc, LANG_DATASTAGE_BASIC, S(B, src->value), src->vloc);
	const DsColl *args = ds_coll(r, "Arguments");
	for (uint32_t i = 0; args && i < args->subs.len; i++) {
		const char *an = ds_get(args->subs.items[i], "Name");
		ast_push(B->doc, &fn->args, (void *)S(B, an ? an : ""));
	}
	for (uint32_t i = 0; i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		bool desc = is(p->name, "ShortDesc") || is(p->name, "Description") || is(p->name, "Category");
		if ((desc || !consumed(p->name)) && nonempty(p->value) && !is(p->name, "Source") &&
		    !is(p->name, "Readonly"))
			prop(B, &fn->props, p->name, p->value, p->loc);
	}
	ast_push(B->doc, &f->functions, fn);
}

static void build_connection(DsBuild *B, const DsRec *r)
{
	const char *name = r->id ? r->id : ds_get(r, "Name");
	AstConnection *c =
	    ast_connection_get(B->doc, S(B, name ? name : ""), "DataConnection", S(B, ds_get(r, "StageType")), r->loc);
	c->declared = true;
	c->def_loc = r->loc;
	for (uint32_t i = 0; i < r->props.len; i++) {
		const DsProp *p = r->props.items[i];
		if (consumed(p->name) || !nonempty(p->value) || strstr(p->name, "Password"))
			continue;
		prop(B, &c->props, p->name, p->value, p->loc);
	}
	/* connection parameters: Name/Value sub-records, passwords left out */
	const DsColl *pv = ds_coll(r, "Parameters");
	for (uint32_t i = 0; pv && i < pv->subs.len; i++) {
		const DsRec *s = pv->subs.items[i];
		const char *n = ds_get(s, "Name"), *v = ds_get(s, "Value");
		if (n && nonempty(v) && !strstr(n, "Password") && !strstr(n, "password"))
			prop(B, &c->props, n, v, s->loc);
	}
}

void ds_build_section(DsBuild *B, DsSection *s)
{
	AstDoc *d = B->doc;
	switch (s->kind) {
	case DS_SEC_JOB:
		if (B->scan && !is(job_root(s) ? ds_get(job_root(s), "JobType") : NULL, "2"))
			scan_job(B, s); /* a sequence is built at once: it is small */
		else
			build_job(B, s);
		break;
	case DS_SEC_SHARED_CONTAINER: build_job(B, s); break;
	case DS_SEC_TABLEDEFS:
		for (uint32_t i = 0; i < s->recs.len; i++)
			build_tabledef(B, s->recs.items[i]);
		break;
	case DS_SEC_PARAMSETS:
		for (uint32_t i = 0; i < s->recs.len; i++)
			build_paramset(B, s->recs.items[i]);
		break;
	case DS_SEC_ROUTINES:
		for (uint32_t i = 0; i < s->recs.len; i++)
			build_routine(B, s->recs.items[i]);
		break;
	case DS_SEC_DATACONNECTIONS:
		for (uint32_t i = 0; i < s->recs.len; i++)
			build_connection(B, s->recs.items[i]);
		break;
	case DS_SEC_COMPILED: {
		const char *id = "";
		for (uint32_t i = 0; i < s->props.len; i++) {
			const DsProp *p = s->props.items[i];
			if (is(p->name, "Identifier"))
				id = p->value;
		}
		prop(B, &d->props, "compiled", arena_sprintf(&B->scratch, "DSEXECJOB %s", id), s->loc);
		break;
	}
	case DS_SEC_STAGETYPES:
	case DS_SEC_OTHER: {
		for (uint32_t i = 0; i < s->recs.len; i++) {
			const DsRec *r = s->recs.items[i];
			AstFolder *f = folder_for(B, ds_get(r, "Category"));
			AstElem *e = ast_elem_new(d, S(B, s->tag));
			e->loc = r->loc;
			/* stage type definitions are long; their identity is kept */
			static const char *const keep[] = {"Identifier", "OLEType", "Description", "StageType",
							   "ShortDesc", "Name"};
			for (uint32_t k = 0; k < r->props.len; k++) {
				const DsProp *p = r->props.items[k];
				for (size_t j = 0; j < sizeof keep / sizeof *keep; j++)
					if (is(p->name, keep[j]) && nonempty(p->value))
						ast_push(d, &e->attrs, ast_prop_new(d, S(B, p->name), S(B, p->value)));
			}
			ast_push(d, &f->extras, e);
		}
		if (!s->recs.len) {
			AstFolder *f = folder_for(B, NULL);
			AstElem *e = ast_elem_new(d, S(B, s->tag));
			e->loc = s->loc;
			ast_push(d, &f->extras, e);
		}
		break;
	}
	}
	arena_release(&B->scratch);
}

static void resolve_instances(DsBuild *B)
{
	for (uint32_t i = 0; i < B->instances.len; i++) {
		AstStep *s = B->instances.items[i];
		if (s->subflow || s->review)
			continue; /* a local container (datastage_container.c) */
		s->subflow = strmap_get(&B->containers, s->def_name);
		if (!s->subflow) {
			s->unresolved = true;
			s->review = "the shared container is not in this export";
			diag_warning(B->sink, W_DS_SUBFLOW, s->loc,
				     "stage '%s' is an instance of shared container '%s', which this export "
				     "does not hold",
				     s->name, s->def_name);
		}
	}
	B->instances = (PtrVec){0};
}

AstDoc *ds_build_end(DsBuild *B)
{
	AstDoc *d = B->doc;
	resolve_instances(B);
	/* every container expanded where it is used; reading unit by unit,
	 * this is the first pass, which expands the shared containers'
	 * nested instances in the kept document once */
	ds_expand_containers(d, B->a, B->sink);
	if (!B->jobs) {
		unsigned tables = 0, params = 0, routines = 0;
		for (uint32_t i = 0; i < d->folders.len; i++) {
			const AstFolder *f = d->folders.items[i];
			tables += f->tables.len;
			params += f->params.len;
			routines += f->functions.len;
		}
		diag_note(B->sink, N_DS_NO_JOB, B->header_loc,
			  "the export holds no job: %u table definition%s, %u parameter%s of parameter "
			  "sets, %u routine%s",
			  tables, tables == 1 ? "" : "s", params, params == 1 ? "" : "s", routines,
			  routines == 1 ? "" : "s");
	}
	arena_release(&B->scratch);
	return d;
}

/* ---- reading unit by unit ------------------------------------------------------
 *
 * A reader that hands over units (ds_read_dsx_units, ds_read_xml_units)
 * reads the file twice.  The first pass (ds_build_scan) builds what jobs
 * refer to and what is small: the header, table definitions, parameter
 * sets, routines, data connections, stage types, shared containers and
 * sequences; a data-flow job is only named (the "@2" of a second job of
 * one name included) and placed in its folder as a stub flow, with where
 * its section is.  Then ds_build_units walks the document in the order
 * lowering and the JSON summary walk it (folders, each one's flows, then
 * its sequences) and hands over one unit per job, built alone from its
 * section by the reader into a document of its own: a copy of every folder
 * sharing the kept objects, and the job (or the run of shared containers,
 * or the folder's sequences) in its folder.  AstDoc.whole points to the
 * kept document, for what a unit names beyond itself (a sequence's jobs).
 * Memory follows the largest job plus the kept objects. */

void ds_build_set_sink(DsBuild *B, DiagSink *sink)
{
	B->sink = sink;
}

void ds_build_scan(DsBuild *B)
{
	B->scan = true;
}

void ds_build_section_end(DsBuild *B, size_t end)
{
	DsSlot *last = B->slots.len ? B->slots.items[B->slots.len - 1] : NULL;
	if (last && !last->end)
		last->end = end;
}

typedef struct DsUnitSave {
	AstDoc *doc;
	Arena *a;
	StrMap folders, strings;
} DsUnitSave;

/* A unit's document: every folder copied, sharing the kept objects, with
 * no flow and no sequence; `*own` is folder `fi`'s copy.  The builder
 * writes into it until unit_end. */
static AstDoc *unit_begin(DsBuild *B, DsUnitSave *save, uint32_t fi, AstFolder **own)
{
	*save = (DsUnitSave){B->doc, B->a, B->folders, B->strings};
	AstDoc *whole = B->doc;
	Arena *ua = xmalloc(sizeof *ua);
	arena_init(ua);
	AstDoc *u = ARENA_NEW(ua, AstDoc);
	*u = *whole;
	u->arena = ua;
	u->whole = whole;
	u->exprs = (PtrVec){0};
	u->folders = (PtrVec){0};
	B->doc = u;
	B->a = ua;
	strmap_init(&B->folders, ua, false);
	strmap_init(&B->strings, ua, false);
	for (uint32_t i = 0; i < whole->folders.len; i++) {
		AstFolder *c = ARENA_NEW(ua, AstFolder);
		*c = *(const AstFolder *)whole->folders.items[i];
		c->flows = (PtrVec){0};
		c->controls = (PtrVec){0};
		ptrvec_push(ua, &u->folders, c);
		strmap_put(&B->folders, c->name, c);
		if (i == fi)
			*own = c;
	}
	return u;
}

static void unit_end(DsBuild *B, const DsUnitSave *save)
{
	B->doc = save->doc;
	B->a = save->a;
	B->folders = save->folders;
	B->strings = save->strings;
}

bool ds_build_units(DsBuild *B, DsReadOne read, void *rd, FrontendUnitFn fn, void *ud)
{
	AstDoc *whole = ds_build_end(B);
	B->scan = false;
	/* after an error in the input nothing is lowered, but every job is
	 * still built, for what the builder says about it */
	bool lower = !diag_errors(B->sink);
	for (uint32_t fi = 0; fi < whole->folders.len; fi++) {
		const AstFolder *F = whole->folders.items[fi];
		uint32_t k = 0, si;
		while (k < F->flows.len) {
			DsUnitSave save;
			AstFolder *own = NULL;
			AstDoc *u = unit_begin(B, &save, fi, &own);
			bool ok = true;
			if (ptrmap_get(&B->stubs, F->flows.items[k], &si)) {
				const DsSlot *slot = B->slots.items[si];
				B->forced = ((const AstFlow *)F->flows.items[k])->name;
				ok = read(rd, slot->off, slot->end, slot->line) && own->flows.len == 1;
				B->forced = NULL;
				k++;
			} else { /* shared containers: lowered where they are used */
				while (k < F->flows.len && !ptrmap_get(&B->stubs, F->flows.items[k], &si))
					ptrvec_push(u->arena, &own->flows, F->flows.items[k++]);
			}
			unit_end(B, &save);
			if (!ok && lower) { /* the first pass read it without an error */
				diag_error(B->sink, E_DS_SYNTAX,
					   ((const AstFlow *)F->flows.items[k - 1])->loc,
					   "job '%s' could not be read again on its own",
					   ((const AstFlow *)F->flows.items[k - 1])->name);
				frontend_unit_free(u);
				return false;
			}
			if (!lower)
				frontend_unit_free(u);
			else if (!fn(ud, u))
				return true;
		}
		if (F->controls.len && lower) {
			DsUnitSave save;
			AstFolder *own = NULL;
			AstDoc *u = unit_begin(B, &save, fi, &own);
			own->controls = F->controls;
			unit_end(B, &save);
			if (!fn(ud, u))
				return true;
		}
	}
	return lower;
}
