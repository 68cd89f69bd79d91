/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finding the files to process under the PATH arguments.
 */
#ifndef KTHREADIFY_DISCOVER_H
#define KTHREADIFY_DISCOVER_H

#include <stdbool.h>
#include <sys/types.h>

#include "strbuf.h"

struct source_file {
	char *path;		/* as the user sees it: PATH/names */
	bool is_header;		/* ends in .h */
	bool named;		/* named by the user, not found by a walk */
	dev_t dev;
	ino_t ino;
	off_t size;		/* when found, for running the largest first */
};

struct file_list {
	struct source_file *v;
	size_t nr;
	size_t alloc;
};

void file_list_init(struct file_list *list);
void file_list_release(struct file_list *list);

/*
 * Collect the files under paths: a named file must be a .c or .h file
 * (a named symbolic link is followed); a directory is walked for .c files
 * (and .h files if want_headers), skipping .git and every symbolic link
 * met on the way, to a file or a directory, in the tree or out of it.  The
 * result is sorted by path, each file (device and inode) once, under its
 * first path.  A path that no output could name exactly (a newline, a
 * control character, bytes that are not UTF-8) is an error, as is a named
 * path that does not exist, is no C file or cannot be read (a symbolic
 * link loop: ELOOP).  Errors name the path, escaped.
 */
int discover_files(struct file_list *list, const struct strvec *paths,
		   bool want_headers, struct strbuf *err);

#endif
