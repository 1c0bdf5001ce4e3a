/* curl_dl.c - libcurl, loaded on first use (src/llm; curl_dl.h). */
#include "llm/curl_dl.h"

#include <dlfcn.h>
#include <stddef.h>

CurlApi akko_curl;

static bool loaded;

/* The symbol each table entry takes, by offset, so that one loop fills it. */
static const struct {
	const char *name;
	size_t off;
} syms[] = {
    {"curl_global_init", offsetof(CurlApi, global_init)},
    {"curl_easy_init", offsetof(CurlApi, easy_init)},
    {"curl_easy_setopt", offsetof(CurlApi, easy_setopt)},
    {"curl_easy_perform", offsetof(CurlApi, easy_perform)},
    {"curl_easy_getinfo", offsetof(CurlApi, easy_getinfo)},
    {"curl_easy_cleanup", offsetof(CurlApi, easy_cleanup)},
    {"curl_easy_strerror", offsetof(CurlApi, easy_strerror)},
    {"curl_slist_append", offsetof(CurlApi, slist_append)},
    {"curl_slist_free_all", offsetof(CurlApi, slist_free_all)},
    {"curl_free", offsetof(CurlApi, free)},
    {"curl_url", offsetof(CurlApi, url)},
    {"curl_url_cleanup", offsetof(CurlApi, url_cleanup)},
    {"curl_url_get", offsetof(CurlApi, url_get)},
    {"curl_url_set", offsetof(CurlApi, url_set)},
};

bool curl_load(const char **why)
{
	static const char *failed;
	if (loaded)
		return true;
	if (failed) {
		*why = failed;
		return false;
	}
	/* the OpenSSL build first (libcurl4, what libcurl4-openssl-dev
	 * installs), then the GnuTLS one */
	void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libcurl-gnutls.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		*why = failed = e ? e : "libcurl.so.4 cannot be loaded (install libcurl4)";
		return false;
	}
	CurlApi api;
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		void *f = dlsym(h, syms[i].name);
		if (!f) {
			*why = failed = "the libcurl found is too old (7.68 or later is needed)";
			dlclose(h);
			return false;
		}
		/* POSIX: a function pointer and void * have the same representation */
		*(void **)((char *)&api + syms[i].off) = f;
	}
	akko_curl = api;
	loaded = true;
	return true;
}

bool curl_loaded(void)
{
	return loaded;
}
