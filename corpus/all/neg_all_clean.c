// SPDX-License-Identifier: GPL-2.0
/*
 * Negative for the whole suite: a correct kthread module (kthread_run()
 * checked with IS_ERR(), a kthread_should_stop() loop that sets its state
 * before sleeping, kthread_stop() on exit). No rule may touch it.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>

static struct task_struct *clean_task;

static int clean_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule_timeout(HZ / 10);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init neg_all_clean_init(void)
{
	clean_task = kthread_run(clean_fn, NULL, "clean_fn");
	return PTR_ERR_OR_ZERO(clean_task);
}

static void __exit neg_all_clean_exit(void)
{
	kthread_stop(clean_task);
}

module_init(neg_all_clean_init);
module_exit(neg_all_clean_exit);
MODULE_LICENSE("GPL");
