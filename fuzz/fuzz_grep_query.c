// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the grep query parser.  Input: the query, a newline, a C text.
 * Properties: a query always comes back (malformed: match-all, which
 * matches every text); a text holding every word it lists matches it (a
 * query has no negation); the whole input as "spatch
 * --parse-cocci" output parses too.
 */
#include <string.h>

#include "fuzz.h"
#include "grep_query.h"
#include "strbuf.h"

int FUZZ_INIT(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	char *all = fuzz_string(data, size), *nl = strchr(all, '\n');
	const char *text = nl ? nl + 1 : "";
	struct grep_query *q, *p;
	struct strvec words;
	struct strbuf joined;
	size_t i;

	if (nl)
		*nl = '\0';
	q = grep_query_parse(all);
	FUZZ_ASSERT(q != NULL);
	if (grep_query_matches_all(q))
		FUZZ_ASSERT(grep_query_matches(q, text, strlen(text)));
	else
		(void)grep_query_matches(q, text, strlen(text));

	/* A text holding every word of the query: an || query matches it. */
	strvec_init(&words);
	grep_query_words(q, &words);
	strbuf_init(&joined);
	for (i = 0; i < words.nr; i++) {
		FUZZ_ASSERT(words.v[i][0] != '\0');
		strbuf_addf(&joined, " %s;\n", words.v[i]);
		FUZZ_ASSERT(text_has_word(joined.buf, joined.len,
					  words.v[i]));
	}
	/* No negation in the grammar: all its words, and it matches. */
	FUZZ_ASSERT(grep_query_matches(q, joined.buf, joined.len));
	strbuf_release(&joined);
	strvec_clear(&words);
	grep_query_free(q);

	if (nl)
		*nl = '\n';
	p = grep_query_from_parse_cocci(all);
	FUZZ_ASSERT(p != NULL);
	(void)grep_query_matches(p, all, strlen(all));
	grep_query_free(p);
	free(all);
	return 0;
}
