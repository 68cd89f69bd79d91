// SPDX-License-Identifier: GPL-2.0-only
/*
 * Findings in the format editors and CI problem matchers read.
 */
#include "output_report.h"

void print_finding(FILE *out, const struct finding *f)
{
	fprintf(out, "%s:%u:%u: %s: %s [%s]\n", f->path, f->line, f->column,
		severity_name(f->severity), f->message, f->rule_id);
}

void print_findings(FILE *out, const struct run_results *r)
{
	size_t i;

	for (i = 0; i < r->nr_findings; i++)
		print_finding(out, &r->findings[i]);
}

void print_problems(FILE *out, const struct run_results *r)
{
	size_t i;

	for (i = 0; i < r->nr_problems; i++)
		fprintf(out, "kthreadify: %s\n", r->problems[i].message);
}
