// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the kthread_run() result is dropped
 * after init has allocated memory, so a rewrite that checks it would need
 * an unwinding path the tool cannot invent.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static int must_exit;
static int exited;
static u8 *scratch;

static int scrub_thread(void *data)
{
	while (!must_exit) {
		memset(scratch, 0, 64);
		msleep(50);
	}
	exited = 1;
	return 0;
}

static int __init neg_unwind_needed_init(void)
{
	scratch = kzalloc(64, GFP_KERNEL);
	if (!scratch)
		return -ENOMEM;
	kthread_run(scrub_thread, NULL, "scrub_thread");
	return 0;
}

static void __exit neg_unwind_needed_exit(void)
{
	must_exit = 1;
	while (!exited)
		msleep(1);
	kfree(scratch);
}

module_init(neg_unwind_needed_init);
module_exit(neg_unwind_needed_exit);
MODULE_LICENSE("GPL");
