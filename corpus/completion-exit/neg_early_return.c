// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported): the thread returns without signalling its
 * completion when its buffer cannot be allocated. That path would leave
 * the exit path waiting forever; after a rewrite to kthread_stop() it
 * would be a thread that ends before it is stopped (hazard 1). The rule
 * only rewrites threads whose every end is the exit handshake.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>

static DECLARE_COMPLETION(logger_done);
static int logger_stop;
static unsigned int lines;

static int logger(void *data)
{
	char *buf = kmalloc(64, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	while (!logger_stop) {
		buf[0] = 0;
		lines++;
		msleep(20);
	}
	kfree(buf);
	kthread_complete_and_exit(&logger_done, 0);
}

static int __init neg_early_return_init(void)
{
	struct task_struct *t;

	t = kthread_run(logger, NULL, "logger");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_early_return_exit(void)
{
	logger_stop = 1;
	wait_for_completion(&logger_done);
	pr_info("neg_early_return: %u lines\n", lines);
}

module_init(neg_early_return_init);
module_exit(neg_early_return_exit);
MODULE_LICENSE("GPL");
