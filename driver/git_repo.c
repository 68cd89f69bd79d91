// SPDX-License-Identifier: GPL-2.0-only
/*
 * Repository facts for a series, with libgit2.
 */
#include "git_repo.h"

#include <git2.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How far back the history is searched for a prefix. */
#define PREFIX_MAX_COMMITS 2000
#define PREFIX_MAX_SUBJECTS 50

int repo_info_open(struct repo_info *info, struct strbuf *err)
{
	char cwd[PATH_MAX];
	git_repository *repo = NULL;

	info->repo = NULL;
	info->top = NULL;
	if (!getcwd(cwd, sizeof(cwd))) {
		strbuf_addstr(err, "cannot find the current directory");
		return -1;
	}
	if (git_repository_open_ext(&repo, ".", 0, NULL) == 0 &&
	    git_repository_workdir(repo)) {
		info->repo = (struct git_repository *)repo;
		info->top = xstrdup(git_repository_workdir(repo));
	} else {
		git_repository_free(repo);
		info->top = xstrdup(cwd);
	}
	return 0;
}

void repo_info_close(struct repo_info *info)
{
	git_repository_free((git_repository *)info->repo);
	free(info->top);
	info->repo = NULL;
	info->top = NULL;
}

static bool is_prefix_word(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '[' || s[i] == '"')
			return false;
	return true;
}

char *subject_prefix(const char *subject)
{
	const char *p = subject, *end = NULL;

	for (;;) {
		const char *colon = strstr(p, ": ");

		if (!colon || !is_prefix_word(p, (size_t)(colon - p)))
			break;
		end = colon;
		p = colon + 2;
	}
	/* Nothing left to summarise: "fix: " alone is no prefix. */
	if (!end || !*p)
		return NULL;
	return xstrndup(subject, (size_t)(end - subject));
}

/* Whether commit changes any of paths against its first parent. */
static bool touches(git_commit *commit, const struct strvec *paths)
{
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	bool hit = false;
	size_t i;

	if (git_commit_tree(&tree, commit) < 0)
		return false;
	if (git_commit_parentcount(commit) &&
	    (git_commit_parent(&parent, commit, 0) < 0 ||
	     git_commit_tree(&ptree, parent) < 0))
		goto out;
	for (i = 0; i < paths->nr && !hit; i++) {
		git_tree_entry *a = NULL, *b = NULL;
		bool in_a = !git_tree_entry_bypath(&a, tree, paths->v[i]);
		bool in_b = ptree &&
			    !git_tree_entry_bypath(&b, ptree, paths->v[i]);

		hit = in_a != in_b || (in_a && !git_oid_equal(
			git_tree_entry_id(a), git_tree_entry_id(b)));
		git_tree_entry_free(a);
		git_tree_entry_free(b);
	}
out:
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return hit;
}

/* Subjects of the recent non-merge commits that touch paths. */
static void touching_subjects(git_repository *repo, const struct strvec *paths,
			      struct strvec *subjects)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int seen = 0;

	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_push_head(walk) < 0)
		goto out;
	git_revwalk_sorting(walk, GIT_SORT_TIME);
	while (seen++ < PREFIX_MAX_COMMITS &&
	       subjects->nr < PREFIX_MAX_SUBJECTS &&
	       git_revwalk_next(&oid, walk) == 0) {
		git_commit *commit = NULL;

		if (git_commit_lookup(&commit, repo, &oid) < 0)
			continue;
		if (git_commit_parentcount(commit) <= 1 &&
		    git_commit_summary(commit) && touches(commit, paths))
			strvec_push(subjects, git_commit_summary(commit));
		git_commit_free(commit);
	}
out:
	git_revwalk_free(walk);
}

/* The most common prefix; on a tie the most recent one. */
static char *most_common(const struct strvec *prefixes)
{
	size_t i, j, best = 0, best_count = 0;

	for (i = 0; i < prefixes->nr; i++) {
		size_t count = 0;

		for (j = 0; j < prefixes->nr; j++)
			count += !strcmp(prefixes->v[i], prefixes->v[j]);
		if (count > best_count) {
			best = i;
			best_count = count;
		}
	}
	return best_count ? xstrdup(prefixes->v[best]) : NULL;
}

char *history_prefix(const struct repo_info *info, const struct strvec *paths)
{
	struct strvec subjects, prefixes;
	char *prefix;
	size_t i;

	if (!info->repo)
		return NULL;
	strvec_init(&subjects);
	strvec_init(&prefixes);
	touching_subjects((git_repository *)info->repo, paths, &subjects);
	for (i = 0; i < subjects.nr; i++) {
		char *p = subject_prefix(subjects.v[i]);

		if (p)
			strvec_push(&prefixes, p);
		free(p);
	}
	prefix = most_common(&prefixes);
	strvec_clear(&subjects);
	strvec_clear(&prefixes);
	return prefix;
}

char *git_identity(const struct repo_info *info, struct strbuf *err)
{
	git_signature *sig = NULL;
	git_config *cfg = NULL;
	git_buf name = { NULL, 0, 0 }, email = { NULL, 0, 0 };
	char *who = NULL;

	if (info->repo) {
		if (git_signature_default(&sig, (git_repository *)info->repo)
		    == 0) {
			who = xasprintf("%s <%s>", sig->name, sig->email);
			git_signature_free(sig);
			return who;
		}
	} else if (git_config_open_default(&cfg) == 0 &&
		   git_config_get_string_buf(&name, cfg, "user.name") == 0 &&
		   git_config_get_string_buf(&email, cfg, "user.email") == 0) {
		who = xasprintf("%s <%s>", name.ptr, email.ptr);
	}
	git_buf_dispose(&name);
	git_buf_dispose(&email);
	git_config_free(cfg);
	if (!who)
		strbuf_addstr(err, "no git identity: set user.name and "
			      "user.email (git config --global user.name ...)");
	return who;
}
