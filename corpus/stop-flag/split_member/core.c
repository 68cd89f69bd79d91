// SPDX-License-Identifier: GPL-2.0
/*
 * A driver split over two files and a header: the thread lives in
 * thread.c, init and exit here raise its stop member and wait for the
 * stopped member. The flag pair is paired across the files of the driver.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_member.h"

static struct split_dev sdev;

static int __init split_init(void)
{
	kthread_run(split_thread, &sdev, "split_thread");
	return 0;
}

static void __exit split_exit(void)
{
	sdev.stop = 1;
	while (!sdev.stopped)
		msleep(1);
	pr_info("split_member: %lu ticks\n", sdev.ticks);
}

module_init(split_init);
module_exit(split_exit);
MODULE_LICENSE("GPL");
