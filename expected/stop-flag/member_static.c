// SPDX-License-Identifier: GPL-2.0
/*
 * Struct-member flags in a static device instance: the thread reaches them
 * through its data pointer, the exit path through the instance itself.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

struct blinker {
	struct task_struct *blink_fn_task;
	unsigned int period_ms;
	unsigned long blinks;
};

static struct blinker blinker;

static int blink_fn(void *data)
{
	struct blinker *b = data;

	while (!kthread_should_stop()) {
		b->blinks++;
		msleep(b->period_ms);
	}
	return 0;
}

static int __init member_static_init(void)
{
	blinker.period_ms = 100;
	blinker.blink_fn_task = kthread_run(blink_fn, &blinker, "blink_fn");
	if (IS_ERR(blinker.blink_fn_task))
		return PTR_ERR(blinker.blink_fn_task);
	return 0;
}

static void __exit member_static_exit(void)
{
	kthread_stop(blinker.blink_fn_task);
	pr_info("member_static: %lu blinks\n", blinker.blinks);
}

module_init(member_static_init);
module_exit(member_static_exit);
MODULE_LICENSE("GPL");
