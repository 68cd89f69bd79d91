/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command line parsing into struct options.
 */
#ifndef KTHREADIFY_OPTIONS_H
#define KTHREADIFY_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "strbuf.h"

enum run_mode {
	MODE_REPORT,
	MODE_PATCH,
	MODE_APPLY,
	MODE_SERIES,		/* git format-patch style files in --output */
	MODE_MAIL,		/* a reply a review bot could send */
	MODE_JSON,
	MODE_SARIF,
	MODE_ORG,		/* coccicheck's org mode, passed through */
	MODE_CONTEXT,		/* coccicheck's context mode, passed through */
};

enum cli_action {
	ACTION_RUN,
	ACTION_HELP,
	ACTION_VERSION,
	ACTION_LIST_RULES,
};

#define DEFAULT_TIMEOUT_SEC 120
/* Large enough for any real run, small enough for millisecond arithmetic. */
#define MAX_TIMEOUT_SEC (7 * 24 * 3600)
#define MAX_JOBS 1024
#define MAX_SHARDS 1000000

struct options {
	enum cli_action action;
	enum run_mode mode;
	unsigned int jobs;
	unsigned int timeout_sec;
	struct strvec rule_ids;		/* --rule, in the order given */
	char *cocci_dir;		/* NULL: next to the executable */
	char *kernel;			/* --kernel: X.Y or a kernel directory */
	char *output_dir;		/* --output: where series mode writes */
	bool signoff;			/* --signoff */
	char *git_range;		/* --git-range A..B: review a range */
	char *diff_file;		/* --diff FILE: review a patch */
	char *verify_kdir;		/* --verify-build=KDIR */
	char *backup_suffix;		/* --backup=SUFFIX: apply keeps originals */
	bool quiet;			/* --quiet: no progress, no summary */
	char *cache_dir;		/* --cache-dir; NULL: the default */
	bool no_cache;			/* --no-cache */
	unsigned int shard;		/* --shard K/N: K (1-based), 0: none */
	unsigned int shards;		/* N */
	struct strvec paths;
	struct strvec argv;		/* the command line, for the record */
};

void options_init(struct options *opts);
void options_release(struct options *opts);
/*
 * Parse argv[1..argc-1].  On error returns -1 with a one-line message in
 * err (without the "kthreadify: " prefix).
 */
int parse_options(struct options *opts, int argc, char *const argv[],
		  struct strbuf *err);
const char *mode_name(enum run_mode mode);
/* The command line as run ("kthreadify ..."), shell-quoted. */
char *options_command_line(const struct options *opts);
/* Whether the run reviews a change (--git-range or --diff). */
bool options_review(const struct options *opts);
void print_usage(FILE *out);

#endif
