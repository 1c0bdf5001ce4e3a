/* yaml.c - writes an IrDoc as pipeline YAML with libyaml's emitter
 * (src/emit, the last step of a job: rules -> validate -> emit).
 *
 * The layout is docs/pipeline-yaml.md's: keys in a fixed order, lists in IR
 * order, numbers printed by emit_number(), no time unless the IrDoc has one.
 * Scalars are tag-less; a string a YAML 1.1 or 1.2 reader would resolve to
 * something else ("yes", "null", "123", "") is quoted.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "emit/emit.h"

typedef struct Em {
	yaml_emitter_t e;
	bool ok;         /* false after the first refused event */
	const char *err; /* libyaml's problem, static */
} Em;

static int write_sbuf(void *data, unsigned char *buf, size_t size)
{
	sbuf_add(data, buf, size);
	return 1;
}

/* Hand one initialised event to the emitter (which takes it over). */
static void em_event(Em *m, yaml_event_t *ev, int init_ok)
{
	if (!m->ok) {
		if (init_ok)
			yaml_event_delete(ev);
		return;
	}
	if (!init_ok || !yaml_emitter_emit(&m->e, ev)) {
		m->ok = false;
		m->err = m->e.problem ? m->e.problem : "libyaml refused an event";
	}
}

static void map_start(Em *m, bool flow)
{
	yaml_event_t ev;
	int ok = yaml_mapping_start_event_initialize(
	    &ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	em_event(m, &ev, ok);
}

static void map_end(Em *m)
{
	yaml_event_t ev;
	em_event(m, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(Em *m, bool flow)
{
	yaml_event_t ev;
	int ok = yaml_sequence_start_event_initialize(
	    &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	em_event(m, &ev, ok);
}

static void seq_end(Em *m)
{
	yaml_event_t ev;
	em_event(m, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void scalar(Em *m, const char *s, size_t len, bool plain_ok, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	int ok =
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, plain_ok, 1, style);
	em_event(m, &ev, ok);
}

/* A number, a boolean or null: plain, resolved by its form. */
static void raw(Em *m, const char *s)
{
	scalar(m, s, strlen(s), true, YAML_PLAIN_SCALAR_STYLE);
}

/* ASCII case-insensitive: the locale must not change the output. */
static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++) {
		size_t i = 0;
		if (strlen(*words) != n)
			continue;
		while (i < n && (s[i] | 0x20) == ((*words)[i] | 0x20))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* Would a plain scalar with this text resolve to something other than a
 * string under YAML 1.1 or the 1.2 core schema?  Errs on quoting: every
 * text starting with a digit, or a sign or dot before a digit (ints, floats,
 * sexagesimals, dates), the null and boolean words in any case, .inf/.nan,
 * the merge key and the 1.1 value key. */
static bool needs_quotes(const char *s, size_t n)
{
	static const char *const words[] = {"~",     "null", "y",    "n",     "yes",  "no",
					    "on",    "off",  "true", "false", ".inf", "+.inf",
					    "-.inf", ".nan", "<<",   "=",     NULL};
	if (n == 0 || (n <= 5 && word_in(s, n, words))) /* the words are at most 5 bytes */
		return true;
	char c = s[0];
	if (c >= '0' && c <= '9')
		return true;
	if (n > 1 && (c == '-' || c == '+' || c == '.')) {
		char d = s[1] == '.' && n > 2 ? s[2] : s[1];
		return d >= '0' && d <= '9';
	}
	return false;
}

/* Bytes a literal block cannot carry as written, or libyaml would not emit
 * raw: control characters (tab included), CR, NEL, LS, PS, BOM. */
static bool has_awkward_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			return true;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9F)
			return true; /* C1 controls, NEL */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
			return true; /* LS, PS */
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
		    (unsigned char)s[i + 2] == 0xBF)
			return true; /* BOM */
	}
	return false;
}

/* A multi-line text libyaml writes as a literal block that reads back
 * byte for byte: no indentation indicator (first line starts with text),
 * clip or strip chomping (at most one final newline), no whitespace before
 * a line end, nothing that is not printable. */
static bool literal_ok(const char *s, size_t n)
{
	if (n == 0 || s[0] == ' ' || s[0] == '\n' || has_awkward_bytes(s, n))
		return false;
	if (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n')
		return false;
	if (s[n - 1] == ' ')
		return false;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '\n' && s[i - 1] == ' ')
			return false;
	return true;
}

/* A string: NULL is null; multi-line text a literal block when it can be
 * one, double-quoted otherwise; anything else the style libyaml finds safe
 * (plain, single- or double-quoted), never plain when it would change type. */
static void str(Em *m, const char *s)
{
	if (!s) {
		raw(m, "null");
		return;
	}
	size_t n = strlen(s);
	if (memchr(s, '\n', n))
		scalar(m, s, n, false,
		       literal_ok(s, n) ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else if (has_awkward_bytes(s, n))
		scalar(m, s, n, false, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else
		scalar(m, s, n, !needs_quotes(s, n), YAML_ANY_SCALAR_STYLE);
}

/* Keys are ours and plain, except a word YAML 1.1 reads as a boolean:
 * a task dependency's 'on' is quoted, so PyYAML does not read True. */
static void key(Em *m, const char *k)
{
	size_t n = strlen(k);
	scalar(m, k, n, !needs_quotes(k, n), YAML_ANY_SCALAR_STYLE);
}

static void kv_str(Em *m, const char *k, const char *v)
{
	key(m, k);
	str(m, v);
}

/* Only when set. */
static void kv_opt(Em *m, const char *k, const char *v)
{
	if (v)
		kv_str(m, k, v);
}

static void kv_int(Em *m, const char *k, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	key(m, k);
	raw(m, buf);
}

static void kv_num(Em *m, const char *k, double v)
{
	char buf[EMIT_NUMBER_MAX];
	emit_number(buf, v);
	key(m, k);
	raw(m, buf);
}

static void kv_bool(Em *m, const char *k, bool v)
{
	key(m, k);
	raw(m, v ? "true" : "false");
}

static void kv_strlist(Em *m, const char *k, const PtrVec *v)
{
	key(m, k);
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++)
		str(m, v->items[i]);
	seq_end(m);
}

static void origin(Em *m, const IrOrigin *o)
{
	key(m, "origin");
	map_start(m, true);
	kv_str(m, "object", o->object);
	kv_str(m, "kind", o->kind);
	kv_int(m, "line", o->line);
	map_end(m);
}

static void warnings(Em *m, const PtrVec *v)
{
	key(m, "warnings");
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++) {
		const IrWarning *w = v->items[i];
		map_start(m, false);
		kv_str(m, "code", w->code);
		kv_str(m, "message", w->message);
		kv_int(m, "line", w->line);
		map_end(m);
	}
	seq_end(m);
}

static void param(Em *m, const IrParam *p)
{
	map_start(m, false);
	kv_str(m, "name", p->name);
	kv_str(m, "setting", p->setting);
	kv_str(m, "kind", p->kind);
	kv_str(m, "type", p->type);
	kv_opt(m, "default", p->default_value);
	kv_str(m, "origin", p->origin);
	kv_opt(m, "scope", p->scope);
	kv_int(m, "line", p->line);
	if (p->sensitive)
		kv_bool(m, "sensitive", true);
	kv_opt(m, "expression", p->expression);
	kv_opt(m, "expression_sql", p->expression_sql);
	kv_opt(m, "property", p->property);
	kv_opt(m, "description", p->description);
	if (p->values.len) {
		key(m, "values");
		seq_start(m, false);
		for (uint32_t i = 0; i < p->values.len; i++) {
			const IrParamValue *v = p->values.items[i];
			map_start(m, true);
			kv_str(m, "value", v->value);
			kv_str(m, "file", v->file);
			kv_int(m, "line", v->line);
			kv_str(m, "section", v->section);
			map_end(m);
		}
		seq_end(m);
	}
	map_end(m);
}

static void params(Em *m, const PtrVec *v)
{
	key(m, "parameters");
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++)
		param(m, v->items[i]);
	seq_end(m);
}

static void connections(Em *m, const PtrVec *v)
{
	key(m, "connections");
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++) {
		const IrConnection *c = v->items[i];
		map_start(m, true);
		kv_str(m, "name", c->name);
		kv_str(m, "kind", c->kind);
		kv_opt(m, "subtype", c->subtype);
		kv_str(m, "role", c->role);
		if (c->settings.len)
			kv_strlist(m, "settings", &c->settings);
		map_end(m);
	}
	seq_end(m);
}

static void table(Em *m, const IrTable *t)
{
	key(m, "table");
	map_start(m, false);
	kv_str(m, "name", t->name);
	kv_opt(m, "schema", t->schema);
	kv_opt(m, "connection", t->connection);
	kv_opt(m, "orig_name", t->orig_name);
	kv_opt(m, "file", t->file);
	kv_opt(m, "format", t->format);
	kv_opt(m, "record", t->record);
	kv_opt(m, "schema_file", t->schema_file);
	if (t->ids.len) {
		key(m, "ids");
		seq_start(m, false);
		for (uint32_t i = 0; i < t->ids.len; i++) {
			const IrXmlId *x = t->ids.items[i];
			map_start(m, true);
			kv_str(m, "column", x->column);
			kv_str(m, "element", x->element);
			kv_int(m, "start", x->start);
			map_end(m);
		}
		seq_end(m);
	}
	map_end(m);
}

static bool is_sink(NodeType t)
{
	return t == NODE_SINK_TABLE || t == NODE_SINK_FILE;
}

/* The keys that exist only for some node types, in the spec's order. */
static void node_payload(Em *m, const IrNode *n)
{
	if (n->table)
		table(m, n->table);
	if (is_sink(n->type)) {
		key(m, "load_mode");
		raw(m, load_mode_name(n->load_mode));
	}
	if (n->keys.len || n->type == NODE_SINK_TABLE)
		kv_strlist(m, "keys", &n->keys);
	kv_opt(m, "operation", n->operation);
	if (n->type == NODE_BRANCH) {
		key(m, "branch");
		map_start(m, false);
		kv_str(m, "router", n->branch_of);
		kv_str(m, "group", n->group);
		kv_bool(m, "default", n->default_group);
		map_end(m);
	}
	if (n->type == NODE_SEQUENCE) {
		key(m, "sequence");
		map_start(m, false);
		kv_int(m, "start", n->seq_start);
		kv_int(m, "increment", n->seq_increment);
		map_end(m);
	}
	if (n->bulk) {
		key(m, "bulk_load");
		map_start(m, true);
		kv_bool(m, "keep_nulls", n->keep_nulls);
		kv_bool(m, "keep_identity", n->keep_identity);
		kv_bool(m, "check_constraints", n->check_constraints);
		kv_bool(m, "fire_triggers", n->fire_triggers);
		map_end(m);
	}
	if (n->load_order > 0)
		kv_int(m, "load_order", n->load_order);
	kv_opt(m, "pre_sql", n->pre_sql);
	kv_opt(m, "post_sql", n->post_sql);
	kv_opt(m, "note", n->note);
}

static void node(Em *m, const IrNode *n)
{
	map_start(m, false);
	kv_str(m, "id", n->id);
	kv_str(m, "type", node_type_name(n->type));
	kv_strlist(m, "depends_on", &n->depends_on);
	origin(m, &n->origin);
	kv_num(m, "confidence", n->confidence);
	kv_str(m, "conversion_source", conv_source_name(n->source));
	kv_opt(m, "rule", n->rule);
	if (n->llm_model) {
		key(m, "llm");
		map_start(m, true);
		kv_str(m, "model", n->llm_model);
		kv_opt(m, "cache_key", n->llm_key);
		map_end(m);
	}
	kv_bool(m, "review", n->review);
	warnings(m, &n->warnings);
	if (n->evidence.len)
		kv_strlist(m, "evidence", &n->evidence);
	key(m, "columns");
	seq_start(m, false);
	for (uint32_t i = 0; i < n->columns.len; i++) {
		const IrColumn *c = n->columns.items[i];
		map_start(m, true);
		kv_str(m, "name", c->name);
		kv_str(m, "type", c->type);
		map_end(m);
	}
	seq_end(m);
	kv_opt(m, "sql", n->sql);
	kv_opt(m, "source_sql", n->source_sql);
	if (n->params_node) {
		key(m, "source_params");
		map_start(m, false);
		kv_str(m, "node", n->params_node);
		kv_str(m, "sql", n->params_sql);
		key(m, "params");
		seq_start(m, false);
		for (uint32_t i = 0; i < n->params.len; i++) {
			const IrSourceParam *sp = n->params.items[i];
			map_start(m, true);
			kv_str(m, "name", sp->name);
			kv_str(m, "mode", sp->mode);
			map_end(m);
		}
		seq_end(m);
		map_end(m);
	}
	node_payload(m, n);
	map_end(m);
}

static void check(Em *m, const IrCheck *c)
{
	map_start(m, !c->sql); /* an assertion's SQL reads better as a block */
	kv_str(m, "id", c->id);
	kv_str(m, "type", check_type_name(c->type));
	kv_str(m, "node", c->node);
	kv_opt(m, "column", c->column);
	if (c->type == CHECK_NULL_PERCENTAGE || c->type == CHECK_RECONCILE)
		kv_num(m, "threshold", c->threshold);
	if (c->type == CHECK_DUPLICATE && c->keys.len)
		kv_strlist(m, "keys", &c->keys);
	kv_opt(m, "sql", c->sql);
	kv_opt(m, "message", c->message);
	map_end(m);
}

static void var_update(Em *m, const IrVarUpdate *u)
{
	map_start(m, false);
	kv_str(m, "variable", u->variable);
	kv_str(m, "setting", u->setting);
	kv_str(m, "aggregation", u->aggregation);
	kv_str(m, "update", u->update);
	kv_str(m, "type", u->type);
	kv_opt(m, "default", u->default_value);
	kv_str(m, "node", u->node);
	origin(m, &u->origin);
	warnings(m, &u->warnings);
	kv_str(m, "sql", u->sql);
	map_end(m);
}

/* The ids of a pipeline's nodes needing review, from the nodes' flags
 * (prefixed with "pipeline/" for the summary). */
static void review_ids(Em *m, const IrPipeline *p, bool qualified)
{
	for (uint32_t i = 0; i < p->nodes.len; i++) {
		const IrNode *n = p->nodes.items[i];
		if (!n->review)
			continue;
		if (!qualified) {
			str(m, n->id);
			continue;
		}
		Sbuf sb = SBUF_INIT;
		sbuf_addf(&sb, "%s/%s", p->name ? p->name : "", n->id ? n->id : "");
		str(m, sb.buf);
		sbuf_release(&sb);
	}
}

static void pipeline(Em *m, const IrDoc *d, const IrPipeline *p)
{
	map_start(m, false);
	kv_str(m, "name", p->name);
	origin(m, &p->origin);
	kv_opt(m, "session", p->session);
	params(m, &p->parameters);
	connections(m, &p->connections);
	key(m, "nodes");
	seq_start(m, false);
	for (uint32_t i = 0; i < p->nodes.len; i++)
		node(m, p->nodes.items[i]);
	seq_end(m);
	key(m, "quality_checks");
	seq_start(m, false);
	for (uint32_t i = 0; i < p->checks.len; i++)
		check(m, p->checks.items[i]);
	seq_end(m);
	if (p->var_updates.len) {
		key(m, "variable_updates");
		seq_start(m, false);
		for (uint32_t i = 0; i < p->var_updates.len; i++)
			var_update(m, p->var_updates.items[i]);
		seq_end(m);
	}
	key(m, "metadata");
	map_start(m, false);
	kv_str(m, "generated_by", d->generated_by);
	kv_num(m, "overall_confidence", p->overall_confidence);
	kv_num(m, "min_confidence", p->min_confidence);
	kv_int(m, "warnings_count", p->warnings_count);
	key(m, "review");
	seq_start(m, false);
	review_ids(m, p, false);
	seq_end(m);
	map_end(m);
	map_end(m);
}

static void task_deps(Em *m, const PtrVec *v)
{
	key(m, "depends_on");
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++) {
		const IrDep *dep = v->items[i];
		map_start(m, true);
		kv_str(m, "task", dep->task);
		kv_str(m, "on", dep->on);
		kv_opt(m, "condition", dep->condition);
		kv_opt(m, "condition_source", dep->condition_source);
		if (dep->either)
			kv_str(m, "combine", "or");
		if (dep->otherwise)
			kv_bool(m, "otherwise", true);
		map_end(m);
	}
	seq_end(m);
}

static void assign(Em *m, const char *k, const IrAssign *a)
{
	if (k)
		key(m, k);
	map_start(m, true);
	kv_str(m, "variable", a->variable);
	kv_str(m, "setting", a->setting);
	kv_opt(m, "value", a->value);
	kv_str(m, "source", a->source);
	map_end(m);
}

static void bindings(Em *m, const char *k, const PtrVec *v)
{
	if (!v->len)
		return;
	key(m, k);
	seq_start(m, false);
	for (uint32_t i = 0; i < v->len; i++) {
		const IrBinding *b = v->items[i];
		map_start(m, true);
		kv_str(m, "name", b->name);
		kv_str(m, "variable", b->variable);
		kv_str(m, "setting", b->setting);
		kv_str(m, "direction", b->direction);
		map_end(m);
	}
	seq_end(m);
}

static void loop(Em *m, const IrLoop *l)
{
	key(m, "loop");
	map_start(m, false);
	kv_str(m, "kind", l->kind);
	if (l->init)
		assign(m, "init", l->init);
	kv_opt(m, "condition", l->condition);
	kv_opt(m, "condition_source", l->condition_source);
	if (l->next)
		assign(m, "next", l->next);
	kv_opt(m, "enumerator", l->enumerator);
	if (l->settings.len)
		kv_strlist(m, "settings", &l->settings);
	bindings(m, "items", &l->items);
	map_end(m);
}

/* A task's nesting and payload (parent, loop, handler, statement...),
 * which today only SSIS control flow fills: nothing is written when it is
 * empty, so other tools' output is unchanged. */
static void task_payload(Em *m, const IrTask *t)
{
	kv_opt(m, "parent", t->parent);
	if (t->disabled)
		kv_bool(m, "disabled", true);
	kv_opt(m, "sql", t->sql);
	kv_opt(m, "connection", t->connection);
	kv_opt(m, "result_set", t->result_set);
	bindings(m, "bindings", &t->bindings);
	if (t->assignments.len) {
		key(m, "assignments");
		seq_start(m, false);
		for (uint32_t i = 0; i < t->assignments.len; i++)
			assign(m, NULL, t->assignments.items[i]);
		seq_end(m);
	}
	kv_opt(m, "package", t->package);
	kv_opt(m, "language", t->language);
	if (t->code.len) {
		key(m, "code");
		seq_start(m, false);
		for (uint32_t i = 0; i < t->code.len; i++) {
			const IrCode *c = t->code.items[i];
			map_start(m, false);
			kv_str(m, "name", c->name);
			kv_str(m, "text", c->text);
			map_end(m);
		}
		seq_end(m);
	}
	if (t->loop)
		loop(m, t->loop);
	if (t->event) {
		key(m, "handler");
		map_start(m, true);
		kv_str(m, "event", t->event);
		kv_opt(m, "owner", t->owner);
		if (t->no_propagate)
			kv_bool(m, "propagate", false);
		map_end(m);
	}
	if (t->arguments.len) {
		key(m, "arguments");
		seq_start(m, false);
		for (uint32_t i = 0; i < t->arguments.len; i++)
			assign(m, NULL, t->arguments.items[i]);
		seq_end(m);
	}
	kv_opt(m, "run_mode", t->run_mode);
	if (t->no_checkpoint)
		kv_bool(m, "checkpoint", false);
	kv_opt(m, "note", t->note);
}

static void task(Em *m, const IrTask *t)
{
	map_start(m, false);
	kv_str(m, "id", t->id);
	kv_str(m, "type", task_type_name(t->type));
	origin(m, &t->origin);
	task_deps(m, &t->depends_on);
	key(m, "join");
	raw(m, t->depends_all ? "all" : "any");
	kv_opt(m, "pipeline", t->pipeline);
	kv_opt(m, "workflow", t->workflow);
	kv_strlist(m, "pre_sql", &t->pre_sql);
	kv_strlist(m, "post_sql", &t->post_sql);
	if (t->commands.len)
		kv_strlist(m, "commands", &t->commands);
	kv_opt(m, "condition", t->condition);
	task_payload(m, t);
	kv_num(m, "confidence", t->confidence);
	kv_bool(m, "review", t->review);
	warnings(m, &t->warnings);
	map_end(m);
}

static void workflow(Em *m, const IrWorkflow *w)
{
	map_start(m, false);
	kv_str(m, "name", w->name);
	origin(m, &w->origin);
	kv_bool(m, "worklet", w->worklet);
	if (w->restartable)
		kv_bool(m, "restartable", true);
	params(m, &w->parameters);
	key(m, "tasks");
	seq_start(m, false);
	for (uint32_t i = 0; i < w->tasks.len; i++)
		task(m, w->tasks.items[i]);
	seq_end(m);
	map_end(m);
}

/* `review`: the qualified ids ("pipeline/node") of the nodes to review, or
 * NULL for d's own. */
static void summary(Em *m, const IrDoc *d, const PtrVec *review)
{
	key(m, "summary");
	map_start(m, false);
	kv_num(m, "overall_confidence", d->overall_confidence);
	kv_num(m, "min_confidence", d->min_confidence);
	kv_int(m, "pipelines", d->pipelines.len ? d->pipelines.len : d->pipelines_count);
	kv_int(m, "nodes", d->nodes_count);
	kv_int(m, "warnings_count", d->warnings_count);
	key(m, "review");
	seq_start(m, false);
	for (uint32_t i = 0; review && i < review->len; i++)
		str(m, review->items[i]);
	for (uint32_t i = 0; !review && i < d->pipelines.len; i++)
		review_ids(m, d->pipelines.items[i], true);
	seq_end(m);
	map_end(m);
}

static void head(Em *m, const IrDoc *d, const PtrVec *review)
{
	kv_int(m, "version", 1);
	key(m, "source");
	map_start(m, false);
	kv_str(m, "tool", d->tool);
	kv_str(m, "file", d->file);
	kv_str(m, "sha256", d->sha256);
	kv_str(m, "dialect", d->dialect);
	map_end(m);
	kv_str(m, "generated_by", d->generated_by);
	kv_opt(m, "generated_at", d->generated_at);
	summary(m, d, review);
}

static void pipelines(Em *m, const IrDoc *d)
{
	key(m, "pipelines");
	seq_start(m, false);
	for (uint32_t i = 0; i < d->pipelines.len; i++)
		pipeline(m, d, d->pipelines.items[i]);
	seq_end(m);
}

static void workflows(Em *m, const IrDoc *d)
{
	key(m, "orchestration");
	map_start(m, false);
	key(m, "workflows");
	seq_start(m, false);
	for (uint32_t i = 0; i < d->workflows.len; i++)
		workflow(m, d->workflows.items[i]);
	seq_end(m);
	map_end(m);
}

typedef enum Part { PART_ALL, PART_HEAD, PART_PIPELINES, PART_WORKFLOWS } Part;

static void document(Em *m, const IrDoc *d, Part part, const PtrVec *review)
{
	map_start(m, false);
	if (part == PART_ALL || part == PART_HEAD)
		head(m, d, review);
	if (part == PART_ALL || part == PART_PIPELINES)
		pipelines(m, d);
	if (part == PART_ALL || part == PART_WORKFLOWS)
		workflows(m, d);
	map_end(m);
}

/* The document, or the part of it that `part` says, written alone: block
 * style makes each piece's text independent of what surrounds it. */
static bool emit_part(const IrDoc *d, Part part, const PtrVec *review, Sbuf *out, const char **err)
{
	Em m = {.ok = true};
	if (!yaml_emitter_initialize(&m.e)) {
		*err = "cannot initialise the YAML emitter";
		return false;
	}
	yaml_emitter_set_output(&m.e, write_sbuf, out);
	yaml_emitter_set_unicode(&m.e, 1);
	yaml_emitter_set_width(&m.e, -1); /* never fold: SQL lines stay whole */
	yaml_emitter_set_indent(&m.e, 2);
	yaml_emitter_set_break(&m.e, YAML_LN_BREAK);

	yaml_event_t ev;
	em_event(&m, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	em_event(&m, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	document(&m, d, part, review);
	em_event(&m, &ev, yaml_document_end_event_initialize(&ev, 1));
	em_event(&m, &ev, yaml_stream_end_event_initialize(&ev));
	if (m.ok && !yaml_emitter_flush(&m.e)) {
		m.ok = false;
		m.err = "cannot write the YAML output";
	}
	yaml_emitter_delete(&m.e);
	if (!m.ok)
		*err = m.err;
	return m.ok;
}

bool emit_yaml(const IrDoc *d, Sbuf *out, const char **err)
{
	return emit_part(d, PART_ALL, NULL, out, err);
}

bool emit_yaml_head(const IrDoc *d, const PtrVec *review, Sbuf *out, const char **err)
{
	return emit_part(d, PART_HEAD, review, out, err);
}

/* Append a part to `out` without its first `skip` lines (the keys that
 * enclose its items). */
static bool emit_items(const IrDoc *d, Part part, uint32_t skip, Sbuf *out, const char **err)
{
	size_t start = out->len;
	if (!emit_part(d, part, NULL, out, err))
		return false;
	size_t at = start;
	for (uint32_t i = 0; i < skip; i++) {
		const char *nl = memchr(out->buf + at, '\n', out->len - at);
		at = nl ? (size_t)(nl - out->buf) + 1 : out->len;
	}
	if (at > start) {
		memmove(out->buf + start, out->buf + at, out->len - at);
		out->len -= at - start;
		out->buf[out->len] = '\0';
	}
	return true;
}

bool emit_yaml_pipelines(const IrDoc *d, Sbuf *out, const char **err)
{
	return !d->pipelines.len || emit_items(d, PART_PIPELINES, 1, out, err);
}

bool emit_yaml_workflows(const IrDoc *d, Sbuf *out, const char **err)
{
	return !d->workflows.len || emit_items(d, PART_WORKFLOWS, 2, out, err);
}

void emit_yaml_review_ids(Arena *a, const IrDoc *d, PtrVec *out)
{
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		const IrPipeline *p = d->pipelines.items[i];
		for (uint32_t k = 0; k < p->nodes.len; k++) {
			const IrNode *n = p->nodes.items[k];
			if (n->review)
				ptrvec_push(
				    a, out,
				    arena_sprintf(a, "%s/%s", p->name ? p->name : "", n->id ? n->id : ""));
		}
	}
}

void emit_number(char *buf, double x)
{
	if (!isfinite(x))
		x = 0;
	if (fabs(x) >= 1e15) { /* no decimals at this size; %.0f has no decimal point */
		snprintf(buf, EMIT_NUMBER_MAX, "%.0f", x);
		return;
	}
	long long t = llround(x * 1000.0);
	unsigned long long u = t < 0 ? 0ULL - (unsigned long long)t : (unsigned long long)t;
	int len = snprintf(buf, EMIT_NUMBER_MAX, "%s%llu", t < 0 ? "-" : "", u / 1000);
	unsigned frac = (unsigned)(u % 1000);
	if (frac) {
		int digits = 3;
		for (; frac % 10 == 0; frac /= 10)
			digits--;
		snprintf(buf + len, (size_t)(EMIT_NUMBER_MAX - len), ".%0*u", digits, frac);
	}
}
