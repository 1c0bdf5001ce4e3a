/* llm.h - a client for OpenAI-compatible chat completions, the LLM
 * fallback's transport (src/llm; docs/llm.md).
 *
 * POST <url>/v1/chat/completions as Ollama, vLLM, llama.cpp's server and
 * LiteLLM serve it, temperature 0, over libcurl (the only module that sees
 * it).  Around each call: an on-disk cache keyed by sha256(model "\n"
 * prompt), or a replay directory and no network at all; a budget of HTTP
 * requests per run (shared by bulk workers); a cap on requests in flight
 * across processes (lock files in the cache directory); retries with
 * backoff on 429 and 5xx, honouring Retry-After; timeouts; a response size
 * cap; no redirects; TLS verified.  A failure is a status and a message,
 * never an exit: the caller keeps the node for review.
 *
 * Secrets: the API key comes from the environment or a file and is sent
 * only in the Authorization header; it is in no message, cache file or key.
 */
#ifndef AKKO_LLM_LLM_H
#define AKKO_LLM_LLM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

#define LLM_DEFAULT_TIMEOUT_MS  60000u
#define LLM_DEFAULT_MAX_TOKENS  1024u
#define LLM_DEFAULT_BUDGET      200u
#define LLM_DEFAULT_CONCURRENCY 1u
#define LLM_MAX_RESPONSE        (1u << 20) /* bytes of one HTTP response */
#define LLM_ATTEMPTS            3u         /* per call: the first and two retries */
#define LLM_MIN_REQUEST_MS      200u       /* less time than this left of a deadline: not sent */

typedef struct LlmConfig {
	bool off;                 /* --no-llm: never configured, whatever the environment says */
	const char *url;          /* --llm-url or AKKO_LLM_URL: the server's base URL */
	const char *model;        /* --llm-model or AKKO_LLM_MODEL */
	const char *api_key_file; /* --llm-api-key-file or AKKO_LLM_API_KEY_FILE */
	const char *cache_dir;    /* --llm-cache; NULL: $XDG_CACHE_HOME/akko-migrate/llm */
	const char *replay_dir;   /* --llm-replay: answers only from here, no network */
	unsigned timeout_ms;      /* per HTTP request; 0: the default */
	unsigned max_tokens;      /* 0: the default */
	unsigned budget;          /* HTTP requests per run; 0: no limit */
	bool budget_set;          /* --llm-budget was given (else the default) */
	unsigned concurrency;     /* requests in flight per cache directory; 0: the default */
	/* filled in by llm_config_resolve() */
	bool enabled;            /* a model and a URL (or a replay directory) are configured */
	char *endpoint;          /* heap: the full chat-completions URL */
	char *api_key;           /* heap; never printed (llm_config_release() wipes it) */
	char *cache_dir_default; /* heap: the default cache_dir, when it is used */
} LlmConfig;

/* Complete `c` from the environment (flags win), read the key file, check
 * the URL (http only to a loopback address, https otherwise) and the
 * cache directory's name.  False with *err (static or heap text, never
 * the key) for a configuration error, which is a usage error. */
bool llm_config_resolve(LlmConfig *c, char **err);
void llm_config_release(LlmConfig *c);

/* The run's request counter: in this process, or (shared) in memory that
 * forked bulk workers inherit, so --llm-budget holds for the whole run. */
typedef struct LlmBudget LlmBudget;
LlmBudget *llm_budget_new(unsigned limit, bool shared);
void llm_budget_free(LlmBudget *b);
unsigned llm_budget_used(const LlmBudget *b);

typedef enum LlmStatus {
	LLM_OK,
	LLM_FAILED,    /* the request failed: timeout, connection, HTTP status, size, bad body */
	LLM_NOT_ASKED, /* not sent: budget or time spent, server unreachable earlier, replay miss */
} LlmStatus;

typedef struct LlmMessage {
	const char *role; /* "system", "user", "assistant" */
	const char *content;
} LlmMessage;

typedef struct LlmReply {
	LlmStatus status;
	const char *content; /* LLM_OK: the assistant's message (arena) */
	const char *key;     /* the cache key, 64 hex digits (arena) */
	bool cached;         /* from the cache or the replay directory */
	const char *error;   /* otherwise: what went wrong, one line (arena) */
} LlmReply;

typedef struct LlmStats {
	unsigned calls;    /* llm_chat() calls */
	unsigned requests; /* HTTP requests sent (retries included) */
	unsigned cached;   /* answers from the cache or the replay directory */
	unsigned failed;   /* calls that ended without an answer */
} LlmStats;

typedef struct LlmClient LlmClient;

/* A client for `c` (resolved and enabled), counting requests in `budget`
 * (NULL: a budget of its own). */
LlmClient *llm_client_new(const LlmConfig *c, LlmBudget *budget);
void llm_client_free(LlmClient *cl);
/* Stop sending requests `ms` milliseconds from now (0: no deadline); a
 * request never outlives the deadline. */
void llm_client_set_deadline(LlmClient *cl, unsigned long long ms);
const LlmStats *llm_client_stats(const LlmClient *cl);

/* One chat completion of `msgs` (temperature 0). */
void llm_chat(LlmClient *cl, Arena *a, const LlmMessage *msgs, size_t n, LlmReply *out);

/* The cache key of a conversation: sha256 of the model, "\n" and the
 * prompt, which is the messages as compact JSON [{"role","content"}...]. */
const char *llm_cache_key(Arena *a, const char *model, const LlmMessage *msgs, size_t n);

#endif
