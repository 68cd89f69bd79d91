// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the parallel runner, with /bin/sh children.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"
#include "run_command.h"

struct task {
	const char *script;
	enum child_outcome outcome;
	int status;
	char *out;
	char *err;
	int start_errno;
	bool finished;
};

struct run {
	struct task *tasks;
	size_t nr;
	size_t next;
	size_t running;
	size_t max_running;
	const char *program;
};

static int next_task(struct child_process *cp, void *data, void **task_cb)
{
	struct run *r = data;

	if (r->next == r->nr)
		return 0;
	strvec_push(&cp->args, r->program);
	strvec_push(&cp->args, "-c");
	strvec_push(&cp->args, r->tasks[r->next].script);
	*task_cb = &r->tasks[r->next++];
	if (++r->running > r->max_running)
		r->max_running = r->running;
	return 1;
}

static int start_failure(struct child_process *cp, int errnum, void *data,
			 void *task_cb)
{
	struct run *r = data;
	struct task *t = task_cb;

	(void)cp;
	r->running--;
	t->start_errno = errnum;
	return 0;
}

static int finished(struct child_process *cp, void *data, void *task_cb)
{
	struct run *r = data;
	struct task *t = task_cb;

	r->running--;
	t->finished = true;
	t->outcome = cp->outcome;
	t->status = cp->status;
	t->out = xstrdup(cp->out.buf);
	t->err = xstrdup(cp->err.buf);
	return 0;
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static int run_tasks(struct task *tasks, size_t nr, size_t processes,
		     unsigned int timeout, const char *program,
		     struct run *r)
{
	struct run_process_parallel_opts opts = {
		.processes = processes,
		.timeout_sec = timeout,
		.get_next_task = next_task,
		.start_failure = start_failure,
		.task_finished = finished,
		.data = r,
	};

	memset(r, 0, sizeof(*r));
	r->tasks = tasks;
	r->nr = nr;
	r->program = program;
	return run_processes_parallel(&opts);
}

static void free_tasks(struct task *tasks, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		free(tasks[i].out);
		free(tasks[i].err);
	}
}

static void test_capture(void)
{
	struct task t[] = {
		{ .script = "echo out; echo err >&2; exit 3" },
		{ .script = "kill -SEGV $$" },
		{ .script = "i=0; while [ $i -lt 2000 ]; do "
			    "echo line $i; echo e$i >&2; i=$((i+1)); done" },
	};
	struct run r;

	CHECK_INT("run: all tasks ran",
		  run_tasks(t, 3, 2, 0, "/bin/sh", &r), 0);
	CHECK_STR("run: stdout captured apart", t[0].out, "out\n");
	CHECK_STR("run: stderr captured apart", t[0].err, "err\n");
	CHECK_INT("run: exit code", t[0].status, 3);
	CHECK_INT("run: exited", t[0].outcome, CHILD_EXITED);
	CHECK_INT("run: killed by signal", t[1].outcome, CHILD_SIGNALED);
	CHECK_INT("run: signal number", t[1].status, SIGSEGV);
	CHECK("run: large output complete",
	      t[2].out && strstr(t[2].out, "line 1999\n") &&
	      strstr(t[2].err, "e1999\n"));
	CHECK_INT("run: at most 2 at once", r.max_running, 2);
	free_tasks(t, 3);
}

static void test_parallel(void)
{
	struct task t[4] = {
		{ .script = "sleep 1" }, { .script = "sleep 1" },
		{ .script = "sleep 1" }, { .script = "sleep 1" },
	};
	struct timespec start;
	struct run r;
	double took;

	clock_gettime(CLOCK_MONOTONIC, &start);
	run_tasks(t, 4, 4, 0, "/bin/sh", &r);
	took = seconds_since(&start);
	CHECK("run: 4 one-second children in parallel take < 2.5 s",
	      took < 2.5);
	CHECK_INT("run: 4 at once", r.max_running, 4);
	free_tasks(t, 4);
}

static void test_timeout(void)
{
	/* Ignores SIGTERM and leaves a grandchild: needs the group SIGKILL. */
	struct task t[] = {
		{ .script = "trap '' TERM; sleep 30 & echo started; wait; "
			    "wait; wait" },
	};
	struct timespec start;
	struct run r;
	double took;

	clock_gettime(CLOCK_MONOTONIC, &start);
	run_tasks(t, 1, 1, 1, "/bin/sh", &r);
	took = seconds_since(&start);
	CHECK_INT("run: timed out", t[0].outcome, CHILD_TIMED_OUT);
	CHECK("run: killed within timeout + grace", took < 4.0);
	CHECK_STR("run: output before the timeout kept", t[0].out,
		  "started\n");
	free_tasks(t, 1);
}

static void test_start_failure(void)
{
	struct task t[] = { { .script = "true" } };
	struct run r;

	run_tasks(t, 1, 1, 0, "/nonexistent/program", &r);
	CHECK_INT("run: start failure reported", t[0].start_errno, ENOENT);
	CHECK("run: failed task not finished", !t[0].finished);
}

static void test_no_zombies(void)
{
	struct task t[] = { { .script = "sleep 0 & exit 0" } };
	struct run r;

	run_tasks(t, 1, 1, 5, "/bin/sh", &r);
	errno = 0;
	CHECK("run: no child left to reap",
	      waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD);
	free_tasks(t, 1);
}

void test_run_command(void)
{
	test_capture();
	test_parallel();
	test_timeout();
	test_start_failure();
	test_no_zombies();
}
