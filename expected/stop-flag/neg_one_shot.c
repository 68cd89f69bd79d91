// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a one-shot thread that finishes its work and returns on its
 * own; the exit path waits for the done flag but never asks it to stop.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int done;
static unsigned long checksum;

static int oneshot(void *data)
{
	int i;

	for (i = 0; i < 16; i++)
		checksum += i * i;
	done = 1;
	return 0;
}

static int __init neg_one_shot_init(void)
{
	struct task_struct *t;

	t = kthread_run(oneshot, NULL, "oneshot");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_one_shot_exit(void)
{
	while (!done)
		msleep(10);
	pr_info("neg_one_shot: checksum %lu\n", checksum);
}

module_init(neg_one_shot_init);
module_exit(neg_one_shot_exit);
MODULE_LICENSE("GPL");
