/* prompt.h - what the LLM fallback asks and how its answer is read
 * (src/llm; docs/llm.md, "The prompt").
 *
 * The request is a fixed system message (the rules of the answer) and a
 * user message holding the step as JSON: kind, ports, expressions,
 * settings and user code, the input relations with their columns and the
 * columns to output.  No row data.  The answer is one JSON object
 * {"sql", "confidence", "notes"}, possibly inside a markdown fence; the
 * caller validates the SQL like any node's.
 */
#ifndef AKKO_LLM_PROMPT_H
#define AKKO_LLM_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "llm/llm.h"
#include "rules/rules.h"

/* A draft's confidence is at most this, below the gate's per-object
 * threshold (0.80), so an LLM draft never passes the gate unseen. */
#define LLM_CONFIDENCE_CAP 0.75

/* The longest text of one setting, expression or user-code snippet sent;
 * longer ones are cut (and say so). */
#define LLM_MAX_FIELD (32u * 1024u)

/* The system and user messages for `req`; `functions` (sorted) are the
 * functions the validator allows, which the system message lists. */
void llm_prompt(Arena *a, const RulesFallbackRequest *req, const char *const *functions, size_t n_functions,
		LlmMessage out[2]);

/* The user message that asks again after a rejected answer. */
const char *llm_prompt_repair(Arena *a, const char *why);

typedef struct LlmAnswer {
	const char *sql;   /* the statement: fences, surrounding blanks and a final ';' removed */
	double confidence; /* the model's own, 0..1 */
	const char *notes; /* one line (control characters replaced, at most 300 bytes), or NULL */
} LlmAnswer;

/* Read an answer; false with *why (for the repair message) when it is not
 * the JSON object asked for. */
bool llm_answer_parse(Arena *a, const char *content, LlmAnswer *out, const char **why);

#endif
