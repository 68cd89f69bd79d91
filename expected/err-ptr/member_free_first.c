// SPDX-License-Identifier: GPL-2.0
/*
 * The task pointer is a member of an allocated device structure, tested
 * with "== NULL". The failure branch frees the structure before it
 * returns, so PTR_ERR(dev->task) cannot be read there any more: the test
 * becomes IS_ERR() and the -ENOMEM constant stays, which is still a
 * correct error code.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct meter {
	struct task_struct *task;
	unsigned long readings;
};

static struct meter *the_meter;

static int meter_fn(void *arg)
{
	struct meter *m = arg;

	while (!kthread_should_stop()) {
		m->readings++;
		msleep(50);
	}
	return 0;
}

static int __init member_free_first_init(void)
{
	struct meter *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->task = kthread_run(meter_fn, m, "meter");
	if (IS_ERR(m->task)) {
		kfree(m);
		return -ENOMEM;
	}
	the_meter = m;
	return 0;
}

static void __exit member_free_first_exit(void)
{
	kthread_stop(the_meter->task);
	kfree(the_meter);
}

module_init(member_free_first_init);
module_exit(member_free_first_exit);
MODULE_LICENSE("GPL");
