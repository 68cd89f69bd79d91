// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "harness.h"
#include "kernel_version.h"

static void test_valid(void)
{
	CHECK("kernel: 6.1 is a version", kernel_version_is_valid("6.1"));
	CHECK("kernel: 5.17 is a version", kernel_version_is_valid("5.17"));
	CHECK("kernel: 6 is not", !kernel_version_is_valid("6"));
	CHECK("kernel: 6.1.2 is not", !kernel_version_is_valid("6.1.2"));
	CHECK("kernel: v6.1 is not", !kernel_version_is_valid("v6.1"));
	CHECK("kernel: .1 is not", !kernel_version_is_valid(".1"));
	CHECK("kernel: 6. is not", !kernel_version_is_valid("6."));
	CHECK("kernel: 6.x is not", !kernel_version_is_valid("6.x"));
}

/* mkdir -p of the directory that will hold path. */
static void make_parents(const char *path)
{
	char *copy = xstrdup(path), *slash;

	for (slash = strchr(copy + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(copy, 0700);
		*slash = '/';
	}
	free(copy);
}

/* One directory, its version read back, then removed. */
static void check_dir(const char *name, const char *files[][2],
		      const char *want)
{
	char *dir = make_temp_dir(), *version = NULL;
	struct strbuf err;
	size_t i;

	strbuf_init(&err);
	for (i = 0; files[i][0]; i++) {
		char *path = path_join(dir, files[i][0]);

		make_parents(path);
		if (write_file(path, files[i][1], strlen(files[i][1]), &err))
			abort();
		free(path);
	}
	if (want) {
		CHECK_INT(name, kernel_version_of_dir(dir, &version, &err), 0);
		CHECK_STR(name, version ? version : "(none)", want);
	} else {
		CHECK_INT(name, kernel_version_of_dir(dir, &version, &err), -1);
		CHECK(name, strstr(err.buf, dir) != NULL);
	}
	free(version);
	strbuf_release(&err);
	remove_tree(dir);
	free(dir);
}

static void test_dirs(void)
{
	const char *source[][2] = {
		{ "Makefile", "# SPDX\nVERSION = 6\nPATCHLEVEL = 7\n"
			      "SUBLEVEL = 3\n" },
		{ NULL, NULL },
	};
	const char *headers[][2] = {
		{ "include/generated/uapi/linux/version.h",
		  "#define LINUX_VERSION_CODE 393664\n" },
		{ NULL, NULL },
	};
	const char *empty[][2] = {
		{ "README", "not a kernel\n" },
		{ NULL, NULL },
	};

	check_dir("kernel: version of a source tree", source, "6.7");
	check_dir("kernel: version of a headers directory", headers, "6.1");
	check_dir("kernel: a directory that is no kernel", empty, NULL);
}

void test_kernel_version(void)
{
	test_valid();
	test_dirs();
}
