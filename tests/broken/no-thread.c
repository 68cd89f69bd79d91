// SPDX-License-Identifier: GPL-2.0
/*
 * A rewrite that inverted the loop test: the thread returns at once, so
 * no thread is left to stop although the case expects one (no
 * kthreadify-test line: at least one thread by default). The exit function
 * deliberately does not call kthread_stop() on the dead task.
 *
 * kthreadify-selftest: qemu detects a missing thread = no thread after insmod
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>

static int worker(void *data)
{
	while (kthread_should_stop())	/* inverted: should be !kthread_should_stop() */
		msleep_interruptible(100);
	return 0;
}

static int __init no_thread_init(void)
{
	struct task_struct *t = kthread_run(worker, NULL, "kt_no_thread");

	return PTR_ERR_OR_ZERO(t);
}

static void __exit no_thread_exit(void)
{
}

module_init(no_thread_init);
module_exit(no_thread_exit);
MODULE_LICENSE("GPL");
