// SPDX-License-Identifier: GPL-2.0-only
/*
 * Diffs with libgit2.
 */
#include "output_patch.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

void diff_lib_init(void)
{
	git_libgit2_init();
}

void diff_lib_shutdown(void)
{
	git_libgit2_shutdown();
}

struct components {
	char **v;
	size_t nr;
	size_t alloc;
};

/* Split path on "/" into c, resolving "." and ".." as we go. */
static void add_components(struct components *c, const char *path)
{
	while (*path) {
		size_t len = strcspn(path, "/");

		if (len == 2 && !strncmp(path, "..", 2)) {
			if (c->nr)
				free(c->v[--c->nr]);
		} else if (len && !(len == 1 && *path == '.')) {
			c->v = grow_array(c->v, sizeof(*c->v), c->nr + 1,
					  &c->alloc);
			c->v[c->nr++] = xstrndup(path, len);
		}
		path += len;
		while (*path == '/')
			path++;
	}
}

static void free_components(struct components *c)
{
	while (c->nr)
		free(c->v[--c->nr]);
	free(c->v);
}

char *relative_path(const char *path, const char *cwd)
{
	struct components p = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	struct strbuf sb;
	size_t common = 0, i;

	if (*path != '/')
		add_components(&p, cwd);
	add_components(&p, path);
	add_components(&d, cwd);
	while (common < p.nr && common < d.nr &&
	       !strcmp(p.v[common], d.v[common]))
		common++;
	strbuf_init(&sb);
	for (i = common; i < d.nr; i++)
		strbuf_addstr(&sb, "../");
	for (i = common; i < p.nr; i++)
		strbuf_addf(&sb, "%s%s", p.v[i], i + 1 < p.nr ? "/" : "");
	if (!sb.len)
		strbuf_addstr(&sb, ".");
	free_components(&p);
	free_components(&d);
	return strbuf_detach(&sb, NULL);
}

static int report_git_error(struct strbuf *err, const char *what,
			    const char *path)
{
	const git_error *e = git_error_last();

	strbuf_addf(err, "%s: %s: %s", path, what,
		    e && e->message ? e->message : "libgit2 error");
	return -1;
}

int format_patch(struct strbuf *out, const char *path, const char *old,
		 size_t old_len, const char *new, size_t new_len,
		 struct strbuf *err)
{
	git_diff_options opts;
	git_patch *patch = NULL;
	git_buf buf = { NULL, 0, 0 };
	int ret = -1;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	/* libgit2 adds the a/ and b/ prefixes itself. */
	if (git_patch_from_buffers(&patch, old, old_len, path, new, new_len,
				   path, &opts) < 0) {
		report_git_error(err, "cannot diff", path);
		goto out;
	}
	if (git_patch_to_buf(&buf, patch) < 0) {
		report_git_error(err, "cannot format diff", path);
		goto out;
	}
	strbuf_add(out, buf.ptr, buf.size);
	ret = 0;
out:
	git_buf_dispose(&buf);
	git_patch_free(patch);
	return ret;
}

void blob_id_hex(const char *data, size_t len, char hex[41])
{
	git_oid oid;

	git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB);
	git_oid_tostr(hex, 41, &oid);
}

int diff_stat(const char *patch, size_t len, struct strbuf *out,
	      struct strbuf *err)
{
	git_diff *diff = NULL;
	git_diff_stats *stats = NULL;
	git_buf buf = { NULL, 0, 0 };
	int ret = -1;

	if (git_diff_from_buffer(&diff, patch, len) < 0 ||
	    git_diff_get_stats(&stats, diff) < 0 ||
	    git_diff_stats_to_buf(&buf, stats, GIT_DIFF_STATS_FULL |
				  GIT_DIFF_STATS_INCLUDE_SUMMARY, 72) < 0) {
		report_git_error(err, "cannot count the changes", "patch");
		goto out;
	}
	strbuf_add(out, buf.ptr, buf.size);
	ret = 0;
out:
	git_buf_dispose(&buf);
	git_diff_stats_free(stats);
	git_diff_free(diff);
	return ret;
}

struct hunk_lines {
	unsigned int *lines;
	size_t nr;
	size_t alloc;
	int last_old;		/* last old line seen in this hunk */
	int in_change;		/* inside a run of changed lines */
};

static int on_hunk(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   void *payload)
{
	struct hunk_lines *h = payload;

	(void)delta;
	/* A pure insertion's old_start is the line it goes after. */
	h->last_old = hunk->old_lines ? hunk->old_start - 1 : hunk->old_start;
	h->in_change = 0;
	return 0;
}

/* With no context lines, a hunk is one run of changes. */
static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *payload)
{
	struct hunk_lines *h = payload;
	unsigned int at;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_CONTEXT) {
		h->last_old = line->old_lineno;
		h->in_change = 0;
		return 0;
	}
	if (line->origin != GIT_DIFF_LINE_DELETION &&
	    line->origin != GIT_DIFF_LINE_ADDITION)
		return 0;
	if (h->in_change)
		return 0;
	h->in_change = 1;
	at = line->origin == GIT_DIFF_LINE_DELETION ?
		(unsigned int)line->old_lineno :
		(unsigned int)(h->last_old + 1);
	h->lines = grow_array(h->lines, sizeof(*h->lines), h->nr + 1,
			      &h->alloc);
	h->lines[h->nr++] = at ? at : 1;
	return 0;
}

int hunk_first_lines(const char *old, size_t old_len, const char *new,
		     size_t new_len, unsigned int **lines, size_t *nr,
		     struct strbuf *err)
{
	git_diff_options opts;
	struct hunk_lines h = { NULL, 0, 0, 0, 0 };

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	if (git_diff_buffers(old, old_len, NULL, new, new_len, NULL, &opts,
			     NULL, NULL, on_hunk, on_line, &h) < 0) {
		free(h.lines);
		return report_git_error(err, "cannot diff", "buffer");
	}
	*lines = h.lines;
	*nr = h.nr;
	return 0;
}

struct hunk_list {
	struct diff_hunk *v;
	size_t nr;
	size_t alloc;
	struct strbuf added;
};

/* The hunk being collected gets the lines added so far. */
static void close_hunk(struct hunk_list *h)
{
	if (!h->nr)
		return;
	free(h->v[h->nr - 1].added);
	h->v[h->nr - 1].added = xstrndup(h->added.buf, h->added.len);
	strbuf_reset(&h->added);
}

static int on_collect_hunk(const git_diff_delta *delta,
			   const git_diff_hunk *hunk, void *payload)
{
	struct hunk_list *h = payload;
	struct diff_hunk *d;

	(void)delta;
	close_hunk(h);
	h->v = grow_array(h->v, sizeof(*h->v), h->nr + 1, &h->alloc);
	d = &h->v[h->nr++];
	memset(d, 0, sizeof(*d));
	d->old_start = (unsigned int)hunk->old_start;
	d->old_lines = (unsigned int)hunk->old_lines;
	d->new_start = (unsigned int)hunk->new_start;
	d->new_lines = (unsigned int)hunk->new_lines;
	return 0;
}

static int on_collect_line(const git_diff_delta *delta,
			   const git_diff_hunk *hunk,
			   const git_diff_line *line, void *payload)
{
	struct hunk_list *h = payload;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_ADDITION)
		strbuf_add(&h->added, line->content, line->content_len);
	return 0;
}

int diff_hunks(const char *old, size_t old_len, const char *new,
	       size_t new_len, struct diff_hunk **hunks, size_t *nr,
	       struct strbuf *err)
{
	git_diff_options opts;
	struct hunk_list h = { NULL, 0, 0, { NULL, 0, 0 } };
	int ret = 0;

	strbuf_init(&h.added);
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	if (git_diff_buffers(old, old_len, NULL, new, new_len, NULL, &opts,
			     NULL, NULL, on_collect_hunk, on_collect_line,
			     &h) < 0) {
		ret = report_git_error(err, "cannot diff", "buffer");
		diff_hunks_free(h.v, h.nr);
		h.v = NULL;
		h.nr = 0;
	}
	close_hunk(&h);
	strbuf_release(&h.added);
	*hunks = h.v;
	*nr = h.nr;
	return ret;
}

void diff_hunks_free(struct diff_hunk *hunks, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(hunks[i].added);
	free(hunks);
}

struct line_map {
	int new_line;
	int old_line;		/* result, 0 while unknown */
	int last_context;	/* old number of the last unchanged line */
	int run_start;		/* where the current run of changes is in old */
	int in_change;
};

static int on_map_line(const git_diff_delta *delta,
		       const git_diff_hunk *hunk, const git_diff_line *line,
		       void *payload)
{
	struct line_map *m = payload;

	(void)delta;
	(void)hunk;
	if (m->old_line)
		return 0;
	switch (line->origin) {
	case GIT_DIFF_LINE_CONTEXT:
		m->in_change = 0;
		m->last_context = line->old_lineno;
		break;
	case GIT_DIFF_LINE_DELETION:
		if (!m->in_change)
			m->run_start = line->old_lineno;
		m->in_change = 1;
		break;
	case GIT_DIFF_LINE_ADDITION:
		if (!m->in_change)
			m->run_start = m->last_context + 1;
		m->in_change = 1;
		break;
	default:
		return 0;
	}
	if (line->new_lineno == m->new_line)
		m->old_line = line->origin == GIT_DIFF_LINE_ADDITION ?
			      m->run_start : line->old_lineno;
	return 0;
}

int map_line_to_old(const char *old, size_t old_len, const char *new,
		    size_t new_len, unsigned int new_line,
		    unsigned int *old_line, struct strbuf *err)
{
	git_diff_options opts;
	struct line_map m = { (int)new_line, 0, 0, 0, 0 };
	size_t i, lines = 1;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	/* Context as long as the file: every line shows up with numbers. */
	for (i = 0; i < new_len; i++)
		lines += new[i] == '\n';
	for (i = 0; i < old_len; i++)
		lines += old[i] == '\n';
	opts.context_lines = lines > UINT32_MAX / 2 ? UINT32_MAX / 2
						    : (uint32_t)lines;
	if (git_diff_buffers(old, old_len, NULL, new, new_len, NULL, &opts,
			     NULL, NULL, NULL, on_map_line, &m) < 0)
		return report_git_error(err, "cannot diff", "buffer");
	/* Identical buffers give no hunk at all. */
	*old_line = m.old_line > 0 ? (unsigned int)m.old_line : new_line;
	return 0;
}
