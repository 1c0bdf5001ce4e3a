/* llm_int.h - what the files of src/llm share and nobody else sees.
 */
#ifndef AKKO_LLM_LLM_INT_H
#define AKKO_LLM_LLM_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "llm/llm.h"

/* Read at most `cap` bytes of a regular file into the arena (NUL added);
 * NULL when it cannot be read, is not a regular file or is larger. */
char *llm_read_small(Arena *a, const char *path, size_t cap, size_t *len);

/* mkdir -p with mode 0700 for what it creates; false when it fails. */
bool llm_mkdirs(const char *path);

/* The content of <dir>/<key>.json when it holds an answer of `model`, or
 * NULL. */
const char *llm_cache_get(Arena *a, const char *dir, const char *key, const char *model);
/* Store an answer atomically (a failure only costs a later request). */
void llm_cache_put(const char *dir, const char *key, const char *model, const char *content);

#endif
