// SPDX-License-Identifier: GPL-2.0
/*
 * Early return on an error inside the kthread_should_stop() loop: when the
 * allocation fails the thread returns -ENOMEM and is gone, and the
 * kthread_stop() in the exit path then touches a freed task. The thread
 * parks until it is stopped before that return.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *poller_task;
static unsigned long polls;

static int poller(void *data)
{
	char *buf;

	while (!kthread_should_stop()) {
		buf = kmalloc(64, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		memset(buf, 0, 64);
		polls++;
		kfree(buf);
		msleep(20);
	}
	return 0;
}

static int __init return_in_loop_init(void)
{
	poller_task = kthread_run(poller, NULL, "poller");
	if (IS_ERR(poller_task))
		return PTR_ERR(poller_task);
	return 0;
}

static void __exit return_in_loop_exit(void)
{
	kthread_stop(poller_task);
	pr_info("return_in_loop: %lu polls\n", polls);
}

module_init(return_in_loop_init);
module_exit(return_in_loop_exit);
MODULE_LICENSE("GPL");
