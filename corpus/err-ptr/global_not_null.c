// SPDX-License-Identifier: GPL-2.0
/*
 * The most common mistake: "if (!task)" after kthread_run(), which
 * returns an ERR_PTR() on failure and never NULL. The failure branch only
 * returns -ENOMEM: it becomes IS_ERR() and PTR_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *blink_task;
static unsigned int blinks;

static int blinker(void *data)
{
	while (!kthread_should_stop()) {
		blinks++;
		msleep(100);
	}
	return 0;
}

static int __init global_not_null_init(void)
{
	blink_task = kthread_run(blinker, NULL, "blinker");
	if (!blink_task)
		return -ENOMEM;
	return 0;
}

static void __exit global_not_null_exit(void)
{
	kthread_stop(blink_task);
	pr_info("global_not_null: %u blinks\n", blinks);
}

module_init(global_not_null_init);
module_exit(global_not_null_exit);
MODULE_LICENSE("GPL");
