/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Review mode: which lines a change adds or modifies, from a revision
 * range of the repository in the current directory (--git-range A..B) or
 * from a patch file (--diff FILE), with libgit2.
 */
#ifndef KTHREADIFY_GIT_RANGE_H
#define KTHREADIFY_GIT_RANGE_H

#include <stdbool.h>

#include "strbuf.h"

struct changed_file {
	char *path;		/* relative to the current directory */
	unsigned int *lines;	/* added lines, new numbering, ascending */
	size_t nr;
	size_t alloc;
};

struct change_set {
	struct changed_file *v;
	size_t nr;
	size_t alloc;
	char *subject;		/* of the change, when known */
	char *message_id;	/* of the patch mail, when known */
};

void change_set_init(struct change_set *cs);
void change_set_release(struct change_set *cs);

/*
 * A range "A..B", "A...B" (from their merge base) or a single revision
 * "A" (A..HEAD) of the repository around the current directory.  Every
 * file it changes must hold B's content in the working tree, since that is
 * what gets analysed.
 */
int change_set_from_range(struct change_set *cs, const char *range,
			  struct strbuf *err);
/*
 * A patch file (a plain diff or a mail from git format-patch); its paths
 * are relative to the top of the repository around the current directory,
 * or to the current directory outside one.  The working tree is taken to
 * hold the patched files.
 */
int change_set_from_diff_file(struct change_set *cs, const char *file,
			      struct strbuf *err);
/* The same from the text of a patch (NUL-terminated), named name. */
int change_set_from_diff_text(struct change_set *cs, const char *name,
			      const char *text, size_t len,
			      struct strbuf *err);

/* Whether the change adds or modifies line of path. */
bool change_set_has_line(const struct change_set *cs, const char *path,
			 unsigned int line);

#endif
