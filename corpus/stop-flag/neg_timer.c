// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a timer callback checks a stop flag before re-arming itself;
 * the exit path sets it and waits for the last run. No kthread involved.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/delay.h>

static struct timer_list tick_timer;
static int stop_ticking;
static int ticking;

static void tick_fn(struct timer_list *t)
{
	if (stop_ticking) {
		ticking = 0;
		return;
	}
	mod_timer(&tick_timer, jiffies + HZ / 10);
}

static int __init neg_timer_init(void)
{
	ticking = 1;
	timer_setup(&tick_timer, tick_fn, 0);
	mod_timer(&tick_timer, jiffies + HZ / 10);
	return 0;
}

static void __exit neg_timer_exit(void)
{
	stop_ticking = 1;
	while (ticking)
		msleep(10);
	del_timer_sync(&tick_timer);
}

module_init(neg_timer_init);
module_exit(neg_timer_exit);
MODULE_LICENSE("GPL");
