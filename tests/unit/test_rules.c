/* test_rules.c - the PowerCenter orchestration and parameter rules
 * (src/rules/pc_orch.c, pc_params.c) on the hand-written exports of
 * tests/rules/, whose diagnostics are golden (<case>.stderr; AKKO_REGEN=1
 * rewrites them), and over the real corpus when ../shared/corpus is there:
 * it must never crash, and every dependency must name a task.  Also the
 * fallback path's side in the rule engine (what a placeholder's request
 * holds, what an answer does to the node), with a fake fallback. */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/strmap.h"
#include "driver/driver.h"
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "parsers/frontend.h"
#include "rules/pc.h"
#include "rules/semantics.h"
#include "tap.h"

typedef struct Loaded {
	Arena arena;
	SrcFile src;
	AstDoc *doc;
	DiagSink sink;
	char *diags; /* what the sink printed */
	size_t diags_len;
	FILE *out;
} Loaded;

static bool load(Loaded *l, const char *path, const char *par, bool quiet)
{
	memset(l, 0, sizeof *l);
	l->out = quiet ? NULL : open_memstream(&l->diags, &l->diags_len);
	diag_init(&l->sink, l->out);
	FrontendOptions fo = {.param_files = par ? &par : NULL, .n_param_files = par ? 1 : 0};
	return driver_load(path, &fo, &l->sink, &l->arena, &l->src, &l->doc) == 0;
}

static void unload(Loaded *l)
{
	if (l->out)
		fclose(l->out);
	free(l->diags);
	arena_release(&l->arena);
	srcfile_release(&l->src);
}

/* The sink's text equals <case>.stderr (or rewrites it under AKKO_REGEN). */
static void check_golden(Loaded *l, const char *expected_path)
{
	fflush(l->out);
	const char *got = l->diags ? l->diags : "";
	if (getenv("AKKO_REGEN")) {
		FILE *f = fopen(expected_path, "w");
		fputs(got, f);
		fclose(f);
	}
	SrcFile want;
	const char *err;
	bool ok = srcfile_read(&want, expected_path, &err);
	CHECK(ok && strcmp(want.text, got) == 0, "diagnostics equal %s", expected_path);
	if (ok && strcmp(want.text, got) != 0)
		printf("#   got:\n%s", got);
	if (ok)
		srcfile_release(&want);
}

static const IrWorkflow *find_wf(const IrDoc *d, const char *name)
{
	for (uint32_t i = 0; i < d->workflows.len; i++) {
		const IrWorkflow *w = d->workflows.items[i];
		if (strcmp(w->name, name) == 0)
			return w;
	}
	return NULL;
}

static const IrTask *find_task(const IrWorkflow *w, const char *id)
{
	for (uint32_t i = 0; w && i < w->tasks.len; i++) {
		const IrTask *t = w->tasks.items[i];
		if (strcmp(t->id, id) == 0)
			return t;
	}
	return NULL;
}

static int task_pos(const IrWorkflow *w, const char *id)
{
	for (uint32_t i = 0; w && i < w->tasks.len; i++)
		if (strcmp(((IrTask *)w->tasks.items[i])->id, id) == 0)
			return (int)i;
	return -1;
}

static const IrDep *dep(const IrTask *t, uint32_t i)
{
	return t && i < t->depends_on.len ? t->depends_on.items[i] : NULL;
}

static bool has_warning(const IrTask *t, const char *code)
{
	for (uint32_t i = 0; t && i < t->warnings.len; i++)
		if (strcmp(((IrWarning *)t->warnings.items[i])->code, code) == 0)
			return true;
	return false;
}

static const IrParam *find_param(const PtrVec *v, const char *name)
{
	for (uint32_t i = 0; i < v->len; i++) {
		const IrParam *p = v->items[i];
		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

static const AstFlow *find_flow(const AstDoc *doc, const char *name)
{
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->flows.len; j++)
			if (strcmp(((AstFlow *)f->flows.items[j])->name, name) == 0)
				return f->flows.items[j];
	}
	return NULL;
}

static const char *str_or(const char *s)
{
	return s ? s : "(null)";
}

static void test_types(void)
{
	Arena a;
	arena_init(&a);
	struct {
		TypeKind k;
		int p, s;
		const char *want;
	} cases[] = {
	    {TY_STRING, 30, 0, "text"},
	    {TY_INTEGER, 10, 0, "integer"},
	    {TY_BIGINT, 19, 0, "bigint"},
	    {TY_SMALLINT, 5, 0, "smallint"},
	    {TY_DECIMAL, 12, 2, "numeric(12,2)"},
	    {TY_DECIMAL, -1, -1, "numeric"},
	    {TY_DECIMAL, 10, -1, "numeric(10,0)"},
	    {TY_DOUBLE, 15, 0, "double precision"},
	    {TY_TIMESTAMP, 29, 9, "timestamp"},
	    {TY_DATE, -1, -1, "date"},
	    {TY_TIME, -1, -1, "time"},
	    {TY_BOOLEAN, -1, -1, "boolean"},
	    {TY_BINARY, 100, 0, "bytea"},
	    {TY_UNKNOWN, -1, -1, "text"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		AstType t = {.kind = cases[i].k, .precision = cases[i].p, .scale = cases[i].s};
		CHECK_STR(pc_pg_type(&a, &t), cases[i].want, cases[i].want);
	}
	/* the setting a parameter gets is the one the translator reads */
	const char *names[] = {"$$LOAD_DATE", "$PMSessionName", "$$Mixed_Case9"};
	for (size_t i = 0; i < 3; i++) {
		ExprEnv env = {.lang = expr_language(LANG_POWERCENTER), .dialect = &dialect_postgres, .free_names = true};
		ExprResult r;
		expr_translate(&a, &env, names[i], strlen(names[i]), &r);
		const char *want = arena_sprintf(&a, "current_setting('%s')", pc_param_setting(&a, names[i]));
		CHECK(r.sql && strstr(r.sql, want), "setting of %s is what the translator reads (%s)",
		      names[i], str_or(r.sql));
	}
	arena_release(&a);
}

/* resolve() for test_score_once: V is a variable port, D a double column */
static const ExprBinding *score_resolve(void *ud, BindKind what, const char *name)
{
	ExprBinding *const *b = ud;
	if (what != BIND_COLUMN)
		return NULL;
	return strcmp(name, "V") == 0 ? b[0] : strcmp(name, "D") == 0 ? b[1] : NULL;
}

/* A difference reached twice through one variable port is one risk: it
 * is deducted from the expression's confidence once. */
static void test_score_once(void)
{
	Arena a;
	arena_init(&a);
	ExprBinding d = {.kind = BIND_COLUMN, .name = "d", .type = XT_DOUBLE};
	ExprBinding v = {.kind = BIND_VARIABLE, .name = "V", .type = XT_STRING, .var_text = "TO_CHAR(D)"};
	ExprBinding *bs[2] = {&v, &d};
	ExprEnv env = {.lang = expr_language(LANG_POWERCENTER),
		       .dialect = &dialect_postgres,
		       .resolve = score_resolve,
		       .ud = bs};
	ExprResult once, twice;
	expr_translate(&a, &env, "TO_CHAR(D)", 10, &once);
	v.var = once.tree;
	CHECK(once.issues.len == 1 && once.confidence < 1.0, "TO_CHAR of a double is one difference (%u)",
	      once.issues.len);
	expr_translate(&a, &env, "V || V", 6, &twice);
	CHECK(twice.issues.len == 2, "each read of V reports it (%u issues)", twice.issues.len);
	CHECK(twice.confidence == once.confidence, "but it is deducted once (%.2f, %.2f)", twice.confidence,
	      once.confidence);
	arena_release(&a);
}

static void test_workflow(const IrDoc *d)
{
	CHECK(d->workflows.len == 5, "5 workflows (got %u)", d->workflows.len);
	const char *order[] = {"wl_cleanup", "wf_orch", "wl_local", "wf_cycle"};
	for (uint32_t i = 0; i < 4 && i < d->workflows.len; i++)
		CHECK_STR(((IrWorkflow *)d->workflows.items[i])->name, order[i], "workflows in source order");
	const IrWorkflow *wl = find_wf(d, "wl_cleanup");
	CHECK(wl && wl->worklet && wl->tasks.len == 2, "wl_cleanup is a worklet of 2 tasks");
	const IrWorkflow *w = find_wf(d, "wf_orch");
	CHECK(w && !w->worklet && w->tasks.len == 11, "wf_orch: 11 tasks");
	if (!w)
		return;
	CHECK_STR(((IrTask *)w->tasks.items[0])->id, "start", "Start comes first");
	CHECK(task_pos(w, "s_load") < task_pos(w, "dec_check") &&
		  task_pos(w, "dec_check") < task_pos(w, "s_ok") &&
		  task_pos(w, "s_ok") < task_pos(w, "cmd_notify") &&
		  task_pos(w, "s_fail") < task_pos(w, "cmd_notify") &&
		  task_pos(w, "cmd_notify") < task_pos(w, "wl_cleanup_run"),
	      "tasks in dependency order");
	CHECK(task_pos(w, "s_ok") < task_pos(w, "s_fail"), "ready tasks keep source order");

	const IrTask *t = find_task(w, "start");
	CHECK(t && t->type == TASK_T_START && t->confidence == 1 && !t->depends_on.len, "start");
	t = find_task(w, "s_load");
	CHECK(t && t->type == TASK_T_PIPELINE, "session -> pipeline");
	CHECK_STR(t ? t->pipeline : NULL, "m_load", "pipeline = the mapping's name");
	CHECK(dep(t, 0) && strcmp(dep(t, 0)->task, "start") == 0 && strcmp(dep(t, 0)->on, "any") == 0 &&
		  !dep(t, 0)->condition && !dep(t, 0)->condition_source,
	      "unconditional link: on any, no condition");
	CHECK(t && t->pre_sql.len == 1 && strcmp(t->pre_sql.items[0], "TRUNCATE TABLE STAGE_LOG") == 0,
	      "session override's pre-SQL wins over the mapping's");
	CHECK(t && t->post_sql.len == 1 && strcmp(t->post_sql.items[0], "ANALYZE TGT") == 0, "post-SQL");
	CHECK(t && t->commands.len == 1 && strcmp(t->commands.items[0], "touch /data/flags/start") == 0 &&
		  t->review && has_warning(t, "W0620") && has_warning(t, "W0628"),
	      "pre-session command kept opaque, assignment warned");

	t = find_task(w, "dec_check");
	CHECK(t && t->type == TASK_T_DECISION && t->confidence <= 0.9 && t->confidence > 0.8,
	      "decision, confidence 0.9");
	CHECK_STR(t ? t->condition : NULL,
		  "current_setting('akko.s_load__tgtsuccessrows')::bigint > 0 AND "
		  "current_setting('akko.wf_limit')::integer > 5",
		  "decision condition: task and workflow variables read settings");
	CHECK(has_warning(t, "W0623"), "task variables in a condition are warned");
	const IrDep *dp = dep(t, 0);
	CHECK(dp && strcmp(dp->on, "success") == 0 && !dp->condition &&
		  strcmp(str_or(dp->condition_source), "$s_load.Status = SUCCEEDED") == 0,
	      "$s.Status = SUCCEEDED folds into on: success, source kept");

	t = find_task(w, "s_fail");
	dp = dep(t, 0);
	CHECK(dp && strcmp(dp->on, "failure") == 0 && !dp->condition, "Status = FAILED: on failure");

	t = find_task(w, "s_ok");
	dp = dep(t, 0);
	CHECK(dp && strcmp(dp->on, "any") == 0 &&
		  strcmp(str_or(dp->condition), "current_setting('akko.dec_check__condition')::integer = "
						"TRUE::integer") == 0,
	      "$decision.Condition reads its setting (%s)", str_or(dp ? dp->condition : NULL));

	t = find_task(w, "cmd_notify");
	CHECK(t && t->type == TASK_T_COMMAND && t->confidence == 0.5 && t->review && t->commands.len == 2 &&
		  has_warning(t, "W0620") && !t->depends_all,
	      "command task: opaque, 0.5, review, join any");
	dp = dep(t, 0);
	CHECK(dp && strcmp(dp->on, "success") == 0 &&
		  strcmp(str_or(dp->condition), "current_setting('akko.wf_limit')::integer > 0") == 0,
	      "mixed condition: status folded, the rest translated (%s)", str_or(dp ? dp->condition : NULL));
	dp = dep(t, 1);
	CHECK(dp && strcmp(dp->on, "success") == 0 && !dp->condition && has_warning(t, "W0622"),
	      "PrevTaskStatus = SUCCEEDED OR DISABLED: on success, warned");

	t = find_task(w, "wl_cleanup_run");
	CHECK(t && t->type == TASK_T_WORKFLOW && t->confidence == 1, "worklet instance -> workflow");
	CHECK_STR(t ? t->workflow : NULL, "wl_cleanup", "workflow = the worklet's name");
	t = find_task(w, "asg_bump");
	dp = dep(t, 0);
	CHECK(dp && strcmp(dp->on, "any") == 0 &&
		  strcmp(str_or(dp->condition), "current_setting('akko.s_ok__status') = 'SUCCEEDED'") == 0,
	      "another task's status reads its setting");
	CHECK(t && t->type == TASK_T_ASSIGNMENT && t->commands.len == 1 &&
		  strcmp(t->commands.items[0], "$$WF_LIMIT = $$WF_LIMIT + 1") == 0 && !t->review,
	      "assignment kept as written");
	t = find_task(w, "tmr_wait");
	dp = dep(t, 0);
	CHECK(t && t->type == TASK_T_WAIT && t->review && has_warning(t, "W0621") && has_warning(t, "W0627"),
	      "timer -> wait; untranslatable condition and disabled task reviewed");
	CHECK(dp && !dp->condition && strcmp(str_or(dp->condition_source), "NO_SUCH_FN(1) = 1") == 0,
	      "untranslated condition: source kept, no SQL");
	t = find_task(w, "ctl_fail");
	dp = dep(t, 0);
	CHECK(t && t->type == TASK_T_CONTROL && has_warning(t, "W0626"), "control task");
	CHECK(dp && strcmp(dp->on, "any") == 0 &&
		  strcmp(str_or(dp->condition), "current_setting('akko.s_load__status') = 'FAILED' OR "
						"current_setting('akko.s_fail__status') = 'FAILED'") == 0,
	      "a status test mixed with another task's is not folded (%s)",
	      str_or(dp ? dp->condition : NULL));
	t = find_task(w, "wl_local_run");
	CHECK_STR(t ? t->workflow : NULL, "wl_local", "local worklet instance");

	CHECK(w->parameters.len == 1, "workflow parameters: the user-defined variable only");
	const IrParam *p = find_param(&w->parameters, "$$WF_LIMIT");
	CHECK(p && strcmp(p->setting, "akko.wf_limit") == 0 && strcmp(p->kind, "variable") == 0 &&
		  strcmp(p->type, "integer") == 0 && strcmp(p->origin, "workflow") == 0 &&
		  strcmp(str_or(p->default_value), "10") == 0 && p->values.len == 2,
	      "$$WF_LIMIT: variable, integer, [Global] and [wf] values");

	const IrWorkflow *c = find_wf(d, "wf_cycle");
	CHECK(c && c->tasks.len == 3 && strcmp(((IrTask *)c->tasks.items[0])->id, "start") == 0 &&
		  strcmp(((IrTask *)c->tasks.items[1])->id, "mail_b") == 0 &&
		  has_warning(c->tasks.items[1], "W0625") && !has_warning(c->tasks.items[0], "W0625"),
	      "a cycle keeps source order, warned");
	const IrWorkflow *odd = find_wf(d, "wf_odd");
	t = find_task(odd, "tsk_odd");
	CHECK(t && t->type == TASK_T_OPAQUE && t->confidence == 0 && t->review && has_warning(t, "W0624"),
	      "an unknown task type is opaque, 0, review");
	t = find_task(c, "mail_a");
	CHECK(t && t->type == TASK_T_EMAIL && t->confidence == 1 && !t->review, "email: 1, no review");
}

static const IrParamValue *val(const IrParam *p, uint32_t i)
{
	return p && i < p->values.len ? p->values.items[i] : NULL;
}

static void test_params(Arena *a, const AstDoc *doc)
{
	const AstFlow *m = find_flow(doc, "m_load");
	PtrVec ps = {0};
	pc_pipeline_params(a, doc, m, "s_load", &ps);
	const char *names[] = {"$$LOAD_DATE", "$$MAX_ID", "$$REGION", "$PMSessionName", "$DBConnection_SRC"};
	CHECK(ps.len == 5, "5 parameters for s_load (got %u)", ps.len);
	for (uint32_t i = 0; i < 5 && i < ps.len; i++)
		CHECK_STR(((IrParam *)ps.items[i])->name, names[i], "parameter order");
	const IrParam *p = find_param(&ps, "$$LOAD_DATE");
	CHECK(p && strcmp(p->setting, "akko.load_date") == 0 && strcmp(p->kind, "parameter") == 0 &&
		  strcmp(p->type, "timestamp") == 0 && strcmp(p->origin, "mapping") == 0 && p->line > 0 &&
		  strcmp(str_or(p->default_value), "01/01/2020") == 0,
	      "$$LOAD_DATE declared");
	CHECK(p && p->values.len == 2 && strcmp(val(p, 0)->section, "[Global]") == 0 &&
		  strcmp(val(p, 1)->value, "02/29/2024") == 0 && val(p, 1)->line == 7 &&
		  strcmp(val(p, 1)->file, "tests/rules/wf_orch.par") == 0,
	      "values: [Global] and s_load's section, not s_ok's");
	p = find_param(&ps, "$$MAX_ID");
	CHECK(p && strcmp(p->kind, "variable") == 0 && strcmp(p->type, "numeric(12,2)") == 0, "$$MAX_ID");
	p = find_param(&ps, "$$REGION");
	CHECK(p && strcmp(p->origin, "parameter_file") == 0 && strcmp(p->type, "text") == 0 &&
		  p->values.len == 1 && p->line == 0,
	      "$$REGION only from the parameter file");
	p = find_param(&ps, "$PMSessionName");
	CHECK(p && strcmp(p->origin, "system") == 0 && strcmp(p->setting, "akko.pmsessionname") == 0,
	      "$PMSessionName: system");
	p = find_param(&ps, "$DBConnection_SRC");
	CHECK(p && strcmp(p->kind, "session_parameter") == 0 && strcmp(val(p, 0)->value, "ORA_SRC") == 0,
	      "$DBConnection_SRC: session parameter from the session's connection");

	PtrVec ok = {0};
	pc_pipeline_params(a, doc, m, "s_ok", &ok);
	p = find_param(&ok, "$$LOAD_DATE");
	CHECK(p && p->values.len == 2 && strcmp(val(p, 1)->value, "03/31/2024") == 0,
	      "s_ok gets its own value");
	p = find_param(&ok, "$$REGION");
	CHECK(p && p->values.len == 0, "s_load's value does not reach s_ok");

	/* connections */
	const AstSession *s = NULL;
	for (uint32_t i = 0; i < doc->folders.len && !s; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len && !s; j++) {
			const AstControl *c = f->controls.items[j];
			for (uint32_t k = 0; k < c->defs.len; k++) {
				const AstTask *t = c->defs.items[k];
				if (t->session && strcmp(t->name, "s_load") == 0)
					s = t->session;
			}
		}
	}
	PtrVec cs = {0};
	pc_pipeline_connections(a, doc, m, s, &cs);
	CHECK(cs.len == 2, "2 connections (got %u)", cs.len);
	const IrConnection *c0 = cs.len > 0 ? cs.items[0] : NULL, *c1 = cs.len > 1 ? cs.items[1] : NULL;
	CHECK(c0 && strcmp(c0->name, "$DBConnection_SRC") == 0 && strcmp(c0->role, "source") == 0 &&
		  strcmp(c0->kind, "relational") == 0,
	      "source connection (a variable)");
	CHECK(c1 && strcmp(c1->name, "ORA_DW") == 0 && strcmp(c1->role, "target") == 0 &&
		  strcmp(str_or(c1->subtype), "Oracle") == 0,
	      "target connection");
	PtrVec cm = {0};
	pc_pipeline_connections(a, doc, m, NULL, &cm);
	CHECK(cm.len == 1 && strcmp(((IrConnection *)cm.items[0])->name, "SRC_DB") == 0,
	      "without a session: the source's database name");
}

/* The real corpus: no crash, every dependency names a task of its
 * workflow, ids are unique. */
static void test_corpus(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		printf("# no corpus at %s: skipped\n", dir);
		return;
	}
	struct dirent *e;
	char *names[1024];
	int n = 0;
	while ((e = readdir(d)) && n < 1024) {
		size_t len = strlen(e->d_name);
		if (len > 4 &&
		    (strcmp(e->d_name + len - 4, ".XML") == 0 || strcmp(e->d_name + len - 4, ".xml") == 0))
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	unsigned files = 0, wfs = 0, worklets = 0, tasks = 0, deps = 0, conds = 0, sql = 0, review = 0,
		 bad = 0, params = 0, conns = 0;
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		Loaded l;
		if (load(&l, path, NULL, true) || l.doc) {
			if (getenv("AKKO_RULES_VERBOSE")) /* the orchestration's diagnostics on stderr */
				diag_init(&l.sink, stderr);
			files++;
			IrDoc out = {0};
			pc_orchestration(&l.arena, l.doc, &out, &l.sink);
			for (uint32_t w = 0; w < out.workflows.len; w++) {
				const IrWorkflow *wf = out.workflows.items[w];
				wfs++, worklets += wf->worklet;
				StrMap ids;
				strmap_init(&ids, &l.arena, false);
				for (uint32_t k = 0; k < wf->tasks.len; k++) {
					const IrTask *t = wf->tasks.items[k];
					tasks++, review += t->review;
					bad += strmap_put(&ids, t->id, (void *)t) != NULL;
				}
				for (uint32_t k = 0; k < wf->tasks.len; k++) {
					const IrTask *t = wf->tasks.items[k];
					for (uint32_t j = 0; j < t->depends_on.len; j++) {
						const IrDep *dp = t->depends_on.items[j];
						deps++, conds += dp->condition_source != NULL,
						    sql += dp->condition != NULL;
						bad += !strmap_get(&ids, dp->task);
					}
				}
			}
			for (uint32_t f = 0; f < l.doc->folders.len; f++) {
				const AstFolder *fo = l.doc->folders.items[f];
				for (uint32_t k = 0; k < fo->flows.len; k++) {
					PtrVec ps = {0}, cs = {0};
					pc_pipeline_params(&l.arena, l.doc, fo->flows.items[k], NULL, &ps);
					pc_pipeline_connections(&l.arena, l.doc, fo->flows.items[k], NULL,
								&cs);
					params += ps.len, conns += cs.len;
				}
			}
		}
		unload(&l);
		free(names[i]);
	}
	printf("# corpus: %u files, %u workflows (%u worklets), %u tasks (%u for review), %u dependencies, "
	       "%u conditions (%u with SQL), %u mapping parameters, %u connections\n",
	       files, wfs, worklets, tasks, review, deps, conds, sql, params, conns);
	CHECK(files > 0 && bad == 0, "corpus: every dependency names a task, ids unique (%u files)", files);
}

/* ---- the fallback path, with a fake LLM ---------------------------------------- */

typedef struct Seen {
	char step[32], kind[16], why[128], inputs[64], ports[512], settings[512];
} Seen;
static Seen seen[8];
static unsigned n_seen;

static void describe(const RulesFallbackRequest *req, Seen *sn)
{
	snprintf(sn->step, sizeof sn->step, "%s", req->node->origin.object);
	snprintf(sn->kind, sizeof sn->kind, "%s", req->kind);
	snprintf(sn->why, sizeof sn->why, "%s", req->why ? req->why : "");
	for (size_t i = 0; i < req->n_inputs; i++)
		snprintf(sn->inputs + strlen(sn->inputs), sizeof sn->inputs - strlen(sn->inputs), "%s(%u) ",
			 req->inputs[i]->id, req->inputs[i]->columns.len);
	for (uint32_t i = 0; i < req->ports.len; i++) {
		const RulesFallbackPort *p = req->ports.items[i];
		snprintf(sn->ports + strlen(sn->ports), sizeof sn->ports - strlen(sn->ports),
			 "%s:%s:%s:%s:%s ", p->name, p->dir, p->from ? p->from : "-",
			 p->column ? p->column : "-", p->expr ? p->expr : "-");
	}
	for (uint32_t i = 0; i < req->settings.len; i++) {
		const RulesFallbackSetting *st = req->settings.items[i];
		snprintf(sn->settings + strlen(sn->settings), sizeof sn->settings - strlen(sn->settings),
			 "%s=%s|", st->name, st->value);
	}
}

/* Drafts EXP_CODES; refuses the rest. */
static bool fake_fallback(void *ud, const RulesFallbackRequest *req, RulesFallbackAnswer *ans)
{
	Arena *a = ud;
	if (n_seen < 8)
		describe(req, &seen[n_seen++]);
	ptrvec_push(a, &ans->evidence, (void *)"llm: fake");
	if (strcmp(req->node->origin.object, "EXP_CODES") != 0) {
		ans->code = W_LLM_REJECTED;
		ans->message = "refused by the fake";
		return false;
	}
	ans->sql =
	    "SELECT t.cust_id, t.amount, upper(left(t.last_name, 1)) AS name_code FROM sq_customers AS t";
	ans->confidence = 0.75;
	ans->model = "fake";
	ans->key = "k";
	ans->code = W_LLM_DRAFT;
	ans->message = "drafted by the fake";
	return true;
}

static const IrNode *find_node(const IrDoc *d, const char *id)
{
	const IrPipeline *p = d->pipelines.len ? d->pipelines.items[0] : NULL;
	for (uint32_t i = 0; p && i < p->nodes.len; i++)
		if (strcmp(((const IrNode *)p->nodes.items[i])->id, id) == 0)
			return p->nodes.items[i];
	return NULL;
}

static bool node_warns(const IrNode *n, const char *code, const char *text)
{
	for (uint32_t i = 0; n && i < n->warnings.len; i++) {
		const IrWarning *w = n->warnings.items[i];
		if (strcmp(w->code, code) == 0 && strstr(w->message, text))
			return true;
	}
	return false;
}

static void test_fallback(void)
{
	Loaded l;
	bool ok = load(&l, "tests/llm/m_llm_mixed.XML", NULL, true);
	CHECK(ok, "tests/llm/m_llm_mixed.XML loads");
	if (!ok)
		return unload(&l);
	IrDoc off = {0}, on = {0};
	RulesOptions ro = {0};
	rules_lower_powercenter(&l.arena, l.doc, &ro, &off, &l.sink);
	const IrNode *j = find_node(&off, "jtx_score");
	CHECK(j && j->source == CONV_UNSUPPORTED && node_warns(j, "W0603", "(no LLM configured)"),
	      "no fallback: the Java node stays unsupported, and says no LLM is configured");
	CHECK(j && j->depends_on.len == 1 && strcmp(j->depends_on.items[0], "exp_codes") == 0,
	      "a placeholder's depends_on names what its input ports read");
	ro.fallback = fake_fallback;
	ro.fallback_ud = &l.arena;
	rules_lower_powercenter(&l.arena, l.doc, &ro, &on, &l.sink);
	CHECK(n_seen == 3 && strcmp(seen[0].step, "EXP_CODES") == 0 &&
		  strcmp(seen[1].step, "JTX_SCORE") == 0 && strcmp(seen[2].step, "HTTP_NOTIFY") == 0,
	      "the three placeholders are sent, in pipeline order (%u)", n_seen);
	CHECK(strstr(seen[0].why, "SOUNDEX") &&
		  strstr(seen[0].ports, "LAST_NAME:in:sq_customers.last_name:-:- ") &&
		  strstr(seen[0].ports, "NAME_CODE:out:-:name_code:SOUNDEX(LAST_NAME) ") &&
		  strcmp(seen[0].inputs, "sq_customers(3) ") == 0,
	      "request: why, the input each port reads, the column each port becomes, expressions");
	CHECK(strcmp(seen[1].kind, "script") == 0 && strcmp(seen[1].inputs, "exp_codes(3) ") == 0 &&
		  strstr(seen[1].ports, "CUST_ID:in|out:exp_codes.cust_id:cust_id:- ") &&
		  strstr(seen[1].settings, "OnInputRow_Method_Snippet=SCORE = (AMOUNT > 1000) ? 1 : 0;") &&
		  !strstr(seen[1].settings, "Tracing Level") && !strstr(seen[1].settings, "VERSIONNUMBER"),
	      "request: a Java node's code and settings, not PowerCenter's bookkeeping");
	CHECK(strstr(seen[2].settings, "Base URL=https://crm.example.com/notify|"),
	      "request: an HTTP transformation's URL");
	const IrNode *e = find_node(&on, "exp_codes"), *jo = find_node(&on, "jtx_score");
	CHECK(e && e->type == NODE_EXPRESSION && e->source == CONV_LLM && !e->review && e->sql &&
		  e->confidence == 0.75 && strcmp(e->llm_model, "fake") == 0 &&
		  node_warns(e, "W0901", "fake"),
	      "a draft: the rule's node type, llm, no review, the model, W0901");
	CHECK(e && e->columns.len == 3, "a draft keeps the placeholder's columns");
	CHECK(jo && jo->type == NODE_PLACEHOLDER && jo->source == CONV_LLM_UNAVAILABLE && jo->review &&
		  node_warns(jo, "W0903", "refused by the fake") &&
		  node_warns(jo, "W0603", "unless the LLM fallback converts it"),
	      "refused: a placeholder, llm_unavailable (it was unsupported), the fallback's warning");
	const IrNode *t = find_node(&on, "tgt_cust_scores");
	bool stale = false;
	for (uint32_t i = 0; t && i < t->evidence.len; i++)
		stale |= strstr(t->evidence.items[i], "reads placeholder 'exp_codes'") != NULL;
	CHECK(t && !stale, "no node says it reads a placeholder that was drafted");
	unload(&l);
}

/* The neutral value of setting `key` on the step named `step` of `path`. */
static SettingValue step_value(const char *path, const char *step, Setting key)
{
	Loaded l;
	SettingValue v = SETTING_VALUE_COUNT;
	if (load(&l, path, NULL, true))
		for (uint32_t i = 0; i < l.doc->folders.len; i++) {
			const AstFolder *fo = l.doc->folders.items[i];
			for (uint32_t k = 0; k < fo->flows.len; k++) {
				const AstFlow *f = fo->flows.items[k];
				for (uint32_t j = 0; j < f->steps.len; j++) {
					const AstStep *s = f->steps.items[j];
					const AstStep *d = s->def ? s->def : s;
					if (strcmp(s->name, step) == 0)
						v = ast_props_value(&d->props, key, VAL_NONE);
				}
			}
		}
	unload(&l);
	return v;
}

/* The PowerCenter frontend normalises enumerated settings (AstProp.norm),
 * and the per-tool table gives each tool's defaults. */
static void test_neutral_values(void)
{
	SettingValue jt = step_value("tests/e2e/m_jnr_master_outer/mapping.XML", "JNR_ORDERS_CUSTOMERS", SET_JOIN_TYPE);
	CHECK(jt == VAL_LEFT_OUTER, "'Master Outer Join' is left_outer (got %s)",
	      jt < SETTING_VALUE_COUNT ? setting_value_name(jt) : "no step");
	SettingValue lp =
	    step_value("tests/e2e/m_lkp_connected_last/mapping.XML", "LKP_CUSTOMER_SEGMENT", SET_LOOKUP_POLICY);
	CHECK(lp == VAL_LAST, "'Use Last Value' is last (got %s)",
	      lp < SETTING_VALUE_COUNT ? setting_value_name(lp) : "no step");
	CHECK(tool_semantics(TOOL_POWERCENTER)->routing == VAL_ALL_MATCHES, "PowerCenter routes to all matches");
	CHECK(tool_semantics(TOOL_SSIS)->routing == VAL_FIRST_MATCH, "SSIS routes to the first match");
	CHECK(tool_semantics(TOOL_SSIS)->lookup_no_match == VAL_FAIL, "an SSIS lookup fails on no match");
	CHECK(tool_semantics(TOOL_POWERCENTER)->lookup_no_match == VAL_NULL,
	      "a PowerCenter lookup returns NULL on no match");
}

int main(void)
{
	const char *srcdir = getenv("AKKO_SRCDIR");
	if (srcdir && chdir(srcdir) != 0)
		return 1;
	frontend_global_init();
	test_types();
	test_score_once();
	test_neutral_values();
	Loaded l;
	bool ok = load(&l, "tests/rules/wf_orch.XML", "tests/rules/wf_orch.par", false);
	CHECK(ok, "tests/rules/wf_orch.XML loads");
	if (ok) {
		IrDoc out = {0};
		pc_orchestration(&l.arena, l.doc, &out, &l.sink);
		test_workflow(&out);
		test_params(&l.arena, l.doc);
		check_golden(&l, "tests/rules/wf_orch.stderr");
	}
	unload(&l);
	test_fallback();
	test_corpus("../shared/corpus/powercenter");
	return tap_done();
}
