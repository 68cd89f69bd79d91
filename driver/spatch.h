/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building spatch command lines and interpreting what spatch printed.
 *
 * spatch 1.1.1 exits 0 even when it could not parse part of a file: it
 * drops the functions it cannot parse without a word.  It says so only on
 * stderr under --verbose-parsing ("parse error" then ` = File "F", line N`,
 * and "BAD:!!!!!" lines), and --quiet or --very-quiet silence that in any
 * order on the command line, so both are removed from a rule's Options.
 */
#ifndef KTHREADIFY_SPATCH_H
#define KTHREADIFY_SPATCH_H

#include <stdbool.h>

#include "run_command.h"
#include "strbuf.h"

struct rule;

/* coccilib's report format: "FILE:LINE:COL-COLEND: MESSAGE", COL 0-based. */
struct report_line {
	char *file;
	unsigned int line;
	unsigned int column;
	unsigned int column_end;
	char *message;
};

/*
 * Parse one report line.  With expected_file, the line must start with it
 * (so a file name may hold colons or spaces); without, the first
 * ":LINE:COL-COLEND:" splits the line.  Returns 0 or -1 (not a report).
 */
int parse_report_line(const char *line, const char *expected_file,
		      struct report_line *out);
void report_line_release(struct report_line *rl);

enum severity {
	SEVERITY_WARNING,
	SEVERITY_ERROR,
};

/*
 * Severity of a message from its "WARNING:" / "ERROR:" prefix (also
 * without the colon, as some kernel rules write it); returns the message
 * with the prefix removed.  No prefix: a warning, message unchanged.
 */
const char *split_severity(const char *message, enum severity *severity);
const char *severity_name(enum severity severity);

enum spatch_status {
	SPATCH_OK,
	SPATCH_TIMED_OUT,
	SPATCH_FAILED,
};

struct spatch_result {
	enum spatch_status status;
	struct strbuf failure;		/* SPATCH_FAILED: why */
	unsigned int nr_parse_errors;
	unsigned int parse_error_line;	/* first one; 0 when unknown */
	struct report_line *reports;
	size_t nr_reports;
	size_t alloc_reports;
	struct strvec other_output;	/* stdout lines that are no reports */
};

void spatch_result_init(struct spatch_result *res);
void spatch_result_release(struct spatch_result *res);

/*
 * Interpret one spatch run on the single file `file` (the path as given
 * to spatch) from how it ended and what it printed.
 */
void spatch_interpret(enum child_outcome outcome, int status,
		      const char *out, const char *err, const char *file,
		      struct spatch_result *res);

/*
 * mode is RULE_MODE_PATCH (rewrites file in place), RULE_MODE_REPORT,
 * RULE_MODE_ORG or RULE_MODE_CONTEXT (prints the diff); kernel, the target kernel version ("X.Y"), may be NULL.
 */
void spatch_build_args(struct strvec *args, const char *spatch,
		       const struct rule *rule, unsigned int mode,
		       const char *kernel, unsigned int timeout_sec,
		       const char *file);
/* "patch", "context", "org" or "report" for a RULE_MODE_* bit. */
const char *spatch_mode_name(unsigned int mode);
/* spatch -D MODE --parse-cocci RULE: prints the rule's grep query. */
void spatch_build_query_args(struct strvec *args, const char *spatch,
			     const struct rule *rule, unsigned int mode);

/*
 * Find the spatch binary: $SPATCH (env_value) if set, else "spatch"; a
 * name without a slash is searched in PATH.
 */
int find_spatch(const char *env_value, char **path, struct strbuf *err);
/* The first line of "spatch --version", or -1 when it cannot say. */
int spatch_version_line(const char *spatch, unsigned int timeout_sec,
			struct strbuf *line);

#endif
