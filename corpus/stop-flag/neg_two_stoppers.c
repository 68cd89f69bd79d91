// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread can be stopped both by
 * writing 0 to the "enabled" parameter and by module exit. The hand-rolled
 * handshake tolerates a second stop; a second kthread_stop() on a thread
 * that is already gone would not.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int must_exit;
static int exited;

static int sweeper(void *data)
{
	while (!must_exit)
		msleep(50);
	exited = 1;
	return 0;
}

static int enabled_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int err = kstrtobool(val, &on);

	if (err)
		return err;
	if (!on) {
		must_exit = 1;
		while (!exited)
			msleep(1);
	}
	return 0;
}

static const struct kernel_param_ops enabled_ops = {
	.set = enabled_set,
	.get = param_get_bool,
};
static bool enabled = true;
module_param_cb(enabled, &enabled_ops, &enabled, 0644);

static int __init neg_two_stoppers_init(void)
{
	kthread_run(sweeper, NULL, "sweeper");
	return 0;
}

static void __exit neg_two_stoppers_exit(void)
{
	must_exit = 1;
	while (!exited)
		msleep(1);
}

module_init(neg_two_stoppers_init);
module_exit(neg_two_stoppers_exit);
MODULE_LICENSE("GPL");
