// SPDX-License-Identifier: GPL-2.0
/*
 * No exit handshake at all: the exit path sets the flag and guesses how
 * long the thread needs to notice it with msleep().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int time_to_die;

static int sleeper(void *data)
{
	while (!time_to_die)
		msleep(20);
	return 0;
}

static int __init guessed_msleep_init(void)
{
	kthread_run(sleeper, NULL, "sleeper");
	return 0;
}

static void __exit guessed_msleep_exit(void)
{
	time_to_die = 1;
	msleep(500);
}

module_init(guessed_msleep_init);
module_exit(guessed_msleep_exit);
MODULE_LICENSE("GPL");
