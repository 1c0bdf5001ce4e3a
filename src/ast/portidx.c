/* portidx.c - constant-time port positions (src/ast; see portidx.h). */
#include "ast/portidx.h"
#include "base/str.h"
#include "base/strmap.h"

enum { PORTIDX_FROM = 16 }; /* fewer ports: a scan is as fast as a map */

typedef struct StepPorts {
	uint32_t n; /* the step's port count when built */
	PtrMap by_ptr;
	StrMap by_name; /* fold_case: the first port of each name */
} StepPorts;

void port_index_init(PortIndex *x, Arena *a)
{
	x->arena = a;
	ptrmap_init(&x->steps, a);
	x->built = (PtrVec){0};
}

static StepPorts *step_ports(PortIndex *x, const AstStep *s)
{
	uint32_t k;
	StepPorts *sp = NULL;
	if (ptrmap_get(&x->steps, s, &k)) {
		sp = x->built.items[k];
		if (sp->n == s->ports.len)
			return sp;
	} else {
		sp = ARENA_NEW(x->arena, StepPorts);
		ptrmap_put(&x->steps, s, x->built.len);
		ptrvec_push(x->arena, &x->built, sp);
	}
	sp->n = s->ports.len;
	ptrmap_index_vec(&sp->by_ptr, x->arena, &s->ports);
	strmap_init(&sp->by_name, x->arena, true);
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if (p->name)
			strmap_put(&sp->by_name, p->name, (void *)(uintptr_t)(i + 1));
	}
	return sp;
}

int port_index_of(PortIndex *x, const AstStep *s, const AstPort *p)
{
	if (!p)
		return -1;
	if (!x || s->ports.len < PORTIDX_FROM) {
		for (uint32_t i = 0; i < s->ports.len; i++)
			if (s->ports.items[i] == p)
				return (int)i;
		return -1;
	}
	uint32_t i;
	return ptrmap_get(&step_ports(x, s)->by_ptr, p, &i) ? (int)i : -1;
}

int port_index_named(PortIndex *x, const AstStep *s, const char *name)
{
	if (!x || s->ports.len < PORTIDX_FROM) {
		for (uint32_t i = 0; i < s->ports.len; i++)
			if (ascii_ieq(((AstPort *)s->ports.items[i])->name, name))
				return (int)i;
		return -1;
	}
	if (!name)
		return -1;
	uintptr_t v = (uintptr_t)strmap_get(&step_ports(x, s)->by_name, name);
	return v ? (int)(v - 1) : -1;
}
