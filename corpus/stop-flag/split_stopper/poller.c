// SPDX-License-Identifier: GPL-2.0
/*
 * The polling thread of the split driver.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_stopper.h"

int poller_thread(void *data)
{
	while (!poller_must_exit)
		msleep(30);
	poller_exited = 1;
	return 0;
}
