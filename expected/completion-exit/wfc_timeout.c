// SPDX-License-Identifier: GPL-2.0
/*
 * The exit path only waits a bounded time for the thread
 * (wait_for_completion_timeout()): if the thread were slower, the module
 * would be freed under it. kthread_stop() waits for the thread function
 * to return. The flag is a bit in a flags word, woken with
 * wake_up_process() on a task pointer published at start.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/bitops.h>
#include <linux/sched.h>

#define WD_STOP 0
static struct task_struct *wd_task;
static unsigned int wd_kicks;

static int watchdog_fn(void *data)
{
	while (!kthread_should_stop()) {
		wd_kicks++;
		schedule_timeout_interruptible(HZ / 10);
	}
	return 0;
}

static int __init wfc_timeout_init(void)
{
	wd_task = kthread_run(watchdog_fn, NULL, "watchdog_fn");
	if (IS_ERR(wd_task))
		return PTR_ERR(wd_task);
	return 0;
}

static void __exit wfc_timeout_exit(void)
{
	kthread_stop(wd_task);
	pr_info("wfc_timeout: %u kicks\n", wd_kicks);
}

module_init(wfc_timeout_init);
module_exit(wfc_timeout_exit);
MODULE_LICENSE("GPL");
