// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread sleeps in
 * wait_for_completion(), which kthread_stop()'s wake-up cannot end; the
 * exit path's complete() after raising the flag is what lets it go.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static DECLARE_COMPLETION(kick);
static int must_exit;
static int exited;
static unsigned int kicks;

static int kicked_thread(void *data)
{
	while (!must_exit) {
		wait_for_completion(&kick);
		kicks++;
	}
	exited = 1;
	return 0;
}

static int __init neg_completion_sleep_init(void)
{
	kthread_run(kicked_thread, NULL, "kicked_thread");
	return 0;
}

static void __exit neg_completion_sleep_exit(void)
{
	must_exit = 1;
	complete(&kick);
	while (!exited)
		msleep(1);
	pr_info("neg_completion_sleep: %u kicks\n", kicks);
}

module_init(neg_completion_sleep_init);
module_exit(neg_completion_sleep_exit);
MODULE_LICENSE("GPL");
