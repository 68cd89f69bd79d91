// SPDX-License-Identifier: GPL-2.0
/*
 * The stop path of the split driver.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include "split_stopper.h"

void split_stopper_stop(void)
{
	kthread_stop(poller_thread_task);
}
