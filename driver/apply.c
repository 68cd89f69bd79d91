// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rewriting files in place through synced temporaries and rename().
 */
#include "apply.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

struct pending {
	char *target;		/* real path: a symlink stays a symlink */
	char *temp;
};

static int write_fd(int fd, const char *data, size_t len)
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

/* Fail when the file no longer holds what the results were computed on. */
static int check_unchanged(const struct apply_item *item, const char *target,
			   struct strbuf *err)
{
	struct strbuf now;
	int ret = -1;

	strbuf_init(&now);
	if (read_file(target, &now, err) < 0)
		goto out;
	if (now.len != item->expected_len ||
	    memcmp(now.buf, item->expected, now.len)) {
		strbuf_addf(err, "%s: changed while kthreadify was running",
			    item->path);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&now);
	return ret;
}

static int write_temp(const struct apply_item *item, struct pending *p,
		      struct strbuf *err)
{
	char *dir = path_dirname(p->target);
	struct stat st;
	int fd = -1, ret = -1;

	if (stat(p->target, &st) < 0) {
		strbuf_addf(err, "%s: %s", item->path, strerror(errno));
		goto out;
	}
	p->temp = xasprintf("%s/.%s.kthreadify-XXXXXX", dir,
			    path_basename(p->target));
	fd = mkstemp(p->temp);
	if (fd < 0) {
		strbuf_addf(err, "%s: cannot create a temporary file: %s",
			    item->path, strerror(errno));
		free(p->temp);
		p->temp = NULL;
		goto out;
	}
	/* Same permissions (and owner, when we may) as the original. */
	if (fchmod(fd, st.st_mode & 07777) < 0 ||
	    write_fd(fd, item->data, item->len) < 0 || fsync(fd) < 0) {
		strbuf_addf(err, "%s: %s: %s", item->path, p->temp,
			    strerror(errno));
		goto out;
	}
	if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM) {
		strbuf_addf(err, "%s: %s: %s", item->path, p->temp,
			    strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0 && close(fd) < 0 && !ret) {
		strbuf_addf(err, "%s: %s: %s", item->path, p->temp,
			    strerror(errno));
		ret = -1;
	}
	free(dir);
	return ret;
}

static void sync_dir_of(const char *path)
{
	char *dir = path_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static int prepare_all(const struct apply_item *items, size_t nr,
		       struct pending *pending, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		pending[i].target = realpath(items[i].path, NULL);
		if (!pending[i].target) {
			strbuf_addf(err, "%s: %s", items[i].path,
				    strerror(errno));
			return -1;
		}
		if (check_unchanged(&items[i], pending[i].target, err) < 0 ||
		    write_temp(&items[i], &pending[i], err) < 0)
			return -1;
	}
	return 0;
}

static int rename_all(const struct apply_item *items, size_t nr,
		      struct pending *pending, FILE *log, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		if (rename(pending[i].temp, pending[i].target) < 0) {
			strbuf_addf(err, "%s: cannot replace it: %s%s",
				    items[i].path, strerror(errno),
				    i ? " (files before it were rewritten)" :
				    "");
			return -1;
		}
		free(pending[i].temp);
		pending[i].temp = NULL;
		sync_dir_of(pending[i].target);
		fprintf(log, "kthreadify: rewrote %s\n", items[i].path);
	}
	return 0;
}

int apply_changes(const struct apply_item *items, size_t nr, FILE *log,
		  volatile sig_atomic_t *interrupted, struct strbuf *err)
{
	struct pending *pending = xcalloc(nr, sizeof(*pending));
	int ret = -1;
	size_t i;

	if (prepare_all(items, nr, pending, err) < 0)
		goto out;
	if (interrupted && *interrupted) {
		strbuf_addstr(err, "interrupted: no file rewritten");
		goto out;
	}
	ret = rename_all(items, nr, pending, log, err);
out:
	for (i = 0; i < nr; i++) {
		if (pending[i].temp)
			unlink(pending[i].temp);
		free(pending[i].temp);
		free(pending[i].target);
	}
	free(pending);
	return ret;
}
