// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): SIGKILL stops the thread and SIGHUP
 * makes it reload, and one signal_pending() test handles both by looking
 * at which signal it dequeued. The stop and the work cannot be told apart
 * by the test, so the signal code stays as it is.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct task_struct *mix_task;
static DECLARE_COMPLETION(mix_done);
static unsigned int reloads;

static int mix_thread(void *data)
{
	allow_signal(SIGKILL);
	allow_signal(SIGHUP);
	for (;;) {
		msleep_interruptible(40);
		if (signal_pending(current)) {
			int sig = kernel_dequeue_signal();

			if (sig == SIGKILL)
				break;
			reloads++;
		}
	}
	kthread_complete_and_exit(&mix_done, 0);
}

static int __init neg_signal_mixed_init(void)
{
	mix_task = kthread_run(mix_thread, NULL, "mix_thread");
	if (IS_ERR(mix_task))
		return PTR_ERR(mix_task);
	return 0;
}

static void __exit neg_signal_mixed_exit(void)
{
	send_sig(SIGKILL, mix_task, 1);
	wait_for_completion(&mix_done);
	pr_info("neg_signal_mixed: %u reloads\n", reloads);
}

module_init(neg_signal_mixed_init);
module_exit(neg_signal_mixed_exit);
MODULE_LICENSE("GPL");
