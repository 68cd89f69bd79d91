// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, each with its own stop flag and completion, one ending
 * with complete_and_exit(), the other with complete() and return. Both
 * kthread_run() results are dropped: once they are kept and checked, a
 * failure to start the second thread must stop the first one again.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct task_struct *rx_fn_task;
static struct task_struct *tx_fn_task;
static unsigned int rx_count, tx_count;

static int rx_fn(void *data)
{
	while (!kthread_should_stop()) {
		rx_count++;
		msleep(30);
	}
	return 0;
}

static int tx_fn(void *data)
{
	while (!kthread_should_stop()) {
		tx_count++;
		msleep(30);
	}
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
	kthread_stop(tx_fn_task);
	kthread_stop(rx_fn_task);
	pr_info("two_threads: %u rx, %u tx\n", rx_count, tx_count);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
