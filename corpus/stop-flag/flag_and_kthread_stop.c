// SPDX-License-Identifier: GPL-2.0
/*
 * The kthread API half used: kthread_stop() is already called, but the
 * thread keeps its own stop flag next to kthread_should_stop() and the
 * exit path sets it first.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *collector;
static bool collector_stop;

static int collect_fn(void *data)
{
	while (!collector_stop && !kthread_should_stop())
		msleep(40);
	return 0;
}

static int __init flag_and_kthread_stop_init(void)
{
	collector = kthread_run(collect_fn, NULL, "collect_fn");
	if (IS_ERR(collector))
		return PTR_ERR(collector);
	return 0;
}

static void __exit flag_and_kthread_stop_exit(void)
{
	collector_stop = true;
	kthread_stop(collector);
}

module_init(flag_and_kthread_stop_init);
module_exit(flag_and_kthread_stop_exit);
MODULE_LICENSE("GPL");
