// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: an optional thread whose failed start clears the pointer,
 * so the "if (task)" guard before kthread_stop() is right. Nothing to
 * change.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *audit_task;

static int auditor(void *data)
{
	while (!kthread_should_stop())
		msleep(50);
	return 0;
}

static int __init neg_cleared_on_failure_init(void)
{
	audit_task = kthread_run(auditor, NULL, "auditor");
	if (IS_ERR(audit_task)) {
		pr_warn("neg_cleared_on_failure: no auditing\n");
		audit_task = NULL;
	}
	return 0;
}

static void __exit neg_cleared_on_failure_exit(void)
{
	if (audit_task)
		kthread_stop(audit_task);
}

module_init(neg_cleared_on_failure_init);
module_exit(neg_cleared_on_failure_exit);
MODULE_LICENSE("GPL");
