/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Printing findings gcc style, and the per-file problems.
 */
#ifndef KTHREADIFY_OUTPUT_REPORT_H
#define KTHREADIFY_OUTPUT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "results.h"

/* "FILE:LINE:COL: warning: MESSAGE [RULE]", one line per finding. */
void print_finding(FILE *out, const struct finding *f);
void print_findings(FILE *out, const struct run_results *r);
/* The same, coloured as gcc colours its diagnostics when colour is set. */
void print_findings_styled(FILE *out, const struct run_results *r,
			   bool colour);
/* "kthreadify: MESSAGE", one line per problem. */
void print_problems(FILE *out, const struct run_results *r);

#endif
