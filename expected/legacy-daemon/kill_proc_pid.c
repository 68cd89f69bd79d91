// SPDX-License-Identifier: GPL-2.0
/*
 * The pid kept at file scope: kernel_thread() returns it, the exit path
 * kill_proc()s it with SIGKILL and waits on a completion. The thread is a
 * for (;;) loop that breaks out on signal_pending() and sleeps with
 * schedule_timeout_interruptible(). The file predates <linux/kthread.h>.
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/kthread.h>

static struct task_struct *daemon_task;
static unsigned int ticks;

static int ticker_daemon(void *unused)
{
	for (;;) {
		ticks++;
		if (kthread_should_stop())
			break;
		schedule_timeout_interruptible(HZ / 20);
	}
	return 0;
}

static int __init kill_proc_pid_init(void)
{
	daemon_task = kthread_run(ticker_daemon, NULL, "tickerd");
	if (IS_ERR(daemon_task))
		return PTR_ERR(daemon_task);
	return 0;
}

static void __exit kill_proc_pid_exit(void)
{
	kthread_stop(daemon_task);
	pr_info("kill_proc_pid: %u ticks\n", ticks);
}

module_init(kill_proc_pid_init);
module_exit(kill_proc_pid_exit);
MODULE_LICENSE("GPL");
