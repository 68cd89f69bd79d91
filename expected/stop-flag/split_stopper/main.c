// SPDX-License-Identifier: GPL-2.0
/*
 * The flags are defined here and the thread is started here, but the stop
 * path lives in stop.c, which names neither the thread nor a kthread call:
 * it reaches the flags through the driver's header alone.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include "split_stopper.h"

struct task_struct *poller_thread_task;

static int __init split_stopper_init(void)
{
	poller_thread_task = kthread_run(poller_thread, NULL, "poller_thread");
	if (IS_ERR(poller_thread_task))
		return PTR_ERR(poller_thread_task);
	return 0;
}

static void __exit split_stopper_exit(void)
{
	split_stopper_stop();
}

module_init(split_stopper_init);
module_exit(split_stopper_exit);
MODULE_LICENSE("GPL");
