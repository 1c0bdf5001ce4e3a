/* effort.h - the effort and complexity model of `akko-migrate report`
 * (src/report): hours per file from its summary, confidence bands,
 * complexity classes, and the YAML file that calibrates them.
 *
 * docs/effort.md gives the formula and the defaults; docs/effort.yaml is
 * the same defaults as a config file to copy and edit.
 */
#ifndef AKKO_REPORT_EFFORT_H
#define AKKO_REPORT_EFFORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"

/* clang-format off */
/* X(enum, name in the config and the reports, label) */
#define BAND_LIST(X)                                  \
	X(BAND_HIGH, "high", "HIGH")                  \
	X(BAND_MEDIUM, "medium", "MEDIUM")            \
	X(BAND_LOW, "low", "LOW")                     \
	X(BAND_VERY_LOW, "very_low", "VERY LOW")

#define CLASS_LIST(X)                                 \
	X(CLASS_LOW, "low", "LOW")                    \
	X(CLASS_MEDIUM, "medium", "MEDIUM")           \
	X(CLASS_COMPLEX, "complex", "COMPLEX")        \
	X(CLASS_VERY_COMPLEX, "very_complex", "VERY COMPLEX")

/* The counts that classify a job (keys of the summary's "counts"). */
#define METRIC_LIST(X)                                                 \
	X(M_SOURCES, "sources", 2, 4, 8)                               \
	X(M_TARGETS, "targets", 2, 4, 8)                               \
	X(M_JOINS, "joins", 1, 3, 6)                                   \
	X(M_LOOKUPS, "lookups", 2, 5, 10)                              \
	X(M_COMPONENTS, "components", 8, 20, 40)                       \
	X(M_EXPRESSIONS, "expressions", 25, 75, 150)                   \
	X(M_COMPLEX_EXPRESSIONS, "complex_expressions", 1, 5, 15)
/* clang-format on */

#define EFF_ENUM(name, key, label) name,
typedef enum Band { BAND_LIST(EFF_ENUM) BAND_COUNT } Band;
typedef enum JobClass { CLASS_LIST(EFF_ENUM) CLASS_COUNT } JobClass;
#undef EFF_ENUM
#define METRIC_ENUM(name, key, m, c, v) name,
typedef enum Metric { METRIC_LIST(METRIC_ENUM) METRIC_COUNT } Metric;
#undef METRIC_ENUM

const char *band_key(Band b);
const char *band_label(Band b);
const char *class_key(JobClass c);
const char *class_label(JobClass c);
const char *metric_key(Metric m);

typedef struct EffortConfig {
	/* hours (docs/effort.md, "Formula") */
	double base_per_mapping;
	double review_per_object;
	double llm_per_object;
	double testing_per_mapping;
	double integration_per_file;
	double unconverted_file; /* a file not converted (error, crash...); 0 = not estimated */
	/* confidence bands: HIGH >= high, MEDIUM >= medium, LOW >= low, else VERY LOW */
	double band_min[BAND_COUNT - 1];
	/* complexity: a count >= threshold[m][k] puts the job in class k+1 at least */
	uint32_t threshold[METRIC_COUNT][CLASS_COUNT - 1];
} EffortConfig;

/* The defaults of docs/effort.yaml (BRIEF §4). */
void effort_defaults(EffortConfig *c);

/* Read a config file over the defaults: keys it does not name keep their
 * default.  Unknown or repeated keys (E0802), bad values (E0803) and YAML
 * errors (E0801) are reported to `sink` with their position, and the
 * result is EXIT_USAGE (nothing is half-applied: *c is then unchanged);
 * EXIT_IO with E0001 when the file cannot be read; else EXIT_OK. */
int effort_config_load(EffortConfig *c, const char *path, DiagSink *sink);

Band effort_band(const EffortConfig *c, double confidence);

/* The class of a job: the highest class any of its counts reaches. */
JobClass effort_class(const EffortConfig *c, const uint32_t counts[METRIC_COUNT]);

/* Hours for a converted file (docs/effort.md):
 *   pipelines * (base_per_mapping + testing_per_mapping)
 *   + review * review_per_object + llm * llm_per_object
 *   + integration_per_file */
double effort_file_hours(const EffortConfig *c, uint32_t pipelines, uint32_t review, uint32_t llm);

/* The part of a file's hours that a near-duplicate reviewed once saves:
 * review * review_per_object + llm * llm_per_object. */
double effort_review_hours(const EffortConfig *c, uint32_t review, uint32_t llm);

#endif
