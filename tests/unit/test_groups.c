// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: kbuild composite modules, quoted includes, units of files,
 * and the scan for the words of the grep queries.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "discover.h"
#include "fileio.h"
#include "grep_query.h"
#include "groups.h"
#include "harness.h"
#include "wordscan.h"

static void collect(void *data, const char *module, const char *object)
{
	struct strbuf *sb = data;

	strbuf_addf(sb, "%s%s:%s", sb->len ? " " : "", module, object);
}

static void test_kbuild(void)
{
	struct strbuf sb;

	strbuf_init(&sb);
	kbuild_composites("obj-m := split.o\nsplit-objs := core.o thread.o\n",
			  collect, &sb);
	CHECK_STR("groups: X-objs", sb.buf, "split:core.o split:thread.o");
	strbuf_reset(&sb);
	kbuild_composites("# comment\n"
			  "obj-$(CONFIG_FOO) += foo-drv.o other.o\n"
			  "foo-drv-y := main.o \\\n\tsub/io.o\n"
			  "foo-drv-$(CONFIG_FOO_DEBUG) += debug.o # late\n"
			  "foo-drv-y\t+= last.o\n"
			  "ccflags-y := -DDEBUG\n"
			  "subdir-y := x\n"
			  "orphan-y := a.o b.o\n"
			  "clean:\n\trm -f x-y := z.o\n",
			  collect, &sb);
	CHECK_STR("groups: -y, -$(CONFIG), +=, continuation, comments",
		  sb.buf, "foo-drv:main.o foo-drv:sub/io.o foo-drv:debug.o "
		  "foo-drv:last.o");
	strbuf_reset(&sb);
	kbuild_composites("x-objs = a.o\nobj-y := x.o\n", collect, &sb);
	CHECK_STR("groups: obj- may come after", sb.buf, "x:a.o");
	strbuf_release(&sb);
}

static void test_includes(void)
{
	const char *text = "#include <linux/module.h>\n"
			   "#include \"local.h\"\n"
			   "  #  include   \"sub/x.h\" // why\n"
			   "/* #include \"no.h\" */\n"
			   "#define S \"#include \\\"q.h\\\"\"\n";
	struct strvec names;

	strvec_init(&names);
	quoted_includes(text, strlen(text), &names);
	CHECK_INT("groups: quoted includes", names.nr, 2);
	CHECK_STR("groups: first include", names.nr > 0 ? names.v[0] : "",
		  "local.h");
	CHECK_STR("groups: spaced include", names.nr > 1 ? names.v[1] : "",
		  "sub/x.h");
	strvec_clear(&names);
}

static void put(const char *root, const char *rel, const char *text)
{
	char *p = path_join(root, rel), *dir = path_dirname(p);
	struct strbuf err;

	strbuf_init(&err);
	make_dir(dir, &err);
	strbuf_reset(&err);
	write_file(p, text, strlen(text), &err);
	CHECK_STR("groups: fixture written", err.buf, "");
	strbuf_release(&err);
	free(dir);
	free(p);
}

/* The units of root, as "a.c+b.c c.c" with paths relative to root. */
static char *units_of(const char *root, bool headers, int *ret,
		      struct strbuf *err)
{
	struct file_list list;
	struct unit_list units;
	struct strvec paths;
	struct strbuf sb;
	size_t i, j, n = strlen(root) + 1;

	file_list_init(&list);
	unit_list_init(&units);
	strvec_init(&paths);
	strbuf_init(&sb);
	strvec_push(&paths, root);
	*ret = discover_files(&list, &paths, headers, err);
	if (!*ret)
		*ret = make_units(&list, headers, &units, err);
	for (i = 0; i < units.nr; i++) {
		if (i)
			strbuf_addch(&sb, ' ');
		for (j = 0; j < units.v[i].nr; j++)
			strbuf_addf(&sb, "%s%s", j ? "+" : "",
				    list.v[units.v[i].files[j]].path + n);
	}
	unit_list_release(&units);
	file_list_release(&list);
	strvec_clear(&paths);
	return strbuf_detach(&sb, NULL);
}

static void test_units(void)
{
	char *root = make_temp_dir(), *got;
	struct strbuf err;
	int ret;

	strbuf_init(&err);
	put(root, "mod/Kbuild", "obj-m := m.o\nm-objs := core.o thread.o\n");
	put(root, "mod/core.c", "#include \"m.h\"\nint a;\n");
	put(root, "mod/thread.c", "#include \"m.h\"\n#include \"o.h\"\n");
	put(root, "mod/m.h", "int b;\n");
	put(root, "mod/o.h", "int c;\n");
	put(root, "mod/alone.c", "#include \"solo.h\"\n");
	put(root, "mod/solo.h", "int d;\n");
	put(root, "mk/Makefile", "obj-y += p.o q.o\np-y := p1.o shared.o\n"
	    "q-y := q1.o shared.o\n");
	put(root, "mk/p1.c", "int e;\n");
	put(root, "mk/q1.c", "int f;\n");
	put(root, "mk/shared.c", "int g;\n");
	put(root, "one/Kbuild", "obj-m := o.o\no-y := only.o missing.o\n");
	put(root, "one/only.c", "int h;\n");

	got = units_of(root, false, &ret, &err);
	CHECK_INT("groups: units without headers", ret, 0);
	CHECK_STR("groups: composites are units, the rest alone", got,
		  "mk/p1.c+mk/q1.c+mk/shared.c mod/alone.c "
		  "mod/core.c+mod/thread.c one/only.c");
	free(got);
	got = units_of(root, true, &ret, &err);
	CHECK_STR("groups: quoted headers join, others stay alone", got,
		  "mk/p1.c+mk/q1.c+mk/shared.c mod/alone.c "
		  "mod/core.c+mod/m.h+mod/o.h+mod/thread.c mod/solo.h "
		  "one/only.c");
	free(got);

	/* A kbuild file that cannot be read is an error naming it. */
	put(root, "bad/x.c", "int i;\n");
	{
		char *p = path_join(root, "bad/Kbuild");

		if (mkdir(p, 0700) == 0) {
			got = units_of(root, false, &ret, &err);
			CHECK_INT("groups: unreadable Kbuild", ret, -1);
			CHECK("groups: error names it",
			      strstr(err.buf, "bad/Kbuild") != NULL);
			free(got);
		}
		free(p);
	}
	remove_tree(root);
	free(root);
	strbuf_release(&err);
}

static void test_wordscan(void)
{
	struct strvec words;
	struct word_set *ws;
	struct grep_query *q;
	const char *text = "x = kthread_run(fn); /* kthread_stopper */ "
			   "kthread_create_on_node2; do_exit";
	bool present[8] = { false };
	size_t i;

	strvec_init(&words);
	q = grep_query_parse("kthread_run || kthread_stop || "
			     "(do_exit && kthread_create_on_node) || "
			     "kthread_run");
	grep_query_words(q, &words);
	CHECK_INT("wordscan: words of a query, duplicates kept", words.nr, 5);
	ws = word_set_new(&words);
	CHECK_INT("wordscan: set merges duplicates", word_set_size(ws), 4);
	word_set_scan(ws, text, strlen(text), present);
	CHECK("wordscan: whole token found",
	      present[word_set_index(ws, "kthread_run")]);
	CHECK("wordscan: prefix of a longer token is not",
	      !present[word_set_index(ws, "kthread_stop")]);
	CHECK("wordscan: token with a suffix is not",
	      !present[word_set_index(ws, "kthread_create_on_node")]);
	CHECK("wordscan: last token found",
	      present[word_set_index(ws, "do_exit")]);
	/* Same answers as text_has_word() on every word. */
	for (i = 0; i < words.nr; i++)
		CHECK("wordscan: agrees with text_has_word",
		      present[word_set_index(ws, words.v[i])] ==
		      text_has_word(text, strlen(text), words.v[i]));
	CHECK_INT("wordscan: unknown word", word_set_index(ws, "nope"),
		  word_set_size(ws));
	word_set_free(ws);
	grep_query_free(q);
	strvec_clear(&words);
}

static void set_member(struct member_text *m, const char *path,
		       const char *text, bool take)
{
	m->path = path;
	m->text = text;
	m->len = strlen(text);
	m->is_header = path[strlen(path) - 1] == 'h';
	m->take = take;
}

static void test_module_members(void)
{
	struct member_text m[6];
	struct strvec calls;

	strvec_init(&calls);
	strvec_push(&calls, "kthread_run");
	set_member(&m[0], "d/core.c", "#include \"split.h\"\n"
		   "t = kthread_run (\n\tsplit_thread, dev, \"x\");\n", true);
	set_member(&m[1], "d/thread.c", "int split_thread(void *d) { }\n",
		   false);
	set_member(&m[2], "d/other.c", "int split_threads; int other;\n",
		   false);
	set_member(&m[3], "d/split.h", "struct split_dev { int stop; };\n",
		   false);
	set_member(&m[4], "d/trace.h", "TRACE_EVENT(x, ...)\n", false);
	/* Wanted for another word of the query; its call is no start. */
	set_member(&m[5], "d/wrap.c", "my_kthread_run(other);\n", true);
	module_members(m, 6, &calls);
	CHECK("module members: the file that starts the thread", m[0].take);
	CHECK("module members: the file that names the thread function",
	      m[1].take);
	CHECK("module members: neither a longer word nor the argument of "
	      "a call whose name only ends in the word", !m[2].take);
	CHECK("module members: a header the starter includes", m[3].take);
	CHECK("module members: a header nobody taken includes", !m[4].take);

	set_member(&m[0], "d/a.c", "int a;\n", false);
	set_member(&m[1], "d/b.c", "int b;\n", false);
	module_members(m, 2, &calls);
	CHECK("module members: none wanted alone, all taken",
	      m[0].take && m[1].take);
	strvec_clear(&calls);
}

/* A stop path in a file that names neither the thread nor a start. */
static void test_module_includers(void)
{
	struct member_text m[12];
	struct strvec calls;
	size_t i;

	strvec_init(&calls);
	strvec_push(&calls, "kthread_run");
	set_member(&m[0], "d/main.c", "#include \"split.h\"\n"
		   "kthread_run(poller, NULL, \"p\");\n", true);
	set_member(&m[1], "d/split.h", "extern int must_exit;\n", false);
	set_member(&m[2], "d/stop.c", "#include \"split.h\"\n"
		   "void stop(void) { must_exit = 1; }\n", false);
	set_member(&m[3], "d/misc.c", "#include \"misc.h\"\n", false);
	set_member(&m[4], "d/misc.h", "int misc;\n", false);
	module_members(m, 5, &calls);
	CHECK("module members: a file that includes a taken header",
	      m[2].take);
	CHECK("module members: not a file whose headers are not taken",
	      !m[3].take && !m[4].take);

	/* Nine sources: every file includes the driver's header. */
	set_member(&m[0], "d/main.c", "#include \"split.h\"\n"
		   "kthread_run(poller, NULL, \"p\");\n", true);
	set_member(&m[1], "d/split.h", "extern int must_exit;\n", false);
	for (i = 2; i < 11; i++)
		set_member(&m[i], "d/part.c", "#include \"split.h\"\n",
			   false);
	module_members(m, 11, &calls);
	CHECK("module members: in a large module, not every includer",
	      m[1].take && !m[2].take && !m[10].take);
	strvec_clear(&calls);
}

void test_groups(void)
{
	test_module_members();
	test_module_includers();
	test_kbuild();
	test_includes();
	test_units();
	test_wordscan();
}
