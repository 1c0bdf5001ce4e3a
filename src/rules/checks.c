/* checks.c - the default quality checks of a pipeline (src/rules). */
#include "rules/checks.h"

static IrCheck *check_new(Arena *a, IrPipeline *p, CheckType type, const IrNode *n)
{
	IrCheck *c = ARENA_NEW(a, IrCheck);
	c->type = type;
	c->node = n->id;
	c->id = arena_sprintf(a, "%s_%s", n->id, check_type_name(type));
	ptrvec_push(a, &p->checks, c);
	return c;
}

void checks_add_defaults(Arena *a, IrPipeline *p)
{
	for (uint32_t i = 0; i < p->nodes.len; i++) {
		const IrNode *n = p->nodes.items[i];
		if (n->type != NODE_SINK_TABLE && n->type != NODE_SINK_FILE)
			continue;
		check_new(a, p, CHECK_ROW_COUNT, n);
		check_new(a, p, CHECK_NULL_PERCENTAGE, n)->threshold = CHECK_NULL_THRESHOLD;
		IrCheck *dup = check_new(a, p, CHECK_DUPLICATE, n);
		const PtrVec *keys = &n->keys;
		for (uint32_t k = 0; k < keys->len; k++)
			ptrvec_push(a, &dup->keys, keys->items[k]);
		if (!keys->len) /* no key: whole rows */
			for (uint32_t k = 0; k < n->columns.len; k++)
				ptrvec_push(a, &dup->keys, (void *)((IrColumn *)n->columns.items[k])->name);
		check_new(a, p, CHECK_SCHEMA, n);
	}
	for (uint32_t i = 0; i < p->nodes.len; i++) {
		const IrNode *n = p->nodes.items[i];
		if (n->confidence < CHECK_RECONCILE_BELOW)
			check_new(a, p, CHECK_RECONCILE, n)->threshold = n->confidence;
	}
}
