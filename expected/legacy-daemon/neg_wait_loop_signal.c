// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a signal_pending() test inside the inner wait loop of a
 * kthread that is stopped with kthread_stop() already (which, on 6.1,
 * also makes signal_pending() true so that the inner wait ends). No
 * signal is sent to the thread; the test is not stop plumbing to remove.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/delay.h>
#include <linux/jiffies.h>

static struct task_struct *wait_task;
static unsigned int batches;

static int batcher(void *data)
{
	while (!kthread_should_stop()) {
		unsigned long until = jiffies + HZ / 20;

		while (time_before(jiffies, until)) {
			if (signal_pending(current) || kthread_should_stop())
				break;
			msleep_interruptible(5);
		}
		batches++;
	}
	return 0;
}

static int __init neg_wait_loop_signal_init(void)
{
	wait_task = kthread_run(batcher, NULL, "batcher");
	if (IS_ERR(wait_task))
		return PTR_ERR(wait_task);
	return 0;
}

static void __exit neg_wait_loop_signal_exit(void)
{
	kthread_stop(wait_task);
	pr_info("neg_wait_loop_signal: %u batches\n", batches);
}

module_init(neg_wait_loop_signal_init);
module_exit(neg_wait_loop_signal_exit);
MODULE_LICENSE("GPL");
