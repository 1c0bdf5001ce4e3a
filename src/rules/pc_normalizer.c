/* pc_normalizer.c - PowerCenter's Normalizer (src/rules).
 *
 * The occurring input ports (NAME1..NAMEn or NAME_in1..) become one SELECT
 * per occurrence, UNION ALL, with the occurrence number in the GCID_ port.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/sbuf.h"
#include "rules/lower.h"
#include "rules/pc.h"

void pc_rule_normalizer(Lower *L, StepInfo *si, LNode *ln, LNode *d)
{
	const AstStep *s = si->s;
	/* output ports: a GCID_ port, a GK_ port, and the normalized columns;
	 * input ports NAME1..NAMEn (or NAME_in1..) feed NAME occurrence by occurrence */
	lower_add_dep(L, ln, d->n->id);
	PtrVec outs = {0};
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_OUT) && !(p->dir & PORT_IN))
			ptrvec_push(L->a, &outs, (void *)(uintptr_t)i);
	}
	int occurs = 0;
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		for (int n = 1; n < 100; n++) {
			char want[300];
			snprintf(want, sizeof want, "%s_in%d", p->name, n);
			int a = lower_port_named(s, want);
			snprintf(want, sizeof want, "%s%d", p->name, n);
			int b = lower_port_named(s, want);
			if (a < 0 && b < 0)
				break;
			if (n > occurs)
				occurs = n;
		}
	}
	if (!occurs) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  "the normalizer's occurring input ports were not recognised");
		return;
	}
	for (uint32_t k = 0; k < outs.len; k++) {
		uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
		const AstPort *p = s->ports.items[i];
		const char *name = lower_fresh_col(L, ln, lower_colname(L, p->name));
		lower_add_col(L, ln, name, pc_pg_type(L->a, &p->type));
		si->cols[i] = name;
	}
	Sbuf b = SBUF_INIT;
	for (int n = 1; n <= occurs; n++) {
		sbuf_addf(&b, "%sSELECT ", n > 1 ? "\nUNION ALL\n" : "");
		for (uint32_t k = 0; k < outs.len; k++) {
			uint32_t i = (uint32_t)(uintptr_t)outs.items[k];
			const AstPort *p = s->ports.items[i];
			const IrColumn *oc = ln->n->columns.items[k];
			char want[300];
			const char *e = "NULL";
			if (strncasecmp(p->name, "GCID_", 5) == 0)
				e = arena_sprintf(L->a, "%d", n);
			else if (strncasecmp(p->name, "GK_", 3) == 0)
				e = "NULL";
			else {
				snprintf(want, sizeof want, "%s_in%d", p->name, n);
				int src = lower_port_named(s, want);
				if (src < 0) {
					snprintf(want, sizeof want, "%s%d", p->name, n);
					src = lower_port_named(s, want);
				}
				if (src <
				    0) { /* a column that does not occur: the same input port every time */
					snprintf(want, sizeof want, "%s_in", p->name);
					src = lower_port_named(s, want);
					if (src < 0)
						src = lower_port_named(s, p->name);
				}
				if (src >= 0 && L->cur_in[src].node)
					e = arena_sprintf(L->a, "t.%s", lower_ident(L, L->cur_in[src].col));
			}
			sbuf_addf(&b, "%sCAST(%s AS %s) AS %s", k ? ", " : "", e, oc->type,
				  lower_ident(L, oc->name));
		}
		sbuf_addf(&b, " FROM %s AS t", d->n->id);
	}
	ln->full = arena_strdup(L->a, b.buf);
	sbuf_release(&b);
	for (uint32_t k = 0; k < outs.len; k++) {
		const AstPort *p = s->ports.items[(uintptr_t)outs.items[k]];
		if (strncasecmp(p->name, "GK_", 3) == 0)
			lower_warn(L, ln, W_RULE_DIFFERENCE, s,
				   "the generated key '%s' is NULL: it needs a sequence the runner keeps",
				   p->name);
	}
}
