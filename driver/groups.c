// SPDX-License-Identifier: GPL-2.0-only
/*
 * Units of work from kbuild composite modules.
 */
#include "groups.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "grep_query.h"

void unit_list_init(struct unit_list *units)
{
	memset(units, 0, sizeof(*units));
}

void unit_list_release(struct unit_list *units)
{
	size_t i;

	for (i = 0; i < units->nr; i++)
		free(units->v[i].files);
	free(units->v);
	memset(units, 0, sizeof(*units));
}

/* ---- kbuild files ---------------------------------------------------- */

struct assignment {
	char *lhs;
	struct strvec words;
};

struct kbuild {
	struct assignment *v;
	size_t nr;
	size_t alloc;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split one logical line "LHS op words" into kb; others are ignored. */
static void parse_assignment(struct kbuild *kb, const char *line)
{
	const char *p = line, *lhs_end, *op;
	struct assignment *a;
	char *word;

	/* A recipe line, or a directive (ifeq, include...), assigns nothing. */
	if (*p == '\t')
		return;
	while (is_blank(*p))
		p++;
	op = p;
	/* The name may hold $(...), but no blank and no '=' outside it. */
	while (*op && !is_blank(*op) && *op != '=' && *op != ':' &&
	       *op != '+' && *op != '?') {
		if (op[0] == '$' && op[1] == '(') {
			const char *close = strchr(op, ')');

			if (!close)
				return;
			op = close;
		}
		op++;
	}
	lhs_end = op;
	while (is_blank(*op))
		op++;
	if (op[0] == '=')
		op += 1;
	else if ((op[0] == ':' || op[0] == '+' || op[0] == '?') &&
		 op[1] == '=')
		op += 2;
	else
		return;
	if (lhs_end == p)
		return;
	kb->v = grow_array(kb->v, sizeof(*kb->v), kb->nr + 1, &kb->alloc);
	a = &kb->v[kb->nr++];
	a->lhs = xstrndup(p, (size_t)(lhs_end - p));
	strvec_init(&a->words);
	for (p = op;;) {
		size_t n;

		while (is_blank(*p))
			p++;
		n = strcspn(p, " \t\r");
		if (!n)
			break;
		word = xstrndup(p, n);
		strvec_push(&a->words, word);
		free(word);
		p += n;
	}
}

static void parse_kbuild(struct kbuild *kb, const char *text)
{
	struct strbuf line;
	const char *p = text;

	strbuf_init(&line);
	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *hash = memchr(p, '#', len);
		size_t keep = hash ? (size_t)(hash - p) : len;

		strbuf_add(&line, p, keep);
		p += len;
		if (*p)
			p++;
		/* "\" at the end joins the next line (not after a comment). */
		if (!hash && line.len && line.buf[line.len - 1] == '\\') {
			line.buf[line.len - 1] = ' ';
			continue;
		}
		parse_assignment(kb, line.buf);
		strbuf_reset(&line);
	}
	if (line.len)
		parse_assignment(kb, line.buf);
	strbuf_release(&line);
}

static void kbuild_release(struct kbuild *kb)
{
	size_t i;

	for (i = 0; i < kb->nr; i++) {
		free(kb->v[i].lhs);
		strvec_clear(&kb->v[i].words);
	}
	free(kb->v);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* "X-objs", "X-y", "X-m", "X-$(CONFIG_Y)": X, else NULL. */
static char *composite_name(const char *lhs)
{
	size_t n = strlen(lhs), cut = n;
	const char *dollar;

	if (ends_with(lhs, "-objs"))
		cut = n - 5;
	else if (ends_with(lhs, "-y") || ends_with(lhs, "-m"))
		cut = n - 2;
	else if (ends_with(lhs, ")") && (dollar = strstr(lhs, "-$(")) &&
		 strchr(dollar, ')') == lhs + n - 1)
		cut = (size_t)(dollar - lhs);
	if (cut == n || !cut)
		return NULL;
	return xstrndup(lhs, cut);
}

static bool is_object_list(const char *lhs)
{
	return !strncmp(lhs, "obj-", 4) || !strncmp(lhs, "lib-", 4);
}

void kbuild_composites(const char *text,
		       void (*fn)(void *data, const char *module,
				  const char *object),
		       void *data)
{
	struct kbuild kb = { NULL, 0, 0 };
	struct strvec modules;
	size_t i, j, k;

	strvec_init(&modules);
	parse_kbuild(&kb, text);
	for (i = 0; i < kb.nr; i++) {
		if (!is_object_list(kb.v[i].lhs))
			continue;
		for (j = 0; j < kb.v[i].words.nr; j++) {
			const char *w = kb.v[i].words.v[j];

			char *name;

			if (!ends_with(w, ".o") || strlen(w) <= 2)
				continue;
			name = xstrndup(w, strlen(w) - 2);
			strvec_push(&modules, name);
			free(name);
		}
	}
	for (i = 0; i < kb.nr; i++) {
		char *name;

		if (is_object_list(kb.v[i].lhs))
			continue;
		name = composite_name(kb.v[i].lhs);
		if (!name)
			continue;
		for (k = 0; k < modules.nr && strcmp(modules.v[k], name); k++)
			;
		if (k < modules.nr)
			for (j = 0; j < kb.v[i].words.nr; j++)
				if (ends_with(kb.v[i].words.v[j], ".o"))
					fn(data, name, kb.v[i].words.v[j]);
		free(name);
	}
	strvec_clear(&modules);
	kbuild_release(&kb);
}

static void push_name(struct strvec *names, const char *name, size_t len)
{
	char *copy = xstrndup(name, len);

	strvec_push(names, copy);
	free(copy);
}

void quoted_includes(const char *text, size_t len, struct strvec *names)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p, *name;

		if (!eol)
			eol = end;
		while (q < eol && is_blank(*q))
			q++;
		if (q < eol && *q == '#') {
			q++;
			while (q < eol && is_blank(*q))
				q++;
			if ((size_t)(eol - q) > 7 && !strncmp(q, "include", 7)) {
				q += 7;
				while (q < eol && is_blank(*q))
					q++;
				name = q + 1;
				if (q < eol && *q == '"') {
					const char *close = memchr(name, '"',
						(size_t)(eol - name));

					if (close && close > name)
						push_name(names, name,
							  (size_t)(close - name));
				}
			}
		}
		p = eol + 1;
	}
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (is_blank(*p) || *p == '\n'))
		p++;
	return p;
}

/* The identifiers that text passes first to call: "call ( NAME". */
static void first_arguments(const char *text, size_t len, const char *call,
			    struct strvec *names)
{
	const char *p = text, *end = text + len, *hit;
	size_t n = strlen(call);

	while ((hit = memmem(p, (size_t)(end - p), call, n))) {
		const char *q = hit + n, *name;

		p = hit + 1;
		if ((hit > text && is_ident_char(hit[-1])) ||
		    (q < end && is_ident_char(*q)))
			continue;
		q = skip_space(q, end);
		if (q == end || *q != '(')
			continue;
		name = q = skip_space(q + 1, end);
		while (q < end && is_ident_char(*q))
			q++;
		if (q > name && !(*name >= '0' && *name <= '9'))
			push_name(names, name, (size_t)(q - name));
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool names_any(const struct member_text *m, const struct strvec *names)
{
	size_t i;

	for (i = 0; i < names->nr; i++)
		if (text_has_word(m->text, m->len, names->v[i]))
			return true;
	return false;
}

/* Whether member h is the header an #include "NAME" line names. */
static bool is_included_header(const struct member_text *h, const char *name)
{
	return h->is_header && !strcmp(base_name(h->path), base_name(name));
}

static void take_included_headers(struct member_text *m, size_t nr)
{
	struct strvec includes;
	size_t i, j, k;

	strvec_init(&includes);
	for (i = 0; i < nr; i++)
		if (m[i].take && !m[i].is_header)
			quoted_includes(m[i].text, m[i].len, &includes);
	for (j = 0; j < nr; j++)
		for (k = 0; k < includes.nr && !m[j].take; k++)
			m[j].take = is_included_header(&m[j], includes.v[k]);
	strvec_clear(&includes);
}

/* Most out-of-tree drivers have no more .c files than this. */
#define SMALL_MODULE_SOURCES 8

/*
 * The .c files that include, with quotes, a header already taken: a stop
 * path in a third file reaches the shared flags or structure only through
 * such a header.  Only in a small module: in a large one nearly every file
 * includes the driver's header, and the rule would get them all.  Whether
 * it took any.
 */
static bool take_includers(struct member_text *m, size_t nr)
{
	struct strvec includes;
	size_t i, j, k, sources = 0;
	bool took = false;

	for (i = 0; i < nr; i++)
		sources += !m[i].is_header;
	if (sources > SMALL_MODULE_SOURCES)
		return false;
	for (i = 0; i < nr; i++) {
		if (m[i].take || m[i].is_header)
			continue;
		strvec_init(&includes);
		quoted_includes(m[i].text, m[i].len, &includes);
		for (k = 0; k < includes.nr && !m[i].take; k++)
			for (j = 0; j < nr && !m[i].take; j++)
				m[i].take = m[j].take &&
					    is_included_header(&m[j],
							       includes.v[k]);
		took |= m[i].take;
		strvec_clear(&includes);
	}
	return took;
}

void module_members(struct member_text *m, size_t nr,
		    const struct strvec *calls)
{
	struct strvec started;
	bool any = false;
	size_t i, c;

	for (i = 0; i < nr; i++)
		any |= m[i].take;
	if (!any) {
		for (i = 0; i < nr; i++)
			m[i].take = true;
		return;
	}
	strvec_init(&started);
	for (i = 0; i < nr; i++)
		for (c = 0; m[i].take && c < calls->nr; c++)
			first_arguments(m[i].text, m[i].len, calls->v[c],
					&started);
	for (i = 0; i < nr; i++)
		if (!m[i].take && !m[i].is_header)
			m[i].take = names_any(&m[i], &started);
	take_included_headers(m, nr);
	/* The includers' own headers. */
	if (take_includers(m, nr))
		take_included_headers(m, nr);
	strvec_clear(&started);
}

/* ---- units ------------------------------------------------------------ */

struct grouping {
	const struct file_list *files;
	bool group_headers;
	size_t *parent;		/* union-find over file indexes */
	const char *dir;	/* the directory being read */
	char *module;		/* the module whose members are collected */
	size_t *members;
	size_t nr_members;
	size_t alloc_members;
	struct strbuf *err;
	int error;
};

static size_t find_root(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void join(size_t *parent, size_t a, size_t b)
{
	a = find_root(parent, a);
	b = find_root(parent, b);
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

static int cmp_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct source_file *)elem)->path);
}

/* The index of path in the (sorted) file list, or files->nr. */
static size_t lookup(const struct file_list *files, const char *path)
{
	const struct source_file *f;

	f = bsearch(path, files->v, files->nr, sizeof(*files->v), cmp_path);
	return f ? (size_t)(f - files->v) : files->nr;
}

static bool safe_relative(const char *name)
{
	return *name && *name != '/' && !strstr(name, "..");
}

static void add_member(void *data, const char *module, const char *object)
{
	struct grouping *g = data;
	char *path, *rel;
	size_t i;

	if (!safe_relative(object))
		return;
	if (g->module && strcmp(g->module, module))
		return;
	rel = xstrndup(object, strlen(object) - 2);
	path = xasprintf("%s/%s.c", g->dir, rel);
	free(rel);
	i = lookup(g->files, path);
	free(path);
	if (i == g->files->nr)
		return;
	g->members = grow_array(g->members, sizeof(*g->members),
				g->nr_members + 1, &g->alloc_members);
	g->members[g->nr_members++] = i;
}

static void note_module(void *data, const char *module, const char *object)
{
	struct strvec *modules = data;
	size_t i;

	(void)object;
	for (i = 0; i < modules->nr; i++)
		if (!strcmp(modules->v[i], module))
			return;
	strvec_push(modules, module);
}

/* Join the headers a member includes with quotes, from its directory. */
static int join_headers(struct grouping *g, size_t member)
{
	const char *path = g->files->v[member].path;
	struct strbuf text;
	struct strvec names;
	size_t i;

	strbuf_init(&text);
	strvec_init(&names);
	if (read_file(path, &text, g->err) < 0) {
		strbuf_release(&text);
		return -1;
	}
	quoted_includes(text.buf, text.len, &names);
	for (i = 0; i < names.nr; i++) {
		char *hpath;
		size_t h;

		if (!safe_relative(names.v[i]))
			continue;
		hpath = xasprintf("%s/%s", g->dir, names.v[i]);
		h = lookup(g->files, hpath);
		free(hpath);
		if (h < g->files->nr && g->files->v[h].is_header)
			join(g->parent, member, h);
	}
	strvec_clear(&names);
	strbuf_release(&text);
	return 0;
}

/* The modules of dir's kbuild file, each of two .c files or more joined. */
static int group_directory(struct grouping *g, const char *dir)
{
	struct strbuf text;
	struct strvec modules;
	char *path = path_join(dir, "Kbuild");
	size_t m, i;
	int ret = 0;

	strbuf_init(&text);
	strvec_init(&modules);
	if (read_file(path, &text, g->err) < 0) {
		if (errno != ENOENT)
			goto fail;
		strbuf_reset(g->err);
		free(path);
		path = path_join(dir, "Makefile");
		if (read_file(path, &text, g->err) < 0) {
			if (errno != ENOENT)
				goto fail;
			strbuf_reset(g->err);
			goto out;
		}
	}
	g->dir = dir;
	g->module = NULL;
	kbuild_composites(text.buf, note_module, &modules);
	for (m = 0; m < modules.nr && !ret; m++) {
		g->module = modules.v[m];
		g->nr_members = 0;
		kbuild_composites(text.buf, add_member, g);
		if (g->nr_members < 2)
			continue;
		for (i = 1; i < g->nr_members; i++)
			join(g->parent, g->members[0], g->members[i]);
		for (i = 0; i < g->nr_members && g->group_headers; i++)
			if (join_headers(g, g->members[i]) < 0) {
				ret = -1;
				break;
			}
	}
	g->module = NULL;
	goto out;
fail:
	ret = -1;
out:
	free(path);
	strvec_clear(&modules);
	strbuf_release(&text);
	return ret;
}

int make_units(const struct file_list *files, bool group_headers,
	       struct unit_list *units, struct strbuf *err)
{
	struct grouping g;
	char *last_dir = NULL;
	size_t *unit_of;
	size_t i;
	int ret = 0;

	memset(&g, 0, sizeof(g));
	g.files = files;
	g.group_headers = group_headers;
	g.err = err;
	g.parent = xcalloc(files->nr + 1, sizeof(*g.parent));
	for (i = 0; i < files->nr; i++)
		g.parent[i] = i;
	/* The list is sorted by path: a directory's files come together. */
	for (i = 0; i < files->nr && !ret; i++) {
		char *dir;

		if (files->v[i].is_header)
			continue;
		dir = path_dirname(files->v[i].path);
		if (last_dir && !strcmp(dir, last_dir)) {
			free(dir);
			continue;
		}
		free(last_dir);
		last_dir = dir;
		ret = group_directory(&g, dir);
	}
	free(last_dir);
	free(g.members);

	unit_of = xcalloc(files->nr + 1, sizeof(*unit_of));
	for (i = 0; i < files->nr && !ret; i++) {
		size_t root = find_root(g.parent, i);
		struct unit *u;

		if (root == i) {
			units->v = grow_array(units->v, sizeof(*units->v),
					      units->nr + 1, &units->alloc);
			unit_of[i] = units->nr;
			u = &units->v[units->nr++];
			u->files = NULL;
			u->nr = 0;
		}
		u = &units->v[unit_of[root]];
		u->files = xrealloc(u->files, (u->nr + 1) * sizeof(*u->files));
		u->files[u->nr++] = i;
	}
	free(unit_of);
	free(g.parent);
	return ret;
}
