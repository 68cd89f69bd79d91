// SPDX-License-Identifier: GPL-2.0
/*
 * "if (unlikely(!task))" whose failure branch logs before it returns: the
 * test becomes IS_ERR() (which is unlikely() already); the branch does
 * more than return, so its -EAGAIN constant is kept.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *refresh_task;

static int refresher(void *data)
{
	while (!kthread_should_stop())
		usleep_range(40000, 60000);
	return 0;
}

static int __init unlikely_log_init(void)
{
	refresh_task = kthread_run(refresher, NULL, "refresher");
	if (IS_ERR(refresh_task)) {
		pr_err("unlikely_log: cannot start the refresher\n");
		return -EAGAIN;
	}
	return 0;
}

static void __exit unlikely_log_exit(void)
{
	kthread_stop(refresh_task);
}

module_init(unlikely_log_init);
module_exit(unlikely_log_exit);
MODULE_LICENSE("GPL");
