/* pc_update.c - PowerCenter's Update Strategy (src/rules).
 *
 * The row's operation as a column, akko_operation, from the DD_ code its
 * expression gives (DD_INSERT 0, DD_UPDATE 1, DD_DELETE 2, DD_REJECT 3);
 * lower_target() turns a sink it reaches into an upsert.
 */
#include "rules/lower.h"

void pc_rule_update_strategy(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	lower_expression(L, si, ln, d, false);
	const AstProp *c = ast_props_find(&si->s->props, SET_UPDATE_STRATEGY);
	const char *v = "0";
	if (c && c->expr && c->value && *c->value) {
		v = lower_translate(L, ln, c->expr, "update strategy expression", false, false, NULL);
		if (!v)
			return;
	}
	lower_add_item(L, ln,
		       arena_sprintf(L->a,
				     "CASE %s WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' "
				     "WHEN 3 THEN 'reject' END",
				     v),
		       lower_fresh_col(L, ln, "akko_operation"), "text");
}
