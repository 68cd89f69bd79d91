/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading and writing whole files, scratch directories, path pieces.
 * Errors are appended to err as "<path>: <reason>".
 */
#ifndef KTHREADIFY_FILEIO_H
#define KTHREADIFY_FILEIO_H

#include <stdbool.h>

#include "strbuf.h"

/* Read the whole file at path into out (replacing its contents). */
int read_file(const char *path, struct strbuf *out, struct strbuf *err);

/*
 * The largest source file kthreadify reads: above every file of a kernel
 * tree (the largest, a generated register header, is 24 MB), far below
 * what would make a run slow or its memory large.
 */
#define MAX_SOURCE_BYTES (64u << 20)

/*
 * Read a source file to analyse: a regular file of at most
 * MAX_SOURCE_BYTES without a NUL byte (a binary file is no C source).  The
 * file is not read past the limit, and a FIFO put in its place does not
 * block.  Errors name the file and say why.
 */
int read_source_file(const char *path, struct strbuf *out,
		     struct strbuf *err);
/* Create or truncate path and write data to it. */
int write_file(const char *path, const char *data, size_t len,
	       struct strbuf *err);
int make_dir(const char *path, struct strbuf *err);
/*
 * Write data to a temporary file beside path (creating the directories
 * above it), then rename it over path: readers see the old file or the
 * new one, never part of one.
 */
int write_file_replacing(const char *path, const char *data, size_t len,
			 struct strbuf *err);
/* Remove path and everything below it; symlinks are not followed. */
int remove_tree(const char *path);

char *path_join(const char *dir, const char *name);
const char *path_basename(const char *path);
char *path_dirname(const char *path);

/*
 * Whether a path can be named exactly in every output (report lines, diff
 * headers, JSON, SARIF, mail): valid UTF-8 without control characters.
 * When not, *why says what is wrong with it.
 */
bool path_is_nameable(const char *path, const char **why);
/* path for a message: C escapes for control bytes and bytes not UTF-8. */
void strbuf_add_quoted_path(struct strbuf *sb, const char *path);
/*
 * The name of a scratch copy of path: its basename with every byte other
 * than letters, digits, '_', '-', '+' and '.' replaced by '_', and never
 * starting with '-' or '.'.  spatch --in-place copies its result back with
 * an unquoted shell command, so a space in the name silently loses the
 * rewrite and a ';' runs a command.  The suffix (.c, .h) is kept: spatch
 * looks at it.
 */
char *scratch_copy_name(const char *path);
/* Whether path is made only of the bytes scratch_copy_name() keeps, and '/'. */
bool path_is_shell_safe(const char *path);

bool is_executable_file(const char *path);
/* The first executable file called name in $PATH, or NULL. */
char *search_path(const char *name);

#endif
