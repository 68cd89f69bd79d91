// SPDX-License-Identifier: GPL-2.0-only
/*
 * Setting up the Python, the cache and the shard of a run.
 */
#include "analyze_setup.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cache.h"
#include "spatch.h"

static int open_cache(struct analysis_config *cfg, const struct options *opts,
		      const struct rule_set *rules, struct strbuf *err)
{
	struct cache_params p = {
		.mode = opts->mode,
		.rules = rules,
		.kernel = cfg->kernel,
		.timeout_sec = cfg->timeout_sec,
		.python = cfg->python,
	};
	char self[PATH_MAX], *dir;
	struct strbuf version;
	ssize_t n;
	int ret;

	if (opts->no_cache)
		return 0;
	dir = opts->cache_dir ? xstrdup(opts->cache_dir) : cache_default_dir();
	if (!dir)
		return 0;	/* no HOME: nowhere to keep anything */
	strbuf_init(&version);
	/* A spatch that cannot say its version: nothing to key on. */
	if (spatch_version_line(cfg->spatch, cfg->timeout_sec, &version) < 0) {
		strbuf_release(&version);
		free(dir);
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		p.self = self;
	}
	p.dir = dir;
	p.spatch_version = version.buf;
	ret = cache_open(&cfg->cache, &p, err);
	strbuf_release(&version);
	free(dir);
	return ret;
}

int analysis_setup(struct analysis_config *cfg, const struct options *opts,
		   const struct rule_set *rules, struct strbuf *err)
{
	char *python = NULL;

	if (find_python(getenv("KTHREADIFY_PYTHON"), &python, err) < 0)
		return -1;
	cfg->python = python;
	if (opts->shards) {
		cfg->shard_index = opts->shard - 1;
		cfg->shard_count = opts->shards;
	}
	return open_cache(cfg, opts, rules, err);
}

void analysis_teardown(struct analysis_config *cfg)
{
	size_t hits, misses, stored;

	if (cfg->cache && getenv("KTHREADIFY_CACHE_STATS")) {
		cache_stats(cfg->cache, &hits, &misses, &stored);
		fprintf(stderr, "kthreadify: cache: %zu units reused, %zu "
			"analysed, %zu kept\n", hits, misses, stored);
	}
	cache_close(cfg->cache);
	cfg->cache = NULL;
	free((char *)cfg->python);
	cfg->python = NULL;
}
