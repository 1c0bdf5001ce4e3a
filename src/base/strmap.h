/* strmap.h - string -> pointer hash map stored in an arena (src/base).
 *
 * Keys are NUL-terminated strings that must outlive the map (usually arena
 * copies).  Lookups are exact (byte-wise) unless the map was created with
 * fold_case, in which case ASCII letters compare case-insensitively.  There
 * is no delete: maps are built while reading one file and dropped with it.
 */
#ifndef AKKO_BASE_STRMAP_H
#define AKKO_BASE_STRMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct StrMapSlot {
	const char *key;
	void *value;
	uint32_t hash;
} StrMapSlot;

typedef struct StrMap {
	Arena *arena;
	StrMapSlot *slots;
	uint32_t cap, len; /* cap is a power of two or 0 */
	bool fold_case;
} StrMap;

void strmap_init(StrMap *m, Arena *a, bool fold_case);
void *strmap_get(const StrMap *m, const char *key);
/* Insert if absent.  Returns the existing value if the key was present
 * (and leaves it), or NULL after inserting. */
void *strmap_put(StrMap *m, const char *key, void *value);

uint32_t hash_bytes(const void *p, size_t n); /* FNV-1a, 32-bit */

#endif
