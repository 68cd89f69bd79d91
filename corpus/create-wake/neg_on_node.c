// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, untouched: kthread_create_on_node() followed by
 * wake_up_process(). There is no kthread_run_on_node(), so the rule
 * leaves it alone (and says nothing).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/numa.h>

static struct task_struct *node_task;

static int node_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_on_node_init(void)
{
	node_task = kthread_create_on_node(node_fn, NULL, NUMA_NO_NODE, "node");
	if (IS_ERR(node_task))
		return PTR_ERR(node_task);
	wake_up_process(node_task);
	return 0;
}

static void __exit neg_on_node_exit(void)
{
	kthread_stop(node_task);
}

module_init(neg_on_node_init);
module_exit(neg_on_node_exit);
MODULE_LICENSE("GPL");
