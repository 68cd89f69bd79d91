// SPDX-License-Identifier: GPL-2.0
/*
 * The start's result is stored in a member without any check; the exit
 * path guards kthread_stop() with "!= NULL". A failed start leaves an
 * ERR_PTR() there: the guard becomes IS_ERR_OR_NULL(). (Nothing to
 * rewrite at the start: there is no test.)
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct {
	struct task_struct *task;
	unsigned long loops;
} cooler;

static int cooler_fn(void *data)
{
	while (!kthread_should_stop()) {
		cooler.loops++;
		msleep(90);
	}
	return 0;
}

static int __init unchecked_guard_init(void)
{
	cooler.task = kthread_run(cooler_fn, NULL, "cooler");
	return 0;
}

static void __exit unchecked_guard_exit(void)
{
	if (!IS_ERR_OR_NULL(cooler.task))
		kthread_stop(cooler.task);
}

module_init(unchecked_guard_init);
module_exit(unchecked_guard_exit);
MODULE_LICENSE("GPL");
