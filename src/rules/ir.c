/* ir.c - names, constructors, ids and the confidence roll-up of the
 * pipeline IR (src/rules).
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/strmap.h"
#include "rules/ir.h"

#define NAME_ITEM(name, str, doc) str,
#define DOC_ITEM(name, str, doc)  doc,
static const char *const node_type_names[] = {NODE_TYPE_LIST(NAME_ITEM)};
static const char *const node_type_docs[] = {NODE_TYPE_LIST(DOC_ITEM)};
static const char *const conv_source_names[] = {CONV_SOURCE_LIST(NAME_ITEM)};
static const char *const load_mode_names[] = {LOAD_MODE_LIST(NAME_ITEM)};
static const char *const check_type_names[] = {CHECK_TYPE_LIST(NAME_ITEM)};
static const char *const task_type_names[] = {TASK_TYPE_LIST(NAME_ITEM)};
#undef NAME_ITEM
#undef DOC_ITEM

const char *node_type_name(NodeType t)
{
	return node_type_names[t];
}
const char *node_type_doc(NodeType t)
{
	return node_type_docs[t];
}
const char *conv_source_name(ConvSource c)
{
	return conv_source_names[c];
}
const char *load_mode_name(LoadMode m)
{
	return load_mode_names[m];
}
const char *check_type_name(CheckType c)
{
	return check_type_names[c];
}
const char *task_type_name(TaskType t)
{
	return task_type_names[t];
}

bool node_type_parse(const char *s, NodeType *out)
{
	for (int i = 0; i < NODE_TYPE_COUNT; i++)
		if (strcmp(node_type_names[i], s) == 0) {
			*out = (NodeType)i;
			return true;
		}
	return false;
}

IrNode *ir_node_new(Arena *a, IrPipeline *p, NodeType type, const char *id)
{
	IrNode *n = ARENA_NEW(a, IrNode);
	n->type = type;
	n->id = id;
	n->source = CONV_RULE_ENGINE;
	if (p)
		ptrvec_push(a, &p->nodes, n);
	return n;
}

void ir_warn(Arena *a, PtrVec *warnings, const char *code, uint32_t line, const char *fmt, ...)
{
	IrWarning *w = ARENA_NEW(a, IrWarning);
	va_list ap;
	va_start(ap, fmt);
	Sbuf sb;
	sbuf_init(&sb, 64);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	w->code = code;
	w->message = arena_strdup(a, sb.buf);
	sbuf_release(&sb);
	w->line = line;
	ptrvec_push(a, warnings, w);
}

const char *ir_make_id(Arena *a, StrMap *taken, const char *name)
{
	char buf[64];
	size_t n = 0;
	bool under = false;
	for (const char *p = name; *p && n < 56; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			buf[n++] = (char)c;
			under = false;
		} else if (c == '/') { /* mapplet scope: m1/exp_x -> m1__exp_x */
			buf[n++] = '_';
			buf[n++] = '_';
			under = true;
		} else if (!under && n > 0) {
			buf[n++] = '_';
			under = true;
		}
	}
	while (n > 0 && buf[n - 1] == '_')
		n--;
	if (n == 0 || (buf[0] >= '0' && buf[0] <= '9')) {
		memmove(buf + 2, buf, n);
		buf[0] = 'n', buf[1] = '_';
		n += 2;
	}
	buf[n] = '\0';
	const char *id = arena_strdup(a, buf);
	for (int k = 2; strmap_get(taken, id); k++)
		id = arena_sprintf(a, "%s_%d", buf, k);
	strmap_put(taken, id, (void *)id);
	return id;
}

static double round3(double x)
{
	if (x < 0)
		x = 0;
	if (x > 1)
		x = 1;
	return round(x * 1000.0) / 1000.0;
}

void ir_totals_add(IrTotals *t, const IrDoc *d)
{
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		const IrPipeline *p = d->pipelines.items[i];
		double psum = 0, pmin = 1;
		for (uint32_t k = 0; k < p->nodes.len; k++) {
			const IrNode *node = p->nodes.items[k];
			psum += node->confidence;
			if (node->confidence < pmin)
				pmin = node->confidence;
			t->review += node->review;
		}
		t->sum += psum;
		t->nodes += p->nodes.len;
		if (p->nodes.len && pmin < t->min)
			t->min = pmin;
		t->warnings += p->warnings_count;
	}
	t->pipelines += d->pipelines.len;
	for (uint32_t i = 0; i < d->workflows.len; i++) {
		const IrWorkflow *w = d->workflows.items[i];
		for (uint32_t k = 0; k < w->tasks.len; k++) {
			const IrTask *tk = w->tasks.items[k];
			t->warnings += tk->warnings.len;
			t->review += tk->review;
		}
	}
}

void ir_totals_set(const IrTotals *t, IrDoc *d)
{
	d->pipelines_count = t->pipelines;
	d->nodes_count = t->nodes;
	d->warnings_count = t->warnings;
	d->review_count = t->review;
	d->overall_confidence = t->nodes ? round3(t->sum / t->nodes) : 0;
	d->min_confidence = t->nodes ? round3(t->min) : 0;
}

void ir_rollup(IrDoc *d)
{
	for (uint32_t i = 0; i < d->pipelines.len; i++) {
		IrPipeline *p = d->pipelines.items[i];
		double psum = 0, pmin = 1;
		p->warnings_count = 0;
		for (uint32_t k = 0; k < p->nodes.len; k++) {
			IrNode *node = p->nodes.items[k];
			node->confidence = round3(node->confidence);
			psum += node->confidence;
			if (node->confidence < pmin)
				pmin = node->confidence;
			p->warnings_count += node->warnings.len;
		}
		p->overall_confidence = p->nodes.len ? round3(psum / p->nodes.len) : 0;
		p->min_confidence = p->nodes.len ? round3(pmin) : 0;
	}
	IrTotals t = IR_TOTALS_INIT;
	ir_totals_add(&t, d);
	ir_totals_set(&t, d);
}

void ir_order_tasks(Arena *a, PtrVec *tasks, PtrVec *cycle)
{
	uint32_t n = tasks->len;
	bool *done = ARENA_NEWN(a, bool, n + 1);
	PtrVec out = {0};
	StrMap placed;
	strmap_init(&placed, a, false);
	while (out.len < n) {
		int pick = -1;
		for (uint32_t i = 0; i < n && pick < 0; i++) {
			IrTask *t = tasks->items[i];
			if (!done[i] && t->type == TASK_T_START && !t->depends_on.len)
				pick = (int)i;
		}
		for (uint32_t i = 0; i < n && pick < 0; i++) {
			IrTask *t = tasks->items[i];
			bool ready = !done[i];
			for (uint32_t k = 0; ready && k < t->depends_on.len; k++)
				ready = strmap_get(&placed, ((IrDep *)t->depends_on.items[k])->task) != NULL;
			if (ready)
				pick = (int)i;
		}
		if (pick < 0) { /* a cycle: the rest in source order */
			for (uint32_t i = 0; i < n; i++) {
				if (done[i])
					continue;
				done[i] = true;
				ptrvec_push(a, &out, tasks->items[i]);
				if (cycle)
					ptrvec_push(a, cycle, tasks->items[i]);
			}
			break;
		}
		IrTask *t = tasks->items[pick];
		done[pick] = true;
		strmap_put(&placed, t->id, t);
		ptrvec_push(a, &out, t);
	}
	*tasks = out;
}
