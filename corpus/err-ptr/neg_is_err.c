// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the start is already tested with IS_ERR(); its failure branch
 * returns a constant of its own choosing, which the rule leaves alone
 * (it only changes error codes in tests it rewrites).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *tidy_task;

static int tidy(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_is_err_init(void)
{
	tidy_task = kthread_run(tidy, NULL, "tidy");
	if (IS_ERR(tidy_task))
		return -ENODEV;
	return 0;
}

static void __exit neg_is_err_exit(void)
{
	kthread_stop(tidy_task);
}

module_init(neg_is_err_init);
module_exit(neg_is_err_exit);
MODULE_LICENSE("GPL");
