/* driver.h - one job file at a time: load -> parse -> (later: lower ->
 * validate) -> emit.  main.c turns the command line into these calls.
 */
#ifndef AKKO_DRIVER_H
#define AKKO_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "ast/dump.h"

typedef struct InspectOptions {
	DumpFormat format;
	bool stats;                     /* object counts only */
	const char *const *param_files; /* PowerCenter parameter files */
	size_t n_param_files;
	const char *output; /* NULL or "-": stdout; a file; or a directory */
	bool output_is_dir;
	unsigned max_errors; /* per file; 0 = unlimited */
} InspectOptions;

/* Inspect each file; returns the process exit code (enum ExitCode). */
int driver_inspect(const InspectOptions *o, const char *const *files, size_t n);

#endif
