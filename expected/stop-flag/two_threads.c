// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, each with its own stop/done flag pair, stopped in turn by
 * the exit path: each must get its own task pointer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *rx_fn_task;
static struct task_struct *tx_fn_task;

static int rx_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(25);
	return 0;
}

static int tx_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(25);
	return 0;
}

static int __init two_threads_init(void)
{
	rx_fn_task = kthread_run(rx_fn, NULL, "rx_fn");
	if (IS_ERR(rx_fn_task))
		return PTR_ERR(rx_fn_task);
	tx_fn_task = kthread_run(tx_fn, NULL, "tx_fn");
	if (IS_ERR(tx_fn_task)) {
		kthread_stop(rx_fn_task);
		return PTR_ERR(tx_fn_task);
	}
	return 0;
}

static void __exit two_threads_exit(void)
{
	kthread_stop(rx_fn_task);
	kthread_stop(tx_fn_task);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
