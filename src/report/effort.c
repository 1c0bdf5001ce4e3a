/* effort.c - the effort formula, confidence bands, complexity classes and
 * the calibration file (src/report; reads YAML with libyaml's document
 * API, so every error has the line and column of the value at fault).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/exitcode.h"
#include "base/srcfile.h"
#include "report/effort.h"

#define EFF_KEY(name, key, label)   key,
#define EFF_LABEL(name, key, label) label,
static const char *const band_keys[] = {BAND_LIST(EFF_KEY)};
static const char *const band_labels[] = {BAND_LIST(EFF_LABEL)};
static const char *const class_keys[] = {CLASS_LIST(EFF_KEY)};
static const char *const class_labels[] = {CLASS_LIST(EFF_LABEL)};
#undef EFF_KEY
#undef EFF_LABEL
#define METRIC_KEY(name, key, m, c, v) key,
static const char *const metric_keys[] = {METRIC_LIST(METRIC_KEY)};
#undef METRIC_KEY

const char *band_key(Band b)
{
	return band_keys[b];
}
const char *band_label(Band b)
{
	return band_labels[b];
}
const char *class_key(JobClass c)
{
	return class_keys[c];
}
const char *class_label(JobClass c)
{
	return class_labels[c];
}
const char *metric_key(Metric m)
{
	return metric_keys[m];
}

void effort_defaults(EffortConfig *c)
{
	*c = (EffortConfig){.base_per_mapping = 0.25,
			    .review_per_object = 2.0,
			    .llm_per_object = 1.0,
			    .testing_per_mapping = 0.5,
			    .integration_per_file = 4.0,
			    .unconverted_file = 0.0,
			    .band_min = {0.85, 0.60, 0.40}};
#define METRIC_DEFAULT(name, key, m, cx, v) \
	c->threshold[name][0] = m, c->threshold[name][1] = cx, c->threshold[name][2] = v;
	METRIC_LIST(METRIC_DEFAULT)
#undef METRIC_DEFAULT
}

Band effort_band(const EffortConfig *c, double x)
{
	for (int b = 0; b < BAND_COUNT - 1; b++)
		if (x >= c->band_min[b] - 1e-9)
			return (Band)b;
	return BAND_VERY_LOW;
}

JobClass effort_class(const EffortConfig *c, const uint32_t counts[METRIC_COUNT])
{
	JobClass cls = CLASS_LOW;
	for (int m = 0; m < METRIC_COUNT; m++)
		for (int k = CLASS_COUNT - 2; k >= 0; k--)
			if (counts[m] >= c->threshold[m][k]) {
				if ((JobClass)(k + 1) > cls)
					cls = (JobClass)(k + 1);
				break;
			}
	return cls;
}

double effort_review_hours(const EffortConfig *c, uint32_t review, uint32_t llm)
{
	return review * c->review_per_object + llm * c->llm_per_object;
}

double effort_file_hours(const EffortConfig *c, uint32_t pipelines, uint32_t review, uint32_t llm)
{
	return pipelines * (c->base_per_mapping + c->testing_per_mapping) +
	       effort_review_hours(c, review, llm) + c->integration_per_file;
}

/* ---- the config file -------------------------------------------------------- */

typedef struct Loader {
	yaml_document_t *doc;
	SrcFile *src;
	DiagSink *sink;
	EffortConfig *c;
	unsigned errors;
} Loader;

static SrcLoc at(Loader *L, const yaml_node_t *n)
{
	return (SrcLoc){L->src, (uint32_t)n->start_mark.line + 1, (uint32_t)n->start_mark.column + 1};
}

#define BAD(L, code, n, ...) (diag_error((L)->sink, (code), at((L), (n)), __VA_ARGS__), (L)->errors++)

static const char *scalar(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A number of hours or a confidence: finite, within [0, max]. */
static bool number(Loader *L, const yaml_node_t *n, const char *key, double max, double *out)
{
	const char *s = scalar(n);
	char *end = NULL;
	double v = s && *s ? strtod(s, &end) : NAN;
	if (!s || !*s || *end || !isfinite(v) || v < 0 || v > max) {
		char range[32];
		snprintf(range, sizeof range, "%g", max);
		BAD(L, E_REPORT_CONFIG_VALUE, n, "'%s' needs a number from 0 to %s", key, range);
		return false;
	}
	*out = v;
	return true;
}

static bool count(Loader *L, const yaml_node_t *n, const char *key, uint32_t *out)
{
	const char *s = scalar(n);
	char *end = NULL;
	unsigned long v = s && *s >= '0' && *s <= '9' ? strtoul(s, &end, 10) : 0;
	if (!end || *end || v > 1000000) {
		BAD(L, E_REPORT_CONFIG_VALUE, n, "'%s' needs a whole number from 0 to 1000000", key);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

typedef void (*KeyFn)(Loader *L, const char *key, const yaml_node_t *value, void *ud);

/* Each key of a mapping once; `keys` lists the known ones (NULL-ended). */
static void each_key(Loader *L, const yaml_node_t *map, const char *what, const char *const *keys, KeyFn fn,
		     void *ud)
{
	if (map->type != YAML_MAPPING_NODE) {
		BAD(L, E_REPORT_CONFIG_VALUE, map, "'%s' needs a mapping of keys to values", what);
		return;
	}
	bool seen[32] = {0};
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(L->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(L->doc, p->value);
		const char *name = scalar(k);
		size_t i = 0;
		while (name && keys[i] && strcmp(keys[i], name) != 0)
			i++;
		if (!name || !keys[i]) {
			BAD(L, E_REPORT_CONFIG_KEY, k, "unknown key '%s' in '%s'", name ? name : "?", what);
			continue;
		}
		if (seen[i]) {
			BAD(L, E_REPORT_CONFIG_KEY, k, "key '%s' appears twice in '%s'", name, what);
			continue;
		}
		seen[i] = true;
		fn(L, name, v, ud);
	}
}

static const char *const effort_keys[] = {"base_per_mapping",
					  "review_per_object",
					  "llm_per_object",
					  "testing_per_mapping",
					  "integration_per_file",
					  "unconverted_file",
					  NULL};

static void effort_key(Loader *L, const char *key, const yaml_node_t *v, void *ud)
{
	double *slots[] = {&L->c->base_per_mapping,    &L->c->review_per_object,    &L->c->llm_per_object,
			   &L->c->testing_per_mapping, &L->c->integration_per_file, &L->c->unconverted_file};
	for (size_t i = 0; effort_keys[i]; i++)
		if (strcmp(key, effort_keys[i]) == 0)
			number(L, v, key, 10000, slots[i]);
}

static const char *const band_cfg_keys[] = {"high", "medium", "low", NULL};

static void band_cfg_key(Loader *L, const char *key, const yaml_node_t *v, void *ud)
{
	for (size_t i = 0; band_cfg_keys[i]; i++)
		if (strcmp(key, band_cfg_keys[i]) == 0)
			number(L, v, key, 1, &L->c->band_min[i]);
}

static const char *const level_keys[] = {"medium", "complex", "very_complex", NULL};

static void level_key(Loader *L, const char *key, const yaml_node_t *v, void *ud)
{
	uint32_t *t = ud;
	for (size_t i = 0; level_keys[i]; i++)
		if (strcmp(key, level_keys[i]) == 0)
			count(L, v, key, &t[i]);
}

static void metric_cfg_key(Loader *L, const char *key, const yaml_node_t *v, void *ud)
{
	for (int m = 0; m < METRIC_COUNT; m++)
		if (strcmp(key, metric_keys[m]) == 0) {
			each_key(L, v, key, level_keys, level_key, L->c->threshold[m]);
			uint32_t *t = L->c->threshold[m];
			if (!L->errors && !(t[0] <= t[1] && t[1] <= t[2]))
				BAD(L, E_REPORT_CONFIG_VALUE, v,
				    "the thresholds of '%s' must rise: medium <= complex <= very_complex",
				    key);
		}
}

static const char *const top_keys[] = {"version", "effort", "bands", "complexity", NULL};
static const char *metric_key_list[METRIC_COUNT + 1];

static void top_key(Loader *L, const char *key, const yaml_node_t *v, void *ud)
{
	if (strcmp(key, "version") == 0) {
		const char *s = scalar(v);
		if (!s || strcmp(s, "1") != 0)
			BAD(L, E_REPORT_CONFIG_VALUE, v,
			    "this akko-migrate reads effort config version 1, not '%s'", s ? s : "?");
	} else if (strcmp(key, "effort") == 0) {
		each_key(L, v, key, effort_keys, effort_key, NULL);
	} else if (strcmp(key, "bands") == 0) {
		each_key(L, v, key, band_cfg_keys, band_cfg_key, NULL);
		const double *b = L->c->band_min;
		if (!L->errors && !(b[0] > b[1] && b[1] > b[2]))
			BAD(L, E_REPORT_CONFIG_VALUE, v, "the bands must fall: high > medium > low");
	} else {
		for (int m = 0; m < METRIC_COUNT; m++)
			metric_key_list[m] = metric_keys[m];
		each_key(L, v, key, metric_key_list, metric_cfg_key, NULL);
	}
}

static bool load_yaml(yaml_document_t *doc, SrcFile *src, DiagSink *sink)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
	bool ok = yaml_parser_load(&parser, doc);
	if (!ok)
		diag_error(sink, E_REPORT_CONFIG_YAML,
			   (SrcLoc){src, (uint32_t)parser.problem_mark.line + 1,
				    (uint32_t)parser.problem_mark.column + 1},
			   "the effort config is not valid YAML: %s", parser.problem ? parser.problem : "?");
	yaml_parser_delete(&parser);
	return ok;
}

int effort_config_load(EffortConfig *c, const char *path, DiagSink *sink)
{
	SrcFile src;
	const char *err;
	if (!srcfile_read(&src, path, &err)) {
		diag_error(sink, E_IO_READ, SRCLOC_NONE, "cannot read '%s': %s", path, err);
		return EXIT_IO;
	}
	yaml_document_t doc;
	bool ok = load_yaml(&doc, &src, sink);
	if (ok) {
		EffortConfig tmp = *c;
		Loader L = {&doc, &src, sink, &tmp, 0};
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		if (root && !(root->type == YAML_SCALAR_NODE && !*scalar(root)))
			each_key(&L, root, "the config", top_keys, top_key, NULL);
		ok = L.errors == 0;
		if (ok)
			*c = tmp;
		yaml_document_delete(&doc);
	}
	srcfile_release(&src);
	return ok ? EXIT_OK : EXIT_USAGE;
}
