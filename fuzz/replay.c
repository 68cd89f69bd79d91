// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replay a fuzz corpus without a fuzzing engine:
 *
 *   replay TARGET FILE|DIR...
 *
 * runs the harness of TARGET once on each file (a directory: on each file
 * in it, in name order).  A crash or a failed property aborts, with the
 * sanitizers' report; the file being run is named on stderr first.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "strbuf.h"
#include "fileio.h"

#define TARGET(name)                                                     \
	int fuzz_one_##name(const uint8_t *data, size_t size);           \
	int fuzz_init_##name(int *argc, char ***argv);
#include "targets.h"
#undef TARGET

struct target {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
	int (*init)(int *argc, char ***argv);
};

#define TARGET(name) { #name, fuzz_one_##name, fuzz_init_##name },
static const struct target targets[] = {
#include "targets.h"
};
#undef TARGET

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t run_file(const struct target *t, const char *path)
{
	struct strbuf sb, err;

	strbuf_init(&sb);
	strbuf_init(&err);
	if (read_file(path, &sb, &err) < 0) {
		fprintf(stderr, "replay: %s\n", err.buf);
		exit(2);
	}
	fprintf(stderr, "replay: %s: %s\n", t->name, path);
	t->one((const uint8_t *)sb.buf, sb.len);
	strbuf_release(&sb);
	strbuf_release(&err);
	return 1;
}

static size_t run_path(const struct target *t, const char *path)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i, done = 0;
	DIR *d;

	if (stat(path, &st) < 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(t, path);
	d = opendir(path);
	if (!d) {
		perror(path);
		exit(2);
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			names = grow_array(names, sizeof(*names), nr + 1,
					   &alloc);
			names[nr++] = path_join(path, de->d_name);
		}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_str);
	for (i = 0; i < nr; i++) {
		done += run_path(t, names[i]);
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	const struct target *t = NULL;
	size_t i, done = 0;
	int i_arg;

	if (argc < 3) {
		fprintf(stderr, "usage: replay TARGET FILE|DIR...\n");
		return 2;
	}
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (!strcmp(targets[i].name, argv[1]))
			t = &targets[i];
	if (!t) {
		fprintf(stderr, "replay: unknown target '%s'\n", argv[1]);
		return 2;
	}
	t->init(&argc, &argv);
	for (i_arg = 2; i_arg < argc; i_arg++)
		done += run_path(t, argv[i_arg]);
	printf("replay: %s: %zu inputs, no crash\n", t->name, done);
	return 0;
}
