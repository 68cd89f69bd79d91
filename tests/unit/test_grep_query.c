// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: grep query parsing and evaluation.
 */
#include <string.h>

#include "grep_query.h"
#include "harness.h"

static bool matches(const char *query, const char *text)
{
	struct grep_query *q = grep_query_parse(query);
	bool ok = grep_query_matches(q, text, strlen(text));

	grep_query_free(q);
	return ok;
}

static bool matches_all(const char *query)
{
	struct grep_query *q = grep_query_parse(query);
	bool all = grep_query_matches_all(q);

	grep_query_free(q);
	return all;
}

static void test_words(void)
{
	CHECK("grep: whole word", text_has_word("a foo(b)", 8, "foo"));
	CHECK("grep: not a prefix", !text_has_word("foobar", 6, "foo"));
	CHECK("grep: not a suffix", !text_has_word("xfoo", 4, "foo"));
	CHECK("grep: underscore is a word char",
	      !text_has_word("foo_x", 5, "foo"));
	CHECK("grep: second hit is whole", text_has_word("foox foo", 8,
							 "foo"));
	CHECK("grep: at the end", text_has_word("x=foo", 5, "foo"));
	CHECK("grep: length bound respected",
	      !text_has_word("foo", 2, "foo"));
}

static void test_formulas(void)
{
	const char *text = "kthread_stop(t); wake_up(&wq);";

	CHECK("grep: or, one present",
	      matches("old_stop || kthread_stop", text));
	CHECK("grep: or, none present", !matches("old_stop || foo", text));
	CHECK("grep: and, both", matches("kthread_stop && wake_up", text));
	CHECK("grep: and, one missing", !matches("kthread_stop && foo", text));
	CHECK("grep: and binds tighter than or",
	      matches("foo && bar || wake_up", text));
	CHECK("grep: parentheses",
	      !matches("(foo || wake_up) && bar", text));
	CHECK("grep: nested parentheses",
	      matches("((foo || wake_up) && (kthread_stop))", text));
	CHECK("grep: idutils-style single operators",
	      matches("((alpha&beta)|(wake_up&kthread_stop))", text));
	CHECK("grep: include path is assumed present",
	      matches("linux/kthread.h && kthread_stop", text));
	CHECK("grep: real 1.1.1 query, no match",
	      !matches("gamma || delta || beta || alpha", text));
}

static void test_malformed(void)
{
	CHECK("grep: empty query matches all", matches_all(""));
	CHECK("grep: dangling operator", matches_all("foo ||"));
	CHECK("grep: leading operator", matches_all("&& foo"));
	CHECK("grep: unclosed parenthesis", matches_all("(foo || bar"));
	CHECK("grep: extra parenthesis", matches_all("foo)"));
	CHECK("grep: two words without operator", matches_all("foo bar"));
	CHECK("grep: True is not a token", matches_all("True"));
	CHECK("grep: malformed matches anything", matches("foo ||", "xyz"));
	CHECK("grep: well-formed is not match-all", !matches_all("a || b"));
}

static void test_from_spatch(void)
{
	struct grep_query *q;
	struct strbuf out;

	strbuf_init(&out);
	read_fixture("spatch-output/parse_cocci.stdout", &out);
	q = grep_query_from_parse_cocci(out.buf);
	CHECK("grep: real --parse-cocci output parsed",
	      !grep_query_matches_all(q));
	CHECK("grep: real query matches old_stop",
	      grep_query_matches(q, "old_stop(t);", 12));
	CHECK("grep: real query rejects new_stop",
	      !grep_query_matches(q, "new_stop(t);", 12));
	grep_query_free(q);

	read_fixture("spatch-output/parse_cocci_none.stdout", &out);
	q = grep_query_from_parse_cocci(out.buf);
	CHECK("grep: 'No grep query' matches all", grep_query_matches_all(q));
	grep_query_free(q);

	q = grep_query_from_parse_cocci("garbage\n");
	CHECK("grep: no section matches all", grep_query_matches_all(q));
	grep_query_free(q);

	q = grep_query_from_parse_cocci("Grep query\nfoo || (bar\n");
	CHECK("grep: malformed section matches all",
	      grep_query_matches_all(q));
	grep_query_free(q);
	strbuf_release(&out);
}

void test_grep_query(void)
{
	test_words();
	test_formulas();
	test_malformed();
	test_from_spatch();
}
