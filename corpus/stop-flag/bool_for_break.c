// SPDX-License-Identifier: GPL-2.0
/*
 * A bool stop flag tested by "if (flag) break;" inside for (;;), an exit
 * path that spins on a done flag with schedule(), and a kthread_run()
 * result kept in a static pointer but tested against NULL.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *poll_task;
static bool stop_thread;
static bool thread_done;
static unsigned long polls;

static int poll_fn(void *unused)
{
	for (;;) {
		if (stop_thread)
			break;
		polls++;
		msleep(50);
	}
	thread_done = true;
	return 0;
}

static int __init bool_for_break_init(void)
{
	poll_task = kthread_run(poll_fn, NULL, "poll_fn");
	if (!poll_task)
		return -ENOMEM;
	return 0;
}

static void __exit bool_for_break_exit(void)
{
	stop_thread = true;
	while (!thread_done)
		schedule();
	pr_info("bool_for_break: %lu polls\n", polls);
}

module_init(bool_for_break_init);
module_exit(bool_for_break_exit);
MODULE_LICENSE("GPL");
