/* dump.c - walks the AST once and describes it through a Writer (src/ast).
 *
 * Field order is fixed here and is part of the golden tests: identity first
 * (name, kind), then position, then content.  Empty optional fields are
 * left out.
 */
#include "ast/dump.h"
#include "ast/writer.h"

#include <stdio.h>
#include <string.h>

/* Decimal digits of v at p; returns the end.  (snprintf is a large part of
 * a dump's time otherwise.) */
static char *put_uint(char *p, unsigned long v)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static void dump_at(Writer *w, SrcLoc loc)
{
	if (!loc.line)
		return;
	char buf[32], *p = put_uint(buf, loc.line);
	if (loc.col) {
		*p++ = ':';
		p = put_uint(p, loc.col);
	}
	*p = '\0';
	w_str(w, "at", buf);
}

/* "decimal(12,2)", "string(40)", "date".  buf holds at least 64 bytes. */
static const char *type_string(const AstType *t, char *buf, size_t n)
{
	const char *k = type_kind_name(t->kind);
	size_t kl = strlen(k);
	(void)n;
	memcpy(buf, k, kl);
	char *p = buf + kl;
	if (t->precision >= 0) {
		*p++ = '(';
		p = put_uint(p, (unsigned long)t->precision);
		if (t->scale > 0) {
			*p++ = ',';
			p = put_uint(p, (unsigned long)t->scale);
		}
		*p++ = ')';
	}
	*p = '\0';
	return buf;
}

static void dump_type(Writer *w, const AstType *t)
{
	char buf[64];
	w_str(w, "type", type_string(t, buf, sizeof buf));
	w_str(w, "orig_type", t->orig);
	w_true(w, "unicode", t->unicode);
}

static void dump_expr(Writer *w, const char *key, const AstExpr *e)
{
	if (!e)
		return;
	w_str(w, key, e->text);
}

static void dump_props(Writer *w, const char *key, const PtrVec *props)
{
	if (!props->len)
		return;
	w_list(w, key);
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *p = props->items[i];
		w_map_inline(w, NULL);
		w_str(w, "name", p->name);
		w_str(w, "value", p->value);
		if (p->key != SET_NONE)
			w_str(w, "setting", setting_name(p->key));
		if (p->expr)
			w_str(w, "lang", lang_name(p->expr->lang));
		w_end(w);
	}
	w_end(w);
}

/* A leaf element (no children, no text) fits on one line:
 * {tag: ATTRIBUTE, at: "8:9", NAME: x, VALUE: y}. */
/* Props as one line: {NAME: value, ...}. */
static void dump_props_inline(Writer *w, const char *key, const PtrVec *props)
{
	if (!props->len)
		return;
	w_map_inline(w, key);
	for (uint32_t i = 0; i < props->len; i++) {
		const AstProp *pr = props->items[i];
		w_str(w, pr->name, pr->value);
	}
	w_end(w);
}

static void dump_elem(Writer *w, const AstElem *e)
{
	bool leaf = !e->children.len && !e->text;
	if (leaf)
		w_map_inline(w, NULL);
	else
		w_map(w, NULL);
	w_str(w, "tag", e->tag);
	dump_at(w, e->loc);
	if (leaf || e->attrs.len) {
		if (!leaf)
			w_map_inline(w, "attrs");
		for (uint32_t i = 0; i < e->attrs.len; i++) {
			const AstProp *p = e->attrs.items[i];
			w_str(w, p->name, p->value);
		}
		if (!leaf)
			w_end(w);
	}
	w_str(w, "text", e->text);
	if (e->children.len) {
		w_list(w, "children");
		for (uint32_t i = 0; i < e->children.len; i++)
			dump_elem(w, e->children.items[i]);
		w_end(w);
	}
	w_end(w);
}

static void dump_extras(Writer *w, const PtrVec *extras)
{
	if (!extras->len)
		return;
	w_list(w, "extras");
	for (uint32_t i = 0; i < extras->len; i++)
		dump_elem(w, extras->items[i]);
	w_end(w);
}

static void dump_bindings(Writer *w, const PtrVec *bindings)
{
	if (!bindings->len)
		return;
	w_list(w, "bindings");
	for (uint32_t i = 0; i < bindings->len; i++) {
		const AstBinding *b = bindings->items[i];
		w_map_inline(w, NULL);
		w_str(w, "target", b->target);
		w_str(w, "property", b->property);
		w_str(w, "param", b->param);
		dump_expr(w, "expr", b->expr);
		w_str(w, "mode", b->mode);
		if (b->loc.line)
			w_int(w, "line", b->loc.line);
		w_end(w);
	}
	w_end(w);
}

static void dump_strings(Writer *w, const char *key, const PtrVec *v)
{
	if (!v->len)
		return;
	w_list_inline(w, key);
	for (uint32_t i = 0; i < v->len; i++)
		w_str(w, NULL, v->items[i]);
	w_end(w);
}

static void dump_port(Writer *w, const AstPort *p)
{
	char dbuf[64];
	w_map_inline(w, NULL);
	w_str(w, "name", p->name);
	if (p->dir)
		w_str(w, "dir", port_dir_string(p->dir, dbuf));
	dump_type(w, &p->type);
	if (p->role != ROLE_NONE)
		w_str(w, "role", port_role_name(p->role));
	if (p->sort_key)
		w_str(w, "sort", p->sort_desc ? "desc" : "asc");
	if (p->sort_pos)
		w_int(w, "sort_pos", p->sort_pos);
	w_str(w, "agg", p->agg);
	if (p->agg_kind != AGG_NONE)
		w_str(w, "agg_kind", agg_kind_name(p->agg_kind));
	w_str(w, "lineage", p->lineage);
	if (!p->nullable)
		w_bool(w, "nullable", false);
	w_str(w, "group", p->group);
	w_str(w, "ref", p->ref);
	w_str(w, "ref_table", p->ref_table);
	w_str(w, "ref_field", p->ref_field);
	dump_expr(w, "expr", p->expr);
	dump_expr(w, "init", p->init);
	w_str_nonempty(w, "default", p->default_value);
	w_str_nonempty(w, "description", p->description);
	dump_props_inline(w, "props", &p->props);
	if (p->extras.len) {
		w_list_inline(w, "extras");
		for (uint32_t i = 0; i < p->extras.len; i++) {
			const AstElem *e = p->extras.items[i];
			w_map_inline(w, NULL);
			w_str(w, "tag", e->tag);
			for (uint32_t j = 0; j < e->attrs.len; j++) {
				const AstProp *pr = e->attrs.items[j];
				w_str(w, pr->name, pr->value);
			}
			w_end(w);
		}
		w_end(w);
	}
	w_end(w);
}

static void dump_ports(Writer *w, const char *key, const PtrVec *ports)
{
	if (!ports->len)
		return;
	w_list(w, key);
	for (uint32_t i = 0; i < ports->len; i++)
		dump_port(w, ports->items[i]);
	w_end(w);
}

/* Ports of source and target steps mirror the table's fields, which the
 * folder's tables already show in full: name, direction and type here. */
static void dump_table_ports(Writer *w, const PtrVec *ports)
{
	if (!ports->len)
		return;
	w_list(w, "ports");
	for (uint32_t i = 0; i < ports->len; i++) {
		const AstPort *p = ports->items[i];
		char dbuf[64], tbuf[64];
		w_map_inline(w, NULL);
		w_str(w, "name", p->name);
		w_str(w, "dir", port_dir_string(p->dir, dbuf));
		w_str(w, "type", type_string(&p->type, tbuf, sizeof tbuf));
		w_end(w);
	}
	w_end(w);
}

static void dump_table(Writer *w, const AstTable *t)
{
	static const char *roles[] = {"source", "target", "record"};
	w_map(w, NULL);
	w_str(w, "name", t->name);
	w_str(w, "role", roles[t->role]);
	dump_at(w, t->loc);
	w_str(w, "db_type", t->db_type);
	w_str_nonempty(w, "db_name", t->db_name);
	w_str_nonempty(w, "owner", t->owner);
	w_true(w, "file", t->is_file);
	w_str_nonempty(w, "business_name", t->business_name);
	w_str_nonempty(w, "description", t->description);
	dump_props(w, "file_settings", &t->file_settings);
	dump_props(w, "props", &t->props);
	dump_ports(w, "fields", &t->fields);
	if (t->rows.len) {
		w_list(w, "rows");
		for (uint32_t i = 0; i < t->rows.len; i++) {
			const AstRow *r = t->rows.items[i];
			w_list_inline(w, NULL);
			for (uint32_t j = 0; j < r->values.len; j++) {
				if (r->values.items[j])
					w_str(w, NULL, r->values.items[j]);
				else
					w_null(w, NULL);
			}
			w_end(w);
		}
		w_end(w);
	}
	dump_extras(w, &t->extras);
	w_end(w);
}

static void dump_groups(Writer *w, const PtrVec *groups)
{
	if (!groups->len)
		return;
	w_list(w, "groups");
	for (uint32_t i = 0; i < groups->len; i++) {
		const AstGroup *g = groups->items[i];
		w_map_inline(w, NULL);
		w_str(w, "name", g->name);
		w_str(w, "kind", group_kind_name(g->kind));
		w_int(w, "order", g->order);
		dump_expr(w, "cond", g->cond);
		w_str(w, "of_input", g->of_input);
		w_true(w, "passes_all", g->passes_all);
		w_str_nonempty(w, "description", g->description);
		dump_props_inline(w, "props", &g->props);
		w_end(w);
	}
	w_end(w);
}

static void dump_step(Writer *w, const AstStep *s)
{
	w_map(w, NULL);
	w_str(w, "name", s->name);
	w_str(w, "orig_name", s->orig_name);
	w_str(w, "kind", step_kind_name(s->kind));
	w_str(w, "orig_kind", s->orig_kind);
	dump_at(w, s->loc);
	if (!s->is_definition && s->def_name && strcmp(s->def_name, s->name) != 0)
		w_str(w, "def", s->def_name);
	if (s->def_loc.line && !s->is_definition) {
		char buf[32];
		*put_uint(buf, s->def_loc.line) = '\0';
		w_str(w, "def_at", buf);
	}
	if (s->table)
		w_str(w, s->table->role == TABLE_RECORD ? "record" : "table", s->table->name);
	if (s->subflow)
		w_str(w, "subflow", s->subflow->name);
	w_str(w, "scope", s->scope);
	w_str(w, "shortcut", s->shortcut);
	w_str(w, "container", s->container);
	w_true(w, "disabled", s->disabled);
	w_true(w, "unresolved", s->unresolved);
	w_str(w, "review", s->review);
	w_true(w, "reusable", s->reusable);
	w_str_nonempty(w, "description", s->description);
	if (s->associated.len) {
		w_list_inline(w, "reads");
		for (uint32_t i = 0; i < s->associated.len; i++)
			w_str(w, NULL, s->associated.items[i]);
		w_end(w);
	}
	dump_groups(w, &s->groups);
	if ((s->kind == STEP_SOURCE || s->kind == STEP_TARGET) && s->table && s->table->role != TABLE_RECORD &&
	    s->table->fields.len)
		dump_table_ports(w, &s->ports);
	else
		dump_ports(w, "ports", &s->ports);
	dump_props(w, "props", &s->props);
	dump_bindings(w, &s->bindings);
	if (s->table && s->table->role == TABLE_RECORD)
		dump_ports(w, "record_fields", &s->table->fields);
	dump_extras(w, &s->extras);
	w_end(w);
}

static void dump_value_list(Writer *w, const PtrVec *values)
{
	if (!values->len)
		return;
	w_list(w, "values");
	for (uint32_t i = 0; i < values->len; i++) {
		const AstParamValue *v = values->items[i];
		w_map_inline(w, NULL);
		w_str(w, "value", v->value);
		w_str(w, "section", v->section);
		w_str(w, "applies_to", v->applies_to);
		if (v->loc.file) {
			char buf[1024];
			snprintf(buf, sizeof buf, "%s:%u", v->loc.file->path, v->loc.line);
			w_str(w, "from", buf);
		}
		w_end(w);
	}
	w_end(w);
}

static void dump_params(Writer *w, const char *key, const PtrVec *params)
{
	if (!params->len)
		return;
	w_list(w, key);
	for (uint32_t i = 0; i < params->len; i++) {
		const AstParam *p = params->items[i];
		char buf[64];
		w_map(w, NULL);
		w_str(w, "name", p->name);
		w_str(w, "kind", param_kind_name(p->kind));
		w_str(w, "scope", param_scope_name(p->scope));
		w_str(w, "owner", p->owner);
		dump_at(w, p->loc);
		if (p->type.kind != TY_UNKNOWN || p->type.orig)
			w_str(w, "type", type_string(&p->type, buf, sizeof buf));
		w_str(w, "orig_type", p->type.orig);
		w_str(w, "default", p->default_value);
		dump_expr(w, "expr", p->expr);
		w_str(w, "aggregation", p->aggregation);
		w_true(w, "persistent", p->persistent);
		if (!p->user_defined)
			w_bool(w, "user_defined", false);
		if (!p->declared)
			w_bool(w, "declared", false);
		w_true(w, "sensitive", p->sensitive);
		w_str(w, "set", p->set);
		w_str_nonempty(w, "description", p->description);
		dump_props_inline(w, "props", &p->props);
		dump_value_list(w, &p->values);
		w_end(w);
	}
	w_end(w);
}

/* "a.b" into buf, cut to fit. */
static void join_dot(char *buf, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + lb + 2 > n) {
		snprintf(buf, n, "%s.%s", a, b);
		return;
	}
	memcpy(buf, a, la);
	buf[la] = '.';
	memcpy(buf + la + 1, b, lb + 1);
}

static void dump_edges(Writer *w, const PtrVec *edges)
{
	if (!edges->len)
		return;
	w_list(w, "edges");
	for (uint32_t i = 0; i < edges->len; i++) {
		const AstEdge *e = edges->items[i];
		char from[1024], to[1024];
		join_dot(from, sizeof from, e->from->name,
			 e->from_port    ? e->from_port->name
			 : e->from_group ? e->from_group
					 : "*");
		join_dot(to, sizeof to, e->to->name,
			 e->to_port    ? e->to_port->name
			 : e->to_group ? e->to_group
				       : "*");
		w_map_inline(w, NULL);
		w_str(w, "from", from);
		w_str(w, "to", to);
		w_str(w, "name", e->name);
		w_str(w, "scope", e->scope);
		dump_props_inline(w, "props", &e->props);
		if (e->loc.line)
			w_int(w, "line", e->loc.line);
		w_end(w);
	}
	w_end(w);
}

static void dump_flow(Writer *w, const AstFlow *f)
{
	w_map(w, NULL);
	w_str(w, "name", f->name);
	w_str(w, "kind", flow_kind_name(f->kind));
	dump_at(w, f->loc);
	if (!f->valid)
		w_bool(w, "valid", false);
	w_str_nonempty(w, "description", f->description);
	dump_params(w, "params", &f->params);
	dump_strings(w, "param_sets", &f->param_sets);
	dump_bindings(w, &f->bindings);
	if (f->defs.len) {
		w_list(w, "defines");
		for (uint32_t i = 0; i < f->defs.len; i++) {
			const AstStep *d = f->defs.items[i];
			w_map_inline(w, NULL);
			w_str(w, "name", d->name);
			w_str(w, "kind", step_kind_name(d->kind));
			if (d->def_loc.line)
				w_int(w, "line", d->def_loc.line);
			w_end(w);
		}
		w_end(w);
	}
	if (f->expansions.len) {
		w_list(w, "expansions");
		for (uint32_t i = 0; i < f->expansions.len; i++) {
			const AstExpansion *x = f->expansions.items[i];
			w_map_inline(w, NULL);
			w_str(w, "instance", x->instance);
			w_str(w, "mapplet", x->mapplet->name);
			w_str(w, "file", x->file);
			w_str(w, "scope", x->scope);
			if (x->loc.line)
				w_int(w, "line", x->loc.line);
			w_end(w);
		}
		w_end(w);
	}
	if (f->steps.len) {
		w_list(w, "steps");
		for (uint32_t i = 0; i < f->steps.len; i++)
			dump_step(w, f->steps.items[i]);
		w_end(w);
	}
	dump_edges(w, &f->edges);
	if (f->load_order.len) {
		w_list(w, "load_order");
		for (uint32_t i = 0; i < f->load_order.len; i++) {
			const AstLoadOrder *l = f->load_order.items[i];
			w_map_inline(w, NULL);
			w_int(w, "order", l->order);
			w_str(w, "target", l->target);
			w_end(w);
		}
		w_end(w);
	}
	dump_props(w, "props", &f->props);
	dump_extras(w, &f->extras);
	w_end(w);
}

static void dump_commands(Writer *w, const PtrVec *cmds)
{
	static const char *when[] = {"task", "pre", "post_success", "post_failure"};
	if (!cmds->len)
		return;
	w_list(w, "commands");
	for (uint32_t i = 0; i < cmds->len; i++) {
		const AstCommand *c = cmds->items[i];
		w_map_inline(w, NULL);
		w_str(w, "name", c->name);
		w_str(w, "when", when[c->when]);
		w_true(w, "assignment", c->assignment);
		w_true(w, "reverse", c->reverse);
		w_int(w, "order", c->order);
		w_str(w, "component", c->component);
		dump_expr(w, "value", c->value);
		w_end(w);
	}
	w_end(w);
}

static void dump_connrefs(Writer *w, const PtrVec *refs)
{
	if (!refs->len)
		return;
	w_list_inline(w, "connections");
	for (uint32_t i = 0; i < refs->len; i++) {
		const AstConnRef *r = refs->items[i];
		w_map_inline(w, NULL);
		w_str(w, "ref", r->ref_name);
		w_str(w, "connection", r->conn ? r->conn->name : NULL);
		w_str_nonempty(w, "variable", r->variable);
		w_end(w);
	}
	w_end(w);
}

static void dump_tasks(Writer *w, const char *key, const PtrVec *tasks);

static void dump_session(Writer *w, const AstSession *s)
{
	w_map(w, "session");
	w_str(w, "mapping", s->mapping_name);
	if (s->mapping_name && !s->mapping)
		w_bool(w, "mapping_resolved", false);
	else if (s->mapping && s->mapping_name && strcmp(s->mapping->name, s->mapping_name) != 0) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s.%s", s->mapping->folder ? s->mapping->folder : "",
			 s->mapping->name);
		w_str(w, "resolves_to", buf);
	}
	w_str(w, "config", s->config);
	dump_props(w, "props", &s->props);
	if (s->overrides.len) {
		w_list(w, "overrides");
		for (uint32_t i = 0; i < s->overrides.len; i++) {
			const AstOverride *o = s->overrides.items[i];
			w_map(w, NULL);
			w_str(w, "instance", o->instance);
			w_str(w, "instance_type", o->instance_type);
			w_str(w, "extension", o->extension);
			w_str(w, "ext_type", o->ext_type);
			dump_connrefs(w, &o->connections);
			dump_props(w, "props", &o->props);
			dump_extras(w, &o->extras);
			w_end(w);
		}
		w_end(w);
	}
	dump_tasks(w, "components", &s->components);
	dump_extras(w, &s->extras);
	w_end(w);
}

static void dump_control(Writer *w, const AstControl *c);

static void dump_task(Writer *w, const AstTask *t)
{
	w_map(w, NULL);
	w_str(w, "name", t->name);
	w_str(w, "kind", task_kind_name(t->kind));
	w_str(w, "orig_kind", t->orig_kind);
	dump_at(w, t->loc);
	if (!t->is_definition) {
		if (t->def_name && strcmp(t->def_name, t->name) != 0)
			w_str(w, "def", t->def_name);
		if (!t->def && !t->sub) {
			/* an SSIS task names no definition: it is one */
			if (t->def_name)
				w_bool(w, "def_resolved", false);
		} else if (t->def ? t->def->reusable : t->sub->reusable)
			w_true(w, "reusable", true);
		if (!t->enabled)
			w_bool(w, "enabled", false);
		w_true(w, "fail_parent_if_fails", t->fail_parent_if_fails);
		w_true(w, "fail_parent_if_not_run", t->fail_parent_if_not_run);
		if (!t->links_and)
			w_str(w, "input_links", "or");
	} else {
		w_true(w, "reusable", t->reusable);
	}
	w_str_nonempty(w, "description", t->description);
	dump_props(w, "props", &t->props);
	dump_bindings(w, &t->bindings);
	dump_commands(w, &t->commands);
	if (t->session)
		dump_session(w, t->session);
	if (t->handlers.len) {
		w_list(w, "handlers");
		for (uint32_t i = 0; i < t->handlers.len; i++)
			dump_control(w, t->handlers.items[i]);
		w_end(w);
	}
	/* a definition's body, or an inline container's (SSIS sequence, loops) */
	if (t->sub && (t->is_definition || t->sub->kind == CTRL_CONTAINER || t->sub->kind == CTRL_LOOP)) {
		w_list(w, "body");
		dump_control(w, t->sub);
		w_end(w);
	}
	dump_extras(w, &t->extras);
	w_end(w);
}

static void dump_tasks(Writer *w, const char *key, const PtrVec *tasks)
{
	if (!tasks->len)
		return;
	w_list(w, key);
	for (uint32_t i = 0; i < tasks->len; i++)
		dump_task(w, tasks->items[i]);
	w_end(w);
}

static void dump_control(Writer *w, const AstControl *c)
{
	w_map(w, NULL);
	w_str(w, "name", c->name);
	w_str(w, "kind", control_kind_name(c->kind));
	dump_at(w, c->loc);
	w_true(w, "reusable", c->reusable);
	if (!c->enabled)
		w_bool(w, "enabled", false);
	if (!c->valid)
		w_bool(w, "valid", false);
	w_str_nonempty(w, "description", c->description);
	dump_params(w, "params", &c->params);
	dump_strings(w, "param_sets", &c->param_sets);
	dump_bindings(w, &c->bindings);
	dump_tasks(w, "defines", &c->defs);
	dump_tasks(w, "tasks", &c->tasks);
	if (c->links.len) {
		w_list(w, "links");
		for (uint32_t i = 0; i < c->links.len; i++) {
			const AstLink *l = c->links.items[i];
			w_map_inline(w, NULL);
			w_str(w, "from", l->from_name);
			w_str(w, "to", l->to_name);
			if (l->on != LINK_ANY)
				w_str(w, "on", link_on_name(l->on));
			dump_expr(w, "cond", l->cond);
			w_true(w, "cond_or_outcome", l->cond_or_outcome);
			w_str(w, "name", l->name);
			dump_props_inline(w, "props", &l->props);
			if (l->loc.line)
				w_int(w, "line", l->loc.line);
			w_end(w);
		}
		w_end(w);
	}
	dump_props(w, "props", &c->props);
	if (c->handlers.len) {
		w_list(w, "handlers");
		for (uint32_t i = 0; i < c->handlers.len; i++)
			dump_control(w, c->handlers.items[i]);
		w_end(w);
	}
	dump_extras(w, &c->extras);
	w_end(w);
}

static void dump_shortcuts(Writer *w, const PtrVec *shortcuts)
{
	if (!shortcuts->len)
		return;
	w_list(w, "shortcuts");
	for (uint32_t i = 0; i < shortcuts->len; i++) {
		const AstShortcut *s = shortcuts->items[i];
		w_map_inline(w, NULL);
		w_str(w, "name", s->name);
		w_str(w, "object_type", s->object_type);
		w_str(w, "object_subtype", s->object_subtype);
		w_str(w, "folder", s->ref_folder);
		w_str(w, "ref", s->ref_name);
		w_str_nonempty(w, "ref_db", s->ref_db_name);
		w_str(w, "repository", s->repository);
		w_true(w, "global", s->global);
		w_str(w, "resolves_to", s->resolved ? s->resolved_kind : "unresolved");
		if (s->loc.line)
			w_int(w, "line", s->loc.line);
		w_end(w);
	}
	w_end(w);
}

static void dump_folder(Writer *w, const AstFolder *f)
{
	w_map(w, NULL);
	w_str(w, "name", f->name);
	dump_at(w, f->loc);
	w_true(w, "shared", f->shared);
	w_str_nonempty(w, "owner", f->owner);
	w_str_nonempty(w, "description", f->description);
	dump_props(w, "props", &f->props);
	dump_params(w, "params", &f->params);
	if (f->functions.len) {
		w_list(w, "functions");
		for (uint32_t i = 0; i < f->functions.len; i++) {
			const AstFunction *fn = f->functions.items[i];
			w_map(w, NULL);
			w_str(w, "name", fn->name);
			w_str(w, "lang", lang_name(fn->lang));
			dump_at(w, fn->loc);
			dump_strings(w, "args", &fn->args);
			dump_expr(w, "body", fn->body);
			dump_props(w, "props", &fn->props);
			w_end(w);
		}
		w_end(w);
	}
	dump_shortcuts(w, &f->shortcuts);
	if (f->tables.len) {
		w_list(w, "tables");
		for (uint32_t i = 0; i < f->tables.len; i++)
			dump_table(w, f->tables.items[i]);
		w_end(w);
	}
	if (f->transforms.len) {
		w_list(w, "transformations");
		for (uint32_t i = 0; i < f->transforms.len; i++)
			dump_step(w, f->transforms.items[i]);
		w_end(w);
	}
	if (f->flows.len) {
		w_list(w, "flows");
		for (uint32_t i = 0; i < f->flows.len; i++)
			dump_flow(w, f->flows.items[i]);
		w_end(w);
	}
	dump_tasks(w, "tasks", &f->tasks);
	if (f->controls.len) {
		w_list(w, "controls");
		for (uint32_t i = 0; i < f->controls.len; i++)
			dump_control(w, f->controls.items[i]);
		w_end(w);
	}
	if (f->configs.len) {
		w_list(w, "configs");
		for (uint32_t i = 0; i < f->configs.len; i++)
			dump_elem(w, f->configs.items[i]);
		w_end(w);
	}
	dump_extras(w, &f->extras);
	w_end(w);
}

static void dump_param_files(Writer *w, const PtrVec *files)
{
	if (!files->len)
		return;
	w_list(w, "param_files");
	for (uint32_t i = 0; i < files->len; i++) {
		const AstParamFile *pf = files->items[i];
		w_map(w, NULL);
		w_str(w, "path", pf->path);
		w_list(w, "sections");
		for (uint32_t j = 0; j < pf->sections.len; j++) {
			const AstParamSection *s = pf->sections.items[j];
			w_map(w, NULL);
			w_str(w, "header", s->header);
			dump_at(w, s->loc);
			w_true(w, "global", s->global);
			w_str(w, "folder", s->folder);
			w_str(w, "workflow", s->workflow);
			w_str(w, "worklet", s->worklet);
			w_str(w, "session", s->session);
			w_bool(w, "matched", s->matched);
			w_list(w, "assignments");
			for (uint32_t k = 0; k < s->assigns.len; k++) {
				const AstParamAssign *a = s->assigns.items[k];
				w_map_inline(w, NULL);
				w_str(w, "name", a->name);
				w_str(w, "value", a->value);
				w_int(w, "line", a->loc.line);
				w_end(w);
			}
			w_end(w);
			w_end(w);
		}
		w_end(w);
		w_end(w);
	}
	w_end(w);
}

void ast_dump(const AstDoc *d, DumpFormat fmt, Sbuf *out)
{
	Writer w;
	writer_init(&w, out, fmt == DUMP_JSON);
	w_str(&w, "tool", tool_name(d->tool));
	w_str(&w, "file", d->path);
	w_str(&w, "encoding", d->encoding);
	w_str(&w, "format_version", d->format_version);
	w_str(&w, "created", d->created);
	w_str(&w, "repository", d->repository);
	dump_props(&w, "props", &d->props);
	if (d->connections.len) {
		w_list(&w, "connections");
		for (uint32_t i = 0; i < d->connections.len; i++) {
			const AstConnection *c = d->connections.items[i];
			w_map_inline(&w, NULL);
			w_str(&w, "name", c->name);
			w_str_nonempty(&w, "kind", c->kind);
			w_str_nonempty(&w, "subtype", c->subtype);
			w_str(&w, "id", c->id);
			w_true(&w, "declared", c->declared);
			dump_props_inline(&w, "props", &c->props);
			if (c->layout)
				w_str(&w, "layout", c->layout->name);
			w_end(&w);
		}
		w_end(&w);
	}
	dump_params(&w, "params", &d->params);
	dump_param_files(&w, &d->param_files);
	w_list(&w, "folders");
	for (uint32_t i = 0; i < d->folders.len; i++)
		dump_folder(&w, d->folders.items[i]);
	w_end(&w);
	writer_finish(&w);
}

void ast_dump_counts(const AstDoc *d, DumpFormat fmt, Sbuf *out)
{
	AstCounts c;
	ast_count(d, &c);
	Writer w;
	writer_init(&w, out, fmt == DUMP_JSON);
	w_str(&w, "file", d->path);
	w_str(&w, "tool", tool_name(d->tool));
#define COUNT(field) w_int(&w, #field, c.field)
	COUNT(folders);
	COUNT(sources);
	COUNT(targets);
	COUNT(mappings);
	COUNT(mapplets);
	COUNT(flows);
	COUNT(transformations);
	COUNT(instances);
	COUNT(connectors);
	COUNT(steps);
	COUNT(edges);
	COUNT(workflows);
	COUNT(worklets);
	COUNT(sessions);
	COUNT(tasks);
	COUNT(task_instances);
	COUNT(links);
	COUNT(params);
	COUNT(shortcuts);
	COUNT(expressions);
#undef COUNT
	writer_finish(&w);
}
