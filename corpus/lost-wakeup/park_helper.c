// SPDX-License-Identifier: GPL-2.0
/*
 * The bcache wait_for_kthread_stop() shape: a helper that keeps a thread
 * alive until kthread_stop() (so that the stop never meets a freed task)
 * but tests the stop request before it sets the task state. A
 * kthread_stop() in the window is lost and the helper never returns; here
 * nothing else wakes the thread. The thread leaves its loop early when its
 * device reports an error, which does not happen in practice.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct cache_dev {
	struct task_struct *writeback;
	bool io_error;
	unsigned int written;
};

static struct cache_dev *cdev;

static void wait_for_kthread_stop(void)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
}

static int writeback_thread(void *data)
{
	struct cache_dev *dc = data;

	while (!kthread_should_stop()) {
		if (READ_ONCE(dc->io_error))
			break;
		dc->written++;
		msleep(20);
	}
	wait_for_kthread_stop();
	return 0;
}

static int __init park_helper_init(void)
{
	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev)
		return -ENOMEM;
	cdev->writeback = kthread_run(writeback_thread, cdev, "writeback");
	if (IS_ERR(cdev->writeback)) {
		int err = PTR_ERR(cdev->writeback);

		kfree(cdev);
		return err;
	}
	return 0;
}

static void __exit park_helper_exit(void)
{
	kthread_stop(cdev->writeback);
	kfree(cdev);
}

module_init(park_helper_init);
module_exit(park_helper_exit);
MODULE_LICENSE("GPL");
