/* ssis.h - the SSIS frontend's internal interface, shared by ssis.c (the
 * package and its control flow) and ssis_flow.c (data flows), and the
 * property accessor the unit tests check (src/parsers).
 *
 * A .dtsx comes in two dialects: v2/v3 (SSIS 2005/2008) write every scalar
 * as a <DTS:Property DTS:Name="X">value</DTS:Property> child, v6/v8 (2012+)
 * as an attribute DTS:X="value".  Everything reads scalars through
 * ssis_prop(), which tries the attribute and then the child.
 */
#ifndef AKKO_PARSERS_SSIS_H
#define AKKO_PARSERS_SSIS_H

#include "ast/ast.h"
#include "base/strmap.h"
#include "parsers/xml.h"

/* The value of scalar `name` of a DTS element in either dialect: the
 * attribute (local name `name`, any prefix) or the text of a
 * <DTS:Property DTS:Name="name"> child ("" when that child is empty).
 * NULL when neither is there.  *where (if not NULL) receives the
 * DTS:Property child the value came from, or NULL for an attribute.  The
 * value belongs to the XML document. */
const char *ssis_prop(const xmlNode *n, const char *name, const xmlNode **where);
/* A boolean scalar: "-1", "1", "True", "true" are true (v2/v3 write -1/0,
 * v6/v8 True/False); `dflt` when absent or empty. */
bool ssis_prop_bool(const xmlNode *n, const char *name, bool dflt);
/* A boolean written either way. */
bool ssis_is_true(const char *v);

/* One file being read. */
typedef struct Ssis {
	AstDoc *doc;
	Arena *a;
	XmlDoc x;
	DiagSink *sink;
	AstFolder *folder;
	int version;         /* PackageFormatVersion (2, 3, 6, 8; 0 unknown) */
	StrMap conns;        /* connection manager DTSID, refId and name -> AstConnection */
	StrMap project;      /* $Project:: and System:: names already on doc->params */
	const char *context; /* "in data flow 'x'" for diagnostics, or NULL */
	uint32_t sensitive;  /* sensitive values left out */
	int protection;      /* ProtectionLevel 0..5, -1 when not written */
	PtrVec query_vars;   /* SsisQueryVar: sources whose query a variable holds */
	SrcLoc protection_loc;
} Ssis;

/* A source in "SQL command from variable" mode, resolved once the whole
 * package (every variable) is read: ssis_resolve_query_vars(). */
typedef struct SsisQueryVar {
	AstStep *step;
	const char *variable; /* as the component names it: "User::Query" */
	const char *path;     /* the data flow task's path, for the variable's scope */
} SsisQueryVar;

/* Each pending source reads the value its variable is declared with (a
 * query kept as written, W1031), or goes to review (W1030) when the
 * variable is computed, secret, or not found. */
void ssis_resolve_query_vars(Ssis *S);

/* Helpers of ssis.c that ssis_flow.c uses. */
const char *ssis_str(Ssis *S, const char *s); /* arena copy; NULL stays NULL */
SrcLoc ssis_loc(Ssis *S, const xmlNode *n);
SrcLoc ssis_loc_line(Ssis *S, const xmlNode *n);
/* Position of a scalar's value: its attribute's value or the text of its
 * DTS:Property child. */
SrcLoc ssis_prop_loc(Ssis *S, const xmlNode *n, const char *name);
/* An element with no dedicated field, with its subtree; sensitive values
 * and compiled binaries are left out (and counted). */
AstElem *ssis_capture(Ssis *S, const xmlNode *n);
/* The connection a component or task names (DTSID, refId or name); an
 * undeclared project connection is added once. */
AstConnection *ssis_conn_ref(Ssis *S, const char *ref, SrcLoc loc);
/* The neutral type of a pipeline dataType ("wstr", "i4"...). */
AstType ssis_pipeline_type(Ssis *S, const char *dt, const char *length, const char *precision,
			   const char *scale);
bool ssis_is_sensitive(const xmlNode *n);
/* An expression, SQL text or command of the package (ast_expr_new), its
 * $Project:: and System:: references noted on doc->params. */
AstExpr *ssis_expr_new(Ssis *S, ExprLang lang, const char *text, SrcLoc loc);

/* ssis_flow.c: the <pipeline> of data flow task `task` (refId path
 * `path`) into a FLOW_DATA_FLOW in the folder, run by the task's session. */
void ssis_read_pipeline(Ssis *S, AstTask *task, const char *path, const xmlNode *pipeline);

#endif
