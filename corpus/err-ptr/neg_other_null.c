// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: NULL tests of allocations right next to a kthread_run(): the
 * histogram allocated after the start is tested first, then the start
 * with IS_ERR(). Neither "!stats" nor "!hist" tests the task pointer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct stats {
	unsigned long samples;
};

static struct task_struct *stats_task;
static struct stats *stats;
static unsigned int *hist;

static int stats_fn(void *data)
{
	struct stats *s = data;

	while (!kthread_should_stop()) {
		s->samples++;
		msleep(50);
	}
	return 0;
}

static int __init neg_other_null_init(void)
{
	stats = kzalloc(sizeof(*stats), GFP_KERNEL);
	if (!stats)
		return -ENOMEM;
	stats_task = kthread_run(stats_fn, stats, "stats");
	hist = kcalloc(64, sizeof(*hist), GFP_KERNEL);
	if (!hist) {
		if (!IS_ERR(stats_task))
			kthread_stop(stats_task);
		kfree(stats);
		return -ENOMEM;
	}
	if (IS_ERR(stats_task)) {
		kfree(hist);
		kfree(stats);
		return PTR_ERR(stats_task);
	}
	return 0;
}

static void __exit neg_other_null_exit(void)
{
	kthread_stop(stats_task);
	kfree(hist);
	kfree(stats);
}

module_init(neg_other_null_init);
module_exit(neg_other_null_exit);
MODULE_LICENSE("GPL");
