// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lines a change adds, from a revision range or a patch file.
 */
#include "git_range.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "output_patch.h"

void change_set_init(struct change_set *cs)
{
	memset(cs, 0, sizeof(*cs));
}

void change_set_release(struct change_set *cs)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		free(cs->v[i].path);
		free(cs->v[i].lines);
	}
	free(cs->v);
	free(cs->subject);
	free(cs->message_id);
	memset(cs, 0, sizeof(*cs));
}

static int git_fail(struct strbuf *err, const char *what, const char *name)
{
	const git_error *e = git_error_last();

	strbuf_addf(err, "%s: %s: %s", name, what,
		    e && e->message ? e->message : "libgit2 error");
	return -1;
}

/* How paths of the diff are made relative to the current directory. */
struct walk {
	struct change_set *cs;
	char *top;		/* the directory diff paths start from */
	char cwd[PATH_MAX];
	struct changed_file *cur;
};

static struct changed_file *add_file(struct walk *w, const char *rel)
{
	struct change_set *cs = w->cs;
	struct changed_file *f;
	char *abs = path_join(w->top, rel);

	cs->v = grow_array(cs->v, sizeof(*cs->v), cs->nr + 1, &cs->alloc);
	f = &cs->v[cs->nr++];
	memset(f, 0, sizeof(*f));
	f->path = relative_path(abs, w->cwd);
	free(abs);
	return f;
}

static int on_file(const git_diff_delta *delta, float progress, void *data)
{
	struct walk *w = data;

	(void)progress;
	w->cur = NULL;
	if (delta->status == GIT_DELTA_DELETED || !delta->new_file.path)
		return 0;
	w->cur = add_file(w, delta->new_file.path);
	return 0;
}

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *data)
{
	struct walk *w = data;
	struct changed_file *f = w->cur;

	(void)delta;
	(void)hunk;
	if (!f || line->origin != GIT_DIFF_LINE_ADDITION ||
	    line->new_lineno <= 0)
		return 0;
	f->lines = grow_array(f->lines, sizeof(*f->lines), f->nr + 1,
			      &f->alloc);
	f->lines[f->nr++] = (unsigned int)line->new_lineno;
	return 0;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

static int collect(struct walk *w, git_diff *diff, const char *name,
		   struct strbuf *err)
{
	size_t i;

	if (git_diff_foreach(diff, on_file, NULL, NULL, on_line, w) < 0)
		return git_fail(err, "cannot read the diff", name);
	for (i = 0; i < w->cs->nr; i++)
		if (w->cs->v[i].nr)
			qsort(w->cs->v[i].lines, w->cs->v[i].nr,
			      sizeof(unsigned int), cmp_uint);
	return 0;
}

/* The repository around the current directory; NULL outside one. */
static git_repository *open_repo(void)
{
	git_repository *repo = NULL;

	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0)
		return NULL;
	return repo;
}

static int walk_init(struct walk *w, struct change_set *cs,
		     git_repository *repo, struct strbuf *err)
{
	memset(w, 0, sizeof(*w));
	w->cs = cs;
	if (!getcwd(w->cwd, sizeof(w->cwd))) {
		strbuf_addstr(err, "cannot find the current directory");
		return -1;
	}
	w->top = xstrdup(repo && git_repository_workdir(repo) ?
			 git_repository_workdir(repo) : w->cwd);
	return 0;
}

/* ---- --git-range ------------------------------------------------------ */

static int peel_tree(git_repository *repo, const git_object *obj,
		     git_tree **tree, const char *range, struct strbuf *err)
{
	git_object *peeled = NULL;

	(void)repo;
	if (git_object_peel(&peeled, obj, GIT_OBJECT_TREE) < 0)
		return git_fail(err, "not a commit or tree", range);
	*tree = (git_tree *)peeled;
	return 0;
}

/* The two ends of range as trees, and the subject of its last commit. */
static int resolve_range(git_repository *repo, const char *range,
			 git_tree **old, git_tree **new, char **subject,
			 struct strbuf *err)
{
	git_revspec spec;
	/*
	 * Our own references, freed at the end.  libgit2 hands out the same
	 * cached object to every lookup (a merge base that is A itself is
	 * spec.from), so ownership cannot be told from the pointers.
	 */
	git_object *own_to = NULL, *own_base = NULL;
	git_object *to, *base;
	git_commit *commit = NULL;
	git_oid merge_base;
	int ret = -1;

	memset(&spec, 0, sizeof(spec));
	if (git_revparse(&spec, repo, range) < 0) {
		/* "A..B" with B unknown: libgit2 keeps A in spec.from. */
		git_fail(err, "not a revision range", range);
		git_object_free(spec.from);
		git_object_free(spec.to);
		return -1;
	}
	to = spec.to;
	if (spec.flags & GIT_REVSPEC_SINGLE) {
		if (git_revparse_single(&own_to, repo, "HEAD") < 0) {
			git_fail(err, "no HEAD to compare with", range);
			goto out;
		}
		to = own_to;
	}
	base = spec.from;
	if (spec.flags & GIT_REVSPEC_MERGE_BASE) {
		if (git_merge_base(&merge_base, repo, git_object_id(spec.from),
				   git_object_id(to)) < 0 ||
		    git_object_lookup(&own_base, repo, &merge_base,
				      GIT_OBJECT_ANY) < 0) {
			git_fail(err, "no merge base", range);
			goto out;
		}
		base = own_base;
	}
	if (peel_tree(repo, base, old, range, err) < 0 ||
	    peel_tree(repo, to, new, range, err) < 0)
		goto out;
	if (git_object_peel((git_object **)&commit, to, GIT_OBJECT_COMMIT) == 0 &&
	    git_commit_summary(commit))
		*subject = xstrdup(git_commit_summary(commit));
	ret = 0;
out:
	git_commit_free(commit);
	git_object_free(own_base);
	git_object_free(own_to);
	git_object_free(spec.from);
	git_object_free(spec.to);
	return ret;
}

/* The working tree must hold what range's end holds for the file. */
static int check_worktree(git_repository *repo, git_tree *tree,
			  const struct walk *w, const struct changed_file *f,
			  const char *range, struct strbuf *err)
{
	char *abs = path_join(w->cwd, f->path);
	char *rel = relative_path(abs, w->top);
	git_tree_entry *entry = NULL;
	git_oid disk;
	int ret = -1;

	if (git_tree_entry_bypath(&entry, tree, rel) < 0 ||
	    git_odb_hashfile(&disk, abs, GIT_OBJECT_BLOB) < 0 ||
	    !git_oid_equal(&disk, git_tree_entry_id(entry)))
		strbuf_addf(err, "%s: the working tree does not hold what %s "
			    "ends with (check it out first)", f->path, range);
	else
		ret = 0;
	(void)repo;
	git_tree_entry_free(entry);
	free(rel);
	free(abs);
	return ret;
}

int change_set_from_range(struct change_set *cs, const char *range,
			  struct strbuf *err)
{
	git_repository *repo = open_repo();
	git_tree *old = NULL, *new = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	struct walk w = { 0 };
	size_t i;
	int ret = -1;

	if (!repo) {
		strbuf_addf(err, "--git-range %s: the current directory is "
			    "not in a git repository", range);
		return -1;
	}
	if (walk_init(&w, cs, repo, err) < 0 ||
	    resolve_range(repo, range, &old, &new, &cs->subject, err) < 0)
		goto out;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	if (git_diff_tree_to_tree(&diff, repo, old, new, &opts) < 0 ||
	    git_diff_find_similar(diff, NULL) < 0) {
		git_fail(err, "cannot diff", range);
		goto out;
	}
	if (collect(&w, diff, range, err) < 0)
		goto out;
	for (i = 0; i < cs->nr; i++)
		if (check_worktree(repo, new, &w, &cs->v[i], range, err) < 0)
			goto out;
	ret = 0;
out:
	git_diff_free(diff);
	git_tree_free(old);
	git_tree_free(new);
	git_repository_free(repo);
	free(w.top);
	return ret;
}

/* ---- --diff ------------------------------------------------------------ */

/* The value of mail header name in text (folded lines joined), or NULL. */
static char *mail_header(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;
	struct strbuf sb;

	/* Headers end at the first empty line. */
	while (*p && *p != '\n') {
		size_t len = strcspn(p, "\n");

		if (!strncasecmp(p, name, n) && p[n] == ':') {
			strbuf_init(&sb);
			strbuf_add(&sb, p + n + 1, len - n - 1);
			p += len + (p[len] ? 1 : 0);
			while (*p == ' ' || *p == '\t') {
				len = strcspn(p, "\n");
				strbuf_add(&sb, p, len);
				p += len + (p[len] ? 1 : 0);
			}
			return strbuf_detach(&sb, NULL);
		}
		p += len + (p[len] ? 1 : 0);
	}
	return NULL;
}

static char *trimmed_header(const char *text, const char *name)
{
	char *v = mail_header(text, name);
	char *start = v;
	size_t len;

	if (!v)
		return NULL;
	while (*start == ' ' || *start == '\t')
		start++;
	len = strlen(start);
	while (len && (start[len - 1] == ' ' || start[len - 1] == '\r'))
		len--;
	start = xstrndup(start, len);
	free(v);
	return start;
}

/* "[PATCH v2 3/7] foo: bar" -> "foo: bar". */
static char *strip_patch_tag(char *subject)
{
	char *p = subject;
	char *s;

	if (*p == '[' && strchr(p, ']')) {
		p = strchr(p, ']') + 1;
		while (*p == ' ')
			p++;
	}
	s = xstrdup(p);
	free(subject);
	return s;
}

int change_set_from_diff_text(struct change_set *cs, const char *name,
			      const char *text, size_t len,
			      struct strbuf *err)
{
	git_repository *repo = open_repo();
	git_diff *diff = NULL;
	struct walk w = { 0 };
	const char *start;
	int ret = -1;

	if (walk_init(&w, cs, repo, err) < 0)
		goto out;
	/* A mail from git format-patch starts with "From <sha> ...". */
	start = !strncmp(text, "From ", 5) ?
		text + strcspn(text, "\n") : text;
	if (*start == '\n')
		start++;
	cs->subject = trimmed_header(start, "Subject");
	if (cs->subject)
		cs->subject = strip_patch_tag(cs->subject);
	cs->message_id = trimmed_header(start, "Message-Id");
	if (git_diff_from_buffer(&diff, text, len) < 0) {
		git_fail(err, "not a patch", name);
		goto out;
	}
	ret = collect(&w, diff, name, err);
out:
	git_diff_free(diff);
	git_repository_free(repo);
	free(w.top);
	return ret;
}

int change_set_from_diff_file(struct change_set *cs, const char *file,
			      struct strbuf *err)
{
	struct strbuf text;
	int ret;

	strbuf_init(&text);
	ret = read_file(file, &text, err);
	if (!ret)
		ret = change_set_from_diff_text(cs, file, text.buf, text.len,
						err);
	strbuf_release(&text);
	return ret;
}

bool change_set_has_line(const struct change_set *cs, const char *path,
			 unsigned int line)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		const struct changed_file *f = &cs->v[i];

		if (strcmp(f->path, path))
			continue;
		if (f->nr && bsearch(&line, f->lines, f->nr,
				     sizeof(unsigned int), cmp_uint))
			return true;
	}
	return false;
}
