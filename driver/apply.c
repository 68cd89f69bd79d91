// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rewriting files in place, all or nothing per run.
 *
 * 1. The directories of the files are locked (flock(), in device and inode
 *    order, so two runs cannot deadlock): a second kthreadify rewriting
 *    the same files waits, then finds them changed and writes nothing.
 * 2. Each file must still hold what the analysis read, and be writable
 *    (a read-only file is left alone, and so is the whole run).
 * 3. Each new version (and with --backup, a copy of the original) is
 *    written to a temporary file next to its target, synced, read back and
 *    compared.
 * 4. SIGINT, SIGTERM and SIGHUP are held.  If one came before, nothing is
 *    renamed.  Each target is stat()ed again: a file whose inode, size,
 *    mtime or ctime moved since step 2 stops the run.
 * 5. The renames: from here on the run finishes them even when a signal
 *    comes (it is delivered afterwards, and the run then ends with an
 *    error that says every file was rewritten).
 * Up to step 5 every error, signal or change leaves every file as it was
 * and removes every temporary file.
 */
#include "apply.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"

struct pending {
	const struct apply_item *item;
	char *target;		/* real path: a symlink stays a symlink */
	char *temp;		/* the new version, next to target */
	char *backup_temp;	/* --backup: the original, next to target */
	char *backup;		/* --backup: target + suffix */
	struct stat st;		/* the target when it was checked */
};

struct dir_lock {
	dev_t dev;
	ino_t ino;
	int fd;
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

static bool is_interrupted(const struct apply_options *opts)
{
	return opts->interrupted && *opts->interrupted;
}

/*
 * Tests only: KTHREADIFY_TEST_APPLY_DELAY_MS makes each step of the
 * rewrite that long, so that a test can signal a run in the middle of it.
 */
static void test_delay(void)
{
	const char *v = getenv("KTHREADIFY_TEST_APPLY_DELAY_MS");
	struct timespec ts;
	long ms;

	if (!v || !*v)
		return;
	ms = strtol(v, NULL, 10);
	if (ms <= 0 || ms > 10000)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);	/* a signal may cut it short */
}

static int cmp_lock(const void *a, const void *b)
{
	const struct dir_lock *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

static void unlock_dirs(struct dir_lock *locks, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (locks[i].fd >= 0)
			close(locks[i].fd);	/* releases the flock */
	free(locks);
}

/*
 * Lock the directory of every target, each once, in (device, inode)
 * order.  A file system without flock() is used unlocked.
 */
static int lock_dirs(struct pending *p, size_t nr,
		     const struct apply_options *opts,
		     struct dir_lock **out, size_t *nr_out, struct strbuf *err)
{
	struct dir_lock *locks = xcalloc(nr ? nr : 1, sizeof(*locks));
	size_t i, n = 0;

	for (i = 0; i < nr; i++) {
		char *dir = path_dirname(p[i].target);
		struct stat st;
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &st) < 0) {
			strbuf_addf(err, "%s: %s", dir, strerror(errno));
			if (fd >= 0)
				close(fd);
			free(dir);
			unlock_dirs(locks, n);
			return -1;
		}
		free(dir);
		locks[n++] = (struct dir_lock){ st.st_dev, st.st_ino, fd };
	}
	qsort(locks, n, sizeof(*locks), cmp_lock);
	for (i = 0; i < n; i++) {
		if (i && !cmp_lock(&locks[i], &locks[i - 1])) {
			close(locks[i].fd);
			locks[i].fd = -1;
			continue;
		}
		while (flock(locks[i].fd, LOCK_EX) < 0) {
			if (errno != EINTR)
				break;	/* ENOLCK, EOPNOTSUPP: unlocked */
			if (is_interrupted(opts)) {
				strbuf_addstr(err, "interrupted while waiting "
					      "for another kthreadify run: no "
					      "file rewritten");
				unlock_dirs(locks, n);
				return -1;
			}
		}
	}
	*out = locks;
	*nr_out = n;
	return 0;
}

/*
 * The target must hold what the results were computed on, and may be
 * written: a read-only file is the owner saying no.
 */
static int check_target(struct pending *p, struct strbuf *err)
{
	const struct apply_item *item = p->item;
	struct strbuf now;
	struct stat after;
	int ret = -1;

	strbuf_init(&now);
	if (stat(p->target, &p->st) < 0) {
		strbuf_addf(err, "%s: %s", item->path, strerror(errno));
		goto out;
	}
	if (!(p->st.st_mode & 0222)) {
		strbuf_addf(err, "%s: read-only (mode %04o): not rewriting it, "
			    "nor any other file", item->path,
			    (unsigned int)(p->st.st_mode & 07777));
		goto out;
	}
	if (read_file(p->target, &now, err) < 0)
		goto out;
	if (stat(p->target, &after) < 0 ||
	    after.st_mtim.tv_sec != p->st.st_mtim.tv_sec ||
	    after.st_mtim.tv_nsec != p->st.st_mtim.tv_nsec ||
	    now.len != item->expected_len ||
	    (now.len && memcmp(now.buf, item->expected, now.len))) {
		strbuf_addf(err, "%s: changed while kthreadify was running: "
			    "no file rewritten", item->path);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&now);
	return ret;
}

/* The file still is what check_target() saw: same inode, size, times. */
static bool unchanged_since_check(const struct pending *p)
{
	struct stat st;

	return stat(p->target, &st) == 0 && st.st_dev == p->st.st_dev &&
	       st.st_ino == p->st.st_ino && st.st_size == p->st.st_size &&
	       st.st_mtim.tv_sec == p->st.st_mtim.tv_sec &&
	       st.st_mtim.tv_nsec == p->st.st_mtim.tv_nsec &&
	       st.st_ctim.tv_sec == p->st.st_ctim.tv_sec &&
	       st.st_ctim.tv_nsec == p->st.st_ctim.tv_nsec;
}

/*
 * Write data to a new temporary file next to p->target, with the target's
 * permissions (and owner, when we may), synced, then read back and
 * compared.  *temp is set as soon as the file exists, so that the caller
 * removes it whatever happens.
 */
static int write_temp(const struct pending *p, const char *tag,
		      const char *data, size_t len, char **temp,
		      struct strbuf *err)
{
	const char *path = p->item->path;
	char *dir = path_dirname(p->target);
	struct strbuf back;
	int fd, ret = -1;

	strbuf_init(&back);
	*temp = xasprintf("%s/.%s.kthreadify%s-XXXXXX", dir,
			  path_basename(p->target), tag);
	fd = mkstemp(*temp);
	if (fd < 0) {
		strbuf_addf(err, "%s: cannot create a temporary file: %s",
			    path, strerror(errno));
		free(*temp);
		*temp = NULL;
		goto out;
	}
	if (fchmod(fd, p->st.st_mode & 07777) < 0 ||
	    write_fd(fd, data, len) < 0 || fsync(fd) < 0) {
		strbuf_addf(err, "%s: %s: %s", path, *temp, strerror(errno));
		close(fd);
		goto out;
	}
	if (fchown(fd, p->st.st_uid, p->st.st_gid) < 0 && errno != EPERM) {
		strbuf_addf(err, "%s: %s: %s", path, *temp, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) < 0) {
		strbuf_addf(err, "%s: %s: %s", path, *temp, strerror(errno));
		goto out;
	}
	if (read_file(*temp, &back, err) < 0)
		goto out;
	if (back.len != len || (len && memcmp(back.buf, data, len))) {
		strbuf_addf(err, "%s: %s: does not read back what was written",
			    path, *temp);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&back);
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

static int prepare_one(struct pending *p, const struct apply_options *opts,
		       struct strbuf *err)
{
	const struct apply_item *item = p->item;

	if (check_target(p, err) < 0 ||
	    write_temp(p, "", item->data, item->len, &p->temp, err) < 0)
		return -1;
	if (opts->backup_suffix) {
		p->backup = xasprintf("%s%s", p->target, opts->backup_suffix);
		if (write_temp(p, "-backup", item->expected,
			       item->expected_len, &p->backup_temp, err) < 0)
			return -1;
	}
	return 0;
}

#ifdef KTHREADIFY_FAULT_EAGER_RENAME
/*
 * A deliberately broken build for the tests (make build/kthreadify-fault):
 * each file is renamed into place as soon as it is written, so that an
 * interrupted run leaves some files rewritten and others not.  The tests
 * check that they catch it.
 */
static void fault_rename_now(struct pending *p)
{
	if (rename(p->temp, p->target) == 0) {
		free(p->temp);
		p->temp = NULL;
		stat(p->target, &p->st);
	}
}
#endif

static int prepare_all(struct pending *pending, size_t nr,
		       const struct apply_options *opts, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		if (is_interrupted(opts)) {
			strbuf_addstr(err, "interrupted: no file rewritten");
			return -1;
		}
		if (prepare_one(&pending[i], opts, err) < 0)
			return -1;
#ifdef KTHREADIFY_FAULT_EAGER_RENAME
		fault_rename_now(&pending[i]);
#endif
		test_delay();
	}
	return 0;
}

/* Step 4: the last look before the renames, with signals held. */
static int last_check(struct pending *pending, size_t nr,
		      const struct apply_options *opts, struct strbuf *err)
{
	size_t i;

	if (is_interrupted(opts)) {
		strbuf_addstr(err, "interrupted: no file rewritten");
		return -1;
	}
	for (i = 0; i < nr; i++)
		if (!unchanged_since_check(&pending[i])) {
			strbuf_addf(err, "%s: changed while kthreadify was "
				    "running: no file rewritten",
				    pending[i].item->path);
			return -1;
		}
	return 0;
}

static int rename_all(struct pending *pending, size_t nr,
		      const struct apply_options *opts, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		struct pending *p = &pending[i];

		if (p->backup_temp) {
			if (rename(p->backup_temp, p->backup) < 0) {
				strbuf_addf(err, "%s: cannot keep a backup: "
					    "%s%s", p->item->path,
					    strerror(errno), i ? " (files "
					    "before it were rewritten)" : "");
				return -1;
			}
			free(p->backup_temp);
			p->backup_temp = NULL;
		}
		if (p->temp && rename(p->temp, p->target) < 0) {
			strbuf_addf(err, "%s: cannot replace it: %s%s",
				    p->item->path, strerror(errno),
				    i ? " (files before it were rewritten)" :
				    "");
			return -1;
		}
		free(p->temp);
		p->temp = NULL;
		sync_dir_of(p->target);
		fprintf(opts->log, "kthreadify: rewrote %s\n", p->item->path);
		test_delay();
	}
	return 0;
}

int apply_changes(const struct apply_item *items, size_t nr,
		  const struct apply_options *opts, struct strbuf *err)
{
	struct pending *pending = xcalloc(nr ? nr : 1, sizeof(*pending));
	struct dir_lock *locks = NULL;
	sigset_t hold, old;
	size_t i, nr_locks = 0;
	int ret = -1;

	for (i = 0; i < nr; i++)
		pending[i].item = &items[i];
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	for (i = 0; i < nr; i++) {
		pending[i].target = realpath(items[i].path, NULL);
		if (!pending[i].target) {
			strbuf_addf(err, "%s: %s", items[i].path,
				    strerror(errno));
			goto out;
		}
	}
	if (lock_dirs(pending, nr, opts, &locks, &nr_locks, err) < 0)
		goto out;
	if (prepare_all(pending, nr, opts, err) < 0)
		goto out_unlock;

	sigprocmask(SIG_BLOCK, &hold, &old);
	ret = last_check(pending, nr, opts, err);
	if (!ret)
		ret = rename_all(pending, nr, opts, err);
	fflush(opts->log);
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* A signal held during the renames has been delivered now. */
	if (!ret && is_interrupted(opts)) {
		strbuf_addf(err, "interrupted once the renames had started: "
			    "finished them, all %zu files were rewritten", nr);
		ret = -1;
	}
out_unlock:
	unlock_dirs(locks, nr_locks);
out:
	for (i = 0; i < nr; i++) {
		if (pending[i].temp)
			unlink(pending[i].temp);
		if (pending[i].backup_temp)
			unlink(pending[i].backup_temp);
		free(pending[i].temp);
		free(pending[i].backup_temp);
		free(pending[i].backup);
		free(pending[i].target);
	}
	free(pending);
	return ret;
}
