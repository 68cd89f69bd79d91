// SPDX-License-Identifier: GPL-2.0-only
/*
 * Collecting and ordering what a run found.
 */
#include "results.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void run_results_init(struct run_results *r, size_t nr_files)
{
	memset(r, 0, sizeof(*r));
	r->nr_files = nr_files;
	r->files = xcalloc(nr_files, sizeof(*r->files));
}

void run_results_release(struct run_results *r)
{
	size_t i;

	for (i = 0; i < r->nr_files; i++) {
		struct file_result *f = &r->files[i];
		size_t j;

		free(f->original);
		free(f->result);
		for (j = 0; j < f->nr_fixes; j++)
			free(f->fixes[j].result);
		free(f->fixes);
		free(f->changed_by);
	}
	for (i = 0; i < r->nr_outputs; i++)
		free(r->outputs[i].text);
	free(r->outputs);
	for (i = 0; i < r->nr_findings; i++) {
		free(r->findings[i].path);
		free(r->findings[i].message);
		free(r->findings[i].rule_id);
	}
	for (i = 0; i < r->nr_problems; i++)
		free(r->problems[i].message);
	free(r->files);
	free(r->findings);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}

void results_add_finding(struct run_results *r, size_t file,
			 const char *path, unsigned int line,
			 unsigned int column, enum severity severity,
			 const char *message, const char *rule_id)
{
	struct finding *f;

	r->findings = grow_array(r->findings, sizeof(*r->findings),
				 r->nr_findings + 1, &r->alloc_findings);
	f = &r->findings[r->nr_findings++];
	f->file = file;
	f->path = xstrdup(path);
	f->line = line;
	f->column = column;
	f->severity = severity;
	f->message = xstrdup(message);
	f->rule_id = xstrdup(rule_id);
	if (file != NO_FILE)
		r->files[file].has_findings = true;
}

void results_add_problem(struct run_results *r, size_t file,
			 size_t rule_pos, enum problem_kind kind,
			 const char *fmt, ...)
{
	struct problem *p;
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	r->problems = grow_array(r->problems, sizeof(*r->problems),
				 r->nr_problems + 1, &r->alloc_problems);
	p = &r->problems[r->nr_problems++];
	p->file = file;
	p->rule_pos = rule_pos;
	p->kind = kind;
	p->message = strbuf_detach(&sb, NULL);
	strbuf_release(&sb);
	if (file == NO_FILE)
		return;
	if (kind == PROBLEM_UNPARSABLE)
		r->files[file].unparsable = true;
	else if (kind == PROBLEM_TIMED_OUT)
		r->files[file].timed_out = true;
	else if (kind == PROBLEM_FAILED)
		r->files[file].failed = true;
}

void results_add_fix(struct run_results *r, size_t file, size_t rule_pos,
		     char *result, size_t len)
{
	struct file_result *f = &r->files[file];
	struct rule_fix *fix;

	f->fixes = grow_array(f->fixes, sizeof(*f->fixes), f->nr_fixes + 1,
			      &f->alloc_fixes);
	fix = &f->fixes[f->nr_fixes++];
	fix->rule_pos = rule_pos;
	fix->result = result;
	fix->len = len;
}

void results_add_changer(struct run_results *r, size_t file, size_t rule_pos)
{
	struct file_result *f = &r->files[file];

	f->changed_by = grow_array(f->changed_by, sizeof(*f->changed_by),
				   f->nr_changed_by + 1, &f->alloc_changed_by);
	f->changed_by[f->nr_changed_by++] = rule_pos;
}

const struct rule_fix *results_find_fix(const struct run_results *r,
					size_t file, size_t rule_pos)
{
	const struct file_result *f;
	size_t i;

	if (file == NO_FILE || file >= r->nr_files)
		return NULL;
	f = &r->files[file];
	for (i = 0; i < f->nr_fixes; i++)
		if (f->fixes[i].rule_pos == rule_pos)
			return &f->fixes[i];
	return NULL;
}

void results_add_output(struct run_results *r, size_t file, size_t rule_pos,
			const char *text)
{
	struct passthrough *p;

	r->outputs = grow_array(r->outputs, sizeof(*r->outputs),
				r->nr_outputs + 1, &r->alloc_outputs);
	p = &r->outputs[r->nr_outputs++];
	p->file = file;
	p->rule_pos = rule_pos;
	p->text = xstrdup(text);
	r->files[file].has_findings = true;
}

static void free_finding(struct finding *f)
{
	free(f->path);
	free(f->message);
	free(f->rule_id);
}

void results_filter(struct run_results *r,
		    bool (*keep)(const struct finding *f, void *data),
		    void *data)
{
	size_t i, n = 0;

	for (i = 0; i < r->nr_files; i++)
		r->files[i].has_findings = false;
	for (i = 0; i < r->nr_findings; i++) {
		struct finding *f = &r->findings[i];

		if (!keep(f, data)) {
			free_finding(f);
			continue;
		}
		if (f->file != NO_FILE)
			r->files[f->file].has_findings = true;
		r->findings[n++] = *f;
	}
	r->nr_findings = n;
}

static int cmp_uint(unsigned int a, unsigned int b)
{
	return a < b ? -1 : a > b;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	c = strcmp(x->path, y->path);
	if (!c)
		c = cmp_uint(x->line, y->line);
	if (!c)
		c = cmp_uint(x->column, y->column);
	if (!c)
		c = strcmp(x->rule_id, y->rule_id);
	if (!c)
		c = cmp_uint(x->severity, y->severity);
	if (!c)
		c = strcmp(x->message, y->message);
	return c;
}

static int cmp_problem(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->rule_pos != y->rule_pos)
		return x->rule_pos < y->rule_pos ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->message, y->message);
}

static int cmp_output(const void *a, const void *b)
{
	const struct passthrough *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->rule_pos != y->rule_pos)
		return x->rule_pos < y->rule_pos ? -1 : 1;
	return 0;
}

void results_sort(struct run_results *r)
{
	size_t i, n = 0;

	if (r->nr_findings)
		qsort(r->findings, r->nr_findings, sizeof(*r->findings),
		      cmp_finding);
	for (i = 0; i < r->nr_findings; i++) {
		if (n && !cmp_finding(&r->findings[n - 1], &r->findings[i])) {
			free_finding(&r->findings[i]);
			continue;
		}
		r->findings[n++] = r->findings[i];
	}
	r->nr_findings = n;
	if (r->nr_problems)
		qsort(r->problems, r->nr_problems, sizeof(*r->problems),
		      cmp_problem);
	if (r->nr_outputs)
		qsort(r->outputs, r->nr_outputs, sizeof(*r->outputs),
		      cmp_output);
}

void results_summarize(const struct run_results *r, struct run_summary *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->scanned = r->nr_files;
	/* Org and context output counts like findings. */
	s->findings = r->nr_findings + r->nr_outputs;
	for (i = 0; i < r->nr_files; i++) {
		const struct file_result *f = &r->files[i];

		s->candidates += f->candidate;
		s->changed += f->changed;
		s->with_findings += f->has_findings;
		s->unparsable += f->unparsable;
		s->timed_out += f->timed_out;
		s->failed += f->failed;
	}
}

int results_exit_status(const struct run_summary *s, bool other_error)
{
	if (other_error || s->unparsable || s->timed_out || s->failed)
		return 2;
	if (s->changed || s->findings)
		return 1;
	return 0;
}

void print_summary(FILE *out, const struct run_summary *s,
		   enum run_mode mode)
{
	fprintf(out, "kthreadify: %zu files scanned, %zu candidates, ",
		s->scanned, s->candidates);
	if (mode_changes_files(mode))
		fprintf(out, "%zu changed", s->changed);
	else
		fprintf(out, "%zu with findings", s->with_findings);
	fprintf(out, ", %zu unparsable, %zu timed out\n", s->unparsable,
		s->timed_out);
}

bool mode_changes_files(enum run_mode mode)
{
	return mode == MODE_PATCH || mode == MODE_APPLY ||
	       mode == MODE_SERIES;
}
