// SPDX-License-Identifier: GPL-2.0
/*
 * A module "ported" to 5.17 by replacing do_exit() with kthread_exit(),
 * which exists from 5.17 on but was never exported to modules either. The
 * task pointer is a member of a file-scope structure and the thread
 * sleeps in wait_event_interruptible_timeout() on a condition that
 * includes kthread_should_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>

static struct {
	struct task_struct *task;
	wait_queue_head_t wq;
	bool kick;
	unsigned long runs;
} pump;

static int pump_fn(void *data)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(pump.wq,
						 pump.kick || kthread_should_stop(),
						 HZ / 10);
		pump.kick = false;
		pump.runs++;
	}
	return 0;
}

static int __init kthread_exit_end_init(void)
{
	init_waitqueue_head(&pump.wq);
	pump.task = kthread_run(pump_fn, NULL, "pump");
	if (IS_ERR(pump.task))
		return PTR_ERR(pump.task);
	return 0;
}

static void __exit kthread_exit_end_exit(void)
{
	kthread_stop(pump.task);
	pr_info("kthread_exit_end: %lu runs\n", pump.runs);
}

module_init(kthread_exit_end_init);
module_exit(kthread_exit_end_exit);
MODULE_LICENSE("GPL");
