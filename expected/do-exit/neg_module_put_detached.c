// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: a detached one-shot thread that pins the module
 * with __module_get(THIS_MODULE) and ends with
 * module_put_and_kthread_exit(0). Nothing stops it with kthread_stop():
 * the reference is what keeps the module text alive until the thread has
 * finished, so it must stay (hazard 5).
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static unsigned long sum;

static int warmup(void *data)
{
	unsigned long i;

	for (i = 0; i < 1000; i++)
		sum += i;
	msleep(20);
	pr_info("neg_module_put_detached: sum %lu\n", sum);
	module_put_and_kthread_exit(0);
}

static int __init neg_module_put_detached_init(void)
{
	struct task_struct *t;

	__module_get(THIS_MODULE);
	t = kthread_run(warmup, NULL, "warmup");
	if (IS_ERR(t)) {
		module_put(THIS_MODULE);
		return PTR_ERR(t);
	}
	return 0;
}

static void __exit neg_module_put_detached_exit(void)
{
}

module_init(neg_module_put_detached_init);
module_exit(neg_module_put_detached_exit);
MODULE_LICENSE("GPL");
