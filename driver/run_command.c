// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parallel child processes with captured output and timeouts.
 *
 * Each child runs in its own process group, so that killing it also kills
 * whatever it started (spatch's workers, a shell's sleep).  SIGINT,
 * SIGTERM, SIGHUP and SIGCHLD are blocked while the loop runs and unblocked
 * only inside ppoll(), so a signal cannot slip in between checking the
 * interrupt flag and going to sleep.  As child subreaper we also get what a
 * child left outside its group, and kill it (kill_adopted()).
 */
#include "run_command.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long a child may take to die after SIGTERM before it gets SIGKILL. */
#define KILL_GRACE_MS 1000
/* How long to wait for the pipes of a dead child to drain. */
#define DRAIN_MS 2000
/*
 * What is kept of a child's stdout and of its stderr.  spatch prints a few
 * kilobytes per file; one that prints more than this is stopped and
 * counted as failed, so that memory stays bounded.
 */
#define MAX_CAPTURE_BYTES (64u << 20)

struct pp_state {
	const struct run_process_parallel_opts *opts;
	struct child_process *children;
	void **task_cbs;
	bool *busy;
	size_t nr_running;
	bool shutdown;
	int result;
};

static void timespec_add_ms(struct timespec *ts, long ms)
{
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static long ms_until(const struct timespec *now, const struct timespec *t)
{
	long ms = (t->tv_sec - now->tv_sec) * 1000L +
		  (t->tv_nsec - now->tv_nsec) / 1000000L;

	return ms < 0 ? 0 : ms;
}

static bool reached(const struct timespec *now, const struct timespec *t)
{
	return now->tv_sec > t->tv_sec ||
	       (now->tv_sec == t->tv_sec && now->tv_nsec >= t->tv_nsec);
}

static void now_monotonic(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
}

/* "Never", yet small enough for millisecond arithmetic. */
static void set_far_future(struct timespec *ts)
{
	now_monotonic(ts);
	ts->tv_sec += 365L * 24 * 3600;
}

static void noop_handler(int sig)
{
	(void)sig;
}

static void child_reset(struct child_process *cp)
{
	strvec_clear(&cp->args);
	strvec_init(&cp->args);
	strbuf_reset(&cp->out);
	strbuf_reset(&cp->err);
	cp->outcome = CHILD_EXITED;
	cp->status = 0;
	cp->timeout_sec = 0;
	cp->pid = 0;
	cp->out_fd = -1;
	cp->err_fd = -1;
	cp->term_sent = false;
	cp->kill_sent = false;
	cp->cancelled = false;
	cp->overflow = false;
}

static int spawn_child(struct child_process *cp, unsigned int timeout_sec)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int out[2] = { -1, -1 }, err[2] = { -1, -1 };
	sigset_t none, dfl;
	int ret;

	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
		ret = errno;
		goto close_pipes;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGCHLD);
	sigaddset(&dfl, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	ret = posix_spawn(&cp->pid, cp->args.v[0], &fa, &attr, cp->args.v,
			  environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (ret)
		goto close_pipes;
	close(out[1]);
	close(err[1]);
	cp->out_fd = out[0];
	cp->err_fd = err[0];
	fcntl(cp->out_fd, F_SETFL, O_NONBLOCK);
	fcntl(cp->err_fd, F_SETFL, O_NONBLOCK);
	now_monotonic(&cp->deadline);
	if (timeout_sec)
		timespec_add_ms(&cp->deadline, (long)timeout_sec * 1000L);
	else
		set_far_future(&cp->deadline);
	return 0;

close_pipes:
	if (out[0] >= 0) {
		close(out[0]);
		close(out[1]);
	}
	if (err[0] >= 0) {
		close(err[0]);
		close(err[1]);
	}
	return ret;
}

/* Read what is there; close the fd at end of file. */
static void read_available(struct child_process *cp, int *fd,
			   struct strbuf *sb)
{
	for (;;) {
		ssize_t n;

		if (sb->len >= MAX_CAPTURE_BYTES && !cp->overflow) {
			/* Stop it now; finish_child() says why. */
			cp->overflow = true;
			kill(-cp->pid, SIGKILL);
		}
		/* Once stopped, keep draining but keep nothing. */
		if (cp->overflow)
			strbuf_reset(sb);
		strbuf_grow(sb, 65536);
		n = read(*fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n > 0) {
			sb->len += (size_t)n;
			sb->buf[sb->len] = '\0';
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		close(*fd);
		*fd = -1;
		return;
	}
}

/* The child is dead: read its pipes to the end, with a bound. */
static void drain(struct child_process *cp)
{
	struct timespec now, until;

	now_monotonic(&until);
	timespec_add_ms(&until, DRAIN_MS);
	while (cp->out_fd >= 0 || cp->err_fd >= 0) {
		struct pollfd pfd[2];
		nfds_t n = 0;

		now_monotonic(&now);
		if (reached(&now, &until))
			break;
		if (cp->out_fd >= 0)
			pfd[n++] = (struct pollfd){ cp->out_fd, POLLIN, 0 };
		if (cp->err_fd >= 0)
			pfd[n++] = (struct pollfd){ cp->err_fd, POLLIN, 0 };
		if (poll(pfd, n, (int)ms_until(&now, &until)) <= 0)
			continue;
		if (cp->out_fd >= 0)
			read_available(cp, &cp->out_fd, &cp->out);
		if (cp->err_fd >= 0)
			read_available(cp, &cp->err_fd, &cp->err);
	}
	if (cp->out_fd >= 0)
		close(cp->out_fd);
	if (cp->err_fd >= 0)
		close(cp->err_fd);
	cp->out_fd = -1;
	cp->err_fd = -1;
}

static void kill_all(struct pp_state *pp)
{
	size_t i;

	for (i = 0; i < pp->opts->processes; i++) {
		struct child_process *cp = &pp->children[i];

		if (!pp->busy[i] || cp->term_sent)
			continue;
		cp->cancelled = true;
		now_monotonic(&cp->deadline);
	}
}

static void stop_run(struct pp_state *pp)
{
	pp->result = -1;
	pp->shutdown = true;
	kill_all(pp);
}

/*
 * A child of ours that kill_adopted() must leave alone: a running child,
 * or a process of a running child's group (killed with it when it ends).
 */
static bool is_running(const struct pp_state *pp, pid_t pid)
{
	pid_t pgid = getpgid(pid);
	size_t i;

	for (i = 0; i < pp->opts->processes; i++) {
		if (!pp->busy[i])
			continue;
		if (pp->children[i].pid == pid || pp->children[i].pid == pgid)
			return true;
	}
	return false;
}

/* Is /proc/PID/stat (in buf) that of a child of ours? */
static bool stat_is_child(const char *buf)
{
	/* "pid (comm) state ppid ...": comm may hold anything. */
	const char *close_paren = strrchr(buf, ')');
	int ppid;

	return close_paren &&
	       sscanf(close_paren + 1, " %*c %d", &ppid) == 1 &&
	       ppid == (int)getpid();
}

/* Our children, from every /proc/PID/stat.  At most max of them. */
static size_t scan_children(pid_t *pids, size_t max)
{
	char path[64], buf[4096];
	struct dirent *de;
	size_t n = 0, len;
	DIR *d;
	FILE *f;

	d = opendir("/proc");
	if (!d)
		return 0;
	while (n < max && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat",
			 atoi(de->d_name));
		f = fopen(path, "re");
		if (!f)
			continue;
		len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[len] = '\0';
		if (stat_is_child(buf))
			pids[n++] = (pid_t)atoi(de->d_name);
	}
	closedir(d);
	return n;
}

/*
 * Our children per the kernel (CONFIG_PROC_CHILDREN), else from every
 * /proc/PID/stat.  Returns the number found, at most max.
 */
static size_t list_children(pid_t *pids, size_t max)
{
	char path[64];
	size_t n = 0;
	int pid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
		 (int)getpid(), (int)getpid());
	f = fopen(path, "re");
	if (!f)
		return scan_children(pids, max);
	while (n < max && fscanf(f, "%d", &pid) == 1)
		pids[n++] = (pid_t)pid;
	fclose(f);
	return n;
}

/*
 * As subreaper we adopt what a child left running outside its process
 * group (a grandchild that called setsid(), whose parent died): kill each
 * such orphan with its own group, reap it, and look again, since its
 * children come to us in turn.  Only our own children are waited for, and
 * only once SIGKILL reached them, so this cannot block for long.
 */
static void kill_adopted(const struct pp_state *pp)
{
	pid_t pids[256];
	int round;

#ifdef KTHREADIFY_FAULT_KEEP_ORPHANS
	/*
	 * A deliberately broken build for the tests (make
	 * build/kthreadify-fault): orphans are left running and outlive
	 * us.  The tests check that they catch it.
	 */
	return;
#endif
	for (round = 0; round < 100; round++) {
		size_t n = list_children(pids, 256), i, reaped = 0;

		for (i = 0; i < n; i++) {
			if (is_running(pp, pids[i]))
				continue;
			kill(-pids[i], SIGKILL);
			/* Not ours to kill (it changed its uid): leave it. */
			if (kill(pids[i], SIGKILL) < 0)
				continue;
			while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
				;
			reaped++;
		}
		if (!reaped)
			return;
	}
}

/* What a child that printed too much is reported as. */
static void report_overflow(struct child_process *cp)
{
	/* Give the memory back: the slot's next child starts small. */
	strbuf_release(&cp->out);
	strbuf_release(&cp->err);
	strbuf_init(&cp->out);
	strbuf_init(&cp->err);
	strbuf_addf(&cp->err, "stopped by kthreadify: it printed more than "
		    "%u MiB\n", MAX_CAPTURE_BYTES >> 20);
	cp->outcome = CHILD_SIGNALED;
	cp->status = SIGKILL;
}

static void finish_child(struct pp_state *pp, size_t i)
{
	struct child_process *cp = &pp->children[i];
	int status = 0;

	/*
	 * The leader is a zombie until reaped, so its pid cannot be reused:
	 * killing the group now reaches only what it left behind.
	 */
	kill(-cp->pid, SIGKILL);
	/* An orphan out of the group may hold the pipes open. */
	kill_adopted(pp);
	drain(cp);
	while (waitpid(cp->pid, &status, 0) < 0 && errno == EINTR)
		;
	/* As subreaper we inherited the group's orphans: reap them too. */
	while (waitpid(-cp->pid, NULL, 0) > 0 || errno == EINTR)
		;
	/* Reaped: no longer ours, so kill_adopted() must not spare its pid. */
	pp->busy[i] = false;
	pp->nr_running--;
	kill_adopted(pp);
	if (cp->cancelled) {
		cp->outcome = CHILD_CANCELLED;
		cp->status = 0;
	} else if (cp->overflow) {
		report_overflow(cp);
	} else if (cp->term_sent) {
		cp->outcome = CHILD_TIMED_OUT;
		cp->status = 0;
	} else if (WIFSIGNALED(status)) {
		cp->outcome = CHILD_SIGNALED;
		cp->status = WTERMSIG(status);
	} else {
		cp->outcome = CHILD_EXITED;
		cp->status = WEXITSTATUS(status);
	}
	if (pp->opts->task_finished(cp, pp->opts->data, pp->task_cbs[i]) < 0)
		stop_run(pp);
}

static bool child_exited(const struct child_process *cp)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	if (waitid(P_PID, (id_t)cp->pid, &info,
		   WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno == ECHILD;
	return info.si_pid != 0;
}

/* Start children while there are free slots and tasks to give. */
static void start_children(struct pp_state *pp)
{
	size_t i;

	for (i = 0; i < pp->opts->processes && !pp->shutdown; i++) {
		struct child_process *cp = &pp->children[i];
		int ret;

		if (pp->busy[i])
			continue;
		child_reset(cp);
		pp->task_cbs[i] = NULL;
		ret = pp->opts->get_next_task(cp, pp->opts->data,
					      &pp->task_cbs[i]);
		if (ret < 0) {
			stop_run(pp);
			return;
		}
		if (ret == 0)
			return;
		ret = spawn_child(cp, cp->timeout_sec ? cp->timeout_sec :
				  pp->opts->timeout_sec);
		if (ret) {
			if (pp->opts->start_failure(cp, ret, pp->opts->data,
						    pp->task_cbs[i]) < 0) {
				stop_run(pp);
				return;
			}
			i--;	/* the slot is still free */
			continue;
		}
		pp->busy[i] = true;
		pp->nr_running++;
	}
}

/* SIGTERM at the deadline, SIGKILL after the grace period. */
static void enforce_deadlines(struct pp_state *pp)
{
	struct timespec now;
	size_t i;

	now_monotonic(&now);
	for (i = 0; i < pp->opts->processes; i++) {
		struct child_process *cp = &pp->children[i];

		if (!pp->busy[i] || !reached(&now, &cp->deadline))
			continue;
		if (!cp->term_sent) {
			kill(-cp->pid, SIGTERM);
			cp->term_sent = true;
			cp->deadline = now;
			timespec_add_ms(&cp->deadline, KILL_GRACE_MS);
		} else if (!cp->kill_sent) {
			kill(-cp->pid, SIGKILL);
			cp->kill_sent = true;
			set_far_future(&cp->deadline);
		}
	}
}

static void wait_for_events(struct pp_state *pp, const sigset_t *unblocked)
{
	size_t n = pp->opts->processes, i, nfds = 0;
	struct pollfd *pfd = xcalloc(2 * n, sizeof(*pfd));
	struct timespec now, timeout, *next = NULL;
	long min_ms = -1;

	now_monotonic(&now);
	for (i = 0; i < n; i++) {
		struct child_process *cp = &pp->children[i];
		long ms;

		if (!pp->busy[i])
			continue;
		if (cp->out_fd >= 0)
			pfd[nfds++] = (struct pollfd){ cp->out_fd, POLLIN, 0 };
		if (cp->err_fd >= 0)
			pfd[nfds++] = (struct pollfd){ cp->err_fd, POLLIN, 0 };
		ms = ms_until(&now, &cp->deadline);
		if (min_ms < 0 || ms < min_ms)
			min_ms = ms;
	}
	if (min_ms >= 0) {
		timeout.tv_sec = min_ms / 1000;
		timeout.tv_nsec = (min_ms % 1000) * 1000000L;
		next = &timeout;
	}
	/* EINTR (SIGCHLD, SIGINT) is one of the events we wait for. */
	ppoll(pfd, nfds, next, unblocked);
	free(pfd);
}

static void collect(struct pp_state *pp)
{
	size_t i;

	for (i = 0; i < pp->opts->processes; i++) {
		struct child_process *cp = &pp->children[i];

		if (!pp->busy[i])
			continue;
		if (cp->out_fd >= 0)
			read_available(cp, &cp->out_fd, &cp->out);
		if (cp->err_fd >= 0)
			read_available(cp, &cp->err_fd, &cp->err);
		if (child_exited(cp))
			finish_child(pp, i);
	}
}

static void run_loop(struct pp_state *pp, const sigset_t *unblocked)
{
	for (;;) {
		if (pp->opts->interrupted && *pp->opts->interrupted &&
		    !pp->shutdown)
			stop_run(pp);
		start_children(pp);
		if (!pp->nr_running)
			break;
		enforce_deadlines(pp);
		wait_for_events(pp, unblocked);
		collect(pp);
	}
}

int run_processes_parallel(const struct run_process_parallel_opts *opts)
{
	struct sigaction sa, old_chld;
	sigset_t block, old_mask;
	struct pp_state pp;
	size_t i;

	memset(&pp, 0, sizeof(pp));
	pp.opts = opts;
	pp.children = xcalloc(opts->processes, sizeof(*pp.children));
	pp.task_cbs = xcalloc(opts->processes, sizeof(*pp.task_cbs));
	pp.busy = xcalloc(opts->processes, sizeof(*pp.busy));
	for (i = 0; i < opts->processes; i++) {
		strvec_init(&pp.children[i].args);
		strbuf_init(&pp.children[i].out);
		strbuf_init(&pp.children[i].err);
	}

	/*
	 * Orphans of our children come to us, not to init, so that what a
	 * killed child left running is reaped before we return.
	 */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* SIGCHLD must have a handler to interrupt ppoll(). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = noop_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, &old_chld);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old_mask);

	run_loop(&pp, &old_mask);
	/*
	 * Nothing runs now: what is left of ours is an orphan that left its
	 * child's process group (one that outlived the last finish_child()).
	 */
	kill_adopted(&pp);

	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGCHLD, &old_chld, NULL);
	for (i = 0; i < opts->processes; i++) {
		strvec_clear(&pp.children[i].args);
		strbuf_release(&pp.children[i].out);
		strbuf_release(&pp.children[i].err);
	}
	free(pp.busy);
	free(pp.task_cbs);
	free(pp.children);
	return pp.result;
}
