// SPDX-License-Identifier: GPL-2.0-only
/*
 * Finding the version of a kernel tree or headers directory.
 */
#include "kernel_version.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

bool kernel_version_is_valid(const char *s)
{
	const char *dot = strchr(s, '.');
	const char *p;

	if (!dot || dot == s || !dot[1] || dot - s > 3 || strlen(dot) > 4)
		return false;
	for (p = s; *p; p++)
		if (p != dot && !isdigit((unsigned char)*p))
			return false;
	return true;
}

/* The number after "NAME =" on a line of a Makefile, or -1. */
static long makefile_number(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *line;

	for (line = text; line; line = strchr(line, '\n'), line += !!line) {
		const char *p = line;

		if (strncmp(p, name, len))
			continue;
		p += len;
		p += strspn(p, " \t");
		if (*p != '=')
			continue;
		p += 1 + strspn(p + 1, " \t");
		if (isdigit((unsigned char)*p))
			return strtol(p, NULL, 10);
	}
	return -1;
}

/* The path after a leading "include " line, or NULL. */
static char *makefile_include(const char *text)
{
	size_t n;

	if (strncmp(text, "include ", 8))
		return NULL;
	n = strcspn(text + 8, "\n");
	return xstrndup(text + 8, n);
}

/* The whole of a text file, or NULL (why does not matter here). */
static char *slurp(const char *path)
{
	struct strbuf sb, err;

	strbuf_init(&sb);
	strbuf_init(&err);
	if (read_file(path, &sb, &err) < 0) {
		strbuf_release(&sb);
		strbuf_release(&err);
		return NULL;
	}
	strbuf_release(&err);
	return strbuf_detach(&sb, NULL);
}

static int version_from_makefile(const char *path, int depth,
				 char **version)
{
	char *text = slurp(path), *next;
	long major, minor;
	int ret = -1;

	if (!text)
		return -1;
	major = makefile_number(text, "VERSION");
	minor = makefile_number(text, "PATCHLEVEL");
	if (major >= 0 && minor >= 0) {
		*version = xasprintf("%ld.%ld", major, minor);
		ret = 0;
	} else if (depth == 0 && (next = makefile_include(text))) {
		ret = version_from_makefile(next, 1, version);
		free(next);
	}
	free(text);
	return ret;
}

static int version_from_header(const char *path, char **version)
{
	char *text = slurp(path), *p;
	long code;

	if (!text)
		return -1;
	p = strstr(text, "#define LINUX_VERSION_CODE ");
	code = p ? strtol(p + 27, NULL, 10) : -1;
	free(text);
	if (code <= 0)
		return -1;
	*version = xasprintf("%ld.%ld", code >> 16, (code >> 8) & 0xff);
	return 0;
}

int kernel_version_of_dir(const char *dir, char **version,
			  struct strbuf *err)
{
	char *makefile = path_join(dir, "Makefile");
	char *header = path_join(dir,
				 "include/generated/uapi/linux/version.h");
	int ret = 0;

	if (version_from_makefile(makefile, 0, version) < 0 &&
	    version_from_header(header, version) < 0) {
		strbuf_addf(err, "%s: not a kernel tree or headers directory "
			    "(no version in Makefile or %s)", dir,
			    "include/generated/uapi/linux/version.h");
		ret = -1;
	}
	free(makefile);
	free(header);
	return ret;
}
