// SPDX-License-Identifier: GPL-2.0
/*
 * A struct-driven driver: the device structure is allocated at init and
 * holds the task pointer; the thread gets the structure as its argument,
 * is created with kthread_create_on_node() and ends with do_exit(0).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/numa.h>

struct sampler {
	struct task_struct *thread;
	unsigned int interval_ms;
	u64 samples;
};

static struct sampler *the_sampler;

static int sampler_thread(void *arg)
{
	struct sampler *s = arg;

	while (!kthread_should_stop()) {
		s->samples++;
		msleep(s->interval_ms);
	}
	pr_info("struct_driver: %llu samples\n", s->samples);
	return 0;
}

static int __init struct_driver_init(void)
{
	struct sampler *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->interval_ms = 40;
	s->thread = kthread_create_on_node(sampler_thread, s, NUMA_NO_NODE,
					   "sampler");
	if (IS_ERR(s->thread)) {
		int err = PTR_ERR(s->thread);

		kfree(s);
		return err;
	}
	wake_up_process(s->thread);
	the_sampler = s;
	return 0;
}

static void __exit struct_driver_exit(void)
{
	kthread_stop(the_sampler->thread);
	kfree(the_sampler);
}

module_init(struct_driver_init);
module_exit(struct_driver_exit);
MODULE_LICENSE("GPL");
