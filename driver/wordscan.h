/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fast scan that finds candidate files: one pass over a file's text
 * that notes which of a fixed set of words occur in it as whole
 * identifier tokens (maximal runs of [A-Za-z0-9_], as text_has_word()
 * sees them), however many words there are.
 */
#ifndef KTHREADIFY_WORDSCAN_H
#define KTHREADIFY_WORDSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct word_set;

/* The set of words (duplicates are merged); never NULL. */
struct word_set *word_set_new(const struct strvec *words);
void word_set_free(struct word_set *ws);
size_t word_set_size(const struct word_set *ws);
/* The index of word in the set, or word_set_size() when it is not. */
size_t word_set_index(const struct word_set *ws, const char *word);
/* present[i] |= whether word i occurs in text; present has size() bytes. */
void word_set_scan(const struct word_set *ws, const char *text, size_t len,
		   bool *present);

#endif
