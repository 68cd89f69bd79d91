// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the hw_random shape. The loop tests kthread_should_stop() at
 * the top, but tests it again after set_current_state() and only sleeps
 * when it is still false, which closes the window.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *fill_task;
static struct timer_list fill_timer;
static unsigned int fills;

static void fill_kick(struct timer_list *t)
{
	wake_up_process(fill_task);
	mod_timer(&fill_timer, jiffies + msecs_to_jiffies(25));
}

static int fill_thread(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
		fills++;
	}
	return 0;
}

static int __init neg_recheck_init(void)
{
	fill_task = kthread_run(fill_thread, NULL, "fill_thread");
	if (IS_ERR(fill_task))
		return PTR_ERR(fill_task);
	timer_setup(&fill_timer, fill_kick, 0);
	mod_timer(&fill_timer, jiffies + msecs_to_jiffies(25));
	return 0;
}

static void __exit neg_recheck_exit(void)
{
	del_timer_sync(&fill_timer);
	kthread_stop(fill_task);
	pr_info("neg_recheck: %u fills\n", fills);
}

module_init(neg_recheck_init);
module_exit(neg_recheck_exit);
MODULE_LICENSE("GPL");
