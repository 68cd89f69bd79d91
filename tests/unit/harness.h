/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny test harness: each check prints "PASS: <name>" or
 * "FAIL: <name>: <why>", the protocol of tests/run-tests.
 */
#ifndef KTHREADIFY_TEST_HARNESS_H
#define KTHREADIFY_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

void check_true(const char *name, bool ok, const char *file, int line,
		const char *expr);
void check_str(const char *name, const char *got, const char *want,
	       const char *file, int line);
void check_long(const char *name, long got, long want, const char *file,
		int line);
int failures(void);

#define CHECK(name, expr) check_true(name, (expr), __FILE__, __LINE__, #expr)
#define CHECK_STR(name, got, want) \
	check_str(name, got, want, __FILE__, __LINE__)
#define CHECK_INT(name, got, want) \
	check_long(name, (long)(got), (long)(want), __FILE__, __LINE__)

/* Where tests/fixtures is: $KTHREADIFY_FIXTURES or tests/fixtures. */
const char *fixtures_dir(void);
/* Read tests/fixtures/<rel> into out; exits the tests if it cannot. */
void read_fixture(const char *rel, struct strbuf *out);
/* A fresh directory under $TMPDIR; the caller removes it. */
char *make_temp_dir(void);

void test_options(void);
void test_rules(void);
void test_grep_query(void);
void test_discover(void);
void test_spatch(void);
void test_results(void);
void test_output_patch(void);
void test_run_command(void);
void test_apply(void);
void test_kernel_version(void);
void test_strbuf(void);
void test_verify_build(void);
void test_series(void);
void test_groups(void);
void test_cache(void);
void test_scan_index(void);
void test_fileio(void);

#endif
