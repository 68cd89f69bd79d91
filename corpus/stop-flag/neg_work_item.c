// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the flag loop lives in a work item, not in a kthread. The
 * exit path's handshake is hand-rolled too, but kthread_stop() has no
 * thread to stop here.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/delay.h>

static int stop_work;
static int work_done;

static void poll_work_fn(struct work_struct *work)
{
	while (!stop_work)
		msleep(20);
	work_done = 1;
}

static DECLARE_WORK(poll_work, poll_work_fn);

static int __init neg_work_item_init(void)
{
	schedule_work(&poll_work);
	return 0;
}

static void __exit neg_work_item_exit(void)
{
	stop_work = 1;
	while (!work_done)
		msleep(1);
	flush_work(&poll_work);
}

module_init(neg_work_item_init);
module_exit(neg_work_item_exit);
MODULE_LICENSE("GPL");
