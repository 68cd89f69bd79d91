// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command line parsing.  Hand-written rather than getopt_long() so that
 * every error message is ours, one line, and names the offending word.
 */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"

void options_init(struct options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->action = ACTION_RUN;
	opts->mode = MODE_REPORT;
	opts->timeout_sec = DEFAULT_TIMEOUT_SEC;
	strvec_init(&opts->rule_ids);
	strvec_init(&opts->paths);
	strvec_init(&opts->argv);
}

void options_release(struct options *opts)
{
	strvec_clear(&opts->rule_ids);
	strvec_clear(&opts->paths);
	strvec_clear(&opts->argv);
	free(opts->output_dir);
	free(opts->git_range);
	free(opts->diff_file);
	free(opts->verify_kdir);
	free(opts->backup_suffix);
	opts->backup_suffix = NULL;
	opts->output_dir = opts->git_range = NULL;
	opts->diff_file = opts->verify_kdir = NULL;
	free(opts->cocci_dir);
	opts->cocci_dir = NULL;
	free(opts->cache_dir);
	opts->cache_dir = NULL;
	free(opts->kernel);
	opts->kernel = NULL;
}

static const char *const mode_names[] = {
	[MODE_REPORT] = "report",
	[MODE_PATCH] = "patch",
	[MODE_APPLY] = "apply",
	[MODE_SERIES] = "series",
	[MODE_MAIL] = "mail",
	[MODE_JSON] = "json",
	[MODE_SARIF] = "sarif",
	[MODE_ORG] = "org",
	[MODE_CONTEXT] = "context",
};

#define NR_MODES (sizeof(mode_names) / sizeof(mode_names[0]))

const char *mode_name(enum run_mode mode)
{
	return (size_t)mode < NR_MODES ? mode_names[mode] : "report";
}

/* word, quoted for a POSIX shell when it needs to be. */
static void add_shell_word(struct strbuf *sb, const char *word)
{
	static const char plain[] = "-_./=:,+@%^~";
	const char *p;
	bool quote = !*word;

	for (p = word; *p && !quote; p++)
		if (!isalnum((unsigned char)*p) && !strchr(plain, *p))
			quote = true;
	if (!quote) {
		strbuf_addstr(sb, word);
		return;
	}
	strbuf_addch(sb, '\'');
	for (p = word; *p; p++)
		if (*p == '\'')
			strbuf_addstr(sb, "'\\''");
		else
			strbuf_addch(sb, *p);
	strbuf_addch(sb, '\'');
}

char *options_command_line(const struct options *opts)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < opts->argv.nr; i++) {
		if (i)
			strbuf_addch(&sb, ' ');
		add_shell_word(&sb, i ? opts->argv.v[i] : "kthreadify");
	}
	return strbuf_detach(&sb, NULL);
}

bool options_review(const struct options *opts)
{
	return opts->git_range || opts->diff_file;
}

void print_usage(FILE *out)
{
	fputs("usage: kthreadify [--mode=MODE] [-j N] [--timeout SECONDS] "
	      "[--rule ID]...\n"
	      "                  [--kernel X.Y|DIR] [--cocci-dir DIR] "
	      "[--quiet] PATH...\n"
	      "       kthreadify --mode=series --output DIR [--signoff] "
	      "[--verify-build=KDIR] PATH...\n"
	      "       kthreadify [--mode=report|mail|json|sarif] "
	      "(--git-range A..B | --diff FILE)\n"
	      "       kthreadify merge FILE...\n"
	      "       kthreadify --list-rules | --version | --help\n"
	      "\n"
	      "Run the kthreadify semantic patches over the .c files under "
	      "each PATH.\n"
	      "\n"
	      "  --mode MODE        report (default): findings, gcc style, "
	      "on stdout\n"
	      "                     patch: one unified diff on stdout\n"
	      "                     apply: rewrite the files in place\n"
	      "                     series: one mbox patch per directory "
	      "in --output\n"
	      "                     mail: a review reply: findings, fix, "
	      "provenance\n"
	      "                     json, sarif: findings for machines\n"
	      "                     org, context: coccicheck's modes, "
	      "passed through\n"
	      "  -o, --output DIR   series: the directory for the patches\n"
	      "  -s, --signoff      series: add Signed-off-by with your git "
	      "identity\n"
	      "  --git-range A..B   review: only findings on lines the "
	      "commits add\n"
	      "  --diff FILE        review: only findings on lines the "
	      "patch adds\n"
	      "  --verify-build KDIR  build each changed module directory "
	      "against KDIR\n"
	      "                     before and after; leave out what got "
	      "worse\n"
	      "  --backup SUFFIX    apply: keep each original as "
	      "FILE<SUFFIX>\n"
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
	      "  -q, --quiet        no progress line, no summary line\n"
	      "  --cache-dir DIR    where results are kept (default: "
	      "$XDG_CACHE_HOME/kthreadify)\n"
	      "  --no-cache         neither use nor keep results\n"
	      "  --shard K/N        only the K-th of N parts of the candidate "
	      "files;\n"
	      "                     kthreadify merge joins their --mode=json "
	      "outputs\n"
	      "  --list-rules       list the rules: id, modes, description\n"
	      "  --version          print the version\n"
	      "  --help             print this help\n"
	      "\n"
	      "Environment: SPATCH names the spatch binary "
	      "(default: spatch from PATH);\n"
	      "NO_COLOR turns colour off; SOURCE_DATE_EPOCH dates series "
	      "patches.\n"
	      "Exit status: 0 nothing found, 1 findings or changes, "
	      "2 error or incomplete analysis.\n"
	      "See kthreadify(1).\n", out);
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
	size_t i;

	for (i = 0; i < NR_MODES; i++)
		if (!strcmp(value, mode_names[i])) {
			opts->mode = (enum run_mode)i;
			return 0;
		}
	strbuf_addf(err, "invalid --mode value '%s' (expected report, patch, "
		    "apply, series, mail, json, sarif, org or context)", value);
	return -1;
}

/* "K/N" with 1 <= K <= N. */
static int set_shard(struct options *opts, const char *name,
		     const char *value, struct strbuf *err)
{
	const char *slash = strchr(value, '/');
	char *k = slash ? xstrndup(value, (size_t)(slash - value)) : NULL;
	int ret = -1;

	if (k && !parse_count(k, MAX_SHARDS, &opts->shard) &&
	    !parse_count(slash + 1, MAX_SHARDS, &opts->shards) &&
	    opts->shard <= opts->shards)
		ret = 0;
	else
		strbuf_addf(err, "invalid %s value '%s' (expected K/N, whole "
			    "numbers with 1 <= K <= N <= %d)", name, value,
			    MAX_SHARDS);
	free(k);
	return ret;
}

static int set_string(char **field, const char *name, const char *value,
		      const char *what, struct strbuf *err)
{
	if (!*value) {
		strbuf_addf(err, "invalid %s value '' (expected %s)", name,
			    what);
		return -1;
	}
	free(*field);
	*field = xstrdup(value);
	return 0;
}

enum opt_id {
	OPT_MODE,
	OPT_JOBS,
	OPT_TIMEOUT,
	OPT_RULE,
	OPT_COCCI_DIR,
	OPT_KERNEL,
	OPT_OUTPUT,
	OPT_SIGNOFF,
	OPT_GIT_RANGE,
	OPT_DIFF,
	OPT_VERIFY_BUILD,
	OPT_BACKUP,
	OPT_QUIET,
	OPT_CACHE_DIR,
	OPT_NO_CACHE,
	OPT_SHARD,
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
	{ "output", 'o', 1, OPT_OUTPUT },
	{ "signoff", 's', 0, OPT_SIGNOFF },
	{ "git-range", 0, 1, OPT_GIT_RANGE },
	{ "diff", 0, 1, OPT_DIFF },
	{ "verify-build", 0, 1, OPT_VERIFY_BUILD },
	{ "backup", 0, 1, OPT_BACKUP },
	{ "quiet", 'q', 0, OPT_QUIET },
	{ "cache-dir", 0, 1, OPT_CACHE_DIR },
	{ "no-cache", 0, 0, OPT_NO_CACHE },
	{ "shard", 0, 1, OPT_SHARD },
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
		return set_string(&opts->kernel, name, value,
				  "X.Y or a kernel directory", err);
	case OPT_OUTPUT:
		return set_string(&opts->output_dir, name, value,
				  "a directory", err);
	case OPT_SIGNOFF:
		opts->signoff = true;
		return 0;
	case OPT_GIT_RANGE:
		return set_string(&opts->git_range, name, value,
				  "a revision range such as A..B", err);
	case OPT_DIFF:
		return set_string(&opts->diff_file, name, value,
				  "a patch file", err);
	case OPT_VERIFY_BUILD:
		return set_string(&opts->verify_kdir, name, value,
				  "a kernel build directory", err);
	case OPT_BACKUP:
		if (strchr(value, '/')) {
			strbuf_addf(err, "invalid %s value '%s' (expected a "
				    "suffix without '/', such as .orig)",
				    name, value);
			return -1;
		}
		return set_string(&opts->backup_suffix, name, value,
				  "a suffix such as .orig", err);
	case OPT_QUIET:
		opts->quiet = true;
		return 0;
	case OPT_CACHE_DIR:
		return set_string(&opts->cache_dir, name, value,
				  "a directory", err);
	case OPT_NO_CACHE:
		opts->no_cache = true;
		return 0;
	case OPT_SHARD:
		return set_shard(opts, name, value, err);
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

/* Options that only make sense together, or not at all together. */
static int check_combination(const struct options *opts, struct strbuf *err)
{
	const char *mode = mode_name(opts->mode);

	if (opts->mode == MODE_SERIES && !opts->output_dir) {
		strbuf_addstr(err, "--mode=series needs --output DIR");
		return -1;
	}
	if (opts->mode != MODE_SERIES && (opts->output_dir || opts->signoff)) {
		strbuf_addf(err, "%s works with --mode=series only",
			    opts->output_dir ? "--output" : "--signoff");
		return -1;
	}
	if (opts->backup_suffix && opts->mode != MODE_APPLY) {
		strbuf_addf(err, "--backup works with --mode=apply only, not "
			    "%s", mode);
		return -1;
	}
	if (opts->git_range && opts->diff_file) {
		strbuf_addstr(err, "--git-range and --diff exclude each other");
		return -1;
	}
	if (options_review(opts) && opts->mode != MODE_REPORT &&
	    opts->mode != MODE_MAIL && opts->mode != MODE_JSON &&
	    opts->mode != MODE_SARIF) {
		strbuf_addf(err, "%s works with --mode=report, mail, json or "
			    "sarif, not %s", opts->git_range ? "--git-range" :
			    "--diff", mode);
		return -1;
	}
	if (options_review(opts) && opts->paths.nr) {
		strbuf_addf(err, "%s takes no PATH: it reviews the files the "
			    "change touches", opts->git_range ? "--git-range" :
			    "--diff");
		return -1;
	}
	if (opts->verify_kdir && opts->mode != MODE_PATCH &&
	    opts->mode != MODE_APPLY && opts->mode != MODE_SERIES) {
		strbuf_addf(err, "--verify-build works with --mode=patch, "
			    "apply or series, not %s", mode);
		return -1;
	}
	if (!options_review(opts) && !opts->paths.nr) {
		strbuf_addstr(err, "no PATH given (see --help)");
		return -1;
	}
	return 0;
}

/*
 * The message quotes the user's words: escape what would break it over
 * lines or terminals (control characters, bytes that are not UTF-8).
 */
static void one_line(struct strbuf *err)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_add_quoted_path(&sb, err->buf);
	strbuf_reset(err);
	strbuf_add(err, sb.buf, sb.len);
	strbuf_release(&sb);
}

int parse_options(struct options *opts, int argc, char *const argv[],
		  struct strbuf *err)
{
	int only_paths = 0;
	int i;

	for (i = 0; i < argc; i++)
		strvec_push(&opts->argv, argv[i]);
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
		if (parse_one(opts, argc, argv, &i, err) < 0) {
			one_line(err);
			return -1;
		}
		if (opts->action == ACTION_HELP)
			return 0;
	}
	if (!opts->jobs)
		opts->jobs = online_cpus();
	if (opts->action == ACTION_RUN)
		return check_combination(opts, err);
	return 0;
}
