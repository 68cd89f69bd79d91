// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: wait_event_interruptible() with kthread_should_stop() in its
 * condition. The macro sets the task state before it evaluates the
 * condition, and kthread_stop()'s wake_up_process() wakes the task even
 * though it waits on a queue, so no stop request is lost.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *event_task;
static DECLARE_WAIT_QUEUE_HEAD(event_wq);
static struct timer_list event_timer;
static bool event_ready;
static unsigned int events;

static void event_fire(struct timer_list *t)
{
	WRITE_ONCE(event_ready, true);
	wake_up_interruptible(&event_wq);
	mod_timer(&event_timer, jiffies + msecs_to_jiffies(30));
}

static int event_thread(void *data)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible(event_wq, READ_ONCE(event_ready) ||
					 kthread_should_stop());
		if (READ_ONCE(event_ready)) {
			WRITE_ONCE(event_ready, false);
			events++;
		}
	}
	return 0;
}

static int __init neg_wait_event_init(void)
{
	event_task = kthread_run(event_thread, NULL, "event_thread");
	if (IS_ERR(event_task))
		return PTR_ERR(event_task);
	timer_setup(&event_timer, event_fire, 0);
	mod_timer(&event_timer, jiffies + msecs_to_jiffies(30));
	return 0;
}

static void __exit neg_wait_event_exit(void)
{
	del_timer_sync(&event_timer);
	kthread_stop(event_task);
	pr_info("neg_wait_event: %u events\n", events);
}

module_init(neg_wait_event_init);
module_exit(neg_wait_event_exit);
MODULE_LICENSE("GPL");
