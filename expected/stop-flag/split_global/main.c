// SPDX-License-Identifier: GPL-2.0
/*
 * Global flags defined here and declared extern in the driver's header;
 * the thread that polls them lives in poller.c.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_global.h"

struct task_struct *poller_thread_task;

static int __init split_global_init(void)
{
	poller_thread_task = kthread_run(poller_thread, NULL, "poller_thread");
	if (IS_ERR(poller_thread_task))
		return PTR_ERR(poller_thread_task);
	return 0;
}

static void __exit split_global_exit(void)
{
	kthread_stop(poller_thread_task);
}

module_init(split_global_init);
module_exit(split_global_exit);
MODULE_LICENSE("GPL");
