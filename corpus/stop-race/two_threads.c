// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads: the reader gives up after too many empty polls and returns
 * before it is stopped; the writer only ends on kthread_should_stop(). The
 * reader is stopped in two places, the init unwind path and module exit,
 * and both kthread_stop() calls are reported. Only the reader changes.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

#define MAX_EMPTY 1000000

static struct task_struct *reader_task, *writer_task;
static atomic_t fill = ATOMIC_INIT(0);

static int reader(void *data)
{
	unsigned int empty = 0;

	while (!kthread_should_stop()) {
		if (atomic_read(&fill) == 0) {
			if (++empty > MAX_EMPTY)
				return -ETIMEDOUT;
		} else {
			atomic_dec(&fill);
			empty = 0;
		}
		msleep(5);
	}
	return 0;
}

static int writer(void *data)
{
	while (!kthread_should_stop()) {
		if (atomic_read(&fill) < 16)
			atomic_inc(&fill);
		msleep(7);
	}
	return 0;
}

static int __init two_threads_init(void)
{
	reader_task = kthread_run(reader, NULL, "reader");
	if (IS_ERR(reader_task))
		return PTR_ERR(reader_task);
	writer_task = kthread_run(writer, NULL, "writer");
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
