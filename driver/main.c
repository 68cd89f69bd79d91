// SPDX-License-Identifier: GPL-2.0-only
/*
 * kthreadify: run the kthreadify semantic patches over C files.
 *
 * Wiring only: options, rules, files, spatch, then the analysis and its
 * output.  Every error ends up here as one line and exit status 2.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "analyze_setup.h"
#include "discover.h"
#include "fileio.h"
#include "git_range.h"
#include "git_repo.h"
#include "kernel_version.h"
#include "merge.h"
#include "options.h"
#include "output.h"
#include "output_patch.h"
#include "progress.h"
#include "results.h"
#include "rules.h"
#include "spatch.h"

#ifndef KTHREADIFY_VERSION
#define KTHREADIFY_VERSION "unknown"
#endif

#define EXIT_ERROR 2

/* Set by SIGINT/SIGTERM; the run loop then stops and we clean up. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static void install_signal_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A closed pipe on stdout must not kill us before we clean up. */
	signal(SIGPIPE, SIG_IGN);
}

/* A temporary directory of ours under $TMPDIR, as an absolute path. */
static char *make_scratch_dir(struct strbuf *err)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/kthreadify.XXXXXX",
			      tmp && *tmp ? tmp : "/tmp");
	char *abs;

	if (!mkdtemp(dir)) {
		strbuf_addf(err, "%s: cannot create a scratch directory: %s",
			    dir, strerror(errno));
		free(dir);
		return NULL;
	}
	abs = realpath(dir, NULL);
	if (!abs) {
		strbuf_addf(err, "%s: %s", dir, strerror(errno));
		remove_tree(dir);
	} else if (!path_is_shell_safe(abs)) {
		/* spatch --in-place would lose its rewrites there silently. */
		strbuf_addf(err, "%s: the scratch directory's path holds "
			    "characters spatch cannot take (set TMPDIR to a "
			    "path of letters, digits, '/', '.', '_', '-', "
			    "'+')", abs);
		remove_tree(abs);
		free(abs);
		abs = NULL;
	}
	free(dir);
	return abs;
}

static void remove_scratch_dir(char **scratch)
{
	if (*scratch && remove_tree(*scratch) < 0)
		fprintf(stderr, "kthreadify: %s: cannot remove the scratch "
			"directory\n", *scratch);
	free(*scratch);
	*scratch = NULL;
}

/* A rule that can run in none of this mode's ways would pass silently. */
static void warn_idle_rules(const struct rule_set *rules, enum run_mode mode)
{
	size_t i;

	for (i = 0; i < rules->nr; i++) {
		if (!rules->v[i].selected || rules->v[i].runs)
			continue;
		if (mode == MODE_ORG || mode == MODE_CONTEXT)
			fprintf(stderr, "kthreadify: %s: does not declare "
				"%s: not run\n", rules->v[i].id,
				mode_name(mode));
		else
			fprintf(stderr, "kthreadify: %s: declares neither "
				"report nor patch: not run\n",
				rules->v[i].id);
	}
}

static int error_line(const struct strbuf *err)
{
	fprintf(stderr, "kthreadify: %s\n", err->buf);
	return EXIT_ERROR;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <dir of the executable>/cocci, else <dir>/../share/kthreadify/cocci. */
static char *default_cocci_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *dir, *path;

	if (n <= 0)
		return xstrdup("cocci");
	exe[n] = '\0';
	dir = path_dirname(exe);
	path = path_join(dir, "cocci");
	if (!is_dir(path)) {
		free(path);
		path = path_join(dir, "../share/kthreadify/cocci");
	}
	free(dir);
	return path;
}

static int print_version(unsigned int timeout_sec)
{
	struct strbuf err, line;
	char *spatch;

	printf("kthreadify %s\n", KTHREADIFY_VERSION);
	strbuf_init(&err);
	strbuf_init(&line);
	if (find_spatch(getenv("SPATCH"), &spatch, &err) == 0 &&
	    spatch_version_line(spatch, timeout_sec, &line) == 0)
		printf("%s\n", line.buf);
	free(spatch);
	strbuf_release(&line);
	strbuf_release(&err);
	return 0;
}

static void list_rules(const struct rule_set *rules)
{
	int id_width = 0, modes_width = 0;
	size_t i;

	for (i = 0; i < rules->nr; i++) {
		char *modes = rule_modes_string(rules->v[i].modes);
		int n = (int)strlen(rules->v[i].id);

		if (n > id_width)
			id_width = n;
		n = (int)strlen(modes);
		if (n > modes_width)
			modes_width = n;
		free(modes);
	}
	for (i = 0; i < rules->nr; i++) {
		char *modes = rule_modes_string(rules->v[i].modes);

		printf("%-*s  %-*s  %s\n", id_width, rules->v[i].id,
		       modes_width, modes, rules->v[i].description);
		free(modes);
	}
}

static bool any_rule_runs(const struct rule_set *rules)
{
	size_t i;

	for (i = 0; i < rules->nr; i++)
		if (rules->v[i].runs)
			return true;
	return false;
}

/* --kernel: a version as given, or the version of a kernel directory. */
static int resolve_kernel(const char *arg, char **version,
			  struct strbuf *err)
{
	*version = NULL;
	if (!arg)
		return 0;
	if (kernel_version_is_valid(arg)) {
		*version = xstrdup(arg);
		return 0;
	}
	if (!is_dir(arg)) {
		strbuf_addf(err, "--kernel: '%s' is neither a version (X.Y) "
			    "nor a directory", arg);
		return -1;
	}
	return kernel_version_of_dir(arg, version, err);
}

static bool is_source(const char *path, bool want_headers)
{
	size_t n = strlen(path);

	return n > 2 && path[n - 2] == '.' &&
	       (path[n - 1] == 'c' || (want_headers && path[n - 1] == 'h'));
}

/* The files to analyse: under the PATHs, or those the change touches. */
static int collect_files(const struct options *opts,
			 struct change_set *changes, bool want_headers,
			 struct file_list *files, struct strbuf *err)
{
	struct strvec paths;
	size_t i;
	int ret;

	if (!options_review(opts))
		return discover_files(files, &opts->paths, want_headers, err);
	if ((opts->git_range &&
	     change_set_from_range(changes, opts->git_range, err) < 0) ||
	    (opts->diff_file &&
	     change_set_from_diff_file(changes, opts->diff_file, err) < 0))
		return -1;
	strvec_init(&paths);
	for (i = 0; i < changes->nr; i++)
		if (is_source(changes->v[i].path, want_headers))
			strvec_push(&paths, changes->v[i].path);
	ret = discover_files(files, &paths, want_headers, err);
	strvec_clear(&paths);
	return ret;
}

/* --signoff needs the user's identity: say so before the long part. */
static int check_identity(const struct options *opts, struct strbuf *err)
{
	struct repo_info repo;
	char *who = NULL;

	if (!opts->signoff)
		return 0;
	if (repo_info_open(&repo, err) == 0)
		who = git_identity(&repo, err);
	repo_info_close(&repo);
	free(who);
	return who ? 0 : -1;
}

static int analyze(struct analysis_config *cfg, struct rule_set *rules,
		   const struct file_list *files, struct run_results *results,
		   bool quiet, struct strbuf *err)
{
	struct progress progress;
	char *scratch;
	int ret = 0;

	/* Only for a person watching: a terminal, and not --quiet. */
	progress_init(&progress, stderr, !quiet && is_terminal(stderr));
	cfg->on_progress = progress_update;
	cfg->progress_data = &progress;

	scratch = make_scratch_dir(err);
	if (!scratch)
		return -1;
	cfg->scratch_dir = scratch;
	progress_update(&progress, 0, files->nr, 0);
	if (any_rule_runs(rules) &&
	    (write_builtin_macros(cfg, rules, err) < 0 ||
	     compute_grep_queries(rules, cfg, err) < 0 ||
	     analyze_files(files, rules, cfg, results, err) < 0))
		ret = -1;
	progress_end(&progress);
	cfg->on_progress = NULL;
	cfg->progress_data = NULL;
	if (!ret && interrupted) {
		strbuf_addstr(err, "interrupted");
		ret = -1;
	}
	/* Everything is in memory now. */
	remove_scratch_dir(&scratch);
	return ret;
}

static int run(const struct options *opts, struct rule_set *rules)
{
	struct analysis_config cfg = {
		.mode = opts->mode,
		.jobs = opts->jobs,
		.timeout_sec = opts->timeout_sec,
		.interrupted = &interrupted,
	};
	struct run_state st = {
		.opts = opts,
		.rules = rules,
		.interrupted = &interrupted,
	};
	struct run_results results;
	struct change_set changes;
	struct file_list files;
	struct strbuf err;
	char *spatch = NULL, *kernel = NULL;
	int status = EXIT_ERROR;

	strbuf_init(&err);
	file_list_init(&files);
	change_set_init(&changes);
	run_results_init(&results, 0);
	/*
	 * From the start: a signal while the files are found is answered
	 * like one during the analysis, with nothing written.
	 */
	install_signal_handlers();
	if (!getcwd(st.cwd, sizeof(st.cwd))) {
		strbuf_addstr(&err, "cannot find the current directory");
		goto out;
	}
	if (check_identity(opts, &err) < 0 ||
	    select_rules(rules, &opts->rule_ids, &err) < 0 ||
	    resolve_kernel(opts->kernel, &kernel, &err) < 0 ||
	    collect_files(opts, &changes, plan_rules(rules, opts->mode),
			  &files, &err) < 0 ||
	    find_spatch(getenv("SPATCH"), &spatch, &err) < 0)
		goto out;
	cfg.kernel = kernel;
	cfg.spatch = spatch;
	if (analysis_setup(&cfg, opts, rules, &err) < 0)
		goto out;
	warn_idle_rules(rules, opts->mode);
	if (interrupted) {
		strbuf_addstr(&err, "interrupted");
		goto out;
	}
	run_results_release(&results);
	run_results_init(&results, files.nr);
	if (analyze(&cfg, rules, &files, &results, opts->quiet, &err) < 0)
		goto out;
	st.files = &files;
	st.results = &results;
	st.changes = options_review(opts) ? &changes : NULL;
	st.spatch = spatch;
	status = output_results(&st);
out:
	if (status == EXIT_ERROR && err.len)
		error_line(&err);
	analysis_teardown(&cfg);
	free(spatch);
	free(kernel);
	run_results_release(&results);
	change_set_release(&changes);
	file_list_release(&files);
	strbuf_release(&err);
	return status;
}

int main(int argc, char **argv)
{
	struct options opts;
	struct rule_set rules;
	struct strbuf err;
	char *cocci_dir = NULL;
	int status = EXIT_ERROR;

	if (argc > 1 && !strcmp(argv[1], "merge"))
		return cmd_merge(argc - 1, argv + 1);
	options_init(&opts);
	rule_set_init(&rules);
	strbuf_init(&err);
	diff_lib_init();
	if (parse_options(&opts, argc, argv, &err) < 0) {
		error_line(&err);
		goto out;
	}
	if (opts.action == ACTION_HELP) {
		print_usage(stdout);
		status = 0;
		goto out;
	}
	if (opts.action == ACTION_VERSION) {
		status = print_version(opts.timeout_sec);
		goto out;
	}
	cocci_dir = opts.cocci_dir ? xstrdup(opts.cocci_dir)
				   : default_cocci_dir();
	if (load_rules(&rules, cocci_dir, &err) < 0) {
		error_line(&err);
		goto out;
	}
	if (opts.action == ACTION_LIST_RULES) {
		list_rules(&rules);
		status = 0;
		goto out;
	}
	if (!rules.nr) {
		strbuf_addf(&err, "%s: no .cocci rules in this directory",
			    cocci_dir);
		error_line(&err);
		goto out;
	}
	status = run(&opts, &rules);
	if (fflush(stdout) || ferror(stdout)) {
		fputs("kthreadify: cannot write to stdout\n", stderr);
		status = EXIT_ERROR;
	}
out:
	free(cocci_dir);
	rule_set_release(&rules);
	options_release(&opts);
	strbuf_release(&err);
	diff_lib_shutdown();
	fflush(stdout);
	return status;
}
