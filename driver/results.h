/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run found: per-file results, findings, problems, the summary
 * counts and the exit status.
 */
#ifndef KTHREADIFY_RESULTS_H
#define KTHREADIFY_RESULTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "options.h"
#include "spatch.h"

#define NO_FILE SIZE_MAX

struct finding {
	size_t file;		/* index in the file list, or NO_FILE */
	char *path;		/* as shown to the user */
	unsigned int line;	/* 1-based */
	unsigned int column;	/* 1-based */
	enum severity severity;
	char *message;
	char *rule_id;
};

enum problem_kind {
	PROBLEM_UNPARSABLE,
	PROBLEM_TIMED_OUT,
	PROBLEM_FAILED,
	PROBLEM_NOTE,		/* worth showing, not an error */
};

/* A line for stderr about one file and one rule. */
struct problem {
	size_t file;
	size_t rule_pos;	/* position of the rule in pipeline order */
	enum problem_kind kind;
	char *message;		/* without the "kthreadify: " prefix */
};

/* What one patch rule alone would make of a file (json and sarif). */
struct rule_fix {
	size_t rule_pos;
	char *result;
	size_t len;
};

/* Output of a context or org run, passed through as it is. */
struct passthrough {
	size_t file;
	size_t rule_pos;
	char *text;
};

struct file_result {
	bool candidate;
	bool unparsable;
	bool timed_out;
	bool failed;
	bool has_findings;
	bool changed;
	/* Kept for files changed by the pipeline or with fixes. */
	char *original;
	size_t original_len;
	char *result;		/* the pipeline's result, when changed */
	size_t result_len;
	struct rule_fix *fixes;
	size_t nr_fixes;
	size_t alloc_fixes;
	/* The rules whose pipeline step changed the file, in order. */
	size_t *changed_by;
	size_t nr_changed_by;
	size_t alloc_changed_by;
};

struct run_results {
	size_t nr_files;
	struct file_result *files;
	struct finding *findings;
	size_t nr_findings;
	size_t alloc_findings;
	struct problem *problems;
	size_t nr_problems;
	size_t alloc_problems;
	struct passthrough *outputs;
	size_t nr_outputs;
	size_t alloc_outputs;
};

struct run_summary {
	size_t scanned;
	size_t candidates;
	size_t changed;
	size_t with_findings;
	size_t findings;
	size_t unparsable;
	size_t timed_out;
	size_t failed;
};

void run_results_init(struct run_results *r, size_t nr_files);
void run_results_release(struct run_results *r);

void results_add_finding(struct run_results *r, size_t file,
			 const char *path, unsigned int line,
			 unsigned int column, enum severity severity,
			 const char *message, const char *rule_id);
void results_add_problem(struct run_results *r, size_t file,
			 size_t rule_pos, enum problem_kind kind,
			 const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Keep what rule rule_pos alone makes of file (takes result). */
void results_add_fix(struct run_results *r, size_t file, size_t rule_pos,
		     char *result, size_t len);
/* Rule rule_pos changed file in the pipeline. */
void results_add_changer(struct run_results *r, size_t file, size_t rule_pos);
const struct rule_fix *results_find_fix(const struct run_results *r,
					size_t file, size_t rule_pos);
void results_add_output(struct run_results *r, size_t file, size_t rule_pos,
			const char *text);
/*
 * Keep only the findings keep() accepts; files lose has_findings when none
 * of theirs is left.
 */
void results_filter(struct run_results *r,
		    bool (*keep)(const struct finding *f, void *data),
		    void *data);
/*
 * Sort findings by file, line, column, rule (then severity and message)
 * and drop duplicates; sort problems by file and rule.  Output does not
 * depend on the order in which parallel jobs finished.
 */
void results_sort(struct run_results *r);

void results_summarize(const struct run_results *r, struct run_summary *s);
/*
 * 2: any error, including an unparsable or timed-out file (other_error for
 * errors outside the files); 1: findings or changes; 0: nothing.
 */
int results_exit_status(const struct run_summary *s, bool other_error);
void print_summary(FILE *out, const struct run_summary *s,
		   enum run_mode mode);
/* Whether mode changes files (its summary counts changed files). */
bool mode_changes_files(enum run_mode mode);

#endif
