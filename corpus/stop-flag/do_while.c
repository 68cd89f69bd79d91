// SPDX-License-Identifier: GPL-2.0
/*
 * do { } while (!flag); in the thread, and a do/while spin in the exit
 * path on a "stopped" flag.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int must_stop;
static int stopped;

static int ticker(void *data)
{
	do {
		pr_debug("tick\n");
		msleep(200);
	} while (!must_stop);
	stopped = 1;
	return 0;
}

static int __init do_while_init(void)
{
	kthread_run(ticker, NULL, "ticker");
	return 0;
}

static void __exit do_while_exit(void)
{
	must_stop = 1;
	do {
		msleep(1);
	} while (!stopped);
}

module_init(do_while_init);
module_exit(do_while_exit);
MODULE_LICENSE("GPL");
