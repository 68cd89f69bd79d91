// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (clean): the stop path raises the flag and ups the thread's
 * wake-up semaphore, and that is all it does; the wait for the thread's
 * terminate semaphore is a separate function that the exit path calls
 * after other teardown. No up() here is followed by a wait for the
 * thread, so there is no stop sequence to turn into kthread_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>

static struct semaphore xmit_sema;
static struct semaphore xmit_term;
static bool xmit_stop;
static unsigned int xmit_frames;

static int xmit_thread(void *data)
{
	while (1) {
		if (down_interruptible(&xmit_sema))
			break;
		if (xmit_stop)
			break;
		xmit_frames++;
	}
	up(&xmit_term);
	return 0;
}

static void xmit_request_stop(void)
{
	xmit_stop = true;
	up(&xmit_sema);
}

static void xmit_wait_stopped(void)
{
	down(&xmit_term);
}

static int __init neg_up_no_wait_init(void)
{
	struct task_struct *t;

	sema_init(&xmit_sema, 0);
	sema_init(&xmit_term, 0);
	t = kthread_run(xmit_thread, NULL, "xmit_thread");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_up_no_wait_exit(void)
{
	xmit_request_stop();
	pr_info("neg_up_no_wait: %u frames\n", xmit_frames);
	xmit_wait_stopped();
}

module_init(neg_up_no_wait_init);
module_exit(neg_up_no_wait_exit);
MODULE_LICENSE("GPL");
