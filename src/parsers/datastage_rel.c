/* datastage_rel.c - the relational stages of DataStage parallel jobs
 * (src/parsers; called by the builder, datastage.c, once a job's links are
 * built): Join, Lookup, Merge, Funnel, Aggregator, Sort, Remove
 * Duplicates, Surrogate Key Generator, Change Capture, Change Apply,
 * Difference, Slowly Changing Dimension, Pivot.
 *
 * A parallel stage keeps its options in its Properties collection, which
 * datastage.c has unwrapped into props ("key", "key.asc\desc"...), and its
 * output mapping in the Derivation ("link.column") of each output column.
 * Its input links carry no columns of their own in an export: they are the
 * columns of the partner output pin.  Here each stage gets the ports of its
 * input links, its keys and options as neutral settings and port
 * attributes (docs/ast.md section 5, docs/rules.md "DataStage relational
 * stages"), and each output column the input column it maps from (`ref`);
 * a stage or an option the rules cannot reproduce sends the stage to review
 * with the reason (W1240).  The options are those IBM documents for each
 * stage (IBM DataStage, "Parallel job stages", each stage's "Stage page:
 * Properties" page; cited at each function), including those the corpus
 * never shows.
 */
#include "parsers/datastage.h"
#include "base/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct Rel {
	DsBuild *B;
	AstDoc *doc;
	Arena *a;
	DiagSink *sink;
	const StrMap *recs;
	AstStep *s;
	const DsRec *rec;
	PtrVec ins, outs; /* DsRec: the stage's pins in link order */
	PtrVec bare;      /* const char *: input links that declare no columns
			     (runtime column propagation) */
	unsigned bare_dir[16];
} Rel;

/* A key option: `key` (or `value`, `countField`...) with its dependent
 * options, which follow it as "<name>.<option>" props. */
typedef struct Key {
	const char *col;
	bool desc, ci, clustered;
	SettingValue nulls; /* VAL_NULLS_FIRST / VAL_NULLS_LAST, VAL_NONE: not given */
	PtrVec subs;        /* AstProp: the dependent options as written */
	SrcLoc loc;
} Key;

/* ---- helpers ----------------------------------------------------------------- */

static bool is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A property value DataStage leaves blank (" ") for an option not set. */
static bool set(const char *v)
{
	for (; v && *v; v++)
		if (*v != ' ')
			return true;
	return false;
}

static void review(Rel *R, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void review(Rel *R, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!R->s->review)
		R->s->review = arena_strdup(R->a, buf);
	diag_warning(R->sink, W_DS_REL_REVIEW, R->s->loc, "stage '%s' (%s): %s", R->s->name,
		     R->s->orig_kind ? R->s->orig_kind : "", buf);
}

static void pins(Rel *R, const char *which, PtrVec *out)
{
	const char *v = ds_get(R->rec, which);
	for (const char *p = v; p && *p;) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *id = arena_strndup(ds_scratch(R->B), p, n);
		const DsRec *pin = strmap_get(R->recs, id);
		if (pin)
			ptrvec_push(ds_scratch(R->B), out, (void *)pin);
		if (!e)
			break;
		p = e + 1;
	}
}

static const char *link_of(const DsRec *pin)
{
	const char *n = ds_get(pin, "Name");
	return n ? n : pin->id ? pin->id : "";
}

/* The columns a link carries: the input pin's own (DSExport XML may
 * repeat them there), else its partner output pin's. */
static const DsColl *link_columns(Rel *R, const DsRec *pin)
{
	const DsColl *c = ds_coll(pin, "Columns");
	if (c && c->subs.len)
		return c;
	const char *v = ds_get(pin, "Partner");
	const char *bar = v ? strchr(v, '|') : NULL;
	const DsRec *p = v ? strmap_get(R->recs, bar ? bar + 1 : v) : NULL;
	return p ? ds_coll(p, "Columns") : NULL;
}

static AstProp *add_prop(Rel *R, PtrVec *v, const char *name, const char *value, Setting key, SettingValue norm,
			 SrcLoc loc)
{
	/* a value read from the section (LookupFail...) lives in the scratch
	 * arena, emptied once the section is built: the AST keeps a copy */
	AstProp *p = ast_prop_new(R->doc, name, value ? arena_strdup(R->a, value) : NULL);
	p->key = key;
	p->norm = norm;
	p->loc = loc;
	ast_push(R->doc, v, p);
	return p;
}

/* The input port `col` of link `link` (a port of that group with an input
 * or lookup direction), or NULL. */
static AstPort *in_port(Rel *R, const char *link, const char *col)
{
	for (uint32_t i = 0; col && i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if ((p->dir & (PORT_IN | PORT_LOOKUP)) && p->group && strcmp(p->group, link) == 0 &&
		    strcmp(p->name, col) == 0)
			return p;
	}
	return NULL;
}

/* The ports of input pin `pin`: those the builder gave its group, else
 * one per column of the link, with `dir`. */
static void in_ports(Rel *R, const DsRec *pin, unsigned dir)
{
	const char *link = link_of(pin);
	bool have = false;
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if ((p->dir & PORT_IN) && p->group && strcmp(p->group, link) == 0) {
			p->dir = dir;
			have = true;
		}
	}
	if (have)
		return;
	const DsColl *cols = link_columns(R, pin);
	if ((!cols || !cols->subs.len) && R->bare.len < 16) {
		R->bare_dir[R->bare.len] = dir;
		ptrvec_push(ds_scratch(R->B), &R->bare, (void *)link);
	}
	for (uint32_t i = 0; cols && i < cols->subs.len; i++) {
		const DsRec *c = cols->subs.items[i];
		const char *name = ds_get(c, "Name");
		AstPort *p = ast_port_new(R->doc, arena_strdup(R->a, name ? name : ""));
		p->dir = dir;
		p->group = arena_strdup(R->a, link);
		p->type = ds_column_type(R->B, c);
		p->nullable = is(ds_get(c, "Nullable"), "1");
		p->loc = c->loc;
		ast_push(R->doc, &R->s->ports, p);
	}
}

/* "link.column" of an output column's mapping (Derivation, SourceColumn),
 * split; false when it is not that form. */
static bool mapping(Rel *R, const AstPort *p, const char **link, const char **col)
{
	const char *d = p->expr ? p->expr->text : NULL;
	const AstProp *dp = ast_props_find_name(&p->props, "Derivation");
	const AstProp *sp = ast_props_find_name(&p->props, "SourceColumn");
	if (!d || !*d)
		d = dp ? dp->value : sp ? sp->value : NULL;
	const char *dot = d ? strchr(d, '.') : NULL;
	if (!dot || dot == d || !dot[1] || strchr(dot + 1, '.'))
		return false;
	for (const char *c = d; *c; c++)
		if (*c != '.' && *c != '_' && *c != '$' && !(*c >= '0' && *c <= '9') &&
		    !((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
			return false;
	*link = arena_strndup(R->a, d, (size_t)(dot - d));
	*col = arena_strdup(R->a, dot + 1);
	return true;
}

/* The index of the input pin named `link`, or -1. */
static int in_index(Rel *R, const char *link)
{
	for (uint32_t i = 0; i < R->ins.len; i++)
		if (strcmp(link_of(R->ins.items[i]), link) == 0)
			return (int)i;
	return -1;
}

static bool is_output(const AstPort *p)
{
	return (p->dir & PORT_OUT) && !(p->dir & PORT_IN);
}

/* Each output column mapped from an input column: `ref` is that column,
 * and *from[i] (per port) the index of its input link, -1 when it maps
 * from none (a column the stage generates). */
static int *map_outputs(Rel *R)
{
	int *from = ARENA_NEWN(ds_scratch(R->B), int, R->s->ports.len + 1);
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		from[i] = -1;
		const char *link, *col;
		if (!is_output(p) || !mapping(R, p, &link, &col))
			continue;
		int k = in_index(R, link);
		if (k < 0 || !in_port(R, link, col)) {
			diag_warning(R->sink, W_DS_REL_COLUMN, p->loc,
				     "output column '%s' of stage '%s' maps from '%s.%s', which is no column of "
				     "its input links",
				     p->name, R->s->name, link, col);
			continue;
		}
		p->ref = col;
		from[i] = k;
	}
	return from;
}

/* The key options named `name`, in order, with their dependent options
 * (IBM's tsort/join key options: asc/desc, ci/cs, nulls first/last,
 * sorted/clustered), read from their values. */
static void read_keys(Rel *R, const char *name, PtrVec *out)
{
	size_t n = strlen(name);
	Key *k = NULL;
	for (uint32_t i = 0; i < R->s->props.len; i++) {
		AstProp *p = R->s->props.items[i];
		if (is(p->name, name)) {
			k = ARENA_NEW(R->a, Key);
			k->col = p->value;
			k->loc = p->loc;
			ptrvec_push(R->a, out, k);
			continue;
		}
		if (!k || strncmp(p->name, name, n) != 0 || p->name[n] != '.')
			continue;
		ptrvec_push(R->a, &k->subs, p);
		const char *v = p->value;
		if (is(v, "desc") || is(v, "Descending"))
			k->desc = true;
		else if (is(v, "ci"))
			k->ci = true;
		else if (is(v, "nulls_first") || is(v, "first") || is(v, "First"))
			k->nulls = VAL_NULLS_FIRST;
		else if (is(v, "nulls_last") || is(v, "last") || is(v, "Last"))
			k->nulls = VAL_NULLS_LAST;
		else if (is(v, "clustered") || is(v, "sorted"))
			k->clustered = true;
	}
}

/* A key column of link `link`, or NULL with W1242 (and the stage to review). */
static AstPort *key_port(Rel *R, const char *link, const Key *k, const char *what)
{
	AstPort *p = in_port(R, link, k->col);
	for (uint32_t i = 0; !p && i < R->bare.len; i++) {
		if (!is(R->bare.items[i], link))
			continue;
		/* a link that declares no columns carries them at run time: the
		 * key is a column of its own name, of a type not known here */
		p = ast_port_new(R->doc, arena_strdup(R->a, k->col));
		p->dir = R->bare_dir[i];
		p->group = arena_strdup(R->a, link);
		p->loc = k->loc;
		ast_push(R->doc, &R->s->ports, p);
	}
	if (!p) {
		diag_warning(R->sink, W_DS_REL_COLUMN, k->loc,
			     "%s '%s' of stage '%s' is no column of input link '%s'", what, k->col, R->s->name,
			     link);
		if (!R->s->review) /* the stage's reason; the warning above is its diagnostic */
			R->s->review = arena_sprintf(R->a, "%s '%s' is no column of input link '%s'", what, k->col, link);
	}
	return p;
}

static AstProp *prop_named(Rel *R, const char *name)
{
	return ast_props_find_name(&R->s->props, name);
}

/* A case-insensitive key: the rules warn that PostgreSQL compares with case. */
static void case_insensitive(Rel *R, const Key *k)
{
	if (k->ci && !ast_props_find(&R->s->props, SET_CASE_SENSITIVE))
		add_prop(R, &R->s->props, "case_sensitive", "NO", SET_CASE_SENSITIVE, VAL_NONE, k->loc);
}

/* The one input link of a stage, its ports made; NULL (the stage to review
 * with `why`) when it has not exactly one. */
static const char *one_input(Rel *R, const char *why)
{
	if (R->ins.len != 1) {
		review(R, "%s", why);
		return NULL;
	}
	in_ports(R, R->ins.items[0], PORT_IN);
	return link_of(R->ins.items[0]);
}

/* ---- Join ------------------------------------------------------------------------ */

/* The two inputs of a join or a merge: the first link's ports, the
 * second's PORT_MASTER (the Joiner's two sides); each `key` option a pair
 * of key ports at the same sort position. */
static void paired_keys(Rel *R, const char *what)
{
	const char *first = link_of(R->ins.items[0]), *second = link_of(R->ins.items[1]);
	in_ports(R, R->ins.items[0], PORT_IN);
	in_ports(R, R->ins.items[1], PORT_IN | PORT_MASTER);
	PtrVec keys = {0};
	read_keys(R, "key", &keys);
	if (!keys.len)
		review(R, "the %s has no key", what);
	const char *label = arena_sprintf(ds_scratch(R->B), "%s key", what);
	for (uint32_t i = 0; i < keys.len; i++) {
		const Key *k = keys.items[i];
		AstPort *a = key_port(R, first, k, label), *b = key_port(R, second, k, label);
		case_insensitive(R, k);
		if (!a || !b)
			continue;
		a->sort_key = b->sort_key = true;
		a->sort_pos = b->sort_pos = (int32_t)i + 1;
	}
}

/* IBM, "Join stage" and "Join stage: Stage page: Properties"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stages-join-stage): Join
 * Keys/Key (repeats; Case Sensitive True by default), Options/Join Type
 * (Full Outer, Inner, Left Outer, Right Outer; default Inner).  The left
 * link is the first in link order, the right the last; intermediate links
 * (more than two inputs) are not converted.  The output columns are the
 * Output page's mapping; a column with no mapping follows IBM's rule for
 * same-named columns: a full outer join keeps both key columns, as
 * leftRec_<key> and rightRec_<key>; the other joins keep the left one. */
static void rel_join(Rel *R)
{
	if (R->ins.len != 2) {
		review(R, "a join of %u input links is not converted (the rules join a left and a right link)",
		       R->ins.len);
		return;
	}
	const char *left = link_of(R->ins.items[0]), *right = link_of(R->ins.items[1]);
	AstProp *op = prop_named(R, "operator");
	if (op && op->norm == VAL_NONE)
		diag_warning(R->sink, W_DS_REL_VALUE, op->loc,
			     "join type '%s' of stage '%s' is not innerjoin, leftouterjoin, rightouterjoin or "
			     "fullouterjoin; an inner join is used",
			     op->value, R->s->name);
	paired_keys(R, "join");
	int *from = map_outputs(R);
	bool full = op && op->norm == VAL_FULL_OUTER;
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (!is_output(p))
			continue;
		if (from[i] < 0) { /* IBM's rule for a column no mapping names */
			const char *n = p->name;
			if (full && strncmp(n, "leftRec_", 8) == 0 && in_port(R, left, n + 8))
				p->ref = arena_strdup(R->a, n + 8), from[i] = 0;
			else if (full && strncmp(n, "rightRec_", 9) == 0 && in_port(R, right, n + 9))
				p->ref = arena_strdup(R->a, n + 9), from[i] = 1;
			else if (in_port(R, left, n))
				p->ref = n, from[i] = 0;
			else if (in_port(R, right, n))
				p->ref = n, from[i] = 1;
			else
				review(R, "output column '%s' maps from no input column", n);
		}
		if (from[i] == 1)
			p->dir |= PORT_MASTER;
	}
}

/* ---- Merge ----------------------------------------------------------------------- */

/* IBM, "Merge stage" and "Merge stage: Stage page: Properties"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stages-merge-stage): the
 * master link is the first in link order, the update links follow; a
 * master row and an update row are merged when their Merge Keys (Case
 * Sensitive True by default) are equal, the output carrying the master's
 * columns and the update's; Unmatched Masters Mode Keep (the default: a
 * master no update matches is output, the update columns NULL) or Drop;
 * each reject link (in link order) takes the rows of the update link of its
 * position that no master matches; Warn On Reject Updates and Warn On
 * Unmatched Masters only log.  One update link converts (the Joiner's rule:
 * master LEFT JOIN update, or JOIN when unmatched masters are dropped);
 * several go to review. */
static void rel_merge(Rel *R)
{
	if (R->ins.len != 2) {
		review(R, "a merge with %u update links is not converted (the rules merge one)",
		       R->ins.len ? R->ins.len - 1 : 0);
		return;
	}
	const char *ml = link_of(R->ins.items[0]), *ul = link_of(R->ins.items[1]);
	paired_keys(R, "merge");
	bool drop = false;
	for (uint32_t i = 0; i < R->s->props.len; i++) {
		const AstProp *p = R->s->props.items[i];
		if (is(p->value, "dropBadMasters"))
			drop = true;
	}
	add_prop(R, &R->s->props, "unmatched_masters", drop ? "drop" : "keep", SET_JOIN_TYPE,
		 drop ? VAL_INNER : VAL_LEFT_OUTER, R->s->loc);
	/* the reject link of the update link */
	for (uint32_t g = 0; g < R->s->groups.len; g++) {
		AstGroup *gr = R->s->groups.items[g];
		/* the output link is the first; the links after it are reject links */
		if (gr->kind == GROUP_ERROR || (gr->kind == GROUP_OUTPUT && gr->order > 0)) {
			gr->kind = GROUP_UNMATCHED;
			gr->of_input = ul;
		}
	}
	int *from = map_outputs(R);
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (!is_output(p))
			continue;
		if (from[i] < 0 && in_port(R, ml, p->name))
			p->ref = p->name, from[i] = 0;
		else if (from[i] < 0 && in_port(R, ul, p->name))
			p->ref = p->name, from[i] = 1;
		if (from[i] < 0)
			review(R, "output column '%s' maps from no input column", p->name);
		else if (from[i] == 1)
			p->dir |= PORT_MASTER;
	}
}

/* ---- Lookup ---------------------------------------------------------------------- */

/* IBM, "Lookup stage" (https://www.ibm.com/docs/en/iis/11.7?topic=stages-lookup-stage)
 * and "Lookup stage: Stage page: Properties", "Lookup stage conditions":
 * one stream link (LinkType 1), reference links (LinkType 2) whose key
 * columns (Key = Yes) are matched to the stream column their key
 * expression names (KeyExpression "stream.column", else the column of
 * the same name); per reference link, the Lookup Failure action (Continue:
 * the row goes on with NULL reference columns; Drop: the row is dropped;
 * Fail: the job fails; Reject: the row goes to the reject link; default
 * Fail), a condition with its Condition Not Met action, and "multiple rows
 * returned from link".  A lookup with several reference links, a condition
 * or a range lookup goes to review. */
static void rel_lookup(Rel *R)
{
	const DsRec *stream = NULL;
	PtrVec refs = {0};
	for (uint32_t i = 0; i < R->ins.len; i++) {
		const DsRec *pin = R->ins.items[i];
		if (!stream && !is(ds_get(pin, "LinkType"), "2"))
			stream = pin;
		else
			ptrvec_push(ds_scratch(R->B), &refs, (void *)pin);
	}
	if (!stream || refs.len != 1) {
		review(R, "a lookup with %u reference links is not converted (the rules look up one)", refs.len);
		return;
	}
	const DsRec *ref = refs.items[0];
	const char *sl = link_of(stream), *rl = link_of(ref);
	in_ports(R, stream, PORT_IN);
	in_ports(R, ref, PORT_LOOKUP);
	/* the key: the reference columns given a Key Expression (the stream
	 * column dragged onto them in the stage editor), which is what the
	 * compiled job looks up whatever the column's Key flag: a column of
	 * the table definition's key (KeyPosition) without one is not part
	 * of the lookup (the corpus's compiled OSH: "-key INTERACTION_DATE"
	 * from FULL_DATE's key expression, not the KeyPosition column
	 * DATE_KEY); without any Key Expression, the key columns matched by
	 * name */
	const DsColl *cols = link_columns(R, ref);
	bool by_expr = false;
	for (uint32_t i = 0; cols && i < cols->subs.len && !by_expr; i++)
		by_expr = set(ds_get(cols->subs.items[i], "KeyExpression"));
	unsigned nkeys = 0;
	for (uint32_t i = 0; cols && i < cols->subs.len; i++) {
		const DsRec *c = cols->subs.items[i];
		const char *k = ds_get(c, "Name");
		const char *kp = ds_get(c, "KeyPosition");
		if (!k || (by_expr ? !set(ds_get(c, "KeyExpression")) : !kp || is(kp, "0") || !*kp))
			continue;
		const char *ke = ds_get(c, "KeyExpression");
		const char *col = k;
		if (ke && *ke) {
			const char *dot = strchr(ke, '.');
			if (!dot || strncmp(ke, sl, (size_t)(dot - ke)) != 0 || strlen(sl) != (size_t)(dot - ke)) {
				review(R, "the key expression '%s' of reference column '%s' is not a column of "
					  "stream link '%s'",
				       ke, k, sl);
				continue;
			}
			col = dot + 1;
		}
		AstPort *sp = in_port(R, sl, col);
		if (!sp) {
			diag_warning(R->sink, W_DS_REL_COLUMN, c->loc,
				     "reference key '%s.%s' of stage '%s' matches no column of stream link '%s'", rl,
				     k, R->s->name, sl);
			review(R, "reference key '%s' matches no column of stream link '%s'", k, sl);
			continue;
		}
		if (sp->ref) {
			review(R, "stream column '%s' is the key of two reference columns", col);
			continue;
		}
		sp->ref = arena_strdup(R->a, k);
		nkeys++;
		if (ds_get(c, "RangeLower") || ds_get(c, "RangeUpper"))
			review(R, "a range lookup on '%s' is not converted", k);
	}
	if (!nkeys)
		review(R, "reference link '%s' has no key column", rl);
	/* the failure action */
	const char *fail = ds_get(ref, "LookupFail");
	static const struct {
		const char *v;
		SettingValue norm;
	} actions[] = {{"continue", VAL_NULL}, {"drop", VAL_SKIP}, {"fail", VAL_FAIL}, {"reject", VAL_REDIRECT}};
	SettingValue nm = VAL_NONE;
	for (size_t i = 0; fail && i < sizeof actions / sizeof *actions; i++)
		if (is(fail, actions[i].v))
			nm = actions[i].norm;
	if (fail && nm == VAL_NONE)
		diag_warning(R->sink, W_DS_REL_VALUE, ref->loc,
			     "lookup failure action '%s' of link '%s' is not continue, drop, fail or reject; "
			     "fail (the default) is used",
			     fail, rl);
	add_prop(R, &R->s->props, "LookupFail", fail && nm != VAL_NONE ? fail : "fail", SET_LOOKUP_NO_MATCH,
		 nm != VAL_NONE ? nm : VAL_FAIL, ref->loc);
	/* a condition on the reference link */
	for (uint32_t i = 0; i < ref->props.len; i++) {
		const DsProp *p = ref->props.items[i];
		if (strstr(p->name, "Condition") && !is(p->name, "ConditionNotMet") && set(p->value))
			review(R, "the condition '%s' on reference link '%s' (condition not met: %s) is not "
				  "converted",
			       p->value, rl, ds_get(ref, "ConditionNotMet") ? ds_get(ref, "ConditionNotMet") : "fail");
	}
	/* several matches: the link named by "multiple rows returned from link"
	 * returns them all; another returns one */
	AstProp *dups = prop_named(R, arena_sprintf(ds_scratch(R->B), "%s.allow_dups", rl));
	bool all = dups && set(dups->value);
	add_prop(R, &R->s->props, "multiple_rows", all ? "all" : "one", SET_LOOKUP_POLICY, all ? VAL_ALL : VAL_ANY,
		 ref->loc);
	/* outputs: reference columns come from the relation, stream columns pass */
	int *from = map_outputs(R);
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (!is_output(p))
			continue;
		const AstGroup *g = NULL;
		for (uint32_t k = 0; k < R->s->groups.len; k++)
			if (is(((const AstGroup *)R->s->groups.items[k])->name, p->group))
				g = R->s->groups.items[k];
		if (g && g->kind != GROUP_OUTPUT) { /* the reject link: the stream row */
			p->dir |= PORT_PASS;
			continue;
		}
		int k = from[i];
		if (k < 0 && in_port(R, sl, p->name))
			k = in_index(R, sl), p->ref = p->name;
		if (k < 0 && in_port(R, rl, p->name))
			k = in_index(R, rl), p->ref = p->name;
		if (k < 0)
			review(R, "output column '%s' maps from no input column", p->name);
		else if (R->ins.items[k] == stream) {
			if (strcmp(p->ref, p->name) != 0)
				review(R, "output column '%s' renames stream column '%s'", p->name, p->ref);
			p->dir |= PORT_PASS;
			p->ref = NULL;
		}
	}
}

/* ---- Sort -------------------------------------------------------------------------- */

/* IBM, "Sort stage: Stage page: Properties"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stage-sort-properties):
 * Sorting Keys/Key with Sort Order (Ascending default), Nulls position
 * (First default), Case Sensitive (True), Sort Key Mode (Sort, Don't Sort
 * Previously Grouped/Sorted); Options/Stable Sort (True), Allow Duplicates
 * (True; False keeps one row per key, the first with a stable sort),
 * Create Key Change Column (False: a column keyChange, 1 on the first row
 * of each group of equal keys, else 0), Create Cluster Key Change Column
 * (False: clusterKeyChange, the same over the keys in a Don't Sort mode),
 * Output Statistics, Restrict Memory Usage (no effect on the rows). */
static void rel_sort(Rel *R)
{
	const char *link = one_input(R, "a sort needs one input link");
	if (!link)
		return;
	PtrVec keys = {0};
	read_keys(R, "key", &keys);
	for (uint32_t i = 0; i < keys.len; i++) {
		const Key *k = keys.items[i];
		AstPort *p = key_port(R, link, k, "sort key");
		case_insensitive(R, k);
		if (!p)
			continue;
		p->sort_key = true;
		p->sort_desc = k->desc;
		p->sort_pos = (int32_t)i + 1;
		SettingValue nv = k->nulls != VAL_NONE ? k->nulls : VAL_NULLS_FIRST;
		add_prop(R, &p->props, "nulls_position", nv == VAL_NULLS_FIRST ? "first" : "last", SET_NULL_ORDER, nv,
			 k->loc);
		if (k->clustered)
			add_prop(R, &p->props, "clustered", "yes", SET_NONE, VAL_NONE, k->loc);
	}
	if (!keys.len)
		review(R, "the sort has no key");
	AstProp *u = prop_named(R, "unique");
	if (u && set(u->value))
		add_prop(R, &R->s->props, "distinct_keys", "YES", SET_DISTINCT_KEYS, VAL_NONE, u->loc);
	map_outputs(R);
	static const struct {
		const char *option, *column, *which;
	} flags[] = {{"flagKey", "keyChange", "all"}, {"flagCluster", "clusterKeyChange", "cluster"}};
	for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
		AstProp *o = prop_named(R, flags[f].option);
		if (!o || !set(o->value))
			continue;
		for (uint32_t i = 0; i < R->s->ports.len; i++) {
			AstPort *p = R->s->ports.items[i];
			if (is_output(p) && is(p->name, flags[f].column) && !p->ref) {
				p->dir = PORT_GENERATED;
				add_prop(R, &p->props, "key_change", flags[f].which, SET_KEY_CHANGE, VAL_NONE, o->loc);
			}
		}
	}
}

/* ---- Remove Duplicates ------------------------------------------------------------ */

/* IBM, "Remove Duplicates stage: Stage page: Properties"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stage-remove-duplicates-properties):
 * Keys that Define Duplicates/Key (Case Sensitive True), Options/Duplicate
 * to Retain (First, Last; default First).  "Two rows are considered
 * duplicates if they are adjacent in the input data set and have identical
 * values for the key column(s)": the input is sorted on the keys, and first
 * and last are in that order. */
static void rel_remdup(Rel *R)
{
	const char *link = one_input(R, "remove duplicates needs one input link");
	if (!link)
		return;
	PtrVec keys = {0};
	read_keys(R, "key", &keys);
	for (uint32_t i = 0; i < keys.len; i++) {
		AstPort *p = key_port(R, link, keys.items[i], "key");
		case_insensitive(R, keys.items[i]);
		if (p)
			p->role = ROLE_KEY;
	}
	if (!keys.len)
		review(R, "remove duplicates has no key");
	AstProp *keep = prop_named(R, "keep");
	SettingValue kv = !keep || is(keep->value, "first") ? VAL_FIRST : is(keep->value, "last") ? VAL_LAST : VAL_NONE;
	if (kv == VAL_NONE)
		diag_warning(R->sink, W_DS_REL_VALUE, keep->loc,
			     "duplicate to retain '%s' of stage '%s' is not first or last; first is used", keep->value,
			     R->s->name);
	add_prop(R, &R->s->props, "retain", kv == VAL_LAST ? "last" : "first", SET_KEEP,
		 kv == VAL_LAST ? VAL_LAST : VAL_FIRST, keep ? keep->loc : R->s->loc);
	map_outputs(R);
}

/* ---- Aggregator -------------------------------------------------------------------- */

/* IBM, "Aggregator stage: Stage page: Properties"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stage-aggregator-properties):
 * Grouping Keys/Group (Case Sensitive True); Aggregations/Aggregation Type
 * (Calculation default, Recalculation, Count Rows); Count Output Column;
 * Column for Calculation with its dependent outputs (Corrected Sum of
 * Squares, Maximum Value, Mean Value, Minimum Value, Missing Value, Missing
 * Values Count, Non-missing Values Count, Percent Coefficient of Variation,
 * Range, Standard Deviation, Standard Error, Sum of Weights, Sum of Values,
 * Uncorrected Sum of Squares, Variance, Weighting column, Preserve Type);
 * Method (hash, sort: no effect on the rows).  The osh option names are
 * css, max, mean, min, missing, missingCount, count, cv, range, std, ste,
 * sumw, sum, uss, var, weight, preserveType. */
static const struct {
	const char *fn;
	AggKind kind;
} agg_fns[] = {
    {"max", AGG_MAX},   {"min", AGG_MIN},           {"mean", AGG_AVG},       {"sum", AGG_SUM},
    {"count", AGG_COUNT}, {"missingCount", AGG_COUNT_NULL}, {"std", AGG_STDDEV}, {"var", AGG_VARIANCE},
};

static AstPort *out_named(Rel *R, const char *name)
{
	for (uint32_t i = 0; name && i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (is_output(p) && strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

static void rel_aggregator(Rel *R)
{
	const char *link = one_input(R, "an aggregator needs one input link");
	if (!link)
		return;
	int *from = map_outputs(R);
	(void)from;
	PtrVec keys = {0};
	read_keys(R, "key", &keys);
	for (uint32_t i = 0; i < keys.len; i++) {
		const Key *k = keys.items[i];
		AstPort *ip = key_port(R, link, k, "grouping key");
		case_insensitive(R, k);
		if (!ip)
			continue;
		AstPort *op = NULL;
		for (uint32_t j = 0; j < R->s->ports.len && !op; j++) {
			AstPort *p = R->s->ports.items[j];
			if (is_output(p) && (p->ref ? is(p->ref, k->col) : is(p->name, k->col)))
				op = p;
		}
		if (op) {
			op->role = ROLE_GROUP_BY;
			op->ref = k->col;
		} else {
			ip->role = ROLE_GROUP_BY; /* grouped by, not output */
		}
	}
	AstProp *sel = prop_named(R, "selection");
	const char *mode = sel && set(sel->value) ? sel->value : "reduce";
	if (is(mode, "rereduce")) {
		review(R, "aggregation type Recalculation (of summary columns) is not converted");
		return;
	}
	if (is(mode, "count")) {
		PtrVec cf = {0};
		read_keys(R, "countField", &cf);
		for (uint32_t i = 0; i < cf.len; i++) {
			const Key *k = cf.items[i];
			AstPort *p = out_named(R, k->col);
			if (!p) {
				diag_warning(R->sink, W_DS_REL_COLUMN, k->loc,
					     "count output column '%s' of stage '%s' is no output column", k->col,
					     R->s->name);
				continue;
			}
			p->agg = "count rows";
			p->agg_kind = AGG_COUNT_ROWS;
			p->ref = NULL;
		}
		if (!cf.len)
			review(R, "aggregation type Count Rows names no count output column");
		return;
	}
	if (!is(mode, "reduce")) {
		diag_warning(R->sink, W_DS_REL_VALUE, sel->loc,
			     "aggregation type '%s' of stage '%s' is not reduce, rereduce or count", mode, R->s->name);
		review(R, "aggregation type '%s' is not known", mode);
		return;
	}
	PtrVec calc = {0};
	read_keys(R, "reduce", &calc);
	for (uint32_t i = 0; i < calc.len; i++) {
		const Key *k = calc.items[i];
		if (!key_port(R, link, k, "column for calculation"))
			continue;
		for (uint32_t j = 0; j < k->subs.len; j++) {
			const AstProp *sp = k->subs.items[j];
			const char *fn = strchr(sp->name, '.') + 1;
			if (is(fn, "preserveType"))
				continue; /* the output column's declared type is applied */
			AggKind kind = AGG_NONE;
			for (size_t f = 0; f < sizeof agg_fns / sizeof *agg_fns; f++)
				if (is(fn, agg_fns[f].fn))
					kind = agg_fns[f].kind;
			if (kind == AGG_NONE) {
				review(R, "the aggregate '%s' of column '%s' is not converted", fn, k->col);
				continue;
			}
			AstPort *p = out_named(R, sp->value);
			if (!p) {
				diag_warning(R->sink, W_DS_REL_COLUMN, sp->loc,
					     "output column '%s' of aggregate '%s' of stage '%s' is no output column",
					     sp->value, fn, R->s->name);
				continue;
			}
			p->agg = arena_strdup(R->a, fn);
			p->agg_kind = kind;
			p->ref = k->col;
		}
	}
	for (uint32_t i = 0; !R->s->review && i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (is_output(p) && p->role != ROLE_GROUP_BY && p->agg_kind == AGG_NONE)
			review(R, "output column '%s' is neither a grouping key nor an aggregate", p->name);
	}
}

/* ---- Funnel ------------------------------------------------------------------------ */

/* IBM, "Funnel stage" (https://www.ibm.com/docs/en/iis/11.7?topic=stages-funnel-stage):
 * Continuous Funnel (default), Sort Funnel (by its keys) and Sequence (each
 * link in turn) all output every row of every input; "the meta data of all
 * input data sets must be identical", so each input column feeds the
 * output column of its name.  The order of the rows differs only. */
static void rel_funnel(Rel *R)
{
	for (uint32_t k = 0; k < R->ins.len; k++) {
		in_ports(R, R->ins.items[k], PORT_IN);
		const char *link = link_of(R->ins.items[k]);
		for (uint32_t i = 0; i < R->s->ports.len; i++) {
			AstPort *p = R->s->ports.items[i];
			if ((p->dir & PORT_IN) && is(p->group, link))
				p->ref = p->name;
		}
	}
	AstProp *op = prop_named(R, "operator");
	if (op && !is(op->value, "continuous") && !is(op->value, "sortfunnel") && !is(op->value, "sequence"))
		diag_warning(R->sink, W_DS_REL_VALUE, op->loc,
			     "funnel type '%s' of stage '%s' is not continuous, sortfunnel or sequence",
			     op->value, R->s->name);
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		bool fed = false;
		for (uint32_t k = 0; is_output(p) && k < R->ins.len && !fed; k++)
			fed = in_port(R, link_of(R->ins.items[k]), p->name) != NULL;
		if (is_output(p) && !fed)
			review(R, "output column '%s' is no column of its input links", p->name);
	}
}

/* ---- Change Capture --------------------------------------------------------------- */

static const char *prop_or(Rel *R, const char *name, const char *dflt)
{
	AstProp *p = prop_named(R, name);
	return p && set(p->value) ? p->value : dflt;
}

/* IBM, "Change Capture stage" and "Change Capture stage: Stage page:
 * Properties" (https://www.ibm.com/docs/en/iis/11.7?topic=stages-change-capture-stage):
 * the before link is the first in link order, the after link the second;
 * Change Keys/Key, Change Values/Value; Options/Change Mode (Explicit Keys &
 * Values; All Keys, Explicit Values; Explicit Keys, All Values), Drop
 * Output for Copy (True), Delete, Edit, Insert (False), Copy Code 0, Insert
 * Code 1, Delete Code 2, Edit Code 3, Code Column Name change_code.  A
 * delete outputs the before row, the others the after row. */
static void rel_change_capture(Rel *R)
{
	if (R->ins.len != 2) {
		review(R, "a change capture needs a before and an after link");
		return;
	}
	const char *bl = link_of(R->ins.items[0]), *al = link_of(R->ins.items[1]);
	in_ports(R, R->ins.items[0], PORT_IN);
	in_ports(R, R->ins.items[1], PORT_IN | PORT_MASTER);
	/* the keys and values are the stage's Change Keys and Change Values
	 * (and its Change Mode), not the columns a link's table definition
	 * marks as key (KeyPosition) */
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if ((p->dir & PORT_IN) && (is(p->group, bl) || is(p->group, al)))
			p->role = ROLE_NONE;
	}
	PtrVec keys = {0}, values = {0};
	read_keys(R, "key", &keys);
	read_keys(R, "value", &values);
	const char *mode = "explicit";
	for (uint32_t i = 0; i < R->s->props.len; i++) {
		const AstProp *p = R->s->props.items[i];
		if (is(p->name, "selection") && set(p->value))
			mode = p->value;
	}
	for (int side = 0; side < 2; side++) {
		const char *link = side ? al : bl;
		for (uint32_t i = 0; i < keys.len; i++) {
			AstPort *p = key_port(R, link, keys.items[i], "change key");
			if (p)
				p->role = ROLE_KEY;
		}
		for (uint32_t i = 0; i < values.len; i++) {
			AstPort *p = key_port(R, link, values.items[i], "change value");
			if (p)
				p->role = ROLE_VALUE;
		}
		for (uint32_t i = 0; i < R->s->ports.len; i++) {
			AstPort *p = R->s->ports.items[i];
			/* "all other columns" are those both links carry: a column
			 * of one side only cannot be compared */
			if (!(p->dir & PORT_IN) || !is(p->group, link) || !in_port(R, side ? bl : al, p->name))
				continue;
			if (is(mode, "allvalues") && p->role == ROLE_NONE)
				p->role = ROLE_VALUE;
			else if (is(mode, "allkeys") && p->role == ROLE_NONE)
				p->role = ROLE_KEY;
		}
	}
	if (!keys.len && !is(mode, "allkeys"))
		review(R, "the change capture has no change key");
	static const struct {
		const char *option, *dflt;
	} codes[] = {{"copyCode", "0"}, {"insertCode", "1"}, {"deleteCode", "2"}, {"editCode", "3"}};
	char buf[128] = "";
	for (size_t i = 0; i < 4; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? "," : "",
			 prop_or(R, codes[i].option, codes[i].dflt));
	add_prop(R, &R->s->props, "change_codes", arena_strdup(R->a, buf), SET_CHANGE_CODES, VAL_NONE, R->s->loc);
	static const struct {
		const char *option, *drop, *kind;
		bool dropped;
	} drops[] = {{"keepCopy\\dropCopy", "dropCopy", "copy", true},
		     {"keepInsert\\dropInsert", "dropInsert", "insert", false},
		     {"keepDelete\\dropDelete", "dropDelete", "delete", false},
		     {"keepEdit\\dropEdit", "dropEdit", "edit", false}};
	buf[0] = '\0';
	for (size_t i = 0; i < 4; i++) {
		const char *v = prop_or(R, drops[i].option, NULL);
		bool dropped = v ? is(v, drops[i].drop) : drops[i].dropped;
		if (!dropped)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? "," : "", drops[i].kind);
	}
	add_prop(R, &R->s->props, "change_keep", arena_strdup(R->a, buf), SET_CHANGE_KEEP, VAL_NONE, R->s->loc);
	const char *code = prop_or(R, "codeField", "change_code");
	int *from = map_outputs(R);
	bool have_code = false;
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (!is_output(p))
			continue;
		if (from[i] < 0 && is(p->name, code)) {
			p->dir = PORT_GENERATED | PORT_OUT;
			add_prop(R, &p->props, "codeField", code, SET_CHANGE_CODE, VAL_NONE, p->loc);
			have_code = true;
		} else if (from[i] < 0 && in_port(R, al, p->name)) {
			p->ref = p->name;
		} else if (from[i] < 0) {
			review(R, "output column '%s' maps from no input column", p->name);
		}
	}
	if (!have_code)
		diag_warning(R->sink, W_DS_REL_COLUMN, R->s->loc,
			     "stage '%s' writes its change code into column '%s', which its output link does not "
			     "declare",
			     R->s->name, code);
}

/* ---- Surrogate Key Generator ------------------------------------------------------- */

/* IBM, "Surrogate Key Generator stage"
 * (https://www.ibm.com/docs/en/iis/11.7?topic=stages-surrogate-key-generator-stage):
 * with an input link it adds a key column (Surrogate key name / output_key,
 * or the `key` option with its initial value) to each row, from a key
 * source (a state file or a database sequence) that persists between runs.
 * The rules number the rows from the initial value (1 when not given); the
 * key source is not read (W1243 says so). */
static void rel_surrogate(Rel *R)
{
	if (!one_input(R, "a surrogate key generator without an input link creates or deletes its key source, "
			  "which moves no rows"))
		return;
	PtrVec keys = {0};
	read_keys(R, "key", &keys);
	const char *col = keys.len ? ((const Key *)keys.items[0])->col : prop_or(R, "output_key", NULL);
	const char *initial = "1";
	for (uint32_t i = 0; keys.len && i < ((const Key *)keys.items[0])->subs.len; i++) {
		const AstProp *sp = ((const Key *)keys.items[0])->subs.items[i];
		if (is(sp->name, "key.initial") && set(sp->value))
			initial = sp->value;
	}
	/* the key column as written, or an output column mapped from it (the
	 * Surrogate Key stage's generated column, e.g. "GenerateKey(ID)") */
	unsigned n = 0;
	map_outputs(R);
	for (uint32_t i = 0; col && i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		const AstProp *dp = ast_props_find_name(&p->props, "Derivation");
		const char *d = dp ? dp->value : "";
		const char *gk = arena_sprintf(ds_scratch(R->B), "GenerateKey(%s)", col);
		size_t dl = strlen(d), cl = strlen(col);
		bool from_key = is(d, col) || is(d, gk) || (dl > cl && d[dl - cl - 1] == '.' && is(d + dl - cl, col));
		if (!is_output(p) || !(is(p->name, col) || from_key))
			continue;
		p->dir = PORT_OUT | PORT_GENERATED;
		p->ref = NULL;
		n++;
	}
	if (!n) {
		review(R, "the surrogate key column '%s' is not on the output link", col ? col : "");
		return;
	}
	add_prop(R, &R->s->props, "initial_value", initial, SET_SEQ_START, VAL_NONE, R->s->loc);
	const char *src = prop_or(R, "sk_id", prop_or(R, "keysourcetype", NULL));
	diag_warning(R->sink, W_DS_REL_STATE, R->s->loc,
		     "stage '%s' numbers the rows from %s; its key source%s%s%s is not read, so a run does not "
		     "continue from the last key it stored",
		     R->s->name, initial, src ? " ('" : "", src ? src : "", src ? "')" : "");
}

/* ---- Pivot ------------------------------------------------------------------------ */

/* IBM, "Pivot stages" (https://www.ibm.com/docs/en/iis/11.7?topic=stages-pivot):
 * the Pivot stage "pivots horizontal data, that is, columns within a
 * single row, into many rows", repeating the other columns for each; an
 * output column's derivation lists the input columns of its set, separated
 * by commas, and the stage has no other properties.  The Pivot Enterprise
 * stage's horizontal pivot "maps a set of columns in an input row to a
 * single column in multiple output rows".  The k-th column of each set
 * goes to the k-th output row; a column mapped from one input column
 * repeats.  Nothing is left out for being NULL.  A vertical pivot, or a
 * pivot whose sets are not in the output mapping, goes to review. */
static void rel_pivot(Rel *R)
{
	const char *link = one_input(R, "a pivot needs one input link");
	if (!link)
		return;
	int size = -1;
	unsigned sets = 0;
	for (uint32_t i = 0; i < R->s->ports.len; i++) {
		AstPort *p = R->s->ports.items[i];
		if (!is_output(p))
			continue;
		const AstProp *dp = ast_props_find_name(&p->props, "Derivation");
		const char *d = p->expr ? p->expr->text : dp ? dp->value : "";
		PtrVec items = {0};
		for (const char *c = d; c && *c;) {
			while (*c == ' ')
				c++;
			const char *e = strchr(c, ',');
			size_t n = e ? (size_t)(e - c) : strlen(c);
			while (n && c[n - 1] == ' ')
				n--;
			char *it = arena_strndup(R->a, c, n);
			const char *dot = strchr(it, '.');
			if (dot && strncmp(it, link, (size_t)(dot - it)) == 0 && strlen(link) == (size_t)(dot - it))
				it += dot - it + 1;
			ptrvec_push(R->a, &items, it);
			c = e ? e + 1 : NULL;
		}
		if (!items.len) /* no mapping: the input column of its own name */
			ptrvec_push(R->a, &items, (void *)p->name);
		if (items.len > 1) {
			sets++;
			if (size >= 0 && size != (int)items.len)
				review(R, "output column '%s' pivots %u columns, another %d", p->name, items.len, size);
			size = (int)items.len;
		}
		for (uint32_t k = 0; k < items.len; k++) {
			AstPort *q = in_port(R, link, items.items[k]);
			if (!q) {
				diag_warning(R->sink, W_DS_REL_COLUMN, p->loc,
					     "output column '%s' of stage '%s' maps from '%s', which is no column of "
					     "input link '%s'",
					     p->name, R->s->name, (const char *)items.items[k], link);
				review(R, "output column '%s' maps from '%s', no column of its input link", p->name,
				       (const char *)items.items[k]);
				continue;
			}
			if (q->ref && items.len > 1) {
				review(R, "input column '%s' is in two pivot sets", q->name);
				continue;
			}
			q->ref = p->name;
			if (items.len > 1)
				add_prop(R, &q->props, "pivot_position", arena_sprintf(R->a, "%u", k + 1),
					 SET_PIVOT_KEY_VALUE, VAL_NONE, q->loc);
		}
	}
	if (!sets) {
		review(R, "no output column lists a set of input columns: a vertical pivot, or a pivot defined "
			  "outside the output mapping, is not converted");
		return;
	}
	R->s->kind = STEP_NORMALIZER;
	add_prop(R, &R->s->props, "null_values", "keep", SET_UNPIVOT_NULLS, VAL_NONE, R->s->loc);
}

/* ---- the stages --------------------------------------------------------------------- */

static const struct {
	const char *type;
	void (*read)(Rel *R);
	const char *why; /* review reason of a stage not converted */
} rel_stages[] = {
    {"PxJoin", rel_join, NULL},
    {"PxLookup", rel_lookup, NULL},
    {"PxSort", rel_sort, NULL},
    {"PxRemDup", rel_remdup, NULL},
    {"PxAggregator", rel_aggregator, NULL},
    {"PxFunnel", rel_funnel, NULL},
    {"PxChangeCapture", rel_change_capture, NULL},
    {"PxSurrogateKeyGenerator", rel_surrogate, NULL},
    {"PxSurrogateKeyGeneratorN", rel_surrogate, NULL},
    {"PxMerge", rel_merge, NULL},
    /* IBM, "Change Apply stage": applies change_code rows to the before
     * set in key order; its result depends on both inputs' order */
    {"PxChangeApply", NULL, "the Change Apply stage (applying change codes to the before data set in key "
			    "order) is not converted yet"},
    {"PxDifference", NULL, "the Difference stage is not converted yet"},
    /* IBM, "Slowly Changing Dimension stage": reads and updates its
     * dimension and a surrogate key source as each row arrives */
    {"PxSCD", NULL, "the Slowly Changing Dimension stage looks up and updates its dimension as each row "
		    "arrives and draws keys from a key source; its effect is not one query"},
    {"PxPivot", rel_pivot, NULL},
    {"PivotPX", rel_pivot, NULL},
    {"Pivot", rel_pivot, NULL},
};

bool ds_rel_stage(DsBuild *B, const StrMap *recs, AstStep *s, const DsRec *stage)
{
	const char *type = s->orig_kind;
	for (size_t i = 0; type && i < sizeof rel_stages / sizeof *rel_stages; i++) {
		if (!is(type, rel_stages[i].type))
			continue;
		Rel R = {.B = B, .doc = ds_doc(B), .sink = ds_sink(B), .recs = recs, .s = s, .rec = stage};
		R.a = R.doc->arena;
		pins(&R, "InputPins", &R.ins);
		pins(&R, "OutputPins", &R.outs);
		if (rel_stages[i].read)
			rel_stages[i].read(&R);
		else
			review(&R, "%s", rel_stages[i].why);
		return true;
	}
	return false;
}
