/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --mode=series: the patches of a series as git format-patch writes them,
 * one mbox file each (NNNN-subject.patch), with a cover letter
 * (0000-cover-letter.patch) when there is more than one.
 */
#ifndef KTHREADIFY_OUTPUT_MBOX_H
#define KTHREADIFY_OUTPUT_MBOX_H

#include <stdio.h>
#include <time.h>

#include "rules.h"
#include "series.h"

struct mbox_context {
	const char *outdir;
	const char *from;		/* "Name <email>" */
	time_t date;
	const char *command_line;
	const struct rule_set *rules;
};

/*
 * Write the patches not left out; the name of each file written goes to
 * names, one a line, like git format-patch prints them.
 */
int write_series(const struct series *s, const struct mbox_context *m,
		 FILE *names, struct strbuf *err);

/* "0001-fix-the-thing.patch": git's file name for subject. */
char *patch_file_name(unsigned int n, const char *subject);

#endif
