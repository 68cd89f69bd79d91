// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, untouched: the thread is created early and woken only at the
 * end of the init function, after the wait queue and the timer it uses
 * are set up. That is what kthread_create() is for; nothing to report.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/timer.h>
#include <linux/wait.h>

static struct task_struct *tick_task;
static struct timer_list tick_timer;
static DECLARE_WAIT_QUEUE_HEAD(tick_wq);
static bool ticked;

static void tick_fire(struct timer_list *t)
{
	ticked = true;
	wake_up(&tick_wq);
	mod_timer(&tick_timer, jiffies + HZ / 20);
}

static int tick_fn(void *data)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(tick_wq,
						 ticked || kthread_should_stop(),
						 HZ / 10);
		ticked = false;
	}
	return 0;
}

static int __init neg_far_wake_init(void)
{
	tick_task = kthread_create(tick_fn, NULL, "tick");
	if (IS_ERR(tick_task))
		return PTR_ERR(tick_task);
	timer_setup(&tick_timer, tick_fire, 0);
	mod_timer(&tick_timer, jiffies + HZ / 20);
	pr_info("neg_far_wake: timer armed\n");
	wake_up_process(tick_task);
	return 0;
}

static void __exit neg_far_wake_exit(void)
{
	del_timer_sync(&tick_timer);
	kthread_stop(tick_task);
}

module_init(neg_far_wake_init);
module_exit(neg_far_wake_exit);
MODULE_LICENSE("GPL");
