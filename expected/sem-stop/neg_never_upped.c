// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported): the thread sleeps in down() on a work semaphore
 * that only a timer ups; the stop path raises the flag and downs the
 * terminate semaphore but never ups the work semaphore, so the stop
 * request is only seen once the next tick arrives. That sleep is no part
 * of the stop protocol the rule can vouch for, and kthread_stop()'s
 * wake-up does not end a down(): the rule reports it and leaves it.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct semaphore work_sem;
static struct semaphore done_sem;
static int poll_stop;
static struct timer_list poll_timer;
static unsigned int polls;

static void poll_tick(struct timer_list *t)
{
	up(&work_sem);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(20));
}

static int poll_thread(void *data)
{
	while (!poll_stop) {
		down(&work_sem);
		polls++;
	}
	up(&done_sem);
	return 0;
}

static int __init neg_never_upped_init(void)
{
	struct task_struct *t;

	sema_init(&work_sem, 0);
	sema_init(&done_sem, 0);
	timer_setup(&poll_timer, poll_tick, 0);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(20));
	t = kthread_run(poll_thread, NULL, "poll_thread");
	if (IS_ERR(t)) {
		del_timer_sync(&poll_timer);
		return PTR_ERR(t);
	}
	return 0;
}

static void __exit neg_never_upped_exit(void)
{
	poll_stop = 1;
	down(&done_sem);
	del_timer_sync(&poll_timer);
	pr_info("neg_never_upped: %u polls\n", polls);
}

module_init(neg_never_upped_init);
module_exit(neg_never_upped_exit);
MODULE_LICENSE("GPL");
