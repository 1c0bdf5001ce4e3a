/* curl_dl.h - libcurl, loaded when the LLM client first needs it.
 *
 * A conversion without an LLM never touches HTTP, so the program does not
 * link libcurl: its TLS, authentication and compression libraries (about
 * thirty shared objects) would be mapped and relocated at every start.
 * curl_load() dlopen()s libcurl.so.4 (the libcurl4 package, a dependency of
 * the libcurl4-openssl-dev headers the build uses) on first use; every curl
 * call of src/llm goes through the table it fills.  The names below turn
 * the usual curl_* calls into calls through that table, so the client code
 * reads as plain libcurl.
 */
#ifndef AKKO_LLM_CURL_DL_H
#define AKKO_LLM_CURL_DL_H

#define CURL_DISABLE_TYPECHECK 1 /* the typecheck macros would wrap our names */
#include <curl/curl.h>
#include <stdbool.h>

typedef struct CurlApi {
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *h);
	CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *h);
	const char *(*easy_strerror)(CURLcode rc);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	void (*free)(void *p);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *u);
	CURLUcode (*url_get)(const CURLU *u, CURLUPart part, char **out, unsigned int flags);
	CURLUcode (*url_set)(CURLU *u, CURLUPart part, const char *s, unsigned int flags);
} CurlApi;

extern CurlApi akko_curl;

/* Load libcurl once; false with *why (static text or dlerror()'s) when it
 * cannot be loaded.  Every other call below needs a true return first. */
bool curl_load(const char **why);

/* Was it loaded by this process?  (tests: a conversion without an LLM
 * must not load it) */
bool curl_loaded(void);

#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init akko_curl.global_init
#define curl_easy_init akko_curl.easy_init
#define curl_easy_setopt akko_curl.easy_setopt
#define curl_easy_perform akko_curl.easy_perform
#define curl_easy_getinfo akko_curl.easy_getinfo
#define curl_easy_cleanup akko_curl.easy_cleanup
#define curl_easy_strerror akko_curl.easy_strerror
#define curl_slist_append akko_curl.slist_append
#define curl_slist_free_all akko_curl.slist_free_all
#define curl_free akko_curl.free
#define curl_url akko_curl.url
#define curl_url_cleanup akko_curl.url_cleanup
#define curl_url_get akko_curl.url_get
#define curl_url_set akko_curl.url_set

#endif
