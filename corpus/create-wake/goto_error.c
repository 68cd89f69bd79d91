// SPDX-License-Identifier: GPL-2.0
/*
 * The start is made in a helper of the init function, and its failure
 * sets the error code and jumps to the unwinding code; the wake-up comes
 * right after that test. kthread_run().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct queue {
	struct task_struct *worker;
	int *slots;
};

static struct queue q;

static int queue_worker(void *arg)
{
	struct queue *queue = arg;
	unsigned int i = 0;

	while (!kthread_should_stop()) {
		queue->slots[i++ % 16]++;
		msleep(50);
	}
	return 0;
}

static int queue_start(struct queue *queue)
{
	int err;

	queue->slots = kcalloc(16, sizeof(*queue->slots), GFP_KERNEL);
	if (!queue->slots)
		return -ENOMEM;
	queue->worker = kthread_create(queue_worker, queue, "queue_worker");
	if (IS_ERR(queue->worker)) {
		err = PTR_ERR(queue->worker);
		goto out_free;
	}
	wake_up_process(queue->worker);
	return 0;

out_free:
	kfree(queue->slots);
	return err;
}

static int __init goto_error_init(void)
{
	return queue_start(&q);
}

static void __exit goto_error_exit(void)
{
	kthread_stop(q.worker);
	kfree(q.slots);
}

module_init(goto_error_init);
module_exit(goto_error_exit);
MODULE_LICENSE("GPL");
