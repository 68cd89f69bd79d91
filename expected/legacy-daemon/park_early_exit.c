// SPDX-License-Identifier: GPL-2.0
/*
 * The loop also ends on its own, when the device it polls is gone. As a
 * daemon that was harmless (the exit path's kill_proc() of a dead pid did
 * nothing, the completion was already complete); as a kthread, returning
 * before kthread_stop() would leave the stopper with a freed task
 * (hazard 1). The rewritten thread waits to be stopped after its loop.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *probe_task;
static int device_present = 1;
static unsigned int probes;

static int prober(void *data)
{
	while (!kthread_should_stop() && device_present) {
		probes++;
		if (probes == 10)
			device_present = 0;
		msleep_interruptible(20);
	}
	pr_info("park_early_exit: prober done after %u probes\n", probes);
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init park_early_exit_init(void)
{
	probe_task = kthread_run(prober, NULL, "prober");
	if (IS_ERR(probe_task))
		return PTR_ERR(probe_task);
	return 0;
}

static void __exit park_early_exit_exit(void)
{
	kthread_stop(probe_task);
}

module_init(park_early_exit_init);
module_exit(park_early_exit_exit);
MODULE_LICENSE("GPL");
