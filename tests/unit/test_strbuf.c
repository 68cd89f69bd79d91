// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: wrapping prose for commit messages and mails.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static char *wrapped(const char *text, size_t width)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_add_wrapped(&sb, text, width);
	return strbuf_detach(&sb, NULL);
}

void test_strbuf(void)
{
	char *s;

	s = wrapped("aaa bbb ccc ddd", 7);
	CHECK_STR("wrap: words up to the width", s, "aaa bbb\nccc ddd\n");
	free(s);
	s = wrapped("aaa bbb ccc", 8);
	CHECK_STR("wrap: a line may be exactly the width", s,
		  "aaa bbb\nccc\n");
	free(s);
	s = wrapped("one\ntwo\n\n\nthree  four", 75);
	CHECK_STR("wrap: lines joined, paragraphs kept", s,
		  "one two\n\nthree four\n");
	free(s);
	s = wrapped("x averyveryverylongword y", 5);
	CHECK_STR("wrap: a long word stands alone", s,
		  "x\naveryveryverylongword\ny\n");
	free(s);
	{
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_add_wrapped_item(&sb, "aaa bbb ccc", 7);
		CHECK_STR("wrap: an item hangs under its text", sb.buf,
			  "- aaa\n  bbb\n  ccc\n");
		strbuf_release(&sb);
	}
	s = wrapped("", 75);
	CHECK_STR("wrap: nothing", s ? s : "", "");
	free(s);
}
