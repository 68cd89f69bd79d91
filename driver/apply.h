/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rewriting files in place, all or nothing as far as the file system
 * allows: every new version is written and synced to a temporary file next
 * to its original before the first rename.
 */
#ifndef KTHREADIFY_APPLY_H
#define KTHREADIFY_APPLY_H

#include <signal.h>
#include <stdio.h>

#include "strbuf.h"

struct apply_item {
	const char *path;	/* as shown to the user */
	const char *expected;	/* what the file held when it was read */
	size_t expected_len;
	const char *data;	/* what it is to hold */
	size_t len;
};

/*
 * Rewrite each item's file.  A file that changed since it was read, a
 * failed write, or *interrupted before the renames: every temporary is
 * removed, no file is touched, -1 with err set.  "kthreadify: rewrote
 * PATH" goes to log for each file renamed.
 */
int apply_changes(const struct apply_item *items, size_t nr, FILE *log,
		  volatile sig_atomic_t *interrupted, struct strbuf *err);

#endif
