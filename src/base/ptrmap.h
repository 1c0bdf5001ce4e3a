/* ptrmap.h - pointer -> index hash map stored in an arena (src/base).
 *
 * Keys are addresses compared as such (never dereferenced); values are
 * 32-bit indexes.  Like StrMap there is no delete: a map lives as long as
 * the arena of the file it indexes.  It replaces linear "where is this
 * pointer in that vector" scans, which are quadratic over wide objects.
 */
#ifndef AKKO_BASE_PTRMAP_H
#define AKKO_BASE_PTRMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct PtrMapSlot {
	const void *key;
	uint32_t value;
} PtrMapSlot;

typedef struct PtrMap {
	Arena *arena;
	PtrMapSlot *slots;
	uint32_t cap, len; /* cap is a power of two or 0 */
} PtrMap;

void ptrmap_init(PtrMap *m, Arena *a);
/* Insert if absent (a present key keeps its value). */
void ptrmap_put(PtrMap *m, const void *key, uint32_t value);
/* The key's value in *value; false when absent. */
bool ptrmap_get(const PtrMap *m, const void *key, uint32_t *value);
/* Every item of v (the first position of each), item -> its position. */
void ptrmap_index_vec(PtrMap *m, Arena *a, const PtrVec *v);

#endif
