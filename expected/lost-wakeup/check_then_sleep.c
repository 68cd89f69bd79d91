// SPDX-License-Identifier: GPL-2.0
/*
 * The textbook lost wake-up: the loop tests kthread_should_stop(), then
 * the body sets TASK_INTERRUPTIBLE and calls schedule(). A kthread_stop()
 * between the test and set_current_state() wakes a thread that is still
 * running; the thread then sleeps until the next timer tick wakes it, or
 * for good once the timer is gone. A timer wakes the thread for work.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *tick_task;
static struct timer_list tick_timer;
static unsigned long ticks;

static void tick_fire(struct timer_list *t)
{
	wake_up_process(tick_task);
	mod_timer(&tick_timer, jiffies + msecs_to_jiffies(20));
}

static int tick_worker(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
		ticks++;
	}
	return 0;
}

static int __init check_then_sleep_init(void)
{
	tick_task = kthread_run(tick_worker, NULL, "tick_worker");
	if (IS_ERR(tick_task))
		return PTR_ERR(tick_task);
	timer_setup(&tick_timer, tick_fire, 0);
	mod_timer(&tick_timer, jiffies + msecs_to_jiffies(20));
	return 0;
}

static void __exit check_then_sleep_exit(void)
{
	del_timer_sync(&tick_timer);
	kthread_stop(tick_task);
	pr_info("check_then_sleep: %lu ticks\n", ticks);
}

module_init(check_then_sleep_init);
module_exit(check_then_sleep_exit);
MODULE_LICENSE("GPL");
