/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unified diffs, and line arithmetic between two versions of a file, with
 * libgit2.
 */
#ifndef KTHREADIFY_OUTPUT_PATCH_H
#define KTHREADIFY_OUTPUT_PATCH_H

#include <stdio.h>

#include "strbuf.h"

/* libgit2 must be set up once before any of the functions below. */
void diff_lib_init(void);
void diff_lib_shutdown(void);

/*
 * Path for diff headers: path relative to cwd, "." and ".." resolved
 * lexically.  Caller frees.
 */
char *relative_path(const char *path, const char *cwd);

/*
 * Append to out the diff of one file, "--- a/PATH" / "+++ b/PATH" (with
 * git's "diff --git" and "index" lines, which git apply and patch -p1
 * both accept).
 */
int format_patch(struct strbuf *out, const char *path, const char *old,
		 size_t old_len, const char *new, size_t new_len,
		 struct strbuf *err);

/*
 * For each hunk of the diff old -> new, the first changed line of old
 * (for a pure insertion, the line before which it goes).
 */
int hunk_first_lines(const char *old, size_t old_len, const char *new,
		     size_t new_len, unsigned int **lines, size_t *nr,
		     struct strbuf *err);

/* The git blob id of data, in hex (41 bytes with the NUL). */
void blob_id_hex(const char *data, size_t len, char hex[41]);

/*
 * git's diffstat of a patch text ("path | 3 ++-" lines and the summary),
 * appended to out.
 */
int diff_stat(const char *patch, size_t len, struct strbuf *out,
	      struct strbuf *err);

/* One hunk of a diff without context lines. */
struct diff_hunk {
	unsigned int old_start;	/* first old line replaced; for a pure
				 * insertion, the line it goes after */
	unsigned int old_lines;
	unsigned int new_start;
	unsigned int new_lines;
	char *added;		/* the new lines, with their newlines */
};

int diff_hunks(const char *old, size_t old_len, const char *new,
	       size_t new_len, struct diff_hunk **hunks, size_t *nr,
	       struct strbuf *err);
void diff_hunks_free(struct diff_hunk *hunks, size_t nr);

/*
 * The line of old that line new_line of new comes from: the same line if
 * unchanged, else where the change is in old.
 */
int map_line_to_old(const char *old, size_t old_len, const char *new,
		    size_t new_len, unsigned int new_line,
		    unsigned int *old_line, struct strbuf *err);

#endif
