// SPDX-License-Identifier: GPL-2.0
/*
 * The pre-5.17 textbook shape: a file-scope stop flag and completion, the
 * thread ends with complete_and_exit() and the exit path raises the flag
 * and waits for the completion. The kthread_run() result is dropped. The
 * thread only sleeps in msleep(), so it can poll kthread_should_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct task_struct *poller_task;
static unsigned long polls;

static int poller(void *data)
{
	while (!kthread_should_stop()) {
		polls++;
		msleep(20);
	}
	return 0;
}

static int __init global_complete_and_exit_init(void)
{
	poller_task = kthread_run(poller, NULL, "poller");
	if (IS_ERR(poller_task))
		return PTR_ERR(poller_task);
	return 0;
}

static void __exit global_complete_and_exit_exit(void)
{
	kthread_stop(poller_task);
	pr_info("global_complete_and_exit: %lu polls\n", polls);
}

module_init(global_complete_and_exit_init);
module_exit(global_complete_and_exit_exit);
MODULE_LICENSE("GPL");
