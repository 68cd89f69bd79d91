/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run's analysis takes from the options and the environment
 * besides spatch itself: the Python spatch runs the rules with, the
 * result cache, the shard.
 */
#ifndef KTHREADIFY_ANALYZE_SETUP_H
#define KTHREADIFY_ANALYZE_SETUP_H

#include "analyze.h"
#include "options.h"

/*
 * Fill cfg->python ($KTHREADIFY_PYTHON), cfg->cache (--cache-dir,
 * --no-cache; needs cfg->spatch and the rules planned) and the shard.
 * A cache that cannot be set up is an error naming what failed.
 */
int analysis_setup(struct analysis_config *cfg, const struct options *opts,
		   const struct rule_set *rules, struct strbuf *err);
/*
 * When the rules have macro hints and spatch named its own macro file,
 * write the two, spatch's first, to one file in cfg->scratch_dir and set
 * cfg->builtin_macros to it.  Errors name the file.
 */
int write_builtin_macros(struct analysis_config *cfg,
			 const struct rule_set *rules, struct strbuf *err);
/* Print the cache's counts when KTHREADIFY_CACHE_STATS is set. */
void analysis_teardown(struct analysis_config *cfg);

#endif
