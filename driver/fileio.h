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
/* Create or truncate path and write data to it. */
int write_file(const char *path, const char *data, size_t len,
	       struct strbuf *err);
int make_dir(const char *path, struct strbuf *err);
/* Remove path and everything below it; symlinks are not followed. */
int remove_tree(const char *path);

char *path_join(const char *dir, const char *name);
const char *path_basename(const char *path);
char *path_dirname(const char *path);

bool is_executable_file(const char *path);
/* The first executable file called name in $PATH, or NULL. */
char *search_path(const char *name);

#endif
