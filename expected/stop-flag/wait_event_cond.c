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
static struct task_struct *event_thread_task;

static int event_thread(void *data)
{
	for (;;) {
		wait_event_interruptible(event_wq,
					 have_event || kthread_should_stop());
		if (kthread_should_stop())
			break;
		have_event = 0;
		pr_debug("event\n");
	}
	return 0;
}

static int __init wait_event_cond_init(void)
{
	event_thread_task = kthread_run(event_thread, NULL, "event_thread");
	if (IS_ERR(event_thread_task))
		return PTR_ERR(event_thread_task);
	return 0;
}

static void __exit wait_event_cond_exit(void)
{
	wake_up_interruptible(&event_wq);
	kthread_stop(event_thread_task);
}

module_init(wait_event_cond_init);
module_exit(wait_event_cond_exit);
MODULE_LICENSE("GPL");
