/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run hands to its output, and the output of each mode: findings,
 * diffs, rewritten files, machine formats, a review reply, a series.
 */
#ifndef KTHREADIFY_OUTPUT_H
#define KTHREADIFY_OUTPUT_H

#include <limits.h>
#include <signal.h>

#include "discover.h"
#include "git_range.h"
#include "options.h"
#include "results.h"
#include "rules.h"

struct run_state {
	const struct options *opts;
	const struct rule_set *rules;
	const struct file_list *files;
	struct run_results *results;
	const struct change_set *changes;	/* review mode, else NULL */
	const char *spatch;
	char cwd[PATH_MAX];
	volatile sig_atomic_t *interrupted;
};

/* Sort, filter and print what the run found; returns the exit status. */
int output_results(struct run_state *st);

#endif
