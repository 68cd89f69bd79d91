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
	int shutdown;
	int finished;
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
		smp_rmb();
		if (dev->thread.shutdown)
			break;
		dev->pumped++;
		msleep(20);
	}
	dev->thread.finished = 1;
	return 0;
}

static int __init nested_member_break_init(void)
{
	pump.thread.task = kthread_run(pump_thread, &pump, "pump_thread");
	if (!pump.thread.task)
		return -ENOMEM;
	return 0;
}

static void __exit nested_member_break_exit(void)
{
	pump.thread.shutdown = 1;
	smp_wmb();
	while (!pump.thread.finished) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
	pr_info("nested_member_break: %lu pumped\n", pump.pumped);
}

module_init(nested_member_break_init);
module_exit(nested_member_break_exit);
MODULE_LICENSE("GPL");
