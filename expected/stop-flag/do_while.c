// SPDX-License-Identifier: GPL-2.0
/*
 * do { } while (!flag); in the thread, and a do/while spin in the exit
 * path on a "stopped" flag.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *ticker_task;

static int ticker(void *data)
{
	do {
		pr_debug("tick\n");
		msleep(200);
	} while (!kthread_should_stop());
	return 0;
}

static int __init do_while_init(void)
{
	ticker_task = kthread_run(ticker, NULL, "ticker");
	if (IS_ERR(ticker_task))
		return PTR_ERR(ticker_task);
	return 0;
}

static void __exit do_while_exit(void)
{
	kthread_stop(ticker_task);
}

module_init(do_while_init);
module_exit(do_while_exit);
MODULE_LICENSE("GPL");
