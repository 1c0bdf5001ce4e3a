/* ssis_orch.c - an SSIS package's control flow to one IrWorkflow
 * (src/rules): executables to IrTasks, containers, loops and event handlers
 * to tasks that their children name as `parent`, precedence constraints to
 * dependencies whose expressions become SQL booleans over the variables'
 * settings (docs/orchestration.md, "SSIS").
 *
 * The semantics follow Microsoft Learn: "Precedence Constraints" (Value
 * Success/Failure/Completion, EvalOp Constraint / Expression /
 * ExpressionAndConstraint / ExpressionOrConstraint, LogicalAnd),
 * "Sequence Container", "For Loop Container" (InitExpression,
 * EvalExpression, AssignExpression), "Foreach Loop Container" (enumerators,
 * variable mappings), "Integration Services (SSIS) Event Handlers"
 * (OnError..., System::Propagate), "Execute SQL Task" (parameter and result
 * set bindings), "Execute Package Task", "Script Task", "Expression Task".
 */
#include <stdarg.h>
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/expr.h"
#include "rules/ssis_rules.h"

typedef struct Orch {
	Arena *a;
	const AstDoc *doc;
	DiagSink *sink;
	const AstControl *pkg;
	IrWorkflow *wf;
	StrMap ids;     /* ids taken in the workflow */
	PtrVec ast, ir; /* AstTask * -> IrTask *, side by side */
	PtrVec refs;    /* const char *: variables the expressions read */
} Orch;

/* ---- warnings ------------------------------------------------------------------- */

static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, bool to_sink, const char *fmt, ...)
    PRINTF_LIKE(6, 7);

/* An IrWarning on the task and, unless the frontend already said it, the
 * same diagnostic on the sink. */
static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, bool to_sink, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = expr_vformat(o->a, fmt, ap);
	va_end(ap);
	ir_warn(o->a, &t->warnings, diag_code_str(code), loc.line, "%s", msg);
	if (!to_sink)
		return;
	Diag d = {.code = code, .loc = loc, .context = arena_sprintf(o->a, "in package '%s'", o->pkg->name)};
	diag_emit(o->sink, &d, "%s", msg);
}

static void cap(IrTask *t, double c)
{
	if (c < t->confidence)
		t->confidence = c;
}

static SsisScope scope_at(Orch *o, const char *path)
{
	return (SsisScope){.a = o->a, .doc = o->doc, .pkg = o->pkg, .path = path, .refs = &o->refs};
}

/* Translate `e` read from `path`; warnings of the translation on the task,
 * untranslated: review and W0621.  Caps the task's confidence at 0.9. */
static const char *translate(Orch *o, IrTask *t, const char *path, const AstExpr *e, bool condition,
			     const char *what)
{
	SsisScope sc = scope_at(o, path);
	double conf = 0;
	PtrVec issues = {0};
	const char *why = NULL;
	const char *sql = ssis_translate(&sc, e, condition, &conf, &issues, &why);
	if (!sql) {
		t->review = true;
		cap(t, 0.5);
		warn(o, t, W_ORCH_CONDITION, e->loc, true, "%s is not translated: %s", what, why);
		return NULL;
	}
	cap(t, conf < 0.9 ? conf : 0.9);
	for (uint32_t i = 0; i < issues.len; i++) {
		const ExprIssue *is = issues.items[i];
		if (diag_code_severity(is->code) == DIAG_WARNING && is->code != W_EXPR_ASSIGN)
			warn(o, t, is->code, e->loc, true, "in %s: %s", what, is->msg);
	}
	return sql;
}

/* ---- assignments ------------------------------------------------------------------ */

/* The variable of "@[User::X] = value" or "@X = value", or NULL. */
static const char *assigned_variable(Arena *a, const char *text)
{
	const char *p = text;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p++ != '@')
		return NULL;
	const char *end;
	if (*p == '[') {
		end = strchr(++p, ']');
		if (!end)
			return NULL;
	} else {
		end = p;
		while (*end && (*end == '_' || *end == ':' || (*end >= '0' && *end <= '9') ||
				((*end | 32) >= 'a' && (*end | 32) <= 'z')))
			end++;
	}
	const char *q = end + (*end == ']');
	while (*q == ' ' || *q == '\t')
		q++;
	if (end == p || q[0] != '=' || q[1] == '=')
		return NULL;
	return arena_strndup(a, p, (size_t)(end - p));
}

static IrAssign *lower_assign(Orch *o, IrTask *t, const char *path, const AstExpr *e, const char *var,
			      const char *what)
{
	IrAssign *as = ARENA_NEW(o->a, IrAssign);
	as->source = e->text;
	as->variable = var ? var : assigned_variable(o->a, e->text);
	if (!as->variable || !*as->variable) {
		t->review = true;
		cap(t, 0.5);
		warn(o, t, W_ORCH_CONDITION, e->loc, true, "%s assigns no variable: '%s'", what, e->text);
		t->note = arena_sprintf(o->a, "%s assigns no variable: '%s'", what, e->text);
		return NULL;
	}
	SsisScope sc = scope_at(o, path);
	as->variable = ssis_canonical(&sc, as->variable);
	ssis_resolve(&sc, BIND_PARAM, as->variable); /* the variable set is a parameter too */
	as->setting = arena_sprintf(o->a, "akko.%s", expr_param_key(o->a, as->variable));
	as->value = translate(o, t, path, e, false, what);
	return as;
}

/* ---- tasks ------------------------------------------------------------------------ */

static const AstProp *prop_named(const AstTask *t, const char *name)
{
	return ast_props_find_name(&t->props, name);
}

static const char *elem_attr(const AstElem *e, const char *name)
{
	const AstProp *p = ast_props_find_name(&e->attrs, name);
	return p ? p->value : NULL;
}

static IrBinding *binding(Orch *o, const char *path, const char *name, const char *var, const char *dir)
{
	IrBinding *b = ARENA_NEW(o->a, IrBinding);
	b->name = name ? name : "";
	SsisScope sc = scope_at(o, path);
	b->variable = var ? ssis_canonical(&sc, var) : "";
	b->setting = arena_sprintf(o->a, "akko.%s", expr_param_key(o->a, b->variable));
	b->direction = dir;
	if (*b->variable)
		ssis_resolve(&sc, BIND_PARAM, b->variable);
	return b;
}

static const char *result_set(const char *v)
{
	if (!v)
		return NULL;
	if (strstr(v, "SingleRow"))
		return "single_row";
	if (strstr(v, "Rowset"))
		return "full";
	if (strstr(v, "XML"))
		return "xml";
	return "none";
}

static const char *direction(const char *v)
{
	if (v && ascii_ieq(v, "Output"))
		return "output";
	if (v && ascii_ieq(v, "ReturnValue"))
		return "return_value";
	return "input";
}

/*   Execute SQL Task: SqlStatementSource (direct input, a variable or a
 *   file connection), Connection, ResultType, ParameterBinding and
 *   ResultBinding children. */
static void lower_sql_task(Orch *o, const AstTask *t, IrTask *it, const char *path)
{
	it->type = TASK_T_SQL;
	const AstProp *sql = ast_props_find(&t->props, SET_SQL_QUERY);
	const AstProp *conn = ast_props_find(&t->props, SET_CONNECTION);
	const AstProp *stype = prop_named(t, "SqlStmtSourceType");
	const AstProp *rtype = prop_named(t, "ResultType");
	it->connection = conn ? conn->value : NULL;
	it->result_set = result_set(rtype ? rtype->value : NULL);
	if (stype && ascii_ieq(stype->value, "Variable") && sql) {
		it->note = arena_sprintf(o->a, "the statement is the value of variable '%s' at run time",
					 sql->value);
		ptrvec_push(o->a, &it->bindings, binding(o, path, "statement", sql->value, "input"));
	} else if (stype && ascii_ieq(stype->value, "FileConnection") && sql) {
		it->note =
		    arena_sprintf(o->a, "the statement is read from the file of connection '%s'", sql->value);
	} else if (sql) {
		it->sql = sql->value;
	}
	for (uint32_t i = 0; i < t->bindings.len; i++) {
		const AstBinding *b = t->bindings.items[i];
		if (b->property && strcmp(b->property, "SqlStatementSource") == 0)
			it->note = arena_sprintf(o->a,
						 "a property expression sets the statement at run time: "
						 "parameter '%s.SqlStatementSource'",
						 t->name);
	}
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		if (strcmp(e->tag, "ParameterBinding") == 0)
			ptrvec_push(o->a, &it->bindings,
				    binding(o, path, elem_attr(e, "ParameterName"),
					    elem_attr(e, "DtsVariableName"),
					    direction(elem_attr(e, "ParameterDirection"))));
		else if (strcmp(e->tag, "ResultBinding") == 0)
			ptrvec_push(o->a, &it->bindings,
				    binding(o, path, elem_attr(e, "ResultName"),
					    elem_attr(e, "DtsVariableName"), "result"));
	}
	it->review = true;
	cap(it, 0.5);
	const char *n = it->bindings.len ? arena_sprintf(o->a, " (%u binding%s)", it->bindings.len,
							 it->bindings.len == 1 ? "" : "s")
					 : "";
	warn(o, it, W_SSIS_SQL_TASK, t->loc, true, "Execute SQL Task '%s': %s%s", t->name,
	     it->sql ? "the statement is kept as written for review"
		     : "the statement is not in the package (see its note): kept for review",
	     n);
}

/* Script Task: each ProjectItem's text; the compiled binary was dropped by
 * the frontend. */
static void lower_script(Orch *o, const AstTask *t, IrTask *it)
{
	it->type = TASK_T_SCRIPT;
	const AstProp *lang = ast_props_find(&t->props, SET_LANGUAGE);
	it->language = lang ? lang->value : NULL;
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		for (uint32_t k = 0; strcmp(e->tag, "ScriptProject") == 0 && k < e->children.len; k++) {
			const AstElem *c = e->children.items[k];
			if (strcmp(c->tag, "ProjectItem") != 0 || !c->text)
				continue;
			IrCode *code = ARENA_NEW(o->a, IrCode);
			const char *n = elem_attr(c, "Name");
			code->name = n ? n : "";
			code->text = c->text;
			ptrvec_push(o->a, &it->code, code);
		}
	}
	it->confidence = 0;
	it->review = true;
	if (it->code.len)
		warn(o, it, W_SSIS_SCRIPT_TASK, t->loc, true,
		     "Script Task '%s': its code (%u file%s) is kept for review", t->name, it->code.len,
		     it->code.len == 1 ? "" : "s");
	else
		warn(o, it, W_SSIS_SCRIPT_TASK, t->loc, true,
		     "Script Task '%s': the package holds no source code for it; what it does must be "
		     "found out by hand",
		     t->name);
}

/* Execute Package Task: the child package and the parent variables bound
 * to its parameters. */
static void lower_exec_package(Orch *o, const AstTask *t, IrTask *it, const char *path)
{
	it->type = TASK_T_PACKAGE;
	it->package = t->def_name;
	cap(it, 0.9);
	for (uint32_t i = 0; i < t->commands.len; i++) {
		const AstCommand *c = t->commands.items[i];
		ptrvec_push(o->a, &it->bindings,
			    binding(o, path, c->name, c->value ? c->value->text : "", "input"));
	}
	if (!it->package) {
		it->review = true;
		cap(it, 0.5);
		warn(o, it, W_ORCH_OPAQUE, t->loc, true, "Execute Package Task '%s' names no package",
		     t->name);
	} else {
		it->note = "the package runs from its own conversion";
	}
}

static void lower_expression_task(Orch *o, const AstTask *t, IrTask *it, const char *path)
{
	it->type = TASK_T_ASSIGNMENT;
	it->confidence = 0.9;
	for (uint32_t i = 0; i < t->commands.len; i++) {
		const AstCommand *c = t->commands.items[i];
		if (!c->value)
			continue;
		const char *what = arena_sprintf(o->a, "the expression of '%s'", t->name);
		IrAssign *as =
		    lower_assign(o, it, path, c->value, c->name && *c->name ? c->name : NULL, what);
		if (as)
			ptrvec_push(o->a, &it->assignments, as);
	}
}

static void lower_command(Orch *o, const AstTask *t, IrTask *it)
{
	it->type = TASK_T_COMMAND;
	cap(it, 0.5);
	it->review = true;
	for (uint32_t i = 0; i < t->commands.len; i++) {
		const AstCommand *c = t->commands.items[i];
		ptrvec_push(o->a, &it->commands, (void *)(c->value ? c->value->text : ""));
	}
	warn(o, it, W_ORCH_COMMAND, t->loc, true, "command task '%s' is kept as written (%u command%s)",
	     t->name, t->commands.len, t->commands.len == 1 ? "" : "s");
}

/* "Name=value" for every attribute and text of an enumerator's
 * ObjectData, in document order. */
static void enum_settings(Orch *o, const AstElem *e, PtrVec *out, int depth)
{
	if (depth > 16)
		return;
	for (uint32_t i = 0; depth > 0 && i < e->attrs.len; i++) {
		const AstProp *p = e->attrs.items[i];
		ptrvec_push(o->a, out, (void *)arena_sprintf(o->a, "%s=%s", p->name, p->value));
	}
	if (depth > 0 && e->text && !e->children.len)
		ptrvec_push(o->a, out, (void *)arena_sprintf(o->a, "%s=%s", e->tag, e->text));
	for (uint32_t i = 0; i < e->children.len; i++)
		enum_settings(o, e->children.items[i], out, depth + 1);
}

static void foreach_loop(Orch *o, const AstTask *t, IrTask *it, IrLoop *l, const char *path)
{
	l->kind = "foreach";
	const AstProp *en = ast_props_find(&t->props, SET_LOOP_ITEMS);
	l->enumerator = en && *en->value ? en->value : NULL;
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		if (strcmp(e->tag, "ForEachEnumerator") == 0) {
			for (uint32_t k = 0; k < e->children.len; k++)
				if (strcmp(((AstElem *)e->children.items[k])->tag, "ObjectData") == 0)
					enum_settings(o, e->children.items[k], &l->settings, 0);
		} else if (strcmp(e->tag, "ForEachVariableMappings") == 0 ||
			   strcmp(e->tag, "ForEachVariableMapping") == 0) {
			const PtrVec one = {(void **)&e, 1, 1};
			const PtrVec *maps =
			    strcmp(e->tag, "ForEachVariableMapping") == 0 ? &one : &e->children;
			for (uint32_t k = 0; k < maps->len; k++) {
				const AstElem *m = maps->items[k];
				ptrvec_push(o->a, &l->items,
					    binding(o, path, elem_attr(m, "ValueIndex"),
						    elem_attr(m, "VariableName"), "item"));
			}
		}
	}
	cap(it, 0.8);
	warn(o, it, W_SSIS_FOREACH, t->loc, true,
	     "Foreach Loop '%s': the enumerator '%s' is kept with its settings", t->name,
	     l->enumerator ? l->enumerator : "(none)");
}

static void lower_loop(Orch *o, const AstTask *t, IrTask *it, const char *path)
{
	it->type = TASK_T_LOOP;
	IrLoop *l = ARENA_NEW(o->a, IrLoop);
	it->loop = l;
	const AstProp *init = ast_props_find(&t->props, SET_LOOP_INIT);
	const AstProp *cond = ast_props_find(&t->props, SET_LOOP_CONDITION);
	const AstProp *next = ast_props_find(&t->props, SET_LOOP_NEXT);
	if (ast_props_find(&t->props, SET_LOOP_ITEMS) || (t->orig_kind && strstr(t->orig_kind, "FOREACH"))) {
		foreach_loop(o, t, it, l, path);
		return;
	}
	l->kind = "for";
	if (!cond || !cond->expr) {
		it->review = true;
		cap(it, 0.5);
		warn(o, it, W_ORCH_CONDITION, t->loc, true,
		     "For Loop '%s' has no EvalExpression: kept for review", t->name);
	}
	if (init && init->expr)
		l->init = lower_assign(o, it, path, init->expr, NULL,
				       arena_sprintf(o->a, "the InitExpression of '%s'", t->name));
	if (cond && cond->expr) {
		l->condition_source = cond->expr->text;
		l->condition = translate(o, it, path, cond->expr, true,
					 arena_sprintf(o->a, "the EvalExpression of '%s'", t->name));
	}
	if (next && next->expr)
		l->next = lower_assign(o, it, path, next->expr, NULL,
				       arena_sprintf(o->a, "the AssignExpression of '%s'", t->name));
}

static void lower_kind(Orch *o, const AstTask *t, IrTask *it, const char *path)
{
	switch (t->kind) {
	case TASK_RUN_FLOW:
		it->type = TASK_T_PIPELINE;
		it->pipeline = t->session && t->session->mapping ? t->session->mapping->name : NULL;
		if (!it->pipeline) {
			it->type = TASK_T_OPAQUE;
			it->confidence = 0;
			it->review = true;
			warn(o, it, W_ORCH_OPAQUE, t->loc, true, "data flow task '%s' has no data flow",
			     t->name);
		}
		break;
	case TASK_CONTAINER: it->type = TASK_T_CONTAINER; break;
	case TASK_LOOP: lower_loop(o, t, it, path); break;
	case TASK_SQL: lower_sql_task(o, t, it, path); break;
	case TASK_SCRIPT: lower_script(o, t, it); break;
	case TASK_RUN_CONTROL: lower_exec_package(o, t, it, path); break;
	case TASK_ASSIGNMENT: lower_expression_task(o, t, it, path); break;
	case TASK_COMMAND: lower_command(o, t, it); break;
	case TASK_EMAIL: it->type = TASK_T_EMAIL; break;
	default:
		it->type = TASK_T_OPAQUE;
		it->confidence = 0;
		it->review = true;
		warn(o, it, W_ORCH_OPAQUE, t->loc, true, "task '%s' of type '%s' is not converted", t->name,
		     it->origin.kind);
		break;
	}
}

static IrTask *new_task(Orch *o, const char *name, const char *kind, uint32_t line, const char *parent)
{
	IrTask *it = ARENA_NEW(o->a, IrTask);
	it->id = ir_make_id(o->a, &o->ids, name);
	it->origin.object = name;
	it->origin.kind = kind;
	it->origin.line = line;
	it->depends_all = true;
	it->confidence = 1;
	it->parent = parent;
	return it;
}

static IrTask *lower_task(Orch *o, const AstTask *t, const char *parent, const char *path)
{
	const char *kind = t->orig_kind && *t->orig_kind ? t->orig_kind : task_kind_name(t->kind);
	IrTask *it = new_task(o, t->name, kind, t->loc.line, parent);
	it->depends_all = t->links_and;
	lower_kind(o, t, it, path);
	if (!t->enabled) { /* W1007 was reported by the frontend */
		it->disabled = true;
		it->review = true;
		warn(o, it, W_SSIS_DISABLED, t->loc, false,
		     "executable '%s' is disabled: kept with disabled: true, not run", t->name);
	}
	ptrvec_push(o->a, &o->ast, (void *)t);
	ptrvec_push(o->a, &o->ir, it);
	return it;
}

static IrTask *ir_of(Orch *o, const AstTask *t)
{
	for (uint32_t i = 0; t && i < o->ast.len; i++)
		if (o->ast.items[i] == t)
			return o->ir.items[i];
	return NULL;
}

/* ---- precedence constraints ------------------------------------------------------- */

static const char *link_on(LinkOn on)
{
	switch (on) {
	case LINK_SUCCESS: return "success";
	case LINK_FAILURE: return "failure";
	default: return "completion"; /* Completion; Expression alone: whatever the outcome */
	}
}

static void lower_link(Orch *o, const AstLink *l, const char *path)
{
	IrTask *to = ir_of(o, l->to), *from = ir_of(o, l->from);
	if (!to || !from)
		return; /* E1008 was reported by the frontend */
	IrDep *d = ARENA_NEW(o->a, IrDep);
	d->task = from->id;
	d->on = link_on(l->on);
	ptrvec_push(o->a, &to->depends_on, d);
	if (!l->cond)
		return;
	d->condition_source = l->cond->text;
	d->either = l->cond_or_outcome;
	d->condition =
	    translate(o, to, path, l->cond, true,
		      arena_sprintf(o->a, "the expression of the constraint from '%s'", from->origin.object));
}

/* ---- order -------------------------------------------------------------------------- */

/* One container's tasks in dependency order (ir_order_tasks); a cycle
 * keeps the rest in source order, warned. */
static void order(Orch *o, PtrVec *tasks)
{
	PtrVec cycle = {0};
	ir_order_tasks(o->a, tasks, &cycle);
	for (uint32_t i = 0; i < cycle.len; i++) {
		IrTask *t = cycle.items[i];
		warn(o, t, W_ORCH_CYCLE, (SrcLoc){o->pkg->loc.file, t->origin.line, 0}, true,
		     "task '%s' is on a cycle of precedence constraints", t->origin.object);
	}
}

/* ---- bodies ------------------------------------------------------------------------- */

static void lower_body(Orch *o, const AstControl *c, const char *parent, const char *path, int depth);

/* System::Propagate = false in the handler's variables. */
static bool no_propagate(const AstControl *h)
{
	for (uint32_t i = 0; i < h->params.len; i++) {
		const AstParam *p = h->params.items[i];
		if (strcmp(p->name, "System::Propagate") == 0 && p->default_value)
			return strcmp(p->default_value, "0") == 0 || ascii_ieq(p->default_value, "false");
	}
	return false;
}

static void lower_handlers(Orch *o, const PtrVec *handlers, const IrTask *owner, const char *parent,
			   const char *owner_path, int depth)
{
	for (uint32_t i = 0; i < handlers->len; i++) {
		const AstControl *h = handlers->items[i];
		const char *name =
		    owner ? arena_sprintf(o->a, "%s %s", owner->origin.object, h->name) : h->name;
		IrTask *it = new_task(o, name, "Event Handler", h->loc.line, parent);
		it->type = TASK_T_EVENT_HANDLER;
		it->event = h->name;
		it->owner = owner ? owner->id : NULL;
		it->no_propagate = no_propagate(h);
		ptrvec_push(o->a, &o->wf->tasks, it);
		const char *path = arena_sprintf(o->a, "%s.EventHandlers[%s]", owner_path, h->name);
		lower_body(o, h, it->id, path, depth + 1);
	}
}

/* The tasks of one container in dependency order, each followed by its
 * children and its event handlers. */
static void lower_body(Orch *o, const AstControl *c, const char *parent, const char *path, int depth)
{
	if (depth > 32)
		return;
	PtrVec level = {0};
	const char **paths = ARENA_NEWN(o->a, const char *, c->tasks.len + 1);
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		paths[i] = t->sub ? t->sub->name : arena_sprintf(o->a, "%s\\%s", path, t->name);
		ptrvec_push(o->a, &level, lower_task(o, t, parent, paths[i]));
	}
	for (uint32_t i = 0; i < c->links.len; i++)
		lower_link(o, c->links.items[i], path);
	order(o, &level);
	for (uint32_t i = 0; i < level.len; i++) {
		IrTask *it = level.items[i];
		ptrvec_push(o->a, &o->wf->tasks, it);
		uint32_t k = 0;
		while (k < c->tasks.len && ir_of(o, c->tasks.items[k]) != it)
			k++;
		const AstTask *t = c->tasks.items[k];
		if (t->sub)
			lower_body(o, t->sub, it->id, paths[k], depth + 1);
		lower_handlers(o, &t->handlers, it, parent, paths[k], depth);
	}
}

static void lower_package(Arena *a, const AstDoc *doc, const AstControl *pkg, IrDoc *out, DiagSink *sink)
{
	Orch o = {.a = a, .doc = doc, .sink = sink, .pkg = pkg};
	strmap_init(&o.ids, a, false);
	IrWorkflow *wf = ARENA_NEW(a, IrWorkflow);
	o.wf = wf;
	wf->name = pkg->name;
	wf->origin.object = pkg->name;
	wf->origin.kind = "Package";
	wf->origin.line = pkg->loc.line;
	const char *root = "Package"; /* the refId of every package's root executable */
	lower_body(&o, pkg, NULL, root, 0);
	lower_handlers(&o, &pkg->handlers, NULL, NULL, root, 0);
	SsisScope sc = scope_at(&o, root);
	ssis_workflow_params(&sc, &o.refs, &wf->parameters);
	ptrvec_push(a, &out->workflows, wf);
}

void ssis_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink)
{
	expr_parse_doc((AstDoc *)doc); /* a cache: idempotent */
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len; j++) {
			const AstControl *c = f->controls.items[j];
			if (c->kind == CTRL_PACKAGE)
				lower_package(a, doc, c, out, sink);
		}
	}
}
