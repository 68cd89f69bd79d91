// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: an optional thread whose failed start only logs; the exit
 * path already guards kthread_stop() with IS_ERR_OR_NULL(). Nothing to
 * change.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *trim_task;

static int trimmer(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_is_err_or_null_init(void)
{
	trim_task = kthread_run(trimmer, NULL, "trimmer");
	if (IS_ERR_OR_NULL(trim_task))
		pr_warn("neg_is_err_or_null: running without trimming\n");
	return 0;
}

static void __exit neg_is_err_or_null_exit(void)
{
	if (!IS_ERR_OR_NULL(trim_task))
		kthread_stop(trim_task);
}

module_init(neg_is_err_or_null_init);
module_exit(neg_is_err_or_null_exit);
MODULE_LICENSE("GPL");
