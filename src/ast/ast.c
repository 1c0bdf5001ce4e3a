/* ast.c - kind names, constructors and queries for the workflow AST
 * (src/ast).
 */
#include "ast/ast.h"

#include <stdio.h>
#include <string.h>

#define NAME_ITEM(name, str, doc) str,
static const char *const tool_names[] = {TOOL_LIST(NAME_ITEM)};
static const char *const lang_names[] = {LANG_LIST(NAME_ITEM)};
static const char *const type_names[] = {TYPE_KIND_LIST(NAME_ITEM)};
static const char *const step_names[] = {STEP_KIND_LIST(NAME_ITEM)};
static const char *const role_names[] = {PORT_ROLE_LIST(NAME_ITEM)};
static const char *const group_names[] = {GROUP_KIND_LIST(NAME_ITEM)};
static const char *const flow_names[] = {FLOW_KIND_LIST(NAME_ITEM)};
static const char *const control_names[] = {CONTROL_KIND_LIST(NAME_ITEM)};
static const char *const task_names[] = {TASK_KIND_LIST(NAME_ITEM)};
static const char *const scope_names[] = {PARAM_SCOPE_LIST(NAME_ITEM)};
static const char *const param_kind_names[] = {PARAM_KIND_LIST(NAME_ITEM)};
static const char *const setting_names[] = {SETTING_LIST(NAME_ITEM)};
static const char *const link_on_names[] = {LINK_ON_LIST(NAME_ITEM)};
static const char *const setting_value_names[] = {SETTING_VALUE_LIST(NAME_ITEM)};
static const char *const agg_kind_names[] = {AGG_KIND_LIST(NAME_ITEM)};
#undef NAME_ITEM

const char *tool_name(Tool t)
{
	return tool_names[t];
}
const char *lang_name(ExprLang l)
{
	return lang_names[l];
}
const char *type_kind_name(TypeKind k)
{
	return type_names[k];
}
const char *step_kind_name(StepKind k)
{
	return step_names[k];
}
const char *port_role_name(PortRole r)
{
	return role_names[r];
}
const char *group_kind_name(GroupKind k)
{
	return group_names[k];
}
const char *flow_kind_name(FlowKind k)
{
	return flow_names[k];
}
const char *control_kind_name(ControlKind k)
{
	return control_names[k];
}
const char *task_kind_name(TaskKind k)
{
	return task_names[k];
}
const char *param_scope_name(ParamScope s)
{
	return scope_names[s];
}
const char *param_kind_name(ParamKind k)
{
	return param_kind_names[k];
}
const char *setting_name(Setting s)
{
	return setting_names[s];
}
const char *link_on_name(LinkOn l)
{
	return link_on_names[l];
}
const char *setting_value_name(SettingValue v)
{
	return setting_value_names[v];
}
const char *agg_kind_name(AggKind k)
{
	return agg_kind_names[k];
}

const char *port_dir_string(unsigned dir, char buf[64])
{
	static const struct {
		unsigned bit;
		const char *name;
	} dirs[] = {
#define DIR_ITEM(name, bit, str, doc) {bit, str},
	    PORT_DIR_LIST(DIR_ITEM)
#undef DIR_ITEM
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (!(dir & dirs[i].bit))
			continue;
		if (buf[0])
			strcat(buf, "|");
		strcat(buf, dirs[i].name);
	}
	if (!buf[0])
		strcpy(buf, "none");
	return buf;
}

void ast_push(AstDoc *d, PtrVec *v, void *item)
{
	ptrvec_push(d->arena, v, item);
}

AstDoc *ast_doc_new(Arena *a, Tool tool, const char *path)
{
	AstDoc *d = ARENA_NEW(a, AstDoc);
	d->arena = a;
	d->tool = tool;
	d->path = arena_strdup(a, path);
	return d;
}

AstFolder *ast_folder_new(AstDoc *d, const char *name)
{
	AstFolder *f = ARENA_NEW(d->arena, AstFolder);
	f->name = name;
	return f;
}

AstTable *ast_table_new(AstDoc *d, TableRole role, const char *name)
{
	AstTable *t = ARENA_NEW(d->arena, AstTable);
	t->role = role;
	t->name = name;
	return t;
}

AstFlow *ast_flow_new(AstDoc *d, FlowKind kind, const char *name)
{
	AstFlow *f = ARENA_NEW(d->arena, AstFlow);
	f->kind = kind;
	f->name = name;
	f->valid = true;
	return f;
}

AstStep *ast_step_new(AstDoc *d, StepKind kind, const char *name)
{
	AstStep *s = ARENA_NEW(d->arena, AstStep);
	s->kind = kind;
	s->name = name;
	return s;
}

AstType ast_type_unknown(void)
{
	return (AstType){TY_UNKNOWN, NULL, -1, -1, false};
}

AstPort *ast_port_new(AstDoc *d, const char *name)
{
	AstPort *p = ARENA_NEW(d->arena, AstPort);
	p->name = name;
	p->type = ast_type_unknown();
	p->nullable = true;
	return p;
}

AstGroup *ast_group_new(AstDoc *d, GroupKind kind, const char *name)
{
	AstGroup *g = ARENA_NEW(d->arena, AstGroup);
	g->kind = kind;
	g->name = name;
	return g;
}

AstEdge *ast_edge_new(AstDoc *d)
{
	return ARENA_NEW(d->arena, AstEdge);
}

AstProp *ast_prop_new(AstDoc *d, const char *name, const char *value)
{
	AstProp *p = ARENA_NEW(d->arena, AstProp);
	p->name = name;
	p->value = value ? value : "";
	return p;
}

AstElem *ast_elem_new(AstDoc *d, const char *tag)
{
	AstElem *e = ARENA_NEW(d->arena, AstElem);
	e->tag = tag;
	return e;
}

AstExpr *ast_expr_new(AstDoc *d, ExprLang lang, const char *text, SrcLoc loc)
{
	AstExpr *e = ARENA_NEW(d->arena, AstExpr);
	e->lang = lang;
	e->text = text ? text : "";
	e->loc = loc;
	ptrvec_push(d->arena, &d->exprs, e);
	return e;
}

AstParam *ast_param_new(AstDoc *d, const char *name, ParamKind kind, ParamScope scope)
{
	AstParam *p = ARENA_NEW(d->arena, AstParam);
	p->name = name;
	p->kind = kind;
	p->scope = scope;
	p->type = ast_type_unknown();
	p->declared = true;
	return p;
}

AstControl *ast_control_new(AstDoc *d, ControlKind kind, const char *name)
{
	AstControl *c = ARENA_NEW(d->arena, AstControl);
	c->kind = kind;
	c->name = name;
	c->enabled = true;
	c->valid = true;
	return c;
}

AstTask *ast_task_new(AstDoc *d, TaskKind kind, const char *name)
{
	AstTask *t = ARENA_NEW(d->arena, AstTask);
	t->kind = kind;
	t->name = name;
	t->enabled = true;
	t->links_and = true;
	return t;
}

AstSession *ast_session_new(AstDoc *d)
{
	return ARENA_NEW(d->arena, AstSession);
}

AstLink *ast_link_new(AstDoc *d)
{
	return ARENA_NEW(d->arena, AstLink);
}

AstCommand *ast_command_new(AstDoc *d, const char *name)
{
	AstCommand *c = ARENA_NEW(d->arena, AstCommand);
	c->name = name;
	return c;
}

AstOverride *ast_override_new(AstDoc *d, const char *instance)
{
	AstOverride *o = ARENA_NEW(d->arena, AstOverride);
	o->instance = instance;
	return o;
}

AstShortcut *ast_shortcut_new(AstDoc *d, const char *name)
{
	AstShortcut *s = ARENA_NEW(d->arena, AstShortcut);
	s->name = name;
	return s;
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

AstConnection *ast_connection_get(AstDoc *d, const char *name, const char *kind, const char *subtype,
				  SrcLoc loc)
{
	for (uint32_t i = 0; i < d->connections.len; i++) {
		AstConnection *c = d->connections.items[i];
		if (same(c->name, name) && same(c->kind, kind) && same(c->subtype, subtype))
			return c;
	}
	AstConnection *c = ARENA_NEW(d->arena, AstConnection);
	c->name = name;
	c->kind = kind;
	c->subtype = subtype;
	c->loc = loc;
	ast_push(d, &d->connections, c);
	return c;
}

AstProp *ast_props_find(const PtrVec *props, Setting key)
{
	for (uint32_t i = 0; i < props->len; i++) {
		AstProp *p = props->items[i];
		if (p->key == key)
			return p;
	}
	return NULL;
}

SettingValue ast_props_value(const PtrVec *props, Setting key, SettingValue dflt)
{
	const AstProp *p = ast_props_find(props, key);
	return p && p->norm != VAL_NONE ? p->norm : dflt;
}

AstProp *ast_props_find_name(const PtrVec *props, const char *name)
{
	for (uint32_t i = 0; i < props->len; i++) {
		AstProp *p = props->items[i];
		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

AstPort *ast_ports_find(const PtrVec *ports, const char *name)
{
	for (uint32_t i = 0; i < ports->len; i++) {
		AstPort *p = ports->items[i];
		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

AstPort *ast_ports_find_in(const PtrVec *ports, const char *group, const char *name)
{
	for (uint32_t i = 0; i < ports->len; i++) {
		AstPort *p = ports->items[i];
		if (strcmp(p->name, name) == 0 && (!group || (p->group && strcmp(p->group, group) == 0)))
			return p;
	}
	return NULL;
}

/* ---- counts ------------------------------------------------------------- */

static uint32_t count_props_exprs(const PtrVec *props)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < props->len; i++)
		n += ((AstProp *)props->items[i])->expr != NULL;
	return n;
}

static void count_flow(const AstFlow *f, AstCounts *c)
{
	c->flows++;
	c->mappings += f->kind == FLOW_MAPPING;
	c->mapplets += f->kind == FLOW_MAPPLET;
	c->transformations += f->defs.len;
	c->steps += f->steps.len;
	c->edges += f->edges.len;
	c->params += f->params.len;
	for (uint32_t i = 0; i < f->steps.len; i++) {
		const AstStep *s = f->steps.items[i];
		if (s->scope)
			continue;
		c->instances++;
		for (uint32_t j = 0; j < s->ports.len; j++)
			c->expressions += ((AstPort *)s->ports.items[j])->expr != NULL;
		for (uint32_t j = 0; j < s->groups.len; j++)
			c->expressions += ((AstGroup *)s->groups.items[j])->cond != NULL;
		c->expressions += count_props_exprs(&s->props);
	}
	for (uint32_t i = 0; i < f->expansions.len; i++)
		c->instances += ((AstExpansion *)f->expansions.items[i])->scope == NULL;
	for (uint32_t i = 0; i < f->edges.len; i++)
		c->connectors += ((AstEdge *)f->edges.items[i])->scope == NULL;
}

static void count_control(const AstControl *ctl, AstCounts *c);

static void count_task_def(const AstTask *t, AstCounts *c)
{
	c->tasks++;
	if (t->kind == TASK_RUN_FLOW && t->session)
		c->sessions++;
	if (t->sub)
		count_control(t->sub, c);
}

static void count_control(const AstControl *ctl, AstCounts *c)
{
	c->workflows += ctl->kind == CTRL_WORKFLOW;
	c->worklets += ctl->kind == CTRL_WORKLET;
	c->task_instances += ctl->tasks.len;
	c->links += ctl->links.len;
	c->params += ctl->params.len;
	for (uint32_t i = 0; i < ctl->defs.len; i++)
		count_task_def(ctl->defs.items[i], c);
	/* inline bodies (SSIS containers and loops) and event handlers */
	for (uint32_t i = 0; i < ctl->tasks.len; i++) {
		const AstTask *t = ctl->tasks.items[i];
		if (t->sub && !t->is_definition && (t->sub->kind == CTRL_CONTAINER || t->sub->kind == CTRL_LOOP))
			count_control(t->sub, c);
		for (uint32_t j = 0; j < t->handlers.len; j++)
			count_control(t->handlers.items[j], c);
	}
	for (uint32_t i = 0; i < ctl->handlers.len; i++)
		count_control(ctl->handlers.items[i], c);
}

void ast_count(const AstDoc *d, AstCounts *c)
{
	memset(c, 0, sizeof *c);
	c->params += d->params.len;
	for (uint32_t i = 0; i < d->folders.len; i++) {
		const AstFolder *f = d->folders.items[i];
		c->folders++;
		for (uint32_t j = 0; j < f->tables.len; j++) {
			const AstTable *t = f->tables.items[j];
			c->sources += t->role == TABLE_SOURCE;
			c->targets += t->role == TABLE_TARGET;
		}
		c->transformations += f->transforms.len;
		c->shortcuts += f->shortcuts.len;
		for (uint32_t j = 0; j < f->flows.len; j++)
			count_flow(f->flows.items[j], c);
		for (uint32_t j = 0; j < f->tasks.len; j++)
			count_task_def(f->tasks.items[j], c);
		for (uint32_t j = 0; j < f->controls.len; j++)
			count_control(f->controls.items[j], c);
	}
}
