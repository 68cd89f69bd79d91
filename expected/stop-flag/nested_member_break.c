// SPDX-License-Identifier: GPL-2.0
/*
 * A flag nested in a sub-struct (priv->thread.shutdown) checked with
 * "if (...) break;" in while (1), memory barriers around the flag, and a
 * set_current_state() + schedule_timeout() spin in the exit path.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

struct thread_ctl {
	struct task_struct *task;
};

struct pump_dev {
	struct thread_ctl thread;
	unsigned long pumped;
};

static struct pump_dev pump;

static int pump_thread(void *data)
{
	struct pump_dev *dev = data;

	while (1) {
		if (kthread_should_stop())
			break;
		dev->pumped++;
		msleep(20);
	}
	return 0;
}

static int __init nested_member_break_init(void)
{
	pump.thread.task = kthread_run(pump_thread, &pump, "pump_thread");
	if (IS_ERR(pump.thread.task))
		return PTR_ERR(pump.thread.task);
	return 0;
}

static void __exit nested_member_break_exit(void)
{
	kthread_stop(pump.thread.task);
	pr_info("nested_member_break: %lu pumped\n", pump.pumped);
}

module_init(nested_member_break_init);
module_exit(nested_member_break_exit);
MODULE_LICENSE("GPL");
