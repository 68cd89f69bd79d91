/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --mode=json: one object per finding (rule, file, line, column, severity,
 * message, and fix: the rule's change to that file as a unified diff, or
 * null), in one JSON array.
 */
#ifndef KTHREADIFY_OUTPUT_JSON_H
#define KTHREADIFY_OUTPUT_JSON_H

#include <stdio.h>

#include "discover.h"
#include "results.h"
#include "rules.h"

/* What the machine formats need to know besides the findings. */
struct fix_context {
	const struct file_list *files;
	const struct run_results *results;
	const struct rule_set *rules;
	const char *cwd;	/* diff paths are relative to it */
};

/*
 * The fix of finding f: the diff of what its rule alone makes of its file.
 * 1 with the diff appended to out, 0 when there is none, -1 on error.
 */
int finding_fix_diff(const struct finding *f, const struct fix_context *ctx,
		     struct strbuf *out, struct strbuf *err);

int print_json(FILE *out, const struct fix_context *ctx, struct strbuf *err);

#endif
