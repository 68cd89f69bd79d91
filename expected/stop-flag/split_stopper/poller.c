// SPDX-License-Identifier: GPL-2.0
/*
 * The polling thread of the split driver.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_stopper.h"

int poller_thread(void *data)
{
	while (!kthread_should_stop())
		msleep(30);
	return 0;
}
