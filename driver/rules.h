/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rule metadata: every DIR/\*.cocci file is a rule, ordered by DIR/ORDER.
 */
#ifndef KTHREADIFY_RULES_H
#define KTHREADIFY_RULES_H

#include <stdbool.h>

#include "strbuf.h"

struct grep_query;

enum rule_mode {
	RULE_MODE_PATCH = 1 << 0,
	RULE_MODE_CONTEXT = 1 << 1,
	RULE_MODE_ORG = 1 << 2,
	RULE_MODE_REPORT = 1 << 3,
	/* Not a mode: in patch runs the rule says why it left code alone. */
	RULE_MODE_EXPLAIN = 1 << 4,
};

/* The four modes spatch runs a rule in (-D patch, context, org, report). */
#define NR_SPATCH_MODES 4
/* 0..3 for RULE_MODE_PATCH.._REPORT, in that order. */
unsigned int spatch_mode_index(unsigned int mode);

/*
 * How a rule runs over a file in one kthreadify run: a set of these bits,
 * each one spatch run per file.
 */
enum rule_run {
	RUN_PIPELINE = 1 << 0,	/* -D patch, after the rules before it */
	RUN_REPORT = 1 << 1,	/* -D report: its reports are findings */
	RUN_OWN_PATCH = 1 << 2,	/* -D patch on its own copy of the file */
	RUN_CONTEXT = 1 << 3,	/* -D context: output passed through */
	RUN_ORG = 1 << 4,	/* -D org: output passed through */
};
/* The spatch mode (RULE_MODE_*) of one rule_run bit. */
unsigned int rule_run_mode(unsigned int run);

struct rule {
	char *id;		/* file name without .cocci */
	char *path;
	char *description;	/* first "///" line */
	char *text;		/* the first block of "///" lines, unprefixed */
	unsigned int modes;	/* enum rule_mode bits, from "virtual" */
	struct strvec options;	/* words of the "Options:" lines */
	bool include_headers;	/* options has --include-headers */
	struct strvec keywords;	/* words of the "Keywords:" lines */
	char *macro_file;	/* MACRO_HINTS beside the rule, or NULL */
	/*
	 * "// Scope: module": the rule pairs facts across the files of one
	 * kbuild module, which spatch must then see together.  Other rules
	 * get every file as a group of its own.
	 */
	bool module_scope;
	/*
	 * "// Needs: FORMULA": the words a file must hold for the rule to
	 * find anything in it, beyond spatch's own grep query (which only
	 * says "any of these").  NULL: none.  The driver skips a file for
	 * the rule when it does not hold, so it must follow from the rule.
	 * Not "Requires:": coccicheck reads that as the least spatch version.
	 */
	struct grep_query *needs;
	unsigned int needs_error_line;	/* a malformed one, or 0 */
	bool selected;
	/* Set up for a run: how spatch runs it, and what it needs to see. */
	unsigned int runs;	/* enum rule_run bits; 0: not run */
	struct grep_query *query[NR_SPATCH_MODES];
};

/*
 * The macro hints of a rule directory (see cocci/macros.h): spatch gets
 * them after its own macro file (write_builtin_macros()).
 */
#define MACRO_HINTS "macros.h"

struct rule_set {
	struct rule *v;
	size_t nr;
	size_t alloc;
};

void rule_init(struct rule *rule, const char *id, const char *path);
void rule_release(struct rule *rule);
/* Fill description, modes, options from the text of a .cocci file. */
void rule_parse_text(struct rule *rule, const char *text);

void rule_set_init(struct rule_set *set);
void rule_set_release(struct rule_set *set);
/* Load every rule of dir, in pipeline order (see order_rules()). */
int load_rules(struct rule_set *set, const char *dir, struct strbuf *err);
/*
 * Reorder set: first the ids listed in order_text (one per line, "#"
 * comments and blank lines allowed), then the others by id.  order_name
 * names the ORDER file in errors.
 */
int order_rules(struct rule_set *set, const char *order_text,
		const char *order_name, struct strbuf *err);
/* Mark the rules named by ids as selected; all of them if ids is empty. */
int select_rules(struct rule_set *set, const struct strvec *ids,
		 struct strbuf *err);
const struct rule *find_rule(const struct rule_set *set, const char *id);
/* The position of rule id in set, or set->nr. */
size_t rule_index(const struct rule_set *set, const char *id);
/* "patch,report" etc.; "-" for none.  Caller frees. */
char *rule_modes_string(unsigned int modes);

#endif
