/* pc_params.c - PowerCenter parameters, variables and connections to the
 * pipeline IR (src/rules): a pipeline's and a workflow's IrParams with the
 * parameter-file values that reach them, a pipeline's IrConnections, and
 * the PostgreSQL type of an AstType.  See pc.h and docs/orchestration.md.
 */
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/expr.h"
#include "rules/pc.h"

const char *pc_pg_type(Arena *a, const AstType *t)
{
	switch (t->kind) {
	case TY_BOOLEAN: return "boolean";
	case TY_SMALLINT: return "smallint";
	case TY_INTEGER: return "integer";
	case TY_BIGINT: return "bigint";
	case TY_DECIMAL:
		/* PostgreSQL's numeric takes 1..1000 digits and 0 <= scale <= precision */
		if (t->precision <= 0 || t->precision > 1000)
			return "numeric";
		return arena_sprintf(a, "numeric(%d,%d)", (int)t->precision,
				     t->scale > 0 && t->scale <= t->precision ? (int)t->scale : 0);
	case TY_DOUBLE: return "double precision";
	case TY_DATE: return "date";
	case TY_TIME: return "time";
	case TY_TIMESTAMP: return "timestamp";
	case TY_TIMESTAMP_TZ: return "timestamptz";
	case TY_BINARY: return "bytea";
	case TY_STRING:
	case TY_UNKNOWN:
	case TY_GEOMETRY:
	case TY_OBJECT:
	default: return "text";
	}
}

const char *pc_param_setting(Arena *a, const char *name)
{
	return arena_sprintf(a, "akko.%s", expr_param_key(a, name));
}

/* ---- which parameter-file values apply ------------------------------------ */

/* The section a value was read from: the last header above its line. */
static const AstParamSection *value_section(const AstDoc *doc, const AstParamValue *v)
{
	const AstParamSection *best = NULL;
	for (uint32_t i = 0; i < doc->param_files.len; i++) {
		const AstParamFile *pf = doc->param_files.items[i];
		for (uint32_t j = 0; j < pf->sections.len; j++) {
			const AstParamSection *s = pf->sections.items[j];
			if (s->loc.file == v->loc.file && s->loc.line <= v->loc.line &&
			    (!best || s->loc.line > best->loc.line))
				best = s;
		}
	}
	return best;
}

static const AstFlow *task_mapping(const AstTask *t)
{
	if (t->session && t->session->mapping)
		return t->session->mapping;
	if (t->def && t->def->session)
		return t->def->session->mapping;
	return NULL;
}

/* Does `c` (or a worklet it runs) run `m`, through session `session` when
 * one is named? */
static bool control_runs(const AstControl *c, const AstFlow *m, const char *session, int depth)
{
	for (uint32_t i = 0; c && depth < 16 && i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		if (t->kind == TASK_RUN_FLOW && task_mapping(t) == m &&
		    (!session || ascii_ieq(t->name, session) || (t->def && ascii_ieq(t->def->name, session))))
			return true;
		if (t->sub && control_runs(t->sub, m, session, depth + 1))
			return true;
	}
	return false;
}

static const AstControl *find_control(const AstDoc *doc, const char *name)
{
	for (uint32_t i = 0; name && i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len; j++) {
			const AstControl *c = f->controls.items[j];
			if (ascii_ieq(c->name, name))
				return c;
		}
	}
	return NULL;
}

static bool applies_to_pipeline(const AstDoc *doc, const AstParamValue *v, const AstFlow *m,
				const char *session)
{
	if (!v->applies_to)
		return true; /* [Global] */
	const AstParamSection *s = value_section(doc, v);
	if (!s || !s->matched)
		return false;
	if (s->session)
		return session && ascii_ieq(s->session, session);
	const AstControl *c = find_control(doc, s->workflow);
	return c && control_runs(c, m, session, 0);
}

static bool applies_to_control(const AstDoc *doc, const AstParamValue *v, const AstControl *c)
{
	if (!v->applies_to)
		return true;
	const AstParamSection *s = value_section(doc, v);
	if (!s || !s->matched || s->session)
		return false;
	const char *name = s->worklet ? s->worklet : s->workflow;
	return name && ascii_ieq(name, c->name);
}

/* ---- building IrParams ------------------------------------------------------ */

typedef bool (*AppliesFn)(const AstDoc *doc, const AstParamValue *v, const void *ctx);

typedef struct PipeCtx {
	const AstFlow *m;
	const char *session;
} PipeCtx;

static bool pipe_applies(const AstDoc *doc, const AstParamValue *v, const void *ctx)
{
	const PipeCtx *p = ctx;
	return applies_to_pipeline(doc, v, p->m, p->session);
}

static bool control_applies(const AstDoc *doc, const AstParamValue *v, const void *ctx)
{
	return applies_to_control(doc, v, ctx);
}

static const char *param_kind(const AstParam *p)
{
	if (p->name[0] == '$' && p->name[1] != '$')
		return "session_parameter"; /* $DBConnection_X, $InputFile_X, $PM... */
	return p->kind == PARAM_VARIABLE ? "variable" : "parameter";
}

static IrParam *make_param(Arena *a, const AstDoc *doc, const AstParam *p, const char *origin,
			   AppliesFn applies, const void *ctx)
{
	IrParam *ip = ARENA_NEW(a, IrParam);
	ip->name = p->name;
	ip->setting = pc_param_setting(a, p->name);
	ip->kind = param_kind(p);
	/* parameter files give text, and the translator reads undeclared names as text */
	ip->type = p->declared ? pc_pg_type(a, &p->type) : "text";
	ip->default_value = p->sensitive ? NULL : p->default_value;
	ip->origin = origin;
	ip->line = p->declared ? p->loc.line : 0;
	for (uint32_t i = 0; !p->sensitive && i < p->values.len; i++) {
		const AstParamValue *v = p->values.items[i];
		if (!applies(doc, v, ctx))
			continue;
		IrParamValue *iv = ARENA_NEW(a, IrParamValue);
		iv->value = v->value;
		iv->file = v->loc.file ? v->loc.file->path : NULL;
		iv->line = v->loc.line;
		iv->section = v->section;
		ptrvec_push(a, &ip->values, iv);
	}
	return ip;
}

static IrParam *system_param(Arena *a, const char *name)
{
	IrParam *ip = ARENA_NEW(a, IrParam);
	ip->name = name;
	ip->setting = pc_param_setting(a, name);
	ip->kind = "parameter";
	ip->type = "text";
	ip->origin = "system";
	return ip;
}

/* ---- references in texts ---------------------------------------------------- */

static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Every "$$NAME" and "$NAME" in `text`, once, in order of first use. */
static void scan_refs(Arena *a, const char *text, StrMap *seen, PtrVec *names)
{
	for (const char *p = text ? strchr(text, '$') : NULL; p; p = strchr(p, '$')) {
		const char *s = p;
		p += p[1] == '$' ? 2 : 1;
		const char *e = p;
		while (name_char(*e))
			e++;
		if (e == p)
			continue;
		const char *name = arena_strndup(a, s, (size_t)(e - s));
		if (!strmap_put(seen, name, (void *)name))
			ptrvec_push(a, names, (void *)name);
		p = e;
	}
}

static void scan_props(Arena *a, const PtrVec *props, StrMap *seen, PtrVec *names)
{
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *p = props->items[i];
		scan_refs(a, p->expr ? p->expr->text : p->value, seen, names);
	}
}

static void scan_step(Arena *a, const AstStep *s, StrMap *seen, PtrVec *names)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->expr)
			scan_refs(a, p->expr->text, seen, names);
	}
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		if (g->cond)
			scan_refs(a, g->cond->text, seen, names);
	}
	scan_props(a, &s->props, seen, names);
	if (s->table)
		scan_props(a, &s->table->props, seen, names);
}

static void scan_session(Arena *a, const AstSession *s, StrMap *seen, PtrVec *names)
{
	for (uint32_t i = 0; s && i < s->overrides.len; i++) {
		const AstOverride *o = s->overrides.items[i];
		scan_props(a, &o->props, seen, names);
		for (uint32_t k = 0; k < o->connections.len; k++) {
			const AstConnRef *r = o->connections.items[k];
			scan_refs(a, r->variable, seen, names);
		}
	}
	if (s)
		scan_props(a, &s->props, seen, names);
}

/* Session definitions and instances named `name` that run `m`. */
static void scan_sessions_in(Arena *a, const AstControl *c, const AstFlow *m, const char *name, StrMap *seen,
			     PtrVec *names, int depth)
{
	for (uint32_t i = 0; c && depth < 16 && i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		if (t->kind == TASK_RUN_FLOW && task_mapping(t) == m &&
		    (ascii_ieq(t->name, name) || (t->def && ascii_ieq(t->def->name, name)))) {
			if (t->def)
				scan_session(a, t->def->session, seen, names);
			scan_session(a, t->session, seen, names);
		}
		if (t->sub)
			scan_sessions_in(a, t->sub, m, name, seen, names, depth + 1);
	}
}

static const AstParam *find_param(const PtrVec *v, const char *name)
{
	for (uint32_t i = 0; i < v->len; i++) {
		const AstParam *p = v->items[i];
		if (ascii_ieq(p->name, name))
			return p;
	}
	return NULL;
}

/* The names referenced that nothing declares: parameter-file-only ones
 * from doc->params, and the engine's $PM... variables. */
static void add_referenced(Arena *a, const AstDoc *doc, const PtrVec *declared, const PtrVec *names,
			   AppliesFn applies, const void *ctx, PtrVec *out)
{
	for (uint32_t i = 0; i < names->len; i++) {
		const char *name = names->items[i];
		if (find_param(declared, name))
			continue;
		const AstParam *p = find_param(&doc->params, name);
		if (p)
			ptrvec_push(a, out, make_param(a, doc, p, "parameter_file", applies, ctx));
		else if (strncmp(name, "$PM", 3) == 0)
			ptrvec_push(a, out, system_param(a, name));
	}
}

/* A mapplet's parameters and variables belong to the mapplet: its own
 * steps read them.  Those that an expanded instance reads (a step whose
 * scope is the instance) join the pipeline once, after the mapping's own;
 * a name the mapping or an earlier mapplet declares stays theirs, as the
 * SQL reads one setting per name (docs/pipeline-yaml.md). */
static void add_mapplet_params(Arena *a, const AstDoc *doc, const AstFlow *mapping, PtrVec *declared,
			       const PipeCtx *ctx, PtrVec *out)
{
	for (uint32_t i = 0; i < mapping->expansions.len; i++) {
		const AstExpansion *x = mapping->expansions.items[i];
		if (!x->mapplet || !x->mapplet->params.len)
			continue;
		StrMap seen;
		strmap_init(&seen, a, true);
		PtrVec names = {0};
		for (uint32_t k = 0; k < mapping->steps.len; k++) {
			const AstStep *s = mapping->steps.items[k];
			if (!s->scope || strcmp(s->scope, x->instance) != 0)
				continue;
			scan_step(a, s, &seen, &names);
			if (s->def)
				scan_step(a, s->def, &seen, &names);
		}
		for (uint32_t k = 0; k < x->mapplet->params.len; k++) {
			AstParam *p = x->mapplet->params.items[k];
			if (!strmap_get(&seen, p->name) || find_param(declared, p->name))
				continue;
			ptrvec_push(a, declared, p);
			ptrvec_push(a, out, make_param(a, doc, p, "mapplet", pipe_applies, ctx));
		}
	}
}

void pc_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *mapping, const char *session, PtrVec *out)
{
	PipeCtx ctx = {mapping, session};
	for (uint32_t i = 0; i < mapping->params.len; i++)
		ptrvec_push(a, out,
			    make_param(a, doc, mapping->params.items[i], "mapping", pipe_applies, &ctx));
	StrMap seen;
	strmap_init(&seen, a, true);
	PtrVec names = {0};
	for (uint32_t i = 0; i < mapping->defs.len; i++)
		scan_step(a, mapping->defs.items[i], &seen, &names);
	for (uint32_t i = 0; i < mapping->steps.len; i++) {
		const AstStep *s = mapping->steps.items[i];
		scan_step(a, s, &seen, &names);
		if (s->def)
			scan_step(a, s->def, &seen, &names);
	}
	for (uint32_t i = 0; i < mapping->params.len; i++) {
		const AstParam *p = mapping->params.items[i];
		if (p->expr)
			scan_refs(a, p->expr->text, &seen, &names);
	}
	for (uint32_t i = 0; session && i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->tasks.len; j++) {
			const AstTask *t = f->tasks.items[j];
			if (t->session && t->session->mapping == mapping && ascii_ieq(t->name, session))
				scan_session(a, t->session, &seen, &names);
		}
		for (uint32_t j = 0; j < f->controls.len; j++)
			scan_sessions_in(a, f->controls.items[j], mapping, session, &seen, &names, 0);
	}
	PtrVec declared = {0};
	for (uint32_t i = 0; i < mapping->params.len; i++)
		ptrvec_push(a, &declared, mapping->params.items[i]);
	add_mapplet_params(a, doc, mapping, &declared, &ctx, out);
	add_referenced(a, doc, &declared, &names, pipe_applies, &ctx, out);
}

/* Conditions and assignments of a control's tasks. */
static void scan_control(Arena *a, const AstControl *c, StrMap *seen, PtrVec *names)
{
	for (uint32_t i = 0; i < c->links.len; i++) {
		const AstLink *l = c->links.items[i];
		if (l->cond)
			scan_refs(a, l->cond->text, seen, names);
	}
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		const AstTask *t = c->tasks.items[i];
		const AstTask *d = t->def ? t->def : t;
		if (t->kind != TASK_DECISION && t->kind != TASK_ASSIGNMENT)
			continue;
		scan_props(a, &d->props, seen, names);
		for (uint32_t k = 0; k < d->commands.len; k++) {
			const AstCommand *cmd = d->commands.items[k];
			scan_refs(a, cmd->name, seen, names);
			if (cmd->value)
				scan_refs(a, cmd->value->text, seen, names);
		}
	}
}

void pc_workflow_params(Arena *a, const AstDoc *doc, const AstControl *control, PtrVec *out)
{
	for (uint32_t i = 0; i < control->params.len; i++) {
		const AstParam *p = control->params.items[i];
		if (p->scope == SCOPE_SYSTEM || !p->user_defined)
			continue; /* $task.Status and the like: docs/orchestration.md */
		ptrvec_push(a, out, make_param(a, doc, p, "workflow", control_applies, control));
	}
	StrMap seen;
	strmap_init(&seen, a, true);
	PtrVec names = {0};
	scan_control(a, control, &seen, &names);
	add_referenced(a, doc, &control->params, &names, control_applies, control, out);
}

/* ---- connections ------------------------------------------------------------ */

static const char *conn_kind(const char *kind)
{
	if (!kind || !*kind)
		return "relational";
	if (ascii_ieq(kind, "Relational"))
		return "relational";
	if (ascii_ieq(kind, "FTP"))
		return "ftp";
	if (ascii_ieq(kind, "Application"))
		return "application";
	if (ascii_ieq(kind, "Flat File") || ascii_ieq(kind, "File") || ascii_ieq(kind, "FlatFile"))
		return "flat_file";
	return "other";
}

static void add_conn(Arena *a, PtrVec *out, const char *name, const char *kind, const char *subtype,
		     const char *role)
{
	if (!name || !*name)
		return;
	for (uint32_t i = 0; i < out->len; i++) {
		const IrConnection *c = out->items[i];
		if (strcmp(c->name, name) == 0 && strcmp(c->role, role) == 0)
			return;
	}
	IrConnection *c = ARENA_NEW(a, IrConnection);
	c->name = name;
	c->kind = kind;
	c->subtype = subtype && *subtype ? subtype : NULL;
	c->role = role;
	ptrvec_push(a, out, c);
}

static const AstStep *find_step(const AstFlow *m, const char *name)
{
	for (uint32_t i = 0; i < m->steps.len; i++) {
		const AstStep *s = m->steps.items[i];
		if (ascii_ieq(s->name, name))
			return s;
	}
	return NULL;
}

static const char *step_role(const AstStep *s, const AstOverride *o)
{
	if (s && s->kind == STEP_LOOKUP)
		return "lookup";
	if (s && s->kind == STEP_TARGET)
		return "target";
	if (s && (s->kind == STEP_SOURCE || s->kind == STEP_SOURCE_QUERY))
		return "source";
	if (o->ext_type && ascii_ieq(o->ext_type, "WRITER"))
		return "target";
	if (o->instance_type && strstr(o->instance_type, "Lookup"))
		return "lookup";
	return "source";
}

static void session_conns(Arena *a, const AstFlow *m, const AstSession *s, PtrVec *out)
{
	for (uint32_t i = 0; i < s->overrides.len; i++) {
		const AstOverride *o = s->overrides.items[i];
		const char *role = step_role(find_step(m, o->instance), o);
		for (uint32_t k = 0; k < o->connections.len; k++) {
			const AstConnRef *r = o->connections.items[k];
			if (r->conn)
				add_conn(a, out, r->conn->name, conn_kind(r->conn->kind), r->conn->subtype,
					 role);
		}
	}
}

/* "Connection Information" of a lookup: "$Source", "$Target",
 * "Relational:NAME" or a connection name. */
static void lookup_conns(Arena *a, const AstFlow *m, PtrVec *out)
{
	for (uint32_t i = 0; i < m->steps.len; i++) {
		const AstStep *s = m->steps.items[i];
		if (s->kind != STEP_LOOKUP)
			continue;
		const AstProp *p = ast_props_find(&s->props, SET_CONNECTION);
		if (!p && s->def)
			p = ast_props_find(&s->def->props, SET_CONNECTION);
		if (!p || !*p->value)
			continue;
		const char *v = p->value, *colon = strchr(v, ':');
		if (colon && !strchr(v, '$'))
			add_conn(a, out, colon + 1, conn_kind(arena_strndup(a, v, (size_t)(colon - v))), NULL,
				 "lookup");
		else
			add_conn(a, out, v, "relational", NULL, "lookup");
	}
}

static void table_conns(Arena *a, const AstFlow *m, PtrVec *out)
{
	for (uint32_t i = 0; i < m->steps.len; i++) {
		const AstStep *s = m->steps.items[i];
		if ((s->kind != STEP_SOURCE && s->kind != STEP_TARGET) || !s->table || s->table->is_file)
			continue;
		add_conn(a, out, s->table->db_name, "relational", s->table->db_type,
			 s->kind == STEP_SOURCE ? "source" : "target");
	}
}

void pc_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *mapping,
			     const AstSession *session_or_null, PtrVec *out)
{
	(void)doc;
	if (session_or_null)
		session_conns(a, mapping, session_or_null, out);
	else
		table_conns(a, mapping, out);
	lookup_conns(a, mapping, out);
}
