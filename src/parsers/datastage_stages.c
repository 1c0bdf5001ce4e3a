/* datastage_stages.c - what the settings of DataStage's source, target
 * and row-wise stages mean, in neutral settings and ports (src/parsers;
 * called for each stage of a job by datastage_flow.c, after its links
 * have their columns at both ends).
 *
 * The builder (datastage.c) keeps every stage property as written; here
 * the documented ones become what the shared lowering reads:
 *  - connectors (Oracle, DB2, ODBC, Netezza, Teradata, JDBC, SQL Server:
 *    "Connectivity Guide for Oracle Databases" and the other connector
 *    guides, Usage properties): Generate SQL with Table name reads the
 *    table, else the Select statement; Write mode and Table action as
 *    SET_ROW_TREATMENT and SET_TRUNCATE; Before/After SQL (already keyed);
 *  - Sequential File, Data Set, File Set, Lookup File Set (Parallel Job
 *    Developer's Guide, "Sequential File stage: Format tab"): the record
 *    format (APTRecordProp: delimiter, quote, record delimiter, null field
 *    value) and "First line is column names" as the file table's
 *    file_settings; File update mode Overwrite (the default) as truncate;
 *  - Filter (where clauses in link order, "Output rows only once", the
 *    reject link), Head, Tail, Sample, Peek, Modify (its specification),
 *    Switch, Column Generator and Row Generator: docs/rules.md, "DataStage
 *    stages".
 */
#include "parsers/datastage.h"
#include "base/sbuf.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_ident_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static bool kind_is(const AstStep *s, const char *k)
{
	return s->orig_kind && strcmp(s->orig_kind, k) == 0;
}

/* The prop named `name`, or ending in ".<name>" (a per-link property). */
static AstProp *prop_any(const AstStep *s, const char *name)
{
	size_t n = strlen(name);
	for (uint32_t i = 0; i < s->props.len; i++) {
		AstProp *p = s->props.items[i];
		size_t l = strlen(p->name);
		if (strcmp(p->name, name) == 0 || (l > n && p->name[l - n - 1] == '.' && strcmp(p->name + l - n, name) == 0))
			return p;
	}
	return NULL;
}

static AstProp *add_prop(AstDoc *d, PtrVec *v, const char *name, const char *value, Setting key, SrcLoc loc)
{
	AstProp *p = ast_prop_new(d, name, value);
	p->key = key;
	p->loc = loc;
	ast_push(d, v, p);
	return p;
}

static const char *first_input(const AstStep *s)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_INPUT)
			return g->name;
	}
	return NULL;
}

static unsigned count_groups(const AstStep *s, GroupKind k)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < s->groups.len; i++)
		n += ((const AstGroup *)s->groups.items[i])->kind == k;
	return n;
}

/* ---- connectors ------------------------------------------------------------------ */

/* Write mode (Usage/WriteMode) as the connector writes its code: the order
 * of the property's list in the connector guides ("Insert", "Update",
 * "Delete", "Insert then update", "Update then insert", "Delete then
 * insert"); later codes (PL/SQL, bulk load, user-defined SQL, insert new
 * rows only) differ between connectors and versions and are not converted. */
static const struct {
	const char *code;
	SettingValue norm;
	const char *what;
} write_modes[] = {
    {"0", VAL_INSERT, "insert"},
    {"1", VAL_UPDATE, "update"},
    {"2", VAL_DELETE, "delete"},
    {"3", VAL_UPSERT, "insert then update"},
    {"4", VAL_UPSERT, "update then insert"},
    {"5", VAL_REPLACE, "delete then insert"},
};

static void connector(AstDoc *d, DiagSink *sink, AstStep *s)
{
	const AstProp *gen = prop_any(s, "XMLProperties/Usage/GenerateSQL");
	const AstProp *table = ast_props_find(&s->props, SET_TABLE_NAME);
	if (gen && strcmp(gen->value, "1") == 0 && table) {
		/* Generate SQL at run time: the table is read (or written) and a
		 * Select statement left in the properties is not used */
		for (uint32_t i = 0; i < s->props.len; i++) {
			AstProp *p = s->props.items[i];
			if (p->key == SET_SQL_QUERY)
				p->key = SET_NONE;
		}
		if (s->kind == STEP_SOURCE_QUERY)
			s->kind = STEP_SOURCE;
	}
	if (s->kind != STEP_TARGET)
		return;
	const AstProp *wm = prop_any(s, "XMLProperties/Usage/WriteMode");
	if (wm) {
		size_t k = 0;
		while (k < sizeof write_modes / sizeof *write_modes && strcmp(write_modes[k].code, wm->value) != 0)
			k++;
		if (k < sizeof write_modes / sizeof *write_modes) {
			AstProp *p = add_prop(d, &s->props, "row_treatment", write_modes[k].what, SET_ROW_TREATMENT, wm->loc);
			p->norm = write_modes[k].norm;
		} else {
			diag_warning(sink, W_DS_WRITE_MODE, wm->loc,
				     "target '%s' has write mode %s, which is not converted: its rows are inserted",
				     s->name, wm->value);
		}
	}
	for (uint32_t i = 0; i < s->props.len; i++) {
		AstProp *p = s->props.items[i];
		if (p->key == SET_SQL_QUERY && (!gen || strcmp(gen->value, "1") != 0)) {
			diag_warning(sink, W_DS_WRITE_MODE, p->loc,
				     "target '%s' writes with its own SQL statement ('%s'), which is kept as a "
				     "property and not converted: the rows are written by its write mode",
				     s->name, p->name);
			break;
		}
	}
	/* Table action (Usage/TableAction): Append, Create, Replace, Truncate */
	const AstProp *ta = prop_any(s, "XMLProperties/Usage/TableAction");
	if (ta && (strcmp(ta->value, "2") == 0 || strcmp(ta->value, "3") == 0))
		add_prop(d, &s->props, "truncate_target", "yes", SET_TRUNCATE, ta->loc);
}

/* ---- files ------------------------------------------------------------------------- */

/* The record format (APTRecordProp, "delim=',', quote=double,
 * final_delim=end, record_delim='\n', null_field='NULL'") as file settings
 * with neutral names. */
static void record_format(AstDoc *d, AstTable *t, const char *v, SrcLoc loc)
{
	static const struct {
		const char *key, *name;
	} keys[] = {{"delim", "delimiter"},         {"quote", "quote"},
		    {"record_delim", "record_delimiter"}, {"final_delim", "final_delimiter"},
		    {"null_field", "null_field_value"},   {"padchar", "pad_character"}};
	for (const char *c = v; *c;) {
		while (*c == ' ' || *c == ',')
			c++;
		const char *eq = strchr(c, '=');
		if (!eq)
			break;
		const char *val = eq + 1, *end;
		char *value;
		if (*val == '\'') {
			end = strchr(val + 1, '\'');
			if (!end)
				break;
			value = arena_strndup(d->arena, val + 1, (size_t)(end - val - 1));
			end++;
		} else {
			end = val + strcspn(val, ",");
			value = arena_strndup(d->arena, val, (size_t)(end - val));
		}
		char *key = arena_strndup(d->arena, c, (size_t)(eq - c));
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (strcmp(key, keys[k].key) == 0)
				add_prop(d, &t->file_settings, keys[k].name, value, SET_NONE, loc);
		c = end;
	}
}

static void file_stage(AstDoc *d, AstStep *s)
{
	if (!s->table)
		return;
	for (uint32_t i = 0; i < s->groups.len; i++) {
		const AstGroup *g = s->groups.items[i];
		const AstProp *f = ast_props_find_name(&g->props, "MetaBag.APTRecordProp");
		if (!f)
			f = ast_props_find_name(&g->props, "APTRecordProp");
		if (f)
			record_format(d, s->table, f->value, f->loc);
	}
	const AstProp *rp = prop_any(s, "APTRecordProp");
	if (rp)
		record_format(d, s->table, rp->value, rp->loc);
	const AstProp *h = prop_any(s, "firstLineColumnNames");
	if (h)
		add_prop(d, &s->table->file_settings, "header",
			 strcmp(str_trim(str_from(h->value)).len ? h->value : "", "") != 0 ? "yes" : "no", SET_NONE,
			 h->loc);
	/* File update mode / Update policy: Overwrite unless Append is chosen */
	if (s->kind == STEP_TARGET) {
		bool append = false;
		for (uint32_t i = 0; i < s->props.len; i++) {
			const AstProp *p = s->props.items[i];
			append |= strstr(p->name, "append") && strcmp(p->value, "append") == 0;
		}
		if (!append)
			add_prop(d, &s->props, "truncate_target", "yes", SET_TRUNCATE, s->loc); /* Overwrite */
	}
}

/* ---- Filter, Head, Tail, Sample, Peek --------------------------------------------- */

/* A condition that is NULL sends the row nowhere (no where clause or case
 * holds for it): SET_ROW_ERROR skip on each output group. */
static void null_is_false(AstDoc *d, AstStep *s)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_OUTPUT)
			add_prop(d, &g->props, "row_error", "skip", SET_ROW_ERROR, g->loc)->norm = VAL_SKIP;
	}
}

/* Copy with several outputs: every row down every output link, each link
 * with the columns its mapping names (a router whose groups all hold). */
static void copy_outputs(AstDoc *d, AstStep *s)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_OUTPUT && !g->cond)
			g->cond = ast_expr_new(d, LANG_DATASTAGE, "1 = 1", g->loc);
	}
	AstProp *r = add_prop(d, &s->props, "routing", "every output", SET_ROUTING, s->loc);
	r->norm = VAL_ALL_MATCHES;
	s->kind = STEP_ROUTER;
}

/* The first " and " of `s`, any case. */
static const char *find_and(const char *s)
{
	for (; *s; s++)
		if (strncasecmp(s, " and ", 5) == 0)
			return s;
	return NULL;
}

/* A where clause ("Filter stage: Specifying the filter": columns, string
 * literals in single quotes, =, <>, <, >, <=, >=, and, or, not, "is null",
 * "is not null", "between a and b") in the derivation language, whose
 * expressions have the same operators: "X is [not] null" becomes
 * IsNull(X) / IsNotNull(X), "X between a and b" (X >= a And X <= b). */
static const char *where_text(Arena *a, const char *w)
{
	Sbuf b = SBUF_INIT;
	const char *c = w;
	while (*c) {
		if (*c == '\'') { /* a literal as written */
			const char *e = strchr(c + 1, '\'');
			e = e ? e + 1 : c + strlen(c);
			sbuf_add(&b, c, (size_t)(e - c));
			c = e;
			continue;
		}
		bool start = c == w || !(is_ident_char(c[-1]));
		if (!start || !is_ident_char(*c)) {
			sbuf_addch(&b, *c++);
			continue;
		}
		const char *e = c;
		while (is_ident_char(*e) || *e == '.')
			e++;
		const char *n = e;
		while (*n == ' ')
			n++;
		bool not_ = strncasecmp(n, "is not null", 11) == 0 && !is_ident_char(n[11]);
		bool null_ = strncasecmp(n, "is null", 7) == 0 && !is_ident_char(n[7]);
		if (not_ || null_) {
			sbuf_addf(&b, "%s(%.*s)", not_ ? "IsNotNull" : "IsNull", (int)(e - c), c);
			c = n + (not_ ? 11 : 7);
			continue;
		}
		if (strncasecmp(n, "between ", 8) == 0) {
			const char *lo = n + 8, *and_ = find_and(lo);
			if (and_) {
				const char *hi = and_ + 5, *he = hi;
				while (*he && *he != ' ' && *he != ')')
					he++;
				sbuf_addf(&b, "(%.*s >= %.*s And %.*s <= %.*s)", (int)(e - c), c, (int)(and_ - lo), lo,
					  (int)(e - c), c, (int)(he - hi), hi);
				c = he;
				continue;
			}
		}
		sbuf_add(&b, c, (size_t)(e - c));
		c = e;
	}
	const char *r = arena_strdup(a, b.buf);
	sbuf_release(&b);
	return r;
}

/* A Filter's where clauses are its links' conditions (datastage.c); one
 * output without a reject link is a filter, anything else a router whose
 * reject link takes the rows no where clause accepted. */
static void filter(AstDoc *d, DiagSink *sink, AstStep *s)
{
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->cond && g->cond->lang == LANG_DATASTAGE_WHERE)
			g->cond = ast_expr_new(d, LANG_DATASTAGE, where_text(d->arena, g->cond->text), g->cond->loc);
	}
	const AstProp *nulls = ast_props_find_name(&s->props, "nulls");
	diag_warning(sink, W_DS_FILTER_NULLS, s->loc,
		     "Filter '%s' compares NULL as %s every value; the SQL's comparisons with NULL are unknown",
		     s->name, nulls && strstr(nulls->value, "greater") ? "greater than" : "less than");
	if (count_groups(s, GROUP_DEFAULT) || count_groups(s, GROUP_OUTPUT) != 1) {
		s->kind = STEP_ROUTER;
		null_is_false(d, s);
		return;
	}
	for (uint32_t i = 0; i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (g->kind == GROUP_OUTPUT && g->cond) {
			AstProp *p = add_prop(d, &s->props, "where", g->cond->text, SET_FILTER_CONDITION, g->loc);
			p->expr = g->cond;
			g->cond = NULL;
		}
	}
	s->kind = STEP_FILTER;
}

/* Head ("Rows/All Rows", "Rows/Number of Rows (per Partition)", default
 * 10), Tail ("Number of Rows (per Partition)", default 10): the first or
 * last N rows. */
static void head_tail(AstDoc *d, DiagSink *sink, AstStep *s, bool head)
{
	const AstProp *all = prop_any(s, "all");
	if (head && all && (strcmp(all->value, "all") == 0 || strcmp(all->value, "True") == 0)) {
		s->kind = STEP_SELECT; /* every row */
		return;
	}
	const AstProp *n = prop_any(s, "nrecs");
	AstProp *m = add_prop(d, &s->props, "sample_mode", head ? "first" : "last", SET_SAMPLE_MODE, s->loc);
	m->norm = head ? VAL_FIRST : VAL_LAST;
	add_prop(d, &s->props, "sample_rows", n ? n->value : "10", SET_SAMPLE_ROWS, n ? n->loc : s->loc);
	diag_warning(sink, W_DS_PARTITION, s->loc, "%s '%s' keeps the %s %s rows of each partition", head ? "Head" : "Tail",
		     s->name, head ? "first" : "last", n ? n->value : "10");
}

/* Sample: percent mode (a percentage per output link) or period mode
 * (every Nth row, "Period (per Partition)"). */
static void sample(AstDoc *d, AstStep *s)
{
	const AstProp *mode = prop_any(s, "mode");
	const AstProp *period = prop_any(s, "period");
	const AstProp *pct = prop_any(s, "percent");
	if ((mode && strcmp(mode->value, "period") == 0) || (!mode && period)) {
		AstProp *m = add_prop(d, &s->props, "sample_mode", "every_nth", SET_SAMPLE_MODE, s->loc);
		m->norm = VAL_EVERY_NTH;
		add_prop(d, &s->props, "sample_rows", period ? period->value : "1", SET_SAMPLE_ROWS, s->loc);
	} else if (pct) {
		add_prop(d, &s->props, "sample_percent", pct->value, SET_SAMPLE_PERCENT, pct->loc);
	}
}

/* Peek: its rows go to the job log; an output link passes them on. */
static void peek(DiagSink *sink, AstStep *s)
{
	if (count_groups(s, GROUP_OUTPUT)) {
		s->kind = STEP_SELECT;
		return;
	}
	s->kind = STEP_ANNOTATION;
	diag_note(sink, N_DS_PEEK, s->loc, "Peek '%s' only writes rows to the job log: it is dropped", s->name);
}

/* ---- Modify -------------------------------------------------------------------------- */

/* Explicit conversion functions of the Modify specification (IBM, "Modify
 * stage: Options category" and "Specifying a conversion"): the
 * derivation-language function computing the same value.  `fmt` says the
 * [format] argument is passed as the second argument; `arg` that the
 * function's own argument (handle_null's value) is. */
static const struct {
	const char *name, *func;
	bool fmt, arg;
} conversions[] = {
    {"handle_null", "NullToValue", false, true},
    {"date_from_string", "StringToDate", true, false},
    {"string_from_date", "DateToString", true, false},
    {"timestamp_from_string", "StringToTimestamp", true, false},
    {"string_from_timestamp", "TimestampToString", true, false},
    {"time_from_string", "StringToTime", true, false},
    {"string_from_time", "TimeToString", true, false},
    {"decimal_from_string", "StringToDecimal", false, false},
    {"string_from_decimal", "DecimalToString", false, false},
    {"uppercase_string", "UpCase", false, false},
    {"lowercase_string", "DownCase", false, false},
};

static char *trimmed(Arena *a, const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ';'))
		e--;
	return arena_strndup(a, b, (size_t)(e - b));
}

static bool is_ident(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* The derivation of `rhs` ("col", "f(col)", "f[fmt](col)", "f(col, v)")
 * reading link `link`, or NULL when it is no conversion this table knows. */
static const char *modify_rhs(Arena *a, const char *link, const char *rhs)
{
	if (is_ident(rhs))
		return arena_sprintf(a, "%s.%s", link, rhs);
	const char *br = strchr(rhs, '['), *par = strchr(rhs, '(');
	if (!par || rhs[strlen(rhs) - 1] != ')')
		return NULL;
	const char *ne = br && br < par ? br : par;
	char *fn = trimmed(a, rhs, ne);
	char *fmt = NULL;
	if (br && br < par) {
		const char *be = strchr(br, ']');
		if (!be || be > par)
			return NULL;
		fmt = trimmed(a, br + 1, be);
	}
	char *args = trimmed(a, par + 1, rhs + strlen(rhs) - 1);
	char *comma = strchr(args, ',');
	char *col = comma ? trimmed(a, args, comma) : args;
	char *extra = comma ? trimmed(a, comma + 1, args + strlen(args)) : NULL;
	if (!is_ident(col))
		return NULL;
	for (size_t k = 0; k < sizeof conversions / sizeof *conversions; k++) {
		if (strcmp(fn, conversions[k].name) != 0)
			continue;
		if (conversions[k].arg != (extra != NULL) || (fmt && !conversions[k].fmt))
			return NULL;
		if (extra) /* a string value: quoted as the derivation language writes it */
			return arena_sprintf(a, "%s(%s.%s, %s)", conversions[k].func, link, col,
					     extra[0] == '\'' ? arena_sprintf(a, "\"%s\"", trimmed(a, extra + 1, extra + strlen(extra) - 1))
							      : extra);
		if (fmt)
			return arena_sprintf(a, "%s(%s.%s, \"%s\")", conversions[k].func, link, col, fmt);
		return arena_sprintf(a, "%s(%s.%s)", conversions[k].func, link, col);
	}
	/* a type conversion ("int32_from_decimal", "string_from_int32"...):
	 * the column, converted to the output column's type */
	if (strstr(fn, "_from_") && !fmt && !extra)
		return arena_sprintf(a, "%s.%s", link, col);
	return NULL;
}

/* Modify: each `specification` in order.  DROP and KEEP decide which
 * columns pass (the output link lists them); "new[:type] = conversion"
 * gives output column `new` its derivation.  An output column no
 * specification names copies the input column of its name. */
static void modify(AstDoc *d, DiagSink *sink, AstStep *s)
{
	Arena *a = d->arena;
	const char *link = first_input(s);
	if (!link)
		return;
	for (uint32_t i = 0; i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		if (strcmp(p->name, "specification") != 0)
			continue;
		const char *v = p->value;
		Str t = str_trim(str_from(v));
		if (str_istarts_with(t, "DROP ") || str_istarts_with(t, "KEEP "))
			continue;
		const char *eq = strchr(v, '=');
		const char *rhs_sql = NULL;
		char *lhs = NULL;
		if (eq) {
			lhs = trimmed(a, v, eq);
			char *colon = strchr(lhs, ':');
			if (colon)
				*colon = '\0';
			lhs = trimmed(a, lhs, lhs + strlen(lhs));
			rhs_sql = modify_rhs(a, link, trimmed(a, eq + 1, v + strlen(v)));
		}
		AstPort *out = NULL;
		for (uint32_t k = 0; lhs && k < s->ports.len && !out; k++) {
			AstPort *q = s->ports.items[k];
			if ((q->dir & (PORT_OUT | PORT_IN)) == PORT_OUT && strcmp(q->name, lhs) == 0)
				out = q;
		}
		if (!rhs_sql || !out) {
			diag_warning(sink, W_DS_MODIFY, p->loc, "Modify '%s': specification '%s' is not converted",
				     s->name, v);
			s->review = arena_sprintf(a, "the Modify specification '%s' is not converted", v);
			continue;
		}
		out->expr = ast_expr_new(d, LANG_DATASTAGE, rhs_sql, p->loc);
		out->ref = NULL;
	}
	s->kind = STEP_EXPRESSION;
}

/* ---- Switch -------------------------------------------------------------------------- */

/* Switch (IBM, "Switch stage: Properties"): Selector the column,
 * User-defined mapping "case" items "value = link number", "If not found"
 * reject (Output), drop or fail.  A row goes to the link of the first case
 * its selector equals; the reject link takes the others. */
static void switch_stage(AstDoc *d, DiagSink *sink, AstStep *s)
{
	Arena *a = d->arena;
	const AstProp *sel = prop_any(s, "selector");
	const AstPort *sp = NULL;
	for (uint32_t i = 0; sel && i < s->ports.len && !sp; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & PORT_IN) && strcmp(p->name, sel->value) == 0)
			sp = p;
	}
	unsigned cases = 0;
	for (uint32_t i = 0; sp && i < s->props.len; i++) {
		const AstProp *p = s->props.items[i];
		const char *eq = strchr(p->value, '=');
		if (strcmp(p->name, "case") != 0 || !eq)
			continue;
		char *val = trimmed(a, p->value, eq);
		int link = atoi(eq + 1);
		for (uint32_t k = 0; k < s->groups.len; k++) {
			AstGroup *g = s->groups.items[k];
			if (g->kind != GROUP_OUTPUT || g->order != link || g->cond)
				continue;
			bool str = sp->type.kind == TY_STRING;
			g->cond = ast_expr_new(d, LANG_DATASTAGE_WHERE,
					       arena_sprintf(a, str ? "%s = '%s'" : "%s = %s", sp->name, val), p->loc);
			cases++;
		}
	}
	if (!cases) {
		diag_warning(sink, W_DS_STAGE_REVIEW, s->loc, "Switch '%s': its selector or cases are not converted",
			     s->name);
		s->review = "the Switch stage's selector or cases are not converted";
		return;
	}
	for (uint32_t k = 0; k < s->groups.len; k++) {
		AstGroup *g = s->groups.items[k];
		if (g->kind == GROUP_ERROR)
			g->kind = GROUP_DEFAULT;
	}
	AstProp *r = add_prop(d, &s->props, "routing", "first case", SET_ROUTING, s->loc);
	r->norm = VAL_FIRST_MATCH;
	null_is_false(d, s);
}

/* ---- generators ------------------------------------------------------------------ */

/* Column Generator: the output columns its input has pass on; the columns
 * it generates (by the column's generator properties: cycle, random,
 * alphabet) are not converted. */
static void column_generator(DiagSink *sink, AstStep *s)
{
	for (uint32_t i = 0; i < s->ports.len; i++) {
		const AstPort *p = s->ports.items[i];
		if ((p->dir & (PORT_OUT | PORT_IN)) == PORT_OUT && !p->ref && !p->expr) {
			diag_warning(sink, W_DS_STAGE_REVIEW, s->loc,
				     "Column Generator '%s': the values of generated column '%s' are not converted",
				     s->name, p->name);
			s->review = "the Column Generator's generated columns are not converted";
			return;
		}
	}
	s->kind = STEP_SELECT;
}

void ds_stage_settings(AstDoc *d, DiagSink *sink, AstStep *s)
{
	if (prop_any(s, "XMLProperties/Usage/WriteMode") || prop_any(s, "XMLProperties/Usage/GenerateSQL") ||
	    ast_props_find(&s->props, SET_TABLE_NAME))
		connector(d, sink, s);
	if (kind_is(s, "PxSequentialFile") || kind_is(s, "PxDataSet") || kind_is(s, "PxFileSet") ||
	    kind_is(s, "PxLookupFileSet") || kind_is(s, "CSeqFileStage"))
		file_stage(d, s);
	else if (kind_is(s, "PxFilter"))
		filter(d, sink, s);
	else if (kind_is(s, "PxHead") || kind_is(s, "PxTail"))
		head_tail(d, sink, s, kind_is(s, "PxHead"));
	else if (kind_is(s, "PxSample"))
		sample(d, s);
	else if (kind_is(s, "PxPeek"))
		peek(sink, s);
	else if (kind_is(s, "PxModify"))
		modify(d, sink, s);
	else if (kind_is(s, "PxSwitch"))
		switch_stage(d, sink, s);
	else if (kind_is(s, "PxColumnGenerator"))
		column_generator(sink, s);
	else if (kind_is(s, "PxCopy") && count_groups(s, GROUP_OUTPUT) > 1)
		copy_outputs(d, s);
}
