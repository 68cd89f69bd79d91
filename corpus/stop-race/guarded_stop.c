// SPDX-License-Identifier: GPL-2.0
/*
 * Report only. The teaching-module shape: the thread counts down and
 * returns on its own, and the exit path tries to avoid stopping a finished
 * thread with "if (!demo_done) kthread_stop()". That test races with the
 * thread: it can set demo_done and exit right after the test, and
 * kthread_stop() then touches a freed task. Parking the thread is no fix
 * here: it sets demo_done before it would park, the exit path would skip
 * kthread_stop() and unload the module under a waiting thread. The count
 * is long enough that the thread is still running when the test unloads
 * the module.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *demo_task;
static bool demo_done;

static int demo_fn(void *data)
{
	int count = 1000;

	while (!kthread_should_stop() && count > 0) {
		count--;
		msleep(100);
	}
	demo_done = true;
	return 13;
}

static int __init guarded_stop_init(void)
{
	demo_task = kthread_run(demo_fn, NULL, "demo_fn");
	if (IS_ERR(demo_task))
		return PTR_ERR(demo_task);
	return 0;
}

static void __exit guarded_stop_exit(void)
{
	if (!demo_done)
		pr_info("guarded_stop: thread returned %d\n",
			kthread_stop(demo_task));
}

module_init(guarded_stop_init);
module_exit(guarded_stop_exit);
MODULE_LICENSE("GPL");
