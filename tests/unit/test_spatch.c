// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: report lines, severities, spatch output interpretation
 * (on samples captured from spatch 1.1.1), spatch command lines.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rules.h"
#include "spatch.h"

static void test_report_lines(void)
{
	struct report_line rl;

	CHECK_INT("spatch: plain report line",
		  parse_report_line("a/b.c:12:4-9: WARNING: x", NULL, &rl), 0);
	CHECK_STR("spatch: report file", rl.file, "a/b.c");
	CHECK_INT("spatch: report line", rl.line, 12);
	CHECK_INT("spatch: report column (0-based kept)", rl.column, 4);
	CHECK_INT("spatch: report column end", rl.column_end, 9);
	CHECK_STR("spatch: report message", rl.message, "WARNING: x");
	report_line_release(&rl);

	parse_report_line("f.c:1:0-3: ERROR: a: b: c", NULL, &rl);
	CHECK_STR("spatch: message with colons", rl.message,
		  "ERROR: a: b: c");
	report_line_release(&rl);

	CHECK_INT("spatch: file name with colon and space, expected",
		  parse_report_line("my dir/a:1:3.c:7:1-2: WARNING: m",
				    "my dir/a:1:3.c", &rl), 0);
	CHECK_STR("spatch: colon file name kept", rl.file, "my dir/a:1:3.c");
	CHECK_INT("spatch: colon file line", rl.line, 7);
	report_line_release(&rl);

	CHECK_INT("spatch: file name with colons, no expected file",
		  parse_report_line("x:y z.c:3:2-5: msg", NULL, &rl), 0);
	CHECK_STR("spatch: first position splits", rl.file, "x:y z.c");
	report_line_release(&rl);

	CHECK_INT("spatch: other file than expected still parses",
		  parse_report_line("/usr/include/x.h:3:2-5: m", "a.c", &rl),
		  0);
	CHECK_STR("spatch: other file named", rl.file, "/usr/include/x.h");
	report_line_release(&rl);

	CHECK_INT("spatch: not a report (no range)",
		  parse_report_line("a.c:12:4: WARNING: x", NULL, &rl), -1);
	CHECK_INT("spatch: not a report (text)",
		  parse_report_line("HANDLING: a.c", NULL, &rl), -1);
	CHECK_INT("spatch: not a report (empty)",
		  parse_report_line("", NULL, &rl), -1);
}

static void test_severity(void)
{
	enum severity sev = SEVERITY_ERROR;

	CHECK_STR("spatch: WARNING: removed",
		  split_severity("WARNING: use x", &sev), "use x");
	CHECK_INT("spatch: WARNING: is a warning", sev, SEVERITY_WARNING);
	CHECK_STR("spatch: ERROR: removed",
		  split_severity("ERROR: a: b", &sev), "a: b");
	CHECK_INT("spatch: ERROR: is an error", sev, SEVERITY_ERROR);
	CHECK_STR("spatch: kernel style WARNING without colon",
		  split_severity("WARNING opportunity", &sev), "opportunity");
	CHECK_STR("spatch: no prefix kept",
		  split_severity("plain message", &sev), "plain message");
	CHECK_INT("spatch: no prefix is a warning", sev, SEVERITY_WARNING);
	CHECK_STR("spatch: WARNINGS is no prefix",
		  split_severity("WARNINGS: x", &sev), "WARNINGS: x");
	CHECK_STR("spatch: bare ERROR (coccilib default)",
		  split_severity("ERROR", &sev), "");
	CHECK_INT("spatch: bare ERROR is an error", sev, SEVERITY_ERROR);
	CHECK_STR("spatch: severity names", severity_name(SEVERITY_ERROR),
		  "error");
}

/* Interpret fixture spatch-output/NAME.{stdout,stderr,status}. */
static void interpret(const char *name, const char *file,
		      struct spatch_result *res)
{
	struct strbuf out, err, status;
	char *rel;

	strbuf_init(&out);
	strbuf_init(&err);
	strbuf_init(&status);
	rel = xasprintf("spatch-output/%s.stdout", name);
	read_fixture(rel, &out);
	free(rel);
	rel = xasprintf("spatch-output/%s.stderr", name);
	read_fixture(rel, &err);
	free(rel);
	rel = xasprintf("spatch-output/%s.status", name);
	read_fixture(rel, &status);
	free(rel);
	spatch_result_init(res);
	spatch_interpret(CHILD_EXITED, atoi(status.buf), out.buf, err.buf,
			 file, res);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&status);
}

static void test_samples(void)
{
	struct spatch_result res;

	interpret("clean", "thread.c", &res);
	CHECK_INT("spatch sample clean: ok", res.status, SPATCH_OK);
	CHECK_INT("spatch sample clean: no parse error", res.nr_parse_errors,
		  0);
	CHECK_INT("spatch sample clean: two reports", res.nr_reports, 2);
	CHECK_INT("spatch sample clean: nothing else on stdout",
		  res.other_output.nr, 0);
	spatch_result_release(&res);

	interpret("parse_error", "syntax_error.c", &res);
	CHECK_INT("spatch sample parse error: exit 0 yet", res.status,
		  SPATCH_OK);
	CHECK_INT("spatch sample parse error: detected", res.nr_parse_errors,
		  1);
	CHECK_INT("spatch sample parse error: line", res.parse_error_line, 14);
	CHECK_INT("spatch sample parse error: reports kept", res.nr_reports,
		  2);
	spatch_result_release(&res);

	interpret("bad_define", "bad_define.c", &res);
	CHECK_INT("spatch sample bad #define: no code lost",
		  res.nr_parse_errors, 0);
	CHECK_INT("spatch sample bad #define: both macros lost",
		  res.lost_directives.nr, 2);
	CHECK_INT("spatch sample bad #define: first line",
		  res.directive_error_lines[0], 10);
	CHECK_INT("spatch sample bad #define: second line",
		  res.directive_error_lines[1], 11);
	CHECK_INT("spatch sample bad #define: lost text kept",
		  strstr(res.lost_directives.v[1], "STOP_ALL(t)") != NULL, 1);
	CHECK_INT("spatch sample bad #define: context line not lost",
		  strstr(res.lost_directives.v[0], "void old_stop") == NULL, 1);
	CHECK_INT("spatch sample bad #define: reports kept", res.nr_reports,
		  1);
	spatch_result_release(&res);

	interpret("parse_error", "other.c", &res);
	CHECK_INT("spatch sample parse error: in another file ignored",
		  res.nr_parse_errors, 0);
	spatch_result_release(&res);

	interpret("parse_error_very_quiet", "syntax_error.c", &res);
	CHECK_INT("spatch sample --very-quiet hides the parse error",
		  res.nr_parse_errors, 0);
	spatch_result_release(&res);

	interpret("patch_warning", "twoargs.c", &res);
	CHECK_INT("spatch sample patch run: report line found",
		  res.nr_reports, 1);
	CHECK_INT("spatch sample patch run: ok", res.status, SPATCH_OK);
	spatch_result_release(&res);

	interpret("exn", "dir/big.c", &res);
	CHECK_INT("spatch sample EXN Timeout (exit 0): timed out",
		  res.status, SPATCH_TIMED_OUT);
	spatch_result_release(&res);

	interpret("timeout", "big.c", &res);
	CHECK_INT("spatch sample own timeout (exit 2): timed out",
		  res.status, SPATCH_TIMED_OUT);
	spatch_result_release(&res);

	interpret("smpl_error", "thread.c", &res);
	CHECK_INT("spatch sample SmPL error: failed", res.status,
		  SPATCH_FAILED);
	CHECK_INT("spatch sample SmPL error: not a C parse error",
		  res.nr_parse_errors, 0);
	CHECK_STR("spatch sample SmPL error: reason", res.failure.buf,
		  "exit status 255: minus: parse error: ");
	spatch_result_release(&res);

	interpret("no_rules_apply", "thread.c", &res);
	CHECK_STR("spatch sample undeclared virtual: reason", res.failure.buf,
		  "exit status 255: virtual rule report not supported");
	spatch_result_release(&res);
}

static void test_lost_lines(void)
{
	static const struct {
		const char *name;
		const char *lines[5];	/* up to the first NULL */
		int want;
	} cases[] = {
		{ "blank and #define", { "", "#define A(c) .x = (c)" }, 1 },
		{ "continued #define", { "#define B(x) \\",
					 "\tdo { x = 1; \\",
					 "\t} while (0) .y" }, 1 },
		{ "comment then #define", { "/*", " * about A", " */",
					    "#define A(c) .x = (c)" }, 1 },
		{ "code before #define", { "}", "#define A(c) .x = (c)" }, 0 },
		{ "code after #define", { "#define A(c) .x = (c)",
					  "int x;" }, 0 },
		{ "no directive at all", { "/* nothing */", "" }, 0 },
		{ "a statement is no comment", { "#define A 1", "*p = 1;" },
		  0 },
		{ "none", { NULL }, 0 },
	};
	size_t i, nr;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *name = xasprintf("lost lines: %s", cases[i].name);

		for (nr = 0; cases[i].lines[nr]; nr++)
			;
		CHECK_INT(name, lost_only_directives(cases[i].lines, nr),
			  cases[i].want);
		free(name);
	}
}

static void test_outcomes(void)
{
	struct spatch_result res;

	/*
	 * A parse error located in a macro file spatch read is in the
	 * expansion of one of its macros in our file: it lost our lines.
	 */
	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "",
			 "init_defs_builtins: /usr/lib/coccinelle/standard.h\n"
			 "HANDLING: /s/a.c\nparse error \n"
			 " = File \"/usr/lib/coccinelle/standard.h\", line 436, "
			 "column 30, charpos = 11890\n  around = '(',\n"
			 "badcount: 1\n"
			 "bad: static DEFINE_PER_CPU(struct x, y);\n",
			 "/s/a.c", &res);
	CHECK_INT("spatch: parse error in a macro file's expansion counted",
		  res.nr_parse_errors, 1);
	spatch_result_release(&res);
	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "",
			 "HANDLING: /s/a.c\nparse error \n"
			 " = File \"/usr/include/x.h\", line 4, column 0\n"
			 "badcount: 1\nbad: int x y;\n", "/s/a.c", &res);
	CHECK_INT("spatch: parse error in an included header not counted",
		  res.nr_parse_errors, 0);
	spatch_result_release(&res);

	/* Context mode parses its own output again: not our file's error. */
	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "",
			 "parse error \n = error in /tmp/cocci-output-1-2-a.c; "
			 "set verbose_parsing for more info\n", "/s/a.c", &res);
	CHECK_INT("spatch: parse error in a temporary file not counted",
		  res.nr_parse_errors, 0);
	spatch_result_release(&res);
	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "",
			 "parse error \n = error in /s/a.c; set verbose_parsing "
			 "for more info\n", "/s/a.c", &res);
	CHECK_INT("spatch: parse error \"in\" our file counted",
		  res.nr_parse_errors, 1);
	spatch_result_release(&res);

	spatch_result_init(&res);
	spatch_interpret(CHILD_SIGNALED, 11, "", "", "a.c", &res);
	CHECK_INT("spatch: killed by a signal is a failure", res.status,
		  SPATCH_FAILED);
	CHECK_STR("spatch: signal named", res.failure.buf,
		  "killed by signal 11 (Segmentation fault)");
	spatch_result_release(&res);

	spatch_result_init(&res);
	spatch_interpret(CHILD_TIMED_OUT, 0, "", "", "a.c", &res);
	CHECK_INT("spatch: killed at our timeout", res.status,
		  SPATCH_TIMED_OUT);
	spatch_result_release(&res);

	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "", "EXN: Failure(\"x\") in a.c\n",
			 "a.c", &res);
	CHECK_INT("spatch: EXN with exit 0 is a failure", res.status,
		  SPATCH_FAILED);
	CHECK_STR("spatch: EXN named", res.failure.buf,
		  "exception: EXN: Failure(\"x\") in a.c");
	spatch_result_release(&res);

	spatch_result_init(&res);
	spatch_interpret(CHILD_EXITED, 0, "python says hi\n",
			 "parse error \n", "a.c", &res);
	CHECK_INT("spatch: parse error without location counted",
		  res.nr_parse_errors, 1);
	CHECK_INT("spatch: stray stdout kept", res.other_output.nr, 1);
	spatch_result_release(&res);
}

static char *join_words(const struct strvec *args)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < args->nr; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", args->v[i]);
	return strbuf_detach(&sb, NULL);
}

/* The command line spatch_build_args() makes, as one string. */
static char *joined_args(const struct spatch_setup *setup,
			 const struct rule *r, unsigned int mode,
			 const char *const *files, size_t nr_files,
			 const char *groups_file)
{
	struct strvec args;
	char *joined;

	strvec_init(&args);
	spatch_build_args(&args, setup, r, mode, files, nr_files, groups_file);
	joined = join_words(&args);
	strvec_clear(&args);
	return joined;
}

static char *joined_query_args(const struct spatch_setup *setup,
			       const struct rule *r, unsigned int mode)
{
	struct strvec args;
	char *joined;

	strvec_init(&args);
	spatch_build_query_args(&args, setup, r, mode);
	joined = join_words(&args);
	strvec_clear(&args);
	return joined;
}

static void test_args(void)
{
	struct rule r;
	char *joined;
	struct spatch_setup setup = { "/usr/bin/spatch", NULL, NULL, 30, NULL };
	const char *one[] = { "/tmp/s/0/pipe/a.c" };
	const char *a_c[] = { "a.c" };

	rule_init(&r, "x", "/r/x.cocci");
	rule_parse_text(&r, "// Options: --include-headers --very-quiet "
			"--quiet --no-includes\nvirtual patch\n");
	joined = joined_args(&setup, &r, RULE_MODE_PATCH, one, 1, NULL);
	CHECK_STR("spatch: patch command line", joined,
		  "/usr/bin/spatch -D patch --verbose-parsing --no-show-diff "
		  "--in-place --timeout 30 --no-scanner --cocci-file "
		  "/r/x.cocci --include-headers --no-includes "
		  "/tmp/s/0/pipe/a.c");
	free(joined);

	/* A rule that can explain itself is asked to in patch runs only. */
	rule_parse_text(&r, "virtual explain\n");
	setup.spatch = "spatch";
	setup.kernel = "5.15";
	joined = joined_args(&setup, &r, RULE_MODE_PATCH, a_c, 1, NULL);
	CHECK_STR("spatch: explain and target kernel", joined,
		  "spatch -D patch -D explain -D kernel=5.15 --verbose-parsing "
		  "--no-show-diff --in-place --timeout 30 --no-scanner "
		  "--cocci-file /r/x.cocci --include-headers --no-includes "
		  "a.c");
	free(joined);
	setup.kernel = NULL;
	joined = joined_args(&setup, &r, RULE_MODE_REPORT, a_c, 1, NULL);
	CHECK("spatch: no explain in report runs",
	      !strstr(joined, "explain") && !strstr(joined, "kernel="));
	free(joined);

	joined = joined_query_args(&setup, &r, RULE_MODE_REPORT);
	CHECK_STR("spatch: query command line", joined,
		  "spatch -D report --include-headers --no-includes "
		  "--parse-cocci /r/x.cocci");
	free(joined);

	/* Batches: --python, and the groups read from a file. */
	setup.python = "/usr/bin/python3";
	joined = joined_args(&setup, &r, RULE_MODE_REPORT, a_c, 1,
			     "/s/batch0.groups");
	CHECK_STR("spatch: batch command line", joined,
		  "spatch -D report --python /usr/bin/python3 "
		  "--verbose-parsing --no-show-diff --timeout 30 --no-scanner "
		  "--cocci-file /r/x.cocci --include-headers --no-includes "
		  "--file-groups /s/batch0.groups");
	free(joined);
	joined = joined_query_args(&setup, &r, RULE_MODE_PATCH);
	CHECK_STR("spatch: query command line with --python", joined,
		  "spatch -D patch --python /usr/bin/python3 "
		  "--include-headers --no-includes --parse-cocci /r/x.cocci");
	free(joined);

	/* Macro hints: with spatch's own in one builtins file, or alone. */
	r.macro_file = xstrdup("/r/macros.h");
	setup.python = NULL;
	setup.builtin_macros = "/s/builtin-macros.h";
	joined = joined_args(&setup, &r, RULE_MODE_REPORT, a_c, 1, NULL);
	CHECK_STR("spatch: macro hints in the builtins", joined,
		  "spatch -D report --verbose-parsing --no-show-diff "
		  "--timeout 30 --no-scanner --cocci-file /r/x.cocci "
		  "--include-headers --no-includes --macro-file-builtins "
		  "/s/builtin-macros.h a.c");
	free(joined);
	setup.builtin_macros = NULL;
	joined = joined_args(&setup, &r, RULE_MODE_REPORT, a_c, 1, NULL);
	CHECK("spatch: macro hints when spatch's own file is unknown",
	      strstr(joined, "--no-includes --macro-file /r/macros.h a.c") &&
	      !strstr(joined, "builtins"));
	free(joined);
	rule_release(&r);
}

static void test_builtin_macros(void)
{
	char *path;

	path = builtin_macros_of_help(
		"  --macro-file                   <file>\n"
		"  --macro-file-builtins          <file> (default=/usr/lib/"
		"coccinelle/standard.h)\n  --recursive-includes x\n");
	CHECK_STR("spatch: its macro file, from --longhelp", path,
		  "/usr/lib/coccinelle/standard.h");
	free(path);
	CHECK("spatch: no default, no macro file",
	      !builtin_macros_of_help("  --macro-file-builtins <file>\n"
				      "  --foo (default=x)\n"));
	CHECK("spatch: no such option, no macro file",
	      !builtin_macros_of_help("  --timeout (default=1)\n"));
}

/* Three groups in one run, as spatch 1.1.1 prints them. */
static void test_spatch_groups(void)
{
	const char *files[] = { "/s/u0/orig/a.c", "/s/u1/orig/core.c",
				"/s/u1/orig/thread.c", "/s/u2/orig/c.c" };
	const size_t group_of[] = { 0, 1, 1, 2 }, one_group[] = { 0, 0 };
	struct spatch_result res[4];
	const char *out =
		"/s/u0/orig/a.c:3:1-2: WARNING: in a\n"
		"/s/u1/orig/thread.c:7:0-4: WARNING: in thread\n";
	const char *err =
		"init_defs_builtins: /usr/lib/coccinelle/standard.h\n"
		"HANDLING: /s/u0/orig/a.c\n"
		"HANDLING: /s/u1/orig/core.c /s/u1/orig/thread.c\n"
		"parse error \n"
		" = File \"/s/u1/orig/core.c\", line 12, column 3, "
		"charpos = 200\n"
		"EXN: Coccinelle_modules.Common.Timeout in /s/u1/orig/core.c\n"
		"HANDLING: /s/u2/orig/c.c\n";
	size_t i;

	for (i = 0; i < 4; i++)
		spatch_result_init(&res[i]);
	CHECK_INT("spatch groups: split", spatch_interpret_groups(
		  CHILD_EXITED, 0, out, err, files, group_of, 4, res), 0);
	CHECK_INT("spatch groups: a.c report", res[0].nr_reports, 1);
	CHECK_INT("spatch groups: a.c ok", res[0].status, SPATCH_OK);
	CHECK_INT("spatch groups: thread.c report", res[2].nr_reports, 1);
	CHECK_INT("spatch groups: core.c parse error", res[1].nr_parse_errors,
		  1);
	CHECK_INT("spatch groups: core.c parse error line",
		  res[1].parse_error_line, 12);
	CHECK_INT("spatch groups: thread.c no parse error",
		  res[2].nr_parse_errors, 0);
	CHECK_INT("spatch groups: the group timed out", res[1].status,
		  SPATCH_TIMED_OUT);
	CHECK_INT("spatch groups: both of its files", res[2].status,
		  SPATCH_TIMED_OUT);
	CHECK_INT("spatch groups: the next group is fine", res[3].status,
		  SPATCH_OK);
	for (i = 0; i < 4; i++)
		spatch_result_release(&res[i]);

	/* A crash, or output naming no group: run them again one by one. */
	for (i = 0; i < 4; i++)
		spatch_result_init(&res[i]);
	CHECK_INT("spatch groups: killed run is not split",
		  spatch_interpret_groups(CHILD_SIGNALED, 9, "", "", files,
					  group_of, 4, res), -1);
	CHECK_INT("spatch groups: killed run failed", res[3].status,
		  SPATCH_FAILED);
	for (i = 0; i < 4; i++)
		spatch_result_release(&res[i]);
	for (i = 0; i < 4; i++)
		spatch_result_init(&res[i]);
	CHECK_INT("spatch groups: chatter on stdout is not split",
		  spatch_interpret_groups(CHILD_EXITED, 0, "hello\n", err,
					  files, group_of, 4, res), -1);
	for (i = 0; i < 4; i++)
		spatch_result_release(&res[i]);

	/* One group: as for a single file, other output is kept. */
	for (i = 0; i < 4; i++)
		spatch_result_init(&res[i]);
	CHECK_INT("spatch groups: one group",
		  spatch_interpret_groups(CHILD_EXITED, 0, "hello\n", "",
					  files + 1, one_group, 2, res), 0);
	CHECK_INT("spatch groups: one group keeps chatter",
		  res[0].other_output.nr, 1);
	for (i = 0; i < 4; i++)
		spatch_result_release(&res[i]);
}

static void test_find_python(void)
{
	struct strbuf err;
	char *path;

	strbuf_init(&err);
	CHECK_INT("spatch: KTHREADIFY_PYTHON= lets spatch choose",
		  find_python("", &path, &err), 0);
	CHECK("spatch: no --python", path == NULL);
	CHECK_INT("spatch: KTHREADIFY_PYTHON=sh in PATH",
		  find_python("sh", &path, &err), 0);
	CHECK("spatch: found in PATH", path && strstr(path, "/sh"));
	free(path);
	CHECK_INT("spatch: KTHREADIFY_PYTHON=/nonexistent",
		  find_python("/nonexistent", &path, &err), -1);
	CHECK_STR("spatch: KTHREADIFY_PYTHON=/nonexistent message", err.buf,
		  "KTHREADIFY_PYTHON=/nonexistent: No such file or directory");
	strbuf_release(&err);
}

static void test_find(void)
{
	struct strbuf err;
	char *path;

	strbuf_init(&err);
	CHECK_INT("spatch: SPATCH=/nonexistent not found",
		  find_spatch("/nonexistent", &path, &err), -1);
	CHECK_STR("spatch: SPATCH=/nonexistent message", err.buf,
		  "spatch not found: SPATCH=/nonexistent: No such file or "
		  "directory");
	strbuf_reset(&err);
	CHECK_INT("spatch: SPATCH=sh found in PATH",
		  find_spatch("sh", &path, &err), 0);
	CHECK("spatch: PATH search gives a path", path && strchr(path, '/'));
	free(path);
	strbuf_release(&err);
}

void test_spatch(void)
{
	test_spatch_groups();
	test_find_python();
	test_report_lines();
	test_severity();
	test_samples();
	test_lost_lines();
	test_outcomes();
	test_args();
	test_builtin_macros();
	test_find();
}
