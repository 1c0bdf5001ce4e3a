/* alteryx_parse.c - the Alteryx Parse and Transform tools that split or
 * match text, and Tile (src/parsers; rows of alteryx_tools.c's table).
 *
 * Each reader turns the tool's settings into output ports whose values are
 * formula expressions the frontend writes (synthesized, in the Alteryx
 * formula language, so that the one translator types them, translates the
 * patterns and diagnoses them), or into a port that splits its field into
 * rows (SET_SPLIT_ROWS, src/rules/lower_rows.c).  What a setting asks that
 * SQL cannot do the same way sends the tool to review with the reason.
 */
#include "parsers/alteryx.h"
#include "base/sbuf.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>

#define EACH_CHILD(parent, tag, var)                                                             \
	for (const xmlNode *var = (parent) ? xml_first(parent) : NULL; var; var = xml_next(var)) \
		if (xml_is(var, tag))

static const char *nz(const char *s)
{
	return s ? s : "";
}

static bool is_true(const char *v)
{
	return v && strcmp(v, "True") == 0;
}

/* `text` as an Alteryx string literal.  A literal has no escapes (a
 * backslash is itself), so each run of characters is quoted with the quote
 * it does not hold, the runs joined by +. */
static const char *quoted(Ayx *A, const char *text)
{
	Sbuf b = SBUF_INIT;
	char q = 0;
	for (const char *c = text; *c; c++) {
		if (!q || *c == q) {
			if (q)
				sbuf_adds(&b, (char[]){q, ' ', '+', ' ', 0});
			q = *c == '"' ? '\'' : '"';
			sbuf_addch(&b, q);
		}
		sbuf_addch(&b, *c);
	}
	if (!q)
		sbuf_adds(&b, "\"\"");
	else
		sbuf_addch(&b, q);
	const char *r = ayx_str(A, b.buf);
	sbuf_release(&b);
	return r;
}

/* A new output port computed by synthesized formula text `x`. */
static AstPort *formula_port(Ayx *A, AstStep *s, const char *name, const char *x, const xmlNode *at)
{
	AstPort *p = ayx_port(A, s, "Output", name, at);
	p->expr = ast_expr_new(A->doc, LANG_ALTERYX, ayx_str(A, x), ayx_loc(A, at));
	p->expr->synthesized = true;
	return p;
}

/* The port that splits `field` into rows by the Boost pattern `re`:
 * VAL_PIECES (the pieces between matches) or VAL_MATCHES. */
static void split_port(Ayx *A, AstStep *s, const char *field, const char *re, SettingValue how, bool icase,
		       bool skip_empty, const xmlNode *at)
{
	AstPort *p = formula_port(A, s, field, arena_sprintf(A->a, "[%s]", field), at);
	p->ref = ayx_str(A, field);
	AstProp *sp = ast_prop_new(A->doc, how == VAL_PIECES ? "pieces" : "matches", ayx_str(A, re));
	sp->key = SET_SPLIT_ROWS;
	sp->norm = how;
	sp->loc = ayx_loc(A, at);
	ast_push(A->doc, &p->props, sp);
	if (icase)
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "case_insensitive", "True"));
	if (skip_empty)
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "skip_empty", "True"));
}

/* A setting Alteryx reports at run time and SQL cannot: a located warning. */
static void warn_at(Ayx *A, DiagCode code, const xmlNode *at, const char *fmt, const char *arg)
{
	Diag d = {.code = code, .loc = ayx_loc(A, at), .span = 1};
	diag_emit(A->sink, &d, fmt, arg);
}

/* The number of columns of a split to columns (NumFields) and what its
 * extra parts do (ErrorHandling: Last, Warn, Ignore, Error): 0, with the
 * step sent to review, when there is no number or the parts are an error
 * (the run would stop on such a value); a run-time warning is W1141.
 * `tool` and `parts` name them in the messages. */
static long split_columns(Ayx *A, AstStep *s, const xmlNode *nf, const xmlNode *ehn, const char *tool,
			  const char *parts)
{
	const char *eh = nz(ayx_value(ehn));
	long n = nf ? strtol(ayx_value(nf), NULL, 10) : 0;
	if (n < 1 || n > 1000) {
		s->review = arena_sprintf(A->a, "the %s has no number of columns", tool);
		return 0;
	}
	if (strcmp(eh, "Error") == 0) {
		s->review = arena_sprintf(A->a, "the %s with Error for extra %s is not converted: the run would stop on a "
						"value with more %s",
					  tool, parts, parts);
		return 0;
	}
	if (strcmp(eh, "Warn") == 0)
		warn_at(A, W_AYX_SPLIT_EXTRA, ehn, "%s",
			arena_sprintf(A->a, "tool %s: %s past the last column are dropped without Alteryx's warning",
				      s->name, parts));
	return n;
}

/* ---- RegEx ------------------------------------------------------------------------- */

/* <Field>F</Field> <RegExExpression value="(\d+)"/> <CaseInsensitve
 * value="True"/> <Method>Replace | ParseSimple | ParseComplex | Match
 * </Method> <Replace expression="$1"><CopyUnmatched value="True"/>
 * </Replace> <ParseSimple><SplitToRows value="False"/><RootName>F
 * </RootName><NumFields value="3"/><ErrorHandling>Warn</ErrorHandling>
 * </ParseSimple> <ParseComplex><Field field="Name" type="V_String"
 * size="20"/>...</ParseComplex> <Match><Field>F_Matched</Field>
 * <ErrorUnmatched value="False"/></Match>
 *
 * "RegEx Tool" (https://help.alteryx.com/current/en/designer/tools/parse/regex-tool.html):
 * "Case Insensitive: selected by default"; the output methods
 * - Replace: "replace the expression you searched for with a second
 *   expression" (its marked groups as $1...), in the field itself; with
 *   "Copy Unmatched Text to Output" off only the replaced text would
 *   remain: not converted (review);
 * - Tokenize (ParseSimple): "split the incoming data using a regular
 *   expression ... matches what you want to keep ... if there are marked
 *   groups, only that part is returned"; Split to columns: "Number of
 *   Columns", the columns "named as the root name with a serially
 *   increasing integer appended", extra tokens dropped (with a run-time
 *   warning: W1141) or an error (not converted: review); Split to rows;
 * - Parse (ParseComplex): "separate the expression into new columns ...
 *   a new column for each marked group", of the Name and Type set; the
 *   first match is parsed (NULL columns when none);
 * - Match: "append a column containing 1 if the expression matched, 0 if
 *   it did not" (a Bool, the whole value must match, as REGEX_Match);
 *   "Error if not matched" is not converted (review). */
void ayx_read_regex(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *field = ayx_child_value(cfg, "Field"), *method = nz(ayx_child_value(cfg, "Method"));
	const xmlNode *rx = xml_child(cfg, "RegExExpression");
	const xmlNode *ci = xml_child(cfg, "CaseInsensitve");
	if (!ci)
		ci = xml_child(cfg, "CaseInsensitive");
	const char *re = rx ? ayx_value(rx) : NULL;
	bool icase = ci ? is_true(ayx_value(ci)) : true;
	if (!field || !*field || !re) {
		s->review = "the RegEx tool names no field or no regular expression";
		return;
	}
	ayx_prop(A, s, "RegExExpression", re, SET_NONE, rx);
	const char *f = arena_sprintf(A->a, "[%s]", field), *pat = quoted(A, re);
	const char *ic = icase ? "1" : "0";
	if (strcmp(method, "Replace") == 0) {
		const xmlNode *r = xml_child(cfg, "Replace");
		const xmlNode *cu = r ? xml_child(r, "CopyUnmatched") : NULL;
		if (cu && !is_true(ayx_value(cu))) {
			s->review = "the RegEx tool's Replace without 'Copy Unmatched Text to Output' is not converted";
			return;
		}
		const char *with = r ? nz(xml_attr(r, "expression")) : "";
		formula_port(A, s, field, arena_sprintf(A->a, "REGEX_Replace(%s, %s, %s, %s)", f, pat, quoted(A, with), ic),
			     r ? r : cfg);
	} else if (strcmp(method, "Match") == 0) {
		const xmlNode *m = xml_child(cfg, "Match");
		const char *name = m ? ayx_child_value(m, "Field") : NULL;
		if (m && is_true(ayx_child_value(m, "ErrorUnmatched"))) {
			s->review = "the RegEx tool's Match with 'Error if not matched' is not converted";
			return;
		}
		AstPort *p = formula_port(A, s, name && *name ? name : arena_sprintf(A->a, "%s_Matched", field),
					  arena_sprintf(A->a, "REGEX_Match(%s, %s, %s)", f, pat, ic), m ? m : cfg);
		p->type = ayx_type(A, "Bool", NULL, NULL);
	} else if (strcmp(method, "ParseComplex") == 0) {
		int k = 0;
		EACH_CHILD(xml_child(cfg, "ParseComplex"), "Field", g)
		{
			const char *name = nz(xml_attr(g, "field"));
			if (strcmp(name, "No Marked Groups Found") == 0)
				break;
			AstPort *p = formula_port(A, s, name,
						  arena_sprintf(A->a, "AKKO_RegexGroup(%s, %s, %d, %s)", f, pat, ++k, ic), g);
			p->type = ayx_type(A, xml_attr(g, "type"), xml_attr(g, "size"), xml_attr(g, "scale"));
		}
		if (!k)
			s->review = "the RegEx tool's Parse has no marked group to output";
	} else if (strcmp(method, "ParseSimple") == 0) {
		const xmlNode *ps = xml_child(cfg, "ParseSimple");
		if (ps && is_true(ayx_child_value(ps, "SplitToRows"))) {
			split_port(A, s, field, re, VAL_MATCHES, icase, false, ps);
			return;
		}
		const char *root = ps ? ayx_child_value(ps, "RootName") : NULL;
		const xmlNode *nf = ps ? xml_child(ps, "NumFields") : NULL;
		long n = split_columns(A, s, nf, ps ? xml_child(ps, "ErrorHandling") : NULL, "RegEx tool's Tokenize", "tokens");
		if (!n)
			return;
		for (long k = 1; k <= n; k++)
			formula_port(A, s, arena_sprintf(A->a, "%s%ld", root && *root ? root : field, k),
				     arena_sprintf(A->a, "AKKO_RegexToken(%s, %s, %ld, %s)", f, pat, k, ic), nf);
	} else
		s->review = arena_sprintf(A->a, "the RegEx tool's output method '%s' is not converted", method);
}

/* ---- Text To Columns ----------------------------------------------------------------- */

/* The delimiters as a Boost bracket expression: "each character is
 * treated independently", "\t" a tab, "\n" a new line, "\s" a space
 * ("Text To Columns Tool", https://help.alteryx.com/2018.4/TextToColumns.htm);
 * "\r" a carriage return and "\\" a backslash likewise. */
static const char *delimiter_class(Ayx *A, const char *d, bool negate)
{
	Sbuf b = SBUF_INIT;
	sbuf_adds(&b, negate ? "[^" : "[");
	for (const char *c = d; *c; c++) {
		char ch = *c;
		if (ch == '\\' && c[1]) {
			c++;
			ch = *c == 't' ? '\t' : *c == 'n' ? '\n' : *c == 'r' ? '\r' : *c == 's' ? ' ' : *c;
		}
		if (ch == '\\' || ch == ']' || ch == '[' || ch == '^' || ch == '-')
			sbuf_addch(&b, '\\');
		sbuf_addch(&b, ch);
	}
	sbuf_addch(&b, ']');
	const char *r = ayx_str(A, b.buf);
	sbuf_release(&b);
	return r;
}

/* <Field>F</Field> <Delimeters value=","/> <NumFields value="3"/>
 * <ErrorHandling>Last | Warn | Ignore | Error</ErrorHandling>
 * <RootName>F</RootName> <Flags value="0"/> ("Text To Columns Tool",
 * https://help.alteryx.com/2018.4/TextToColumns.htm, and
 * https://help.alteryx.com/current/en/designer/tools/parse/text-to-columns-tool.html).
 * Split to columns ("Number of columns ... named as the root name with a
 * serially increasing integer appended"; the file writes RootName and
 * ErrorHandling only in this mode): column k is the k-th piece between
 * delimiters, NULL past the last piece; "Extra characters": Leave extra
 * in last column (Last: the last column holds the rest of the value,
 * delimiters included), Drop extra with warning (Warn, W1141) or without
 * (Ignore), Error (not converted: review).  Split to rows: a row per piece.
 * Advanced options, Flags as a bit set in the order the page lists them:
 * 1 ignore delimiters in quotes, 2 in single quotes, 4 in parentheses, 8
 * in brackets (not converted: review), 16 skip empty columns (consecutive
 * delimiters as one; no empty piece, in rows). */
void ayx_read_text_to_columns(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *field = ayx_child_value(cfg, "Field");
	const xmlNode *dl = xml_child(cfg, "Delimeters");
	if (!dl)
		dl = xml_child(cfg, "Delimiters");
	const char *delims = dl ? ayx_value(dl) : "";
	long flags = strtol(nz(ayx_child_value(cfg, "Flags")), NULL, 10);
	if (!field || !*field || !*delims) {
		s->review = "the Text To Columns tool names no field or no delimiter";
		return;
	}
	if (flags & 15) {
		s->review = "the Text To Columns tool's options to ignore delimiters in quotes, parentheses or "
			    "brackets are not converted";
		return;
	}
	bool skip = flags & 16;
	const char *in = delimiter_class(A, delims, false), *out = delimiter_class(A, delims, true);
	const xmlNode *ehn = xml_child(cfg, "ErrorHandling");
	const char *root = ayx_child_value(cfg, "RootName");
	if (!ehn && !root) {
		split_port(A, s, field, in, VAL_PIECES, false, skip, dl ? dl : cfg);
		return;
	}
	const char *eh = nz(ayx_value(ehn));
	const xmlNode *nf = xml_child(cfg, "NumFields");
	long n = split_columns(A, s, nf, ehn, "Text To Columns tool", "pieces");
	if (!n)
		return;
	/* piece k: the (k-1) pieces and delimiters before it skipped; with
	 * skip empty, runs of delimiters count as one and lead nothing */
	const char *sep = skip ? arena_sprintf(A->a, "%s+", in) : in;
	const char *lead = skip ? arena_sprintf(A->a, "%s*", in) : "";
	const char *piece = skip ? arena_sprintf(A->a, "%s+", out) : arena_sprintf(A->a, "%s*", out);
	const char *f = arena_sprintf(A->a, "[%s]", field);
	for (long k = 1; k <= n; k++) {
		bool rest = k == n && strcmp(eh, "Last") == 0;
		const char *before = k > 1 ? arena_sprintf(A->a, "(?:%s%s){%ld}", piece, sep, k - 1) : "";
		const char *re = arena_sprintf(A->a, "^%s%s(%s)", lead, before, rest ? ".*" : piece);
		AstPort *p = formula_port(A, s, arena_sprintf(A->a, "%s%ld", root && *root ? root : field, k),
					  arena_sprintf(A->a, "AKKO_SplitPiece(%s, %s, 1)", f, quoted(A, re)), nf ? nf : cfg);
		p->type = ayx_type(A, "V_WString", NULL, NULL);
	}
}

/* ---- Tile ------------------------------------------------------------------------------ */

/* An output port the tool adds, marked with the prop `what` the lowering
 * looks for. */
static void tile_port(Ayx *A, AstStep *s, const char *name, const char *what, const xmlNode *at)
{
	AstPort *p = ayx_port(A, s, "Output", name, at);
	p->dir |= PORT_GENERATED;
	p->type = ayx_type(A, "Int32", "4", NULL);
	ast_push(A->doc, &p->props, ast_prop_new(A->doc, what, "True"));
}

/* <Method>EqualRecords | EqualSum | SmartTile | Manual | UniqueValue
 * </Method> <EqualRecords><NumTiles value="4"/><EqualRecordsGroupField/>
 * </EqualRecords> <UniqueValue><UniqueFields><Field field="F"/>
 * </UniqueFields><DontSort value="True"/></UniqueValue> <Manual><Field>F
 * </Field><Cutoffs>10&#xA;20</Cutoffs></Manual> <GroupFields><Field
 * field="G"/></GroupFields> ("Tile Tool",
 * https://help.alteryx.com/current/en/designer/tools/preparation/tile-tool.html,
 * and https://help.alteryx.com/2018.4/Tile.htm): two columns are added,
 * Tile_Num "the assigned tile of the record" and Tile_SequenceNum "the
 * record number of the record's position within the tile", per group of
 * the Group By columns.
 * - Equal Records: "input records are divided into the specified number of
 *   tiles so that each tile is assigned the same amount of records", in
 *   the order they arrive (the first tiles one record larger when the
 *   count does not divide: SQL's ntile); with a field tiles must not split
 *   on: not converted (review);
 * - Unique Value: "for every unique value in a specified field or fields,
 *   a unique tile is assigned", the table sorted by those fields (tiles
 *   numbered in that order) unless "Leave unsorted" (tiles numbered in
 *   the order each value first arrives);
 * - Manual: "the upper limit of each tile": a value up to the first
 *   cutoff is tile 1, up to the second tile 2..., above the last one more;
 * - Equal Sum and Smart Tile: how the tool places the tile boundaries
 *   (the sums' closeness, the standard deviation bands) is not defined
 *   precisely enough to reproduce: not converted (review). */
void ayx_read_tile(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *m = nz(ayx_child_value(cfg, "Method"));
	const xmlNode *mc = xml_child(cfg, m);
	SettingValue how = VAL_NONE;
	const char *value = "";
	if (strcmp(m, "EqualRecords") == 0 && mc) {
		const char *g = ayx_child_value(mc, "EqualRecordsGroupField");
		const xmlNode *n = xml_child(mc, "NumTiles");
		if (g && *g) {
			s->review = arena_sprintf(A->a, "the Tile tool's Equal Records that does not split on field '%s' is not converted", g);
			return;
		}
		how = VAL_EQUAL_ROWS;
		value = n ? ayx_value(n) : "";
	} else if (strcmp(m, "UniqueValue") == 0 && mc) {
		how = is_true(ayx_child_value(mc, "DontSort")) ? VAL_FIRST : VAL_BY_VALUE;
		EACH_CHILD(xml_child(mc, "UniqueFields"), "Field", f)
		{
			AstPort *p = ayx_port(A, s, "Output", nz(xml_attr(f, "field")), f);
			p->dir = PORT_IN;
			p->group = NULL;
			p->role = ROLE_KEY;
		}
	} else if (strcmp(m, "Manual") == 0 && mc) {
		how = VAL_CUTOFFS;
		value = nz(ayx_child_value(mc, "Cutoffs"));
		AstPort *p = ayx_port(A, s, "Output", nz(ayx_child_value(mc, "Field")), mc);
		p->dir = PORT_IN;
		p->group = NULL;
		p->role = ROLE_KEY;
	} else {
		s->review = arena_sprintf(A->a, "the Tile tool's method '%s' is not converted: the documentation does not "
						"define its tile boundaries precisely enough",
					  m);
		return;
	}
	AstProp *tp = ayx_prop(A, s, "Method", value, SET_TILE, mc);
	tp->norm = how;
	EACH_CHILD(xml_child(cfg, "GroupFields"), "Field", f)
	{
		AstPort *p = ayx_port(A, s, "Output", nz(xml_attr(f, "field")), f);
		p->dir = PORT_IN;
		p->group = NULL;
		p->role = ROLE_GROUP_BY;
	}
	tile_port(A, s, "Tile_Num", "tile", cfg);
	tile_port(A, s, "Tile_SequenceNum", "tile_sequence", cfg);
}

/* ---- Find Replace ---------------------------------------------------------------------- */

/* <FieldFind>F</FieldFind> <FieldSearch>S</FieldSearch>
 * <ReplaceFoundField>R</ReplaceFoundField> <FindMode>FindAny | FindBegin |
 * FindWhole</FindMode> <NoCase value="True"/> <MatchWholeWord
 * value="False"/> <ReplaceMode>Replace | Append</ReplaceMode>
 * <ReplaceMultipleFound value="True"/> <ReplaceAppendFields><Field
 * field="A"/></ReplaceAppendFields>; input anchors Targets (the records,
 * "F") and Source (the lookup table, "R").  "Find Replace Tool"
 * (https://help.alteryx.com/current/en/designer/tools/join/find-replace-tool.html;
 * https://help.alteryx.com/2018.4/FindReplace.htm): find, in a field of each
 * record, the text of a field of the lookup table, at the beginning of the
 * field, in any part of it, or as the entire field; "Case insensitive
 * find"; "Match whole word only"; then either "Replace found text with
 * value" (a field of the lookup table) or "Append field(s) to record" (the
 * lookup table's fields).  A record nothing is found in passes unchanged
 * (appended fields NULL).  A join to the lookup table (SET_TEXT_LOOKUP):
 * the find field a key of Targets, the search field one of Source, the
 * replacement a port of Source whose name is the find field (`replace_with`),
 * each appended field a port of Source (`append`).  Text found in any part
 * of the field is replaced wherever it occurs; "Replace multiple found
 * items" ("Find any part of field" only) replaces every term of the table
 * found, one after the other in the table's order (`multiple`), else only
 * the first term found. */
void ayx_read_find_replace(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	const char *find = ayx_child_value(cfg, "FieldFind"), *search = ayx_child_value(cfg, "FieldSearch");
	const char *mode = nz(ayx_child_value(cfg, "FindMode")), *rm = nz(ayx_child_value(cfg, "ReplaceMode"));
	static const struct {
		const char *mode;
		SettingValue v;
	} modes[] = {{"FindWhole", VAL_FIND_WHOLE}, {"FindBegin", VAL_FIND_BEGIN}, {"FindAny", VAL_FIND_ANY}};
	SettingValue how = VAL_NONE;
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
		if (strcmp(mode, modes[i].mode) == 0)
			how = modes[i].v;
	const char *names[2] = {"Targets", "Source"};
	for (int i = 0; i < 2; i++) {
		AstGroup *g = ast_group_new(A->doc, GROUP_INPUT, names[i]);
		g->order = i;
		g->loc = s->loc;
		ast_push(A->doc, &s->groups, g);
	}
	static const char *const kept[] = {"FieldFind", "FieldSearch", "ReplaceFoundField", "ReplaceMode"};
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		if (xml_child(cfg, kept[i]))
			ayx_prop(A, s, kept[i], ayx_child_value(cfg, kept[i]), SET_NONE, xml_child(cfg, kept[i]));
	AstProp *tp = ayx_prop(A, s, "FindMode", mode, SET_TEXT_LOOKUP, xml_child(cfg, "FindMode") ? xml_child(cfg, "FindMode") : cfg);
	tp->norm = how;
	bool append = strcmp(rm, "Append") == 0;
	if (!find || !*find || !search || !*search || how == VAL_NONE || (!append && strcmp(rm, "Replace") != 0)) {
		s->review = arena_sprintf(A->a, "the Find Replace tool's settings are incomplete (find mode '%s', mode '%s')", mode, rm);
		return;
	}
	const char *keys[2] = {find, search};
	for (int i = 0; i < 2; i++) {
		AstPort *p = ast_port_new(A->doc, ayx_str(A, keys[i]));
		p->dir = PORT_IN;
		p->group = names[i];
		p->sort_key = true;
		p->sort_pos = 1;
		p->loc = ayx_loc(A, xml_child(cfg, i ? "FieldSearch" : "FieldFind"));
		ast_push(A->doc, &s->ports, p);
	}
	if (is_true(ayx_child_value(cfg, "NoCase")))
		ast_push(A->doc, &s->props, ast_prop_new(A->doc, "case_insensitive", "True"));
	if (how == VAL_FIND_ANY && !append && is_true(ayx_child_value(cfg, "ReplaceMultipleFound")))
		ast_push(A->doc, &s->props, ast_prop_new(A->doc, "multiple", "True"));
	if (is_true(ayx_child_value(cfg, "MatchWholeWord")))
		ast_push(A->doc, &s->props, ast_prop_new(A->doc, "whole_word", "True"));
	if (!append) {
		const char *with = ayx_child_value(cfg, "ReplaceFoundField");
		AstPort *p = ast_port_new(A->doc, ayx_str(A, find));
		p->dir = PORT_PASS | PORT_OUT;
		p->group = "Source";
		p->ref = ayx_str(A, nz(with));
		p->loc = ayx_loc(A, xml_child(cfg, "ReplaceFoundField"));
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "replace_with", "True"));
		ast_push(A->doc, &s->ports, p);
		return;
	}
	EACH_CHILD(xml_child(cfg, "ReplaceAppendFields"), "Field", f)
	{
		AstPort *p = ast_port_new(A->doc, ayx_str(A, nz(xml_attr(f, "field"))));
		p->dir = PORT_PASS | PORT_OUT;
		p->group = "Source";
		p->ref = p->name;
		p->loc = ayx_loc(A, f);
		ast_push(A->doc, &p->props, ast_prop_new(A->doc, "append", "True"));
		ast_push(A->doc, &s->ports, p);
	}
}

/* ---- Join Multiple --------------------------------------------------------------------- */

/* <JoinByRecPos value="False"/> <JoinFields><JoinInfo connection="#1">
 * <Field field="ID"/></JoinInfo><JoinInfo connection="#2">...</JoinFields>
 * <CartesianMode>Error</CartesianMode> <OutputJoinOnly value="False"/>
 * <SelectConfiguration><Configuration outputConnection="Output">
 * <SelectFields><SelectField field="Input_#1_ID" selected="True"
 * rename="ID"/>...<SelectField field="*Unknown" selected="True"/>
 * ("Join Multiple Tool", https://help.alteryx.com/2018.1/JoinMultiple.htm,
 * https://help.alteryx.com/current/en/designer/tools/join/join-multiple-tool.html):
 * "combines two or more inputs based on a commonality between the input
 * tables.  By default, the tool outputs a full outer join"; "Join by
 * Record Position" or "Join by Specific Fields"; "Only Output Records that
 * Join from All Inputs" makes it an inner join.  The inputs are the
 * anchors #1, #2...; a field is listed with its input's prefix Input_#n_,
 * kept under its own name (a duplicate of an earlier input's field under
 * Input_#n_<name>) unless renamed; *Unknown the rest.  The Cartesian
 * options (a warning or an error past 16 records of a many-to-many join)
 * are run-time checks, not converted (a note in the settings). */
void ayx_read_join_multiple(Ayx *A, AstStep *s, const xmlNode *cfg)
{
	bool by_pos = is_true(ayx_child_value(cfg, "JoinByRecPos"));
	bool inner = is_true(ayx_child_value(cfg, "OutputJoinOnly"));
	AstProp *jt = ayx_prop(A, s, "OutputJoinOnly", inner ? "True" : "False", SET_JOIN_TYPE,
			       xml_child(cfg, "OutputJoinOnly") ? xml_child(cfg, "OutputJoinOnly") : cfg);
	jt->norm = inner ? VAL_INNER : VAL_FULL_OUTER;
	ast_push(A->doc, &s->props, ast_prop_new(A->doc, "numbered_inputs", "Input_#"));
	if (by_pos)
		ast_push(A->doc, &s->props, ast_prop_new(A->doc, "by_position", "True"));
	EACH_CHILD(xml_child(cfg, "JoinFields"), "JoinInfo", j)
	{
		int32_t pos = 0;
		const char *c = ayx_str(A, nz(xml_attr(j, "connection")));
		EACH_CHILD(j, "Field", f)
		{
			AstPort *p = ast_port_new(A->doc, ayx_str(A, nz(xml_attr(f, "field"))));
			p->dir = PORT_IN;
			p->group = c;
			p->sort_key = true;
			p->sort_pos = ++pos;
			p->loc = ayx_loc(A, f);
			ast_push(A->doc, &s->ports, p);
		}
	}
	const xmlNode *sel = xml_child(cfg, "SelectConfiguration");
	const xmlNode *sc = sel ? xml_child(sel, "Configuration") : NULL;
	bool unknown = false;
	EACH_CHILD(sc ? xml_child(sc, "SelectFields") : NULL, "SelectField", f)
	{
		const char *field = nz(xml_attr(f, "field")), *rename = xml_attr(f, "rename");
		const char *seln = xml_attr(f, "selected");
		bool on = !seln || strcmp(seln, "False") != 0;
		SrcLoc at = ayx_loc(A, f);
		if (strcmp(field, "*Unknown") == 0) {
			AstPort *w = ast_port_new(A->doc, "*");
			w->dir = on ? PORT_PASS | PORT_OUT : PORT_PASS;
			w->loc = at;
			ast_push(A->doc, &s->ports, w);
			unknown = true;
			continue;
		}
		const char *hash = strncmp(field, "Input_#", 7) == 0 ? field + 6 : NULL;
		const char *us = hash ? strchr(hash, '_') : NULL;
		if (!us)
			continue;
		bool own = !rename || !*rename;
		AstPort *p = ast_port_new(A->doc, ayx_str(A, own ? us + 1 : rename));
		p->dir = on ? PORT_PASS | PORT_OUT : PORT_PASS;
		p->group = arena_strndup(A->a, hash, (size_t)(us - hash));
		p->ref = ayx_str(A, us + 1);
		p->loc = at;
		if (own)
			ast_push(A->doc, &p->props, ast_prop_new(A->doc, "default_name", "True"));
		ast_push(A->doc, &s->ports, p);
	}
	if (!unknown) {
		AstPort *w = ast_port_new(A->doc, "*");
		w->dir = PORT_PASS | PORT_OUT;
		w->loc = s->loc;
		ast_push(A->doc, &s->ports, w);
	}
	if (sel)
		ast_push(A->doc, &s->extras, ayx_capture(A, sel));
}
