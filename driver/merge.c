// SPDX-License-Identifier: GPL-2.0-only
/*
 * Merging the JSON outputs of shards.
 *
 * A run sorts its findings by file, line, column, rule, severity and
 * message, and drops duplicates (results_sort()); each shard's output is
 * sorted that way over its own files, so the merge sorts the union the
 * same way and drops what several shards report (a header two units
 * include).  The objects are printed as they were read.
 */
#include "merge.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "spatch.h"

struct item {
	json_t *obj;
	const char *file;
	json_int_t line;
	json_int_t column;
	const char *rule;
	int severity;
	const char *message;
};

static int cmp_int(json_int_t a, json_int_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (!c)
		c = cmp_int(x->line, y->line);
	if (!c)
		c = cmp_int(x->column, y->column);
	if (!c)
		c = strcmp(x->rule, y->rule);
	if (!c)
		c = cmp_int(x->severity, y->severity);
	if (!c)
		c = strcmp(x->message, y->message);
	return c;
}

/* A finding as --mode=json writes it, or -1. */
static int take_item(json_t *obj, struct item *it)
{
	const char *sev;
	json_t *fix;

	memset(it, 0, sizeof(*it));
	if (json_unpack(obj, "{s:s, s:I, s:I, s:s, s:s, s:s, s:o}",
			"file", &it->file, "line", &it->line,
			"column", &it->column, "rule", &it->rule,
			"severity", &sev, "message", &it->message,
			"fix", &fix) < 0)
		return -1;
	if (!strcmp(sev, severity_name(SEVERITY_WARNING)))
		it->severity = SEVERITY_WARNING;
	else if (!strcmp(sev, severity_name(SEVERITY_ERROR)))
		it->severity = SEVERITY_ERROR;
	else
		return -1;
	if (!json_is_null(fix) && !json_is_string(fix))
		return -1;
	it->obj = obj;
	return 0;
}

int merge_json(const struct strvec *files, FILE *out, struct strbuf *err)
{
	json_t **docs = xcalloc(files->nr + 1, sizeof(*docs));
	struct item *items = NULL;
	size_t nr = 0, alloc = 0, i, j, kept = 0;
	json_t *merged = json_array();
	int ret = 2;

	for (i = 0; i < files->nr; i++) {
		const char *name = files->v[i];
		json_error_t jerr;
		json_t *doc;

		doc = strcmp(name, "-") ?
		      json_load_file(name, 0, &jerr) :
		      json_loadf(stdin, 0, &jerr);
		docs[i] = doc;
		if (!doc) {
			strbuf_addf(err, "%s:%d: %s", name, jerr.line,
				    jerr.text);
			goto out;
		}
		if (!json_is_array(doc)) {
			strbuf_addf(err, "%s: not a JSON array of findings "
				    "(kthreadify --mode=json)", name);
			goto out;
		}
		for (j = 0; j < json_array_size(doc); j++) {
			items = grow_array(items, sizeof(*items), nr + 1,
					   &alloc);
			if (take_item(json_array_get(doc, j), &items[nr]) < 0) {
				strbuf_addf(err, "%s: finding %zu is not one "
					    "kthreadify --mode=json writes",
					    name, j + 1);
				goto out;
			}
			nr++;
		}
	}
	if (nr)
		qsort(items, nr, sizeof(*items), cmp_item);
	for (i = 0; i < nr; i++) {
		if (kept && !cmp_item(&items[kept - 1], &items[i]))
			continue;
		items[kept++] = items[i];
		json_array_append(merged, items[i].obj);
	}
	if (json_dumpf(merged, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0) {
		strbuf_addstr(err, "cannot write the JSON output");
		goto out;
	}
	fputc('\n', out);
	ret = kept ? 1 : 0;
out:
	json_decref(merged);
	for (i = 0; i < files->nr; i++)
		json_decref(docs[i]);
	free(docs);
	free(items);
	return ret;
}

int cmd_merge(int argc, char *const argv[])
{
	struct strvec files;
	struct strbuf err;
	int i, ret;

	strvec_init(&files);
	strbuf_init(&err);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: kthreadify merge FILE...\n\n"
			     "Merge the --mode=json outputs of the shards of "
			     "one run (--shard K/N)\ninto the output of the "
			     "whole run; FILE - is stdin.");
			strvec_clear(&files);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "kthreadify: merge: unknown option "
				"'%s'\n", argv[i]);
			strvec_clear(&files);
			return 2;
		}
		strvec_push(&files, argv[i]);
	}
	if (!files.nr) {
		fputs("kthreadify: merge: no FILE given (the --mode=json "
		      "outputs of the shards)\n", stderr);
		strvec_clear(&files);
		return 2;
	}
	ret = merge_json(&files, stdout, &err);
	if (ret == 2)
		fprintf(stderr, "kthreadify: merge: %s\n", err.buf);
	if (fflush(stdout) || ferror(stdout)) {
		fputs("kthreadify: merge: cannot write to stdout\n", stderr);
		ret = 2;
	}
	strvec_clear(&files);
	strbuf_release(&err);
	return ret;
}
