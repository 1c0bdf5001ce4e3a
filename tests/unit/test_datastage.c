/* test_datastage.c - what the DataStage frontend records beyond the dump
 * (src/parsers/datastage*.c): the neutral values of enumerated settings
 * (AstProp.norm is not dumped: a Lookup's failure action, a Join's
 * operator), the language of each expression site (parallel derivations
 * LANG_DATASTAGE, server derivations and sequence triggers
 * LANG_DATASTAGE_BASIC, connector SQL LANG_SQL), each expression's position
 * (the character after the opening quote; column 1 of the line after a
 * multi-line marker), and that the .dsx and XML readers agree on them.
 * Expected values come from IBM's documentation of the stages ("Lookup
 * stage: Lookup Failure", "Join stage: Join Type") and the .dsx format.
 */
#include "ast/ast.h"
#include "parsers/frontend.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Arena arena;

static AstDoc *read_text(const char *name, const char *text, bool xml)
{
	SrcFile *src = ARENA_NEW(&arena, SrcFile);
	srcfile_from_memory(src, name, text, strlen(text));
	DiagSink sink;
	diag_init(&sink, NULL);
	AstDoc *d = xml ? ds_read_xml(&arena, src, &sink) : ds_read_dsx(&arena, src, &sink);
	srcfile_release(src);
	CHECK(d && !diag_errors(&sink), "%s is read without error", name);
	return d;
}

static AstFlow *first_flow(AstDoc *d)
{
	for (uint32_t i = 0; d && i < d->folders.len; i++) {
		AstFolder *f = d->folders.items[i];
		if (f->flows.len)
			return f->flows.items[0];
	}
	return NULL;
}

static AstStep *step(AstFlow *f, const char *name)
{
	for (uint32_t i = 0; f && i < f->steps.len; i++) {
		AstStep *s = f->steps.items[i];
		if (strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

static AstGroup *group(AstStep *s, const char *name)
{
	for (uint32_t i = 0; s && i < s->groups.len; i++) {
		AstGroup *g = s->groups.items[i];
		if (strcmp(g->name, name) == 0)
			return g;
	}
	return NULL;
}

static const char dsx[] =
    "BEGIN HEADER\n   CharacterSet \"CP1252\"\n   ServerVersion \"9.1\"\nEND HEADER\n"
    "BEGIN DSJOB\n   Identifier \"j\"\n"
    "   BEGIN DSRECORD\n      Identifier \"ROOT\"\n      OLEType \"CJobDefn\"\n      Name \"j\"\n"
    "      JobType \"3\"\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S1\"\n      OLEType \"CCustomStage\"\n      Name \"lkp\"\n"
    "      InputPins \"V0S1P1|V0S1P2\"\n      StageType \"PxLookup\"\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S1P1\"\n      OLEType \"CCustomInput\"\n      Name \"ref_a\"\n"
    "      LookupFail \"reject\"\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S1P2\"\n      OLEType \"CCustomInput\"\n      Name \"ref_b\"\n"
    "      LookupFail \"continue\"\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S2\"\n      OLEType \"CCustomStage\"\n      Name \"jn\"\n"
    "      StageType \"PxJoin\"\n      Properties \"CCustomProperty\"\n      BEGIN DSSUBRECORD\n"
    "         Name \"operator\"\n         Value \"fullouterjoin\"\n      END DSSUBRECORD\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S3\"\n      OLEType \"CTransformerStage\"\n      Name \"xfm\"\n"
    "      OutputPins \"V0S3P1\"\n      StageType \"CTransformerStage\"\n   END DSRECORD\n"
    "   BEGIN DSRECORD\n      Identifier \"V0S3P1\"\n      OLEType \"CTrxOutput\"\n      Name \"out\"\n"
    "      Constraint =+=+=+=\nA > 1\n=+=+=+=\n      Columns \"COutputColumn\"\n      BEGIN DSSUBRECORD\n"
    "         Name \"C\"\n         Derivation \"Trim(\\\"x\\\")\"\n      END DSSUBRECORD\n   END DSRECORD\n"
    "END DSJOB\n";

static const char xml[] =
    "<?xml version=\"1.0\"?>\n<DSExport><Header CharacterSet=\"CP1252\"/>\n"
    "<Job Identifier=\"j\"><Record Identifier=\"ROOT\" Type=\"JobDefn\"><Property Name=\"Name\">j</Property>"
    "<Property Name=\"JobType\">3</Property></Record>\n"
    "<Record Identifier=\"V0S1\" Type=\"CustomStage\"><Property Name=\"Name\">lkp</Property>"
    "<Property Name=\"InputPins\">V0S1P1|V0S1P2</Property><Property Name=\"StageType\">PxLookup</Property></Record>\n"
    "<Record Identifier=\"V0S1P1\" Type=\"CustomInput\"><Property Name=\"Name\">ref_a</Property>"
    "<Property Name=\"LookupFail\">reject</Property></Record>\n"
    "<Record Identifier=\"V0S1P2\" Type=\"CustomInput\"><Property Name=\"Name\">ref_b</Property>"
    "<Property Name=\"LookupFail\">continue</Property></Record>\n"
    "<Record Identifier=\"V0S2\" Type=\"CustomStage\"><Property Name=\"Name\">jn</Property>"
    "<Property Name=\"StageType\">PxJoin</Property><Collection Name=\"Properties\" Type=\"CustomProperty\">"
    "<SubRecord><Property Name=\"Name\">operator</Property><Property Name=\"Value\">fullouterjoin</Property>"
    "</SubRecord></Collection></Record>\n"
    "<Record Identifier=\"V0S3\" Type=\"TransformerStage\"><Property Name=\"Name\">xfm</Property>"
    "<Property Name=\"OutputPins\">V0S3P1</Property><Property Name=\"StageType\">CTransformerStage</Property></Record>\n"
    "<Record Identifier=\"V0S3P1\" Type=\"TrxOutput\"><Property Name=\"Name\">out</Property>"
    "<Property Name=\"Constraint\">A &gt; 1</Property><Collection Name=\"Columns\" Type=\"OutputColumn\"><SubRecord>"
    "<Property Name=\"Name\">C</Property><Property Name=\"Derivation\">Trim(\"x\")</Property></SubRecord></Collection>"
    "</Record>\n</Job></DSExport>\n";

static void check_job(AstDoc *d, const char *what)
{
	AstFlow *f = first_flow(d);
	AstStep *lkp = step(f, "lkp"), *jn = step(f, "jn"), *xfm = step(f, "xfm");
	CHECK(lkp && lkp->kind == STEP_LOOKUP, "%s: PxLookup is a lookup", what);
	AstGroup *a = group(lkp, "ref_a"), *b = group(lkp, "ref_b");
	AstProp *pa = a ? ast_props_find(&a->props, SET_LOOKUP_NO_MATCH) : NULL;
	AstProp *pb = b ? ast_props_find(&b->props, SET_LOOKUP_NO_MATCH) : NULL;
	CHECK(pa && pa->norm == VAL_REDIRECT, "%s: LookupFail reject redirects the row", what);
	CHECK(pb && pb->norm == VAL_NULL, "%s: LookupFail continue outputs NULL", what);
	AstProp *op = jn ? ast_props_find(&jn->props, SET_JOIN_TYPE) : NULL;
	CHECK(op && op->norm == VAL_FULL_OUTER, "%s: operator fullouterjoin is a full outer join", what);
	/* a constrained link: the Transformer is a derive step and a router
	 * (datastage_flow.c) */
	AstStep *der = step(f, "xfm/derive");
	AstGroup *out = group(xfm, "out");
	AstPort *cp = der ? ast_ports_find(&der->ports, "akko_c_out") : NULL;
	AstProp *ct = out ? ast_props_find_name(&out->props, "constraint") : NULL;
	CHECK(ct && strcmp(ct->value, "A > 1") == 0 && cp && cp->expr && cp->expr->lang == LANG_DATASTAGE &&
		  strcmp(cp->expr->text, "If (A > 1) Then 1 Else 0") == 0 && out->cond &&
		  strcmp(out->cond->text, "akko_c_out = 1") == 0,
	      "%s: the constraint is DataStage text, computed by the derive step", what);
	AstPort *c = der ? ast_ports_find(&der->ports, "out__C") : NULL;
	CHECK(c && c->expr && c->expr->lang == LANG_DATASTAGE && strcmp(c->expr->text, "Trim(\"x\")") == 0,
	      "%s: the derivation is DataStage text, quotes unescaped", what);
}

static void test_both_syntaxes(void)
{
	AstDoc *d = read_text("t.dsx", dsx, false);
	check_job(d, ".dsx");
	AstStep *xfm = step(first_flow(d), "xfm/derive");
	AstPort *cp = xfm ? ast_ports_find(&xfm->ports, "akko_c_out") : NULL;
	/* positions: a multi-line value starts at column 1 of the next line;
	 * a quoted one after its quote */
	CHECK(cp && cp->expr && cp->expr->loc.col == 1 && cp->expr->loc.line == 55,
	      ".dsx: a multi-line constraint starts at 55:1 (got %u:%u)", cp && cp->expr ? cp->expr->loc.line : 0,
	      cp && cp->expr ? cp->expr->loc.col : 0);
	AstPort *c = xfm ? ast_ports_find(&xfm->ports, "out__C") : NULL;
	CHECK(c && c->expr && c->expr->loc.line == 60 && c->expr->loc.col == 22,
	      ".dsx: a quoted derivation starts after its quote, 60:22 (got %u:%u)",
	      c && c->expr ? c->expr->loc.line : 0, c && c->expr ? c->expr->loc.col : 0);
	check_job(read_text("t.xml", xml, true), "XML");
}

static void test_server_basic(void)
{
	static const char srv[] =
	    "BEGIN HEADER\n   CharacterSet \"CP1252\"\nEND HEADER\nBEGIN DSJOB\n   Identifier \"s\"\n"
	    "   BEGIN DSRECORD\n      Identifier \"ROOT\"\n      OLEType \"CJobDefn\"\n      Name \"s\"\n   END DSRECORD\n"
	    "   BEGIN DSRECORD\n      Identifier \"V0S1\"\n      OLEType \"CTransformerStage\"\n      Name \"t\"\n"
	    "      OutputPins \"V0S1P1\"\n      StageType \"CTransformerStage\"\n   END DSRECORD\n"
	    "   BEGIN DSRECORD\n      Identifier \"V0S1P1\"\n      OLEType \"CTrxOutput\"\n      Name \"o\"\n"
	    "      Columns \"COutputColumn\"\n      BEGIN DSSUBRECORD\n         Name \"C\"\n"
	    "         Derivation \"Oconv(@DATE, \\\"D4\\\")\"\n      END DSSUBRECORD\n   END DSRECORD\nEND DSJOB\n";
	AstDoc *d = read_text("s.dsx", srv, false);
	AstStep *t = step(first_flow(d), "t");
	AstPort *c = t ? ast_ports_find(&t->ports, "C") : NULL;
	CHECK(c && c->expr && c->expr->lang == LANG_DATASTAGE_BASIC,
	      "a server job (no JobType) has BASIC derivations");
}

static void test_escapes(void)
{
	static const char esc[] =
	    "BEGIN HEADER\n   CharacterSet \"CP1251\"\nEND HEADER\nBEGIN DSTABLEDEFS\n   BEGIN DSRECORD\n"
	    "      Identifier \"T\"\n      OLEType \"CMetaTable\"\n"
	    "      Description \"\\(430)\xe1 \\\\ \\\" \\(1F600)\\(D)\\(A)\"\n   END DSRECORD\nEND DSTABLEDEFS\n";
	AstDoc *d = read_text("e.dsx", esc, false);
	AstFolder *f = d && d->folders.len ? d->folders.items[0] : NULL;
	AstTable *t = f && f->tables.len ? f->tables.items[0] : NULL;
	/* U+0430, CP1251 byte E1 = U+0431, a backslash, a quote, U+1F600, CR LF */
	CHECK_STR(t ? t->description : NULL, "\xd0\xb0\xd0\xb1 \\ \" \xf0\x9f\x98\x80\r\n",
		  "escapes and CP1251 bytes decode to UTF-8");
}

/* corpus/datastage/par_filter.dsx: a Filter's where clauses on the output
 * links their `target` names, in the where-clause language; "Output rows
 * only once" is first-match routing (IBM, "Filter stage: Properties"). */
static void test_filter(void)
{
	const char *dir = getenv("AKKO_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/corpus/datastage/par_filter.dsx", dir ? dir : "..");
	SrcFile *src = ARENA_NEW(&arena, SrcFile);
	const char *err = NULL;
	if (!srcfile_read(src, path, &err)) {
		CHECK(0, "read %s: %s", path, err ? err : "?");
		return;
	}
	DiagSink sink;
	diag_init(&sink, NULL);
	AstDoc *d = ds_read_dsx(&arena, src, &sink);
	srcfile_release(src);
	AstStep *flt = step(first_flow(d), "flt");
	AstGroup *bad = group(flt, "l_bad"), *big = group(flt, "l_big"), *rest = group(flt, "l_rest");
	CHECK(flt && flt->kind == STEP_ROUTER, "a Filter with two outputs is a router");
	/* in the derivation language: "is null" is IsNull() (datastage_stages.c) */
	CHECK(big && big->cond && big->cond->lang == LANG_DATASTAGE && strcmp(big->cond->text, "AMOUNT > 100") == 0,
	      "the where clause of target 1 is the condition of output link 1");
	CHECK(bad && bad->cond && strcmp(bad->cond->text, "AMOUNT <= 0 or IsNull(AMOUNT)") == 0,
	      "the where clause of target 0 is the condition of output link 0");
	CHECK(rest && rest->kind == GROUP_DEFAULT && !rest->cond, "the reject link takes the rows no clause took");
	CHECK(flt && ast_props_value(&flt->props, SET_ROUTING, VAL_NONE) == VAL_FIRST_MATCH,
	      "'first' routes each row to the first link whose clause holds");
}

/* Reading unit by unit (datastage.c, "reading unit by unit"): one unit per
 * data-flow job, in the order of the whole document's folders (first
 * seen), each folder's flows, then its sequences; a shared container
 * written after the job that uses it resolves; a unit's `whole` holds
 * every job's name for a sequence. */
typedef struct Seen {
	Sbuf order;
	bool resolved, whole_ok;
} Seen;

static bool see_unit(void *ud, AstDoc *u)
{
	Seen *s = ud;
	sbuf_addch(&s->order, '[');
	for (uint32_t i = 0; i < u->folders.len; i++) {
		const AstFolder *f = u->folders.items[i];
		for (uint32_t k = 0; k < f->flows.len; k++) {
			const AstFlow *fl = f->flows.items[k];
			sbuf_addf(&s->order, "%s%s", s->order.buf[s->order.len - 1] == '[' ? "" : " ", fl->name);
			/* the instance is expanded in place: one expansion of container sc */
			for (uint32_t x = 0; x < fl->expansions.len; x++) {
				const AstExpansion *e = fl->expansions.items[x];
				if (strcmp(e->instance, "sc") == 0 && e->mapplet && strcmp(e->mapplet->name, "sc") == 0)
					s->resolved = !step((AstFlow *)fl, "sc");
			}
		}
		for (uint32_t k = 0; k < f->controls.len; k++) {
			const AstControl *c = f->controls.items[k];
			sbuf_addf(&s->order, "%sseq:%s", s->order.buf[s->order.len - 1] == '[' ? "" : " ", c->name);
			s->whole_ok = u->whole && u->whole->folders.len == 2;
		}
	}
	sbuf_addch(&s->order, ']');
	frontend_unit_free(u);
	return true;
}

#define DS_JOB(id, cat, type, body)                                                                               \
	"<Job Identifier=\"" id "\">\n<Record Identifier=\"ROOT\" Type=\"JobDefn\"><Property Name=\"Name\">" id  \
	"</Property><Property Name=\"Category\">" cat "</Property><Property Name=\"JobType\">" type                 \
	"</Property></Record>\n" body "</Job>\n"

static void test_units(void)
{
	static const char text[] =
	    "<?xml version=\"1.0\"?>\n<DSExport>\n<Header CharacterSet=\"CP1252\"/>\n" DS_JOB(
		"a", "B", "3",
		"<Record Identifier=\"V0S1\" Type=\"ContainerStage\"><Property Name=\"Name\">sc</Property>"
		"</Record>\n") DS_JOB("b", "A", "3", "") DS_JOB("c", "B", "3", "")
		"<SharedContainer Identifier=\"sc\">\n<Record Identifier=\"ROOT\" Type=\"SharedContainerDefn\">"
		"<Property Name=\"Name\">sc</Property><Property Name=\"Category\">B</Property></Record>\n"
		"</SharedContainer>\n" DS_JOB("s", "A", "2", "") "</DSExport>\n";
	/* (the .dsx form is compared with the whole reading by tests/cli.sh) */
	SrcFile src;
	srcfile_from_memory(&src, "units.xml", text, strlen(text));
	DiagSink sink;
	diag_init(&sink, NULL);
	Seen s = {.order = SBUF_INIT};
	Arena a;
	arena_init(&a);
	bool ok = ds_read_xml_units(&a, &src, &sink, see_unit, &s);
	CHECK(ok && !diag_errors(&sink), "an export is read unit by unit");
	CHECK(s.order.buf && strcmp(s.order.buf, "[a][c][sc][b][seq:s]") == 0,
	      "units: each job alone, by folder (B first seen), containers kept, sequences last in "
	      "their folder (got %s)",
	      s.order.buf ? s.order.buf : "nothing");
	CHECK(s.resolved, "a container written after the job using it resolves");
	CHECK(s.whole_ok, "the sequence's unit names the whole document");
	sbuf_release(&s.order);
	arena_release(&a);
	srcfile_release(&src);
}

/* Each input the fuzz targets (tests/fuzz/fuzz_datastage_dsx.c and
 * fuzz_datastage_xml.c) once crashed on goes through both readers again,
 * past the content sniffing that `inspect` would stop it at: each must end
 * with an AST or a diagnostic (CI runs this under ASan and UBSan). */
static void test_fuzz_reproducers(void)
{
	const char *srcdir = getenv("AKKO_SRCDIR");
	const char *dir = arena_sprintf(&arena, "%s/tests/fuzz/datastage-crashes", srcdir ? srcdir : "..");
	DIR *d = opendir(dir);
	CHECK(d != NULL, "the reproducers' folder %s exists", dir);
	if (!d)
		return;
	size_t n = 0, done = 0;
	for (struct dirent *f; (f = readdir(d));) {
		size_t len = strlen(f->d_name);
		if (f->d_name[0] == '.' || (len > 3 && strcmp(f->d_name + len - 3, ".md") == 0))
			continue;
		SrcFile *src = ARENA_NEW(&arena, SrcFile);
		const char *err = NULL;
		if (!srcfile_read(src, arena_sprintf(&arena, "%s/%s", dir, f->d_name), &err))
			continue;
		n++;
		unsigned ok = 0;
		for (int as_xml = 0; as_xml < 2; as_xml++) {
			DiagSink sink;
			diag_init(&sink, NULL);
			AstDoc *doc = as_xml ? ds_read_xml(&arena, src, &sink) : ds_read_dsx(&arena, src, &sink);
			ok += doc || diag_errors(&sink);
			/* and unit by unit: every unit freed */
			Arena ua;
			arena_init(&ua);
			diag_init(&sink, NULL);
			Seen s = {.order = SBUF_INIT};
			if (as_xml)
				ds_read_xml_units(&ua, src, &sink, see_unit, &s);
			else
				ds_read_dsx_units(&ua, src, &sink, see_unit, &s);
			sbuf_release(&s.order);
			arena_release(&ua);
		}
		srcfile_release(src);
		done += ok == 2;
	}
	closedir(d);
	CHECK(n > 0 && done == n, "every fuzz reproducer is read or diagnosed by both readers (%zu of %zu)", done, n);
}

int main(void)
{
	arena_init(&arena);
	frontend_global_init();
	test_both_syntaxes();
	test_units();
	test_server_basic();
	test_escapes();
	test_filter();
	test_fuzz_reproducers();
	arena_release(&arena);
	return tap_done();
}
