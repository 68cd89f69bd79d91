// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, untouched: poller() ends with do_exit(0) but is never passed
 * to a kthread creation call: start_worker() takes the function as a
 * parameter. The rule only trusts functions it sees started as kernel
 * threads, so it leaves this one alone and says nothing.
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

static struct task_struct *poll_task;

static struct task_struct *start_worker(int (*fn)(void *), const char *name)
{
	return kthread_run(fn, NULL, "%s", name);
}

static int poller(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	do_exit(0);
}

static int __init neg_not_kthread_init(void)
{
	poll_task = start_worker(poller, "poller");
	if (IS_ERR(poll_task))
		return PTR_ERR(poll_task);
	return 0;
}

static void __exit neg_not_kthread_exit(void)
{
	kthread_stop(poll_task);
}

module_init(neg_not_kthread_init);
module_exit(neg_not_kthread_exit);
MODULE_LICENSE("GPL");
