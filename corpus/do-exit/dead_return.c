// SPDX-License-Identifier: GPL-2.0
/*
 * do_exit(status) followed by a "return 0;" that was only there to keep
 * the compiler quiet and is never reached. The thread returns status.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *beacon_task;

static int beacon(void *data)
{
	int status = 0;

	while (!kthread_should_stop()) {
		if (msleep_interruptible(100))
			status = -EINTR;
	}
	do_exit(status);
	return 0;
}

static int __init dead_return_init(void)
{
	beacon_task = kthread_run(beacon, NULL, "beacon");
	if (IS_ERR(beacon_task))
		return PTR_ERR(beacon_task);
	return 0;
}

static void __exit dead_return_exit(void)
{
	pr_info("dead_return: beacon returned %d\n", kthread_stop(beacon_task));
}

module_init(dead_return_init);
module_exit(dead_return_exit);
MODULE_LICENSE("GPL");
