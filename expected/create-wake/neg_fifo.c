// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: the thread gets a real-time policy with
 * sched_set_fifo_low() before it first runs. Starting it with
 * kthread_run() would let it run under the default policy first.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *rt_task;

static int rt_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_fifo_init(void)
{
	rt_task = kthread_create(rt_fn, NULL, "rt_fn");
	if (IS_ERR(rt_task))
		return PTR_ERR(rt_task);
	sched_set_fifo_low(rt_task);
	wake_up_process(rt_task);
	return 0;
}

static void __exit neg_fifo_exit(void)
{
	kthread_stop(rt_task);
}

module_init(neg_fifo_init);
module_exit(neg_fifo_exit);
MODULE_LICENSE("GPL");
