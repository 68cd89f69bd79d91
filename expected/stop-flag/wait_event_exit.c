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
static struct task_struct *waiter_task;

static int waiter(void *data)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(work_wq,
						 kthread_should_stop(),
						 HZ / 10);
		pr_debug("waiter: pass\n");
	}
	return 0;
}

static int __init wait_event_exit_init(void)
{
	waiter_task = kthread_run(waiter, NULL, "waiter");
	if (IS_ERR(waiter_task))
		return PTR_ERR(waiter_task);
	return 0;
}

static void __exit wait_event_exit_exit(void)
{
	wake_up_interruptible(&work_wq);
	kthread_stop(waiter_task);
}

module_init(wait_event_exit_init);
module_exit(wait_event_exit_exit);
MODULE_LICENSE("GPL");
