// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: do_exit() in the middle of the thread, when its
 * buffer cannot be allocated. A thread that ends there, before it is
 * asked to stop, is later passed to kthread_stop() (hazard 1); turning the
 * call into a return would not change that, the stop-race rule parks the
 * thread instead. The end of the thread already returns.
 *
 * do_exit() is not exported to modules since 5.17: this module keeps
 * building through the compatibility macro below, as maintained
 * out-of-tree drivers do. The rule sees the do_exit() call as written.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define do_exit(code) kthread_complete_and_exit(NULL, code)
#endif

static struct task_struct *reader_task;

static int reader(void *data)
{
	u8 *buf = kzalloc(512, GFP_KERNEL);
	unsigned int reads = 0;

	if (!buf)
		do_exit(-ENOMEM);
	while (!kthread_should_stop()) {
		buf[reads++ % 512]++;
		msleep(50);
	}
	kfree(buf);
	return 0;
}

static int __init neg_mid_exit_init(void)
{
	reader_task = kthread_run(reader, NULL, "reader");
	if (IS_ERR(reader_task))
		return PTR_ERR(reader_task);
	return 0;
}

static void __exit neg_mid_exit_exit(void)
{
	kthread_stop(reader_task);
}

module_init(neg_mid_exit_init);
module_exit(neg_mid_exit_exit);
MODULE_LICENSE("GPL");
