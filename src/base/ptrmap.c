/* ptrmap.c - open-addressing pointer map with linear probing (src/base). */
#include "base/ptrmap.h"

#include <string.h>

static uint32_t ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33; /* the murmur3 finaliser: allocations share their low bits */
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

void ptrmap_init(PtrMap *m, Arena *a)
{
	memset(m, 0, sizeof *m);
	m->arena = a;
}

static PtrMapSlot *find_slot(const PtrMap *m, const void *key)
{
	uint32_t mask = m->cap - 1;
	for (uint32_t i = ptr_hash(key) & mask;; i = (i + 1) & mask)
		if (!m->slots[i].key || m->slots[i].key == key)
			return &m->slots[i];
}

static void rehash(PtrMap *m)
{
	uint32_t old_cap = m->cap;
	PtrMapSlot *old = m->slots;
	m->cap = old_cap ? old_cap * 2 : 16;
	m->slots = ARENA_NEWN(m->arena, PtrMapSlot, m->cap);
	for (uint32_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*find_slot(m, old[i].key) = old[i];
}

void ptrmap_put(PtrMap *m, const void *key, uint32_t value)
{
	if (!key)
		return;
	if ((m->len + 1) * 4 > m->cap * 3)
		rehash(m);
	PtrMapSlot *s = find_slot(m, key);
	if (s->key)
		return;
	s->key = key;
	s->value = value;
	m->len++;
}

bool ptrmap_get(const PtrMap *m, const void *key, uint32_t *value)
{
	if (!m->cap || !key)
		return false;
	const PtrMapSlot *s = find_slot(m, key);
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

void ptrmap_index_vec(PtrMap *m, Arena *a, const PtrVec *v)
{
	ptrmap_init(m, a);
	for (uint32_t i = 0; i < v->len; i++)
		ptrmap_put(m, v->items[i], i);
}
