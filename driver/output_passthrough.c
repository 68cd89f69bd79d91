// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccicheck's org and context output, passed through.
 */
#include "output_passthrough.h"

#include <string.h>

void print_passthrough(FILE *out, const struct run_results *r)
{
	size_t i;

	for (i = 0; i < r->nr_outputs; i++)
		fputs(r->outputs[i].text, out);
}
