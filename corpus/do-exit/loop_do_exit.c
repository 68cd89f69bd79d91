// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial shape: a kthread_should_stop() loop, then do_exit(0) as the
 * last statement of the thread function. do_exit() is not exported to
 * modules since 5.17, so the module no longer links; returning 0 does the
 * same on every kernel, the kthread core exits with the return value.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *ticker_task;
static unsigned long ticks;

static int ticker(void *data)
{
	while (!kthread_should_stop()) {
		ticks++;
		msleep(100);
	}
	do_exit(0);
}

static int __init loop_do_exit_init(void)
{
	ticker_task = kthread_run(ticker, NULL, "ticker");
	if (IS_ERR(ticker_task))
		return PTR_ERR(ticker_task);
	return 0;
}

static void __exit loop_do_exit_exit(void)
{
	kthread_stop(ticker_task);
	pr_info("loop_do_exit: %lu ticks\n", ticks);
}

module_init(loop_do_exit_init);
module_exit(loop_do_exit_exit);
MODULE_LICENSE("GPL");
