// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical hand-rolled stop: a global must_exit flag polled by the
 * thread loop, an exited flag the exit path spins on with msleep(1), and
 * do_exit(0) at the end of the thread. The kthread_run() result is dropped.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *seed_thread_task;

static int seed_thread(void *data)
{
	while (!kthread_should_stop()) {
		pr_debug("seed: tick\n");
		msleep(100);
	}
	return 0;
}

static int __init seed_init(void)
{
	seed_thread_task = kthread_run(seed_thread, NULL, "seed_thread");
	if (IS_ERR(seed_thread_task))
		return PTR_ERR(seed_thread_task);
	return 0;
}

static void __exit seed_exit(void)
{
	kthread_stop(seed_thread_task);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
