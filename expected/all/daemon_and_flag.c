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
static struct task_struct *daemon_task;
static struct task_struct *watcher_task;

static int legacy_daemon(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int watcher(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init daemon_and_flag_init(void)
{
	daemon_task = kthread_run(legacy_daemon, NULL, "legacy_daemon");
	if (IS_ERR(daemon_task))
		return PTR_ERR(daemon_task);
	watcher_task = kthread_run(watcher, NULL, "watcher");
	if (IS_ERR(watcher_task)) {
		kthread_stop(daemon_task);
		return PTR_ERR(watcher_task);
	}
	return 0;
}

static void __exit daemon_and_flag_exit(void)
{
	kthread_stop(watcher_task);
	kthread_stop(daemon_task);
}

module_init(daemon_and_flag_init);
module_exit(daemon_and_flag_exit);
MODULE_LICENSE("GPL");
