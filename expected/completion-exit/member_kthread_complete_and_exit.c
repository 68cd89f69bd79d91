// SPDX-License-Identifier: GPL-2.0
/*
 * A driver-style private structure allocated at init holds the task
 * pointer (tested against NULL), the stop flag and the completion; the
 * thread reaches them through its argument and ends with the 5.17 name,
 * kthread_complete_and_exit(). The remove path raises the flag and waits
 * for the completion.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct ticker {
	struct task_struct *task;
	unsigned int ticks;
};

static struct ticker *tk;

static int ticker_fn(void *data)
{
	struct ticker *t = data;

	while (!kthread_should_stop()) {
		t->ticks++;
		msleep(25);
	}
	return 0;
}

static int __init member_kthread_complete_and_exit_init(void)
{
	tk = kzalloc(sizeof(*tk), GFP_KERNEL);
	if (!tk)
		return -ENOMEM;
	tk->task = kthread_run(ticker_fn, tk, "ticker");
	if (IS_ERR(tk->task)) {
		kfree(tk);
		return -ENOMEM;
	}
	return 0;
}

static void __exit member_kthread_complete_and_exit_exit(void)
{
	kthread_stop(tk->task);
	pr_info("member_kthread_complete_and_exit: %u ticks\n", tk->ticks);
	kfree(tk);
}

module_init(member_kthread_complete_and_exit_init);
module_exit(member_kthread_complete_and_exit_exit);
MODULE_LICENSE("GPL");
