// SPDX-License-Identifier: GPL-2.0
/*
 * Family D: kthread_run() is there, but the thread still allows SIGKILL,
 * polls signal_pending() and is stopped with send_sig() plus a wait on
 * the completion it ends with (kthread_complete_and_exit(), so this input
 * builds on 6.1 as it is). Only the stop protocol changes.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

struct monitor {
	struct task_struct *task;
	struct completion done;
	unsigned long beats;
};

static struct monitor mon;

static int monitor_fn(void *arg)
{
	struct monitor *m = arg;

	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		m->beats++;
		schedule_timeout_interruptible(msecs_to_jiffies(40));
	}
	kthread_complete_and_exit(&m->done, 0);
}

static int __init kthread_send_sig_init(void)
{
	init_completion(&mon.done);
	mon.task = kthread_run(monitor_fn, &mon, "monitor");
	if (IS_ERR(mon.task))
		return PTR_ERR(mon.task);
	return 0;
}

static void __exit kthread_send_sig_exit(void)
{
	send_sig(SIGKILL, mon.task, 1);
	wait_for_completion(&mon.done);
	pr_info("kthread_send_sig: %lu beats\n", mon.beats);
}

module_init(kthread_send_sig_init);
module_exit(kthread_send_sig_exit);
MODULE_LICENSE("GPL");
