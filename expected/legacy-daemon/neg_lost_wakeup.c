// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread tests signal_pending()
 * in its loop condition and then sets its state and calls schedule().
 * With a signal that is safe (schedule() does not sleep with a signal
 * pending), with kthread_should_stop() a stop request made between the
 * test and set_current_state() could be lost on kernels whose
 * kthread_stop() only wakes the task.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/timer.h>

static struct task_struct *lw_task;
static DECLARE_COMPLETION(lw_done);
static struct timer_list lw_timer;
static unsigned int wakes;

static void lw_tick(struct timer_list *t)
{
	wake_up_process(lw_task);
	mod_timer(&lw_timer, jiffies + HZ / 10);
}

static int lw_thread(void *data)
{
	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		wakes++;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	kthread_complete_and_exit(&lw_done, 0);
}

static int __init neg_lost_wakeup_init(void)
{
	timer_setup(&lw_timer, lw_tick, 0);
	lw_task = kthread_run(lw_thread, NULL, "lw_thread");
	if (IS_ERR(lw_task))
		return PTR_ERR(lw_task);
	mod_timer(&lw_timer, jiffies + HZ / 10);
	return 0;
}

static void __exit neg_lost_wakeup_exit(void)
{
	del_timer_sync(&lw_timer);
	send_sig(SIGKILL, lw_task, 1);
	wait_for_completion(&lw_done);
	pr_info("neg_lost_wakeup: %u wakes\n", wakes);
}

module_init(neg_lost_wakeup_init);
module_exit(neg_lost_wakeup_exit);
MODULE_LICENSE("GPL");
