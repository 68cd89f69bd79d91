// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: rewriting files in place, all or nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apply.h"
#include "fileio.h"
#include "harness.h"

static size_t count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static char *contents(const char *path)
{
	struct strbuf sb, err;

	strbuf_init(&sb);
	strbuf_init(&err);
	read_file(path, &sb, &err);
	strbuf_release(&err);
	return strbuf_detach(&sb, NULL);
}

void test_apply(void)
{
	char *dir = make_temp_dir();
	char *a = path_join(dir, "a.c"), *b = path_join(dir, "b.c");
	struct apply_item items[2] = {
		{ a, "old a\n", 6, "new a\n", 6 },
		{ b, "old b\n", 6, "new b\n", 6 },
	};
	volatile sig_atomic_t stop = 0;
	struct apply_options ao = { NULL, NULL, &stop };
	struct strbuf err;
	struct stat st;
	char *log = NULL, *got;
	size_t loglen = 0;
	FILE *logf;

	strbuf_init(&err);
	write_file(a, "old a\n", 6, &err);
	write_file(b, "changed by someone\n", 19, &err);
	chmod(a, 0600);

	logf = open_memstream(&log, &loglen);
	ao.log = logf;
	CHECK_INT("apply: file changed meanwhile fails",
		  apply_changes(items, 2, &ao, &err), -1);
	fclose(logf);
	CHECK("apply: the changed file is named",
	      strstr(err.buf, "b.c: changed while kthreadify was running") !=
	      NULL);
	got = contents(a);
	CHECK_STR("apply: nothing rewritten on error", got, "old a\n");
	free(got);
	CHECK_INT("apply: no temporary left on error", count_entries(dir), 2);
	CHECK_STR("apply: nothing logged on error", log, "");
	free(log);

	write_file(b, "old b\n", 6, &err);
	stop = 1;
	strbuf_reset(&err);
	logf = open_memstream(&log, &loglen);
	ao.log = logf;
	CHECK_INT("apply: interrupted before renaming fails",
		  apply_changes(items, 2, &ao, &err), -1);
	fclose(logf);
	free(log);
	got = contents(a);
	CHECK_STR("apply: nothing rewritten when interrupted", got,
		  "old a\n");
	free(got);
	CHECK_INT("apply: no temporary left when interrupted",
		  count_entries(dir), 2);

	stop = 0;
	strbuf_reset(&err);
	logf = open_memstream(&log, &loglen);
	ao.log = logf;
	CHECK_INT("apply: rewrites", apply_changes(items, 2, &ao,
						   &err), 0);
	fclose(logf);
	got = contents(a);
	CHECK_STR("apply: new content a", got, "new a\n");
	free(got);
	got = contents(b);
	CHECK_STR("apply: new content b", got, "new b\n");
	free(got);
	stat(a, &st);
	CHECK_INT("apply: permissions kept", st.st_mode & 0777, 0600);
	got = xasprintf("kthreadify: rewrote %s\nkthreadify: rewrote %s\n", a,
			b);
	CHECK_STR("apply: one line per file", log, got);
	free(got);
	free(log);
	CHECK_INT("apply: no temporary left", count_entries(dir), 2);

	/* A read-only file stops the whole run. */
	items[0].expected = "new a\n";
	items[0].data = "newer a\n";
	items[0].len = 8;
	items[1].expected = "new b\n";
	items[1].data = "newer b\n";
	items[1].len = 8;
	chmod(b, 0444);
	strbuf_reset(&err);
	logf = open_memstream(&log, &loglen);
	ao.log = logf;
	CHECK_INT("apply: read-only file refused",
		  apply_changes(items, 2, &ao, &err), -1);
	fclose(logf);
	free(log);
	CHECK("apply: read-only file named",
	      strstr(err.buf, "b.c: read-only (mode 0444)") != NULL);
	got = contents(a);
	CHECK_STR("apply: read-only elsewhere: nothing rewritten", got,
		  "new a\n");
	free(got);
	CHECK_INT("apply: read-only: no temporary left", count_entries(dir),
		  2);
	chmod(b, 0644);

	/* --backup: the originals are kept next to the new versions. */
	ao.backup_suffix = ".orig";
	strbuf_reset(&err);
	logf = open_memstream(&log, &loglen);
	ao.log = logf;
	CHECK_INT("apply --backup: rewrites",
		  apply_changes(items, 2, &ao, &err), 0);
	fclose(logf);
	free(log);
	got = xasprintf("%s.orig", a);
	free(a);
	a = got;
	got = contents(a);
	CHECK_STR("apply --backup: original kept", got, "new a\n");
	free(got);
	stat(a, &st);
	CHECK_INT("apply --backup: backup has the original's mode",
		  st.st_mode & 0777, 0600);
	CHECK_INT("apply --backup: two files, two backups, no temporary",
		  count_entries(dir), 4);

	remove_tree(dir);
	free(a);
	free(b);
	free(dir);
	strbuf_release(&err);
}
