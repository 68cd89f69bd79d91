// SPDX-License-Identifier: GPL-2.0
/*
 * A local initialised by kthread_create_on_node() in its declaration and
 * tested Yoda style, "NULL == t"; the thread is woken and the pointer
 * published only after the test. IS_ERR() and PTR_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/numa.h>

static struct task_struct *sweeper_task;

static int sweeper(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init local_decl_reversed_init(void)
{
	struct task_struct *t = kthread_create_on_node(sweeper, NULL,
						       NUMA_NO_NODE, "sweeper");

	if (IS_ERR(t))
		return PTR_ERR(t);
	sweeper_task = t;
	wake_up_process(t);
	return 0;
}

static void __exit local_decl_reversed_exit(void)
{
	kthread_stop(sweeper_task);
}

module_init(local_decl_reversed_init);
module_exit(local_decl_reversed_exit);
MODULE_LICENSE("GPL");
