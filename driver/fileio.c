// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and writing whole files, scratch directories, path pieces.
 */
#include "fileio.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int read_file(const char *path, struct strbuf *out, struct strbuf *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		goto fail;
	strbuf_reset(out);
	for (;;) {
		strbuf_grow(out, 65536);
		n = read(fd, out->buf + out->len, out->alloc - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_close;
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->buf[out->len] = '\0';
	close(fd);
	return 0;

fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail:
	/* Callers may look at errno (ENOENT: an optional file is absent). */
	saved = errno;
	strbuf_addf(err, "%s: %s", path, strerror(saved));
	errno = saved;
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file(const char *path, const char *data, size_t len,
	       struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		goto fail;
	if (write_all(fd, data, len) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) < 0)
		goto fail;
	return 0;
fail:
	strbuf_addf(err, "%s: %s", path, strerror(errno));
	return -1;
}

int make_dir(const char *path, struct strbuf *err)
{
	if (mkdir(path, 0700) == 0)
		return 0;
	strbuf_addf(err, "%s: %s", path, strerror(errno));
	return -1;
}

int remove_tree(const char *path)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int ret = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		char *child;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		child = path_join(path, de->d_name);
		if (remove_tree(child) < 0)
			ret = -1;
		free(child);
	}
	closedir(dir);
	if (rmdir(path) < 0)
		ret = -1;
	return ret;
}

char *path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);

	if (len && dir[len - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

char *search_path(const char *name)
{
	const char *path = getenv("PATH");
	const char *p;

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p++) {
		size_t len = strcspn(p, ":");
		char *candidate = len ? xasprintf("%.*s/%s", (int)len, p, name)
				      : xasprintf("./%s", name);

		if (is_executable_file(candidate))
			return candidate;
		free(candidate);
		p += len;
		if (!*p)
			return NULL;
	}
}
