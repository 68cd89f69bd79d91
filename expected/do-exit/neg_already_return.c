// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, untouched: the thread already returns at the end of its
 * kthread_should_stop() loop; there is no exit call to rewrite.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *idler_task;

static int idler(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init neg_already_return_init(void)
{
	idler_task = kthread_run(idler, NULL, "idler");
	if (IS_ERR(idler_task))
		return PTR_ERR(idler_task);
	return 0;
}

static void __exit neg_already_return_exit(void)
{
	kthread_stop(idler_task);
}

module_init(neg_already_return_init);
module_exit(neg_already_return_exit);
MODULE_LICENSE("GPL");
