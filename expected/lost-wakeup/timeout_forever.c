// SPDX-License-Identifier: GPL-2.0
/*
 * schedule_timeout(MAX_SCHEDULE_TIMEOUT) is schedule() under another name:
 * the sleep only ends on a wake-up, so testing kthread_should_stop() before
 * set_current_state() loses a stop request just the same. A timer wakes
 * the thread to refill its pool.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *refill_task;
static struct timer_list refill_timer;
static unsigned int pool_level, refills;

static void refill_kick(struct timer_list *t)
{
	if (pool_level > 0)
		pool_level--;
	wake_up_process(refill_task);
	mod_timer(&refill_timer, jiffies + msecs_to_jiffies(25));
}

static int refill_thread(void *data)
{
	while (!kthread_should_stop()) {
		while (pool_level < 8) {
			pool_level++;
			refills++;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(MAX_SCHEDULE_TIMEOUT);
	}
	return 0;
}

static int __init timeout_forever_init(void)
{
	refill_task = kthread_run(refill_thread, NULL, "refill_thread");
	if (IS_ERR(refill_task))
		return PTR_ERR(refill_task);
	timer_setup(&refill_timer, refill_kick, 0);
	mod_timer(&refill_timer, jiffies + msecs_to_jiffies(25));
	return 0;
}

static void __exit timeout_forever_exit(void)
{
	del_timer_sync(&refill_timer);
	kthread_stop(refill_task);
	pr_info("timeout_forever: %u refills\n", refills);
}

module_init(timeout_forever_init);
module_exit(timeout_forever_exit);
MODULE_LICENSE("GPL");
