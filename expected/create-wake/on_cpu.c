// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create_on_cpu(), checked, then woken: kthread_run_on_cpu(),
 * which exists from 5.17 (the default target is 6.1; with an older
 * target kernel the rule leaves this alone).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *percpu_task;

static int percpu_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init on_cpu_init(void)
{
	percpu_task = kthread_run_on_cpu(percpu_fn, NULL, 0, "percpu/%u");
	if (IS_ERR(percpu_task))
		return PTR_ERR(percpu_task);
	return 0;
}

static void __exit on_cpu_exit(void)
{
	kthread_stop(percpu_task);
}

module_init(on_cpu_init);
module_exit(on_cpu_exit);
MODULE_LICENSE("GPL");
