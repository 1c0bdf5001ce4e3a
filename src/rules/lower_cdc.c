/* lower_cdc.c - change capture: a before and an after input compared by
 * key, each row of the result tagged with the kind of change (src/rules).
 *
 * Neutral: the step's first input group is the before set, the second the
 * after set; ROLE_KEY ports are the keys, ROLE_VALUE ports the values
 * compared; SET_CHANGE_CODES gives the codes of copy, insert, delete and
 * edit, SET_CHANGE_KEEP the kinds output, and the port carrying
 * SET_CHANGE_CODE receives the code (docs/rules.md, "DataStage relational
 * stages", Change Capture).  An insert, an edit and a copy output the after
 * row, a delete the before row.  Keys and values compare with IS NOT
 * DISTINCT FROM, so two NULLs are equal.
 */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "rules/lower.h"
#include "rules/pc.h"

/* The node input group `group` of the step reads, and the columns of its
 * ports with `role` (as that node names them). */
static LNode *side(Lower *L, StepInfo *si, ColRef *in, const char *group, PortRole role, PtrVec *cols,
		   PtrVec *names)
{
	const AstStep *s = si->s;
	LNode *n = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_IN) || !p->group || !ascii_ieq(p->group, group) || !in[i].node)
			continue;
		if (!n)
			n = in[i].node;
		if (n != in[i].node)
			return NULL;
		if (p->role == role) {
			ptrvec_push(L->a, cols, (void *)in[i].col);
			ptrvec_push(L->a, names, (void *)p->name);
		}
	}
	return n;
}

/* "x.a IS NOT DISTINCT FROM y.a AND ..." over the columns of both sides
 * that have the same port name; NULL when a name has no partner. */
static const char *match(Lower *L, const PtrVec *xc, const PtrVec *xn, const PtrVec *yc, const PtrVec *yn,
			 const char *x, const char *y, const char *glue, bool equal)
{
	Sbuf b = SBUF_INIT;
	for (uint32_t i = 0; i < xc->len; i++) {
		uint32_t k = 0;
		while (k < yn->len && !ascii_ieq(xn->items[i], yn->items[k]))
			k++;
		if (k == yn->len) {
			sbuf_release(&b);
			return NULL;
		}
		sbuf_addf(&b, "%s%s.%s IS %sDISTINCT FROM %s.%s", i ? glue : "", x, lower_ident(L, xc->items[i]),
			  equal ? "NOT " : "", y, lower_ident(L, yc->items[k]));
	}
	const char *r = arena_strdup(L->a, b.len ? b.buf : (equal ? "true" : "false"));
	sbuf_release(&b);
	return r;
}

static bool keeps(const char *list, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *p = list; p && *p;) {
		if (strncmp(p, kind, n) == 0 && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

void lower_change_capture(Lower *L, StepInfo *si, LNode *ln, ColRef *in)
{
	const AstStep *s = si->s;
	const char *gn[2] = {NULL, NULL};
	for (uint32_t g = 0, k = 0; g < s->groups.len && k < 2; g++)
		if (((const AstGroup *)s->groups.items[g])->kind == GROUP_INPUT)
			gn[k++] = ((const AstGroup *)s->groups.items[g])->name;
	PtrVec bk = {0}, bkn = {0}, ak = {0}, akn = {0}, bv = {0}, bvn = {0}, av = {0}, avn = {0};
	LNode *b = gn[0] ? side(L, si, in, gn[0], ROLE_KEY, &bk, &bkn) : NULL;
	LNode *a = gn[1] ? side(L, si, in, gn[1], ROLE_KEY, &ak, &akn) : NULL;
	if (b)
		side(L, si, in, gn[0], ROLE_VALUE, &bv, &bvn);
	if (a)
		side(L, si, in, gn[1], ROLE_VALUE, &av, &avn);
	if (!a || !b) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE, "the change capture lacks its before or after input");
		return;
	}
	const char *on = match(L, &ak, &akn, &bk, &bkn, "a", "b", " AND ", true);
	const char *edited = match(L, &av, &avn, &bv, &bvn, "a", "b", " OR ", false);
	if (!on || !edited || !ak.len) {
		lower_placeholder(L, ln, CONV_LLM_UNAVAILABLE,
				  !ak.len ? "the change capture has no key"
					  : "a key or value column of the after input is not in the before input");
		return;
	}
	/* the codes: copy, insert, delete, edit */
	long code[4] = {0, 1, 2, 3};
	const char *cs = lower_prop(s, SET_CHANGE_CODES);
	for (int i = 0; cs && i < 4; i++) {
		char *end;
		code[i] = strtol(cs, &end, 10);
		cs = *end == ',' ? end + 1 : NULL;
	}
	const char *keep = lower_prop(s, SET_CHANGE_KEEP);
	if (!ast_props_find(&s->props, SET_CHANGE_KEEP))
		keep = "insert,delete,edit";
	/* the output columns: the code, or the column of its ref (or name) */
	Sbuf ai = SBUF_INIT, bi = SBUF_INIT;
	int nout = 0;
	const char *code_col = NULL;
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (!(p->dir & PORT_OUT) || (p->dir & PORT_IN))
			continue;
		const char *type;
		const char *name = lower_port_col(L, ln, p, &type);
		lower_add_col(L, ln, name, type);
		si->cols[i] = name;
		const char *av_ = NULL, *bv_ = NULL;
		if (ast_props_find(&p->props, SET_CHANGE_CODE)) {
			code_col = name;
			av_ = bv_ = "%CODE%";
		} else {
			const char *c = p->ref ? p->ref : p->name;
			for (uint32_t k = 0; k < s->ports.len; k++) {
				const AstPort *q = s->ports.items[k];
				if (!(q->dir & PORT_IN) || !in[k].node || !q->group || !ascii_ieq(q->name, c))
					continue;
				const char *v = arena_sprintf(L->a, "CAST(%s.%s AS %s)", in[k].node == a ? "a" : "b",
							      lower_ident(L, in[k].col), type);
				if (ascii_ieq(q->group, gn[1]))
					av_ = v;
				else
					bv_ = v;
			}
		}
		const char *null = arena_sprintf(L->a, "CAST(NULL AS %s)", type);
		sbuf_addf(&ai, "%s%s AS %s", nout ? ", " : "", av_ ? av_ : null, lower_ident(L, name));
		sbuf_addf(&bi, "%s%s AS %s", nout ? ", " : "", bv_ ? bv_ : null, lower_ident(L, name));
		nout++;
	}
	if (!code_col)
		ptrvec_push(L->a, &ln->n->evidence, (void *)"the output declares no change code column");
	Sbuf q = SBUF_INIT;
	int parts = 0;
	/* the select list of one kind, its code in place of %CODE% */
	const char *kinds[] = {"insert", "delete", "edit", "copy"};
	for (int k = 0; k < 4; k++) {
		if (!keeps(keep, kinds[k]))
			continue;
		bool before = k == 1;
		const char *list = before ? bi.buf : ai.buf;
		long c = k == 0 ? code[1] : k == 1 ? code[2] : k == 2 ? code[3] : code[0];
		Sbuf it = SBUF_INIT;
		for (const char *p = list; *p;) {
			const char *m = strstr(p, "%CODE%");
			if (!m) {
				sbuf_adds(&it, p);
				break;
			}
			sbuf_add(&it, p, (size_t)(m - p));
			sbuf_addf(&it, "CAST(%ld AS %s)", c, lower_col_type(ln, code_col));
			p = m + 6;
		}
		const char *from =
		    k == 0   ? arena_sprintf(L->a, "FROM %s AS a\nWHERE NOT EXISTS (SELECT 1 FROM %s AS b WHERE %s)",
					     a->n->id, b->n->id, on)
		    : k == 1 ? arena_sprintf(L->a, "FROM %s AS b\nWHERE NOT EXISTS (SELECT 1 FROM %s AS a WHERE %s)",
					     b->n->id, a->n->id, on)
			     : arena_sprintf(L->a, "FROM %s AS a\nJOIN %s AS b ON %s\nWHERE %s(%s)", a->n->id,
					     b->n->id, on, k == 2 ? "" : "NOT ", edited);
		sbuf_addf(&q, "%sSELECT %s\n%s", parts++ ? "\nUNION ALL\n" : "", it.buf, from);
		sbuf_release(&it);
	}
	if (!parts)
		sbuf_addf(&q, "SELECT %s\nFROM %s AS a\nWHERE false", ai.buf, a->n->id);
	ln->full = arena_strdup(L->a, q.buf);
	lower_add_dep(L, ln, b->n->id);
	lower_add_dep(L, ln, a->n->id);
	ptrvec_push(L->a, &ln->n->evidence,
		    (void *)arena_sprintf(L->a, "change kinds output: %s; codes copy %ld, insert %ld, delete %ld, edit %ld",
					  *keep ? keep : "none", code[0], code[1], code[2], code[3]));
	ptrvec_push(L->a, &ln->n->evidence,
		    (void *)"each key is assumed to occur once in each input (the stage compares sorted inputs "
			    "row by row; with a repeated key the SQL compares every pair)");
	sbuf_release(&ai);
	sbuf_release(&bi);
	sbuf_release(&q);
}
