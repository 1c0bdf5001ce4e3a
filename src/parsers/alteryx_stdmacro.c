/* alteryx_stdmacro.c - the tools Designer implements as macros it ships
 * (RuntimeData/Macros: CountRecords.yxmc ...), read as the documented tools
 * (src/parsers; called from alteryx.c and alteryx_macro.c).
 *
 * A workflow names such a tool by its macro file (<EngineSettings
 * Macro="CountRecords.yxmc" />), which is not on the converting machine.
 * Its behaviour is the tool's page in the Designer Tool Reference, so the
 * instance is read as that tool, with its settings from the instance's
 * <Configuration><Value name="...">; alteryx_macro.c still looks the file
 * up, and a macro found there is expanded instead (docs/alteryx.md,
 * "Tools that are macros").  Data Cleansing (Cleanse.yxmc) has its own
 * reader in alteryx_tools.c.
 */
#include "parsers/alteryx.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Count Records: "returns a count of the number of records passing
 * through the tool ... It even returns a count of zero which a Summarize
 * tool does not do.  This tool does not need to be configured" ("Count
 * Records Tool", https://help.alteryx.com/2021.2/Macro-CountRecords.htm).
 * One output field; its name and type, Count Int64, are those Designer
 * records for the macro's output (MetaInfo connection="Output9" in the
 * corpus, e.g. alteryx/SimSampling's SimSampling.yxmc), its anchors Input8
 * and Output9 those the instances' connections name.  An aggregate with no
 * group: one row, also for no input rows. */
static void read_count_records(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	AstPort *p = ayx_port(A, s, "Output9", "Count", cfg);
	p->type = ayx_type(A, "Int64", NULL, NULL);
	p->agg = "Count";
	p->agg_kind = AGG_COUNT_ROWS;
}

const xmlNode *ayx_question(const xmlNode *cfg, const char *name)
{
	for (const xmlNode *v = cfg ? xml_first(cfg) : NULL; v; v = xml_next(v))
		if (xml_is(v, "Value") && xml_attr(v, "name") && strcmp(xml_attr(v, "name"), name) == 0)
			return v;
	return NULL;
}

/* A percentage answer: a number from 0 to 100, else NULL. */
static const char *percent(Ayx *A, const xmlNode *cfg, const char *q)
{
	const char *v = ayx_value(ayx_question(cfg, q));
	char *end = NULL;
	double d = v ? strtod(v, &end) : -1;
	return v && *v && end && !*end && d >= 0 && d <= 100 ? ayx_str(A, v) : NULL;
}

/* Create Samples: "splits the input records into two or three random
 * samples ... the percentage of records that are in the estimation and
 * validation samples.  If the total is less than 100%, the remaining
 * records fall in the holdout sample"; "Random seed: an integer value
 * between 1 and 1000"; "E anchor: ... The count of records in this stream
 * will be equal to the percent of total records specified ...  If there is
 * an odd number of records and Estimation and Validation are both set to
 * 50%, the estimation output stream will have one more record" ("Create
 * Samples Tool", https://help.alteryx.com/2018.4/Create_Samples.htm).  The
 * answers are <Value name="estimation pct">70</Value>, "validation pct",
 * "rand seed" (the corpus's instances); the anchors Estimation, Validation
 * and Holdout.  A sample of mode split: the output groups in that order,
 * the first two with their percentage, the last the rest. */
static void read_create_samples(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	static const char *const anchor[3] = {"Estimation", "Validation", "Holdout"};
	const char *pct[2] = {percent(A, cfg, "estimation pct"), percent(A, cfg, "validation pct")};
	const xmlNode *seed = ayx_question(cfg, "rand seed");
	AstProp *m = ayx_prop(A, s, "sample_mode", "split", SET_SAMPLE_MODE, cfg);
	m->norm = VAL_SPLIT;
	ayx_prop(A, s, "rand seed", seed ? ayx_value(seed) : "1", SET_RANDOM_SEED, seed ? seed : cfg);
	for (int i = 0; i < 3; i++) {
		AstGroup *g = ast_group_new(A->doc, GROUP_OUTPUT, anchor[i]);
		g->order = i;
		g->loc = s->loc;
		if (i < 2 && pct[i]) {
			AstProp *p = ast_prop_new(A->doc, i ? "validation pct" : "estimation pct", pct[i]);
			p->key = SET_SAMPLE_PERCENT;
			p->loc = g->loc;
			ast_push(A->doc, &g->props, p);
		}
		ast_push(A->doc, &s->groups, g);
	}
	if (!pct[0] || !pct[1] || strtod(pct[0], NULL) + strtod(pct[1], NULL) > 100)
		s->review = arena_sprintf(A->a,
					  "the Create Samples tool's percentages (estimation '%s', validation '%s') are "
					  "not two numbers adding up to 100 at most",
					  nz(ayx_value(ayx_question(cfg, "estimation pct"))),
					  nz(ayx_value(ayx_question(cfg, "validation pct"))));
}

/* Oversample Field: "creat[es] a new sample for analysis that has a
 * higher percentage of positive responses ... by including all the positive
 * responses and a random sample of the negative responses, where the size
 * of the sample of negative responses is determined by the desired
 * percentage of positive responses in the new database"; settings: the
 * field, the value to oversample, "the percentage of records in the
 * oversampled field that should have that value: an integer value between
 * 1 and 100" ("Oversample Field Tool",
 * https://help.alteryx.com/current/zh-CHS/designer/tools/preparation/oversample-field-tool.html,
 * whose English text is the 2018 page's "Oversample Field Tool").  The
 * answers are <Value name="Selected_Field">, "Oversample_Value",
 * "Desired_Pct" (the corpus's instance).  A sample of mode oversample: the
 * condition [field] = value (a number unquoted), the percentage, seed 1
 * (the tool has none to set). */
static void read_oversample(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const xmlNode *fq = ayx_question(cfg, "Selected_Field"), *vq = ayx_question(cfg, "Oversample_Value");
	const char *field = nz(ayx_value(fq)), *v = nz(ayx_value(vq)), *pct = percent(A, cfg, "Desired_Pct");
	AstProp *m = ayx_prop(A, s, "sample_mode", "oversample", SET_SAMPLE_MODE, cfg);
	m->norm = VAL_OVERSAMPLE;
	ayx_prop(A, s, "seed", "1", SET_RANDOM_SEED, cfg);
	if (pct)
		ayx_prop(A, s, "Desired_Pct", pct, SET_SAMPLE_PERCENT, ayx_question(cfg, "Desired_Pct"));
	char *end = NULL;
	bool num = *v && (strtod(v, &end), end && !*end);
	char q = strchr(v, '"') ? '\'' : '"';
	if (!*field || !pct || strtod(pct, NULL) <= 0 || (!num && strchr(v, q))) {
		s->review = arena_sprintf(A->a,
					  "the Oversample Field tool's field '%s', value '%s' or percentage '%s' is not "
					  "converted",
					  field, v, nz(ayx_value(ayx_question(cfg, "Desired_Pct"))));
		return;
	}
	AstProp *c = ayx_prop(A, s, "condition",
			      num ? arena_sprintf(A->a, "[%s] = %s", field, v)
				  : arena_sprintf(A->a, "[%s] = %c%s%c", field, q, v, q),
			      SET_FILTER_CONDITION, vq ? vq : cfg);
	c->expr = ast_expr_new(A->doc, LANG_ALTERYX, c->value, c->loc);
	c->expr->synthesized = true;
}

/* clang-format off */
static const struct {
	const char *file; /* the macro's file name, as Designer installs it */
	AyxTool tool;
} stock[] = {
    {"CountRecords.yxmc", {NULL, "Count Records", STEP_AGGREGATE, read_count_records, {"Value"}}},
    {"Create_Samples.yxmc", {NULL, "Create Samples", STEP_SAMPLE, read_create_samples, {"Value"}}},
    {"Oversample_Field.yxmc", {NULL, "Oversample Field", STEP_SAMPLE, read_oversample, {"Value"}}},
};
/* clang-format on */

const AyxTool *ayx_stdmacro_tool(const char *file)
{
	for (size_t i = 0; file && i < sizeof stock / sizeof *stock; i++)
		if (ascii_ieq(file, stock[i].file))
			return &stock[i].tool;
	return NULL;
}
