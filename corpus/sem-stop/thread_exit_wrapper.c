// SPDX-License-Identifier: GPL-2.0
/*
 * The Realtek osdep wrapper: thread_exit() is complete_and_exit(NULL, 0),
 * written out here after the up() of the terminate semaphore. The thread
 * leaves its loop early when the hardware reports an error, so it must
 * wait to be stopped rather than return (hazard 1); the hardware fails
 * after a few rounds here, so the module is unloaded while the thread
 * waits. The stop path raises the flag with WRITE_ONCE() and downs the
 * semaphore with down_interruptible().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

static struct semaphore xmit_terminate;
static int xmit_stop;
static unsigned int frames;

static int xmit_hw(void)
{
	return ++frames > 5 ? -EIO : 0;
}

static int xmit_thread(void *context)
{
	while (!READ_ONCE(xmit_stop)) {
		if (xmit_hw() < 0) {
			pr_warn("thread_exit_wrapper: hardware error\n");
			break;
		}
		msleep(20);
	}
	up(&xmit_terminate);
	complete_and_exit(NULL, 0);
}

static int __init thread_exit_wrapper_init(void)
{
	sema_init(&xmit_terminate, 0);
	kthread_run(xmit_thread, NULL, "RTW_XMIT_THREAD");
	return 0;
}

static void __exit thread_exit_wrapper_exit(void)
{
	WRITE_ONCE(xmit_stop, 1);
	down_interruptible(&xmit_terminate);
	pr_info("thread_exit_wrapper: %u frames\n", frames);
}

module_init(thread_exit_wrapper_init);
module_exit(thread_exit_wrapper_exit);
MODULE_LICENSE("GPL");
