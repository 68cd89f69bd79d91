// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create() into a file-scope pointer, woken on the very next
 * line, no check in between: kthread_run(). (The missing IS_ERR() test
 * is not this rule's business; the start does not fail here.)
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *poll_task;
static unsigned long polls;

static int poll_fn(void *data)
{
	while (!kthread_should_stop()) {
		polls++;
		msleep(50);
	}
	return 0;
}

static int __init direct_global_init(void)
{
	poll_task = kthread_create(poll_fn, NULL, "poll_fn");
	wake_up_process(poll_task);
	return 0;
}

static void __exit direct_global_exit(void)
{
	kthread_stop(poll_task);
	pr_info("direct_global: %lu polls\n", polls);
}

module_init(direct_global_init);
module_exit(direct_global_exit);
MODULE_LICENSE("GPL");
