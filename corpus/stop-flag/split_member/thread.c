// SPDX-License-Identifier: GPL-2.0
/*
 * The thread of the split driver: polls the stop member set in core.c.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_member.h"

int split_thread(void *data)
{
	struct split_dev *dev = data;

	while (!dev->stop) {
		dev->ticks++;
		msleep(20);
	}
	dev->stopped = 1;
	return 0;
}
