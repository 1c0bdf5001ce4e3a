/* arena.h - bump allocator that owns everything built for one job file
 * (src/base).
 *
 * One Arena per input file holds the AST, copied strings, parsed expressions
 * and later the pipeline IR; arena_release() frees it all at once, so a bulk
 * run over many files keeps a flat memory profile.  Allocation never fails:
 * out of memory aborts with a message.  Memory is zero-filled.
 */
#ifndef AKKO_BASE_ARENA_H
#define AKKO_BASE_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
	ArenaChunk *head;  /* current chunk (newest first) */
	size_t chunk_size; /* default size of new chunks */
	size_t total;      /* bytes handed out, for statistics */
} Arena;

void arena_init(Arena *a);
void arena_release(Arena *a); /* frees every chunk; the arena is reusable */
/* Free the chunks this thread keeps for reuse (arena_release keeps some). */
void arena_trim_cache(void);
/* The bytes of the chunks this thread keeps for reuse. */
size_t arena_cache_bytes(void);

void *arena_alloc(Arena *a, size_t size); /* zeroed, 16-byte aligned */
void *arena_memdup(Arena *a, const void *p, size_t n);
char *arena_strdup(Arena *a, const char *s);            /* NULL stays NULL */
char *arena_strndup(Arena *a, const char *s, size_t n); /* adds the NUL */
char *arena_sprintf(Arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#define ARENA_NEW(a, T)     ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_NEWN(a, T, n) ((T *)arena_alloc((a), size_mul((n), sizeof(T))))

/* A growable array of pointers whose storage lives in an arena.  Growth
 * copies into a new block (the old one stays in the arena until release), so
 * keep pointers to the elements, never to the slots. */
typedef struct PtrVec {
	void **items;
	uint32_t len, cap;
} PtrVec;

void ptrvec_push(Arena *a, PtrVec *v, void *p);

#endif
