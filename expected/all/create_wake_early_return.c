// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create() woken at once (create-wake), and a thread that returns
 * early from its kthread_should_stop() loop when its budget runs out
 * (stop-race: parked until kthread_stop() instead).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *budget_task;
static unsigned int budget = 5;

static int budget_fn(void *data)
{
	while (!kthread_should_stop()) {
		if (budget == 0) {
			/* Wait for kthread_stop(): it needs this task */
			set_current_state(TASK_INTERRUPTIBLE);
			while (!kthread_should_stop()) {
				schedule();
				set_current_state(TASK_INTERRUPTIBLE);
			}
			__set_current_state(TASK_RUNNING);
			return -ENOSPC;
		}
		budget--;
		msleep(20);
	}
	return 0;
}

static int __init create_wake_early_return_init(void)
{
	budget_task = kthread_run(budget_fn, NULL, "budget_fn");
	if (IS_ERR(budget_task))
		return PTR_ERR(budget_task);
	return 0;
}

static void __exit create_wake_early_return_exit(void)
{
	int ret = kthread_stop(budget_task);

	pr_info("create_wake_early_return: thread returned %d\n", ret);
}

module_init(create_wake_early_return_init);
module_exit(create_wake_early_return_exit);
MODULE_LICENSE("GPL");
