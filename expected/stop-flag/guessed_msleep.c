// SPDX-License-Identifier: GPL-2.0
/*
 * No exit handshake at all: the exit path sets the flag and guesses how
 * long the thread needs to notice it with msleep().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *sleeper_task;

static int sleeper(void *data)
{
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static int __init guessed_msleep_init(void)
{
	sleeper_task = kthread_run(sleeper, NULL, "sleeper");
	if (IS_ERR(sleeper_task))
		return PTR_ERR(sleeper_task);
	return 0;
}

static void __exit guessed_msleep_exit(void)
{
	kthread_stop(sleeper_task);
}

module_init(guessed_msleep_init);
module_exit(guessed_msleep_exit);
MODULE_LICENSE("GPL");
