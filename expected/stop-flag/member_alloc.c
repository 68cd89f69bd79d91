// SPDX-License-Identifier: GPL-2.0
/*
 * A driver-style private struct allocated at init: the task pointer is
 * already a member, tested against NULL; the stop flag and the stopped
 * flag are members too and the thread reaches them through its argument.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct scanner_priv {
	struct task_struct *thread;
	unsigned int scans;
};

static struct scanner_priv *priv;

static int scanner_thread(void *arg)
{
	struct scanner_priv *p = arg;

	while (!kthread_should_stop()) {
		p->scans++;
		msleep(30);
	}
	return 0;
}

static int __init member_alloc_init(void)
{
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->thread = kthread_run(scanner_thread, priv, "scanner");
	if (IS_ERR(priv->thread)) {
		kfree(priv);
		return -ENOMEM;
	}
	return 0;
}

static void __exit member_alloc_exit(void)
{
	kthread_stop(priv->thread);
	pr_info("member_alloc: %u scans\n", priv->scans);
	kfree(priv);
}

module_init(member_alloc_init);
module_exit(member_alloc_exit);
MODULE_LICENSE("GPL");
