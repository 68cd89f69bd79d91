// SPDX-License-Identifier: GPL-2.0-only
/*
 * The unit tests' harness and entry point.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "output_patch.h"

static int nr_failures;

void check_true(const char *name, bool ok, const char *file, int line,
		const char *expr)
{
	if (ok) {
		printf("PASS: %s\n", name);
		return;
	}
	nr_failures++;
	printf("FAIL: %s: %s:%d: %s is false\n", name, file, line, expr);
}

void check_str(const char *name, const char *got, const char *want,
	       const char *file, int line)
{
	if (got && want && !strcmp(got, want)) {
		printf("PASS: %s\n", name);
		return;
	}
	nr_failures++;
	printf("FAIL: %s: %s:%d: got \"%s\", want \"%s\"\n", name, file, line,
	       got ? got : "(null)", want ? want : "(null)");
}

void check_long(const char *name, long got, long want, const char *file,
		int line)
{
	if (got == want) {
		printf("PASS: %s\n", name);
		return;
	}
	nr_failures++;
	printf("FAIL: %s: %s:%d: got %ld, want %ld\n", name, file, line, got,
	       want);
}

int failures(void)
{
	return nr_failures;
}

const char *fixtures_dir(void)
{
	const char *dir = getenv("KTHREADIFY_FIXTURES");

	return dir && *dir ? dir : "tests/fixtures";
}

void read_fixture(const char *rel, struct strbuf *out)
{
	char *path = path_join(fixtures_dir(), rel);
	struct strbuf err;

	strbuf_init(&err);
	if (read_file(path, out, &err) < 0) {
		printf("FAIL: fixture %s: %s\n", rel, err.buf);
		exit(1);
	}
	strbuf_release(&err);
	free(path);
}

char *make_temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/kthreadify-unit.XXXXXX",
			      tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(dir)) {
		printf("FAIL: mkdtemp %s\n", dir);
		exit(1);
	}
	return dir;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	diff_lib_init();
	test_options();
	test_rules();
	test_grep_query();
	test_discover();
	test_spatch();
	test_results();
	test_output_patch();
	test_run_command();
	test_kernel_version();
	test_apply();
	test_strbuf();
	test_verify_build();
	test_series();
	test_groups();
	test_cache();
	test_scan_index();
	test_fileio();
	diff_lib_shutdown();
	printf("unit tests: %d failed\n", failures());
	return failures() ? 1 : 0;
}
