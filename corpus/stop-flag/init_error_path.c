// SPDX-License-Identifier: GPL-2.0
/*
 * The init function starts the thread, then fails a later step and stops
 * the thread again with the same flag handshake as the exit path.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static int must_exit;
static int exited;
static char *log_buf;

static int logger(void *data)
{
	while (!must_exit)
		msleep(100);
	exited = 1;
	do_exit(0);
}

static int __init init_error_path_init(void)
{
	kthread_run(logger, NULL, "logger");

	log_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!log_buf) {
		must_exit = 1;
		while (!exited)
			msleep(1);
		return -ENOMEM;
	}
	return 0;
}

static void __exit init_error_path_exit(void)
{
	must_exit = 1;
	while (!exited)
		msleep(1);
	kfree(log_buf);
}

module_init(init_error_path_init);
module_exit(init_error_path_exit);
MODULE_LICENSE("GPL");
