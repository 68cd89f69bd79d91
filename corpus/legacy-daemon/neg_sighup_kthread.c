// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a kthread that already polls kthread_should_stop() and is
 * stopped with kthread_stop(), but lets SIGHUP in to re-read its settings
 * (root may "kill -HUP" it). Nothing here stops it with a signal, so the
 * signal code is work, not legacy stop plumbing: left alone.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/delay.h>

static struct task_struct *cfg_task;
static unsigned int cfg_generation;

static int cfg_thread(void *data)
{
	allow_signal(SIGHUP);
	while (!kthread_should_stop()) {
		if (signal_pending(current)) {
			flush_signals(current);
			cfg_generation++;
		}
		msleep_interruptible(50);
	}
	return 0;
}

static int __init neg_sighup_kthread_init(void)
{
	cfg_task = kthread_run(cfg_thread, NULL, "cfg_thread");
	if (IS_ERR(cfg_task))
		return PTR_ERR(cfg_task);
	return 0;
}

static void __exit neg_sighup_kthread_exit(void)
{
	kthread_stop(cfg_task);
	pr_info("neg_sighup_kthread: generation %u\n", cfg_generation);
}

module_init(neg_sighup_kthread_init);
module_exit(neg_sighup_kthread_exit);
MODULE_LICENSE("GPL");
