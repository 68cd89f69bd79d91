// SPDX-License-Identifier: GPL-2.0
/*
 * daemonize() under the big kernel lock, the freezer opt-out of the time,
 * the task pointer published by the thread and a start whose result is
 * dropped: the rewrite must keep the kthread_run() result, check it, and
 * take <linux/smp_lock.h> away with the last lock_kernel().
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *watch_task;
static unsigned int rounds;

static int watch_thread(void *arg)
{
	while (!kthread_should_stop()) {
		rounds++;
		msleep_interruptible(25);
	}
	return 0;
}

static int __init lock_kernel_init(void)
{
	watch_task = kthread_run(watch_thread, NULL, "watchd");
	if (IS_ERR(watch_task))
		return PTR_ERR(watch_task);
	return 0;
}

static void __exit lock_kernel_exit(void)
{
	kthread_stop(watch_task);
	pr_info("lock_kernel: %u rounds\n", rounds);
}

module_init(lock_kernel_init);
module_exit(lock_kernel_exit);
MODULE_LICENSE("GPL");
