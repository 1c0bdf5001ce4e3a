/* frontend.h - reading one job file into the workflow AST, whatever the
 * tool (src/parsers).  The driver calls frontend_parse(); it detects the
 * tool by content and dispatches to that tool's frontend.
 */
#ifndef AKKO_PARSERS_FRONTEND_H
#define AKKO_PARSERS_FRONTEND_H

#include <stddef.h>

#include "ast/ast.h"
#include "base/diag.h"

typedef struct FrontendOptions {
	const char *const *param_files; /* PowerCenter .par/.prm files, applied in order */
	size_t n_param_files;
	const char *const *include_dirs; /* -I: where Alteryx macros are looked for, in order */
	size_t n_include_dirs;
} FrontendOptions;

/* Process-wide setup; call once at start-up. */
void frontend_global_init(void);

/* Parse `src` into an AST in arena `a`.  Returns NULL when nothing usable
 * could be read (empty, not a job export, not well-formed); otherwise the
 * AST, possibly with errors reported to `sink` (check diag_errors()).
 * *io_error is set when a parameter file could not be read. */
AstDoc *frontend_parse(Arena *a, SrcFile *src, const FrontendOptions *opts, DiagSink *sink, bool *io_error);

/* The PowerCenter frontend (powercenter.c) and its parameter files
 * (paramfile.c). */
AstDoc *infa_parse(Arena *a, const SrcFile *src, DiagSink *sink);
void infa_apply_param_file(AstDoc *doc, const SrcFile *pf, DiagSink *sink);

/* The SSIS frontend (ssis.c, ssis_flow.c): a .dtsx package. */
AstDoc *ssis_read_package(Arena *a, const SrcFile *src, DiagSink *sink);

/* The Alteryx frontend (alteryx.c, alteryx_tools.c): a workflow, macro or
 * app. */
AstDoc *ayx_read_document(Arena *a, const SrcFile *src, DiagSink *sink);
/* The same, with every macro instance resolved (relative to the file, then
 * through opts' include_dirs) and expanded in place (alteryx_macro.c). */
AstDoc *ayx_read_workflow(Arena *a, const SrcFile *src, const FrontendOptions *opts, DiagSink *sink);

#endif
