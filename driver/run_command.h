/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running child processes in parallel, after git's run_processes_parallel()
 * (run-command.h): the caller hands out tasks through callbacks, up to
 * `processes` children run at once, each child's stdout and stderr are
 * captured into separate buffers, and a child that runs past the timeout is
 * killed with its whole process group.
 */
#ifndef KTHREADIFY_RUN_COMMAND_H
#define KTHREADIFY_RUN_COMMAND_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "strbuf.h"

enum child_outcome {
	CHILD_EXITED,		/* status is the exit code */
	CHILD_SIGNALED,		/* status is the signal number */
	CHILD_TIMED_OUT,	/* killed by us at the timeout */
	CHILD_CANCELLED,	/* killed by us because the run was stopped */
};

struct child_process {
	struct strvec args;	/* args.v[0] is the program's path */
	struct strbuf out;	/* what it wrote on stdout */
	struct strbuf err;	/* what it wrote on stderr */
	enum child_outcome outcome;
	int status;
	/* Set by get_next_task to override the run's timeout (0: keep it). */
	unsigned int timeout_sec;

	/* private to run_command.c */
	pid_t pid;
	int out_fd;
	int err_fd;
	struct timespec deadline;
	bool term_sent;
	bool kill_sent;
	bool cancelled;
	bool overflow;		/* printed too much: killed */
};

/*
 * Set up cp->args for the next task and return 1, or return 0 when there
 * is nothing to start right now (asked again when a child finishes; the run
 * ends when nothing runs and this returns 0), or -1 to stop the run.
 * *task_cb is handed back to the two other callbacks.
 */
typedef int (*get_next_task_fn)(struct child_process *cp, void *pp_cb,
				void **task_cb);
/* The program could not be started; errnum says why.  0 or -1 as above. */
typedef int (*start_failure_fn)(struct child_process *cp, int errnum,
				void *pp_cb, void *task_cb);
/* The child is gone; see cp->outcome, cp->status, cp->out, cp->err. */
typedef int (*task_finished_fn)(struct child_process *cp, void *pp_cb,
				void *task_cb);

struct run_process_parallel_opts {
	size_t processes;
	unsigned int timeout_sec;	/* per child; 0: none */
	get_next_task_fn get_next_task;
	start_failure_fn start_failure;
	task_finished_fn task_finished;
	void *data;
	/*
	 * Set (by a signal handler) to stop the run: children are killed,
	 * no new ones are started.
	 */
	volatile sig_atomic_t *interrupted;
};

/*
 * Returns 0 when every task ran, -1 when a callback stopped the run or it
 * was interrupted.  Every child is reaped before it returns, and so is
 * every process a child left behind: in its process group (killed with
 * the group when the child ends) or out of it (a grandchild that called
 * setsid() is adopted by us, the child subreaper, when its parent dies,
 * and killed with its own group).  A child that prints more than 64 MiB
 * on stdout or on stderr is killed and reported as killed by SIGKILL, its
 * stderr replaced by a line that says why.
 */
int run_processes_parallel(const struct run_process_parallel_opts *opts);

#endif
