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
	/* unit by unit (frontend_units_tool): 0 when the tool and the size
	 * say so, 1 whenever the tool can (tests), -1 never (whole) */
	int units;
} FrontendOptions;

/* Process-wide setup; call once at start-up. */
void frontend_global_init(void);

/* Parse `src` into an AST in arena `a`.  Returns NULL when nothing usable
 * could be read (empty, not a job export, not well-formed); otherwise the
 * AST, possibly with errors reported to `sink` (check diag_errors()).
 * *io_error is set when a parameter file could not be read. */
AstDoc *frontend_parse(Arena *a, SrcFile *src, const FrontendOptions *opts, DiagSink *sink, bool *io_error);

/* Reading a file unit by unit, so that memory follows the largest unit
 * rather than the file: the frontend calls `fn` once per unit, in file
 * order, with a document that holds only that unit (its folders, with
 * every reference inside them resolved) and the file's header fields.  The
 * unit's document and its arena (unit->arena) are then fn's: it frees them
 * with frontend_unit_free(), when it likes (another thread may finish with
 * the unit while the frontend reads the next); `fn` returns false to stop
 * reading.  Lowering each unit's document gives the same
 * pipelines and workflows, in the same order, as lowering the whole file's.
 *
 * frontend_units_tool() says whether `src` can be read so (the tool when
 * it can, else TOOL_UNKNOWN; PowerCenter today, without parameter files,
 * which name workflows across folders; DataStage from 4 MB: below, the
 * second pass costs more than the memory it saves, and the diagnostics
 * keep the file's order), frontend_parse_units() then reads
 * it and returns false when the file could not be read (diagnostics in
 * `sink`; errors inside a unit are only counted there, as frontend_parse
 * does).  A frontend adds unit reading by adding a case to both. */
typedef bool (*FrontendUnitFn)(void *ud, AstDoc *unit);
Tool frontend_units_tool(SrcFile *src, const FrontendOptions *opts);
bool frontend_parse_units(Arena *a, SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);
void frontend_unit_free(AstDoc *unit);

/* The PowerCenter frontend (powercenter.c) and its parameter files
 * (paramfile.c). */
AstDoc *infa_parse(Arena *a, const SrcFile *src, DiagSink *sink);
/* The same, a unit at a time: a unit is a run of folders that no shortcut
 * leaves (powercenter.c, "reading unit by unit"). */
bool infa_parse_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);
void infa_apply_param_file(AstDoc *doc, const SrcFile *pf, DiagSink *sink);

/* The SSIS frontend (ssis.c, ssis_flow.c): a .dtsx package. */
AstDoc *ssis_read_package(Arena *a, const SrcFile *src, DiagSink *sink);

/* The Alteryx frontend (alteryx.c, alteryx_tools.c): a workflow, macro or
 * app. */
AstDoc *ayx_read_document(Arena *a, const SrcFile *src, DiagSink *sink);
/* The same, with every macro instance resolved (relative to the file, then
 * through opts' include_dirs) and expanded in place (alteryx_macro.c). */
AstDoc *ayx_read_workflow(Arena *a, const SrcFile *src, const FrontendOptions *opts, DiagSink *sink);

/* The DataStage frontend (datastage.c, datastage_dsx.c, datastage_xml.c):
 * a .dsx text export or a DSExport XML export. */
AstDoc *ds_read_dsx(Arena *a, const SrcFile *src, DiagSink *sink);
AstDoc *ds_read_xml(Arena *a, const SrcFile *src, DiagSink *sink);
/* The same, a unit at a time: one per data-flow job, in two passes
 * (datastage.c, "reading unit by unit"). */
bool ds_read_dsx_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);
bool ds_read_xml_units(Arena *a, const SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud);

#endif
