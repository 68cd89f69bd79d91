// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported): the completion the worker signals as it ends is
 * also waited for by a second thread, which logs the worker's end. It has
 * a job besides the exit handshake, so it cannot go, and the worker must
 * keep signalling it.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static DECLARE_COMPLETION(worker_done);
static int worker_stop;
static struct task_struct *watcher_task;
static unsigned int work;

static int worker(void *data)
{
	while (!worker_stop) {
		work++;
		msleep(20);
	}
	complete_all(&worker_done);
	return 0;
}

static int watcher(void *data)
{
	wait_for_completion(&worker_done);
	pr_info("neg_shared_waiter: worker gone after %u\n", work);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static int __init neg_shared_waiter_init(void)
{
	struct task_struct *t;

	watcher_task = kthread_run(watcher, NULL, "watcher");
	if (IS_ERR(watcher_task))
		return PTR_ERR(watcher_task);
	t = kthread_run(worker, NULL, "worker");
	if (IS_ERR(t)) {
		kthread_stop(watcher_task);
		return PTR_ERR(t);
	}
	return 0;
}

static void __exit neg_shared_waiter_exit(void)
{
	worker_stop = 1;
	wait_for_completion(&worker_done);
	kthread_stop(watcher_task);
}

module_init(neg_shared_waiter_init);
module_exit(neg_shared_waiter_exit);
MODULE_LICENSE("GPL");
