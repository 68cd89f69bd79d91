// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the napi_threaded_poll() shape. The thread loop runs while a
 * helper of the same file says there is work; the helper returns true
 * only once kthread_should_stop() is, so leaving the loop means the thread
 * was asked to stop. The helper sets the task state before it tests the
 * stop request.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/jiffies.h>

static struct task_struct *poll_task;
static unsigned long polled;

static int poll_wait(void)
{
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		if (polled % 4 == 3) {
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		schedule_timeout(msecs_to_jiffies(10));
		polled++;
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return -1;
}

static int poller_fn(void *data)
{
	while (!poll_wait())
		polled++;
	return 0;
}

static int __init neg_wait_helper_init(void)
{
	poll_task = kthread_run(poller_fn, NULL, "poller_fn");
	if (IS_ERR(poll_task))
		return PTR_ERR(poll_task);
	return 0;
}

static void __exit neg_wait_helper_exit(void)
{
	kthread_stop(poll_task);
	pr_info("neg_wait_helper: %lu polls\n", polled);
}

module_init(neg_wait_helper_init);
module_exit(neg_wait_helper_exit);
MODULE_LICENSE("GPL");
