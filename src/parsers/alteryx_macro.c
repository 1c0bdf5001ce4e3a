/* alteryx_macro.c - Alteryx macros: resolve the file a macro instance names
 * and expand the macro at the instance (src/parsers; see alteryx_macro.h,
 * docs/alteryx.md "Macros").
 *
 * What the vendor documents:
 * - The engine resolves a workflow's relative paths against "the path of
 *   the file" ("AlteryxRunModule2", AlteryxEngine API, strPathContext);
 *   installed macros and the macros behind HTML-GUI tools are looked up
 *   through an ordered list of directories ("Package a Tool", Alteryx
 *   developer help: user tools path, admin tools path, HTML plugins path,
 *   runtime macro path, "Designer attempts to use each of the paths in
 *   succession").  Our -I DIR list plays that part, in the order given.
 * - "Each Macro Output tool used in the workflow has an output anchor on the
 *   macro tool"; its configuration gives the Output Name and an Anchor
 *   Abbreviation ("Macro Output Tool", help.alteryx.com designer/tools/
 *   interface-tools/macro-output-tool.html); the Macro Input tool likewise.
 *   The instance's connections name the anchor by that name
 *   (<Destination ToolID="5" Connection="Input2"/>).
 * - A batch macro "runs once for each record or selected group of records"
 *   of its control input, its Control Parameters answered by the data, and
 *   unions the runs ("Batch Macro", help.alteryx.com/current/BatchMacro.htm);
 *   an iterative macro loops its Iteration Output back to its Iteration
 *   Input until a condition or the Maximum Number of Iterations
 *   ("Iterative Macro", help.alteryx.com/current/IterativeMacro.htm).  Both
 *   stay placeholders with that reason.
 * A static compiler sees the macro's default configuration: its questions
 * are recorded as parameters with the instance's answers, and the Actions
 * that would rewrite the tools with those answers are not run (N1115/W1116).
 */
#define _DEFAULT_SOURCE /* realpath */
#include "parsers/alteryx.h"
#include "parsers/alteryx_macro.h"
#include "parsers/frontend.h"
#include "base/sbuf.h"
#include "base/str.h"
#include "base/strmap.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* One macro file, read at most once per run. */
typedef struct Macro {
	const char *path; /* as found, for messages and the AST */
	AstDoc *doc;      /* the macro file's document */
	AstFlow *flow;    /* its flow, macros inside already expanded; NULL: unusable */
	const char *mode; /* standard, batch or iterative */
	bool busy;        /* being expanded: a reference to it is a cycle */
} Macro;

typedef struct Mx {
	Arena *a;
	AstDoc *doc; /* the document being read (allocations, pushes) */
	DiagSink *sink;
	const FrontendOptions *opts;
	StrMap files;                              /* real path -> Macro */
	const char *chain[AYX_MACRO_MAX_DEPTH + 2]; /* paths of the files being expanded */
	unsigned depth;
	bool failed; /* a cycle or the depth limit: the document has an error, so
	                expanding the rest (perhaps the same cycle many times) is
	                work for nothing */
} Mx;

static void expand_flow(Mx *M, AstFolder *fo, AstFlow *f, const char *dir);

/* ---- finding the file -------------------------------------------------------------- */

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(*p ? p : ".", &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir/name ("" is the current directory). */
static const char *join(Arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (!n)
		return arena_strdup(a, name);
	return arena_sprintf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

/* The directory part of a path, with its final '/' ("" when none). */
static const char *dir_of(Arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? arena_strndup(a, path, (size_t)(slash - path + 1)) : "";
}

/* The entry of `dir` equal to `name` but for ASCII case (the first in byte
 * order when several are), a file or a directory as asked; NULL if none. */
static const char *match_case(Arena *a, const char *dir, const char *name, bool file)
{
	DIR *d = opendir(*dir ? dir : ".");
	if (!d)
		return NULL;
	const char *best = NULL;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcasecmp(e->d_name, name) != 0 || (best && strcmp(e->d_name, best) >= 0))
			continue;
		const char *full = join(a, dir, e->d_name);
		if (file ? is_file(full) : is_dir(full))
			best = arena_strdup(a, e->d_name);
	}
	closedir(d);
	return best;
}

/* dir/rel as a file: exactly, else each component matched without regard
 * to case (the path was written on Windows, whose names ignore case).
 * NULL: no such file. */
static const char *lookup(Arena *a, const char *dir, const char *rel)
{
	const char *cur = join(a, dir, rel);
	if (is_file(cur))
		return cur;
	cur = *rel == '/' ? "/" : dir;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		const char *comp = arena_strndup(a, p, n);
		p += n;
		while (*p == '/')
			p++;
		if (!n || strcmp(comp, ".") == 0)
			continue;
		bool last = !*p;
		const char *next = join(a, cur, comp);
		if (strcmp(comp, "..") != 0 && !(last ? is_file(next) : is_dir(next))) {
			const char *m = match_case(a, cur, comp, last);
			if (!m)
				return NULL;
			next = join(a, cur, m);
		}
		cur = next;
	}
	return is_file(cur) ? cur : NULL;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* `rel` in `dir`, then `rel`.yxmc when the reference has no extension. */
static const char *try_in(Arena *a, const char *dir, const char *rel)
{
	const char *f = lookup(a, dir, rel);
	if (!f && !ends_with_ci(rel, ".yxmc"))
		f = lookup(a, dir, arena_sprintf(a, "%s.yxmc", rel));
	return f;
}

typedef enum How { FOUND_NOT, FOUND_ABSOLUTE, FOUND_RELATIVE, FOUND_SEARCH_PATH, FOUND_BASE_NAME } How;
static const char *const how_names[] = {"", "absolute", "relative", "search_path", "base_name"};

/* A reference as written ("..\Macros\Clean.yxmc", "C:\Users\x\M.yxmc",
 * "Tools/M") -> the file, looked for in this order (docs/alteryx.md):
 *  1. an absolute POSIX path as it is;
 *  2. a relative path relative to `from` (the directory of the file that
 *     holds the instance), then relative to each -I directory in order;
 *  3. the base name in `from`, then in each -I directory (a path of
 *     another machine, C:\Users\..., cannot exist here).
 * Each place is tried as written, then with ".yxmc" when the reference has
 * no extension; names match without regard to case when nothing matches
 * exactly.  The places tried go to `tried` for the message. */
static const char *resolve(Mx *M, const char *from, const char *ref, How *how, Sbuf *tried)
{
	Arena *a = M->a;
	char *r = arena_strdup(a, ref);
	for (char *p = r; *p; p++)
		if (*p == '\\')
			*p = '/';
	Str t = str_trim(str_from(r));
	r = arena_strndup(a, t.ptr, t.len);
	for (char *dot; (dot = strstr(r, "/./"));) /* "a/./b" is "a/b" */
		memmove(dot, dot + 2, strlen(dot + 2) + 1);
	while (r[0] == '.' && r[1] == '/')
		r += 2;
	bool win_abs = (isalpha((unsigned char)r[0]) && r[1] == ':') || (r[0] == '/' && r[1] == '/');
	bool abs = !win_abs && r[0] == '/';
	const char *f = NULL;
	size_t ni = M->opts ? M->opts->n_include_dirs : 0;
	*how = FOUND_NOT;
	if (!*r)
		return NULL;
	if (abs && (f = try_in(a, "", r)))
		return *how = FOUND_ABSOLUTE, f;
	if (!abs && !win_abs) {
		if ((f = try_in(a, from, r)))
			return *how = FOUND_RELATIVE, f;
		for (size_t i = 0; i < ni; i++)
			if ((f = try_in(a, M->opts->include_dirs[i], r)))
				return *how = FOUND_SEARCH_PATH, f;
	}
	const char *base = strrchr(r, '/');
	base = base ? base + 1 : win_abs && r[1] == ':' ? r + 2 : r;
	Sbuf places = SBUF_INIT;
	sbuf_addf(&places, "'%s'", *from ? from : "./");
	for (size_t i = 0; i < ni; i++)
		sbuf_addf(&places, ", -I '%s'", M->opts->include_dirs[i]);
	if (abs)
		sbuf_addf(tried, "as written; ");
	else if (!win_abs)
		sbuf_addf(tried, "for '%s'%s in %s", r, ends_with_ci(r, ".yxmc") ? "" : " (and with .yxmc)",
			  places.buf);
	bool by_name = *base && (base != r || win_abs);
	if (by_name)
		sbuf_addf(tried, "%sfor its file name '%s' in %s%s", win_abs || abs ? "" : "; ", base,
			  places.buf, win_abs ? " (the path is an absolute Windows path: it cannot exist here)" : "");
	sbuf_release(&places);
	if (!by_name)
		return NULL;
	if ((f = try_in(a, from, base)))
		return *how = FOUND_BASE_NAME, f;
	for (size_t i = 0; i < ni; i++)
		if ((f = try_in(a, M->opts->include_dirs[i], base)))
			return *how = FOUND_BASE_NAME, f;
	return NULL;
}

/* ---- reading it ------------------------------------------------------------------------ */

/* A file read into the arena, its line map too, so that it lives as long
 * as the AST that points into it and needs no release. */
static SrcFile *read_file(Arena *a, const char *path, const char **err)
{
	SrcFile tmp;
	if (!srcfile_read(&tmp, path, err))
		return NULL;
	SrcFile *f = ARENA_NEW(a, SrcFile);
	*f = tmp;
	f->path = arena_strdup(a, path);
	f->text = arena_memdup(a, tmp.text, tmp.len + 1);
	free(tmp.text);
	const LineMap *lm = srcfile_lines(f);
	uint32_t *starts = arena_memdup(a, lm->starts, lm->count * sizeof *starts);
	uint32_t count = lm->count;
	linemap_release(&f->lines);
	f->lines.starts = starts;
	f->lines.count = count;
	f->lines_built = true;
	return f;
}

/* Diagnostics of a macro's reading, held until we know it is usable. */
typedef struct Held {
	Diag d;
	const char *msg;
} Held;

typedef struct Hold {
	Arena *a;
	PtrVec items;
} Hold;

static void hold(void *ud, const Diag *d, const char *msg)
{
	Hold *h = ud;
	Held *x = ARENA_NEW(h->a, Held);
	x->d = *d;
	x->d.context = arena_strdup(h->a, d->context);
	x->d.snippet = arena_strdup(h->a, d->snippet);
	x->d.hint = arena_strdup(h->a, d->hint);
	x->msg = arena_strdup(h->a, msg);
	ptrvec_push(h->a, &h->items, x);
}

/* "a.yxmd -> b.yxmc -> a.yxmd" */
static const char *chain_text(Mx *M, const char *last)
{
	Sbuf b = SBUF_INIT;
	for (unsigned i = 0; i < M->depth; i++)
		sbuf_addf(&b, "%s -> ", M->chain[i]);
	sbuf_addf(&b, "%s", last);
	const char *s = arena_strdup(M->a, b.buf);
	sbuf_release(&b);
	return s;
}

/* The macro at `path`, read, checked and expanded once; NULL after a
 * diagnostic at `at` when it cannot be used (*why says why). */
static Macro *load(Mx *M, const char *path, SrcLoc at, uint32_t span, const char **why)
{
	char buf[PATH_MAX];
	const char *key = realpath(path, buf) ? arena_strdup(M->a, buf) : path;
	Macro *m = strmap_get(&M->files, key);
	Diag d = {.loc = at, .span = span};
	if (m && m->busy) {
		d.code = E_AYX_MACRO_CYCLE;
		*why = "the macro contains itself";
		M->failed = true;
		diag_emit(M->sink, &d, "macro '%s' contains itself: %s", path, chain_text(M, path));
		return NULL;
	}
	if (m) {
		*why = "the macro cannot be used (reported where it was first used)";
		return m->flow ? m : NULL;
	}
	if (M->depth > AYX_MACRO_MAX_DEPTH) { /* the workflow is level 0 */
		d.code = E_AYX_MACRO_DEPTH;
		*why = "macros nest too deep";
		M->failed = true;
		diag_emit(M->sink, &d, "macros nest more than %d deep: %s", AYX_MACRO_MAX_DEPTH,
			  chain_text(M, path));
		return NULL;
	}
	m = ARENA_NEW(M->a, Macro);
	m->path = path;
	m->mode = "standard";
	strmap_put(&M->files, key, m);
	const char *err;
	SrcFile *src = read_file(M->a, path, &err);
	d.code = W_AYX_MACRO_UNREADABLE;
	if (!src) {
		*why = "the macro file cannot be read";
		diag_emit(M->sink, &d, "macro file '%s' cannot be read: %s", path, err);
		return NULL;
	}
	Hold h = {.a = M->a};
	DiagSink sub;
	diag_init(&sub, NULL);
	sub.on_emit = hold;
	sub.on_emit_ud = &h;
	AstDoc *doc = ayx_read_document(M->a, src, &sub);
	if (!doc || diag_errors(&sub)) {
		const Held *first = NULL;
		for (uint32_t i = 0; i < h.items.len && !first; i++) {
			const Held *x = h.items.items[i];
			if (diag_code_severity(x->d.code) == DIAG_ERROR)
				first = x;
		}
		*why = "the macro file is not a readable macro";
		diag_emit(M->sink, &d, "macro file '%s' is not a readable macro: %s:%u:%u: %s (%s)", path,
			  path, first ? first->d.loc.line : 0, first ? first->d.loc.col : 0,
			  first ? first->msg : "nothing could be read",
			  first ? diag_code_str(first->d.code) : "");
		return NULL;
	}
	for (uint32_t i = 0; i < h.items.len; i++) {
		const Held *x = h.items.items[i];
		diag_emit(M->sink, &x->d, "%s", x->msg);
	}
	AstFolder *fo = doc->folders.len ? doc->folders.items[0] : NULL;
	AstFlow *f = fo && fo->flows.len ? fo->flows.items[0] : NULL;
	if (!f || f->kind != FLOW_MAPPLET) {
		d.code = W_AYX_MACRO_NOT_MACRO;
		*why = "the file is not a macro";
		diag_emit(M->sink, &d, "'%s' is a workflow or an app, not a macro", path);
		return NULL;
	}
	AstProp *mode = ast_props_find(&f->props, SET_MACRO_MODE);
	if (mode)
		m->mode = mode->value;
	m->busy = true;
	M->chain[M->depth++] = path;
	expand_flow(M, fo, f, dir_of(M->a, path));
	M->depth--;
	m->busy = false;
	m->flow = f;
	m->doc = doc;
	return m;
}

/* ---- the instance ------------------------------------------------------------------ */

/* The anchor a Macro Input / Macro Output tool gives the instance: its
 * configured Name, else the tool's kind and id ("Input3"). */
static const char *anchor_of(Mx *M, const AstStep *s)
{
	const AstProp *p = ast_props_find_name(&s->props, "Name");
	if (p && *p->value)
		return p->value;
	return arena_sprintf(M->a, "%s%s", s->kind == STEP_FLOW_INPUT ? "Input" : "Output", s->name);
}

/* The macro's boundary tool of `kind` for `anchor` (its own, not a nested
 * macro's), or NULL; `have` lists the anchors it does have. */
static const AstStep *boundary(Mx *M, const AstFlow *mf, StepKind kind, const char *anchor, Sbuf *have)
{
	const AstStep *found = NULL;
	for (uint32_t i = 0; i < mf->steps.len; i++) {
		const AstStep *s = mf->steps.items[i];
		if (s->kind != kind || s->scope)
			continue;
		const char *name = anchor_of(M, s);
		sbuf_addf(have, "%s%s", have->len ? ", " : "", name);
		if (!found && anchor && ascii_ieq(name, anchor))
			found = s;
	}
	return found;
}

/* A placeholder keeps the instance: its input anchors become input groups
 * beside the output groups the connections gave it. */
static void placeholder(Mx *M, AstFlow *f, AstStep *s, const char *why)
{
	s->review = why;
	for (uint32_t i = 0; i < f->edges.len; i++) {
		const AstEdge *e = f->edges.items[i];
		if (e->to != s || !e->to_group)
			continue;
		bool have = false;
		for (uint32_t k = 0; k < s->groups.len && !have; k++)
			have = strcmp(((AstGroup *)s->groups.items[k])->name, e->to_group) == 0;
		if (have)
			continue;
		AstGroup *g = ast_group_new(M->doc, GROUP_INPUT, e->to_group);
		g->loc = e->loc;
		ast_push(M->doc, &s->groups, g);
	}
}

static const char *prefixed(Mx *M, const char *inst, const char *name)
{
	return name ? arena_sprintf(M->a, "%s/%s", inst, name) : inst;
}

/* The macro's questions (interface tools that ask the user, not its
 * anchors) as parameters of the instance, with the instance's answers;
 * parameters of nested instances come along, prefixed. */
static void questions(Mx *M, AstFlow *f, const AstStep *s, const Macro *m, SrcLoc at, uint32_t span)
{
	unsigned asked = 0, changed = 0;
	const char *first_changed = NULL;
	for (uint32_t i = 0; i < m->flow->params.len; i++) {
		const AstParam *p = m->flow->params.items[i];
		AstParam *c = ARENA_NEW(M->a, AstParam);
		*c = *p;
		if (ast_props_find_name(&p->props, "macro_instance")) { /* a nested instance's */
			c->name = prefixed(M, s->name, p->name);
			c->owner = prefixed(M, s->name, p->owner);
			c->props = (PtrVec){0};
			for (uint32_t k = 0; k < p->props.len; k++) {
				const AstProp *pr = p->props.items[k];
				ast_push(M->doc, &c->props,
					 strcmp(pr->name, "macro_instance") == 0
					     ? ast_prop_new(M->doc, pr->name, c->owner)
					     : (void *)pr);
			}
			ast_push(M->doc, &f->params, c);
			continue;
		}
		const AstProp *type = ast_props_find_name(&p->props, "Type");
		if (!type || !strcmp(type->value, "MacroInput") || !strcmp(type->value, "MacroOutput") ||
		    !strcmp(type->value, "Tab"))
			continue; /* a constant, or an anchor */
		asked++;
		const AstBinding *answer = NULL;
		for (uint32_t k = 0; k < s->bindings.len && !answer; k++) {
			const AstBinding *b = s->bindings.items[k];
			if (b->property && strcmp(b->property, p->name) == 0)
				answer = b;
		}
		const char *given = answer && answer->expr ? answer->expr->text : NULL;
		c->name = prefixed(M, s->name, p->name);
		c->owner = s->name;
		c->props = (PtrVec){0};
		for (uint32_t k = 0; k < p->props.len; k++)
			ast_push(M->doc, &c->props, p->props.items[k]);
		ast_push(M->doc, &c->props, ast_prop_new(M->doc, "macro_instance", s->name));
		ast_push(M->doc, &c->props, ast_prop_new(M->doc, "macro_default", p->default_value ? p->default_value : ""));
		if (given) {
			c->default_value = given;
			c->loc = answer->loc;
			if (strcmp(given, p->default_value ? p->default_value : "") != 0 && !changed++)
				first_changed = p->name;
		}
		ast_push(M->doc, &c->props, ast_prop_new(M->doc, "value_from", given ? "instance" : "macro_default"));
		ast_push(M->doc, &f->params, c);
	}
	if (!asked)
		return;
	Diag d = {.code = changed ? W_AYX_MACRO_ANSWERS : N_AYX_MACRO_QUESTIONS, .loc = at, .span = span};
	if (changed)
		diag_emit(M->sink, &d,
			  "macro instance %s answers %u of the %u questions of '%s' (first '%s') with "
			  "values other than their defaults; the macro's tools are converted as "
			  "configured in the macro file",
			  s->name, changed, asked, m->path, first_changed);
	else
		diag_emit(M->sink, &d,
			  "macro instance %s: the %u question%s of '%s' take%s the default configuration",
			  s->name, asked, asked == 1 ? "" : "s", m->path, asked == 1 ? "s" : "");
}

/* Replace instance `s` of flow `f` by the steps of macro `m`: copies named
 * "<instance>/<step>", edges, nested expansions and bindings copied, the
 * instance's connections moved onto the macro's Macro Input / Macro Output
 * copies by anchor name. */
/* A binding of a macro's tool or nested instance, its target (a ToolID
 * of the macro) named as the expansion names it. */
static AstBinding *binding_copy(Mx *M, const char *inst, const AstBinding *b)
{
	AstBinding *c = ARENA_NEW(M->a, AstBinding);
	*c = *b;
	c->target = prefixed(M, inst, b->target);
	return c;
}

/* A step copied into the expansion gets its own bindings (targets
 * renamed) and its own copy of its table (a Text Input's inline table is
 * named after the step), listed in the workflow's folder. */
static void step_copy_parts(Mx *M, AstFolder *fo, const char *inst, AstStep *c, const AstStep *ms)
{
	if (ms->bindings.len) {
		c->bindings = (PtrVec){0};
		for (uint32_t k = 0; k < ms->bindings.len; k++)
			ast_push(M->doc, &c->bindings, binding_copy(M, inst, ms->bindings.items[k]));
	}
	if (ms->table && fo) {
		AstTable *t = ARENA_NEW(M->a, AstTable);
		*t = *ms->table;
		if (strcmp(t->name, ms->name) == 0)
			t->name = c->name;
		c->table = t;
		ast_push(M->doc, &fo->tables, t);
	}
}

static void splice(Mx *M, AstFolder *fo, AstFlow *f, AstStep *s, const Macro *m, PtrVec *out, SrcLoc at,
		   uint32_t span)
{
	const AstFlow *mf = m->flow;
	const char *inst = s->name;
	StrMap copies;
	strmap_init(&copies, M->a, false);
	AstExpansion *x = ARENA_NEW(M->a, AstExpansion);
	x->instance = inst;
	x->mapplet = (AstFlow *)mf;
	x->file = m->path;
	x->loc = s->loc;
	ast_push(M->doc, &f->expansions, x);
	for (uint32_t i = 0; i < mf->expansions.len; i++) {
		const AstExpansion *nx = mf->expansions.items[i];
		AstExpansion *c = ARENA_NEW(M->a, AstExpansion);
		*c = *nx;
		c->instance = prefixed(M, inst, nx->instance);
		c->scope = prefixed(M, inst, nx->scope);
		ast_push(M->doc, &f->expansions, c);
	}
	for (uint32_t i = 0; i < mf->steps.len; i++) {
		const AstStep *ms = mf->steps.items[i];
		AstStep *c = ARENA_NEW(M->a, AstStep);
		*c = *ms;
		c->name = prefixed(M, inst, ms->name);
		c->scope = prefixed(M, inst, ms->scope);
		c->disabled = ms->disabled || s->disabled; /* a disabled container's instance */
		if (s->container) /* the instance's container holds the macro's tools */
			c->container = ms->container ? prefixed(M, s->container, ms->container) : s->container;
		step_copy_parts(M, fo, inst, c, ms);
		ast_push(M->doc, out, c);
		strmap_put(&copies, ms->name, c);
	}
	/* the instance's connections, onto the boundary copies */
	PtrVec edges = {0};
	for (uint32_t i = 0; i < f->edges.len; i++) {
		AstEdge *e = f->edges.items[i];
		for (int end = 0; end < 2; end++) {
			if (!e || (end ? e->from : e->to) != s)
				continue;
			const char *anchor = end ? e->from_group : e->to_group;
			Sbuf have = SBUF_INIT;
			const AstStep *b = boundary(M, mf, end ? STEP_FLOW_OUTPUT : STEP_FLOW_INPUT,
						    anchor ? anchor : end ? "Output" : "Input", &have);
			if (b) {
				*(end ? &e->from : &e->to) = strmap_get(&copies, b->name);
			} else {
				Diag d = {.code = W_AYX_MACRO_ANCHOR, .loc = e->loc, .span = 10};
				diag_emit(M->sink, &d,
					  "a connection %s macro instance %s names its anchor '%s', but macro "
					  "'%s' has no Macro %s of that name (it has: %s); the connection "
					  "is dropped",
					  end ? "from" : "into", inst, anchor ? anchor : "", m->path,
					  end ? "Output" : "Input", have.len ? have.buf : "none");
				e = NULL;
			}
			sbuf_release(&have);
		}
		if (e)
			ast_push(M->doc, &edges, e);
	}
	for (uint32_t i = 0; i < mf->edges.len; i++) {
		const AstEdge *me = mf->edges.items[i];
		AstStep *from = strmap_get(&copies, me->from->name), *to = strmap_get(&copies, me->to->name);
		if (!from || !to)
			continue;
		AstEdge *c = ARENA_NEW(M->a, AstEdge);
		*c = *me;
		c->from = from;
		c->to = to;
		c->scope = prefixed(M, inst, me->scope);
		ast_push(M->doc, &edges, c);
	}
	f->edges = edges;
	for (uint32_t i = 0; i < mf->bindings.len; i++)
		ast_push(M->doc, &f->bindings, binding_copy(M, inst, mf->bindings.items[i]));
	for (uint32_t i = 0; i < s->bindings.len; i++)
		ast_push(M->doc, &f->bindings, s->bindings.items[i]);
	for (uint32_t i = 0; i < m->doc->connections.len; i++) { /* aka: connections its tools use */
		const AstConnection *c = m->doc->connections.items[i];
		ast_connection_get(M->doc, c->name, c->kind, c->subtype, c->loc);
	}
	questions(M, f, s, m, at, span);
}

/* Resolve, read and expand one instance; false leaves it as a placeholder. */
static bool expand_instance(Mx *M, AstFolder *fo, AstFlow *f, AstStep *s, const char *dir, PtrVec *out)
{
	const AstProp *mp = ast_props_find_name(&s->props, "Macro");
	/* Data Cleansing (Cleanse.yxmc: alteryx.c names it) is converted as
	 * that tool, from its documented settings, not from its macro.  The
	 * other tools Designer ships as macros (alteryx_stdmacro.c) are read
	 * as their tools too, unless the macro file is found: then it is
	 * expanded like any macro. */
	const AstProp *stock = ast_props_find_name(&s->props, "stock_macro");
	if (!mp || !s->orig_kind || (!stock && strcmp(s->orig_kind, "Macro") != 0))
		return false;
	const char *ref = mp->value;
	SrcLoc at = mp->loc;
	uint32_t span = (uint32_t)strlen(ref);
	const char *base = ref + strlen(ref);
	while (base > ref && base[-1] != '/' && base[-1] != '\\')
		base--;
	const char *dot = strrchr(base, '.');
	AstProp *name = ast_prop_new(M->doc, "macro_name",
				     dot && dot != base ? arena_strndup(M->a, base, (size_t)(dot - base)) : base);
	name->loc = at;
	ast_push(M->doc, &s->props, name);
	How how;
	Sbuf tried = SBUF_INIT;
	const char *path = resolve(M, dir, ref, &how, &tried);
	if (!path && stock) {
		Diag d = {.code = N_AYX_STOCK_MACRO, .loc = at, .span = span};
		diag_emit(M->sink, &d,
			  "macro '%s' (instance %s) is Designer's own %s tool and is not found here: it is "
			  "converted as the tool's documentation defines it",
			  ref, s->name, s->orig_kind);
		sbuf_release(&tried);
		AstProp *n = ast_prop_new(M->doc, "stock_tool", "read as the documented tool: its macro is not found");
		n->loc = at;
		ast_push(M->doc, &s->props, n);
		return false;
	}
	if (!path) {
		Diag d = {.code = W_AYX_MACRO_NOT_FOUND, .loc = at, .span = span};
		diag_emit(M->sink, &d, "macro '%s' (instance %s) not found: looked %s", ref, s->name, tried.buf);
		sbuf_release(&tried);
		s->unresolved = true;
		placeholder(M, f, s, arena_sprintf(M->a, "macro '%s' not found", ref));
		return false;
	}
	sbuf_release(&tried);
	ast_push(M->doc, &s->props, ast_prop_new(M->doc, "macro_file", path));
	ast_push(M->doc, &s->props, ast_prop_new(M->doc, "macro_found", how_names[how]));
	if (how == FOUND_BASE_NAME) {
		Diag d = {.code = N_AYX_MACRO_BY_NAME, .loc = at, .span = span};
		diag_emit(M->sink, &d, "macro '%s' (instance %s) found by its file name: '%s'", ref, s->name, path);
	}
	const char *why = NULL;
	const Macro *m = load(M, path, at, span, &why);
	if (!m) {
		placeholder(M, f, s, arena_sprintf(M->a, "macro '%s': %s", path, why));
		return false;
	}
	s->subflow = m->flow;
	AstProp *mode = ast_prop_new(M->doc, "macro_mode", m->mode);
	mode->key = SET_MACRO_MODE;
	mode->loc = at;
	ast_push(M->doc, &s->props, mode);
	bool batch = strcmp(m->mode, "batch") == 0;
	if (batch || strcmp(m->mode, "iterative") == 0) {
		Diag d = {.code = batch ? W_AYX_MACRO_BATCH : W_AYX_MACRO_ITERATIVE, .loc = at, .span = span};
		const char *why_kind = batch ? "a batch macro: it runs once per control row, with the row's "
					       "values as its control parameters, and unions the runs"
					     : "an iterative macro: it loops its iteration output back into its "
					       "iteration input until a condition or the maximum number of "
					       "iterations";
		diag_emit(M->sink, &d, "macro instance %s ('%s') is %s; kept as a placeholder", s->name, path,
			  why_kind);
		placeholder(M, f, s, why_kind);
		return false;
	}
	splice(M, fo, f, s, m, out, at, span);
	return true;
}

/* Expand the macro instances of `f`, whose file is in `dir`. */
static void expand_flow(Mx *M, AstFolder *fo, AstFlow *f, const char *dir)
{
	PtrVec out = {0};
	for (uint32_t i = 0; i < f->steps.len; i++) {
		AstStep *s = f->steps.items[i];
		bool stock = ast_props_find_name(&s->props, "stock_macro") != NULL;
		if ((s->kind != STEP_SUBFLOW && !stock) || M->failed || !expand_instance(M, fo, f, s, dir, &out))
			ast_push(M->doc, &out, s);
	}
	f->steps = out;
}

void ayx_expand_macros(Arena *a, AstDoc *doc, const SrcFile *src, const FrontendOptions *opts, DiagSink *sink)
{
	Mx M = {.a = a, .doc = doc, .sink = sink, .opts = opts};
	strmap_init(&M.files, a, false);
	char buf[PATH_MAX];
	Macro *top = ARENA_NEW(a, Macro);
	top->path = src->path;
	top->busy = true;
	strmap_put(&M.files, realpath(src->path, buf) ? arena_strdup(a, buf) : src->path, top);
	M.chain[M.depth++] = src->path;
	const char *dir = dir_of(a, src->path);
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		AstFolder *fo = doc->folders.items[i];
		for (uint32_t k = 0; k < fo->flows.len; k++)
			expand_flow(&M, fo, fo->flows.items[k], dir);
	}
}

AstDoc *ayx_read_workflow(Arena *a, const SrcFile *src, const FrontendOptions *opts, DiagSink *sink)
{
	AstDoc *doc = ayx_read_document(a, src, sink);
	if (doc) {
		ayx_expand_macros(a, doc, src, opts, sink);
		ayx_macro_alone(a, doc); /* alteryx_alone.c */
	}
	return doc;
}
