/* regex.c - Alteryx's regular expressions (Boost, Perl syntax) as
 * PostgreSQL AREs (src/expr/lang/alteryx), for the REGEX_ functions and
 * the RegEx and Text To Columns tools.
 *
 * "RegEx Tool" (https://help.alteryx.com/current/en/designer/tools/parse/regex-tool.html)
 * and the REGEX_ functions ("String Functions") use Boost's Perl syntax;
 * PostgreSQL's advanced regular expressions ("Regular Expression Details",
 * PostgreSQL 15 manual, 9.7.3) share most of it.  The table below is what
 * they do not share: a construct rewritten to its ARE equivalent, or one
 * ARE has not (the pattern is then not translated, with the reason).  A
 * pattern that mixes greedy and lazy quantifiers is translated but noted:
 * in an ARE the whole match takes the greediness of the first quantifier
 * (9.7.3.5, "Regular Expression Matching Rules"), in Perl each quantifier
 * keeps its own.
 */
#include <string.h>

#include "base/sbuf.h"
#include "expr/lang/alteryx/alteryx.h"

/* Escapes outside brackets: Perl's, and what the ARE writes for them
 * (NULL: no ARE equivalent).  Those not listed mean the same in both
 * (\d \w \s \D \W \S \A \t \n \r \f \e \x.. and escaped punctuation). */
static const struct {
	char c;
	const char *are;
	const char *why;
} escapes[] = {
    {'b', "\\y", NULL},      /* word boundary: \b is a backspace in an ARE */
    {'B', "\\Y", NULL},      /* not a word boundary */
    {'<', "\\m", NULL},      /* Boost: start of a word */
    {'>', "\\M", NULL},      /* Boost: end of a word */
    {'z', "\\Z", NULL},      /* end of the text */
    {'Z', "(?=\\n?\\Z)", NULL}, /* end, or before a final newline */
    {'h', "[ \\t]", NULL},   /* horizontal space */
    {'H', "[^ \\t]", NULL},
    {'K', NULL, "\\K (keep out of the match)"},
    {'G', NULL, "\\G (where the last match ended)"},
    {'Q', NULL, "\\Q...\\E (quoted text)"},
    {'X', NULL, "\\X (a grapheme cluster)"},
    {'p', NULL, "\\p{...} (a Unicode property)"},
    {'P', NULL, "\\P{...} (a Unicode property)"},
    {'R', NULL, "\\R (any line break)"},
    {'N', NULL, "\\N"},
    {'g', NULL, "\\g (a numbered or named back-reference)"},
    {'k', NULL, "\\k (a named back-reference)"},
    {'v', NULL, "\\v (vertical space in Perl, a vertical tab in PostgreSQL)"},
    {'V', NULL, "\\V"},
    {'l', NULL, "\\l (a format escape)"},
    {'u', NULL, "\\u (a format escape)"},
};

/* Group openers after "(?": the ARE has (?: (?= (?! (?<= (?<! and (?#. */
static const struct {
	const char *after; /* the text after "(?" */
	const char *why;
} groups[] = {
    {">", "an atomic group (?>...)"},
    {"<=", NULL},
    {"<!", NULL},
    {"<", "a named group (?<name>...)"},
    {"P", "a named group (?P<name>...)"},
    {"'", "a named group (?'name'...)"},
    {"|", "a branch reset group (?|...)"},
    {"(", "a conditional (?(...)...)"},
    {"R", "a recursion (?R)"},
    {":", NULL},
    {"=", NULL},
    {"!", NULL},
    {"#", NULL},
};

/* Is c one of the quantifier characters after which + makes it possessive? */
static bool quantifier_end(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '}';
}

const char *ayx_regex_to_are(Arena *a, const char *re, const char **why, const char **differs, int *ngroups)
{
	Sbuf b = SBUF_INIT;
	int greedy = 0, lazy = 0, n = 0;
	bool in_class = false;
	*why = *differs = NULL;
	for (const char *c = re; *c && !*why; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			if (in_class) {
				if (*c == 'D' || *c == 'S' || *c == 'W')
					*why = arena_sprintf(a, "\\%c inside brackets", *c);
				sbuf_addch(&b, '\\');
				sbuf_addch(&b, *c);
				continue;
			}
			size_t k = 0;
			while (k < sizeof escapes / sizeof *escapes && escapes[k].c != *c)
				k++;
			if (k == sizeof escapes / sizeof *escapes) {
				if (*c == 'x' && c[1] == '{')
					*why = "\\x{...} (a code point in braces)";
				sbuf_addch(&b, '\\');
				sbuf_addch(&b, *c);
			} else if (escapes[k].are)
				sbuf_adds(&b, escapes[k].are);
			else
				*why = escapes[k].why;
			continue;
		}
		if (in_class) {
			if (*c == '[' && c[1] == ':') { /* [:alpha:] inside brackets */
				const char *e = strstr(c + 2, ":]");
				if (e) {
					sbuf_add(&b, c, (size_t)(e + 2 - c));
					c = e + 1;
					continue;
				}
			}
			if (*c == ']')
				in_class = false;
			sbuf_addch(&b, *c);
			continue;
		}
		if (*c == '[') {
			in_class = true;
			sbuf_addch(&b, *c);
			if (c[1] == '^')
				sbuf_addch(&b, *++c);
			if (c[1] == ']') /* a leading ] is a member */
				sbuf_addch(&b, *++c);
			continue;
		}
		if (*c == '(' && c[1] == '?') {
			const char *after = c + 2;
			size_t k = 0;
			while (k < sizeof groups / sizeof *groups &&
			       strncmp(after, groups[k].after, strlen(groups[k].after)) != 0)
				k++;
			if (k < sizeof groups / sizeof *groups) {
				*why = groups[k].why;
			} else if (c != re) /* (?i) and the like: an ARE takes options only at its start */
				*why = "an option group (?...) that is not at the start of the pattern";
			else if (strchr("imsx", *after) == NULL || !strchr(after, ')'))
				*why = "an option group (?...)";
			sbuf_addch(&b, *c);
			continue;
		}
		if (*c == '(')
			n++;
		if (*c == '*' || *c == '+' || *c == '?' || *c == '}') {
			bool quant = *c != '?' || (c != re && c[-1] != '(');
			if (quant && c[1] == '?') {
				lazy++;
				sbuf_addch(&b, *c++);
			} else if (quant && c[1] == '+' && quantifier_end(*c)) {
				*why = "a possessive quantifier (*+, ++, ?+, {n}+)";
			} else if (quant)
				greedy++;
		}
		sbuf_addch(&b, *c);
	}
	if (greedy && lazy)
		*differs = "it mixes greedy and lazy quantifiers: PostgreSQL gives the whole match the greediness of "
			   "the first one, Perl keeps each quantifier's own";
	if (ngroups)
		*ngroups = n;
	const char *r = *why ? NULL : arena_strdup(a, b.buf ? b.buf : "");
	sbuf_release(&b);
	return r;
}
