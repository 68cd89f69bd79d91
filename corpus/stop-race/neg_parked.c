// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the error path already waits for kthread_stop() before it
 * returns (a park loop behind a label), so the thread cannot be gone when
 * it is stopped. The park loop sets the task state before it tests the
 * stop request, so the wake-up of kthread_stop() cannot be lost either.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *parked_task;
static unsigned int rounds;

static int parked_fn(void *data)
{
	int err = 0;
	void *buf;

	while (!kthread_should_stop()) {
		buf = kmalloc(128, GFP_KERNEL);
		if (!buf) {
			err = -ENOMEM;
			goto wait_stop;
		}
		rounds++;
		kfree(buf);
		msleep(20);
	}
	return 0;

wait_stop:
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return err;
}

static int __init neg_parked_init(void)
{
	parked_task = kthread_run(parked_fn, NULL, "parked_fn");
	if (IS_ERR(parked_task))
		return PTR_ERR(parked_task);
	return 0;
}

static void __exit neg_parked_exit(void)
{
	kthread_stop(parked_task);
}

module_init(neg_parked_init);
module_exit(neg_parked_exit);
MODULE_LICENSE("GPL");
