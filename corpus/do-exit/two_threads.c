// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, a producer and a consumer sharing an atomic counter, both
 * ending with do_exit(0); one is started with kthread_run(), the other
 * with kthread_create() and wake_up_process(). Both ends become returns.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/atomic.h>

static struct task_struct *producer_task;
static struct task_struct *consumer_task;
static atomic_t items = ATOMIC_INIT(0);

static int producer(void *data)
{
	while (!kthread_should_stop()) {
		atomic_inc(&items);
		msleep(20);
	}
	do_exit(0);
}

static int consumer(void *data)
{
	while (!kthread_should_stop()) {
		atomic_add_unless(&items, -1, 0);
		msleep(30);
	}
	do_exit(0);
}

static int __init two_threads_init(void)
{
	producer_task = kthread_run(producer, NULL, "producer");
	if (IS_ERR(producer_task))
		return PTR_ERR(producer_task);
	consumer_task = kthread_create(consumer, NULL, "consumer");
	if (IS_ERR(consumer_task)) {
		kthread_stop(producer_task);
		return PTR_ERR(consumer_task);
	}
	wake_up_process(consumer_task);
	return 0;
}

static void __exit two_threads_exit(void)
{
	kthread_stop(consumer_task);
	kthread_stop(producer_task);
	pr_info("two_threads: %d items left\n", atomic_read(&items));
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
