// SPDX-License-Identifier: GPL-2.0
/*
 * The plain semaphore handshake: a file-scope stop flag and terminate
 * semaphore (initialised to 0), the thread ups the semaphore and returns,
 * the exit path raises the flag and downs it. The kthread_run() result is
 * dropped. The thread only sleeps in msleep(), so it can poll
 * kthread_should_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

static struct task_struct *housekeeper_task;
static unsigned long rounds;

static int housekeeper(void *data)
{
	while (!kthread_should_stop()) {
		rounds++;
		msleep(20);
	}
	return 0;
}

static int __init global_terminate_init(void)
{
	housekeeper_task = kthread_run(housekeeper, NULL, "housekeeper");
	if (IS_ERR(housekeeper_task))
		return PTR_ERR(housekeeper_task);
	return 0;
}

static void __exit global_terminate_exit(void)
{
	kthread_stop(housekeeper_task);
	pr_info("global_terminate: %lu rounds\n", rounds);
}

module_init(global_terminate_init);
module_exit(global_terminate_exit);
MODULE_LICENSE("GPL");
