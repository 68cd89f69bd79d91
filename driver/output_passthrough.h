/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --mode=org and --mode=context: what spatch printed in that mode, as
 * coccicheck shows it, file by file in path order and rule by rule in
 * pipeline order.
 */
#ifndef KTHREADIFY_OUTPUT_PASSTHROUGH_H
#define KTHREADIFY_OUTPUT_PASSTHROUGH_H

#include <stdio.h>

#include "results.h"

void print_passthrough(FILE *out, const struct run_results *r);

#endif
