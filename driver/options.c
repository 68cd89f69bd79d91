// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command line parsing.  Hand-written rather than getopt_long() so that
 * every error message is ours, one line, and names the offending word.
 */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void options_init(struct options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->action = ACTION_RUN;
	opts->mode = MODE_REPORT;
	opts->timeout_sec = DEFAULT_TIMEOUT_SEC;
	strvec_init(&opts->rule_ids);
	strvec_init(&opts->paths);
}

void options_release(struct options *opts)
{
	strvec_clear(&opts->rule_ids);
	strvec_clear(&opts->paths);
	free(opts->cocci_dir);
	opts->cocci_dir = NULL;
	free(opts->kernel);
	opts->kernel = NULL;
}

const char *mode_name(enum run_mode mode)
{
	switch (mode) {
	case MODE_PATCH:
		return "patch";
	case MODE_APPLY:
		return "apply";
	case MODE_REPORT:
		break;
	}
	return "report";
}

void print_usage(FILE *out)
{
	fputs("usage: kthreadify [--mode=report|patch|apply] [-j N] "
	      "[--timeout SECONDS]\n"
	      "                  [--rule ID]... [--kernel X.Y|DIR] "
	      "[--cocci-dir DIR] PATH...\n"
	      "       kthreadify --list-rules | --version | --help\n"
	      "\n"
	      "Run the kthreadify semantic patches over the .c files under "
	      "each PATH.\n"
	      "\n"
	      "  --mode MODE        report (default): findings, gcc style, "
	      "on stdout\n"
	      "                     patch: one unified diff on stdout\n"
	      "                     apply: rewrite the files in place\n"
	      "  -j, --jobs N       spatch processes at a time "
	      "(default: online CPUs)\n"
	      "  --timeout SECONDS  limit for each spatch process "
	      "(default: 120)\n"
	      "  --rule ID          run only this rule (repeatable; "
	      "see --list-rules)\n"
	      "  --kernel X.Y|DIR   target kernel: what the generated code "
	      "may use\n"
	      "                     (a version, or a kernel tree or headers "
	      "directory)\n"
	      "  --cocci-dir DIR    directory of the .cocci rules\n"
	      "  --list-rules       list the rules: id, modes, description\n"
	      "  --version          print the version\n"
	      "  --help             print this help\n"
	      "\n"
	      "Environment: SPATCH names the spatch binary "
	      "(default: spatch from PATH).\n"
	      "Exit status: 0 nothing found, 1 findings or changes, "
	      "2 error or incomplete analysis.\n", out);
}

/* Strictly a decimal number in [1, max]: no sign, no suffix, no spaces. */
static int parse_count(const char *s, unsigned int max, unsigned int *out)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > max)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

static int set_mode(struct options *opts, const char *value,
		    struct strbuf *err)
{
	if (!strcmp(value, "report"))
		opts->mode = MODE_REPORT;
	else if (!strcmp(value, "patch"))
		opts->mode = MODE_PATCH;
	else if (!strcmp(value, "apply"))
		opts->mode = MODE_APPLY;
	else {
		strbuf_addf(err, "invalid --mode value '%s' "
			    "(expected report, patch or apply)", value);
		return -1;
	}
	return 0;
}

enum opt_id {
	OPT_MODE,
	OPT_JOBS,
	OPT_TIMEOUT,
	OPT_RULE,
	OPT_COCCI_DIR,
	OPT_KERNEL,
	OPT_HELP,
	OPT_VERSION,
	OPT_LIST_RULES,
};

struct opt_spec {
	const char *long_name;
	char short_name;
	int takes_value;
	enum opt_id id;
};

static const struct opt_spec opt_specs[] = {
	{ "mode", 0, 1, OPT_MODE },
	{ "jobs", 'j', 1, OPT_JOBS },
	{ "timeout", 0, 1, OPT_TIMEOUT },
	{ "rule", 0, 1, OPT_RULE },
	{ "cocci-dir", 0, 1, OPT_COCCI_DIR },
	{ "kernel", 0, 1, OPT_KERNEL },
	{ "help", 'h', 0, OPT_HELP },
	{ "version", 0, 0, OPT_VERSION },
	{ "list-rules", 0, 0, OPT_LIST_RULES },
};

#define NR_OPT_SPECS (sizeof(opt_specs) / sizeof(opt_specs[0]))

static int apply_opt(struct options *opts, const struct opt_spec *spec,
		     const char *name, const char *value, struct strbuf *err)
{
	switch (spec->id) {
	case OPT_MODE:
		return set_mode(opts, value, err);
	case OPT_JOBS:
		if (parse_count(value, MAX_JOBS, &opts->jobs) < 0) {
			strbuf_addf(err, "invalid %s value '%s' (expected a "
				    "whole number from 1 to %d)", name, value,
				    MAX_JOBS);
			return -1;
		}
		return 0;
	case OPT_TIMEOUT:
		if (parse_count(value, MAX_TIMEOUT_SEC,
				&opts->timeout_sec) < 0) {
			strbuf_addf(err, "invalid %s value '%s' (expected "
				    "seconds, a whole number from 1 to %d)",
				    name, value, MAX_TIMEOUT_SEC);
			return -1;
		}
		return 0;
	case OPT_RULE:
		strvec_push(&opts->rule_ids, value);
		return 0;
	case OPT_COCCI_DIR:
		free(opts->cocci_dir);
		opts->cocci_dir = xstrdup(value);
		return 0;
	case OPT_KERNEL:
		if (!*value) {
			strbuf_addf(err, "invalid %s value '' (expected X.Y "
				    "or a kernel directory)", name);
			return -1;
		}
		free(opts->kernel);
		opts->kernel = xstrdup(value);
		return 0;
	case OPT_HELP:
		opts->action = ACTION_HELP;
		return 0;
	case OPT_VERSION:
		opts->action = ACTION_VERSION;
		return 0;
	case OPT_LIST_RULES:
		opts->action = ACTION_LIST_RULES;
		return 0;
	}
	return 0;
}

static const struct opt_spec *find_long(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NR_OPT_SPECS; i++)
		if (strlen(opt_specs[i].long_name) == len &&
		    !strncmp(opt_specs[i].long_name, name, len))
			return &opt_specs[i];
	return NULL;
}

static const struct opt_spec *find_short(char c)
{
	size_t i;

	for (i = 0; i < NR_OPT_SPECS; i++)
		if (opt_specs[i].short_name == c)
			return &opt_specs[i];
	return NULL;
}

/*
 * Handle argv[*i], an option word.  Its value is "=VALUE", the rest of a
 * short option ("-j4") or the next word.
 */
static int parse_one(struct options *opts, int argc, char *const argv[],
		     int *i, struct strbuf *err)
{
	const char *arg = argv[*i];
	const struct opt_spec *spec;
	const char *value = NULL;
	char name[64];

	if (arg[1] == '-') {
		const char *eq = strchr(arg + 2, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);

		spec = find_long(arg + 2, len);
		if (eq)
			value = eq + 1;
		snprintf(name, sizeof(name), "--%.*s", (int)len, arg + 2);
	} else {
		spec = find_short(arg[1]);
		if (arg[2])
			value = arg + 2;
		snprintf(name, sizeof(name), "-%c", arg[1]);
	}
	if (!spec) {
		strbuf_addf(err, "unknown option '%s' (see --help)", arg);
		return -1;
	}
	if (!spec->takes_value && value) {
		strbuf_addf(err, "option '%s' takes no value", name);
		return -1;
	}
	if (spec->takes_value && !value) {
		if (*i + 1 >= argc) {
			strbuf_addf(err, "option '%s' requires an argument",
				    name);
			return -1;
		}
		value = argv[++*i];
	}
	return apply_opt(opts, spec, name, value, err);
}

static unsigned int online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MAX_JOBS ? MAX_JOBS : (unsigned int)n;
}

int parse_options(struct options *opts, int argc, char *const argv[],
		  struct strbuf *err)
{
	int only_paths = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (only_paths || arg[0] != '-' || !arg[1]) {
			strvec_push(&opts->paths, arg);
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_paths = 1;
			continue;
		}
		if (parse_one(opts, argc, argv, &i, err) < 0)
			return -1;
		if (opts->action == ACTION_HELP)
			return 0;
	}
	if (!opts->jobs)
		opts->jobs = online_cpus();
	if (opts->action == ACTION_RUN && !opts->paths.nr) {
		strbuf_addstr(err, "no PATH given (see --help)");
		return -1;
	}
	return 0;
}
