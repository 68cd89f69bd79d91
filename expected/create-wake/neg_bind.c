// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: the thread is bound to CPU 0 between its creation
 * and its wake-up. kthread_bind() only works on a thread that has not
 * run yet, so this must stay kthread_create() + wake_up_process().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *bound_task;

static int bound_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_bind_init(void)
{
	bound_task = kthread_create(bound_fn, NULL, "bound");
	if (IS_ERR(bound_task))
		return PTR_ERR(bound_task);
	kthread_bind(bound_task, 0);
	wake_up_process(bound_task);
	return 0;
}

static void __exit neg_bind_exit(void)
{
	kthread_stop(bound_task);
}

module_init(neg_bind_init);
module_exit(neg_bind_exit);
MODULE_LICENSE("GPL");
