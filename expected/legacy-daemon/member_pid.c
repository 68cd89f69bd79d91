// SPDX-License-Identifier: GPL-2.0
/*
 * Driver-style private data: the pid and the exit completion are members
 * of a kzalloc()ed struct that the thread gets as its argument. The name
 * daemonize() builds from the thread's own view of the struct must be
 * built from the starter's view for kthread_run().
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/kthread.h>

struct sampler {
	int id;
	struct task_struct *thread_task;
	unsigned int samples;
};

static struct sampler *smp;

static int sampler_thread(void *data)
{
	struct sampler *s = data;

	while (!kthread_should_stop()) {
		s->samples++;
		msleep_interruptible(30);
	}
	return 0;
}

static int __init member_pid_init(void)
{
	int ret;

	smp = kzalloc(sizeof(*smp), GFP_KERNEL);
	if (!smp)
		return -ENOMEM;
	smp->id = 3;

	smp->thread_task = kthread_run(sampler_thread, smp, "sampler%d",
				       smp->id);
	if (IS_ERR(smp->thread_task)) {
		ret = PTR_ERR(smp->thread_task);
		kfree(smp);
		return ret;
	}
	return 0;
}

static void __exit member_pid_exit(void)
{
	kthread_stop(smp->thread_task);
	pr_info("member_pid: %u samples\n", smp->samples);
	kfree(smp);
}

module_init(member_pid_init);
module_exit(member_pid_exit);
MODULE_LICENSE("GPL");
