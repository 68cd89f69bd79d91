// SPDX-License-Identifier: GPL-2.0
/*
 * Report only. The thread returns the device's last error when too many
 * errors pile up, before kthread_stop(). The returned value is read from
 * the shared device structure, which other code can change while a parked
 * thread waits; parking before the return would change what
 * kthread_stop() reports, so the rule does not patch it. The error limit
 * is never reached in practice.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct monitor {
	struct task_struct *task;
	int last_error;
	unsigned int errors;
	unsigned int checks;
};

static struct monitor *mon;

static int monitor_fn(void *data)
{
	struct monitor *m = data;

	while (!kthread_should_stop()) {
		m->checks++;
		if (m->errors > 100)
			return m->last_error;
		msleep(30);
	}
	return 0;
}

static int __init unstable_return_init(void)
{
	mon = kzalloc(sizeof(*mon), GFP_KERNEL);
	if (!mon)
		return -ENOMEM;
	mon->task = kthread_run(monitor_fn, mon, "monitor_fn");
	if (IS_ERR(mon->task)) {
		int err = PTR_ERR(mon->task);

		kfree(mon);
		return err;
	}
	return 0;
}

static void __exit unstable_return_exit(void)
{
	kthread_stop(mon->task);
	kfree(mon);
}

module_init(unstable_return_init);
module_exit(unstable_return_exit);
MODULE_LICENSE("GPL");
