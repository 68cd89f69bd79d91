// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the thread may return early (its device goes away), but the
 * module holds a reference on the task: get_task_struct() between
 * kthread_create() and wake_up_process(), so before the thread can run
 * at all, and put_task_struct() after kthread_stop(). kthread_stop() on
 * a thread that already returned is then safe: it finds the task and
 * returns the thread's result.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/delay.h>

static struct task_struct *watch_task;
static bool device_gone;
static unsigned int beats;

static int watchdog_fn(void *data)
{
	while (!kthread_should_stop()) {
		if (READ_ONCE(device_gone))
			return -ENODEV;
		beats++;
		msleep(20);
	}
	return 0;
}

static int __init neg_task_ref_init(void)
{
	watch_task = kthread_create(watchdog_fn, NULL, "watchdog_fn");
	if (IS_ERR(watch_task))
		return PTR_ERR(watch_task);
	get_task_struct(watch_task);
	wake_up_process(watch_task);
	return 0;
}

static void __exit neg_task_ref_exit(void)
{
	kthread_stop(watch_task);
	put_task_struct(watch_task);
	pr_info("neg_task_ref: %u beats\n", beats);
}

module_init(neg_task_ref_init);
module_exit(neg_task_ref_exit);
MODULE_LICENSE("GPL");
