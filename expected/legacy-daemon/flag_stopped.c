// SPDX-License-Identifier: GPL-2.0
/*
 * A daemon stopped by a flag and a completion, no signal at all: not this
 * rule's stop protocol (completion-exit and stop-flag take it from
 * there). Only what 6.1 lacks goes: kernel_thread() becomes kthread_run()
 * with the task kept where the pid was, daemonize() goes, and
 * complete_and_exit() becomes kthread_complete_and_exit().
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *pump_task;
static int pump_stop;
static DECLARE_COMPLETION(pump_exited);
static unsigned int pumped;

static int pump(void *data)
{
	while (!pump_stop) {
		pumped++;
		msleep(30);
	}
	kthread_complete_and_exit(&pump_exited, 0);
}

static int __init flag_stopped_init(void)
{
	pump_task = kthread_run(pump, NULL, "pumpd");
	if (IS_ERR(pump_task))
		return PTR_ERR(pump_task);
	return 0;
}

static void __exit flag_stopped_exit(void)
{
	pump_stop = 1;
	wait_for_completion(&pump_exited);
	pr_info("flag_stopped: %u pumped\n", pumped);
}

module_init(flag_stopped_init);
module_exit(flag_stopped_exit);
MODULE_LICENSE("GPL");
