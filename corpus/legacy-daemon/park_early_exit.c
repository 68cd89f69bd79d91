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

static int probe_pid;
static DECLARE_COMPLETION(probe_done);
static int device_present = 1;
static unsigned int probes;

static int prober(void *data)
{
	daemonize("prober");
	allow_signal(SIGKILL);

	while (!signal_pending(current) && device_present) {
		probes++;
		if (probes == 10)
			device_present = 0;
		msleep_interruptible(20);
	}
	pr_info("park_early_exit: prober done after %u probes\n", probes);
	complete_and_exit(&probe_done, 0);
}

static int __init park_early_exit_init(void)
{
	probe_pid = kernel_thread(prober, NULL, CLONE_KERNEL);
	if (probe_pid < 0)
		return probe_pid;
	return 0;
}

static void __exit park_early_exit_exit(void)
{
	kill_proc(probe_pid, SIGKILL, 1);
	wait_for_completion(&probe_done);
}

module_init(park_early_exit_init);
module_exit(park_early_exit_exit);
MODULE_LICENSE("GPL");
