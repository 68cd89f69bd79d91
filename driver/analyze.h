/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running the rules over the files: which rule runs how, which files are
 * candidates, and the spatch runs over units of files (a pipeline for the
 * rules that rewrite, independent runs for the others), batched, in
 * parallel, with a result cache.
 */
#ifndef KTHREADIFY_ANALYZE_H
#define KTHREADIFY_ANALYZE_H

#include <signal.h>
#include <stdbool.h>

#include "cache.h"
#include "discover.h"
#include "options.h"
#include "results.h"
#include "rules.h"

struct analysis_config {
	enum run_mode mode;
	unsigned int jobs;
	unsigned int timeout_sec;
	const char *spatch;
	const char *python;		/* spatch --python, or NULL */
	const char *kernel;		/* target kernel "X.Y", or NULL */
	const char *spatch_macros;	/* spatch's own macro file, or NULL */
	const char *builtin_macros;	/* it with the hints, in scratch_dir */
	/* --shard K/N: the candidate units i with i % count == index. */
	unsigned int shard_index;
	unsigned int shard_count;	/* 0: no sharding */
	struct result_cache *cache;	/* NULL: none */
	const char *scratch_dir;	/* ours; the caller removes it */
	volatile sig_atomic_t *interrupted;
	/* Called as files are done with (may be NULL). */
	void (*on_progress)(void *data, size_t done, size_t total,
			    size_t findings);
	void *progress_data;
};

/*
 * Decide how each selected rule runs in mode (rule->runs): report mode
 * runs report rules with -D report and patch-only rules with -D patch on
 * their own copy (each change a finding); patch and apply modes run patch
 * rules as the pipeline and report-only rules with -D report; series and
 * mail modes run the pipeline and every report rule (the reports say what
 * the rewrite is about); json and sarif run report rules with -D report
 * and patch rules on their own copy (the fix); org and context run the
 * rules that declare that mode.  Returns whether any rule that runs wants
 * headers.
 */
bool plan_rules(struct rule_set *rules, enum run_mode mode);

/* Ask spatch for the grep query of every rule that runs. */
int compute_grep_queries(struct rule_set *rules,
			 const struct analysis_config *cfg, struct strbuf *err);

/*
 * Run the rules over files into results.  -1 with err set on an error that
 * stops the run (scratch space, spatch cannot be started, interrupted);
 * per-file trouble goes into results as problems.
 */
int analyze_files(const struct file_list *files, const struct rule_set *rules,
		  const struct analysis_config *cfg,
		  struct run_results *results, struct strbuf *err);

#endif
