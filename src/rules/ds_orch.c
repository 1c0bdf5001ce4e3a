/* ds_orch.c - DataStage sequence jobs to IrWorkflows (src/rules;
 * ds_orch.h): activities to tasks, triggers to dependencies whose
 * expressions become SQL booleans over settings, Start Loop / End Loop and
 * the Exception Handler to tasks whose bodies name them in `parent`
 * (docs/rules.md, "DataStage sequences").
 *
 * IBM InfoSphere DataStage Designer Client Guide, "Building sequence jobs":
 * "Activity stages" (Job, Routine, ExecCommand, Email Notification,
 * Wait-for-file, Exception Handler, Nested Conditions, Sequencer,
 * Terminator, Start Loop and End Loop, User Variable); "Triggers"
 * (Conditional: OK, Failed, Warnings, ReturnValue, Custom, UserStatus;
 * Unconditional; Otherwise: "used as a default where a source activity has
 * multiple output triggers, but none of the conditional ones have fired");
 * "Activity properties" (the variables a trigger expression reads:
 * stage_label.$ExitStatus, $UserStatus, $JobName, $ReturnValue,
 * $CommandName, $CommandOutput, $RoutineName, $ErrSource, $ErrNumber,
 * $ErrMessage); "Job activity properties" (Execution Action: Run, Reset if
 * required then run, Validate only, Reset only; Do not checkpoint run);
 * "Start Loop activity properties" (Numeric: From, Step, To; List:
 * Delimited values, Delimiter; the counter is stage_label.$Counter; the
 * End Loop has a link drawn back to its Start Loop); "Sequencer activity
 * properties" (All / Any); "Job sequence properties, General page" (Add
 * checkpoints so sequence is restartable, Automatically handle activities
 * that fail).  Job status values are those of DSGetJobInfo (DSJS.RUNOK 1,
 * RUNWARN 2, RUNFAILED 3, ...; BASIC's JOBCONTROL.H).
 *
 * A trigger expression is read in the derivation language (src/expr/lang/
 * datastage): stage_label.$Var becomes the setting akko.<label>__<var>
 * (W0623: the runner sets it after the activity), DSJS.X its number, a bare
 * sequence parameter #NAME#; terms testing only the status of the activity
 * the trigger leaves fold into the dependency's `on`, as for PowerCenter
 * links (pc_orch.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"
#include "expr/dialect.h"
#include "expr/expr.h"
#include "expr/lang.h"
#include "rules/ds_orch.h"
#include "rules/orch_expr.h"
#include "rules/pc.h"

/* A loop's or exception handler's body. */
typedef struct Body {
	const AstTask *owner; /* the Start Loop or the Exception Handler */
	const AstTask *end;   /* the End Loop, or NULL */
	const AstLink *back;  /* the End Loop's trigger back to the Start Loop */
	PtrVec tasks;         /* the body, without the owner */
} Body;

typedef struct Orch {
	Arena *a;
	const AstDoc *doc;
	DiagSink *sink;
	const AstControl *seq;
	IrDoc *out;
	IrWorkflow *wf;
	StrMap ids;
	PtrVec ast, ir; /* AstTask * -> IrTask *, side by side */
	bool auto_fail; /* "Automatically handle activities that fail" */
	PtrVec bodies;  /* Body: the loops' and the exception handler's */
	int depth;      /* user variables typed from user variables */
} Orch;

/* ---- warnings ------------------------------------------------------------------- */

static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, const char *fmt, ...) PRINTF_LIKE(5, 6);

static const char *context_of(Orch *o)
{
	return arena_sprintf(o->a, "in sequence '%s'", o->seq->name);
}

static void warn(Orch *o, IrTask *t, DiagCode code, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = expr_vformat(o->a, fmt, ap);
	va_end(ap);
	orch_warn(o->a, o->sink, t, code, loc, context_of(o), msg);
}

#define cap orch_cap

static void review(IrTask *t, double c)
{
	t->review = true;
	cap(t, c);
}

/* ---- properties ------------------------------------------------------------------- */

/* The first of `names` the activity has with a value (the export's property
 * names; several spellings where the releases differ). */
static const AstProp *prop_any(const PtrVec *props, const char *const *names)
{
	for (; *names; names++) {
		const AstProp *p = ast_props_find_name(props, *names);
		if (p && *p->value)
			return p;
	}
	return NULL;
}

static const char *val_any(const PtrVec *props, const char *const *names)
{
	const AstProp *p = prop_any(props, names);
	return p ? p->value : NULL;
}

static bool truthy(const char *v)
{
	return v && (strcmp(v, "1") == 0 || ascii_ieq(v, "true") || ascii_ieq(v, "yes"));
}

static const char *elem_attr(const AstElem *e, const char *const *names)
{
	for (; *names; names++)
		for (uint32_t i = 0; i < e->attrs.len; i++) {
			const AstProp *p = e->attrs.items[i];
			if (ascii_ieq(p->name, *names))
				return p->value;
		}
	return NULL;
}

/* ---- names the expressions read -------------------------------------------------------- */

/* The activity variables of "Activity properties", with their types. */
static const struct {
	const char *var;
	ExprType type;
} activity_vars[] = {
    {"$ExitStatus", XT_INTEGER},    {"$JobStatus", XT_INTEGER},    {"$UserStatus", XT_STRING},
    {"$JobName", XT_STRING},        {"$ReturnValue", XT_INTEGER},  {"$CommandName", XT_STRING},
    {"$CommandOutput", XT_STRING},  {"$RoutineName", XT_STRING},   {"$ErrSource", XT_STRING},
    {"$ErrNumber", XT_INTEGER},     {"$ErrMessage", XT_STRING},    {"$Counter", XT_STRING},
};

/* Job status values (DSGetJobInfo DSJ.JOBSTATUS) and the outcome each is:
 * OK, with warnings, failed, or not a finished run. */
enum { ST_OK = 1, ST_WARN = 2, ST_FAIL = 4, ST_OTHER = 8, ST_ALL = 15 };

static const struct {
	const char *word;
	int value;
	unsigned bit;
} job_status[] = {
    {"RUNNING", 0, ST_OTHER},   {"RUNOK", 1, ST_OK},        {"RUNWARN", 2, ST_WARN},
    {"RUNFAILED", 3, ST_FAIL},  {"QUEUED", 4, ST_OTHER},    {"VALOK", 11, ST_OK},
    {"VALWARN", 12, ST_WARN},   {"VALFAILED", 13, ST_FAIL}, {"RESET", 21, ST_OTHER},
    {"CRASHED", 96, ST_FAIL},   {"STOPPED", 97, ST_FAIL},   {"NOTRUNNABLE", 98, ST_OTHER},
    {"NOTRUNNING", 99, ST_OTHER},
};

static int status_word(const Expr *e)
{
	if (e->kind != EX_QNAME || !e->text || !ascii_ieq(e->text, "DSJS"))
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(job_status); i++)
		if (ascii_ieq(e->name, job_status[i].word))
			return (int)i;
	return -1;
}

static const AstTask *activity_named(Orch *o, const char *name)
{
	for (uint32_t i = 0; name && i < o->seq->tasks.len; i++) {
		const AstTask *t = o->seq->tasks.items[i];
		if (ascii_ieq(t->name, name))
			return t;
	}
	return NULL;
}

static int activity_var(const char *var)
{
	for (size_t i = 0; var && i < ARRAY_LEN(activity_vars); i++)
		if (ascii_ieq(var, activity_vars[i].var))
			return (int)i;
	return -1;
}

/* label.$ExitStatus or label.$JobStatus of the activity `from`. */
static bool is_status_of(Orch *o, const Expr *e, const char *from)
{
	(void)o;
	return e->kind == EX_QNAME && e->text && from && ascii_ieq(e->text, from) &&
	       (ascii_ieq(e->name, "$ExitStatus") || ascii_ieq(e->name, "$JobStatus"));
}

/* The outcomes of `from` for which `e` holds, or -1 when `e` tests
 * anything else. */
static int status_set(Orch *o, const Expr *e, const char *from)
{
	if (e->kind == EX_UNARY && e->op == OP_NOT) {
		int s = status_set(o, e->args[0], from);
		return s < 0 ? -1 : ST_ALL & ~s;
	}
	if (e->kind != EX_BINARY)
		return -1;
	if (e->op == OP_AND || e->op == OP_OR) {
		int l = status_set(o, e->args[0], from), r = status_set(o, e->args[1], from);
		if (l < 0 || r < 0)
			return -1;
		return e->op == OP_AND ? (l & r) : (l | r);
	}
	if (e->op != OP_EQ && e->op != OP_NE)
		return -1;
	const Expr *var = e->args[0], *word = e->args[1];
	if (!is_status_of(o, var, from)) {
		var = e->args[1];
		word = e->args[0];
	}
	int w = status_word(word);
	if (!is_status_of(o, var, from) || w < 0)
		return -1;
	int bit = (int)job_status[w].bit;
	return e->op == OP_EQ ? bit : ST_ALL & ~bit;
}


typedef OrchCond Cond;

static void translate_text(Orch *o, const char *text, bool condition, Cond *c);

static bool is_seq_param(Orch *o, const char *name)
{
	for (uint32_t i = 0; i < o->seq->params.len; i++)
		if (ascii_ieq(((const AstParam *)o->seq->params.items[i])->name, name))
			return true;
	return false;
}

/* label.$Var and label.uservar become #label.$Var# (a setting the runner
 * sets), DSJS.X its number, a bare sequence parameter #NAME#. */
static void rewrite(OrchRewrite *rw, const Expr *e)
{
	Orch *o = rw->ud;
	int w = status_word(e);
	if (w >= 0) {
		orch_replace(rw, e, arena_sprintf(o->a, "%d", job_status[w].value));
		return;
	}
	if (e->kind == EX_QNAME && e->text && activity_named(o, e->text)) {
		orch_replace(rw, e, arena_sprintf(o->a, "#%s.%s#", e->text, e->name));
		rw->task_vars |= !ascii_ieq(e->name, "$Counter"); /* the loop sets its counter */
		return;
	}
	if (e->kind == EX_NAME && e->name && is_seq_param(o, e->name)) {
		orch_replace(rw, e, arena_sprintf(o->a, "#%s#", e->name));
		return;
	}
	for (uint32_t i = 0; i < e->nargs; i++)
		rewrite(rw, e->args[i]);
}

static bool list_loop(const AstTask *t);
static const char *const UV_NAME_KEYS[] = {"Name", "VarName", NULL};
static const char *const UV_VALUE_KEYS[] = {"Expression", "Value", "VarValue", NULL};

/* The type of user variable `name` of User Variables activity `act`: its
 * expression's (text when unknown). */
static ExprType uservar_type(Orch *o, const AstTask *act, const char *name)
{
	for (uint32_t i = 0; o->depth < 8 && i < act->extras.len; i++) {
		const AstElem *e = act->extras.items[i];
		const char *n = elem_attr(e, UV_NAME_KEYS), *v = elem_attr(e, UV_VALUE_KEYS);
		if (!n || !v || !ascii_ieq(n, name))
			continue;
		Cond c;
		o->depth++;
		translate_text(o, v, false, &c);
		o->depth--;
		return c.translated && c.type != XT_UNKNOWN && c.type != XT_NULL ? c.type : XT_STRING;
	}
	return XT_STRING;
}

static const ExprBinding *resolve(void *ud, BindKind what, const char *name)
{
	Orch *o = ud;
	if (what != BIND_PARAM)
		return NULL; /* a trigger reads no columns */
	const char *dot = strchr(name, '.');
	const AstTask *act = dot ? activity_named(o, arena_strndup(o->a, name, (size_t)(dot - name))) : NULL;
	if (act) {
		int v = activity_var(dot + 1);
		ExprBinding *b = ARENA_NEW(o->a, ExprBinding);
		b->kind = BIND_PARAM;
		b->name = name;
		b->type = v >= 0 ? activity_vars[v].type : uservar_type(o, act, dot + 1);
		if (v >= 0 && ascii_ieq(dot + 1, "$Counter") && !list_loop(act))
			b->type = XT_INTEGER; /* a numeric loop's counter */
		b->declared = true;
		return b;
	}
	return ds_control_resolve_param(o->a, o->doc, o->seq, name);
}



static void translate_spans(Orch *o, const char *text, const PtrVec *terms, bool condition, Cond *c)
{
	ExprEnv env = {.lang = expr_language(LANG_DATASTAGE),
		       .dialect = &dialect_postgres,
		       .condition = condition,
		       .resolve = resolve,
		       .ud = o};
	orch_translate_terms(o->a, &env, text, terms, rewrite, o, c);
	if (!c->translated && !c->why)
		c->why = "it is not supported";
}

/* The tree of `text` in the derivation language, or NULL with *why. */
static Expr *parse(Orch *o, const char *text, const char **why)
{
	PtrVec issues = {0};
	Expr *e = expr_parse(o->a, expr_language(LANG_DATASTAGE), text, strlen(text), &issues);
	if (!e)
		*why = issues.len ? ((ExprIssue *)issues.items[0])->msg : "it does not parse";
	return e;
}

/* A whole expression (a value, a loop bound, a condition). */
static void translate_text(Orch *o, const char *text, bool condition, Cond *c)
{
	memset(c, 0, sizeof *c);
	Expr *e = parse(o, text, &c->why);
	if (!e)
		return;
	PtrVec one = {0};
	ptrvec_push(o->a, &one, e);
	translate_spans(o, text, &one, condition, c);
}

static void keep_issues(Orch *o, IrTask *t, const Cond *c, SrcLoc loc, const char *what)
{
	orch_keep_issues(o->a, o->sink, context_of(o), t, c, loc, what, "activity");
}

/* A value given to a parameter, argument or variable: NULL when it is not
 * translated (review, W0621). */
static const char *translate_value(Orch *o, IrTask *t, const char *text, SrcLoc loc, const char *what)
{
	Cond c;
	translate_text(o, text, false, &c);
	if (!c.translated) {
		review(t, 0.5);
		warn(o, t, W_ORCH_CONDITION, loc, "%s is not translated: %s", what, c.why);
		return NULL;
	}
	cap(t, c.confidence < 0.9 ? c.confidence : 0.9);
	keep_issues(o, t, &c, loc, what);
	return c.sql;
}

/* ---- triggers ---------------------------------------------------------------------- */

/* The Expression Type of a trigger (ConditionType), in the order of the
 * Triggers page's list. */
enum {
	TRIG_UNCONDITIONAL,
	TRIG_OTHERWISE,
	TRIG_OK,
	TRIG_FAILED,
	TRIG_WARNING,
	TRIG_CUSTOM,
	TRIG_USERSTATUS,
	TRIG_RETURNVALUE,
	TRIG_COUNT
};

static const char *const trigger_names[TRIG_COUNT] = {
    "Unconditional", "Otherwise", "OK", "Failed", "Warning", "Custom", "UserStatus", "ReturnValue",
};

static int trigger_type(const AstLink *l)
{
	static const char *const names[] = {"ConditionType", "ExpressionType", "TriggerType", NULL};
	const char *v = val_any(&l->props, names);
	if (!v)
		return l->cond ? TRIG_CUSTOM : TRIG_UNCONDITIONAL;
	for (int i = 0; i < TRIG_COUNT; i++)
		if (ascii_ieq(v, trigger_names[i]))
			return i;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n >= TRIG_COUNT ? -1 : (int)n;
}

static IrTask *ir_of(Orch *o, const AstTask *t);
static IrTask *trigger_end(Orch *o, const AstTask *t);
static bool start_loop(const AstTask *t);
static bool end_loop(const AstTask *t);

/* The condition of a Custom, UserStatus or ReturnValue trigger, folding the
 * terms about `from`'s status into `on`. */
static void trigger_condition(Orch *o, const AstLink *l, IrTask *to, IrDep *d, const char *text, int type)
{
	const char *what = arena_sprintf(o->a, "the trigger '%s' from '%s'", l->name ? l->name : "",
					 l->from_name);
	SrcLoc loc = l->cond ? l->cond->loc : l->loc;
	const char *why = NULL;
	Expr *e = parse(o, text, &why);
	if (e && type == TRIG_RETURNVALUE && e->kind != EX_BINARY) {
		/* the value alone: label.$ReturnValue = value */
		text = arena_sprintf(o->a, "%s.$ReturnValue = %s", l->from_name, text);
		e = parse(o, text, &why);
	} else if (e && type == TRIG_USERSTATUS && e->kind != EX_BINARY) {
		text = arena_sprintf(o->a, "%s.$UserStatus = %s", l->from_name, text);
		e = parse(o, text, &why);
	}
	if (!e) {
		review(to, 0.5);
		warn(o, to, W_ORCH_CONDITION, loc, "the condition of %s is not translated: %s", what, why);
		return;
	}
	PtrVec terms = {0}, rest = {0};
	orch_and_terms(o->a, e, &terms);
	int set = ST_ALL;
	bool folded = false;
	for (uint32_t i = 0; i < terms.len; i++) {
		int s = status_set(o, terms.items[i], l->from_name);
		if (s >= 0) {
			set &= s;
			folded = true;
		} else {
			ptrvec_push(o->a, &rest, terms.items[i]);
		}
	}
	if (folded) {
		int s = set & (ST_OK | ST_WARN | ST_FAIL);
		if (s == ST_FAIL)
			d->on = "failure";
		else if (s && !(s & ST_FAIL))
			d->on = "success";
		else if (s)
			d->on = "completion";
		if (s == ST_OK || s == ST_WARN || s == (ST_OK | ST_FAIL) || s == (ST_WARN | ST_FAIL)) {
			cap(to, 0.8);
			warn(o, to, W_DS_SEQ_WARNINGS, loc,
			     "%s tests for a run %s warnings; it becomes on: %s", what,
			     (s & ST_OK) ? "without" : "with", d->on);
		}
		if (!s) { /* the status tests contradict: never followed */
			rest = terms;
			d->on = "any";
		}
	}
	if (!rest.len)
		return;
	Cond c = {0};
	translate_spans(o, text, &rest, true, &c);
	if (!c.translated) {
		review(to, 0.5);
		warn(o, to, W_ORCH_CONDITION, loc, "the condition of %s is not translated: %s", what, c.why);
		return;
	}
	d->condition = c.sql;
	cap(to, c.confidence < 0.9 ? c.confidence : 0.9);
	keep_issues(o, to, &c, loc, arena_sprintf(o->a, "the condition of %s", what));
}

static void lower_trigger(Orch *o, const AstLink *l)
{
	IrTask *to = ir_of(o, l->to), *from = trigger_end(o, l->from);
	if (l->to && end_loop(l->to) && from) { /* the end of an iteration */
		IrTask *loop = trigger_end(o, l->to);
		int type = trigger_type(l);
		if (loop && loop != from && type != TRIG_UNCONDITIONAL) {
			cap(loop, 0.7);
			warn(o, loop, W_DS_SEQ_LOOP, l->loc,
			     "the trigger '%s' from '%s' into End Loop '%s' is %s; the loop runs its next "
			     "iteration whenever the body finishes",
			     l->name ? l->name : "", l->from_name, l->to_name,
			     type >= 0 ? trigger_names[type] : "of an unknown type");
		}
		return;
	}
	if (!to || !from)
		return; /* E1212 was reported by the frontend */
	IrDep *d = ARENA_NEW(o->a, IrDep);
	d->task = from->id;
	d->on = "completion";
	ptrvec_push(o->a, &to->depends_on, d);
	const char *text = l->cond ? l->cond->text : NULL;
	d->condition_source = text;
	int type = trigger_type(l);
	switch (type) {
	case TRIG_UNCONDITIONAL: d->condition_source = NULL; break;
	case TRIG_OTHERWISE:
		d->condition_source = NULL;
		d->otherwise = true;
		break;
	case TRIG_OK:
	case TRIG_WARNING:
		/* one outcome for a run with or without warnings: the expression
		 * DataStage wrote for the trigger says which statuses it takes */
		d->on = "success";
		if (text && *str_trim(str_from(text)).ptr) {
			trigger_condition(o, l, to, d, text, TRIG_CUSTOM);
		} else if (type == TRIG_WARNING || (l->from && l->from->kind == TASK_RUN_FLOW)) {
			cap(to, 0.8);
			warn(o, to, W_DS_SEQ_WARNINGS, l->loc, "the %s trigger '%s' from '%s' becomes on: success",
			     trigger_names[type], l->name ? l->name : "", l->from_name);
		}
		break;
	case TRIG_FAILED: d->on = "failure"; break;
	case TRIG_CUSTOM:
	case TRIG_USERSTATUS:
	case TRIG_RETURNVALUE:
		if (text && *str_trim(str_from(text)).ptr) {
			trigger_condition(o, l, to, d, text, type);
		} else {
			review(to, 0.5);
			warn(o, to, W_DS_SEQ_TRIGGER, l->loc, "the %s trigger '%s' from '%s' has no expression",
			     trigger_names[type], l->name ? l->name : "", l->from_name);
		}
		break;
	default:
		review(to, 0.5);
		warn(o, to, W_DS_SEQ_TRIGGER, l->loc,
		     "the trigger '%s' from '%s' has an expression type that is not known; it is followed "
		     "on completion",
		     l->name ? l->name : "", l->from_name);
		break;
	}
}

/* ---- activities -------------------------------------------------------------------- */

static const char *setting_of(Orch *o, const char *name)
{
	return pc_param_setting(o->a, name);
}

static const char *const NAME_KEYS[] = {"ParamName", "Name", "ArgName", NULL};
static const char *const VALUE_KEYS[] = {"ParamValue", "Value", "Expression", "ArgValue", NULL};

/* A parameter set the sequence uses, or one the export defines. */
static bool is_param_set(Orch *o, const char *name)
{
	for (uint32_t i = 0; i < o->seq->param_sets.len; i++)
		if (ascii_ieq(o->seq->param_sets.items[i], name))
			return true;
	for (uint32_t i = 0; i < o->doc->folders.len; i++) {
		const AstFolder *f = o->doc->folders.items[i];
		for (uint32_t k = 0; k < f->params.len; k++) {
			const AstParam *p = f->params.items[k];
			if (p->scope == SCOPE_PARAMETER_SET && p->set && ascii_ieq(p->set, name))
				return true;
		}
	}
	return false;
}

/* The name a value passes on unchanged: #P#, a sequence parameter, an
 * activity's variable or a user variable; else NULL. */
static const char *passed_through(Orch *o, const Expr *e)
{
	if (e->kind == EX_PARAM)
		return e->name;
	if (e->kind == EX_NAME && is_seq_param(o, e->name))
		return e->name;
	if (e->kind == EX_QNAME && e->text && activity_named(o, e->text))
		return arena_sprintf(o->a, "%s.%s", e->text, e->name);
	return NULL;
}

/* The parameter values of a Job activity, or the arguments of a Routine
 * activity: every sub-record with a name and a value expression. */
static void arguments(Orch *o, const AstTask *t, IrTask *it, const char *target, bool job)
{
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		const char *name = elem_attr(e, NAME_KEYS), *v = elem_attr(e, VALUE_KEYS);
		if (!name || !v)
			continue;
		IrAssign *as = ARENA_NEW(o->a, IrAssign);
		as->variable = name;
		as->setting = setting_of(o, name);
		as->source = v;
		ptrvec_push(o->a, &it->arguments, as);
		Str tv = str_trim(str_from(v));
		if (str_ieq_cstr(tv, "$PROJDEF") || str_ieq_cstr(tv, "$ENV") || str_ieq_cstr(tv, "$UNSET")) {
			cap(it, 0.8);
			warn(o, it, W_DS_SEQ_PROJDEF, e->loc,
			     "%s '%s' of '%s' takes %s: no value is passed, the run reads the project's own", job
			     ? "parameter" : "argument", name, target, v);
			continue;
		}
		if (!tv.len) /* left empty: the job's default */
			continue;
		if (job && is_param_set(o, name)) {
			/* a parameter set passed whole: "(As pre-defined)" (the set's
			 * defaults), the caller's own set, or a value file's name */
			if (!str_ieq_cstr(tv, "(As pre-defined)") && !str_ieq_cstr(tv, name)) {
				cap(it, 0.8);
				warn(o, it, W_DS_SEQ_PARAM_SET, e->loc,
				     "parameter set '%s' of '%s' takes the value file '%s'", name, target, v);
			}
			continue;
		}
		const char *why = NULL, *ref = NULL;
		const Expr *pe = parse(o, v, &why);
		if (pe && (ref = passed_through(o, pe))) {
			/* a parameter or variable passed on: its text, not converted */
			as->value = arena_sprintf(o->a, "current_setting('%s')", setting_of(o, ref));
			if (pe->kind == EX_QNAME)
				warn(o, it, W_ORCH_TASK_VAR, e->loc, "the value of %s '%s' reads '%s' from its run-time setting",
				     job ? "parameter" : "argument", name, ref);
			continue;
		}
		as->value = translate_value(o, it, v, e->loc,
					    arena_sprintf(o->a, "the value of %s '%s'", job ? "parameter" : "argument",
							  name));
	}
}

static bool pipeline_in_file(Orch *o, const char *name)
{
	/* a unit of a file read unit by unit: its jobs are the whole
	 * document's (one pipeline per job, of its name) */
	for (uint32_t i = 0; o->doc->whole && i < o->doc->whole->folders.len; i++) {
		const AstFolder *f = o->doc->whole->folders.items[i];
		for (uint32_t k = 0; k < f->flows.len; k++) {
			const AstFlow *fl = f->flows.items[k];
			if (fl->kind != FLOW_MAPPLET && strcmp(fl->name, name) == 0)
				return true;
		}
	}
	for (uint32_t i = 0; i < o->out->pipelines.len; i++)
		if (strcmp(((IrPipeline *)o->out->pipelines.items[i])->name, name) == 0)
			return true;
	return false;
}

static const AstControl *sequence_in_file(Orch *o, const char *name)
{
	const AstDoc *doc = o->doc->whole ? o->doc->whole : o->doc;
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t k = 0; k < f->controls.len; k++) {
			const AstControl *c = f->controls.items[k];
			if (c->kind == CTRL_SEQUENCE && strcmp(c->name, name) == 0)
				return c;
		}
	}
	return NULL;
}

/* Execution Action, in the order of the Job activity page's list. */
static const char *const run_modes[] = {"run", "reset_then_run", "validate", "reset"};

static void lower_job(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const job_keys[] = {"JobName", "Job", NULL};
	const char *job = t->def_name ? t->def_name : val_any(&t->props, job_keys);
	if (!job || !*job) {
		it->type = TASK_T_OPAQUE;
		review(it, 0);
		warn(o, it, W_ORCH_OPAQUE, t->loc, "job activity '%s' names no job", t->name);
		return;
	}
	if (pipeline_in_file(o, job)) {
		it->type = TASK_T_PIPELINE;
		it->pipeline = job;
	} else if (sequence_in_file(o, job)) {
		it->type = TASK_T_WORKFLOW;
		it->workflow = job;
	} else {
		it->type = TASK_T_PACKAGE;
		it->package = job;
		cap(it, 0.9);
		warn(o, it, W_DS_SEQ_JOB_ELSEWHERE, t->loc,
		     "job activity '%s' runs job '%s', which is not in this export", t->name, job);
	}
	arguments(o, t, it, job, true);
	static const char *const action_keys[] = {"ExecutionAction", "ExecAction", "Action", NULL};
	const AstProp *act = prop_any(&t->props, action_keys);
	if (act) {
		char *end;
		long n = strtol(act->value, &end, 10);
		const char *mode = NULL;
		if (!*end && n >= 0 && n < (long)ARRAY_LEN(run_modes))
			mode = run_modes[n];
		for (size_t i = 0; !mode && i < ARRAY_LEN(run_modes); i++)
			if (ascii_ieq(act->value, run_modes[i]))
				mode = run_modes[i];
		if (!mode) {
			review(it, 0.5);
			warn(o, it, W_DS_SEQ_RUN_MODE, act->loc, "job activity '%s': execution action '%s' is not known",
			     t->name, act->value);
		} else if (strcmp(mode, "run") != 0) {
			it->run_mode = mode;
			if (strcmp(mode, "reset_then_run") == 0) {
				it->note = "Reset if required, then run: a pipeline has nothing to reset, it runs";
			} else {
				review(it, 0.5);
				warn(o, it, W_DS_SEQ_RUN_MODE, act->loc,
				     "job activity '%s' does not run the job (execution action: %s)", t->name,
				     mode);
			}
		}
	}
	static const char *const nockp[] = {"DoNotCheckpoint", "DoNotCheckpointRun", "NoCheckpoint", NULL};
	it->no_checkpoint = truthy(val_any(&t->props, nockp));
}

static const AstFunction *routine_in_file(Orch *o, const char *name)
{
	for (uint32_t i = 0; name && i < o->doc->folders.len; i++) {
		const AstFolder *f = o->doc->folders.items[i];
		for (uint32_t k = 0; k < f->functions.len; k++) {
			const AstFunction *fn = f->functions.items[k];
			const char *slash = strrchr(fn->name, '\\');
			if (strcmp(fn->name, name) == 0 || (slash && strcmp(slash + 1, name) == 0))
				return fn;
		}
	}
	return NULL;
}

static void lower_routine(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const keys[] = {"RoutineName", "Routine", NULL};
	const char *name = val_any(&t->props, keys);
	it->type = TASK_T_SCRIPT;
	it->language = "DataStage BASIC";
	review(it, 0);
	const AstFunction *fn = routine_in_file(o, name);
	if (fn && fn->body) {
		IrCode *c = ARENA_NEW(o->a, IrCode);
		c->name = fn->name;
		c->text = fn->body->text;
		ptrvec_push(o->a, &it->code, c);
	}
	arguments(o, t, it, name ? name : "", false);
	if (fn && fn->body)
		warn(o, it, W_DS_SEQ_ROUTINE, t->loc, "routine activity '%s': routine '%s' is kept as code for review",
		     t->name, name);
	else
		warn(o, it, W_DS_SEQ_ROUTINE, t->loc,
		     "routine activity '%s': routine '%s' is not in this export; what it does must be found "
		     "out by hand",
		     t->name, name ? name : "");
}

static void lower_command(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const cmd_keys[] = {"CommandName", "Command", NULL};
	static const char *const arg_keys[] = {"CommandParameters", "Parameters", NULL};
	const char *cmd = val_any(&t->props, cmd_keys), *args = val_any(&t->props, arg_keys);
	it->type = TASK_T_COMMAND;
	review(it, 0.5);
	if (cmd)
		ptrvec_push(o->a, &it->commands,
			    (void *)(args ? arena_sprintf(o->a, "%s %s", cmd, args) : cmd));
	warn(o, it, W_ORCH_COMMAND, t->loc, "ExecCommand activity '%s' is kept as written", t->name);
}

/* User Variables: each variable "label.name" gets its value expression. */
static void lower_uservars(Orch *o, const AstTask *t, IrTask *it)
{
	it->type = TASK_T_ASSIGNMENT;
	cap(it, 0.9);
	for (uint32_t i = 0; i < t->extras.len; i++) {
		const AstElem *e = t->extras.items[i];
		const char *name = elem_attr(e, UV_NAME_KEYS), *v = elem_attr(e, UV_VALUE_KEYS);
		if (!name || !v)
			continue;
		IrAssign *as = ARENA_NEW(o->a, IrAssign);
		as->variable = arena_sprintf(o->a, "%s.%s", t->name, name);
		as->setting = setting_of(o, as->variable);
		as->source = v;
		as->value = translate_value(o, it, v, e->loc, arena_sprintf(o->a, "the value of '%s'", as->variable));
		ptrvec_push(o->a, &it->assignments, as);
	}
}

static const char *note_of(Orch *o, const AstTask *t, const char *const *keys, const char *const *labels)
{
	Sbuf b;
	sbuf_init(&b, 64);
	for (size_t i = 0; keys[i]; i++) {
		const AstProp *p = ast_props_find_name(&t->props, keys[i]);
		if (!p || !*p->value || p->sensitive)
			continue;
		sbuf_addf(&b, "%s%s: %s", b.len ? "; " : "", labels[i], p->value);
	}
	const char *s = b.len ? arena_strdup(o->a, b.buf) : NULL;
	sbuf_release(&b);
	return s;
}

static void lower_setting_task(Orch *o, const AstTask *t, IrTask *it, TaskType type, DiagCode code,
			       const char *what, const char *const *keys, const char *const *labels)
{
	it->type = type;
	cap(it, 0.8);
	it->note = note_of(o, t, keys, labels);
	warn(o, it, code, t->loc, "%s '%s': %s", what, t->name, it->note ? it->note : "no settings");
}

static void lower_terminator(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const keys[] = {"SendStop", "StopMode", "WaitForJobs", "FinalMessage", NULL};
	static const char *const labels[] = {"send STOP requests", "stop mode", "wait for the jobs",
					     "final message"};
	lower_setting_task(o, t, it, TASK_T_CONTROL, W_DS_SEQ_TERMINATOR, "Terminator", keys, labels);
}

static void lower_wait(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const keys[] = {"FileName", "WaitFile", "WaitMode", "WaitForFileToAppear",
					   "Timeout", "TimeoutLength", NULL};
	static const char *const labels[] = {"file", "file", "mode", "wait for the file to appear", "timeout",
					     "timeout"};
	lower_setting_task(o, t, it, TASK_T_WAIT, W_DS_SEQ_WAIT, "Wait-for-file", keys, labels);
}

static void lower_notify(Orch *o, const AstTask *t, IrTask *it)
{
	static const char *const keys[] = {"SenderAddress", "ToAddress", "Recipients", "Subject", "Body",
					   "IncludeJobStatus", NULL};
	static const char *const labels[] = {"from", "to", "to", "subject", "body", "include job status"};
	lower_setting_task(o, t, it, TASK_T_EMAIL, W_DS_SEQ_NOTIFY, "notification", keys, labels);
}

static bool is_type(const AstTask *t, const char *type)
{
	return t->orig_kind && ascii_ieq(t->orig_kind, type);
}

static void lower_kind(Orch *o, const AstTask *t, IrTask *it)
{
	if (is_type(t, "CSequencer")) { /* All / Any: join; nothing to do */
		it->type = TASK_T_DECISION;
		return;
	}
	if (is_type(t, "CExceptionHandler")) {
		it->type = TASK_T_EVENT_HANDLER;
		it->event = "OnError";
		cap(it, 0.8);
		warn(o, it, W_DS_SEQ_HANDLER, t->loc, "Exception Handler '%s' runs its activities when %s",
		     t->name,
		     o->auto_fail ? "an activity fails to run or a job aborts with no failure trigger"
				  : "an activity fails to run (the sequence does not handle failing activities "
				    "automatically)");
		return;
	}
	switch (t->kind) {
	case TASK_RUN_FLOW: lower_job(o, t, it); break;
	case TASK_DECISION: it->type = TASK_T_DECISION; break; /* Nested Condition: its triggers decide */
	case TASK_SCRIPT: lower_routine(o, t, it); break;
	case TASK_COMMAND: lower_command(o, t, it); break;
	case TASK_ASSIGNMENT: lower_uservars(o, t, it); break;
	case TASK_CONTROL: lower_terminator(o, t, it); break;
	case TASK_EVENT_WAIT: lower_wait(o, t, it); break;
	case TASK_EMAIL: lower_notify(o, t, it); break;
	default:
		it->type = TASK_T_OPAQUE;
		review(it, 0);
		warn(o, it, W_ORCH_OPAQUE, t->loc, "activity '%s' of type '%s' is not converted", t->name,
		     it->origin.kind);
		break;
	}
}

/* The task a trigger leaving `t` waits for: an End Loop's is its loop. */
static IrTask *trigger_end(Orch *o, const AstTask *t)
{
	for (uint32_t i = 0; t && end_loop(t) && i < o->bodies.len; i++) {
		const Body *b = o->bodies.items[i];
		if (b->end == t)
			return ir_of(o, b->owner);
	}
	return ir_of(o, t);
}

static IrTask *ir_of(Orch *o, const AstTask *t)
{
	for (uint32_t i = 0; t && i < o->ast.len; i++)
		if (o->ast.items[i] == t)
			return o->ir.items[i];
	return NULL;
}

/* ---- loops ----------------------------------------------------------------------- */

static bool start_loop(const AstTask *t)
{
	return is_type(t, "CStartLoopActivity");
}

static bool end_loop(const AstTask *t)
{
	return is_type(t, "CEndLoopActivity");
}

static const char *const LOOP_TYPE_KEYS[] = {"LoopType", "CounterType", NULL};
static const char *const LOOP_LIST_KEYS[] = {"DelimitedValues", "LoopValues", "List", NULL};

/* A List loop (Loop type List), else a Numeric one. */
static bool list_loop(const AstTask *t)
{
	const char *type = val_any(&t->props, LOOP_TYPE_KEYS);
	if (type)
		return strcmp(type, "1") == 0 || ascii_ieq(type, "List");
	return val_any(&t->props, LOOP_LIST_KEYS) != NULL;
}

/* The tasks reachable from `from` following triggers forwards (or
 * backwards), not passing through `stop` nor over `skip`. */
static void reach(Orch *o, const AstTask *from, const AstTask *stop, const AstLink *skip, bool forward,
		  PtrVec *seen)
{
	for (uint32_t i = 0; i < seen->len; i++)
		if (seen->items[i] == from)
			return;
	ptrvec_push(o->a, seen, (void *)from);
	if (from == stop)
		return;
	for (uint32_t i = 0; i < o->seq->links.len; i++) {
		const AstLink *l = o->seq->links.items[i];
		if (l == skip)
			continue;
		if (forward && l->from == from && l->to)
			reach(o, l->to, stop, skip, forward, seen);
		else if (!forward && l->to == from && l->from)
			reach(o, l->from, stop, skip, forward, seen);
	}
}

static bool in(const PtrVec *v, const void *x)
{
	for (uint32_t i = 0; i < v->len; i++)
		if (v->items[i] == x)
			return true;
	return false;
}


/* The body of a Start Loop: what lies between it and the End Loop whose
 * trigger goes back to it; of an Exception Handler: what it reaches. */
static Body *body_of(Orch *o, const AstTask *owner)
{
	Body *b = ARENA_NEW(o->a, Body);
	b->owner = owner;
	if (!start_loop(owner)) {
		reach(o, owner, NULL, NULL, true, &b->tasks);
		b->tasks.items[0] = b->tasks.items[--b->tasks.len]; /* drop the owner itself */
		return b;
	}
	/* the End Loop whose trigger goes back to it, and that it reaches */
	for (uint32_t i = 0; i < o->seq->links.len && !b->back; i++) {
		const AstLink *l = o->seq->links.items[i];
		if (l->to != owner || !l->from || !end_loop(l->from))
			continue;
		PtrVec fwd = {0};
		reach(o, owner, l->from, l, true, &fwd);
		if (in(&fwd, l->from)) {
			b->back = l;
			b->end = l->from;
		}
	}
	if (!b->end)
		return b;
	PtrVec fwd = {0}, bwd = {0};
	reach(o, owner, b->end, b->back, true, &fwd);
	reach(o, b->end, owner, b->back, false, &bwd);
	for (uint32_t i = 0; i < fwd.len; i++)
		if (fwd.items[i] != owner && in(&bwd, fwd.items[i]))
			ptrvec_push(o->a, &b->tasks, fwd.items[i]);
	return b;
}

/* The loop settings of a Start Loop ("Start Loop activity properties"). */
static void lower_loop(Orch *o, const AstTask *t, IrTask *it, const Body *b)
{
	static const char *const from_keys[] = {"From", "LoopFrom", "StartValue", NULL};
	static const char *const step_keys[] = {"Step", "LoopStep", "StepValue", NULL};
	static const char *const to_keys[] = {"To", "LoopTo", "EndValue", NULL};
	static const char *const delim_keys[] = {"Delimiter", "LoopDelimiter", NULL};
	it->type = TASK_T_LOOP;
	IrLoop *l = ARENA_NEW(o->a, IrLoop);
	it->loop = l;
	const char *counter = arena_sprintf(o->a, "%s.$Counter", t->name);
	const char *setting = setting_of(o, counter);
	const char *list = val_any(&t->props, LOOP_LIST_KEYS);
	bool is_list = list_loop(t);
	if (!b->end) {
		review(it, 0.5);
		warn(o, it, W_DS_SEQ_LOOP, t->loc, "Start Loop '%s' has no End Loop linked back to it; its body is empty",
		     t->name);
	}
	if (is_list) {
		const char *delim = val_any(&t->props, delim_keys);
		l->kind = "foreach";
		l->enumerator = "List";
		ptrvec_push(o->a, &l->settings, (void *)arena_sprintf(o->a, "Delimited values=%s", list ? list : ""));
		ptrvec_push(o->a, &l->settings, (void *)arena_sprintf(o->a, "Delimiter=%s", delim ? delim : ","));
		IrBinding *item = ARENA_NEW(o->a, IrBinding);
		item->name = "0";
		item->variable = counter;
		item->setting = setting;
		item->direction = "item";
		ptrvec_push(o->a, &l->items, item);
		cap(it, 0.9);
		return;
	}
	const char *from = val_any(&t->props, from_keys), *step = val_any(&t->props, step_keys),
		   *to = val_any(&t->props, to_keys);
	l->kind = "for";
	if (!from || !to) {
		review(it, 0.5);
		warn(o, it, W_DS_SEQ_LOOP, t->loc, "numeric Start Loop '%s' lacks its From or To value", t->name);
		return;
	}
	if (!step)
		step = "1";
	char *end;
	double s = strtod(step, &end);
	bool known = !*end && end != step;
	if (!known) {
		cap(it, 0.8);
		warn(o, it, W_DS_SEQ_LOOP, t->loc,
		     "Start Loop '%s': the step '%s' is not a number, so the loop is taken to count up", t->name,
		     step);
	}
	IrAssign *init = ARENA_NEW(o->a, IrAssign);
	init->variable = counter;
	init->setting = setting;
	init->source = from;
	init->value = translate_value(o, it, from, t->loc, arena_sprintf(o->a, "the From value of '%s'", t->name));
	l->init = init;
	l->condition_source = arena_sprintf(o->a, "%s %s %s", counter, known && s < 0 ? ">=" : "<=", to);
	Cond c;
	translate_text(o, arena_sprintf(o->a, "%s %s (%s)", counter, known && s < 0 ? ">=" : "<=", to), true, &c);
	l->condition = c.sql;
	if (!c.translated) {
		review(it, 0.5);
		warn(o, it, W_ORCH_CONDITION, t->loc, "the To value of '%s' is not translated: %s", t->name, c.why);
	}
	IrAssign *next = ARENA_NEW(o->a, IrAssign);
	next->variable = counter;
	next->setting = setting;
	next->source = arena_sprintf(o->a, "%s + %s", counter, step);
	next->value = translate_value(o, it, arena_sprintf(o->a, "%s + (%s)", counter, step), t->loc,
				      arena_sprintf(o->a, "the Step value of '%s'", t->name));
	l->next = next;
}

/* ---- order --------------------------------------------------------------------------- */

/* The innermost body holding `t` (the one with fewest tasks), or NULL. */
static const Body *parent_body(const PtrVec *bodies, const AstTask *t)
{
	const Body *best = NULL;
	for (uint32_t i = 0; i < bodies->len; i++) {
		const Body *b = bodies->items[i];
		if (in(&b->tasks, t) && (!best || b->tasks.len < best->tasks.len))
			best = b;
	}
	return best;
}

/* Dependencies that the nesting changes: a task waiting for its own loop
 * or handler starts its body (no dependency); one waiting for an End Loop
 * waits for the loop; one waiting for a task of another body cannot be
 * expressed (W1265, review). */
static void fix_deps(Orch *o, const PtrVec *bodies)
{
	for (uint32_t i = 0; i < o->ast.len; i++) {
		const AstTask *t = o->ast.items[i];
		IrTask *it = o->ir.items[i];
		PtrVec keep = {0};
		for (uint32_t k = 0; k < it->depends_on.len; k++) {
			IrDep *d = it->depends_on.items[k];
			const AstTask *dt = NULL;
			for (uint32_t m = 0; m < o->ast.len && !dt; m++)
				if (strcmp(((IrTask *)o->ir.items[m])->id, d->task) == 0)
					dt = o->ast.items[m];
			const Body *pb = parent_body(bodies, t);
			if (pb && dt == pb->owner)
				continue; /* the first tasks of the body */
			for (uint32_t m = 0; dt && m < bodies->len; m++) {
				const Body *b = bodies->items[m];
				if (b->end == dt) { /* after the loop */
					d->task = ir_of(o, b->owner)->id;
					dt = b->owner;
				}
			}
			const IrTask *dit = ir_of(o, dt);
			if (dit && !(dit->parent == it->parent ||
				     (dit->parent && it->parent && strcmp(dit->parent, it->parent) == 0))) {
				review(it, 0.5);
				warn(o, it, W_DS_SEQ_LOOP, (SrcLoc){o->seq->loc.file, it->origin.line, 0},
				     "the trigger from '%s' to '%s' crosses the boundary of a loop or exception "
				     "handler; it is dropped",
				     dit->origin.object, it->origin.object);
				continue;
			}
			ptrvec_push(o->a, &keep, d);
		}
		it->depends_on = keep;
	}
}

static void emit_level(Orch *o, const char *parent, PtrVec *all, int depth)
{
	if (depth > 32)
		return;
	PtrVec level = {0};
	for (uint32_t i = 0; i < all->len; i++) {
		IrTask *it = all->items[i];
		if (it->parent == parent || (it->parent && parent && strcmp(it->parent, parent) == 0))
			ptrvec_push(o->a, &level, it);
	}
	PtrVec cycle = {0};
	ir_order_tasks(o->a, &level, &cycle);
	for (uint32_t i = 0; i < cycle.len; i++) {
		IrTask *t = cycle.items[i];
		warn(o, t, W_ORCH_CYCLE, (SrcLoc){o->seq->loc.file, t->origin.line, 0},
		     "activity '%s' is on a cycle of triggers", t->origin.object);
	}
	for (uint32_t i = 0; i < level.len; i++) {
		IrTask *it = level.items[i];
		ptrvec_push(o->a, &o->wf->tasks, it);
		if (it->type == TASK_T_LOOP || it->type == TASK_T_EVENT_HANDLER)
			emit_level(o, it->id, all, depth + 1);
	}
}

/* ---- sequences ----------------------------------------------------------------------- */

static void lower_sequence(Arena *a, const AstDoc *doc, const AstControl *seq, IrDoc *out, DiagSink *sink)
{
	Orch o = {.a = a, .doc = doc, .sink = sink, .seq = seq, .out = out};
	strmap_init(&o.ids, a, false);
	IrWorkflow *wf = ARENA_NEW(a, IrWorkflow);
	o.wf = wf;
	wf->name = seq->name;
	wf->origin.object = seq->name;
	wf->origin.kind = "Sequence";
	wf->origin.line = seq->loc.line;
	static const char *const restart_keys[] = {"RestartSequence", "Restartable", "CheckpointRestart",
						   "AddCheckpoints", NULL};
	static const char *const autofail_keys[] = {"HandleActivityFailures", "AutoHandleFailure",
						    "AutomaticallyHandleFailures", NULL};
	wf->restartable = truthy(val_any(&seq->props, restart_keys));
	o.auto_fail = truthy(val_any(&seq->props, autofail_keys));
	ds_control_params(a, doc, seq, &wf->parameters);
	PtrVec all = {0};
	PtrVec *bodies = &o.bodies;
	for (uint32_t i = 0; i < seq->tasks.len; i++) {
		const AstTask *t = seq->tasks.items[i];
		if (end_loop(t))
			continue; /* its loop's end: tasks after it wait for the loop */
		IrTask *it = ARENA_NEW(a, IrTask);
		it->id = ir_make_id(a, &o.ids, t->name);
		it->origin.object = t->name;
		it->origin.kind = t->orig_kind && *t->orig_kind ? t->orig_kind : task_kind_name(t->kind);
		it->origin.line = t->loc.line;
		/* only a Sequencer in All mode waits for every input; any other
		 * activity starts when one of its triggers fires */
		it->depends_all = is_type(t, "CSequencer") && t->links_and;
		it->confidence = 1;
		ptrvec_push(a, &o.ast, (void *)t);
		ptrvec_push(a, &o.ir, it);
		ptrvec_push(a, &all, it);
		if (start_loop(t) || is_type(t, "CExceptionHandler"))
			ptrvec_push(a, bodies, body_of(&o, t));
	}
	/* the nesting first: a task's parent is its innermost loop or handler */
	for (uint32_t i = 0; i < o.ast.len; i++) {
		const Body *b = parent_body(bodies, o.ast.items[i]);
		if (b)
			((IrTask *)o.ir.items[i])->parent = ir_of(&o, b->owner)->id;
	}
	for (uint32_t i = 0; i < o.ast.len; i++) {
		const AstTask *t = o.ast.items[i];
		IrTask *it = o.ir.items[i];
		if (start_loop(t)) {
			const Body *b = NULL;
			for (uint32_t k = 0; k < bodies->len && !b; k++)
				if (((Body *)bodies->items[k])->owner == t)
					b = bodies->items[k];
			lower_loop(&o, t, it, b);
		} else {
			lower_kind(&o, t, it);
		}
	}
	for (uint32_t i = 0; i < seq->links.len; i++) {
		const AstLink *l = seq->links.items[i];
		bool back = false;
		for (uint32_t k = 0; k < bodies->len; k++)
			back |= ((Body *)bodies->items[k])->back == l;
		if (!back)
			lower_trigger(&o, l);
	}
	fix_deps(&o, bodies);
	emit_level(&o, NULL, &all, 0);
	ptrvec_push(a, &out->workflows, wf);
}

void ds_orchestration(Arena *a, const AstDoc *doc, IrDoc *out, DiagSink *sink)
{
	for (uint32_t i = 0; i < doc->folders.len; i++) {
		const AstFolder *f = doc->folders.items[i];
		for (uint32_t j = 0; j < f->controls.len; j++) {
			const AstControl *c = f->controls.items[j];
			if (c->kind == CTRL_SEQUENCE)
				lower_sequence(a, doc, c, out, sink);
		}
	}
}
