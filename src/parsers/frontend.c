/* frontend.c - detect the tool of a job file and run its frontend
 * (src/parsers).
 */
#include "parsers/frontend.h"
#include "parsers/detect.h"
#include "parsers/xml.h"

#include <stdlib.h>
#include <string.h>

void frontend_global_init(void)
{
	xml_global_init();
}

static AstDoc *reject(const SrcFile *src, const Detection *det, DiagSink *sink)
{
	SrcLoc loc = {src, 0, 0};
	if (det->root_offset >= 0)
		loc = srcfile_loc_at(src, (size_t)det->root_offset);
	if (det->isx)
		diag_error(sink, E_DS_ARCHIVE, (SrcLoc){src, 0, 0}, "%s", det->reason); /* binary: no line to show */
	else if (det->empty)
		diag_error(sink, E_EMPTY_FILE, loc, "%s", det->reason);
	else if (det->binary)
		diag_error(sink, E_BINARY, loc, "%s", det->reason);
	else {
		Diag d = {.code = E_NOT_ETL, .loc = loc, .span = (uint32_t)strlen(det->root) + 1};
		diag_emit(sink, &d, "not a job export: %s", det->reason);
	}
	return NULL;
}

/* DataStage exports smaller than this are read whole (frontend.h). */
#define DS_UNITS_MIN (4u << 20)

/* What the user would call the files of each tool. */
static const char *tool_files(Tool t)
{
	switch (t) {
	case TOOL_SSIS: return "SSIS packages (.dtsx)";
	case TOOL_ALTERYX: return "Alteryx workflows";
	case TOOL_DATASTAGE: return "DataStage exports";
	default: return tool_name(t);
	}
}

Tool frontend_units_tool(SrcFile *src, const FrontendOptions *opts)
{
	Detection det;
	detect_tool(src->text, src->len, &det);
	int units = opts ? opts->units : 0;
	if (units < 0)
		return TOOL_UNKNOWN;
	if (det.tool == TOOL_POWERCENTER && !(opts && opts->n_param_files))
		return TOOL_POWERCENTER;
	if (det.tool == TOOL_DATASTAGE && (units > 0 || src->len >= DS_UNITS_MIN))
		return TOOL_DATASTAGE;
	return TOOL_UNKNOWN;
}

bool frontend_parse_units(Arena *a, SrcFile *src, DiagSink *sink, FrontendUnitFn fn, void *ud)
{
	Detection det;
	detect_tool(src->text, src->len, &det);
	if (det.tool == TOOL_DATASTAGE)
		return strcmp(det.root, "DSExport") == 0 ? ds_read_xml_units(a, src, sink, fn, ud)
							 : ds_read_dsx_units(a, src, sink, fn, ud);
	char enc[64];
	src->single_byte = xml_encoding_is_single_byte(xml_declared_encoding(src, enc, sizeof enc));
	return infa_parse_units(a, src, sink, fn, ud);
}

void frontend_unit_free(AstDoc *unit)
{
	Arena *a = unit->arena; /* the document lives in it */
	arena_release(a);
	free(a);
}

AstDoc *frontend_parse(Arena *a, SrcFile *src, const FrontendOptions *opts, DiagSink *sink, bool *io_error)
{
	Detection det;
	detect_tool(src->text, src->len, &det);
	*io_error = false;
	switch (det.tool) {
	case TOOL_POWERCENTER: {
		char enc[64];
		src->single_byte = xml_encoding_is_single_byte(xml_declared_encoding(src, enc, sizeof enc));
		break;
	}
	case TOOL_SSIS: return ssis_read_package(a, src, sink);
	case TOOL_ALTERYX: return ayx_read_workflow(a, src, opts, sink);
	case TOOL_DATASTAGE:
		return strcmp(det.root, "DSExport") == 0 ? ds_read_xml(a, src, sink) : ds_read_dsx(a, src, sink);
	case TOOL_UNKNOWN: return reject(src, &det, sink);
	default:
		diag_error(sink, E_TOOL_UNSUPPORTED, (SrcLoc){src, 0, 0},
			   "%s are recognised but not read yet", tool_files(det.tool));
		return NULL;
	}
	AstDoc *doc = infa_parse(a, src, sink);
	if (!doc)
		return NULL;
	for (size_t i = 0; opts && i < opts->n_param_files; i++) {
		/* Parameter files live as long as the arena: their positions are
		 * referenced by AstParamValues. */
		SrcFile *pf = ARENA_NEW(a, SrcFile);
		const char *err;
		if (!srcfile_read(pf, opts->param_files[i], &err)) {
			diag_error(sink, E_PARAM_READ, (SrcLoc){NULL, 0, 0},
				   "cannot read parameter file '%s': %s", opts->param_files[i], err);
			*io_error = true;
			continue;
		}
		/* Copy the text into the arena so the file can be released now. */
		char *text = arena_memdup(a, pf->text, pf->len + 1);
		free(pf->text);
		pf->text = text;
		infa_apply_param_file(doc, pf, sink);
		if (pf->lines_built)
			linemap_release(&pf->lines);
		pf->lines_built = false;
	}
	return doc;
}
