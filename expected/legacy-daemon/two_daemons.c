// SPDX-License-Identifier: GPL-2.0
/*
 * Two daemons, two pids, two completions. When the second fails to start,
 * the init path kills the first and waits for it: after the rewrite that
 * is a kthread_stop() in the failure branch of the second start.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *rx_task;
static struct task_struct *tx_task;
static unsigned int rx_count, tx_count;

static int rx_daemon(void *data)
{
	while (!kthread_should_stop()) {
		rx_count++;
		msleep_interruptible(20);
	}
	return 0;
}

static int tx_daemon(void *data)
{
	while (!kthread_should_stop()) {
		tx_count++;
		msleep_interruptible(20);
	}
	return 0;
}

static int __init two_daemons_init(void)
{
	rx_task = kthread_run(rx_daemon, NULL, "rxd");
	if (IS_ERR(rx_task))
		return PTR_ERR(rx_task);
	tx_task = kthread_run(tx_daemon, NULL, "txd");
	if (IS_ERR(tx_task)) {
		kthread_stop(rx_task);
		return PTR_ERR(tx_task);
	}
	return 0;
}

static void __exit two_daemons_exit(void)
{
	kthread_stop(tx_task);
	kthread_stop(rx_task);
	pr_info("two_daemons: %u rx, %u tx\n", rx_count, tx_count);
}

module_init(two_daemons_init);
module_exit(two_daemons_exit);
MODULE_LICENSE("GPL");
