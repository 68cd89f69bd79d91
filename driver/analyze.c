// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler: turns files x rules into spatch runs for
 * run_processes_parallel(), and their output into results.
 *
 * Each file being worked on is a job with a scratch directory:
 *   orig/NAME   a pristine copy that independent runs read;
 *   pipe/NAME   the copy the patch rules rewrite one after another;
 *   R/NAME      a private copy for a patch rule run for its findings.
 * Copies keep the file's suffix, which spatch looks at, in a name made
 * safe for the unquoted shell command of spatch --in-place.
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

/* The runs a rule gets in mode, from the modes it declares. */
static unsigned int plan_runs(unsigned int modes, enum run_mode mode)
{
	unsigned int runs = 0;
	bool patch = modes & RULE_MODE_PATCH, report = modes & RULE_MODE_REPORT;

	switch (mode) {
	case MODE_REPORT:
		return report ? RUN_REPORT : patch ? RUN_OWN_PATCH : 0;
	case MODE_PATCH:
	case MODE_APPLY:
		return patch ? RUN_PIPELINE : report ? RUN_REPORT : 0;
	case MODE_SERIES:
	case MODE_MAIL:
		/* The reports name what the rewrite is about. */
		if (patch)
			runs |= RUN_PIPELINE;
		if (report)
			runs |= RUN_REPORT;
		return runs;
	case MODE_JSON:
	case MODE_SARIF:
		if (report)
			runs |= RUN_REPORT;
		if (patch)
			runs |= RUN_OWN_PATCH;
		return runs;
	case MODE_ORG:
		return modes & RULE_MODE_ORG ? RUN_ORG : 0;
	case MODE_CONTEXT:
		return modes & RULE_MODE_CONTEXT ? RUN_CONTEXT : 0;
	}
	return 0;
}

bool plan_rules(struct rule_set *rules, enum run_mode mode)
{
	bool want_headers = false;
	size_t i;

	for (i = 0; i < rules->nr; i++) {
		struct rule *r = &rules->v[i];

		r->runs = r->selected ? plan_runs(r->modes, mode) : 0;
		if (r->runs && r->include_headers)
			want_headers = true;
	}
	return want_headers;
}

/* ---- grep queries ---------------------------------------------------- */

struct query_run {
	struct rule_set *rules;
	const struct analysis_config *cfg;
	size_t next;		/* rule * NR_SPATCH_MODES + mode index */
	struct strbuf *err;
};

struct query_task {
	struct rule *rule;
	unsigned int mode;
};

/* The spatch modes a rule runs in, as RULE_MODE_* bits. */
static unsigned int spatch_modes(const struct rule *r)
{
	static const unsigned int runs[] = {
		RUN_PIPELINE, RUN_REPORT, RUN_OWN_PATCH, RUN_CONTEXT, RUN_ORG,
	};
	unsigned int modes = 0;
	size_t i;

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++)
		if (r->runs & runs[i])
			modes |= rule_run_mode(runs[i]);
	return modes;
}

static int query_next(struct child_process *cp, void *data, void **task_cb)
{
	struct query_run *q = data;
	size_t end = q->rules->nr * NR_SPATCH_MODES;

	for (; q->next < end; q->next++) {
		struct rule *r = &q->rules->v[q->next / NR_SPATCH_MODES];
		unsigned int mode = 1u << (q->next % NR_SPATCH_MODES);
		struct query_task *t;

		if (!(spatch_modes(r) & mode))
			continue;
		t = xcalloc(1, sizeof(*t));
		t->rule = r;
		t->mode = mode;
		*task_cb = t;
		spatch_build_query_args(&cp->args, q->cfg->spatch, r, mode);
		q->next++;
		return 1;
	}
	return 0;
}

static int query_start_failure(struct child_process *cp, int errnum,
			       void *data, void *task_cb)
{
	struct query_run *q = data;

	free(task_cb);
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

static void describe_query_failure(const struct child_process *cp,
				   const struct query_run *q,
				   const struct query_task *t)
{
	const char *line;
	int len = 0;

	line = first_line_of(&cp->err, &len);
	if (cp->outcome == CHILD_TIMED_OUT)
		strbuf_addf(q->err, "%s: spatch --parse-cocci timed out after "
			    "%u s", t->rule->path, q->cfg->timeout_sec);
	else
		strbuf_addf(q->err, "%s: spatch -D %s --parse-cocci failed "
			    "(%s %d): %.*s", t->rule->path,
			    spatch_mode_name(t->mode),
			    cp->outcome == CHILD_SIGNALED ? "signal" :
			    "exit status", cp->status, len, line);
}

static int query_finished(struct child_process *cp, void *data,
			  void *task_cb)
{
	struct query_run *q = data;
	struct query_task *t = task_cb;
	unsigned int i = spatch_mode_index(t->mode);
	int ret = 0;

	if (cp->outcome == CHILD_CANCELLED)
		goto out;
	if (cp->outcome != CHILD_EXITED || cp->status) {
		if (!q->err->len)
			describe_query_failure(cp, q, t);
		ret = -1;
		goto out;
	}
	grep_query_free(t->rule->query[i]);
	t->rule->query[i] = grep_query_from_parse_cocci(cp->out.buf);
out:
	free(t);
	return ret;
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

/* The runs of a rule that read the original file, in the order tried. */
static const unsigned int single_runs[] = {
	RUN_REPORT, RUN_OWN_PATCH, RUN_CONTEXT, RUN_ORG,
};

#define NR_SINGLE_RUNS (sizeof(single_runs) / sizeof(single_runs[0]))

struct file_job {
	size_t file;
	char *dir;
	char *orig_copy;
	char *pipe_copy;
	struct strbuf original;
	struct strbuf current;	/* the pipeline's latest result */
	size_t next_single;	/* rule * NR_SINGLE_RUNS + run index */
	size_t next_pipeline;	/* next rule to consider for the pipeline */
	bool pipeline_busy;
	bool keep_original;	/* a rule's own patch changed the file */
	unsigned int running;
};

struct step {
	struct file_job *job;
	size_t rule;
	unsigned int run;	/* one enum rule_run bit */
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
	size_t files_done;
	struct file_job **active;
	size_t nr_active;
	size_t alloc_active;
	size_t max_active;
	struct strbuf *err;
};

static bool rule_wants(const struct rule *r, unsigned int run,
		       const struct source_file *f,
		       const struct strbuf *content)
{
	unsigned int mode = rule_run_mode(run);

	if (!(r->runs & run))
		return false;
	/* Headers found by a walk go only to rules that ask for them. */
	if (f->is_header && !f->named && !r->include_headers)
		return false;
	return grep_query_matches(r->query[spatch_mode_index(mode)],
				  content->buf, content->len);
}

static const char *file_path(const struct analysis *a, size_t file)
{
	return a->files->v[file].path;
}

static void file_done(struct analysis *a)
{
	a->files_done++;
	if (a->cfg->on_progress)
		a->cfg->on_progress(a->cfg->progress_data, a->files_done,
				    a->files->nr, a->results->nr_findings);
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
	size_t i, k;

	for (i = 0; i < a->rules->nr; i++) {
		const struct rule *r = &a->rules->v[i];

		if (rule_wants(r, RUN_PIPELINE, f, &job->original))
			return true;
		for (k = 0; k < NR_SINGLE_RUNS; k++)
			if (rule_wants(r, single_runs[k], f, &job->original))
				return true;
	}
	return false;
}

/*
 * Read the next file and set up its job; NULL with *fatal clear when it
 * needs no spatch run (or could not be read: a problem, not fatal).
 */
static struct file_job *open_job(struct analysis *a, size_t file, int *fatal)
{
	struct file_job *job = xcalloc(1, sizeof(*job));
	char *name = scratch_copy_name(file_path(a, file));
	struct strbuf err;

	*fatal = 0;
	strbuf_init(&err);
	job->file = file;
	strbuf_init(&job->original);
	strbuf_init(&job->current);
	if (read_source_file(file_path(a, file), &job->original, &err) < 0) {
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
	free(name);
	return job;
fail:
	strbuf_addstr(a->err, err.buf);
	*fatal = 1;
skip:
	strbuf_release(&err);
	free(name);
	free_job(job);
	return NULL;
}

static struct step *new_step(struct file_job *job, size_t rule,
			     unsigned int run)
{
	struct step *step = xcalloc(1, sizeof(*step));

	step->job = job;
	step->rule = rule;
	step->run = run;
	strbuf_init(&step->input);
	return step;
}

/* A rule's own patch run rewrites a private copy of the original. */
static struct step *own_patch_step(struct analysis *a, struct file_job *job,
				   size_t rule, int *fatal)
{
	const struct source_file *f = &a->files->v[job->file];
	struct step *step = new_step(job, rule, RUN_OWN_PATCH);
	char *sub = xasprintf("r%zu", rule);
	char *name = scratch_copy_name(f->path);

	step->path = make_copy(job, sub, name, &job->original, a->err);
	step->private_dir = path_join(job->dir, sub);
	free(name);
	free(sub);
	if (!step->path) {
		*fatal = 1;
		free_step(step);
		return NULL;
	}
	return step;
}

/* An independent run of the next rule that wants the original file. */
static struct step *next_single_step(struct analysis *a, struct file_job *job,
				     int *fatal)
{
	const struct source_file *f = &a->files->v[job->file];
	size_t end = a->rules->nr * NR_SINGLE_RUNS;

	while (job->next_single < end) {
		size_t i = job->next_single / NR_SINGLE_RUNS;
		unsigned int run = single_runs[job->next_single % NR_SINGLE_RUNS];
		struct step *step;

		job->next_single++;
		if (!rule_wants(&a->rules->v[i], run, f, &job->original))
			continue;
		if (run == RUN_OWN_PATCH)
			return own_patch_step(a, job, i, fatal);
		step = new_step(job, i, run);
		step->path = xstrdup(job->orig_copy);
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

		if (!rule_wants(r, RUN_PIPELINE, f, &job->current))
			continue;
		a->results->files[job->file].candidate = true;
		step = new_step(job, i, RUN_PIPELINE);
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
	       job->next_single == a->rules->nr * NR_SINGLE_RUNS &&
	       job->next_pipeline == a->rules->nr;
}

/* Hand the pipeline's result over to the results, and drop the job. */
static void finish_job(struct analysis *a, size_t index)
{
	struct file_job *job = a->active[index];
	struct file_result *res = &a->results->files[job->file];

	if (!strbuf_equal(&job->original, &job->current)) {
		res->changed = true;
		res->result = strbuf_detach(&job->current, &res->result_len);
		job->keep_original = true;
	}
	if (job->keep_original)
		res->original = strbuf_detach(&job->original,
					      &res->original_len);
	free_job(job);
	memmove(&a->active[index], &a->active[index + 1],
		(a->nr_active - index - 1) * sizeof(*a->active));
	a->nr_active--;
	file_done(a);
}

static int add_job(struct analysis *a)
{
	while (a->next_file < a->files->nr) {
		int fatal;
		struct file_job *job = open_job(a, a->next_file++, &fatal);

		if (fatal)
			return -1;
		if (!job) {
			file_done(a);
			continue;
		}
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
					  rule_run_mode(step->run),
					  a->cfg->kernel, a->cfg->timeout_sec,
					  step->path);
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
	if (step->run == RUN_PIPELINE)
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

	if (step->run != RUN_PIPELINE ||
	    strbuf_equal(&job->original, &step->input))
		return line;
	strbuf_init(&err);
	if (map_line_to_old(job->original.buf, job->original.len,
			    step->input.buf, step->input.len, line, &old,
			    &err) < 0)
		old = line;
	strbuf_release(&err);
	return old;
}

/*
 * Reports of a patch run are findings unless the rule also runs with
 * -D report, whose reports say it all.
 */
static bool takes_reports(const struct rule *r, unsigned int run)
{
	if (run == RUN_CONTEXT || run == RUN_ORG)
		return false;
	return run == RUN_REPORT || !(r->runs & RUN_REPORT);
}

static void take_reports(struct analysis *a, const struct step *step,
			 const struct spatch_result *res)
{
	const struct rule *r = &a->rules->v[step->rule];
	size_t file = step->job->file, i;

	for (i = 0; i < res->nr_reports && takes_reports(r, step->run); i++) {
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

/* Each hunk of a rule's own change is a finding, at its first line. */
static int take_hunks(struct analysis *a, const struct step *step,
		      const struct strbuf *result)
{
	const struct rule *r = &a->rules->v[step->rule];
	const struct file_job *job = step->job;
	unsigned int *lines = NULL;
	size_t nr = 0, i;
	struct strbuf err;

	strbuf_init(&err);
	if (hunk_first_lines(job->original.buf, job->original.len,
			     result->buf, result->len, &lines, &nr,
			     &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		strbuf_release(&err);
		return -1;
	}
	for (i = 0; i < nr; i++)
		results_add_finding(a->results, job->file,
				    file_path(a, job->file), lines[i], 1,
				    SEVERITY_WARNING, r->description, r->id);
	free(lines);
	strbuf_release(&err);
	return 0;
}

/*
 * A rule's own patch: its hunks are the findings of a rule that cannot
 * report, and its result is the fix of the rule's findings in the file.
 */
static int take_own_patch(struct analysis *a, struct step *step)
{
	const struct rule *r = &a->rules->v[step->rule];
	struct file_job *job = step->job;
	struct strbuf result, err;
	size_t len;
	int ret = 0;

	strbuf_init(&result);
	strbuf_init(&err);
	if (read_file(step->path, &result, &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		ret = -1;
		goto out;
	}
	if (strbuf_equal(&result, &job->original))
		goto out;
	if (!(r->runs & RUN_REPORT))
		ret = take_hunks(a, step, &result);
	job->keep_original = true;
	len = result.len;
	results_add_fix(a->results, job->file, step->rule,
			strbuf_detach(&result, NULL), len);
out:
	strbuf_release(&result);
	strbuf_release(&err);
	return ret;
}

/* Append line (len bytes) to sb with every "from" replaced by "to". */
static void add_replaced(struct strbuf *sb, const char *line, size_t len,
			 const char *from, const char *to)
{
	size_t flen = strlen(from);
	const char *hit;

	while ((hit = memmem(line, len, from, flen))) {
		strbuf_add(sb, line, (size_t)(hit - line));
		strbuf_addstr(sb, to);
		len -= (size_t)(hit - line) + flen;
		line = hit + flen;
	}
	strbuf_add(sb, line, len);
}

/*
 * Context and org output names the scratch copy; the user wants the file
 * as named, and a "+++" line without spatch's temporary file name.
 */
static void take_passthrough(struct analysis *a, const struct step *step,
			     const char *out)
{
	const char *path = file_path(a, step->job->file);
	struct strbuf sb;

	strbuf_init(&sb);
	while (*out) {
		size_t len = strcspn(out, "\n");

		if (step->run == RUN_CONTEXT && !strncmp(out, "+++ ", 4))
			strbuf_addf(&sb, "+++ %s", path);
		else
			add_replaced(&sb, out, len, step->path, path);
		strbuf_addch(&sb, '\n');
		out += len;
		if (*out)
			out++;
	}
	if (sb.len)
		results_add_output(a->results, step->job->file, step->rule,
				   sb.buf);
	strbuf_release(&sb);
}

/* Pipeline: keep spatch's rewrite, or put the input back after a failure. */
static int take_rewrite(struct analysis *a, struct step *step,
			const struct spatch_result *res)
{
	struct file_job *job = step->job;
	struct strbuf err;
	int ret;

	strbuf_init(&err);
	if (res->status == SPATCH_OK) {
		ret = read_file(step->path, &job->current, &err);
		if (!ret && !strbuf_equal(&job->current, &step->input))
			results_add_changer(a->results, job->file,
					    step->rule);
	} else
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
	struct spatch_result res;
	int ret = 0;

	if (cp->outcome == CHILD_CANCELLED) {
		end_step(step);
		return 0;
	}
	spatch_result_init(&res);
	spatch_interpret(cp->outcome, cp->status, cp->out.buf, cp->err.buf,
			 step->path, &res);
	if (step->run == RUN_CONTEXT || step->run == RUN_ORG)
		take_passthrough(a, step, cp->out.buf);
	else
		take_reports(a, step, &res);
	take_problems(a, step, &res);
	if (step->run == RUN_PIPELINE)
		ret = take_rewrite(a, step, &res);
	else if (step->run == RUN_OWN_PATCH && res.status == SPATCH_OK)
		ret = take_own_patch(a, step);
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
