// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread tests the flag, then sets
 * its state and calls schedule(). A stop request between the two is lost;
 * a plain kthread_should_stop() rewrite would keep that window.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/delay.h>

static struct task_struct *napper;
static int stop;
static int stopped;

static int napper_fn(void *data)
{
	while (!stop) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	stopped = 1;
	return 0;
}

static int __init neg_lost_wakeup_init(void)
{
	napper = kthread_run(napper_fn, NULL, "napper_fn");
	if (IS_ERR(napper))
		return PTR_ERR(napper);
	return 0;
}

static void __exit neg_lost_wakeup_exit(void)
{
	stop = 1;
	wake_up_process(napper);
	while (!stopped)
		msleep(1);
}

module_init(neg_lost_wakeup_init);
module_exit(neg_lost_wakeup_exit);
MODULE_LICENSE("GPL");
