/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kthreadify merge FILE...: the --mode=json outputs of the shards of one
 * run (--shard K/N), merged into the output of the whole run.
 */
#ifndef KTHREADIFY_MERGE_H
#define KTHREADIFY_MERGE_H

#include <stdio.h>

#include "strbuf.h"

/*
 * Read every file (a JSON array of findings, "-" for stdin), and print
 * to out the findings of all of them in the order of one run, each once.
 * Returns the exit status: 0 no finding, 1 findings, 2 error (in err,
 * naming the file).
 */
int merge_json(const struct strvec *files, FILE *out, struct strbuf *err);
/* The subcommand: argv[0] is "merge". */
int cmd_merge(int argc, char *const argv[]);

#endif
