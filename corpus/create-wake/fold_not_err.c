// SPDX-License-Identifier: GPL-2.0
/*
 * "if (!IS_ERR(t)) wake_up_process(t);" right after kthread_create(), the
 * error code returned afterwards: that is exactly what kthread_run()
 * does, so the conditional wake-up goes.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>

static struct task_struct *feeder_task;

static int feeder(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init fold_not_err_init(void)
{
	feeder_task = kthread_create(feeder, NULL, "feeder");
	if (!IS_ERR(feeder_task))
		wake_up_process(feeder_task);
	return PTR_ERR_OR_ZERO(feeder_task);
}

static void __exit fold_not_err_exit(void)
{
	kthread_stop(feeder_task);
}

module_init(fold_not_err_init);
module_exit(fold_not_err_exit);
MODULE_LICENSE("GPL");
