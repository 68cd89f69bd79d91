// SPDX-License-Identifier: GPL-2.0
/*
 * bool_for_break.c in a module whose poll counter is called
 * kthreadify_none: the name the rules once bound, for "nothing approved",
 * to every rewrite rule that had nothing to do. A rewrite of the flags
 * then deleted this counter's declaration and declared a task pointer
 * under its name twice. The counter must come through untouched.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *poll_task;
static unsigned long kthreadify_none;

static int poll_fn(void *unused)
{
	for (;;) {
		if (kthread_should_stop())
			break;
		kthreadify_none++;
		msleep(50);
	}
	return 0;
}

static int __init placeholder_name_init(void)
{
	poll_task = kthread_run(poll_fn, NULL, "poll_fn");
	if (IS_ERR(poll_task))
		return PTR_ERR(poll_task);
	return 0;
}

static void __exit placeholder_name_exit(void)
{
	kthread_stop(poll_task);
	pr_info("placeholder_name: %lu polls\n", kthreadify_none);
}

module_init(placeholder_name_init);
module_exit(placeholder_name_exit);
MODULE_LICENSE("GPL");
