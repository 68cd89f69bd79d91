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

static struct completion sampler_exited;
static bool sampler_stop;
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

	while (!sampler_stop) {
		ret = take_sample();
		if (ret < 0)
			goto out;
		msleep(20);
	}
out:
	complete(&sampler_exited);
	return ret;
}

static int __init error_goto_init(void)
{
	init_completion(&sampler_exited);
	kthread_run(sampler, NULL, "sampler");
	return 0;
}

static void __exit error_goto_exit(void)
{
	sampler_stop = true;
	wait_for_completion(&sampler_exited);
	pr_info("error_goto: %u samples\n", samples);
}

module_init(error_goto_init);
module_exit(error_goto_exit);
MODULE_LICENSE("GPL");
