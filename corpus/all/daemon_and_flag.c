// SPDX-License-Identifier: GPL-2.0
/*
 * A pre-3.8 daemon next to a flag-stopped kthread in one module: the
 * daemon (kernel_thread, daemonize, SIGKILL, completion) goes to the
 * kthread API through legacy-daemon, the flag pair through stop-flag.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

static DECLARE_COMPLETION(daemon_done);
static int daemon_pid;
static int watcher_stop;
static int watcher_exited;

static int legacy_daemon(void *data)
{
	daemonize("legacy_daemon");
	allow_signal(SIGKILL);
	while (!signal_pending(current))
		msleep(50);
	complete_and_exit(&daemon_done, 0);
}

static int watcher(void *data)
{
	while (!watcher_stop)
		msleep(50);
	watcher_exited = 1;
	return 0;
}

static int __init daemon_and_flag_init(void)
{
	daemon_pid = kernel_thread(legacy_daemon, NULL, CLONE_FS | CLONE_FILES);
	if (daemon_pid < 0)
		return daemon_pid;
	kthread_run(watcher, NULL, "watcher");
	return 0;
}

static void __exit daemon_and_flag_exit(void)
{
	watcher_stop = 1;
	while (!watcher_exited)
		msleep(1);
	kill_proc(daemon_pid, SIGKILL, 1);
	wait_for_completion(&daemon_done);
}

module_init(daemon_and_flag_init);
module_exit(daemon_and_flag_exit);
MODULE_LICENSE("GPL");
