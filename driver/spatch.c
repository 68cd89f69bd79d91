// SPDX-License-Identifier: GPL-2.0-only
/*
 * spatch command lines and output.
 */
#include "spatch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "rules.h"

void report_line_release(struct report_line *rl)
{
	free(rl->file);
	free(rl->message);
	rl->file = NULL;
	rl->message = NULL;
}

static int parse_uint(const char **p, unsigned int *out)
{
	unsigned long v = 0;
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > UINT_MAX)
			return -1;
		s++;
	}
	*out = (unsigned int)v;
	*p = s;
	return 0;
}

/* Parse ":LINE:COL-COLEND:" then the message, starting at the colon. */
static int parse_position(const char *p, struct report_line *out)
{
	if (*p++ != ':' || parse_uint(&p, &out->line) < 0 ||
	    *p++ != ':' || parse_uint(&p, &out->column) < 0 ||
	    *p++ != '-' || parse_uint(&p, &out->column_end) < 0 ||
	    *p++ != ':')
		return -1;
	if (*p == ' ')
		p++;
	out->message = xstrndup(p, strcspn(p, "\r\n"));
	return 0;
}

int parse_report_line(const char *line, const char *expected_file,
		      struct report_line *out)
{
	const char *colon;

	memset(out, 0, sizeof(*out));
	if (expected_file) {
		size_t n = strlen(expected_file);

		if (!strncmp(line, expected_file, n) &&
		    parse_position(line + n, out) == 0) {
			out->file = xstrdup(expected_file);
			return 0;
		}
	}
	for (colon = strchr(line, ':'); colon; colon = strchr(colon + 1, ':'))
		if (colon > line && parse_position(colon, out) == 0) {
			out->file = xstrndup(line, (size_t)(colon - line));
			return 0;
		}
	return -1;
}

static const char *prefix_end(const char *message, const char *word)
{
	size_t n = strlen(word);
	const char *p = message + n;

	if (strncmp(message, word, n))
		return NULL;
	if (*p == ':')
		p++;
	else if (*p && *p != ' ')
		return NULL;	/* "WARNINGS", "ERRORNEOUS"... */
	while (*p == ' ')
		p++;
	return p;
}

const char *split_severity(const char *message, enum severity *severity)
{
	const char *rest;

	rest = prefix_end(message, "ERROR");
	if (rest) {
		*severity = SEVERITY_ERROR;
		return rest;
	}
	rest = prefix_end(message, "WARNING");
	*severity = SEVERITY_WARNING;
	return rest ? rest : message;
}

const char *severity_name(enum severity severity)
{
	return severity == SEVERITY_ERROR ? "error" : "warning";
}

void spatch_result_init(struct spatch_result *res)
{
	memset(res, 0, sizeof(*res));
	strbuf_init(&res->failure);
	strvec_init(&res->lost_directives);
	strvec_init(&res->other_output);
}

void spatch_result_release(struct spatch_result *res)
{
	size_t i;

	for (i = 0; i < res->nr_reports; i++)
		report_line_release(&res->reports[i]);
	free(res->reports);
	strbuf_release(&res->failure);
	strvec_clear(&res->lost_directives);
	free(res->directive_error_lines);
	strvec_clear(&res->other_output);
}

/* Call fn on each line of text (without its newline). */
static void for_each_line(const char *text,
			  void (*fn)(const char *line, size_t len, void *data),
			  void *data)
{
	while (*text) {
		size_t len = strcspn(text, "\n");

		fn(text, len, data);
		text += len;
		if (*text)
			text++;
	}
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !strncmp(s, prefix, n);
}

/* What spatch said on stderr about one group, or about the whole run. */
struct said {
	bool saw_timeout;
	const char *exn;	/* first "EXN:" or "Fatal error" line */
	size_t exn_len;
	const char *first_line;	/* first line that is not chatter */
	size_t first_len;
};

/*
 * A parse error in one of our files, being read: spatch follows its
 * location with "around", "whole content", "badcount: N" and the lines
 * around the error as "bad:" (the error line as "BAD:!!!!!"), of which
 * the last N are the lines it lost.
 */
struct pending_parse_error {
	size_t file;		/* nr_files: none being read */
	unsigned int line;
	unsigned int lost;	/* N of "badcount: N" */
	bool saw_count;
	struct strvec shown;
};

struct groups_ctx {
	const char *const *files;
	const size_t *group_of;
	size_t nr_files;
	size_t nr_groups;
	struct spatch_result *res;
	char **handling;	/* what spatch prints on starting each group */
	struct said *said;	/* per group */
	struct said all;	/* the whole run */
	size_t current;		/* the group being handled, or nr_groups */
	bool after_parse_error;
	struct pending_parse_error pending;
	/*
	 * The macro files spatch read ("init_defs_builtins: F", "init_defs:
	 * F").  A parse error located in one is in the expansion of one of
	 * their macros in the file being handled.
	 */
	struct strvec macro_files;
	bool unattributed;	/* output that names no group */
};

/* The index of the name len bytes at p in names, or nr. */
static size_t find_name(const char *const *names, size_t nr, const char *p,
			size_t len)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], p, len))
			return i;
	return nr;
}

static size_t find_file(const struct groups_ctx *ctx, const char *p,
			size_t len)
{
	return find_name(ctx->files, ctx->nr_files, p, len);
}

/* The first file of the group being handled, or nr_files. */
static size_t current_file(const struct groups_ctx *ctx)
{
	size_t i;

	if (ctx->nr_groups == 1)
		return 0;
	for (i = 0; i < ctx->nr_files; i++)
		if (ctx->group_of[i] == ctx->current)
			return i;
	return ctx->nr_files;
}

static void count_parse_error(struct groups_ctx *ctx, size_t file,
			      unsigned int line)
{
	if (file == ctx->nr_files) {
		ctx->unattributed = true;
		return;
	}
	ctx->res[file].nr_parse_errors++;
	if (line && !ctx->res[file].parse_error_line)
		ctx->res[file].parse_error_line = line;
}

static bool is_macro_file(const struct groups_ctx *ctx, const char *p,
			  size_t len)
{
	const struct strvec *m = &ctx->macro_files;

	return find_name((const char *const *)m->v, m->nr, p, len) < m->nr;
}

/* "init_defs_builtins: F" or "init_defs: F": a macro file spatch read. */
static bool take_macro_file(struct groups_ctx *ctx, const char *line,
			    size_t len)
{
	static const char *const prefixes[] = {
		"init_defs_builtins: ", "init_defs: ",
	};
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (starts_with(line, len, prefixes[i])) {
			strvec_pushf(&ctx->macro_files, "%.*s", (int)(len - n),
				     line + n);
			return true;
		}
	}
	return false;
}

/* ' = File "F", line N, ...': a C parse error in F, if F is one of ours. */
static void take_parse_error_location(struct groups_ctx *ctx,
				      const char *line, size_t len)
{
	const char *p = line, *end = line + len, *q;
	unsigned int lineno = 0;
	size_t file;

	while (p < end && (*p == ' ' || *p == '='))
		p++;
	/*
	 * Context mode parses its own output again, and says so with
	 * "error in /tmp/cocci-output-...": not our file.
	 */
	if (starts_with(p, (size_t)(end - p), "error in ")) {
		p += 9;
		q = memchr(p, ';', (size_t)(end - p));
		file = q ? find_file(ctx, p, (size_t)(q - p)) : ctx->nr_files;
		if (file < ctx->nr_files)
			count_parse_error(ctx, file, 0);
		return;
	}
	if (!starts_with(p, (size_t)(end - p), "File \"")) {
		/* No location: count it, better wrong than silent. */
		count_parse_error(ctx, current_file(ctx), 0);
		return;
	}
	p += 6;
	q = memchr(p, '"', (size_t)(end - p));
	if (!q) {
		count_parse_error(ctx, current_file(ctx), 0);
		return;
	}
	file = find_file(ctx, p, (size_t)(q - p));
	if (file == ctx->nr_files && is_macro_file(ctx, p, (size_t)(q - p))) {
		/* Where in the file the macro was used is not said. */
		ctx->pending.file = current_file(ctx);
		ctx->pending.line = 0;
		return;
	}
	if (file == ctx->nr_files)
		return;		/* a header it included, not ours */
	p = q + 1;
	if (starts_with(p, (size_t)(end - p), ", line ")) {
		p += 7;
		if (parse_uint(&p, &lineno) < 0)
			lineno = 0;
	}
	/* What it lost, said next, tells code from macro definitions. */
	ctx->pending.file = file;
	ctx->pending.line = lineno;
}

bool lost_only_directives(const char *const *lines, size_t nr)
{
	bool continued = false, in_comment = false, directive = false;
	size_t i;

	for (i = 0; i < nr; i++) {
		const char *s = skip_blanks(lines[i]);
		size_t len = strlen(s);

		while (len && strchr(" \t\r", s[len - 1]))
			len--;
		if (continued) {
			continued = len && s[len - 1] == '\\';
			continue;
		}
		if (in_comment) {
			in_comment = !strstr(s, "*/");
			continue;
		}
		if (*s == '#') {
			directive = true;
			continued = len && s[len - 1] == '\\';
		} else if (!strncmp(s, "/*", 2)) {
			in_comment = !strstr(s + 2, "*/");
		} else if (strncmp(s, "//", 2) && len) {
			return false;
		}
	}
	return directive;
}

/* The parse error just read: lost code, or only directives. */
static void end_parse_error(struct groups_ctx *ctx)
{
	struct pending_parse_error *pe = &ctx->pending;
	size_t file = pe->file, first, i;
	bool counted = pe->saw_count && pe->lost && pe->lost <= pe->shown.nr;

	if (file == ctx->nr_files)
		return;
	pe->file = ctx->nr_files;
	first = counted ? pe->shown.nr - pe->lost : 0;
	if (!counted ||
	    !lost_only_directives((const char *const *)pe->shown.v + first,
				  pe->lost)) {
		count_parse_error(ctx, file, pe->line);
	} else {
		struct spatch_result *res = &ctx->res[file];
		size_t n = res->lost_directives.nr;
		struct strbuf lost;

		strbuf_init(&lost);
		for (i = first; i < pe->shown.nr; i++)
			strbuf_addf(&lost, "%s\n", pe->shown.v[i]);
		strvec_push(&res->lost_directives, lost.buf);
		strbuf_release(&lost);
		res->directive_error_lines =
			xrealloc(res->directive_error_lines,
				 (n + 1) * sizeof(*res->directive_error_lines));
		res->directive_error_lines[n] = pe->line;
	}
	strvec_clear(&pe->shown);
	pe->saw_count = false;
	pe->lost = 0;
}

/* A line of the parse error being read; false when it is no part of it. */
static bool take_parse_error_line(struct groups_ctx *ctx, const char *line,
				  size_t len)
{
	struct pending_parse_error *pe = &ctx->pending;
	const char *p = line;

	if (pe->file == ctx->nr_files)
		return false;
	if (starts_with(line, len, "bad:") ||
	    starts_with(line, len, "BAD:!!!!!")) {
		size_t skip = line[0] == 'b' ? 4 : 9;
		char *text = xstrndup(line + skip, len - skip);

		strvec_push(&pe->shown, text);
		free(text);
		return true;
	}
	if (starts_with(line, len, "badcount: ")) {
		p += 10;
		pe->saw_count = parse_uint(&p, &pe->lost) == 0;
		return true;
	}
	if (starts_with(line, len, "  around = ") ||
	    starts_with(line, len, "  whole content = "))
		return true;
	end_parse_error(ctx);
	return false;
}

static void take_said(struct said *said, const char *line, size_t len)
{
	if (starts_with(line, len, "timeout (we abort)") ||
	    (memmem(line, len, "Common.Timeout", 14) &&
	     (starts_with(line, len, "EXN:") ||
	      starts_with(line, len, "Fatal error"))))
		said->saw_timeout = true;
	if (!said->exn && (starts_with(line, len, "EXN") ||
			   starts_with(line, len, "Fatal error"))) {
		said->exn = line;
		said->exn_len = len;
	}
	if (!said->first_line && len &&
	    !starts_with(line, len, "init_defs_builtins:") &&
	    !starts_with(line, len, "HANDLING:") &&
	    !starts_with(line, len, "Skipping:") &&
	    !starts_with(line, len, "(ONCE) Expected tokens") &&
	    !starts_with(line, len, "Warning: PARSING:")) {
		said->first_line = line;
		said->first_len = len;
	}
}

static void take_handling(struct groups_ctx *ctx, const char *line,
			  size_t len)
{
	size_t g;

	for (g = 0; g < ctx->nr_groups; g++)
		if (strlen(ctx->handling[g]) == len &&
		    !memcmp(ctx->handling[g], line, len)) {
			ctx->current = g;
			return;
		}
	ctx->current = ctx->nr_groups;
	if (ctx->nr_groups > 1)
		ctx->unattributed = true;
}

static void take_stderr_line(const char *line, size_t len, void *data)
{
	struct groups_ctx *ctx = data;

	if (ctx->after_parse_error) {
		ctx->after_parse_error = false;
		take_parse_error_location(ctx, line, len);
		return;
	}
	if (take_parse_error_line(ctx, line, len))
		return;
	if (starts_with(line, len, "parse error")) {
		ctx->after_parse_error = true;
		return;
	}
	if (starts_with(line, len, "HANDLING: ")) {
		take_handling(ctx, line, len);
		return;
	}
	if (take_macro_file(ctx, line, len))
		return;
	take_said(&ctx->all, line, len);
	if (ctx->current < ctx->nr_groups)
		take_said(&ctx->said[ctx->current], line, len);
}

static void add_report(struct spatch_result *res, struct report_line *rl)
{
	res->reports = grow_array(res->reports, sizeof(*res->reports),
				  res->nr_reports + 1, &res->alloc_reports);
	res->reports[res->nr_reports++] = *rl;
}

static void take_stdout_line(const char *line, size_t len, void *data)
{
	struct groups_ctx *ctx = data;
	char *copy = xstrndup(line, len);
	struct report_line rl;
	size_t i;

	for (i = 0; i < ctx->nr_files; i++) {
		if (strncmp(copy, ctx->files[i], strlen(ctx->files[i])) ||
		    parse_report_line(copy, ctx->files[i], &rl) < 0)
			continue;
		if (!strcmp(rl.file, ctx->files[i])) {
			add_report(&ctx->res[i], &rl);
			free(copy);
			return;
		}
		/* Parsed as another file's line ("F.c.h:..."): not ours. */
		report_line_release(&rl);
	}
	/* Not about one of our files: the single group keeps it. */
	if (ctx->nr_groups > 1) {
		if (len)
			ctx->unattributed = true;
	} else if (parse_report_line(copy, NULL, &rl) == 0) {
		add_report(&ctx->res[0], &rl);
	} else if (len) {
		strvec_push(&ctx->res[0].other_output, copy);
	}
	free(copy);
}

static void describe_failure(struct spatch_result *res,
			     enum child_outcome outcome, int status,
			     const struct said *said)
{
	struct strbuf *sb = &res->failure;

	if (outcome == CHILD_SIGNALED)
		strbuf_addf(sb, "killed by signal %d (%s)", status,
			    strsignal(status));
	else if (outcome == CHILD_CANCELLED)
		strbuf_addstr(sb, "stopped");
	else if (status)
		strbuf_addf(sb, "exit status %d", status);
	else
		strbuf_addstr(sb, "exception");
	/* The exception names the cause better than the first line. */
	if (said->exn)
		strbuf_addf(sb, ": %.*s", (int)said->exn_len, said->exn);
	else if (said->first_line)
		strbuf_addf(sb, ": %.*s", (int)said->first_len,
			    said->first_line);
}

/* How the whole run ended, as one group's status. */
static void run_status(struct spatch_result *res, enum child_outcome outcome,
		       int status, const struct said *said)
{
	res->status = SPATCH_OK;
	if (outcome == CHILD_TIMED_OUT ||
	    (said->saw_timeout && (outcome != CHILD_EXITED || status == 2 ||
				   said->exn)))
		res->status = SPATCH_TIMED_OUT;
	else if (outcome != CHILD_EXITED || status != 0 || said->exn)
		res->status = SPATCH_FAILED;
	if (res->status == SPATCH_FAILED)
		describe_failure(res, outcome, status, said);
}

/* How one group of several ended, when the run as a whole went well. */
static void group_status(struct spatch_result *res, const struct said *said)
{
	res->status = SPATCH_OK;
	if (said->saw_timeout && said->exn)
		res->status = SPATCH_TIMED_OUT;
	else if (said->exn) {
		res->status = SPATCH_FAILED;
		describe_failure(res, CHILD_EXITED, 0, said);
	}
}

static void groups_ctx_init(struct groups_ctx *ctx,
			    const char *const *files, const size_t *group_of,
			    size_t nr_files, struct spatch_result *res)
{
	struct strbuf *lines;
	size_t i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->files = files;
	ctx->group_of = group_of;
	ctx->nr_files = nr_files;
	ctx->res = res;
	for (i = 0; i < nr_files; i++)
		if (group_of[i] + 1 > ctx->nr_groups)
			ctx->nr_groups = group_of[i] + 1;
	ctx->current = ctx->nr_groups;
	ctx->pending.file = nr_files;
	strvec_init(&ctx->pending.shown);
	strvec_init(&ctx->macro_files);
	ctx->said = xcalloc(ctx->nr_groups + 1, sizeof(*ctx->said));
	lines = xcalloc(ctx->nr_groups + 1, sizeof(*lines));
	for (i = 0; i < ctx->nr_groups; i++)
		strbuf_init(&lines[i]);
	for (i = 0; i < nr_files; i++) {
		struct strbuf *sb = &lines[group_of[i]];

		strbuf_addstr(sb, sb->len ? " " : "HANDLING: ");
		strbuf_addstr(sb, files[i]);
	}
	ctx->handling = xcalloc(ctx->nr_groups + 1, sizeof(*ctx->handling));
	for (i = 0; i < ctx->nr_groups; i++)
		ctx->handling[i] = strbuf_detach(&lines[i], NULL);
	free(lines);
}

static void groups_ctx_release(struct groups_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nr_groups; i++)
		free(ctx->handling[i]);
	free(ctx->handling);
	free(ctx->said);
	strvec_clear(&ctx->pending.shown);
	strvec_clear(&ctx->macro_files);
}

int spatch_interpret_groups(enum child_outcome outcome, int status,
			    const char *out, const char *err,
			    const char *const *files, const size_t *group_of,
			    size_t nr_files, struct spatch_result *res)
{
	struct groups_ctx ctx;
	bool whole_run;
	size_t i;
	int ret = 0;

	if (!nr_files)
		return 0;
	groups_ctx_init(&ctx, files, group_of, nr_files, res);
	for_each_line(out, take_stdout_line, &ctx);
	for_each_line(err, take_stderr_line, &ctx);
	if (ctx.after_parse_error)	/* "parse error" was the last line */
		count_parse_error(&ctx, current_file(&ctx), 0);
	end_parse_error(&ctx);

	whole_run = ctx.nr_groups == 1;
	if (!whole_run && (outcome != CHILD_EXITED || status != 0 ||
			   ctx.unattributed)) {
		whole_run = true;
		ret = -1;
	}
	for (i = 0; i < nr_files; i++) {
		strbuf_reset(&res[i].failure);
		if (whole_run)
			run_status(&res[i], outcome, status, &ctx.all);
		else
			group_status(&res[i], &ctx.said[group_of[i]]);
	}
	groups_ctx_release(&ctx);
	return ret;
}

void spatch_interpret(enum child_outcome outcome, int status,
		      const char *out, const char *err, const char *file,
		      struct spatch_result *res)
{
	const char *files[] = { file };
	const size_t group_of[] = { 0 };

	spatch_interpret_groups(outcome, status, out, err, files, group_of,
				1, res);
}

static void push_rule_options(struct strvec *args, const struct rule *rule)
{
	size_t i;

	for (i = 0; i < rule->options.nr; i++) {
		const char *opt = rule->options.v[i];

		/* They would silence the parse errors we look for. */
		if (!strcmp(opt, "--quiet") || !strcmp(opt, "--very-quiet"))
			continue;
		strvec_push(args, opt);
	}
}

/*
 * The rules' macro hints: within the builtins, spatch's own macro file, a
 * later definition replaces an earlier one, and only there can a hint
 * replace one of spatch's (DEFINE_PER_CPU).  Given as --macro-file, the
 * hints only add names.
 */
static void push_macro_files(struct strvec *args,
			     const struct spatch_setup *setup,
			     const struct rule *rule)
{
	if (!rule->macro_file)
		return;
	if (setup->builtin_macros) {
		strvec_push(args, "--macro-file-builtins");
		strvec_push(args, setup->builtin_macros);
		return;
	}
	strvec_push(args, "--macro-file");
	strvec_push(args, rule->macro_file);
}

const char *spatch_mode_name(unsigned int mode)
{
	switch (mode) {
	case RULE_MODE_PATCH:
		return "patch";
	case RULE_MODE_CONTEXT:
		return "context";
	case RULE_MODE_ORG:
		return "org";
	}
	return "report";
}

/*
 * The virtuals every run gets: the mode, the target kernel the rules may
 * generate code for, and, in patch runs of rules that can say why they
 * left code alone, "explain".
 */
static void push_defines(struct strvec *args, const struct rule *rule,
			 unsigned int mode, const char *kernel)
{
	strvec_push(args, "-D");
	strvec_push(args, spatch_mode_name(mode));
	if (mode == RULE_MODE_PATCH && (rule->modes & RULE_MODE_EXPLAIN)) {
		strvec_push(args, "-D");
		strvec_push(args, "explain");
	}
	if (kernel) {
		strvec_push(args, "-D");
		strvec_pushf(args, "kernel=%s", kernel);
	}
}

static void push_python(struct strvec *args, const struct spatch_setup *setup)
{
	if (!setup->python)
		return;
	strvec_push(args, "--python");
	strvec_push(args, setup->python);
}

void spatch_build_args(struct strvec *args, const struct spatch_setup *setup,
		       const struct rule *rule, unsigned int mode,
		       const char *const *files, size_t nr_files,
		       const char *groups_file)
{
	size_t i;

	strvec_push(args, setup->spatch);
	push_defines(args, rule, mode, setup->kernel);
	push_python(args, setup);
	strvec_push(args, "--verbose-parsing");
	/* Context mode's output is the diff; the others print reports. */
	if (mode != RULE_MODE_CONTEXT)
		strvec_push(args, "--no-show-diff");
	if (mode == RULE_MODE_PATCH)
		strvec_push(args, "--in-place");
	strvec_push(args, "--timeout");
	strvec_pushf(args, "%u", setup->timeout_sec);
	/*
	 * The files are chosen already.  A scanner from a .cocciconfig (the
	 * kernel's asks for --use-gitgrep) would run git grep over the
	 * whole repository once per file group; spatch reads that file
	 * before its command line, so this wins.
	 */
	strvec_push(args, "--no-scanner");
	strvec_push(args, "--cocci-file");
	strvec_push(args, rule->path);
	push_rule_options(args, rule);
	push_macro_files(args, setup, rule);
	if (groups_file) {
		strvec_push(args, "--file-groups");
		strvec_push(args, groups_file);
		return;
	}
	for (i = 0; i < nr_files; i++)
		strvec_push(args, files[i]);
}

void spatch_build_query_args(struct strvec *args,
			     const struct spatch_setup *setup,
			     const struct rule *rule, unsigned int mode)
{
	strvec_push(args, setup->spatch);
	strvec_push(args, "-D");
	strvec_push(args, spatch_mode_name(mode));
	push_python(args, setup);
	push_rule_options(args, rule);
	strvec_push(args, "--parse-cocci");
	strvec_push(args, rule->path);
}

int find_python(const char *env_value, char **path, struct strbuf *err)
{
	*path = NULL;
	if (!env_value) {
		if (is_executable_file("/usr/bin/python3"))
			*path = xstrdup("/usr/bin/python3");
		return 0;
	}
	if (!*env_value)
		return 0;
	if (strchr(env_value, '/')) {
		if (is_executable_file(env_value)) {
			*path = xstrdup(env_value);
			return 0;
		}
		strbuf_addf(err, "KTHREADIFY_PYTHON=%s: %s", env_value,
			    access(env_value, F_OK) ? strerror(errno) :
			    "not an executable file");
		return -1;
	}
	*path = search_path(env_value);
	if (*path)
		return 0;
	strbuf_addf(err, "KTHREADIFY_PYTHON=%s is not in PATH", env_value);
	return -1;
}

int find_spatch(const char *env_value, char **path, struct strbuf *err)
{
	const char *name = env_value && *env_value ? env_value : "spatch";

	*path = NULL;
	if (strchr(name, '/')) {
		if (is_executable_file(name)) {
			*path = xstrdup(name);
			return 0;
		}
		strbuf_addf(err, "spatch not found: SPATCH=%s: %s", name,
			    access(name, F_OK) ? strerror(errno) :
			    "not an executable file");
		return -1;
	}
	*path = search_path(name);
	if (*path)
		return 0;
	if (env_value && *env_value)
		strbuf_addf(err, "spatch not found: SPATCH=%s is not in PATH",
			    name);
	else
		strbuf_addstr(err, "spatch not found (install coccinelle or "
			      "set SPATCH)");
	return -1;
}

/* One "spatch OPTION" run whose standard output we want. */
struct info_run {
	const char *spatch;
	const char *option;
	bool started;
	struct strbuf *out;
	int ok;
};

static int info_next(struct child_process *cp, void *data, void **task_cb)
{
	struct info_run *v = data;

	(void)task_cb;
	if (v->started)
		return 0;
	v->started = true;
	strvec_push(&cp->args, v->spatch);
	strvec_push(&cp->args, v->option);
	return 1;
}

static int info_start_failure(struct child_process *cp, int errnum,
			      void *data, void *task_cb)
{
	(void)cp;
	(void)errnum;
	(void)data;
	(void)task_cb;
	return 0;
}

static int info_finished(struct child_process *cp, void *data, void *task_cb)
{
	struct info_run *v = data;

	(void)task_cb;
	if (cp->outcome != CHILD_EXITED || cp->status || !cp->out.len)
		return 0;
	strbuf_add(v->out, cp->out.buf, cp->out.len);
	v->ok = 1;
	return 0;
}

static int spatch_info(const char *spatch, const char *option,
		       unsigned int timeout_sec, struct strbuf *out)
{
	struct info_run v = { spatch, option, false, out, 0 };
	struct run_process_parallel_opts opts = {
		.processes = 1,
		.timeout_sec = timeout_sec,
		.get_next_task = info_next,
		.start_failure = info_start_failure,
		.task_finished = info_finished,
		.data = &v,
	};

	run_processes_parallel(&opts);
	return v.ok ? 0 : -1;
}

int spatch_version_line(const char *spatch, unsigned int timeout_sec,
			struct strbuf *line)
{
	struct strbuf out;
	int ret;

	strbuf_init(&out);
	ret = spatch_info(spatch, "--version", timeout_sec, &out);
	if (!ret)
		strbuf_add(line, out.buf, strcspn(out.buf, "\n"));
	strbuf_release(&out);
	return ret;
}

char *builtin_macros_of_help(const char *help)
{
	const char *p = strstr(help, "--macro-file-builtins"), *eol, *end;

	if (!p)
		return NULL;
	eol = p + strcspn(p, "\n");
	p = strstr(p, "(default=");
	if (!p || p > eol)
		return NULL;
	p += strlen("(default=");
	end = memchr(p, ')', (size_t)(eol - p));
	if (!end || end == p)
		return NULL;
	return xstrndup(p, (size_t)(end - p));
}

char *spatch_builtin_macros(const char *spatch, unsigned int timeout_sec)
{
	struct strbuf help;
	char *path = NULL;

	strbuf_init(&help);
	if (spatch_info(spatch, "--longhelp", timeout_sec, &help) == 0)
		path = builtin_macros_of_help(help.buf);
	strbuf_release(&help);
	return path;
}
