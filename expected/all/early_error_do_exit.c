// SPDX-License-Identifier: GPL-2.0
/*
 * A kthread_should_stop() loop that gives up early on an error and ends
 * with do_exit(): the early exit would let kthread_stop() touch a thread
 * that is already gone (stop-race parks it until stopped), and do_exit()
 * becomes a return (do-exit).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *probe_task;
static unsigned int attempts;

static int probe_fn(void *data)
{
	while (!kthread_should_stop()) {
		if (++attempts > 3)
			break;
		msleep(20);
	}
	pr_info("early_error_do_exit: %u attempts\n", attempts);
	/* Wait for kthread_stop(): it needs this task */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init early_error_do_exit_init(void)
{
	probe_task = kthread_run(probe_fn, NULL, "probe_fn");
	if (IS_ERR(probe_task))
		return PTR_ERR(probe_task);
	return 0;
}

static void __exit early_error_do_exit_exit(void)
{
	kthread_stop(probe_task);
}

module_init(early_error_do_exit_init);
module_exit(early_error_do_exit_exit);
MODULE_LICENSE("GPL");
