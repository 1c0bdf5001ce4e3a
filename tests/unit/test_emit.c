/* test_emit.c - the writers of src/emit: pipeline YAML (key order, quoting,
 * literal SQL, determinism, every string read back by libyaml as written),
 * the number format, the JSON summary line, and SARIF from the records the
 * DiagSink hook collects. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <yaml.h>

#include "base/diag.h"
#include "emit/emit.h"
#include "emit/jobstats.h"
#include "emit/sarif.h"
#include "tap.h"

/* Strings a careless writer gets wrong: YAML words and numbers, indicators,
 * whitespace at the edges, line breaks of every kind, non-ASCII. */
static const char *const tricky[] = {"yes",
				     "no",
				     "null",
				     "Null",
				     "~",
				     "",
				     "123",
				     "1.0",
				     "-1",
				     ".5",
				     "+12",
				     "0x1F",
				     "0o17",
				     "1e3",
				     "1_000",
				     "12:30:00",
				     "2024-01-01",
				     ".inf",
				     "-.Inf",
				     ".NaN",
				     "true",
				     "False",
				     "ON",
				     "off",
				     "y",
				     "n",
				     "<<",
				     "=",
				     "a: b",
				     "- x",
				     "-",
				     ":",
				     "a:b",
				     "x: ",
				     "#c",
				     "x #y",
				     "*ref",
				     "&a",
				     "!tag",
				     "|",
				     "> x",
				     "'q'",
				     "\"dq\"",
				     "%p",
				     "@a",
				     "`b",
				     "? x",
				     "[a]",
				     "{b}",
				     "a,b",
				     "---",
				     "...",
				     "  lead",
				     "trail  ",
				     "Müller",
				     "日本語",
				     "tab\there",
				     "cr\r\nlf",
				     "multi\nline",
				     "multi\nline\n",
				     "multi\nline\n\n",
				     "\nleading newline",
				     " leading space\nx",
				     "trailing \nspace",
				     "last line space\nx ",
				     "x\n  indented\n\nblank",
				     "nel\xc2\x85x",
				     "ls\xe2\x80\xa8x",
				     "\xef\xbb\xbf"
				     "bom",
				     "bell\x07",
				     "SELECT a,\n       b -- Müller\nFROM t\n"};

static const char *sql_multi = "SELECT src_customers.id,\n"
			       "       upper(src_customers.name) AS name_uc -- Müller\n"
			       "FROM src_customers\n";
static const char *sql_trailing = "SELECT exp_calc.id   \n"
				  "FROM exp_calc\n"
				  "WHERE NOT (COALESCE((exp_calc.id > 1), false))";

static IrColumn *col(Arena *a, const char *name, const char *type)
{
	IrColumn *c = ARENA_NEW(a, IrColumn);
	c->name = name, c->type = type;
	return c;
}

static IrDoc *build_doc(Arena *a)
{
	IrDoc *d = ARENA_NEW(a, IrDoc);
	d->tool = "powercenter", d->file = "corpus/powercenter/m_test.XML", d->sha256 = "0123abcd";
	d->dialect = "postgres", d->generated_by = "akko-migrate 0.1.0";

	IrPipeline *p = ARENA_NEW(a, IrPipeline);
	p->name = "m_test", p->origin = (IrOrigin){"m_test", "Mapping", 12}, p->session = "yes";
	IrParam *par = ARENA_NEW(a, IrParam);
	*par = (IrParam){.name = "$$LOAD_DATE",
			 .setting = "akko.load_date",
			 .kind = "parameter",
			 .type = "timestamp",
			 .default_value = "01/01/2020",
			 .origin = "mapping",
			 .line = 14};
	IrParamValue *pv = ARENA_NEW(a, IrParamValue);
	*pv = (IrParamValue){"06/30/2024", "params/prod.par", 3, "[Global]"};
	ptrvec_push(a, &par->values, pv);
	ptrvec_push(a, &p->parameters, par);
	IrConnection *conn = ARENA_NEW(a, IrConnection);
	*conn = (IrConnection){.name = "ORA_SRC", .kind = "relational", .subtype = "Oracle", .role = "source"};
	ptrvec_push(a, &p->connections, conn);

	IrNode *src = ir_node_new(a, p, NODE_SOURCE_TABLE, "src_customers");
	src->origin = (IrOrigin){"CUSTOMERS", "Source Definition", 20}, src->confidence = 1;
	src->rule = "powercenter/source";
	ptrvec_push(a, &src->columns, col(a, "id", "integer"));
	ptrvec_push(a, &src->columns, col(a, "name", "text"));
	src->sql = "SELECT id, name FROM customers";
	src->table = ARENA_NEW(a, IrTable);
	*src->table = (IrTable){
	    .name = "customers", .schema = "null", .connection = "ORA_SRC", .orig_name = "CUSTOMERS"};

	IrNode *exp = ir_node_new(a, p, NODE_EXPRESSION, "exp_calc");
	exp->origin = (IrOrigin){"EXP_CALC", "Expression", 30}, exp->confidence = 0.95;
	exp->rule = "powercenter/expression";
	ptrvec_push(a, &exp->depends_on, "src_customers");
	ir_warn(a, &exp->warnings, "W0511", 31, "- x");
	for (size_t i = 0; i < ARRAY_LEN(tricky); i++) {
		ptrvec_push(a, &exp->evidence, (void *)tricky[i]);
		ptrvec_push(a, &exp->columns, col(a, arena_sprintf(a, "c%zu", i), tricky[i]));
	}
	exp->sql = sql_multi;

	IrNode *br = ir_node_new(a, p, NODE_BRANCH, "rtr_split_default");
	br->origin = (IrOrigin){"RTR_SPLIT", "Router", 40}, br->confidence = 0.7999, br->review = true;
	ptrvec_push(a, &br->depends_on, "exp_calc");
	ptrvec_push(a, &br->columns, col(a, "id", "integer"));
	br->sql = sql_trailing, br->branch_of = "RTR_SPLIT", br->group = "DEFAULT1", br->default_group = true;
	br->note = "#c";

	IrNode *tgt = ir_node_new(a, p, NODE_SINK_TABLE, "tgt_customers");
	tgt->origin = (IrOrigin){"CUSTOMERS_OUT", "Target Definition", 50}, tgt->confidence = 0.9;
	ptrvec_push(a, &tgt->depends_on, "rtr_split_default");
	ptrvec_push(a, &tgt->columns, col(a, "id", "integer"));
	tgt->sql = "SELECT rtr_split_default.id\nFROM rtr_split_default";
	tgt->table = ARENA_NEW(a, IrTable);
	*tgt->table = (IrTable){.name = "customers_out", .orig_name = "CUSTOMERS_OUT"};
	tgt->load_mode = LOAD_UPSERT, tgt->operation = "akko_operation", tgt->load_order = 1;
	ptrvec_push(a, &tgt->keys, "id");
	tgt->pre_sql = "123", tgt->post_sql = "null";

	IrCheck *chk = ARENA_NEW(a, IrCheck);
	*chk = (IrCheck){.id = "tgt_customers_null_percentage",
			 .type = CHECK_NULL_PERCENTAGE,
			 .node = "tgt_customers",
			 .threshold = 0.1};
	ptrvec_push(a, &p->checks, chk);
	IrCheck *dup = ARENA_NEW(a, IrCheck);
	*dup = (IrCheck){.id = "tgt_customers_duplicate", .type = CHECK_DUPLICATE, .node = "tgt_customers"};
	ptrvec_push(a, &dup->keys, "id");
	ptrvec_push(a, &p->checks, dup);
	ptrvec_push(a, &d->pipelines, p);

	IrWorkflow *w = ARENA_NEW(a, IrWorkflow);
	w->name = "wf_load", w->origin = (IrOrigin){"wf_load", "Workflow", 80};
	IrTask *start = ARENA_NEW(a, IrTask);
	start->id = "start", start->type = TASK_T_START, start->origin = (IrOrigin){"Start", "Start", 81};
	start->depends_all = true, start->confidence = 1;
	IrTask *run = ARENA_NEW(a, IrTask);
	run->id = "s_m_test", run->type = TASK_T_PIPELINE,
	run->origin = (IrOrigin){"s_m_test", "Session", 90};
	run->pipeline = "m_test", run->confidence = 0.9;
	IrDep *dep = ARENA_NEW(a, IrDep);
	*dep = (IrDep){.task = "start",
		       .on = "success",
		       .condition = "true",
		       .condition_source = "$Start.Status = SUCCEEDED"};
	ptrvec_push(a, &run->depends_on, dep);
	ptrvec_push(a, &run->pre_sql, "yes");
	ptrvec_push(a, &w->tasks, start);
	ptrvec_push(a, &w->tasks, run);
	ptrvec_push(a, &d->workflows, w);
	ir_rollup(d);
	return d;
}

/* ---- reading the output back with libyaml ---------------------------------- */

static yaml_node_t *get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static yaml_node_t *item(yaml_document_t *doc, yaml_node_t *seq, size_t i)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE ||
	    seq->data.sequence.items.start + i >= seq->data.sequence.items.top)
		return NULL;
	return yaml_document_get_node(doc, seq->data.sequence.items.start[i]);
}

/* The keys of a mapping, comma-separated. */
static const char *keys(yaml_document_t *doc, yaml_node_t *map)
{
	static char buf[1024];
	buf[0] = '\0';
	if (!map || map->type != YAML_MAPPING_NODE)
		return buf;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (buf[0])
			strcat(buf, ",");
		strcat(buf, (char *)k->data.scalar.value);
	}
	return buf;
}

/* The scalar's text, exactly (embedded NULs would show as a length mismatch). */
static bool scalar_is(yaml_node_t *n, const char *want)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.length == strlen(want) &&
	       memcmp(n->data.scalar.value, want, n->data.scalar.length) == 0;
}

static bool plain(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool load(const Sbuf *y, yaml_document_t *doc)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)y->buf, y->len);
	bool ok = yaml_parser_load(&parser, doc) && yaml_document_get_root_node(doc);
	if (!ok)
		printf("#   libyaml: %s at line %zu\n", parser.problem ? parser.problem : "empty document",
		       parser.problem_mark.line + 1);
	yaml_parser_delete(&parser);
	return ok;
}

static void test_yaml(Arena *a)
{
	IrDoc *d = build_doc(a);
	Sbuf y1 = SBUF_INIT, y2 = SBUF_INIT;
	const char *err = NULL;
	CHECK(emit_yaml(d, &y1, &err), "emit_yaml succeeds (%s)", err ? err : "no error");
	CHECK(emit_yaml(d, &y2, &err), "emit_yaml succeeds a second time");
	if (getenv("TEST_EMIT_DUMP")) /* TEST_EMIT_DUMP=1 tests/unit/test_emit 2>x.yaml */
		fputs(y1.buf, stderr);
	CHECK(y1.len == y2.len && memcmp(y1.buf, y2.buf, y1.len) == 0, "two runs are byte-identical");
	CHECK(strstr(y1.buf, "sql: |\n") || strstr(y1.buf, "sql: |-\n"), "multi-line SQL is a literal block");
	CHECK(strstr(y1.buf, "    sql: |\n      SELECT src_customers.id,\n             upper(") != NULL,
	      "the literal block holds the SQL lines as written");
	CHECK(strstr(y1.buf, "Müller") && !strstr(y1.buf, "\\xFC") && !strstr(y1.buf, "\\u00FC"),
	      "non-ASCII passes through unescaped");
	CHECK(!strstr(y1.buf, "generated_at"), "no generated_at when the IrDoc has none");
	CHECK(strncmp(y1.buf, "version: 1\nsource:\n  tool: powercenter\n", 39) == 0,
	      "document starts as specified");
	CHECK(strstr(y1.buf, "confidence: 0.95\n") && strstr(y1.buf, "threshold: 0.1}") &&
		  strstr(y1.buf, "min_confidence: 0.8\n") && strstr(y1.buf, "confidence: 1\n"),
	      "confidences print trimmed (0.95, 0.1, 0.8, 1)");
	CHECK(strstr(y1.buf, "join: all") && strstr(y1.buf, "join: any"), "task joins from depends_all");

	yaml_document_t doc;
	bool ok = load(&y1, &doc);
	CHECK(ok, "libyaml reads the output back");
	if (!ok) {
		printf("%s", y1.buf);
		return;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	CHECK_STR(keys(&doc, root), "version,source,generated_by,summary,pipelines,orchestration",
		  "top-level keys in order");
	CHECK_STR(keys(&doc, get(&doc, root, "summary")),
		  "overall_confidence,min_confidence,pipelines,nodes,warnings_count,review", "summary keys");
	CHECK(scalar_is(item(&doc, get(&doc, get(&doc, root, "summary"), "review"), 0),
			"m_test/rtr_split_default"),
	      "summary review names pipeline/node");
	yaml_node_t *p = item(&doc, get(&doc, root, "pipelines"), 0);
	CHECK_STR(keys(&doc, p), "name,origin,session,parameters,connections,nodes,quality_checks,metadata",
		  "pipeline keys in order");
	CHECK(scalar_is(get(&doc, p, "session"), "yes") && !plain(get(&doc, p, "session")),
	      "'yes' is quoted");
	yaml_node_t *par = item(&doc, get(&doc, p, "parameters"), 0);
	CHECK_STR(keys(&doc, par), "name,setting,kind,type,default,origin,line,values", "parameter keys");
	CHECK_STR(keys(&doc, item(&doc, get(&doc, par, "values"), 0)), "value,file,line,section",
		  "parameter value keys");
	CHECK_STR(keys(&doc, item(&doc, get(&doc, p, "connections"), 0)), "name,kind,subtype,role",
		  "connection keys");

	yaml_node_t *nodes = get(&doc, p, "nodes");
	yaml_node_t *src = item(&doc, nodes, 0), *exp = item(&doc, nodes, 1), *br = item(&doc, nodes, 2),
		    *tgt = item(&doc, nodes, 3);
	CHECK_STR(
	    keys(&doc, src),
	    "id,type,depends_on,origin,confidence,conversion_source,rule,review,warnings,columns,sql,table",
	    "source node keys in order");
	CHECK_STR(keys(&doc, get(&doc, src, "table")), "name,schema,connection,orig_name",
		  "table keys (NULL omitted)");
	CHECK(scalar_is(get(&doc, get(&doc, src, "table"), "schema"), "null") &&
		  !plain(get(&doc, get(&doc, src, "table"), "schema")),
	      "the string 'null' is quoted");
	CHECK_STR(keys(&doc, exp),
		  "id,type,depends_on,origin,confidence,conversion_source,rule,review,warnings,evidence,"
		  "columns,sql",
		  "expression node keys in order");
	CHECK_STR(keys(&doc, get(&doc, exp, "origin")), "object,kind,line", "origin keys");
	CHECK(scalar_is(get(&doc, exp, "sql"), sql_multi) &&
		  get(&doc, exp, "sql")->data.scalar.style == YAML_LITERAL_SCALAR_STYLE,
	      "multi-line SQL reads back exactly, from a literal block");
	CHECK(plain(get(&doc, exp, "confidence")) && scalar_is(get(&doc, exp, "confidence"), "0.95"),
	      "confidence is a plain 0.95");
	yaml_node_t *w = item(&doc, get(&doc, exp, "warnings"), 0);
	CHECK_STR(keys(&doc, w), "code,message,line", "warning keys");
	CHECK(scalar_is(get(&doc, w, "message"), "- x"), "'- x' reads back");
	yaml_node_t *ev = get(&doc, exp, "evidence"), *cols = get(&doc, exp, "columns");
	for (size_t i = 0; i < ARRAY_LEN(tricky); i++) {
		yaml_node_t *e = item(&doc, ev, i), *c = get(&doc, item(&doc, cols, i), "type");
		CHECK(scalar_is(e, tricky[i]) && scalar_is(c, tricky[i]),
		      "string %zu reads back exactly in block and flow context", i);
	}
	CHECK_STR(
	    keys(&doc, br),
	    "id,type,depends_on,origin,confidence,conversion_source,review,warnings,columns,sql,branch,note",
	    "branch node keys in order");
	CHECK(scalar_is(get(&doc, br, "sql"), sql_trailing) &&
		  get(&doc, br, "sql")->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE,
	      "SQL with trailing spaces reads back exactly, double-quoted");
	CHECK_STR(keys(&doc, get(&doc, br, "branch")), "router,group,default", "branch keys");
	CHECK(scalar_is(get(&doc, br, "confidence"), "0.8"), "0.7999 prints as 0.8");
	CHECK(scalar_is(get(&doc, br, "note"), "#c"), "'#c' reads back");
	CHECK_STR(keys(&doc, tgt),
		  "id,type,depends_on,origin,confidence,conversion_source,review,warnings,columns,sql,table,"
		  "load_mode,keys,operation,load_order,pre_sql,post_sql",
		  "sink node keys in order");
	CHECK(scalar_is(get(&doc, tgt, "pre_sql"), "123") && !plain(get(&doc, tgt, "pre_sql")),
	      "'123' is quoted");
	CHECK(scalar_is(get(&doc, tgt, "load_mode"), "upsert"), "load_mode upsert");
	yaml_node_t *checks = get(&doc, p, "quality_checks");
	CHECK_STR(keys(&doc, item(&doc, checks, 0)), "id,type,node,threshold", "null_percentage check keys");
	CHECK_STR(keys(&doc, item(&doc, checks, 1)), "id,type,node,keys", "duplicate check keys");
	CHECK_STR(keys(&doc, get(&doc, p, "metadata")),
		  "generated_by,overall_confidence,min_confidence,warnings_count,review", "metadata keys");

	yaml_node_t *wf = item(&doc, get(&doc, get(&doc, root, "orchestration"), "workflows"), 0);
	CHECK_STR(keys(&doc, wf), "name,origin,worklet,parameters,tasks", "workflow keys");
	yaml_node_t *t = item(&doc, get(&doc, wf, "tasks"), 1);
	CHECK_STR(keys(&doc, t),
		  "id,type,origin,depends_on,join,pipeline,pre_sql,post_sql,confidence,review,warnings",
		  "task keys in order (no commands when none)");
	yaml_node_t *dep = item(&doc, get(&doc, t, "depends_on"), 0);
	CHECK_STR(keys(&doc, dep), "task,on,condition,condition_source", "dependency keys");
	CHECK(scalar_is(get(&doc, dep, "condition"), "true") && !plain(get(&doc, dep, "condition")),
	      "the string 'true' is quoted");
	CHECK(scalar_is(get(&doc, dep, "condition_source"), "$Start.Status = SUCCEEDED"),
	      "condition_source reads back");
	yaml_document_delete(&doc);

	d->generated_at = "2024-06-30T12:00:00Z";
	Sbuf y3 = SBUF_INIT;
	emit_yaml(d, &y3, &err);
	CHECK(strstr(y3.buf,
		     "generated_by: akko-migrate 0.1.0\ngenerated_at: '2024-06-30T12:00:00Z'\nsummary:"),
	      "generated_at follows generated_by when set");
	sbuf_release(&y1);
	sbuf_release(&y2);
	sbuf_release(&y3);
}

static void num_is(double x, const char *want)
{
	char buf[EMIT_NUMBER_MAX];
	emit_number(buf, x);
	CHECK_STR(buf, want, want);
}

static void test_numbers(void)
{
	num_is(0.95, "0.95");
	num_is(1, "1");
	num_is(0, "0");
	num_is(0.8, "0.8");
	num_is(0.1, "0.1");
	num_is(0.912, "0.912");
	num_is(0.79999, "0.8");
	num_is(0.0004, "0");
	num_is(-0.0004, "0");
	num_is(-0.5, "-0.5");
	num_is(0.05, "0.05");
	num_is(12.5, "12.5");
}

static void test_summary_json(Arena *a)
{
	IrDoc *d = build_doc(a);
	Sbuf out = SBUF_INIT;
	emit_summary_json(d, NULL, "out/m_test.yaml", false, "node 'rtr_split_default' needs review", &out);
	CHECK(out.len && out.buf[out.len - 1] == '\n' && !memchr(out.buf, '\n', out.len - 1),
	      "summary is one line");
	cJSON *j = cJSON_Parse(out.buf);
	CHECK(j != NULL, "summary is JSON");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "file")), "corpus/powercenter/m_test.XML",
		  "file");
	CHECK(cJSON_GetObjectItem(j, "nodes")->valuedouble == 4 &&
		  cJSON_GetObjectItem(j, "pipelines")->valuedouble == 1 &&
		  cJSON_GetObjectItem(j, "review")->valuedouble == 1 &&
		  cJSON_GetObjectItem(j, "warnings")->valuedouble == 1,
	      "counts");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "gate")), "fail", "gate");
	CHECK(strstr(out.buf, "\"min_confidence\":0.8,"), "min_confidence 0.8");
	cJSON_Delete(j);
	sbuf_reset(&out);
	emit_summary_json(d, NULL, NULL, true, NULL, &out);
	CHECK(strstr(out.buf, "\"output\":null") && strstr(out.buf, "\"gate\":\"pass\",\"reason\":null,"),
	      "NULL output and reason are null");
	CHECK(strstr(out.buf, "\"tool\":\"powercenter\",\"sha256\":\"0123abcd\",\"llm_assisted\":0,"
			      "\"counts\":{\"mappings\":0,"),
	      "tool, sha256, llm_assisted and counts follow the gate");
	CHECK(strstr(out.buf, "\"fingerprint\":null,\"unsupported\":[],\"objects\":[{\"pipeline\":\"m_test\","
			      "\"id\":\"src_customers\",\"type\":\"source_table\",\"kind\":\"Source "
			      "Definition\",\"source\":\"rule_engine\",\"confidence\":1,\"review\":false}"),
	      "without an AST the fingerprint is null; objects list every node");
	sbuf_release(&out);
}

/* The function a translator message blames, and messages as categories. */
static void test_jobstats_messages(Arena *a)
{
	static const char *const cases[][2] = {
	    {"port 'X': unknown function 'FOO'", "FOO"},
	    {"port 'X': SETVARIABLE is not translated: it changes a mapping variable", "SETVARIABLE"},
	    {"port 'X': nested aggregate SUM is not translated", "SUM"},
	    {"port 'X': IS_DATE needs a literal format to be translated", "IS_DATE"},
	    {"port 'X': the unit of ADD_TO_DATE must be a literal such as 'DD' to be translated", "ADD_TO_DATE"},
	    {"port 'X': :SP. calls are not translated: 'P' runs outside the mapping", ":SP."},
	    {"port 'X': variable port 'V' is not translated (see its own diagnostic)", NULL},
	    {"port 'X': unknown port 'Y'", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = jobstats_blamed_function(a, cases[i][0]);
		CHECK(cases[i][1] ? got && strcmp(got, cases[i][1]) == 0 : got == NULL, "blamed in '%s': %s",
		      cases[i][0], got ? got : "none");
	}
	CHECK_STR(jobstats_reason_category(a, "variable port 'V_X': variable port 'V_Y' is read before it is "
					      "set, so it holds the previous row's value; SQL needs an ordering"),
		  "variable port '...' is read before it is set, so it holds the previous row's value",
		  "category drops the prefix, names and the explanation");
	CHECK_STR(jobstats_reason_category(a, "confidence 0.34 is below the fallback threshold 0.60"),
		  "confidence # is below the fallback threshold #", "category hides numbers");
}

static void test_sarif(void)
{
	SrcFile f;
	const char *text = "<a>\n<b/>\n<c x='1'/>\n";
	srcfile_from_memory(&f, "corpus/a b.xml", text, strlen(text));
	DiagSink sink;
	DiagRecords recs = {0};
	diag_init(&sink, NULL);
	sink.max_errors = 1;
	sink.on_emit = diag_record_collect, sink.on_emit_ud = &recs;
	diag_warning(&sink, W_EXPR_DIFFERENCE, (SrcLoc){&f, 3, 7}, "rounding differs for '%s'", "X");
	diag_error(&sink, E_XML_SYNTAX, (SrcLoc){&f, 2, 0}, "unexpected end");
	diag_error(&sink, E_XML_SYNTAX, (SrcLoc){&f, 1, 1}, "second error, past max_errors");
	diag_note(&sink, N_PARAM_UNMATCHED, SRCLOC_NONE, "section '%s' matches nothing", "[x]");
	CHECK(recs.len == 4, "the hook collects every diagnostic, hidden ones too (%zu)", recs.len);
	CHECK(recs.len == 4 && recs.items[0].line == 3 && recs.items[0].col == 7 &&
		  recs.items[0].severity == DIAG_WARNING &&
		  strcmp(recs.items[0].msg, "rounding differs for 'X'") == 0 &&
		  strcmp(recs.items[0].file, "corpus/a b.xml") == 0,
	      "a record carries file, line, column, severity and message");
	CHECK(recs.len == 4 && recs.items[3].file == NULL, "no file: NULL");

	Sbuf out = SBUF_INIT;
	CHECK(emit_sarif(recs.items, recs.len, &out), "emit_sarif succeeds");
	cJSON *j = cJSON_Parse(out.buf);
	CHECK(j != NULL, "SARIF is JSON");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "version")), "2.1.0", "SARIF version");
	cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "runs"), 0);
	cJSON *drv = cJSON_GetObjectItem(cJSON_GetObjectItem(run, "tool"), "driver");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(drv, "name")), "akko-migrate", "driver name");
	cJSON *rules = cJSON_GetObjectItem(drv, "rules");
	CHECK(cJSON_GetArraySize(rules) == 3, "one rule per code used");
	cJSON *rule = cJSON_GetArrayItem(rules, 1); /* catalogue order: E0101, W0511, N0405 */
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(rule, "id")), "W0511", "rules in catalogue order");
	CHECK_STR(
	    cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "shortDescription"), "text")),
	    diag_code_hint(W_EXPR_DIFFERENCE), "shortDescription is the hint");
	cJSON *results = cJSON_GetObjectItem(run, "results");
	CHECK(cJSON_GetArraySize(results) == 4, "one result per record");
	cJSON *r0 = cJSON_GetArrayItem(results, 0);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(r0, "ruleId")), "W0511", "ruleId");
	CHECK(cJSON_GetObjectItem(r0, "ruleIndex")->valuedouble == 1, "ruleIndex points at the rule");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(r0, "level")), "warning", "level");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r0, "message"), "text")),
		  "rounding differs for 'X'", "message text");
	cJSON *pl = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r0, "locations"), 0),
					"physicalLocation");
	CHECK_STR(
	    cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(pl, "artifactLocation"), "uri")),
	    "corpus/a%20b.xml", "uri is the path, percent-encoded");
	cJSON *region = cJSON_GetObjectItem(pl, "region");
	CHECK(cJSON_GetObjectItem(region, "startLine")->valuedouble == 3 &&
		  cJSON_GetObjectItem(region, "startColumn")->valuedouble == 7,
	      "region startLine 3, startColumn 7");
	cJSON *r1 = cJSON_GetArrayItem(results, 1);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(r1, "level")), "error", "error level");
	cJSON *reg1 = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r1, "locations"), 0),
				"physicalLocation"),
	    "region");
	CHECK(reg1 && !cJSON_GetObjectItem(reg1, "startColumn"), "no startColumn when the column is unknown");
	cJSON *r3 = cJSON_GetArrayItem(results, 3);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(r3, "level")), "note", "note level");
	CHECK(!cJSON_GetObjectItem(r3, "locations"), "no locations without a file");
	cJSON_Delete(j);

	Sbuf again = SBUF_INIT;
	emit_sarif(recs.items, recs.len, &again);
	CHECK(strcmp(out.buf, again.buf) == 0, "SARIF output is deterministic");
	sbuf_release(&again);
	sbuf_release(&out);
	diag_records_release(&recs);
	srcfile_release(&f);
}

int main(void)
{
	Arena a;
	arena_init(&a);
	test_yaml(&a);
	test_numbers();
	test_summary_json(&a);
	test_jobstats_messages(&a);
	test_sarif();
	arena_release(&a);
	return tap_done();
}
