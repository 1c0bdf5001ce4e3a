/* ds_params.c - DataStage job and sequence parameters, parameter sets,
 * environment variables and connector connections to the pipeline IR
 * (src/rules; ds_orch.h).
 *
 * IBM, "Job parameters" (InfoSphere DataStage Designer Client Guide): a
 * parameter has a name, a prompt, a type (String, Encrypted, Integer,
 * Float, Pathname, List, Date, Time) and a default; property values read it
 * as #NAME#.  "Parameter sets": a set groups parameters with their defaults
 * and optional value files, and a job that uses it reads #SET.NAME#.
 * "Environment variables" as job parameters: #$NAME#, whose default
 * $PROJDEF takes the value the Administrator client sets for the project
 * (and $ENV the engine's environment).  The frontend keeps these as
 * AstParams (docs/ast.md, "DataStage"); this file gives each the setting
 * SQL reads (akko.<name>, '.' and '$' folded to '_': #SET.P# is
 * akko.set_p), its PostgreSQL type and its provenance.
 */
#include <string.h>

#include "base/str.h"
#include "rules/ds_orch.h"
#include "rules/pc.h"

/* The definition of member `name` of parameter set `set` when the export
 * holds the set (DSPARAMETERSETS), else NULL. */
static const AstParam *set_member(const AstDoc *doc, const char *set, const char *name)
{
	for (uint32_t i = 0; set && i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t k = 0; k < f->params.len; k++) {
			const AstParam *p = f->params.items[k];
			if (p->scope == SCOPE_PARAMETER_SET && p->set && ascii_ieq(p->set, set) &&
			    ascii_ieq(p->name, name))
				return p;
		}
	}
	return NULL;
}

/* "SET.NAME" -> the set's definition of NAME, else NULL. */
static const AstParam *definition_of(Arena *a, const AstDoc *doc, const AstParam *p)
{
	const char *dot = strchr(p->name, '.');
	if (!p->set || !dot)
		return NULL;
	return set_member(doc, arena_strndup(a, p->name, (size_t)(dot - p->name)), dot + 1);
}

static const char *origin_of(const AstParam *p, const char *own)
{
	if (p->set)
		return "parameter_set";
	if (p->name[0] == '$')
		return "project";
	return p->declared ? own : "reference";
}

/* One IrParam: `use` is the job's (or sequence's) entry, `def` the set's
 * definition of a member when the export holds it. */
static IrParam *ir_param(Arena *a, const AstParam *use, const AstParam *def, const char *own)
{
	const AstParam *d = def ? def : use;
	IrParam *ip = ARENA_NEW(a, IrParam);
	ip->name = use->name;
	ip->setting = pc_param_setting(a, use->name);
	ip->kind = "parameter";
	ip->type = pc_pg_type(a, &d->type);
	ip->origin = origin_of(use, own);
	ip->line = d->loc.line;
	ip->sensitive = d->sensitive;
	if (!d->sensitive)
		ip->default_value = d->default_value;
	const AstProp *prompt = ast_props_find_name(&d->props, "Prompt");
	ip->description = prompt && *prompt->value ? prompt->value : d->description;
	for (uint32_t i = 0; !d->sensitive && i < d->values.len; i++) {
		const AstParamValue *v = d->values.items[i];
		IrParamValue *iv = ARENA_NEW(a, IrParamValue);
		iv->value = v->value;
		iv->line = v->loc.line;
		iv->section = v->section; /* the value file's name */
		ptrvec_push(a, &ip->values, iv);
	}
	return ip;
}

static bool listed(const PtrVec *out, const char *name)
{
	for (uint32_t i = 0; i < out->len; i++)
		if (ascii_ieq(((IrParam *)out->items[i])->name, name))
			return true;
	return false;
}

/* The params of a job or sequence, then every member of the parameter
 * sets it uses that it does not reference by name. */
static void params_of(Arena *a, const AstDoc *doc, const PtrVec *params, const PtrVec *sets, const char *own,
		      PtrVec *out)
{
	for (uint32_t i = 0; i < params->len; i++) {
		const AstParam *p = params->items[i];
		if (!listed(out, p->name))
			ptrvec_push(a, out, ir_param(a, p, definition_of(a, doc, p), own));
	}
	for (uint32_t s = 0; s < sets->len; s++) {
		const char *set = sets->items[s];
		for (uint32_t i = 0; i < doc->folders.len; i++) {
			const AstFolder *f = doc->folders.items[i];
			for (uint32_t k = 0; k < f->params.len; k++) {
				const AstParam *d = f->params.items[k];
				if (d->scope != SCOPE_PARAMETER_SET || !d->set || !ascii_ieq(d->set, set))
					continue;
				AstParam use = *d;
				use.name = arena_sprintf(a, "%s.%s", d->set, d->name);
				if (!listed(out, use.name))
					ptrvec_push(a, out, ir_param(a, &use, d, own));
			}
		}
	}
}

void ds_pipeline_params(Arena *a, const AstDoc *doc, const AstFlow *flow, const char *session, PtrVec *out)
{
	(void)session;
	params_of(a, doc, &flow->params, &flow->param_sets, "mapping", out);
}

void ds_control_params(Arena *a, const AstDoc *doc, const AstControl *ctl, PtrVec *out)
{
	params_of(a, doc, &ctl->params, &ctl->param_sets, "workflow", out);
}

static const ExprBinding *resolve_in(Arena *a, const AstDoc *doc, const PtrVec *params, const PtrVec *sets,
				     const char *name)
{
	const AstParam *use = NULL, *def = NULL;
	for (uint32_t i = 0; i < params->len && !use; i++) {
		const AstParam *p = params->items[i];
		if (ascii_ieq(p->name, name))
			use = p;
	}
	const char *dot = strchr(name, '.');
	if (dot) { /* #SET.NAME#: the set's definition, when the job uses the set */
		const char *set = arena_strndup(a, name, (size_t)(dot - name));
		bool uses = use != NULL;
		for (uint32_t i = 0; i < sets->len && !uses; i++)
			uses = ascii_ieq(sets->items[i], set);
		if (uses)
			def = set_member(doc, set, dot + 1);
	}
	if (!use && !def)
		return NULL;
	const AstParam *d = def ? def : use;
	ExprBinding *b = ARENA_NEW(a, ExprBinding);
	b->kind = BIND_PARAM;
	b->name = use ? use->name : name;
	b->type = expr_type_from_ast(d->type.kind);
	if (b->type == XT_UNKNOWN && (def || (use && use->declared)))
		b->type = XT_STRING; /* a declared parameter without a type code is text */
	b->declared = def || use->declared;
	return b;
}

const ExprBinding *ds_resolve_param(Arena *a, const AstDoc *doc, const AstFolder *folder, const AstFlow *flow,
				    const char *name)
{
	(void)folder;
	return flow ? resolve_in(a, doc, &flow->params, &flow->param_sets, name) : NULL;
}

const ExprBinding *ds_control_resolve_param(Arena *a, const AstDoc *doc, const AstControl *ctl,
					    const char *name)
{
	return resolve_in(a, doc, &ctl->params, &ctl->param_sets, name);
}

/* ---- connections ------------------------------------------------------------ */

/* The database a connector stage type talks to (IBM, "Connectivity
 * guides": one connector per database); the enterprise and server stages
 * of the same databases too. */
static const struct {
	const char *stage_type;
	const char *subtype;
} connector_types[] = {
    {"OracleConnectorPX", "Oracle"},       {"OracleConnector", "Oracle"},
    {"PxOracle", "Oracle"},                {"ORAOCI9", "Oracle"},
    {"DB2ConnectorPX", "DB2"},             {"DB2Connector", "DB2"},
    {"PxDB2", "DB2"},                      {"ODBCConnectorPX", "ODBC"},
    {"ODBCConnector", "ODBC"},             {"CODBCStage", "ODBC"},
    {"TeradataConnectorPX", "Teradata"},   {"TeradataConnector", "Teradata"},
    {"PxTeradata", "Teradata"},            {"NetezzaConnectorPX", "Netezza"},
    {"PxNetezza", "Netezza"},              {"SybaseConnectorPX", "Sybase"},
    {"InformixConnectorPX", "Informix"},   {"JDBCConnectorPX", "JDBC"},
    {"SQLServerConnectorPX", "SQL Server"}, {"DRSConnectorPX", "DRS"},
    {"DRSPX", "DRS"},                      {"SnowflakeConnectorPX", "Snowflake"},
};

static const char *connector_subtype(const char *stage_type)
{
	for (size_t i = 0; stage_type && i < ARRAY_LEN(connector_types); i++)
		if (ascii_ieq(stage_type, connector_types[i].stage_type))
			return connector_types[i].subtype;
	return NULL;
}

#define CONN_PREFIX "XMLProperties/Connection/"

static bool secret(const AstProp *p)
{
	if (p->sensitive)
		return true;
	for (const char *c = p->name; *c; c++)
		if (strncmp(c, "Password", 8) == 0 || strncmp(c, "password", 8) == 0 ||
		    strncmp(c, "PASSWORD", 8) == 0)
			return true;
	return strncmp(p->value, "{iisenc}", 8) == 0 || strncmp(p->value, "{dsnenc}", 8) == 0;
}

static const char *conn_prop(const AstStep *s, const char *leaf)
{
	const AstProp *p = ast_props_find_name(&s->props, leaf);
	if (!p)
		return NULL;
	return *p->value && !secret(p) ? p->value : NULL;
}

void ds_pipeline_connections(Arena *a, const AstDoc *doc, const AstFlow *flow, const AstSession *session_or_null,
			     PtrVec *out)
{
	(void)doc;
	(void)session_or_null;
	for (uint32_t i = 0; i < flow->steps.len; i++) {
		const AstStep *s = flow->steps.items[i];
		const char *sub = connector_subtype(s->orig_kind);
		if (!sub)
			continue;
		IrConnection *c = ARENA_NEW(a, IrConnection);
		c->kind = "relational";
		c->subtype = sub;
		c->role = s->kind == STEP_TARGET ? "target" : s->kind == STEP_LOOKUP ? "lookup" : "source";
		const char *names[] = {"DataConnection", CONN_PREFIX "DataSource", CONN_PREFIX "Server",
				       CONN_PREFIX "Database", CONN_PREFIX "Instance"};
		for (size_t k = 0; k < ARRAY_LEN(names) && !c->name; k++)
			c->name = conn_prop(s, names[k]);
		if (!c->name)
			c->name = s->name;
		for (uint32_t k = 0; k < s->props.len; k++) {
			const AstProp *p = s->props.items[k];
			if (strncmp(p->name, CONN_PREFIX, strlen(CONN_PREFIX)) != 0 || !*p->value || secret(p))
				continue;
			ptrvec_push(a, &c->settings,
				    (void *)arena_sprintf(a, "%s=%s", p->name + strlen(CONN_PREFIX), p->value));
		}
		bool dup = false;
		for (uint32_t k = 0; k < out->len && !dup; k++) {
			const IrConnection *o = out->items[k];
			dup = strcmp(o->name, c->name) == 0 && strcmp(o->role, c->role) == 0;
		}
		if (!dup)
			ptrvec_push(a, out, c);
	}
}
