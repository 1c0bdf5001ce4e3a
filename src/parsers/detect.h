/* detect.h - which tool wrote this file, decided by content, never by the
 * file name (src/parsers).
 *
 * The sniffer skips a BOM, the XML declaration, comments, processing
 * instructions and the DOCTYPE, and names the first element: POWERMART,
 * DTS:Executable, AlteryxDocument, DSExport; a DataStage .dsx starts with
 * "BEGIN HEADER".  Anything else gets a reason that names what the file
 * looks like (an HTML page that mentions POWERMART is an HTML page).
 */
#ifndef AKKO_PARSERS_DETECT_H
#define AKKO_PARSERS_DETECT_H

#include <stddef.h>

#include "ast/ast.h"

typedef struct Detection {
	Tool tool;        /* TOOL_UNKNOWN when not recognised */
	char root[64];    /* first element name, or "" */
	long root_offset; /* byte offset of the root element's '<', or -1 */
	char reason[160]; /* why it is not recognised, no full stop: "it is an
	                       HTML page" (after "not a job export: ") or, for
	                       empty and binary files, a whole sentence */
	int empty;        /* the file is empty or only whitespace */
	int binary;       /* NUL bytes or not text at all */
	int isx;          /* a zip archive holding InfoSphere assets (.isx): the
	                     reason names the first asset */
} Detection;

void detect_tool(const char *buf, size_t len, Detection *out);

#endif
