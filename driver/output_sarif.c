// SPDX-License-Identifier: GPL-2.0-only
/*
 * --mode=sarif: a SARIF 2.1.0 log with jansson.
 *
 * A finding's partialFingerprints must survive unrelated edits, so they
 * hash no line number: the rule id, the path, the flagged line's text with
 * its blanks squeezed, and how many findings of the same rule in the same
 * file flag the same text before this one.
 */
#include "output_sarif.h"

#include <ctype.h>
#include <git2.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "output_patch.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "kthreadify/v1"

/* The text of line (1-based) of text, blanks squeezed, trimmed. */
static void normalized_line(const char *text, unsigned int line,
			    struct strbuf *out)
{
	const char *p = text;
	bool blank = false;

	while (*p && --line)
		p += strcspn(p, "\n") + (p[strcspn(p, "\n")] ? 1 : 0);
	for (; *p && *p != '\n'; p++) {
		if (isspace((unsigned char)*p)) {
			blank = out->len > 0;
			continue;
		}
		if (blank)
			strbuf_addch(out, ' ');
		blank = false;
		strbuf_addch(out, *p);
	}
}

/* Hex SHA-1 of rule, uri, line text and occurrence, NUL-separated. */
static char *fingerprint(const char *rule, const char *path,
			 const char *text, unsigned int occurrence)
{
	char hex[GIT_OID_HEXSZ + 1];
	struct strbuf sb;
	git_oid oid;

	strbuf_init(&sb);
	strbuf_addstr(&sb, rule);
	strbuf_addch(&sb, '\0');
	strbuf_addstr(&sb, path);
	strbuf_addch(&sb, '\0');
	strbuf_addstr(&sb, text);
	strbuf_addch(&sb, '\0');
	strbuf_addf(&sb, "%u", occurrence);
	git_odb_hash(&oid, sb.buf, sb.len, GIT_OBJECT_BLOB);
	git_oid_tostr(hex, sizeof(hex), &oid);
	strbuf_release(&sb);
	return xstrdup(hex);
}

/* "./a/b.c" -> "a/b.c", with what a URI may not hold %-escaped. */
static char *path_uri(const char *path)
{
	static const char safe[] = "-._~/+@";
	struct strbuf sb;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	strbuf_init(&sb);
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if (isalnum(c) || strchr(safe, c))
			strbuf_addch(&sb, (char)c);
		else
			strbuf_addf(&sb, "%%%02X", c);
	}
	return strbuf_detach(&sb, NULL);
}

static json_t *text_object(const char *text)
{
	return json_pack("{s:s}", "text", text);
}

static json_t *rule_descriptor(const struct rule *r)
{
	const char *full = *r->text ? r->text : r->description;

	return json_pack("{s:s, s:o, s:o, s:{s:s}}",
			 "id", r->id,
			 "shortDescription", text_object(r->description),
			 "fullDescription", text_object(full),
			 "properties", "cocciFile", r->path);
}

/* The index of rule id in tool.driver.rules, which lists selected rules. */
static size_t selected_index(const struct rule_set *rules, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < rules->nr && strcmp(rules->v[i].id, id); i++)
		n += rules->v[i].selected;
	return n;
}

static json_t *tool_object(const struct rule_set *rules)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < rules->nr; i++)
		if (rules->v[i].selected)
			json_array_append_new(list,
					      rule_descriptor(&rules->v[i]));
	return json_pack("{s:{s:s, s:s, s:s, s:o}}", "driver",
			 "name", "kthreadify",
			 "version", KTHREADIFY_VERSION,
			 "informationUri", "https://www.kernel.org/doc/html/"
			 "latest/dev-tools/coccinelle.html",
			 "rules", list);
}

/* A region of whole lines [first, first + count), as SARIF counts. */
static json_t *line_region(unsigned int first, unsigned int count)
{
	return json_pack("{s:i, s:i, s:i, s:i}",
			 "startLine", (json_int_t)first, "startColumn", 1,
			 "endLine", (json_int_t)(first + count),
			 "endColumn", 1);
}

static json_t *replacement(const struct diff_hunk *h)
{
	/* A pure insertion goes before the line after old_start. */
	unsigned int first = h->old_lines ? h->old_start : h->old_start + 1;

	return json_pack("{s:o, s:{s:s}}",
			 "deletedRegion", line_region(first, h->old_lines),
			 "insertedContent", "text", h->added);
}

/* The fix of f, from its rule's own change to the file; NULL: none. */
static json_t *fix_object(const struct finding *f,
			  const struct fix_context *ctx, struct strbuf *err)
{
	size_t pos = rule_index(ctx->rules, f->rule_id);
	const struct rule_fix *fix = results_find_fix(ctx->results, f->file,
						      pos);
	const struct file_result *res;
	struct diff_hunk *hunks;
	json_t *list, *obj;
	size_t nr, i;
	char *uri;

	if (!fix)
		return NULL;
	res = &ctx->results->files[f->file];
	if (diff_hunks(res->original, res->original_len, fix->result,
		       fix->len, &hunks, &nr, err) < 0)
		return NULL;
	list = json_array();
	for (i = 0; i < nr; i++)
		json_array_append_new(list, replacement(&hunks[i]));
	diff_hunks_free(hunks, nr);
	uri = path_uri(f->path);
	obj = json_pack("{s:{s:s}, s:[{s:{s:s}, s:o}]}",
			"description", "text", ctx->rules->v[pos].description,
			"artifactChanges", "artifactLocation", "uri", uri,
			"replacements", list);
	free(uri);
	return obj;
}

struct file_texts {
	const char *path;	/* the file text holds */
	struct strbuf text;
};

/* The text of f's file, read once per run of findings in one file. */
static const char *file_text(struct file_texts *cache, const char *path)
{
	struct strbuf err;

	if (cache->path && !strcmp(cache->path, path))
		return cache->text.buf;
	strbuf_init(&err);
	cache->path = path;
	if (read_file(path, &cache->text, &err) < 0)
		strbuf_reset(&cache->text);
	strbuf_release(&err);
	return cache->text.buf;
}

static unsigned int occurrence(const struct run_results *r, size_t index,
			       const char *text, struct file_texts *cache)
{
	const struct finding *f = &r->findings[index];
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < index; i++) {
		const struct finding *g = &r->findings[i];
		struct strbuf other;

		if (strcmp(g->path, f->path) || strcmp(g->rule_id, f->rule_id))
			continue;
		strbuf_init(&other);
		normalized_line(file_text(cache, f->path), g->line, &other);
		n += !strcmp(other.buf, text);
		strbuf_release(&other);
	}
	return n;
}

static json_t *location(const struct finding *f)
{
	char *uri = path_uri(f->path);
	json_t *obj;

	obj = json_pack("{s:{s:{s:s}, s:{s:i, s:i}}}", "physicalLocation",
			"artifactLocation", "uri", uri,
			"region", "startLine", (json_int_t)f->line,
			"startColumn", (json_int_t)f->column);
	free(uri);
	return obj;
}

static json_t *result_object(const struct fix_context *ctx, size_t index,
			     struct file_texts *cache, struct strbuf *err)
{
	const struct finding *f = &ctx->results->findings[index];
	struct strbuf text;
	char *uri = path_uri(f->path);
	json_t *obj, *fix;
	char *print;

	strbuf_init(&text);
	normalized_line(file_text(cache, f->path), f->line, &text);
	print = fingerprint(f->rule_id, uri, text.buf,
			    occurrence(ctx->results, index, text.buf, cache));
	free(uri);
	obj = json_pack("{s:s, s:i, s:s, s:o, s:[o], s:{s:s}}",
			"ruleId", f->rule_id,
			"ruleIndex", (json_int_t)selected_index(ctx->rules,
								f->rule_id),
			"level", severity_name(f->severity),
			"message", text_object(f->message),
			"locations", location(f),
			"partialFingerprints", FINGERPRINT_KEY, print);
	free(print);
	strbuf_release(&text);
	if (!obj) {
		strbuf_addf(err, "%s: cannot build a SARIF result (not "
			    "UTF-8?)", f->path);
		return NULL;
	}
	fix = fix_object(f, ctx, err);
	if (err->len) {
		json_decref(obj);
		return NULL;
	}
	if (fix)
		json_object_set_new(obj, "fixes", json_pack("[o]", fix));
	return obj;
}

/* Problems (files not analysed) as notifications of the invocation. */
static json_t *invocation(const struct fix_context *ctx, bool successful,
			  const char *command_line)
{
	const struct run_results *r = ctx->results;
	json_t *notes = json_array();
	size_t i;

	for (i = 0; i < r->nr_problems; i++) {
		const struct problem *p = &r->problems[i];

		json_array_append_new(notes, json_pack(
			"{s:s, s:o}", "level",
			p->kind == PROBLEM_NOTE ? "note" : "error",
			"message", text_object(p->message)));
	}
	return json_pack("{s:b, s:s, s:o}", "executionSuccessful", successful,
			 "commandLine", command_line,
			 "toolExecutionNotifications", notes);
}

int print_sarif(FILE *out, const struct fix_context *ctx, bool successful,
		const char *command_line, struct strbuf *err)
{
	struct file_texts cache = { NULL, { NULL, 0, 0 } };
	json_t *results = json_array(), *log = NULL;
	size_t i;
	int ret = -1;

	strbuf_init(&cache.text);
	for (i = 0; i < ctx->results->nr_findings; i++) {
		json_t *obj = result_object(ctx, i, &cache, err);

		if (!obj)
			goto out;
		json_array_append_new(results, obj);
	}
	log = json_pack("{s:s, s:s, s:[{s:o, s:[o], s:o}]}",
			"$schema", SARIF_SCHEMA, "version", "2.1.0",
			"runs", "tool", tool_object(ctx->rules),
			"invocations", invocation(ctx, successful,
						  command_line),
			"results", results);
	results = NULL;
	if (!log || json_dumpf(log, out, JSON_INDENT(2) |
			       JSON_PRESERVE_ORDER) < 0) {
		strbuf_addstr(err, "cannot write the SARIF output");
		goto out;
	}
	fputc('\n', out);
	ret = 0;
out:
	json_decref(results);
	json_decref(log);
	strbuf_release(&cache.text);
	return ret;
}
