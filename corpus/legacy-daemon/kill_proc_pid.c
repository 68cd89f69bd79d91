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

static int daemon_pid;
static DECLARE_COMPLETION(daemon_exited);
static unsigned int ticks;

static int ticker_daemon(void *unused)
{
	daemonize("tickerd");
	allow_signal(SIGKILL);

	for (;;) {
		ticks++;
		if (signal_pending(current))
			break;
		schedule_timeout_interruptible(HZ / 20);
	}
	complete_and_exit(&daemon_exited, 0);
}

static int __init kill_proc_pid_init(void)
{
	daemon_pid = kernel_thread(ticker_daemon, NULL, CLONE_KERNEL);
	if (daemon_pid < 0)
		return daemon_pid;
	return 0;
}

static void __exit kill_proc_pid_exit(void)
{
	kill_proc(daemon_pid, SIGKILL, 1);
	wait_for_completion(&daemon_exited);
	pr_info("kill_proc_pid: %u ticks\n", ticks);
}

module_init(kill_proc_pid_init);
module_exit(kill_proc_pid_exit);
MODULE_LICENSE("GPL");
