// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create(), its IS_ERR() test, then wake_up_process(): the test
 * stays, the wake-up goes into kthread_run().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *gc_task;

static int gc_fn(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init is_err_check_init(void)
{
	gc_task = kthread_create(gc_fn, NULL, "gc/%d", 0);
	if (IS_ERR(gc_task))
		return PTR_ERR(gc_task);
	wake_up_process(gc_task);
	return 0;
}

static void __exit is_err_check_exit(void)
{
	kthread_stop(gc_task);
}

module_init(is_err_check_init);
module_exit(is_err_check_exit);
MODULE_LICENSE("GPL");
