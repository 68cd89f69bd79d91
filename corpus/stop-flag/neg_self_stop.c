// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread sets the stop flag itself
 * when its work runs out, so it can end before anyone stops it. A plain
 * kthread_stop() rewrite would stop a thread that may already be gone.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int must_exit;
static int exited;
static unsigned int budget = 1000000;

static int budget_thread(void *data)
{
	while (!must_exit) {
		if (--budget == 0)
			must_exit = 1;
		msleep(20);
	}
	exited = 1;
	return 0;
}

static int __init neg_self_stop_init(void)
{
	kthread_run(budget_thread, NULL, "budget_thread");
	return 0;
}

static void __exit neg_self_stop_exit(void)
{
	must_exit = 1;
	while (!exited)
		msleep(1);
}

module_init(neg_self_stop_init);
module_exit(neg_self_stop_exit);
MODULE_LICENSE("GPL");
