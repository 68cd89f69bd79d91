// SPDX-License-Identifier: GPL-2.0-only
/*
 * --mode=json: a JSON array, one object per finding, with jansson.
 */
#include "output_json.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "output_patch.h"

int finding_fix_diff(const struct finding *f, const struct fix_context *ctx,
		     struct strbuf *out, struct strbuf *err)
{
	const struct file_result *res;
	const struct rule_fix *fix;
	size_t pos = rule_index(ctx->rules, f->rule_id);
	char *path;
	int ret;

	fix = results_find_fix(ctx->results, f->file, pos);
	if (!fix)
		return 0;
	res = &ctx->results->files[f->file];
	path = relative_path(ctx->files->v[f->file].path, ctx->cwd);
	ret = format_patch(out, path, res->original, res->original_len,
			   fix->result, fix->len, err);
	free(path);
	return ret < 0 ? -1 : 1;
}

static json_t *finding_object(const struct finding *f,
			      const struct fix_context *ctx,
			      struct strbuf *err)
{
	struct strbuf diff;
	json_t *obj;
	int have;

	strbuf_init(&diff);
	have = finding_fix_diff(f, ctx, &diff, err);
	if (have < 0) {
		strbuf_release(&diff);
		return NULL;
	}
	obj = json_pack("{s:s, s:s, s:i, s:i, s:s, s:s, s:o}",
			"rule", f->rule_id,
			"file", f->path,
			"line", (json_int_t)f->line,
			"column", (json_int_t)f->column,
			"severity", severity_name(f->severity),
			"message", f->message,
			"fix", have ? json_stringn(diff.buf, diff.len)
				    : json_null());
	strbuf_release(&diff);
	if (!obj)
		strbuf_addf(err, "%s: cannot build a JSON object (not UTF-8?)",
			    f->path);
	return obj;
}

int print_json(FILE *out, const struct fix_context *ctx, struct strbuf *err)
{
	const struct run_results *r = ctx->results;
	json_t *array = json_array();
	size_t i;
	int ret = -1;

	for (i = 0; i < r->nr_findings; i++) {
		json_t *obj = finding_object(&r->findings[i], ctx, err);

		if (!obj || json_array_append_new(array, obj) < 0)
			goto out;
	}
	if (json_dumpf(array, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0) {
		strbuf_addstr(err, "cannot write the JSON output");
		goto out;
	}
	fputc('\n', out);
	ret = 0;
out:
	json_decref(array);
	return ret;
}
