// SPDX-License-Identifier: GPL-2.0
/*
 * A stop flag raised together with the signal: the loop tests both, the
 * exit path sets the flag, kill_proc()s the thread with SIGTERM (to cut
 * its interruptible sleep short) and waits. The thread ends with
 * complete(); return. The flag served the stop alone and goes with it.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

static volatile int stop_scan;
static int scan_pid;
static DECLARE_COMPLETION(scan_done);
static unsigned int scans;

static int scan_thread(void *data)
{
	daemonize("scand");
	allow_signal(SIGTERM);

	while (!stop_scan && !signal_pending(current)) {
		scans++;
		msleep_interruptible(60);
	}
	complete(&scan_done);
	return 0;
}

static int __init flag_and_signal_init(void)
{
	stop_scan = 0;
	scan_pid = kernel_thread(scan_thread, NULL, CLONE_KERNEL);
	if (scan_pid < 0)
		return scan_pid;
	return 0;
}

static void __exit flag_and_signal_exit(void)
{
	stop_scan = 1;
	kill_proc(scan_pid, SIGTERM, 1);
	wait_for_completion(&scan_done);
	pr_info("flag_and_signal: %u scans\n", scans);
}

module_init(flag_and_signal_init);
module_exit(flag_and_signal_exit);
MODULE_LICENSE("GPL");
