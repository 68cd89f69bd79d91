// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: already the kthread API, with a pause flag next to
 * kthread_should_stop(). Nothing to rewrite; the pause flag is not a stop
 * request.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *pauser_task;
static bool paused;

static int pauser(void *data)
{
	while (!kthread_should_stop()) {
		if (paused) {
			msleep(100);
			continue;
		}
		msleep(20);
	}
	return 0;
}

static int __init neg_already_kthread_init(void)
{
	pauser_task = kthread_run(pauser, NULL, "pauser");
	if (IS_ERR(pauser_task))
		return PTR_ERR(pauser_task);
	paused = true;
	return 0;
}

static void __exit neg_already_kthread_exit(void)
{
	paused = false;
	kthread_stop(pauser_task);
}

module_init(neg_already_kthread_init);
module_exit(neg_already_kthread_exit);
MODULE_LICENSE("GPL");
