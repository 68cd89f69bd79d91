// SPDX-License-Identifier: GPL-2.0
/*
 * "if (task) ok else error": the success branch logs, the failure branch
 * returns -ENOMEM. The test becomes !IS_ERR(), the failure branch returns
 * PTR_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *janitor_task;

static int janitor(void *data)
{
	while (!kthread_should_stop())
		msleep(80);
	return 0;
}

static int __init truth_else_init(void)
{
	janitor_task = kthread_run(janitor, NULL, "janitor");
	if (!IS_ERR(janitor_task))
		pr_info("truth_else: janitor started\n");
	else
		return PTR_ERR(janitor_task);
	return 0;
}

static void __exit truth_else_exit(void)
{
	kthread_stop(janitor_task);
}

module_init(truth_else_init);
module_exit(truth_else_exit);
MODULE_LICENSE("GPL");
