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

static DECLARE_COMPLETION(rx_done);
static DECLARE_COMPLETION(tx_done);
static int rx_stop;
static int tx_stop;
static unsigned int rx_count, tx_count;

static int rx_fn(void *data)
{
	while (!rx_stop) {
		rx_count++;
		msleep(30);
	}
	complete_and_exit(&rx_done, 0);
}

static int tx_fn(void *data)
{
	while (!tx_stop) {
		tx_count++;
		msleep(30);
	}
	complete(&tx_done);
	return 0;
}

static int __init two_threads_init(void)
{
	kthread_run(rx_fn, NULL, "rx_fn");
	kthread_run(tx_fn, NULL, "tx_fn");
	return 0;
}

static void __exit two_threads_exit(void)
{
	tx_stop = 1;
	wait_for_completion(&tx_done);
	rx_stop = 1;
	wait_for_completion(&rx_done);
	pr_info("two_threads: %u rx, %u tx\n", rx_count, tx_count);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
