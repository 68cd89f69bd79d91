// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, one pinned with kthread_run_on_cpu(), one started with
 * kthread_run(), each NULL-tested in its own way; the second's failure
 * stops the first. Both tests become IS_ERR(); the second branch does
 * more than return, so its constant stays.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *rx_task;
static struct task_struct *tx_task;

static int rx_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(30);
	return 0;
}

static int tx_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(40);
	return 0;
}

static int __init two_threads_init(void)
{
	rx_task = kthread_run_on_cpu(rx_fn, NULL, 0, "rx/%u");
	if (IS_ERR(rx_task))
		return PTR_ERR(rx_task);
	tx_task = kthread_run(tx_fn, NULL, "tx");
	if (IS_ERR(tx_task)) {
		kthread_stop(rx_task);
		return -ENOMEM;
	}
	return 0;
}

static void __exit two_threads_exit(void)
{
	kthread_stop(tx_task);
	kthread_stop(rx_task);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
