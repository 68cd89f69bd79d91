// SPDX-License-Identifier: GPL-2.0
/*
 * A completion kicks the thread between its periodic passes: it sleeps in
 * wait_for_completion_interruptible_timeout(), which ends by itself after
 * 100 ms. The exit path raises the flag, kicks and waits for the exit
 * completion. The periodic sleep bounds how long a stop can go unseen, so
 * the thread can poll kthread_should_stop(); the kick stays before
 * kthread_stop() and usually makes the stop immediate.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_COMPLETION(kick);
static struct task_struct *scrubber_task;
static unsigned int passes;

static int scrubber(void *data)
{
	while (!kthread_should_stop()) {
		wait_for_completion_interruptible_timeout(&kick, HZ / 10);
		passes++;
	}
	return 0;
}

static int __init kick_timeout_init(void)
{
	scrubber_task = kthread_run(scrubber, NULL, "scrubber");
	if (IS_ERR(scrubber_task))
		return PTR_ERR(scrubber_task);
	return 0;
}

static void __exit kick_timeout_exit(void)
{
	complete(&kick);
	kthread_stop(scrubber_task);
	pr_info("kick_timeout: %u passes\n", passes);
}

module_init(kick_timeout_init);
module_exit(kick_timeout_exit);
MODULE_LICENSE("GPL");
