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

static struct task_struct *xmit_thread_task;
static unsigned int frames;

static int xmit_hw(void)
{
	return ++frames > 5 ? -EIO : 0;
}

static int xmit_thread(void *context)
{
	while (!kthread_should_stop()) {
		if (xmit_hw() < 0) {
			pr_warn("thread_exit_wrapper: hardware error\n");
			break;
		}
		msleep(20);
	}
	/* Wait for kthread_stop(): it must not find this task gone. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init thread_exit_wrapper_init(void)
{
	xmit_thread_task = kthread_run(xmit_thread, NULL, "RTW_XMIT_THREAD");
	if (IS_ERR(xmit_thread_task))
		return PTR_ERR(xmit_thread_task);
	return 0;
}

static void __exit thread_exit_wrapper_exit(void)
{
	kthread_stop(xmit_thread_task);
	pr_info("thread_exit_wrapper: %u frames\n", frames);
}

module_init(thread_exit_wrapper_init);
module_exit(thread_exit_wrapper_exit);
MODULE_LICENSE("GPL");
