/* ssis_params.c - SSIS variables, parameters, property expressions and
 * connection managers to the pipeline IR (src/rules): the IrParams a data
 * flow or a package reads, with where each comes from, and a data flow's
 * IrConnections.  See ssis_rules.h and docs/orchestration.md ("SSIS").
 *
 * Names follow "Integration Services (SSIS) Variables" (a variable belongs
 * to the container that declares it and is visible in that container and
 * the ones inside it; the innermost declaration wins) and "Integration
 * Services (SSIS) Parameters" ($Package:: and $Project:: parameters, whose
 * project values live outside the package file), Microsoft Learn.
 */
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "rules/pc.h"
#include "rules/ssis_rules.h"

/* ---- finding a declaration ---------------------------------------------- */

/* Does the container or task at `owner` enclose `path`?  Paths are refId
 * paths: "Package", "Package\Seq\Task", "Package.EventHandlers[OnError]\T". */
static bool encloses(const char *owner, const char *path)
{
	if (!owner || !path)
		return owner == NULL;
	size_t n = strlen(owner);
	return strncmp(owner, path, n) == 0 && (path[n] == '\0' || path[n] == '\\' || path[n] == '.');
}

/* The part after "Namespace::", or the whole name. */
static const char *bare_name(const char *name)
{
	const char *c = strstr(name, "::");
	return c ? c + 2 : name;
}

static bool names_match(const char *declared, const char *spelling)
{
	if (strstr(spelling, "::"))
		return ascii_ieq(declared, spelling);
	return declared[0] != '$' && ascii_ieq(bare_name(declared), spelling); /* @[X]: any namespace */
}

typedef struct Best {
	const SsisScope *sc;
	const char *spelling;
	const AstParam *p;
	size_t depth; /* length of the owner of `p` */
} Best;

static void find_in(Best *b, const AstControl *c, int depth);

static void find_in_tasks(Best *b, const PtrVec *tasks, int depth)
{
	for (uint32_t i = 0; i < tasks->len; i++) {
		const AstTask *t = tasks->items[i];
		if (t->sub)
			find_in(b, t->sub, depth + 1);
		for (uint32_t k = 0; k < t->handlers.len; k++)
			find_in(b, t->handlers.items[k], depth + 1);
	}
}

static void find_in(Best *b, const AstControl *c, int depth)
{
	if (depth > 32)
		return;
	for (uint32_t i = 0; i < c->params.len; i++) {
		const AstParam *p = c->params.items[i];
		size_t d = p->owner ? strlen(p->owner) : 0;
		if (names_match(p->name, b->spelling) && encloses(p->owner, b->sc->path) &&
		    (!b->p || d > b->depth)) {
			b->p = p;
			b->depth = d;
		}
	}
	find_in_tasks(b, &c->tasks, depth);
	for (uint32_t k = 0; k < c->handlers.len; k++)
		find_in(b, c->handlers.items[k], depth + 1);
}

const AstParam *ssis_find_var(const SsisScope *sc, const char *spelling)
{
	Best b = {.sc = sc, .spelling = spelling};
	if (sc->pkg)
		find_in(&b, sc->pkg, 0);
	if (b.p)
		return b.p;
	for (uint32_t i = 0; i < sc->doc->params.len; i++) {
		const AstParam *p = sc->doc->params.items[i];
		if (names_match(p->name, spelling))
			return p;
	}
	return NULL;
}

/* ---- types ---------------------------------------------------------------- */

/* The system variables of "System Variables" (Microsoft Learn,
 * learn.microsoft.com/sql/integration-services/system-variables), with
 * their types: packages', containers', tasks' and event handlers'. */
static const struct {
	const char *name;
	TypeKind kind;
} system_vars[] = {
    {"CancelEvent", TY_INTEGER},
    {"CreationDate", TY_TIMESTAMP},
    {"CreatorComputerName", TY_STRING},
    {"CreatorName", TY_STRING},
    {"ExecutionInstanceGUID", TY_STRING},
    {"FailedConfigurations", TY_STRING},
    {"IgnoreConfigurationsOnLoad", TY_BOOLEAN},
    {"InteractiveMode", TY_BOOLEAN},
    {"LocaleId", TY_INTEGER},
    {"MachineName", TY_STRING},
    {"OfflineMode", TY_BOOLEAN},
    {"PackageID", TY_STRING},
    {"PackageName", TY_STRING},
    {"ServerExecutionID", TY_BIGINT},
    {"StartTime", TY_TIMESTAMP},
    {"UserName", TY_STRING},
    {"VersionBuild", TY_INTEGER},
    {"VersionComment", TY_STRING},
    {"VersionGUID", TY_STRING},
    {"VersionMajor", TY_INTEGER},
    {"VersionMinor", TY_INTEGER},
    {"ContainerStartTime", TY_TIMESTAMP},
    {"TaskID", TY_STRING},
    {"TaskName", TY_STRING},
    {"TaskTransactionOption", TY_INTEGER},
    {"Cancel", TY_BOOLEAN},
    {"ErrorCode", TY_INTEGER},
    {"ErrorDescription", TY_STRING},
    {"EventHandlerStartTime", TY_TIMESTAMP},
    {"Propagate", TY_BOOLEAN},
    {"SourceDescription", TY_STRING},
    {"SourceID", TY_STRING},
    {"SourceName", TY_STRING},
    {"SourceParentGUID", TY_STRING},
    {"VariableDescription", TY_STRING},
    {"VariableID", TY_STRING},
    {"VariableName", TY_STRING},
    {"VariableValue", TY_STRING},
};

/* The system variable `name` (without "System::"), or -1. */
static int system_var(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(system_vars); i++)
		if (ascii_ieq(name, system_vars[i].name))
			return (int)i;
	return -1;
}

static TypeKind var_type(const AstParam *p, const char *spelling)
{
	if (p && p->type.kind != TY_UNKNOWN)
		return p->type.kind;
	if (p && p->scope != SCOPE_SYSTEM)
		return TY_STRING;
	int k = system_var(bare_name(spelling));
	if (k >= 0 && (!p || strncmp(p->name, "System::", 8) == 0) &&
	    (!strstr(spelling, "::") || strncmp(spelling, "System::", 8) == 0))
		return system_vars[k].kind;
	return TY_STRING;
}

/* ---- translation ---------------------------------------------------------- */

static void add_ref(SsisScope *sc, const char *name)
{
	if (!sc->refs)
		return;
	const char *key = expr_param_key(sc->a, name);
	for (uint32_t i = 0; i < sc->refs->len; i++)
		if (strcmp(expr_param_key(sc->a, sc->refs->items[i]), key) == 0)
			return;
	ptrvec_push(sc->a, sc->refs, (void *)name);
}

const ExprBinding *ssis_resolve(void *ud, BindKind what, const char *name)
{
	SsisScope *sc = ud;
	if (what != BIND_PARAM)
		return NULL; /* a control-flow expression has no columns */
	add_ref(sc, name);
	const AstParam *p = ssis_find_var(sc, name);
	if (!p && (strncmp(name, "System::", 8) != 0 || system_var(name + 8) < 0))
		return NULL;
	ExprBinding *b = ARENA_NEW(sc->a, ExprBinding);
	b->kind = BIND_PARAM;
	b->name = name;
	b->type = expr_type_from_ast(var_type(p, name));
	b->declared = true;
	return b;
}

const char *ssis_canonical(const SsisScope *sc, const char *spelling)
{
	const AstParam *p = ssis_find_var(sc, spelling);
	if (p)
		return p->name;
	if (!strstr(spelling, "::") && system_var(spelling) >= 0) /* @[PackageID] */
		return arena_sprintf(sc->a, "System::%s", spelling);
	return spelling;
}

/* Every variable spelled as declared ("@Tries" reads "User::Tries"), so
 * one variable is one setting in the orchestration. */
static void canonical_names(const SsisScope *sc, Expr *e)
{
	if (e->kind == EX_PARAM)
		e->name = ssis_canonical(sc, e->name);
	for (uint32_t i = 0; i < e->nargs; i++)
		canonical_names(sc, e->args[i]);
}

const char *ssis_translate(SsisScope *sc, const AstExpr *e, bool condition, double *confidence,
			   PtrVec *issues, const char **why)
{
	ExprEnv env = {.lang = expr_language(LANG_SSIS),
		       .dialect = &dialect_postgres,
		       .condition = condition,
		       .resolve = ssis_resolve,
		       .ud = sc};
	ExprResult r = {0};
	const ExprParsed *parsed = expr_parsed(e);
	if (parsed && parsed->tree) {
		Expr *t = expr_clone(sc->a, parsed->tree);
		canonical_names(sc, t);
		env.lang = parsed->lang;
		expr_translate_tree(sc->a, &env, t, &r);
	} else {
		expr_translate_ast(sc->a, &env, e, &r);
	}
	if (issues)
		*issues = r.issues;
	if (confidence)
		*confidence = r.sql ? r.confidence : 0;
	if (!r.sql && why) {
		*why = "unsupported";
		for (uint32_t i = 0; i < r.issues.len; i++) {
			const ExprIssue *is = r.issues.items[i];
			if (diag_code_severity(is->code) == DIAG_ERROR) {
				*why = is->msg;
				break;
			}
		}
	}
	return r.sql;
}

/* ---- parameters ----------------------------------------------------------- */

static bool in_list(const PtrVec *v, const void *p)
{
	for (uint32_t i = 0; i < v->len; i++)
		if (v->items[i] == p)
			return true;
	return false;
}

/* A parameter the package or one of its containers declares. */
static IrParam *declared_param(SsisScope *sc, const AstParam *p, const char *spelling)
{
	IrParam *ip = ARENA_NEW(sc->a, IrParam);
	ip->name = p->name;
	ip->setting = pc_param_setting(sc->a, spelling);
	ip->kind = p->kind == PARAM_PARAMETER ? "parameter" : "variable";
	AstType t = p->type;
	t.kind = var_type(p, spelling);
	ip->type = pc_pg_type(sc->a, &t);
	ip->sensitive = p->sensitive;
	ip->default_value = p->sensitive ? NULL : p->default_value;
	bool package = sc->pkg && in_list(&sc->pkg->params, p);
	ip->origin = package ? "package" : "container";
	ip->scope = package ? NULL : p->owner;
	ip->line = p->loc.line;
	if (p->expr && !p->sensitive) {
		/* EvaluateAsExpression: the runner computes it when it is read */
		SsisScope in = *sc;
		in.path = p->owner ? p->owner : sc->path;
		ip->expression = p->expr->text;
		ip->expression_sql = ssis_translate(&in, p->expr, false, NULL, NULL, NULL);
	}
	return ip;
}

IrParam *ssis_param(SsisScope *sc, const char *spelling)
{
	const AstParam *p = ssis_find_var(sc, spelling);
	if (p && p->declared)
		return declared_param(sc, p, spelling);
	IrParam *ip = ARENA_NEW(sc->a, IrParam);
	ip->name = p ? p->name : spelling;
	ip->setting = pc_param_setting(sc->a, spelling);
	AstType t = ast_type_unknown();
	t.kind = var_type(p, spelling);
	ip->type = pc_pg_type(sc->a, &t);
	if ((p && p->scope == SCOPE_PROJECT) || strncmp(spelling, "$Project::", 10) == 0) {
		ip->kind = "parameter";
		ip->origin = "project"; /* its value is set in the project or the catalog */
	} else if ((p && p->scope == SCOPE_SYSTEM) || strncmp(spelling, "System::", 8) == 0) {
		ip->kind = "variable";
		ip->origin = "system";
	} else {
		ip->kind = strncmp(spelling, "$Package::", 10) == 0 ? "parameter" : "variable";
		ip->origin = "reference"; /* declared nowhere in this file */
	}
	return ip;
}

/* "[Source].[SqlCommand]" as a setting key: brackets dropped. */
static const char *property_key(Arena *a, const char *owner, const char *prop)
{
	Sbuf b = SBUF_INIT;
	for (const char *c = prop; *c; c++)
		if (*c != '[' && *c != ']')
			sbuf_addch(&b, *c);
	const char *k = arena_sprintf(a, "akko.%s__%s", expr_param_key(a, owner), expr_param_key(a, b.buf));
	sbuf_release(&b);
	return k;
}

/* Does `s` name or hold a password ("Password", "Pwd=...")? */
static bool secret_text(const char *s)
{
	static const char *const words[] = {"password", "pwd="};
	for (const char *c = s; *c; c++)
		for (size_t k = 0; k < ARRAY_LEN(words); k++) {
			size_t n = strlen(words[k]), i = 0;
			while (i < n && c[i] && (c[i] | 32) == words[k][i])
				i++;
			if (i == n)
				return true;
		}
	return false;
}

void ssis_property_params(SsisScope *sc, const char *owner_name, const char *owner_path, const PtrVec *props,
			  PtrVec *out)
{
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *p = props->items[i];
		if (!p->expr || p->key != SET_NONE || p->expr->lang != LANG_SSIS)
			continue;
		IrParam *ip = ARENA_NEW(sc->a, IrParam);
		ip->name = arena_sprintf(sc->a, "%s.%s", owner_name, p->name);
		ip->setting = property_key(sc->a, owner_name, p->name);
		ip->kind = "property";
		ip->type = "text";
		ip->origin = "property_expression";
		ip->scope = owner_path;
		ip->line = p->loc.line;
		ip->property = p->name;
		if (secret_text(p->name) || secret_text(p->expr->text)) {
			ip->sensitive = true; /* a password, or a connection string with one: not kept */
			ptrvec_push(sc->a, out, ip);
			continue;
		}
		ip->expression = p->expr->text;
		SsisScope in = *sc;
		in.path = owner_path;
		ip->expression_sql = ssis_translate(&in, p->expr, false, NULL, NULL, NULL);
		ptrvec_push(sc->a, out, ip);
	}
}

static bool has_setting(const PtrVec *v, const char *setting)
{
	for (uint32_t i = 0; i < v->len; i++)
		if (ascii_ieq(((const IrParam *)v->items[i])->setting, setting))
			return true;
	return false;
}

/* The params of `refs` (which grows as expressions of EvaluateAsExpression
 * variables are translated) not already in `out`. */
static void add_refs(SsisScope *sc, PtrVec *refs, PtrVec *out)
{
	for (uint32_t i = 0; i < refs->len; i++) {
		const char *spelling = refs->items[i];
		if (has_setting(out, pc_param_setting(sc->a, spelling)))
			continue;
		ptrvec_push(sc->a, out, ssis_param(sc, spelling));
	}
}

/* ---- the package ---------------------------------------------------------- */

static void declared_in(SsisScope *sc, const AstControl *c, PtrVec *out, int depth);

static void declared_in_tasks(SsisScope *sc, const PtrVec *tasks, PtrVec *out, int depth)
{
	for (uint32_t i = 0; i < tasks->len; i++) {
		const AstTask *t = tasks->items[i];
		if (t->sub)
			declared_in(sc, t->sub, out, depth + 1);
		for (uint32_t k = 0; k < t->handlers.len; k++)
			declared_in(sc, t->handlers.items[k], out, depth + 1);
	}
}

static void declared_in(SsisScope *sc, const AstControl *c, PtrVec *out, int depth)
{
	if (depth > 32)
		return;
	for (uint32_t i = 0; i < c->params.len; i++) {
		const AstParam *p = c->params.items[i];
		if (p->scope == SCOPE_SYSTEM)
			continue; /* System::Propagate: the handler's `propagate` */
		ptrvec_push(sc->a, out, declared_param(sc, p, p->name));
	}
	declared_in_tasks(sc, &c->tasks, out, depth);
	for (uint32_t k = 0; k < c->handlers.len; k++)
		declared_in(sc, c->handlers.items[k], out, depth + 1);
}

/* Property expressions of `c` (named `name`), of its tasks and of
 * everything inside them, event handlers included. */
static void properties_in(SsisScope *sc, const AstControl *c, const char *name, const char *path, PtrVec *out,
			  int depth);

static void handler_properties(SsisScope *sc, const PtrVec *handlers, const char *owner_path, PtrVec *out,
			       int depth)
{
	for (uint32_t k = 0; k < handlers->len; k++) {
		const AstControl *h = handlers->items[k];
		properties_in(sc, h, h->name,
			      arena_sprintf(sc->a, "%s.EventHandlers[%s]", owner_path, h->name), out,
			      depth + 1);
	}
}

static void properties_in(SsisScope *sc, const AstControl *c, const char *name, const char *path, PtrVec *out,
			  int depth)
{
	if (depth > 32)
		return;
	ssis_property_params(sc, name, path, &c->props, out);
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		const char *tp = t->sub ? t->sub->name : arena_sprintf(sc->a, "%s\\%s", path, t->name);
		if (t->sub)
			properties_in(sc, t->sub, t->name, tp, out, depth + 1);
		else
			ssis_property_params(sc, t->name, tp, &t->props, out);
		handler_properties(sc, &t->handlers, tp, out, depth);
	}
	handler_properties(sc, &c->handlers, path, out, depth);
}

static void connection_properties(SsisScope *sc, const AstConnection *c, PtrVec *out)
{
	ssis_property_params(sc, c->name, arena_sprintf(sc->a, "Package.ConnectionManagers[%s]", c->name),
			     &c->props, out);
}

void ssis_workflow_params(SsisScope *sc, const PtrVec *refs, PtrVec *out)
{
	PtrVec all = {0}, props = {0}, more = *refs;
	SsisScope in = *sc;
	in.refs = &more;
	declared_in(&in, sc->pkg, &all, 0);
	properties_in(&in, sc->pkg, "Package", sc->path, &props, 0);
	for (uint32_t i = 0; i < sc->doc->connections.len; i++)
		connection_properties(&in, sc->doc->connections.items[i], &props);
	add_refs(&in, &more, &all);
	for (uint32_t i = 0; i < props.len; i++)
		ptrvec_push(sc->a, &all, props.items[i]);
	for (uint32_t i = 0; i < all.len; i++)
		ptrvec_push(sc->a, out, all.items[i]);
}

/* ---- a data flow ---------------------------------------------------------- */

/* The package holding the task that runs `flow`, and that task. */
static const AstTask *flow_task_in(const AstControl *c, const AstFlow *flow, int depth)
{
	for (uint32_t i = 0; c && depth < 32 && i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		if (t->kind == TASK_RUN_FLOW && t->session && t->session->mapping == flow)
			return t;
		const AstTask *in = t->sub ? flow_task_in(t->sub, flow, depth + 1) : NULL;
		for (uint32_t k = 0; !in && k < t->handlers.len; k++)
			in = flow_task_in(t->handlers.items[k], flow, depth + 1);
		if (in)
			return in;
	}
	for (uint32_t k = 0; c && depth < 32 && k < c->handlers.len; k++) {
		const AstTask *in = flow_task_in(c->handlers.items[k], flow, depth + 1);
		if (in)
			return in;
	}
	return NULL;
}

static const AstControl *doc_package(const AstDoc *doc, const AstFlow *flow, const AstTask **task)
{
	*task = NULL;
	const AstControl *first = NULL;
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len; j++) {
			const AstControl *c = f->controls.items[j];
			if (c->kind != CTRL_PACKAGE)
				continue;
			if (!first)
				first = c;
			if (flow && (*task = flow_task_in(c, flow, 0)) != NULL)
				return c;
		}
	}
	return first;
}

/* Every variable an SSIS expression of the AST reads, by its spelling. */
static void expr_refs(SsisScope *sc, const Expr *e)
{
	if (!e)
		return;
	if (e->kind == EX_PARAM)
		add_ref(sc, e->name);
	for (uint32_t i = 0; i < e->nargs; i++)
		expr_refs(sc, e->args[i]);
}

static void ast_expr_refs(SsisScope *sc, const AstExpr *e)
{
	if (!e || e->lang != LANG_SSIS)
		return;
	const ExprParsed *p = expr_parsed(e);
	if (p)
		expr_refs(sc, p->tree);
}

/* Props: their expressions, and a value naming a variable (a source's
 * "SqlCommandVariable", a variable the component reads by name). */
static void props_refs(SsisScope *sc, const PtrVec *props)
{
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *p = props->items[i];
		ast_expr_refs(sc, p->expr);
		if (!p->expr && p->value && strstr(p->value, "::") && !strchr(p->value, ' ')) {
			const AstParam *v = ssis_find_var(sc, p->value);
			if (v && v->declared)
				add_ref(sc, p->value);
		}
	}
}

static void step_refs(SsisScope *sc, const AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		ast_expr_refs(sc, p->expr);
	}
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		ast_expr_refs(sc, g->cond);
	}
	props_refs(sc, &s->props);
}

static const AstConnection *find_conn(const AstDoc *doc, const char *name)
{
	for (uint32_t i = 0; name && i < doc->connections.len; i++) {
		const AstConnection *c = doc->connections.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

void ssis_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session, PtrVec *out)
{
	(void)session;
	expr_parse_doc((AstDoc *)doc); /* a cache: idempotent */
	const AstTask *task;
	const AstControl *pkg = doc_package(doc, flow, &task);
	PtrVec refs = {0}, props = {0};
	SsisScope sc = {.a = a, .doc = doc, .pkg = pkg, .path = flow->name, .refs = &refs};
	for (uint32_t i = 0; i < flow->steps.len; i++)
		step_refs(&sc, flow->steps.items[i]);
	props_refs(&sc, &flow->props);
	if (task)
		ssis_property_params(&sc, task->name, flow->name, &task->props, &props);
	PtrVec seen = {0};
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		const AstProp *p =
		    ast_props_find(&((const AstStep *)flow->steps.items[i])->props, SET_CONNECTION);
		const AstConnection *c = p ? find_conn(doc, p->value) : NULL;
		if (c && !in_list(&seen, c)) {
			ptrvec_push(a, &seen, (void *)c);
			connection_properties(&sc, c, &props);
		}
	}
	add_refs(&sc, &refs, out);
	for (uint32_t i = 0; i < props.len; i++)
		ptrvec_push(a, out, props.items[i]);
}

const ExprBinding *ssis_flow_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder,
					   const AstFlow *flow, const char *name)
{
	(void)folder;
	const AstTask *task;
	SsisScope sc = {.a = a, .doc = doc, .pkg = doc_package(doc, flow, &task), .path = flow->name};
	return ssis_resolve(&sc, BIND_PARAM, name);
}

/* ---- connections ---------------------------------------------------------- */

/* The connection manager's CreationName ("Connection Managers", Microsoft
 * Learn) as a kind of the pipeline YAML. */
static const char *conn_kind(const char *kind)
{
	static const char *const relational[] = {"OLEDB", "ADO.NET",   "ADO",       "ODBC", "ORACLE",
						 "MSORA", "SQLMOBILE", "MSOLAP100", NULL};
	static const char *const files[] = {"FLATFILE", "FILE", "MULTIFLATFILE", "MULTIFILE", NULL};
	for (const char *const *k = relational; kind && *k; k++)
		if (ascii_ieq(kind, *k) || (strncmp(kind, *k, strlen(*k)) == 0 && kind[strlen(*k)] == ':'))
			return "relational";
	for (const char *const *k = files; kind && *k; k++)
		if (ascii_ieq(kind, *k))
			return "flat_file";
	if (kind && ascii_ieq(kind, "EXCEL"))
		return "excel";
	return "other";
}

static const char *step_role(const AstStep *s)
{
	switch (s->kind) {
	case STEP_SOURCE:
	case STEP_SOURCE_QUERY:
	case STEP_XML_SOURCE: return "source";
	case STEP_LOOKUP: return "lookup";
	case STEP_TARGET:
	case STEP_SQL:
	case STEP_STORED_PROCEDURE:
	case STEP_CHANGE_CAPTURE: return "target";
	default: return "source";
	}
}

void ssis_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *flow,
			       const AstSession *session_or_null, PtrVec *out)
{
	(void)session_or_null;
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		const AstStep *s = flow->steps.items[i];
		for (uint32_t k = 0; k < s->props.len; k++) {
			const AstProp *p = s->props.items[k];
			if (p->key != SET_CONNECTION || !p->value || !*p->value)
				continue;
			const AstConnection *c = find_conn(doc, p->value);
			const char *role = step_role(s);
			bool dup = false;
			for (uint32_t j = 0; j < out->len && !dup; j++) {
				const IrConnection *o = out->items[j];
				dup = strcmp(o->name, p->value) == 0 && strcmp(o->role, role) == 0;
			}
			if (dup)
				continue;
			IrConnection *ic = ARENA_NEW(a, IrConnection);
			ic->name = p->value;
			ic->kind = conn_kind(c ? c->kind : NULL);
			ic->subtype = c && c->subtype && *c->subtype ? c->subtype : NULL;
			ic->role = role;
			ptrvec_push(a, out, ic);
		}
	}
}
