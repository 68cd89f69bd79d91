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
#include "fileio.h"
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

/* The first selected rule's macro hints, or NULL. */
static const char *macro_hints(const struct rule_set *rules)
{
	size_t i;

	for (i = 0; i < rules->nr; i++)
		if (rules->v[i].selected && rules->v[i].macro_file)
			return rules->v[i].macro_file;
	return NULL;
}

int write_builtin_macros(struct analysis_config *cfg,
			 const struct rule_set *rules, struct strbuf *err)
{
	const char *hints = macro_hints(rules);
	struct strbuf text, more;
	char *path;
	int ret = -1;

	if (!hints || !cfg->spatch_macros)
		return 0;
	strbuf_init(&text);
	strbuf_init(&more);
	path = path_join(cfg->scratch_dir, "builtin-macros.h");
	if (read_file(cfg->spatch_macros, &text, err) < 0 ||
	    read_file(hints, &more, err) < 0)
		goto out;
	strbuf_addch(&text, '\n');
	strbuf_add(&text, more.buf, more.len);
	if (write_file(path, text.buf, text.len, err) < 0)
		goto out;
	cfg->builtin_macros = path;
	path = NULL;
	ret = 0;
out:
	free(path);
	strbuf_release(&more);
	strbuf_release(&text);
	return ret;
}

int analysis_setup(struct analysis_config *cfg, const struct options *opts,
		   const struct rule_set *rules, struct strbuf *err)
{
	char *python = NULL;

	if (find_python(getenv("KTHREADIFY_PYTHON"), &python, err) < 0)
		return -1;
	cfg->python = python;
	if (macro_hints(rules))
		cfg->spatch_macros = spatch_builtin_macros(cfg->spatch,
							   cfg->timeout_sec);
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
	free((char *)cfg->spatch_macros);
	cfg->spatch_macros = NULL;
	free((char *)cfg->builtin_macros);
	cfg->builtin_macros = NULL;
}
