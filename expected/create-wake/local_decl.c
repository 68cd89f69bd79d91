// SPDX-License-Identifier: GPL-2.0
/*
 * A local initialised by kthread_create() in its declaration, checked,
 * woken, and only then published in a file-scope pointer: kthread_run()
 * in the declaration.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *dispatcher;

static int dispatch_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(60);
	return 0;
}

static int __init local_decl_init(void)
{
	struct task_struct *t = kthread_run(dispatch_fn, NULL, "dispatch");

	if (IS_ERR(t))
		return PTR_ERR(t);
	dispatcher = t;
	return 0;
}

static void __exit local_decl_exit(void)
{
	kthread_stop(dispatcher);
}

module_init(local_decl_init);
module_exit(local_decl_exit);
MODULE_LICENSE("GPL");
