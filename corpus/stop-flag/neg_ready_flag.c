// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a readiness flag set by init and folded into the thread's
 * wait condition. Init sets it and wakes the thread but never waits for
 * the thread to end: it is not a stop request.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/delay.h>

static DECLARE_WAIT_QUEUE_HEAD(ready_wq);
static struct task_struct *consumer_task;
static int ready;

static int consumer(void *data)
{
	wait_event_interruptible(ready_wq, ready || kthread_should_stop());
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_ready_flag_init(void)
{
	consumer_task = kthread_run(consumer, NULL, "consumer");
	if (IS_ERR(consumer_task))
		return PTR_ERR(consumer_task);
	ready = 1;
	wake_up_interruptible(&ready_wq);
	return 0;
}

static void __exit neg_ready_flag_exit(void)
{
	kthread_stop(consumer_task);
}

module_init(neg_ready_flag_init);
module_exit(neg_ready_flag_exit);
MODULE_LICENSE("GPL");
