// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler: turns files x rules into spatch runs for
 * run_processes_parallel(), and their output into results.
 *
 * Each file being worked on is a job with a scratch directory:
 *   orig/NAME   a pristine copy that independent runs read;
 *   pipe/NAME   the copy the patch rules rewrite one after another;
 *   R/NAME      a private copy for a patch rule run for its findings.
 * Copies keep the file's name, because spatch looks at the suffix.
 * A job's pipeline has at most one spatch running; its independent runs may
 * run side by side with it and each other.
 */
#include "analyze.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "grep_query.h"
#include "output_patch.h"
#include "run_command.h"
#include "spatch.h"

bool plan_rules(struct rule_set *rules, enum run_mode mode)
{
	unsigned int first, second;
	bool want_headers = false;
	size_t i;

	first = mode == MODE_REPORT ? RULE_MODE_REPORT : RULE_MODE_PATCH;
	second = mode == MODE_REPORT ? RULE_MODE_PATCH : RULE_MODE_REPORT;
	for (i = 0; i < rules->nr; i++) {
		struct rule *r = &rules->v[i];

		r->run_mode = 0;
		if (!r->selected)
			continue;
		if (r->modes & first)
			r->run_mode = first;
		else if (r->modes & second)
			r->run_mode = second;
		if (r->run_mode && r->include_headers)
			want_headers = true;
	}
	return want_headers;
}

/* ---- grep queries ---------------------------------------------------- */

struct query_run {
	struct rule_set *rules;
	const struct analysis_config *cfg;
	size_t next;
	struct strbuf *err;
};

static int query_next(struct child_process *cp, void *data, void **task_cb)
{
	struct query_run *q = data;

	while (q->next < q->rules->nr && !q->rules->v[q->next].run_mode)
		q->next++;
	if (q->next == q->rules->nr)
		return 0;
	*task_cb = &q->rules->v[q->next];
	spatch_build_query_args(&cp->args, q->cfg->spatch,
				&q->rules->v[q->next],
				q->rules->v[q->next].run_mode);
	q->next++;
	return 1;
}

static int query_start_failure(struct child_process *cp, int errnum,
			       void *data, void *task_cb)
{
	struct query_run *q = data;

	(void)task_cb;
	strbuf_addf(q->err, "cannot run %s: %s", cp->args.v[0],
		    strerror(errnum));
	return -1;
}

static const char *first_line_of(const struct strbuf *sb, int *len)
{
	const char *p = sb->buf;

	/* Skip spatch's chatter about its own setup. */
	while (!strncmp(p, "init_defs_builtins:", 19) ||
	       !strncmp(p, "Warning: PARSING:", 17)) {
		p = strchr(p, '\n');
		if (!p)
			return "";
		p++;
	}
	*len = (int)strcspn(p, "\n");
	return p;
}

static int query_finished(struct child_process *cp, void *data,
			  void *task_cb)
{
	struct query_run *q = data;
	struct rule *rule = task_cb;
	const char *line;
	int len = 0;

	if (cp->outcome == CHILD_CANCELLED)
		return 0;
	if (cp->outcome != CHILD_EXITED || cp->status) {
		line = first_line_of(&cp->err, &len);
		if (q->err->len)
			return -1;
		if (cp->outcome == CHILD_TIMED_OUT)
			strbuf_addf(q->err, "%s: spatch --parse-cocci timed "
				    "out after %u s", rule->path,
				    q->cfg->timeout_sec);
		else
			strbuf_addf(q->err, "%s: spatch -D %s --parse-cocci "
				    "failed (%s %d): %.*s", rule->path,
				    rule->run_mode == RULE_MODE_PATCH ?
				    "patch" : "report",
				    cp->outcome == CHILD_SIGNALED ?
				    "signal" : "exit status", cp->status,
				    len, line);
		return -1;
	}
	grep_query_free(rule->query);
	rule->query = grep_query_from_parse_cocci(cp->out.buf);
	return 0;
}

int compute_grep_queries(struct rule_set *rules,
			 const struct analysis_config *cfg, struct strbuf *err)
{
	struct query_run q = { rules, cfg, 0, err };
	struct run_process_parallel_opts opts = {
		.processes = cfg->jobs,
		.timeout_sec = cfg->timeout_sec,
		.get_next_task = query_next,
		.start_failure = query_start_failure,
		.task_finished = query_finished,
		.data = &q,
		.interrupted = cfg->interrupted,
	};

	if (run_processes_parallel(&opts) < 0) {
		if (!err->len)
			strbuf_addstr(err, "interrupted");
		return -1;
	}
	return 0;
}

/* ---- per-file jobs ---------------------------------------------------- */

struct file_job {
	size_t file;
	char *dir;
	char *orig_copy;
	char *pipe_copy;
	struct strbuf original;
	struct strbuf current;	/* the pipeline's latest result */
	size_t next_single;	/* next rule for an independent run */
	size_t next_pipeline;	/* next rule to consider for the pipeline */
	bool pipeline_busy;
	unsigned int running;
};

struct step {
	struct file_job *job;
	size_t rule;
	bool pipeline;
	char *path;		/* the file spatch was given */
	char *private_dir;	/* to remove afterwards, or NULL */
	struct strbuf input;	/* pipeline: the content it started from */
};

struct analysis {
	const struct file_list *files;
	const struct rule_set *rules;
	const struct analysis_config *cfg;
	struct run_results *results;
	size_t next_file;
	struct file_job **active;
	size_t nr_active;
	size_t alloc_active;
	size_t max_active;
	struct strbuf *err;
};

static bool is_pipeline_rule(const struct analysis *a, const struct rule *r)
{
	return a->cfg->mode != MODE_REPORT && r->run_mode == RULE_MODE_PATCH;
}

static bool rule_wants(const struct rule *r, const struct source_file *f,
		       const struct strbuf *content)
{
	if (!r->run_mode)
		return false;
	/* Headers found by a walk go only to rules that ask for them. */
	if (f->is_header && !f->named && !r->include_headers)
		return false;
	return grep_query_matches(r->query, content->buf, content->len);
}

static const char *file_path(const struct analysis *a, size_t file)
{
	return a->files->v[file].path;
}

static void free_job(struct file_job *job)
{
	if (job->dir)
		remove_tree(job->dir);
	free(job->dir);
	free(job->orig_copy);
	free(job->pipe_copy);
	strbuf_release(&job->original);
	strbuf_release(&job->current);
	free(job);
}

static void free_step(struct step *step)
{
	if (step->private_dir)
		remove_tree(step->private_dir);
	free(step->private_dir);
	free(step->path);
	strbuf_release(&step->input);
	free(step);
}

/* Make dir/sub/ and write content to dir/sub/NAME; returns that path. */
static char *make_copy(const struct file_job *job, const char *sub,
		       const char *name, const struct strbuf *content,
		       struct strbuf *err)
{
	char *subdir = path_join(job->dir, sub);
	char *path = path_join(subdir, name);

	if (make_dir(subdir, err) < 0 ||
	    write_file(path, content->buf, content->len, err) < 0) {
		free(path);
		path = NULL;
	}
	free(subdir);
	return path;
}

static bool any_rule_wants(const struct analysis *a,
			   const struct file_job *job)
{
	const struct source_file *f = &a->files->v[job->file];
	size_t i;

	for (i = 0; i < a->rules->nr; i++)
		if (rule_wants(&a->rules->v[i], f, &job->original))
			return true;
	return false;
}

/*
 * Read the next file and set up its job; NULL with *fatal clear when it
 * needs no spatch run (or could not be read: a problem, not fatal).
 */
static struct file_job *open_job(struct analysis *a, size_t file, int *fatal)
{
	struct file_job *job = xcalloc(1, sizeof(*job));
	const char *name = path_basename(file_path(a, file));
	struct strbuf err;

	*fatal = 0;
	strbuf_init(&err);
	job->file = file;
	strbuf_init(&job->original);
	strbuf_init(&job->current);
	if (read_file(file_path(a, file), &job->original, &err) < 0) {
		results_add_problem(a->results, file, 0, PROBLEM_FAILED,
				    "%s", err.buf);
		goto skip;
	}
	if (!any_rule_wants(a, job))
		goto skip;
	a->results->files[file].candidate = true;
	strbuf_add(&job->current, job->original.buf, job->original.len);
	job->dir = xasprintf("%s/%zu", a->cfg->scratch_dir, file);
	if (make_dir(job->dir, &err) < 0)
		goto fail;
	job->orig_copy = make_copy(job, "orig", name, &job->original, &err);
	if (!job->orig_copy)
		goto fail;
	job->pipe_copy = make_copy(job, "pipe", name, &job->original, &err);
	if (!job->pipe_copy)
		goto fail;
	strbuf_release(&err);
	return job;
fail:
	strbuf_addstr(a->err, err.buf);
	*fatal = 1;
skip:
	strbuf_release(&err);
	free_job(job);
	return NULL;
}

static struct step *new_step(struct file_job *job, size_t rule, bool pipeline)
{
	struct step *step = xcalloc(1, sizeof(*step));

	step->job = job;
	step->rule = rule;
	step->pipeline = pipeline;
	strbuf_init(&step->input);
	return step;
}

/* An independent run of the next rule that wants the original file. */
static struct step *next_single_step(struct analysis *a, struct file_job *job,
				     int *fatal)
{
	const struct source_file *f = &a->files->v[job->file];

	while (job->next_single < a->rules->nr) {
		size_t i = job->next_single++;
		const struct rule *r = &a->rules->v[i];
		struct step *step;
		char *sub;

		if (is_pipeline_rule(a, r) || !rule_wants(r, f, &job->original))
			continue;
		step = new_step(job, i, false);
		if (r->run_mode == RULE_MODE_REPORT) {
			step->path = xstrdup(job->orig_copy);
			return step;
		}
		/* A patch rule run for its findings rewrites its own copy. */
		sub = xasprintf("r%zu", i);
		step->path = make_copy(job, sub, path_basename(f->path),
				       &job->original, a->err);
		step->private_dir = path_join(job->dir, sub);
		free(sub);
		if (!step->path) {
			*fatal = 1;
			free_step(step);
			return NULL;
		}
		return step;
	}
	return NULL;
}

/* The pipeline's next rule that wants the file as rewritten so far. */
static struct step *next_pipeline_step(struct analysis *a,
				       struct file_job *job)
{
	const struct source_file *f = &a->files->v[job->file];

	if (job->pipeline_busy)
		return NULL;
	while (job->next_pipeline < a->rules->nr) {
		size_t i = job->next_pipeline++;
		const struct rule *r = &a->rules->v[i];
		struct step *step;

		if (!is_pipeline_rule(a, r) || !rule_wants(r, f, &job->current))
			continue;
		a->results->files[job->file].candidate = true;
		step = new_step(job, i, true);
		step->path = xstrdup(job->pipe_copy);
		strbuf_add(&step->input, job->current.buf, job->current.len);
		job->pipeline_busy = true;
		return step;
	}
	return NULL;
}

static bool job_done(const struct analysis *a, const struct file_job *job)
{
	return !job->running && !job->pipeline_busy &&
	       job->next_single == a->rules->nr &&
	       job->next_pipeline == a->rules->nr;
}

/* Hand the pipeline's result over to the results, and drop the job. */
static void finish_job(struct analysis *a, size_t index)
{
	struct file_job *job = a->active[index];
	struct file_result *res = &a->results->files[job->file];

	if (!strbuf_equal(&job->original, &job->current)) {
		res->changed = true;
		res->original = strbuf_detach(&job->original,
					      &res->original_len);
		res->result = strbuf_detach(&job->current, &res->result_len);
	}
	free_job(job);
	memmove(&a->active[index], &a->active[index + 1],
		(a->nr_active - index - 1) * sizeof(*a->active));
	a->nr_active--;
}

static int add_job(struct analysis *a)
{
	while (a->next_file < a->files->nr) {
		int fatal;
		struct file_job *job = open_job(a, a->next_file++, &fatal);

		if (fatal)
			return -1;
		if (!job)
			continue;
		a->active = grow_array(a->active, sizeof(*a->active),
				       a->nr_active + 1, &a->alloc_active);
		a->active[a->nr_active++] = job;
		return 1;
	}
	return 0;
}

static int get_next_step(struct child_process *cp, void *data, void **task_cb)
{
	struct analysis *a = data;
	size_t i = 0;

	for (;;) {
		struct step *step = NULL;
		int fatal = 0, added;

		if (i == a->nr_active) {
			if (a->nr_active >= a->max_active)
				return 0;
			added = add_job(a);
			if (added <= 0)
				return added;
			continue;
		}
		step = next_single_step(a, a->active[i], &fatal);
		if (fatal)
			return -1;
		if (!step)
			step = next_pipeline_step(a, a->active[i]);
		if (step) {
			const struct rule *r = &a->rules->v[step->rule];

			step->job->running++;
			spatch_build_args(&cp->args, a->cfg->spatch, r,
					  r->run_mode, a->cfg->kernel,
					  a->cfg->timeout_sec, step->path);
			*task_cb = step;
			return 1;
		}
		if (job_done(a, a->active[i]))
			finish_job(a, i);
		else
			i++;
	}
}

static void end_step(struct step *step)
{
	step->job->running--;
	if (step->pipeline)
		step->job->pipeline_busy = false;
	free_step(step);
}

static int step_start_failure(struct child_process *cp, int errnum,
			      void *data, void *task_cb)
{
	struct analysis *a = data;

	strbuf_addf(a->err, "cannot run %s: %s", cp->args.v[0],
		    strerror(errnum));
	end_step(task_cb);
	return -1;
}

/* A line spatch named in the step's input, as a line of the user's file. */
static unsigned int original_line(const struct step *step, unsigned int line)
{
	const struct file_job *job = step->job;
	unsigned int old = line;
	struct strbuf err;

	if (!step->pipeline || strbuf_equal(&job->original, &step->input))
		return line;
	strbuf_init(&err);
	if (map_line_to_old(job->original.buf, job->original.len,
			    step->input.buf, step->input.len, line, &old,
			    &err) < 0)
		old = line;
	strbuf_release(&err);
	return old;
}

static void take_reports(struct analysis *a, const struct step *step,
			 const struct spatch_result *res)
{
	const struct rule *r = &a->rules->v[step->rule];
	size_t file = step->job->file, i;

	for (i = 0; i < res->nr_reports; i++) {
		const struct report_line *rl = &res->reports[i];
		bool ours = !strcmp(rl->file, step->path);
		enum severity sev;
		const char *msg = split_severity(rl->message, &sev);

		results_add_finding(a->results, ours ? file : NO_FILE,
				    ours ? file_path(a, file) : rl->file,
				    ours ? original_line(step, rl->line)
					 : rl->line,
				    rl->column + 1, sev, msg, r->id);
	}
	for (i = 0; i < res->other_output.nr; i++)
		results_add_problem(a->results, file, step->rule, PROBLEM_NOTE,
				    "%s: spatch said: %s [%s]",
				    file_path(a, file),
				    res->other_output.v[i], r->id);
}

static void take_problems(struct analysis *a, const struct step *step,
			  const struct spatch_result *res)
{
	const struct rule *r = &a->rules->v[step->rule];
	size_t file = step->job->file;
	const char *path = file_path(a, file);

	if (res->nr_parse_errors && res->parse_error_line)
		results_add_problem(a->results, file, step->rule,
				    PROBLEM_UNPARSABLE,
				    "%s:%u: spatch could not parse this file "
				    "[%s]", path,
				    original_line(step, res->parse_error_line),
				    r->id);
	else if (res->nr_parse_errors)
		results_add_problem(a->results, file, step->rule,
				    PROBLEM_UNPARSABLE,
				    "%s: spatch could not parse this file "
				    "[%s]", path, r->id);
	if (res->status == SPATCH_TIMED_OUT)
		results_add_problem(a->results, file, step->rule,
				    PROBLEM_TIMED_OUT,
				    "%s: timed out after %u s [%s]", path,
				    a->cfg->timeout_sec, r->id);
	else if (res->status == SPATCH_FAILED)
		results_add_problem(a->results, file, step->rule,
				    PROBLEM_FAILED, "%s: spatch failed: %s "
				    "[%s]", path, res->failure.buf, r->id);
}

/* Report mode, patch rule: each hunk of its change is a finding. */
static int take_hunks(struct analysis *a, const struct step *step)
{
	const struct rule *r = &a->rules->v[step->rule];
	const struct file_job *job = step->job;
	struct strbuf result, err;
	unsigned int *lines = NULL;
	size_t nr = 0, i;
	int ret = 0;

	strbuf_init(&result);
	strbuf_init(&err);
	if (read_file(step->path, &result, &err) < 0 ||
	    hunk_first_lines(job->original.buf, job->original.len,
			     result.buf, result.len, &lines, &nr, &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		ret = -1;
	}
	for (i = 0; i < nr; i++)
		results_add_finding(a->results, job->file,
				    file_path(a, job->file), lines[i], 1,
				    SEVERITY_WARNING, r->description, r->id);
	free(lines);
	strbuf_release(&err);
	strbuf_release(&result);
	return ret;
}

/* Pipeline: keep spatch's rewrite, or put the input back after a failure. */
static int take_rewrite(struct analysis *a, struct step *step,
			const struct spatch_result *res)
{
	struct file_job *job = step->job;
	struct strbuf err;
	int ret;

	strbuf_init(&err);
	if (res->status == SPATCH_OK)
		ret = read_file(step->path, &job->current, &err);
	else
		ret = write_file(step->path, step->input.buf, step->input.len,
				 &err);
	if (ret < 0)
		strbuf_addstr(a->err, err.buf);
	strbuf_release(&err);
	return ret;
}

static int step_finished(struct child_process *cp, void *data, void *task_cb)
{
	struct analysis *a = data;
	struct step *step = task_cb;
	const struct rule *r = &a->rules->v[step->rule];
	struct spatch_result res;
	int ret = 0;

	if (cp->outcome == CHILD_CANCELLED) {
		end_step(step);
		return 0;
	}
	spatch_result_init(&res);
	spatch_interpret(cp->outcome, cp->status, cp->out.buf, cp->err.buf,
			 step->path, &res);
	take_reports(a, step, &res);
	take_problems(a, step, &res);
	if (step->pipeline)
		ret = take_rewrite(a, step, &res);
	else if (r->run_mode == RULE_MODE_PATCH && res.status == SPATCH_OK)
		ret = take_hunks(a, step);
	spatch_result_release(&res);
	end_step(step);
	return ret;
}

int analyze_files(const struct file_list *files, const struct rule_set *rules,
		  const struct analysis_config *cfg,
		  struct run_results *results, struct strbuf *err)
{
	struct analysis a = {
		.files = files,
		.rules = rules,
		.cfg = cfg,
		.results = results,
		/* Enough open files to keep every slot busy, no more. */
		.max_active = 2 * (size_t)cfg->jobs,
		.err = err,
	};
	struct run_process_parallel_opts opts = {
		.processes = cfg->jobs,
		.timeout_sec = cfg->timeout_sec,
		.get_next_task = get_next_step,
		.start_failure = step_start_failure,
		.task_finished = step_finished,
		.data = &a,
		.interrupted = cfg->interrupted,
	};
	int ret = run_processes_parallel(&opts);
	size_t i;

	for (i = 0; i < a.nr_active; i++)
		free_job(a.active[i]);
	free(a.active);
	if (ret < 0 && !err->len)
		strbuf_addstr(err, "interrupted");
	return ret;
}
