// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and writing whole files, scratch directories, path pieces.
 */
#include "fileio.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Read fd to its end into out (NUL-terminated).  Returns 0, -1 with errno
 * set, or 1 once out holds more than limit bytes.
 */
static int read_fd(int fd, struct strbuf *out, size_t limit)
{
	strbuf_reset(out);
	for (;;) {
		ssize_t n;

		strbuf_grow(out, 65536);
		n = read(fd, out->buf + out->len, out->alloc - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		out->len += (size_t)n;
		if (out->len > limit)
			return 1;
	}
	out->buf[out->len] = '\0';
	return 0;
}

int read_file(const char *path, struct strbuf *out, struct strbuf *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int saved;

	if (fd < 0)
		goto fail;
	if (read_fd(fd, out, SIZE_MAX) < 0)
		goto fail_close;
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

int read_source_file(const char *path, struct strbuf *out,
		     struct strbuf *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	const char *nul;
	struct stat st;
	int saved, ret;

	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) < 0)
		goto fail_close;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		strbuf_addf(err, "%s: not a regular file", path);
		return -1;
	}
	if ((unsigned long long)st.st_size > MAX_SOURCE_BYTES)
		goto too_large;
	/* It may grow while we read: the limit holds for what is read. */
	ret = read_fd(fd, out, MAX_SOURCE_BYTES);
	if (ret < 0)
		goto fail_close;
	if (ret > 0)
		goto too_large;
	close(fd);
	nul = memchr(out->buf, '\0', out->len);
	if (nul) {
		strbuf_addf(err, "%s: holds a NUL byte (offset %zu): a binary "
			    "file, not C source", path,
			    (size_t)(nul - out->buf));
		strbuf_reset(out);
		return -1;
	}
	return 0;

too_large:
	close(fd);
	strbuf_reset(out);
	strbuf_addf(err, "%s: larger than %u MiB: too large for a C source "
		    "file, not read", path, MAX_SOURCE_BYTES >> 20);
	return -1;
fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail:
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

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, beyond U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

bool path_is_nameable(const char *path, const char **why)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t n = strlen(path);

	while (n) {
		size_t len = utf8_length(p, n);

		if (!len) {
			*why = "bytes that are not UTF-8";
			return false;
		}
		if (*p == '\n') {
			*why = "a newline";
			return false;
		}
		if (*p < 0x20 || *p == 0x7f) {
			*why = "a control character";
			return false;
		}
		p += len;
		n -= len;
	}
	return true;
}

void strbuf_add_quoted_path(struct strbuf *sb, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t n = strlen(path);

	while (n) {
		size_t len = utf8_length(p, n);

		if (len > 1 || (len == 1 && *p >= 0x20 && *p != 0x7f &&
				*p != '\\')) {
			strbuf_add(sb, p, len);
		} else if (*p == '\n') {
			strbuf_addstr(sb, "\\n");
			len = 1;
		} else if (*p == '\t') {
			strbuf_addstr(sb, "\\t");
			len = 1;
		} else if (*p == '\\') {
			strbuf_addstr(sb, "\\\\");
			len = 1;
		} else {
			strbuf_addf(sb, "\\x%02x", *p);
			len = 1;
		}
		p += len;
		n -= len;
	}
}

static bool shell_safe_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
	       c == '.';
}

char *scratch_copy_name(const char *path)
{
	char *name = xstrdup(path_basename(path));
	char *p;

	for (p = name; *p; p++)
		if (!shell_safe_byte((unsigned char)*p))
			*p = '_';
	if (*name == '-' || *name == '.' || !*name) {
		char *prefixed = xasprintf("_%s", name);

		free(name);
		name = prefixed;
	}
	return name;
}

bool path_is_shell_safe(const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++)
		if (*p != '/' && !shell_safe_byte(*p))
			return false;
	return true;
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

/* mkdir -p path. */
static int make_dirs(const char *path, struct strbuf *err)
{
	char *copy = xstrdup(path), *p;
	int ret = 0;

	for (p = copy + 1; *p && !ret; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
			strbuf_addf(err, "%s: %s", copy, strerror(errno));
			ret = -1;
		}
		*p = '/';
	}
	if (!ret && mkdir(copy, 0777) < 0 && errno != EEXIST) {
		strbuf_addf(err, "%s: %s", copy, strerror(errno));
		ret = -1;
	}
	free(copy);
	return ret;
}

int write_file_replacing(const char *path, const char *data, size_t len,
			 struct strbuf *err)
{
	char *dir = path_dirname(path), *tmp = xasprintf("%s.tmpXXXXXX", path);
	size_t off = 0;
	int fd = -1, ret = -1;

	if (make_dirs(dir, err) < 0)
		goto out;
	fd = mkstemp(tmp);
	if (fd < 0) {
		strbuf_addf(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(err, "%s: %s", tmp, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		strbuf_addf(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (ret < 0)
		unlink(tmp);
	free(tmp);
	free(dir);
	return ret;
}
