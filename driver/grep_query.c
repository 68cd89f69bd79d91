// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing and evaluating spatch's grep query.
 */
#include "grep_query.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

enum gq_kind {
	GQ_ALL,		/* matches everything */
	GQ_WORD,
	GQ_AND,
	GQ_OR,
};

struct grep_query {
	enum gq_kind kind;
	char *word;
	struct grep_query *left;
	struct grep_query *right;
};

struct gq_parser {
	const char *p;
	int error;
};

static struct grep_query *gq_new(enum gq_kind kind)
{
	struct grep_query *q = xcalloc(1, sizeof(*q));

	q->kind = kind;
	return q;
}

void grep_query_free(struct grep_query *q)
{
	if (!q)
		return;
	grep_query_free(q->left);
	grep_query_free(q->right);
	free(q->word);
	free(q);
}

static void skip_space(struct gq_parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' ||
	       *ps->p == '\n')
		ps->p++;
}

static int is_word_char(char c)
{
	return c && !strchr(" \t\r\n()|&", c);
}

/* Accept "||" or "|" (op = '|'), "&&" or "&" (op = '&'). */
static int accept_op(struct gq_parser *ps, char op)
{
	skip_space(ps);
	if (*ps->p != op)
		return 0;
	ps->p += ps->p[1] == op ? 2 : 1;
	return 1;
}

static struct grep_query *parse_expr(struct gq_parser *ps);
static bool is_identifier(const char *word);

static struct grep_query *parse_factor(struct gq_parser *ps)
{
	struct grep_query *q;
	const char *start;

	skip_space(ps);
	if (*ps->p == '(') {
		ps->p++;
		q = parse_expr(ps);
		skip_space(ps);
		if (*ps->p != ')')
			ps->error = 1;
		else
			ps->p++;
		return q;
	}
	start = ps->p;
	while (is_word_char(*ps->p))
		ps->p++;
	if (ps->p == start) {
		ps->error = 1;
		return NULL;
	}
	q = gq_new(GQ_WORD);
	q->word = xstrndup(start, (size_t)(ps->p - start));
	/* spatch's internal constants; never expected in a printed query. */
	if (!strcmp(q->word, "True") || !strcmp(q->word, "False"))
		ps->error = 1;
	return q;
}

static struct grep_query *join(enum gq_kind kind, struct grep_query *l,
			       struct grep_query *r)
{
	struct grep_query *q = gq_new(kind);

	q->left = l;
	q->right = r;
	return q;
}

static struct grep_query *parse_term(struct gq_parser *ps)
{
	struct grep_query *q = parse_factor(ps);

	while (!ps->error && accept_op(ps, '&'))
		q = join(GQ_AND, q, parse_factor(ps));
	return q;
}

static struct grep_query *parse_expr(struct gq_parser *ps)
{
	struct grep_query *q = parse_term(ps);

	while (!ps->error && accept_op(ps, '|'))
		q = join(GQ_OR, q, parse_term(ps));
	return q;
}

static bool only_identifiers(const struct grep_query *q)
{
	if (!q)
		return true;
	if (q->kind == GQ_WORD && !is_identifier(q->word))
		return false;
	return only_identifiers(q->left) && only_identifiers(q->right);
}

struct grep_query *grep_query_parse_strict(const char *text)
{
	struct gq_parser ps = { text, 0 };
	struct grep_query *q = parse_expr(&ps);

	skip_space(&ps);
	if (ps.error || *ps.p || !only_identifiers(q)) {
		grep_query_free(q);
		return NULL;
	}
	return q;
}

struct grep_query *grep_query_parse(const char *text)
{
	struct gq_parser ps = { text, 0 };
	struct grep_query *q = parse_expr(&ps);

	skip_space(&ps);
	if (ps.error || *ps.p) {
		grep_query_free(q);
		return gq_new(GQ_ALL);
	}
	return q;
}

struct grep_query *grep_query_from_parse_cocci(const char *out)
{
	const char *marker = "Grep query\n";
	const char *found = NULL;
	const char *p = out;
	struct grep_query *q;
	char *line;

	/* The section is printed last; take the last line that opens one. */
	while ((p = strstr(p, marker))) {
		if (p == out || p[-1] == '\n')
			found = p;
		p += strlen(marker);
	}
	if (!found)
		return gq_new(GQ_ALL);
	found += strlen(marker);
	line = xstrndup(found, strcspn(found, "\n"));
	q = grep_query_parse(line);
	free(line);
	return q;
}

bool grep_query_matches_all(const struct grep_query *q)
{
	return q->kind == GQ_ALL;
}

bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static bool is_identifier(const char *word)
{
	if (!*word)
		return false;
	for (; *word; word++)
		if (!is_ident_char(*word))
			return false;
	return true;
}

bool text_has_word(const char *text, size_t len, const char *word)
{
	size_t wlen = strlen(word);
	const char *end = text + len;
	const char *p = text;

	while (wlen && (size_t)(end - p) >= wlen) {
		const char *hit = memmem(p, (size_t)(end - p), word, wlen);

		if (!hit)
			return false;
		if ((hit == text || !is_ident_char(hit[-1])) &&
		    (hit + wlen == end || !is_ident_char(hit[wlen])))
			return true;
		p = hit + 1;
	}
	return false;
}

bool grep_query_matches(const struct grep_query *q, const char *text,
			size_t len)
{
	switch (q->kind) {
	case GQ_ALL:
		return true;
	case GQ_WORD:
		/*
		 * Not an identifier (an include path, a type name with a
		 * space): we cannot match it as a token, so assume it is
		 * there.
		 */
		if (!is_identifier(q->word))
			return true;
		return text_has_word(text, len, q->word);
	case GQ_AND:
		return grep_query_matches(q->left, text, len) &&
		       grep_query_matches(q->right, text, len);
	case GQ_OR:
		return grep_query_matches(q->left, text, len) ||
		       grep_query_matches(q->right, text, len);
	}
	return true;
}

void grep_query_words(const struct grep_query *q, struct strvec *words)
{
	if (!q)
		return;
	if (q->kind == GQ_WORD && is_identifier(q->word))
		strvec_push(words, q->word);
	grep_query_words(q->left, words);
	grep_query_words(q->right, words);
}

bool grep_query_eval(const struct grep_query *q,
		     bool (*has)(const char *word, void *data), void *data)
{
	switch (q->kind) {
	case GQ_ALL:
		return true;
	case GQ_WORD:
		return !is_identifier(q->word) || has(q->word, data);
	case GQ_AND:
		return grep_query_eval(q->left, has, data) &&
		       grep_query_eval(q->right, has, data);
	case GQ_OR:
		return grep_query_eval(q->left, has, data) ||
		       grep_query_eval(q->right, has, data);
	}
	return true;
}
