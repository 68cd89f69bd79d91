// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the result cache's entries.  Each input is tried twice: as a whole
 * entry file (magic line, checksum, key, body: almost always refused), and
 * as the body of an entry with a valid checksum and key, put where the
 * cache looks for a one-file unit, so that the body's parser sees it.
 * Properties: a refused entry adds nothing to the results; an accepted
 * one adds only findings and problems of the unit's file.
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "fileio.h"
#include "fuzz.h"
#include "results.h"
#include "rules.h"

static struct result_cache *cache;
static struct file_list files;
static struct unit unit;
static size_t unit_files[1];
static struct strbuf texts[1];
static char *entry;		/* the path of the unit's entry */
static char *key;		/* its key */

/* The only regular file under dir, or NULL. */
static char *find_entry(const char *dir)
{
	struct dirent *de;
	char *found = NULL;
	DIR *d = opendir(dir);

	while (d && !found && (de = readdir(d))) {
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = path_join(dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			found = find_entry(path);
		else if (strstr(path, "/units/"))
			found = xstrdup(path);
		free(path);
	}
	if (d)
		closedir(d);
	return found;
}

int FUZZ_INIT(int *argc, char ***argv)
{
	static struct rule_set rules;
	char *dir = fuzz_temp_dir("kthreadify-fuzz-cache.XXXXXX");
	struct cache_params p = { 0 };
	struct cache_record rec;
	struct run_results results;
	struct strbuf err, text;
	char *rules_dir, *cocci, *order;
	const char *k;

	(void)argc;
	(void)argv;
	strbuf_init(&err);
	/* One rule, so that entries may name it. */
	rules_dir = path_join(dir, "rules");
	cocci = path_join(rules_dir, "r.cocci");
	order = path_join(rules_dir, "ORDER");
	rule_set_init(&rules);
	if (make_dir(rules_dir, &err) < 0 ||
	    write_file(cocci, "/// A rule\nvirtual report\n", 27, &err) < 0 ||
	    write_file(order, "r\n", 2, &err) < 0 ||
	    load_rules(&rules, rules_dir, &err) < 0 || rules.nr != 1)
		abort();
	rules.v[0].selected = true;
	rules.v[0].runs = RUN_REPORT;
	free(rules_dir);
	free(cocci);
	free(order);
	p.dir = dir;
	p.mode = MODE_REPORT;
	p.rules = &rules;
	p.spatch_version = "spatch version fuzz";
	if (cache_open(&cache, &p, &err) < 0)
		abort();
	file_list_init(&files);
	files.v = xcalloc(1, sizeof(*files.v));
	files.v[0].path = xstrdup("drivers/f.c");
	files.nr = files.alloc = 1;
	unit.files = unit_files;
	unit.nr = 1;
	strbuf_init(&texts[0]);
	strbuf_addstr(&texts[0], "int f(void) { return 0; }\n");

	/* A real entry tells where the unit's entry goes, and its key. */
	run_results_init(&results, 1);
	cache_record_init(&rec);
	cache_put_unit(cache, &files, &unit, texts, &results, &rec);
	cache_record_release(&rec);
	run_results_release(&results);
	entry = find_entry(dir);
	if (!entry)
		abort();
	strbuf_init(&text);
	if (read_file(entry, &text, &err) < 0)
		abort();
	/* "<magic line><sha1>\nkey <len>\n<key>\n..." */
	k = strstr(text.buf, "\nkey ");
	k = k ? strchr(k + 1, '\n') : NULL;
	if (!k)
		abort();
	key = xstrndup(k + 1, strcspn(k + 1, "\n"));
	strbuf_release(&text);
	strbuf_release(&err);
	return 0;
}

static void try_entry(const char *data, size_t len, bool may_hit)
{
	struct run_results results;
	struct strbuf err;
	size_t i;
	int hit;

	strbuf_init(&err);
	if (write_file(entry, data, len, &err) < 0)
		abort();
	run_results_init(&results, 1);
	hit = cache_get_unit(cache, &files, &unit, texts, &results);
	FUZZ_ASSERT(hit == 0 || hit == 1);
	if (!hit || !may_hit) {
		FUZZ_ASSERT(!results.nr_findings && !results.nr_problems);
	}
	for (i = 0; i < results.nr_findings; i++)
		FUZZ_ASSERT(results.findings[i].file == 0 ||
			    results.findings[i].file == NO_FILE);
	run_results_release(&results);
	strbuf_release(&err);
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	size_t len, body_len;
	char *encoded, *body;

	/* As a whole file: the checksum almost always says no. */
	body = cache_entry_decode(key, (const char *)data, size, &body_len);
	free(body);
	try_entry((const char *)data, size, true);

	/* As the body of a valid entry. */
	encoded = cache_entry_encode(key, (const char *)data, size, &len);
	body = cache_entry_decode(key, encoded, len, &body_len);
	FUZZ_ASSERT(body && body_len == size && !memcmp(body, data, size));
	free(body);
	try_entry(encoded, len, true);
	free(encoded);
	return 0;
}
