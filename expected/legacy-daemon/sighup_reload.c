// SPDX-License-Identifier: GPL-2.0
/*
 * SIGKILL stops the daemon, SIGHUP makes it re-read its settings: the
 * thread flushes its signals and reloads when signal_pending(), the
 * "reload" module parameter kill_proc()s it with SIGHUP once it runs.
 * The stop becomes kthread_stop(); the SIGHUP path stays (sent to the
 * task pointer now, under the equivalent test) and is reported: the
 * thread still relies on it.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *cfg_task;
static unsigned int cfg_generation;
static unsigned int cfg_polls;

static int cfg_reload_set(const char *val, const struct kernel_param *kp)
{
	if (!IS_ERR_OR_NULL(cfg_task))
		send_sig(SIGHUP, cfg_task, 1);
	return 0;
}

static const struct kernel_param_ops cfg_reload_ops = {
	.set = cfg_reload_set,
};
module_param_cb(reload, &cfg_reload_ops, NULL, 0200);

static int cfg_daemon(void *data)
{
	allow_signal(SIGHUP);

	while (1) {
		if (signal_pending(current)) {
			flush_signals(current);
			cfg_generation++;
		}
		cfg_polls++;
		msleep_interruptible(50);
		if (kthread_should_stop())
			break;
	}
	return 0;
}

static int __init sighup_reload_init(void)
{
	cfg_task = kthread_run(cfg_daemon, NULL, "cfgd");
	if (IS_ERR(cfg_task))
		return PTR_ERR(cfg_task);
	return 0;
}

static void __exit sighup_reload_exit(void)
{
	kthread_stop(cfg_task);
	pr_info("sighup_reload: generation %u after %u polls\n",
		cfg_generation, cfg_polls);
}

module_init(sighup_reload_init);
module_exit(sighup_reload_exit);
MODULE_LICENSE("GPL");
