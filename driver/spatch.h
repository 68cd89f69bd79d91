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
	/*
	 * Parse errors that lost only preprocessor directives (a #define
	 * body that is no C), with the text they lost.  With
	 * --no-includes, such a macro is as opaque to the rules as one
	 * from a header; the caller decides whether the rule needed it.
	 */
	struct strvec lost_directives;		/* the text each one lost */
	unsigned int *directive_error_lines;	/* and where it was */
	struct report_line *reports;
	size_t nr_reports;
	size_t alloc_reports;
	struct strvec other_output;	/* stdout lines that are no reports */
};

void spatch_result_init(struct spatch_result *res);
/*
 * Whether the lines a parse error lost (spatch's last "badcount:" lines of
 * "bad:") hold nothing but preprocessor directives, with their
 * continuation lines, comments and blank lines.
 */
bool lost_only_directives(const char *const *lines, size_t nr);
void spatch_result_release(struct spatch_result *res);

/*
 * Interpret one spatch run on the single file `file` (the path as given
 * to spatch) from how it ended and what it printed.
 */
void spatch_interpret(enum child_outcome outcome, int status,
		      const char *out, const char *err, const char *file,
		      struct spatch_result *res);

/*
 * Interpret one spatch run over groups of files: files[i] (as given to
 * spatch) is in group group_of[i]; groups are numbered from 0 in the
 * order spatch was given them, and the files of a group are together.
 * res[i] (initialised by the caller) gets what concerns files[i]: the
 * reports on it, its parse errors, and how its group ended.
 *
 * With one group this is spatch_interpret() over several files.  With
 * several, spatch names the group it works on ("HANDLING: a.c b.c") before
 * what it says about it, and a group's exception or timeout ends only that
 * group; returns -1 when the run cannot be split group by group (the
 * process failed, or said something that names no group), and the caller
 * runs the groups again one by one.  0 otherwise.
 */
int spatch_interpret_groups(enum child_outcome outcome, int status,
			    const char *out, const char *err,
			    const char *const *files, const size_t *group_of,
			    size_t nr_files, struct spatch_result *res);

/* What every spatch run of a kthreadify run shares. */
struct spatch_setup {
	const char *spatch;
	const char *python;		/* --python PATH, or NULL */
	const char *kernel;		/* target kernel "X.Y", or NULL */
	unsigned int timeout_sec;	/* spatch --timeout, per group */
	/*
	 * spatch's own macro file with the rules' hints after it, given
	 * to rules with hints as their builtins; NULL: the hints alone.
	 */
	const char *builtin_macros;
};

/*
 * mode is RULE_MODE_PATCH (rewrites the files in place), RULE_MODE_REPORT,
 * RULE_MODE_ORG or RULE_MODE_CONTEXT (prints the diff).  The files are one
 * group on the command line, or, with groups_file, spatch reads the
 * groups from that file (--file-groups: one path a line, groups separated
 * by an empty line) and the files are not named.
 */
void spatch_build_args(struct strvec *args, const struct spatch_setup *setup,
		       const struct rule *rule, unsigned int mode,
		       const char *const *files, size_t nr_files,
		       const char *groups_file);
/* "patch", "context", "org" or "report" for a RULE_MODE_* bit. */
const char *spatch_mode_name(unsigned int mode);
/* spatch -D MODE --parse-cocci RULE: prints the rule's grep query. */
void spatch_build_query_args(struct strvec *args,
			     const struct spatch_setup *setup,
			     const struct rule *rule, unsigned int mode);

/*
 * The Python spatch should run the rules' scripts with (--python): a
 * python3 found in PATH may be a version manager's shim that costs half a
 * second per spatch process.  env_value is $KTHREADIFY_PYTHON: a path or
 * a name searched in PATH; empty means "let spatch choose" (*path NULL).
 * Unset: /usr/bin/python3 when it exists (Debian's spatch is built
 * against it), else NULL.
 */
int find_python(const char *env_value, char **path, struct strbuf *err);

/*
 * Find the spatch binary: $SPATCH (env_value) if set, else "spatch"; a
 * name without a slash is searched in PATH.
 */
int find_spatch(const char *env_value, char **path, struct strbuf *err);
/* The first line of "spatch --version", or -1 when it cannot say. */
int spatch_version_line(const char *spatch, unsigned int timeout_sec,
			struct strbuf *line);
/*
 * The macro file spatch reads first (its standard.h), as "spatch
 * --longhelp" names it; NULL when it does not say.
 */
char *spatch_builtin_macros(const char *spatch, unsigned int timeout_sec);
/* The same, from the text of the help. */
char *builtin_macros_of_help(const char *help);

#endif
