// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads, each created, checked and woken in turn; the second's
 * failure stops the first. Both become kthread_run().
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *reader_task;
static struct task_struct *writer_task;

static int reader_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(40);
	return 0;
}

static int writer_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(70);
	return 0;
}

static int __init two_threads_init(void)
{
	reader_task = kthread_run(reader_fn, NULL, "reader");
	if (IS_ERR(reader_task))
		return PTR_ERR(reader_task);
	writer_task = kthread_run(writer_fn, NULL, "writer");
	if (IS_ERR(writer_task)) {
		kthread_stop(reader_task);
		return PTR_ERR(writer_task);
	}
	return 0;
}

static void __exit two_threads_exit(void)
{
	kthread_stop(writer_task);
	kthread_stop(reader_task);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
