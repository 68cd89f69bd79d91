// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: rule metadata, ORDER, selection.
 */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "grep_query.h"
#include "harness.h"
#include "rules.h"

static void test_parse_text(void)
{
	struct rule r;
	char *modes;

	rule_init(&r, "x", "x.cocci");
	rule_parse_text(&r,
			"// SPDX-License-Identifier: GPL-2.0-only\n"
			"///   Use kthread_stop()  \n"
			"/// second line is not the description\n"
			"// Options: --no-includes --include-headers\n"
			"//  Options: --very-quiet: ignored after colon\n"
			"virtual patch\n"
			"virtual context, org\n"
			"virtual after_start\n");
	CHECK_STR("rules: description is the first /// line, trimmed",
		  r.description, "Use kthread_stop()");
	modes = rule_modes_string(r.modes);
	CHECK_STR("rules: modes from virtual lines", modes,
		  "patch,context,org");
	free(modes);
	CHECK_INT("rules: Options words like coccicheck", r.options.nr, 3);
	CHECK_STR("rules: Options word 1", r.options.v[0], "--no-includes");
	CHECK_STR("rules: Options cut at the second colon", r.options.v[2],
		  "--very-quiet");
	CHECK("rules: --include-headers seen", r.include_headers);
	CHECK_STR("rules: text is the /// block", r.text,
		  "Use kthread_stop()\nsecond line is not the description\n");
	rule_release(&r);

	rule_init(&r, "z", "z.cocci");
	rule_parse_text(&r, "/// Summary\n///\n/// Why.\n///\n"
			"// Confidence: High\n/// later, not the text\n");
	CHECK_STR("rules: text keeps paragraphs, ends at the block", r.text,
		  "Summary\n\nWhy.\n");
	rule_release(&r);

	rule_init(&r, "y", "y.cocci");
	rule_parse_text(&r, "@r@\n@@\n- foo();\n");
	CHECK_STR("rules: no description", r.description, "");
	modes = rule_modes_string(r.modes);
	CHECK_STR("rules: no modes", modes, "-");
	free(modes);
	CHECK("rules: no headers", !r.include_headers);
	CHECK("rules: file scope by default", !r.module_scope);
	rule_release(&r);

	rule_init(&r, "m", "m.cocci");
	rule_parse_text(&r, "// Options: --no-includes\n//  Scope:  module \n");
	CHECK("rules: Scope: module seen", r.module_scope);
	rule_release(&r);

	rule_init(&r, "k", "k.cocci");
	rule_parse_text(&r, "// Keywords: up, down_timeout,kthread_stop\n"
			"x = 1; // Keywords: not_a_header\n");
	CHECK_INT("rules: Keywords words", r.keywords.nr, 3);
	CHECK_STR("rules: Keywords split at commas and blanks",
		  r.keywords.v[1], "down_timeout");
	CHECK_STR("rules: Keywords last word", r.keywords.v[2],
		  "kthread_stop");
	rule_release(&r);

	rule_init(&r, "n", "n.cocci");
	rule_parse_text(&r, "// Scope: modules\n/// Scope: module\n"
			"x = 1; // Scope: module\n");
	CHECK("rules: only an exact Scope: module line counts",
	      !r.module_scope);
	rule_release(&r);
}

static bool needs_holds(const struct rule *r, const char *text)
{
	return grep_query_matches(r->needs, text, strlen(text));
}

static void test_needs(void)
{
	struct rule r;

	rule_init(&r, "q", "q.cocci");
	rule_parse_text(&r, "// Options: --no-includes\n"
			"// Needs: (kernel_thread && daemonize) || send_sig\n"
			"//  Needs:  up || down \n");
	CHECK("rules: Needs: read", r.needs != NULL);
	CHECK_INT("rules: no malformed Needs:", r.needs_error_line, 0);
	if (r.needs) {
		CHECK("rules: Needs: lines all hold (1)",
		      needs_holds(&r, "send_sig(); up();"));
		CHECK("rules: Needs: lines all hold (2)",
		      !needs_holds(&r, "send_sig();"));
		CHECK("rules: Needs: && inside a line",
		      !needs_holds(&r, "kernel_thread(); up();"));
		CHECK("rules: Needs: parentheses",
		      needs_holds(&r, "kernel_thread(); daemonize(); "
				     "down();"));
	}
	rule_release(&r);

	rule_init(&r, "none", "none.cocci");
	rule_parse_text(&r, "/// Needs: doc text\nx(); // Needs: a\n");
	CHECK("rules: no Needs: line, no formula", r.needs == NULL);
	rule_release(&r);

	rule_init(&r, "bad", "bad.cocci");
	rule_parse_text(&r, "// Options: --no-includes\n"
			"// Needs: a ||\n// Needs: b\n");
	CHECK_INT("rules: a malformed Needs: is found by its line",
		  r.needs_error_line, 2);
	CHECK("rules: a malformed Needs: gives no formula",
	      r.needs == NULL);
	rule_release(&r);

	rule_init(&r, "kver", "kver.cocci");
	rule_parse_text(&r, "// Requires: 1.0.7\n");
	CHECK("rules: coccicheck's Requires: (spatch version) is not ours",
	      r.needs == NULL && !r.needs_error_line);
	rule_release(&r);

	rule_init(&r, "path", "path.cocci");
	rule_parse_text(&r, "// Needs: linux/kthread.h\n");
	CHECK_INT("rules: a Needs: word must be an identifier",
		  r.needs_error_line, 1);
	rule_release(&r);
}

static void add(struct rule_set *set, const char *id)
{
	set->v = grow_array(set->v, sizeof(*set->v), set->nr + 1,
			    &set->alloc);
	rule_init(&set->v[set->nr++], id, id);
}

static void make_set(struct rule_set *set)
{
	rule_set_init(set);
	add(set, "delta");
	add(set, "alpha");
	add(set, "charlie");
	add(set, "bravo");
}

static void test_order(void)
{
	struct rule_set set;
	struct strbuf err;

	strbuf_init(&err);
	make_set(&set);
	CHECK_INT("rules: ORDER parses",
		  order_rules(&set, "# comment\n\ncharlie\n  delta  \n",
			      "ORDER", &err), 0);
	CHECK_STR("rules: ORDER first", set.v[0].id, "charlie");
	CHECK_STR("rules: ORDER second", set.v[1].id, "delta");
	CHECK_STR("rules: unlisted after, sorted (1)", set.v[2].id, "alpha");
	CHECK_STR("rules: unlisted after, sorted (2)", set.v[3].id, "bravo");
	rule_set_release(&set);

	make_set(&set);
	order_rules(&set, NULL, "ORDER", &err);
	CHECK_STR("rules: no ORDER: alphabetical", set.v[0].id, "alpha");
	CHECK_STR("rules: no ORDER: alphabetical (last)", set.v[3].id,
		  "delta");
	rule_set_release(&set);

	make_set(&set);
	CHECK_INT("rules: ORDER with unknown id fails",
		  order_rules(&set, "alpha\nzulu\n", "d/ORDER", &err), -1);
	CHECK_STR("rules: ORDER unknown id message", err.buf,
		  "d/ORDER:2: no such rule 'zulu'");
	rule_set_release(&set);

	strbuf_reset(&err);
	make_set(&set);
	CHECK_INT("rules: ORDER with duplicate fails",
		  order_rules(&set, "alpha\nalpha\n", "ORDER", &err), -1);
	CHECK_STR("rules: ORDER duplicate message", err.buf,
		  "ORDER:2: duplicate rule 'alpha'");
	rule_set_release(&set);
	strbuf_release(&err);
}

static void test_select(void)
{
	struct rule_set set;
	struct strvec ids;
	struct strbuf err;

	strbuf_init(&err);
	strvec_init(&ids);
	make_set(&set);
	select_rules(&set, &ids, &err);
	CHECK("rules: no --rule selects all",
	      set.v[0].selected && set.v[3].selected);
	strvec_push(&ids, "bravo");
	CHECK_INT("rules: --rule bravo", select_rules(&set, &ids, &err), 0);
	CHECK("rules: only bravo selected",
	      !find_rule(&set, "alpha")->selected &&
	      find_rule(&set, "bravo")->selected);
	strvec_push(&ids, "echo");
	CHECK_INT("rules: unknown --rule fails",
		  select_rules(&set, &ids, &err), -1);
	CHECK_STR("rules: unknown --rule message", err.buf,
		  "unknown rule 'echo' (see --list-rules)");
	rule_set_release(&set);
	strvec_clear(&ids);
	strbuf_release(&err);
}

static void test_load(void)
{
	char *dir = xasprintf("%s/rules", fixtures_dir()), *bad, *path;
	const char *text = "// Needs: (a && b\n@r@\n@@\n";
	struct rule_set set;
	struct strbuf err;

	strbuf_init(&err);
	rule_set_init(&set);
	CHECK_INT("rules: load fixtures", load_rules(&set, dir, &err), 0);
	CHECK_INT("rules: three toy rules", set.nr, 3);
	if (set.nr == 3) {
		CHECK_STR("rules: ORDER puts rename_stop first", set.v[0].id,
			  "rename_stop");
		CHECK_STR("rules: then stop_kthread", set.v[1].id,
			  "stop_kthread");
		CHECK_STR("rules: unlisted exit_report last", set.v[2].id,
			  "exit_report");
		CHECK("rules: exit_report wants headers",
		      set.v[2].include_headers);
		CHECK_INT("rules: exit_report is report only", set.v[2].modes,
			  RULE_MODE_REPORT);
	}
	rule_set_release(&set);
	free(dir);

	rule_set_init(&set);
	strbuf_reset(&err);
	dir = make_temp_dir();
	path = path_join(dir, "bad.cocci");
	write_file(path, text, strlen(text), &err);
	free(path);
	CHECK_INT("rules: a malformed Needs: fails the load",
		  load_rules(&set, dir, &err), -1);
	bad = xasprintf("%s/bad.cocci:1: malformed Needs: formula (words, "
			"&&, || and parentheses)", dir);
	CHECK_STR("rules: the malformed Needs: is named", err.buf, bad);
	free(bad);
	remove_tree(dir);
	free(dir);
	rule_set_release(&set);

	rule_set_init(&set);
	strbuf_reset(&err);
	CHECK_INT("rules: missing dir fails",
		  load_rules(&set, "/nonexistent/cocci", &err), -1);
	CHECK_STR("rules: missing dir message", err.buf,
		  "/nonexistent/cocci: No such file or directory");
	rule_set_release(&set);
	strbuf_release(&err);
}

void test_rules(void)
{
	test_parse_text();
	test_needs();
	test_order();
	test_select();
	test_load();
}
