/* client.c - chat completions over libcurl, with the cache, the budget,
 * the cross-process slots, retries and the time limits (src/llm;
 * docs/llm.md, "Robustness").
 *
 * One call:  replay dir | cache  ->  [budget, slot, POST]  x <= 3
 *                                     retry 429/5xx after Retry-After or a
 *                                     backoff; stop at the deadline
 * A connection failure, or two calls in a row that end in a timeout or in
 * 5xx after every retry, mark the server unreachable for the rest of the
 * process: later calls are answered from the cache or not at all, so a
 * dead server costs a timeout or two, not one per node.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, flock */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/sbuf.h"
#include "base/str.h"
#include "llm/curl_dl.h"
#include "llm/llm_int.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

/* ---- the budget ---------------------------------------------------------- */

struct LlmBudget {
	unsigned limit; /* 0: none */
	unsigned used;  /* updated atomically: bulk workers share it */
	bool shared;    /* in a MAP_SHARED mapping */
};

LlmBudget *llm_budget_new(unsigned limit, bool shared)
{
	LlmBudget *b = NULL;
	if (shared) {
		void *p = mmap(NULL, sizeof *b, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		b = p == MAP_FAILED ? NULL : p;
	}
	if (!b) {
		b = xcalloc(1, sizeof *b);
		shared = false;
	}
	b->limit = limit;
	b->used = 0;
	b->shared = shared;
	return b;
}

void llm_budget_free(LlmBudget *b)
{
	if (b && b->shared)
		munmap(b, sizeof *b);
	else
		free(b);
}

unsigned llm_budget_used(const LlmBudget *b)
{
	return __atomic_load_n(&b->used, __ATOMIC_SEQ_CST);
}

/* Take one request from the budget; false when it is spent. */
static bool budget_take(LlmBudget *b)
{
	unsigned u = __atomic_load_n(&b->used, __ATOMIC_SEQ_CST);
	do {
		if (b->limit && u >= b->limit)
			return false;
	} while (
	    !__atomic_compare_exchange_n(&b->used, &u, u + 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	return true;
}

/* ---- time ------------------------------------------------------------------ */

static unsigned long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000ull + (unsigned long long)ts.tv_nsec / 1000000ull;
}

static void sleep_ms(unsigned long long ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- the client ------------------------------------------------------------ */

struct LlmClient {
	const LlmConfig *c;
	LlmBudget *budget;
	bool own_budget;
	CURL *curl;
	struct curl_slist *headers;
	unsigned long long deadline; /* monotonic ms; 0: none */
	bool unreachable;            /* stop asking: see the file's comment */
	const char *unreachable_why; /* static or heap text */
	char *why_buf;
	unsigned failures_in_row; /* calls ended by a timeout or by 5xx after every retry */
	bool cache_ok;            /* the cache directory exists (or was made) */
	LlmStats stats;
};

static bool curl_ready;

LlmClient *llm_client_new(const LlmConfig *c, LlmBudget *budget)
{
	LlmClient *cl = xcalloc(1, sizeof *cl);
	cl->c = c;
	cl->budget = budget ? budget : llm_budget_new(c->budget, false);
	cl->own_budget = !budget;
	cl->cache_ok = c->cache_dir && !c->replay_dir && llm_mkdirs(c->cache_dir);
	return cl;
}

void llm_client_free(LlmClient *cl)
{
	if (!cl)
		return;
	if (cl->curl)
		curl_easy_cleanup(cl->curl);
	if (cl->headers)
		curl_slist_free_all(cl->headers);
	if (cl->own_budget)
		llm_budget_free(cl->budget);
	free(cl->why_buf);
	free(cl);
}

void llm_client_set_deadline(LlmClient *cl, unsigned long long ms)
{
	cl->deadline = ms ? now_ms() + ms : 0;
}

const LlmStats *llm_client_stats(const LlmClient *cl)
{
	return &cl->stats;
}

/* The handle, set up once: every option that makes a request safe.  NULL
 * with *why when libcurl cannot be loaded or initialised. */
static CURL *handle(LlmClient *cl, const char **why)
{
	if (cl->curl)
		return cl->curl;
	*why = "libcurl cannot be initialised";
	if (!curl_load(why))
		return NULL;
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
			return NULL;
		curl_ready = true;
	}
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)LLM_MAX_RESPONSE);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "akko-migrate/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_URL, cl->c->endpoint);
	cl->headers = curl_slist_append(cl->headers, "Content-Type: application/json");
	cl->headers = curl_slist_append(cl->headers, "Accept: application/json");
	cl->headers = curl_slist_append(cl->headers, "Expect:");
	if (cl->c->api_key) {
		Sbuf auth = SBUF_INIT;
		sbuf_addf(&auth, "Authorization: Bearer %s", cl->c->api_key);
		cl->headers = curl_slist_append(cl->headers, auth.buf);
		memset(auth.buf, 0, auth.len);
		sbuf_release(&auth);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, cl->headers);
	cl->curl = h;
	return h;
}

/* ---- one HTTP request ------------------------------------------------------- */

typedef struct Response {
	Sbuf body;          /* capped at LLM_MAX_RESPONSE */
	long retry_after_s; /* Retry-After in seconds, -1 when absent */
} Response;

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	Response *r = ud;
	size_t len = size * n;
	sbuf_add(&r->body, data, len);
	return r->body.overflow ? 0 : len; /* 0 aborts the transfer */
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	Response *r = ud;
	size_t len = size * n;
	static const char name[] = "retry-after:";
	if (len > sizeof name && strncasecmp(data, name, sizeof name - 1) == 0) {
		char buf[32];
		size_t k = len - (sizeof name - 1);
		if (k >= sizeof buf)
			k = sizeof buf - 1;
		memcpy(buf, data + sizeof name - 1, k);
		buf[k] = '\0';
		char *end;
		long v = strtol(buf, &end, 10);
		while (*end == ' ' || *end == '\r' || *end == '\n')
			end++;
		if (end != buf && !*end && v >= 0) /* seconds; an HTTP date counts as absent */
			r->retry_after_s = v;
	}
	return len;
}

/* A slot among --llm-concurrency lock files of the cache directory, so
 * that every process sharing it (bulk workers, parallel runs) keeps to
 * the cap; a process that dies frees its slot.  -1 when no slot came free
 * before `until`; -2 when there are no slot files (no cache directory). */
static int take_slot(LlmClient *cl, unsigned long long until)
{
	if (!cl->cache_ok)
		return -2;
	for (;;) {
		for (unsigned k = 0; k < cl->c->concurrency; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s/slot-%u.lock", cl->c->cache_dir, k);
			int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
			if (fd < 0)
				return -2;
			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				return fd;
			close(fd);
		}
		if (now_ms() >= until)
			return -1;
		sleep_ms(20);
	}
}

typedef enum Outcome { OUT_OK, OUT_RETRY, OUT_FAIL, OUT_UNREACHABLE, OUT_NOT_SENT } Outcome;

static const char *say(Arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
static const char *say(Arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	Sbuf s = SBUF_INIT;
	sbuf_vaddf(&s, fmt, ap);
	va_end(ap);
	const char *r = arena_strdup(a, s.buf);
	sbuf_release(&s);
	return r;
}

/* The assistant's message of a chat completion body, or NULL. */
static const char *content_of(Arena *a, const Sbuf *body)
{
	cJSON *j = cJSON_ParseWithLength(body->buf, body->len);
	const cJSON *choice = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "choices"), 0);
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(choice, "message");
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(msg, "content");
	const char *out = cJSON_IsString(content) ? arena_strdup(a, content->valuestring) : NULL;
	cJSON_Delete(j);
	return out;
}

static bool retryable(long status)
{
	return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

static const char *status_text(Arena *a, long status)
{
	if (status >= 300 && status < 400)
		return say(a, "HTTP %ld: redirects are not followed; give the final URL", status);
	if (status == 401 || status == 403)
		return say(a, "HTTP %ld: the server refused the request's credentials (AKKO_LLM_API_KEY)",
			   status);
	if (status == 404)
		return say(a, "HTTP %ld: no chat completions at the URL, or no such model", status);
	return say(a, "HTTP %ld", status);
}

/* Before a request: a slot (other processes' requests may hold every
 * one: wait within the file's time, or ten request timeouts without a
 * deadline), then the budget, then the time left.  -1 when it must not be
 * sent (*why says why); else the slot (or -2: no slot files). */
static int prepare(LlmClient *cl, Arena *a, unsigned long long *timeout, const char **why)
{
	static const char spent[] = "the time for LLM requests of this file is spent (--file-timeout)";
	unsigned long long now = now_ms();
	if (cl->deadline && now + LLM_MIN_REQUEST_MS > cl->deadline) {
		*why = spent;
		return -1;
	}
	unsigned long long patience = cl->deadline ? cl->deadline - now : 10ull * cl->c->timeout_ms;
	int slot = take_slot(cl, now + patience);
	if (slot == -1) {
		*why = say(a, "no free LLM slot (--llm-concurrency %u) within %llu ms", cl->c->concurrency,
			   patience);
		return -1;
	}
	now = now_ms();
	if (cl->deadline && now + LLM_MIN_REQUEST_MS > cl->deadline)
		*why = spent;
	else if (!budget_take(cl->budget))
		*why = say(a, "the run's budget of %u LLM request%s is spent (--llm-budget)",
			   cl->budget->limit, cl->budget->limit == 1 ? "" : "s");
	else {
		*timeout = cl->c->timeout_ms;
		if (cl->deadline && cl->deadline - now < *timeout)
			*timeout = cl->deadline - now;
		return slot;
	}
	if (slot >= 0)
		close(slot);
	return -1;
}

/* What a finished request means; *wait_ms is the pause before a retry. */
static Outcome classify(LlmClient *cl, Arena *a, CURLcode rc, long status, const Response *r,
			unsigned long long timeout, unsigned attempt, const char **content, const char **why,
			unsigned long long *wait_ms)
{
	if (rc == CURLE_WRITE_ERROR || rc == CURLE_FILESIZE_EXCEEDED) {
		*why = say(a, "the response is larger than %u bytes", LLM_MAX_RESPONSE);
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		*why = say(a, "no response within %llu ms (%s)", timeout,
			   timeout < cl->c->timeout_ms ? "what was left of the file's time, --file-timeout"
						       : "--llm-timeout");
		return ++cl->failures_in_row >= 2 ? OUT_UNREACHABLE : OUT_FAIL;
	} else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
		   rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_SSL_CONNECT_ERROR ||
		   rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
		   rc == CURLE_GOT_NOTHING) {
		*why = say(a, "cannot reach the LLM server: %s", curl_easy_strerror(rc));
		return OUT_UNREACHABLE;
	} else if (rc != CURLE_OK) {
		*why = say(a, "the request failed: %s", curl_easy_strerror(rc));
	} else if (status == 200) {
		cl->failures_in_row = 0;
		if ((*content = content_of(a, &r->body)))
			return OUT_OK;
		*why = "the response is not a chat completion with a message";
	} else if (retryable(status)) {
		unsigned long long cap = cl->c->timeout_ms;
		if (r->retry_after_s >= 0 && (unsigned long long)r->retry_after_s * 1000ull > cap) {
			*why = say(a, "HTTP %ld: the server asks to wait %ld s, longer than --llm-timeout",
				   status, r->retry_after_s);
			return OUT_FAIL;
		}
		unsigned long long backoff = (cap / 4 < 500 ? cap / 4 : 500) << attempt;
		*wait_ms = r->retry_after_s >= 0 ? (unsigned long long)r->retry_after_s * 1000ull : backoff;
		*why = say(a, "HTTP %ld after %u attempts", status, attempt + 1);
		return OUT_RETRY;
	} else {
		*why = status_text(a, status);
	}
	return OUT_FAIL;
}

/* One POST. */
static Outcome request(LlmClient *cl, Arena *a, const char *body, const char **content, const char **why,
		       unsigned long long *wait_ms, unsigned attempt)
{
	CURL *h = handle(cl, why);
	if (!h)
		return OUT_FAIL;
	unsigned long long timeout;
	int slot = prepare(cl, a, &timeout, why);
	if (slot == -1)
		return OUT_NOT_SENT;
	Response r = {SBUF_INIT, -1};
	r.body.max = LLM_MAX_RESPONSE;
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)timeout);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(timeout < 10000 ? timeout : 10000));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &r);
	cl->stats.requests++;
	CURLcode rc = curl_easy_perform(h);
	if (slot >= 0)
		close(slot); /* frees the slot */
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	Outcome out = classify(cl, a, rc, status, &r, timeout, attempt, content, why, wait_ms);
	sbuf_release(&r.body);
	return out;
}

static const char *request_body(const LlmConfig *c, const LlmMessage *msgs, size_t n)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "model", c->model);
	cJSON *arr = cJSON_AddArrayToObject(j, "messages");
	for (size_t i = 0; i < n; i++) {
		cJSON *m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "role", msgs[i].role);
		cJSON_AddStringToObject(m, "content", msgs[i].content);
		cJSON_AddItemToArray(arr, m);
	}
	cJSON_AddNumberToObject(j, "temperature", 0);
	cJSON_AddNumberToObject(j, "max_tokens", c->max_tokens);
	cJSON_AddBoolToObject(j, "stream", false);
	char *body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!body)
		die("out of memory");
	return body;
}

static void fail(LlmClient *cl, LlmReply *out, LlmStatus st, const char *why)
{
	out->status = st;
	out->error = why;
	cl->stats.failed++;
}

static void give_up(LlmClient *cl, const char *why)
{
	cl->unreachable = true;
	free(cl->why_buf);
	cl->unreachable_why = cl->why_buf = xstrdup(why);
}

/* POST with retries: the content, or NULL with *why; *sent tells whether
 * a request went out at all. */
static const char *post(LlmClient *cl, Arena *a, const char *body, const char **why, bool *sent)
{
	for (unsigned attempt = 0;; attempt++) {
		unsigned long long wait = 0;
		const char *content = NULL;
		Outcome o = request(cl, a, body, &content, why, &wait, attempt);
		bool last = attempt + 1 == LLM_ATTEMPTS;
		*sent |= o != OUT_NOT_SENT;
		if (o == OUT_OK)
			return content;
		if (o == OUT_UNREACHABLE || (o == OUT_RETRY && last && ++cl->failures_in_row >= 2))
			give_up(cl, *why);
		if (o != OUT_RETRY || last || (cl->deadline && now_ms() + wait >= cl->deadline))
			return NULL;
		sleep_ms(wait);
	}
}

void llm_chat(LlmClient *cl, Arena *a, const LlmMessage *msgs, size_t n, LlmReply *out)
{
	const LlmConfig *c = cl->c;
	memset(out, 0, sizeof *out);
	cl->stats.calls++;
	out->key = llm_cache_key(a, c->model, msgs, n);
	const char *dir = c->replay_dir ? c->replay_dir : cl->cache_ok ? c->cache_dir : NULL;
	if (dir && (out->content = llm_cache_get(a, dir, out->key, c->model))) {
		out->cached = true;
		cl->stats.cached++;
		return;
	}
	if (c->replay_dir)
		return fail(cl, out, LLM_NOT_ASKED,
			    say(a, "no recorded answer %s.json in the replay directory", out->key));
	if (cl->unreachable)
		return fail(cl, out, LLM_NOT_ASKED,
			    say(a, "the LLM server failed earlier in this run (%s)", cl->unreachable_why));
	const char *body = request_body(c, msgs, n);
	const char *why = NULL;
	bool sent = false;
	const char *content = post(cl, a, body, &why, &sent);
	cJSON_free((void *)body);
	if (!content)
		return fail(cl, out, sent ? LLM_FAILED : LLM_NOT_ASKED, why);
	if (cl->cache_ok)
		llm_cache_put(c->cache_dir, out->key, c->model, content);
	out->content = content;
}
