/* llm.h - the LLM fallback wired into a conversion: src/llm asks,
 * src/validate judges (src/driver; docs/llm.md).
 */
#ifndef AKKO_DRIVER_LLM_H
#define AKKO_DRIVER_LLM_H

#include <stdbool.h>

#include "base/arena.h"
#include "llm/llm.h"
#include "rules/rules.h"

typedef struct DriverLlm {
	LlmClient *client;
	const LlmConfig *config;
	Arena *arena; /* the job's: answers, evidence and messages live here */
} DriverLlm;

/* RulesOptions.fallback: ask the LLM for one SELECT for the placeholder,
 * read the answer, validate it like any node (one safe SELECT, allowed
 * functions, FROM only the node's inputs, their columns, exactly the
 * node's output columns in order), ask once more with the validator's
 * message when it fails, and re-score it (at most LLM_CONFIDENCE_CAP).
 * `ud` is a DriverLlm. */
bool driver_llm_fallback(void *ud, const RulesFallbackRequest *req, RulesFallbackAnswer *ans);

#endif
