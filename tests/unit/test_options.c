// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: command line parsing, including every error.
 */
#include <string.h>

#include "harness.h"
#include "options.h"


struct parsed {
	struct options opts;
	struct strbuf err;
	int ret;
};

static void parse(struct parsed *p, int argc, char *const argv[])
{
	options_init(&p->opts);
	strbuf_init(&p->err);
	p->ret = parse_options(&p->opts, argc, argv, &p->err);
}

static void done(struct parsed *p)
{
	options_release(&p->opts);
	strbuf_release(&p->err);
}

#define PARSE(p, ...)                                                  \
	do {                                                           \
		char *const argv_[] = { "kthreadify", __VA_ARGS__, NULL }; \
		parse(p, (int)(sizeof(argv_) / sizeof(argv_[0])) - 1,  \
		      argv_);                                          \
	} while (0)

static void expect_error(const char *name, const char *want,
			 struct parsed *p)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "options: %s fails", name);
	CHECK_INT(buf, p->ret, -1);
	snprintf(buf, sizeof(buf), "options: %s message", name);
	CHECK_STR(buf, p->err.buf, want);
	done(p);
}

static void test_defaults(void)
{
	struct parsed p;

	PARSE(&p, "dir");
	CHECK_INT("options: defaults parse", p.ret, 0);
	CHECK_INT("options: default action is run", p.opts.action, ACTION_RUN);
	CHECK_INT("options: default mode is report", p.opts.mode,
		  MODE_REPORT);
	CHECK_INT("options: default timeout 120", p.opts.timeout_sec, 120);
	CHECK("options: default jobs >= 1", p.opts.jobs >= 1);
	CHECK("options: default cocci dir unset", p.opts.cocci_dir == NULL);
	CHECK_INT("options: one path", p.opts.paths.nr, 1);
	CHECK_INT("options: no rule ids", p.opts.rule_ids.nr, 0);
	done(&p);
}

static void test_values(void)
{
	struct parsed p;

	PARSE(&p, "--mode", "patch", "-j", "3", "--timeout", "7", "a.c",
	      "--rule", "r1", "--rule=r2", "--cocci-dir", "rules", "b");
	CHECK_INT("options: --mode X", p.opts.mode, MODE_PATCH);
	CHECK_INT("options: -j N", p.opts.jobs, 3);
	CHECK_INT("options: --timeout N", p.opts.timeout_sec, 7);
	CHECK_INT("options: --rule repeatable", p.opts.rule_ids.nr, 2);
	CHECK_STR("options: --rule=ID", p.opts.rule_ids.v[1], "r2");
	CHECK_STR("options: --cocci-dir", p.opts.cocci_dir, "rules");
	CHECK_INT("options: paths among options", p.opts.paths.nr, 2);
	CHECK_STR("options: path order kept", p.opts.paths.v[1], "b");
	done(&p);

	PARSE(&p, "--mode=apply", "--jobs=5", "--timeout=9", "x");
	CHECK_INT("options: --mode=X", p.opts.mode, MODE_APPLY);
	CHECK_INT("options: --jobs=N", p.opts.jobs, 5);
	CHECK_INT("options: --timeout=N", p.opts.timeout_sec, 9);
	done(&p);

	PARSE(&p, "-j8", "--jobs", "2", "--mode=report", "--", "-odd.c");
	CHECK_INT("options: -jN, last one wins", p.opts.jobs, 2);
	CHECK_INT("options: --mode=report", p.opts.mode, MODE_REPORT);
	CHECK_STR("options: -- ends options", p.opts.paths.v[0], "-odd.c");
	done(&p);

	PARSE(&p, "-");
	CHECK_STR("options: - alone is a path", p.opts.paths.v[0], "-");
	done(&p);
}

static void test_actions(void)
{
	struct parsed p;

	PARSE(&p, "--help");
	CHECK_INT("options: --help", p.opts.action, ACTION_HELP);
	CHECK_INT("options: --help needs no PATH", p.ret, 0);
	done(&p);

	PARSE(&p, "--help", "--bogus");
	CHECK_INT("options: --help stops parsing", p.ret, 0);
	done(&p);

	PARSE(&p, "--version");
	CHECK_INT("options: --version", p.opts.action, ACTION_VERSION);
	CHECK_INT("options: --version needs no PATH", p.ret, 0);
	done(&p);

	PARSE(&p, "--list-rules", "--cocci-dir=d");
	CHECK_INT("options: --list-rules", p.opts.action, ACTION_LIST_RULES);
	CHECK_INT("options: --list-rules needs no PATH", p.ret, 0);
	done(&p);
}

static void test_errors(void)
{
	struct parsed p;

	PARSE(&p, "--bogus", "x");
	expect_error("unknown long option",
		     "unknown option '--bogus' (see --help)", &p);
	PARSE(&p, "-Z", "x");
	expect_error("unknown short option",
		     "unknown option '-Z' (see --help)", &p);
	PARSE(&p, "--mod=patch", "x");
	expect_error("no abbreviations",
		     "unknown option '--mod=patch' (see --help)", &p);
	PARSE(&p, "x", "--mode");
	expect_error("missing --mode argument",
		     "option '--mode' requires an argument", &p);
	PARSE(&p, "x", "-j");
	expect_error("missing -j argument",
		     "option '-j' requires an argument", &p);
	PARSE(&p, "x", "--timeout");
	expect_error("missing --timeout argument",
		     "option '--timeout' requires an argument", &p);
	PARSE(&p, "x", "--rule");
	expect_error("missing --rule argument",
		     "option '--rule' requires an argument", &p);
	PARSE(&p, "x", "--cocci-dir");
	expect_error("missing --cocci-dir argument",
		     "option '--cocci-dir' requires an argument", &p);
	PARSE(&p, "--mode=fix", "x");
	expect_error("bad mode",
		     "invalid --mode value 'fix' (expected report, patch, "
		     "apply, series, mail, json, sarif, org or context)", &p);
	PARSE(&p, "-j", "0", "x");
	expect_error("-j 0",
		     "invalid -j value '0' (expected a whole number from 1 "
		     "to 1024)", &p);
	PARSE(&p, "--jobs=two", "x");
	expect_error("--jobs=two",
		     "invalid --jobs value 'two' (expected a whole number "
		     "from 1 to 1024)", &p);
	PARSE(&p, "-j", "-3", "x");
	expect_error("-j -3",
		     "invalid -j value '-3' (expected a whole number from 1 "
		     "to 1024)", &p);
	PARSE(&p, "-j", "4x", "x");
	expect_error("-j 4x",
		     "invalid -j value '4x' (expected a whole number from 1 "
		     "to 1024)", &p);
	PARSE(&p, "-j", "99999999999999999999", "x");
	expect_error("-j overflow",
		     "invalid -j value '99999999999999999999' (expected a "
		     "whole number from 1 to 1024)", &p);
	PARSE(&p, "--timeout", "0", "x");
	expect_error("--timeout 0",
		     "invalid --timeout value '0' (expected seconds, a whole "
		     "number from 1 to 604800)", &p);
	PARSE(&p, "--timeout= 5", "x");
	expect_error("--timeout with space",
		     "invalid --timeout value ' 5' (expected seconds, a "
		     "whole number from 1 to 604800)", &p);
	PARSE(&p, "--timeout", "1.5", "x");
	expect_error("--timeout 1.5",
		     "invalid --timeout value '1.5' (expected seconds, a "
		     "whole number from 1 to 604800)", &p);
	PARSE(&p, "--version=2");
	expect_error("flag with a value",
		     "option '--version' takes no value", &p);
	PARSE(&p, "--mode=patch");
	expect_error("missing PATH", "no PATH given (see --help)", &p);
}

static void test_combinations(void)
{
	struct parsed p;

	PARSE(&p, "--mode=series", "x");
	expect_error("series without --output",
		     "--mode=series needs --output DIR", &p);
	PARSE(&p, "--output", "d", "x");
	expect_error("--output outside series",
		     "--output works with --mode=series only", &p);
	PARSE(&p, "-s", "x");
	expect_error("--signoff outside series",
		     "--signoff works with --mode=series only", &p);
	PARSE(&p, "--git-range", "a..b", "--diff", "f");
	expect_error("--git-range and --diff",
		     "--git-range and --diff exclude each other", &p);
	PARSE(&p, "--git-range", "a..b", "x");
	expect_error("review takes no PATH",
		     "--git-range takes no PATH: it reviews the files the "
		     "change touches", &p);
	PARSE(&p, "--diff=f", "--mode=patch");
	expect_error("review in patch mode",
		     "--diff works with --mode=report, mail, json or sarif, "
		     "not patch", &p);
	PARSE(&p, "--verify-build=k", "x");
	expect_error("--verify-build in report mode",
		     "--verify-build works with --mode=patch, apply or "
		     "series, not report", &p);
	PARSE(&p, "--git-range=", "x");
	expect_error("empty --git-range",
		     "invalid --git-range value '' (expected a revision range "
		     "such as A..B)", &p);

	PARSE(&p, "--mode=series", "-o", "out", "-s", "--verify-build", "k",
	      "-q", "x");
	CHECK_INT("options: series accepted", p.ret, 0);
	CHECK_STR("options: -o", p.opts.output_dir, "out");
	CHECK("options: -s and -q", p.opts.signoff && p.opts.quiet);
	CHECK_STR("options: --verify-build", p.opts.verify_kdir, "k");
	CHECK_INT("options: argv kept", p.opts.argv.nr, 9);
	done(&p);

	PARSE(&p, "--mode=sarif", "--git-range", "HEAD~1..HEAD");
	CHECK_INT("options: review needs no PATH", p.ret, 0);
	CHECK("options: review", options_review(&p.opts));
	CHECK_INT("options: --mode=sarif", p.opts.mode, MODE_SARIF);
	done(&p);
}

void test_options(void)
{
	test_defaults();
	test_values();
	test_actions();
	test_errors();
	test_combinations();
}
