// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: an error flag set by the thread and read by the exit path,
 * next to a correct kthread_should_stop() loop. The error flag must stay.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *probe_task;
static int probe_error;
static unsigned int probes;

static int prober(void *data)
{
	while (!kthread_should_stop()) {
		if (++probes > 1000000)
			probe_error = 1;
		msleep(30);
	}
	return 0;
}

static int __init neg_error_flag_init(void)
{
	probe_task = kthread_run(prober, NULL, "prober");
	if (IS_ERR(probe_task))
		return PTR_ERR(probe_task);
	return 0;
}

static void __exit neg_error_flag_exit(void)
{
	kthread_stop(probe_task);
	if (probe_error)
		pr_warn("neg_error_flag: probe overflow\n");
}

module_init(neg_error_flag_init);
module_exit(neg_error_flag_exit);
MODULE_LICENSE("GPL");
