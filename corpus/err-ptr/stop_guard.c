// SPDX-License-Identifier: GPL-2.0
/*
 * An optional helper thread: a failed start only logs, the module loads
 * without it, and the exit path guards kthread_stop() with "if (task)".
 * After a failed start the pointer holds an ERR_PTR(), which that test
 * lets through to kthread_stop(). The start's test becomes IS_ERR(), the
 * guard IS_ERR_OR_NULL().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *prefetch_task;

static int prefetcher(void *data)
{
	while (!kthread_should_stop())
		msleep(70);
	return 0;
}

static int __init stop_guard_init(void)
{
	prefetch_task = kthread_run(prefetcher, NULL, "prefetcher");
	if (!prefetch_task)
		pr_warn("stop_guard: running without prefetching\n");
	return 0;
}

static void __exit stop_guard_exit(void)
{
	if (prefetch_task)
		kthread_stop(prefetch_task);
}

module_init(stop_guard_init);
module_exit(stop_guard_exit);
MODULE_LICENSE("GPL");
