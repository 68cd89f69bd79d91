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

struct apply_options {
	const char *backup_suffix;	/* --backup: keep FILE<suffix> */
	FILE *log;			/* "kthreadify: rewrote PATH" */
	volatile sig_atomic_t *interrupted;
};

/*
 * Rewrite each item's file, all or nothing (see apply.c for the steps).
 * A file that changed since it was read, a read-only file, a failed write
 * or read-back, or *interrupted before the renames: every temporary is
 * removed, no file is touched, -1 with err set.  Once the renames have
 * started a signal is held until they are done; the run then returns -1
 * saying every file was rewritten.  With a backup suffix each original is
 * kept as FILE<suffix>, replaced in the same rename phase.
 */
int apply_changes(const struct apply_item *items, size_t nr,
		  const struct apply_options *opts, struct strbuf *err);

#endif
