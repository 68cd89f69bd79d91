// SPDX-License-Identifier: GPL-2.0
/*
 * schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT) sets the task state
 * itself, right before it sleeps, so it always comes after the loop's
 * kthread_should_stop() test: no placement of the test can close the
 * window. The fix is an explicit set_current_state(), the test, then
 * schedule(). A timer wakes the thread to flush its log.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *flush_task;
static struct timer_list flush_timer;
static unsigned int flushes;

static void flush_due(struct timer_list *t)
{
	wake_up_process(flush_task);
	mod_timer(&flush_timer, jiffies + msecs_to_jiffies(50));
}

static int log_flusher(void *data)
{
	while (!kthread_should_stop()) {
		schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT);
		flushes++;
	}
	return 0;
}

static int __init self_setting_sleep_init(void)
{
	flush_task = kthread_run(log_flusher, NULL, "log_flusher");
	if (IS_ERR(flush_task))
		return PTR_ERR(flush_task);
	timer_setup(&flush_timer, flush_due, 0);
	mod_timer(&flush_timer, jiffies + msecs_to_jiffies(50));
	return 0;
}

static void __exit self_setting_sleep_exit(void)
{
	del_timer_sync(&flush_timer);
	kthread_stop(flush_task);
	pr_info("self_setting_sleep: %u flushes\n", flushes);
}

module_init(self_setting_sleep_init);
module_exit(self_setting_sleep_exit);
MODULE_LICENSE("GPL");
