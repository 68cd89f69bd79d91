// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: the thread leaves through a void helper that logs
 * and calls do_exit(code). A void function cannot return the thread's
 * exit code in its place, so the call stays; the report says why.
 *
 * do_exit() is not exported to modules since 5.17: this module keeps
 * building through the compatibility macro below, as maintained
 * out-of-tree drivers do. The rule sees the do_exit() call as written.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define do_exit(code) kthread_complete_and_exit(NULL, code)
#endif

static struct task_struct *watch_task;
static unsigned int checks;

static void __noreturn watch_leave(int code)
{
	pr_info("neg_void_helper: leaving after %u checks\n", checks);
	do_exit(code);
}

static int watcher(void *data)
{
	while (!kthread_should_stop()) {
		checks++;
		msleep(50);
	}
	watch_leave(0);
}

static int __init neg_void_helper_init(void)
{
	watch_task = kthread_run(watcher, NULL, "watcher");
	if (IS_ERR(watch_task))
		return PTR_ERR(watch_task);
	return 0;
}

static void __exit neg_void_helper_exit(void)
{
	kthread_stop(watch_task);
}

module_init(neg_void_helper_init);
module_exit(neg_void_helper_exit);
MODULE_LICENSE("GPL");
