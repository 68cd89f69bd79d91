// SPDX-License-Identifier: GPL-2.0
/*
 * atomic_t flags: the thread polls atomic_read(&stop_req) and publishes a
 * "running" flag that the exit path waits to drop to zero.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/atomic.h>

static atomic_t stop_req = ATOMIC_INIT(0);
static atomic_t running = ATOMIC_INIT(0);
static atomic_t samples = ATOMIC_INIT(0);

static int sampler(void *data)
{
	atomic_set(&running, 1);
	while (!atomic_read(&stop_req)) {
		atomic_inc(&samples);
		msleep(20);
	}
	atomic_set(&running, 0);
	do_exit(0);
}

static int __init atomic_running_init(void)
{
	kthread_run(sampler, NULL, "sampler");
	return 0;
}

static void __exit atomic_running_exit(void)
{
	atomic_set(&stop_req, 1);
	while (atomic_read(&running))
		msleep(1);
	pr_info("atomic_running: %d samples\n", atomic_read(&samples));
}

module_init(atomic_running_init);
module_exit(atomic_running_exit);
MODULE_LICENSE("GPL");
