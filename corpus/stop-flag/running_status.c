// SPDX-License-Identifier: GPL-2.0
/*
 * A "running" flag the exit path waits on, also read by a status helper:
 * the flag must stay, only the busy-wait goes.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int stop_flag;
static int running;

static int monitor(void *data)
{
	running = 1;
	while (!stop_flag)
		msleep(50);
	running = 0;
	return 0;
}

static const char *monitor_state(void)
{
	return running ? "running" : "stopped";
}

static int __init running_status_init(void)
{
	kthread_run(monitor, NULL, "monitor");
	return 0;
}

static void __exit running_status_exit(void)
{
	stop_flag = 1;
	while (running)
		msleep(10);
	pr_info("running_status: monitor %s\n", monitor_state());
}

module_init(running_status_init);
module_exit(running_status_exit);
MODULE_LICENSE("GPL");
