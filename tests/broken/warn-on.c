// SPDX-License-Identifier: GPL-2.0
/*
 * The thread trips a WARN_ON once, as a rewrite that breaks an invariant
 * would; otherwise it stops cleanly. The kernel keeps running
 * (panic_on_warn=0) and the harness must report the warning.
 *
 * kthreadify-selftest: qemu detects a kernel warning = kernel warning: WARNING:
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>

static struct task_struct *task;

static int worker(void *data)
{
	WARN_ONCE(1, "deliberate warning from a broken test module\n");
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init warn_on_init(void)
{
	task = kthread_run(worker, NULL, "kt_warn_on");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit warn_on_exit(void)
{
	kthread_stop(task);
}

module_init(warn_on_init);
module_exit(warn_on_exit);
MODULE_LICENSE("GPL");
