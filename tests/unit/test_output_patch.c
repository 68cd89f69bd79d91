// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: diff headers and line arithmetic.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "output_patch.h"

static void test_relative(void)
{
	char *p;

	p = relative_path("a/b.c", "/w");
	CHECK_STR("patch: relative path kept", p, "a/b.c");
	free(p);
	p = relative_path("./a/./b.c", "/w");
	CHECK_STR("patch: ./ removed", p, "a/b.c");
	free(p);
	p = relative_path("/w/src/x.c", "/w");
	CHECK_STR("patch: absolute under cwd", p, "src/x.c");
	free(p);
	p = relative_path("/other/x.c", "/w/sub");
	CHECK_STR("patch: absolute elsewhere", p, "../../other/x.c");
	free(p);
	p = relative_path("../w/a.c", "/w");
	CHECK_STR("patch: .. back into cwd", p, "a.c");
	free(p);
	p = relative_path("d//e.c", "/");
	CHECK_STR("patch: double slash and root cwd", p, "d/e.c");
	free(p);
}

static const char old_text[] =
	"int f(void)\n{\n\told_stop(a);\n\treturn 0;\n}\n";
static const char new_text[] =
	"int f(void)\n{\n\tkthread_stop(a);\n\treturn 0;\n}\n";

static void test_format(void)
{
	struct strbuf out, err;

	strbuf_init(&out);
	strbuf_init(&err);
	CHECK_INT("patch: format ok",
		  format_patch(&out, "dir/a b.c", old_text, strlen(old_text),
			       new_text, strlen(new_text), &err), 0);
	CHECK("patch: --- a/ header",
	      strstr(out.buf, "\n--- a/dir/a b.c\n") != NULL);
	CHECK("patch: +++ b/ header",
	      strstr(out.buf, "\n+++ b/dir/a b.c\n") != NULL);
	CHECK("patch: diff --git first",
	      !strncmp(out.buf, "diff --git a/dir/a b.c b/dir/a b.c\n", 35));
	CHECK("patch: hunk header", strstr(out.buf, "\n@@ -1,5 +1,5 @@") !=
	      NULL);
	CHECK("patch: change lines",
	      strstr(out.buf, "\n-\told_stop(a);\n+\tkthread_stop(a);\n") !=
	      NULL);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void test_hunks(void)
{
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
	const char *b = "1\nTWO\n3\n4\n5\n6\n7\nnew\n8\n9\n";
	struct strbuf err;
	unsigned int *lines = NULL, line;
	size_t nr = 0;

	strbuf_init(&err);
	CHECK_INT("patch: hunks computed",
		  hunk_first_lines(a, strlen(a), b, strlen(b), &lines, &nr,
				   &err), 0);
	CHECK_INT("patch: three hunks", nr, 3);
	if (nr == 3) {
		CHECK_INT("patch: changed line", lines[0], 2);
		CHECK_INT("patch: insertion before old line 8", lines[1], 8);
		CHECK_INT("patch: deleted last line", lines[2], 10);
	}
	free(lines);

	map_line_to_old(a, strlen(a), b, strlen(b), 9, &line, &err);
	CHECK_INT("patch: unchanged line after an insertion", line, 8);
	map_line_to_old(a, strlen(a), b, strlen(b), 8, &line, &err);
	CHECK_INT("patch: inserted line maps to where it went", line, 8);
	map_line_to_old(a, strlen(a), b, strlen(b), 2, &line, &err);
	CHECK_INT("patch: replaced line maps to itself", line, 2);
	map_line_to_old(a, strlen(a), a, strlen(a), 4, &line, &err);
	CHECK_INT("patch: identical texts map to the same line", line, 4);
	strbuf_release(&err);
}

/* Hunks as SARIF replacements need: where, how many lines, what goes in. */
static void test_diff_hunks(void)
{
	const char *a = "1\n2\n3\n4\n5\n";
	const char *b = "1\nTWO\n3\n4\nnew\n5\n";
	struct diff_hunk *h;
	struct strbuf err;
	size_t nr;

	strbuf_init(&err);
	CHECK_INT("patch: diff_hunks", diff_hunks(a, strlen(a), b, strlen(b),
						  &h, &nr, &err), 0);
	CHECK_INT("patch: diff_hunks: two", nr, 2);
	if (nr == 2) {
		CHECK_INT("patch: replaced line start", h[0].old_start, 2);
		CHECK_INT("patch: replaced line count", h[0].old_lines, 1);
		CHECK_STR("patch: replacement text", h[0].added, "TWO\n");
		CHECK_INT("patch: insertion goes after old line 4",
			  h[1].old_start, 4);
		CHECK_INT("patch: insertion replaces nothing",
			  h[1].old_lines, 0);
		CHECK_STR("patch: inserted text", h[1].added, "new\n");
	}
	diff_hunks_free(h, nr);
	CHECK_INT("patch: diff_hunks of equal texts",
		  diff_hunks(a, strlen(a), a, strlen(a), &h, &nr, &err), 0);
	CHECK_INT("patch: no hunk for equal texts", nr, 0);
	diff_hunks_free(h, nr);
	strbuf_release(&err);
}

void test_output_patch(void)
{
	test_relative();
	test_format();
	test_hunks();
	test_diff_hunks();
}
