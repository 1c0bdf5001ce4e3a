/* arena.c - chunked bump allocator (src/base). */
#include "base/arena.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
	ArenaChunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_DEFAULT_CHUNK = 64 * 1024, ARENA_ALIGN = 16, ARENA_CACHE_MAX = 1024 };

/* Released default-size chunks are kept for the next arena of this thread
 * (up to 64 MiB): a bulk run then stops paying page faults for every file. */
static _Thread_local ArenaChunk *chunk_cache;
static _Thread_local unsigned chunk_cache_n;

void arena_init(Arena *a)
{
	a->head = NULL;
	a->chunk_size = ARENA_DEFAULT_CHUNK;
	a->total = 0;
}

void arena_release(Arena *a)
{
	ArenaChunk *c = a->head;
	while (c) {
		ArenaChunk *next = c->next;
		if (c->size == ARENA_DEFAULT_CHUNK && chunk_cache_n < ARENA_CACHE_MAX) {
			c->next = chunk_cache;
			chunk_cache = c;
			chunk_cache_n++;
		} else {
			free(c);
		}
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

static ArenaChunk *arena_grow(Arena *a, size_t need)
{
	size_t size = a->chunk_size;
	/* Large requests get a chunk of their own so small ones keep packing. */
	if (need > size / 4)
		size = need;
	ArenaChunk *c;
	if (size == ARENA_DEFAULT_CHUNK && chunk_cache) {
		c = chunk_cache;
		chunk_cache = c->next;
		chunk_cache_n--;
	} else {
		c = xmalloc(size_add(sizeof(ArenaChunk), size));
	}
	c->size = size;
	c->used = 0;
	if (need == size && a->head) {
		/* Keep the current chunk in front: it still has room. */
		c->next = a->head->next;
		a->head->next = c;
	} else {
		c->next = a->head;
		a->head = c;
	}
	return c;
}

void *arena_alloc(Arena *a, size_t size)
{
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < size)
		die("arena allocation overflow");
	ArenaChunk *c = a->head;
	if (!c || c->size - c->used < need)
		c = arena_grow(a, need);
	void *p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, size);
	return p;
}

size_t arena_cache_bytes(void)
{
	return (size_t)chunk_cache_n * (sizeof(ArenaChunk) + ARENA_DEFAULT_CHUNK);
}

void arena_trim_cache(void)
{
	while (chunk_cache) {
		ArenaChunk *next = chunk_cache->next;
		free(chunk_cache);
		chunk_cache = next;
	}
	chunk_cache_n = 0;
}

void *arena_memdup(Arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
	char *q = arena_alloc(a, size_add(n, 1));
	if (n)
		memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *arena_strdup(Arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_sprintf(Arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("arena_sprintf: bad format '%s'", fmt);
	char *s = arena_alloc(a, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

void ptrvec_push(Arena *a, PtrVec *v, void *p)
{
	if (v->len == v->cap) {
		uint32_t cap = v->cap ? v->cap * 2 : 8;
		void **items = ARENA_NEWN(a, void *, cap);
		if (v->len)
			memcpy(items, v->items, v->len * sizeof(void *));
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = p;
}
