// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: reading source files with limits, names for outputs and for
 * scratch copies.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "harness.h"

static void check_nameable(const char *name, const char *path, bool want,
			   const char *want_why)
{
	const char *why = NULL;
	bool got = path_is_nameable(path, &why);

	CHECK_INT(name, got, want);
	if (!want)
		CHECK_STR(name, why, want_why);
}

static void check_quoted(const char *name, const char *path,
			 const char *want)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_add_quoted_path(&sb, path);
	CHECK_STR(name, sb.buf, want);
	strbuf_release(&sb);
}

static void check_scratch(const char *name, const char *path,
			  const char *want)
{
	char *got = scratch_copy_name(path);

	CHECK_STR(name, got, want);
	CHECK(name, path_is_shell_safe(got));
	free(got);
}

static void test_read_source(void)
{
	char *dir = make_temp_dir();
	char *path = path_join(dir, "f.c");
	struct strbuf sb, err;
	int fd;

	strbuf_init(&sb);
	strbuf_init(&err);
	write_file(path, "int x;\n", 7, &err);
	CHECK_INT("read_source_file: plain C", read_source_file(path, &sb,
								 &err), 0);
	CHECK_STR("read_source_file: content", sb.buf, "int x;\n");

	write_file(path, "int\0x;\n", 7, &err);
	CHECK_INT("read_source_file: NUL byte refused",
		  read_source_file(path, &sb, &err), -1);
	CHECK("read_source_file: NUL byte named",
	      strstr(err.buf, "f.c: holds a NUL byte (offset 3): a binary "
		     "file, not C source") != NULL);

	/* A sparse file: the size alone decides, nothing is read. */
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK("read_source_file: sparse file made",
	      fd >= 0 && ftruncate(fd, (off_t)MAX_SOURCE_BYTES + 1) == 0);
	close(fd);
	strbuf_reset(&err);
	CHECK_INT("read_source_file: too large refused",
		  read_source_file(path, &sb, &err), -1);
	CHECK("read_source_file: too large named",
	      strstr(err.buf, "f.c: larger than 64 MiB") != NULL);
	CHECK_INT("read_source_file: too large: nothing kept", sb.len, 0);

	unlink(path);
	CHECK("read_source_file: FIFO made", mkfifo(path, 0600) == 0);
	strbuf_reset(&err);
	CHECK_INT("read_source_file: FIFO refused without blocking",
		  read_source_file(path, &sb, &err), -1);
	CHECK("read_source_file: FIFO named",
	      strstr(err.buf, "f.c: not a regular file") != NULL);

	remove_tree(dir);
	free(path);
	free(dir);
	strbuf_release(&sb);
	strbuf_release(&err);
}

void test_fileio(void)
{
	test_read_source();
	check_nameable("nameable: plain", "drivers/a b/-x.c", true, NULL);
	check_nameable("nameable: UTF-8", "caf\xc3\xa9.c", true, NULL);
	check_nameable("nameable: newline", "a\nb.c", false, "a newline");
	check_nameable("nameable: tab", "a\tb.c", false,
		       "a control character");
	check_nameable("nameable: Latin-1 byte", "caf\xe9.c", false,
		       "bytes that are not UTF-8");
	check_nameable("nameable: overlong UTF-8", "\xc0\xaf.c", false,
		       "bytes that are not UTF-8");
	check_nameable("nameable: surrogate", "\xed\xa0\x80.c", false,
		       "bytes that are not UTF-8");
	check_nameable("nameable: truncated UTF-8", "caf\xc3", false,
		       "bytes that are not UTF-8");
	check_quoted("quoted: plain", "a b.c", "a b.c");
	check_quoted("quoted: newline, tab, backslash, byte",
		     "n\nt\tb\\x\xff.c", "n\\nt\\tb\\\\x\\xff.c");
	check_quoted("quoted: UTF-8 kept", "caf\xc3\xa9.c", "caf\xc3\xa9.c");
	check_scratch("scratch name: plain", "dir/foo.c", "foo.c");
	check_scratch("scratch name: shell words", "d/a;touch x;$(id).c",
		      "a_touch_x___id_.c");
	check_scratch("scratch name: space", "sp ace.c", "sp_ace.c");
	check_scratch("scratch name: leading dash", "-x.c", "_-x.c");
	check_scratch("scratch name: hidden", ".h.h", "_.h.h");
	CHECK("shell safe: scratch dir",
	      path_is_shell_safe("/tmp/kthreadify.AbC123/0/orig/f.c"));
	CHECK("shell safe: space is not", !path_is_shell_safe("/tmp/a b"));
}
