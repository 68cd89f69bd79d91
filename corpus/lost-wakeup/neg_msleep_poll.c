// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a polling loop on kthread_should_stop() that sleeps in
 * msleep() is not a busy wait, and a bounded sleep cannot lose a stop
 * request for longer than its period.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *heartbeat_task;
static unsigned int beats;

static int heartbeat(void *data)
{
	while (!kthread_should_stop()) {
		beats++;
		msleep(50);
	}
	return 0;
}

static int __init neg_msleep_poll_init(void)
{
	heartbeat_task = kthread_run(heartbeat, NULL, "heartbeat");
	if (IS_ERR(heartbeat_task))
		return PTR_ERR(heartbeat_task);
	return 0;
}

static void __exit neg_msleep_poll_exit(void)
{
	kthread_stop(heartbeat_task);
	pr_info("neg_msleep_poll: %u beats\n", beats);
}

module_init(neg_msleep_poll_init);
module_exit(neg_msleep_poll_exit);
MODULE_LICENSE("GPL");
