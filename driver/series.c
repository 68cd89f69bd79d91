// SPDX-License-Identifier: GPL-2.0-only
/*
 * One patch per driver directory, written like a person would: the
 * subsystem's subject prefix, an imperative summary, a body that says
 * what was wrong and what the patch does, and where it came from.
 */
#include "series.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "output_patch.h"

#define BODY_WIDTH 75
/* What a series says when several rules changed one directory. */
#define SUMMARY_SEVERAL "Convert hand-rolled thread handling to the kthread API"

void series_init(struct series *s)
{
	memset(s, 0, sizeof(*s));
}

void series_release(struct series *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		struct series_patch *p = &s->v[i];

		free(p->dir);
		free(p->files);
		free(p->subject);
		free(p->body);
		free(p->diff);
		free(p->stat);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

size_t series_count(const struct series *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nr; i++)
		n += !s->v[i].left_out;
	return n;
}

static struct series_patch *patch_for_dir(struct series *s, const char *dir)
{
	struct series_patch *p;
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i].dir, dir))
			return &s->v[i];
	s->v = grow_array(s->v, sizeof(*s->v), s->nr + 1, &s->alloc);
	p = &s->v[s->nr++];
	memset(p, 0, sizeof(*p));
	p->dir = xstrdup(dir);
	return p;
}

void series_group(struct series *s, const struct file_list *files,
		  const struct run_results *r)
{
	size_t i;

	/* The file list is sorted by path, so directories come in order. */
	for (i = 0; i < r->nr_files; i++) {
		struct series_patch *p;
		char *dir;

		if (!r->files[i].changed)
			continue;
		dir = path_dirname(files->v[i].path);
		p = patch_for_dir(s, dir);
		free(dir);
		p->files = grow_array(p->files, sizeof(*p->files),
				      p->nr_files + 1, &p->alloc_files);
		p->files[p->nr_files++] = i;
	}
}

/* ---- subject ------------------------------------------------------------ */

char *path_prefix(const char *dir, const char *first_file)
{
	const char *base = path_basename(dir);
	char *parent, *prefix;
	size_t n;

	while (!strncmp(dir, "./", 2))
		dir += 2;
	if (!*dir || !strcmp(dir, ".")) {
		base = path_basename(first_file);
		n = strcspn(base, ".");
		return xstrndup(base, n ? n : strlen(base));
	}
	/* The kernel's habit: drivers/staging/foo is "staging: foo". */
	parent = path_dirname(dir);
	if (!strcmp(path_basename(parent), "staging"))
		prefix = xasprintf("staging: %s", base);
	else
		prefix = xstrdup(base);
	free(parent);
	return prefix;
}

/* The paths of p's files relative to the top, as git log takes them. */
static void top_paths(const struct series_patch *p,
		      const struct series_input *in, struct strvec *paths)
{
	size_t i;

	for (i = 0; i < p->nr_files; i++) {
		char *abs = path_join(in->cwd, in->files->v[p->files[i]].path);
		char *rel = relative_path(abs, in->repo->top);

		strvec_push(paths, rel);
		free(rel);
		free(abs);
	}
}

/* Whether rule pos changed any file of p. */
static bool rule_changed(const struct series_patch *p,
			 const struct series_input *in, size_t pos)
{
	size_t i, j;

	for (i = 0; i < p->nr_files; i++) {
		const struct file_result *f =
			&in->results->files[p->files[i]];

		for (j = 0; j < f->nr_changed_by; j++)
			if (f->changed_by[j] == pos)
				return true;
	}
	return false;
}

static char *make_subject(const struct series_patch *p,
			  const struct series_input *in)
{
	const char *summary = NULL;
	struct strvec paths;
	char *prefix, *subject;
	size_t i;

	for (i = 0; i < in->rules->nr; i++) {
		if (!rule_changed(p, in, i))
			continue;
		summary = summary ? SUMMARY_SEVERAL :
			  in->rules->v[i].description;
	}
	if (!summary || !*summary)
		summary = SUMMARY_SEVERAL;
	strvec_init(&paths);
	top_paths(p, in, &paths);
	prefix = history_prefix(in->repo, &paths);
	if (!prefix)
		prefix = path_prefix(p->dir,
				     in->files->v[p->files[0]].path);
	subject = xasprintf("%s: %s", prefix, summary);
	free(prefix);
	strvec_clear(&paths);
	return subject;
}

/* ---- body ------------------------------------------------------------------ */

/* The /// text after its first line: why the rule exists. */
static const char *explanation(const struct rule *r)
{
	const char *nl = strchr(r->text, '\n');

	return nl ? nl + 1 : "";
}

static bool in_patch(const struct series_patch *p, size_t file)
{
	size_t i;

	for (i = 0; i < p->nr_files; i++)
		if (p->files[i] == file)
			return true;
	return false;
}

/* What the rules reported about the files of p. */
static void add_findings(struct strbuf *sb, const struct series_patch *p,
			 const struct series_input *in)
{
	const struct run_results *r = in->results;
	size_t i;
	bool any = false;

	for (i = 0; i < r->nr_findings; i++) {
		const struct finding *f = &r->findings[i];
		struct strbuf item;

		if (f->file == NO_FILE || !in_patch(p, f->file))
			continue;
		if (!any)
			strbuf_addstr(sb, "\nWhat the rules found:\n\n");
		any = true;
		strbuf_init(&item);
		strbuf_addf(&item, "%s: %s", path_basename(f->path),
			    f->message);
		strbuf_add_wrapped_item(sb, item.buf, BODY_WIDTH);
		strbuf_release(&item);
	}
}

static char *make_body(const struct series_patch *p,
		       const struct series_input *in)
{
	struct strbuf sb;
	size_t i;
	bool first = true;

	strbuf_init(&sb);
	for (i = 0; i < in->rules->nr; i++) {
		if (!rule_changed(p, in, i) || !*explanation(&in->rules->v[i]))
			continue;
		if (!first)
			strbuf_addch(&sb, '\n');
		strbuf_add_wrapped(&sb, explanation(&in->rules->v[i]),
				   BODY_WIDTH);
		first = false;
	}
	add_findings(&sb, p, in);
	strbuf_addch(&sb, '\n');
	for (i = 0; i < in->rules->nr; i++)
		if (rule_changed(p, in, i))
			strbuf_addf(&sb, "Generated by: cocci/%s.cocci\n",
				    in->rules->v[i].id);
	if (in->signoff)
		strbuf_addf(&sb, "Signed-off-by: %s\n", in->signoff);
	return strbuf_detach(&sb, NULL);
}

/* ---- diff ------------------------------------------------------------------ */

static int make_diff(struct series_patch *p, const struct series_input *in,
		     struct strbuf *err)
{
	struct strbuf diff, stat;
	size_t i;
	int ret = 0;

	strbuf_init(&diff);
	strbuf_init(&stat);
	for (i = 0; i < p->nr_files && !ret; i++) {
		const struct file_result *f = &in->results->files[p->files[i]];
		char *abs = path_join(in->cwd, in->files->v[p->files[i]].path);
		char *rel = relative_path(abs, in->repo->top);

		ret = format_patch(&diff, rel, f->original, f->original_len,
				   f->result, f->result_len, err);
		free(rel);
		free(abs);
	}
	if (!ret)
		ret = diff_stat(diff.buf, diff.len, &stat, err);
	p->diff = strbuf_detach(&diff, NULL);
	p->stat = strbuf_detach(&stat, NULL);
	return ret;
}

int series_build(struct series *s, const struct series_input *in,
		 struct strbuf *err)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		struct series_patch *p = &s->v[i];

		p->subject = make_subject(p, in);
		p->body = make_body(p, in);
		if (make_diff(p, in, err) < 0)
			return -1;
	}
	return 0;
}
