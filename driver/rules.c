// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading rule metadata from .cocci files and the ORDER file.
 */
#include "rules.h"

#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "grep_query.h"

void rule_init(struct rule *rule, const char *id, const char *path)
{
	memset(rule, 0, sizeof(*rule));
	rule->id = xstrdup(id);
	rule->path = xstrdup(path);
	rule->description = xstrdup("");
	rule->text = xstrdup("");
	strvec_init(&rule->options);
	strvec_init(&rule->keywords);
}

void rule_release(struct rule *rule)
{
	free(rule->id);
	free(rule->path);
	size_t i;

	free(rule->description);
	free(rule->text);
	free(rule->macro_file);
	strvec_clear(&rule->options);
	strvec_clear(&rule->keywords);
	for (i = 0; i < NR_SPATCH_MODES; i++)
		grep_query_free(rule->query[i]);
	grep_query_free(rule->needs);
	memset(rule, 0, sizeof(*rule));
}

static char *trimmed(const char *s, size_t len)
{
	const char *start = skip_blanks(s);

	len = strnlen(s, len);
	len = start - s < (ptrdiff_t)len ? len - (size_t)(start - s) : 0;
	s = start;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

static void add_modes(struct rule *rule, const char *decl, size_t len)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} names[] = {
		{ "patch", RULE_MODE_PATCH },
		{ "context", RULE_MODE_CONTEXT },
		{ "org", RULE_MODE_ORG },
		{ "report", RULE_MODE_REPORT },
		{ "explain", RULE_MODE_EXPLAIN },
	};
	const char *p = decl, *end = decl + len;
	size_t i;

	/* "virtual a, b" declares several; other names are not modes. */
	while (p < end) {
		size_t n = strcspn(p, " \t,\r");

		if (p + n > end)
			n = (size_t)(end - p);
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    !strncmp(p, names[i].name, n))
				rule->modes |= names[i].bit;
		p += n;
		while (p < end && strchr(" \t,\r", *p))
			p++;
	}
}

/*
 * Like coccicheck: `grep "Options:" | cut -d: -f2`, unquoted, so the words
 * between the first and the second colon of every line that contains
 * "Options:" anywhere.
 */
static void add_options(struct rule *rule, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	const char *end, *p;

	if (!colon)
		return;
	p = colon + 1;
	end = memchr(p, ':', len - (size_t)(p - line));
	if (!end)
		end = line + len;
	while (p < end) {
		size_t n;

		while (p < end && strchr(" \t\r", *p))
			p++;
		n = 0;
		while (p + n < end && !strchr(" \t\r", p[n]))
			n++;
		if (n) {
			char *word = xstrndup(p, n);

			strvec_push(&rule->options, word);
			if (!strcmp(word, "--include-headers"))
				rule->include_headers = true;
			free(word);
		}
		p += n;
	}
}

unsigned int spatch_mode_index(unsigned int mode)
{
	switch (mode) {
	case RULE_MODE_CONTEXT:
		return 1;
	case RULE_MODE_ORG:
		return 2;
	case RULE_MODE_REPORT:
		return 3;
	}
	return 0;
}

unsigned int rule_run_mode(unsigned int run)
{
	switch (run) {
	case RUN_REPORT:
		return RULE_MODE_REPORT;
	case RUN_CONTEXT:
		return RULE_MODE_CONTEXT;
	case RUN_ORG:
		return RULE_MODE_ORG;
	}
	return RULE_MODE_PATCH;
}

/* One "///" line of the first block: into description, then text. */
static void add_doc_line(struct rule *rule, struct strbuf *text,
			 const char *line, size_t len)
{
	char *doc = trimmed(line + 3, len - 3);

	if (!text->len) {
		free(rule->description);
		rule->description = xstrdup(doc);
	}
	strbuf_addf(text, "%s\n", doc);
	free(doc);
}

/* p past word when p starts with it, else NULL. */
static const char *after(const char *p, const char *word)
{
	size_t n = strlen(word);

	return p && !strncmp(p, word, n) ? p + n : NULL;
}

/* "// WORD ..." with blanks allowed after the slashes. */
static bool starts_with_comment(const char *line, const char *word)
{
	const char *p = after(line, "//");

	return p && after(skip_blanks(p), word);
}

/* "// Keywords: a, b, c": the words the rule looks for. */
static void add_keywords(struct rule *rule, const char *line, size_t len)
{
	const char *p = memchr(line, ':', len), *end = line + len;

	if (!p)
		return;
	for (p++; p < end; ) {
		size_t n = 0;

		while (p + n < end && is_ident_char(p[n]))
			n++;
		if (n) {
			char *word = xstrndup(p, n);

			strvec_push(&rule->keywords, word);
			free(word);
		}
		p += n ? n : 1;
	}
}

/* "// Scope: module", blanks allowed around the words. */
static bool is_scope_module(const char *line, size_t len)
{
	const char *p = after(line, "//");

	p = p ? after(skip_blanks(p), "Scope:") : NULL;
	p = p ? after(skip_blanks(p), "module") : NULL;
	if (!p)
		return false;
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return p == line + len;
}

/*
 * "// Needs: FORMULA": a formula of the file's words that holds
 * whenever the rule can say anything about it; several such lines must
 * all hold.  A malformed one is remembered by its line, for the loader.
 */
static void add_needs(struct rule *rule, struct strbuf *all,
		      const char *line, size_t len, unsigned int lineno)
{
	const char *colon = memchr(line, ':', len);
	char *formula = trimmed(colon + 1, len - (size_t)(colon + 1 - line));
	struct grep_query *q = grep_query_parse_strict(formula);

	if (!q && !rule->needs_error_line)
		rule->needs_error_line = lineno;
	grep_query_free(q);
	strbuf_addf(all, "%s(%s)", all->len ? " && " : "", formula);
	free(formula);
}

void rule_parse_text(struct rule *rule, const char *text)
{
	const char *line = text;
	bool in_doc = false, doc_done = false;
	struct strbuf doc, needs;
	unsigned int lineno = 0;

	strbuf_init(&doc);
	strbuf_init(&needs);
	while (*line) {
		size_t len = strcspn(line, "\n");
		const char *start = skip_blanks(line);
		bool is_doc = !strncmp(line, "///", 3);

		lineno++;
		if (in_doc && !is_doc)
			doc_done = true;
		in_doc = is_doc && !doc_done;
		if (in_doc) {
			add_doc_line(rule, &doc, line, len);
		} else if (!strncmp(start, "virtual", 7) &&
			   (start[7] == ' ' || start[7] == '\t')) {
			add_modes(rule, start + 7,
				  len - (size_t)(start + 7 - line));
		}
		if (memmem(line, len, "Options:", 8))
			add_options(rule, line, len);
		if (starts_with_comment(line, "Keywords:"))
			add_keywords(rule, line, len);
		if (is_scope_module(line, len))
			rule->module_scope = true;
		if (starts_with_comment(line, "Needs:"))
			add_needs(rule, &needs, line, len, lineno);
		line += len;
		if (*line)
			line++;
	}
	/* Blank "///" lines at the end separate nothing. */
	while (doc.len >= 2 && doc.buf[doc.len - 2] == '\n')
		doc.buf[--doc.len] = '\0';
	if (doc.len) {
		free(rule->text);
		rule->text = strbuf_detach(&doc, NULL);
	}
	strbuf_release(&doc);
	if (needs.len && !rule->needs_error_line)
		rule->needs = grep_query_parse_strict(needs.buf);
	strbuf_release(&needs);
}

void rule_set_init(struct rule_set *set)
{
	memset(set, 0, sizeof(*set));
}

void rule_set_release(struct rule_set *set)
{
	size_t i;

	for (i = 0; i < set->nr; i++)
		rule_release(&set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

static int cmp_rule_id(const void *a, const void *b)
{
	return strcmp(((const struct rule *)a)->id,
		      ((const struct rule *)b)->id);
}

size_t rule_index(const struct rule_set *set, const char *id)
{
	size_t i;

	for (i = 0; i < set->nr; i++)
		if (!strcmp(set->v[i].id, id))
			return i;
	return set->nr;
}

const struct rule *find_rule(const struct rule_set *set, const char *id)
{
	size_t i = rule_index(set, id);

	return i < set->nr ? &set->v[i] : NULL;
}

static void swap_rules(struct rule *a, struct rule *b)
{
	struct rule tmp = *a;

	*a = *b;
	*b = tmp;
}

int order_rules(struct rule_set *set, const char *order_text,
		const char *order_name, struct strbuf *err)
{
	const char *line = order_text;
	size_t placed = 0;
	unsigned int lineno = 0;

	if (set->nr)
		qsort(set->v, set->nr, sizeof(*set->v), cmp_rule_id);
	while (order_text && *line) {
		size_t len = strcspn(line, "\n");
		char *id = trimmed(line, len);
		size_t i;

		lineno++;
		line += len;
		if (*line)
			line++;
		if (!*id || *id == '#') {
			free(id);
			continue;
		}
		i = rule_index(set, id);
		if (i == set->nr || i < placed) {
			strbuf_addf(err, "%s:%u: %s rule '%s'", order_name,
				    lineno, i == set->nr ? "no such" :
				    "duplicate", id);
			free(id);
			return -1;
		}
		free(id);
		/* Keep the unplaced rest sorted: rotate i down to placed. */
		for (; i > placed; i--)
			swap_rules(&set->v[i], &set->v[i - 1]);
		placed++;
	}
	return 0;
}

static int is_cocci_name(const char *name)
{
	size_t len = strlen(name);

	return len > 6 && name[0] != '.' &&
	       !strcmp(name + len - 6, ".cocci");
}

static int add_rule_file(struct rule_set *set, const char *dir,
			 const char *name, const char *macro_file,
			 struct strbuf *err)
{
	char *path = path_join(dir, name);
	char *id = xstrndup(name, strlen(name) - 6);
	struct strbuf text;
	int ret = -1;

	strbuf_init(&text);
	if (read_file(path, &text, err) < 0)
		goto out;
	set->v = grow_array(set->v, sizeof(*set->v), set->nr + 1,
			    &set->alloc);
	rule_init(&set->v[set->nr], id, path);
	rule_parse_text(&set->v[set->nr], text.buf);
	if (set->v[set->nr].needs_error_line) {
		strbuf_addf(err, "%s:%u: malformed Needs: formula (words, "
			    "&&, || and parentheses)", path,
			    set->v[set->nr].needs_error_line);
		rule_release(&set->v[set->nr]);
		goto out;
	}
	if (macro_file)
		set->v[set->nr].macro_file = xstrdup(macro_file);
	set->nr++;
	ret = 0;
out:
	strbuf_release(&text);
	free(id);
	free(path);
	return ret;
}

static int read_order(const char *dir, struct strbuf *text, char **name,
		      struct strbuf *err)
{
	*name = path_join(dir, "ORDER");
	if (read_file(*name, text, err) == 0)
		return 1;
	if (errno == ENOENT) {
		strbuf_reset(err);
		return 0;
	}
	return -1;
}

int load_rules(struct rule_set *set, const char *dir, struct strbuf *err)
{
	struct strbuf order;
	struct dirent *de;
	char *order_name = NULL, *macro_file = path_join(dir, MACRO_HINTS);
	DIR *d = opendir(dir);
	int have_order, ret = -1;

	strbuf_init(&order);
	if (!d) {
		strbuf_addf(err, "%s: %s", dir, strerror(errno));
		goto out;
	}
	if (access(macro_file, F_OK) < 0) {
		free(macro_file);
		macro_file = NULL;
	}
	errno = 0;
	while ((de = readdir(d))) {
		if (is_cocci_name(de->d_name) &&
		    add_rule_file(set, dir, de->d_name, macro_file, err) < 0)
			goto out;
		errno = 0;
	}
	if (errno) {
		strbuf_addf(err, "%s: %s", dir, strerror(errno));
		goto out;
	}
	have_order = read_order(dir, &order, &order_name, err);
	if (have_order < 0)
		goto out;
	ret = order_rules(set, have_order ? order.buf : NULL, order_name,
			  err);
out:
	if (d)
		closedir(d);
	free(order_name);
	free(macro_file);
	strbuf_release(&order);
	return ret;
}

int select_rules(struct rule_set *set, const struct strvec *ids,
		 struct strbuf *err)
{
	size_t i;

	for (i = 0; i < set->nr; i++)
		set->v[i].selected = !ids->nr;
	for (i = 0; i < ids->nr; i++) {
		size_t r = rule_index(set, ids->v[i]);

		if (r == set->nr) {
			strbuf_addf(err, "unknown rule '%s' (see --list-rules)",
				    ids->v[i]);
			return -1;
		}
		set->v[r].selected = true;
	}
	return 0;
}

char *rule_modes_string(unsigned int modes)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (modes & RULE_MODE_PATCH)
		strbuf_addstr(&sb, ",patch");
	if (modes & RULE_MODE_CONTEXT)
		strbuf_addstr(&sb, ",context");
	if (modes & RULE_MODE_ORG)
		strbuf_addstr(&sb, ",org");
	if (modes & RULE_MODE_REPORT)
		strbuf_addstr(&sb, ",report");
	if (!sb.len) {
		strbuf_release(&sb);
		return xstrdup("-");
	}
	memmove(sb.buf, sb.buf + 1, sb.len);
	return strbuf_detach(&sb, NULL);
}
