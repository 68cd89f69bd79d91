// SPDX-License-Identifier: GPL-2.0
/*
 * A 2.6-era thread that ups its terminate semaphore and calls do_exit(),
 * which modules cannot call since 5.17. Its loop is for (;;) with a
 * volatile stop flag tested after a schedule_timeout_interruptible(),
 * which kthread_stop() cuts short. The task pointer is kept, but tested
 * against NULL.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/sched.h>

static struct task_struct *scan_task;
static unsigned int scans;

static int scan_thread(void *data)
{
	for (;;) {
		schedule_timeout_interruptible(HZ / 20);
		if (kthread_should_stop())
			break;
		scans++;
	}
	return 0;
}

static int __init do_exit_end_init(void)
{
	scan_task = kthread_run(scan_thread, NULL, "scan_thread");
	if (IS_ERR(scan_task))
		return PTR_ERR(scan_task);
	return 0;
}

static void __exit do_exit_end_exit(void)
{
	kthread_stop(scan_task);
	pr_info("do_exit_end: %u scans\n", scans);
}

module_init(do_exit_end_init);
module_exit(do_exit_end_exit);
MODULE_LICENSE("GPL");
