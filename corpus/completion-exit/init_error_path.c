// SPDX-License-Identifier: GPL-2.0
/*
 * The init function starts the thread and then a later step can fail:
 * its error path stops the thread the same way the exit path does (flag,
 * then wait for the completion). Both become kthread_stop(); the task
 * pointer is already kept and checked with IS_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *collector;
static struct completion collector_done;
static int collector_stop;
static unsigned int *buckets;

static int collector_fn(void *data)
{
	while (!collector_stop) {
		if (buckets)
			buckets[0]++;
		msleep(40);
	}
	complete_and_exit(&collector_done, 0);
}

static int __init init_error_path_init(void)
{
	init_completion(&collector_done);
	collector = kthread_run(collector_fn, NULL, "collector");
	if (IS_ERR(collector))
		return PTR_ERR(collector);

	buckets = kcalloc(16, sizeof(*buckets), GFP_KERNEL);
	if (!buckets) {
		collector_stop = 1;
		wait_for_completion(&collector_done);
		return -ENOMEM;
	}
	return 0;
}

static void __exit init_error_path_exit(void)
{
	collector_stop = 1;
	wait_for_completion(&collector_done);
	pr_info("init_error_path: %u\n", buckets[0]);
	kfree(buckets);
}

module_init(init_error_path_init);
module_exit(init_error_path_exit);
MODULE_LICENSE("GPL");
