// SPDX-License-Identifier: GPL-2.0
/*
 * atomic_t flags: the thread polls atomic_read(&stop_req) and publishes a
 * "running" flag that the exit path waits to drop to zero.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/atomic.h>

static struct task_struct *sampler_task;
static atomic_t samples = ATOMIC_INIT(0);

static int sampler(void *data)
{
	while (!kthread_should_stop()) {
		atomic_inc(&samples);
		msleep(20);
	}
	return 0;
}

static int __init atomic_running_init(void)
{
	sampler_task = kthread_run(sampler, NULL, "sampler");
	if (IS_ERR(sampler_task))
		return PTR_ERR(sampler_task);
	return 0;
}

static void __exit atomic_running_exit(void)
{
	kthread_stop(sampler_task);
	pr_info("atomic_running: %d samples\n", atomic_read(&samples));
}

module_init(atomic_running_init);
module_exit(atomic_running_exit);
MODULE_LICENSE("GPL");
