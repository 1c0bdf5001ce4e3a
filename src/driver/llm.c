/* llm.c - the fallback path for placeholders: prompt, answer,
 * validation, one repair, re-scoring (src/driver; docs/llm.md).
 *
 * The rule engine hands over a placeholder as a RulesFallbackRequest; the
 * answer becomes the node's SQL only when the validator would accept it
 * in a pipeline and it returns exactly the columns downstream nodes read.
 * Whatever the job's text says, dangerous SQL cannot get through: the
 * check is on PostgreSQL's parse tree.
 */
#include <string.h>

#include "base/diag.h"
#include "base/sbuf.h"
#include "driver/llm.h"
#include "llm/prompt.h"
#include "validate/sqlcheck.h"
#include "validate/sqlrefs.h"

static const char *names(Arena *a, const PtrVec *v, bool columns)
{
	Sbuf s = SBUF_INIT;
	for (uint32_t i = 0; i < v->len; i++)
		sbuf_addf(&s, "%s%s", i ? ", " : "",
			  columns ? ((const IrColumn *)v->items[i])->name : (const char *)v->items[i]);
	const char *r = arena_strdup(a, v->len ? s.buf : "none");
	sbuf_release(&s);
	return r;
}

/* NULL when `sql` may be the node's SQL; else what is wrong with it. */
static const char *check_draft(Arena *a, const RulesFallbackRequest *req, const char *sql)
{
	SqlCheck c;
	sql_check_select(a, sql, &c);
	if (!c.ok)
		return c.message;
	SqlInput *in = ARENA_NEWN(a, SqlInput, req->n_inputs + 1);
	for (size_t i = 0; i < req->n_inputs; i++) {
		PtrVec *cols = ARENA_NEW(a, PtrVec);
		for (uint32_t k = 0; k < req->inputs[i]->columns.len; k++)
			ptrvec_push(a, cols,
				    (void *)((const IrColumn *)req->inputs[i]->columns.items[k])->name);
		in[i] = (SqlInput){req->inputs[i]->id, NULL, cols};
	}
	SqlRefs r;
	sql_check_refs(a, sql, in, req->n_inputs, &r);
	if (r.kind != SQLREF_OK)
		return r.message;
	const PtrVec *want = &req->node->columns;
	bool same = r.outputs_known && r.outputs.len == want->len;
	for (uint32_t i = 0; same && i < want->len; i++)
		same = strcmp(r.outputs.items[i], ((const IrColumn *)want->items[i])->name) == 0;
	if (same)
		return NULL;
	return arena_sprintf(a, "the SELECT must return exactly the columns %s, in this order; it returns %s",
			     names(a, want, true),
			     r.outputs_known ? names(a, &r.outputs, false) : "unnamed columns");
}

static bool refuse(DriverLlm *g, RulesFallbackAnswer *ans, DiagCode code, const char *msg)
{
	ans->code = code;
	ans->message = arena_sprintf(g->arena, "%s: kept as a placeholder for manual review", msg);
	ptrvec_push(g->arena, &ans->evidence, (void *)arena_sprintf(g->arena, "llm: %s", msg));
	return false;
}

static bool accept(DriverLlm *g, RulesFallbackAnswer *ans, const LlmAnswer *an, const LlmReply *r,
		   const char *repaired)
{
	Arena *a = g->arena;
	if (an->confidence < RULES_FALLBACK_THRESHOLD)
		return refuse(
		    g, ans, W_LLM_UNSURE,
		    arena_sprintf(a, "the LLM's draft has confidence %.2f, below the fallback threshold %.2f",
				  an->confidence, RULES_FALLBACK_THRESHOLD));
	ans->sql = an->sql;
	ans->confidence = an->confidence < LLM_CONFIDENCE_CAP ? an->confidence : LLM_CONFIDENCE_CAP;
	ans->model = g->config->model;
	ans->key = r->key;
	PtrVec *ev = &ans->evidence;
	ptrvec_push(a, ev,
		    (void *)arena_sprintf(a, "llm: drafted by '%s'%s%s", ans->model,
					  repaired ? "; the first answer was rejected: " : "",
					  repaired ? repaired : ""));
	ptrvec_push(a, ev,
		    (void *)"llm: validated: one SELECT, allowed functions, reads only its inputs, returns "
			    "its columns");
	ptrvec_push(a, ev,
		    (void *)arena_sprintf(a, "llm: the model's confidence %.2f, capped at %.2f",
					  an->confidence, LLM_CONFIDENCE_CAP));
	if (an->notes)
		ptrvec_push(a, ev, (void *)arena_sprintf(a, "llm notes: %s", an->notes));
	ans->code = W_LLM_DRAFT;
	ans->message =
	    arena_sprintf(a,
			  "drafted by the LLM '%s' and validated; confidence %.2f (an LLM draft stays "
			  "below the gate's 0.80)",
			  ans->model, ans->confidence);
	return true;
}

bool driver_llm_fallback(void *ud, const RulesFallbackRequest *req, RulesFallbackAnswer *ans)
{
	DriverLlm *g = ud;
	Arena *a = g->arena;
	size_t nfn;
	const char *const *fns = sql_check_functions(&nfn);
	LlmMessage msgs[4];
	llm_prompt(a, req, fns, nfn, msgs);
	size_t n = 2;
	const char *first = NULL;
	for (int round = 0; round < 2; round++) {
		LlmReply r;
		llm_chat(g->client, a, msgs, n, &r);
		if (r.status != LLM_OK)
			return refuse(g, ans, r.status == LLM_NOT_ASKED ? W_LLM_NOT_ASKED : W_LLM_FAILED,
				      arena_sprintf(a, "%s%s: %s",
						    r.status == LLM_NOT_ASKED ? "not sent to the LLM"
									      : "no answer from the LLM",
						    round ? " (the repair request)" : "", r.error));
		LlmAnswer an;
		const char *why = NULL;
		if (llm_answer_parse(a, r.content, &an, &why) && !(why = check_draft(a, req, an.sql)))
			return accept(g, ans, &an, &r, first);
		if (round)
			return refuse(g, ans, W_LLM_REJECTED,
				      arena_sprintf(a, "the LLM's answer was rejected twice: %s; then: %s",
						    first, why));
		first = why;
		msgs[2] = (LlmMessage){"assistant", r.content};
		msgs[3] = (LlmMessage){"user", llm_prompt_repair(a, why)};
		n = 4;
	}
	return false; /* not reached */
}
