// SPDX-License-Identifier: GPL-2.0
/*
 * The init function starts the thread, then fails a later step and stops
 * the thread again with the same flag handshake as the exit path.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *logger_task;
static char *log_buf;

static int logger(void *data)
{
	while (!kthread_should_stop())
		msleep(100);
	return 0;
}

static int __init init_error_path_init(void)
{
	logger_task = kthread_run(logger, NULL, "logger");
	if (IS_ERR(logger_task))
		return PTR_ERR(logger_task);

	log_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!log_buf) {
		kthread_stop(logger_task);
		return -ENOMEM;
	}
	return 0;
}

static void __exit init_error_path_exit(void)
{
	kthread_stop(logger_task);
	kfree(log_buf);
}

module_init(init_error_path_init);
module_exit(init_error_path_exit);
MODULE_LICENSE("GPL");
