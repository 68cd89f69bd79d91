// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the bcache way. The thread leaves its loop when its cache is
 * disabled, but calls a wait_for_stop() helper of the same file before it
 * returns, which only returns once kthread_should_stop() is true. The
 * helper sets the task state before it tests the stop request.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/delay.h>

static struct task_struct *flush_task;
static bool cache_disabled;
static unsigned int flushes;

static void wait_for_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int flusher(void *data)
{
	while (!kthread_should_stop()) {
		if (READ_ONCE(cache_disabled))
			break;
		flushes++;
		msleep(30);
	}
	wait_for_stop();
	return 0;
}

static int __init neg_helper_park_init(void)
{
	flush_task = kthread_run(flusher, NULL, "flusher");
	if (IS_ERR(flush_task))
		return PTR_ERR(flush_task);
	return 0;
}

static void __exit neg_helper_park_exit(void)
{
	kthread_stop(flush_task);
	pr_info("neg_helper_park: %u flushes\n", flushes);
}

module_init(neg_helper_park_init);
module_exit(neg_helper_park_exit);
MODULE_LICENSE("GPL");
