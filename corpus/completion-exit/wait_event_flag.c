// SPDX-License-Identifier: GPL-2.0
/*
 * The thread sleeps in wait_event_interruptible() on a condition that
 * includes the stop flag; the exit path raises the flag, wakes the queue
 * and waits for the completion. Once the condition tests
 * kthread_should_stop(), kthread_stop()'s own wake-up ends that sleep;
 * the wake_up_interruptible() stays before it, harmless.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(ev_wq);
static struct completion ev_done;
static int ev_stop;
static int ev_pending;
static unsigned int ev_handled;

static int ev_thread(void *data)
{
	while (!ev_stop) {
		wait_event_interruptible(ev_wq, ev_stop || ev_pending);
		if (ev_pending) {
			ev_pending = 0;
			ev_handled++;
		}
	}
	complete_and_exit(&ev_done, 0);
}

static int __init wait_event_flag_init(void)
{
	init_completion(&ev_done);
	kthread_run(ev_thread, NULL, "ev_thread");
	return 0;
}

static void __exit wait_event_flag_exit(void)
{
	ev_stop = 1;
	wake_up_interruptible(&ev_wq);
	wait_for_completion(&ev_done);
	pr_info("wait_event_flag: %u events\n", ev_handled);
}

module_init(wait_event_flag_init);
module_exit(wait_event_flag_exit);
MODULE_LICENSE("GPL");
