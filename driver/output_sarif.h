/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --mode=sarif: SARIF 2.1.0 for code-scanning services: the selected rules
 * with their descriptions, one result per finding with its location and
 * fingerprint, and the rule's change to the file as a fix.
 */
#ifndef KTHREADIFY_OUTPUT_SARIF_H
#define KTHREADIFY_OUTPUT_SARIF_H

#include <stdbool.h>
#include <stdio.h>

#include "output_json.h"

/*
 * successful: every file was analysed (invocations[0].executionSuccessful);
 * command_line: how kthreadify was run.
 */
int print_sarif(FILE *out, const struct fix_context *ctx, bool successful,
		const char *command_line, struct strbuf *err);

#endif
