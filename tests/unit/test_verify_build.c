// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: kbuild diagnostics compared across a rewrite.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "verify_build.h"

static void check_norm(const char *name, const char *line, const char *want)
{
	char *got = normalize_diagnostic(line, strlen(line), "/s/1/after");

	CHECK_STR(name, got ? got : "(none)", want);
	free(got);
}

void test_verify_build(void)
{
	check_norm("build: gcc warning without copy dir, line, column",
		   "/s/1/after/foo.c:12:5: warning: unused variable 'x' "
		   "[-Wunused-variable]",
		   "foo.c: warning: unused variable 'x' [-Wunused-variable]");
	check_norm("build: error with a line only",
		   "/s/1/after/sub/foo.c:7: error: bad",
		   "sub/foo.c: error: bad");
	check_norm("build: modpost error names the module",
		   "ERROR: modpost: \"do_exit\" [/s/1/after/seed.ko] undefined!",
		   "ERROR: modpost: \"do_exit\" [seed.ko] undefined!");
	check_norm("build: a header's warning keeps its path",
		   "./include/linux/x.h:3:1: warning: w",
		   "./include/linux/x.h: warning: w");
	check_norm("build: progress lines are no diagnostics",
		   "  CC [M]  /s/1/after/foo.o", "(none)");
	check_norm("build: make's own error line is no diagnostic",
		   "make[2]: *** [scripts/Makefile.build:250: foo.o] Error 1",
		   "(none)");
}
