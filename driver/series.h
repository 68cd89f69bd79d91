/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a patch series from a run: one patch per driver directory (all
 * its changed files), with a subject in the habit of the files' history,
 * and a body from the rules that changed them and what they reported.
 */
#ifndef KTHREADIFY_SERIES_H
#define KTHREADIFY_SERIES_H

#include <stdbool.h>

#include "discover.h"
#include "git_repo.h"
#include "results.h"
#include "rules.h"

struct series_patch {
	char *dir;		/* the directory, as the user named it */
	size_t *files;		/* indexes of its changed files */
	size_t nr_files;
	size_t alloc_files;
	char *subject;		/* "prefix: summary", without [PATCH n/m] */
	char *body;		/* the commit message after the subject */
	char *diff;		/* paths relative to the top of the tree */
	char *stat;		/* its diffstat */
	bool left_out;		/* e.g. its build got worse */
};

struct series {
	struct series_patch *v;
	size_t nr;
	size_t alloc;
};

void series_init(struct series *s);
void series_release(struct series *s);

/* Group the files the pipeline changed by directory, in path order. */
void series_group(struct series *s, const struct file_list *files,
		  const struct run_results *r);

struct series_input {
	const struct file_list *files;
	const struct run_results *results;
	const struct rule_set *rules;
	const struct repo_info *repo;
	const char *cwd;
	const char *signoff;	/* "Name <email>" or NULL */
};

/* Subject, body, diff and diffstat of every patch. */
int series_build(struct series *s, const struct series_input *in,
		 struct strbuf *err);

/* The prefix of a directory when its history has none ("staging: foo"). */
char *path_prefix(const char *dir, const char *first_file);

/* How many patches are not left out. */
size_t series_count(const struct series *s);

#endif
