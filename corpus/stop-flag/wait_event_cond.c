// SPDX-License-Identifier: GPL-2.0
/*
 * The stop flag is folded into the thread's wait_event_interruptible()
 * condition and tested again after the wait; the exit path wakes the
 * queue, then spins on an exited flag.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(event_wq);
static int have_event;
static int stop_req;
static int exited;

static int event_thread(void *data)
{
	for (;;) {
		wait_event_interruptible(event_wq, have_event || stop_req);
		if (stop_req)
			break;
		have_event = 0;
		pr_debug("event\n");
	}
	exited = 1;
	return 0;
}

static int __init wait_event_cond_init(void)
{
	kthread_run(event_thread, NULL, "event_thread");
	return 0;
}

static void __exit wait_event_cond_exit(void)
{
	stop_req = 1;
	wake_up_interruptible(&event_wq);
	while (!exited)
		msleep(1);
}

module_init(wait_event_cond_init);
module_exit(wait_event_cond_exit);
MODULE_LICENSE("GPL");
