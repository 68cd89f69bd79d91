// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scan index (see scan_index.h).  On disk: a header line, then one
 * record per file, ended by a NUL so that any file name fits:
 *
 *   kthreadify-scan-index 1 WORDS START_SEC START_NSEC\n
 *   DEV INO SIZE MTIME_SEC MTIME_NSEC CTIME_SEC CTIME_NSEC BITS PATH\0
 *
 * BITS holds one '0' or '1' per word ('-' for no words at all).
 */
#include "scan_index.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#define SCAN_INDEX_MAGIC "kthreadify-scan-index 1"

struct stamp {
	unsigned long long dev, ino, size;
	long long mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

struct scan_entry {
	char *path;
	struct stamp stamp;
	char *bits;		/* nr_words of '0' / '1' */
	bool seen;		/* looked up or updated by this run */
};

struct scan_index {
	size_t nr_words;
	struct timespec start;	/* of this run: younger files are racy */
	struct scan_entry *v;
	size_t nr, alloc;
	size_t *slots;		/* open addressing: entry index + 1 */
	size_t nr_slots;	/* a power of two */
};

static size_t *slot_of(struct scan_index *ix, const char *path)
{
	size_t mask = ix->nr_slots - 1, i = fnv1a(path, strlen(path)) & mask;

	for (;; i = (i + 1) & mask) {
		size_t e = ix->slots[i];

		if (!e || !strcmp(ix->v[e - 1].path, path))
			return &ix->slots[i];
	}
}

static void rehash(struct scan_index *ix)
{
	size_t i;

	free(ix->slots);
	ix->nr_slots = 64;
	while (ix->nr_slots < 2 * (ix->nr + 1))
		ix->nr_slots *= 2;
	ix->slots = xcalloc(ix->nr_slots, sizeof(*ix->slots));
	for (i = 0; i < ix->nr; i++)
		*slot_of(ix, ix->v[i].path) = i + 1;
}

static struct scan_entry *add_entry(struct scan_index *ix, const char *path)
{
	struct scan_entry *e;

	ix->v = grow_array(ix->v, sizeof(*ix->v), ix->nr + 1, &ix->alloc);
	e = &ix->v[ix->nr++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->bits = xcalloc(ix->nr_words + 1, 1);
	memset(e->bits, '0', ix->nr_words);
	if (2 * ix->nr >= ix->nr_slots)
		rehash(ix);
	else
		*slot_of(ix, path) = ix->nr;
	return e;
}

static void stamp_of(const struct stat *st, struct stamp *s)
{
	s->dev = (unsigned long long)st->st_dev;
	s->ino = (unsigned long long)st->st_ino;
	s->size = (unsigned long long)st->st_size;
	s->mtime_sec = (long long)st->st_mtim.tv_sec;
	s->mtime_nsec = (long long)st->st_mtim.tv_nsec;
	s->ctime_sec = (long long)st->st_ctim.tv_sec;
	s->ctime_nsec = (long long)st->st_ctim.tv_nsec;
}

/* One record at *p (up to end); 0, or -1 when it is malformed. */
static int parse_record(struct scan_index *ix, const char **p,
			const char *end)
{
	const char *nul = memchr(*p, '\0', (size_t)(end - *p));
	unsigned long long u[3];
	long long t[4];
	char *q;
	struct scan_entry *e;
	size_t i;

	if (!nul)
		return -1;
	q = (char *)*p;
	for (i = 0; i < 3; i++) {
		errno = 0;
		u[i] = strtoull(q, &q, 10);
		if (errno || *q++ != ' ')
			return -1;
	}
	for (i = 0; i < 4; i++) {
		errno = 0;
		t[i] = strtoll(q, &q, 10);
		if (errno || *q++ != ' ')
			return -1;
	}
	if (ix->nr_words ? strspn(q, "01") != ix->nr_words : *q != '-')
		return -1;
	q += ix->nr_words ? ix->nr_words : 1;
	if (*q++ != ' ' || !*q || *slot_of(ix, q))
		return -1;
	e = add_entry(ix, q);
	memcpy(e->bits, q - 1 - (ix->nr_words ? ix->nr_words : 1),
	       ix->nr_words);
	e->stamp = (struct stamp){ u[0], u[1], u[2], t[0], t[1], t[2], t[3] };
	*p = nul + 1;
	return 0;
}

static void drop_entries(struct scan_index *ix)
{
	size_t i;

	for (i = 0; i < ix->nr; i++) {
		free(ix->v[i].path);
		free(ix->v[i].bits);
	}
	ix->nr = 0;
	rehash(ix);
}

struct scan_index *scan_index_parse(const char *body, size_t len,
				    size_t nr_words)
{
	struct scan_index *ix = xcalloc(1, sizeof(*ix));
	char *header = xasprintf("%s %zu ", SCAN_INDEX_MAGIC, nr_words);
	const char *p, *end, *nl;

	ix->nr_words = nr_words;
	clock_gettime(CLOCK_REALTIME, &ix->start);
	rehash(ix);
	nl = body ? memchr(body, '\n', len) : NULL;
	if (!nl || strncmp(body, header, strlen(header)))
		goto out;
	p = nl + 1;
	end = body + len;
	while (p < end)
		if (parse_record(ix, &p, end) < 0) {
			/* Corrupt: trust none of it. */
			drop_entries(ix);
			break;
		}
out:
	free(header);
	return ix;
}

bool scan_index_lookup(struct scan_index *ix, const char *path,
		       const struct stat *st, bool *present)
{
	size_t e = *slot_of(ix, path), i;
	struct stamp now;

	if (!e)
		return false;
	stamp_of(st, &now);
	if (memcmp(&now, &ix->v[e - 1].stamp, sizeof(now)))
		return false;
	ix->v[e - 1].seen = true;
	for (i = 0; i < ix->nr_words; i++)
		present[i] = ix->v[e - 1].bits[i] == '1';
	return true;
}

void scan_index_update(struct scan_index *ix, const char *path,
		       const struct stat *st, const bool *present)
{
	size_t e = *slot_of(ix, path), i;
	struct scan_entry *entry = e ? &ix->v[e - 1] : add_entry(ix, path);

	stamp_of(st, &entry->stamp);
	for (i = 0; i < ix->nr_words; i++)
		entry->bits[i] = present[i] ? '1' : '0';
	entry->seen = true;
}

/* Changed in the clock tick this run started in, or later: not kept. */
static bool is_racy(const struct scan_index *ix, const struct stamp *s)
{
	long long sec = (long long)ix->start.tv_sec;
	long long nsec = (long long)ix->start.tv_nsec;

	return s->mtime_sec > sec ||
	       (s->mtime_sec == sec && s->mtime_nsec >= nsec) ||
	       s->ctime_sec > sec ||
	       (s->ctime_sec == sec && s->ctime_nsec >= nsec);
}

void scan_index_encode(const struct scan_index *ix, struct strbuf *out)
{
	size_t i;

	strbuf_addf(out, "%s %zu %lld %ld\n", SCAN_INDEX_MAGIC, ix->nr_words,
		    (long long)ix->start.tv_sec, (long)ix->start.tv_nsec);
	for (i = 0; i < ix->nr; i++) {
		const struct scan_entry *e = &ix->v[i];
		const struct stamp *s = &e->stamp;

		if (!e->seen || is_racy(ix, s))
			continue;
		strbuf_addf(out, "%llu %llu %llu %lld %lld %lld %lld %s %s",
			    s->dev, s->ino, s->size, s->mtime_sec,
			    s->mtime_nsec, s->ctime_sec, s->ctime_nsec,
			    ix->nr_words ? e->bits : "-", e->path);
		strbuf_addch(out, '\0');
	}
}

void scan_index_free(struct scan_index *ix)
{
	if (!ix)
		return;
	drop_entries(ix);
	free(ix->slots);
	free(ix->v);
	free(ix);
}
