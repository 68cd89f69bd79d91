// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: created and woken at once, but the thread reads the
 * file-scope pointer its own task is stored in (to lower its priority).
 * kthread_run() would assign that pointer only once the thread may
 * already be running, so the thread could read NULL.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *bg_task;

static int bg_fn(void *data)
{
	set_user_nice(bg_task, 10);
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_reads_task_init(void)
{
	bg_task = kthread_create(bg_fn, NULL, "bg");
	if (IS_ERR(bg_task))
		return PTR_ERR(bg_task);
	wake_up_process(bg_task);
	return 0;
}

static void __exit neg_reads_task_exit(void)
{
	kthread_stop(bg_task);
}

module_init(neg_reads_task_init);
module_exit(neg_reads_task_exit);
MODULE_LICENSE("GPL");
