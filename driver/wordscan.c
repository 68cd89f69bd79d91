// SPDX-License-Identifier: GPL-2.0-only
/*
 * Identifier scan against a small hash set of words.
 */
#include "wordscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct word_set {
	char **words;
	size_t nr;
	size_t *slots;		/* open addressing: word index + 1, 0 empty */
	size_t nr_slots;	/* a power of two */
	size_t min_len;
	size_t max_len;
	bool first[256];	/* bytes a word starts with */
};

static const bool *ident_table(void)
{
	static bool table[256];
	static bool ready;
	int c;

	if (!ready) {
		for (c = 0; c < 256; c++)
			table[c] = (c >= 'a' && c <= 'z') ||
				   (c >= 'A' && c <= 'Z') ||
				   (c >= '0' && c <= '9') || c == '_';
		ready = true;
	}
	return table;
}

static size_t find(const struct word_set *ws, const char *s, size_t len)
{
	size_t mask = ws->nr_slots - 1, i = fnv1a(s, len) & mask;

	for (;; i = (i + 1) & mask) {
		size_t w = ws->slots[i];

		if (!w)
			return ws->nr;
		w--;
		if (strlen(ws->words[w]) == len && !memcmp(ws->words[w], s, len))
			return w;
	}
}

struct word_set *word_set_new(const struct strvec *words)
{
	struct word_set *ws = xcalloc(1, sizeof(*ws));
	size_t i;

	ident_table();
	ws->words = xcalloc(words->nr + 1, sizeof(*ws->words));
	ws->nr_slots = 16;
	while (ws->nr_slots < 4 * (words->nr + 1))
		ws->nr_slots *= 2;
	ws->slots = xcalloc(ws->nr_slots, sizeof(*ws->slots));
	ws->min_len = SIZE_MAX;
	for (i = 0; i < words->nr; i++) {
		const char *w = words->v[i];
		size_t len = strlen(w), slot;

		if (!len || find(ws, w, len) < ws->nr)
			continue;
		slot = fnv1a(w, len) & (ws->nr_slots - 1);
		while (ws->slots[slot])
			slot = (slot + 1) & (ws->nr_slots - 1);
		ws->words[ws->nr] = xstrdup(w);
		ws->slots[slot] = ++ws->nr;
		ws->first[(unsigned char)w[0]] = true;
		if (len < ws->min_len)
			ws->min_len = len;
		if (len > ws->max_len)
			ws->max_len = len;
	}
	return ws;
}

void word_set_free(struct word_set *ws)
{
	size_t i;

	if (!ws)
		return;
	for (i = 0; i < ws->nr; i++)
		free(ws->words[i]);
	free(ws->words);
	free(ws->slots);
	free(ws);
}

size_t word_set_size(const struct word_set *ws)
{
	return ws->nr;
}

size_t word_set_index(const struct word_set *ws, const char *word)
{
	return find(ws, word, strlen(word));
}

void word_set_scan(const struct word_set *ws, const char *text, size_t len,
		   bool *present)
{
	const bool *ident = ident_table();
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + len;

	if (!ws->nr)
		return;
	while (p < end) {
		const unsigned char *start;
		size_t n, w;

		/* Skip to the start of the next token. */
		while (p < end && !ident[*p])
			p++;
		start = p;
		while (p < end && ident[*p])
			p++;
		n = (size_t)(p - start);
		if (!n || !ws->first[*start] || n < ws->min_len ||
		    n > ws->max_len)
			continue;
		w = find(ws, (const char *)start, n);
		if (w < ws->nr)
			present[w] = true;
	}
}
