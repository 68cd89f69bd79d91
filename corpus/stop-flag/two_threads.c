// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, each with its own stop/done flag pair, stopped in turn by
 * the exit path: each must get its own task pointer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int rx_stop;
static int rx_done;
static int tx_stop;
static int tx_done;

static int rx_fn(void *data)
{
	while (!rx_stop)
		msleep(25);
	rx_done = 1;
	return 0;
}

static int tx_fn(void *data)
{
	while (!tx_stop)
		msleep(25);
	tx_done = 1;
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
	rx_stop = 1;
	while (!rx_done)
		msleep(1);
	tx_stop = 1;
	while (!tx_done)
		msleep(1);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
