// SPDX-License-Identifier: GPL-2.0
/*
 * The exit path waits with wait_event() on a queue the thread wakes as it
 * leaves; the thread sleeps in wait_event_interruptible_timeout() on the
 * stop flag.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(work_wq);
static DECLARE_WAIT_QUEUE_HEAD(exit_wq);
static int stop;
static int exited;

static int waiter(void *data)
{
	while (!stop) {
		wait_event_interruptible_timeout(work_wq, stop, HZ / 10);
		pr_debug("waiter: pass\n");
	}
	exited = 1;
	wake_up(&exit_wq);
	return 0;
}

static int __init wait_event_exit_init(void)
{
	kthread_run(waiter, NULL, "waiter");
	return 0;
}

static void __exit wait_event_exit_exit(void)
{
	stop = 1;
	wake_up_interruptible(&work_wq);
	wait_event(exit_wq, exited);
}

module_init(wait_event_exit_init);
module_exit(wait_event_exit_exit);
MODULE_LICENSE("GPL");
