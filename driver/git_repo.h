/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a series takes from the repository around the current directory:
 * where its top is, the subject prefix its history uses for some files,
 * and the user's identity.  Everything works outside a repository too.
 */
#ifndef KTHREADIFY_GIT_REPO_H
#define KTHREADIFY_GIT_REPO_H

#include "strbuf.h"

struct git_repository;

struct repo_info {
	struct git_repository *repo;	/* NULL outside a repository */
	char *top;			/* its work tree, or the cwd */
};

int repo_info_open(struct repo_info *info, struct strbuf *err);
void repo_info_close(struct repo_info *info);

/*
 * The most common "xxx: " prefix ("net: foo" for "net: foo: Fix bar") of
 * the subjects of the recent commits that touch any of paths (relative to
 * the top); NULL when there is no history or no such prefix.
 */
char *history_prefix(const struct repo_info *info, const struct strvec *paths);

/* The prefix of subject, or NULL: leading "word: " groups, no blanks. */
char *subject_prefix(const char *subject);

/* "Name <email>" from git's configuration; NULL with err set if unset. */
char *git_identity(const struct repo_info *info, struct strbuf *err);

#endif
