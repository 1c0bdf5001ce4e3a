/* cache.c - the LLM answer cache and replay files (src/llm).
 *
 * An answer is stored in <dir>/<key>.json as {"v":1,"model":M,"content":C}
 * where key = sha256(model "\n" prompt) and the prompt is the messages as
 * compact JSON.  The same files, copied into a directory, are what
 * --llm-replay reads.  Nothing in a file or a key depends on the API key.
 */
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/fileio.h"
#include "base/sbuf.h"
#include "llm/llm_int.h"

char *llm_read_small(Arena *a, const char *path, size_t cap, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > cap) {
		close(fd);
		return NULL;
	}
	char *buf = arena_alloc(a, (size_t)st.st_size + 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

bool llm_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *c = p + 1; ok; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char keep = *c;
		*c = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			ok = false;
		*c = keep;
		if (!keep)
			break;
	}
	struct stat st;
	ok = ok && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return ok;
}

const char *llm_cache_key(Arena *a, const char *model, const LlmMessage *msgs, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "role", msgs[i].role);
		cJSON_AddStringToObject(m, "content", msgs[i].content);
		cJSON_AddItemToArray(arr, m);
	}
	char *prompt = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	if (!prompt)
		die("out of memory");
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(model), (const uint8_t *)model);
	sha256_update(&ctx, 1, (const uint8_t *)"\n");
	sha256_update(&ctx, strlen(prompt), (const uint8_t *)prompt);
	sha256_digest(&ctx, sizeof digest, digest);
	cJSON_free(prompt);
	char *hex = arena_alloc(a, 2 * SHA256_DIGEST_SIZE + 1);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return hex;
}

static char *entry_path(const char *dir, const char *key)
{
	size_t n = strlen(dir) + strlen(key) + 8;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s.json", dir, key);
	return p;
}

const char *llm_cache_get(Arena *a, const char *dir, const char *key, const char *model)
{
	char *path = entry_path(dir, key);
	size_t len;
	char *text = llm_read_small(a, path, 2 * LLM_MAX_RESPONSE, &len);
	free(path);
	cJSON *j = text ? cJSON_ParseWithLength(text, len) : NULL;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "model");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "content");
	const char *out = NULL;
	if (cJSON_IsString(m) && strcmp(m->valuestring, model) == 0 && cJSON_IsString(c))
		out = arena_strdup(a, c->valuestring);
	cJSON_Delete(j);
	return out;
}

void llm_cache_put(const char *dir, const char *key, const char *model, const char *content)
{
	Sbuf s = SBUF_INIT;
	sbuf_adds(&s, "{\"v\":1,\"model\":");
	sbuf_add_json_string(&s, model, strlen(model));
	sbuf_adds(&s, ",\"content\":");
	sbuf_add_json_string(&s, content, strlen(content));
	sbuf_adds(&s, "}\n");
	char *path = entry_path(dir, key);
	const char *err;
	atomic_write_file(path, s.buf, s.len, &err); /* a failure only costs a request later */
	free(path);
	sbuf_release(&s);
}
