// SPDX-License-Identifier: GPL-2.0
/*
 * A correct kthread module, except for a variable left over from the
 * rewrite: W=1 (in fact plain -Wall) warns about it.
 *
 * kthreadify-selftest: kbuild detects a warning in a broken module = warning: unused variable 'stop'
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>

static struct task_struct *task;

static int worker(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init unused_var_init(void)
{
	task = kthread_run(worker, NULL, "kt_unused_var");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit unused_var_exit(void)
{
	int stop;

	kthread_stop(task);
}

module_init(unused_var_init);
module_exit(unused_var_exit);
MODULE_LICENSE("GPL");
