// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the scan index, encoded and parsed back; racy entries; a
 * malformed index trusted not at all.
 */
#include <string.h>
#include <time.h>

#include "harness.h"
#include "scan_index.h"

static struct stat stat_at(long long sec, long ino)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = 7;
	st.st_ino = (ino_t)ino;
	st.st_size = 100;
	st.st_mtim.tv_sec = (time_t)sec;
	st.st_ctim.tv_sec = (time_t)sec;
	return st;
}

void test_scan_index(void)
{
	const bool words[3] = { true, false, true };
	bool got[3] = { false, true, false };
	struct stat old = stat_at(1000, 1), young, other;
	struct scan_index *ix = scan_index_parse(NULL, 0, 3);
	struct strbuf enc;

	young = stat_at((long long)time(NULL) + 3600, 2);
	other = old;
	other.st_ctim.tv_nsec = 1;
	strbuf_init(&enc);
	CHECK("scan index: empty knows nothing",
	      !scan_index_lookup(ix, "a b.c", &old, got));
	scan_index_update(ix, "a b.c", &old, words);
	scan_index_update(ix, "young.c", &young, words);
	scan_index_encode(ix, &enc);
	scan_index_free(ix);

	ix = scan_index_parse(enc.buf, enc.len, 3);
	CHECK("scan index: an entry comes back",
	      scan_index_lookup(ix, "a b.c", &old, got));
	CHECK("scan index: with its words", got[0] && !got[1] && got[2]);
	CHECK("scan index: another ctime is another file",
	      !scan_index_lookup(ix, "a b.c", &other, got));
	CHECK("scan index: a file younger than the run is not kept",
	      !scan_index_lookup(ix, "young.c", &young, got));
	scan_index_free(ix);

	ix = scan_index_parse(enc.buf, enc.len, 4);
	CHECK("scan index: another word count is a foreign index",
	      !scan_index_lookup(ix, "a b.c", &old, got));
	scan_index_free(ix);

	ix = scan_index_parse(enc.buf, enc.len - 2, 3);
	CHECK("scan index: a record cut short: none of it trusted",
	      !scan_index_lookup(ix, "a b.c", &old, got));
	scan_index_free(ix);
	strbuf_release(&enc);
}
