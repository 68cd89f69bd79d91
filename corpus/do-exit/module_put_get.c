// SPDX-License-Identifier: GPL-2.0
/*
 * The thread pins the module with __module_get(THIS_MODULE) before it
 * starts and ends with module_put_and_exit(0) (renamed
 * module_put_and_kthread_exit() in 5.17). But the module's exit path
 * stops it with kthread_stop(), which returns only once the thread
 * function has returned: the module cannot go away under the thread, and
 * the reference only kept the module from being unloaded at all. The get,
 * the put on the error path and the put at the end go; the thread
 * returns.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *flusher_task;
static unsigned long flushes;

static int flusher(void *data)
{
	while (!kthread_should_stop()) {
		flushes++;
		msleep(100);
	}
	module_put_and_exit(0);
}

static int __init module_put_get_init(void)
{
	__module_get(THIS_MODULE);
	flusher_task = kthread_run(flusher, NULL, "flusher");
	if (IS_ERR(flusher_task)) {
		module_put(THIS_MODULE);
		return PTR_ERR(flusher_task);
	}
	return 0;
}

static void __exit module_put_get_exit(void)
{
	kthread_stop(flusher_task);
	pr_info("module_put_get: %lu flushes\n", flushes);
}

module_init(module_put_get_init);
module_exit(module_put_get_exit);
MODULE_LICENSE("GPL");
