// SPDX-License-Identifier: GPL-2.0
/*
 * The thread owns a buffer: after its kthread_should_stop() loop it frees
 * it, says goodbye and calls do_exit(0). The cleanup stays, do_exit(0)
 * becomes the return. The loop sleeps with set_current_state() and
 * schedule_timeout(), state set before the stop test.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>

static struct task_struct *logger_task;

static int logger(void *data)
{
	char *buf = kmalloc(256, GFP_KERNEL);
	unsigned int lines = 0;

	while (!kthread_should_stop()) {
		if (buf)
			snprintf(buf, 256, "line %u", lines++);
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_timeout(HZ / 10);
	}
	kfree(buf);
	pr_info("cleanup_after_loop: %u lines\n", lines);
	do_exit(0);
}

static int __init cleanup_after_loop_init(void)
{
	logger_task = kthread_run(logger, NULL, "logger");
	if (IS_ERR(logger_task))
		return PTR_ERR(logger_task);
	return 0;
}

static void __exit cleanup_after_loop_exit(void)
{
	kthread_stop(logger_task);
}

module_init(cleanup_after_loop_init);
module_exit(cleanup_after_loop_exit);
MODULE_LICENSE("GPL");
