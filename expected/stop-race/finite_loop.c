// SPDX-License-Identifier: GPL-2.0
/*
 * Finite work: the thread calibrates for a fixed number of rounds and
 * returns, without ever looking at kthread_should_stop(); the exit path
 * still calls kthread_stop() on it, by then on a task that is long gone.
 * The thread waits for the stop request after its last round instead.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>

#define ROUNDS 4

static struct task_struct *calib_task;
static unsigned long deltas[ROUNDS];

static int calibrate(void *data)
{
	unsigned long t0;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		t0 = jiffies;
		msleep(10);
		deltas[i] = jiffies - t0;
	}
	/* Wait for kthread_stop(): it needs this task */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init finite_loop_init(void)
{
	calib_task = kthread_run(calibrate, NULL, "calibrate");
	if (IS_ERR(calib_task))
		return PTR_ERR(calib_task);
	return 0;
}

static void __exit finite_loop_exit(void)
{
	kthread_stop(calib_task);
	pr_info("finite_loop: first round took %lu jiffies\n", deltas[0]);
}

module_init(finite_loop_init);
module_exit(finite_loop_exit);
MODULE_LICENSE("GPL");
