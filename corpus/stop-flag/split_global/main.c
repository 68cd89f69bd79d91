// SPDX-License-Identifier: GPL-2.0
/*
 * Global flags defined here and declared extern in the driver's header;
 * the thread that polls them lives in poller.c.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_global.h"

int poller_must_exit;
int poller_exited;

static int __init split_global_init(void)
{
	kthread_run(poller_thread, NULL, "poller_thread");
	return 0;
}

static void __exit split_global_exit(void)
{
	poller_must_exit = 1;
	while (!poller_exited)
		msleep(1);
}

module_init(split_global_init);
module_exit(split_global_exit);
MODULE_LICENSE("GPL");
