// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads in one module, each with its own problem: the first is
 * stopped with a hand-rolled flag and exit-flag spin (stop-flag), the
 * second already uses kthread_should_stop() but its kthread_run() result
 * is tested against NULL (err-ptr) and it ends with do_exit() (do-exit).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *beacon_task;
static int poll_stop;
static int poll_done;

static int poll_fn(void *data)
{
	while (!poll_stop)
		msleep(30);
	poll_done = 1;
	return 0;
}

static int beacon_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(60);
	do_exit(0);
}

static int __init flag_and_api_threads_init(void)
{
	beacon_task = kthread_run(beacon_fn, NULL, "beacon_fn");
	if (beacon_task == NULL)
		return -ENOMEM;
	kthread_run(poll_fn, NULL, "poll_fn");
	return 0;
}

static void __exit flag_and_api_threads_exit(void)
{
	poll_stop = 1;
	while (!poll_done)
		msleep(1);
	kthread_stop(beacon_task);
}

module_init(flag_and_api_threads_init);
module_exit(flag_and_api_threads_exit);
MODULE_LICENSE("GPL");
