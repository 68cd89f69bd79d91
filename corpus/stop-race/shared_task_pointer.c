// SPDX-License-Identifier: GPL-2.0
/*
 * Report only. One task pointer holds either of two threads, chosen by a
 * module parameter: an interrupt-style event thread or a polling thread.
 * The polling thread gives up after too many failed polls and returns
 * before kthread_stop(). Which function the one kthread_stop() stops is
 * not known from the code, so the rule reports and leaves the thread
 * alone. The failure limit is not reached in practice.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static bool polling = true;
module_param(polling, bool, 0444);

static struct task_struct *hp_task;
static unsigned int failures, events;

static int hp_event_fn(void *data)
{
	while (!kthread_should_stop()) {
		events++;
		msleep(50);
	}
	return 0;
}

static int hp_poll_fn(void *data)
{
	while (!kthread_should_stop()) {
		if (failures > 1000)
			return -EIO;
		events++;
		msleep(20);
	}
	return 0;
}

static int __init shared_task_pointer_init(void)
{
	if (polling)
		hp_task = kthread_run(hp_poll_fn, NULL, "hp_poll_fn");
	else
		hp_task = kthread_run(hp_event_fn, NULL, "hp_event_fn");
	return PTR_ERR_OR_ZERO(hp_task);
}

static void __exit shared_task_pointer_exit(void)
{
	kthread_stop(hp_task);
	pr_info("shared_task_pointer: %u events\n", events);
}

module_init(shared_task_pointer_init);
module_exit(shared_task_pointer_exit);
MODULE_LICENSE("GPL");
