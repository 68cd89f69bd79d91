/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The result cache: what the rules made of a unit (a file, or the files of
 * a composite module), kept on disk so that a run over an unchanged tree
 * runs no spatch at all, and a run after an edit runs it on what changed.
 *
 * An entry is keyed by everything its result depends on: the paths and
 * contents of the unit's files, the mode, every rule that runs (its id,
 * how it runs, its .cocci file) and the Python they share, the target
 * kernel, the spatch version, the Python spatch runs, and the kthreadify
 * binary itself.  It is stored under <dir>/v1/units/XX/KEY, written to a
 * temporary file and renamed, so that a reader sees a whole entry or none
 * and concurrent runs cannot mix their writes.  An entry starts with a
 * format line and the SHA-1 of its body, and holds its key again: one
 * that is cut short, altered, or left by another format or another key is
 * not used, and the run's own result replaces it.  Units that timed out
 * or failed are never stored: the next run tries them again.
 *
 * The grep query of each rule file is kept the same way (v1/queries), so
 * that a warm run does not parse the rules at all.
 *
 * A NULL cache is a disabled one: every function accepts it.
 */
#ifndef KTHREADIFY_CACHE_H
#define KTHREADIFY_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "discover.h"
#include "groups.h"
#include "options.h"
#include "results.h"
#include "rules.h"
#include "strbuf.h"

struct result_cache;

struct cache_params {
	const char *dir;
	enum run_mode mode;
	/* Those with runs set are keyed, and the .py files beside them. */
	const struct rule_set *rules;
	const char *kernel;		/* target kernel or NULL */
	unsigned int timeout_sec;	/* a timeout is kept as a result */
	const char *spatch_version;	/* first line of spatch --version */
	const char *python;		/* --python, or NULL */
	const char *self;		/* kthreadify's own binary, or NULL */
};

/* The default directory: $XDG_CACHE_HOME/kthreadify, ~/.cache/kthreadify. */
char *cache_default_dir(void);

/* Set the cache up (the directory is made on the first write). */
int cache_open(struct result_cache **cache, const struct cache_params *p,
	       struct strbuf *err);
void cache_close(struct result_cache *cache);
/*
 * The scan index of this run's query words for the files named from the
 * current directory (see scan_index.h); save writes it back and frees it.
 */
struct scan_index;
struct scan_index *cache_open_scan_index(struct result_cache *cache,
					 size_t nr_words);
void cache_save_scan_index(struct result_cache *cache,
			   struct scan_index *ix);
/* Units answered, units not found (or not trusted), units stored. */
void cache_stats(const struct result_cache *cache, size_t *hits,
		 size_t *misses, size_t *stored);

/* What a unit added to the results while it ran: indexes by kind. */
enum cache_kind {
	CACHE_FINDING,
	CACHE_PROBLEM,
	CACHE_OUTPUT,
	NR_CACHE_KINDS,
};

struct cache_record {
	size_t *idx[NR_CACHE_KINDS];
	size_t nr[NR_CACHE_KINDS];
	size_t alloc[NR_CACHE_KINDS];
};

void cache_record_init(struct cache_record *rec);
void cache_record_release(struct cache_record *rec);
void cache_record_add(struct cache_record *rec, enum cache_kind kind,
		      size_t index);

/*
 * Look the unit up, texts[i] being the content of its i-th file.  On a hit
 * (1) its findings, problems, outputs and file results are added to
 * results; 0 on a miss or an entry that cannot be trusted.
 */
int cache_get_unit(struct result_cache *cache, const struct file_list *files,
		   const struct unit *unit, const struct strbuf *texts,
		   struct run_results *results);
/*
 * Store what the unit added to results (rec: indexes into results), keyed
 * by texts, the contents its files had when they were analysed.
 */
void cache_put_unit(struct result_cache *cache, const struct file_list *files,
		    const struct unit *unit, const struct strbuf *texts,
		    const struct run_results *results,
		    const struct cache_record *rec);

/* The kept "spatch --parse-cocci" answer for a rule, or NULL. */
char *cache_get_query(struct result_cache *cache, const struct rule *rule,
		      unsigned int mode);
void cache_put_query(struct result_cache *cache, const struct rule *rule,
		     unsigned int mode, const char *parse_cocci_out);

/* Encode and decode an entry's body (for the unit tests). */
char *cache_entry_encode(const char *key, const char *body, size_t len,
			 size_t *out_len);
/* The body of a valid entry for key, or NULL. */
char *cache_entry_decode(const char *key, const char *data, size_t len,
			 size_t *body_len);

#endif
