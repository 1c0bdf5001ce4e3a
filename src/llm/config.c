/* config.c - the LLM fallback's configuration: flags first, then the
 * environment (src/llm; docs/llm.md, "Configuration").
 *
 * Off unless a model and a URL (or a replay directory) are configured.
 * Local first: plain http only to a loopback address; anything else must be
 * https.  The API key comes only from AKKO_LLM_API_KEY or a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "base/sbuf.h"
#include "llm/curl_dl.h"
#include "llm/llm_int.h"

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static char *msg(const char *fmt, const char *arg)
{
	Sbuf s = SBUF_INIT;
	sbuf_addf(&s, fmt, arg);
	return sbuf_detach(&s, NULL);
}

static bool is_loopback(const char *host)
{
	return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
	       strcmp(host, "[::1]") == 0 || strcmp(host, "::1") == 0;
}

/* The URL's scheme and host are acceptable; err says why not. */
static bool check_url(const char *url, char **err)
{
	const char *why;
	if (!curl_load(&why)) {
		*err = msg("the LLM client needs libcurl, which cannot be loaded: %s", why);
		return false;
	}
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL;
	bool ok = false;
	if (!u)
		die("out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		*err = msg("the LLM URL '%s' is not a URL (e.g. http://127.0.0.1:11434/v1)", url);
	else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK && user)
		*err = msg("%s", "the LLM URL must not hold credentials; put the key in AKKO_LLM_API_KEY");
	else if (strcmp(scheme, "https") != 0 && !(strcmp(scheme, "http") == 0 && is_loopback(host)))
		*err = msg("the LLM URL '%s' must use https (plain http only to 127.0.0.1, ::1 or localhost)",
			   url);
	else
		ok = true;
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_url_cleanup(u);
	return ok;
}

/* <base>/v1/chat/completions, whether the URL names the server, its /v1 or
 * the endpoint itself. */
static char *endpoint_of(const char *url)
{
	Sbuf s = SBUF_INIT;
	sbuf_adds(&s, url);
	while (s.len && s.buf[s.len - 1] == '/')
		sbuf_setlen(&s, s.len - 1);
	size_t n = s.len;
	if (n >= 17 && strcmp(s.buf + n - 17, "/chat/completions") == 0)
		;
	else if (n >= 3 && strcmp(s.buf + n - 3, "/v1") == 0)
		sbuf_adds(&s, "/chat/completions");
	else
		sbuf_adds(&s, "/v1/chat/completions");
	return sbuf_detach(&s, NULL);
}

/* The key file: one line; surrounding blanks and the newline dropped. */
static bool read_key_file(LlmConfig *c, const char *path, char **err)
{
	Arena a;
	arena_init(&a);
	size_t len = 0;
	char *text = llm_read_small(&a, path, 4096, &len);
	while (text && len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		text[--len] = '\0';
	while (text && (*text == ' ' || *text == '\t'))
		text++, len--;
	bool ok = text && len && !strpbrk(text, "\r\n\t");
	if (ok)
		c->api_key = xstrdup(text);
	else
		*err = msg("cannot read an API key (one line, at most 4 KB) from '%s'", path);
	if (text)
		memset(text, 0, len);
	arena_release(&a);
	return ok;
}

static char *default_cache_dir(void)
{
	const char *xdg = env("XDG_CACHE_HOME"), *home = env("HOME");
	if (!xdg && !home)
		return NULL;
	Sbuf s = SBUF_INIT;
	sbuf_addf(&s, "%s%s/akko-migrate/llm", xdg ? xdg : home, xdg ? "" : "/.cache");
	return sbuf_detach(&s, NULL);
}

bool llm_config_resolve(LlmConfig *c, char **err)
{
	*err = NULL;
	c->enabled = false;
	if (c->off)
		return true;
	if (!c->url)
		c->url = env("AKKO_LLM_URL");
	if (!c->model)
		c->model = env("AKKO_LLM_MODEL");
	if (!c->url && !c->model && !c->replay_dir)
		return true; /* not configured: the fallback path stays off */
	if (!c->model) {
		*err = msg("%s",
			   "an LLM URL or replay directory needs a model: set AKKO_LLM_MODEL or --llm-model");
		return false;
	}
	if (!c->url && !c->replay_dir) {
		*err = msg("the LLM model '%s' needs a server: set AKKO_LLM_URL or --llm-url", c->model);
		return false;
	}
	if (c->url && !check_url(c->url, err))
		return false;
	c->endpoint = c->url ? endpoint_of(c->url) : NULL;
	const char *key_file = c->api_key_file ? c->api_key_file : NULL;
	const char *key = key_file ? NULL : env("AKKO_LLM_API_KEY");
	if (!key_file && !key)
		key_file = env("AKKO_LLM_API_KEY_FILE");
	if (key)
		c->api_key = xstrdup(key);
	else if (key_file && !read_key_file(c, key_file, err))
		return false;
	if (!c->timeout_ms)
		c->timeout_ms = LLM_DEFAULT_TIMEOUT_MS;
	if (!c->max_tokens)
		c->max_tokens = LLM_DEFAULT_MAX_TOKENS;
	if (!c->budget_set)
		c->budget = LLM_DEFAULT_BUDGET;
	if (!c->concurrency)
		c->concurrency = LLM_DEFAULT_CONCURRENCY;
	if (!c->cache_dir)
		c->cache_dir = c->cache_dir_default = default_cache_dir();
	c->enabled = true;
	return true;
}

void llm_config_release(LlmConfig *c)
{
	free(c->endpoint);
	free(c->cache_dir_default);
	c->endpoint = c->cache_dir_default = NULL;
	if (c->api_key) {
		memset(c->api_key, 0, strlen(c->api_key));
		free(c->api_key);
		c->api_key = NULL;
	}
}
