/* paramfile.c - PowerCenter parameter files (.par/.prm) applied to the AST
 * with provenance (src/parsers).
 *
 *   # comment
 *   [Global]
 *   $$LOAD_DATE=2024-01-31
 *   [folder.WF:wf_load.ST:s_m_load]
 *   $DBConnection_SRC=ORA_SRC
 *
 * Every assignment becomes an AstParamValue on each declared parameter or
 * variable it can reach from its section (mapping parameters of the
 * session's mapping, workflow variables), with the file, line and section
 * it came from.  Names no declaration has (session parameters such as
 * $DBConnection_X, built-ins) become undeclared AstParams on the doc, so
 * nothing in the file is lost.  Nothing is substituted into expressions.
 */
#include "parsers/frontend.h"
#include "base/str.h"

#include <string.h>

typedef struct PfState {
	AstDoc *doc;
	const SrcFile *src;
	DiagSink *sink;
	AstParamFile *pf;
} PfState;

static const char *dup(PfState *st, Str s)
{
	return arena_strndup(st->doc->arena, s.ptr, s.len);
}

/* Split "folder.WF:wf.WT:wl.ST:s" into its parts.  Returns false when the
 * header has a shape PowerCenter does not use. */
static bool parse_header(PfState *st, AstParamSection *sec, Str h)
{
	if (str_ieq_cstr(h, "Global")) {
		sec->global = true;
		return true;
	}
	if (str_istarts_with(h, "Service:")) {
		sec->global = true; /* integration-service sections apply to every run */
		return true;
	}
	/* Segments separated by '.', each "XX:name" or a plain name. */
	const char *p = h.ptr, *end = h.ptr + h.len;
	int plain = 0;
	const char *plain_names[2] = {NULL, NULL};
	while (p < end) {
		const char *dot = p;
		/* A name may itself hold no '.', so the next '.' ends the segment. */
		while (dot < end && *dot != '.')
			dot++;
		Str seg = str_trim(str_make(p, (size_t)(dot - p)));
		if (!seg.len)
			return false;
		if (str_istarts_with(seg, "WF:"))
			sec->workflow = dup(st, str_sub(seg, 3, seg.len));
		else if (str_istarts_with(seg, "WT:"))
			sec->worklet = dup(st, str_sub(seg, 3, seg.len));
		else if (str_istarts_with(seg, "ST:"))
			sec->session = dup(st, str_sub(seg, 3, seg.len));
		else if (plain < 2)
			plain_names[plain++] = dup(st, seg);
		else
			return false;
		p = dot < end ? dot + 1 : end;
	}
	if (sec->workflow || sec->session) {
		if (plain > 1)
			return false;
		sec->folder = plain_names[0];
	} else if (plain == 2) {
		sec->folder = plain_names[0]; /* [folder.session] */
		sec->session = plain_names[1];
	} else {
		sec->session = plain_names[0]; /* [session] */
	}
	return true;
}

/* ---- finding what a section names ---------------------------------------- */

static AstControl *find_workflow(AstDoc *d, const char *folder, const char *name)
{
	for (uint32_t i = 0; i < d->folders.len; i++) {
		AstFolder *f = d->folders.items[i];
		if (folder && !ascii_ieq(f->name, folder))
			continue;
		for (uint32_t j = 0; j < f->controls.len; j++) {
			AstControl *c = f->controls.items[j];
			if (c->kind == CTRL_WORKFLOW && ascii_ieq(c->name, name))
				return c;
		}
	}
	return NULL;
}

static AstTask *find_instance(AstControl *c, const char *name)
{
	for (uint32_t i = 0; c && i < c->tasks.len; i++) {
		AstTask *t = c->tasks.items[i];
		if (ascii_ieq(t->name, name))
			return t;
	}
	return NULL;
}

static AstTask *find_session_def(AstDoc *d, const char *folder, const char *name)
{
	for (uint32_t i = 0; i < d->folders.len; i++) {
		AstFolder *f = d->folders.items[i];
		if (folder && !ascii_ieq(f->name, folder))
			continue;
		for (uint32_t j = 0; j < f->tasks.len; j++) {
			AstTask *t = f->tasks.items[j];
			if (t->session && ascii_ieq(t->name, name))
				return t;
		}
		for (uint32_t j = 0; j < f->controls.len; j++) {
			AstControl *c = f->controls.items[j];
			for (uint32_t k = 0; k < c->defs.len; k++) {
				AstTask *t = c->defs.items[k];
				if (t->session && ascii_ieq(t->name, name))
					return t;
			}
			AstTask *inst = find_instance(c, name);
			if (inst && inst->kind == TASK_RUN_FLOW)
				return inst;
		}
	}
	return NULL;
}

/* The mapping a session definition or instance runs. */
static AstFlow *session_mapping(const AstTask *t)
{
	if (t->session && t->session->mapping)
		return t->session->mapping;
	if (t->def && t->def->session)
		return t->def->session->mapping;
	return NULL;
}

typedef struct Target {
	AstControl *control; /* workflow or worklet the section names */
	AstTask *session;    /* session instance or definition */
} Target;

static bool resolve_section(PfState *st, AstParamSection *sec, Target *t)
{
	memset(t, 0, sizeof *t);
	if (sec->global)
		return true;
	AstDoc *d = st->doc;
	if (sec->workflow) {
		t->control = find_workflow(d, sec->folder, sec->workflow);
		if (!t->control)
			return false;
		if (sec->worklet) {
			AstTask *w = find_instance(t->control, sec->worklet);
			t->control = w ? w->sub : NULL;
			if (!t->control)
				return false;
		}
		if (sec->session) {
			t->session = find_instance(t->control, sec->session);
			return t->session != NULL;
		}
		return true;
	}
	t->session = find_session_def(d, sec->folder, sec->session);
	return t->session != NULL;
}

/* ---- applying values ------------------------------------------------------ */

static void add_value(PfState *st, AstParam *p, AstParamSection *sec, const AstParamAssign *a)
{
	/* One assignment reaches a parameter once, however many runs lead to it. */
	for (uint32_t i = 0; i < p->values.len; i++) {
		const AstParamValue *v = p->values.items[i];
		if (v->loc.file == a->loc.file && v->loc.line == a->loc.line)
			return;
	}
	AstParamValue *v = ARENA_NEW(st->doc->arena, AstParamValue);
	v->value = a->value;
	v->section = arena_sprintf(st->doc->arena, "[%s]", sec->header);
	v->applies_to = sec->global ? NULL : sec->header;
	v->loc = a->loc;
	ast_push(st->doc, &p->values, v);
}

static unsigned apply_to_list(PfState *st, PtrVec *params, AstParamSection *sec, const AstParamAssign *a)
{
	unsigned n = 0;
	/* Mapplet parameters may be written "mapplet.$$NAME"; match the name. */
	const char *name = a->name;
	const char *dot = strrchr(name, '.');
	const char *bare = dot ? dot + 1 : name;
	for (uint32_t i = 0; i < params->len; i++) {
		AstParam *p = params->items[i];
		if (!p->user_defined && p->scope == SCOPE_SYSTEM)
			continue;
		if (ascii_ieq(p->name, name) || ascii_ieq(p->name, bare)) {
			add_value(st, p, sec, a);
			n++;
		}
	}
	return n;
}

static unsigned apply_to_session(PfState *st, AstTask *s, AstParamSection *sec, const AstParamAssign *a)
{
	AstFlow *m = session_mapping(s);
	if (!m)
		return 0;
	unsigned n = apply_to_list(st, &m->params, sec, a);
	/* and to the parameters of the mapplets the session's mapping expands */
	for (uint32_t i = 0; i < m->expansions.len; i++) {
		AstExpansion *x = m->expansions.items[i];
		if (x->mapplet)
			n += apply_to_list(st, &x->mapplet->params, sec, a);
	}
	return n;
}

static unsigned apply_to_control(PfState *st, AstControl *c, AstParamSection *sec, const AstParamAssign *a,
				 int depth)
{
	if (!c || depth > 16)
		return 0;
	unsigned n = apply_to_list(st, &c->params, sec, a);
	for (uint32_t i = 0; i < c->tasks.len; i++) {
		AstTask *t = c->tasks.items[i];
		if (t->kind == TASK_RUN_FLOW)
			n += apply_to_session(st, t, sec, a);
		else if (t->sub)
			n += apply_to_control(st, t->sub, sec, a, depth + 1);
	}
	return n;
}

/* A control's own variables and those of the worklets defined inside it. */
static unsigned apply_to_control_vars(PfState *st, AstControl *c, AstParamSection *sec,
				      const AstParamAssign *a, int depth)
{
	if (!c || depth > 16)
		return 0;
	unsigned n = apply_to_list(st, &c->params, sec, a);
	for (uint32_t i = 0; i < c->defs.len; i++) {
		AstTask *d = c->defs.items[i];
		if (d->sub)
			n += apply_to_control_vars(st, d->sub, sec, a, depth + 1);
	}
	return n;
}

static unsigned apply_global(PfState *st, AstParamSection *sec, const AstParamAssign *a)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < st->doc->folders.len; i++) {
		AstFolder *f = st->doc->folders.items[i];
		for (uint32_t j = 0; j < f->flows.len; j++)
			n += apply_to_list(st, &((AstFlow *)f->flows.items[j])->params, sec, a);
		for (uint32_t j = 0; j < f->controls.len; j++)
			n += apply_to_control_vars(st, f->controls.items[j], sec, a, 0);
	}
	return n;
}

/* A name no declaration has: keep it as an undeclared parameter. */
static void keep_undeclared(PfState *st, AstParamSection *sec, const AstParamAssign *a)
{
	AstDoc *d = st->doc;
	AstParam *p = NULL;
	for (uint32_t i = 0; i < d->params.len && !p; i++) {
		AstParam *q = d->params.items[i];
		if (strcmp(q->name, a->name) == 0)
			p = q;
	}
	if (!p) {
		ParamScope scope = sec->global ? SCOPE_GLOBAL : sec->session ? SCOPE_RUN : SCOPE_CONTROL;
		p = ast_param_new(d, a->name, PARAM_PARAMETER, scope);
		p->declared = false; /* no declaration: its values carry the positions */
		p->user_defined = true;
		ast_push(d, &d->params, p);
	}
	add_value(st, p, sec, a);
}

static void apply_section(PfState *st, AstParamSection *sec)
{
	Target t;
	sec->matched = resolve_section(st, sec, &t);
	if (!sec->matched) {
		/* Its values stay in param_files; they reach nothing here. */
		diag_note(st->sink, N_PARAM_UNMATCHED, sec->loc, "section [%s] matches nothing in '%s'",
			  sec->header, st->doc->path);
		return;
	}
	for (uint32_t i = 0; i < sec->assigns.len; i++) {
		AstParamAssign *a = sec->assigns.items[i];
		unsigned n = 0;
		if (sec->global)
			n = apply_global(st, sec, a);
		else if (t.session)
			n = apply_to_session(st, t.session, sec, a);
		else if (t.control)
			n = apply_to_control(st, t.control, sec, a, 0);
		if (!n)
			keep_undeclared(st, sec, a);
	}
}

/* ---- reading the file ----------------------------------------------------- */

static void read_lines(PfState *st)
{
	const SrcFile *f = st->src;
	AstParamSection *sec = NULL;
	bool skipping = false;
	uint32_t line = 0;
	const char *p = f->text, *end = f->text + f->len;
	while (p < end) {
		const char *eol = p;
		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		line++;
		Str s = str_trim(str_make(p, (size_t)(eol - p)));
		SrcLoc where = {f, line, 1};
		p = eol;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		if (!s.len || s.ptr[0] == '#')
			continue;
		if (s.ptr[0] == '[') {
			if (s.ptr[s.len - 1] != ']') {
				diag_warning(st->sink, W_PARAM_SECTION, where,
					     "section header is not closed by ']'");
				sec = NULL;
				skipping = true;
				continue;
			}
			AstParamSection *ns = ARENA_NEW(st->doc->arena, AstParamSection);
			ns->header = dup(st, str_trim(str_sub(s, 1, s.len - 2)));
			ns->loc = where;
			if (!parse_header(st, ns, str_from(ns->header))) {
				diag_warning(st->sink, W_PARAM_SECTION, where,
					     "section header [%s] has an unknown shape", ns->header);
				sec = NULL;
				skipping = true;
				continue;
			}
			ast_push(st->doc, &st->pf->sections, ns);
			sec = ns;
			skipping = false;
			continue;
		}
		long eq = str_find_char(s, '=');
		Str name = eq > 0 ? str_trim(str_sub(s, 0, (size_t)eq)) : STR_NULL;
		if (eq <= 0 || !name.len || str_find_char(name, ' ') >= 0) {
			diag_warning(st->sink, W_PARAM_LINE, where, "'%.*s' is not a NAME=VALUE line",
				     STR_FMT(s));
			continue;
		}
		if (skipping)
			continue;
		if (!sec) {
			diag_warning(st->sink, W_PARAM_OUTSIDE, where,
				     "assignment to '%.*s' comes before any [section]", STR_FMT(name));
			continue;
		}
		AstParamAssign *a = ARENA_NEW(st->doc->arena, AstParamAssign);
		a->name = dup(st, name);
		a->value = dup(st, str_trim(str_sub(s, (size_t)eq + 1, s.len)));
		a->loc = where;
		ast_push(st->doc, &sec->assigns, a);
	}
}

void infa_apply_param_file(AstDoc *doc, const SrcFile *src, DiagSink *sink)
{
	PfState st = {.doc = doc, .src = src, .sink = sink};
	st.pf = ARENA_NEW(doc->arena, AstParamFile);
	st.pf->path = arena_strdup(doc->arena, src->path);
	ast_push(doc, &doc->param_files, st.pf);
	read_lines(&st);
	for (uint32_t i = 0; i < st.pf->sections.len; i++)
		apply_section(&st, st.pf->sections.items[i]);
}
