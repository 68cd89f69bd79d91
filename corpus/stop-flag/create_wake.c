// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create() tested against NULL and woken at once with
 * wake_up_process(): becomes kthread_run() with IS_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *watch_task;
static int stop_watch;
static int watch_exited;

static int watchdog_fn(void *data)
{
	while (!stop_watch)
		msleep(50);
	watch_exited = 1;
	return 0;
}

static int __init create_wake_init(void)
{
	watch_task = kthread_create(watchdog_fn, NULL, "watchdog_fn");
	if (watch_task == NULL)
		return -ENOMEM;
	wake_up_process(watch_task);
	return 0;
}

static void __exit create_wake_exit(void)
{
	stop_watch = 1;
	while (!watch_exited)
		msleep(1);
}

module_init(create_wake_init);
module_exit(create_wake_exit);
MODULE_LICENSE("GPL");
