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
	strvec_init(&res->other_output);
}

void spatch_result_release(struct spatch_result *res)
{
	size_t i;

	for (i = 0; i < res->nr_reports; i++)
		report_line_release(&res->reports[i]);
	free(res->reports);
	strbuf_release(&res->failure);
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

struct stdout_ctx {
	struct spatch_result *res;
	const char *file;
};

static void take_stdout_line(const char *line, size_t len, void *data)
{
	struct stdout_ctx *ctx = data;
	struct spatch_result *res = ctx->res;
	char *copy = xstrndup(line, len);
	struct report_line rl;

	if (parse_report_line(copy, ctx->file, &rl) == 0) {
		res->reports = grow_array(res->reports, sizeof(*res->reports),
					  res->nr_reports + 1,
					  &res->alloc_reports);
		res->reports[res->nr_reports++] = rl;
	} else if (len) {
		strvec_push(&res->other_output, copy);
	}
	free(copy);
}

struct stderr_ctx {
	struct spatch_result *res;
	const char *file;
	bool after_parse_error;
	bool saw_timeout;
	const char *exn;	/* first "EXN:" or "Fatal error" line */
	size_t exn_len;
	const char *first_line;	/* first line that is not chatter */
	size_t first_len;
};

static bool starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !strncmp(s, prefix, n);
}

/* ' = File "F", line N, ...': a C parse error in F, if F is our file. */
static void take_parse_error_location(struct stderr_ctx *ctx,
				      const char *line, size_t len)
{
	size_t flen = strlen(ctx->file);
	const char *p = line;
	unsigned int lineno;

	while (p < line + len && (*p == ' ' || *p == '='))
		p++;
	/*
	 * Context mode parses its own output again, and says so with
	 * "error in /tmp/cocci-output-...": not our file.
	 */
	if (starts_with(p, (size_t)(line + len - p), "error in ")) {
		p += 9;
		if (strncmp(p, ctx->file, flen) || p[flen] != ';')
			return;
		ctx->res->nr_parse_errors++;
		return;
	}
	if (!starts_with(p, (size_t)(line + len - p), "File \"")) {
		/* No location: count it, better wrong than silent. */
		ctx->res->nr_parse_errors++;
		return;
	}
	p += 6;
	if (strncmp(p, ctx->file, flen) || p[flen] != '"')
		return;		/* a header it included, not our file */
	ctx->res->nr_parse_errors++;
	p += flen + 1;
	if (strncmp(p, ", line ", 7))
		return;
	p += 7;
	if (parse_uint(&p, &lineno) == 0 && !ctx->res->parse_error_line)
		ctx->res->parse_error_line = lineno;
}

static void take_stderr_line(const char *line, size_t len, void *data)
{
	struct stderr_ctx *ctx = data;

	if (ctx->after_parse_error) {
		ctx->after_parse_error = false;
		take_parse_error_location(ctx, line, len);
		return;
	}
	if (starts_with(line, len, "parse error")) {
		ctx->after_parse_error = true;
		return;
	}
	if (starts_with(line, len, "timeout (we abort)") ||
	    (memmem(line, len, "Common.Timeout", 14) &&
	     (starts_with(line, len, "EXN:") ||
	      starts_with(line, len, "Fatal error"))))
		ctx->saw_timeout = true;
	if (!ctx->exn && (starts_with(line, len, "EXN") ||
			  starts_with(line, len, "Fatal error"))) {
		ctx->exn = line;
		ctx->exn_len = len;
	}
	if (!ctx->first_line && len &&
	    !starts_with(line, len, "init_defs_builtins:") &&
	    !starts_with(line, len, "HANDLING:") &&
	    !starts_with(line, len, "Warning: PARSING:")) {
		ctx->first_line = line;
		ctx->first_len = len;
	}
}

static void describe_failure(struct spatch_result *res,
			     enum child_outcome outcome, int status,
			     const struct stderr_ctx *ctx)
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
	if (ctx->exn)
		strbuf_addf(sb, ": %.*s", (int)ctx->exn_len, ctx->exn);
	else if (ctx->first_line)
		strbuf_addf(sb, ": %.*s", (int)ctx->first_len,
			    ctx->first_line);
}

void spatch_interpret(enum child_outcome outcome, int status,
		      const char *out, const char *err, const char *file,
		      struct spatch_result *res)
{
	struct stdout_ctx octx = { res, file };
	struct stderr_ctx ectx;

	memset(&ectx, 0, sizeof(ectx));
	ectx.res = res;
	ectx.file = file;
	for_each_line(out, take_stdout_line, &octx);
	for_each_line(err, take_stderr_line, &ectx);
	if (ectx.after_parse_error)
		res->nr_parse_errors++;	/* "parse error" was the last line */

	res->status = SPATCH_OK;
	if (outcome == CHILD_TIMED_OUT ||
	    (ectx.saw_timeout && (outcome != CHILD_EXITED || status == 2 ||
				  ectx.exn)))
		res->status = SPATCH_TIMED_OUT;
	else if (outcome != CHILD_EXITED || status != 0 || ectx.exn)
		res->status = SPATCH_FAILED;
	if (res->status == SPATCH_FAILED)
		describe_failure(res, outcome, status, &ectx);
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

void spatch_build_args(struct strvec *args, const char *spatch,
		       const struct rule *rule, unsigned int mode,
		       const char *kernel, unsigned int timeout_sec,
		       const char *file)
{
	strvec_push(args, spatch);
	push_defines(args, rule, mode, kernel);
	strvec_push(args, "--verbose-parsing");
	/* Context mode's output is the diff; the others print reports. */
	if (mode != RULE_MODE_CONTEXT)
		strvec_push(args, "--no-show-diff");
	if (mode == RULE_MODE_PATCH)
		strvec_push(args, "--in-place");
	strvec_push(args, "--timeout");
	strvec_pushf(args, "%u", timeout_sec);
	strvec_push(args, "--cocci-file");
	strvec_push(args, rule->path);
	push_rule_options(args, rule);
	strvec_push(args, file);
}

void spatch_build_query_args(struct strvec *args, const char *spatch,
			     const struct rule *rule, unsigned int mode)
{
	strvec_push(args, spatch);
	strvec_push(args, "-D");
	strvec_push(args, spatch_mode_name(mode));
	push_rule_options(args, rule);
	strvec_push(args, "--parse-cocci");
	strvec_push(args, rule->path);
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

struct version_run {
	const char *spatch;
	bool started;
	struct strbuf *line;
	int ok;
};

static int version_next(struct child_process *cp, void *data, void **task_cb)
{
	struct version_run *v = data;

	(void)task_cb;
	if (v->started)
		return 0;
	v->started = true;
	strvec_push(&cp->args, v->spatch);
	strvec_push(&cp->args, "--version");
	return 1;
}

static int version_start_failure(struct child_process *cp, int errnum,
				 void *data, void *task_cb)
{
	(void)cp;
	(void)errnum;
	(void)data;
	(void)task_cb;
	return 0;
}

static int version_finished(struct child_process *cp, void *data,
			    void *task_cb)
{
	struct version_run *v = data;

	(void)task_cb;
	if (cp->outcome != CHILD_EXITED || cp->status || !cp->out.len)
		return 0;
	strbuf_add(v->line, cp->out.buf, strcspn(cp->out.buf, "\n"));
	v->ok = 1;
	return 0;
}

int spatch_version_line(const char *spatch, unsigned int timeout_sec,
			struct strbuf *line)
{
	struct version_run v = { spatch, false, line, 0 };
	struct run_process_parallel_opts opts = {
		.processes = 1,
		.timeout_sec = timeout_sec,
		.get_next_task = version_next,
		.start_failure = version_start_failure,
		.task_finished = version_finished,
		.data = &v,
	};

	run_processes_parallel(&opts);
	return v.ok ? 0 : -1;
}
