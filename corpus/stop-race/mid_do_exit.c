// SPDX-License-Identifier: GPL-2.0
/*
 * do_exit() in the middle of the thread, when its buffer cannot be
 * allocated: the thread ends there, before it is asked to stop, and the
 * exit path's kthread_stop() then meets a task that may be freed. The
 * do-exit rule leaves a do_exit() that is not at the end alone; this rule
 * makes the thread wait for kthread_stop() before it, and before the
 * return that gives up when the counter would wrap. Neither exit is taken
 * in practice.
 *
 * do_exit() is not exported to modules since 5.17: the module keeps
 * building through the compatibility macro below, as maintained
 * out-of-tree drivers do, and the rules see do_exit() as written.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define do_exit(code) kthread_complete_and_exit(NULL, code)
#endif

static struct task_struct *logger_task;

static int logger(void *data)
{
	char *line = kmalloc(128, GFP_KERNEL);
	unsigned int n = 0;

	if (!line)
		do_exit(-ENOMEM);
	while (!kthread_should_stop()) {
		if (n == UINT_MAX)
			return -EOVERFLOW;
		snprintf(line, 128, "tick %u", n++);
		msleep(40);
	}
	kfree(line);
	return 0;
}

static int __init mid_do_exit_init(void)
{
	logger_task = kthread_run(logger, NULL, "logger");
	if (IS_ERR(logger_task))
		return PTR_ERR(logger_task);
	return 0;
}

static void __exit mid_do_exit_exit(void)
{
	kthread_stop(logger_task);
}

module_init(mid_do_exit_init);
module_exit(mid_do_exit_exit);
MODULE_LICENSE("GPL");
