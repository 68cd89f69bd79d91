// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler: turns units x rules into batched spatch runs for
 * run_processes_parallel(), and their output into per-file results.
 *
 * A unit is a file, or the files of a kbuild composite module that spatch
 * must see together (groups.h).  The run goes in three steps:
 *
 *  1. one pass over every file finds the candidates: the words of every
 *     rule's grep query are looked for in one scan per file (wordscan.h),
 *     and a unit is a candidate when a rule's query holds on it; a shard
 *     keeps every N-th candidate unit, and the result cache answers for
 *     the units it knows;
 *  2. the remaining units are opened a window at a time: a unit being
 *     worked on has a scratch directory
 *       orig/NAME   pristine copies that independent runs read;
 *       pipe/NAME   the copies the patch rules rewrite one after another;
 *       rR/NAME     private copies for a patch rule run for its findings
 *                   (rR.M/NAME: member M run again on its own);
 *     copies keep the file's suffix, which spatch looks at, in a name made
 *     safe for the unquoted shell command of spatch --in-place;
 *  3. each (rule, run) has a queue of units; a spatch process takes a
 *     batch from one queue, every unit a group of its own (--file-groups),
 *     so that the rule's semantic patch and Python are set up once for the
 *     batch.  spatch's --timeout ends one group, not the batch; a batch
 *     whose process fails, or that says something naming no group, is run
 *     again group by group (unit by unit, or file by file for a unit that
 *     a file-scope rule gets as a group per file), so no file is lost and
 *     every result names its file.  A unit of several files that a
 *     module-scope rule sees as one group is one group of a batch too:
 *     every group of that batch gets one --timeout per file of its
 *     largest group.
 *
 * A unit's pipeline has at most one spatch run at a time, but for the
 * files of one failed run run again one by one; its independent runs may
 * run side by side with it and each other.
 */
#include "analyze.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fileio.h"
#include "grep_query.h"
#include "groups.h"
#include "output_patch.h"
#include "run_command.h"
#include "scan_index.h"
#include "spatch.h"
#include "wordscan.h"

/* Most units in one spatch process. */
#define MAX_BATCH 32

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

static void setup_of(const struct analysis_config *cfg,
		     struct spatch_setup *setup)
{
	setup->spatch = cfg->spatch;
	setup->python = cfg->python;
	setup->kernel = cfg->kernel;
	setup->timeout_sec = cfg->timeout_sec;
	setup->builtin_macros = cfg->builtin_macros;
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
	struct spatch_setup setup;

	setup_of(q->cfg, &setup);
	for (; q->next < end; q->next++) {
		struct rule *r = &q->rules->v[q->next / NR_SPATCH_MODES];
		unsigned int mode = 1u << (q->next % NR_SPATCH_MODES);
		unsigned int i = spatch_mode_index(mode);
		struct query_task *t;
		char *text;

		if (!(spatch_modes(r) & mode))
			continue;
		/* The cache knows the query of a rule file it has seen. */
		text = cache_get_query(q->cfg->cache, r, mode);
		if (text) {
			grep_query_free(r->query[i]);
			r->query[i] = grep_query_from_parse_cocci(text);
			free(text);
			continue;
		}
		t = xcalloc(1, sizeof(*t));
		t->rule = r;
		t->mode = mode;
		*task_cb = t;
		spatch_build_query_args(&cp->args, &setup, r, mode);
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
	cache_put_query(q->cfg->cache, t->rule, t->mode, cp->out.buf);
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

/* ---- what a rule wants ------------------------------------------------ */

/* The runs of a rule, queue by queue: the pipeline, then those that read
 * the original files, in the order tried. */
static const unsigned int all_runs[] = {
	RUN_PIPELINE, RUN_REPORT, RUN_OWN_PATCH, RUN_CONTEXT, RUN_ORG,
};

#define NR_RUNS (sizeof(all_runs) / sizeof(all_runs[0]))

static size_t run_slot(unsigned int run)
{
	size_t k;

	for (k = 0; k < NR_RUNS && all_runs[k] != run; k++)
		;
	return k;
}

struct words_view {
	const struct word_set *ws;
	bool *const *present;	/* per member */
	const bool *use;	/* per member: whether the rule sees it */
	size_t nr;
};

static bool view_has(const char *word, void *data)
{
	const struct words_view *v = data;
	size_t w = word_set_index(v->ws, word), i;

	if (w == word_set_size(v->ws))
		return true;	/* not scanned for: assume it is there */
	for (i = 0; i < v->nr; i++)
		if (v->use[i] && v->present[i][w])
			return true;
	return false;
}

/*
 * Whether rule r's run wants the members of a unit with these words:
 * headers found by a walk go only to rules that ask for them.  Its
 * Needs: formula must hold too, unless only the query is asked for.
 */
static bool rule_matches(const struct rule *r, unsigned int run,
			 const struct word_set *ws,
			 const struct file_list *files, const size_t *members,
			 bool *const *present, size_t nr, bool with_needs)
{
	unsigned int mode = rule_run_mode(run);
	struct words_view v = { ws, present, NULL, nr };
	bool *use, any = false, ret;
	size_t i;

	if (!(r->runs & run))
		return false;
	use = xcalloc(nr + 1, sizeof(*use));
	for (i = 0; i < nr; i++) {
		const struct source_file *f = &files->v[members[i]];

		use[i] = !(f->is_header && !f->named && !r->include_headers);
		any |= use[i];
	}
	v.use = use;
	ret = any && grep_query_eval(r->query[spatch_mode_index(mode)],
				     view_has, &v);
	if (ret && with_needs && r->needs)
		ret = grep_query_eval(r->needs, view_has, &v);
	free(use);
	return ret;
}

static bool rule_wants(const struct rule *r, unsigned int run,
		       const struct word_set *ws, const struct file_list *files,
		       const size_t *members, bool *const *present, size_t nr)
{
	return rule_matches(r, run, ws, files, members, present, nr, true);
}

/* A rule sees these members of the unit (headers: see rule_wants()). */
static bool rule_sees(const struct rule *r, const struct source_file *f)
{
	return !(f->is_header && !f->named && !r->include_headers);
}

/* ---- units in flight --------------------------------------------------- */

struct member {
	size_t file;
	char *name;		/* of its scratch copies */
	char *orig_copy;
	char *pipe_copy;
	struct strbuf original;
	struct strbuf current;	/* the pipeline's latest result */
	bool *words;		/* words of current */
	bool *orig_words;	/* words of original */
	bool keep_original;
};

struct unit_job {
	size_t unit;
	char *dir;
	struct member *m;
	size_t nr;
	size_t queued;		/* single runs queued or running */
	size_t next_pipeline;	/* next rule to consider for the pipeline */
	bool pipeline_busy;	/* a pipeline step queued or running */
	size_t pipeline_reruns;	/* its pipeline steps run again, not done */
	unsigned int running;
	bool uncacheable;
	/* What the unit added to the results, for the cache. */
	struct cache_record rec;
};

struct queue {
	struct unit_job **v;
	size_t nr;
	size_t alloc;
};

/* One spatch run: a rule's run over a batch of units. */
struct step {
	size_t rule;
	unsigned int run;
	struct unit_job **units;
	size_t nr_units;
	/* Every file given to spatch, with its unit and member. */
	char **paths;
	size_t *group_of;
	size_t *member_of;
	/* The group spatch gets each path in: its unit's, or its own. */
	size_t *spatch_group_of;
	size_t nr_spatch_groups;
	size_t nr_paths;
	struct strbuf *inputs;	/* pipeline: what each path started from */
	char **private_dirs;	/* own patch: per unit, to remove */
	char *groups_file;
	bool rerun;		/* a group of a failed step, run again */
};

struct analysis {
	const struct file_list *files;
	const struct rule_set *rules;
	const struct analysis_config *cfg;
	struct run_results *results;
	struct unit_list units;
	struct word_set *ws;
	size_t *todo;		/* candidate units to run, in order */
	size_t nr_todo;
	size_t next_todo;
	size_t units_done;	/* of nr_todo */
	size_t files_done;
	struct unit_job **active;
	size_t nr_active;
	size_t alloc_active;
	size_t max_active;
	struct queue *queues;	/* rule * NR_RUNS + run slot */
	struct step **reruns;	/* one group of a failed step each: first */
	size_t nr_reruns;
	size_t alloc_reruns;
	size_t nr_steps;	/* for naming group files */
	struct scan_index *scan_index;	/* with the cache; else NULL */
	struct strbuf *err;
};

static const char *file_path(const struct analysis *a, size_t file)
{
	return a->files->v[file].path;
}

static void files_done(struct analysis *a, size_t n)
{
	a->files_done += n;
	if (a->cfg->on_progress)
		a->cfg->on_progress(a->cfg->progress_data, a->files_done,
				    a->files->nr, a->results->nr_findings);
}

static bool *scan_words(const struct analysis *a, const struct strbuf *text)
{
	bool *present = xcalloc(word_set_size(a->ws) + 1, sizeof(*present));

	word_set_scan(a->ws, text->buf, text->len, present);
	return present;
}

static bool *copy_words(const struct analysis *a, const bool *words)
{
	size_t size = (word_set_size(a->ws) + 1) * sizeof(*words);

	return memcpy(xmalloc(size), words, size);
}

static void free_unit_job(struct unit_job *job)
{
	size_t i;

	if (job->dir)
		remove_tree(job->dir);
	free(job->dir);
	for (i = 0; i < job->nr; i++) {
		struct member *m = &job->m[i];

		free(m->name);
		free(m->orig_copy);
		free(m->pipe_copy);
		strbuf_release(&m->original);
		strbuf_release(&m->current);
		free(m->words);
		free(m->orig_words);
	}
	free(job->m);
	cache_record_release(&job->rec);
	free(job);
}

static void free_step(struct step *step)
{
	size_t i;

	for (i = 0; i < step->nr_paths; i++) {
		free(step->paths[i]);
		if (step->inputs)
			strbuf_release(&step->inputs[i]);
	}
	for (i = 0; step->private_dirs && i < step->nr_units; i++) {
		if (step->private_dirs[i])
			remove_tree(step->private_dirs[i]);
		free(step->private_dirs[i]);
	}
	if (step->groups_file)
		unlink(step->groups_file);
	free(step->groups_file);
	free(step->private_dirs);
	free(step->inputs);
	free(step->paths);
	free(step->group_of);
	free(step->member_of);
	free(step->spatch_group_of);
	free(step->units);
	free(step);
}

/* Write content to dir/sub/name; returns that path, NULL with err set. */
static char *make_copy(const char *dir, const char *sub, const char *name,
		       const struct strbuf *content, struct strbuf *err)
{
	char *subdir = path_join(dir, sub);
	char *path = path_join(subdir, name);

	/* The unit's other files may have made it already. */
	if (mkdir(subdir, 0700) < 0 && errno != EEXIST) {
		strbuf_addf(err, "%s: %s", subdir, strerror(errno));
		free(path);
		path = NULL;
	} else if (write_file(path, content->buf, content->len, err) < 0) {
		free(path);
		path = NULL;
	}
	free(subdir);
	return path;
}

/* Scratch names of a unit's members: made safe, and distinct. */
static void name_members(struct unit_job *job, const struct analysis *a)
{
	size_t i, j;

	for (i = 0; i < job->nr; i++) {
		char *name = scratch_copy_name(file_path(a, job->m[i].file));

		for (j = 0; j < i; j++)
			if (!strcmp(job->m[j].name, name)) {
				char *other = xasprintf("k%zu_%s", i, name);

				free(name);
				name = other;
				break;
			}
		job->m[i].name = name;
	}
}

static void queue_push(struct queue *q, struct unit_job *job)
{
	q->v = grow_array(q->v, sizeof(*q->v), q->nr + 1, &q->alloc);
	q->v[q->nr++] = job;
}

static struct queue *queue_of(struct analysis *a, size_t rule,
			      unsigned int run)
{
	return &a->queues[rule * NR_RUNS + run_slot(run)];
}

/*
 * Whether rule's run matches this member on its own: its words as the run
 * will see them (the pipeline's latest result, else the original).
 */
static bool member_matches(const struct analysis *a, const struct member *m,
			   size_t rule, unsigned int run, bool with_needs)
{
	bool *present = run == RUN_PIPELINE ? m->words : m->orig_words;

	return rule_matches(&a->rules->v[rule], run, a->ws, a->files,
			    &m->file, &present, 1, with_needs);
}

static bool member_wants(const struct analysis *a, const struct member *m,
			 size_t rule, unsigned int run)
{
	return member_matches(a, m, rule, run, true);
}

static bool unit_wants(const struct analysis *a, const struct unit_job *job,
		       size_t rule, unsigned int run)
{
	bool **present, ret = false;
	size_t *members, i;

	if (!a->rules->v[rule].module_scope) {
		for (i = 0; i < job->nr && !ret; i++)
			ret = member_wants(a, &job->m[i], rule, run);
		return ret;
	}
	present = xcalloc(job->nr + 1, sizeof(*present));
	members = xcalloc(job->nr + 1, sizeof(*members));
	for (i = 0; i < job->nr; i++) {
		present[i] = job->m[i].words;
		members[i] = job->m[i].file;
	}
	ret = rule_wants(&a->rules->v[rule], run, a->ws, a->files, members,
			 present, job->nr);
	free(members);
	free(present);
	return ret;
}

/* Queue the unit's next pipeline step, if a rule still wants it. */
static void queue_pipeline(struct analysis *a, struct unit_job *job)
{
	while (job->next_pipeline < a->rules->nr) {
		size_t r = job->next_pipeline++;

		if (!unit_wants(a, job, r, RUN_PIPELINE))
			continue;
		job->pipeline_busy = true;
		queue_push(queue_of(a, r, RUN_PIPELINE), job);
		return;
	}
}

/*
 * Read the unit's files, copy them to scratch and queue what the rules
 * want of it.  Returns the job, or NULL with *fatal clear when there is
 * nothing to run after all (or a file could not be read: a problem).
 */
static struct unit_job *open_unit(struct analysis *a, size_t unit, int *fatal)
{
	const struct unit *u = &a->units.v[unit];
	struct unit_job *job = xcalloc(1, sizeof(*job));
	struct strbuf err;
	size_t i, r, k;

	*fatal = 0;
	strbuf_init(&err);
	job->unit = unit;
	job->nr = u->nr;
	job->m = xcalloc(u->nr, sizeof(*job->m));
	cache_record_init(&job->rec);
	for (i = 0; i < u->nr; i++) {
		struct member *m = &job->m[i];

		m->file = u->files[i];
		strbuf_init(&m->original);
		strbuf_init(&m->current);
	}
	for (i = 0; i < u->nr; i++) {
		struct member *m = &job->m[i];

		if (read_source_file(file_path(a, m->file), &m->original,
				     &err) < 0) {
			results_add_problem(a->results, m->file, 0,
					    PROBLEM_FAILED, "%s", err.buf);
			goto skip;
		}
		strbuf_add(&m->current, m->original.buf, m->original.len);
		m->orig_words = scan_words(a, &m->original);
		m->words = copy_words(a, m->orig_words);
	}
	name_members(job, a);
	job->dir = xasprintf("%s/u%zu", a->cfg->scratch_dir, unit);
	if (make_dir(job->dir, &err) < 0)
		goto fail;
	for (i = 0; i < u->nr; i++) {
		struct member *m = &job->m[i];

		m->orig_copy = make_copy(job->dir, "orig", m->name,
					 &m->original, &err);
		if (!m->orig_copy)
			goto fail;
		m->pipe_copy = make_copy(job->dir, "pipe", m->name,
					 &m->original, &err);
		if (!m->pipe_copy)
			goto fail;
	}
	for (r = 0; r < a->rules->nr; r++)
		for (k = 1; k < NR_RUNS; k++)
			if (unit_wants(a, job, r, all_runs[k])) {
				queue_push(queue_of(a, r, all_runs[k]), job);
				job->queued++;
			}
	queue_pipeline(a, job);
	for (i = 0; i < u->nr && (job->queued || job->pipeline_busy); i++)
		a->results->files[u->files[i]].candidate = true;
	strbuf_release(&err);
	return job;
fail:
	strbuf_addstr(a->err, err.buf);
	*fatal = 1;
skip:
	strbuf_release(&err);
	free_unit_job(job);
	return NULL;
}

static bool job_done(const struct unit_job *job)
{
	return !job->running && !job->pipeline_busy && !job->queued;
}

static void remember_finding(struct unit_job *job, struct analysis *a)
{
	cache_record_add(&job->rec, CACHE_FINDING,
			 a->results->nr_findings - 1);
}

/*
 * Keep what the unit added to the results, keyed by the contents it was
 * run on; the file results are complete once the pipeline's are in.
 */
static void store_unit(struct analysis *a, struct unit_job *job)
{
	struct strbuf *texts = xcalloc(job->nr + 1, sizeof(*texts));
	char **results = xcalloc(job->nr + 1, sizeof(*results));
	size_t i;

	for (i = 0; i < job->nr; i++) {
		struct member *m = &job->m[i];
		struct file_result *res = &a->results->files[m->file];

		texts[i] = m->original;
		/* As finish_unit() leaves them: the pipeline's result... */
		if (!strbuf_equal(&m->original, &m->current)) {
			res->changed = true;
			res->result = xstrndup(m->current.buf, m->current.len);
			res->result_len = m->current.len;
			results[i] = res->result;
		}
		/* ...and the original kept for the diffs. */
		if (res->changed || m->keep_original)
			res->original = (char *)"";
	}
	cache_put_unit(a->cfg->cache, a->files, &a->units.v[job->unit], texts,
		       a->results, &job->rec);
	for (i = 0; i < job->nr; i++) {
		struct file_result *res = &a->results->files[job->m[i].file];

		if (results[i]) {
			free(res->result);
			res->result = NULL;
			res->result_len = 0;
			res->changed = false;
		}
		if (res->original && !*res->original)
			res->original = NULL;
	}
	free(results);
	free(texts);
}

/* Hand the pipeline's result over to the results, and drop the job. */
static void finish_unit(struct analysis *a, size_t index)
{
	struct unit_job *job = a->active[index];
	size_t i;

	if (!job->uncacheable && a->cfg->cache)
		store_unit(a, job);
	for (i = 0; i < job->nr; i++) {
		struct member *m = &job->m[i];
		struct file_result *res = &a->results->files[m->file];

		if (!strbuf_equal(&m->original, &m->current)) {
			res->changed = true;
			res->result = strbuf_detach(&m->current,
						    &res->result_len);
			m->keep_original = true;
		}
		if (m->keep_original)
			res->original = strbuf_detach(&m->original,
						      &res->original_len);
	}
	memmove(&a->active[index], &a->active[index + 1],
		(a->nr_active - index - 1) * sizeof(*a->active));
	a->nr_active--;
	a->units_done++;
	files_done(a, job->nr);
	free_unit_job(job);
}

static int open_more(struct analysis *a)
{
	while (a->nr_active < a->max_active && a->next_todo < a->nr_todo) {
		int fatal;
		size_t unit = a->todo[a->next_todo++];
		struct unit_job *job = open_unit(a, unit, &fatal);

		if (fatal)
			return -1;
		if (!job) {
			a->units_done++;
			files_done(a, a->units.v[unit].nr);
			continue;
		}
		a->active = grow_array(a->active, sizeof(*a->active),
				       a->nr_active + 1, &a->alloc_active);
		a->active[a->nr_active++] = job;
		if (job_done(job))
			finish_unit(a, a->nr_active - 1);
	}
	return 0;
}

/* ---- batches ----------------------------------------------------------- */

/* The batch size now: smaller towards the end, so that no worker idles. */
static size_t batch_size(const struct analysis *a)
{
	size_t left = a->nr_todo - a->units_done;
	size_t n = (left + 2 * a->cfg->jobs - 1) / (2 * a->cfg->jobs);

	return n < 1 ? 1 : n > MAX_BATCH ? MAX_BATCH : n;
}

/* How many files spatch gets in the group of the step's path. */
static size_t group_size(const struct step *step, size_t path)
{
	size_t i, n = 0;

	for (i = 0; i < step->nr_paths; i++)
		n += step->spatch_group_of[i] == step->spatch_group_of[path];
	return n;
}

/*
 * spatch's --timeout for every group of the step: a group of several
 * files gets one --timeout per file, and spatch takes one limit for all.
 */
static unsigned int group_timeout(const struct analysis *a,
				  const struct step *step)
{
	size_t i, run = 0, most = 1;

	/* The paths of a group come together. */
	for (i = 0; i < step->nr_paths; i++) {
		run = i && step->spatch_group_of[i] ==
			   step->spatch_group_of[i - 1] ? run + 1 : 1;
		if (run > most)
			most = run;
	}
	return a->cfg->timeout_sec * (unsigned int)most;
}

static void step_add_path(struct step *step, char *path, size_t member,
			  bool new_group)
{
	size_t n = step->nr_paths + 1;

	step->paths = xrealloc(step->paths, n * sizeof(*step->paths));
	step->group_of = xrealloc(step->group_of, n * sizeof(*step->group_of));
	step->member_of = xrealloc(step->member_of,
				   n * sizeof(*step->member_of));
	step->spatch_group_of = xrealloc(step->spatch_group_of,
					 n * sizeof(*step->spatch_group_of));
	if (new_group || !step->nr_spatch_groups)
		step->nr_spatch_groups++;
	step->paths[step->nr_paths] = path;
	step->group_of[step->nr_paths] = step->nr_units - 1;
	step->member_of[step->nr_paths] = member;
	step->spatch_group_of[step->nr_paths] = step->nr_spatch_groups - 1;
	step->nr_paths++;
}

/*
 * Which members of a composite unit a module-scope rule gets (groups.h):
 * not the files of a large module that cannot take part in a pairing.
 */
static bool *module_scope_members(const struct analysis *a,
				  const struct step *step,
				  const struct unit_job *job)
{
	const struct rule *r = &a->rules->v[step->rule];
	unsigned int mode = rule_run_mode(step->run);
	struct member_text *mt = xcalloc(job->nr + 1, sizeof(*mt));
	bool *take = xcalloc(job->nr + 1, sizeof(*take));
	struct strvec calls;
	size_t i;

	strvec_init(&calls);
	grep_query_words(r->query[spatch_mode_index(mode)], &calls);
	for (i = 0; i < job->nr; i++) {
		const struct member *m = &job->m[i];
		const struct strbuf *text = step->run == RUN_PIPELINE ?
					    &m->current : &m->original;

		mt[i].path = file_path(a, m->file);
		mt[i].text = text->buf;
		mt[i].len = text->len;
		mt[i].is_header = a->files->v[m->file].is_header;
		/* The Needs: formula holds on the module, not each file. */
		mt[i].take = rule_sees(r, &a->files->v[m->file]) &&
			     member_matches(a, m, step->rule, step->run, false);
	}
	module_members(mt, job->nr, &calls);
	for (i = 0; i < job->nr; i++)
		take[i] = mt[i].take;
	strvec_clear(&calls);
	free(mt);
	return take;
}

/*
 * Add a unit to a step: the paths spatch gets for it.  With only below
 * job->nr, just that member's.
 */
static int step_add_unit(struct analysis *a, struct step *step,
			 struct unit_job *job, size_t only)
{
	const struct rule *r = &a->rules->v[step->rule];
	size_t i, added = 0, u = step->nr_units++;
	/*
	 * Own patch: the step's private copies.  A member run on its own
	 * gets a directory of its own, since the unit's other members may
	 * be run on their own at the same time.
	 */
	char *sub = only < job->nr ?
		    xasprintf("r%zu.%zu", step->rule, only) :
		    xasprintf("r%zu", step->rule);
	bool *take = r->module_scope && job->nr > 1 && only >= job->nr ?
		     module_scope_members(a, step, job) : NULL;

	step->units = xrealloc(step->units, step->nr_units *
			       sizeof(*step->units));
	step->units[u] = job;
	if (step->run == RUN_OWN_PATCH) {
		step->private_dirs = xrealloc(step->private_dirs,
					      step->nr_units *
					      sizeof(*step->private_dirs));
		step->private_dirs[u] = path_join(job->dir, sub);
	}
	for (i = 0; i < job->nr; i++) {
		struct member *m = &job->m[i];
		char *path;

		if (only < job->nr && i != only)
			continue;
		if (!rule_sees(r, &a->files->v[m->file]))
			continue;
		if (take && !take[i])
			continue;
		/* A file-scope rule skips the members it has no use for. */
		if (!r->module_scope && job->nr > 1 &&
		    !member_wants(a, m, step->rule, step->run))
			continue;
		if (step->run == RUN_OWN_PATCH) {
			path = make_copy(job->dir, sub, m->name, &m->original,
					 a->err);
			if (!path) {
				free(take);
				free(sub);
				return -1;
			}
		} else {
			path = xstrdup(step->run == RUN_PIPELINE ?
				       m->pipe_copy : m->orig_copy);
		}
		step_add_path(step, path, i, !r->module_scope || !added++);
	}
	free(take);
	free(sub);
	return 0;
}

static struct step *new_step(size_t rule, unsigned int run)
{
	struct step *step = xcalloc(1, sizeof(*step));

	step->rule = rule;
	step->run = run;
	return step;
}

/* Pipeline steps remember what each file started from. */
static void step_keep_inputs(struct step *step)
{
	size_t i;

	if (step->run != RUN_PIPELINE)
		return;
	step->inputs = xcalloc(step->nr_paths + 1, sizeof(*step->inputs));
	for (i = 0; i < step->nr_paths; i++) {
		const struct unit_job *job = step->units[step->group_of[i]];

		strbuf_init(&step->inputs[i]);
		strbuf_add(&step->inputs[i],
			   job->m[step->member_of[i]].current.buf,
			   job->m[step->member_of[i]].current.len);
	}
}

/* With several groups, spatch reads them from a file. */
static int write_groups_file(struct analysis *a, struct step *step)
{
	struct strbuf sb, err;
	size_t i;
	int ret = 0;

	if (step->nr_spatch_groups < 2)
		return 0;
	strbuf_init(&sb);
	strbuf_init(&err);
	for (i = 0; i < step->nr_paths; i++) {
		if (i && step->spatch_group_of[i] !=
			 step->spatch_group_of[i - 1])
			strbuf_addch(&sb, '\n');
		strbuf_addf(&sb, "%s\n", step->paths[i]);
	}
	step->groups_file = xasprintf("%s/batch%zu.groups", a->cfg->scratch_dir,
				      a->nr_steps++);
	if (write_file(step->groups_file, sb.buf, sb.len, &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		ret = -1;
	}
	strbuf_release(&sb);
	strbuf_release(&err);
	return ret;
}

/*
 * Take a batch off queue q: up to n units, and no more units once it has
 * MAX_BATCH files (a module-scope rule gets a module's as one group).
 */
static struct step *take_batch(struct analysis *a, size_t qi, size_t n,
			       int *fatal)
{
	struct queue *q = &a->queues[qi];
	struct step *step = new_step(qi / NR_RUNS, all_runs[qi % NR_RUNS]);
	size_t i, kept = 0;

	*fatal = 0;
	/* Their output is one text: it cannot be split by unit. */
	if (step->run == RUN_CONTEXT || step->run == RUN_ORG)
		n = 1;
	for (i = 0; i < q->nr; i++) {
		struct unit_job *job = q->v[i];

		if (step->nr_units < n && step->nr_paths < MAX_BATCH) {
			job->running++;
			if (step->run != RUN_PIPELINE)
				job->queued--;
			if (step_add_unit(a, step, job, job->nr) < 0)
				*fatal = 1;
			continue;
		}
		q->v[kept++] = job;
	}
	q->nr = kept;
	step_keep_inputs(step);
	if (!*fatal && write_groups_file(a, step) < 0)
		*fatal = 1;
	return step;
}

/*
 * The step's units are no longer run by it.  A unit's pipeline goes on
 * once none of its pipeline's groups is still to run again.
 */
static void release_units(struct step *step)
{
	size_t i;

	for (i = 0; i < step->nr_units; i++) {
		struct unit_job *job = step->units[i];

		job->running--;
		if (step->run != RUN_PIPELINE)
			continue;
		if (step->rerun)
			job->pipeline_reruns--;
		if (!job->pipeline_reruns)
			job->pipeline_busy = false;
	}
}

static void end_step(struct analysis *a, struct step *step)
{
	(void)a;
	release_units(step);
	free_step(step);
}

static void start_step(struct analysis *a, struct child_process *cp,
		       struct step *step)
{
	const struct rule *r = &a->rules->v[step->rule];
	struct spatch_setup setup;

	setup_of(a->cfg, &setup);
	setup.timeout_sec = group_timeout(a, step);
	cp->timeout_sec = setup.timeout_sec;
	if (step->nr_spatch_groups > 1)
		/*
		 * spatch times each group out itself; this is the last resort
		 * (a rule's Python that never returns), after which every
		 * unit of the batch runs again alone.  One more timeout for
		 * spatch's start and the semantic patch.
		 */
		cp->timeout_sec = setup.timeout_sec *
				  ((unsigned int)step->nr_spatch_groups + 1);
	spatch_build_args(&cp->args, &setup, r, rule_run_mode(step->run),
			  (const char *const *)step->paths, step->nr_paths,
			  step->groups_file);
}

/* The queue with the most units waiting, or none. */
static size_t fullest_queue(const struct analysis *a)
{
	size_t n = a->rules->nr * NR_RUNS, best = n, i;

	for (i = 0; i < n; i++)
		if (a->queues[i].nr &&
		    (best == n || a->queues[i].nr > a->queues[best].nr))
			best = i;
	return best;
}

static void retire_done_units(struct analysis *a)
{
	size_t i = 0;

	while (i < a->nr_active)
		if (job_done(a->active[i]))
			finish_unit(a, i);
		else
			i++;
}

static int get_next_step(struct child_process *cp, void *data, void **task_cb)
{
	struct analysis *a = data;
	struct step *step;
	size_t qi;
	int fatal;

	retire_done_units(a);
	if (a->nr_reruns) {
		step = a->reruns[0];
		memmove(&a->reruns[0], &a->reruns[1],
			(a->nr_reruns - 1) * sizeof(*a->reruns));
		a->nr_reruns--;
		start_step(a, cp, step);
		*task_cb = step;
		return 1;
	}
	if (open_more(a) < 0)
		return -1;
	qi = fullest_queue(a);
	if (qi == a->rules->nr * NR_RUNS)
		return 0;
	step = take_batch(a, qi, batch_size(a), &fatal);
	if (fatal) {
		end_step(a, step);
		return -1;
	}
	start_step(a, cp, step);
	*task_cb = step;
	return 1;
}

static int step_start_failure(struct child_process *cp, int errnum,
			      void *data, void *task_cb)
{
	struct analysis *a = data;

	strbuf_addf(a->err, "cannot run %s: %s", cp->args.v[0],
		    strerror(errnum));
	end_step(a, task_cb);
	return -1;
}

/* ---- results ------------------------------------------------------------ */

/* A line spatch named in a pipeline input, as a line of the user's file. */
static unsigned int original_line(const struct step *step, size_t path,
				  unsigned int line)
{
	const struct member *m =
		&step->units[step->group_of[path]]->m[step->member_of[path]];
	unsigned int old = line;
	struct strbuf err;

	if (step->run != RUN_PIPELINE ||
	    strbuf_equal(&m->original, &step->inputs[path]))
		return line;
	strbuf_init(&err);
	if (map_line_to_old(m->original.buf, m->original.len,
			    step->inputs[path].buf, step->inputs[path].len,
			    line, &old, &err) < 0)
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

static size_t path_file(const struct step *step, size_t path)
{
	return step->units[step->group_of[path]]->m[step->member_of[path]].file;
}

static void take_reports(struct analysis *a, const struct step *step,
			 size_t path, const struct spatch_result *res)
{
	const struct rule *r = &a->rules->v[step->rule];
	struct unit_job *job = step->units[step->group_of[path]];
	size_t file = path_file(step, path), i;

	for (i = 0; i < res->nr_reports && takes_reports(r, step->run); i++) {
		const struct report_line *rl = &res->reports[i];
		bool ours = !strcmp(rl->file, step->paths[path]);
		enum severity sev;
		const char *msg = split_severity(rl->message, &sev);

		results_add_finding(a->results, ours ? file : NO_FILE,
				    ours ? file_path(a, file) : rl->file,
				    ours ? original_line(step, path, rl->line)
					 : rl->line,
				    rl->column + 1, sev, msg, r->id);
		remember_finding(job, a);
	}
	for (i = 0; i < res->other_output.nr; i++) {
		results_add_problem(a->results, file, step->rule, PROBLEM_NOTE,
				    "%s: spatch said: %s [%s]",
				    file_path(a, file),
				    res->other_output.v[i], r->id);
		cache_record_add(&job->rec, CACHE_PROBLEM,
				 a->results->nr_problems - 1);
	}
}

static void add_problem(struct analysis *a, const struct step *step,
			size_t path, enum problem_kind kind, const char *msg)
{
	struct unit_job *job = step->units[step->group_of[path]];

	results_add_problem(a->results, path_file(step, path), step->rule,
			    kind, "%s", msg);
	cache_record_add(&job->rec, CACHE_PROBLEM,
			 a->results->nr_problems - 1);
	/*
	 * A failed spatch may do better next time (it was killed, ran out
	 * of memory): the next run tries again.  A timeout is kept, keyed
	 * by --timeout: the same file, rules and limit time out again on
	 * the same machine, and a whole tree re-run would otherwise wait
	 * for every such file once more.  A larger --timeout, or
	 * --no-cache, tries again.
	 */
	if (kind == PROBLEM_FAILED)
		job->uncacheable = true;
}

/*
 * The line of the first parse error that lost directives naming one of
 * rule r's keywords or a word of its grep query, or 0.  The others lost
 * macros as opaque to the rule as those of headers, which --no-includes
 * never shows it.
 */
static unsigned int lost_directive_that_matters(const struct rule *r,
						unsigned int run,
						const struct spatch_result *res)
{
	const struct grep_query *q =
		r->query[spatch_mode_index(rule_run_mode(run))];
	unsigned int line = 0;
	struct strvec words;
	size_t e, i;

	if (!res->lost_directives.nr)
		return 0;
	strvec_init(&words);
	for (i = 0; i < r->keywords.nr; i++)
		strvec_push(&words, r->keywords.v[i]);
	if (q)
		grep_query_words(q, &words);
	for (e = 0; e < res->lost_directives.nr && !line; e++) {
		const char *lost = res->lost_directives.v[e];

		for (i = 0; i < words.nr; i++)
			if (text_has_word(lost, strlen(lost), words.v[i]))
				break;
		if (i < words.nr)
			line = res->directive_error_lines[e] ?
			       res->directive_error_lines[e] : 1;
	}
	strvec_clear(&words);
	return line;
}

static void take_problems(struct analysis *a, const struct step *step,
			  size_t path, const struct spatch_result *res)
{
	const struct rule *r = &a->rules->v[step->rule];
	const char *name = file_path(a, path_file(step, path));
	unsigned int timeout = group_timeout(a, step);
	size_t group = group_size(step, path);
	unsigned int error_line = res->parse_error_line;
	bool unparsable = res->nr_parse_errors;
	char *msg = NULL;

	if (!unparsable) {
		error_line = lost_directive_that_matters(r, step->run, res);
		unparsable = error_line;
	}
	if (unparsable && error_line)
		msg = xasprintf("%s:%u: spatch could not parse this file "
				"[%s]", name,
				original_line(step, path, error_line), r->id);
	else if (unparsable)
		msg = xasprintf("%s: spatch could not parse this file [%s]",
				name, r->id);
	if (msg)
		add_problem(a, step, path, PROBLEM_UNPARSABLE, msg);
	free(msg);
	msg = NULL;
	if (res->status == SPATCH_TIMED_OUT && group > 1)
		msg = xasprintf("%s: timed out after %u s, in a group of %zu "
				"files [%s]", name, timeout, group, r->id);
	else if (res->status == SPATCH_TIMED_OUT)
		msg = xasprintf("%s: timed out after %u s [%s]", name, timeout,
				r->id);
	if (msg)
		add_problem(a, step, path, PROBLEM_TIMED_OUT, msg);
	free(msg);
	msg = NULL;
	if (res->status == SPATCH_FAILED) {
		msg = xasprintf("%s: spatch failed: %s [%s]", name,
				res->failure.buf, r->id);
		add_problem(a, step, path, PROBLEM_FAILED, msg);
	}
	free(msg);
}

/* Each hunk of a rule's own change is a finding, at its first line. */
static int take_hunks(struct analysis *a, const struct step *step,
		      size_t path, const struct strbuf *result)
{
	const struct rule *r = &a->rules->v[step->rule];
	struct unit_job *job = step->units[step->group_of[path]];
	const struct member *m = &job->m[step->member_of[path]];
	unsigned int *lines = NULL;
	size_t nr = 0, i;
	struct strbuf err;

	strbuf_init(&err);
	if (hunk_first_lines(m->original.buf, m->original.len, result->buf,
			     result->len, &lines, &nr, &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		strbuf_release(&err);
		return -1;
	}
	for (i = 0; i < nr; i++) {
		results_add_finding(a->results, m->file, file_path(a, m->file),
				    lines[i], 1, SEVERITY_WARNING,
				    r->description, r->id);
		remember_finding(job, a);
	}
	free(lines);
	strbuf_release(&err);
	return 0;
}

/*
 * A rule's own patch: its hunks are the findings of a rule that cannot
 * report, and its result is the fix of the rule's findings in the file.
 */
static int take_own_patch(struct analysis *a, const struct step *step,
			  size_t path)
{
	const struct rule *r = &a->rules->v[step->rule];
	struct unit_job *job = step->units[step->group_of[path]];
	struct member *m = &job->m[step->member_of[path]];
	struct strbuf result, err;
	size_t len;
	int ret = 0;

	strbuf_init(&result);
	strbuf_init(&err);
	if (read_file(step->paths[path], &result, &err) < 0) {
		strbuf_addstr(a->err, err.buf);
		ret = -1;
		goto out;
	}
	if (strbuf_equal(&result, &m->original))
		goto out;
	if (!(r->runs & RUN_REPORT))
		ret = take_hunks(a, step, path, &result);
	m->keep_original = true;
	len = result.len;
	results_add_fix(a->results, m->file, step->rule,
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
 * Context and org output names the scratch copies; the user wants the
 * files as named, and "+++" lines without spatch's temporary file name.
 * Org and context runs go one unit at a time (see take_batch()).
 */
static void take_passthrough(struct analysis *a, const struct step *step,
			     const char *out)
{
	struct unit_job *job = step->units[0];
	size_t first = path_file(step, 0), i;
	struct strbuf sb;

	strbuf_init(&sb);
	while (*out) {
		size_t len = strcspn(out, "\n");
		struct strbuf line;

		strbuf_init(&line);
		strbuf_add(&line, out, len);
		for (i = 0; i < step->nr_paths; i++) {
			struct strbuf next;

			strbuf_init(&next);
			add_replaced(&next, line.buf, line.len,
				     step->paths[i],
				     file_path(a, path_file(step, i)));
			strbuf_release(&line);
			line = next;
		}
		if (step->run == RUN_CONTEXT && !strncmp(out, "+++ ", 4))
			strbuf_addf(&sb, "+++ %s", file_path(a, first));
		else
			strbuf_add(&sb, line.buf, line.len);
		strbuf_release(&line);
		strbuf_addch(&sb, '\n');
		out += len;
		if (*out)
			out++;
	}
	if (sb.len) {
		results_add_output(a->results, first, step->rule, sb.buf);
		cache_record_add(&job->rec, CACHE_OUTPUT,
				 a->results->nr_outputs - 1);
	}
	strbuf_release(&sb);
}

/* Pipeline: keep spatch's rewrite, or put the input back after a failure. */
static int take_rewrite(struct analysis *a, const struct step *step,
			size_t path, const struct spatch_result *res)
{
	struct unit_job *job = step->units[step->group_of[path]];
	struct member *m = &job->m[step->member_of[path]];
	struct strbuf err;
	int ret;

	strbuf_init(&err);
	if (res->status == SPATCH_OK) {
		ret = read_file(step->paths[path], &m->current, &err);
		if (!ret && !strbuf_equal(&m->current, &step->inputs[path])) {
			results_add_changer(a->results, m->file, step->rule);
			free(m->words);
			m->words = scan_words(a, &m->current);
		}
	} else
		ret = write_file(step->paths[path], step->inputs[path].buf,
				 step->inputs[path].len, &err);
	if (ret < 0)
		strbuf_addstr(a->err, err.buf);
	strbuf_release(&err);
	return ret;
}

/*
 * Run every group of a step that could not be split again on its own: a
 * unit of a batch, or a member of a unit that a file-scope rule sees file
 * by file.
 */
static int rerun_alone(struct analysis *a, struct step *step)
{
	size_t u, i, end;
	int fatal = 0;

	/* A batch that wrote some files in place must not count. */
	for (i = 0; i < step->nr_paths && step->inputs; i++)
		if (write_file(step->paths[i], step->inputs[i].buf,
			       step->inputs[i].len, a->err) < 0)
			fatal = 1;
	/*
	 * A rule's own patch: a unit run again makes its copies in the
	 * same private directory, which is the new step's to remove now.
	 * Start it afresh, without what the batch left there.
	 */
	for (u = 0; step->private_dirs && u < step->nr_units; u++) {
		if (!step->private_dirs[u])
			continue;
		remove_tree(step->private_dirs[u]);
		free(step->private_dirs[u]);
		step->private_dirs[u] = NULL;
	}
	/* The paths of a group come together. */
	for (i = 0; i < step->nr_paths; i = end) {
		struct unit_job *job = step->units[step->group_of[i]];
		struct step *one = new_step(step->rule, step->run);
		size_t only = job->nr;

		for (end = i + 1; end < step->nr_paths &&
		     step->spatch_group_of[end] == step->spatch_group_of[i];
		     end++)
			;
		/* A group of one file of a unit of several: that member. */
		if (end - i == 1 && job->nr > 1)
			only = step->member_of[i];
		one->rerun = true;
		job->running++;
		if (step->run == RUN_PIPELINE)
			job->pipeline_reruns++;
		if (step_add_unit(a, one, job, only) < 0)
			fatal = 1;
		step_keep_inputs(one);
		a->reruns = grow_array(a->reruns, sizeof(*a->reruns),
				       a->nr_reruns + 1, &a->alloc_reruns);
		a->reruns[a->nr_reruns++] = one;
	}
	return fatal ? -1 : 0;
}

/*
 * What a step's spatch said, into the results; when the batch could not
 * be split group by group, its groups run again one by one.
 */
static int take_step(struct analysis *a, struct step *step,
		     struct child_process *cp)
{
	struct spatch_result *res;
	size_t i;
	int ret = 0, split;

	res = xcalloc(step->nr_paths + 1, sizeof(*res));
	for (i = 0; i < step->nr_paths; i++)
		spatch_result_init(&res[i]);
	split = spatch_interpret_groups(cp->outcome, cp->status, cp->out.buf,
					cp->err.buf,
					(const char *const *)step->paths,
					step->spatch_group_of, step->nr_paths,
					res);
	if (split < 0 && step->nr_spatch_groups > 1) {
		ret = rerun_alone(a, step);
		goto out;
	}
	if (step->run == RUN_CONTEXT || step->run == RUN_ORG)
		take_passthrough(a, step, cp->out.buf);
	for (i = 0; i < step->nr_paths && !ret; i++) {
		if (step->run != RUN_CONTEXT && step->run != RUN_ORG)
			take_reports(a, step, i, &res[i]);
		take_problems(a, step, i, &res[i]);
		if (step->run == RUN_PIPELINE)
			ret = take_rewrite(a, step, i, &res[i]);
		else if (step->run == RUN_OWN_PATCH &&
			 res[i].status == SPATCH_OK)
			ret = take_own_patch(a, step, i);
	}
out:
	for (i = 0; i < step->nr_paths; i++)
		spatch_result_release(&res[i]);
	free(res);
	return ret;
}

static int step_finished(struct child_process *cp, void *data, void *task_cb)
{
	struct analysis *a = data;
	struct step *step = task_cb;
	size_t u;
	int ret = 0;

	if (cp->outcome != CHILD_CANCELLED)
		ret = take_step(a, step, cp);
	/* Units run again keep their pipeline slot until then. */
	release_units(step);
	free_step(step);
	if (cp->outcome == CHILD_CANCELLED || ret < 0)
		return ret;
	/* The pipeline of each unit goes on with its next rule. */
	for (u = 0; u < a->nr_active; u++) {
		struct unit_job *job = a->active[u];

		if (!job->pipeline_busy && job->next_pipeline < a->rules->nr)
			queue_pipeline(a, job);
	}
	return 0;
}

/* ---- the scan ----------------------------------------------------------- */

static struct word_set *query_words(const struct rule_set *rules)
{
	struct word_set *ws;
	struct strvec words;
	size_t i, k;

	strvec_init(&words);
	for (i = 0; i < rules->nr; i++) {
		for (k = 0; k < NR_SPATCH_MODES; k++)
			if (rules->v[i].query[k])
				grep_query_words(rules->v[i].query[k], &words);
		grep_query_words(rules->v[i].needs, &words);
	}
	ws = word_set_new(&words);
	strvec_clear(&words);
	return ws;
}

enum scan_outcome {
	SCAN_SKIP,		/* no rule wants it, or another shard's */
	SCAN_CACHED,		/* the cache answered */
	SCAN_TODO,		/* to run */
};

/*
 * The words of member i of unit u: from the scan index when the file's
 * stat data says it has not changed (the text stays unread), else from
 * reading it.  Returns -1 when it cannot be read.
 */
static int member_words(struct analysis *a, const struct unit *u, size_t i,
			struct strbuf *text, bool **present)
{
	const char *path = file_path(a, u->files[i]);
	struct strbuf err;
	struct stat st;
	bool indexed = a->scan_index && stat(path, &st) == 0;
	int ret = 0;

	*present = xcalloc(word_set_size(a->ws) + 1, sizeof(**present));
	if (indexed && scan_index_lookup(a->scan_index, path, &st, *present))
		return 0;
	strbuf_init(&err);
	if (read_source_file(path, text, &err) < 0) {
		ret = -1;
	} else {
		word_set_scan(a->ws, text->buf, text->len, *present);
		if (indexed)
			scan_index_update(a->scan_index, path, &st, *present);
	}
	strbuf_release(&err);
	return ret;
}

/*
 * Read the members the index answered for (their text is empty): the
 * cache keys their text.
 */
static int read_unread(struct analysis *a, const struct unit *u,
		       struct strbuf *text)
{
	struct strbuf err;
	size_t i;
	int ret = 0;

	strbuf_init(&err);
	for (i = 0; i < u->nr && !ret; i++)
		if (!text[i].len)
			ret = read_source_file(file_path(a, u->files[i]),
					       &text[i], &err);
	strbuf_release(&err);
	return ret;
}

/*
 * Whether any rule wants the unit, from one read of its files (or none,
 * when the scan index knows them); *nth counts the candidates, for the
 * shards; on a cache hit the cache's answer goes into the results and the
 * unit needs no run.
 */
static enum scan_outcome scan_unit(struct analysis *a, size_t unit,
				   size_t *nth)
{
	const struct unit *u = &a->units.v[unit];
	bool **present = xcalloc(u->nr + 1, sizeof(*present));
	struct strbuf *text = xcalloc(u->nr + 1, sizeof(*text));
	enum scan_outcome ret = SCAN_SKIP;
	bool candidate = false;
	size_t i, r, k;

	for (i = 0; i < u->nr; i++)
		strbuf_init(&text[i]);
	for (i = 0; i < u->nr && !candidate; i++) {
		/* Unreadable: open_unit() reads it again and says why. */
		if (member_words(a, u, i, &text[i], &present[i]) < 0)
			candidate = true;
	}
	if (candidate)
		goto decided;
	for (r = 0; r < a->rules->nr && !candidate; r++)
		for (k = 0; k < NR_RUNS && !candidate; k++)
			candidate = rule_wants(&a->rules->v[r], all_runs[k],
					       a->ws, a->files, u->files,
					       present, u->nr);
	if (candidate && a->cfg->shard_count &&
	    (*nth)++ % a->cfg->shard_count != a->cfg->shard_index)
		goto out;
	if (candidate && a->cfg->cache) {
		if (read_unread(a, u, text) < 0)
			goto decided;
		if (cache_get_unit(a->cfg->cache, a->files, u,
				   (const struct strbuf *)text,
				   a->results) == 1) {
			for (i = 0; i < u->nr; i++)
				a->results->files[u->files[i]].candidate =
					true;
			ret = SCAN_CACHED;
			goto out;
		}
	}
decided:
	if (candidate)
		ret = SCAN_TODO;
out:
	for (i = 0; i < u->nr; i++) {
		strbuf_release(&text[i]);
		free(present[i]);
	}
	free(text);
	free(present);
	return ret;
}

struct unit_weight {
	size_t unit;
	off_t bytes;
};

static int cmp_heavier(const void *x, const void *y)
{
	const struct unit_weight *a = x, *b = y;

	if (a->bytes != b->bytes)
		return a->bytes < b->bytes ? 1 : -1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/*
 * The units to run, the largest first: spatch's time grows with the code
 * it gets, and a large module started last keeps one worker busy while
 * the others idle.  The output does not depend on the order.
 */
static void largest_first(struct analysis *a)
{
	struct unit_weight *w = xcalloc(a->nr_todo + 1, sizeof(*w));
	size_t i, k;

	for (i = 0; i < a->nr_todo; i++) {
		const struct unit *u = &a->units.v[a->todo[i]];

		w[i].unit = a->todo[i];
		for (k = 0; k < u->nr; k++)
			w[i].bytes += a->files->v[u->files[k]].size;
	}
	qsort(w, a->nr_todo, sizeof(*w), cmp_heavier);
	for (i = 0; i < a->nr_todo; i++)
		a->todo[i] = w[i].unit;
	free(w);
}

static int scan_units(struct analysis *a)
{
	size_t i, nth = 0;
	int ret = 0;

	a->todo = xcalloc(a->units.nr + 1, sizeof(*a->todo));
	if (a->cfg->cache)
		a->scan_index = cache_open_scan_index(a->cfg->cache,
						      word_set_size(a->ws));
	for (i = 0; i < a->units.nr; i++) {
		if (a->cfg->interrupted && *a->cfg->interrupted) {
			ret = -1;
			break;
		}
		if (scan_unit(a, i, &nth) == SCAN_TODO) {
			a->todo[a->nr_todo++] = i;
			continue;
		}
		files_done(a, a->units.v[i].nr);
	}
	if (a->scan_index)
		cache_save_scan_index(a->cfg->cache, a->scan_index);
	a->scan_index = NULL;
	return ret;
}

static bool rules_want_headers(const struct rule_set *rules)
{
	size_t i;

	for (i = 0; i < rules->nr; i++)
		if (rules->v[i].runs && rules->v[i].include_headers)
			return true;
	return false;
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
		/*
		 * Enough open units that every rule's queue fills whole batches:
		 * each spatch process pays for its rule's setup once.
		 */
		.max_active = 8 * (size_t)cfg->jobs * MAX_BATCH,
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
	size_t i;
	int ret = -1;

	unit_list_init(&a.units);
	a.queues = xcalloc(rules->nr * NR_RUNS + 1, sizeof(*a.queues));
	a.ws = query_words(rules);
	if (make_units(files, rules_want_headers(rules), &a.units, err) < 0)
		goto out;
	if (scan_units(&a) < 0)
		goto out;
	largest_first(&a);
	ret = run_processes_parallel(&opts);
out:
	for (i = 0; i < a.nr_reruns; i++)
		free_step(a.reruns[i]);
	free(a.reruns);
	for (i = 0; i < a.nr_active; i++)
		free_unit_job(a.active[i]);
	free(a.active);
	for (i = 0; i < rules->nr * NR_RUNS; i++)
		free(a.queues[i].v);
	free(a.queues);
	free(a.todo);
	word_set_free(a.ws);
	unit_list_release(&a.units);
	if (ret < 0 && !err->len)
		strbuf_addstr(err, "interrupted");
	return ret;
}
