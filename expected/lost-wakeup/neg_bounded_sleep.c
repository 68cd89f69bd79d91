// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the test comes before set_current_state(), but the sleep is
 * bounded (schedule_timeout(HZ / 10)): a stop request lost in the window
 * only delays the thread's exit by one period, it cannot hang kthread_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>

static struct task_struct *stats_task;
static unsigned long samples;

static int stats_thread(void *data)
{
	while (!kthread_should_stop()) {
		samples++;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
	}
	return 0;
}

static int __init neg_bounded_sleep_init(void)
{
	stats_task = kthread_run(stats_thread, NULL, "stats_thread");
	if (IS_ERR(stats_task))
		return PTR_ERR(stats_task);
	return 0;
}

static void __exit neg_bounded_sleep_exit(void)
{
	kthread_stop(stats_task);
	pr_info("neg_bounded_sleep: %lu samples\n", samples);
}

module_init(neg_bounded_sleep_init);
module_exit(neg_bounded_sleep_exit);
MODULE_LICENSE("GPL");
