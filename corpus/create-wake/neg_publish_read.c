// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, reported: the task pointer is published in the device
 * structure between creation and wake-up, and the thread reads it from
 * there (it checks that it runs as dev->task). With kthread_run() the
 * thread could run before the store.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct chan {
	struct task_struct *task;
	unsigned long wakeups;
};

static struct chan *the_chan;

static int chan_fn(void *arg)
{
	struct chan *dev = arg;

	WARN_ON(dev->task != current);
	while (!kthread_should_stop()) {
		dev->wakeups++;
		msleep(50);
	}
	return 0;
}

static int __init neg_publish_read_init(void)
{
	struct chan *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	struct task_struct *t;

	if (!dev)
		return -ENOMEM;
	t = kthread_create(chan_fn, dev, "chan");
	if (IS_ERR(t)) {
		kfree(dev);
		return PTR_ERR(t);
	}
	dev->task = t;
	wake_up_process(t);
	the_chan = dev;
	return 0;
}

static void __exit neg_publish_read_exit(void)
{
	kthread_stop(the_chan->task);
	kfree(the_chan);
}

module_init(neg_publish_read_init);
module_exit(neg_publish_read_exit);
MODULE_LICENSE("GPL");
