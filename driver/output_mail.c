// SPDX-License-Identifier: GPL-2.0-only
/*
 * A review reply: findings, fix, provenance.  Prose is wrapped at 75
 * columns like a kernel mail; the findings and the diff are not.
 */
#include "output_mail.h"

#include <stdlib.h>
#include <string.h>

#include "output_patch.h"
#include "output_report.h"

#define MAIL_WIDTH 75

static void add_headers(struct strbuf *sb, const struct mail_context *m)
{
	if (m->subject)
		strbuf_addf(sb, "Subject: Re: %s\n", m->subject);
	if (m->message_id)
		strbuf_addf(sb, "In-Reply-To: %s\nReferences: %s\n",
			    m->message_id, m->message_id);
	if (sb->len)
		strbuf_addch(sb, '\n');
}

static void add_findings(struct strbuf *sb, const struct run_results *r)
{
	size_t i;

	strbuf_add_wrapped(sb, r->nr_findings == 1 ?
			   "kthreadify found a problem in the lines this "
			   "change adds or modifies:" :
			   "kthreadify found problems in the lines this "
			   "change adds or modifies:", MAIL_WIDTH);
	strbuf_addch(sb, '\n');
	for (i = 0; i < r->nr_findings; i++) {
		const struct finding *f = &r->findings[i];

		strbuf_addf(sb, "%s:%u:%u: %s: %s [%s]\n", f->path, f->line,
			    f->column, severity_name(f->severity), f->message,
			    f->rule_id);
	}
	strbuf_addch(sb, '\n');
}

/* The pipeline's change to every file with a finding. */
static int add_fix(struct strbuf *sb, const struct fix_context *ctx,
		   struct strbuf *err)
{
	const struct run_results *r = ctx->results;
	struct strbuf diff;
	size_t i;
	int ret = 0;

	strbuf_init(&diff);
	for (i = 0; i < r->nr_files && !ret; i++) {
		const struct file_result *f = &r->files[i];
		char *path;

		if (!f->changed || !f->has_findings)
			continue;
		path = relative_path(ctx->files->v[i].path, ctx->cwd);
		ret = format_patch(&diff, path, f->original, f->original_len,
				   f->result, f->result_len, err);
		free(path);
	}
	if (!ret && diff.len) {
		strbuf_add_wrapped(sb, "The rules would rewrite the code "
				   "like this (git apply takes it):",
				   MAIL_WIDTH);
		strbuf_addch(sb, '\n');
		strbuf_add(sb, diff.buf, diff.len);
		strbuf_addch(sb, '\n');
	}
	strbuf_release(&diff);
	return ret;
}

/* The rules that found something, with what they look for. */
static void add_rules(struct strbuf *sb, const struct fix_context *ctx)
{
	const struct rule_set *rules = ctx->rules;
	size_t i, j;

	for (i = 0; i < rules->nr; i++) {
		const struct rule *rule = &rules->v[i];
		struct strbuf line;

		for (j = 0; j < ctx->results->nr_findings; j++)
			if (!strcmp(ctx->results->findings[j].rule_id,
				    rule->id))
				break;
		if (j == ctx->results->nr_findings)
			continue;
		strbuf_init(&line);
		strbuf_addf(&line, "%s (cocci/%s.cocci): %s", rule->id,
			    rule->id, rule->description);
		strbuf_add_wrapped_item(sb, line.buf, MAIL_WIDTH);
		strbuf_release(&line);
	}
}

static void add_provenance(struct strbuf *sb, const struct mail_context *m)
{
	struct strbuf text;

	strbuf_init(&text);
	strbuf_addf(&text, "This reply was produced by kthreadify %s",
		    KTHREADIFY_VERSION);
	if (m->spatch_version)
		strbuf_addf(&text, " (Coccinelle, %s)", m->spatch_version);
	strbuf_addstr(&text, " with these semantic patches:");
	strbuf_add_wrapped(sb, text.buf, MAIL_WIDTH);
	strbuf_addch(sb, '\n');
	add_rules(sb, m->fix);
	strbuf_addf(sb, "\nThe command was:\n\n  %s\n\n", m->command_line);
	strbuf_add_wrapped(sb, "Please check the findings before acting on "
			   "them; the rules' own documentation says what "
			   "they can get wrong.", MAIL_WIDTH);
	strbuf_addf(sb, "\n-- \nkthreadify %s\n", KTHREADIFY_VERSION);
	strbuf_release(&text);
}

int print_mail(FILE *out, const struct mail_context *m, struct strbuf *err)
{
	struct strbuf sb;
	int ret = 0;

	if (!m->fix->results->nr_findings)
		return 0;
	strbuf_init(&sb);
	add_headers(&sb, m);
	add_findings(&sb, m->fix->results);
	if (add_fix(&sb, m->fix, err) < 0)
		ret = -1;
	else
		add_provenance(&sb, m);
	if (!ret)
		fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
	return ret;
}
