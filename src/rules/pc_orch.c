/* pc_orch.c - PowerCenter workflows and worklets to IrWorkflows (src/rules):
 * task instances to IrTasks, links to dependencies whose conditions are
 * translated to SQL booleans, in dependency order.
 *
 * A link condition's terms that test only the status of the task the link
 * leaves are folded into the dependency's `on`; every other task variable
 * ($s.TgtSuccessRows, $d.Condition, another task's status) reads the
 * setting akko.<task>__<attribute>, and workflow variables read
 * akko.<name>, through the expression translator (docs/orchestration.md).
 */
#include <stdarg.h>
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "rules/orch_expr.h"
#include "rules/pc.h"

typedef struct Orch {
	Arena *a;
	const AstDoc *doc;
	DiagSink *sink;
	const AstControl *ctl;
	IrWorkflow *wf;
	StrMap ids;      /* ids taken in this workflow */
	StrMap by_name;  /* instance name -> IrTask */
	StrMap taskvars; /* rewritten "$$task__attr" -> ExprBinding */
} Orch;

/* ---- warnings ------------------------------------------------------------------- */

static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, const char *fmt, ...) PRINTF_LIKE(5, 6);

static const char *context_of(Orch *o)
{
	return arena_sprintf(o->a, "in %s '%s'", control_kind_name(o->ctl->kind), o->ctl->name);
}

/* An IrWarning on the task, and the same diagnostic on the sink. */
static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = expr_vformat(o->a, fmt, ap);
	va_end(ap);
	orch_warn(o->a, o->sink, t, code, loc, context_of(o), msg);
}

/* ---- task variables --------------------------------------------------------------- */

static const struct {
	const char *attr;
	ExprType type;
} task_attrs[] = {
    {"Status", XT_STRING},         {"PrevTaskStatus", XT_STRING},   {"ErrorCode", XT_INTEGER},
    {"ErrorMsg", XT_STRING},       {"FirstErrorCode", XT_INTEGER},  {"FirstErrorMsg", XT_STRING},
    {"SrcSuccessRows", XT_BIGINT}, {"SrcFailedRows", XT_BIGINT},    {"TgtSuccessRows", XT_BIGINT},
    {"TgtFailedRows", XT_BIGINT},  {"TotalTransErrors", XT_BIGINT}, {"StartTime", XT_DATE},
    {"EndTime", XT_DATE},          {"Condition", XT_INTEGER},
};

/* The statuses PowerCenter gives a finished task.  Success and failure
 * are the IR's outcomes; the others have none. */
enum { ST_SUCCEEDED = 1, ST_FAILED = 2, ST_STOPPED = 4, ST_ABORTED = 8, ST_DISABLED = 16, ST_ALL = 31 };

static const struct {
	const char *word;
	unsigned bit;
} status_words[] = {
    {"SUCCEEDED", ST_SUCCEEDED},
    {"FAILED", ST_FAILED},
    {"STOPPED", ST_STOPPED},
    {"ABORTED", ST_ABORTED},
    {"DISABLED", ST_DISABLED},
    {"NOTSTARTED", 0},
    {"STARTED", 0},
    {"RUNNING", 0},
    {"SUSPENDED", 0},
};

static int status_word(const Expr *e)
{
	if (e->kind != EX_NAME)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(status_words); i++)
		if (ascii_ieq(e->name, status_words[i].word))
			return (int)i;
	return -1;
}

/* "$task.Attr": split at the dot. */
static bool task_var(const Expr *e, Str *task, Str *attr)
{
	if (e->kind != EX_SYSVAR)
		return false;
	const char *dot = strchr(e->name, '.');
	if (!dot)
		return false;
	*task = str_make(e->name + 1, (size_t)(dot - e->name - 1));
	*attr = str_from(dot + 1);
	return true;
}

static bool is_status_of(const Expr *e, const char *from)
{
	Str task, attr;
	return from && task_var(e, &task, &attr) && str_ieq_cstr(task, from) &&
	       (str_ieq_cstr(attr, "Status") || str_ieq_cstr(attr, "PrevTaskStatus"));
}

/* The statuses of `from` for which `e` holds, or -1 when `e` tests
 * anything else.  PrevTaskStatus of the link's own task is its status. */
static int status_set(const Expr *e, const char *from)
{
	if (e->kind == EX_UNARY && e->op == OP_NOT) {
		int s = status_set(e->args[0], from);
		return s < 0 ? -1 : ST_ALL & ~s;
	}
	if (e->kind != EX_BINARY)
		return -1;
	if (e->op == OP_AND || e->op == OP_OR) {
		int l = status_set(e->args[0], from), r = status_set(e->args[1], from);
		if (l < 0 || r < 0)
			return -1;
		return e->op == OP_AND ? (l & r) : (l | r);
	}
	if (e->op != OP_EQ && e->op != OP_NE)
		return -1;
	const Expr *var = e->args[0], *word = e->args[1];
	if (!is_status_of(var, from)) {
		var = e->args[1];
		word = e->args[0];
	}
	int w = status_word(word);
	if (!is_status_of(var, from) || w < 0)
		return -1;
	int bit = (int)status_words[w].bit;
	return e->op == OP_EQ ? bit : ST_ALL & ~bit;
}

/* ---- rewriting a condition for the translator ------------------------------------- */

/* Task variables become parameters "$$task__attr" the resolver knows,
 * status words become string literals; the rest is copied as written. */
static void rewrite(OrchRewrite *rw, const Expr *e)
{
	Orch *o = rw->ud;
	Str task, attr;
	if (task_var(e, &task, &attr)) {
		orch_copy_upto(rw, e->off);
		const char *name = arena_sprintf(o->a, "$$%.*s__%.*s", STR_FMT(task), STR_FMT(attr));
		ExprType type = XT_STRING;
		for (size_t i = 0; i < ARRAY_LEN(task_attrs); i++)
			if (str_ieq_cstr(attr, task_attrs[i].attr))
				type = task_attrs[i].type;
		ExprBinding *b = ARENA_NEW(o->a, ExprBinding);
		b->kind = BIND_PARAM;
		b->name = name;
		b->type = type;
		b->declared = true;
		strmap_put(&o->taskvars, name, b);
		sbuf_adds(&rw->out, name);
		rw->at = e->off + e->len;
		rw->task_vars = true;
		return;
	}
	int w = status_word(e);
	if (w >= 0) {
		orch_replace(rw, e, arena_sprintf(o->a, "'%s'", status_words[w].word));
		return;
	}
	for (uint32_t i = 0; i < e->nargs; i++)
		rewrite(rw, e->args[i]);
}

static const ExprBinding *resolve(void *ud, BindKind what, const char *name)
{
	Orch *o = ud;
	if (what != BIND_PARAM)
		return NULL; /* a workflow condition has no columns */
	const ExprBinding *tv = strmap_get(&o->taskvars, name);
	if (tv)
		return tv;
	const PtrVec *lists[2] = {&o->ctl->params, &o->doc->params};
	for (int k = 0; k < 2; k++)
		for (uint32_t i = 0; i < lists[k]->len; i++) {
			const AstParam *p = lists[k]->items[i];
			if (!ascii_ieq(p->name, name))
				continue;
			ExprBinding *b = ARENA_NEW(o->a, ExprBinding);
			b->kind = BIND_PARAM;
			b->name = p->name;
			b->type = k == 0 ? expr_type_from_ast(p->type.kind) : XT_STRING;
			b->declared = k == 0;
			return b;
		}
	if (name[0] == '$' && name[1] != '$') { /* $PMWorkflowName and the like */
		ExprBinding *b = ARENA_NEW(o->a, ExprBinding);
		b->kind = BIND_PARAM;
		b->name = name;
		b->type = XT_STRING;
		b->declared = true;
		return b;
	}
	return NULL;
}

typedef OrchCond Cond;

/* Translate `terms` (parts of `text`, joined by AND) in condition mode, or
 * as a value when `condition` is false. */
static void translate_terms(Orch *o, const char *text, const PtrVec *terms, bool condition, Cond *c)
{
	ExprEnv env = {.lang = expr_language(LANG_POWERCENTER),
		       .dialect = &dialect_postgres,
		       .condition = condition,
		       .resolve = resolve,
		       .ud = o};
	orch_translate_terms(o->a, &env, text, terms, rewrite, o, c);
}

/* The tree of an expression of the AST, parsed once (expr_parsed); NULL
 * with *why when it does not parse. */
static Expr *parsed_tree(Orch *o, const AstExpr *src, const char **why)
{
	const ExprParsed *p = expr_parsed(src);
	if (!p || !p->tree) {
		*why = p && p->issues.len ? ((ExprIssue *)p->issues.items[0])->msg : "it does not parse";
		return NULL;
	}
	return expr_clone(o->a, p->tree);
}

/* A whole expression (decision condition, assigned value). */
static void translate_text(Orch *o, const AstExpr *src, bool condition, Cond *c)
{
	memset(c, 0, sizeof *c);
	const char *text = src->text;
	Expr *e = parsed_tree(o, src, &c->why);
	if (!e)
		return;
	PtrVec one = {0};
	ptrvec_push(o->a, &one, e);
	translate_terms(o, text, &one, condition, c);
}

/* Translator warnings of a translated condition, kept on the task. */
static void keep_issues(Orch *o, IrTask *t, const Cond *c, SrcLoc loc, const char *what)
{
	orch_keep_issues(o->a, o->sink, context_of(o), t, c, loc, what, "task");
}

/* ---- links -------------------------------------------------------------------- */

static const char *link_on(LinkOn on)
{
	switch (on) {
	case LINK_SUCCESS: return "success";
	case LINK_FAILURE: return "failure";
	case LINK_COMPLETION: return "completion";
	default: return "any";
	}
}

static void lower_link(Orch *o, const AstLink *l)
{
	IrTask *to = strmap_get(&o->by_name, l->to_name);
	IrTask *from = strmap_get(&o->by_name, l->from_name);
	if (!to || !from)
		return;
	IrDep *d = ARENA_NEW(o->a, IrDep);
	d->task = from->id;
	d->on = link_on(l->on);
	ptrvec_push(o->a, &to->depends_on, d);
	if (!l->cond)
		return;
	const char *text = l->cond->text;
	const char *what = arena_sprintf(o->a, "the link from '%s'", l->from_name);
	d->condition_source = text;
	const char *why = NULL;
	Expr *e = parsed_tree(o, l->cond, &why);
	if (!e) {
		to->review = true;
		orch_cap(to, 0.5);
		warn(o, to, W_ORCH_CONDITION, l->cond->loc, "condition of %s is not translated: %s", what,
		     why);
		return;
	}
	/* fold the terms about the status of the task the link leaves */
	PtrVec terms = {0}, rest = {0};
	orch_and_terms(o->a, e, &terms);
	int set = ST_ALL;
	bool folded = false;
	for (uint32_t i = 0; i < terms.len; i++) {
		int s = status_set(terms.items[i], l->from_name);
		if (s >= 0 && (s & (ST_SUCCEEDED | ST_FAILED))) {
			set &= s;
			folded = true;
		} else {
			ptrvec_push(o->a, &rest, terms.items[i]);
		}
	}
	if (folded && (set & (ST_SUCCEEDED | ST_FAILED))) {
		d->on = (set & ST_SUCCEEDED) && (set & ST_FAILED) ? "completion"
			: (set & ST_SUCCEEDED)                    ? "success"
								  : "failure";
		if ((set & ST_DISABLED) && strcmp(d->on, "completion") != 0)
			warn(o, to, W_ORCH_STATUS, l->cond->loc,
			     "condition of %s also holds when '%s' is disabled; it becomes on: %s", what,
			     l->from_name, d->on);
	} else if (folded) { /* contradictory status tests: the link is never followed */
		rest = terms;
		d->on = "any";
	}
	if (!rest.len)
		return;
	Cond c = {0};
	translate_terms(o, text, &rest, true, &c);
	if (!c.translated) {
		to->review = true;
		orch_cap(to, 0.5);
		warn(o, to, W_ORCH_CONDITION, l->cond->loc, "condition of %s is not translated: %s", what,
		     c.why ? c.why : "unsupported");
		return;
	}
	d->condition = c.sql;
	orch_cap(to, c.confidence < 0.9 ? c.confidence : 0.9);
	keep_issues(o, to, &c, l->cond->loc, arena_sprintf(o->a, "condition of %s", what));
}

/* ---- tasks -------------------------------------------------------------------- */

static const AstProp *task_prop(const AstTask *t, Setting key)
{
	const AstProp *p = ast_props_find(&t->props, key);
	if (!p && t->def)
		p = ast_props_find(&t->def->props, key);
	return p;
}

static const AstProp *override_prop(const AstSession *s, const char *instance, Setting key)
{
	for (uint32_t i = 0; s && i < s->overrides.len; i++) {
		const AstOverride *ov = s->overrides.items[i];
		if (ascii_ieq(ov->instance, instance)) {
			const AstProp *p = ast_props_find(&ov->props, key);
			if (p)
				return p;
		}
	}
	return NULL;
}

/* Pre/post SQL per instance of the mapping: the task instance's override,
 * the session's, the transformation's own value. */
static void session_sql(Orch *o, IrTask *it, const AstSession *inst, const AstSession *def, const AstFlow *m,
			Setting key, PtrVec *out)
{
	const PtrVec *overrides = def ? &def->overrides : inst ? &inst->overrides : NULL;
	uint32_t n = m ? m->steps.len : overrides ? overrides->len : 0;
	(void)it;
	for (uint32_t i = 0; i < n; i++) {
		const AstStep *s = m ? m->steps.items[i] : NULL;
		const char *name = s ? s->name : ((AstOverride *)overrides->items[i])->instance;
		const AstProp *p = override_prop(inst, name, key);
		if (!p)
			p = override_prop(def, name, key);
		if (!p && s)
			p = ast_props_find(&s->props, key);
		if (!p && s && s->def)
			p = ast_props_find(&s->def->props, key);
		if (p && *str_trim(str_from(p->value)).ptr)
			ptrvec_push(o->a, out, (void *)p->value);
	}
}

static const char *when_name(CommandWhen w)
{
	switch (w) {
	case CMD_PRE: return "pre-session";
	case CMD_POST_SUCCESS: return "post-session success";
	case CMD_POST_FAILURE: return "post-session failure";
	default: return "task";
	}
}

static void session_components(Orch *o, IrTask *it, const AstSession *s)
{
	for (uint32_t i = 0; s && i < s->components.len; i++) {
		const AstTask *c = s->components.items[i];
		if (c->reusable && !c->def && !c->commands.len) { /* not in the export: W0319 */
			warn(o, it, W_ORCH_COMMAND, c->loc,
			     "session component '%s' (%s) is not in this export; its commands are unknown",
			     c->name, c->orig_kind);
			it->review = true;
			orch_cap(it, 0.5);
			continue;
		}
		for (uint32_t k = 0; k < c->commands.len; k++) {
			const AstCommand *cmd = c->commands.items[k];
			const char *v = cmd->value ? cmd->value->text : "";
			if (cmd->assignment) {
				warn(o, it, W_ORCH_SESSION_ASSIGN, cmd->loc,
				     "%s assignment '%s = %s' is not converted", when_name(cmd->when),
				     cmd->name, v);
				orch_cap(it, 0.8);
				continue;
			}
			if (!*str_trim(str_from(v)).ptr)
				continue;
			ptrvec_push(o->a, &it->commands, (void *)v);
			warn(o, it, W_ORCH_COMMAND, cmd->loc, "%s command '%s' is kept as written",
			     when_name(cmd->when), cmd->name);
			it->review = true;
			orch_cap(it, 0.5);
		}
	}
}

static void lower_session(Orch *o, const AstTask *t, IrTask *it)
{
	const AstSession *def = t->def && t->def->session ? t->def->session : NULL;
	const AstSession *inst = t->session && t->session != def ? t->session : NULL;
	const AstSession *s = def ? def : inst;
	const AstFlow *m = s && s->mapping ? s->mapping : inst && inst->mapping ? inst->mapping : NULL;
	it->type = TASK_T_PIPELINE;
	it->pipeline = m ? m->name : NULL;
	if (!it->pipeline) { /* no pipeline of this file to run */
		it->type = TASK_T_OPAQUE;
		it->confidence = 0;
		it->review = true;
		if (s && s->mapping_name && *s->mapping_name)
			warn(o, it, W_ORCH_OPAQUE, t->loc,
			     "session '%s' runs mapping '%s', which is not in this export", t->name,
			     s->mapping_name);
		else
			warn(o, it, W_ORCH_OPAQUE, t->loc, "session '%s' names no mapping", t->name);
		return;
	}
	session_sql(o, it, inst, def, m, SET_PRE_SQL, &it->pre_sql);
	session_sql(o, it, inst, def, m, SET_POST_SQL, &it->post_sql);
	session_components(o, it, def);
	session_components(o, it, inst);
}

static void lower_command(Orch *o, const AstTask *t, IrTask *it)
{
	const AstTask *d = t->def ? t->def : t;
	it->type = TASK_T_COMMAND;
	it->confidence = 0.5;
	it->review = true;
	for (uint32_t i = 0; i < d->commands.len; i++) {
		const AstCommand *c = d->commands.items[i];
		ptrvec_push(o->a, &it->commands, (void *)(c->value ? c->value->text : ""));
	}
	warn(o, it, W_ORCH_COMMAND, t->loc, "command task '%s' is kept as written (%u command%s)", t->name,
	     d->commands.len, d->commands.len == 1 ? "" : "s");
}

static void lower_decision(Orch *o, const AstTask *t, IrTask *it)
{
	it->type = TASK_T_DECISION;
	const AstProp *p = task_prop(t, SET_DECISION_CONDITION);
	if (!p || !*str_trim(str_from(p->value)).ptr) {
		it->confidence = 0.9; /* no condition: TRUE, as PowerCenter has it */
		return;
	}
	const char *what = arena_sprintf(o->a, "condition of decision '%s'", t->name);
	Cond c;
	translate_text(o, p->expr, true, &c);
	if (!c.translated) {
		it->review = true;
		it->confidence = 0.5;
		warn(o, it, W_ORCH_CONDITION, p->loc, "%s is not translated: %s", what,
		     c.why ? c.why : "unsupported");
		return;
	}
	it->condition = c.sql;
	it->confidence = c.confidence < 0.9 ? c.confidence : 0.9;
	keep_issues(o, it, &c, p->loc, what);
}

/* Assignments are kept as written ("$$X = value"): the IR has no field for
 * them; each value must translate for the task to keep 0.9. */
static void lower_assignment(Orch *o, const AstTask *t, IrTask *it)
{
	const AstTask *d = t->def ? t->def : t;
	it->type = TASK_T_ASSIGNMENT;
	it->confidence = 0.9;
	for (uint32_t i = 0; i < d->commands.len; i++) {
		const AstCommand *c = d->commands.items[i];
		const char *v = c->value ? c->value->text : "";
		ptrvec_push(o->a, &it->commands, (void *)arena_sprintf(o->a, "%s = %s", c->name, v));
		Cond r = {.why = "empty expression"};
		if (c->value)
			translate_text(o, c->value, false, &r);
		const char *what = arena_sprintf(o->a, "value assigned to '%s'", c->name);
		if (!r.translated) {
			it->review = true;
			orch_cap(it, 0.5);
			warn(o, it, W_ORCH_CONDITION, c->loc, "%s is not translated: %s", what,
			     r.why ? r.why : "unsupported");
		} else {
			orch_cap(it, r.confidence);
			keep_issues(o, it, &r, c->loc, what);
		}
	}
}

/* Timer, event and control tasks: the type converts, their setting does
 * not (the IR has no field for it). */
static void lower_setting_task(Orch *o, const AstTask *t, IrTask *it, TaskType type, const char *what)
{
	it->type = type;
	it->confidence = 0.8;
	const AstProp *p = type == TASK_T_CONTROL ? task_prop(t, SET_CONTROL_OPTION) : NULL;
	if (p && *p->value)
		warn(o, it, W_ORCH_SETTING, t->loc, "task '%s': %s ('%s') is not carried", t->name, what,
		     p->value);
	else
		warn(o, it, W_ORCH_SETTING, t->loc, "task '%s': %s is not carried", t->name, what);
}

/* An instance whose definition the export lacks (a partial export, W0319):
 * a command or email keeps its type, a session or worklet is opaque (its
 * pipeline or workflow is not in this file); confidence 0, for review. */
static void lower_unresolved(Orch *o, const AstTask *t, IrTask *it)
{
	it->type = t->kind == TASK_COMMAND ? TASK_T_COMMAND
		   : t->kind == TASK_EMAIL ? TASK_T_EMAIL
					   : TASK_T_OPAQUE;
	it->confidence = 0;
	it->review = true;
	warn(o, it, W_ORCH_OPAQUE, t->loc, "task '%s' runs %s '%s', which is not in this export", t->name,
	     it->origin.kind, t->def_name ? t->def_name : t->name);
}

static bool task_unresolved(const AstTask *t)
{
	return !t->is_definition && !t->def && !t->sub && t->kind != TASK_START;
}

static void lower_task_kind(Orch *o, const AstTask *t, IrTask *it)
{
	switch (t->kind) {
	case TASK_START: it->type = TASK_T_START; break;
	case TASK_RUN_FLOW: lower_session(o, t, it); break;
	case TASK_COMMAND: lower_command(o, t, it); break;
	case TASK_DECISION: lower_decision(o, t, it); break;
	case TASK_ASSIGNMENT: lower_assignment(o, t, it); break;
	case TASK_TIMER: lower_setting_task(o, t, it, TASK_T_WAIT, "the time it waits for"); break;
	case TASK_EVENT_WAIT: lower_setting_task(o, t, it, TASK_T_WAIT, "the event it waits for"); break;
	case TASK_EVENT_RAISE: lower_setting_task(o, t, it, TASK_T_EVENT, "the event it raises"); break;
	case TASK_CONTROL: lower_setting_task(o, t, it, TASK_T_CONTROL, "the control option"); break;
	case TASK_EMAIL: it->type = TASK_T_EMAIL; break;
	case TASK_RUN_CONTROL:
		it->type = TASK_T_WORKFLOW;
		it->workflow = t->sub ? t->sub->name : t->def_name;
		break;
	default:
		it->type = TASK_T_OPAQUE;
		it->confidence = 0;
		it->review = true;
		warn(o, it, W_ORCH_OPAQUE, t->loc, "task '%s' of type '%s' is not converted", t->name,
		     it->origin.kind);
		break;
	}
}

static IrTask *lower_task(Orch *o, const AstTask *t)
{
	IrTask *it = ARENA_NEW(o->a, IrTask);
	it->id = ir_make_id(o->a, &o->ids, t->name);
	it->origin.object = t->name;
	it->origin.kind = t->orig_kind && *t->orig_kind ? t->orig_kind : task_kind_name(t->kind);
	it->origin.line = t->loc.line;
	it->depends_all = t->links_and;
	it->confidence = 1;
	if (task_unresolved(t))
		lower_unresolved(o, t, it);
	else
		lower_task_kind(o, t, it);
	if (!t->enabled && t->kind != TASK_START) {
		it->review = true;
		warn(o, it, W_ORCH_DISABLED, t->loc, "task '%s' is disabled", t->name);
	}
	return it;
}

/* ---- order -------------------------------------------------------------------- */

/* Stable topological order: Start first, then the first ready task in
 * source order (ir_order_tasks).  Tasks on a cycle stay in source order,
 * warned. */
static void order_tasks(Orch *o, PtrVec *tasks)
{
	PtrVec cycle = {0};
	ir_order_tasks(o->a, tasks, &cycle);
	for (uint32_t i = 0; i < cycle.len; i++) {
		IrTask *t = cycle.items[i];
		warn(o, t, W_ORCH_CYCLE, (SrcLoc){o->ctl->loc.file, t->origin.line, 0},
		     "task '%s' is on a cycle of links", t->origin.object);
	}
}

/* ---- workflows ---------------------------------------------------------------- */

static void lower_control(Arena *a, const AstDoc *doc, const AstControl *c, IrDoc *out, DiagSink *sink)
{
	Orch o = {.a = a, .doc = doc, .sink = sink, .ctl = c};
	strmap_init(&o.ids, a, false);
	strmap_init(&o.by_name, a, false);
	strmap_init(&o.taskvars, a, true);
	IrWorkflow *wf = ARENA_NEW(a, IrWorkflow);
	o.wf = wf;
	wf->name = c->name;
	wf->worklet = c->kind == CTRL_WORKLET;
	wf->origin.object = c->name;
	wf->origin.kind = wf->worklet ? "Worklet" : "Workflow";
	wf->origin.line = c->loc.line;
	pc_workflow_params(a, doc, c, &wf->parameters);
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		IrTask *it = lower_task(&o, t);
		strmap_put(&o.by_name, t->name, it);
		ptrvec_push(a, &wf->tasks, it);
	}
	for (uint32_t i = 0; i < c->links.len; i++)
		lower_link(&o, c->links.items[i]);
	order_tasks(&o, &wf->tasks);
	ptrvec_push(a, &out->workflows, wf);
}

static bool seen_control(const PtrVec *done, const AstControl *c)
{
	for (uint32_t i = 0; i < done->len; i++)
		if (done->items[i] == c)
			return true;
	return false;
}

/* A control, then the worklets defined inside it, each once. */
static void lower_tree(Arena *a, const AstDoc *doc, const AstControl *c, IrDoc *out, DiagSink *sink,
		       PtrVec *done, int depth)
{
	if (seen_control(done, c) || depth > 16)
		return;
	ptrvec_push(a, done, (void *)c);
	lower_control(a, doc, c, out, sink);
	for (uint32_t i = 0; i < c->defs.len; i++) {
		const AstTask *d = c->defs.items[i];
		if (d->sub && d->sub->kind == CTRL_WORKLET)
			lower_tree(a, doc, d->sub, out, sink, done, depth + 1);
	}
}

void pc_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink)
{
	/* every expression parsed once, kept on the AST (a cache: idempotent) */
	expr_parse_doc((AstDoc *)doc);
	PtrVec done = {0};
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len; j++) {
			const AstControl *c = f->controls.items[j];
			if (c->kind == CTRL_WORKFLOW || c->kind == CTRL_WORKLET)
				lower_tree(a, doc, c, out, sink, &done, 0);
		}
	}
}
