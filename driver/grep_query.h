/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The token formula spatch prints as its "Grep query": which files a rule
 * can possibly match.  A file is a candidate when the formula holds on the
 * identifier tokens of its text.
 *
 * Grammar (spatch 1.1.1 prints only the first alternative of expr, a flat
 * "a || b || c"; the rest is accepted so a newer spatch does not break us):
 *
 *   expr   := term { ("||" | "|") term }
 *   term   := factor { ("&&" | "&") factor }
 *   factor := WORD | "(" expr ")"
 *
 * Anything else is malformed, and a malformed query matches every file: a
 * query we do not understand must never hide a file from spatch.
 */
#ifndef KTHREADIFY_GREP_QUERY_H
#define KTHREADIFY_GREP_QUERY_H

#include <stdbool.h>
#include <stddef.h>

struct grep_query;

/* Parse text; never NULL (malformed or empty text gives a match-all). */
struct grep_query *grep_query_parse(const char *text);
/*
 * Parse a formula a person wrote (a rule's "Needs:"): NULL when it is
 * malformed, empty or has a word that is no identifier.
 */
struct grep_query *grep_query_parse_strict(const char *text);
/*
 * The query in the output of "spatch --parse-cocci": the line after
 * "Grep query".  "No grep query", or no such section, gives a match-all.
 */
struct grep_query *grep_query_from_parse_cocci(const char *spatch_stdout);
bool grep_query_matches_all(const struct grep_query *q);
bool grep_query_matches(const struct grep_query *q, const char *text,
			size_t len);
void grep_query_free(struct grep_query *q);

/*
 * Every identifier word of q, appended to words (duplicates included).
 * Words that are no identifier are not listed: they always match.
 */
struct strvec;
void grep_query_words(const struct grep_query *q, struct strvec *words);
/*
 * Evaluate q with has(word, data) saying whether an identifier word is
 * there; same result as grep_query_matches() when has() says what
 * text_has_word() would.
 */
bool grep_query_eval(const struct grep_query *q,
		     bool (*has)(const char *word, void *data), void *data);

/* Whether c can be part of a C identifier. */
bool is_ident_char(char c);
/* Whether word occurs in text as a whole identifier token. */
bool text_has_word(const char *text, size_t len, const char *word);

#endif
