// SPDX-License-Identifier: GPL-2.0
/*
 * daemonize() under the big kernel lock, the freezer opt-out of the time,
 * the task pointer published by the thread and a start whose result is
 * dropped: the rewrite must keep the kthread_run() result, check it, and
 * take <linux/smp_lock.h> away with the last lock_kernel().
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp_lock.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct task_struct *watch_task;
static DECLARE_COMPLETION(watch_done);
static unsigned int rounds;

static int watch_thread(void *arg)
{
	lock_kernel();
	daemonize("watchd");
	allow_signal(SIGKILL);
	unlock_kernel();
	current->flags |= PF_NOFREEZE;
	watch_task = current;

	while (!signal_pending(current)) {
		rounds++;
		msleep_interruptible(25);
	}
	complete_and_exit(&watch_done, 0);
}

static int __init lock_kernel_init(void)
{
	kernel_thread(watch_thread, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
	return 0;
}

static void __exit lock_kernel_exit(void)
{
	send_sig(SIGKILL, watch_task, 1);
	wait_for_completion(&watch_done);
	pr_info("lock_kernel: %u rounds\n", rounds);
}

module_init(lock_kernel_init);
module_exit(lock_kernel_exit);
MODULE_LICENSE("GPL");
