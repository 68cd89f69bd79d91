// SPDX-License-Identifier: GPL-2.0
/*
 * The task pointer is a member of an allocated device structure, the
 * start is (wrongly) tested against NULL, then woken. The wake-up goes
 * into kthread_run(); the NULL test is left as it is for the err-ptr rule,
 * which runs before this one in the pipeline.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct fan {
	struct task_struct *task;
	unsigned int rpm;
};

static struct fan *the_fan;

static int fan_fn(void *arg)
{
	struct fan *fan = arg;

	while (!kthread_should_stop()) {
		fan->rpm = (fan->rpm + 100) % 3000;
		msleep(50);
	}
	return 0;
}

static int __init null_check_member_init(void)
{
	struct fan *fan = kzalloc(sizeof(*fan), GFP_KERNEL);

	if (!fan)
		return -ENOMEM;
	fan->task = kthread_create(fan_fn, fan, "fan");
	if (!fan->task) {
		kfree(fan);
		return -ENOMEM;
	}
	wake_up_process(fan->task);
	the_fan = fan;
	return 0;
}

static void __exit null_check_member_exit(void)
{
	kthread_stop(the_fan->task);
	kfree(the_fan);
}

module_init(null_check_member_init);
module_exit(null_check_member_exit);
MODULE_LICENSE("GPL");
