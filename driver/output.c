// SPDX-License-Identifier: GPL-2.0-only
/*
 * The output of a run, mode by mode.  Every format lives in its own file;
 * this one picks, and handles what all modes share: order, the review
 * filter, problems, the summary line and the exit status.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply.h"
#include "git_repo.h"
#include "output_json.h"
#include "output_mail.h"
#include "output_mbox.h"
#include "output_passthrough.h"
#include "output_patch.h"
#include "output_report.h"
#include "output_sarif.h"
#include "progress.h"
#include "series.h"
#include "spatch.h"
#include "verify_build.h"

#define EXIT_ERROR 2

static int print_patches(const struct run_state *st, struct strbuf *err)
{
	const struct run_results *r = st->results;
	struct strbuf out;
	size_t i;
	int ret = 0;

	strbuf_init(&out);
	for (i = 0; i < r->nr_files && !ret; i++) {
		const struct file_result *f = &r->files[i];
		char *path;

		if (!f->changed)
			continue;
		path = relative_path(st->files->v[i].path, st->cwd);
		ret = format_patch(&out, path, f->original, f->original_len,
				   f->result, f->result_len, err);
		free(path);
	}
	if (!ret)
		fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return ret;
}

static int apply_results(const struct run_state *st, struct strbuf *err)
{
	const struct run_results *r = st->results;
	struct apply_item *items = xcalloc(r->nr_files, sizeof(*items));
	struct apply_options ao = {
		.backup_suffix = st->opts->backup_suffix,
		.log = stderr,
		.interrupted = st->interrupted,
	};
	size_t i, nr = 0;
	int ret;

	for (i = 0; i < r->nr_files; i++) {
		const struct file_result *f = &r->files[i];

		if (!f->changed)
			continue;
		items[nr].path = st->files->v[i].path;
		items[nr].expected = f->original;
		items[nr].expected_len = f->original_len;
		items[nr].data = f->result;
		items[nr].len = f->result_len;
		nr++;
	}
	ret = apply_changes(items, nr, &ao, err);
	free(items);
	return ret;
}

/* --mode=json and --mode=sarif, on stdout. */
static int print_machine_format(const struct run_state *st, bool successful,
				struct strbuf *err)
{
	struct fix_context ctx = { st->files, st->results, st->rules,
				   st->cwd };
	char *command;
	int ret;

	if (st->opts->mode == MODE_JSON)
		return print_json(stdout, &ctx, err);
	command = options_command_line(st->opts);
	ret = print_sarif(stdout, &ctx, successful, command, err);
	free(command);
	return ret;
}

/* "spatch version 1.1.1 compiled with..." -> "spatch version 1.1.1". */
static char *spatch_version(const struct run_state *st)
{
	struct strbuf line;
	char *cut;

	strbuf_init(&line);
	if (spatch_version_line(st->spatch, st->opts->timeout_sec, &line) < 0) {
		strbuf_release(&line);
		return NULL;
	}
	cut = strstr(line.buf, " compiled");
	if (cut)
		*cut = '\0';
	return strbuf_detach(&line, NULL);
}

static int print_review_mail(const struct run_state *st, struct strbuf *err)
{
	struct fix_context ctx = { st->files, st->results, st->rules,
				   st->cwd };
	struct mail_context m = {
		.fix = &ctx,
		.subject = st->changes ? st->changes->subject : NULL,
		.message_id = st->changes ? st->changes->message_id : NULL,
	};
	char *command = options_command_line(st->opts);
	char *version = st->results->nr_findings ? spatch_version(st) : NULL;
	int ret;

	m.command_line = command;
	m.spatch_version = version;
	ret = print_mail(stdout, &m, err);
	free(version);
	free(command);
	return ret;
}

/* SOURCE_DATE_EPOCH when set (reproducible series), else now. */
static time_t series_date(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (epoch && *epoch) {
		v = strtoll(epoch, &end, 10);
		if (!*end && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

/* The author of the patches: the user when git knows them. */
static char *series_author(const struct repo_info *repo, bool signoff,
			   char **identity, struct strbuf *err)
{
	struct strbuf ignored;
	char *who;

	*identity = NULL;
	if (signoff) {
		*identity = git_identity(repo, err);
		return *identity ? xstrdup(*identity) : NULL;
	}
	strbuf_init(&ignored);
	who = git_identity(repo, &ignored);
	strbuf_release(&ignored);
	return who ? who : xstrdup("kthreadify <kthreadify@invalid>");
}

static int write_patch_series(const struct run_state *st, struct strbuf *err)
{
	struct series_input in = { st->files, st->results, st->rules, NULL,
				   st->cwd, NULL };
	struct mbox_context m = { st->opts->output_dir, NULL,
				  series_date(), NULL, st->rules };
	char *identity = NULL, *from = NULL, *command = NULL;
	struct repo_info repo;
	struct series s;
	int ret = -1;

	series_init(&s);
	if (repo_info_open(&repo, err) < 0)
		return -1;
	from = series_author(&repo, st->opts->signoff, &identity, err);
	if (!from)
		goto out;
	in.repo = &repo;
	in.signoff = identity;
	series_group(&s, st->files, st->results);
	if (series_build(&s, &in, err) < 0)
		goto out;
	command = options_command_line(st->opts);
	m.from = from;
	m.command_line = command;
	ret = write_series(&s, &m, stdout, err);
out:
	free(command);
	free(identity);
	free(from);
	series_release(&s);
	repo_info_close(&repo);
	return ret;
}

/* The output proper; -1 with err set when it could not be made. */
static int print_output(const struct run_state *st, int status,
			struct strbuf *err)
{
	switch (st->opts->mode) {
	case MODE_REPORT:
		print_findings_styled(stdout, st->results, wants_colour(stdout));
		return 0;
	case MODE_PATCH:
		if (print_patches(st, err) < 0)
			return -1;
		fflush(stdout);
		print_findings_styled(stderr, st->results, wants_colour(stderr));
		return 0;
	case MODE_JSON:
	case MODE_SARIF:
		return print_machine_format(st, status != EXIT_ERROR, err);
	case MODE_ORG:
	case MODE_CONTEXT:
		print_passthrough(stdout, st->results);
		return 0;
	case MODE_MAIL:
		return print_review_mail(st, err);
	case MODE_SERIES:
		print_findings_styled(stderr, st->results, wants_colour(stderr));
		return write_patch_series(st, err);
	case MODE_APPLY:
		break;
	}
	print_findings_styled(stderr, st->results, wants_colour(stderr));
	return 0;
}

/* Report one directory's verdict; true when it got worse. */
static bool report_verdict(const struct series_patch *p,
			   const struct build_verdict *v, const char *kdir)
{
	size_t i;

	if (!v->worse) {
		fprintf(stderr, "kthreadify: %s: builds against %s with no new "
			"error or warning%s\n", p->dir, kdir,
			v->broken_before ? " (it did not build before either)"
					 : "");
		return false;
	}
	fprintf(stderr, "kthreadify: %s: the rewrite makes the build against "
		"%s worse; left out:\n", p->dir, kdir);
	for (i = 0; i < v->news.nr; i++)
		fprintf(stderr, "kthreadify: %s:   new: %s\n", p->dir,
			v->news.v[i]);
	return true;
}

/*
 * --verify-build: build every changed directory before and after; the
 * changes of a directory whose build got worse are dropped.  Returns 1
 * when one was, 0 when none, -1 on error.
 */
static int verify_changes(struct run_state *st, struct strbuf *err)
{
	const struct options *opts = st->opts;
	struct verify_config cfg = { opts->verify_kdir, opts->jobs,
				     opts->timeout_sec, st->interrupted };
	struct build_verdict *verdicts;
	struct series s;
	size_t i, j;
	int ret = 0;

	series_init(&s);
	series_group(&s, st->files, st->results);
	verdicts = xcalloc(s.nr + 1, sizeof(*verdicts));
	if (verify_builds(&s, st->files, st->results, &cfg, verdicts,
			  err) < 0)
		ret = -1;
	for (i = 0; i < s.nr && ret >= 0; i++) {
		if (!report_verdict(&s.v[i], &verdicts[i], opts->verify_kdir))
			continue;
		for (j = 0; j < s.v[i].nr_files; j++)
			st->results->files[s.v[i].files[j]].changed = false;
		ret = 1;
	}
	for (i = 0; i < s.nr; i++)
		build_verdict_release(&verdicts[i]);
	free(verdicts);
	series_release(&s);
	return ret;
}

static bool on_changed_line(const struct finding *f, void *data)
{
	return change_set_has_line(data, f->path, f->line);
}

int output_results(struct run_state *st)
{
	const struct options *opts = st->opts;
	struct run_results *r = st->results;
	struct run_summary summary;
	struct strbuf err;
	bool error = false;
	int status, worse = 0;

	strbuf_init(&err);
	results_sort(r);
	if (st->changes)
		results_filter(r, on_changed_line, (void *)st->changes);
	if (opts->verify_kdir) {
		worse = verify_changes(st, &err);
		if (worse < 0) {
			fprintf(stderr, "kthreadify: %s\n", err.buf);
			strbuf_release(&err);
			return EXIT_ERROR;
		}
	}
	results_summarize(r, &summary);
	/* Only the modes that change files count changes as a result. */
	if (!mode_changes_files(opts->mode))
		summary.changed = 0;
	/* A change that breaks the build is an error of the rules. */
	status = results_exit_status(&summary, worse > 0);
	if (print_output(st, status, &err) < 0)
		error = true;
	print_problems(stderr, r);
	if (opts->mode == MODE_APPLY && summary.changed) {
		if (results_exit_status(&summary, false) == EXIT_ERROR)
			fputs("kthreadify: not rewriting any file: the "
			      "analysis is incomplete (use --mode=patch to "
			      "see the changes)\n", stderr);
		else if (apply_results(st, &err) < 0)
			error = true;
	}
	if (error)
		fprintf(stderr, "kthreadify: %s\n", err.buf);
	if (!opts->quiet)
		print_summary(stderr, &summary, opts->mode);
	strbuf_release(&err);
	return error ? EXIT_ERROR : status;
}
