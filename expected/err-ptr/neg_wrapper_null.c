// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the driver starts its thread through start_helper(), which
 * turns an ERR_PTR() into NULL. The NULL tests of its result, at the
 * start and before kthread_stop(), are right and stay; the wrapper itself
 * already uses IS_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *helper_task;

static int helper_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static struct task_struct *start_helper(const char *name)
{
	struct task_struct *t = kthread_run(helper_fn, NULL, "%s", name);

	if (IS_ERR(t)) {
		pr_err("neg_wrapper_null: %s: error %ld\n", name, PTR_ERR(t));
		return NULL;
	}
	return t;
}

static int __init neg_wrapper_null_init(void)
{
	helper_task = start_helper("helper");
	if (!helper_task)
		return -ENOMEM;
	return 0;
}

static void __exit neg_wrapper_null_exit(void)
{
	if (helper_task)
		kthread_stop(helper_task);
}

module_init(neg_wrapper_null_init);
module_exit(neg_wrapper_null_exit);
MODULE_LICENSE("GPL");
