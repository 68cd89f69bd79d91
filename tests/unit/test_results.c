// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: finding order, duplicates, gcc format, summary, exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "output_report.h"
#include "results.h"

static char *capture(void (*print)(FILE *, const struct run_results *),
		     const struct run_results *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	print(f, r);
	fclose(f);
	return buf;
}

static void test_findings(void)
{
	struct run_results r;
	char *out;

	run_results_init(&r, 2);
	results_add_finding(&r, 1, "b.c", 3, 1, SEVERITY_WARNING, "m",
			    "rule_b");
	results_add_finding(&r, 0, "a.c", 10, 2, SEVERITY_ERROR, "x: y",
			    "rule_a");
	results_add_finding(&r, 0, "a.c", 9, 5, SEVERITY_WARNING, "m",
			    "rule_b");
	results_add_finding(&r, 0, "a.c", 9, 5, SEVERITY_WARNING, "m",
			    "rule_a");
	results_add_finding(&r, 0, "a.c", 9, 5, SEVERITY_WARNING, "m",
			    "rule_a");
	results_sort(&r);
	CHECK_INT("results: duplicate dropped", r.nr_findings, 4);
	out = capture(print_findings, &r);
	CHECK_STR("results: sorted by file, line, column, rule; gcc style",
		  out,
		  "a.c:9:5: warning: m [rule_a]\n"
		  "a.c:9:5: warning: m [rule_b]\n"
		  "a.c:10:2: error: x: y [rule_a]\n"
		  "b.c:3:1: warning: m [rule_b]\n");
	free(out);
	CHECK("results: findings mark their files",
	      r.files[0].has_findings && r.files[1].has_findings);
	run_results_release(&r);
}

static void test_problems(void)
{
	struct run_results r;
	struct run_summary s;
	char *out;

	run_results_init(&r, 3);
	results_add_problem(&r, 2, 0, PROBLEM_TIMED_OUT,
			    "c.c: timed out after 2 s [r1]");
	results_add_problem(&r, 0, 1, PROBLEM_UNPARSABLE,
			    "a.c:4: spatch could not parse this file [r2]");
	results_add_problem(&r, 0, 0, PROBLEM_UNPARSABLE,
			    "a.c:4: spatch could not parse this file [r1]");
	results_sort(&r);
	out = capture(print_problems, &r);
	CHECK_STR("results: problems by file then pipeline order", out,
		  "kthreadify: a.c:4: spatch could not parse this file [r1]\n"
		  "kthreadify: a.c:4: spatch could not parse this file [r2]\n"
		  "kthreadify: c.c: timed out after 2 s [r1]\n");
	free(out);
	results_summarize(&r, &s);
	CHECK_INT("results: a file unparsable by two rules counts once",
		  s.unparsable, 1);
	CHECK_INT("results: timed out count", s.timed_out, 1);
	run_results_release(&r);
}

static void test_exit_status(void)
{
	struct run_summary s;

	memset(&s, 0, sizeof(s));
	s.scanned = 5;
	CHECK_INT("exit: nothing found is 0", results_exit_status(&s, false),
		  0);
	s.findings = 1;
	s.with_findings = 1;
	CHECK_INT("exit: findings give 1", results_exit_status(&s, false), 1);
	s.findings = 0;
	s.with_findings = 0;
	s.changed = 2;
	CHECK_INT("exit: changes give 1", results_exit_status(&s, false), 1);
	s.unparsable = 1;
	CHECK_INT("exit: unparsable file gives 2 even with changes",
		  results_exit_status(&s, false), 2);
	s.unparsable = 0;
	s.changed = 0;
	s.timed_out = 1;
	CHECK_INT("exit: timeout gives 2", results_exit_status(&s, false), 2);
	s.timed_out = 0;
	s.failed = 1;
	CHECK_INT("exit: spatch failure gives 2",
		  results_exit_status(&s, false), 2);
	s.failed = 0;
	CHECK_INT("exit: other error gives 2", results_exit_status(&s, true),
		  2);
}

static void test_summary(void)
{
	struct run_summary s = { 7, 3, 2, 1, 1, 1, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	print_summary(f, &s, MODE_PATCH);
	print_summary(f, &s, MODE_REPORT);
	fclose(f);
	CHECK_STR("results: summary lines", buf,
		  "kthreadify: 7 files scanned, 3 candidates, 2 changed, "
		  "1 unparsable, 0 timed out\n"
		  "kthreadify: 7 files scanned, 3 candidates, 1 with "
		  "findings, 1 unparsable, 0 timed out\n");
	free(buf);
}

void test_results(void)
{
	test_findings();
	test_problems();
	test_exit_status();
	test_summary();
}
