// SPDX-License-Identifier: GPL-2.0
/*
 * SIGTERM let in through the signal mask (siginitsetinv() under the
 * siglock, the 2.6.0 idiom), the thread asleep in wait_event_interruptible()
 * on its work queue, and a break on signal_pending() after the wait. The
 * wait must now also end on kthread_should_stop(); the mask code goes.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/kthread.h>

static struct task_struct *flush_task;
static DECLARE_WAIT_QUEUE_HEAD(flush_wq);
static int flush_pending;
static unsigned int flushes;
static struct timer_list kick_timer;

static void kick(struct timer_list *t)
{
	flush_pending = 1;
	wake_up_interruptible(&flush_wq);
	mod_timer(&kick_timer, jiffies + HZ / 10);
}

static int flusher(void *data)
{
	for (;;) {
		wait_event_interruptible(flush_wq,
					 flush_pending || kthread_should_stop());
		if (kthread_should_stop())
			break;
		flush_pending = 0;
		flushes++;
	}
	return 0;
}

static int __init sigterm_mask_init(void)
{
	flush_task = kthread_run(flusher, NULL, "flushd");
	if (IS_ERR(flush_task))
		return PTR_ERR(flush_task);
	timer_setup(&kick_timer, kick, 0);
	mod_timer(&kick_timer, jiffies + HZ / 10);
	return 0;
}

static void __exit sigterm_mask_exit(void)
{
	del_timer_sync(&kick_timer);
	kthread_stop(flush_task);
	pr_info("sigterm_mask: %u flushes\n", flushes);
}

module_init(sigterm_mask_init);
module_exit(sigterm_mask_exit);
MODULE_LICENSE("GPL");
