/* strmap.c - open-addressing hash map with linear probing (src/base). */
#include "base/strmap.h"
#include "base/str.h"

#include <string.h>

uint32_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t key_hash(const StrMap *m, const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *s = (const unsigned char *)key; *s; s++) {
		unsigned char c = *s;
		if (m->fold_case && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= 16777619u;
	}
	return h;
}

static bool key_eq(const StrMap *m, const char *a, const char *b)
{
	return m->fold_case ? ascii_ieq(a, b) : strcmp(a, b) == 0;
}

void strmap_init(StrMap *m, Arena *a, bool fold_case)
{
	memset(m, 0, sizeof *m);
	m->arena = a;
	m->fold_case = fold_case;
}

static StrMapSlot *find_slot(const StrMap *m, const char *key, uint32_t h)
{
	uint32_t mask = m->cap - 1;
	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		StrMapSlot *s = &m->slots[i];
		if (!s->key || (s->hash == h && key_eq(m, s->key, key)))
			return s;
	}
}

void *strmap_get(const StrMap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	StrMapSlot *s = find_slot(m, key, key_hash(m, key));
	return s->key ? s->value : NULL;
}

static void rehash(StrMap *m)
{
	uint32_t old_cap = m->cap;
	StrMapSlot *old = m->slots;
	m->cap = old_cap ? old_cap * 2 : 16;
	m->slots = ARENA_NEWN(m->arena, StrMapSlot, m->cap);
	for (uint32_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*find_slot(m, old[i].key, old[i].hash) = old[i];
}

void *strmap_put(StrMap *m, const char *key, void *value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		rehash(m);
	uint32_t h = key_hash(m, key);
	StrMapSlot *s = find_slot(m, key, h);
	if (s->key)
		return s->value;
	s->key = key;
	s->value = value;
	s->hash = h;
	m->len++;
	return NULL;
}
