// SPDX-License-Identifier: GPL-2.0
/*
 * An extra exit flag next to kthread_should_stop() in the loop condition:
 * the thread sets "done" itself once its batch is processed and leaves the
 * loop, then returns long before the module exit path calls
 * kthread_stop(). The batch is short, so the thread takes that path right
 * after insmod; it then waits for kthread_stop() instead of returning.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *batch_task;
static bool done;
static int items[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };
static int next_item;
static long total;

static int batch_worker(void *data)
{
	while (!kthread_should_stop() && !done) {
		total += items[next_item++];
		if (next_item == ARRAY_SIZE(items))
			done = true;
		msleep(5);
	}
	pr_info("batch_worker: total %ld\n", total);
	return 0;
}

static int __init done_flag_init(void)
{
	batch_task = kthread_run(batch_worker, NULL, "batch_worker");
	return PTR_ERR_OR_ZERO(batch_task);
}

static void __exit done_flag_exit(void)
{
	kthread_stop(batch_task);
}

module_init(done_flag_init);
module_exit(done_flag_exit);
MODULE_LICENSE("GPL");
