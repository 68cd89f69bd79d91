// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (clean): the completion says "started", not "stopped". The
 * thread signals it once its tables are loaded, before its loop, and the
 * init function waits for it after starting the thread; the thread is
 * stopped with kthread_stop() already. A complete() that is not the end
 * of the thread is no exit handshake.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static DECLARE_COMPLETION(loaded);
static struct task_struct *loader_task;
static unsigned int tables, polls;

static int loader(void *data)
{
	tables = 4;
	complete(&loaded);
	while (!kthread_should_stop()) {
		polls++;
		msleep(20);
	}
	return 0;
}

static int __init neg_started_init(void)
{
	loader_task = kthread_run(loader, NULL, "loader");
	if (IS_ERR(loader_task))
		return PTR_ERR(loader_task);
	wait_for_completion(&loaded);
	pr_info("neg_started: %u tables\n", tables);
	return 0;
}

static void __exit neg_started_exit(void)
{
	kthread_stop(loader_task);
	pr_info("neg_started: %u polls\n", polls);
}

module_init(neg_started_init);
module_exit(neg_started_exit);
MODULE_LICENSE("GPL");
