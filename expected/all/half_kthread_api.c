// SPDX-License-Identifier: GPL-2.0
/*
 * The kthread API half used, three mistakes in one module: the thread is
 * created with kthread_create() and woken at once, its result is tested
 * against NULL, and it ends with do_exit(), which does not link since
 * 5.17. err-ptr, create-wake and do-exit compose into kthread_run() +
 * IS_ERR() + return.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *scrubber;

static int scrub_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(40);
	return 0;
}

static int __init half_kthread_api_init(void)
{
	scrubber = kthread_run(scrub_fn, NULL, "scrub_fn");
	if (IS_ERR(scrubber))
		return PTR_ERR(scrubber);
	return 0;
}

static void __exit half_kthread_api_exit(void)
{
	kthread_stop(scrubber);
}

module_init(half_kthread_api_init);
module_exit(half_kthread_api_exit);
MODULE_LICENSE("GPL");
