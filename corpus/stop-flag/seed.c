// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical hand-rolled stop: a global must_exit flag polled by the
 * thread loop, an exited flag the exit path spins on with msleep(1), and
 * do_exit(0) at the end of the thread. The kthread_run() result is dropped.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static int must_exit;
static int exited;

static int seed_thread(void *data)
{
	exited = 0;
	while (!must_exit) {
		pr_debug("seed: tick\n");
		msleep(100);
	}
	exited = 1;
	do_exit(0);
}

static int __init seed_init(void)
{
	kthread_run(seed_thread, NULL, "seed_thread");
	return 0;
}

static void __exit seed_exit(void)
{
	must_exit = 1;
	while (!exited) {
		set_current_state(TASK_INTERRUPTIBLE);
		msleep(1);
	}
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
