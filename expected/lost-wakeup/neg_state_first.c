// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the right order. The thread sets TASK_INTERRUPTIBLE, then
 * tests kthread_should_stop(), then sleeps: a kthread_stop() after the
 * test finds the thread in TASK_INTERRUPTIBLE and its wake-up makes
 * schedule() return. A timer wakes the thread for work.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *poll_task;
static struct timer_list poll_timer;
static unsigned long polls;

static void poll_kick(struct timer_list *t)
{
	wake_up_process(poll_task);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(20));
}

static int poll_thread(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
		polls++;
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init neg_state_first_init(void)
{
	poll_task = kthread_run(poll_thread, NULL, "poll_thread");
	if (IS_ERR(poll_task))
		return PTR_ERR(poll_task);
	timer_setup(&poll_timer, poll_kick, 0);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(20));
	return 0;
}

static void __exit neg_state_first_exit(void)
{
	del_timer_sync(&poll_timer);
	kthread_stop(poll_task);
	pr_info("neg_state_first: %lu polls\n", polls);
}

module_init(neg_state_first_init);
module_exit(neg_state_first_exit);
MODULE_LICENSE("GPL");
