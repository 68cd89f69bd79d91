// SPDX-License-Identifier: GPL-2.0
/*
 * A volatile int flag tested inside while (1), the exit path busy-waits
 * with cpu_relax(), and the thread ends with do_exit().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static volatile int quit;
static volatile int done;

static int heartbeat(void *data)
{
	while (1) {
		if (quit)
			break;
		pr_debug("heartbeat\n");
		msleep_interruptible(50);
	}
	done = 1;
	do_exit(0);
}

static int __init volatile_while1_init(void)
{
	kthread_run(heartbeat, NULL, "heartbeat");
	return 0;
}

static void __exit volatile_while1_exit(void)
{
	quit = 1;
	while (!done)
		cpu_relax();
}

module_init(volatile_while1_init);
module_exit(volatile_while1_exit);
MODULE_LICENSE("GPL");
