// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the pieces of a series (subject prefixes, patch file names)
 * and of a review (the lines a patch file adds).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "git_range.h"
#include "git_repo.h"
#include "harness.h"
#include "output_mbox.h"
#include "series.h"

static void check_prefix(const char *subject, const char *want)
{
	char *got = subject_prefix(subject);
	char name[160];

	snprintf(name, sizeof(name), "series: prefix of \"%s\"", subject);
	CHECK_STR(name, got ? got : "(none)", want);
	free(got);
}

static void test_prefixes(void)
{
	char *p;

	check_prefix("staging: rtl8192e: Remove unused variable",
		     "staging: rtl8192e");
	check_prefix("net/mlx5: Fix a leak", "net/mlx5");
	check_prefix("Fix a thing: really", "(none)");
	check_prefix("Revert \"foo: bar\"", "(none)");
	check_prefix("foo: ", "(none)");
	check_prefix("no prefix at all", "(none)");

	p = path_prefix("drivers/staging/beta", "drivers/staging/beta/x.c");
	CHECK_STR("series: staging directory prefix", p, "staging: beta");
	free(p);
	p = path_prefix("./drivers/misc/alpha", "x.c");
	CHECK_STR("series: last directory as prefix", p, "alpha");
	free(p);
	p = path_prefix(".", "./seed.c");
	CHECK_STR("series: file name when there is no directory", p, "seed");
	free(p);
}

static void test_file_names(void)
{
	char *n;

	n = patch_file_name(1, "misc: alpha: Replace a hand-rolled thread "
			    "stop flag with kthread_should_stop()");
	CHECK_STR("series: file name cut like git's", n,
		  "0001-misc-alpha-Replace-a-hand-rolled-thread-stop-flag-wi"
		  ".patch");
	free(n);
	n = patch_file_name(12, "x: Use v1.2 ... now!");
	CHECK_STR("series: file name keeps a dot of a run, as git", n,
		  "0012-x-Use-v1.2-.-now.patch");
	free(n);
}

static void test_diff_file(void)
{
	struct change_set cs;
	struct strbuf err;
	char *dir = make_temp_dir(), *old = getcwd(NULL, 0);
	char *patch = path_join(old, "tests/fixtures/review/mail.patch");

	/* Outside a repository the paths are relative to the cwd. */
	change_set_init(&cs);
	strbuf_init(&err);
	if (chdir(dir) < 0)
		return;
	CHECK_INT("review: a format-patch mail parses",
		  change_set_from_diff_file(&cs, patch, &err), 0);
	CHECK_STR("review: subject without [PATCH ...], unfolded",
		  cs.subject ? cs.subject : "(none)",
		  "misc: ticker: add the ticker driver with a long subject "
		  "line");
	CHECK_STR("review: Message-Id", cs.message_id ? cs.message_id : "",
		  "<20260101.ticker@example.org>");
	CHECK_INT("review: deleted files are not reviewed", cs.nr, 1);
	CHECK("review: replaced line", change_set_has_line(
		&cs, "drivers/misc/ticker.c", 3));
	CHECK("review: added line", change_set_has_line(
		&cs, "drivers/misc/ticker.c", 4));
	CHECK("review: line added in the second hunk", change_set_has_line(
		&cs, "drivers/misc/ticker.c", 12));
	CHECK("review: context line is not new", !change_set_has_line(
		&cs, "drivers/misc/ticker.c", 2));
	CHECK("review: other file", !change_set_has_line(
		&cs, "drivers/misc/other.c", 3));
	change_set_release(&cs);
	strbuf_release(&err);
	if (chdir(old) < 0)
		return;
	remove_tree(dir);
	free(patch);
	free(old);
	free(dir);
}

void test_series(void)
{
	test_prefixes();
	test_file_names();
	test_diff_file();
}
