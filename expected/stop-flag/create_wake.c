// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create() tested against NULL and woken at once with
 * wake_up_process(): becomes kthread_run() with IS_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *watch_task;

static int watchdog_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init create_wake_init(void)
{
	watch_task = kthread_run(watchdog_fn, NULL, "watchdog_fn");
	if (IS_ERR(watch_task))
		return PTR_ERR(watch_task);
	return 0;
}

static void __exit create_wake_exit(void)
{
	kthread_stop(watch_task);
}

module_init(create_wake_init);
module_exit(create_wake_exit);
MODULE_LICENSE("GPL");
