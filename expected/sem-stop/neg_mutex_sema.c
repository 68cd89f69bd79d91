// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported): a semaphore used as a mutex by the thread and the
 * stop path. The thread ends with up() and return, and the stop path
 * raises the flag and then downs the semaphore, which looks like a
 * terminate handshake; but the semaphore starts at 1 and both sides take
 * and release it around the counter, so it is a lock. The thread may
 * return before kthread_stop() here, which is why the init function takes
 * a task reference (hazard 1 handled the documented way).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/sched/task.h>
#include <linux/delay.h>

static struct semaphore io_sem;
static int io_stop;
static struct task_struct *io_task;
static unsigned int io_count;

static int io_thread(void *data)
{
	while (!io_stop) {
		down(&io_sem);
		io_count++;
		up(&io_sem);
		msleep(20);
	}
	down(&io_sem);
	io_count = 0;
	up(&io_sem);
	return 0;
}

static int __init neg_mutex_sema_init(void)
{
	sema_init(&io_sem, 1);
	io_task = kthread_run(io_thread, NULL, "io_thread");
	if (IS_ERR(io_task))
		return PTR_ERR(io_task);
	get_task_struct(io_task);
	return 0;
}

static void __exit neg_mutex_sema_exit(void)
{
	io_stop = 1;
	down(&io_sem);
	pr_info("neg_mutex_sema: %u\n", io_count);
	up(&io_sem);
	kthread_stop(io_task);
	put_task_struct(io_task);
}

module_init(neg_mutex_sema_init);
module_exit(neg_mutex_sema_exit);
MODULE_LICENSE("GPL");
