// SPDX-License-Identifier: GPL-2.0
/*
 * The 2.6-era daemon: kernel_thread() + daemonize() + allow_signal(SIGKILL).
 * The thread publishes its own task pointer and polls signal_pending();
 * the exit path sends SIGKILL and waits on a completion that the thread
 * signals with complete_and_exit(). The start result goes into a local
 * that is only checked.
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *poll_task;
static unsigned long polls;

static int poll_thread(void *data)
{
	while (!kthread_should_stop()) {
		polls++;
		msleep_interruptible(50);
	}
	return 0;
}

static int __init send_sig_completion_init(void)
{
	poll_task = kthread_run(poll_thread, NULL, "pollerd");
	if (IS_ERR(poll_task))
		return PTR_ERR(poll_task);
	return 0;
}

static void __exit send_sig_completion_exit(void)
{
	kthread_stop(poll_task);
	pr_info("send_sig_completion: %lu polls\n", polls);
}

module_init(send_sig_completion_init);
module_exit(send_sig_completion_exit);
MODULE_LICENSE("GPL");
