// SPDX-License-Identifier: GPL-2.0
/*
 * do_exit(ret) with a variable: the thread hands a status back, which the
 * exit path reads from kthread_stop(). "return ret;" keeps the status.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *scrub_task;

static int scrubber(void *data)
{
	unsigned int passes = 0;
	int ret = 0;

	while (!kthread_should_stop()) {
		if (++passes == 0)
			ret = -EOVERFLOW;
		msleep_interruptible(50);
	}
	pr_info("exit_code_var: %u passes\n", passes);
	return ret;
}

static int __init exit_code_var_init(void)
{
	scrub_task = kthread_run(scrubber, NULL, "scrubber");
	if (IS_ERR(scrub_task))
		return PTR_ERR(scrub_task);
	return 0;
}

static void __exit exit_code_var_exit(void)
{
	int ret = kthread_stop(scrub_task);

	pr_info("exit_code_var: scrubber returned %d\n", ret);
}

module_init(exit_code_var_init);
module_exit(exit_code_var_exit);
MODULE_LICENSE("GPL");
