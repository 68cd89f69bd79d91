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

struct sampler {
	int id;
	pid_t thread_pid;
	struct completion thread_exit;
	unsigned int samples;
};

static struct sampler *smp;

static int sampler_thread(void *data)
{
	struct sampler *s = data;

	daemonize("sampler%d", s->id);
	allow_signal(SIGTERM);

	while (!signal_pending(current)) {
		s->samples++;
		msleep_interruptible(30);
	}
	complete_and_exit(&s->thread_exit, 0);
}

static int __init member_pid_init(void)
{
	int ret;

	smp = kzalloc(sizeof(*smp), GFP_KERNEL);
	if (!smp)
		return -ENOMEM;
	smp->id = 3;
	init_completion(&smp->thread_exit);

	smp->thread_pid = kernel_thread(sampler_thread, smp, CLONE_KERNEL);
	if (smp->thread_pid < 0) {
		ret = smp->thread_pid;
		kfree(smp);
		return ret;
	}
	return 0;
}

static void __exit member_pid_exit(void)
{
	kill_proc(smp->thread_pid, SIGTERM, 1);
	wait_for_completion(&smp->thread_exit);
	pr_info("member_pid: %u samples\n", smp->samples);
	kfree(smp);
}

module_init(member_pid_init);
module_exit(member_pid_exit);
MODULE_LICENSE("GPL");
