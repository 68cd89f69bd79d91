// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the harnesses share, linked into each fuzzer and the replay driver.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

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

/* Where the harness started: opened on the first entry. */
static int home_fd = -1;

void fuzz_enter_dir(const char *dir)
{
	if (home_fd < 0)
		home_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (home_fd < 0 || chdir(dir) < 0)
		abort();
}

void fuzz_leave_dir(void)
{
	if (fchdir(home_fd) < 0)
		abort();
}
