// SPDX-License-Identifier: GPL-2.0
/*
 * Bits in a flags word: WORKER_STOP is the stop request, WORKER_EXITED the
 * exit handshake, WORKER_BUSY is real state and must stay.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/bitops.h>

#define WORKER_STOP	0
#define WORKER_EXITED	1
#define WORKER_BUSY	2

static unsigned long worker_flags;
static struct task_struct *bit_worker_task;

static int bit_worker(void *data)
{
	while (!kthread_should_stop()) {
		set_bit(WORKER_BUSY, &worker_flags);
		msleep(10);
		clear_bit(WORKER_BUSY, &worker_flags);
		msleep(40);
	}
	return 0;
}

static int __init test_bit_flags_init(void)
{
	bit_worker_task = kthread_run(bit_worker, NULL, "bit_worker");
	if (IS_ERR(bit_worker_task))
		return PTR_ERR(bit_worker_task);
	return 0;
}

static void __exit test_bit_flags_exit(void)
{
	kthread_stop(bit_worker_task);
	WARN_ON(test_bit(WORKER_BUSY, &worker_flags));
}

module_init(test_bit_flags_init);
module_exit(test_bit_flags_exit);
MODULE_LICENSE("GPL");
