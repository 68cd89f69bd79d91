// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building module directories before and after the rewrite.
 */
#include "verify_build.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "run_command.h"

void build_verdict_release(struct build_verdict *v)
{
	strvec_clear(&v->news);
}

/* ---- diagnostics ------------------------------------------------------- */

static bool has(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle)) != NULL;
}

/* Drop ":LINE" and ":LINE:COL" right after the file name. */
static void add_without_position(struct strbuf *sb, const char *s,
				 size_t len)
{
	const char *colon = memchr(s, ':', len);
	const char *p;

	if (!colon) {
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_add(sb, s, (size_t)(colon - s));
	p = colon;
	while (p < s + len && *p == ':' && p + 1 < s + len &&
	       p[1] >= '0' && p[1] <= '9') {
		p++;
		while (p < s + len && *p >= '0' && *p <= '9')
			p++;
	}
	strbuf_add(sb, p, (size_t)(s + len - p));
}

/* Append line with every "copy/" taken out. */
static void add_without_dir(struct strbuf *sb, const char *line, size_t len,
			    const char *copy)
{
	const char *end = line + len, *hit;
	size_t clen = strlen(copy);

	while ((hit = memmem(line, (size_t)(end - line), copy, clen))) {
		strbuf_add(sb, line, (size_t)(hit - line));
		line = hit + clen;
		if (line < end && *line == '/')
			line++;
	}
	strbuf_add(sb, line, (size_t)(end - line));
}

char *normalize_diagnostic(const char *line, size_t len, const char *copy)
{
	struct strbuf sb, out;

	if (!has(line, len, "warning:") && !has(line, len, "error:") &&
	    !has(line, len, "WARNING:") && !has(line, len, "ERROR:"))
		return NULL;
	/* "make[2]: *** [...] Error 1" says nothing a diagnostic did not. */
	if (!strncmp(line, "make", 4))
		return NULL;
	strbuf_init(&sb);
	strbuf_init(&out);
	add_without_dir(&sb, line, len, copy);
	add_without_position(&out, sb.buf, sb.len);
	strbuf_release(&sb);
	return strbuf_detach(&out, NULL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void diagnostics(const char *out, const char *copy, struct strvec *v)
{
	while (*out) {
		size_t len = strcspn(out, "\n");
		char *d = normalize_diagnostic(out, len, copy);

		if (d)
			strvec_push(v, d);
		free(d);
		out += len + (out[len] ? 1 : 0);
	}
	if (v->nr)
		qsort(v->v, v->nr, sizeof(*v->v), cmp_str);
}

/* after minus before, as multisets (both sorted). */
static void new_diagnostics(const struct strvec *before,
			    const struct strvec *after, struct strvec *news)
{
	size_t i = 0, j = 0;

	while (j < after->nr) {
		int c = i < before->nr ? strcmp(before->v[i], after->v[j]) : 1;

		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			strvec_push(news, after->v[j++]);
		}
	}
}

/* ---- copies -------------------------------------------------------------- */

static bool skip_name(const char *name)
{
	size_t n = strlen(name);

	/* Hidden files (.git, .*.cmd) and what an earlier build left. */
	return name[0] == '.' || (n > 2 && !strcmp(name + n - 2, ".o")) ||
	       (n > 3 && !strcmp(name + n - 3, ".ko"));
}

static int copy_file(const char *from, const char *to, struct strbuf *err)
{
	struct strbuf data;
	int ret;

	strbuf_init(&data);
	ret = read_file(from, &data, err);
	if (!ret)
		ret = write_file(to, data.buf, data.len, err);
	strbuf_release(&data);
	return ret;
}

/* Copy the regular files under from into to (which exists). */
static int copy_tree(const char *from, const char *to, struct strbuf *err)
{
	DIR *d = opendir(from);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		strbuf_addf(err, "%s: %s", from, strerror(errno));
		return -1;
	}
	while (!ret && (de = readdir(d))) {
		char *src, *dst;
		struct stat st;

		if (skip_name(de->d_name))
			continue;
		src = path_join(from, de->d_name);
		dst = path_join(to, de->d_name);
		if (lstat(src, &st) == 0 && S_ISDIR(st.st_mode))
			ret = make_dir(dst, err) < 0 ||
			      copy_tree(src, dst, err) < 0 ? -1 : 0;
		else if (S_ISREG(st.st_mode))
			ret = copy_file(src, dst, err);
		free(src);
		free(dst);
	}
	closedir(d);
	return ret;
}

static bool exists_in(const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	bool ok = access(path, F_OK) == 0;

	free(path);
	return ok;
}

/* Each changed .c file a module, when the directory says nothing. */
static int write_kbuild(const char *copy, const struct series_patch *p,
			const struct file_list *files, struct strbuf *err)
{
	struct strbuf kbuild;
	char *path;
	size_t i;
	int ret;

	if (exists_in(copy, "Kbuild") || exists_in(copy, "Makefile"))
		return 0;
	strbuf_init(&kbuild);
	strbuf_addstr(&kbuild, "# Written by kthreadify --verify-build\n");
	for (i = 0; i < p->nr_files; i++) {
		const char *name = path_basename(files->v[p->files[i]].path);
		size_t n = strlen(name);

		if (n > 2 && !strcmp(name + n - 2, ".c"))
			strbuf_addf(&kbuild, "obj-m += %.*s.o\n", (int)(n - 2),
				    name);
	}
	path = path_join(copy, "Kbuild");
	ret = write_file(path, kbuild.buf, kbuild.len, err);
	free(path);
	strbuf_release(&kbuild);
	return ret;
}

/* scratch/<i>/before and /after: the directory, then the rewrite. */
static int make_copies(const char *scratch, size_t index,
		       const struct series_patch *p,
		       const struct file_list *files,
		       const struct run_results *r, char **before,
		       char **after, struct strbuf *err)
{
	char *base = xasprintf("%s/%zu", scratch, index);
	size_t i;
	int ret = -1;

	*before = path_join(base, "before");
	*after = path_join(base, "after");
	if (make_dir(base, err) < 0 || make_dir(*before, err) < 0 ||
	    make_dir(*after, err) < 0 ||
	    copy_tree(p->dir, *before, err) < 0 ||
	    copy_tree(p->dir, *after, err) < 0)
		goto out;
	for (i = 0; i < p->nr_files; i++) {
		const struct file_result *f = &r->files[p->files[i]];
		char *dst = path_join(*after,
				      path_basename(files->v[p->files[i]].path));

		ret = write_file(dst, f->result, f->result_len, err);
		free(dst);
		if (ret < 0)
			goto out;
	}
	ret = write_kbuild(*before, p, files, err) < 0 ||
	      write_kbuild(*after, p, files, err) < 0 ? -1 : 0;
out:
	free(base);
	return ret;
}

/* ---- builds ----------------------------------------------------------------- */

struct build {
	size_t patch;
	bool after;
	char *dir;
};

struct build_run {
	const struct verify_config *cfg;
	char *env;		/* /usr/bin/env, for LC_ALL=C */
	struct build *builds;
	size_t nr, next;
	/* Per patch: diagnostics and exit status, before [0] and after [1]. */
	struct strvec (*diags)[2];
	int (*status)[2];
	struct strbuf *err;
};

static int build_next(struct child_process *cp, void *data, void **task_cb)
{
	struct build_run *b = data;
	struct build *one;

	if (b->next == b->nr)
		return 0;
	one = &b->builds[b->next++];
	*task_cb = one;
	strvec_push(&cp->args, b->env);
	/* kbuild unexports LC_ALL; LANG decides gcc's quotes. */
	strvec_push(&cp->args, "LC_ALL=C");
	strvec_push(&cp->args, "LANG=C");
	strvec_push(&cp->args, "LC_MESSAGES=C");
	strvec_push(&cp->args, "LC_CTYPE=C");
	strvec_push(&cp->args, "make");
	strvec_push(&cp->args, "-C");
	strvec_push(&cp->args, b->cfg->kdir);
	strvec_pushf(&cp->args, "M=%s", one->dir);
	strvec_push(&cp->args, "W=1");
	strvec_push(&cp->args, "modules");
	return 1;
}

static int build_start_failure(struct child_process *cp, int errnum,
			       void *data, void *task_cb)
{
	struct build_run *b = data;

	(void)task_cb;
	strbuf_addf(b->err, "cannot run %s: %s", cp->args.v[0],
		    strerror(errnum));
	return -1;
}

static int build_finished(struct child_process *cp, void *data,
			  void *task_cb)
{
	struct build_run *b = data;
	struct build *one = task_cb;
	struct strbuf all;

	if (cp->outcome == CHILD_CANCELLED)
		return 0;
	strbuf_init(&all);
	strbuf_addstr(&all, cp->out.buf);
	strbuf_addstr(&all, cp->err.buf);
	diagnostics(all.buf, one->dir, &b->diags[one->patch][one->after]);
	if (cp->outcome == CHILD_TIMED_OUT)
		strvec_pushf(&b->diags[one->patch][one->after],
			     "make: error: timed out after %u s",
			     b->cfg->timeout_sec);
	b->status[one->patch][one->after] =
		cp->outcome == CHILD_EXITED ? cp->status : -1;
	strbuf_release(&all);
	return 0;
}

static void judge(const struct build_run *b, size_t i,
		  struct build_verdict *v)
{
	new_diagnostics(&b->diags[i][0], &b->diags[i][1], &v->news);
	v->broken_before = b->status[i][0] != 0;
	v->worse = v->news.nr ||
		   (b->status[i][0] == 0 && b->status[i][1] != 0);
	if (v->worse && !v->news.nr)
		strvec_push(&v->news, "the build fails after the rewrite");
}

static int run_builds(struct build_run *b, const struct series *s,
		      struct build_verdict *verdicts)
{
	struct run_process_parallel_opts opts = {
		.processes = b->cfg->jobs,
		.timeout_sec = b->cfg->timeout_sec,
		.get_next_task = build_next,
		.start_failure = build_start_failure,
		.task_finished = build_finished,
		.data = b,
		.interrupted = b->cfg->interrupted,
	};
	size_t i;

	if (run_processes_parallel(&opts) < 0) {
		if (!b->err->len)
			strbuf_addstr(b->err, "interrupted");
		return -1;
	}
	for (i = 0; i < s->nr; i++)
		if (!s->v[i].left_out)
			judge(b, i, &verdicts[i]);
	return 0;
}

/* Absolute, since kbuild takes M= from inside KDIR. */
static char *scratch_dir(struct strbuf *err)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/kthreadify-build.XXXXXX",
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
	}
	free(dir);
	return abs;
}

static int check_kdir(const char *kdir, struct strbuf *err)
{
	if (!exists_in(kdir, "Makefile")) {
		strbuf_addf(err, "--verify-build: %s: no kernel build "
			    "directory here (no Makefile)", kdir);
		return -1;
	}
	return 0;
}

int verify_builds(const struct series *s, const struct file_list *files,
		  const struct run_results *r, const struct verify_config *cfg,
		  struct build_verdict *verdicts, struct strbuf *err)
{
	struct build_run b = { cfg, NULL, NULL, 0, 0, NULL, NULL, err };
	char *scratch = NULL;
	size_t i;
	int ret = -1;

	for (i = 0; i < s->nr; i++)
		strvec_init(&verdicts[i].news);
	if (check_kdir(cfg->kdir, err) < 0)
		return -1;
	b.env = search_path("env");
	if (!b.env) {
		strbuf_addstr(err, "--verify-build: env is not in PATH");
		return -1;
	}
	scratch = scratch_dir(err);
	if (!scratch)
		goto out;
	b.builds = xcalloc(2 * s->nr + 1, sizeof(*b.builds));
	b.diags = xcalloc(s->nr + 1, sizeof(*b.diags));
	b.status = xcalloc(s->nr + 1, sizeof(*b.status));
	for (i = 0; i < s->nr; i++) {
		char *before, *after;

		strvec_init(&b.diags[i][0]);
		strvec_init(&b.diags[i][1]);
		if (s->v[i].left_out)
			continue;
		if (make_copies(scratch, i, &s->v[i], files, r, &before,
				&after, err) < 0) {
			free(before);
			free(after);
			goto out;
		}
		b.builds[b.nr++] = (struct build){ i, false, before };
		b.builds[b.nr++] = (struct build){ i, true, after };
	}
	ret = run_builds(&b, s, verdicts);
out:
	for (i = 0; i < b.nr; i++)
		free(b.builds[i].dir);
	for (i = 0; b.diags && i < s->nr; i++) {
		strvec_clear(&b.diags[i][0]);
		strvec_clear(&b.diags[i][1]);
	}
	if (scratch && remove_tree(scratch) < 0)
		fprintf(stderr, "kthreadify: %s: cannot remove the scratch "
			"directory\n", scratch);
	free(scratch);
	free(b.builds);
	free(b.diags);
	free(b.status);
	free(b.env);
	return ret;
}
