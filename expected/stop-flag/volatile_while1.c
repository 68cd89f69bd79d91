// SPDX-License-Identifier: GPL-2.0
/*
 * A volatile int flag tested inside while (1), the exit path busy-waits
 * with cpu_relax(), and the thread ends with do_exit().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *heartbeat_task;

static int heartbeat(void *data)
{
	while (1) {
		if (kthread_should_stop())
			break;
		pr_debug("heartbeat\n");
		msleep_interruptible(50);
	}
	return 0;
}

static int __init volatile_while1_init(void)
{
	heartbeat_task = kthread_run(heartbeat, NULL, "heartbeat");
	if (IS_ERR(heartbeat_task))
		return PTR_ERR(heartbeat_task);
	return 0;
}

static void __exit volatile_while1_exit(void)
{
	kthread_stop(heartbeat_task);
}

module_init(volatile_while1_init);
module_exit(volatile_while1_exit);
MODULE_LICENSE("GPL");
