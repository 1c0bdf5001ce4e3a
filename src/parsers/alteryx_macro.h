/* alteryx_macro.h - Alteryx macros: finding the file a macro instance
 * names and expanding it at the instance (src/parsers; alteryx_macro.c).
 *
 * A macro instance is a node whose EngineSettings has Macro="path" (or an
 * HTML-GUI tool whose EngineDllEntryPoint is a .yxmc with EngineDll
 * "Macro"); alteryx.c reads it as a STEP_SUBFLOW step with the path in its
 * "Macro" prop.  ayx_read_workflow() (frontend.h) reads the document, then
 * for each such step looks the file up (docs/alteryx.md, "Macros": relative
 * to the file that uses it, then each -I directory in order, then by base
 * name in those directories), reads it with the same frontend, expands its
 * own macros first, and replaces the instance by the macro's steps named
 * "<instance>/<step>", its Macro Input / Macro Output tools wired to the
 * instance's connections by anchor name: the representation of a
 * PowerCenter mapplet instance (docs/ast.md section 1), so the shared
 * lowering of sub-flows applies.  A macro that is not found, cannot be
 * read, or is a batch or iterative macro leaves the instance in place as a
 * placeholder with a reason (`review`) and its anchors.
 */
#ifndef AKKO_PARSERS_ALTERYX_MACRO_H
#define AKKO_PARSERS_ALTERYX_MACRO_H

#include "ast/ast.h"
#include "base/diag.h"

/* How deep macros may nest (a macro in a macro in ... the workflow). */
#define AYX_MACRO_MAX_DEPTH 16

struct FrontendOptions;

/* Expand every macro instance of `doc` (read from `src`), in place. */
void ayx_expand_macros(Arena *a, AstDoc *doc, const SrcFile *src, const struct FrontendOptions *opts,
		       DiagSink *sink);

#endif
