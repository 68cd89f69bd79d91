// SPDX-License-Identifier: GPL-2.0-only
/*
 * Finding the files to process.
 */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"

void file_list_init(struct file_list *list)
{
	memset(list, 0, sizeof(*list));
}

void file_list_release(struct file_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		free(list->v[i].path);
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

/* "<path>: ", the path escaped when it needs to be. */
static void add_path(struct strbuf *err, const char *path)
{
	strbuf_add_quoted_path(err, path);
	strbuf_addstr(err, ": ");
}

static int add_file(struct file_list *list, const char *path,
		    const struct stat *st, bool named, struct strbuf *err)
{
	struct source_file *f;
	const char *why;

	/*
	 * A name every output can carry exactly, or none: a newline cannot
	 * be written in a gcc-style line or a diff header, bytes that are
	 * not UTF-8 cannot be written in JSON or SARIF.
	 */
	if (!path_is_nameable(path, &why)) {
		add_path(err, path);
		strbuf_addf(err, "the file name holds %s, which kthreadify "
			    "cannot write exactly in its output; rename the "
			    "file or leave it out", why);
		return -1;
	}
	list->v = grow_array(list->v, sizeof(*list->v), list->nr + 1,
			     &list->alloc);
	f = &list->v[list->nr++];
	f->path = xstrdup(path);
	f->is_header = has_suffix(path, ".h");
	f->named = named;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->size = st->st_size;
	return 0;
}

static int walk_dir(struct file_list *list, const char *dir,
		    bool want_headers, struct strbuf *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		add_path(err, dir);
		strbuf_addstr(err, strerror(errno));
		return -1;
	}
	while (!ret && (errno = 0, de = readdir(d))) {
		const char *name = de->d_name;
		struct stat st;
		char *path;

		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    !strcmp(name, ".git"))
			continue;
		path = path_join(dir, name);
		if (lstat(path, &st) < 0) {
			add_path(err, path);
			strbuf_addstr(err, strerror(errno));
			ret = -1;
		} else if (S_ISDIR(st.st_mode)) {
			ret = walk_dir(list, path, want_headers, err);
		} else if (S_ISREG(st.st_mode) &&
			   (has_suffix(name, ".c") ||
			    (want_headers && has_suffix(name, ".h")))) {
			/* lstat: symbolic links are neither, so skipped */
			ret = add_file(list, path, &st, false, err);
		}
		free(path);
	}
	if (!ret && errno) {
		add_path(err, dir);
		strbuf_addstr(err, strerror(errno));
		ret = -1;
	}
	closedir(d);
	return ret;
}

static int add_named(struct file_list *list, const char *path,
		     bool want_headers, struct strbuf *err)
{
	struct stat st;

	/* stat, not lstat: what the user names is followed. */
	if (stat(path, &st) < 0) {
		add_path(err, path);
		strbuf_addstr(err, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(list, path, want_headers, err);
	if (!S_ISREG(st.st_mode)) {
		add_path(err, path);
		strbuf_addstr(err, "not a regular file or directory");
		return -1;
	}
	/* Named or not, only C: spatch would take anything else for C. */
	if (!has_suffix(path, ".c") && !has_suffix(path, ".h")) {
		add_path(err, path);
		strbuf_addstr(err, "not a C source file (a .c or .h file)");
		return -1;
	}
	return add_file(list, path, &st, true, err);
}

static int cmp_path(const void *a, const void *b)
{
	const struct source_file *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	/* Same path named and walked: keep the named one first. */
	return c ? c : (int)y->named - (int)x->named;
}

struct file_key {
	dev_t dev;
	ino_t ino;
	size_t index;
};

static int cmp_key(const void *a, const void *b)
{
	const struct file_key *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Drop every file already listed under an earlier (sorted) path. */
static void remove_duplicates(struct file_list *list)
{
	struct file_key *keys = xcalloc(list->nr, sizeof(*keys));
	bool *drop = xcalloc(list->nr, sizeof(*drop));
	size_t i, n = 0;

	for (i = 0; i < list->nr; i++) {
		keys[i].dev = list->v[i].dev;
		keys[i].ino = list->v[i].ino;
		keys[i].index = i;
	}
	qsort(keys, list->nr, sizeof(*keys), cmp_key);
	for (i = 1; i < list->nr; i++)
		if (keys[i].dev == keys[i - 1].dev &&
		    keys[i].ino == keys[i - 1].ino)
			drop[keys[i].index] = true;
	for (i = 0; i < list->nr; i++) {
		if (drop[i]) {
			free(list->v[i].path);
			continue;
		}
		list->v[n++] = list->v[i];
	}
	list->nr = n;
	free(drop);
	free(keys);
}

int discover_files(struct file_list *list, const struct strvec *paths,
		   bool want_headers, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < paths->nr; i++)
		if (add_named(list, paths->v[i], want_headers, err) < 0)
			return -1;
	if (list->nr)
		qsort(list->v, list->nr, sizeof(*list->v), cmp_path);
	remove_duplicates(list);
	return 0;
}
