// SPDX-License-Identifier: GPL-2.0
/*
 * The start assigned inside the test, "if (!(task = kthread_run(...)))":
 * becomes IS_ERR(task = kthread_run(...)) and the error code PTR_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *probe_task;

static int prober(void *data)
{
	while (!kthread_should_stop())
		msleep(60);
	return 0;
}

static int __init assign_in_cond_init(void)
{
	if (IS_ERR(probe_task = kthread_run(prober, NULL, "prober")))
		return PTR_ERR(probe_task);
	return 0;
}

static void __exit assign_in_cond_exit(void)
{
	kthread_stop(probe_task);
}

module_init(assign_in_cond_init);
module_exit(assign_in_cond_exit);
MODULE_LICENSE("GPL");
