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

static struct task_struct *poll_task;
static DECLARE_COMPLETION(poll_exited);
static unsigned long polls;

static int poll_thread(void *data)
{
	daemonize("pollerd");
	allow_signal(SIGKILL);
	poll_task = current;

	while (!signal_pending(current)) {
		polls++;
		msleep_interruptible(50);
	}
	complete_and_exit(&poll_exited, 0);
}

static int __init send_sig_completion_init(void)
{
	int pid;

	pid = kernel_thread(poll_thread, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
	if (pid < 0)
		return pid;
	return 0;
}

static void __exit send_sig_completion_exit(void)
{
	send_sig(SIGKILL, poll_task, 1);
	wait_for_completion(&poll_exited);
	pr_info("send_sig_completion: %lu polls\n", polls);
}

module_init(send_sig_completion_init);
module_exit(send_sig_completion_exit);
MODULE_LICENSE("GPL");
