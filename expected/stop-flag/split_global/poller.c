// SPDX-License-Identifier: GPL-2.0
/*
 * The polling thread of the split driver; its flags are defined in main.c.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_global.h"

int poller_thread(void *data)
{
	while (!kthread_should_stop())
		msleep(30);
	return 0;
}
