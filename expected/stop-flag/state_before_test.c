// SPDX-License-Identifier: GPL-2.0
/*
 * The sleep done right: the thread sets its task state before it tests the
 * flag, then calls schedule(); the exit path wakes it explicitly. The
 * rewrite keeps that order, so no stop request is lost.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/delay.h>

static struct task_struct *idler;

static int idler_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init state_before_test_init(void)
{
	idler = kthread_run(idler_fn, NULL, "idler_fn");
	if (IS_ERR(idler))
		return PTR_ERR(idler);
	return 0;
}

static void __exit state_before_test_exit(void)
{
	kthread_stop(idler);
}

module_init(state_before_test_init);
module_exit(state_before_test_exit);
MODULE_LICENSE("GPL");
