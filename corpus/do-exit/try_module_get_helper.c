// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU poller started with kthread_run_on_cpu() after
 * try_module_get(THIS_MODULE), ending with module_put_and_kthread_exit(0)
 * (the 5.17 spelling). The module exit path stops it through a helper,
 * stop_poller(), with kthread_stop(): the reference is not needed, the
 * try_module_get() test goes with it and the thread returns.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *poller_task;
static unsigned long polls;

static int poller(void *data)
{
	while (!kthread_should_stop()) {
		polls++;
		usleep_range(20000, 30000);
	}
	module_put_and_kthread_exit(0);
}

static void stop_poller(void)
{
	kthread_stop(poller_task);
	pr_info("try_module_get_helper: %lu polls\n", polls);
}

static int __init try_module_get_helper_init(void)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	poller_task = kthread_run_on_cpu(poller, NULL, 0, "poller/%u");
	if (IS_ERR(poller_task)) {
		module_put(THIS_MODULE);
		return PTR_ERR(poller_task);
	}
	return 0;
}

static void __exit try_module_get_helper_exit(void)
{
	stop_poller();
}

module_init(try_module_get_helper_init);
module_exit(try_module_get_helper_exit);
MODULE_LICENSE("GPL");
