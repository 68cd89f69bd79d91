// SPDX-License-Identifier: GPL-2.0
/*
 * The stopper raises a flag and then sleeps a guessed 3 s instead of
 * waiting for the thread: the thread is gone long before, but rmmod takes
 * 3 s, over the harness's 2 s limit.
 *
 * kthreadify-selftest: qemu detects a slow rmmod = rmmod took longer than 2s
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>

static struct task_struct *task;
static int stop;

static int worker(void *data)
{
	while (!READ_ONCE(stop))
		msleep_interruptible(100);
	return 0;
}

static int __init slow_exit_init(void)
{
	task = kthread_run(worker, NULL, "kt_slow_exit");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit slow_exit_exit(void)
{
	WRITE_ONCE(stop, 1);
	msleep(3000);
}

module_init(slow_exit_init);
module_exit(slow_exit_exit);
MODULE_LICENSE("GPL");
