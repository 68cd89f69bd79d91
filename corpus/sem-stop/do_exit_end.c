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
static struct semaphore scan_exit;
static volatile int scan_quit;
static unsigned int scans;

static int scan_thread(void *data)
{
	for (;;) {
		schedule_timeout_interruptible(HZ / 20);
		if (scan_quit)
			break;
		scans++;
	}
	up(&scan_exit);
	do_exit(0);
}

static int __init do_exit_end_init(void)
{
	sema_init(&scan_exit, 0);
	scan_task = kthread_run(scan_thread, NULL, "scan_thread");
	if (!scan_task)
		return -ENOMEM;
	return 0;
}

static void __exit do_exit_end_exit(void)
{
	scan_quit = 1;
	down(&scan_exit);
	pr_info("do_exit_end: %u scans\n", scans);
}

module_init(do_exit_end_init);
module_exit(do_exit_end_exit);
MODULE_LICENSE("GPL");
