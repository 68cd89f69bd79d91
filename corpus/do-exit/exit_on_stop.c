// SPDX-License-Identifier: GPL-2.0
/*
 * A for (;;) loop that leaves through do_exit(0) inside
 * "if (kthread_should_stop()) { ... }": the exit happens only once the
 * thread has been asked to stop, so returning there is exactly what
 * kthread_stop() waits for.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *heartbeat_task;
static unsigned int beats;

static int heartbeat(void *data)
{
	for (;;) {
		beats++;
		msleep(100);
		if (kthread_should_stop()) {
			pr_info("exit_on_stop: %u beats\n", beats);
			do_exit(0);
		}
	}
}

static int __init exit_on_stop_init(void)
{
	heartbeat_task = kthread_run(heartbeat, NULL, "heartbeat");
	if (IS_ERR(heartbeat_task))
		return PTR_ERR(heartbeat_task);
	return 0;
}

static void __exit exit_on_stop_exit(void)
{
	kthread_stop(heartbeat_task);
}

module_init(exit_on_stop_init);
module_exit(exit_on_stop_exit);
MODULE_LICENSE("GPL");
