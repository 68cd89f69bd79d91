// SPDX-License-Identifier: GPL-2.0
/*
 * An error inside the loop leaves the thread early with a goto to the
 * completion at its end (the usbatm shape). After the rewrite that path
 * must not return before the thread is stopped (hazard 1), so the end
 * waits for kthread_stop() and the error code still reaches it. The
 * sampler fails after five samples, so the module is unloaded while its
 * thread waits there.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct task_struct *sampler_task;
static unsigned int samples;

static int take_sample(void)
{
	if (samples == 5)
		return -EIO;
	samples++;
	return 0;
}

static int sampler(void *data)
{
	int ret = 0;

	while (!kthread_should_stop()) {
		ret = take_sample();
		if (ret < 0)
			goto out;
		msleep(20);
	}
out:
	/* Wait for kthread_stop(): it must not find this task gone. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return ret;
}

static int __init error_goto_init(void)
{
	sampler_task = kthread_run(sampler, NULL, "sampler");
	if (IS_ERR(sampler_task))
		return PTR_ERR(sampler_task);
	return 0;
}

static void __exit error_goto_exit(void)
{
	kthread_stop(sampler_task);
	pr_info("error_goto: %u samples\n", samples);
}

module_init(error_goto_init);
module_exit(error_goto_exit);
MODULE_LICENSE("GPL");
