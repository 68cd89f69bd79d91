// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the harnesses share, linked into each fuzzer and the replay driver.
 */
#include <stdlib.h>

#include "fileio.h"
#include "fuzz.h"
#include "strbuf.h"

static char *temp_dirs[8];
static size_t nr_temp_dirs;

static void remove_temp_dirs(void)
{
	while (nr_temp_dirs)
		remove_tree(temp_dirs[--nr_temp_dirs]);
}

char *fuzz_temp_dir(const char *tmpl)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/%s", tmp && *tmp ? tmp : "/tmp", tmpl);

	if (!mkdtemp(dir) || nr_temp_dirs == 8)
		abort();
	if (!nr_temp_dirs)
		atexit(remove_temp_dirs);
	temp_dirs[nr_temp_dirs++] = dir;
	return dir;
}
