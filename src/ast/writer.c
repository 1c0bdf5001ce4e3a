/* writer.c - YAML-like and JSON backends of the structured writer (src/ast). */
#include "ast/writer.h"
#include "base/str.h"
#include "base/util.h"

#include <stdio.h>

static void plain_init(void);

#include <string.h>

void writer_init(Writer *w, Sbuf *out, bool json)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->json = json;
	plain_init();
	/* The root is a block map printed without braces in text form. */
	w->st[0] = (WriterFrame){.list = false, .inl = false, .pending = false, .indent = 0};
	if (json)
		sbuf_addch(out, '{');
}

void writer_finish(Writer *w)
{
	if (w->depth != 0)
		die("writer: unbalanced nesting at finish");
	if (w->json)
		sbuf_addch(w->out, '}');
	if (w->json || w->st[0].n == 0)
		sbuf_addch(w->out, '\n');
}

/* ---- text backend ------------------------------------------------------- */

/* Characters a plain (unquoted) scalar may hold, and may start with. */
static unsigned char plain_class[256];
enum { PLAIN_ANY = 1, PLAIN_FIRST = 2 };

static void plain_init(void)
{
	if (plain_class['a'])
		return;
	for (int c = 0; c < 256; c++) {
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (alnum || (c && strchr(" _$.()/+=-", c)))
			plain_class[c] |= PLAIN_ANY;
		if (alnum || (c && strchr("_$(", c)))
			plain_class[c] |= PLAIN_FIRST;
	}
}

static bool plain_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!(plain_class[u[0]] & PLAIN_FIRST))
		return false;
	size_t n = 1;
	while (plain_class[u[n]] & PLAIN_ANY)
		n++;
	if (u[n] || s[n - 1] == ' ')
		return false;
	/* Something that starts like a number stays plain only as a canonical
	 * integer, which YAML reads back as the same text ("007", "1.50" and
	 * "1e5" would come back changed). */
	unsigned char c0 = u[0];
	if ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+') {
		size_t i = c0 == '-' ? 1 : 0;
		if (c0 == '+' || !s[i] || (s[i] == '0' && s[i + 1]))
			return false;
		for (; s[i]; i++)
			if (s[i] < '0' || s[i] > '9')
				return false;
		return true;
	}
	/* Words YAML would read as something other than a string. */
	unsigned char l0 = (unsigned char)(c0 | 0x20);
	if (n <= 5 && (l0 == 't' || l0 == 'f' || l0 == 'n' || l0 == 'y' || l0 == 'o')) {
		char low[6];
		for (size_t i = 0; i < n; i++)
			low[i] = (char)(u[i] | 0x20);
		low[n] = '\0';
		static const char *const reserved[] = {"true", "false", "null", "yes", "no",
						       "on",   "off",   "y",    "n"};
		for (size_t i = 0; i < ARRAY_LEN(reserved); i++)
			if (low[0] == reserved[i][0] && strcmp(low, reserved[i]) == 0)
				return false;
	}
	return true;
}

static void text_scalar(Writer *w, const char *s)
{
	if (plain_ok(s))
		sbuf_adds(w->out, s);
	else
		sbuf_add_json_string(w->out, s, strlen(s));
}

/* Print the headers of pending block containers from the outermost down. */
static void flush_pending(Writer *w, int upto)
{
	if (!w->pending)
		return;
	int from = w->pending;
	w->pending = 0;
	for (int i = from; i <= upto; i++) {
		WriterFrame *f = &w->st[i], *p = &w->st[i - 1];
		if (!f->pending)
			continue;
		f->pending = false;
		if (p->list) {
			sbuf_addchn(w->out, ' ', (size_t)p->indent);
			sbuf_adds(w->out, "- ");
			if (f->list) {
				/* A list inside a list: start it on the next line. */
				sbuf_addch(w->out, '\n');
			} else {
				f->dash = true;
			}
		} else {
			if (!p->dash)
				sbuf_addchn(w->out, ' ', (size_t)p->indent);
			p->dash = false;
			text_scalar(w, f->key);
			sbuf_adds(w->out, ":\n");
		}
	}
}

/* Start an entry (scalar or inline container) in the innermost frame. */
static void text_entry(Writer *w, const char *key)
{
	WriterFrame *f = &w->st[w->depth];
	if (f->inl) {
		if (f->n)
			sbuf_adds(w->out, ", ");
		if (!f->list) {
			text_scalar(w, key);
			sbuf_adds(w->out, ": ");
		}
		f->n++;
		return;
	}
	flush_pending(w, w->depth);
	f->n++;
	if (!f->dash)
		sbuf_addchn(w->out, ' ', (size_t)f->indent);
	f->dash = false;
	if (f->list) {
		sbuf_adds(w->out, "- ");
	} else {
		text_scalar(w, key);
		sbuf_adds(w->out, ": ");
	}
}

static void text_scalar_done(Writer *w)
{
	if (!w->st[w->depth].inl)
		sbuf_addch(w->out, '\n');
}

/* ---- JSON backend ------------------------------------------------------- */

static void json_entry(Writer *w, const char *key)
{
	WriterFrame *f = &w->st[w->depth];
	if (f->n++)
		sbuf_addch(w->out, ',');
	if (!f->list) {
		sbuf_add_json_string(w->out, key, strlen(key));
		sbuf_addch(w->out, ':');
	}
}

/* ---- containers --------------------------------------------------------- */

static void open(Writer *w, const char *key, bool list, bool inl)
{
	if (w->depth + 1 >= WRITER_MAX_DEPTH)
		die("writer: nesting too deep");
	WriterFrame *p = &w->st[w->depth];
	inl = inl || p->inl; /* inside one line everything stays on it */
	if (w->json) {
		json_entry(w, key);
		sbuf_addch(w->out, list ? '[' : '{');
	} else if (inl) {
		text_entry(w, key);
		sbuf_addch(w->out, list ? '[' : '{');
	} else {
		p->n++; /* a block container prints its header lazily */
	}
	w->depth++;
	w->st[w->depth] = (WriterFrame){
	    .list = list,
	    .inl = inl,
	    .pending = !w->json && !inl,
	    .indent = p->indent + 2,
	    .key = key,
	};
	if (w->st[w->depth].pending && !w->pending)
		w->pending = w->depth;
}

void w_map(Writer *w, const char *key)
{
	open(w, key, false, false);
}
void w_map_inline(Writer *w, const char *key)
{
	open(w, key, false, true);
}
void w_list(Writer *w, const char *key)
{
	open(w, key, true, false);
}
void w_list_inline(Writer *w, const char *key)
{
	open(w, key, true, true);
}

void w_end(Writer *w)
{
	if (w->depth == 0)
		die("writer: w_end without an open container");
	WriterFrame *f = &w->st[w->depth];
	if (w->json) {
		sbuf_addch(w->out, f->list ? ']' : '}');
	} else if (f->inl) {
		sbuf_addch(w->out, f->list ? ']' : '}');
		if (!w->st[w->depth - 1].inl)
			sbuf_addch(w->out, '\n');
	} else if (f->n == 0) {
		/* Empty block container: print it as [] or {} on its header line. */
		f->pending = false;
		if (w->pending == w->depth)
			w->pending = 0;
		w->depth--;
		text_entry(w, f->key);
		sbuf_adds(w->out, f->list ? "[]\n" : "{}\n");
		w->st[w->depth].n--; /* text_entry counted it again */
		return;
	}
	w->depth--;
}

/* ---- scalars ------------------------------------------------------------ */

static void scalar(Writer *w, const char *key, const char *raw, bool quoted)
{
	if (w->json) {
		json_entry(w, key);
		if (quoted)
			sbuf_add_json_string(w->out, raw, strlen(raw));
		else
			sbuf_adds(w->out, raw);
		return;
	}
	text_entry(w, key);
	if (quoted)
		text_scalar(w, raw);
	else
		sbuf_adds(w->out, raw);
	text_scalar_done(w);
}

void w_str(Writer *w, const char *key, const char *val)
{
	if (val)
		scalar(w, key, val, true);
}

void w_str_nonempty(Writer *w, const char *key, const char *val)
{
	if (val && *val)
		scalar(w, key, val, true);
}

void w_int(Writer *w, const char *key, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	scalar(w, key, buf, false);
}

void w_bool(Writer *w, const char *key, bool v)
{
	scalar(w, key, v ? "true" : "false", false);
}

void w_true(Writer *w, const char *key, bool v)
{
	if (v)
		scalar(w, key, "true", false);
}

void w_null(Writer *w, const char *key)
{
	scalar(w, key, "null", false);
}
