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
static struct task_struct *poll_fn_task;

static int poll_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(30);
	return 0;
}

static int beacon_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(60);
	return 0;
}

static int __init flag_and_api_threads_init(void)
{
	beacon_task = kthread_run(beacon_fn, NULL, "beacon_fn");
	if (IS_ERR(beacon_task))
		return PTR_ERR(beacon_task);
	poll_fn_task = kthread_run(poll_fn, NULL, "poll_fn");
	if (IS_ERR(poll_fn_task)) {
		kthread_stop(beacon_task);
		return PTR_ERR(poll_fn_task);
	}
	return 0;
}

static void __exit flag_and_api_threads_exit(void)
{
	kthread_stop(poll_fn_task);
	kthread_stop(beacon_task);
}

module_init(flag_and_api_threads_init);
module_exit(flag_and_api_threads_exit);
MODULE_LICENSE("GPL");
