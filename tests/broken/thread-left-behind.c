// SPDX-License-Identifier: GPL-2.0
/*
 * A hand-rolled stop flag gone wrong: the exit function raises the flag
 * but neither wakes the thread nor waits for it, so rmmod returns at once
 * and the thread stays behind, asleep forever in TASK_INTERRUPTIBLE.
 * Nothing ever wakes it (kernel threads ignore signals), so its freed code
 * never runs again and the guest survives for the tests that follow.
 *
 * kthreadify-selftest: qemu detects a thread left behind = thread left behind after rmmod
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/err.h>

static struct task_struct *task;
static int stop;

static int worker(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(stop))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init left_behind_init(void)
{
	task = kthread_run(worker, NULL, "kt_left_behind");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit left_behind_exit(void)
{
	WRITE_ONCE(stop, 1);	/* no wake_up_process(task), no wait */
}

module_init(left_behind_init);
module_exit(left_behind_exit);
MODULE_LICENSE("GPL");
