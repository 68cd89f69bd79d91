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
#include <linux/kthread.h>

static struct task_struct *scan_task;
static unsigned int scans;

static int scan_thread(void *data)
{
	while (!kthread_should_stop()) {
		scans++;
		msleep_interruptible(60);
	}
	return 0;
}

static int __init flag_and_signal_init(void)
{
	scan_task = kthread_run(scan_thread, NULL, "scand");
	if (IS_ERR(scan_task))
		return PTR_ERR(scan_task);
	return 0;
}

static void __exit flag_and_signal_exit(void)
{
	kthread_stop(scan_task);
	pr_info("flag_and_signal: %u scans\n", scans);
}

module_init(flag_and_signal_init);
module_exit(flag_and_signal_exit);
MODULE_LICENSE("GPL");
