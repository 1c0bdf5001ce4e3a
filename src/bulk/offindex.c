/* offindex.c - a hash index of records kept in a file (src/bulk): the
 * supervisor's lookups by output name (filelist.c) and by manifest key
 * (manifest.c) without the names or keys in memory.
 *
 * A slot is 8 bytes: 16 bits of the item's hash (a tag that saves most
 * reads) and its offset + 1 in the file (0: empty).  Items with the same
 * tag are told apart by the caller's `eq`, which reads the item back, so
 * the index is exact whatever the hash.  Linear probing, at most 3/4 full:
 * about 11 to 21 bytes per item.
 */
#include <stdlib.h>
#include <string.h>

#include "bulk/bulk.h"

#define TAG_SHIFT 48
#define OFF_MASK  ((UINT64_C(1) << TAG_SHIFT) - 1)

uint64_t offindex_hash(const void *p, size_t n, bool fold_case)
{
	const unsigned char *s = p;
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (fold_case && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= UINT64_C(1099511628211);
	}
	return h ^ (h >> 29);
}

static uint64_t tag_of(uint64_t h)
{
	return (h >> TAG_SHIFT) << TAG_SHIFT;
}

/* The slot of the item equal to the probe, or the empty slot where it goes. */
static uint64_t *find(const OffIndex *x, uint64_t h, OffIndexEq eq, void *ud)
{
	size_t mask = x->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		uint64_t s = x->slots[i];
		if (!s || ((s & ~OFF_MASK) == tag_of(h) && eq(ud, (s & OFF_MASK) - 1)))
			return &x->slots[i];
	}
}

int64_t offindex_find(const OffIndex *x, uint64_t h, OffIndexEq eq, void *ud)
{
	if (!x->cap)
		return -1;
	uint64_t s = *find(x, h, eq, ud);
	return s ? (int64_t)((s & OFF_MASK) - 1) : -1;
}

/* Every item again in a table twice the size: the hashes are not kept, so
 * each item's hash comes back from the caller. */
static void grow(OffIndex *x, OffIndexHash rehash, void *ud)
{
	OffIndex bigger = {xcalloc(x->cap ? 2 * x->cap : 1024, sizeof *x->slots), x->cap ? 2 * x->cap : 1024,
			   0};
	for (size_t i = 0; i < x->cap; i++) {
		uint64_t s = x->slots[i];
		if (!s)
			continue;
		uint64_t h = rehash(ud, (s & OFF_MASK) - 1);
		size_t mask = bigger.cap - 1, j = (size_t)h & mask;
		while (bigger.slots[j])
			j = (j + 1) & mask;
		bigger.slots[j] = tag_of(h) | (s & OFF_MASK);
		bigger.len++;
	}
	free(x->slots);
	*x = bigger;
}

void offindex_put(OffIndex *x, uint64_t h, int64_t off, OffIndexEq eq, OffIndexHash rehash, void *ud)
{
	if (4 * (x->len + 1) > 3 * x->cap)
		grow(x, rehash, ud);
	uint64_t *s = find(x, h, eq, ud);
	x->len += *s == 0;
	*s = tag_of(h) | ((uint64_t)off + 1);
}

void offindex_free(OffIndex *x)
{
	free(x->slots);
	memset(x, 0, sizeof *x);
}
