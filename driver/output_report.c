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

/* gcc's colours: bold locus, bold magenta warning, bold red error. */
#define BOLD "\033[01m"
#define MAGENTA "\033[01;35m"
#define RED "\033[01;31m"
#define RESET "\033[m"

static void print_finding_colour(FILE *out, const struct finding *f)
{
	bool error = f->severity == SEVERITY_ERROR;

	fprintf(out, BOLD "%s:%u:%u:" RESET " %s%s:" RESET " %s "
		"[" MAGENTA "%s" RESET "]\n", f->path, f->line, f->column,
		error ? RED : MAGENTA, severity_name(f->severity), f->message,
		f->rule_id);
}

void print_findings_styled(FILE *out, const struct run_results *r,
			   bool colour)
{
	size_t i;

	for (i = 0; i < r->nr_findings; i++)
		if (colour)
			print_finding_colour(out, &r->findings[i]);
		else
			print_finding(out, &r->findings[i]);
}

void print_findings(FILE *out, const struct run_results *r)
{
	print_findings_styled(out, r, false);
}

void print_problems(FILE *out, const struct run_results *r)
{
	size_t i;

	for (i = 0; i < r->nr_problems; i++)
		fprintf(out, "kthreadify: %s\n", r->problems[i].message);
}
