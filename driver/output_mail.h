/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --mode=mail: the reply a review bot could send to the author of a
 * change: the findings, the suggested fix as a diff, and how they were
 * produced (tool, versions, rules, command).
 */
#ifndef KTHREADIFY_OUTPUT_MAIL_H
#define KTHREADIFY_OUTPUT_MAIL_H

#include <stdio.h>

#include "output_json.h"

struct mail_context {
	const struct fix_context *fix;
	const char *subject;		/* of the change, or NULL */
	const char *message_id;		/* of the patch mail, or NULL */
	const char *command_line;
	const char *spatch_version;	/* "spatch version X", or NULL */
};

/* Nothing at all when there is no finding: a bot has nothing to say. */
int print_mail(FILE *out, const struct mail_context *m, struct strbuf *err);

#endif
