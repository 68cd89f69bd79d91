// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: file discovery on a temporary tree.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "fileio.h"
#include "harness.h"

/*
 * root/a.c  root/b.h  root/notes.txt  root/sub/deep/c.c  root/sub/deep/d.h
 * root/.git/e.c  root/sub/.git (a file)  root/linkdir -> sub
 * root/link.c -> a.c  root/empty/
 */
static void make_tree(const char *root)
{
	static const char *const dirs[] = { "sub", "sub/deep", ".git",
					    "empty" };
	static const char *const files[] = { "a.c", "b.h", "notes.txt",
					     "sub/deep/c.c", "sub/deep/d.h",
					     ".git/e.c", "sub/.git" };
	struct strbuf err;
	size_t i;

	strbuf_init(&err);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *p = path_join(root, dirs[i]);

		make_dir(p, &err);
		free(p);
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *p = path_join(root, files[i]);

		write_file(p, "int x;\n", 7, &err);
		free(p);
	}
	{
		char *p = path_join(root, "linkdir");
		char *q = path_join(root, "link.c");

		if (symlink("sub", p) < 0 || symlink("a.c", q) < 0)
			strbuf_addstr(&err, "symlink");
		free(p);
		free(q);
	}
	CHECK_STR("discover: temp tree made", err.buf, "");
	strbuf_release(&err);
}

/* The discovered paths, relative to root, joined with spaces. */
static char *discover(const char *root, bool headers, const char *const *rel,
		      size_t nr, int *ret, struct strbuf *err)
{
	struct file_list list;
	struct strvec paths;
	struct strbuf sb;
	size_t i, skip = strlen(root) + 1;

	file_list_init(&list);
	strvec_init(&paths);
	for (i = 0; i < nr; i++) {
		if (!strcmp(rel[i], "."))
			strvec_push(&paths, root);
		else
			strvec_pushf(&paths, "%s/%s", root, rel[i]);
	}
	*ret = discover_files(&list, &paths, headers, err);
	strbuf_init(&sb);
	for (i = 0; i < list.nr; i++)
		strbuf_addf(&sb, "%s%s%s", i ? " " : "",
			    list.v[i].path + skip,
			    list.v[i].named ? "(named)" : "");
	file_list_release(&list);
	strvec_clear(&paths);
	return strbuf_detach(&sb, NULL);
}

#define DISCOVER(name, headers, want, ...)                               \
	do {                                                             \
		const char *const rel_[] = { __VA_ARGS__ };              \
		int ret_;                                                \
		char *got_ = discover(root, headers, rel_,               \
				      sizeof(rel_) / sizeof(rel_[0]),    \
				      &ret_, &err);                      \
		CHECK_STR(name, got_, want);                             \
		free(got_);                                              \
	} while (0)

void test_discover(void)
{
	char *root = make_temp_dir();
	struct strbuf err;
	int ret;
	char *got;

	strbuf_init(&err);
	make_tree(root);
	DISCOVER("discover: walk finds .c, skips .git, symlinks, others",
		 false, "a.c sub/deep/c.c", ".");
	DISCOVER("discover: headers when a rule wants them", true,
		 "a.c b.h sub/deep/c.c sub/deep/d.h", ".");
	DISCOVER("discover: same file twice is processed once", false,
		 "./a.c(named) sub/deep/c.c", ".", "a.c", "./a.c");
	DISCOVER("discover: named symlinked file is followed", false,
		 "link.c(named)", "link.c");
	DISCOVER("discover: symlinked file and its target: once", false,
		 "a.c sub/deep/c.c", ".", "link.c");
	DISCOVER("discover: named symlinked dir is walked", false,
		 "linkdir/deep/c.c", "linkdir");
	DISCOVER("discover: named header without header rules", false,
		 "b.h(named)", "b.h");
	DISCOVER("discover: sorted whatever the argument order", false,
		 "a.c(named) sub/deep/c.c(named)", "sub/deep/c.c", "a.c");
	DISCOVER("discover: empty directory", false, "", "empty");

	{
		const char *const rel[] = { "nope.c" };
		char *want = xasprintf("%s/nope.c: No such file or directory",
				       root);

		got = discover(root, false, rel, 1, &ret, &err);
		CHECK_INT("discover: nonexistent path fails", ret, -1);
		CHECK_STR("discover: nonexistent path message", err.buf, want);
		free(want);
		free(got);
	}
	{
		const char *const rel[] = { "notes.txt" };
		char *want = xasprintf("%s/notes.txt: not a C source file "
				       "(a .c or .h file)", root);

		strbuf_reset(&err);
		got = discover(root, false, rel, 1, &ret, &err);
		CHECK_INT("discover: named non-C file refused", ret, -1);
		CHECK_STR("discover: named non-C file message", err.buf, want);
		free(want);
		free(got);
	}
	{
		const char *const rel[] = { "nl\nx.c", "bad\xff.c" };
		char *path = xasprintf("%s/%s", root, rel[0]);
		char *want = xasprintf("%s/nl\\nx.c: the file name holds a "
				       "newline, which kthreadify cannot "
				       "write exactly in its output; rename "
				       "the file or leave it out", root);

		write_file(path, "int x;\n", 7, &err);
		free(path);
		strbuf_reset(&err);
		got = discover(root, false, rel, 1, &ret, &err);
		CHECK_INT("discover: newline in a name refused", ret, -1);
		CHECK_STR("discover: newline in a name: escaped", err.buf,
			  want);
		free(want);
		free(got);
		path = xasprintf("%s/%s", root, rel[1]);
		write_file(path, "int x;\n", 7, &err);
		free(path);
		strbuf_reset(&err);
		got = discover(root, false, rel + 1, 1, &ret, &err);
		CHECK_INT("discover: non-UTF-8 name refused", ret, -1);
		CHECK("discover: non-UTF-8 name: escaped",
		      strstr(err.buf, "/bad\\xff.c: the file name holds "
			     "bytes that are not UTF-8") != NULL);
		free(got);
	}
	remove_tree(root);
	free(root);
	strbuf_release(&err);
}
