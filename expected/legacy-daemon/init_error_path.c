// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon starts first; when a later step of init fails, init kills it
 * and waits for it, exactly like the exit path. The start itself was
 * never checked: the rewrite adds the IS_ERR() test, which nothing before
 * it needs undoing for.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/kthread.h>

static struct task_struct *log_task;
static char *log_buf;
static unsigned int log_lines;

static int logger(void *data)
{
	while (!kthread_should_stop()) {
		log_lines++;
		msleep_interruptible(100);
	}
	return 0;
}

static int __init init_error_path_init(void)
{
	log_task = kthread_run(logger, NULL, "klogd2");
	if (IS_ERR(log_task))
		return PTR_ERR(log_task);

	log_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!log_buf) {
		kthread_stop(log_task);
		return -ENOMEM;
	}
	return 0;
}

static void __exit init_error_path_exit(void)
{
	kthread_stop(log_task);
	kfree(log_buf);
	pr_info("init_error_path: %u lines\n", log_lines);
}

module_init(init_error_path_init);
module_exit(init_error_path_exit);
MODULE_LICENSE("GPL");
