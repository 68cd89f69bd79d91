// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the result cache's entries, what it refuses to trust, and a
 * unit's results stored and read back.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "fileio.h"
#include "harness.h"

static void test_entries(void)
{
	const char body[] = "file 1\n0\nbytes 3\n\xff\x00z\n";
	size_t len, blen;
	char *data, *back;

	data = cache_entry_encode("k1", body, sizeof(body) - 1, &len);
	back = cache_entry_decode("k1", data, len, &blen);
	CHECK("cache: entry round trip", back && blen == sizeof(body) - 1 &&
	      !memcmp(back, body, blen));
	free(back);
	CHECK("cache: another key's entry is foreign",
	      !cache_entry_decode("k2", data, len, &blen));
	CHECK("cache: a cut entry is refused",
	      !cache_entry_decode("k1", data, len - 1, &blen));
	data[len - 2] ^= 1;
	CHECK("cache: an altered entry is refused",
	      !cache_entry_decode("k1", data, len, &blen));
	data[len - 2] ^= 1;
	data[17] = '2';		/* "kthreadify-cache 2" */
	CHECK("cache: another format is refused",
	      !cache_entry_decode("k1", data, len, &blen));
	CHECK("cache: empty data is refused",
	      !cache_entry_decode("k1", "", 0, &blen));
	free(data);
}

static void setup_rules(struct rule_set *rules, const char *root)
{
	char *path = path_join(root, "r.cocci");
	struct strbuf err;

	strbuf_init(&err);
	write_file(path, "virtual report\n", 15, &err);
	rule_set_init(rules);
	rules->v = xcalloc(1, sizeof(*rules->v));
	rules->nr = rules->alloc = 1;
	rule_init(&rules->v[0], "r", path);
	rules->v[0].runs = RUN_REPORT;
	free(path);
	strbuf_release(&err);
}

static void test_units(void)
{
	char *root = make_temp_dir(), *cdir = path_join(root, "c");
	struct cache_params p = {
		.dir = cdir,
		.mode = MODE_REPORT,
		.spatch_version = "spatch 1",
		.timeout_sec = 120,
	};
	struct result_cache *cache;
	struct run_results res, back;
	struct file_list files;
	struct rule_set rules;
	struct strbuf err, texts[2];
	size_t members[] = { 0, 1 }, hits, misses, stored;
	struct unit unit = { members, 2 };
	struct cache_record rec;

	strbuf_init(&err);
	setup_rules(&rules, root);
	p.rules = &rules;
	file_list_init(&files);
	files.v = xcalloc(2, sizeof(*files.v));
	files.nr = files.alloc = 2;
	files.v[0].path = xstrdup("d/a.c");
	files.v[1].path = xstrdup("d/b.c");
	strbuf_init(&texts[0]);
	strbuf_init(&texts[1]);
	strbuf_addstr(&texts[0], "int a;\n");
	strbuf_addstr(&texts[1], "int b;\n");
	CHECK_INT("cache: open", cache_open(&cache, &p, &err), 0);

	run_results_init(&res, 2);
	cache_record_init(&rec);
	results_add_finding(&res, 1, "d/b.c", 3, 2, SEVERITY_ERROR, "m", "r");
	cache_record_add(&rec, CACHE_FINDING, 0);
	results_add_problem(&res, 0, 0, PROBLEM_UNPARSABLE,
			    "d/a.c:1: spatch could not parse this file [r]");
	cache_record_add(&rec, CACHE_PROBLEM, 0);
	run_results_init(&back, 2);
	CHECK_INT("cache: miss before", cache_get_unit(cache, &files, &unit,
						       texts, &back), 0);
	cache_put_unit(cache, &files, &unit, texts, &res, &rec);
	CHECK_INT("cache: hit after", cache_get_unit(cache, &files, &unit,
						     texts, &back), 1);
	CHECK_INT("cache: finding back", back.nr_findings, 1);
	CHECK("cache: finding's file and line", back.nr_findings &&
	      back.findings[0].file == 1 && back.findings[0].line == 3 &&
	      back.findings[0].severity == SEVERITY_ERROR);
	CHECK("cache: problem back", back.nr_problems == 1 &&
	      back.files[0].unparsable);
	run_results_release(&back);

	/* Another content is another key. */
	strbuf_addstr(&texts[1], "int c;\n");
	run_results_init(&back, 2);
	CHECK_INT("cache: edited file misses", cache_get_unit(cache, &files,
							      &unit, texts,
							      &back), 0);
	run_results_release(&back);
	cache_stats(cache, &hits, &misses, &stored);
	CHECK("cache: counted", hits == 1 && misses == 2 && stored == 1);
	cache_close(cache);

	/* Another spatch is another run key: nothing is reused. */
	p.spatch_version = "spatch 2";
	cache_open(&cache, &p, &err);
	strbuf_reset(&texts[1]);
	strbuf_addstr(&texts[1], "int b;\n");
	run_results_init(&back, 2);
	CHECK_INT("cache: other spatch misses", cache_get_unit(cache, &files,
							       &unit, texts,
							       &back), 0);
	run_results_release(&back);
	cache_close(cache);

	/* A timeout is kept as a result: only under the same --timeout. */
	p.spatch_version = "spatch 1";
	cache_open(&cache, &p, &err);
	run_results_init(&back, 2);
	CHECK_INT("cache: same run key hits again", cache_get_unit(cache,
								   &files,
								   &unit,
								   texts,
								   &back), 1);
	run_results_release(&back);
	cache_close(cache);
	p.timeout_sec = 300;
	cache_open(&cache, &p, &err);
	run_results_init(&back, 2);
	CHECK_INT("cache: other timeout misses", cache_get_unit(cache, &files,
								&unit, texts,
								&back), 0);
	run_results_release(&back);
	cache_close(cache);

	cache_record_release(&rec);
	run_results_release(&res);
	strbuf_release(&texts[0]);
	strbuf_release(&texts[1]);
	file_list_release(&files);
	rule_set_release(&rules);
	remove_tree(root);
	free(root);
	free(cdir);
	strbuf_release(&err);
}

void test_cache(void)
{
	test_entries();
	test_units();
}
